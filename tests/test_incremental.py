"""Incremental builds: an edit re-renders only the documents whose content it changes
(each document has a fingerprint of what it is made from, see render/fingerprint.py), a
rebuild with nothing changed writes nothing, and what is reused is always what a build
from nothing would write. On a copy of the 2018-19 sample: its committee report and its
plan share one library text (crime-and-disorder-committee-duties)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import build
from reportgen.commands.gate import gate
from reportgen.compute import DOCUMENTS
from reportgen.load import cache
from reportgen.render.fingerprint import content_digest, document_fingerprint
from reportgen.render.tools import made_with, search_path
from tests.conftest import edit, give_officers_keys, sign_everything

REPORT = "committee-report"
PLAN = "community-safety-plan"
EVERY = {f"{name}.{fmt}" for name in (REPORT, PLAN) for fmt in ("docx", "pdf", "html")}


class Builds:
    """Builds of one year into one folder, telling which files each one wrote."""

    def __init__(self, year: Path, out: Path, formats: list[str] | None = None) -> None:
        self.year, self.out, self.formats = year, out, formats

    def identities(self) -> dict[str, tuple[int, int]]:
        return {
            path.name: (path.stat().st_ino, path.stat().st_mtime_ns)
            for path in self.out.iterdir()
            if path.is_file() and not path.name.startswith(".")
        }

    def run(self) -> set[str]:
        """Build; the files written, by the build's own account and by the folder's (a
        file written is a new file moved into place)."""
        before = self.identities() if self.out.exists() else {}
        messages: list[str] = []
        paths = build(self.year, formats=self.formats, out=self.out, progress=messages.append)
        assert all(path.is_file() for path in paths)
        told = {m.split(": writing ")[1] for m in messages if ": writing " in m}
        after = self.identities()
        changed = {name for name, identity in after.items() if before.get(name) != identity}
        assert told == changed, messages
        return told


@pytest.fixture
def year(sample_copy: Path) -> Path:
    return sample_copy / "2018-19"


def test_an_edit_re_renders_only_the_documents_it_changes(year: Path, tmp_path: Path) -> None:
    builds = Builds(year, tmp_path / "out")
    assert builds.run() == EVERY
    assert builds.run() == set()  # nothing changed: nothing written

    edit(year / "plan" / "introduction.yaml", "Welcome to the annual", "Welcome to this annual")
    assert builds.run() == {f"{PLAN}.docx", f"{PLAN}.pdf", f"{PLAN}.html"}
    assert "Welcome to this annual" in (tmp_path / "out" / f"{PLAN}.html").read_text()


def test_each_edit_re_renders_the_documents_that_print_it(year: Path, tmp_path: Path) -> None:
    builds = Builds(year, tmp_path / "out", formats=["html"])
    assert builds.run() == {f"{REPORT}.html", f"{PLAN}.html"}

    edit(year / "sections.yaml", "is a report published", "is a paper published")
    assert builds.run() == {f"{REPORT}.html"}

    library = year.parent / "library" / "report-text.yaml"
    edit(library, "must meet at least once a year", "must meet at least yearly")
    assert builds.run() == {f"{REPORT}.html", f"{PLAN}.html"}

    # a library entry's note for authors ("about:") is printed nowhere
    edit(library, "    The duties of a Crime", "    The legal duties of a Crime")
    assert builds.run() == set()

    # a comment, or the layout of the YAML, changes no document
    edit(year / "sections.yaml", "sections:\n", "# edited\nsections:\n")
    assert builds.run() == set()

    # what was reused is what a build from nothing writes
    fresh = tmp_path / "fresh"
    build(year, formats=["html"], out=fresh)
    for name in (f"{REPORT}.html", f"{PLAN}.html"):
        assert (tmp_path / "out" / name).read_bytes() == (fresh / name).read_bytes()
    assert "at least yearly" in (fresh / f"{PLAN}.html").read_text()


def test_signing_off_re_renders_the_drafts_as_final(year: Path, tmp_path: Path) -> None:
    give_officers_keys(year)
    builds = Builds(year, tmp_path / "out", formats=["html"])
    builds.run()
    assert "draft-notice" in (tmp_path / "out" / f"{REPORT}.html").read_text()

    sign_everything(year)
    assert builds.run() == {f"{REPORT}.html", f"{PLAN}.html"}
    assert "draft-notice" not in (tmp_path / "out" / f"{REPORT}.html").read_text()

    # a signed text edited: the sign-off is stale, so both are drafts again
    library = year.parent / "library" / "report-text.yaml"
    edit(library, "is fulfilling its", "is meeting its")
    assert builds.run() == {f"{REPORT}.html", f"{PLAN}.html"}
    assert "draft-notice" in (tmp_path / "out" / f"{PLAN}.html").read_text()


def test_a_template_edited_re_renders(year: Path, tmp_path: Path) -> None:
    templates = tmp_path / "my-templates" / "html"
    templates.mkdir(parents=True)
    out = tmp_path / "out"
    build(year, formats=["html"], out=out, templates=templates.parent)
    (templates / "notes.txt").write_text("a file a template might include")
    messages: list[str] = []
    build(year, formats=["html"], out=out, templates=templates.parent, progress=messages.append)
    assert sum(": writing " in message for message in messages) == 2


def test_an_unchanged_year_is_read_from_the_cache(year: Path, tmp_path: Path) -> None:
    """The second build reads no YAML: each file's reading is kept by its bytes, in the
    output folder too (a new process finds it there); an edited file is read again."""
    out = tmp_path / "out"
    cache.package_fingerprint.cache_clear()  # as a new process would hash reportgen
    build(year, formats=["html"], out=out)
    kept = {path.name for path in (out / ".cache" / "parsed").iterdir()}
    assert len(kept) >= len(list(year.rglob("*.yaml")))
    script = (
        "import sys, reportgen.load.yaml as y\n"
        "from reportgen import build\n"
        "def refuse(*a): raise AssertionError('read again')\n"
        "y._parsed = refuse\n"
        "build(sys.argv[1], formats=['html'], out=sys.argv[2])\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run([sys.executable, "-c", script, year, out], check=True, env=environment)

    edit(year / "sections.yaml", "is a report published", "is a paper published")
    cache.forget()
    build(year, formats=["html"], out=out)
    now = {path.name for path in (out / ".cache" / "parsed").iterdir()}
    assert len(now - kept) == 1 and len(kept - now) == 1  # the old reading is dropped


def test_fingerprints_are_the_same_in_every_process(year: Path) -> None:
    """Fingerprints hash values, not objects: another process (another hash seed for
    sets and text) computes the same ones."""
    script = (
        "import sys\n"
        "from tests.test_incremental import fingerprints\n"
        "print(fingerprints(sys.argv[1]))\n"
    )
    root = Path(__file__).resolve().parent.parent
    printed = set()
    for seed in ("1", "2"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)}
        run = subprocess.run(
            [sys.executable, "-c", script, year],
            capture_output=True,
            text=True,
            check=True,
            env=environment,
            cwd=root,
        )
        printed.add(run.stdout)
    assert printed == {f"{fingerprints(year)}\n"}


def fingerprints(year: Path | str) -> dict[str, str]:
    passed, folders = gate(year), search_path(None)
    return {
        name: document_fingerprint(kind.compute(passed.year), name, True, made_with(folders))
        for name, kind in DOCUMENTS.items()
        if kind.defined(passed.year)
    }


def test_a_value_of_an_unknown_kind_is_refused_not_skipped() -> None:
    assert content_digest({"a": (1, 2.5, None)}) != content_digest({"a": (1, 2.5, "")})
    assert content_digest({3, 1, 2}) == content_digest({2, 3, 1})
    with pytest.raises(TypeError, match="not fingerprinted"):
        content_digest([object()])


# --- reading YAML quickly ------------------------------------------------------------------

SNIPPETS = [
    "a: b\nc: 'd'\ne: \"f\\tg\"\n",
    "text: >-\n  one\n  two\n\n  three\nlist:\n  - x\n  -   y\n",
    "a: |\n  kept\n   indented\nb: |2\n    two\n",
    "a: b # a note\nc: several words # cut here\n",
    "a:\r\n  - b\r\n  - c\r\n",
    "a: é€😀 x\nb: [1, 2, {c: d}]\n",
    "a:\n\t- b\n",
    "a: b\na: c\n",
    "- a: 1\n  b: 2\n- a: 3\n",
    "a: &x b\nc: *x\n",
    "key: value\n  bad: indent\n",
    "a: 'unterminated\n",
    "a: b\x0cc\n",
    "---\na: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "a:\n  - text: >-\n      Line one\n      # not a comment\n      line two\n",
]


def _both_ways(path: Path, text: str) -> None:
    import yaml

    from reportgen.load import yaml as reading

    fast = reading._read_text(path, text, yaml.CSafeLoader)
    if fast[1]:
        return  # a file with problems is read again by PyYAML's own reader
    own = reading._read_text(path, text, yaml.SafeLoader)
    assert own[1] == [], path
    assert (fast[0].data, fast[0].positions) == (own[0].data, own[0].positions), path


def test_libyaml_reads_every_file_as_pyyaml_does(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    files = [
        path
        for folder in ("tests/data", "reportgen/starter-files")
        for path in (root / folder).rglob("*.y*ml")
    ]
    assert len(files) > 50
    for path in files:
        _both_ways(path, path.read_bytes().decode("utf-8-sig"))
    for number, snippet in enumerate(SNIPPETS):
        _both_ways(tmp_path / f"snippet-{number}.yaml", snippet)


def test_contents_pages_come_from_libreoffices_bookmarks_in_order() -> None:
    """Each contents entry's page is its heading's bookmark in LibreOffice's PDF, looked
    for after the previous entry's: a title printed twice is found where it comes next."""
    from reportgen.render.docx_contents import bookmarked_page_numbers

    bookmarks = [("1. Crime", 3), ("Gangs", 3), ("2. Gangs", 5), ("Gangs", 6), ("Appendix", 9)]
    entries = [("a", "1. Crime"), ("b", "2. Gangs"), ("c", "Gangs"), ("d", "Missing")]
    assert bookmarked_page_numbers(bookmarks, entries) == {"a": 3, "b": 5, "c": 6}


