"""Officers' keys: each officer signs with a private key kept in their own configuration
folder (never in the content), and officers.yaml lists the matching public key, so a
sign-off can be checked by anyone and made by nobody else.

The configuration folder is ``$REPORTGEN_CONFIG``, else ``$XDG_CONFIG_HOME/reportgen``,
else ``~/.config/reportgen``; an officer's key is ``keys/<name>.pem`` inside it (e.g.
``keys/keith-trowell.pem``), readable by them alone. Keys are Ed25519.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from reportgen.exceptions import RefusedError

CONFIG_VARIABLE = "REPORTGEN_CONFIG"
"""The environment variable naming the configuration folder, if not the usual one."""
KEY_FOLDER = "keys"
KEY_PREFIX = "ed25519:"


@dataclass(frozen=True)
class SigningKey:
    """An officer's private key, where it is kept, and its public key as officers.yaml
    lists it."""

    path: Path
    private: Ed25519PrivateKey

    @property
    def public_key(self) -> str:
        """The public key as officers.yaml lists it: ``ed25519:`` and base64."""
        raw = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        return KEY_PREFIX + base64.b64encode(raw).decode("ascii")

    def sign(self, message: bytes) -> str:
        """The signature of ``message``, in base64."""
        return base64.b64encode(self.private.sign(message)).decode("ascii")


def config_folder() -> Path:
    """The officer's own reportgen configuration folder."""
    if os.environ.get(CONFIG_VARIABLE):
        return Path(os.environ[CONFIG_VARIABLE]).expanduser()
    if os.environ.get("XDG_CONFIG_HOME"):
        return Path(os.environ["XDG_CONFIG_HOME"]).expanduser() / "reportgen"
    return Path.home() / ".config" / "reportgen"


def key_path(name: str, config: Path | None = None) -> Path:
    """Where ``name``'s private key is kept: keys/<name in lower case, hyphens>.pem."""
    slug = re.sub(r"[\W_]+", "-", name.casefold()).strip("-")
    if not slug:
        raise RefusedError(f"{name!r} is not a name; give the officer's name as in officers.yaml.")
    return (config or config_folder()) / KEY_FOLDER / f"{slug}.pem"


def new_key(name: str, config: Path | None = None) -> SigningKey:
    """Make a key pair for the officer ``name`` and keep the private key in their
    configuration folder, readable by them alone. Refuses to replace a key already there:
    every entry signed with it would become invalid."""
    path = key_path(name, config)
    if path.exists():
        raise RefusedError(
            f"there is already a key for {name} at {path}; reportgen never replaces a key, "
            "because every sign-off made with it would become invalid. To see its public key "
            f'run reportgen keys show "{name}"; to replace a lost or leaked key, move that '
            "file away first, run keys new again and send the new public key line."
        )
    key = SigningKey(path, Ed25519PrivateKey.generate())
    pem = key.private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise RefusedError(f"cannot write the key {path}: {error.strerror}.") from error
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(pem)
    return key


def load_key(name: str, config: Path | None = None) -> SigningKey | None:
    """The officer ``name``'s private key from their configuration folder, or None if
    they have none. Refuses a key file others can read, or one that is not a key."""
    path = key_path(name, config)
    if not path.is_file():
        return None
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise RefusedError(
            f"the key {path} can be read by other people; only you should be able to. "
            f"Run chmod 600 {path}, and if others may have copied it, replace it (see "
            "reportgen keys new)."
        )
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (ValueError, TypeError, OSError) as error:
        raise RefusedError(
            f"{path} is not a reportgen signing key ({error}); move it away and run "
            f'reportgen keys new "{name}".'
        ) from error
    if not isinstance(private, Ed25519PrivateKey):
        raise RefusedError(f"{path} is not an Ed25519 key, which reportgen signs with.")
    return SigningKey(path, private)


def verify(public_key: str, message: bytes, signature: str) -> bool:
    """Whether ``signature`` (base64) is the signature of ``message`` by the holder of
    ``public_key`` (``ed25519:`` and base64, as officers.yaml lists it)."""
    try:
        raw = base64.b64decode(public_key.removeprefix(KEY_PREFIX), validate=True)
        Ed25519PublicKey.from_public_bytes(raw).verify(
            base64.b64decode(signature, validate=True), message
        )
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    return True
