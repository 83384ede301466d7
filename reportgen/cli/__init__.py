"""The ``reportgen`` command: a thin shell over :mod:`reportgen.commands`.

Exit codes: 0 done, 1 problems found or refused, 2 bad usage.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any

import click

from reportgen.cli.diff import diff_command
from reportgen.cli.help import examples
from reportgen.cli.keys import keys_group
from reportgen.cli.new import new_command
from reportgen.cli.page_numbers import PAGE_NUMBERS
from reportgen.cli.preview import preview_command
from reportgen.cli.schema import schema_command
from reportgen.exceptions import ReportgenError
from reportgen.names import DOCUMENT_NAMES, FORMATS
from reportgen.render.page_numbers import PageNumbers
from reportgen.version import __version__
from reportgen.write.unchanged import BuildRequest, up_to_date

# Each command imports the part of reportgen it runs when it runs (`reportgen --help`, or a
# build with nothing to do, need not load the pipeline).

CONTENT_DIR = click.Path(exists=True, file_okay=False, path_type=Path)


class ReportgenGroup(click.Group):
    """Turns unexpected failures into one line (or a traceback with --debug), and ends
    quietly when whatever reads the output stops (``reportgen status … | head -1``)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except BrokenPipeError:  # e.g. an error being shown on a closed stderr
            _stop_writing()
            sys.exit(1)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _stop_writing()
            raise click.exceptions.Exit(1) from None
        except (click.exceptions.Exit, click.exceptions.Abort, click.UsageError):
            raise
        except ReportgenError:
            if _debug(ctx):
                traceback.print_exc()
            raise
        except Exception as error:
            if _debug(ctx):
                raise
            raise ReportgenError(
                f"reportgen failed unexpectedly ({type(error).__name__}: {error}). "
                "Run again with --debug for details, and report it."
            ) from error


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.params.get("debug"))


def _stop_writing() -> None:
    """Send whatever is left to write to nowhere, so that closing the output at exit
    does not fail again with a second broken pipe."""
    nowhere = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # not a real file (a test runner's)
            os.dup2(nowhere, stream.fileno())
    os.close(nowhere)


class CommaList(click.ParamType):
    """``docx,pdf`` → ["docx", "pdf"], each checked against the allowed names."""

    name = "list"

    def __init__(self, allowed: tuple[str, ...]) -> None:
        self.allowed = allowed

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, list):
            return value
        names = [part.strip() for part in str(value).split(",") if part.strip()]
        unknown = [name for name in names if name not in self.allowed]
        if unknown or not names:
            self.fail(
                f"{value!r}: choose from {', '.join(self.allowed)} (several separated by commas)",
                param,
                ctx,
            )
        return names


@click.group(
    cls=ReportgenGroup,
    commands=[new_command, diff_command, preview_command, schema_command, keys_group],
)
@click.version_option(__version__, prog_name="reportgen")
@click.option("--debug", is_flag=True, help="Show a traceback when something fails.")
def cli(debug: bool) -> None:
    """Build a Community Safety Partnership's committee report, Strategic Assessment and
    Community Safety Plan from a folder of YAML content (one folder per year)."""
    logging.basicConfig(level=logging.WARNING, format="Warning: %(message)s")


STRICT = click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (e.g. published figures that disagree) as errors.",
)


OUT = click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder. Default: output/<year folder name>/ (publications go in published/).",
)


TEMPLATES = click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A folder of your own templates, searched first.",
)


