"""``reportgen preview``, one of the commands :mod:`reportgen.cli` gathers: a thin shell over
:func:`reportgen.commands.preview_server.serve`."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.help import examples

EXAMPLES = examples(
    "reportgen preview content/2018-19              # then open http://127.0.0.1:8000/",
    "reportgen preview content/2018-19 --port 0     # any free port; the address is printed",
)


@click.command("preview", epilog=EXAMPLES)
@click.argument("content_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1 to serve the preview on; 0 takes any free one.",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A folder of your own templates, searched first.",
)
def preview_command(content_dir: Path, port: int, templates: Path | None) -> None:
    """Show a year's documents in your browser as they will be published (HTML, draft
    marking included), on this computer only, and show them again each time you save a
    file the year uses. While the content has errors, each page lists them (file, line,
    field) in place of the document; fix them and save, and it comes back. Each page links
    to its PDF, made when you ask for it. Stop with Ctrl+C."""
    from reportgen.commands.preview_server import serve  # the server, only when asked for

    serve(content_dir, port, templates, tell=lambda message: click.echo(message, err=True))
