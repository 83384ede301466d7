"""``reportgen new``, one of the commands :mod:`reportgen.cli` gathers: a thin shell over
:func:`reportgen.commands.new.new_year`."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.help import examples

EXAMPLES = examples(
    "reportgen new content/2019-20 --from content/2018-19   # next year, from this one",
    "reportgen new content/2020-21                          # a starter year, from nothing",
)


@click.command("new", epilog=EXAMPLES)
@click.argument("target", type=click.Path(path_type=Path))
@click.option(
    "--from",
    "from_year",
    type=click.Path(path_type=Path),
    default=None,
    help="Last year's folder, to roll forward from.",
)
def new_command(target: Path, from_year: Path | None) -> None:
    """Start next year's folder from this year's, or a starter year from nothing.

    TARGET is the new year's folder, named after its year (e.g. content/2019-20). With
    --from: a copy of last year's folder, its text and layout kept, without its
    sign-offs; its recommended priorities become last_year; the meeting and publication
    dates, and titles and periods naming other years, become TODO: placeholders, which
    `reportgen check` reports as errors until they are filled. Without: a starter year
    for a council starting from nothing (and content/library/ beside it if there is
    none), every field explained in a comment, which checks and builds as it is.
    Prints what it changed and what is left to do. Refused if TARGET exists and is not
    empty."""
    from reportgen.commands.new import new_year

    for line in new_year(target, from_year).summary():
        click.echo(line)
