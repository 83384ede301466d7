"""The commands, as a Python API (the command line is a thin shell over it): each runs the
pipeline as far as it needs.

- :func:`check` — every problem in a year folder (or the shared library);
- :func:`build` — write the year's documents as DOCX, PDF and HTML;
- :func:`publish` — the agenda pack in a new published version;
- :func:`sign_off`, :func:`status` — record a sign-off, and see where they stand;
- :func:`read_year` — the validated year with its figures, for scripts of your own.
"""

from reportgen.commands.build import build, default_output
from reportgen.commands.gate import check, check_year, gate, read_year
from reportgen.commands.publish import Publication, publish
from reportgen.commands.signoff import sign_off, status

__all__ = [
    "Publication",
    "build",
    "check",
    "check_year",
    "default_output",
    "gate",
    "publish",
    "read_year",
    "sign_off",
    "status",
]
