"""Stances: each proposition family, its cues, negation, and the country or target it names."""

from __future__ import annotations

import pytest

from sitrep.annotate.stances import carried_stance, stance_of


@pytest.mark.parametrize(
    ("text", "countries", "topic", "stance"),
    [
        # foreign troop presence
        ("The junta demanded the departure of French troops from Mali.", (),
         "foreign troop presence in Mali", "oppose"),
        ("The governor said the UN peacekeepers must stay in the province.", ("Congo",),
         "foreign troop presence in Congo", "support"),
        # "presence" inside "end the presence" is that term, not one of its own
        ("The assembly is calling on the government to end the presence of French troops.",
         ("Niger",), "foreign troop presence in Niger", "oppose"),
        # ceasefire, truce, peace talks
        ("The African Union welcomed the truce between the army and the RSF.", ("Sudan",),
         "ceasefire in Sudan", "support"),
        ("The rebels rejected the ceasefire proposal and vowed to fight on.", ("Sudan",),
         "ceasefire in Sudan", "oppose"),
        ("Kyiv accused Moscow of violating the Easter truce.", ("Ukraine",),
         "ceasefire in Ukraine", "support"),  # an accuser values what was violated
        ("The Houthis said they were ready to resume peace talks in Yemen.", (),
         "ceasefire in Yemen", "support"),
        # "stop" stops what follows it, not a term after its own object
        ("Beijing called for both sides to stop fighting and return to talks.", ("Myanmar",),
         "ceasefire in Myanmar", "support"),
        # sanctions
        ("The minister called for tougher sanctions on Russia.", (), "sanctions on Russia",
         "support"),
        ("The delegation urged Washington to lift sanctions on Venezuela.", (),
         "sanctions on Venezuela", "oppose"),
        ("Beijing opposes unilateral sanctions against Iran.", (), "sanctions on Iran", "oppose"),
        ("The senator threatened Iraq with heavy sanctions.", (), "sanctions on Iraq", "support"),
        # arms supplies
        ("The minister urged allies to send more air defence systems to Ukraine.", (),
         "arms supplies to Ukraine", "support"),
        ("Rights groups called for a halt to arms supplies to Israel.", (),
         "arms supplies to Israel", "oppose"),
        # military action
        ("The opposition condemned the airstrikes on Gaza.", (), "military action against Gaza",
         "oppose"),
        ("The coalition said its strikes against the Houthis were justified.", (),
         "military action against Houthis", "support"),
        ("The UN chief called for restraint after the strikes on Yemen.", (),
         "military action against Yemen", "oppose"),
        ("The war must end now.", (), "military action", "oppose"),
        # humanitarian access
        ("Aid agencies demanded safe passage for convoys into El Fasher.", ("Sudan",),
         "humanitarian access in Sudan", "support"),
        ("The council called on the fighters to lift the siege of the city.", ("Sudan",),
         "humanitarian access in Sudan", "support"),
        # elections
        ("ECOWAS demanded that the junta hold elections in Niger within a year.", (),
         "elections in Niger", "support"),
        ("The opposition said the elections were rigged.", ("Zimbabwe",),
         "elections in Zimbabwe", "oppose"),
        ("The junta postponed the elections in Burkina Faso.", (),
         "elections in Burkina Faso", "oppose"),
        # a named agreement or resolution
        ("The government welcomed the Jeddah Declaration and said it would abide by it.", (),
         "Jeddah Declaration", "support"),
        ("Moscow said it would pull out of the Black Sea Grain Initiative.", (),
         "Black Sea Grain Initiative", "oppose"),
        ("Tehran said it would no longer respect the limits set by the 2015 nuclear "
         "agreement.", (), "2015 nuclear agreement", "oppose"),
        ("Both sides said they would respect Resolution 2736.", (), "Resolution 2736",
         "support"),
    ],
)
def test_proposition_families(text: str, countries: tuple[str, ...], topic: str,
                              stance: str) -> None:
    assert stance_of(text, countries=countries) == (topic, stance)


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The envoy supports the truce.", "support"),
        ("The envoy does not support the truce.", "oppose"),  # negation flips
        ("The envoy never rejected the truce.", "support"),
        ("The envoy spoke about the truce.", "neutral"),  # no cue
    ],
)
def test_negation_and_no_cue(text: str, stance: str) -> None:
    assert stance_of(text, countries=("Sudan",))[1] == stance


@pytest.mark.parametrize(
    "text",
    [
        "The fighting has killed more than 500 people since April.",
        "Troops found a cache of weapons in the village.",  # no arms supplies without a supply
        "The harvest was good this year.",
    ],
)
def test_off_topic(text: str) -> None:
    assert stance_of(text) == (None, None)


def test_a_cue_judges_the_nearest_term_only() -> None:
    # 'urged' judges 'lift', not 'sanctions' behind it: against sanctions, not for them
    assert stance_of("They urged the council to lift the sanctions on Sudan.")[1] == "oppose"


def test_carried_stance_over_a_named_agreement() -> None:
    text = "The assembly took the decision to pull out of the Lake Chad Accord.\n\n"
    quote = "The decision was a grave mistake."
    # against pulling out of the accord: for the accord
    assert carried_stance(text + quote, quote, len(text)) == "support"


def test_the_leader_of_a_coalition_is_not_where_it_is_deployed() -> None:
    text = "The US-led coalition said its troops would protect their bases and stay."
    topic, _ = stance_of(text, countries=("United States", "Iraq"))
    assert topic == "foreign troop presence in Iraq"


def test_troops_sent_to_a_country_are_there() -> None:
    # the senders are named first, and the story is mostly about them
    text = "It calls for ending the deal under which the US sent troops to Iraq in 2014."
    topic, _ = stance_of(text, countries=("United States", "Iraq"))
    assert topic == "foreign troop presence in Iraq"


def test_main_countries_come_from_place_names_only() -> None:
    from sitrep.annotate.stances import main_countries
    from sitrep.model import Document, Mention

    text = "UN peacekeepers left Kidal. The UN said Mali was calm."
    doc = Document(id="t", source="s", text=text)
    doc.mentions = [Mention("UN", 0, 2, 0, "ORG", "org:un"),
                    Mention("Kidal", 21, 26, 0, "GPE", "gpe:kidal"),
                    Mention("UN", 32, 34, 1, "ORG", "org:un"),
                    Mention("Mali", 40, 44, 1, "GPE", "gpe:mali")]
    assert main_countries(doc) == ["Mali"]  # "UN" is also a town in India
