"""The PDFs' structure trees, audited as a screen reader meets them (tests/pdf_audit.py):
every sample PDF and the published agenda pack pass every check of issue 14, and every
check finds the defects of WeasyPrint's own tagging, which reportgen repairs."""

from __future__ import annotations

from pathlib import Path

import pytest
import weasyprint

from reportgen.render.pdf import PDF_VARIANT, render_pdf
from reportgen.render.pdf_bookmarks import tidy_bookmarks
from reportgen.render.tools import search_path
from tests.pdf_audit import Audit, all_bookmarks, read
from tests.pdf_checks import CHECKS, defects, parent_tree_mismatches

SAMPLE_PDFS = [
    ("2016-17", "committee-report"),
    ("2016-17", "strategic-assessment"),
    ("2016-17", "community-safety-plan"),
    ("2018-19", "committee-report"),
    ("2018-19", "community-safety-plan"),
]
_AUDITS: dict[Path, Audit] = {}


def _audit(path: Path) -> Audit:
    """Each PDF read once for all its checks."""
    if path not in _AUDITS:
        _AUDITS[path] = read(path)
    return _AUDITS[path]


@pytest.fixture(scope="module")
def pack(published: dict[str, Path]) -> Path:
    """The 2018-19 sample signed off and published as agenda item 8: its pack's PDF."""
    return published["version"] / "agenda-item-8.pdf"


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
@pytest.mark.parametrize("year, name", SAMPLE_PDFS, ids=lambda value: value)
def test_every_sample_pdf_passes(
    built_samples: dict[str, Path], year: str, name: str, check: object
) -> None:
    audit = _audit(built_samples[year] / f"{name}.pdf")
    assert callable(check)
    assert check(audit) == []


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
def test_the_published_pack_passes(pack: Path, check: object) -> None:
    assert callable(check)
    assert check(_audit(pack)) == []


def test_the_pack_states_its_item_once_and_each_document_is_an_article(pack: Path) -> None:
    audit = _audit(pack)
    first = audit.document.kids[0]
    assert (first.kind, audit.text_of(first)) == ("/P", "Agenda Item 8")
    assert [e.kind for e in audit.document.kids[1:]] == ["/Art", "/Art"]
    titles = [bookmark.title for bookmark in audit.bookmarks]
    assert titles == [
        "2018-19 Safer Maidstone Partnership Strategic Assessment",
        "Appendix 1: Community Safety Partnership Plan 2013-2018, Refreshed March 2018",
    ]
    beneath = [b.title for b in all_bookmarks(audit.bookmarks[0].children)]
    assert titles[0] not in beneath and "1. Introduction and background" in beneath


def test_a_draft_says_so_first_and_in_its_subject(built_samples: dict[str, Path]) -> None:
    audit = _audit(built_samples["2018-19"] / "committee-report.pdf")
    first = audit.document.kids[0]
    assert audit.text_of(first) == "DRAFT: not yet signed off, not for publication"
    assert str(audit.pdf.docinfo["/Subject"]).startswith("DRAFT: not yet signed off")
    assert (
        str(audit.pdf.docinfo["/Title"])
        == "2018-19 Safer Maidstone Partnership Strategic Assessment"
    )


_PAGE_STYLE = """
@page { size: A5; margin: 2cm;
  @top-center { content: "DRAFT: not yet signed off, not for publication"; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); } }
h2 { text-transform: uppercase; }
thead { display: table-header-group; }
ol.labelled { list-style: none; }
td { white-space: pre-line; }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; white-space: nowrap; }
.contents a::after { content: target-counter(attr(href), page); float: right; }
"""
_WORDS = "the partnership met in the spring and agreed its priorities for the year ahead "


