"""The web UI in a real browser (Chromium via Playwright): filters, evidence, charts, XSS.

Needs the `playwright` module and a system Chromium at /usr/bin/chromium (never downloaded:
`playwright install` is not used). Screenshots go to a temp dir and to ./screenshots/.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="the playwright module is missing (pip install playwright)")
uvicorn = pytest.importorskip("uvicorn")

from sitrep.store import Store  # noqa: E402
from sitrep.web import create_app  # noqa: E402
from test_web import corpus  # noqa: E402  (the same hand-built corpus as the TestClient tests)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("browser") / "t.db")
    store = Store.open(db)
    for doc in corpus():
        store.add_document(doc)
    store.close()
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser: object, tmp_path: Path) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    pg = ctx.new_page()
    pg.dialogs = []  # every alert/confirm the page tries to open
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    # A CSP violation (an inline style or script slipping in) is logged on the console.
    pg.on("console", lambda m: pg.errors.append(m.text)
          if "Content Security Policy" in m.text or m.type == "error" else None)
    yield pg
    ctx.close()


def shot(pg: object, name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.png"
    pg.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    keep = REPO / "screenshots"
    keep.mkdir(exist_ok=True)
    shutil.copy(path, keep / path.name)


def test_timeline_filter_shrinks_list(page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/timeline")
    assert page.locator("li.event").count() == 3
    assert page.locator("#axis svg rect.dot").count() == 3
    shot(page, "timeline", tmp_path)
    page.fill("form#filters input[name=q]", "truce")
    with page.expect_navigation():
        page.click("form#filters button[type=submit]")
    assert "q=truce" in page.url and "from=" not in page.url  # empty fields left out
    assert page.locator("li.event").count() == 1
    assert "truce" in page.locator("li.event .summary").inner_text()
    page.select_option("select[name=type]", "ASSAULT")
    page.fill("form#filters input[name=q]", "")
    page.check("input[name=background]")
    with page.expect_navigation():
        page.click("form#filters button[type=submit]")
    assert page.locator("li.event").count() == 2
    assert not page.errors


def test_axis_zoom_and_brush(page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/timeline")
    before = page.locator("#axis rect.dot").first.get_attribute("width")
    page.click("button[data-zoom=in]")
    page.click("button[data-zoom=in]")
    after = page.locator("#axis rect.dot").first.get_attribute("width")
    assert float(after) >= float(before)
    page.click("button[data-zoom=reset]")
    box = page.locator("#axis svg").bounding_box()
    y = box["y"] + 20
    page.mouse.move(box["x"] + 110, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=5)
    page.mouse.up()
    page.wait_for_url("**/timeline?*from=*")
    assert page.input_value("input[name=from]") and page.input_value("input[name=to]")
    assert not page.errors


def test_event_evidence_reaches_sentence(page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/timeline")
    item = page.locator("#e-ev-shell")
    item.locator("summary").click()
    evidence = item.locator(".evidence li")
    assert evidence.count() == 2
    assert evidence.first.locator("mark").inner_text() == "shelled the harbour"
    shot(page, "timeline-expanded", tmp_path)
    item.locator("a", has_text="read in context").first.click()
    page.wait_for_url("**/documents/doc-a#s0")
    target = page.locator("#s0")
    assert target.evaluate("el => el.matches(':target')")
    assert "shelled the harbour" in target.inner_text()
    shot(page, "document", tmp_path)


def test_dot_click_opens_event(page, base_url: str) -> None:
    page.goto(base_url + "/timeline")
    page.locator("#axis rect.dot").nth(1).click()  # lanes by count: ASSAULT, then CONSULT
    assert page.locator("#e-ev-talks details").evaluate("d => d.open")


def test_figure_chart_points(page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/figures")
    points = page.locator("svg.chart circle.point")
    assert points.count() == 4
    assert points.first.is_visible()
    shot(page, "figures", tmp_path)
    page.locator("svg.chart a").first.click()
    page.wait_for_url("**/documents/*#s*")


def test_map_points(page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/map")
    assert page.locator("#map circle.pt").count() == 3
    assert page.locator("#map image.land").get_attribute("href") == "/basemap.svg"
    assert page.evaluate("() => fetch('/basemap.svg').then(r => r.status)") == 200
    shot(page, "map", tmp_path)


@pytest.mark.parametrize("path", ["/timeline", "/events/ev-xss", "/entities", "/entities/hostile",
                                  "/documents", "/documents/doc-x", "/figures", "/map",
                                  "/search?q=reader", "/search?q=Speaker"])
def test_xss_does_not_execute(page, base_url: str, path: str, tmp_path: Path) -> None:
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    if path.startswith("/timeline"):
        page.locator("#e-ev-xss summary").click()
    assert page.evaluate("() => window.__xss") is None
    assert page.dialogs == []
    assert not [e for e in page.errors if "Content Security Policy" in e]
    assert page.locator("img").count() == 0
    if path == "/documents/doc-x":
        assert "<script>window.__xss" in page.locator("article.doctext").inner_text()
        shot(page, "xss-document", tmp_path)


@pytest.mark.parametrize("path", ["/entities", "/entities/keller", "/documents",
                                  "/events/ev-shell", "/search?q=harbour"])
def test_screenshots(page, base_url: str, path: str, tmp_path: Path) -> None:
    resp = page.goto(base_url + path)
    assert resp.status == 200
    assert not page.errors
    name = path.strip("/").replace("/", "-").replace("?q=", "-") or "home"
    shot(page, name, tmp_path)
