"""Checking a sign-off's signature against the public key officers.yaml lists for the
officer: a signed entry cannot be written by anyone but the holder of that officer's key,
nor changed afterwards (its text, time or meeting) without breaking the signature."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from reportgen.model.report import Officers, Record, SigningOfficer
from reportgen.signoff.context import signed_message
from reportgen.signoff.keys import verify


class KeyUse(StrEnum):
    """Whether a recorded sign-off was signed with the officer's key."""

    VERIFIED = "with their key"
    """Signed, and the signature checks out against officers.yaml's public key."""
    NONE = "without a key"
    UNLISTED = "with a key officers.yaml does not list"
    """Signed, but officers.yaml lists no public key for the officer to check it with."""


@dataclass(frozen=True)
class SignatureCheck:
    """How a recorded sign-off was signed, and why it cannot be trusted (empty if it can)."""

    key: KeyUse
    problem: str = ""


def check_signature(record: Record, officer: SigningOfficer, officers: Officers) -> SignatureCheck:
    """Check ``record``, given by ``officer``, against officers.yaml: a signature must
    match the officer's public key; with ``signatures: required`` there must be one."""
    required = officers.signatures == "required"
    listed = officer.public_key
    if record.signature is None:
        if not required:
            return SignatureCheck(KeyUse.NONE)
        return SignatureCheck(
            KeyUse.NONE,
            f"it is not signed with {officer.name}'s key, and officers.yaml requires "
            "signatures (signatures: required); " + _how_to_sign(officer),
        )
    if listed is None:
        problem = (
            f"officers.yaml lists no public_key for {officer.name}, so the signature cannot "
            "be checked"
        )
        return SignatureCheck(KeyUse.UNLISTED, problem if required else "")
    if record.key is not None and record.key != listed:
        owner = next((o.name for o in officers.officers if o.public_key == record.key), None)
        whose = f"{owner}'s key" if owner else "a key officers.yaml does not list (replaced?)"
        return SignatureCheck(
            KeyUse.NONE,
            f"it was signed with {whose}, not the key officers.yaml lists for {officer.name}; "
            f"{officer.name} must sign it again",
        )
    if not verify(listed, signed_message(record), record.signature):
        return SignatureCheck(
            KeyUse.NONE,
            f"its signature does not match the entry: it was changed after {officer.name} "
            "signed it (its time, text, meeting or signer), or was not signed with their key",
        )
    return SignatureCheck(KeyUse.VERIFIED)


def _how_to_sign(officer: SigningOfficer) -> str:
    if officer.public_key:
        return f"{officer.name} signs it again with reportgen signoff, using their key"
    return (
        f"officers.yaml lists no public_key for {officer.name} yet: they run "
        f'reportgen keys new "{officer.name}" and send the line it prints to the report\'s '
        "author, who adds it to officers.yaml"
    )
