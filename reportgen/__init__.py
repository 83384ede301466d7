"""reportgen: a Community Safety Partnership's yearly committee report, Strategic
Assessment and Community Safety Plan, built from one folder of YAML content a year.

The Python API (the command line is a thin shell over it):

- :func:`check` — every problem in a year folder;
- :func:`build` — write the year's documents as DOCX, PDF and HTML;
- :func:`read_year` — the validated content, for scripts of your own.
"""

from __future__ import annotations

from reportgen.build import DOCUMENTS, FORMATS, build, check
from reportgen.version import __version__
from reportgen.year import Year, read_year

__all__ = ["DOCUMENTS", "FORMATS", "Year", "__version__", "build", "check", "read_year"]
