"""Readers: discovery, decoding, formats, URL fetching (mocked) and the extraction floor."""

from __future__ import annotations

import codecs
import json
import sys
from datetime import date
from pathlib import Path

import httpx
import pytest

from sitrep.model import RawDocument
from sitrep.read import (
    ReadError,
    Source,
    discover,
    read_all,
    read_html,
    read_source,
    read_text_file,
)
from sitrep.read.files import decode_bytes
from sitrep.read.html import html_to_plain
from sitrep.read.lang import guess_language
from sitrep.settings import Settings

SETTINGS = Settings(db=":memory:")
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "article-extraction"

PARAS = [
    "Engineers reopened the old stone bridge over the river on Tuesday after three months of "
    "repairs, the provincial council said in a statement.",
    "The council's spokesman told reporters that convoys carrying grain and fuel would resume "
    "crossing by the end of the week, easing shortages in the eastern districts.",
    "Local traders said prices in the markets had doubled while the bridge was closed, and "
    "several bakeries had shut their doors for lack of flour.",
]
TEXT = "\n\n".join(PARAS)
FRENCH = (
    "Les ingénieurs ont rouvert le vieux pont de pierre sur la rivière mardi après trois mois "
    "de travaux, a indiqué le conseil provincial dans un communiqué. Le porte-parole du "
    "conseil a déclaré que les convois de céréales et de carburant reprendraient la traversée "
    "à la fin de la semaine, ce qui devrait réduire les pénuries dans les districts de l'est."
)

PAGE = f"""<!DOCTYPE html><html><head>
<title>Bridge reopens after repairs | The Example Post</title>
<meta property="og:title" content="Bridge reopens after repairs">
<meta property="og:site_name" content="The Example Post">
<meta name="author" content="Sara Ahmed">
<meta property="article:published_time" content="2023-03-14T09:30:00Z">
<meta property="article:modified_time" content="2023-04-02T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Bridge reopens after repairs</h1>
{''.join(f'<p>{p}</p>' for p in PARAS)}
</article>
<aside><h2>Related</h2><ul><li><a href="/x">Floods cut mountain road</a></li></ul></aside>
<footer>Copyright 2023 The Example Post. All rights reserved.</footer>
</body></html>"""


def _write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _read(path: Path, kind: str | None = None) -> list[RawDocument]:
    src = discover([str(path)])[0] if kind is None else Source(str(path), kind)
    return read_source(src, settings=SETTINGS)


# ------------------------------------------------------------------------- discovery


def test_discover_files_dirs_globs_urls(tmp_path: Path) -> None:
    _write(tmp_path, "b.txt", TEXT)
    _write(tmp_path, "a/page.html", PAGE)
    _write(tmp_path, "a/deep/recs.jsonl", "{}")
    _write(tmp_path, "a/.hidden.txt", TEXT)
    _write(tmp_path, "a/picture.png", b"\x89PNG")
    found = discover([
        "https://example.org/story", str(tmp_path / "a"), str(tmp_path / "*.txt"),
        str(tmp_path / "b.txt"), str(tmp_path / "nothing.txt"),
    ])
    assert [(Path(s.location).name, s.kind) for s in found] == [
        ("story", "url"), ("recs.jsonl", "jsonl"), ("page.html", "html"), ("b.txt", "text"),
        ("nothing.txt", "missing"),
    ]


def test_missing_source_is_a_read_error() -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_source(Source("nope.txt", "missing"), settings=SETTINGS)


