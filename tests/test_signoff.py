"""Sign-off bound to the text: signoff, status and their refusals, on a copy of the
2018-19 sample and on the minimal year."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reportgen.commands import status
from reportgen.signoff import format_redline, word_changes
from reportgen.signoff import text_hash as fingerprint
from tests.conftest import (
    ROWS_2018,
    copy_2018,
    edit,
    run,
    sign_everything,
)


@pytest.fixture
def year_2018(tmp_path: Path) -> Path:
    """A copy of the 2018-19 sample and the shared library, its officers given keys made
    in the test's own configuration folder (the sample requires signatures)."""
    return copy_2018(tmp_path)


def states(folder: Path) -> dict[str, str]:
    return {s.item: s.state for s in status(folder)}


def test_every_required_sign_off_starts_missing(year_2018: Path) -> None:
    code, output = run("status", year_2018, "--json")
    assert code == 1
    listed = json.loads(output)
    assert {item["row"]: item["signer"] for item in listed} == ROWS_2018
    assert {item["state"] for item in listed} == {"missing"}


def test_unsigned_then_signed_then_stale_then_signed_again(year_2018: Path) -> None:
    assert states(year_2018)["legal"] == "missing"
    code, output = run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    assert code == 0 and "legal: signed off by Keith Trowell" in output
    assert states(year_2018)["legal"] == "signed"

    library = year_2018.parent / "library" / "report-text.yaml"
    edit(library, "Maidstone is fulfilling its", "Maidstone is meeting its")
    (legal,) = [s for s in status(year_2018) if s.item == "legal"]
    assert (legal.state, legal.signer) == ("stale", "Keith Trowell")
    assert legal.changes == [
        {
            "removed": "fulfilling",
            "added": "meeting",
            "before": "… Assessment, Maidstone is",
            "after": "its statutory requirement. …",
        }
    ]
    code, output = run("status", year_2018)
    assert code == 1
    assert "legal: stale - Legal implications, signed off by Keith Trowell" in output
    assert (
        "changed since: … Assessment, Maidstone is [-fulfilling-]{+meeting+} its statutory "
        "requirement. …" in output
    )

    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    assert states(year_2018)["legal"] == "signed"
    records = (year_2018 / "signoffs.yaml").read_text()
    assert records.count("row: legal") == 1 and "meeting its statutory" in " ".join(records.split())


def test_when_every_sign_off_is_given_status_exits_0(year_2018: Path) -> None:
    for row, name in ROWS_2018.items():
        assert run("signoff", year_2018, row, "--by", name)[0] == 0
    code, output = run("status", year_2018)
    assert code == 0 and "All 11 sign-offs are current." in output
    code, output = run("status", year_2018, "--json")
    assert code == 0 and {item["state"] for item in json.loads(output)} == {"signed"}


def test_a_hand_edited_entry_is_invalid(year_2018: Path) -> None:
    run("signoff", year_2018, "staffing", "--by", "Helen Ward")
    path = year_2018 / "signoffs.yaml"
    path.write_text(path.read_text().replace("Staffing:", "Staffing (amended):"))
    (staffing,) = [s for s in status(year_2018) if s.item == "staffing"]
    assert staffing.state == "invalid" and "edited by hand" in staffing.reason


def test_an_entry_rewritten_to_match_new_text_by_the_wrong_officer_is_invalid(
    year_2018: Path,
) -> None:
    run("signoff", year_2018, "staffing", "--by", "Helen Ward")
    path = year_2018 / "signoffs.yaml"
    path.write_text(path.read_text().replace("by: Helen Ward", "by: Mark Green"))
    (staffing,) = [s for s in status(year_2018) if s.item == "staffing"]
    assert staffing.state == "invalid"
    assert "signed by Mark Green, but Staffing implications must be signed off by Helen Ward" in (
        staffing.reason
    )


