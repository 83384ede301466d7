"""A build's files change together: a full disk, a failure or a kill leaves the previous
set whole (or, killed while moving the new files in, the next build finishes the set);
what killed builds leave behind is removed; two builds into one folder take turns; an
output folder inside the content is refused."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import build
from reportgen.cli import cli
from reportgen.exceptions import OutputError, ReportgenError
from reportgen.write.lock import LOCK_FILE
from reportgen.write.stamps import STAMP_FILE
from reportgen.write.unchanged import INPUTS_FILE
from tests.conftest import edit

ROOT = Path(__file__).resolve().parent.parent
KEPT = {STAMP_FILE, INPUTS_FILE, LOCK_FILE, ".cache"}
"""What belongs in an output folder besides the documents."""


def outputs(out: Path) -> dict[str, bytes]:
    """The documents in an output folder, with the build stamp."""
    files = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name[0] != "."}
    return files | {STAMP_FILE: (out / STAMP_FILE).read_bytes()}


def whole_set(out: Path, old: dict[str, bytes]) -> str:
    """Whether the folder holds exactly the previous build's files ("old"), or every file
    new and as the new build stamp describes it ("new"); fails on a mixture."""
    files = outputs(out)
    if files == old:
        return "old"
    assert files.keys() == old.keys()
    stamp = json.loads(files[STAMP_FILE])
    for name, payload in files.items():
        assert payload != old[name], f"{name} is the old one among new files"
        if name != STAMP_FILE:
            assert hashlib.sha256(payload).hexdigest() == stamp[name]["sha256"], name
    return "new"


def leftovers(out: Path, scratch: Path) -> list[str]:
    """Anything a build leaves that is not its output: temporary files, staging folders,
    a journal, LibreOffice scratch folders."""
    found = [p.name for p in out.iterdir() if p.name[0] == "." and p.name not in KEPT]
    charts = out / ".cache" / "charts"
    if charts.is_dir():
        found += [p.name for p in charts.iterdir() if p.name[0] == "."]
    return found + [p.name for p in scratch.iterdir() if p.name.startswith("reportgen-")]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A system temporary folder of the test's own (builds in and out of process)."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def broken_templates(tmp_path: Path) -> Path:
    """Templates that fail to render: a build with them stops after tidying the folder."""
    folder = tmp_path / "broken"
    (folder / "html").mkdir(parents=True, exist_ok=True)
    (folder / "html" / "committee-report.html.j2").write_text("{{ no_such_value }}")
    return folder


def run(tmp_path: Path, *args: str | Path, driver: str = "") -> subprocess.Popen[str]:
    """``reportgen`` in a process (and process group) of its own; ``driver`` kills or
    holds it at a chosen point (see tests/build_driver.py)."""
    script = ROOT / "tests" / "build_driver.py"
    command = [sys.executable, *([str(script), driver] if driver else ["-m", "reportgen"])]
    return subprocess.Popen(
        [*command, *map(str, args)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    """The exit code and everything printed; the process group is ended either way."""
    try:
        output, errors = process.communicate(timeout=300)
    finally:
        _end_group(process)
    return process.returncode, output + errors


def _end_group(process: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


# --- a full disk, a folder in the way, a failing build ---------------------------------


def test_disk_full_while_writing_names_the_file_and_keeps_the_old_set(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build(minimal, out=out)
    before = outputs(out)
    edit(minimal / "report.yaml", "title: Test", "title: NEW Test")
    write, staged = os.write, set()

    def disk_fills(descriptor: int, data: bytes) -> int:
        path = os.readlink(f"/proc/self/fd/{descriptor}")
        if "/.staging-" in path:
            staged.add(path)
            if len(staged) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        return write(descriptor, data)

    monkeypatch.setattr(os, "write", disk_fills)
    with pytest.raises(OutputError) as raised:
        build(minimal, out=out)
    assert raised.value.message == (
        f"cannot write {out.resolve()}/committee-report.pdf: the disk is full (No space "
        f"left on device). The previous files in {out.resolve()} are unchanged."
    )
    assert outputs(out) == before
    assert leftovers(out, tmp_path) == []


def test_disk_full_while_moving_the_files_in_puts_the_old_ones_back(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    build(minimal, out=out)
    before = outputs(out)
    edit(minimal / "report.yaml", "title: Test", "title: NEW Test")
    replace, moves = os.replace, []

    def disk_fills(source: str | Path, target: str | Path) -> None:
        if "/.staging-" in str(source) and "/.previous/" not in str(source):
            moves.append(Path(target).name)
            if len(moves) == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        replace(source, target)

    monkeypatch.setattr(os, "replace", disk_fills)
    with pytest.raises(OutputError) as raised:
        build(minimal, out=out)
    assert raised.value.message == (
        f"cannot write {out.resolve()}/committee-report.pdf: the disk is full (No space "
        f"left on device). The previous files in {out.resolve()} are unchanged."
    )
    assert moves == ["committee-report.docx", "committee-report.pdf"]
    assert outputs(out) == before
    assert leftovers(out, tmp_path) == []


def test_a_folder_in_the_way_of_one_file_changes_none(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(minimal, out=out, formats=["docx", "pdf"])
    before = outputs(out)
    (out / "committee-report.html").mkdir()
    result = CliRunner().invoke(cli, ["build", str(minimal), "--out", str(out)])
    assert result.exit_code == 1
    assert (
        f"Error: cannot write {out.resolve()}/committee-report.html: a folder of that name "
        f"is in the way (Is a directory). The previous files in {out.resolve()} are unchanged."
    ) in result.output
    assert "failed unexpectedly" not in result.output
    assert outputs(out) == before


def test_a_build_that_fails_writes_no_chart_cache(with_assessment: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    broken = broken_templates(tmp_path)
    (broken / "html" / "strategic-assessment.html.j2").write_text("{{ no_such_value }}")
    with pytest.raises(ReportgenError):
        build(with_assessment, documents=["strategic-assessment"], out=out, templates=broken)
    assert not (out / ".cache").exists()
    assert [p.name for p in out.iterdir()] == [LOCK_FILE]
    build(with_assessment, documents=["strategic-assessment"], formats=["html"], out=out)
    kept = sorted(p.suffix for p in (out / ".cache" / "charts").iterdir())
    assert kept and set(kept) == {".png", ".svg"}


# --- where the output may go ------------------------------------------------------------


@pytest.mark.parametrize("inside", ["content/out", "content/2020-21/build", "content"])
def test_an_output_folder_inside_the_content_is_refused(
    minimal: Path, tmp_path: Path, inside: str
) -> None:
    before = sorted(minimal.parent.rglob("*"))
    result = CliRunner().invoke(cli, ["build", str(minimal), "--out", str(tmp_path / inside)])
    assert result.exit_code == 1
    assert (
        f"Error: the output folder {tmp_path / inside} is inside the content folder "
        f"{tmp_path / 'content'}; a build there would take its own documents for changed "
        "content and build everything again. Choose a folder outside it with --out (the "
        f"default is {tmp_path / 'output' / '2020-21'})."
    ) in result.output
    assert sorted(minimal.parent.rglob("*")) == before


# --- what killed builds leave ------------------------------------------------------------


def test_leftovers_of_killed_builds_are_removed_and_nothing_in_use(
    minimal: Path, tmp_path: Path, scratch: Path
) -> None:
    out = tmp_path / "out"
    build(minimal, out=out, formats=["html"])
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = int(ended.stdout)
    abandoned = [
        out / ".committee-report.html.k2j4x9_a.tmp",
        out / ".staging-q8w7e6r5",
        out / ".cache" / "charts" / ".0123456789abcdef0123.svg.abcdefgh.tmp",
        scratch / f"reportgen-soffice-{dead}-abcdefgh",
    ]
    in_use = [
        scratch / f"reportgen-soffice-{os.getpid()}-abcdefgh",  # a running build's
        scratch / "reportgen-something-else",
        out / "notes.tmp",
    ]
    for path in abandoned + in_use:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".tmp":
            path.write_text("left")
        else:
            path.mkdir()
            (path / "document.docx").write_text("left")
    build(minimal, out=out, formats=["html"])
    assert [p for p in abandoned if p.exists()] == []
    assert [p for p in in_use if not p.exists()] == []


def test_a_journal_naming_files_outside_the_folder_is_refused(
    minimal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(minimal, out=out, formats=["html"])
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "victim.txt").write_text("replacement")
    journal = out / ".reportgen-commit.json"
    journal.write_text(json.dumps({"staging": "../elsewhere", "files": ["../victim.txt"]}))
    with pytest.raises(OutputError, match=r"names files outside .*; delete it and build again"):
        build(minimal, out=out, formats=["html"])
    assert victim.read_text() == "keep me"


@pytest.mark.parametrize(
    ("killed", "expected"),
    [("staged:2", "old"), ("moving:1", "new"), ("moving:2", "new"), ("moving:4", "new")],
)
def test_a_build_killed_while_writing_leaves_a_whole_set(
    minimal: Path, tmp_path: Path, scratch: Path, killed: str, expected: str
) -> None:
    out = tmp_path / "out"
    build(minimal, out=out)
    old = outputs(out)
    edit(minimal / "report.yaml", "title: Test", "title: NEW Test")
    code, printed = finished(run(tmp_path, "build", minimal, "--out", out, driver=killed))
    assert code == -signal.SIGKILL, printed
    if killed.startswith("staged"):
        assert outputs(out) == old  # nothing was touched yet
    else:
        assert (out / ".reportgen-commit.json").is_file()  # caught in the middle
    # The next build finishes (or discards) the killed one's work before anything else,
    # even if it then fails itself.
    with pytest.raises(ReportgenError):
        build(minimal, out=out, templates=broken_templates(tmp_path))
    assert whole_set(out, old) == expected
    assert leftovers(out, scratch) == []
    build(minimal, out=out)
    assert whole_set(out, old) == "new"
    assert "NEW Test" in (out / "committee-report.html").read_text()


def test_a_build_killed_at_any_moment_leaves_a_whole_set(
    with_plan: Path, tmp_path: Path, scratch: Path
) -> None:
    """The whole build killed (its process group, LibreOffice included): while
    LibreOffice lays out the Word file, and as its first new file is staged (the moments
    in between are killed more precisely in the test above)."""
    with (with_plan / "plan" / "plan.yaml").open("a") as plan:
        plan.write("contents: yes\n")  # so LibreOffice numbers the contents page
    out = tmp_path / "out"
    build(with_plan, out=out, formats=["docx", "html"])
    old, pristine = outputs(out), shutil.copytree(out, tmp_path / "previous")
    edit(with_plan / "report.yaml", "title: Test", "title: NEW Test")
    edit(with_plan / "plan" / "plan.yaml", "title: Community", "title: NEW Community")
    moments = {
        "LibreOffice at work": lambda process: any(scratch.glob("reportgen-soffice-*")),
        "a file staged": lambda process: any(out.glob(".staging-*/*")),
    }
    outcomes = {}
    for moment, reached in moments.items():
        shutil.rmtree(out)
        shutil.copytree(pristine, out)
        process = run(tmp_path, "build", with_plan, "--format", "docx,html", "--out", out)
        while process.poll() is None and not reached(process):
            time.sleep(0.002)
        # Staging lasts milliseconds: a build that got past it must leave a whole set too.
        caught = process.poll() is None
        os.killpg(process.pid, signal.SIGKILL)
        finished(process)
        with pytest.raises(ReportgenError):  # the next build, failing after it tidied up
            build(with_plan, out=out, formats=["html"], templates=broken_templates(tmp_path))
        outcomes[moment] = (caught, whole_set(out, old))
        assert leftovers(out, scratch) == [], moment
    assert outcomes["LibreOffice at work"] == (True, "old")
    build(with_plan, out=out, formats=["docx", "html"])
    assert whole_set(out, old) == "new"
    assert leftovers(out, scratch) == []


# --- two builds at once --------------------------------------------------------------------


def test_two_builds_into_one_folder_take_turns(minimal: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(minimal.parent, other)
    edit(other / minimal.name / "report.yaml", "title: Test", "title: OTHER Test")
    out, go_on = tmp_path / "out", tmp_path / "go-on"
    first = run(tmp_path, "build", minimal, "--out", out, driver=f"hold:{go_on}")
    while not (out / LOCK_FILE).is_file() or not (out / LOCK_FILE).read_text().strip():
        assert first.poll() is None, finished(first)[1]
        time.sleep(0.01)
    # The first holds the folder, rendering; the second, started now, must wait for it.
    second = run(tmp_path, "build", other / minimal.name, "--out", out)
    assert second.stderr is not None
    said = ""
    while "waiting" not in said and (line := second.stderr.readline()):
        said += line
    assert (
        f"another build (process {first.pid}) is writing to {out.resolve()}; waiting for it "
        "to finish\n"
    ) in said
    assert first.poll() is None and second.poll() is None
    go_on.touch()
    (first_code, first_said), (second_code, second_said) = finished(first), finished(second)
    assert (first_code, second_code) == (0, 0), first_said + said + second_said
    assert "waiting" not in first_said
    # The second went on after the first had finished, so the folder holds the second's
    # files, every one of them.
    files = outputs(out)
    stamp = json.loads(files[STAMP_FILE])
    for name, payload in files.items():
        if name != STAMP_FILE:
            assert hashlib.sha256(payload).hexdigest() == stamp[name]["sha256"], name
    assert "OTHER Test" in (out / "committee-report.html").read_text()
    assert leftovers(out, tmp_path) == []
