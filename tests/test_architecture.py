"""The package's shape: the pipeline runs one way (import contract), and its modules and
functions stay small enough to read."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reportgen"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _contract_project(tmp_path: Path) -> Path:
    """A copy of the package with the project's import contract, to break on purpose."""
    shutil.copytree(PACKAGE, tmp_path / "reportgen", ignore=shutil.ignore_patterns("__pycache__"))
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    contract = settings["contracts"][0]
    layers = "\n".join(f"    {layer}" for layer in contract["layers"])
    (tmp_path / ".importlinter").write_text(
        f"[importlinter]\nroot_package = reportgen\n\n[importlinter:contract:pipeline]\n"
        f"name = {contract['name']}\ntype = layers\nlayers =\n{layers}\n"
    )
    return tmp_path


def _lint(project: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / ".importlinter"), "--no-cache"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_pipeline_imports_one_way(tmp_path: Path) -> None:
    result = _lint(_contract_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "later_step"),
    [
        ("validate/tables.py", "reportgen.compute.tables"),
        ("compute/blocks.py", "reportgen.render.charts"),
        ("load/yaml.py", "reportgen.validate.fields"),
        ("render/html.py", "reportgen.write.files"),
    ],
)
def test_an_import_against_the_order_breaks_the_contract(
    tmp_path: Path, module: str, later_step: str
) -> None:
    project = _contract_project(tmp_path)
    path = project / "reportgen" / module
    path.write_text(path.read_text() + f"\nimport {later_step}  # noqa: E402\n")
    result = _lint(project)
    assert result.returncode == 1
    assert "BROKEN" in result.stdout
    assert later_step in result.stdout


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules()
        if (lines := len(path.read_text().splitlines())) > 400
    }
    assert not long


def test_no_function_is_over_60_lines() -> None:
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 60:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = length
    assert not long
