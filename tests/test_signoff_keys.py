"""Sign-off bound to its meeting and to the officer's own key: a copied year is not
current, hand-written (forged), back-dated and wrongly keyed entries are invalid where
officers.yaml requires signatures, and signing without keys still works where it does not.
Every key is made in the test's own folder ($REPORTGEN_CONFIG, see conftest)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml

from reportgen.commands import read_year
from reportgen.model.report import Record
from reportgen.signoff import load_key, new_key, required_signoffs
from reportgen.signoff.context import signed_message
from reportgen.write.signoffs import write_record
from tests.conftest import ROWS_2018, SAMPLE_CONTENT, edit, give_officers_keys, run, sign_everything
from tests.test_signoff import states


@pytest.fixture
def year_2018(tmp_path: Path) -> Path:
    """A copy of the 2018-19 sample (which requires signatures), its officers given keys
    made in the test's configuration folder."""
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT / "library", content / "library")
    shutil.copytree(SAMPLE_CONTENT / "2018-19", content / "2018-19")
    give_officers_keys(content / "2018-19")
    return content / "2018-19"


def one(folder: Path, row: str) -> dict[str, Any]:
    """One row of `reportgen status --json`."""
    _, output = run("status", folder, "--json")
    (found,) = [s for s in json.loads(output) if s["row"] == row]
    return found


# --- a copied year ------------------------------------------------------------------------------


def test_a_copied_year_is_not_current(year_2018: Path, tmp_path: Path) -> None:
    sign_everything(year_2018)
    assert run("status", year_2018)[0] == 0
    copy = year_2018.parent / "2019-20"
    shutil.copytree(year_2018, copy)
    # copied as it is: the same meeting, but not the folder it was signed in
    assert set(states(copy).values()) == {"stale"}
    assert "signed in the year folder 2018-19, not 2019-20" in one(copy, "legal")["reason"]

    edit(copy / "report.yaml", "meeting_date: 2018-02-13", "meeting_date: 2019-02-12")
    edit(copy / "report.yaml", "title: 2018-19 Safer", "title: 2019-20 Safer")
    edit(copy / "timetable.yaml", "date: 2018-02-13", "date: 2019-02-12")
    listed = json.loads(run("status", copy, "--json")[1])
    assert {s["state"] for s in listed} == {"stale"} and len(listed) == len(ROWS_2018)
    legal = one(copy, "legal")
    assert (
        "signed for the meeting of 13 February 2018, not this report's meeting of 12 "
        in (legal["reason"])
    )
    assert "signed for the report '2018-19 Safer Maidstone Partnership Strategic" in legal["reason"]
    assert legal["changes"] == []  # the text itself is the same
    code, output = run("status", copy)
    assert code == 1 and "legal: stale - Legal implications" in output
    assert "signed for the meeting of 13 February 2018" in output
    code, output = run("publish", copy, "--item", "8")
    assert code == 1 and "legal: stale" in output and "13 February 2018" in output
    assert not (tmp_path / "output" / "2019-20").exists()
    code, output = run("build", copy, "--final", "--out", tmp_path / "final")
    assert code == 1 and "signed for the meeting of 13 February 2018" in output
    # signed again for the new meeting, it is current
    sign_everything(copy)
    assert run("status", copy)[0] == 0


def test_an_entry_recorded_without_its_meeting_is_not_current(minimal: Path) -> None:
    """An entry as an earlier reportgen wrote it (text and hash, no report or meeting)."""
    (item,) = [r for r in required_signoffs(read_year(minimal)) if r.id == "legal"]
    (minimal / "signoffs.yaml").write_text(
        yaml.safe_dump(
            {
                "signoffs": [
                    {
                        "row": "legal",
                        "by": "Lee Legal",
                        "role": "Head of Legal",
                        "signed_at": "2020-03-01T10:00:00Z",
                        "sha256": hashlib.sha256(item.text.encode()).hexdigest(),
                        "text": item.text,
                    }
                ]
            }
        )
    )
    legal = one(minimal, "legal")
    assert legal["state"] == "stale"
    assert "does not record the report and meeting it was signed for" in legal["reason"]
    assert run("signoff", minimal, "legal", "--by", "Lee Legal")[0] == 0
    assert one(minimal, "legal")["state"] == "signed"


