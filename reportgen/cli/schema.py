"""``reportgen schema``, one of the commands :mod:`reportgen.cli` gathers: a thin shell
over :mod:`reportgen.commands.schema`, :mod:`~reportgen.commands.schema_links` and
:mod:`~reportgen.commands.reference`."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.help import examples

EXAMPLES = examples(
    "reportgen schema                           # into docs/schemas/",
    "reportgen schema --link content            # and every content file's first line",
    "reportgen schema --out /tmp/schemas        # somewhere else",
    "reportgen schema --reference docs/reference.md   # and the reference",
)


@click.command("schema", epilog=EXAMPLES)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder to write the schemas into.  [default: docs/schemas]",
)
@click.option(
    "--link",
    "folders",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A content folder (a year, the library, or a folder of them) whose YAML files "
    "should start with the line pointing at these schemas. May be given more than once.",
)
@click.option(
    "--reference",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the reference (every field, in Markdown) to this file.",
)
def schema_command(out: Path | None, folders: tuple[Path, ...], reference: Path | None) -> None:
    """Write a JSON Schema for every kind of content file (report.yaml, a chapter, the
    library's texts, the glossary, the house style …), from the content model that
    `reportgen check` uses, with its descriptions and examples.

    An editor that knows a file's schema completes its fields and explains each one as
    it is typed: VS Code with the YAML extension (redhat.vscode-yaml) reads it from the
    file's first line, `# yaml-language-server: $schema=PATH`, which --link writes (or
    puts right) in every content file of a folder. The schemas check the shape of a
    file; `reportgen check` remains the judge (dates that exist, names that match, the
    data)."""
    from reportgen.commands.reference import write_reference
    from reportgen.commands.schema import SCHEMA_FOLDER, write_schemas
    from reportgen.commands.schema_links import link

    out = out or SCHEMA_FOLDER
    for path in write_schemas(out):
        click.echo(str(path))
    for folder in folders:
        done = link(folder, out)
        click.echo(
            f"{folder}: {len(done.changed)} file(s) given the schema line, "
            f"{len(done.unchanged)} already had it."
        )
        for file in done.unreadable:
            click.echo(f"{file}: left as it is: not UTF-8 text (see reportgen check).", err=True)
    if reference is not None:
        click.echo(str(write_reference(reference)))
