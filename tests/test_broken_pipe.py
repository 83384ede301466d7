"""Output read by another program that stops early (``reportgen status … | head -1``):
reportgen ends quietly, with no "failed unexpectedly" and no Python noise."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPORTGEN = str(Path(sys.executable).with_name("reportgen"))
NOISE = ("unexpectedly", "Traceback", "Exception ignored", "BrokenPipe", "Broken pipe")


@pytest.mark.parametrize("command", ["status", "check"])
def test_output_closed_before_reportgen_writes_ends_quietly(minimal: Path, command: str) -> None:
    # The reader is gone before reportgen starts writing: every write meets a broken pipe.
    process = subprocess.Popen(
        [REPORTGEN, command, str(minimal)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 1
    assert errors == ""


def test_both_outputs_closed_end_quietly(with_assessment: Path) -> None:
    # check writes its warnings to stderr and its summary to stdout; both pipes are closed.
    process = subprocess.Popen(
        [REPORTGEN, "check", str(with_assessment)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    process.stdout.close()
    assert process.wait(timeout=120) == 1


def test_piped_into_head_ends_quietly(sample_copy: Path) -> None:
    year = shlex.quote(str(sample_copy / "2018-19"))
    for pipeline in (f"status {year} | head -1", f"check {year} 2>&1 | head -1"):
        result = subprocess.run(
            ["sh", "-c", f"{shlex.quote(REPORTGEN)} {pipeline}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert len(result.stdout.splitlines()) == 1
        assert not [word for word in NOISE if word in result.stdout + result.stderr], result
