"""``reportgen keys``, one of the commands :mod:`reportgen.cli` gathers: an officer's own
signing key, a thin shell over :mod:`reportgen.commands.keys`."""

from __future__ import annotations

import click

from reportgen.cli.help import examples


@click.group("keys")
def keys_group() -> None:
    """An officer's own signing key. Each officer runs `reportgen keys new "NAME"` once, on
    their own machine: the private key stays in their configuration folder
    ($REPORTGEN_CONFIG, else ~/.config/reportgen), and they send the public key line it
    prints to the report's author, who adds it under them in officers.yaml."""


@keys_group.command(
    "new", epilog=examples('reportgen keys new "Keith Trowell"   # once, on the officer\'s machine')
)
@click.argument("name")
def keys_new_command(name: str) -> None:
    """Make a signing key for the officer NAME (as in officers.yaml) and print the line to
    add under them in officers.yaml. Never replaces an existing key."""
    from reportgen.commands.keys import make_key, public_key_line

    key = make_key(name)
    click.echo(
        f"Made a signing key for {name}: {key.path} (readable by you alone; keep it there, "
        "never in the content folder). Send this line to the report's author, to add "
        f"under {name} in officers.yaml:",
        err=True,
    )
    click.echo(public_key_line(key))


@keys_group.command("show", epilog=examples('reportgen keys show "Keith Trowell"'))
@click.argument("name")
def keys_show_command(name: str) -> None:
    """Print the officers.yaml line of NAME's public key again."""
    from reportgen.commands.keys import public_key_line, show_key

    click.echo(public_key_line(show_key(name)))