# ------------------------------------------------------------------------- bad files


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("nul.txt", b"some text\x00\x01\x02 more" * 20, "binary"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"x" * 300, "PNG"),
        ("doc.txt", b"%PDF-1.7\n" + b"x" * 300, "PDF"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n \t\n", "empty"),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "UTF-8"),
        ("short.txt", b"Too short to be an article.", "short|no article text"),
        ("short2.txt", f"{PARAS[0]}\n\nlogo".encode(), "too short"),
        ("french.txt", FRENCH.encode("utf-8"), "English"),
        ("furniture.txt", b"logo\nTop\nComments\nPost a comment\n", "no article text"),
    ],
)
def test_bad_files_give_reasons(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(ReadError, match=reason) as err:
        _read(path)
    assert err.value.source == str(path)
    assert ";" in err.value.reason  # what went wrong; what to do


def test_huge_file_is_skipped_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(20_000_000)  # sparse: 20 MB on paper, nothing to read
    opened: list[str] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(str(self))
                        or real_open(self, *a, **k))
    with pytest.raises(ReadError, match="20.0 MB, above the 5.0 MB limit"):
        _read(path)
    assert opened == []


# ------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"])
def test_decoding_keeps_accents(encoding: str) -> None:
    text = "Señor Muñoz met the délégation in Zürich on the café terrace."
    if encoding == "cp1252":
        text += " “Quoted” — and the naïve plan’s end."
    assert decode_bytes(text.encode(encoding), source="x") == text


def test_latin2_is_not_read_as_windows_1250(monkeypatch) -> None:
    # the two share most letters; "š" and "Š" are where they differ (0xB9/0xA9 in Latin-2,
    # "ą" and "©" in Windows-1250, which keeps them at 0x9A/0x8A). When the detector says
    # Windows-1250 of bytes with nothing in 0x80-0x9F, the text is Latin-2.
    import charset_normalizer

    class Guess:
        def __init__(self, data: bytes) -> None:
            self.encoding, self.data = "cp1250", data

        def best(self) -> Guess:
            return self

        def __str__(self) -> str:
            return self.data.decode("cp1250")

    monkeypatch.setattr(charset_normalizer, "from_bytes", Guess)
    text = ("PRIŠTINA - Police in Priština said the gunmen fled from Banjska towards Raška. "
            "Vučić denied that Serbia was involved; Kurti named Milan Radoičić.")
    assert decode_bytes(text.encode("iso-8859-2"), source="x") == text


def test_windows_1250_is_not_read_as_1252() -> None:
    # "Vučić" in Windows-1250 reads "Vuèiæ" in 1252: Latin letters, but no Western word ends
    # in "æ"; Danish or Latin words keep theirs ("Encyclopædia")
    text = ("PRIŠTINA - Kosovo police said the gunmen fled towards Raška. Prime Minister Albin "
            "Kurti said Milan Radoičić was among them; President Aleksandar Vučić denied it.")
    assert decode_bytes(text.encode("cp1250"), source="x") == text
    western = "The Encyclopædia entry on Zürich cafés was “updated” — again."
    assert decode_bytes(western.encode("cp1252"), source="x") == western


def test_cp1252_file_reads_with_accents(tmp_path: Path) -> None:
    text = TEXT + "\n\nThe café owner near the bridge said “business is back” — finally, in Zürich."
    path = _write(tmp_path, "win.txt", text.replace("\n", "\r\n").encode("cp1252"))
    (doc,) = _read(path)
    assert "“business is back” — finally, in Zürich." in doc.text
    assert "\r" not in doc.text


def test_mojibake_repaired() -> None:
    good = "The minister’s “plan” was déjà vu — said the mayor of Zürich."
    garbled = "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in good.encode())
    assert decode_bytes(garbled.encode("utf-8"), source="x") == good


@pytest.mark.parametrize(("text", "lang"), [(TEXT, "en"), (FRENCH, "fr"), ("Too short.", None)])
def test_language_guess(text: str, lang: str | None) -> None:
    assert guess_language(text) == lang


# ------------------------------------------------------------------------- formats


def test_text_file_metadata(tmp_path: Path) -> None:
    page = ("• Tuesday, 14 March 2023\nlogo\n\nBridge reopens after repairs\n\n"
            f"Example Media March 14, 2023 News\n\n{TEXT}\n\nComments\nPost a comment\n")
    doc = read_text_file(str(_write(tmp_path, "p.txt", page)), settings=SETTINGS)
    assert doc.text.split("\n\n") == PARAS
    assert (doc.title, doc.outlet, doc.format) == ("Bridge reopens after repairs",
                                                   "Example Media", "text")
    assert "logo" in doc.stripped


