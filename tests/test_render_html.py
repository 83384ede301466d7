"""The HTML version, read back with an HTML parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from reportgen import build


class _Outline(HTMLParser):
    """Collects the document language, title, headings and table header cells."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.open: list[str] = []
        self.text: dict[str, list[str]] = {"title": [], "h1": [], "h2": [], "th": []}
        self.scopes: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.lang = dict(attrs).get("lang") or ""
        if tag == "th":
            self.scopes.append(dict(attrs).get("scope"))
        if tag in self.text:
            self.open.append(tag)
            self.text[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.text[self.open[-1]][-1] += data


def _outline(path: Path) -> _Outline:
    parser = _Outline()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_language_title_and_headings(built_samples: dict[str, Path]) -> None:
    outline = _outline(built_samples["2018-19"] / "committee-report.html")
    assert outline.lang == "en-GB"
    assert outline.text["title"] == ["2018-19 Safer Maidstone Partnership Strategic Assessment"]
    headings = [" ".join(h.split()) for h in outline.text["h2"]]
    assert headings[:3] == ["Executive Summary", "Timetable", "1. Introduction and background"]
    assert "7. Cross-cutting issues and implications" in headings


def test_every_table_header_cell_has_a_scope(built_samples: dict[str, Path]) -> None:
    outline = _outline(built_samples["2016-17"] / "committee-report.html")
    assert "Sign-off" in outline.text["th"]
    assert "Legal" in outline.text["th"]
    assert outline.scopes and all(scope in ("col", "row") for scope in outline.scopes)


def test_html_is_standalone(built_samples: dict[str, Path]) -> None:
    html = (built_samples["2016-17"] / "committee-report.html").read_text(encoding="utf-8")
    assert "<style>" in html and "<link" not in html and "<script" not in html


def test_text_is_escaped_never_templated(minimal: Path, tmp_path: Path) -> None:
    build(minimal, formats=["html"], out=tmp_path / "out")
    html = (tmp_path / "out" / "committee-report.html").read_text(encoding="utf-8")
    assert "Test report Smith &amp; Sons &lt;Ltd&gt;" in html
    assert "<Ltd>" not in html
    assert "{{ x }} summary" in html
