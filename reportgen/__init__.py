"""reportgen: a Community Safety Partnership's yearly committee report, Strategic
Assessment and Community Safety Plan, built from one folder of YAML content a year.

The pipeline runs one way — load → validate → compute → verify → compare → render →
write — with sign-off and the commands on top (see the README's "How it is built").

The Python API (the command line is a thin shell over it):

- :func:`check` — every problem in a year folder;
- :func:`build` — write the year's documents as DOCX, PDF and HTML;
- :func:`publish` — the agenda pack, in a new published version;
- :func:`diff` — what changed between two versions of a year, with redlines;
- :func:`sign_off`, :func:`status` — record a sign-off, and see where they all stand;
- :func:`read_year` — the validated content, for scripts of your own;
- :func:`new_year` — next year's folder from this year's, or a starter year.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reportgen.version import __version__

if TYPE_CHECKING:  # imported when first used: `reportgen --help` need not load the pipeline
    from reportgen.commands import (
        build,
        check,
        diff,
        new_year,
        publish,
        read_year,
        sign_off,
        status,
    )
    from reportgen.compute import DOCUMENTS
    from reportgen.names import FORMATS
    from reportgen.types import Year

_WHERE = {
    **dict.fromkeys(
        ("build", "check", "diff", "new_year", "publish", "read_year", "sign_off", "status"),
        "reportgen.commands",
    ),
    "DOCUMENTS": "reportgen.compute",
    "FORMATS": "reportgen.names",
    "Year": "reportgen.types",
}

__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "Year",
    "__version__",
    "build",
    "check",
    "diff",
    "new_year",
    "publish",
    "read_year",
    "sign_off",
    "status",
]


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


def __getattr__(name: str) -> Any:
    """The API's names, each imported from its module when first used."""
    if name not in _WHERE:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