# --- forged, back-dated and wrongly keyed entries -------------------------------------------


def forged_entries(folder: Path) -> str:
    """signoffs.yaml written by hand for every required sign-off, each sha256 computed
    with hashlib over the whitespace-normalised text, with the right report and meeting."""
    year = read_year(folder)
    entries = [
        {
            "row": item.id,
            "what": item.what,
            "year": folder.name,
            "report": year.report.title,
            "committee": year.report.committee,
            "meeting": year.report.meeting_date.isoformat(),
            "by": item.officer.name,
            "role": item.officer.role,
            "signed_at": "2018-02-01T09:00:00Z",
            "sha256": hashlib.sha256(" ".join(item.text.split()).encode()).hexdigest(),
            "text": item.text,
        }
        for item in required_signoffs(year)
    ]
    return yaml.safe_dump({"signoffs": entries}, allow_unicode=True)


def test_a_hashlib_forged_sign_off_file_is_invalid_when_signatures_are_required(
    year_2018: Path,
) -> None:
    (year_2018 / "signoffs.yaml").write_text(forged_entries(year_2018))
    listed = json.loads(run("status", year_2018, "--json")[1])
    assert {s["state"] for s in listed} == {"invalid"}
    assert not any(s["signed_with_key"] for s in listed)
    (legal,) = [s for s in listed if s["row"] == "legal"]
    assert legal["reason"].startswith(
        "it is not signed with Keith Trowell's key, and officers.yaml requires signatures"
    )
    code, output = run("publish", year_2018, "--item", "8")
    assert code == 1 and "legal: invalid" in output
    assert not (year_2018.parent.parent / "output").exists()


def test_the_same_forgery_counts_where_signatures_are_not_required(year_2018: Path) -> None:
    """What `signatures: required` protects against: without it, a hand-written file
    passes (shown as signed without a key)."""
    edit(year_2018 / "officers.yaml", "signatures: required", "signatures: optional")
    (year_2018 / "signoffs.yaml").write_text(forged_entries(year_2018))
    listed = json.loads(run("status", year_2018, "--json")[1])
    assert {s["state"] for s in listed} == {"signed"}
    assert not any(s["signed_with_key"] for s in listed)
    assert "without a key" in run("status", year_2018)[1]


def test_a_forged_signature_is_invalid(year_2018: Path, tmp_path: Path) -> None:
    """An entry claiming Keith Trowell's key, signed with some other key."""
    (year_2018 / "signoffs.yaml").write_text(forged_entries(year_2018))
    entries = yaml.safe_load((year_2018 / "signoffs.yaml").read_text())["signoffs"]
    (legal,) = [e for e in entries if e["row"] == "legal"]
    keith = yaml.safe_load((year_2018 / "officers.yaml").read_text())["officers"][3]
    assert keith["name"] == "Keith Trowell"
    stranger = new_key("Keith Trowell", tmp_path / "a-stranger")
    record = Record.model_validate({**legal, "key": keith["public_key"]})
    signed = record.model_copy(update={"signature": stranger.sign(signed_message(record))})
    write_record(year_2018 / "signoffs.yaml", signed)
    found = one(year_2018, "legal")
    assert found["state"] == "invalid"
    assert "its signature does not match the entry" in found["reason"]


def test_back_dating_a_signed_entry_is_detected(year_2018: Path) -> None:
    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    legal = one(year_2018, "legal")
    assert (legal["state"], legal["signed_with_key"]) == ("signed", True)
    path = year_2018 / "signoffs.yaml"
    signed = yaml.safe_load(path.read_text())["signoffs"][0]["signed_at"]
    path.write_text(path.read_text().replace(signed, "2018-02-01T09:00:00Z"))
    legal = one(year_2018, "legal")
    assert legal["state"] == "invalid" and legal["signed_at"] == "2018-02-01T09:00:00Z"
    assert (
        "its signature does not match the entry: it was changed after Keith Trowell signed it "
        "(its time, text, meeting or signer)" in legal["reason"]
    )
    code, output = run("status", year_2018)
    assert code == 1 and "legal: invalid" in output and "its time" in output


