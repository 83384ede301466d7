"""Every derived figure, including ties, zero bases, missing values and aggregate rows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.compute import figures


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,171", 1171.0),
        ("-6.8%", -6.8),
        ("£40,814", 40814.0),
        ("0", 0.0),
        ("12.70%", 12.7),
        ("", None),
        ("n/a", None),
        ("-", None),
        ("*", None),
        (None, None),
        ("abc", None),
    ],
)
def test_parse_number(text: str | None, number: float | None) -> None:
    assert figures.parse_number(text) == number


def test_difference() -> None:
    assert figures.difference(9178, 9410) == -232
    assert figures.difference(None, 9410) is None


def test_percent_change() -> None:
    assert figures.format_number(figures.percent_change(9178, 9410), 1, True, "%") == "-2.5%"
    assert figures.format_number(figures.percent_change(2945, 2612), 1, True, "%") == "+12.7%"
    assert figures.percent_change(16, 25) == pytest.approx(-36.0)


def test_percent_change_from_zero_is_not_applicable() -> None:
    assert figures.percent_change(5, 0) is None
    assert figures.format_number(figures.percent_change(5, 0), 1) == "n/a"
    assert figures.percent_change(0, 0) is None


def test_rate_per_thousand_and_ten_thousand() -> None:
    assert figures.format_number(figures.rate(9178, 161800), 1) == "56.7"
    assert figures.format_number(figures.rate(9178, 161800, per=10000), 1) == "567.2"
    assert figures.rate(10, 0) is None


def test_share() -> None:
    assert figures.share(77, 770) == pytest.approx(10.0)
    assert figures.share(1, 0) is None


def test_total_of_unknowns_is_unknown() -> None:
    assert figures.total([2643, 224, 78]) == 2945
    assert figures.total([1, None]) is None
    assert figures.total([]) is None


def test_ranking_lowest_first_with_ties_sharing_a_rank() -> None:
    ranks = figures.ranking({"A": 43.4, "B": 45.3, "C": 45.3, "D": 47.5})
    assert ranks == {"A": 1, "B": 2, "C": 2, "D": 4}


def test_ranking_highest_first() -> None:
    assert figures.ranking({"A": 709, "B": 631, "C": 564}, highest_first=True) == {
        "A": 1,
        "B": 2,
        "C": 3,
    }


def test_ranking_skips_rows_without_a_value() -> None:
    assert figures.ranking({"A": None, "B": 2.0, "C": 1.0}) == {"B": 2, "C": 1}


def test_ranking_compares_values_as_printed() -> None:
    ranks = figures.ranking({"Shepway": 56.64, "Maidstone": 56.56}, decimals=1)
    assert ranks == {"Shepway": 1, "Maidstone": 1}


def test_seed_ranking_error_is_found() -> None:
    """Maidstone (56.7) ranked above Shepway (56.6) and below Canterbury (57.1)."""
    ranks = figures.ranking({"Canterbury": 57.1, "Maidstone": 56.7, "Shepway": 56.6})
    assert ranks == {"Shepway": 1, "Maidstone": 2, "Canterbury": 3}


@pytest.mark.parametrize(
    ("value", "args", "text"),
    [
        (9178, (), "9,178"),
        (1234567.891, (2,), "1,234,567.89"),
        (2.25, (1,), "2.3"),
        (-0.04, (1, True, "%"), "0.0%"),
        (0.3, (1, True, "%"), "+0.3%"),
        (None, (1,), "n/a"),
        (-232, (0, True), "-232"),
    ],
)
def test_format_number(value: float | None, args: tuple, text: str) -> None:
    assert figures.format_number(value, *args) == text


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (6, "6th"), (11, "11th"), (12, "12th"), (22, "22nd")],
)
def test_ordinal(number: int, text: str) -> None:
    assert figures.ordinal(number) == text


@pytest.mark.parametrize(
    ("computed", "published", "ok"),
    [
        (12.748, "12.70%", True),
        (12.748, "12.8", False),
        (-2.465, "-2.50%", True),
        (10.4, "10.0", False),
        (30.0, "30%", True),
        (30.6, "30%", False),
        (-36.0, "46.0", False),
        (None, "n/a", True),
        (5.0, None, True),
        (None, "3", False),
    ],
)
def test_published_figures_agree_within_their_rounding(
    computed: float | None, published: str | None, ok: bool
) -> None:
    assert figures.agrees(computed, published) is ok


rates = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.one_of(st.none(), st.floats(min_value=0, max_value=1000, allow_nan=False)),
    max_size=20,
)


@given(rates, st.booleans())
def test_rankings_are_consistent_with_rates(values: dict, highest_first: bool) -> None:
    ranks = figures.ranking(values, highest_first=highest_first)
    assert set(ranks) == {row for row, value in values.items() if value is not None}
    for a in ranks:
        for b in ranks:
            better = values[a] > values[b] if highest_first else values[a] < values[b]
            if better:
                assert ranks[a] < ranks[b]
            if values[a] == values[b]:
                assert ranks[a] == ranks[b]
    # a rank is one more than the number of rows strictly better
    for row, rank in ranks.items():
        strictly_better = sum(
            (v > values[row]) if highest_first else (v < values[row])
            for other, v in values.items()
            if v is not None and other != row
        )
        assert rank == strictly_better + 1


def test_only_ascii_digits_are_figures() -> None:
    """Python reads other scripts' digits as numbers too; reportgen would then print a
    figure other than the one typed, so they are not figures (check says so)."""
    assert figures.parse_number("٧٥١٧٩٥") is None
    assert figures.parse_number("\u0661\u0662") is None  # Arabic-Indic 12
    assert figures.parse_number("751795") == 751795.0
