"""The HTML redline of ``reportgen diff``: each document's text by section, removed words
in ``<del>`` and added ones in ``<ins>`` (struck through and underlined, announced to
screen readers), from the built-in template ``diff.html.j2``; all text escaped."""

from __future__ import annotations

from reportgen.compare import Comparison, headline
from reportgen.render.template_folders import render_html_template
from reportgen.render.tools import search_path


def render_redline_html(comparison: Comparison) -> str:
    """The comparison as one HTML page (en-GB)."""
    return render_html_template(
        search_path(None), "diff", comparison=comparison, headline=headline(comparison)
    )
