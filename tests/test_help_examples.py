"""Every command's --help ends with examples, and each example is one the README gives."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from reportgen.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
        else:
            found.append((f"{prefix}{name}", command))
    return found


COMMANDS = _commands(cli)


def _example_commands(epilog: str) -> list[str]:
    """The examples of an epilog, without their comments."""
    lines = [line.strip() for line in epilog.splitlines()[2:]]  # after "\b" and "Examples:"
    return [" ".join(line.split("#", 1)[0].split()) for line in lines if line]


def test_every_command_is_covered() -> None:
    assert {"check", "build", "signoff", "status", "publish", "keys new"} <= dict(COMMANDS).keys()


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_help_ends_with_examples_the_readme_gives(name: str, command: click.Command) -> None:
    assert command.epilog and command.epilog.startswith("\b\nExamples:\n"), name
    examples = _example_commands(command.epilog)
    assert examples and all(e.startswith(f"reportgen {name}") for e in examples)
    readme = {
        " ".join(line.split("#", 1)[0].replace(".venv/bin/", "").split())
        for line in README.read_text(encoding="utf-8").splitlines()
    }
    readme_inline = " ".join(README.read_text(encoding="utf-8").split())
    missing = [e for e in examples if e not in readme and f"`{e}`" not in readme_inline]
    assert missing == [], f"--help examples of {name!r} not in the README"
