"""Writing output: atomic, inside the output folder, once per run."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest

from reportgen import build
from reportgen.exceptions import OutputError, RenderError, TemplateError
from reportgen.write.files import OutputFolder
from tests.conftest import edit


def test_refuses_paths_outside_the_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="outside"):
        OutputFolder(tmp_path / "out").write("../escape.html", "x")
    assert not (tmp_path / "escape.html").exists()


def test_refuses_writing_a_file_twice(tmp_path: Path) -> None:
    folder = OutputFolder(tmp_path)
    folder.write("a.html", "one")
    with pytest.raises(OutputError, match="already written"):
        folder.write("a.html", "two")
    assert (tmp_path / "a.html").read_text() == "one"


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.html").write_text("previous good output")

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        OutputFolder(tmp_path).write("a.html", "half")
    assert (tmp_path / "a.html").read_text() == "previous good output"
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]


def test_failed_build_keeps_previous_outputs(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(minimal, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    broken = tmp_path / "broken" / "docx"
    broken.mkdir(parents=True)
    (broken / "committee-report.docx").write_bytes(b"not a word file")
    with pytest.raises(TemplateError, match="not a Word"):
        build(minimal, out=out, templates=broken.parent, formats=["docx"])
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_build_never_modifies_content(minimal: Path, tmp_path: Path) -> None:
    files = sorted(minimal.parent.rglob("*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    build(minimal, out=tmp_path / "out")
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    assert after == before
    assert sorted(minimal.parent.rglob("*")) == files


def test_failed_format_writes_none_of_the_set(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(minimal, out=out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    report = minimal / "report.yaml"
    report.write_text(report.read_text().replace("title: Test", "title: NEW Test"))
    broken = tmp_path / "broken" / "html"
    broken.mkdir(parents=True)
    (broken / "committee-report.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block main %}'
        '<img src="data:image/png;base64,bm90IGFuIGltYWdl" alt="x">{% endblock %}'
    )
    with pytest.raises(RenderError):
        build(minimal, out=out, templates=broken.parent)
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_docx_only_build_does_not_need_the_html_template(minimal: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken" / "html"
    broken.mkdir(parents=True)
    (broken / "committee-report.html.j2").write_text("{{ no_such_value }}")
    paths = build(minimal, formats=["docx"], out=tmp_path / "out", templates=broken.parent)
    assert [p.name for p in paths] == ["committee-report.docx"]


def test_unchanged_outputs_are_reused_and_changed_ones_rebuilt(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_module = importlib.import_module("reportgen.commands.build")

    out = tmp_path / "out"
    build(minimal, formats=["html", "docx"], out=out)
    rendered: list[str] = []
    original = build_module.RenderJob.run_all

    def counting(self: object, jobs: list, tell: object) -> dict:
        rendered.extend(f"{name}.{fmt}" for name, fmt in jobs)
        return original(self, jobs, tell)

    monkeypatch.setattr(build_module.RenderJob, "run_all", counting)
    build(minimal, formats=["html", "docx"], out=out)
    assert rendered == []
    (out / "committee-report.html").write_text("edited by hand")
    build(minimal, formats=["html", "docx"], out=out)
    assert rendered == ["committee-report.html"]
    edit(minimal / "report.yaml", "classification: Public", "classification: Private")
    build(minimal, formats=["html", "docx"], out=out)
    assert rendered[1:] == ["committee-report.html", "committee-report.docx"]
    assert "Private" in (out / "committee-report.html").read_text()
