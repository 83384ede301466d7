"""Every sample Word file, and the priority-plan test year's, passes the accessibility
audit of tests/docx_audit.py (issue 14): no heading skips, lists numbered by Word, text
contrast ≥ 4.5:1, table text ≥ 10 pt, en-GB throughout, core properties from the
content, a described watermark and headings in the house style's font."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import build
from tests.conftest import DATA, SAMPLE_YEARS
from tests.docx_audit import KINDS, audit, contrast

PRIORITY_PLAN = DATA / "priority-plan" / "2026-27"


@pytest.fixture(scope="module")
def word_files(
    built_samples: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    out = tmp_path_factory.mktemp("priority-plan-docx")
    build(PRIORITY_PLAN, formats=["docx"], out=out)
    files = [f for year in SAMPLE_YEARS for f in sorted(built_samples[year].glob("*.docx"))]
    return files + sorted(out.glob("*.docx"))


@pytest.mark.parametrize("kind", KINDS)
def test_no_word_file_has_defects_of_this_kind(word_files: list[Path], kind: str) -> None:
    assert len(word_files) >= 7
    heading_font = {"2026-27": "Liberation Serif"}
    found = {
        f"{path.parent.name}/{path.name}": defects
        for path in word_files
        if (defects := audit(path, heading_font.get(path.parent.name)).defects[kind])
    }
    assert found == {}


def test_the_lists_are_word_lists_labelled_as_before(word_files: list[Path]) -> None:
    import docx

    from tests.fidelity import list_labels

    report = next(p for p in word_files if p.name == "committee-report.docx")
    labels = list(list_labels(docx.Document(report)).values())
    assert labels[:2] == ["1.\t", "2.\t"]  # the recommendations
    assert "1.1\t" in labels and "2.1\t" in labels and "2.2\t" in labels
    assert [label for label in labels if label[0].isalpha()][:3] == ["a)\t", "b)\t", "c)\t"]


def test_the_audit_finds_what_it_looks_for() -> None:
    assert round(contrast("4F81BD", "FFFFFF"), 2) == 4.03  # python-docx's Caption blue
    assert contrast("000000", "FFFFFF") == 21