def test_the_memory_forgets_the_least_recently_used_past_its_size() -> None:
    memory = cache._Memory(most=10)
    memory.put("a", b"12345")
    memory.put("b", b"12345")
    assert memory.get("a") == b"12345"  # a is now the most recently used
    memory.put("c", b"123")
    assert (memory.get("a"), memory.get("b"), memory.get("c")) == (b"12345", None, b"123")
    assert memory.size == 8


def test_one_libreoffice_numbers_every_contents_page(
    sample_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Strategic Assessment and a plan with a contents page: one LibreOffice lays
    both Word files out, and both contents pages get their page numbers."""
    import subprocess as processes

    import docx

    from reportgen.render import docx_contents

    year = sample_copy / "2016-17"
    edit(year / "plan" / "plan.yaml", "contents: no", "contents: yes")
    started: list[list[str]] = []
    popen = processes.Popen

    def counted(command: list[str], **options: object) -> processes.Popen[bytes]:
        if "--convert-to" in command:  # LibreOffice (fontconfig's commands run too)
            started.append(command)
        return popen(command, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(docx_contents.subprocess, "Popen", counted)
    build(year, formats=["docx"], out=tmp_path / "out")
    assert len(started) == 1
    assert sorted(Path(a).name for a in started[0] if a.endswith(".docx")) == [
        f"{PLAN}.docx",
        "strategic-assessment.docx",
    ]
    for name in (f"{PLAN}.docx", "strategic-assessment.docx"):
        document = docx.Document(str(tmp_path / "out" / name))
        styles = [(p.text, p.style.name if p.style else "") for p in document.paragraphs]
        entries = [text for text, style in styles if style.startswith("Contents")]
        assert entries and all(e.rsplit("\t", 1)[-1].isdigit() for e in entries), name
