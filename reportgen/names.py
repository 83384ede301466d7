"""The names a user types for the documents and the formats (``--doc``, ``--format``).

Known without reading any content or loading the pipeline: the command line needs them to
read its options before it knows whether there is any work to do.
"""

from __future__ import annotations

DOCUMENT_NAMES = ("committee-report", "strategic-assessment", "community-safety-plan")
"""Every document reportgen makes, in the order they are built and listed."""

FORMATS = ("docx", "pdf", "html")
"""Every format a document is written in."""

LIBRARY_FOLDER = "library"
"""The folder beside the year folders that holds what every year shares."""
