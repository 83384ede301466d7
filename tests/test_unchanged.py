"""A build with nothing to do answers from the output folder's record of its last build
(reportgen/write/unchanged.py), without loading the pipeline; anything the build could
have read that changed since — a year or library file, a template, an output file, the
options — makes it a real build again."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen import build
from reportgen.exceptions import ContentError
from reportgen.write.staging import JOURNAL
from reportgen.write.unchanged import INPUTS_FILE, BuildRequest, up_to_date
from tests.conftest import edit, run

build_module = importlib.import_module("reportgen.commands.build")  # the module, not build()


def _request(year: Path, out: Path, **options: object) -> BuildRequest:
    return BuildRequest.of(year, formats=["html"], out=out, **options)  # type: ignore[arg-type]


def _built(year: Path, out: Path, **options: object) -> BuildRequest:
    build(year, formats=["html"], out=out, **options)  # type: ignore[arg-type]
    request = _request(year, out, **options)
    assert up_to_date(request) == [out / "committee-report.html"]
    return request


def test_a_second_build_from_the_command_line_loads_nothing_of_the_pipeline(
    minimal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code, _ = run("build", minimal, "--format", "html", "--out", out)
    assert code == 0
    script = (
        "import sys\n"
        "from reportgen.cli import cli\n"
        f"try: cli(['build', {str(minimal)!r}, '--format', 'html', '--out', {str(out)!r}])\n"
        "except SystemExit as end: print('exit', end.code)\n"
        "loaded = [m for m in ('pydantic', 'weasyprint', 'docx', 'jinja2', "
        "'reportgen.compute', 'reportgen.validate') if m in sys.modules]\n"
        "print('loaded', loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert "exit 0" in done.stdout
    assert "loaded []" in done.stdout
    assert f"{out / 'committee-report.html'}" in done.stdout
    assert "2020-21: committee-report.html is up to date" in done.stderr


def _edit_a_year_file(year: Path, out: Path) -> None:
    edit(year / "report.yaml", "Communities Committee", "Communities & Safety Committee")


def _add_a_file(year: Path, out: Path) -> None:
    (year / "pictures").mkdir(exist_ok=True)
    (year / "pictures" / "new.png").write_bytes(b"not yet used")


def _remove_a_file(year: Path, out: Path) -> None:
    (year / "timetable.yaml").rename(year.parent / "timetable.yaml.bak")


def _edit_the_library(year: Path, out: Path) -> None:
    library = year.parent / "library"
    shared = library / "shared.yaml"
    shared.write_text(shared.read_text("utf-8") + "# a comment is a change too\n", "utf-8")


def _change_an_output(year: Path, out: Path) -> None:
    path = out / "committee-report.html"
    path.write_bytes(path.read_bytes() + b" ")


def _delete_an_output(year: Path, out: Path) -> None:
    (out / "committee-report.html").unlink()


def _leave_a_killed_builds_journal(year: Path, out: Path) -> None:
    (out / JOURNAL).write_text("{}", encoding="utf-8")


def _lose_the_record(year: Path, out: Path) -> None:
    (out / INPUTS_FILE).write_text("not json", encoding="utf-8")


@pytest.mark.parametrize(
    "change",
    [
        _edit_a_year_file,
        _add_a_file,
        _remove_a_file,
        _edit_the_library,
        _change_an_output,
        _delete_an_output,
        _leave_a_killed_builds_journal,
        _lose_the_record,
    ],
)
def test_any_change_makes_it_a_real_build_again(
    minimal: Path, tmp_path: Path, change: Callable[[Path, Path], None]
) -> None:
    out = tmp_path / "out"
    request = _built(minimal, out)
    change(minimal, out)
    assert up_to_date(request) is None


def test_an_edit_with_the_same_size_and_time_is_seen(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    request = _built(minimal, out)
    report = minimal / "report.yaml"
    before = report.stat()
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("Communities Committee", "Communities Commitee!", 1), "utf-8")
    shutil.copystat(minimal / "officers.yaml", report)  # any date: not what is compared
    assert report.stat().st_size == before.st_size
    assert up_to_date(request) is None


def test_a_template_edit_is_seen(minimal: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    (templates / "html").mkdir(parents=True)
    (templates / "html" / "extra.css").write_text("p { color: #000 }\n", encoding="utf-8")
    out = tmp_path / "out"
    request = _built(minimal, out, templates=templates)
    (templates / "html" / "extra.css").write_text("p { color: #111 }\n", encoding="utf-8")
    assert up_to_date(request) is None


def test_each_request_is_remembered_apart(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    html = _built(minimal, out)
    build(minimal, formats=["docx"], out=out)
    docx = BuildRequest.of(minimal, formats=["docx"], out=out)
    assert up_to_date(docx) == [out / "committee-report.docx"]
    assert up_to_date(html) == [out / "committee-report.html"]
    assert up_to_date(_request(minimal, out, strict=True)) is None
    assert up_to_date(BuildRequest.of(minimal, out=out)) is None  # every format


def test_after_a_change_a_build_brings_it_back(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    request = _built(minimal, out)
    _edit_a_year_file(minimal, out)
    build(minimal, formats=["html"], out=out)
    assert up_to_date(request) == [out / "committee-report.html"]
    assert "Communities &amp; Safety Committee" in (out / "committee-report.html").read_text(
        "utf-8"
    )


def test_a_failed_build_leaves_no_record(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    request = _built(minimal, out)
    record = (out / INPUTS_FILE).read_bytes()
    edit(minimal / "report.yaml", "meeting_date:", "meetin_date:")
    with pytest.raises(ContentError):
        build(minimal, formats=["html"], out=out)
    assert (out / INPUTS_FILE).read_bytes() == record
    assert up_to_date(request) is None


def test_an_edit_while_the_build_reads_is_seen_next_time(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The record holds the inputs as they were before the build read them: a file
    saved while it ran makes the next build a real one."""
    real_gate = build_module.gate

    def gate_then_edit(*args: object, **kwargs: object) -> object:
        passed = real_gate(*args, **kwargs)  # type: ignore[arg-type]
        _edit_a_year_file(minimal, tmp_path)
        return passed

    monkeypatch.setattr(build_module, "gate", gate_then_edit)
    out = tmp_path / "out"
    build(minimal, formats=["html"], out=out)
    assert up_to_date(_request(minimal, out)) is None
    assert "Communities Committee" in (out / "committee-report.html").read_text("utf-8")


