"""Boilerplate removal from scraped article text (sitrep.read.clean).

All sample texts are written for these tests; the seed test reads the real seeds from
../shared/seeds and skips when they are absent.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.read.clean import clean, clean_text, extract_source_line, header_lines

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

BODY = [
    "MOSUL, Iraq – Engineers reopened the old stone bridge over the river on Tuesday after "
    "three months of repairs, the provincial council said.",
    "The council's spokesman told reporters that convoys carrying grain would resume crossing "
    "by the end of the week.",
    "Local traders said prices in the eastern markets had doubled while the bridge was closed, "
    "and several bakeries had shut their doors.",
    "“We waited a long time for this day,” said a shop owner who sells spare parts near the "
    "western bank of the river.",
]
ARTICLE = "\n\n".join(BODY)
TITLE = "Bridge reopens in northern city after repairs"


def _assert_body_once(text: str) -> None:
    for para in BODY:
        assert text.count(para) == 1, para


# (junky page, pieces that must be stripped)
JUNK_CASES = {
    "scrape-date header and logo": (
        f"• Tuesday, 14 March 2023\nlogo\n\n{TITLE}\n\n{ARTICLE}",
        ["• Tuesday, 14 March 2023", "logo"],
    ),
    "counters in one line": (
        f"{TITLE}\n\n\u00a0 2023-03-14 09:30\u00a0\u00a0 \u00a0 1,204 View Count \u00a0"
        f"\u00a0 \u00a0 Comment\n\n{ARTICLE}",
        ["2023-03-14 09:30 1,204 View Count Comment"],
    ),
    "font controls and repeated byline": (
        f"{TITLE}\n\n14-03-2023\nSara Ahmed\nSara Ahmed\nA+ A-\n\n{ARTICLE}",
        ["14-03-2023", "Sara Ahmed", "A+ A-"],
    ),
    "teaser block of another article": (
        f"{TITLE}\n\n{ARTICLE}\n\nRelated\n\nDrought forces farmers to leave villages\n\n"
        "Farmers in the southern plains said on Monday that they would abandon their fields "
        "after a third dry winter in a row left the wells empty.",
        ["Related", "Drought forces farmers to leave villages"],
    ),
    "read-next block": (
        f"{ARTICLE}\n\nRead Next\n- Explainer: What is the militia and why are the "
        "neighbours targeting it?\n- Farmers count the cost of the drought",
        ["Read Next", "- Explainer: What is the militia and why are the neighbours targeting "
         "it?"],
    ),
    "topics line": (f"{ARTICLE}\n\nTopics: Iraq | Mosul | Roads and bridges",
                    ["Topics: Iraq | Mosul | Roads and bridges"]),
    # the page's footer notices are no article paragraphs after the teasers
    "teasers above the page footer": (
        f"{ARTICLE}\n\nRelated stories\n- Who is the engineer who rebuilt the bridge?\n"
        "- Inside the market: traders count their losses\nWe use cookies to improve your "
        "experience on our site and to show you relevant advertising.\nAbout us | Contact | "
        "Terms and conditions | Privacy policy\n© 2024 Example Media Group Ltd. All rights "
        "reserved.",
        ["- Who is the engineer who rebuilt the bridge?", "About us | Contact | Terms and "
         "conditions | Privacy policy"],
    ),
    "empty latest-news block": (
        f"{ARTICLE}\n\nLatest News\n\n\n\nTop View",
        ["Latest News", "Top View"],
    ),
    "comment policy": (
        f"{ARTICLE}\nComments\nThe Example Post moderates all comments posted on this site. "
        "Please keep your comments relevant and civil.\nComments that do not meet our "
        "standards will be removed without notice.\nPost a comment\nRequired\nRequired",
        ["Comments", "Post a comment", "Required"],
    ),
    "source line": (f"{ARTICLE}\n\nSource: Example Wire\n", ["Source: Example Wire"]),
    "share buttons": (
        f"{ARTICLE}\n\nShare on Facebook\nTwitter\nWhatsApp\nEmail\nPrint",
        ["Share on Facebook", "Twitter", "WhatsApp", "Email", "Print"],
    ),
    "share row": (
        f"{ARTICLE}\n\nShare this article\nFacebook  Twitter  Telegram\n",
        ["Share this article", "Facebook Twitter Telegram"],  # stripped pieces are squashed
    ),
    "cookie notice": (
        "We use cookies to improve your experience on our website. By continuing to browse, "
        f"you agree to our use of cookies.\nAccept all\n\n{ARTICLE}",
        ["Accept all"],
    ),
    "newsletter prompt": (
        f"{ARTICLE}\n\nSign up for our daily newsletter to get the top stories in your inbox "
        "every morning.\nSubscribe",
        ["Subscribe"],
    ),
    "outlet byline with date": (
        f"{TITLE}\n\nExample Media March 14, 2023 News\n\n{ARTICLE}",
        ["Example Media March 14, 2023 News"],
    ),
    "sign-off and back-to-top": (f"{ARTICLE}\n\nExampleWire\nTop", ["ExampleWire", "Top"]),
    "read more and separators": (
        f"{BODY[0]}\nRead more\n{BODY[1]}\n* * *\n{BODY[2]}\n{BODY[3]}\n———",
        ["Read more"],
    ),
}


@pytest.mark.parametrize("name", list(JUNK_CASES))
def test_junk_family_removed_and_article_kept(name: str) -> None:
    page, junk = JUNK_CASES[name]
    text, stripped = clean_text(page)
    _assert_body_once(text)
    for piece in junk:
        assert piece not in text.split("\n\n"), piece
        assert any(piece in s for s in stripped), (piece, stripped)


@pytest.mark.parametrize("name", list(JUNK_CASES))
def test_cleaned_text_has_only_article_paragraphs(name: str) -> None:
    page, _ = JUNK_CASES[name]
    assert clean_text(page)[0].split("\n\n") == BODY


def test_title_author_outlet() -> None:
    page = (f"{TITLE}\n\n14-03-2023\nSara Ahmed\nSara Ahmed\nA+ A-\n\n{ARTICLE}"
            "\n\nSource: Example Wire")
    c = clean(page)
    assert (c.title, c.author, c.outlet) == (TITLE, "Sara Ahmed", "Example Wire")
    assert TITLE not in c.text


def test_share_row_is_not_the_outlet_and_desk_is_not_the_author() -> None:
    page = (f"{TITLE}\n\nBy Sara Ahmed | World desk\nSara Ahmed\n\n{ARTICLE}\n\n"
            "Share this article\nFacebook  Twitter  Telegram")
    c = clean(page)
    assert (c.author, c.outlet) == ("Sara Ahmed", None)


def test_title_printed_twice_around_byline() -> None:
    page = f"logo\n\n{TITLE}\n\nExample Media March 14, 2023 News\n{TITLE}\n{ARTICLE}"
    c = clean(page)
    assert c.title == TITLE and c.outlet == "Example Media"
    assert c.text.split("\n\n") == BODY


def test_repeated_body_kept_once() -> None:
    text, stripped = clean_text("\n".join(BODY + BODY))
    assert text.split("\n\n") == BODY
    assert stripped == BODY


# page headers as sites print them: (header above ARTICLE, headline, author)
HEADER_CASES = [
    # a bar of section links is a menu, a share row may bracket its buttons, a desk byline
    # names no one, and the standfirst under the headline is no headline
    ("Skip to main content\nWorld | Middle East | Europe | US | Africa | Asia | Opinion\n"
     "Middle East\nBridge reopens in northern city after repairs\nEnd of three months of "
     "detours for traders on both banks of the river\nStaff reporter in Mosul and agencies\n"
     "Monday 13 March 2023 06.30 GMT\nShare this article  [Facebook]  [X]  [Email]",
     TITLE, None),
    # a section bar or path is no headline while a headline is there
    (f"Analysis | Northern Iraq\n{TITLE}\n13 March 2023 | 7 min read", TITLE, None),
    (f"WORLD NEWS / MIDDLE EAST\n{TITLE}", TITLE, None),
    # a byline running on to a role and a stamp is no first paragraph; a stamp with the time
    # first is furniture
    (f"{TITLE}\nBy Dan Hark, Defense Correspondent | March 13, 2023 at 8:14 p.m.\n"
     "Updated March 13, 2023 at 10:02 p.m.\nLast updated 11:05, 13/03/2023", TITLE,
     "Dan Hark"),
    # a cookie notice above the headline (prose itself) does not end the header; its buttons,
    # a breadcrumb, a menu spaced with runs of blanks, a stamp with a dot after the year, an
    # audio link and a bracketed image are furniture
    ("THE CHRONICLE\nHome   News   UK   World   Politics   Business   Comment   Sport\n"
     "We and our 214 partners use cookies and similar technologies to store and access "
     "information on your device in order to personalise content and ads.\n"
     "[ Accept all ]   [ Manage settings ]   [ Reject non-essential ]\n"
     "World  >  Middle East  >  Iraq\nPublished: 13.3.2023. 14:20   Last update: 13.3.2023. 16:55"
     f"\n{TITLE}\nListen to this article (6 min)\n"
     "[Image: The reopened bridge seen from the eastern bank. © Example Agency]", TITLE, None),
]


@pytest.mark.parametrize(("header", "title", "author"), HEADER_CASES)
def test_header_furniture_and_headline(header: str, title: str, author: str | None) -> None:
    c = clean(f"{header}\n\n{ARTICLE}")
    assert (c.title, c.author) == (title, author)
    assert c.text.split("\n\n") == BODY


def test_a_table_row_is_no_menu() -> None:
    row = "1 | Kyle Busch | 5040 | 5 | 17"
    assert row in clean_text("\n".join([BODY[0], row, BODY[1]]))[0]


def test_by_line_author() -> None:
    assert clean(f"{TITLE}\nBy Jonas Berg\n{ARTICLE}").author == "Jonas Berg"


def test_dateline_sentence_is_kept() -> None:
    assert clean_text(ARTICLE)[0].startswith("MOSUL, Iraq – Engineers")


KEEP = [
    # prose that mentions comments, dates, sources or teaser words is never junk by shape
    "The minister declined to make comments on the report, saying the investigation was "
    "still under way in the capital.",
    "On Sunday, 12 March 2023, the army said it had moved two battalions toward the border "
    "crossing near the town.",
    "Source: a senior officer, who spoke on condition of anonymity, said the talks had stalled "
    "over the prisoner exchange.",
    "Related talks in the capital were postponed until next month, according to two diplomats "
    "briefed on the schedule.",
]


@pytest.mark.parametrize("line", KEEP)
def test_prose_is_never_junk(line: str) -> None:
    page = "\n".join([BODY[0], line, BODY[1], "Comment", BODY[2]])
    text = clean_text(page)[0]
    assert text.split("\n\n") == [BODY[0], line, BODY[1], BODY[2]]


def test_subheading_inside_body_kept() -> None:
    page = "\n\n".join([BODY[0], BODY[1], "Aid deliveries", BODY[2], BODY[3]])
    assert "Aid deliveries" in clean_text(page)[0].split("\n\n")


def test_teaser_heading_inside_article_does_not_cut_the_rest() -> None:
    page = "\n".join([BODY[0], "Don't miss", "Floods cut off mountain road [VIDEO]",
                      "Ceasefire talks stall again [INSIGHT]", BODY[1], BODY[2], BODY[3]])
    text, stripped = clean_text(page)
    assert text.split("\n\n") == BODY
    assert "Ceasefire talks stall again [INSIGHT]" in stripped


def test_policy_pattern_does_not_leak_past_section() -> None:
    page = f"{BODY[0]}\nComments\nWe moderate all comments before publication.\n{BODY[1]}"
    assert clean_text(page)[0].split("\n\n") == [BODY[0], BODY[1]]


def test_trailing_url_is_stripped_sentence_kept() -> None:
    page = f"{BODY[0]} https://example.org/news/12345\n{BODY[1]}"
    text, stripped = clean_text(page)
    assert text.split("\n\n") == [BODY[0], BODY[1]]
    assert "https://example.org/news/12345" in stripped


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (f"{ARTICLE}\nSource: Example Wire", "Example Wire"),
        (f"{ARTICLE}\nsource:  The Daily Example.", "The Daily Example"),
        (ARTICLE, None),
        (f"Source: a long explanation of where the numbers came from, with {ARTICLE}", None),
    ],
)
def test_extract_source_line(text: str, outlet: str | None) -> None:
    assert extract_source_line(text) == outlet


def test_header_lines() -> None:
    page = f"• Tuesday, 14 March 2023\nlogo\n\n{TITLE}\n14-03-2023\n{ARTICLE}"
    assert header_lines(page) == ["• Tuesday, 14 March 2023", "logo", TITLE, "14-03-2023"]
    assert header_lines(ARTICLE) == []


def test_crlf_nbsp_and_bom() -> None:
    page = "\ufeff" + "\r\n".join(BODY).replace(" ", "\u00a0", 3)
    assert clean_text(page)[0].split("\n\n") == BODY


def test_empty_text() -> None:
    assert clean_text("") == ("", [])
    assert clean_text("logo\nTop\n")[0] == ""


# ------------------------------------------------------------------------- real seeds


def _seed_files() -> list[Path]:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not found")
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip(f"no seeds in {SEEDS}")
    return files


def _squash(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split())


_SECTION_END = re.compile(r"^(comments|the latest|latest news|related)$", re.I)


def _article_prose(raw: str) -> list[str]:
    """Sentences (8+ words, sentence end) before any comment or teaser section, URLs cut."""
    out = []
    for line in raw.splitlines():
        sq = _squash(line)
        if _SECTION_END.match(sq):
            break
        sq = re.sub(r"\s+https?://\S+$", "", sq)
        if len(sq.split()) >= 8 and sq.endswith((".", "!", "?", '"', "”", "’")):
            out.append(sq)
    return out


def test_seeds_every_prose_line_survives_exactly_once() -> None:
    for path in _seed_files():
        raw = path.read_text("utf-8")
        text = clean_text(raw)[0]
        paragraphs = text.split("\n\n")
        prose = _article_prose(raw)
        assert prose, path.name
        for line in prose:
            assert paragraphs.count(line) == 1, (path.name, line[:60])


def test_seed_teaser_of_other_article_removed() -> None:
    for path in _seed_files():
        lines = [_squash(x) for x in path.read_text("utf-8").splitlines()]
        heads = [i for i, x in enumerate(lines) if x in ("The Latest", "Latest News")]
        if not heads:
            continue
        text = clean_text(path.read_text("utf-8"))[0]
        for teaser in filter(None, lines[heads[-1] :]):
            assert teaser not in text, (path.name, teaser[:60])


def test_seed_duplicate_body_once_and_header_removed() -> None:
    for path in _seed_files():
        raw = path.read_text("utf-8")
        text, stripped = clean_text(raw)
        first = _squash(raw.splitlines()[0])
        if re.match(r"^•", first):  # a scrape-date header line
            assert first not in text and first in stripped
        for para in text.split("\n\n"):
            assert text.count(para) == 1, (path.name, para[:60])
        assert "moderates all comments" not in text


def test_seed_metadata() -> None:
    found = {p.name: clean(p.read_text("utf-8")) for p in _seed_files()}
    titled = [c for c in found.values() if c.title]
    assert titled, "some seed has a headline"
    for c in titled:
        assert c.title not in c.text


def test_date_line_inside_body_is_kept_as_section_marker() -> None:
    page = f"{TITLE}\n14-03-2023\n{BODY[0]}\n\n15 March 2023\n{BODY[1]}\n16 March 2023 | 45 views"
    text, stripped = clean_text(page)
    assert text.split("\n\n") == [BODY[0], "15 March 2023", BODY[1]]
    assert stripped == [TITLE, "14-03-2023", "16 March 2023 | 45 views"]


@pytest.mark.parametrize("link", ["Read more: Floods cut off the mountain road to the valley",
                                  "RELATED: Ceasefire talks stall for a third week",
                                  "See also » Aid convoy reaches the besieged town",
                                  "Most read: 1. Storm hits the coast 2. Markets slide"])
def test_read_more_link_lines_removed(link: str) -> None:
    text, stripped = clean_text("\n".join([BODY[0], link, BODY[1]]))
    assert text.split("\n\n") == [BODY[0], BODY[1]] and stripped == [link]


def test_menu_runs_removed_short_lists_kept() -> None:
    menu = ["World", "Politics", "Business", "Sport", "Culture", "Weather"]
    page = "\n".join([BODY[0], *menu, BODY[1], "Aid deliveries", "Next steps", BODY[2]])
    text, stripped = clean_text(page)
    assert text.split("\n\n") == [BODY[0], BODY[1], "Aid deliveries", "Next steps", BODY[2]]
    assert stripped == menu


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([*BODY, "logo", "Top", "", "Related", "Comments", "A+ A-",
                                 "Sara Ahmed", "14-03-2023", TITLE, "Source: Example Wire"]),
                max_size=14),
       st.text(max_size=200))
def test_clean_never_raises_and_never_invents(lines: list[str], noise: str) -> None:
    text, stripped = clean_text("\n".join([*lines, noise]))
    source = " ".join("\n".join([*lines, noise]).split())
    for para in text.split("\n\n"):
        assert " ".join(para.split()) in source or not para


def test_related_heading_before_last_paragraph_keeps_it() -> None:
    page = "\n".join([BODY[0], BODY[1], BODY[2], "Related", BODY[3]])
    assert clean_text(page)[0].split("\n\n") == BODY


def test_arrow_links_after_a_bio_are_teasers() -> None:
    # "About the author" opens the page's end; the arrowed links under it are other stories
    tail = ("ABOUT THE AUTHOR\n\nJo Rami covers Iraq for the paper. She is based in Erbil.\n\n"
            "▸ Traders return to the old market as the bridge reopens (12 March 2023)\n\n"
            "▸ Families reunite after months of detours across the river (2 March 2023)\n\n"
            "POPULAR THIS WEEK\n\n1. Oil prices climb\n\n2. A new airport opens")
    assert clean(f"{TITLE}\n\n{ARTICLE}\n\n{tail}").text.split("\n\n") == BODY