def test_moving_a_signed_entry_to_another_meeting_is_detected(year_2018: Path) -> None:
    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    path = year_2018 / "signoffs.yaml"
    path.write_text(path.read_text().replace("2018-02-13", "2019-02-12"))
    edit(year_2018 / "report.yaml", "meeting_date: 2018-02-13", "meeting_date: 2019-02-12")
    edit(year_2018 / "timetable.yaml", "date: 2018-02-13", "date: 2019-02-12")
    legal = one(year_2018, "legal")
    assert legal["state"] == "invalid" and "signature does not match" in legal["reason"]


def test_another_officers_key_cannot_sign_or_pass(year_2018: Path, tmp_path: Path) -> None:
    config = Path(os.environ["REPORTGEN_CONFIG"]) / "keys"
    shutil.copy(config / "mark-green.pem", tmp_path / "mark-green.pem")
    (config / "keith-trowell.pem").unlink()
    shutil.copy(config / "mark-green.pem", config / "keith-trowell.pem")
    code, output = run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    assert code == 1
    assert "is not the one officers.yaml lists for Keith Trowell" in output
    assert not (year_2018 / "signoffs.yaml").exists()

    # an entry for Keith Trowell written and signed with Mark Green's key
    (year_2018 / "signoffs.yaml").write_text(forged_entries(year_2018))
    entries = yaml.safe_load((year_2018 / "signoffs.yaml").read_text())["signoffs"]
    (legal,) = [e for e in entries if e["row"] == "legal"]
    mark = load_key("Mark Green")
    assert mark is not None
    record = Record.model_validate({**legal, "key": mark.public_key})
    write_record(
        year_2018 / "signoffs.yaml",
        record.model_copy(update={"signature": mark.sign(signed_message(record))}),
    )
    found = one(year_2018, "legal")
    assert found["state"] == "invalid"
    assert (
        "it was signed with Mark Green's key, not the key officers.yaml lists for Keith"
        in (found["reason"])
    )


def test_replacing_an_officers_public_key_invalidates_their_entries(year_2018: Path) -> None:
    """A lost or leaked key: the report's author lists the officer's new public key."""
    sign_everything(year_2018)
    officers = year_2018 / "officers.yaml"
    listed = yaml.safe_load(officers.read_text())["officers"]
    (keith,) = [o for o in listed if o["name"] == "Keith Trowell"]
    (Path(os.environ["REPORTGEN_CONFIG"]) / "keys" / "keith-trowell.pem").unlink()
    replacement = new_key("Keith Trowell")
    edit(officers, keith["public_key"], replacement.public_key)
    found = {s["row"]: s for s in json.loads(run("status", year_2018, "--json")[1])}
    kept = {row for row, name in ROWS_2018.items() if name != "Keith Trowell"}
    assert {row for row, s in found.items() if s["state"] == "signed"} == kept
    assert "signed with a key officers.yaml does not list" in found["legal"]["reason"]
    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    assert one(year_2018, "legal")["state"] == "signed"


def test_signing_without_a_key_is_refused_where_signatures_are_required(
    year_2018: Path,
) -> None:
    (Path(os.environ["REPORTGEN_CONFIG"]) / "keys" / "keith-trowell.pem").unlink()
    code, output = run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    assert code == 1
    assert "officers.yaml requires signatures (signatures: required), and there is no key " in (
        output
    )
    assert 'reportgen keys new "Keith Trowell"' in output
    assert not (year_2018 / "signoffs.yaml").exists()


def test_a_key_others_can_read_is_refused(year_2018: Path) -> None:
    key = Path(os.environ["REPORTGEN_CONFIG"]) / "keys" / "keith-trowell.pem"
    key.chmod(0o644)
    code, output = run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    assert code == 1 and "can be read by other people" in output and "chmod 600" in output


