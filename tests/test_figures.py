"""Figures: numbers with what they count, qualified and normalized (own sentences + seeds)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.annotate.figures import figures_lexicon, parse_number
from sitrep.model import Document, content_id
from sitrep.pipeline import default_stages, sentences_of

PUB = date(2023, 6, 1)


@pytest.mark.parametrize("text,value", [
    ("2,500", 2500.0), ("168", 168.0), ("1.5 million", 1_500_000.0), ("two", 2.0),
    ("twenty five", 25.0), ("45th", None), ("several", None),
])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_owner_aliases_meet() -> None:
    owners = figures_lexicon()["owners"]
    assert {owners[k] for k in ("us", "u.s.", "american", "united states")} == {"US"}


def _figures(nlp, text: str, pub: date = PUB):
    doc = Document(id=content_id(text), source="test", text=text, published=pub)
    sdoc = nlp(text)
    doc.sentences = sentences_of(sdoc)
    for stage in default_stages():
        stage(doc, sdoc)
    return doc.figures


def _one(nlp, text: str, unit: str | None = None):
    figs = [f for f in _figures(nlp, text) if unit is None or f.unit == unit]
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.slow
@pytest.mark.parametrize("text,value,unit,measure,qualifier,subject", [
    ("There are about 4,000 French troops in Mali.", 4000, "troops", "count", "about",
     "French troops in Mali"),
    ("There are about 9,000 French troops in France.", 9000, "troops", "count", "about",
     "French troops"),  # at home
    ("At least 12 soldiers were wounded in an ambush near Gao.", 12, "troops", "injured",
     "at least", None),
    ("More than 300 civilians were killed in Khartoum.", 300, "people", "killed", "over",
     "people killed in Khartoum"),
    ("Up to 50 militants were arrested in the raid.", 50, "militants", "arrested", "up to",
     None),
    ("Nearly 900 U.S. forces remain in Syria.", 900, "troops", "count", "under",
     "US troops in Syria"),
    ("The alliance comprises 31 countries.", 31, "members", "members", None,
     "members of alliance"),
    ("The country shares a 1,200-kilometer border with Sudan.", 1200, "km", "length", None,
     "border with Sudan"),
    # a tally told by its noun
    ("The death toll from the earthquake in Nepal rose to 120.", 120, "people", "killed", None,
     "people killed in Nepal"),
    ("The number of injured has risen to more than 150.", 150, "people", "injured", "over",
     None),
])
def test_figure(nlp, text, value, unit, measure, qualifier, subject) -> None:
    figs = _figures(nlp, text)
    assert len(figs) == 1, figs
    fig = figs[0]
    assert (fig.value, fig.unit, fig.measure, fig.qualifier) == (value, unit, measure,
                                                                 qualifier)
    if subject:
        assert fig.subject == subject
    assert fig.evidence.text == text
    assert fig.text in text


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The 3rd Brigade was formed in 2019.",
    "The 45-year-old commander was replaced.",
    "Turnout was 45 percent on 12 May.",
    "Hundreds of soldiers fled across the border.",
    "Tens of thousands of people marched.",
    "The number of flights rose to 120.",
    "The group said one of its fighters had carried out the attack.",
    "Rebel forces had pushed to within 200 km of the capital.",
])
def test_not_a_figure(nlp, text: str) -> None:
    assert _figures(nlp, text) == []


@pytest.mark.slow
def test_same_quantity_meets_across_wordings(nlp) -> None:
    a = _figures(nlp, "The United States has around 900 troops in Syria.")
    b = _figures(nlp, "About 900 American soldiers are deployed in Syria.")
    assert [f.subject for f in a] == [f.subject for f in b] == ["US troops in Syria"]


@pytest.mark.slow
def test_votes_and_membership(nlp) -> None:
    figs = _figures(nlp, "Some 250 of the Kenyan 349-member assembly voted to impeach him.")
    by_unit = {f.unit: f for f in figs}
    assert by_unit["votes"].value == 250 and by_unit["votes"].measure == "voted"
    assert by_unit["members"].value == 349
    assert by_unit["members"].subject == "members of Kenyan assembly"


@pytest.mark.slow
def test_back_reference_takes_earlier_subject(nlp) -> None:
    figs = _figures(nlp, "There are 3,000 foreign soldiers in Niger, 1,100 of them Americans.")
    assert [(f.value, f.subject) for f in figs] == [
        (3000, "foreign troops in Niger"), (1100, "US troops in Niger")]


@pytest.mark.slow
@pytest.mark.parametrize("text,unit,measure,subject", [
    # stock counts vs moves: a present passive is a stock, an active or future verb a move
    ("About 1,200 German troops are stationed in Mali.", "troops", "count",
     "German troops in Mali"),
    ("Roughly 700 Danish soldiers are deployed in Kosovo.", "troops", "count",
     "Danish troops in Kosovo"),
    ("Berlin deployed an additional 600 troops to Mali.", "troops", "deployed", None),
    ("Berlin will deploy an additional 600 troops to Mali.", "troops", "pledged", None),
    # casualties name their measure, so they never join the stock count's series
    ("Five Canadian soldiers were injured in Kandahar on Tuesday.", "troops", "injured",
     "Canadian troops injured in Kandahar"),
    ("An airstrike near Goma killed 12 rebel fighters.", "militants", "killed", None),
    ("Local officials put the death toll at 40 fighters.", "militants", "killed", None),
    ("Two members of the Malian security forces were wounded.", "troops", "injured",
     "Malian troops injured"),
    ("Gunmen kidnapped 30 villagers in Zamfara.", "people", "abducted",
     "people abducted in Zamfara"),
    # munitions count one attack: named by the target, so two attacks do not conflict
    ("More than 30 rockets struck the airbase overnight.", "rockets", "fired",
     "rockets fired at airbase"),
    ("Militants fired 12 rockets at the airport on Monday.", "rockets", "fired",
     "rockets fired at airport"),
    # a state names its measure; a side names whose the dead are
    ("Around 60,000 residents of border towns remain displaced.", "people", "displaced",
     None),
    ("About 40 soldiers have been killed on the Ruritanian side.", "troops", "killed",
     "Ruritanian troops killed"),
    # a day is no target, and a named target is not repeated as the place
    ("Four rockets fell inside the Green Zone on Saturday.", "rockets", "fired",
     "rockets fired at Green Zone"),
    # more people counted, and orders that move troops
    ("The drone strike killed three journalists from state television.", "people", "killed",
     None),
    ("Britain dispatched 200 marines to Estonia.", "troops", "deployed",
     "UK troops deployed in Estonia"),
    ("The Pentagon ordered about 3,500 paratroopers to Kuwait.", "troops", "deployed",
     "troops deployed in Kuwait"),
    # a participle's toll is where the deed it follows took place
    ("Gunmen attacked Ruritania, killing about 1,200 people.", "people", "killed",
     "people killed in Ruritania"),
    # a deed noun counts its victims after "of"
    ("Officials reported the massacre of 40 civilians in Mopti.", "people", "killed",
     "people killed in Mopti"),
    ("Officials found the bodies of 410 civilians in Bucha.", "people", "killed", None),
    # a people counted in the plural; hostages taken or freed
    ("More than 46,000 Palestinians have been killed in Gaza.", "people", "killed",
     "Palestinian people killed in Gaza"),
    ("The gunmen attacked the town, taking 251 hostages.", "hostages", "abducted", None),
    ("The militants freed three hostages on Sunday.", "hostages", "released", None),
    # "where" puts a relative clause's deed at the place it describes
    ("He was buried in Kerman, where a stampede killed more than 50 mourners.", "people",
     "killed", "people killed in Kerman"),
    # the missing and the evacuated are counted as such
    ("More than 100 people were still missing in Ruritania.", "people", "missing", None),
    ("More than 100,000 people have been flown out of Ruritania.", "people", "evacuated",
     None),
    ("The army has evacuated 2,000 residents of the town.", "people", "evacuated", None),
    ("The prison held roughly 4,000 inmates.", "prisoners", "count", None),
    ("The dead included 13 South Africans.", "people", "count", "South African people"),
])
def test_measure_and_subject(nlp, text, unit, measure, subject) -> None:
    fig = _one(nlp, text)
    assert (fig.unit, fig.measure) == (unit, measure)
    if measure not in ("count", "members"):
        assert measure in fig.subject
    if subject:
        assert fig.subject == subject


@pytest.mark.slow
@pytest.mark.parametrize("text,value,qualifier", [
    ("About 210 lawmakers backed the motion.", 210, "about"),
    ("Some 230 MPs supported the bill to suspend the treaty.", 230, "about"),
    ("The bill passed with the votes of 196 of the chamber's 450 members.", 196, None),
    ("Exactly 201 members of the Ruritanian parliament voted for the budget.", 201, None),
    ("On March 3, 2021, 140 lawmakers voted to dissolve the government.", 140, None),
])
def test_votes_share_one_subject(nlp, text, value, qualifier) -> None:
    fig = _one(nlp, text, "votes")
    assert (fig.value, fig.measure, fig.qualifier) == (value, "voted", qualifier)
    assert fig.subject in ("votes in parliament", "votes in Ruritanian parliament")


@pytest.mark.slow
def test_chamber_size_is_not_a_vote(nlp) -> None:
    figs = _figures(nlp, "The bill passed with the votes of 196 of the chamber's 450 members.")
    size = [f for f in figs if f.unit == "members"]
    assert [(f.value, f.measure, f.subject) for f in size] == [
        (450, "members", "members of parliament")]
    seat = _one(nlp, "The opposition holds a third of the 300-seat parliament.")
    assert (seat.value, seat.measure, seat.subject) == (300, "members", "members of parliament")


@pytest.mark.slow
@pytest.mark.parametrize("text,value", [
    ("The dispute dates back to May 2019, when 120 lawmakers backed a motion.", "2019-05"),
    ("On March 3, 2021, 140 lawmakers voted to dissolve the government.", "2021-03-03"),
    ("About 90 lawmakers backed the resolution.", PUB.isoformat()),  # undated: publication
])
def test_vote_takes_the_vote_date(nlp, text, value) -> None:
    assert _one(nlp, text, "votes").date.value == value


@pytest.mark.slow
@pytest.mark.parametrize("text,subject,value", [
    ("About 2,000 Italian troops are currently stationed in Lebanon.",
     "Italian troops in Lebanon", PUB.isoformat()),  # "currently": as of publication
    ("In January 2022, there were 3,000 French troops in Mali.", "French troops in Mali",
     "2022-01"),
    ("The United States said it will deploy an additional 3,000 troops to Poland.",
     "US troops pledged in Poland", PUB.isoformat()),
    # a count since a date is a count to date
    ("Fifty-nine Belgian soldiers have died in Mali since 2013.", "Belgian troops killed in Mali",
     PUB.isoformat()),
    ("Over 90 Dutch soldiers have died in Mali since the 2013 intervention.",
     "Dutch troops killed in Mali", PUB.isoformat()),
    # the date of the figure it is compared with is not its own
    ("About 7.1 million Ruritanians need aid, up from 5.9 million a year ago.",
     "Ruritanian people", PUB.isoformat()),
])
def test_as_of_date(nlp, text, subject, value) -> None:
    fig = _one(nlp, text)
    assert (fig.subject, fig.date.value) == (subject, value)


@pytest.mark.slow
@pytest.mark.parametrize("text,value,qualifier", [
    ("The alliance comprises 31 countries.", 31, None),
    ("The alliance was founded in 1949 and has grown to 32 members.", 32, None),
    ("The alliance, which was founded in 1949, now counts more than 30 members.", 30, "over"),
    ("Consisting of 29 nations, the alliance's mission is collective defence.", 29, None),
    ("The alliance was founded in 1949. It now has 32 members, including Finland.", 32, None),
])
def test_group_membership_meets(nlp, text, value, qualifier) -> None:
    fig = _one(nlp, text)
    assert (fig.value, fig.unit, fig.measure, fig.qualifier, fig.subject) == (
        value, "members", "members", qualifier, "members of alliance")


@pytest.mark.slow
@pytest.mark.parametrize("text,measure", [
    ("About 50 soldiers killed 12 militants.", "count"),  # the doers are no victims
    ("Some 1,200 troops took refuge at a UN base.", "count"),
    ("Some 300 police arrested the suspects.", "count"),
    ("At least 40 soldiers died.", "killed"),  # no object: they are the ones it befell
    ("About 300 residents fled.", "fled"),
    ("More than 2,000 refugees crossed the border into Chad.", "crossed"),
    ("Air defences shot down 74 drones over the capital.", "intercepted"),
    ("Twelve missiles were intercepted.", "intercepted"),
    # promised troops are not there yet
    ("Germany has pledged 500 troops for the mission.", "pledged"),
    ("Britain will deploy 200 soldiers to Estonia.", "pledged"),
    ("France sent 300 troops to Romania.", "deployed"),
])
def test_doers_of_a_deed_are_counted_not_its_victims(nlp, text, measure) -> None:
    assert _figures(nlp, text)[0].measure == measure


@pytest.mark.slow
def test_casualties_stay_out_of_the_troop_series(nlp) -> None:
    figs = _figures(nlp, "There are 900 Danish troops in Iraq. Two Danish soldiers were "
                         "wounded in Iraq on Monday.")
    assert [(f.value, f.subject) for f in figs] == [
        (900, "Danish troops in Iraq"), (2, "Danish troops injured in Iraq")]


@pytest.mark.slow
@pytest.mark.parametrize("text,subjects", [
    # the deed's place, told in an apposition the figure does not reach
    ("Most of the fighting is in Syria. Last week a rocket killed two French soldiers at "
     "Outpost 9, a remote base in Mali.", ["French troops killed in Mali"]),
    # "in the raids": the raids told before, on a town in another country than the story's
    ("Turkey said the talks in Turkey would go on. On Sunday Turkish jets carried out raids "
     "on Qamishli. Kurdish officials said 12 civilians were killed and 30 wounded in the "
     "raids.", ["people killed in Qamishli", "people injured in Qamishli"]),
])
def test_figures_take_the_place_of_the_deed(nlp, text, subjects) -> None:
    assert [f.subject for f in _figures(nlp, text)] == subjects


@pytest.mark.slow
@pytest.mark.parametrize("text,subject", [
    # a local counter counts where it is, when the sentence names no place
    ("The war has reached Lebanon. Syria's health ministry said strikes killed 14 people.",
     "people killed in Syria"),
    ("The war has reached Lebanon. Jordanian emergency services said 16 people were hurt.",
     "people injured in Jordan"),
    # a place named inside the counter's name ("the Gaza health ministry", one organisation)
    ("The war has reached Lebanon. Strikes have killed 16 people, according to the Gaza "
     "health ministry.", "people killed in Gaza"),
    ("The war has reached Lebanon. The Syrian Observatory for Human Rights said 14 civilians "
     "were killed.", "people killed in Syria"),
    # a military counts the enemy's dead: no place from it
    ("The war has reached Lebanon. Syria's army said it killed 14 fighters.",
     "militants killed in Lebanon"),
    # where the attack struck, though its toll hangs on a participle
    ("The war has reached Lebanon. Jets struck depots in Homs, killing nine people.",
     "people killed in Homs"),
])
def test_figures_are_placed_where_their_counter_or_deed_is(nlp, text, subject) -> None:
    assert [f.subject for f in _figures(nlp, text)] == [subject]


# --- seeds ----------------------------------------------------------------------------------

SEEDS = {"001": date(2020, 1, 5), "003": date(2025, 3, 10), "004": date(2021, 7, 25)}


def _seed(nlp, seeds_dir: Path, prefix: str):
    (path,) = seeds_dir.glob(f"{prefix}_*.txt")
    return _figures(nlp, path.read_text(encoding="utf-8"), SEEDS[prefix])


@pytest.mark.slow
@pytest.mark.e2e
def test_seed_troop_figures(nlp, seeds_dir: Path) -> None:
    got = {(f.value, f.subject, f.qualifier) for p in SEEDS for f in _seed(nlp, seeds_dir, p)}
    assert (6000, "US troops in Iraq", "about") in got
    assert (2500, "US troops in Iraq", "about") in got
    assert (2500, "US troops in Iraq", None) in got
    assert (3500, "foreign troops in Iraq", None) in got
    assert (400, "UK troops in Iraq", None) in got
    assert any(v == 60 and s.startswith("members of") and q == "over" for v, s, q in got)


@pytest.mark.slow
@pytest.mark.e2e
def test_seed_vote_figures(nlp, seeds_dir: Path) -> None:
    figs = _seed(nlp, seeds_dir, "003")
    votes = [f for f in figs if f.unit == "votes"]
    assert [(f.value, f.subject, f.measure) for f in votes] == [
        (168, "votes in Iraqi parliament", "voted")]
    assert any(f.value == 329 and f.unit == "members" for f in figs)
    assert not any(f.value in (2014, 2026, 45) for f in figs)


def test_lexicon_has_no_yaml_booleans() -> None:
    def leaves(node: object) -> list[object]:
        if isinstance(node, dict):
            return [*node.keys(), *(x for v in node.values() for x in leaves(v))]
        if isinstance(node, list):
            return [x for v in node for x in leaves(v)]
        return [node]

    assert not any(isinstance(x, bool) for x in leaves(figures_lexicon()))


@pytest.mark.slow
def test_a_hyphenated_number_is_written_whole(nlp) -> None:
    fig = _one(nlp, "Fifty-nine Belgian soldiers have died in Mali since 2013.")
    assert (fig.value, fig.text) == (59, "Fifty-nine Belgian soldiers")


@pytest.mark.slow
def test_the_dateline_says_where_the_story_is(nlp) -> None:
    from sitrep.model import RawDocument
    from sitrep.pipeline import annotate, default_stages, prepare

    text = ("SANAA (Example Wire) — The rebels said five of their fighters were killed in "
            "the American and British strikes. Washington said the United States would "
            "strike again. The United States and Britain hit radar sites.")
    doc = annotate(prepare(RawDocument(source="t", text=text, published=PUB)), nlp(text),
                   default_stages())
    assert [f.subject for f in doc.figures] == ["militants killed in Yemen"]


@pytest.mark.slow
def test_a_headline_outweighs_a_dateline_abroad(nlp) -> None:
    from sitrep.model import RawDocument
    from sitrep.pipeline import annotate, default_stages, prepare

    text = ("PRETORIA, Nov 2, 2022 — Ethiopia's government and the rebels agreed on Wednesday "
            "to end a war in the north that has displaced more than 2 million people.")
    raw = RawDocument(source="t", text=text, title="Ethiopia and rebels agree to end war")
    doc = prepare(raw)
    doc = annotate(doc, nlp(doc.text), default_stages())
    assert [f.subject for f in doc.figures] == ["people displaced in Ethiopia"]


@pytest.mark.slow
def test_the_story_country_is_named_as_the_gazetteer_names_it(nlp) -> None:
    from sitrep.model import RawDocument
    from sitrep.pipeline import annotate, default_stages, prepare

    # "the West Bank" and "the Gaza Strip" both lie in one territory: a toll placed by the
    # story's country is not put in the West Bank
    text = ("RAMALLAH (Example Wire) — Prisoners were freed in the West Bank as the truce in the "
            "Gaza Strip held. About 1,200 people were killed in the attack, officials said.")
    doc = annotate(prepare(RawDocument(source="t", text=text, published=PUB)), nlp(text),
                   default_stages())
    assert [f.subject for f in doc.figures] == ["people killed in Palestinian Territory"]


@pytest.mark.slow
def test_a_part_named_by_including_is_a_series_of_its_own(nlp) -> None:
    figures = _figures(nlp, "At least 910 people, including 138 civilians, have been killed "
                            "in Ruritania since the offensive began.")
    assert [(f.value, f.measure, f.subject) for f in figures] == [
        (910, "killed", "people killed in Ruritania"),
        (138, "killed", "civilians killed in Ruritania")]
    figures = _figures(nlp, "The number of people killed in Thursday's bombing has risen to "
                            "183, including 13 American troops, officials said.",
                       pub=date(2023, 6, 3))
    assert [(f.value, f.measure, f.subject, f.date.value) for f in figures] == [
        (183, "killed", "people killed", "2023-06-01"),
        (13, "killed", "US troops killed", "2023-06-01")]


@pytest.mark.slow
def test_an_area_is_no_length(nlp) -> None:
    fig = _one(nlp, "Ukraine's commander said his forces controlled about 1,000 square "
                    "kilometres of Russia's Kursk region.")
    assert (fig.value, fig.unit, fig.measure, fig.qualifier, fig.subject) == (
        1000, "sq km", "area", "about", "area controlled in Kursk region")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "source"), [
    ("A security source put the death toll at about 400.", "security source"),
    ("Pakistan's military said 26 civilians were killed in the strikes.", "Pakistan's military"),
    ("More than 3,800 people have been killed, according to the Lebanese health ministry.",
     "Lebanese health ministry"),
    ("About 1,200 people were killed, officials said.", "officials"),
    ("The head of the local hospital, who asked not to be named, said 12 soldiers died.",
     "head of the local hospital"),
    # a live blog's time stamp is no part of the source
    ("09:15 BST - Ukraine's air force says Russia fired 127 missiles overnight.",
     "Ukraine's air force"),
    # a count the article gives as its own has no source, nor do "estimates"
    ("At its peak, the force counted about 5,100 troops across the Sahel.", None),
    ("Some estimates put the death toll at 150,000.", None),
])
def test_a_figure_names_who_gives_it(nlp, text: str, source: str | None) -> None:
    assert [f.source for f in _figures(nlp, text)] == [source]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "value", "unit", "measure"), [
    # the counted noun is said once, for both numbers
    ("Officials said 26 civilians were killed and 46 wounded in the strikes.", 46, "people",
     "injured"),
    ("Three soldiers were killed and two wounded in the ambush.", 2, "troops", "injured"),
    # a bare number that was killed or fled counts people
    ("At least 40 were killed in the attack.", 40, "people", "killed"),
    ("More than 2.5 million have fled the country.", 2_500_000, "people", "fled"),
])
def test_a_number_without_its_noun_counts_what_the_clause_counts(
        nlp, text: str, value: float, unit: str, measure: str) -> None:
    assert (value, unit, measure) in [(f.value, f.unit, f.measure) for f in _figures(nlp, text)]


@pytest.mark.slow
def test_a_bare_number_of_no_casualty_verb_is_no_figure(nlp) -> None:
    assert _figures(nlp, "The vote was 12 to 3, and 40 abstained.") == []
    assert _figures(nlp, "Officials said no one was hurt.") == []


@pytest.mark.slow
def test_troops_withdrawn_are_counted_where_they_leave(nlp) -> None:
    fig = _one(nlp, "France pulled out 1,500 troops from Niger last year.")
    assert (fig.value, fig.measure, fig.subject) == (1500, "withdrawn", "troops withdrawn in Niger")


@pytest.mark.slow
def test_a_weapon_fired_with_another_is_not_its_target(nlp) -> None:
    figures = _figures(nlp, "Ukraine's air force says Russia fired 127 missiles and 109 drones "
                            "overnight.")
    missiles, drones = (f.subject for f in figures)
    # no target named: fired at the story's country, not at the other weapon
    assert (missiles, drones) == ("missiles fired at Ukraine", "drones fired at Ukraine")


@pytest.mark.slow
def test_countries_a_force_is_spread_across_are_no_members(nlp) -> None:
    figures = _figures(nlp, "The group still has about 6,000 fighters across the two countries.")
    assert [(f.value, f.unit) for f in figures] == [(6000, "militants")]


@pytest.mark.slow
def test_a_pair_of_countries_is_no_tally(nlp) -> None:
    figures = _figures(nlp, "The two countries fought a series of artillery duels in 2008, "
                       "and 12 nations later joined the monitoring mission.")
    assert [(f.value, f.unit) for f in figures] == [(12, "nations")]


@pytest.mark.slow
def test_a_while_clause_tells_only_its_own_figure(nlp) -> None:
    # and officials count their own people who fled
    text = ("More than 138,000 people were evacuated in Thailand, while Cambodian officials "
            "said around 140,000 residents had fled their homes.")
    assert [(f.value, f.source, f.subject) for f in _figures(nlp, text)] == [
        (138000, None, "people evacuated in Thailand"),
        (140000, "Cambodian officials", "people fled in Cambodia")]


@pytest.mark.slow
def test_its_soldiers_are_the_tellers(nlp) -> None:
    # and a country's soldiers are its nationality's: one series with "58 Pakistani troops"
    text = ("Pakistan's military said 23 of its soldiers were killed. The Taliban said 58 "
            "Pakistani troops were killed.")
    subjects = {f.subject for f in _figures(nlp, text)}
    assert len(subjects) == 1 and subjects.pop().startswith("Pakistani troops killed")


@pytest.mark.slow
def test_a_distance_and_its_conversion_are_no_lengths(nlp) -> None:
    figures = _figures(nlp, "Most walked toward Tawila, about 60 km (37 miles) to the west. "
                       "The 2,600-km frontier was closed.")
    assert [(f.value, f.unit, f.subject) for f in figures] == [(2600, "km", "frontier")]


@pytest.mark.slow
def test_fighter_planes_are_aircraft_and_a_told_future_is_pledged(nlp) -> None:
    figures = _figures(nlp, "The ministry said it would send 10 F-35 stealth fighters to the "
                       "island. About 200 fighters attacked the town.")
    assert [(f.value, f.unit, f.measure) for f in figures] == [
        (10, "aircraft", "pledged"), (200, "militants", "count")]


@pytest.mark.slow
def test_the_whole_of_a_partitive_is_no_toll_and_army_officers_are_troops(nlp) -> None:
    figures = _figures(nlp, "Of the 67 people on board, 38 were killed. A strike on the "
                       "consulate killed seven Revolutionary Guards officers.")
    assert [(f.value, f.measure, f.unit) for f in figures] == [
        (67, "count", "people"), (38, "killed", "people"), (7, "killed", "troops")]


@pytest.mark.slow
def test_a_toll_parsed_as_what_was_said_is_still_a_toll(nlp) -> None:
    figures = _figures(nlp, "The monitor said more than 900 people, among them at least 130 "
                       "civilians, had been killed since the offensive began.")
    assert [(f.value, f.measure) for f in figures] == [(900, "killed"), (130, "killed")]


# --- session 15: counts in a border clash, an offensive and a siege -----------------------


@pytest.mark.slow
@pytest.mark.parametrize(("text", "value", "measure"), [
    # "reported 22 of its fighters killed": the participle on the object is the measure
    ("The SDF itself reported 22 of its fighters killed and said dozens of civilians had been "
     "wounded in air strikes.", 22, "killed"),
    # those who succumbed to their wounds, or whom a side lost, were killed
    ("Six soldiers succumbed to their wounds on Tuesday.", 6, "killed"),
    ("The army lost 300 soldiers in the battle.", 300, "killed"),
    # driven from their homes: displaced
    ("More than 350,000 residents have been forced from their homes.", 350000, "displaced"),
    # refugees sent someone's way are not deployed; tanks lost are not killed
    ("We will open the gates and send 3.6 million refugees your way, Erdogan said.", 3600000,
     "count"),
    ("The rebels lost 30 tanks in the battle.", 30, "count"),
])
def test_measures_of_session_15(nlp, text: str, value: int, measure: str) -> None:
    (fig,) = [f for f in _figures(nlp, text) if f.value == value]
    assert fig.measure == measure


@pytest.mark.slow
def test_no_figure_for_the_two_just_named_nor_a_conversion(nlp) -> None:
    assert not _figures(nlp, "Military officials said the two were killed in an assault.")
    # a length and its conversion in brackets: one length
    figs = _figures(nlp, "India and China share a 3,488-km (2,167-mile) frontier.")
    assert [(f.value, f.unit) for f in figs] == [(3488, "km")]


@pytest.mark.slow
def test_a_century_on_a_noun_dates_no_count(nlp) -> None:
    figs = _figures(nlp, "About 30 masked men withdrew to the Banjska monastery, a 14th-century "
                    "Serbian Orthodox site.")
    assert figs and all(f.date.value == PUB.isoformat() for f in figs)


@pytest.mark.slow
def test_a_counter_counts_where_it_is_named_for_not_where_it_sits(nlp) -> None:
    (fig,) = _figures(nlp, "The Britain-based Syrian Observatory for Human Rights said on "
                      "Saturday that more than 630 civilians had been killed.")
    assert fig.subject == "people killed in Syria"
    (fig,) = _figures(nlp, "The Gaza-based health ministry said on Saturday that 40 people "
                      "were killed.")
    assert fig.subject == "people killed in Gaza"


@pytest.mark.slow
def test_a_capital_that_deploys_is_its_country(nlp) -> None:
    (fig,) = _figures(nlp, "Moscow will deploy about 2,000 peacekeepers for at least five years.")
    assert fig.subject.startswith("Russian troops")
    (fig,) = _figures(nlp, "Washington sent 3,000 troops to Kabul on Monday.")
    assert fig.subject.startswith("US troops")


@pytest.mark.slow
def test_a_country_heading_places_the_figures_under_it(nlp) -> None:
    text = ("** Gaza\n\nThe Ministry of Health in Gaza says more than 9,200 people have been "
            "killed in Gaza. In Israel, authorities say about 1,400 people were killed in the "
            "attacks.\n\n** Sudan\n\nNearly 6 million people have been forced from their homes "
            "since April.\n\n** Questions and answers\n\nAbout 200 journalists attended.")
    subjects = {f.value: f.subject for f in _figures(nlp, text)}
    # local authorities who tell where they are count there; a heading naming a country
    # opens its section, and any other heading closes it
    assert subjects[1400] == "people killed in Israel"
    assert subjects[6000000] == "people displaced in Sudan"
    assert "Sudan" not in subjects[200]


@pytest.mark.slow
def test_each_brief_of_a_roundup_counts_where_its_dateline_is(nlp) -> None:
    text = ("KHARTOUM - More than 6 million people have been forced from their homes since "
            "April, the United Nations said on Monday.\n\nISLAMABAD - More than 300,000 "
            "Afghans have crossed the border since the deadline passed, UN agencies said.")
    subjects = {f.value: f.subject for f in _figures(nlp, text)}
    assert subjects[6000000].endswith("in Sudan") and subjects[300000].endswith("in Pakistan")
    # one dateline is the story's: it places nothing on its own
    (fig,) = _figures(nlp, "WASHINGTON - More than 300,000 Afghans have crossed into Pakistan "
                      "since the deadline passed, UN agencies said.")
    assert fig.subject.endswith("in Pakistan")
