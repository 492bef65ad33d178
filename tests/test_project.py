"""Project-wide checks: settings documented, import stays cheap, lint and types clean, data
files with no key given twice."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields
from pathlib import Path

import pytest
import yaml

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


class _UniqueKeys(yaml.SafeLoader):
    """A YAML loader that refuses a key given twice in one mapping (YAML keeps the last)."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[object, object]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)  # type: ignore[no-untyped-call]
        assert key not in seen, f"{key!r} given twice (line {key_node.start_mark.line + 1})"
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


@pytest.mark.parametrize("path", sorted((REPO / "src/sitrep").rglob("data/*.yaml")),
                         ids=lambda p: p.name)
def test_data_files_name_each_key_once(path: Path) -> None:
    # a second key of one name silently shadows the first: one of the two lists is dead
    yaml.load(path.read_text("utf-8"), Loader=_UniqueKeys)  # noqa: S506 - a safe loader
