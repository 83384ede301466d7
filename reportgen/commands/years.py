"""Year folders' names (``2019-20``) and the years written in text: what ``reportgen
new`` moves on by a year (a title naming the old year folder verbatim), what it proposes
(a period such as ``Jul 2014-Jun 15``) and what it asks an officer to review."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

YEAR_FOLDER = re.compile(r"(\d{4})-(\d{2})")
"""A year folder's name: the year it starts and the next one's last two digits."""

EN_DASH = "\u2013"
_YEAR = re.compile(
    r"(?<![\d£$€])((?:19|20)\d{2})(?:([-/" + EN_DASH + r"])(\d{2}|(?:19|20)\d{2}))?(?!\d)"
)
_SHORT_PAIR = re.compile(r"(?<![\d/£$€.,])(\d{2})/(\d{2})(?![\d/])")
_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)([a-z]*\.?[ -])(\d{2})(?![\d:])"
)


def year_of(name: str) -> int | None:
    """The year a folder such as ``2019-20`` starts (None for another name)."""
    match = YEAR_FOLDER.fullmatch(name)
    if not match or int(match[2]) != (int(match[1]) + 1) % 100:
        return None
    return int(match[1])


def folder_name(first: int) -> str:
    """``2019`` → ``2019-20``."""
    return f"{first}-{(first + 1) % 100:02d}"


@dataclass(frozen=True)
class Years:
    """The year a new folder rolls forward from, and the new one (``None`` where the old
    folder's name is not a year)."""

    old: str
    new: str
    old_first: int | None
    new_first: int

    @classmethod
    def of(cls, old: str, new: str) -> Years:
        new_first = year_of(new)
        assert new_first is not None, "the new folder's name is checked first"
        return cls(old, new, year_of(old), new_first)

    @property
    def delta(self) -> int:
        """How many years on the new folder is (1 for 2018-19 → 2019-20)."""
        return self.new_first - self.old_first if self.old_first is not None else 1

    def spellings(self) -> list[str]:
        """How text may write the old year: 2018-19, 2018/19, 2018-2019 …, and with an en
        dash."""
        if self.old_first is None:
            return [self.old]
        first, second = self.old_first, self.old_first + 1
        return [
            f"{first}{dash}{end}"
            for dash in "-/" + EN_DASH
            for end in (f"{second % 100:02d}", second)
        ]

    def mentions_old_year(self, text: str) -> bool:
        """Whether ``text`` names the old year (in any of its spellings)."""
        return any(spelling in text for spelling in self.spellings())

    def moved(self, text: str) -> str | None:
        """``text`` a year on, if every year in it is the old folder's name written
        verbatim (``2018-19 Strategic Assessment`` → ``2019-20 Strategic Assessment``);
        else None."""
        if self.old_first is None or self.old not in text:
            return None
        rest = text.replace(self.old, "")
        return None if mentions_a_year(rest) else text.replace(self.old, self.new)

    def shifted(self, text: str) -> str:
        """``text`` with every year in it moved on (``Jul 2014-Jun 15`` → ``Jul 2015-Jun
        16``): a suggestion for an officer to confirm, never filled in unasked."""
        delta = self.delta

        def year(match: re.Match[str]) -> str:
            moved = str(int(match[1]) + delta)
            if match[3] is None:
                return moved
            end = int(match[3]) + delta
            return (
                f"{moved}{match[2]}{end % 100:02d}"
                if len(match[3]) == 2
                else f"{moved}{match[2]}{end}"
            )

        text = _YEAR.sub(year, text)
        text = _MONTH.sub(lambda m: f"{m[1]}{m[2]}{(int(m[3]) + delta) % 100:02d}", text)
        return _SHORT_PAIR.sub(
            lambda m: (
                f"{(int(m[1]) + delta) % 100:02d}/{(int(m[2]) + delta) % 100:02d}"
                if (int(m[1]) + 1) % 100 == int(m[2])
                else m[0]
            ),
            text,
        )


def mentions_a_year(text: str) -> bool:
    """Whether ``text`` names a year or a period (2015, 2014/15, Jun 15, 14/15)."""
    pairs = (m for m in _SHORT_PAIR.finditer(text) if (int(m[1]) + 1) % 100 == int(m[2]))
    return bool(_YEAR.search(text) or _MONTH.search(text) or next(pairs, None))


def committee_date(first: int) -> dt.date:
    """A starter year's committee meeting: the second Tuesday of February of its second
    calendar year (2020-21 → 9 February 2021)."""
    return _nth_weekday(first + 1, 2, weekday=1, n=2)


def partnership_date(first: int) -> dt.date:
    """A starter year's partnership meeting: the third Tuesday of January before it."""
    return _nth_weekday(first + 1, 1, weekday=1, n=3)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