@cli.command(
    "check",
    epilog=examples(
        "reportgen check content/2018-19            # every problem, with file, line and field",
        "reportgen check content/2018-19 --strict   # warnings count as errors",
        "reportgen check content/library            # the shared library on its own",
        "reportgen check content/2016-17 --all      # and the known differences, with reasons",
    ),
)
@click.argument("content_dir", type=CONTENT_DIR)
@STRICT
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list the warnings the content acknowledges (known_differences, "
    "still_named), with their reasons.",
)
def check_command(content_dir: Path, strict: bool, show_all: bool) -> None:
    """Check a year's content and list every problem, with file, line and field.

    Errors stop a build; warnings (figures that disagree, undefined acronyms) do
    not, unless --strict is given. Warnings the content acknowledges, with a reason,
    are counted apart and listed with --all."""
    from reportgen import signoff
    from reportgen.commands import check_year

    problems, year = check_year(content_dir)
    for problem in problems:
        if show_all or not problem.is_acknowledged:
            click.echo(problem.describe(), err=True)
    errors = sum(problem.is_error for problem in problems)
    warnings = sum(problem.is_warning for problem in problems)
    if errors or (strict and warnings):
        raise ReportgenError(
            f"{errors} error(s), {warnings} warning(s) in {content_dir}"
            + (" (--strict: warnings count as errors)." if strict else ".")
        )
    acknowledged = len(problems) - errors - warnings
    also = f", {acknowledged} acknowledged" if acknowledged else ""
    also += " (--all lists them)" if acknowledged and not show_all else ""
    click.echo(f"{content_dir}: no errors, {warnings} warning(s){also}.")
    if year is not None:
        click.echo(signoff.summary(signoff.statuses(year)))


@cli.command(
    "build",
    epilog=examples(
        "reportgen build content/2018-19                       # every document, every format",
        "reportgen build content/2018-19 --doc committee-report --format pdf",
        "reportgen build content/2018-19 --out /tmp/drafts     # somewhere else",
        "reportgen build content/2018-19 --final               # refused until all signed",
    ),
)
@click.argument("content_dir", type=CONTENT_DIR)
@click.option(
    "--doc",
    "documents",
    type=CommaList(DOCUMENT_NAMES),
    default=None,
    help=f"Which document(s) to build: {', '.join(DOCUMENT_NAMES)}. Default: all.",
)
@click.option(
    "--format",
    "formats",
    type=CommaList(FORMATS),
    default=None,
    help="Formats, separated by commas. Default: docx,pdf,html.",
)
@OUT
@TEMPLATES
@click.option(
    "--final",
    is_flag=True,
    help="Refuse unless every sign-off is current (without it, such a build is a DRAFT).",
)
@STRICT
def build_command(
    content_dir: Path,
    documents: list[str] | None,
    formats: list[str] | None,
    out: Path | None,
    templates: Path | None,
    final: bool,
    strict: bool,
) -> None:
    """Build a year's documents as DOCX, PDF and HTML. Until every required sign-off is
    current (see `reportgen status`), each carries a DRAFT watermark."""
    started = time.perf_counter()
    request = BuildRequest.of(content_dir, documents, formats, out, templates, final, strict)
    paths = up_to_date(request)
    if paths is not None:
        for path in paths:
            click.echo(f"{content_dir.name}: {path.name} is up to date", err=True)
            click.echo(str(path))
        click.echo(
            f"Nothing to build: {len(paths)} file(s) up to date "
            f"({time.perf_counter() - started:.1f} s).",
            err=True,
        )
        return
    from reportgen.commands import build

    paths = build(
        content_dir,
        documents,
        formats,
        out,
        templates,
        progress=lambda message: click.echo(message, err=True),
        final=final,
        strict=strict,
    )
    for path in paths:
        click.echo(str(path))
    click.echo(f"Built {len(paths)} file(s) in {time.perf_counter() - started:.1f} s.", err=True)


@cli.command(
    "signoff",
    epilog=examples(
        'reportgen signoff content/2018-19 legal --by "Keith Trowell"',
        'reportgen signoff content/2018-19 financial --by "Mark Green"',
    ),
)
@click.argument("content_dir", type=CONTENT_DIR)
@click.argument("row")
@click.option(
    "--by", "name", required=True, help="The signing officer's name, as in officers.yaml."
)
def signoff_command(content_dir: Path, row: str, name: str) -> None:
    """Record that an officer has cleared ROW (an implications row such as legal, or
    another part named in officers.yaml) as its text reads now, for this report's
    meeting, signed with the officer's own key (see `reportgen keys`) if they have one."""
    from reportgen.commands import sign_off
    from reportgen.model.files import SIGNOFF_FILE

    record = sign_off(content_dir, row, name)
    how = "with their key" if record.signature else "without a key"
    click.echo(
        f"{record.row}: signed off by {record.by}, {record.role}, at {record.signed_at}, "
        f"{how} (recorded in {content_dir / SIGNOFF_FILE})."
    )


