"""Signing off: recording that the named officer cleared a part of the report as its text
reads now, for this report and meeting, in the year's signoffs.yaml, signed with the
officer's own key when they have one (and refused without it where officers.yaml requires
signatures)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.exceptions import ContentError, RefusedError
from reportgen.model.files import SIGNOFF_FILE
from reportgen.model.report import Record, SigningOfficer
from reportgen.problems import suggest
from reportgen.signoff.context import signed_message, year_context
from reportgen.signoff.keys import SigningKey, key_path, load_key
from reportgen.signoff.required import Required, required_signoffs
from reportgen.types import Year
from reportgen.validate.signoffs import read_signoff_file
from reportgen.write.signoffs import locked, write_record


def record_signoff(
    year: Year,
    item: str,
    by: str,
    now: dt.datetime | None = None,
    config: Path | None = None,
) -> Record:
    """Record that ``by`` cleared ``item`` (an implications row such as ``legal``, or
    another part officers.yaml names) of a year without errors, as its text reads now,
    signed with their key from ``config`` (their configuration folder) if they have one.
    Refuses if the item is unknown, ``by`` is not the officer who must sign it, or
    officers.yaml requires signatures and ``by`` has no key matching the one it lists."""
    required = _required(year, item)
    if by != required.officer.name:
        raise RefusedError(
            f"{required.what} must be signed off by {required.officer.name} "
            f"({required.officer.role}), not {by}."
        )
    key = _signing_key(year, required.officer, config)
    record = _signed(_unsigned(year, required, now), key)
    with locked(year.folder):
        _, problems = read_signoff_file(year.folder)
        if problems:  # never rewrite a file that cannot be read
            raise ContentError(problems)
        write_record(year.folder / SIGNOFF_FILE, record)
    return record


def _required(year: Year, item: str) -> Required:
    required = {each.id: each for each in required_signoffs(year)}
    if item not in required:
        raise RefusedError(f"nothing called {item!r} needs signing off; {suggest(item, required)}")
    return required[item]


def _unsigned(year: Year, item: Required, now: dt.datetime | None) -> Record:
    context = year_context(year)
    moment = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return Record(
        row=item.id,
        what=item.what,
        year=context.year,
        report=context.report,
        committee=context.committee,
        meeting=context.meeting,
        by=item.officer.name,
        role=item.officer.role,
        signed_at=moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        sha256=item.sha256,
        key=None,
        signature=None,
        text=item.text,
    )


def _signed(record: Record, key: SigningKey | None) -> Record:
    if key is None:
        return record
    with_key = record.model_copy(update={"key": key.public_key})
    return with_key.model_copy(update={"signature": key.sign(signed_message(with_key))})


def _signing_key(year: Year, officer: SigningOfficer, config: Path | None) -> SigningKey | None:
    """The officer's key, checked against officers.yaml; None to sign without one, which
    only a year that does not require signatures allows."""
    key = load_key(officer.name, config)
    required = year.officers.signatures == "required"
    if key is None:
        if required:
            raise RefusedError(_no_key(officer, config))
        return None
    if key.path.resolve().is_relative_to(year.folder.resolve().parent):
        raise RefusedError(
            f"your private key {key.path} is inside the content folder, where everyone who "
            "has the content can read it and sign as you; keep your configuration folder "
            "elsewhere (the default is ~/.config/reportgen), and replace this key."
        )
    if officer.public_key is None and not required:
        return key  # signed, though officers.yaml has no public key to check it with yet
    if officer.public_key != key.public_key:
        raise RefusedError(
            f"your key ({key.path}) is not the one officers.yaml lists for {officer.name}"
            + (
                f" (it lists none; add this line under {officer.name}: "
                f"public_key: {key.public_key})"
                if officer.public_key is None
                else "; if you made a new key, send its public key line (reportgen keys show) "
                "to the report's author to replace the old one in officers.yaml"
            )
            + "."
        )
    return key


def _no_key(officer: SigningOfficer, config: Path | None) -> str:
    listed = (
        ""
        if officer.public_key
        else f"; officers.yaml lists no public_key for {officer.name} yet either"
    )
    return (
        f"officers.yaml requires signatures (signatures: required), and there is no key for "
        f"{officer.name} at {key_path(officer.name, config)}{listed}. Sign off on your own "
        "machine, where your key is; if you have no key yet, run "
        f'reportgen keys new "{officer.name}" and send the line it prints to the report\'s '
        "author, who adds it to officers.yaml."
    )
