"""Publishing the agenda pack: refusals, the pack read back from the PDF (page count,
page numbers, "Agenda Item N", bookmarks, tagging), the manifest, and versions."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader

from reportgen.render.agenda_pack import _body
from tests.conftest import ROWS_2018, copy_2018, edit, run
from tests.pdf_audit import read
from tests.pdf_checks import defects


def test_publish_refuses_naming_each_unsigned_row(published: dict[str, Path]) -> None:
    code, output = (published["root"] / "refusal.txt").read_text().split("\n", 1)
    assert code == "1"
    assert "publishing needs every sign-off to be current" in output
    for row, name in ROWS_2018.items():
        assert f"{row}: missing" in output and name in output
    assert not (published["root"] / "output" / "2018-19" / "published" / "v0").exists()


def test_the_pack_is_the_report_then_its_appendices_page_for_page(
    published: dict[str, Path],
) -> None:
    pack = PdfReader(published["version"] / "agenda-item-8.pdf")
    final = published["root"] / "final"
    report = len(PdfReader(final / "committee-report.pdf").pages)
    plan = len(PdfReader(final / "community-safety-plan.pdf").pages)
    assert len(pack.pages) == report + plan
    tops = [entry for entry in pack.outline if not isinstance(entry, list)]
    assert [entry.title for entry in tops] == [
        "2018-19 Safer Maidstone Partnership Strategic Assessment",
        "Appendix 1: Community Safety Partnership Plan 2013-2018, Refreshed March 2018",
    ]
    assert [pack.get_destination_page_number(entry) + 1 for entry in tops] == [1, report + 1]
    # each document's headings are bookmarks beneath it
    nested = [entry for entry in pack.outline if isinstance(entry, list)]
    assert len(nested) == 2 and all(len(children) >= 1 for children in nested)


def test_every_page_is_numbered_across_the_pack_and_says_agenda_item_8(
    published: dict[str, Path],
) -> None:
    with pdfplumber.open(published["version"] / "agenda-item-8.pdf") as pdf:
        total = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            text = page.extract_text() or ""
            assert "Agenda Item 8" in text, number
            assert f"Page {number} of {total}" in text, number
            assert "DRAFT" not in text


def test_the_pack_is_tagged_with_title_and_language(published: dict[str, Path]) -> None:
    pack = PdfReader(published["version"] / "agenda-item-8.pdf")
    root = pack.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert pack.metadata.title == (
        "Agenda Item 8: 2018-19 Safer Maidstone Partnership Strategic Assessment"
    )
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_the_manifest_describes_every_file_and_the_meeting(published: dict[str, Path]) -> None:
    folder = published["version"]
    manifest = json.loads((folder / "manifest.json").read_text())
    names = sorted(entry["name"] for entry in manifest["files"])
    assert names == [
        "agenda-item-8.pdf",
        "committee-report.html",
        "community-safety-plan.html",
        "index.html",
        "text.json",
    ]
    assert sorted(p.name for p in folder.iterdir()) == sorted([*names, "manifest.json"])
    for entry in manifest["files"]:
        assert entry["sha256"] == hashlib.sha256((folder / entry["name"]).read_bytes()).hexdigest()
    (pdf_entry,) = [e for e in manifest["files"] if e["name"].endswith(".pdf")]
    assert pdf_entry["pages"] == len(PdfReader(folder / "agenda-item-8.pdf").pages)
    assert manifest["item"] == 8
    assert manifest["meeting"] == {
        "committee": "Communities, Housing and Environment Committee",
        "date": "2018-02-13",
    }
    assert (manifest["decision_maker"], manifest["classification"], manifest["wards"]) == (
        "Council",
        "Public",
        "All",
    )
    documents = manifest["pack"]["documents"]
    assert sum(d["pages"] for d in documents) == pdf_entry["pages"]


def test_the_alternative_formats_are_final_html(published: dict[str, Path]) -> None:
    html = (published["version"] / "community-safety-plan.html").read_text()
    assert '<html lang="en-GB">' in html and "draft-notice" not in html


def test_a_changed_word_makes_the_legal_row_stale_and_publish_refuse(
    published: dict[str, Path], tmp_path: Path
) -> None:
    year = tmp_path / "content" / "2018-19"
    shutil.copytree(published["year"].parent, tmp_path / "content")
    edit(year.parent / "library" / "report-text.yaml", "is fulfilling its", "is meeting its")
    code, output = run("status", year)
    assert code == 1
    assert "legal: stale - Legal implications, signed off by Keith Trowell" in output
    assert "[-fulfilling-]{+meeting+}" in output
    code, output = run("publish", year, "--item", "8")
    assert code == 1 and "legal: stale" in output


def test_publishing_again_adds_a_version_and_leaves_the_first_untouched(
    published: dict[str, Path], tmp_path: Path
) -> None:
    shutil.copytree(published["root"], tmp_path / "root")
    year = tmp_path / "root" / "content" / "2018-19"
    first = tmp_path / "root" / "output" / "2018-19" / "published" / "v1"
    before = {p.name: p.read_bytes() for p in first.iterdir()}
    code, output = run("publish", year, "--item", "8", "--again")
    assert code == 0, output
    second = first.parent / "v2"
    assert second.is_dir() and (second / "agenda-item-8.pdf").is_file()
    assert {p.name: p.read_bytes() for p in first.iterdir()} == before
    assert sorted(p.name for p in first.parent.iterdir()) == ["v1", "v2"]


def test_an_appendix_reportgen_does_not_build_is_refused(tmp_path: Path) -> None:
    year = copy_2018(tmp_path)
    for row, name in ROWS_2018.items():
        run("signoff", year, row, "--by", name)
    edit(
        year / "report.yaml",
        "    document: community-safety-plan\n",
        "    document: community-safety-plan\n  - 'Appendix 2: Map of the wards'\n",
    )
    # the report's text changed (its appendices are not signed), so only the pack refuses
    code, output = run("publish", year, "--item", "8")
    assert code == 1
    assert "'Appendix 2: Map of the wards', which is not a document reportgen builds" in output


def test_ids_stay_unique_when_documents_share_a_pack(built_samples: dict[str, Path]) -> None:
    """Charts and headings of different documents keep distinct ids, and every in-page
    link and SVG reference still finds its target."""
    out = built_samples["2016-17"]
    names = ["committee-report", "strategic-assessment", "community-safety-plan"]
    bodies = [
        _body((out / f"{name}.html").read_text(), f"d{i}-") for i, name in enumerate(names, 1)
    ]
    markup = "\n".join(bodies)
    ids = Counter(re.findall(r'\sid="([^"]*)"', markup))
    assert ids and max(ids.values()) == 1, [i for i, n in ids.items() if n > 1][:5]
    targets = re.findall(r'href="#([^"]*)"', markup) + re.findall(r"url\(#([^)]*)\)", markup)
    assert targets and all(target in ids for target in targets)
    assert all(re.match(r"d\d-", target) for target in targets)


# --- publishing the same thing twice -----------------------------------------------------------


def test_publishing_the_same_thing_twice_says_so_and_writes_nothing(
    published: dict[str, Path], tmp_path: Path
) -> None:
    shutil.copytree(published["root"], tmp_path / "root")
    year = tmp_path / "root" / "content" / "2018-19"
    versions = tmp_path / "root" / "output" / "2018-19" / "published"
    before = {p.relative_to(versions): p.read_bytes() for p in versions.rglob("*") if p.is_file()}
    code, output = run("publish", year, "--item", "8")
    assert code == 1
    assert "agenda item 8 was already published as v1" in output
    assert "with the same documents and sign-offs; nothing was written" in output
    assert "--again" in output
    after = {p.relative_to(versions): p.read_bytes() for p in versions.rglob("*") if p.is_file()}
    assert after == before and sorted(p.name for p in versions.iterdir()) == ["v1"]


def test_the_manifest_digest_is_the_same_for_the_same_publication(
    published: dict[str, Path], tmp_path: Path
) -> None:
    """--again writes v2 with the same digest (the PDF differs only in its creation time);
    another item number is a different publication, so it needs no --again."""
    shutil.copytree(published["root"], tmp_path / "root")
    year = tmp_path / "root" / "content" / "2018-19"
    versions = tmp_path / "root" / "output" / "2018-19" / "published"
    assert run("publish", year, "--item", "8", "--again")[0] == 0
    first, second = (json.loads((versions / v / "manifest.json").read_text()) for v in ("v1", "v2"))
    assert re.fullmatch(r"[0-9a-f]{64}", first["digest"]) and first["digest"] == second["digest"]
    html = {e["name"]: e["sha256"] for e in first["files"] if e["name"].endswith(".html")}
    assert html == {e["name"]: e["sha256"] for e in second["files"] if e["name"].endswith(".html")}
    assert all(entry["signed_with_key"] for entry in first["signoffs"])
    code, output = run("publish", year, "--item", "9")
    assert code == 0, output
    third = json.loads((versions / "v3" / "manifest.json").read_text())
    assert third["item"] == 9 and third["digest"] != first["digest"]


def test_diff_compares_a_year_with_its_latest_publication(
    published: dict[str, Path], tmp_path: Path
) -> None:
    """The publication keeps its documents' text (text.json), so ``diff --published``
    compares the year with what was published, figures as printed."""
    year = published["year"]
    code, output = run("diff", year, "--published", "--out", tmp_path / "same")
    assert code == 0, output
    # the latest version: v1, or a later one if another test has published again
    assert re.match(r"2018-19 as published \(v\d\) → 2018-19: priorities 0 added,", output)
    assert "passages 0 reworded, 0 added, 0 removed." in output.splitlines()[0]
    shutil.copytree(year.parent, tmp_path / "content")
    changed = tmp_path / "content" / "2018-19"
    edit(
        changed / "sections.yaml", "The Council is under a statutory duty", "The Council has a duty"
    )
    code, output = run("diff", published["version"], changed, "--out", tmp_path / "changed")
    assert code == 0, output
    assert (
        "reworded paragraph: … recommended). The Council [-is under-]{+has+} a duty to …" in output
    )
    assert "… Council has a [-statutory-] duty to update …" in output
    assert (tmp_path / "changed" / "diff-2018-19-v1-2018-19.docx").is_file()


# --- page numbers to fit the committee system --------------------------------------------------


@pytest.fixture(scope="module")
def renumbered(published: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the published 2018-19 sample, published again with --page-numbers 37 (v2)
    and --page-numbers off (v3), neither needing --again: the published versions' folder."""
    root = tmp_path_factory.mktemp("renumbered") / "root"
    shutil.copytree(published["root"], root)
    year = root / "content" / "2018-19"
    for numbers in ("37", "off"):
        code, output = run("publish", year, "--item", "8", "--page-numbers", numbers)
        assert code == 0, output
    return root / "output" / "2018-19" / "published"