def test_html_file(tmp_path: Path) -> None:
    (doc,) = _read(_write(tmp_path, "page.html", PAGE))
    assert doc.text.split("\n\n") == PARAS
    assert doc.title == "Bridge reopens after repairs"
    assert doc.outlet == "The Example Post"
    assert doc.author == "Sara Ahmed"
    assert doc.published == date(2023, 3, 14)  # original, not the April update
    assert doc.html == PAGE and doc.format == "html"


def test_html_saved_as_txt_is_read_as_html(tmp_path: Path) -> None:
    (doc,) = _read(_write(tmp_path, "page.txt", PAGE))
    assert doc.format == "html" and doc.text.split("\n\n") == PARAS


@pytest.mark.parametrize("cut", [len(PAGE) // 2, len(PAGE) - 40, 700])
def test_truncated_html_does_not_crash(cut: int) -> None:
    try:
        doc = read_html(PAGE[:cut], source="cut.html")
    except ReadError as exc:
        assert exc.reason
    else:
        assert "Engineers reopened" in doc.text


@pytest.mark.parametrize("html", ["<html><body><script>var x = 1;</script></body></html>",
                                  "<html><body></body></html>", "<<<>>>"])
def test_html_without_text_is_read_error(html: str) -> None:
    with pytest.raises(ReadError, match="no"):
        read_html(html, source="empty.html")


def test_plain_html_fallback_keeps_lines() -> None:
    plain = html_to_plain(PAGE)
    assert plain.splitlines()[:3] == ["Home World Sport", "Bridge reopens after repairs",
                                      PARAS[0]]


def test_jsonl_bad_line_is_per_record(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://example.org/1", "title": "Bridge", "published": "2023-03-14",
                    "text": TEXT, "outlet": "Example Wire"}),
        '{"text": "broken',
        json.dumps({"html": PAGE, "published": "March 15, 2023"}),
        json.dumps({"title": "no body"}),
    ]
    errors: list[ReadError] = []
    docs = read_source(Source(str(_write(tmp_path, "r.jsonl", "\n".join(lines))), "jsonl"),
                       settings=SETTINGS, on_error=errors.append)
    assert [(d.url, d.published, d.format) for d in docs] == [
        ("https://example.org/1", date(2023, 3, 14), "jsonl"),
        (None, date(2023, 3, 15), "jsonl"),
    ]
    assert docs[0].outlet == "Example Wire" and docs[0].title == "Bridge"
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "4"]
    assert "not valid JSON" in errors[0].reason


