"""Hostile or unusual templates and files are confined: a council's templates render in
Jinja's sandbox and use only files of the template folders; content and data files that
are links leading out of the content folder are refused without being read; a template,
stylesheet or picture that cannot be used is named, with the reason. Each case: the input,
the exit code, the message, and the outputs left as they were."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from jinja2.exceptions import SecurityError

from reportgen.cli import cli
from reportgen.exceptions import TemplateError
from reportgen.load.paths import stays_inside
from reportgen.render.agenda_pack import render_pack
from reportgen.render.pdf import project_only_fetcher
from reportgen.render.template_folders import jinja_environment
from reportgen.render.tools import BUILTIN_TEMPLATES, search_path

POPEN = "{{ lipsum.__globals__['os'].popen('echo PWNED-$((6*7))').read() }}"
SECRET = "root:x:0:0:SECRET-LINE:/root:/bin/bash\n"


def _run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args])


def _refused(result: Result, *phrases: str) -> None:
    """The command failed with a plain message containing ``phrases``, and nothing ran or
    leaked: no command output, no secret, no traceback."""
    assert result.exit_code == 1, result.output
    for phrase in phrases:
        assert phrase in result.output, result.output
    assert "PWNED-42" not in result.output and "SECRET-LINE" not in result.output
    assert "failed unexpectedly" not in result.output and "Traceback" not in result.output


def _secret(tmp_path: Path, name: str = "secret.txt") -> Path:
    """A file outside every content and template folder."""
    path = tmp_path / "elsewhere" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(SECRET)
    return path


def _templates(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A council's template folder holding ``files`` (relative path: text or bytes)."""
    folder = tmp_path / "my-templates"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    (folder / "html").mkdir(parents=True, exist_ok=True)
    return folder


def _report_template(main: str) -> str:
    return '{% extends "base.html.j2" %}{% block main %}\n' + main + "\n{% endblock %}"


