"""reportgen: a Community Safety Partnership's yearly committee report, Strategic
Assessment and Community Safety Plan, built from one folder of YAML content a year.

The Python API (the command line is a thin shell over it):

- :func:`check` — every problem in a year folder;
- :func:`build` — write the year's documents as DOCX, PDF and HTML;
- :func:`read_year` — the validated content, for scripts of your own.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from reportgen.build import DOCUMENTS, FORMATS, build, check
from reportgen.year import Year, read_year

try:
    __version__ = version("reportgen")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"

__all__ = ["DOCUMENTS", "FORMATS", "Year", "__version__", "build", "check", "read_year"]
