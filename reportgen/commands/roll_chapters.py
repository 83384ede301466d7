"""``reportgen new --from``: the Strategic Assessment's and the plan's files a year on —
titles naming the old year folder moved on, other titles and every period printed with a
table, chart or indicators marked with a ``TODO:`` placeholder proposing the period a
year on."""

from __future__ import annotations

from typing import Any

from reportgen.commands.new_report import NewYear
from reportgen.commands.years import Years, mentions_a_year
from reportgen.model.files import ASSESSMENT_FILE, PLAN_FILE
from reportgen.types import FieldPath, field_name
from reportgen.validate.placeholders import placeholder
from reportgen.write.yaml_text import YamlText


class Roll:
    """One file of the new year being edited: its text, its name in the year folder, the
    years, and the record of what was done."""

    def __init__(self, doc: YamlText, name: str, years: Years, report: NewYear) -> None:
        self.doc, self.name, self.years, self.report = doc, name, years, report

    def value(self, path: FieldPath) -> Any:
        """The value at ``path`` as text (None where there is none)."""
        data = self.doc.data
        for step in path:
            if not _has(data, step):
                return None
            data = data[step]
        return data

    def title(self, path: FieldPath, what: str, mark: bool = True) -> None:
        """A title a year on: moved where it names the old year folder verbatim (and no
        other year), else, if it names a year, marked for an officer (or, without
        ``mark``, listed for review: a chapter's "… Act 2015" stays); else unchanged."""
        old = self.value(path)
        if not isinstance(old, str) or not mentions_a_year(old):
            return
        moved = self.years.moved(old)
        if moved is not None:
            self.doc.set_scalar(path, moved)
            self.report.did(self.name, field_name(path), f"{old!r} → {moved!r}; check it")
        elif mark:
            self.mark(path, old, f"{what} for {self.years.new}")
        else:
            self.report.left(self.name, field_name(path), f"{old!r} names a year: review it")

    def period(self, path: FieldPath, what: str) -> None:
        """A text naming a period (a column heading, a caption) marked for an officer."""
        old = self.value(path)
        if isinstance(old, str) and mentions_a_year(old):
            self.mark(path, old, what)

    def mark(self, path: FieldPath, old: str, what: str) -> None:
        """Replace the value with a placeholder proposing it a year on."""
        suggestion = self.years.shifted(old)
        hint = f", e.g. {suggestion}" if suggestion != old else ""
        self.doc.set_scalar(path, placeholder(what + hint, was=old))
        self.report.marked(self.name, field_name(path), f"give {what} (was {old!r}{hint})")


def roll_document_file(roll: Roll) -> None:
    """plan/plan.yaml or assessment/assessment.yaml: its title (and the plan's subtitle
    and edition)."""
    is_plan = roll.name.endswith(PLAN_FILE)
    document = "the plan's" if is_plan else "the Strategic Assessment's"
    roll.title(("title",), f"{document} title")
    if is_plan:
        roll.title(("subtitle",), "the plan's subtitle")
        roll.title(("edition",), "the plan's edition")


def roll_chapter(roll: Roll) -> None:
    """A chapter: its titles, and the periods its tables, charts, indicators and grids
    print."""
    data = roll.doc.data
    if not isinstance(data, dict):
        return
    roll.title(("title",), "the chapter's title", mark=False)
    for index, _ in enumerate(_items(data.get("sections"))):
        roll.title(("sections", index, "title"), "the section's title", mark=False)
    for name, table in _named(data.get("tables")):
        _roll_table(roll, ("tables", name), table)
    for name, _ in _named(data.get("charts")):
        for part, what in _CHART_TEXTS.items():
            roll.period(("charts", name, part), f"the chart's {what}, with this year's period")
    for path, kind in _blocks(data):
        _roll_block(roll, path, kind, data)


_CHART_TEXTS = {
    "title": "title",
    "x_label": "label along the bottom",
    "y_label": "label up the side",
    "description": "description",
}


def _roll_table(roll: Roll, path: FieldPath, table: Any) -> None:
    roll.period((*path, "title"), "the table's caption, with this year's period")
    roll.period((*path, "note"), "the table's note, with this year's period")
    columns = table.get("columns") if isinstance(table, dict) else None
    for index, _ in enumerate(_items(columns)):
        roll.period((*path, "columns", index, "heading"), "this column's heading and period")


def _roll_block(roll: Roll, path: FieldPath, kind: str, data: Any) -> None:
    body = (*path, kind)
    if kind == "grid":
        roll.period((*body, "title"), "the table's caption, with this year's period")
        for index, _ in enumerate(_items(roll.value((*body, "headings")))):
            roll.period((*body, "headings", index), "this column's heading and period")
        return
    roll.period((*body, "title"), "the table's caption, with this year's period")
    for column in ("baseline", "comparison"):
        roll.period((*body, column, "period"), f"the {column} column's period")
    roll.period((*body, "target", "by"), "the year the target is to be met by")


def _blocks(data: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every grid and indicators block, with its path."""
    found: list[tuple[FieldPath, str]] = []
    if isinstance(data, dict):
        found += [
            (path, kind) for kind in ("grid", "indicators") if isinstance(data.get(kind), dict)
        ]
        for key, value in data.items():
            if key not in ("tables", "charts"):
                found += _blocks(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _blocks(value, (*path, index))
    return found


def _has(data: Any, step: str | int) -> bool:
    if isinstance(data, dict):
        return step in data
    return isinstance(data, list) and isinstance(step, int) and step < len(data)


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _named(value: Any) -> list[tuple[str, Any]]:
    return list(value.items()) if isinstance(value, dict) else []


def is_document_file(name: str) -> bool:
    """Whether ``name`` (from the year folder) is plan/plan.yaml or assessment.yaml."""
    return name in (f"plan/{PLAN_FILE}", f"assessment/{ASSESSMENT_FILE}")