def test_signing_for_the_wrong_officer_or_an_unknown_row_is_refused(year_2018: Path) -> None:
    code, output = run("signoff", year_2018, "financial", "--by", "Keith Trowell")
    assert code == 1
    assert "must be signed off by Mark Green (Section 151 Officer), not Keith Trowell" in output
    code, output = run("signoff", year_2018, "finance", "--by", "Mark Green")
    assert code == 1 and "did you mean 'financial'" in output
    assert not (year_2018 / "signoffs.yaml").exists()


def test_signing_text_that_fails_check_is_refused(year_2018: Path) -> None:
    edit(year_2018 / "implications.yaml", "sign_off: Head of HR Shared Service", "sign_off: HR")
    code, output = run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    assert code == 1 and "'HR' names nobody in officers.yaml" in output
    assert not (year_2018 / "signoffs.yaml").exists()


def test_comments_in_the_sign_off_file_are_kept(year_2018: Path) -> None:
    run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    path = year_2018 / "signoffs.yaml"
    path.write_text("# Checked at the February legal meeting.\n" + path.read_text())
    run("signoff", year_2018, "equalities", "--by", "Anna Collier")
    text = path.read_text()
    assert text.startswith("# Checked at the February legal meeting.\n")
    assert "row: legal" in text and "row: equalities" in text


def test_a_broken_sign_off_file_is_reported_and_left_untouched(year_2018: Path) -> None:
    path = year_2018 / "signoffs.yaml"
    path.write_text("signoffs:\n  - row: legal\n    by: [oops\n")
    code, output = run("signoff", year_2018, "equalities", "--by", "Anna Collier")
    assert code == 1 and "signoffs.yaml, line" in output
    assert path.read_text() == "signoffs:\n  - row: legal\n    by: [oops\n"


def test_an_entry_for_something_not_required_is_invalid(year_2018: Path) -> None:
    text = "Nothing."
    (year_2018 / "signoffs.yaml").write_text(
        "signoffs:\n  - {row: legl, by: Keith Trowell, role: Lawyer, "
        f"signed_at: '2018-02-01T10:00:00Z', sha256: {fingerprint(text)}, text: {text}}}\n"
    )
    (extra,) = [s for s in status(year_2018) if s.item == "legl"]
    assert extra.state == "invalid" and "did you mean 'legal'" in extra.reason


def test_a_section_named_for_sign_off_covers_its_text(minimal: Path) -> None:
    officers = minimal / "officers.yaml"
    officers.write_text(
        officers.read_text()
        + "also_signed_off:\n  - {id: intro, section: Introduction, by: Lee Legal}\n"
    )
    assert run("signoff", minimal, "intro", "--by", "Lee Legal")[0] == 0
    edit(minimal / "sections.yaml", "First para.", "First paragraph.")
    (intro,) = [s for s in status(minimal) if s.item == "intro"]
    assert intro.state == "stale"
    assert intro.changes == [
        {
            "removed": "para.",
            "added": "paragraph.",
            "before": "… ¶ Paragraph: First",
            "after": "¶ Bullet list: …",
        }
    ]


def test_a_redline_shows_a_few_words_either_side_of_each_change() -> None:
    before = "one two three four five six seven eight"
    assert format_redline(word_changes(before, before.replace("four", "4"))) == (
        "one two three [-four-]{+4+} five six seven …"
    )
    assert format_redline(word_changes(before, before.replace("five", "5"))) == (
        "… two three four [-five-]{+5+} six seven eight"
    )
    assert format_redline(word_changes("start here and go", "begin here and go")) == (
        "[-start-]{+begin+} here and go"
    )
    assert format_redline(word_changes("a b c d e", "a b c d e f")) == "… c d e {+f+}"
    both = format_redline(word_changes(before, "one 2 three four five six seven")).splitlines()
    assert both == ["one [-two-]{+2+} three four five …", "… five six seven [-eight-]"]


# --- drafts and final builds ------------------------------------------------------------------


def core_properties(path: Path) -> str:
    """docProps/core.xml as text (python-docx cannot read cp: properties once docxcompose
    has remapped its prefixes)."""
    import zipfile

    with zipfile.ZipFile(path) as package:
        return package.read("docProps/core.xml").decode("utf-8")


