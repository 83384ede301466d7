"""Where templates are found: a user's own folder first, then reportgen's built-in ones.

A council can restyle its documents without touching reportgen: copy a file from
``templates/`` into a folder of its own, edit it, and pass ``--templates FOLDER``.

A council's templates are not reportgen's code, so they are confined: they render in
Jinja's sandbox (a template cannot reach Python, run commands or change the document's
values), and every file they use — an included template, a stylesheet, the Word file —
must be inside the template folders. A link (symlink) leading elsewhere is refused
without the file it leads to ever being read.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.exceptions import TemplateError
from reportgen.load.paths import stays_inside


def find_template(folders: list[Path], kind: str, name: str) -> Path:
    """The first ``<folder>/<kind>/<name>`` that exists (kind: html or docx). Refused if
    it is a link leading outside its template folder."""
    found = _find(folders, kind, split_template_path(name))
    if found is None:
        looked = ", ".join(str(folder / kind) for folder in folders)
        raise TemplateError(f"no template named {name} in {looked}.")
    return found


def _find(folders: list[Path], kind: str, pieces: list[str]) -> Path | None:
    for folder in folders:
        candidate = folder.joinpath(kind, *pieces)
        if candidate.is_file():
            if not stays_inside(candidate, folder):
                raise TemplateError(
                    f"the template file {candidate} is a link to a file outside the "
                    f"template folder {folder}, so it was not used; put a copy of the file "
                    "in the folder instead of a link."
                )
            return candidate
    return None


def read_template(path: Path) -> str:
    """A template or stylesheet's text; an unreadable or non-UTF-8 file is named."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        raise TemplateError(
            f"the template file {path} is not UTF-8 text (line {line} has a character saved "
            "in another encoding); open it in a text editor and save it as UTF-8."
        ) from error
    except OSError as error:
        raise TemplateError(
            f"the template file {path} cannot be read ({error.strerror or error})."
        ) from error


class ConfinedLoader(jinja2.BaseLoader):
    """Loads ``{% include %}``, ``{% extends %}`` and ``{% import %}`` targets from the
    ``kind`` folder of each template folder in turn, and from nowhere else."""

    def __init__(self, folders: list[Path], kind: str) -> None:
        self.folders = folders
        self.kind = kind

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        path = _find(self.folders, self.kind, pieces)
        if path is None:
            raise jinja2.TemplateNotFound(template)
        source = read_template(path)
        return source, str(path), lambda: self._unchanged(pieces, path, source)

    def _unchanged(self, pieces: list[str], path: Path, source: str) -> bool:
        """Whether a template compiled before may be used again: the same file is found
        for it, with the same text (compared whole: a file saved twice within one tick of
        the file system's clock keeps its time)."""
        try:
            found = _find(self.folders, self.kind, pieces)
            return found == path and path.read_bytes() == source.encode("utf-8")
        except (OSError, TemplateError):
            return False


class _LayoutOnly(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, narrowed to what laying out needs: attributes of the
    document's own values (reportgen's, Python's plain ones, Jinja's and markupsafe's)
    only — never of a file path or any other live object that could reach the disk — and
    no text or list multiplied beyond what a page could show."""

    LARGEST = 100_000
    """The most characters or items ``*`` may make."""
    intercepted_binops = frozenset({"*"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if type(obj).__module__.split(".")[0] not in _LAYOUT_MODULES:
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        sizes = [len(v) for v in (left, right) if isinstance(v, str | list | tuple)]
        counts = [v for v in (left, right) if isinstance(v, int)]
        if operator == "*" and sizes and counts and sizes[0] * max(counts[0], 0) > self.LARGEST:
            raise SecurityError(f"a template may not make text or a list of {self.LARGEST:,}+")
        return super().call_binop(context, operator, left, right)


_LAYOUT_MODULES = {"reportgen", "builtins", "jinja2", "markupsafe", "datetime"}
"""Where the types of the values a template may read attributes of come from."""


def jinja_environment(folders: list[Path], kind: str) -> jinja2.Environment:
    """Jinja for templates: sandboxed (see :class:`_LayoutOnly`), autoescaped, a missing
    value is an error, and includes found only in the template folders.

    Content text is passed in as values and escaped; it is never rendered as a template.
    """
    return _LayoutOnly(
        loader=ConfinedLoader(folders, kind),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def not_found(error: jinja2.TemplateNotFound, folders: list[Path], kind: str) -> TemplateError:
    """The error for a template (or an include) that is in none of the template folders."""
    looked = ", ".join(str(folder / kind) for folder in folders)
    return TemplateError(
        f"no template named {error.name} in {looked}; a template can use only the files "
        "in these folders."
    )


TEMPLATE_FAULTS = (
    jinja2.TemplateError,
    ArithmeticError,
    LookupError,
    TypeError,
    ValueError,
    RecursionError,
)
"""What a template's own mistakes raise as it renders (``{{ 1 // 0 }}``, a value
that is not a list …), reported as the template's failure, not reportgen's."""


def where_in_template(error: BaseException, folders: list[Path]) -> str:
    """`` (FILE, line N)``: the template file and line a rendering error happened at, as
    far as Jinja can tell; empty if it cannot."""
    name = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    if not (name and line):
        roots = tuple(str(folder) for folder in folders)
        frames = traceback.extract_tb(error.__traceback__)
        inside = [frame for frame in frames if frame.filename.startswith(roots)]
        name, line = (inside[-1].filename, inside[-1].lineno) if inside else (name, line)
    if name and line:
        return f" ({name}, line {line})"
    return f" (line {line})" if line else ""


def explain_fault(error: BaseException) -> str:
    """A template's fault in words: Jinja's own message, or what Python said."""
    if isinstance(error, SecurityError):
        return (
            f"{error} A template lays out the document's values; it cannot reach into "
            "Python or the computer it runs on."
        )
    if isinstance(error, jinja2.TemplateError):
        return str(error)
    return f"{type(error).__name__}: {error}"


@functools.lru_cache(maxsize=16)
def _html_environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    """The HTML templates' environment, kept between renders: Jinja then compiles each
    template once (compiling is most of an HTML render's time), and again only when its
    file changes (see :meth:`ConfinedLoader.get_source`), which the preview relies on."""
    return jinja_environment(list(folders), "html")


def render_html_template(folders: list[Path], name: str, **values: Any) -> str:
    """The HTML template ``<name>.html.j2`` filled with ``values``; a missing template or
    a template's own mistake is a :class:`TemplateError` naming it and the line."""
    environment = _html_environment(tuple(folders))
    try:
        return environment.get_template(f"{name}.html.j2").render(**values)
    except jinja2.TemplateNotFound as error:
        raise not_found(error, folders, "html") from error
    except TEMPLATE_FAULTS as error:
        where = where_in_template(error, folders)
        raise TemplateError(
            f"the HTML template {name} failed{where}: {explain_fault(error)}"
        ) from error
