"""``reportgen diff``, one of the commands :mod:`reportgen.cli` gathers: a thin shell over
:func:`reportgen.commands.diff.diff`."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.help import examples

EXAMPLES = examples(
    "reportgen diff content/2016-17 content/2018-19   # one year against another",
    "reportgen diff content/2018-19 --published       # since its latest publication",
    "reportgen diff output/2018-19/published/v1 content/2018-19 --out /tmp/review",
)


@click.command("diff", epilog=EXAMPLES)
@click.argument(
    "folders",
    nargs=-1,
    required=True,
    metavar="OLD NEW",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option("--published", is_flag=True, help="Compare a year with its latest publication.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the redlines. Default: output/diff/ beside the content folder.",
)
def diff_command(folders: tuple[Path, ...], published: bool, out: Path | None) -> None:
    """Show what changed from OLD to NEW, each a year folder or a published version
    (output/2018-19/published/v2); with --published, one year folder against its latest
    publication. Lists the recommended priorities added and removed, then per document
    and section what was added, removed and reworded, word by word
    ([-removed-]{+added+}), and writes diff-OLD-NEW.html (a redline) and diff-OLD-NEW.docx
    (Word tracked changes by "reportgen", to step through in Word or LibreOffice).

    Exits 0 when done, whether or not anything changed; 1 if a year has errors (listed
    with file and line) or nothing is published to compare with; 2 for bad usage."""
    if len(folders) != (1 if published else 2):
        raise click.UsageError("give two folders, OLD and NEW, or one year folder and --published.")
    from reportgen.commands.diff import diff, last_published
    from reportgen.compare import summary

    old, new = (last_published(folders[0]), folders[0]) if published else folders
    difference = diff(old, new, out)
    for line in [*summary(difference.comparison), *map(str, difference.paths)]:
        click.echo(line)