def _document_weasyprint_tags_badly() -> str:
    """A short document with each pattern WeasyPrint tags badly: a running header and
    page numbers, contents links, a second identical h1, headings in capitals by CSS,
    repeated headings with colons, a hidden caption, a table, a list and a paragraph over
    page breaks, typed list labels in a table cell."""
    rows = "".join(f"<tr><td>Ward {n}</td><td>{n * 7}</td></tr>" for n in range(40))
    items = "".join(f"<li>Item {n}</li>\n" for n in range(30))
    return f"""<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Structure test</title><style>{_PAGE_STYLE}</style></head><body><main>
<h1>Structure test</h1>
<nav class="contents"><ol>
<li><a href="#one"><span class="label">1.</span> Introduction</a></li>
<li><a href="#two"><span class="label">2.</span> Wards</a></li></ol></nav>
<h1>Structure test</h1>
<section><h2 id="one">Introduction</h2>
<h3>Current projects:</h3><p>{_WORDS * 3}</p>
<h3>Current projects:</h3><p>{_WORDS * 70}</p>
<table><tr><th scope="row">Legal</th><td><p>The duties are:</p>
<ol class="labelled">
<li><span class="label">a)</span> first</li>
<li><span class="label">b)</span> second</li>
</ol></td></tr></table></section>
<section><h2 id="two">Wards</h2>
<table><caption class="hidden">Crimes by ward</caption>
<thead><tr><th>Ward</th><th>Crimes</th></tr></thead><tbody>{rows}</tbody></table>
<ul>{items}</ul></section>
</main></body></html>"""


_FOUND_IN_WEASYPRINTS_TAGS = {
    "table_headers_without_scope",
    "table_headers_unresolved",
    "content_outside_the_tree",
    "draft_status",
    "tables_without_rows",
    "tables_in_tables",
    "tables_cut_at_page_breaks",
    "lists_cut_at_page_breaks",
    "paragraphs_cut_at_page_breaks",
    "split_parts",
    "empty_elements",
    "list_labels_outside_lbl",
    "link_descriptions",
    "extra_links",
    "h1_per_document",
    "headings_not_as_typed",
    "bookmark_trailing_colons",
    "bookmark_duplicates",
}


def test_each_check_finds_what_weasyprint_leaves_and_reportgen_repairs(tmp_path: Path) -> None:
    html = _document_weasyprint_tags_badly()
    folders = search_path(None)
    plain = tmp_path / "plain.pdf"
    weasyprint.HTML(string=html).write_pdf(plain, pdf_variant=PDF_VARIANT)
    found = defects(read(plain))
    missed = sorted(_FOUND_IN_WEASYPRINTS_TAGS - set(found))
    assert not missed
    repaired = tmp_path / "repaired.pdf"
    repaired.write_bytes(render_pdf(html, "committee-report", folders, draft=True))
    audit = read(repaired)
    assert defects(audit) == {}
    # the parent tree as written maps each piece to its element; one wrong entry shows
    audit.parents[next(iter(audit.parents))] = (0, 0)
    assert len(parent_tree_mismatches(audit)) == 1


def test_a_hidden_copy_of_the_running_header_is_found(tmp_path: Path) -> None:
    """What the pack did before: the agenda item again, hidden, under the header."""
    html = """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<title>Agenda Item 3: Test</title><style>
@page { @top-right { content: "Agenda Item 3"; } }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; white-space: nowrap; }
</style></head><body><p class="hidden">Agenda Item 3</p><h1>Test</h1><p>Text.</p></body>
</html>"""
    path = tmp_path / "agenda-item-3.pdf"
    path.write_bytes(render_pdf(html, "agenda-pack", search_path(None)))
    found = defects(read(path))
    assert found.keys() == {"running_text_in_the_tree", "duplicate_running_text"}


class _Page:
    def __init__(self, bookmarks: list[tuple[int, str, tuple[int, int], str]]) -> None:
        self.bookmarks = bookmarks


def test_bookmarks_lose_colons_repeats_and_their_parents_titles() -> None:
    place, state = (0, 0), "open"
    pages = [
        _Page([(1, "Pack part", place, state), (2, "Pack part", place, state)]),
        _Page(
            [
                (2, "Substance misuse", place, state),
                (3, "Current projects:", place, state),
                (2, "Reoffending", place, state),
                (3, "Current projects", place, state),
                (3, "Case 1:", place, state),
                (1, "Appendix 1: Plan", place, state),
                (2, "Current projects", place, state),
            ]
        ),
    ]
    tidy_bookmarks(pages)  # type: ignore[arg-type]
    assert [label for page in pages for _, label, _, _ in page.bookmarks] == [
        "Pack part",
        "Substance misuse",
        "Reoffending",
        "Case 1",
        "Appendix 1: Plan",
        "Current projects",
    ]
