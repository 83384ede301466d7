"""The command line: exit codes, messages, no tracebacks."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen import DOCUMENTS, __version__
from reportgen.cli import cli
from tests.conftest import edit


def _run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_version_and_help() -> None:
    assert _run("--version").output.strip() == f"reportgen, version {__version__}"
    result = _run("build", "--help")
    assert result.exit_code == 0
    assert "--doc" in result.output and "--format" in result.output and "--out" in result.output


def test_check_clean_year(minimal: Path) -> None:
    result = _run("check", minimal)
    assert result.exit_code == 0
    assert "no errors" in result.output


def test_check_duplicate_key_names_file_line_and_field(minimal: Path) -> None:
    edit(minimal / "report.yaml", "wards_affected: All", "wards_affected: All\nclassification: X")
    result = _run("check", minimal)
    assert result.exit_code == 1
    assert "report.yaml, line 10, column 1: [classification] error:" in result.output
    assert "appears twice (first on line 8)" in result.output
    assert "Traceback" not in result.output


def test_check_misspelt_field(minimal: Path) -> None:
    edit(minimal / "report.yaml", "wards_affected:", "wards_afected:")
    result = _run("check", minimal)
    assert result.exit_code == 1
    assert "report.yaml, line 9" in result.output
    assert (
        "[wards_afected] error: unknown field 'wards_afected'; did you mean 'wards_affected'?"
        in result.output
    )


def test_build_writes_each_format(minimal: Path, tmp_path: Path) -> None:
    result = _run("build", minimal, "--format", "html,pdf", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("[!.]*")) == [
        "committee-report.html",
        "committee-report.pdf",
    ]
    assert "writing committee-report.pdf" in result.output


def test_build_default_output_folder_is_named_after_the_year(minimal: Path, tmp_path: Path) -> None:
    result = _run("build", minimal, "--doc", "committee-report", "--format", "html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "output" / "2020-21" / "committee-report.html").is_file()


def test_build_refuses_invalid_content_and_writes_nothing(minimal: Path, tmp_path: Path) -> None:
    edit(minimal / "timetable.yaml", "2020-01-02", "2020-13-01")
    result = _run("build", minimal, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "timetable.yaml, line 2" in result.output
    assert not (tmp_path / "out").exists()


def test_bad_usage_exits_2(minimal: Path) -> None:
    assert _run("build", minimal, "--format", "rtf").exit_code == 2
    assert _run("build", minimal, "--doc", "minutes").exit_code == 2
    assert _run("check", "no-such-folder").exit_code == 2
    assert _run("frobnicate").exit_code == 2


def test_not_a_year_folder(tmp_path: Path) -> None:
    result = _run("check", tmp_path)
    assert result.exit_code == 1
    assert "has no report.yaml" in result.output


def test_unexpected_failure_has_no_traceback_unless_debug(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(year: object) -> None:
        raise RuntimeError("boom")

    kind = DOCUMENTS["committee-report"]
    monkeypatch.setitem(DOCUMENTS, "committee-report", replace(kind, compute=broken))
    result = _run("build", minimal, "--format", "html")
    assert result.exit_code == 1
    assert "failed unexpectedly (RuntimeError: boom)" in result.output
    assert "Traceback" not in result.output
    debug = _run("--debug", "build", minimal, "--format", "html")
    assert debug.exit_code == 1
    assert isinstance(debug.exception, RuntimeError)


def test_check_the_shared_library_folder(minimal: Path) -> None:
    library = minimal.parent / "library"
    assert _run("check", library).exit_code == 0
    edit(library / "shared.yaml", "  about: legal text", "  abut: legal text")
    result = _run("check", library)
    assert result.exit_code == 1
    assert "shared.yaml, line 2" in result.output and "did you mean 'about'?" in result.output


def test_the_names_the_command_line_offers_are_the_documents_reportgen_makes() -> None:
    """The command line takes --doc and --format names without loading the pipeline
    (reportgen/names.py); they must be the documents and formats the pipeline knows."""
    import reportgen
    from reportgen.names import DOCUMENT_NAMES, FORMATS

    assert tuple(DOCUMENTS) == DOCUMENT_NAMES
    assert reportgen.FORMATS == FORMATS == ("docx", "pdf", "html")
    assert {"build", "check", "publish", "DOCUMENTS"} <= set(dir(reportgen))
