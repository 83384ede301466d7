"""An acronym the plan spells out where it uses it, "Cognitive Behaviour Therapy (CBT)" or
"CROP (Citizens Rights for Older People)", needs no glossary entry; one it does not is
still a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import check
from reportgen.validate.acronyms import defined_in_place
from tests.conftest import edit


@pytest.mark.parametrize(
    ("text", "defined"),
    [
        ("Our Multi-Agency Gangs Group (MAG) Action Plan", {"MAG"}),
        ("I liaised with CROP (Citizens Rights for Older People) on his behalf", {"CROP"}),
        ("a Modern Slavery & Human Trafficking (MSHT) corporate statement", {"MSHT"}),
        ("There is a standard operating procedure (SOP) published", {"SOP"}),
        ("the town centre's Public Spaces Protection Order (PSPO)", {"PSPO"}),
        ("the Kent, Surrey and Sussex Community Rehabilitation Company (KSS CRC)", {"KSS", "CRC"}),
        ("Ministry Of Justice (MOJ)", {"MOJ"}),
        ("A&E (Accident and Emergency)", {"A&E"}),
        ("designated PCSOs (Police Community Support Officers)", {"PCSO"}),
        # Not defined: the words do not spell it, or nothing is spelt out.
        ("The Upper (UCL) and the Centre Line", set()),
        ("the police said (ABC)", set()),
        ("GBH, ABH and other assaults", set()),
        ("Kent Fire and Rescue around … KFR have been contacted", set()),
        ("the Police and Crime Commissioner's grant (CSP)", set()),
        ("issues around CSE, Prevent, SOC (emerging)", set()),
    ],
)
def test_acronyms_spelt_out_where_they_are_used(text: str, defined: set[str]) -> None:
    assert defined_in_place([text]) == defined


def test_only_one_word_besides_small_ones_may_be_left_out() -> None:
    assert defined_in_place(["Multi-Agency Gangs Group (MAG)"]) == {"MAG"}
    assert defined_in_place(["Multi-Agency Gangs Working Group (MAG)"]) == set()


def _use(plan: Path, text: str) -> None:
    edit(plan / "plan" / "priorities.yaml", "these CSE and ASB issues", f"these CSE and ASB {text}")


def test_an_acronym_the_plan_spells_out_needs_no_glossary_entry(with_plan: Path) -> None:
    _use(with_plan, "issues with the Multi-Agency Gangs Group (MAG)")
    assert check(with_plan) == []


def test_it_may_be_spelt_out_anywhere_in_the_plan(with_plan: Path) -> None:
    """Used in the priorities chapter, spelt out later, in the leads chapter."""
    _use(with_plan, "issues with the MAG")
    (warning,) = check(with_plan)
    assert "the acronym 'MAG' is used but the glossary" in warning.message
    edit(
        with_plan / "plan" / "leads.yaml",
        "title: Action plan",
        "title: The Multi-Agency Gangs Group (MAG) action plan",
    )
    assert check(with_plan) == []


def test_an_acronym_the_words_before_it_do_not_spell_is_a_warning(with_plan: Path) -> None:
    _use(with_plan, "issues, and the Upper (UCL) and Lower Control Limits (LCL)")
    (warning,) = check(with_plan)
    assert not warning.is_error
    assert "the acronym 'UCL' is used but the glossary" in warning.message