def _page_texts(pack: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pack).pages]


def test_continuous_numbers_are_the_default_and_the_viewers_too(
    published: dict[str, Path],
) -> None:
    pack = published["version"] / "agenda-item-8.pdf"
    reader = PdfReader(pack)
    labels = reader.trailer["/Root"]["/PageLabels"]["/Nums"]
    assert labels[0] == 0 and labels[1]["/S"] == "/D" and labels[1]["/St"] == 1
    assert reader.page_labels == [str(n) for n in range(1, len(reader.pages) + 1)]
    manifest = json.loads((published["version"] / "manifest.json").read_text())
    assert manifest["pack"]["page_numbers"] == {"style": "continuous", "first_page": 1}


def test_pages_numbered_from_the_committee_systems_page(renumbered: Path) -> None:
    pack = renumbered / "v2" / "agenda-item-8.pdf"
    texts = _page_texts(pack)
    for number, text in enumerate(texts, start=37):
        footer = [line for line in text.splitlines() if line.startswith("Page ")]
        assert footer == [f"Page {number}"], (number, footer)
        assert "Agenda Item 8" in text
    reader = PdfReader(pack)
    labels = reader.trailer["/Root"]["/PageLabels"]["/Nums"]
    assert labels[0] == 0 and labels[1]["/S"] == "/D" and labels[1]["/St"] == 37
    assert reader.page_labels == [str(n) for n in range(37, 37 + len(texts))]
    manifest = json.loads((renumbered / "v2" / "manifest.json").read_text())
    assert manifest["pack"]["page_numbers"] == {"style": "from", "first_page": 37}
    # the pack's own pages as the file has them: only the printed numbers differ
    (pdf_entry,) = [e for e in manifest["files"] if e["name"] == "agenda-item-8.pdf"]
    assert pdf_entry["pages"] == len(texts)
    assert manifest["pack"]["documents"][0]["first_page"] == 1


