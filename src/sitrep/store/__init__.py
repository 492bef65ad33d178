"""Persistence: one Store interface over SQLite (default) or PostgreSQL, schema by migrations."""

from sitrep.store.consolidation import consolidate
from sitrep.store.store import Store, StoreError

__all__ = ["Store", "StoreError", "consolidate"]
