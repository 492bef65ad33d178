"""Loading the YAML data files that hold rules and word lists (libyaml when available)."""

from __future__ import annotations

from typing import IO, Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str | IO[str]) -> Any:
    """Parse YAML safely; the C loader is about ten times faster on the larger lexicons."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
