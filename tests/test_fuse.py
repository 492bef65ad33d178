"""Event fusion: the same event from several outlets becomes one; different events stay apart."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.fuse.events import _agents_conflict, assign_event_ids, cluster_document, similarity
from sitrep.model import (
    ActorRole,
    Document,
    Event,
    EventStatus,
    Evidence,
    FusedEvent,
    Place,
    Precision,
    TimeSpan,
)


def day(y: int, m: int, d: int) -> TimeSpan:
    x = date(y, m, d)
    return TimeSpan(x.isoformat(), x, x, Precision.DAY)


def before(y: int, m: int, d: int) -> TimeSpan:
    return TimeSpan(None, date(1900, 1, 1), date(y, m, d), Precision.RANGE, unresolved=True)


def event(doc: str, text: str, type_: str = "ASSAULT", when: TimeSpan | None = None,
          agent: str | None = "us", recipient: str | None = "person:ali-hassan",
          place: str | None = None, summary: str | None = None) -> Event:
    actors = []
    if agent:
        actors.append(ActorRole(agent, agent, "agent"))
    if recipient:
        actors.append(ActorRole(recipient, recipient, "recipient"))
    return Event(
        type=type_, trigger="strike", summary=summary or text[:60],
        evidence=Evidence(doc, 0, text, 0, len(text)),
        date=when or day(2021, 3, 4), actors=actors,
        location=Place(place) if place else None,
    )


A = "A drone strike by US forces killed militia commander Ali Hassan near the airport in Basra."
B = "Ali Hassan, a militia leader, died when an American drone hit his convoy outside Basra."


def test_same_event_from_two_outlets_is_similar() -> None:
    a = event("d1", A, place="Basra")
    b = event("d2", B, place="Basra")
    assert similarity(a, b) >= 0.5


@pytest.mark.parametrize("other", [
    # a different day: a second strike, not the same one
    dict(when=day(2021, 3, 9)),
    # a different PLOVER family
    dict(type_="CONSULT"),
])
def test_different_events_stay_apart(other: dict) -> None:
    a = event("d1", A, place="Basra")
    b = event("d2", B, place="Basra", **other)
    assert similarity(a, b) == 0.0


def test_unresolved_date_needs_shared_actors() -> None:
    a = event("d1", A)
    recap = event("d2", "Months ago the United States killed Ali Hassan.", when=before(2021, 9, 1))
    stranger = event("d3", "Months ago the United States struck a depot.", when=before(2021, 9, 1),
                     recipient="org:depot")
    assert similarity(a, recap) >= 0.5
    assert similarity(a, stranger) == 0.0


def test_negated_mention_does_not_fuse_with_affirmed() -> None:
    a = event("d1", A)
    b = event("d2", B)
    b.negated = True
    assert similarity(a, b) == 0.0


def test_cluster_document_groups_repeated_mentions() -> None:
    events = [event("d1", A), event("d1", B), event("d1", A, type_="CONSULT", recipient="x")]
    clusters = cluster_document(events)
    assert sorted(map(sorted, clusters)) == [[0, 1], [2]]


def test_one_articles_two_happenings_of_a_day_need_more_than_type_and_date() -> None:
    death = event("d1", "On Thursday a colonel died of wounds from a December battle.",
                  agent=None, recipient="person:colonel", when=day(2020, 1, 16))
    death.trigger = death.lemma = "die"
    resumed = event("d1", "On Thursday the army resumed its operations against the group.",
                    agent="org:army", recipient="org:group", when=day(2020, 1, 16))
    resumed.trigger = resumed.lemma = "resume"
    assert similarity(death, resumed) >= 0.42  # the document bar alone would join them
    assert sorted(map(sorted, cluster_document([death, resumed]))) == [[0], [1]]


def test_a_truce_and_a_ceasefire_of_one_day_are_one_happening() -> None:
    truce = event("d1", "The truce came into force at 11:15 local time.", type_="RETREAT",
                  agent=None, recipient=None, when=day(2025, 1, 19))
    truce.trigger = truce.lemma = "truce"
    ceasefire = event("d1", "The ceasefire between Israel and Hamas began.", type_="RETREAT",
                      agent=None, recipient=None, when=day(2025, 1, 19))
    ceasefire.trigger = ceasefire.lemma = "ceasefire"
    assert sorted(map(sorted, cluster_document([truce, ceasefire]))) == [[0, 1]]


class FakeStore:
    def __init__(self, fused: list[FusedEvent]) -> None:
        self.fused = fused
        self.asked: list[tuple] = []

    def event_candidates(self, *, types, earliest, latest, known=None):  # noqa: ANN001
        self.asked.append((frozenset(types), earliest, latest))
        return [f for f in self.fused if f.type in types]

    # An empty story index: every document is a story of its own.
    def term_frequencies(self, terms):  # noqa: ANN001
        return 0, {}

    def articles_sharing(self, terms, *, limit):  # noqa: ANN001
        return {}

    def stories_of(self, doc_ids):  # noqa: ANN001
        return {d: d for d in doc_ids}

    def story_sizes(self, stories):  # noqa: ANN001
        return dict.fromkeys(stories, 1)


def test_assign_event_ids_joins_stored_event_or_creates_new() -> None:
    stored = event("d1", A, place="Basra")
    stored.id = "ev-known"
    fused = FusedEvent("ev-known", "ASSAULT", stored.summary, stored.date, mentions=[stored])
    doc = Document(id="d2", source="x.txt", text=B + " Talks were held in Oman.")
    doc.events = [event("d2", B, place="Basra"),
                  event("d2", "Talks were held in Oman.", type_="CONSULT", recipient="oman")]
    store = FakeStore([fused])
    assign_event_ids(doc, store)
    assert doc.events[0].id == "ev-known"
    assert doc.events[1].id and doc.events[1].id != "ev-known"
    assert ("ASSAULT" in store.asked[0][0]) and store.asked[0][1] == date(2021, 3, 4)


def test_a_report_matching_two_stored_events_merges_them() -> None:
    first = event("d1", A, place="Basra")
    first.id = "ev-1"
    second = event("d2", B, place="Basra")
    second.id = "ev-2"
    store = FakeStore([
        FusedEvent("ev-1", "ASSAULT", first.summary, first.date, mentions=[first]),
        FusedEvent("ev-2", "ASSAULT", second.summary, second.date, mentions=[second]),
    ])
    doc = Document(id="d3", source="c.txt", text=A)
    doc.events = [event("d3", A, place="Basra")]
    merges = assign_event_ids(doc, store)
    kept = doc.events[0].id
    assert kept in {"ev-1", "ev-2"}
    assert merges == {kept: {"ev-1", "ev-2"} - {kept}}


def test_different_named_agents_keep_same_day_attacks_apart() -> None:
    ours = event("d1", A, agent="gpe:us", place="Basra")
    theirs = event("d2", "Iran fired missiles at a base near Basra to avenge Ali Hassan.",
                   agent="gpe:iran", recipient="fac:base", place="Basra")
    assert similarity(ours, theirs) < similarity(ours, event("d3", B, place="Basra"))
    assert similarity(ours, theirs) < 0.5


def test_a_vague_report_does_not_merge_events_of_different_days() -> None:
    """A report "on or before publication" may match two strikes; days apart, they stay two."""
    first = event("d1", A, place="Basra")
    first.id = "ev-1"
    later = event("d2", A, place="Basra", when=day(2021, 3, 9))
    later.id = "ev-2"
    store = FakeStore([
        FusedEvent("ev-1", "ASSAULT", first.summary, first.date, mentions=[first]),
        FusedEvent("ev-2", "ASSAULT", later.summary, later.date, mentions=[later]),
    ])
    doc = Document(id="d3", source="c.txt", text=A)
    doc.events = [event("d3", A, place="Basra", when=before(2021, 3, 10))]
    assert assign_event_ids(doc, store) == {}
    assert doc.events[0].id in {"ev-1", "ev-2"}


def _said(text: str, trigger: str, when: TimeSpan | None = None,
          agent: str | None = None) -> Event:
    e = event("d1", text, when=when or before(2021, 3, 10), agent=agent, recipient=None)
    e.trigger, e.lemma = trigger, trigger.lower()
    return e


@pytest.mark.parametrize(("text", "trigger", "definite"), [
    ("The attack left the town without power.", "attack", True),
    ("Officials said Friday's attack was planned abroad.", "attack", True),
    ("Residents fled after this latest attack on the market.", "attack", True),
    ("Gunmen launched another attack on the market.", "attack", False),
    ("A new attack hit the market.", "attack", False),
    ("Militants attack the market every week.", "attack", False),
    ("Most of the missiles struck the air base.", "struck", False),  # subject and verb
])
def test_definite_event_mentions(text: str, trigger: str, definite: bool) -> None:
    from sitrep.fuse.events import _definite

    assert _definite(_said(text, trigger)) is definite


def test_a_definite_mention_joins_the_event_it_refers_back_to() -> None:
    first = _said("Gunmen stormed a checkpoint at dawn in an attack on the army.", "attack",
                  day(2021, 3, 4))
    other = _said("Officials met on Monday to discuss the budget.", "meet", day(2021, 3, 8))
    again = _said("The attack left four soldiers dead.", "attack")
    assert cluster_document([first, other, again]) == [[0, 2], [1]]
    # two attacks on different days: "the attack" could be either
    second = _said("An attack on a convoy followed on Sunday.", "attack", day(2021, 3, 7))
    clusters = cluster_document([first, second, again])
    assert [2] in clusters
    # "another attack" is a new one
    fresh = _said("Gunmen launched another attack later.", "attack")
    assert cluster_document([first, fresh]) == [[0], [1]]


def test_a_hypothetical_mention_never_fuses_with_a_happening() -> None:
    a, b = event("d1", A), event("d2", B)
    b.status = EventStatus.HYPOTHETICAL  # "would hit them if ..."
    assert similarity(a, b) == 0.0
    c = event("d1", B)
    c.status = EventStatus.HYPOTHETICAL
    assert cluster_document([a, c]) == [[0], [1]]


def test_a_repeated_trigger_joins_unless_whom_it_befell_differs() -> None:
    def killed(text: str, whom: str | None) -> Event:
        e = event("d1", text, when=before(2021, 3, 10), agent=None, recipient=whom)
        e.trigger, e.lemma = "killed", "kill"
        return e

    general = killed("A US drone strike killed the general near the airport.", "person:general")
    again = killed("Officials said he was killed instantly.", None)
    jordan = killed("A drone attack killed three soldiers in Jordan.", "text:three soldiers")
    assert cluster_document([general, again]) == [[0, 1]]
    assert cluster_document([general, jordan]) == [[0], [1]]


@pytest.mark.parametrize(("text", "trigger", "tally"), [
    ("The fighting has killed more than 550 people.", "killed", True),
    ("The war has so far displaced millions.", "displaced", True),
    ("The attack killed two guards.", "killed", False),
    ("The army has killed two gunmen.", "killed", False),
])
def test_running_tolls(text: str, trigger: str, tally: bool) -> None:
    from sitrep.fuse.events import _tally

    assert _tally(_said(text, trigger)) is tally
    # a long subject: the agent says it is a happening
    war = _said("The war between the army and the RSF has killed thousands.", "killed",
                agent="war")
    assert _tally(war)


def test_a_running_toll_does_not_join_one_killing_by_its_trigger() -> None:
    staff = _said("Three aid workers were killed in North Darfur on Saturday.", "killed",
                  day(2023, 4, 15))
    toll = _said("The fighting has killed more than 550 people.", "killed",
                 before(2023, 4, 20))
    other = _said("Two aid workers were killed near the border.", "killed", before(2023, 4, 20))
    assert similarity(staff, other, story=0.4, unambiguous=True) >= 0.5
    assert similarity(staff, toll, story=0.4, unambiguous=True) < 0.5


def test_a_bare_generic_victim_is_no_shared_actor() -> None:
    toll = event("d1", "The war has killed tens of thousands of people.", when=before(2025, 5, 5),
                 agent=None, recipient=None)
    strike = event("d2", "The number of people killed on Monday rose to 33.", agent=None,
                   recipient=None)
    for e in (toll, strike):
        e.actors = [ActorRole(None, "people", "recipient")]
    assert similarity(toll, strike) < 0.5


@pytest.mark.parametrize(("a", "b", "same"), [
    ("lawmakers", "Iraq's 329-member parliament", True),
    ("MPs", "the parliament", True),
    ("foreign forces", "foreign troops", True),
    ("lawmakers", "the government", False),
    ("foreign forces", "Iraqi troops", False),
])
def test_descriptions_of_one_body_meet(a: str, b: str, same: bool) -> None:
    from sitrep.fuse.events import _actor_key

    assert (_actor_key(a, None) == _actor_key(b, None)) is same


def test_an_unresolved_description_meets_the_entity_with_its_head_word() -> None:
    from sitrep.fuse.events import _actor_score

    text = "The coalition ended its combat mission in Iraq."
    resolved = event("d1", text, "RETREAT", agent=None, recipient=None)
    resolved.actors = [ActorRole("org:coalition", "Coalition", "agent")]
    described = event("d2", text, "RETREAT", agent=None, recipient=None)
    described.actors = [ActorRole(None, "the international coalition", "agent")]
    assert _actor_score(resolved, described) == _actor_score(described, resolved) == 1.0
    other = event("d3", text, "RETREAT", agent=None, recipient=None)
    other.actors = [ActorRole(None, "the national army", "agent")]
    assert _actor_score(resolved, other) == 0.0


def test_a_bodys_members_stand_for_the_body() -> None:
    from sitrep.fuse.events import _actor_score

    text = "Airstrikes hit the militia on Sunday."
    strike = event("d1", text, agent="gpe:us", recipient="org:kataib-hezbollah")
    killed = event("d2", "Kataib Hezbollah members were killed in Sunday's raids.",
                   agent=None, recipient=None)
    killed.actors = [ActorRole(None, "Kataib Hezbollah members", "recipient")]
    unnamed = event("d3", "Militia members were killed.", agent=None, recipient=None)
    unnamed.actors = [ActorRole(None, "militia members", "recipient")]
    assert _actor_score(strike, killed) > 0 and _actor_score(strike, unnamed) == 0


def test_a_range_of_months_is_no_day_to_fuse_on() -> None:
    span = TimeSpan(None, date(2024, 1, 1), date(2024, 9, 27), Precision.RANGE)
    wave = event("d1", "A wave of attacks by factions on bases since the start of the year.",
                 when=span, agent="org:factions", recipient="text:bases")
    strike = event("d2", "A drone strike killed three soldiers in Jordan on Sunday.",
                   when=day(2024, 1, 28), agent=None, recipient="text:soldiers")
    week = TimeSpan(None, date(2024, 1, 22), date(2024, 1, 28), Precision.RANGE)
    assert similarity(wave, strike) == 0.0
    assert similarity(event("d3", A, when=week), event("d4", B, when=day(2024, 1, 25))) >= 0.5


def test_compatible_types_are_plover_categories() -> None:
    from sitrep.annotate.events import lexicon
    from sitrep.fuse.events import config

    categories = set(lexicon()["categories"])
    assert all(pair <= categories for pair in config().compatible)


@pytest.mark.parametrize(("name", "key", "state", "other"), [
    ("Russian", "norp:russian", "gpe:ru", "gpe:ua"),  # "Russian missiles" are Russia's
    ("the Americans", "norp:americans", "gpe:us", "gpe:ir"),  # and its people: the US
    ("Donald Trump", "person:donald-trump", "gpe:us", "gpe:ir"),  # an officeholder's acts
])
def test_a_doer_that_stands_for_a_state_is_that_state(name: str, key: str, state: str,
                                                       other: str) -> None:
    a = event("d1", f"{name} struck the city on Monday.", agent=None)
    a.actors = [ActorRole(key, name, "agent")]
    b = event("d2", "The state struck the city on Monday.", agent=state)
    c = event("d3", "Another state struck the city on Monday.", agent=other)
    assert not _agents_conflict(a, b) and _agents_conflict(a, c)


def test_a_headline_joins_the_lead_event_of_its_type() -> None:
    def said(text: str, sentence: int, agent: str | None, when: TimeSpan) -> Event:
        e = event("d1", text, agent=None, when=when, recipient=None)
        e.actors = [ActorRole(agent, agent.split(":")[1].title(), "agent")] if agent else []
        e.evidence = Evidence("d1", sentence, text, 0, len(text))
        e.trigger = e.lemma = text.split()[1]
        return e

    # undated, with no doer: nothing but its place in the page ties the headline to the lead
    head = said("Missile barrage on the capital kills at least 12", 0, None, before(2024, 7, 9))
    lead = said("Russia fired more than 40 missiles at Ukrainian cities on Monday.", 1, "gpe:ru",
                day(2024, 7, 8))
    other = said("Ukraine launched drones at Moscow on Monday.", 2, "gpe:ua", day(2024, 7, 8))
    assert cluster_document([head, lead, other]) == [[0, 1], [2]]
    # ... unless their doers differ: then the first one of its type that is the same doer's
    russian = said("Russian barrage on the capital kills at least 12", 0, "norp:russian",
                   before(2024, 7, 9))
    other.evidence.sentence, lead.evidence.sentence = 1, 2
    assert cluster_document([russian, other, lead]) == [[0, 2], [1]]
    closed = said(head.evidence.text + ".", 0, None, before(2024, 7, 9))  # a full stop: a lead
    assert cluster_document([closed, other, lead]) == [[0], [1], [2]]


def test_a_plan_told_as_a_plan_is_not_an_attack_told_as_done() -> None:
    plan = event("d1", "Factions said they would keep targeting foreign forces.",
                 when=TimeSpan(None, date(2021, 12, 10), None, Precision.RANGE, unresolved=True),
                 agent=None, recipient="text:foreign forces")
    plan.status = EventStatus.PLANNED
    plan.trigger = plan.lemma = "target"
    done = event("d2", "A drone attack targeted a base in Syria on Thursday, killing a "
                 "contractor.", when=day(2023, 3, 16), agent=None, recipient="text:contractor")
    done.trigger = done.lemma = "target"
    assert similarity(plan, done, story=0.9, unambiguous=True) < 0.5


def test_two_undated_reports_from_articles_months_apart_need_more_than_an_actor() -> None:
    early = event("d1", "The coalition has suspended operations.", when=before(2020, 1, 5),
                  recipient=None, agent="org:coalition-isis")
    late = event("d2", "The coalition has completed its combat role.", when=before(2021, 12, 31),
                 recipient=None, agent="org:coalition-isis")
    near = event("d3", "The coalition has paused its activities.", when=before(2020, 1, 17),
                 recipient=None, agent="org:coalition-isis")
    for e, verb in ((early, "suspend"), (late, "complete"), (near, "pause")):
        e.trigger = e.lemma = verb
    assert similarity(early, late) < 0.5 <= similarity(early, near)


def test_a_story_trigger_does_not_join_undated_reports_from_articles_months_apart() -> None:
    def told(doc: str, text: str, published: date) -> Event:
        e = event(doc, text, when=before(published.year, published.month, published.day),
                  agent=None, recipient=None)
        e.trigger = e.lemma = "strike"
        return e

    first = told("d1", "Air force jets carried out strikes on the camps.", date(2023, 4, 16))
    again = told("d2", "Jets carried out a strike on the camps.", date(2023, 4, 18))
    later = told("d3", "Fighters claimed a drone strike on the camps.", date(2025, 3, 22))
    assert similarity(first, again, story=0.4, unambiguous=True) >= 0.5
    assert similarity(first, later, story=0.4, unambiguous=True) < 0.5


def test_undated_reports_in_unrelated_words_need_whom_it_befell() -> None:
    def told(verb: str, text: str, recipient: str | None) -> Event:
        e = event("d1" if verb == "fire" else "d2", text, type_="COERCE", agent="org:sixers",
                  recipient=recipient, when=before(2021, 9, 1))
        e.trigger = e.lemma = verb
        return e

    fired = told("fire", "The Sixers fired their coach.", None)
    assert similarity(fired, told("dismiss", "The Sixers dismissed their coach.", None)) >= 0.5
    assert similarity(fired, told("suspend", "The Sixers suspended a guard.", None)) == 0.0
    # who it befell ties two wordings of one happening
    fired_him = told("fire", "The Sixers fired Jim Reed.", "person:jim-reed")
    assert similarity(fired_him, told("relieve", "Jim Reed was relieved of his duties.",
                                      "person:jim-reed")) >= 0.5


def test_one_sides_doer_as_the_others_target_is_opposite_sides() -> None:
    def told(agent: str, target: str) -> Event:
        return event("d1", f"{agent} attacked {target}.", agent=agent, recipient=target)

    attack = told("org:isis", "text:iraqi troops")
    unsaid = event("d1", "Air strikes hit ISIS positions.", agent=None, recipient="org:isis")
    assert _agents_conflict(attack, unsaid) and _agents_conflict(unsaid, attack)
    assert not _agents_conflict(attack, told("org:isis", "person:governor"))


def test_two_killings_whose_counted_victims_differ_make_a_trigger_ambiguous() -> None:
    from sitrep.fuse.events import _ambiguous

    def killed(doc: str, when: TimeSpan, victims: str) -> Event:
        e = event(doc, f"Gunmen killed {victims}.", when=when, agent=None, recipient=None)
        e.actors = [ActorRole(None, victims, "recipient")]
        e.trigger = e.lemma = "kill"
        return e

    week = TimeSpan("2022-W06", date(2022, 2, 7), date(2022, 2, 13), Precision.WEEK)
    civilians = killed("d1", week, "40 civilians")
    soldiers = killed("d1", day(2022, 2, 13), "eight Malian soldiers")
    report = killed("d2", day(2022, 2, 13), "eight soldiers")
    # one article's two killings that week: "killed" alone cannot say which one another
    # article's report means
    assert _ambiguous(report, [[civilians], [soldiers]])
    assert not _ambiguous(report, [[civilians], [killed("d1", week, "40 villagers")]])


def test_named_sites_meet_by_their_names() -> None:
    from sitrep.fuse.events import _actor_key

    assert _actor_key("Ain al-Asad air base", None) == _actor_key("Ain al-Asad Air Base", None)
    assert _actor_key("Ain al-Asad air base", None) != _actor_key("Balad air base", None)
    # unnamed or national sites still meet by their head word
    assert _actor_key("the base", None) == _actor_key("Iraqi military base", None)


def test_one_articles_reports_of_far_apart_places_stay_apart() -> None:
    anbar = event("d1", "Missiles struck the air base in Anbar.", when=before(2020, 1, 8),
                  agent=None, recipient="site:ain al-asad", place="Anbar")
    kirkuk = event("d1", "The rocket attack on the base near Kirkuk.", when=day(2019, 12, 27),
                   agent=None, recipient="site:ain al-asad", place="Kirkuk")
    anbar.location = Place("Anbar", lat=34.13, lon=41.99)
    kirkuk.location = Place("Kirkuk", lat=35.47, lon=44.39)
    assert cluster_document([kirkuk, anbar]) == [[0], [1]]


def test_a_country_holds_its_cities() -> None:
    from sitrep.fuse.events import _far_apart, _place_score

    def at(name: str, lat: float, lon: float, precision: str) -> Event:
        ev = event("d1", A)
        ev.location = Place(name, lat=lat, lon=lon, country="IQ", precision=precision)
        return ev

    iraq = at("Iraq", 33.8, 44.5, "country")
    kirkuk = at("Kirkuk", 35.5, 44.4, "city")
    basra = at("Basra", 30.5, 47.8, "city")
    assert _place_score(iraq, kirkuk) == 0.8 and not _far_apart(iraq, kirkuk)
    assert _far_apart(kirkuk, basra)  # two cities of one country are still far apart


def test_a_described_doer_acts_for_its_state() -> None:
    embassy = event("d1", "The US embassy suspended its services.", agent=None)
    embassy.actors = [ActorRole(None, "US embassy", "agent")]
    nato = event("d2", "NATO suspended its training mission.", agent="org:nato")
    jets = event("d3", "American jets bombed the positions.", agent=None)
    jets.actors = [ActorRole(None, "American jets", "agent")]
    assert _agents_conflict(embassy, nato)
    assert not _agents_conflict(jets, event("d4", A, agent="gpe:us"))


def test_weapons_shot_down_are_no_shared_cast() -> None:
    ours = event("d1", "US and British forces shot down 21 drones in the Red Sea.",
                 agent=None, recipient=None, when=day(2024, 1, 9))
    ours.actors = [ActorRole(None, "US and British forces", "agent"),
                   ActorRole(None, "21 drones", "recipient")]
    theirs = event("d2", "It says 102 missiles and 99 drones were shot down.", agent=None,
                   recipient=None, when=before(2024, 8, 26))
    theirs.actors = [ActorRole(None, "102 missiles", "recipient"),
                     ActorRole(None, "99 drones", "recipient")]
    assert similarity(ours, theirs) < 0.5


def test_a_ledes_undated_news_is_not_a_recap_of_years_before() -> None:
    def told(sentence: int, text: str, when: TimeSpan, background: bool) -> Event:
        e = event("d1", text, when=when, agent="org:m23", recipient="gpe:goma")
        e.evidence.sentence, e.background = sentence, background
        e.trigger = e.lemma = "take"
        return e

    news = told(0, "The rebels said on Monday they had taken Goma.", before(2025, 1, 28), False)
    recap = told(9, "The rebels first took Goma in 2012.", TimeSpan(
        "2012", date(2012, 1, 1), date(2012, 12, 31), Precision.YEAR), True)
    assert similarity(news, recap) == 0.0
    news.evidence.sentence = 7  # further down, an undated mention may well be the old one
    assert similarity(news, recap) > 0.0