def _documents(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.*")) if path.is_file()}


@pytest.fixture
def previous(minimal: Path, tmp_path: Path) -> Path:
    """An output folder holding an earlier good HTML build of the minimal year."""
    out = tmp_path / "out"
    assert _run("build", minimal, "--format", "html", "--out", out).exit_code == 0
    assert "committee-report.html" in _documents(out)
    return out


def _build_refused(minimal: Path, out: Path, templates: Path, fmt: str, *phrases: str) -> None:
    """Building with ``templates`` fails with ``phrases`` and leaves ``out`` as it was."""
    before = _documents(out)
    result = _run("build", minimal, "--format", fmt, "--templates", templates, "--out", out)
    _refused(result, *phrases)
    assert _documents(out) == before


# --- templates run in the sandbox ---------------------------------------------------------


def test_an_html_template_cannot_run_commands(
    minimal: Path, tmp_path: Path, previous: Path
) -> None:
    templates = _templates(
        tmp_path, {"html/committee-report.html.j2": _report_template("<p>x</p>\n" + POPEN)}
    )
    _build_refused(
        minimal,
        previous,
        templates,
        "html",
        "the HTML template committee-report failed",
        "committee-report.html.j2, line 3",
        "'__globals__'",
        "is unsafe",
    )


def _word_template(tmp_path: Path, expression: str) -> Path:
    """The built-in committee report's Word template with ``expression`` in its text."""
    source = BUILTIN_TEMPLATES / "docx" / "committee-report.docx"
    target = tmp_path / "my-templates" / "docx" / "committee-report.docx"
    target.parent.mkdir(parents=True)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert "<w:t>{{ doc.committee }}</w:t>" in text
                text = text.replace("{{ doc.committee }}", expression, 1)
                data = text.encode("utf-8")
            new.writestr(item, data)
    return target.parent.parent


def test_a_word_template_cannot_run_commands(minimal: Path, tmp_path: Path, previous: Path) -> None:
    templates = _word_template(tmp_path, POPEN)
    _build_refused(
        minimal,
        previous,
        templates,
        "docx",
        "the Word template",
        "committee-report.docx failed",
        "'__globals__'",
    )
    assert not (previous / "committee-report.docx").exists()


def test_the_agenda_pack_template_is_sandboxed(tmp_path: Path) -> None:
    templates = _templates(tmp_path, {"html/agenda-pack.html.j2": "<html>" + POPEN + "</html>"})
    where = r"agenda-pack failed \(.*agenda-pack\.html\.j2, line 1\)"
    with pytest.raises(TemplateError, match=where):
        render_pack([], 1, "Pack", "en-GB", search_path(templates))


def test_a_template_cannot_change_the_documents_values() -> None:
    environment = jinja_environment(search_path(), "html")
    template = environment.from_string("{% set _ = items.append(4) %}{{ items }}")
    items = [1, 2, 3]
    with pytest.raises(SecurityError, match="unsafe"):
        template.render(items=items)
    assert items == [1, 2, 3]


def test_a_templates_arithmetic_mistake_is_named(minimal: Path, tmp_path: Path) -> None:
    templates = _templates(
        tmp_path, {"html/committee-report.html.j2": _report_template("{{ 1 // 0 }}")}
    )
    result = _run("build", minimal, "--format", "html", "--templates", templates, "--out", "o")
    _refused(result, "committee-report.html.j2, line 2", "ZeroDivisionError")


# --- templates use only the template folders ------------------------------------------------


@pytest.mark.parametrize("name", ["house-style.css", "macros.html.j2", "base.html.j2"])
def test_a_template_file_linked_outside_is_refused(
    minimal: Path, tmp_path: Path, previous: Path, name: str
) -> None:
    templates = _templates(tmp_path, {})
    (templates / "html" / name).symlink_to(_secret(tmp_path))
    _build_refused(
        minimal,
        previous,
        templates,
        "html",
        f"{name} is a link to a file outside the template folder",
        "was not used",
    )


@pytest.mark.parametrize("name", ["../../elsewhere/secret.txt", "/etc/passwd"])
def test_a_template_includes_only_template_files(
    minimal: Path, tmp_path: Path, previous: Path, name: str
) -> None:
    _secret(tmp_path)
    include = _report_template(f'{{% include "{name}" %}}')
    templates = _templates(tmp_path, {"html/committee-report.html.j2": include})
    _build_refused(
        minimal, previous, templates, "html", f"no template named {name} in {templates / 'html'}"
    )


def test_a_link_inside_the_template_folder_is_used(minimal: Path, tmp_path: Path) -> None:
    templates = _templates(tmp_path, {"shared/style.css": "p.linked { color: teal }\n"})
    (templates / "html" / "house-style.css").symlink_to(templates / "shared" / "style.css")
    result = _run("build", minimal, "--format", "html", "--templates", templates, "--out", "o")
    assert result.exit_code == 0, result.output
    assert "p.linked { color: teal }" in (tmp_path / "o" / "committee-report.html").read_text()


def test_a_word_template_linked_outside_is_refused(
    minimal: Path, tmp_path: Path, previous: Path
) -> None:
    outside = tmp_path / "elsewhere" / "committee-report.docx"
    outside.parent.mkdir()
    shutil.copy(BUILTIN_TEMPLATES / "docx" / "committee-report.docx", outside)
    templates = _templates(tmp_path, {})
    (templates / "docx").mkdir()
    (templates / "docx" / "committee-report.docx").symlink_to(outside)
    _build_refused(
        minimal,
        previous,
        templates,
        "docx",
        "committee-report.docx is a link to a file outside the template folder",
    )


def test_the_pdf_fetcher_refuses_links_and_dot_dot_paths(tmp_path: Path) -> None:
    templates = _templates(tmp_path, {"html/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    (templates / "html" / "linked.png").symlink_to(_secret(tmp_path))
    fetcher = project_only_fetcher(search_path(templates))
    with pytest.raises(fetcher.forbidden, match=r"linked\.png: it is a link to a file outside"):
        fetcher.fetch((templates / "html" / "linked.png").as_uri())
    dot_dot = "file://" + str(templates / "html" / ".." / ".." / "elsewhere" / "secret.txt")
    with pytest.raises(fetcher.forbidden, match="only files in the template folders"):
        fetcher.fetch(dot_dot)
    assert fetcher.fetch((templates / "html" / "logo.svg").as_uri()) is not None


def test_a_picture_linked_outside_stops_the_pdf(minimal: Path, tmp_path: Path) -> None:
    templates = _templates(
        tmp_path, {"html/committee-report.html.j2": _report_template('<img src="logo.png" alt="">')}
    )
    (templates / "html" / "logo.png").symlink_to(_secret(tmp_path))
    result = _run("build", minimal, "--format", "pdf", "--templates", templates, "--out", "o")
    _refused(result, "logo.png: it is a link to a file outside the template folders")
    assert not (tmp_path / "o" / "committee-report.pdf").exists()


# --- unreadable templates are named -----------------------------------------------------------


@pytest.mark.parametrize("name", ["house-style.css", "committee-report.html.j2", "draft.css"])
def test_a_template_that_is_not_utf8_is_named(
    minimal: Path, tmp_path: Path, previous: Path, name: str
) -> None:
    text = "body { font-family: 'Café' }" if name.endswith(".css") else _report_template("")
    text = text.replace("{% block main %}\n", "{% block main %}Café")
    templates = _templates(tmp_path, {f"html/{name}": ("/* x */\n" + text).encode("latin-1")})
    _build_refused(
        minimal,
        previous,
        templates,
        "html",
        f"the template file {templates / 'html' / name} is not UTF-8 text (line 2",
        "save it as UTF-8",
    )


# --- content and data files stay in the content folder ----------------------------------------


def _link_out(path: Path, tmp_path: Path) -> None:
    """Replace a content file with a link to a file outside the content folder."""
    path.unlink(missing_ok=True)
    path.symlink_to(_secret(tmp_path, path.name))


@pytest.mark.parametrize(
    ("fixture", "name"),
    [
        ("minimal", "2020-21/sections.yaml"),
        ("minimal", "2020-21/report.yaml"),
        ("minimal", "2020-21/library.yaml"),
        ("minimal", "library/shared.yaml"),
        ("with_assessment", "2020-21/assessment/assessment.yaml"),
        ("with_assessment", "2020-21/assessment/crime.yaml"),
        ("with_plan", "2020-21/plan/plan.yaml"),
        ("with_plan", "2020-21/plan/glossary.yaml"),
        ("with_plan", "library/glossary.yaml"),
    ],
)
def test_a_content_file_linked_outside_is_refused_unread(
    request: pytest.FixtureRequest, tmp_path: Path, previous: Path, fixture: str, name: str
) -> None:
    year = request.getfixturevalue(fixture)
    path = year.parent / name
    _link_out(path, tmp_path)
    phrases = (f"{path} is a link to {tmp_path / 'elsewhere'}", "outside the content folder")
    _refused(_run("check", year), *phrases)
    before = _documents(previous)
    _refused(_run("build", year, "--format", "html", "--out", previous), *phrases)
    assert _documents(previous) == before


@pytest.mark.parametrize("name", ["shared.yaml", "contacts.yaml", "glossary.yaml"])
def test_the_shared_library_checked_alone_refuses_a_link(
    minimal: Path, tmp_path: Path, name: str
) -> None:
    library = minimal.parent / "library"
    _link_out(library / name, tmp_path)
    _refused(_run("check", library), f"{library / name} is a link to")


def test_a_data_file_linked_outside_is_refused_like_yaml(
    with_assessment: Path, tmp_path: Path
) -> None:
    _link_out(with_assessment / "data" / "crime.csv", tmp_path)
    _refused(
        _run("check", with_assessment),
        "crime.csv is a link to a file outside the year's folder, so it was not read",
    )


def test_a_link_that_stays_in_the_content_folder_is_read(minimal: Path) -> None:
    shared = minimal.parent / "shared"
    shared.mkdir()
    (minimal / "sections.yaml").rename(shared / "sections.yaml")
    (minimal / "sections.yaml").symlink_to(Path("..") / "shared" / "sections.yaml")
    result = _run("check", minimal)
    assert result.exit_code == 0, result.output


def test_paths_follow_links_without_reading(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "loop").symlink_to(folder / "loop")
    (folder / "out").symlink_to(tmp_path)
    assert stays_inside(folder / "x.yaml", folder)
    assert not stays_inside(folder / ".." / "x.yaml", folder)
    assert not stays_inside(folder / "out" / "x.yaml", folder)
    assert stays_inside(folder / "out" / "folder" / "x.yaml", folder)
    assert not stays_inside(folder / "loop", tmp_path / "elsewhere")


# --- signoffs.yaml that is not a file ---------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "status", "signoff"])
def test_a_folder_where_signoffs_yaml_should_be(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home" / ".config"))
    (minimal / "signoffs.yaml").mkdir()
    args = [command, minimal] + (["legal", "--by", "Lee Legal"] if command == "signoff" else [])
    _refused(_run(*args), "signoffs.yaml is a folder", "Rename or move it")
    assert (minimal / "signoffs.yaml").is_dir()
    assert list((minimal / "signoffs.yaml").iterdir()) == []


def test_a_signoffs_yaml_linked_outside_is_refused(minimal: Path, tmp_path: Path) -> None:
    (minimal / "signoffs.yaml").symlink_to(_secret(tmp_path, "signoffs.yaml"))
    _refused(_run("status", minimal), "signoffs.yaml is a link to", "outside the content folder")
    assert (tmp_path / "elsewhere" / "signoffs.yaml").read_text() == SECRET


# --- a template reads only the document's values ------------------------------------------

READ_A_FILE = (
    "{% for chapter in doc.chapters %}{% for section in chapter.sections %}"
    "{% for block in section.blocks %}{% if block.table and block.table.source %}"
    "{{ (block.table.source.path / '/etc/passwd').read_text()[:20] }}"
    "{{ (block.table.source.path.parent / 'PWNED.txt').write_text('owned') }}"
    "{% endif %}{% endfor %}{% endfor %}{% endfor %}"
)


def test_a_template_cannot_read_or_write_files_through_the_documents_values(
    with_assessment: Path, tmp_path: Path
) -> None:
    """A data table keeps the path of its data file; a template may print it but not use it
    to read or write a file."""
    templates = _templates(
        tmp_path, {"html/strategic-assessment.html.j2": _report_template(READ_A_FILE)}
    )
    out = tmp_path / "out-assessment"
    result = _run(
        "build", with_assessment, "--format", "html", "--templates", templates, "--out", out
    )
    _refused(result, "the HTML template strategic-assessment failed", "is unsafe")
    assert "root:x:0:0" not in result.output
    assert not list(with_assessment.rglob("PWNED.txt"))
    assert not (out / "strategic-assessment.html").exists()


@pytest.mark.parametrize(
    ("main", "phrase"),
    [
        ('{% include "committee-report.html.j2" %}', "RecursionError"),
        ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "RecursionError"),
        ('{{ "x" * 10 ** 10 }}', "may not make text or a list"),
    ],
)
def test_a_template_that_runs_away_is_stopped_and_named(
    minimal: Path, tmp_path: Path, previous: Path, main: str, phrase: str
) -> None:
    templates = _templates(tmp_path, {"html/committee-report.html.j2": _report_template(main)})
    _build_refused(
        minimal, previous, templates, "html", "the HTML template committee-report failed", phrase
    )
