"""Alembic environment: run migrations on the connection the Store hands over.

`Store.open()` builds the Alembic Config in code and puts its open connection in
`config.attributes["connection"]`; the `alembic` command line (with `store/alembic.ini`) falls
back to `sqlalchemy.url`.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from sitrep.store.schema import metadata

config = context.config


def _ours(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    # Tables others keep in the same database (the web's FTS index) are not ours to drop.
    return not (type_ == "table" and reflected and compare_to is None)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=_ours,
        # SQLite cannot ALTER most things in place: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///sitrep.db")
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("sitrep migrations run online only: open the store with sitrep.store.Store")
run_migrations_online()
