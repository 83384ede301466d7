"""The committee report's compliance checks: timetable order, 5 clear days, background
papers, recommendations, sign-off officers, appendices, the meeting date agreeing with
the timetable."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import read_year
from reportgen.commands.gate import check_year
from reportgen.exceptions import ContentError
from reportgen.validate.compliance import committee_meetings
from tests.conftest import SAMPLE_CONTENT, SAMPLE_YEARS, edit


def errors(folder: Path) -> list:
    with pytest.raises(ContentError) as raised:
        read_year(folder)
    return [p for p in raised.value.problems if p.is_error]


def test_a_timetable_out_of_date_order_is_an_error(minimal: Path) -> None:
    edit(minimal / "timetable.yaml", "date: 2020-01-02", "date: 2020-04-02")
    (error,) = errors(minimal)
    assert (error.file.name, error.line, error.field) == ("timetable.yaml", 3, "meetings[2].date")
    assert "Committee (15 March 2020) is listed after SMP (02 April 2020)" in error.message


@pytest.mark.parametrize(
    ("published", "clear"),
    [("2020-03-10", 4), ("2020-03-14", 0), ("2020-03-20", 0)],
)
def test_fewer_than_5_clear_days_before_the_meeting_is_an_error(
    minimal: Path, published: str, clear: int
) -> None:
    edit(
        minimal / "report.yaml",
        "meeting_date: 2020-03-15",
        f"meeting_date: 2020-03-15\npublication_date: {published}",
    )
    (error,) = errors(minimal)
    assert (error.file.name, error.line, error.field) == ("report.yaml", 4, "publication_date")
    assert f"{clear} clear day(s) later; the law needs at least 5" in error.message
    assert "s100B" in error.message


def test_exactly_5_clear_days_is_enough(minimal: Path) -> None:
    # Published on the 9th: the 10th to the 14th are 5 clear days before the 15th.
    edit(
        minimal / "report.yaml",
        "meeting_date: 2020-03-15",
        "meeting_date: 2020-03-15\npublication_date: 2020-03-09",
    )
    assert read_year(minimal).report.publication_date.day == 9


def test_a_report_without_background_papers_is_an_error(minimal: Path) -> None:
    edit(minimal / "report.yaml", "background_papers: None\n", "")
    (error,) = errors(minimal)
    assert error.file.name == "report.yaml" and "s100D" in error.message


def test_recommendations_numbered_by_hand_are_an_error(minimal: Path) -> None:
    edit(minimal / "report.yaml", "[That it be done.]", "['1. That it be done.']")
    (error,) = errors(minimal)
    assert error.field == "recommendations[1]"
    assert "reportgen numbers the recommendations itself" in error.message


def test_an_implications_row_signed_off_by_nobody_known_is_an_error(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "sign_off: S151", "sign_off: Head of Finance")
    (error,) = errors(minimal)
    assert (error.file.name, error.line, error.field) == (
        "implications.yaml",
        7,
        "rows[2].sign_off",
    )
    assert "'Head of Finance' names nobody in officers.yaml" in error.message


def test_another_sign_off_must_name_an_officer_and_a_part_that_exists(minimal: Path) -> None:
    officers = minimal / "officers.yaml"
    officers.write_text(
        officers.read_text()
        + "also_signed_off:\n  - {id: intro, section: Introductoin, by: Lee Legal}\n"
        + "  - {id: recs, recommendations: yes, by: Lee Legl}\n"
    )
    messages = [e.message for e in errors(minimal)]
    assert any(
        "there is no section 'Introductoin'; did you mean 'Introduction'" in m for m in messages
    )
    assert any(
        "'Lee Legl' is not one of the officers; did you mean 'Lee Legal'" in m for m in messages
    )


def test_an_appendix_naming_a_document_the_year_lacks_is_an_error(minimal: Path) -> None:
    edit(
        minimal / "report.yaml",
        "appendices: [Appendix 1 thing]",
        "appendices: [{title: Appendix 1, document: community-safety-plan}]",
    )
    (error,) = errors(minimal)
    assert error.field == "appendices[1].document"
    assert "this year has no community-safety-plan" in error.message


def test_rows_that_would_share_a_sign_off_name_are_an_error(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "issue: Financial", "issue: LEGAL")
    edit(minimal / "implications.yaml", "sign_off: S151", "sign_off: Head of Legal")
    (error,) = errors(minimal)
    assert error.field == "rows[2].issue"
    assert "'LEGAL' and 'Legal' would both be signed off as 'legal'" in error.message


def test_a_row_id_keeps_accented_letters(minimal: Path) -> None:
    edit(minimal / "implications.yaml", "issue: Financial", "issue: Égalités & Finance")
    year = read_year(minimal)
    assert [row.id for row in year.implications.rows] == ["legal", "égalités-finance"]


@pytest.mark.parametrize(
    "typed", ["I. That it be done.", "(a) That it be done.", "B) That it be done."]
)
def test_any_hand_typed_numbering_is_caught(minimal: Path, typed: str) -> None:
    edit(minimal / "report.yaml", "[That it be done.]", f"['{typed}']")
    (error,) = errors(minimal)
    assert "reportgen numbers the recommendations itself" in error.message


def test_a_meeting_date_the_timetable_does_not_give_is_an_error(minimal: Path) -> None:
    edit(minimal / "report.yaml", "meeting_date: 2020-03-15", "meeting_date: 2020-03-16")
    (error,) = errors(minimal)
    assert (error.file.name, error.line, error.field) == ("report.yaml", 3, "meeting_date")
    assert error.message == (
        "the meeting date is 16 March 2020 here but the timetable gives 15 March 2020 "
        "(timetable.yaml, line 3: Committee); make the two the same."
    )


def test_a_timetable_without_the_committee_is_an_error_saying_what_to_add(
    minimal: Path,
) -> None:
    edit(minimal / "timetable.yaml", "{meeting: Committee,", "{meeting: Council,")
    (error,) = errors(minimal)
    assert (error.file.name, error.field) == ("report.yaml", "meeting_date")
    assert "timetable.yaml has no meeting of the Communities Committee" in error.message
    assert "'- meeting: Communities Committee' with 'date: 2020-03-15'" in error.message


def test_the_committee_meeting_is_found_by_its_name(minimal: Path) -> None:
    # The committee's name within a longer one, written differently, is the same meeting;
    # another meeting on the report's date does not make a wrong committee date right.
    edit(
        minimal / "timetable.yaml",
        "{meeting: Committee, date: 2020-03-15}",
        "{meeting: Council, date: 2020-03-15}\n"
        "  - {meeting: 'COMMUNITY committee, acting as the Crime & Disorder Committee', "
        "date: 2020-03-17}",
    )
    (error,) = errors(minimal)
    assert "gives 17 March 2020 (timetable.yaml, line 4: COMMUNITY committee" in error.message
    edit(minimal / "report.yaml", "meeting_date: 2020-03-15", "meeting_date: 2020-03-17")
    assert read_year(minimal).report.meeting_date.day == 17


@pytest.mark.parametrize("year", SAMPLE_YEARS)
def test_the_samples_meeting_dates_agree_with_their_timetables(year: str) -> None:
    # 2016-17 names "Community, Housing & Environment" and its timetable "Communities,
    # Housing and Environment Committee"; 2018-19's meeting is the committee "acting as
    # the Crime and Disorder Committee".
    problems, read = check_year(SAMPLE_CONTENT / year)
    assert [p.describe() for p in problems if p.is_error] == []
    assert read is not None
    (found,) = committee_meetings(read.report.committee, read.timetable)
    assert found[1].date == read.report.meeting_date


KEY_A = "ed25519:" + "A" * 43 + "="
KEY_B = "ed25519:" + "B" * 43 + "="


def test_an_officer_listed_twice_is_an_error(minimal: Path) -> None:
    """A second entry with the same name would take over the first officer's sign-offs."""
    (minimal / "officers.yaml").write_text(
        "officers:\n"
        "  - {name: Lee Legal, role: Deputy Monitoring Officer}\n"
        "  - {name: Lee Legal, role: Head of Legal}\n"
        "  - {name: Fran Finance, role: Section 151 Officer, signs_as: [S151]}\n"
    )
    problems = errors(minimal)
    assert any("'Lee Legal' is listed twice" in p.message for p in problems)


def test_two_officers_with_one_key_is_an_error(minimal: Path) -> None:
    (minimal / "officers.yaml").write_text(
        "signatures: required\n"
        "officers:\n"
        f"  - {{name: Lee Legal, role: Head of Legal, public_key: '{KEY_A}'}}\n"
        f"  - {{name: Fran Finance, role: Section 151 Officer, signs_as: [S151], "
        f"public_key: '{KEY_A}'}}\n"
    )
    problems = errors(minimal)
    assert any("this is Lee Legal's public key" in p.message for p in problems)


def test_keys_without_required_signatures_is_a_warning(minimal: Path) -> None:
    """Deleting `signatures: required` must not quietly let unsigned sign-offs count."""
    (minimal / "officers.yaml").write_text(
        "officers:\n"
        f"  - {{name: Lee Legal, role: Head of Legal, public_key: '{KEY_A}'}}\n"
        f"  - {{name: Fran Finance, role: Section 151 Officer, signs_as: [S151], "
        f"public_key: '{KEY_B}'}}\n"
    )
    problems, _ = check_year(minimal)
    warnings = [p for p in problems if not p.is_error]
    assert any("does not require signatures" in p.message for p in warnings)
