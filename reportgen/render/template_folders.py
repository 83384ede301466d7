"""Where templates are found: a user's own folder first, then reportgen's built-in ones.

A council can restyle its documents without touching reportgen: copy a file from
``templates/`` into a folder of its own, edit it, and pass ``--templates FOLDER``.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import jinja2

from reportgen.exceptions import TemplateError

BUILTIN_TEMPLATES = Path(str(importlib.resources.files("reportgen.builtin_templates")))
"""The project's templates/ folder (installed as the package reportgen.builtin_templates)."""


def search_path(user_templates: Path | None = None) -> list[Path]:
    """The template folders, in the order they are searched."""
    folders = [Path(user_templates).resolve()] if user_templates else []
    if user_templates and not folders[0].is_dir():
        raise TemplateError(f"the templates folder {user_templates} does not exist.")
    return [*folders, BUILTIN_TEMPLATES]


def find_template(folders: list[Path], kind: str, name: str) -> Path:
    """The first ``<folder>/<kind>/<name>`` that exists (kind: html or docx)."""
    for folder in folders:
        candidate = folder / kind / name
        if candidate.is_file():
            return candidate
    looked = ", ".join(str(folder / kind) for folder in folders)
    raise TemplateError(f"no template named {name} in {looked}.")


def jinja_environment(folders: list[Path], kind: str) -> jinja2.Environment:
    """Jinja for our templates only: autoescaped, and a missing value is an error.

    Content text is passed in as values and escaped; it is never rendered as a template.
    """
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([folder / kind for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