@cli.command(
    "status",
    epilog=examples(
        "reportgen status content/2018-19          # who has signed what",
        "reportgen status content/2018-19 --json   # for scripts",
    ),
)
@click.argument("content_dir", type=CONTENT_DIR)
@click.option("--json", "as_json", is_flag=True, help="Print the sign-offs as a JSON list.")
def status_command(content_dir: Path, as_json: bool) -> None:
    """Show every required sign-off as signed, missing, stale (the text or the meeting
    changed since, with what changed word by word) or invalid (edited by hand, signed by
    the wrong officer or key, or unsigned where officers.yaml requires signatures), and
    which are signed with the officer's key. Exits 1 unless all are signed."""
    from reportgen import signoff
    from reportgen.commands import status

    statuses = status(content_dir)
    if as_json:
        click.echo(json.dumps([s.as_json() for s in statuses], indent=2, ensure_ascii=False))
    else:
        for item in statuses:
            click.echo(signoff.describe(item))
            for line in item.redline.splitlines():
                click.echo(f"    changed since: {line}")
    required = [s for s in statuses if s.required]
    waiting = len(signoff.outstanding(statuses))
    if waiting and as_json:
        raise click.exceptions.Exit(1)
    if waiting:
        raise ReportgenError(f"{waiting} of {len(required)} sign-off(s) are not current.")
    if not as_json:
        keyed = sum(s.signed_with_key for s in required)
        click.echo(
            f"All {len(required)} sign-offs are current. "
            f"{keyed} of them are signed with the officer's own key."
        )


@cli.command(
    "publish",
    epilog=examples(
        "reportgen publish content/2018-19 --item 8            # democratic services",
        "reportgen publish content/2018-19 --item 8 --again    # a new version, unchanged",
        "reportgen publish content/2018-19 --item 8 --page-numbers 37   # agenda's page 37 on",
        "reportgen publish content/2018-19 --item 8 --page-numbers off  # no page numbers",
    ),
)
@click.argument("content_dir", type=CONTENT_DIR)
@click.option(
    "--item",
    type=click.IntRange(min=1),
    required=True,
    help="The report's item number on the committee's agenda.",
)
@OUT
@TEMPLATES
@STRICT
@click.option(
    "--again",
    is_flag=True,
    help="Publish a new version even if nothing changed since the last one.",
)
@PAGE_NUMBERS
def publish_command(
    content_dir: Path,
    item: int,
    out: Path | None,
    templates: Path | None,
    strict: bool,
    again: bool,
    page_numbers: PageNumbers | None,
) -> None:
    """Publish the agenda pack (democratic services): the report and its appendices as one
    accessible PDF with "Agenda Item N" on every page, each document's HTML, and a
    manifest, in a new published/v<N>/ folder. Refuses unless the content has no errors
    and every sign-off is current, and (without --again) if the same documents, sign-offs
    and item were published last time."""
    from reportgen.commands import publish

    started = time.perf_counter()
    publication = publish(
        content_dir,
        item,
        out,
        strict=strict,
        templates=templates,
        again=again,
        page_numbers=page_numbers,
    )
    for entry in publication.manifest["files"]:
        pages = f", {entry['pages']} pages" if entry["pages"] else ""
        click.echo(f"{publication.folder / entry['name']}{pages}")
    click.echo(f"{publication.folder / 'manifest.json'}")
    click.echo(
        f"Published agenda item {item} as {publication.folder.name}, "
        f"{(page_numbers or PageNumbers()).described()}, in "
        f"{time.perf_counter() - started:.1f} s.",
        err=True,
    )


def main() -> None:
    """Entry point for ``python -m reportgen``."""
    cli(prog_name="reportgen")
