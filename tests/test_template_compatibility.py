"""A council's own templates, copied from an earlier release, keep working: the values a
template is given only grow (charts still carry their pictures, a document of chapters
still has its subtitle and edition)."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import docx

from reportgen import build

EARLIER_TEMPLATES = Path(__file__).resolve().parent / "data" / "earlier-templates"
"""The built-in templates of the last release before the pipeline was laid out in steps."""


def _earlier_templates(folder: Path) -> Path:
    """The earlier release's built-in templates (kept in tests/data/earlier-templates, as
    they were at commit 661a7d0), as a council's own templates folder."""
    shutil.copytree(EARLIER_TEMPLATES, folder)
    return folder


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def test_earlier_html_templates_still_render(with_assessment: Path, tmp_path: Path) -> None:
    templates = _earlier_templates(tmp_path / "templates")
    out = tmp_path / "out"
    build(with_assessment, formats=["html"], out=out, templates=templates)
    parser = _Images()
    parser.feed((out / "strategic-assessment.html").read_text())
    charts = [image for image in parser.images if (image.get("alt") or "").startswith("SPC")]
    assert charts and (charts[0]["src"] or "").startswith("data:image/svg+xml;base64,")


def test_earlier_templates_show_the_plans_subtitle(sample_copy: Path, tmp_path: Path) -> None:
    templates = _earlier_templates(tmp_path / "templates")
    year = sample_copy / "2018-19"
    out = tmp_path / "out"
    build(
        year,
        documents=["community-safety-plan"],
        formats=["html", "docx"],
        out=out,
        templates=templates,
    )
    html = (out / "community-safety-plan.html").read_text()
    assert '<p class="subtitle">' in html
    paragraphs = [p.text for p in docx.Document(str(out / "community-safety-plan.docx")).paragraphs]
    assert any("Delivering Safer Communities" in text for text in paragraphs)