def pdf_pages_saying_draft(path: Path) -> list[bool]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return ["DRAFT" in (page.extract_text() or "") for page in pdf.pages]


def test_until_signed_off_every_page_says_draft_and_final_is_refused(
    year_2018: Path, tmp_path: Path
) -> None:
    import docx

    out = tmp_path / "out"
    code, _ = run("build", year_2018, "--doc", "committee-report", "--out", out)
    assert code == 0
    pages = pdf_pages_saying_draft(out / "committee-report.pdf")
    assert len(pages) > 3 and all(pages)
    word = docx.Document(out / "committee-report.docx")
    assert "<cp:contentStatus>Draft</cp:contentStatus>" in core_properties(
        out / "committee-report.docx"
    )
    header = word.sections[0].header
    assert "DRAFT" in header.paragraphs[0].text
    assert 'string="DRAFT"' in header._element.xml  # Word's own watermark shape
    html = (out / "committee-report.html").read_text()
    assert 'class="draft-notice"' in html and '<meta name="keywords" content="Draft">' in html

    before = (out / "committee-report.pdf").read_bytes()
    code, output = run("build", year_2018, "--final", "--out", out)
    assert code == 1
    assert "a final build needs every sign-off to be current" in output
    assert "legal: missing - Legal implications, to be signed off by Keith Trowell" in output
    assert (out / "committee-report.pdf").read_bytes() == before


def test_once_signed_off_the_build_is_final(year_2018: Path, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "out"
    run("build", year_2018, "--doc", "committee-report", "--out", out)  # a draft first
    sign_everything(year_2018)
    code, _ = run("build", year_2018, "--doc", "committee-report", "--final", "--out", out)
    assert code == 0
    assert not any(pdf_pages_saying_draft(out / "committee-report.pdf"))
    word = docx.Document(out / "committee-report.docx")
    assert "Draft" not in core_properties(out / "committee-report.docx")
    assert not any("DRAFT" in p.text for p in word.sections[0].header.paragraphs)
    assert "draft-notice" not in (out / "committee-report.html").read_text()


def test_a_stale_sign_off_makes_the_next_build_a_draft_again(
    year_2018: Path, tmp_path: Path
) -> None:
    sign_everything(year_2018)
    out = tmp_path / "out"
    run("build", year_2018, "--doc", "committee-report", "--format", "html", "--out", out)
    assert "draft-notice" not in (out / "committee-report.html").read_text()
    edit(year_2018.parent / "library" / "report-text.yaml", "is fulfilling its", "is meeting its")
    run("build", year_2018, "--doc", "committee-report", "--format", "html", "--out", out)
    assert "draft-notice" in (out / "committee-report.html").read_text()


def test_a_draft_is_marked_even_by_a_template_that_does_not_mark_it(
    year_2018: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "my-templates" / "html"
    templates.mkdir(parents=True)
    (templates / "base.html.j2").write_text(
        "<!DOCTYPE html><html lang='en-GB'><head><title>{{ doc.properties.title }}</title>"
        "</head><body><main>{% block main %}{% endblock %}</main></body></html>"
    )
    out = tmp_path / "out"
    code, output = run(
        "build",
        year_2018,
        "--doc",
        "committee-report",
        "--format",
        "html,pdf",
        "--templates",
        tmp_path / "my-templates",
        "--out",
        out,
    )
    assert code == 0, output
    assert 'class="draft-notice"' in (out / "committee-report.html").read_text()
    assert all(pdf_pages_saying_draft(out / "committee-report.pdf"))


def test_an_entry_for_a_removed_row_does_not_hold_up_the_final_build(
    year_2018: Path, tmp_path: Path
) -> None:
    sign_everything(year_2018)
    path = year_2018 / "signoffs.yaml"
    path.write_text(path.read_text().replace("row: procurement", "row: procurment"))
    assert run("signoff", year_2018, "procurement", "--by", "Ellie Dunnet")[0] == 0
    (orphan,) = [s for s in status(year_2018) if s.item == "procurment"]
    assert orphan.state == "invalid" and "delete this entry" in orphan.reason
    code, output = run("status", year_2018)
    assert code == 0 and "procurment: invalid" in output
    code, _ = run(
        "build",
        year_2018,
        "--doc",
        "committee-report",
        "--format",
        "html",
        "--final",
        "--out",
        tmp_path / "out",
    )
    assert code == 0


def test_a_repeated_entry_is_replaced_when_the_row_is_signed_again(year_2018: Path) -> None:
    run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    path = year_2018 / "signoffs.yaml"
    text = path.read_text()
    entry = text[text.index("  - row: legal") :]
    path.write_text(text + entry.replace("Keith Trowell", "Mark Green", 1))
    assert states(year_2018)["legal"] == "invalid"  # the last entry counts
    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    assert path.read_text().count("row: legal") == 1
    assert states(year_2018)["legal"] == "signed"


def test_a_comment_between_entries_stays_when_the_one_above_is_signed_again(
    year_2018: Path,
) -> None:
    run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    run("signoff", year_2018, "equalities", "--by", "Anna Collier")
    path = year_2018 / "signoffs.yaml"
    text = path.read_text()
    at = text.index("  - row: equalities")
    path.write_text(text[:at] + "  # Equalities cleared at the March meeting.\n" + text[at:])
    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    assert "  # Equalities cleared at the March meeting.\n  - row: equalities" in path.read_text()


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "signoffs:\n", "signoffs: []\n"])
def test_an_empty_sign_off_file_means_nothing_signed(year_2018: Path, text: str) -> None:
    (year_2018 / "signoffs.yaml").write_text(text)
    assert set(states(year_2018).values()) == {"missing"}
    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    assert states(year_2018)["legal"] == "signed"


