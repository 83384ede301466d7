"""The commands, as a Python API (the command line is a thin shell over it): each runs the
pipeline as far as it needs.

- :func:`check` — every problem in a year folder (or the shared library);
- :func:`build` — write the year's documents as DOCX, PDF and HTML;
- :func:`publish` — the agenda pack in a new published version;
- :func:`diff` — what changed between two versions of a year, with redlines;
- :func:`sign_off`, :func:`status` — record a sign-off, and see where they stand;
- :func:`read_year` — the validated year with its figures, for scripts of your own;
- :func:`new_year` — next year's folder from this year's, or a starter year.
"""

from reportgen.commands.build import build, default_output
from reportgen.commands.diff import Difference, diff, last_published
from reportgen.commands.gate import check, check_year, gate, read_year
from reportgen.commands.new import NewYear, new_year
from reportgen.commands.publish import Publication, publish
from reportgen.commands.signoff import sign_off, status

__all__ = [
    "Difference",
    "NewYear",
    "Publication",
    "build",
    "check",
    "check_year",
    "default_output",
    "diff",
    "gate",
    "last_published",
    "new_year",
    "publish",
    "read_year",
    "sign_off",
    "status",
]
