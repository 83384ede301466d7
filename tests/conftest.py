"""Shared fixtures. Every test runs inside its own tmp_path, and reads the sample years
from their frozen copy in tests/data/samples/ (refreshed on purpose by ``make samples``),
never from content/, which is the officers' own: a test that reads content/ fails."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from reportgen import build
from reportgen.cli import cli
from tests.browser import browser  # noqa: F401 (one Chromium for every browser test)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLE_CONTENT = DATA / "samples"
SAMPLE_YEARS = ("2016-17", "2018-19")
OFFICERS_CONTENT = ROOT / "content"
"""The officers' content: tests must not read it (see _officers_content_is_not_read)."""

_READS = ("open", "os.listdir", "os.scandir", "shutil.copytree", "shutil.copyfile")
_read_officers_content: list[str] = []


class OfficersContentReadError(AssertionError):
    """Raised when a test reads content/ instead of the frozen samples."""


def _refuse_officers_content(event: str, args: tuple[Any, ...]) -> None:
    """An audit hook: any file or folder opened or listed under content/ is refused. Only
    absolute paths are looked at: a test runs in its tmp_path, where a relative path (or
    one relative to a folder being deleted) cannot lead into content/."""
    if event not in _READS or not args or not isinstance(args[0], str | bytes | os.PathLike):
        return
    path = os.fsdecode(args[0])
    if not os.path.isabs(path):
        return
    path = os.path.normpath(path)
    if path == str(OFFICERS_CONTENT) or path.startswith(str(OFFICERS_CONTENT) + os.sep):
        _read_officers_content.append(path)
        raise OfficersContentReadError(
            f"a test read {path}: tests read the samples' frozen copy (SAMPLE_CONTENT, "
            "tests/data/samples/, refreshed by `make samples`), never content/"
        )


sys.addaudithook(_refuse_officers_content)


@pytest.fixture(autouse=True)
def _officers_content_is_not_read() -> Iterator[None]:
    """Fails a test that read content/, even if the code under test caught the refusal."""
    _read_officers_content.clear()
    yield
    read, _read_officers_content[:] = list(_read_officers_content), []
    if read:
        pytest.fail(f"the test read the officers' content/: {read[0]}")


@pytest.fixture(autouse=True)
def _inside_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


@pytest.fixture(autouse=True)
def _officer_keys_inside_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Officers' signing keys are made and looked for in the test's own folder, never in
    the real ~/.config/reportgen."""
    monkeypatch.setenv("REPORTGEN_CONFIG", str(tmp_path / "officer-config"))


def give_officers_keys(year: Path, config: Path | None = None) -> dict[str, str]:
    """Make a signing key for every officer of ``year``'s officers.yaml (in ``config``, by
    default $REPORTGEN_CONFIG, which points into the test's tmp_path) and put their public
    keys in place of the ones listed there (the samples' keys have no private half).
    Returns each officer's public key line value by name."""
    from reportgen.signoff import new_key

    officers = year / "officers.yaml"
    text = officers.read_text(encoding="utf-8")
    keys = {}
    for officer in yaml.safe_load(text)["officers"]:
        key = new_key(officer["name"], config)
        assert officer["public_key"] in text, f"{officer['name']} has no public_key in {officers}"
        text = text.replace(officer["public_key"], key.public_key)
        keys[officer["name"]] = key.public_key
    officers.write_text(text, encoding="utf-8")
    return keys


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A copy of tests/data/minimal; returns its year folder (2020-21)."""
    target = tmp_path / "content"
    shutil.copytree(DATA / "minimal", target)
    return target / "2020-21"


@pytest.fixture
def with_assessment(minimal: Path) -> Path:
    """The minimal year plus a small Strategic Assessment (tests/data/assessment): a
    chapter with two tables whose published figures hold known errors."""
    shutil.copytree(DATA / "assessment", minimal, dirs_exist_ok=True)
    return minimal


@pytest.fixture
def with_plan(minimal: Path) -> Path:
    """The minimal year plus a small Community Safety Plan (tests/data/plan), its
    priorities, leads and themes, and a shared glossary."""
    shutil.copytree(DATA / "plan", minimal.parent, dirs_exist_ok=True)
    return minimal


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A copy of the real sample content; returns the content folder."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sample year built once in all formats: year → output folder."""
    outputs = {}
    for year in SAMPLE_YEARS:
        out = tmp_path_factory.mktemp(year)
        build(SAMPLE_CONTENT / year, out=out)
        outputs[year] = out
    return outputs


@pytest.fixture(scope="session")
def built_priority_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The priority-plan test year (tests/data/priority-plan/2026-27) built once, every
    document in every format, into a folder named after the year."""
    out = tmp_path_factory.mktemp("priority-plan") / "2026-27"
    build(DATA / "priority-plan" / "2026-27", out=out)
    return out


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of a content file (it must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def remove_entry(path: Path, first_line: str) -> None:
    """Delete from a content file the entry (or field) whose first line, stripped, is
    ``first_line``, with the lines indented under it (it must be there once)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    (start,) = [i for i, line in enumerate(lines) if line.strip() == first_line]
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")


ROWS_2018 = {
    "impact-on-corporate-priorities": "John Littlemore",
    "risk-management": "John Littlemore",
    "financial": "Mark Green",
    "staffing": "Helen Ward",
    "legal": "Keith Trowell",
    "privacy-and-data-protection": "Keith Trowell",
    "equalities": "Anna Collier",
    "crime-and-disorder": "John Littlemore",
    "procurement": "Ellie Dunnet",
    "crime-and-disorder-committee-duties": "Keith Trowell",
    "recommendations": "Keith Trowell",
}
"""Who signs each row of the 2018-19 sample off (as its officers.yaml says)."""


def run(*args: object) -> tuple[int, str]:
    """``reportgen ARGS`` through the command line: its exit code and what it printed."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    return result.exit_code, result.output


def copy_2018(root: Path, config: Path | None = None) -> Path:
    """A copy of the 2018-19 sample and the shared library in ``root``, its officers given
    keys made in ``config`` (default: the test's own $REPORTGEN_CONFIG)."""
    content = root / "content"
    shutil.copytree(SAMPLE_CONTENT / "library", content / "library")
    shutil.copytree(SAMPLE_CONTENT / "2018-19", content / "2018-19")
    give_officers_keys(content / "2018-19", config)
    return content / "2018-19"


def sign_everything(folder: Path) -> None:
    """Every row of the 2018-19 sample signed off by its officer."""
    for row, name in ROWS_2018.items():
        assert run("signoff", folder, row, "--by", name)[0] == 0


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The 2018-19 sample: publish refused while unsigned, then signed off and published
    as item 8; also its documents built --final on their own, to compare page counts."""
    root = tmp_path_factory.mktemp("publish")
    year = copy_2018(root, root / "officer-config")
    with pytest.MonkeyPatch.context() as environment:
        code, refusal = run("publish", year, "--item", "8")
        environment.setenv("REPORTGEN_CONFIG", str(root / "officer-config"))
        sign_everything(year)
        code_after, output = run("publish", year, "--item", "8")
        assert code_after == 0, output
        assert run("build", year, "--final", "--format", "pdf", "--out", root / "final")[0] == 0
    (root / "refusal.txt").write_text(f"{code}\n{refusal}")
    return {"year": year, "version": root / "output" / "2018-19" / "published" / "v1", "root": root}