def test_an_entry_that_is_not_a_sign_off_is_invalid_without_stopping_anything(
    year_2018: Path,
) -> None:
    run("signoff", year_2018, "legal", "--by", "Keith Trowell")
    path = year_2018 / "signoffs.yaml"
    path.write_text(
        re.sub(r"sha256: ([0-9a-f]+)", lambda m: f"sha256: {m[1].upper()}", path.read_text())
    )
    (legal,) = [s for s in status(year_2018) if s.item == "legal"]
    assert legal.state == "invalid" and "cannot be read as a sign-off" in legal.reason
    assert "expected the SHA-256 of the text" in legal.reason
    assert run("check", year_2018)[0] == 0
    assert run("signoff", year_2018, "legal", "--by", "Keith Trowell")[0] == 0
    assert states(year_2018)["legal"] == "signed"


def test_a_changed_grid_title_makes_the_sign_off_stale(year_2018: Path) -> None:
    """A grid's title is printed, so it is part of what the officer signed."""
    edit(
        year_2018 / "implications.yaml",
        "      - text: Already covered in the risk Section.\n",
        "      - text: Already covered in the risk Section.\n"
        "      - grid: {title: Risks accepted by the Council, headings: [Risk, Owner],"
        " rows: [[Flooding, Head of Housing]]}\n",
    )
    assert run("signoff", year_2018, "risk-management", "--by", "John Littlemore")[0] == 0
    assert states(year_2018)["risk-management"] == "signed"
    records = (year_2018 / "signoffs.yaml").read_text()
    assert "Table: Risks accepted by the Council / Columns: Risk | Owner" in " ".join(
        records.split()
    )

    edit(year_2018 / "implications.yaml", "Risks accepted by", "Risks tolerated by")
    (risk,) = [s for s in status(year_2018) if s.item == "risk-management"]
    assert risk.state == "stale"
    assert [(c["removed"], c["added"]) for c in risk.changes] == [("accepted", "tolerated")]
    code, output = run("status", year_2018)
    assert code == 1 and "… ¶ Table: Risks [-accepted-]{+tolerated+} by the Council …" in output
