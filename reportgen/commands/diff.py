"""``diff``: what changed between two versions of a year's documents::

    from reportgen import diff
    difference = diff("content/2016-17", "content/2018-19")
    difference.comparison.priorities_added, difference.paths

Each version is a year folder (read, validated, its documents computed, so figures cited
with ``[[…]]`` compare as printed) or a published version folder
(``output/2018-19/published/v2``, whose ``text.json`` holds the text that was published);
:func:`last_published` finds a year's latest one. Writes an HTML redline and a Word
document of tracked changes, ``diff-OLD-NEW.html`` and ``.docx``, into ``out`` (default
``output/diff/`` beside the content folder), each atomically."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportgen.commands.build import default_output
from reportgen.commands.gate import read_year
from reportgen.compare import Comparison, YearText, as_json, compare_years, from_json, year_text
from reportgen.compute import DOCUMENTS, ComputedDocument
from reportgen.exceptions import ContentError, NotAYearFolderError, OutputError, RefusedError
from reportgen.problems import Problem
from reportgen.render.redline import render_redline_html
from reportgen.render.redline_docx import render_redline_docx
from reportgen.types import Year
from reportgen.write.files import OutputFolder
from reportgen.write.published import PUBLISHED, PUBLISHED_TEXT, latest_version

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Difference:
    """What ``diff`` found and wrote: the comparison, and the HTML and Word redlines."""

    comparison: Comparison
    paths: list[Path]


def diff(
    old: Path | str,
    new: Path | str,
    out: Path | str | None = None,
    now: dt.datetime | None = None,
) -> Difference:
    """Compare ``old`` with ``new`` (each a year folder or a published version folder)
    and write the redlines into ``out``. Raises :class:`ContentError` listing the errors
    of either year (both at once), before anything is written."""
    old_text, new_text = _read_both(Path(old), Path(new))
    comparison = compare_years(old_text, new_text)
    output = OutputFolder(_output(out, Path(old), Path(new)))
    name = f"diff-{_stem(Path(old))}-{_stem(Path(new))}"
    paths = [
        output.write(f"{name}.html", render_redline_html(comparison)),
        output.write(f"{name}.docx", render_redline_docx(comparison, now)),
    ]
    return Difference(comparison, paths)


def last_published(folder: Path | str, out: Path | str | None = None) -> Path:
    """The latest published version of a year (in ``out``, or its default output folder),
    refused if it has none."""
    published = Path(out or default_output(Path(folder))) / PUBLISHED
    latest = latest_version(published)
    if latest is None:
        raise RefusedError(
            f"{Path(folder).resolve().name} has not been published (nothing in {published}); "
            "compare two year folders instead, or name a published version folder."
        )
    return latest


def _read_both(old: Path, new: Path) -> tuple[YearText, YearText]:
    """Both versions' text; the errors of both reported together."""
    problems: list[Problem] = []
    texts = []
    for folder in (old, new):
        try:
            texts.append(comparable_text(folder))
        except ContentError as error:
            problems += [problem for problem in error.problems if problem.is_error]
    if problems:
        raise ContentError(problems)
    return texts[0], texts[1]


def comparable_text(folder: Path) -> YearText:
    """A year folder's documents as computed, or a published version's stored text."""
    if (folder / "report.yaml").is_file():
        return year_text_of(read_year(folder))
    if (folder / PUBLISHED_TEXT).is_file():
        return _published_text(folder)
    if (folder / MANIFEST).is_file():
        raise RefusedError(
            f"{folder} was published before reportgen kept the published text "
            f"({PUBLISHED_TEXT}), so it cannot be compared; compare the year folder it was "
            "published from instead."
        )
    raise NotAYearFolderError(
        f"{folder} is neither a year folder (it has no report.yaml) nor a published version "
        f"(it has no {PUBLISHED_TEXT})."
    )


def year_text_of(year: Year) -> YearText:
    """The comparable text of every document the year defines."""
    documents = {name: kind.compute(year) for name, kind in DOCUMENTS.items() if kind.defined(year)}
    return year_text(year.name, year.priorities.names, documents)


def publication_text(year: Year, documents: Mapping[str, ComputedDocument]) -> bytes:
    """``text.json`` for a publication: the published documents' comparable text."""
    text = year_text(year.name, year.priorities.names, documents)
    return json.dumps(as_json(text), indent=1, ensure_ascii=False).encode("utf-8") + b"\n"


def _published_text(folder: Path) -> YearText:
    version = folder.resolve()
    try:
        data = json.loads((folder / PUBLISHED_TEXT).read_text(encoding="utf-8"))
        label = f"{data['year']} as published ({version.name})"
        return from_json(data, label)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise RefusedError(
            f"{folder / PUBLISHED_TEXT} cannot be read as reportgen's published text "
            f"({error}); compare the year folder it was published from instead."
        ) from error


def _stem(folder: Path) -> str:
    """How a version is named in the files' names: 2018-19, or 2018-19-v2 if published."""
    folder = folder.resolve()
    if folder.parent.name == PUBLISHED:
        return f"{folder.parent.parent.name}-{folder.name}"
    return folder.name


def _output(out: Path | str | None, old: Path, new: Path) -> Path:
    """``out``, or ``output/diff/`` beside the content folder; never inside a year's
    content folder."""
    years = [folder for folder in (new, old) if (folder / "report.yaml").is_file()]
    if out:
        root = Path(out).resolve()
    elif years:
        root = default_output(years[0]).parent / "diff"
    else:
        root = Path("output", "diff").resolve()
    for folder in years:
        content = folder.resolve().parent
        if root.is_relative_to(content):
            raise OutputError(
                f"the output folder {root} is inside the content folder {content}; "
                "choose a folder outside it with --out."
            )
    return root
