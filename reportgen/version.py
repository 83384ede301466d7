"""reportgen's version, as installed (``0.0.0`` when run from a source tree not installed)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reportgen")
except PackageNotFoundError:
    __version__ = "0.0.0"
