"""`sitrep serve`: run the web app, or answer one request in-process with `--get PATH`."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from sitrep.settings import Settings

__all__ = ["serve_command", "get", "test_client"]


def test_client(app: Any) -> Any:
    """starlette's in-process TestClient (it warns when it finds httpx instead of httpx2:
    httpx, which sitrep already needs, works the same for our single requests)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        from starlette.testclient import TestClient
    return TestClient(app)


def get(db: str, path: str, *, token: str | None = None,
        settings: Settings | None = None) -> tuple[int, str]:
    """One GET request against the app without a server: (status, body)."""
    from sitrep.web.app import create_app

    with test_client(create_app(db, token=token, settings=settings)) as client:
        resp = client.get(path)
        return resp.status_code, resp.text


def app_from_env():  # type: ignore[no-untyped-def]
    """App factory for `uvicorn --factory` (used by --reload, which re-imports the app)."""
    from sitrep.web.app import create_app

    return create_app(os.environ.get("SITREP_DB", "sitrep.db"),
                      token=os.environ.get("SITREP_TOKEN") or None)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; 0.0.0.0 exposes the server to the network.")
@click.option("--port", type=int, default=8001, show_default=True, help="Port to listen on.")
@click.option("--get", "get_path", metavar="PATH",
              help="Print the response to one GET (e.g. /timeline.json) and exit; no server.")
@click.option("--token", envvar="SITREP_TOKEN", default=None,
              help="Enables POST /documents for clients sending 'Authorization: Bearer TOKEN' "
                   "(env SITREP_TOKEN).")
@click.option("--reload", is_flag=True, help="Restart when the code changes (development).")
@click.pass_context
def serve_command(ctx: click.Context, host: str, port: int, get_path: str | None,
                  token: str | None, reload: bool) -> None:
    """Serve the timeline, pages and JSON API over HTTP (http://127.0.0.1:8001 by default).

    Every page has a JSON twin (add .json to its path); the API is described at /openapi.json.
    """
    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    if get_path is not None:
        status, body = get(settings.db, get_path, token=token, settings=settings)
        click.echo(f"HTTP {status}", err=True)
        click.echo(body)
        sys.exit(0 if status < 400 else 1)
    import uvicorn

    if reload:
        os.environ["SITREP_DB"] = settings.db
        if token:
            os.environ["SITREP_TOKEN"] = token
        uvicorn.run("sitrep.web.serve:app_from_env", factory=True, host=host, port=port,
                    reload=True)
        return
    from sitrep.web.app import create_app

    click.echo(f"serving {settings.db} on http://{host}:{port}/", err=True)
    uvicorn.run(create_app(settings.db, token=token, settings=settings), host=host, port=port)