def test_the_record_names_only_files_and_hashes(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _built(minimal, out)
    record = json.loads((out / INPUTS_FILE).read_text("utf-8"))
    (entry,) = record.values()
    assert set(entry) == {"inputs", "files"}
    assert list(entry["files"]) == ["committee-report.html"]


def test_a_pipe_in_the_year_folder_is_not_read(minimal: Path, tmp_path: Path) -> None:
    """A pipe (or a device) is known by its kind: reading it would wait for ever."""
    out = tmp_path / "out"
    request = _built(minimal, out)
    os.mkfifo(minimal / "a-pipe")
    assert up_to_date(request) is None  # a new entry: a full build, which ignores it
    build(minimal, formats=["html"], out=out)
    assert up_to_date(request) == [out / "committee-report.html"]


def test_other_fonts_make_it_a_real_build_again(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fonts installed decide the layout and what check says of the house style's
    fonts: with others (here, fontconfig told to read another configuration) the build
    is a full one."""
    out = tmp_path / "out"
    request = _built(minimal, out)
    config = tmp_path / "fonts.conf"
    config.write_text("<?xml version='1.0'?><fontconfig></fontconfig>\n", encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    assert up_to_date(request) is None


def test_a_record_that_cannot_be_written_does_not_fail_the_build(
    minimal: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / INPUTS_FILE).mkdir()  # in the way: the record cannot replace it
    paths = build(minimal, formats=["html"], out=out)
    assert paths == [out / "committee-report.html"] and paths[0].is_file()
    assert "The next build will read the year again." in caplog.text
    assert up_to_date(_request(minimal, out)) is None
