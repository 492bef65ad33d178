"""The web UI and HTTP API: `create_app(db)` for ASGI servers, `serve_command` for the CLI.

Imports stay lazy so `import sitrep.web` costs nothing until a page is served.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitrep.web.app import create_app
    from sitrep.web.serve import serve_command

__all__ = ["create_app", "serve_command"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from sitrep.web.app import create_app

        return create_app
    if name == "serve_command":
        from sitrep.web.serve import serve_command

        return serve_command
    raise AttributeError(name)
