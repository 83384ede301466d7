"""The PDFs: tagged PDF/UA, title, language, bookmarks, page numbers, safe fetching."""

from __future__ import annotations

import gc
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from reportgen import build
from reportgen.cli import cli
from reportgen.exceptions import RenderError
from reportgen.render import pdf
from reportgen.render.pdf import project_only_fetcher
from reportgen.render.tools import BUILTIN_TEMPLATES, search_path
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


# --- a picture that cannot be loaded says why ---------------------------------------------------


def _png(path: Path, width: int, height: int) -> Path:
    """A real black-and-white PNG of ``width`` x ``height`` pixels (all zeros, so small)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    pixels = zlib.compress((b"\x00" * (1 + (width + 7) // 8)) * height, 6)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def _pictures(tmp_path: Path) -> Path:
    """A council's template folder's html folder, its stylesheet not yet written."""
    folder = tmp_path / "my-templates" / "html"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pdf_with_background(minimal: Path, tmp_path: Path, picture: str) -> tuple[Path, str]:
    """Build the PDF with ``picture`` as the page background: it must fail, plainly,
    and write no PDF. Returns the picture's path and the command's output."""
    (_pictures(tmp_path) / "house-style.css").write_text(f"body {{ background: url({picture}) }}")
    out = tmp_path / "out"
    options = ["--format", "pdf", "--templates", "my-templates", "--out", str(out)]
    result = CliRunner().invoke(cli, ["build", str(minimal), *options])
    assert result.exit_code == 1, result.output
    assert "failed unexpectedly" not in result.output and "Traceback" not in result.output
    assert not (out / "committee-report.pdf").exists()
    return _pictures(tmp_path) / picture, result.output


def test_a_huge_picture_is_named_with_its_size(minimal: Path, tmp_path: Path) -> None:
    _png(_pictures(tmp_path) / "huge.png", 20000, 20000)
    path, output = _pdf_with_background(minimal, tmp_path, "huge.png")
    facts = f"({path.stat().st_size:,} bytes, PNG, 20000 x 20000 pixels)"
    assert f"the image {path} {facts} could not be put in the PDF" in output
    assert "more pixels than can be loaded safely" in output and "save a smaller copy" in output
    assert "': \n" not in output  # WeasyPrint's own message, with its empty reason


def test_a_broken_picture_is_named_with_the_reason(minimal: Path, tmp_path: Path) -> None:
    (_pictures(tmp_path) / "broken.png").write_text("not a picture")
    path, output = _pdf_with_background(minimal, tmp_path, "broken.png")
    assert f"the image {path} (13 bytes) could not be put in the PDF" in output
    assert "not a picture file that can be read" in output


def test_a_missing_picture_is_named(minimal: Path, tmp_path: Path) -> None:
    path, output = _pdf_with_background(minimal, tmp_path, "Logo.png")
    assert f"the image {path} could not be put in the PDF: no template folder has" in output


def test_a_picture_of_ordinary_size_still_works(minimal: Path, tmp_path: Path) -> None:
    _png(_pictures(tmp_path) / "small.png", 40, 40)
    (_pictures(tmp_path) / "house-style.css").write_text("body { background: url(small.png) }")
    build(minimal, formats=["pdf"], out=tmp_path / "o", templates=tmp_path / "my-templates")
    assert (tmp_path / "o" / "committee-report.pdf").read_bytes().startswith(b"%PDF")


def test_collection_is_paused_for_a_pdf_and_resumes_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """WeasyPrint works with Python's collector of unreachable objects paused (a third of
    its time went on it); afterwards the collector is as it was, even after a refusal."""
    seen: list[bool] = []
    repair = pdf.repair_structure
    monkeypatch.setattr(
        pdf, "repair_structure", lambda *args: (seen.append(gc.isenabled()), repair(*args))
    )
    folders = search_path(None)
    page = '<html lang="en-GB"><head><title>T</title></head><body><p>{}</p></body></html>'
    assert gc.isenabled()
    assert pdf.render_pdf(page.format("Text"), "committee-report", folders).startswith(b"%PDF")
    assert seen == [False] and gc.isenabled()
    with pytest.raises(RenderError, match="may not load"):
        pdf.render_pdf(
            page.format('<img src="file:///etc/hostname" alt="x">'), "committee-report", folders
        )
    assert gc.isenabled()
    gc.disable()
    try:
        pdf.render_pdf(page.format("Text"), "committee-report", folders)
        assert not gc.isenabled()
    finally:
        gc.enable()
