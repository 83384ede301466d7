"""The PDFs: tagged PDF/UA, title, language, bookmarks, page numbers, safe fetching."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen import build
from reportgen.exceptions import RenderError
from reportgen.render.pdf import project_only_fetcher
from reportgen.render.template_folders import BUILTIN_TEMPLATES
from tests.fidelity import letters_and_digits, pdf_text


def _reader(built: dict[str, Path], year: str) -> PdfReader:
    return PdfReader(built[year] / "committee-report.pdf")


@pytest.mark.parametrize("year", ["2016-17", "2018-19"])
def test_tagged_with_title_and_language(built_samples: dict[str, Path], year: str) -> None:
    reader = _reader(built_samples, year)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith(year)
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_structure_tree_has_headings_and_table_headers(built_samples: dict[str, Path]) -> None:
    reader = _reader(built_samples, "2018-19")
    kinds: set[str] = set()
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, dict) or hasattr(node, "get"):
            if "/S" in node:
                kinds.add(str(node["/S"]))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/L", "/LI", "/P"} <= kinds


def test_bookmarks_follow_the_headings(built_samples: dict[str, Path]) -> None:
    reader = _reader(built_samples, "2018-19")
    titles = []
    stack = list(reader.outline)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[:0] = item
        else:
            titles.append(item.title)
    assert "7. Cross-cutting issues and implications" in titles
    assert "1. Introduction and background" in titles


def test_every_page_is_numbered(built_samples: dict[str, Path]) -> None:
    reader = _reader(built_samples, "2016-17")
    pages = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()


def test_content_cannot_make_weasyprint_fetch_files(minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    report = minimal / "report.yaml"
    title = f"title: '<img src=\"{secret.as_uri()}\"> Test report'\n"
    report.write_text(title + report.read_text().split("\n", 1)[1])
    build(minimal, formats=["pdf"], out=tmp_path / "out")
    text = letters_and_digits(pdf_text(tmp_path / "out" / "committee-report.pdf"))
    assert letters_and_digits(f'<img src="{secret.as_uri()}"> Test report') in text
    assert "topsecret" not in text


def test_fetcher_refuses_files_outside_the_templates(tmp_path: Path) -> None:
    fetcher = project_only_fetcher([BUILTIN_TEMPLATES])
    with pytest.raises(fetcher.forbidden):
        fetcher.fetch((tmp_path / "x.css").as_uri())
    with pytest.raises(fetcher.forbidden):
        fetcher.fetch("https://example.com/x.css")
    with pytest.raises(fetcher.forbidden):
        fetcher.fetch((BUILTIN_TEMPLATES / ".." / ".." / "etc" / "passwd").as_uri())
    response = fetcher.fetch((BUILTIN_TEMPLATES / "html" / "house-style.css").as_uri())
    assert response is not None


def _template_with(tmp_path: Path, html: str) -> Path:
    folder = tmp_path / "my-templates"
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "committee-report.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block main %}' + html + "{% endblock %}"
    )
    return folder


def test_a_template_reaching_outside_is_refused(minimal: Path, tmp_path: Path) -> None:
    templates = _template_with(tmp_path, '<img src="file:///etc/hostname" alt="x">')
    with pytest.raises(RenderError, match="may not load file:///etc/hostname"):
        build(minimal, formats=["pdf"], out=tmp_path / "out", templates=templates)


def test_a_weasyprint_error_fails_the_build(minimal: Path, tmp_path: Path) -> None:
    templates = _template_with(
        tmp_path, '<img src="data:image/png;base64,bm90IGFuIGltYWdl" alt="x">'
    )
    with pytest.raises(RenderError, match="WeasyPrint reported errors"):
        build(minimal, formats=["pdf"], out=tmp_path / "out", templates=templates)
    assert not (tmp_path / "out" / "committee-report.pdf").exists()


def test_sample_builds_log_no_weasyprint_warnings(
    minimal: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level("WARNING", logger="weasyprint"):
        build(minimal, formats=["pdf"], out=tmp_path / "out")
    assert [record.getMessage() for record in caplog.records] == []


def test_pdf_uses_assets_from_the_users_template_folder(minimal: Path, tmp_path: Path) -> None:
    templates = _template_with(tmp_path, '<p style="background: url(stripe.svg)">Logo test</p>')
    (templates / "html" / "stripe.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
        '<rect width="4" height="4" fill="red"/></svg>'
    )
    build(minimal, formats=["pdf"], out=tmp_path / "out", templates=templates)
    assert "Logo test" in pdf_text(tmp_path / "out" / "committee-report.pdf")