def test_jsonl_all_bad_raises(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="none of its 2 records"):
        _read(_write(tmp_path, "bad.jsonl", "{oops\n[1, 2]\n"))


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Wire</title><link>https://example.org</link><description>news</description>
<item><title>Bridge reopens</title><link>https://example.org/1</link>
<pubDate>Tue, 14 Mar 2023 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
<item><title>Only a teaser</title><link>https://example.org/2</link>
<pubDate>Wed, 15 Mar 2023 09:30:00 GMT</pubDate><description>Short summary.</description></item>
</channel></rss>""".replace("{body}", "".join(f"<p>{p}</p>" for p in PARAS))


def test_feed_file_entries(tmp_path: Path) -> None:
    errors: list[ReadError] = []
    docs = read_source(Source(str(_write(tmp_path, "f.rss", FEED)), "feed"),
                       settings=SETTINGS, on_error=errors.append)
    assert [(d.title, d.published, d.outlet, d.format) for d in docs] == [
        ("Bridge reopens", date(2023, 3, 14), "Example Wire", "feed")]
    assert docs[0].text.split("\n\n") == PARAS
    assert len(errors) == 1 and "https://example.org/2" in errors[0].reason


# ------------------------------------------------------------------------- URLs (mocked)


def _client(handler) -> httpx.Client:  # type: ignore[no-untyped-def]
    return httpx.Client(transport=httpx.MockTransport(handler))


def _route(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/story":
        return httpx.Response(200, text=PAGE, headers={"content-type": "text/html"})
    if path == "/feed":
        return httpx.Response(200, text=FEED, headers={"content-type": "application/rss+xml"})
    if path == "/big":
        return httpx.Response(200, content=b"x" * 6_000_000)
    if path == "/slow":
        raise httpx.ReadTimeout("too slow", request=request)
    return httpx.Response(404)


def test_url_html() -> None:
    (doc,) = read_source(Source("https://example.org/story", "url"), settings=SETTINGS,
                         client=_client(_route))
    assert doc.url == "https://example.org/story" and doc.format == "url"
    assert doc.text.split("\n\n") == PARAS


def test_url_feed() -> None:
    docs = read_source(Source("https://example.org/feed", "url"), settings=SETTINGS,
                       client=_client(_route), on_error=lambda e: None)
    assert [d.url for d in docs] == ["https://example.org/1"]


@pytest.mark.parametrize(("path", "reason"), [("/missing", "HTTP 404"), ("/big", "MB limit"),
                                              ("/slow", "fetch_timeout")])
def test_url_failures(path: str, reason: str) -> None:
    with pytest.raises(ReadError, match=reason):
        read_source(Source(f"https://example.org{path}", "url"), settings=SETTINGS,
                    client=_client(_route))


def test_batch_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _write(tmp_path, "good.txt", TEXT)
    _write(tmp_path, "bin.txt", b"\x00\x01" * 200)
    _write(tmp_path, "boom.html", PAGE)

    def boom(*args: object, **kwargs: object) -> RawDocument:
        raise RuntimeError("library bug")

    monkeypatch.setattr(sys.modules["sitrep.read.files"], "read_html", boom)
    sources = discover([str(tmp_path), str(tmp_path / "gone.txt"), "https://example.org/x"])
    docs, errors = read_all(sources, settings=SETTINGS, client=_client(_route))
    assert [d.source for d in docs] == [str(good)]
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert set(reasons) == {"bin.txt", "boom.html", "gone.txt", "x"}
    assert "unexpected error (RuntimeError: library bug)" in reasons["boom.html"]


# ------------------------------------------------------------------------- extraction floor


@pytest.mark.slow
def test_extraction_floor() -> None:
    if not (EVAL / "ground-truth.json").exists():
        pytest.skip(f"{EVAL} not found")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from extraction import SYSTEMS, evaluate, load

    items = load(EVAL, limit=25)
    names = ["sitrep read_html", "plain html-to-text", "plain + clean_text"]
    scores = evaluate(items, {k: SYSTEMS[k] for k in names})
    assert scores["sitrep read_html"]["f1"] >= 0.94
    assert scores["plain + clean_text"]["f1"] >= scores["plain html-to-text"]["f1"] + 0.06
    assert scores["plain + clean_text"]["recall"] >= 0.95


def test_declared_charset_and_xml_declaration(tmp_path: Path) -> None:
    page = PAGE.replace("<head>", '<head><meta charset="windows-1251">').replace(
        PARAS[2], PARAS[2] + " Жители говорили о ценах.")
    (doc,) = _read(_write(tmp_path, "ru.html", page.encode("cp1251")))
    assert "Жители говорили о ценах." in doc.text
    xml_page = '<?xml version="1.0" encoding="utf-8"?>\n' + PAGE
    assert html_to_plain(xml_page).splitlines()[1] == "Bridge reopens after repairs"


def test_fragment_without_body_falls_back_with_note() -> None:
    doc = read_html(f"<p>{PARAS[0]}", source="frag.html")
    assert doc.text == PARAS[0]
    assert doc.stripped[0].startswith("[main-text detection failed")
