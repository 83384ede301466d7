"""The sample documents say exactly what the golden files say (see tests/golden.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SAMPLE_YEARS
from tests.golden import NORMALISE, golden_path


@pytest.mark.parametrize("fmt", sorted(NORMALISE))
@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_output_matches_golden_text(built_samples: dict[str, Path], year: str, fmt: str) -> None:
    golden = golden_path(year, "committee-report", fmt)
    assert golden.is_file(), "no golden file: run make golden and review the result"
    actual = NORMALISE[fmt](built_samples[year] / f"committee-report.{fmt}")
    assert actual == golden.read_text(encoding="utf-8"), (
        f"{year} committee-report.{fmt} differs from {golden.name}; if the change is wanted, "
        "run make golden and commit the diff"
    )
