"""Project-wide checks: settings documented, import stays cheap, lint and types clean."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest

from sitrep.settings import SETTINGS_HELP, Settings

REPO = Path(__file__).resolve().parents[1]


def test_every_setting_is_documented_where_declared() -> None:
    for f in fields(Settings):
        assert len(SETTINGS_HELP.get(f.name, "")) > 20, f"setting {f.name} has no help text"


def test_import_is_cheap() -> None:
    """`import sitrep` (and the CLI module) must not load spaCy, SQLAlchemy or FastAPI."""
    code = ("import sys, sitrep, sitrep.cli; "
            "print(','.join(m for m in ('spacy', 'sqlalchemy', 'fastapi', 'trafilatura') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "", f"importing sitrep loaded: {out}"


@pytest.mark.slow
@pytest.mark.parametrize("tool", [["ruff", "check", "src", "tests", "benchmarks"], ["mypy"]])
def test_lint_and_types_are_clean(tool: list[str]) -> None:
    exe = Path(sys.executable).parent / tool[0]
    if not exe.exists():
        pytest.skip(f"{tool[0]} is not installed (pip install -e '.[test]')")
    result = subprocess.run([str(exe), *tool[1:]], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
