"""A normal (not editable) install must carry every package and the built-in templates."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_installation() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "reportgen").rglob("__init__.py")
    }
    assert found <= listed, f"add to pyproject.toml packages: {sorted(found - listed)}"
    assert "reportgen.builtin_templates" in listed


def test_the_wheel_carries_the_templates_and_building_it_prints_no_warnings(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys
    import zipfile

    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "would be ignored" not in output
    assert "BuildBackendWarning" not in output
    (wheel,) = tmp_path.glob("reportgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for template in ("committee-report.html.j2", "house-style.css"):
        assert f"reportgen/builtin_templates/html/{template}" in names
    assert "reportgen/builtin_templates/docx/committee-report.docx" in names
    starter = ROOT / "reportgen" / "starter-files"
    files = [path.relative_to(ROOT).as_posix() for path in starter.rglob("*") if path.is_file()]
    assert "reportgen/starter-files/year/report.yaml" in files
    assert "reportgen/starter-files/year/data/recorded-crime.csv" in files
    assert set(files) <= set(names), "the starter year `reportgen new` writes is in the wheel"
