"""The tests read the sample years from their frozen copy (tests/data/samples/), never from
content/, which is the officers' own: editing or signing off content/ cannot break them."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import conftest, golden
from tests.conftest import (
    OFFICERS_CONTENT,
    ROOT,
    SAMPLE_CONTENT,
    SAMPLE_YEARS,
    OfficersContentReadError,
    edit,
)


def test_the_samples_the_tests_read_are_the_frozen_copy() -> None:
    assert SAMPLE_CONTENT == ROOT / "tests" / "data" / "samples"
    assert golden.CONTENT == SAMPLE_CONTENT
    for year in SAMPLE_YEARS:
        assert (SAMPLE_CONTENT / year / "report.yaml").is_file()
    assert (SAMPLE_CONTENT / "library" / "glossary.yaml").is_file()


@pytest.mark.parametrize(
    "read",
    [
        lambda: (OFFICERS_CONTENT / "2018-19" / "sections.yaml").read_text(),
        lambda: sorted(OFFICERS_CONTENT.glob("*/report.yaml")),
        lambda: shutil.copytree(OFFICERS_CONTENT / "library", Path("library")),
    ],
    ids=["a file", "a listing", "a copy"],
)
def test_a_test_reading_the_officers_content_is_refused(read: object) -> None:
    assert callable(read)
    with pytest.raises(OfficersContentReadError, match="tests/data/samples/"):
        read()
    assert conftest._read_officers_content, "the read is recorded, to fail the test"
    conftest._read_officers_content.clear()  # this test read it on purpose


def test_a_refusal_caught_by_the_code_under_test_is_still_recorded() -> None:
    # as a command's "failed unexpectedly" handling would catch it
    with contextlib.suppress(Exception):
        (OFFICERS_CONTENT / "library" / "glossary.yaml").open().close()
    assert conftest._read_officers_content == [str(OFFICERS_CONTENT / "library" / "glossary.yaml")]
    conftest._read_officers_content.clear()


def _run_make_samples(project: Path) -> None:
    subprocess.run(
        ["make", "--no-print-directory", "-s", "samples"],
        cwd=project,
        check=True,
        capture_output=True,
    )


def test_make_samples_refreshes_the_frozen_copy_on_purpose(tmp_path: Path) -> None:
    """``make samples`` copies the sample years and library from content/ (leaving out
    sign-offs, hidden and backup files), replacing the old copy whole, and may be re-run."""
    project = tmp_path / "project"
    shutil.copytree(SAMPLE_CONTENT, project / "content")
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    edit(project / "content" / "2018-19" / "sections.yaml", "Safer Maidstone", "Safer Kent")
    (project / "content" / "2018-19" / "signoffs.yaml").write_text("signoffs: []\n")
    (project / "content" / "2018-19" / ".notes.yaml").write_text("draft: yes\n")
    (project / "content" / "2019-20").mkdir()  # a council's own year is not a sample
    stale = project / "tests" / "data" / "samples" / "2016-17" / "old.yaml"
    stale.parent.mkdir(parents=True)
    stale.write_text("gone: yes\n")
    _run_make_samples(project)
    _run_make_samples(project)
    frozen = project / "tests" / "data" / "samples"
    assert sorted(p.name for p in frozen.iterdir()) == ["2016-17", "2018-19", "library"]
    assert "Safer Kent" in (frozen / "2018-19" / "sections.yaml").read_text()
    assert not stale.exists()
    assert not (frozen / "2018-19" / "signoffs.yaml").exists()
    assert not (frozen / "2018-19" / ".notes.yaml").exists()
    copied = sorted(p.relative_to(frozen) for p in frozen.rglob("*"))
    assert copied == sorted(p.relative_to(SAMPLE_CONTENT) for p in SAMPLE_CONTENT.rglob("*"))