def test_pages_can_go_unnumbered(renumbered: Path) -> None:
    pack = renumbered / "v3" / "agenda-item-8.pdf"
    texts = _page_texts(pack)
    assert texts and not [n for n, text in enumerate(texts, start=1) if "Page" in text]
    assert all("Agenda Item 8" in text for text in texts)
    assert "/PageLabels" not in PdfReader(pack).trailer["/Root"]
    manifest = json.loads((renumbered / "v3" / "manifest.json").read_text())
    assert manifest["pack"]["page_numbers"] == {"style": "off", "first_page": None}


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_renumbered_packs_pass_the_structure_audit(renumbered: Path, version: str) -> None:
    """The footer stays an artifact whatever it says (no "Page 37" read as content)."""
    audit = read(renumbered / version / "agenda-item-8.pdf")
    assert defects(audit) == {}


def test_the_same_page_numbers_again_are_refused_and_say_so(renumbered: Path) -> None:
    year = renumbered.parents[2] / "content" / "2018-19"
    code, output = run("publish", year, "--item", "8", "--page-numbers", "off")
    assert code == 1
    assert "agenda item 8 was already published as v3" in output
    assert "no page numbers, with the same documents and sign-offs" in output
    assert sorted(p.name for p in renumbered.iterdir()) == ["v1", "v2", "v3"]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("from-37", "'from-37' is not a way to number the pages"),
        ("page 37", "'page 37' is not a way to number the pages"),
        ("-3", "'-3' is not a way to number the pages"),
        ("", "'' is not a way to number the pages"),
        ("0", "'0' cannot be the item's first page: give a page number from 1 to 99,999"),
        ("100000", "'100000' cannot be the item's first page"),
    ],
)
def test_a_page_number_setting_that_is_not_one_is_refused(
    published: dict[str, Path], value: str, said: str
) -> None:
    code, output = run("publish", published["year"], "--item", "8", "--page-numbers", value)
    assert code == 2
    assert "Invalid value for '--page-numbers'" in output and said in output
    assert "give continuous" in output or "from 1 to" in output
