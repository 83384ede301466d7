"""The sample documents say exactly what the golden files say (see tests/golden.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import DOCUMENTS
from tests.conftest import SAMPLE_CONTENT, SAMPLE_YEARS
from tests.golden import NORMALISE, golden_path

CASES = [
    (year, document)
    for year in SAMPLE_YEARS
    for document in DOCUMENTS
    if (SAMPLE_CONTENT / year / "report.yaml").is_file()
    and (document != "strategic-assessment" or (SAMPLE_CONTENT / year / "assessment").is_dir())
]


@pytest.mark.parametrize("fmt", sorted(NORMALISE))
@pytest.mark.parametrize(("year", "document"), CASES)
def test_output_matches_golden_text(
    built_samples: dict[str, Path], year: str, document: str, fmt: str
) -> None:
    golden = golden_path(year, document, fmt)
    assert golden.is_file(), "no golden file: run make golden and review the result"
    actual = NORMALISE[fmt](built_samples[year] / f"{document}.{fmt}")
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{year} {document}.{fmt} differs from {golden.name}; if the change is wanted, "
        "run make golden and commit the diff"
    )
