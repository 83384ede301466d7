"""``keys``: an officer's own signing key, made and kept in their configuration folder
(never in the content), and the public key line the report's author adds to
officers.yaml."""

from __future__ import annotations

from pathlib import Path

from reportgen.exceptions import RefusedError
from reportgen.signoff import SigningKey, key_path, load_key, new_key


def make_key(name: str, config: Path | str | None = None) -> SigningKey:
    """Make a signing key for the officer ``name`` in ``config`` (default
    $REPORTGEN_CONFIG, $XDG_CONFIG_HOME/reportgen or ~/.config/reportgen). Refuses to
    replace a key already there."""
    return new_key(name, Path(config) if config else None)


def show_key(name: str, config: Path | str | None = None) -> SigningKey:
    """The officer ``name``'s signing key, to print its public key line again. Refuses if
    they have none."""
    folder = Path(config) if config else None
    key = load_key(name, folder)
    if key is None:
        raise RefusedError(
            f"there is no key for {name} at {key_path(name, folder)}; make one with "
            f'reportgen keys new "{name}".'
        )
    return key


def public_key_line(key: SigningKey) -> str:
    """The line to add under the officer in officers.yaml."""
    return f"public_key: {key.public_key}"
