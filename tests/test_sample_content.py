"""The sample years reproduce the published committee reports (tests/reference/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import check, read_year
from tests.conftest import SAMPLE_CONTENT, SAMPLE_YEARS
from tests.fidelity import REFERENCE, missing_figures, missing_sentences

FORMATS = ("docx", "pdf", "html")


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_sample_year_has_no_errors(year: str) -> None:
    assert [p.describe() for p in check(SAMPLE_CONTENT / year) if p.is_error] == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_carries_98_percent_of_the_reference_sentences(
    built_samples: dict[str, Path], year: str, fmt: str
) -> None:
    reference = REFERENCE / f"{year}-committee-report.txt"
    missing, total = missing_sentences(reference, built_samples[year] / f"committee-report.{fmt}")
    assert total > 100
    assert len(missing) / total <= 0.02, missing


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_carries_every_figure_of_the_reference_tables(
    built_samples: dict[str, Path], year: str, fmt: str
) -> None:
    reference = REFERENCE / f"{year}-committee-report.txt"
    assert missing_figures(reference, built_samples[year] / f"committee-report.{fmt}") == []


def test_shared_text_is_written_once_and_used_by_both_years() -> None:
    years = [read_year(SAMPLE_CONTENT / year) for year in SAMPLE_YEARS]
    for year in years:
        legal = next(row for row in year.implications.rows if row.issue == "Legal")
        assert legal.implications[0].library == "legal-implications-crime-and-disorder-act"
        assert year.library[legal.implications[0].library].file.path.parent.name == "library"


def test_priorities_come_from_priorities_yaml(sample_copy: Path, tmp_path: Path) -> None:
    from reportgen import build

    priorities = sample_copy / "2018-19" / "priorities.yaml"
    priorities.write_text(priorities.read_text().replace("Mental Health", "Mental Wellbeing"))
    build(sample_copy / "2018-19", formats=["html"], out=tmp_path / "out")
    html = (tmp_path / "out" / "committee-report.html").read_text()
    assert html.count("Mental Wellbeing") == 2  # last year's and this year's lists
    assert "Mental Health" not in html