def test_a_missing_public_key_is_named_in_status(year_2018: Path) -> None:
    officers = year_2018 / "officers.yaml"
    listed = yaml.safe_load(officers.read_text())["officers"]
    (anna,) = [o for o in listed if o["name"] == "Anna Collier"]
    edit(officers, f"    public_key: {anna['public_key']}\n", "")
    equalities = one(year_2018, "equalities")
    assert equalities["state"] == "missing"
    assert "lists no public_key for Anna Collier yet" in equalities["reason"]
    code, output = run("signoff", year_2018, "equalities", "--by", "Anna Collier")
    assert code == 1 and "is not the one officers.yaml lists for Anna Collier (it lists none" in (
        output
    )


# --- where signatures are not required ---------------------------------------------------------


def test_without_required_signatures_signing_without_a_key_still_works(minimal: Path) -> None:
    code, output = run("signoff", minimal, "legal", "--by", "Lee Legal")
    assert code == 0 and "legal: signed off by Lee Legal, Head of Legal" in output
    assert "without a key" in output
    legal = one(minimal, "legal")
    assert (legal["state"], legal["signed_with_key"]) == ("signed", False)
    assert (
        "legal: signed - Legal implications, signed off by Lee Legal" in (run("status", minimal)[1])
    )
    assert "without a key" in run("status", minimal)[1]
    assert "signature" not in (minimal / "signoffs.yaml").read_text()


def test_without_required_signatures_an_officer_with_a_key_signs_with_it(minimal: Path) -> None:
    code, line = run("keys", "new", "Lee Legal")
    assert code == 0
    public_key = line.strip().splitlines()[-1]
    assert public_key.startswith("public_key: ed25519:")
    edit(minimal / "officers.yaml", "role: Head of Legal}", f"role: Head of Legal, {public_key}}}")
    code, output = run("signoff", minimal, "legal", "--by", "Lee Legal")
    assert code == 0 and "with their key" in output
    assert one(minimal, "legal")["signed_with_key"] is True
    code, output = run("status", minimal)
    assert "legal: signed - Legal implications, signed off by Lee Legal" in output
    assert "with their key" in output


# --- keys new / keys show ----------------------------------------------------------------------


def test_keys_new_keeps_the_private_key_to_the_officer_and_prints_the_public_line(
    tmp_path: Path,
) -> None:
    code, output = run("keys", "new", "Keith Trowell")
    assert code == 0
    path = tmp_path / "officer-config" / "keys" / "keith-trowell.pem"
    assert f"Made a signing key for Keith Trowell: {path}" in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    line = output.strip().splitlines()[-1]
    loaded = load_key("Keith Trowell")
    assert loaded is not None and line == f"public_key: {loaded.public_key}"
    assert yaml.safe_load(line) == {"public_key": loaded.public_key}
    assert run("keys", "show", "Keith Trowell") == (0, line + "\n")

    before = path.read_bytes()
    code, output = run("keys", "new", "Keith Trowell")
    assert code == 1 and "there is already a key for Keith Trowell" in output
    assert path.read_bytes() == before


def test_keys_follow_the_configuration_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REPORTGEN_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert run("keys", "new", "Anna Collier")[0] == 0
    assert (tmp_path / "xdg" / "reportgen" / "keys" / "anna-collier.pem").is_file()


def test_keys_usage(tmp_path: Path) -> None:
    assert run("keys", "new")[0] == 2
    code, output = run("keys", "show", "Nobody")
    assert code == 1 and "there is no key for Nobody" in output


def test_a_private_key_inside_the_content_folder_is_refused(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_CONFIG", str(minimal.parent / "keys-by-mistake"))
    assert run("keys", "new", "Lee Legal")[0] == 0
    code, output = run("signoff", minimal, "legal", "--by", "Lee Legal")
    assert code == 1 and "is inside the content folder" in output
    assert not (minimal / "signoffs.yaml").exists()
