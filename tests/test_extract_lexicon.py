"""The predicate lexicon: each family of verbs, event nouns, adjectives and roles it maps.

One invented sentence per family member added for a blind article's miss, read by the
parse engine (the default), with the relation it must give. The families follow the
vocabulary's ground (CAMEO / PLOVER groups, ``/work/shared/reference/event-coding.md``),
so that a new article's synonyms are covered too, not only the word one article used.
"""

from __future__ import annotations

import pytest

from vectorgraph.extract import extract
from vectorgraph.extract.lexicon import default_lexicon
from vectorgraph.vocabulary import RELATION_TYPES


def relations(text: str) -> set[tuple[str, str, str]]:
    """(source, target, type) of every relation the default engine reads in ``text``."""
    return {(r.source, r.target, r.type) for r in extract(text).relations}


FAMILIES = [
    # CAMEO 02 appeal, 04 consult
    ("address", "Tokayev addressed the SCO summit.", ("TOKAYEV", "SCO", "consultation")),
    ("ask", "Uzbekistan asked Russia for help.", ("UZB", "RUS", "consultation")),
    ("request", "Tokayev requested assistance from the CSTO.", ("TOKAYEV", "CSTO", "consultation")),
    # mediation (CAMEO 04/05): the mediator with each party
    (
        "arbitrate",
        "Turkey arbitrated between Russia and Ukraine.",
        ("TUR", "UKR", "diplomatic_cooperation"),
    ),
    (
        "broker",
        "Qatar brokered between Kabul and Washington.",
        ("QAT", "USA", "diplomatic_cooperation"),
    ),
    (
        "mediation",
        "Swiss mediation between Armenia and Turkey failed.",
        ("CHE", "ARM", "diplomatic_cooperation"),
    ),
    # CAMEO 05 diplomatic cooperation: acting together
    (
        "in-conjunction-with",
        "Turkey will act in conjunction with Azerbaijan.",
        ("TUR", "AZE", "diplomatic_cooperation"),
    ),
    (
        "in-coordination-with",
        "Kazakhstan moved in coordination with Uzbekistan.",
        ("KAZ", "UZB", "diplomatic_cooperation"),
    ),
    (
        "outreach",
        "Mongolia's outreach to Japan continues.",
        ("MNG", "JPN", "diplomatic_cooperation"),
    ),
    ("grateful", "Kazakhstan is grateful to China.", ("KAZ", "CHN", "diplomatic_cooperation")),
    (
        "sympathetic",
        "Uzbekistan remains sympathetic to Turkey.",
        ("UZB", "TUR", "diplomatic_cooperation"),
    ),
    ("reach-out", "Kazakhstan reached out to Japan.", ("KAZ", "JPN", "diplomatic_cooperation")),
    (
        "brotherhood",
        "Brotherhood between Turkey and Azerbaijan is strong.",
        ("TUR", "AZE", "diplomatic_cooperation"),
    ),
    # trade by other routes
    ("smuggle", "Kyrgyz firms smuggled goods to Russia.", ("KGZ", "RUS", "reexport")),
    # founding a body: the founders are its members
    (
        "form",
        "In 2010, Russia and Kazakhstan formed the Eurasian Economic Union.",
        ("KAZ", "EAEU", "member_of"),
    ),
    ("found", "Russia and China founded the SCO in 2001.", ("CHN", "SCO", "member_of")),
    # CAMEO 11 disapprove
    ("object", "Azerbaijan objected to the French plan.", ("AZE", "FRA", "criticism")),
    ("objection", "France's objection to the Azerbaijani plan.", ("FRA", "AZE", "criticism")),
    ("lash-out", "Aliyev lashed out at France.", ("ALIYEV", "FRA", "criticism")),
    # CAMEO 12 reject
    ("defy", "Kyrgyzstan defied Russia.", ("KGZ", "RUS", "hostility")),
    ("dismiss", "Armenia dismissed the Russian proposal.", ("ARM", "RUS", "hostility")),
    ("sceptical", "Kazakhstan is sceptical of Russia.", ("KAZ", "RUS", "hostility")),
    ("retaliate", "Russia retaliated against Lithuania.", ("RUS", "LTU", "hostility")),
    ("resentment", "Kyrgyz resentment of China grew.", ("KGZ", "CHN", "hostility")),
    ("crackdown", "The Russian crackdown on Georgia continued.", ("RUS", "GEO", "hostility")),
    # CAMEO 13 threaten, 17 coerce
    ("intimidate", "Russia intimidated Georgia.", ("RUS", "GEO", "threat")),
    ("warning", "Russia's warning to Kazakhstan was clear.", ("RUS", "KAZ", "threat")),
    # CAMEO 16 reduce relations
    ("wean-off", "Georgia wants to wean itself off Russian gas.", ("GEO", "RUS", "distancing")),
    ("diversify-away", "The EU will diversify away from Russian gas.", ("EU", "RUS", "distancing")),
    ("decouple", "Lithuania decoupled from China.", ("LTU", "CHN", "distancing")),
    ("departure", "Armenia's departure from the CSTO is near.", ("ARM", "CSTO", "distancing")),
    ("split", "Kazakhstan's split with Russia deepened.", ("KAZ", "RUS", "distancing")),
    ("absence", "Aliyev's absence at the EU summit was noted.", ("ALIYEV", "EU", "distancing")),
    # CAMEO 163 / 172 sanctions
    ("bar", "Kazakhstan barred Russian trucks from its roads.", ("KAZ", "RUS", "sanctions")),
    # CAMEO 18-19 assault, fight
    (
        "shoot-down",
        "Russian air defences shot down an Azerbaijani plane.",
        ("RUS", "AZE", "armed_conflict"),
    ),
    ("capture", "Kyrgyz troops captured Tajik border posts.", ("KGZ", "TJK", "armed_conflict")),
    # structure: influence over, dependence on
    ("clout", "Chinese clout in Kyrgyzstan grows.", ("CHN", "KGZ", "influence")),
    ("grip", "China's grip on Tajikistan tightened.", ("CHN", "TJK", "influence")),
    ("playground", "Mongolia was long a Chinese playground.", ("CHN", "MNG", "influence")),
    ("backyard", "Central Asia is Russia's backyard.", ("RUS", "CENTRAL_ASIA", "influence")),
    ("vulnerable", "Armenia is vulnerable to Russia.", ("RUS", "ARM", "influence")),
    ("beholden", "Turkmenistan is beholden to China.", ("TKM", "CHN", "depends_on")),
    # a company's country: "X, home to Y" (Y is based in X)
    (
        "home-to",
        "South Korea, home to Samsung Electronics, seeks minerals from Kazakhstan.",
        ("SAMSUNG", "KOR", "based_in"),
    ),
    # debt and over-reliance: the debtor depends on its creditor
    ("overreliance", "Mongolia's overreliance on China is a risk.", ("MNG", "CHN", "depends_on")),
    ("owe", "Tajikistan owes billions to China.", ("TJK", "CHN", "depends_on")),
    ("borrow", "Laos borrowed heavily from China.", ("LAO", "CHN", "depends_on")),
    ("debt", "Kyrgyzstan's debt to China grew.", ("KGZ", "CHN", "depends_on")),
    # CAMEO 12 reject: a refusal of cooperation is distancing, of a noun as of a verb
    ("refuse-to", "Kazakhstan refused to side with Moscow.", ("KAZ", "RUS", "distancing")),
    (
        "eschew",
        "Tajikistan has eschewed official talks with the Taliban.",
        ("TJK", "TALIBAN", "distancing"),
    ),
    ("renounce", "Mongolia renounced its alliance with Russia.", ("MNG", "RUS", "distancing")),
    ("cease", "Kazakhstan ceased cooperation with Russia.", ("KAZ", "RUS", "distancing")),
    ("stop", "Kazakhstan stopped supplying Russia with drones.", ("KAZ", "RUS", "distancing")),
    # CAMEO 16 reduce relations, 173 arrest (coerce)
    ("isolate", "Western efforts to isolate Russia failed.", ("WEST", "RUS", "sanctions")),
    ("arrest", "Kyrgyzstan arrested Tajik border guards.", ("KGZ", "TJK", "hostility")),
    ("warrant", "Ukraine issued an arrest warrant for Putin.", ("UKR", "PUTIN", "hostility")),
    # rivalry: beating or offsetting another
    ("outmanoeuvre", "China outmanoeuvred Russia.", ("CHN", "RUS", "hostility")),
    ("undercut", "China undercut Russia's bid in Kazakhstan.", ("CHN", "RUS", "hostility")),
    ("counterweight", "The SCO is a counterweight to NATO.", ("SCO", "NATO", "hostility")),
    ("lament", "Uzbekistan lamented Russia's policy.", ("UZB", "RUS", "criticism")),
    ("bemoan", "Kyrgyzstan bemoaned China's tariffs.", ("KGZ", "CHN", "criticism")),
    # hedging: widening ties beyond a pole; a candidate's status is observer status
    (
        "diversify-beyond",
        "Armenia sought to diversify its security partnerships beyond Russia.",
        ("ARM", "RUS", "hedges"),
    ),
    ("candidate-status", "Georgia obtained EU candidate status.", ("GEO", "EU", "observer_of")),
    # CAMEO 111 disapprove; interest shown; a hold over
    (
        "concern-at",
        "Russia has voiced concern at the West's growing activity.",
        ("RUS", "WEST", "criticism"),
    ),
    (
        "attention",
        "Central Asia has drawn Western attention.",
        ("CENTRAL_ASIA", "WEST", "diplomatic_cooperation"),
    ),
    (
        "hold",
        "Russia fears losing its hold over Transnistria.",
        ("RUS", "TRANSNISTRIA", "influence"),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [f[1:] for f in FAMILIES], ids=[f[0] for f in FAMILIES]
)
def test_family_member_gives_its_relation(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in relations(text)


def test_families_sign_as_their_type() -> None:
    """The type a family maps to carries the guide's polarity (a wrong type is a wrong sign)."""
    lex = default_lexicon()
    signs = {
        "defy": -1,
        "shoot down": -1,
        "wean": -1,
        "address": 1,
        "form": 0,
    }
    assert {v: RELATION_TYPES[lex.verbs[v].type].sign for v in signs} == signs
    assert RELATION_TYPES[lex.nouns["clout"].type].sign == 0
    assert lex.roles["backyard"].reverse and lex.adjectives["vulnerable"].reverse


def test_a_mediator_is_paired_with_each_party_and_the_parties_with_each_other() -> None:
    assert relations("Trump mediated between Armenia and Azerbaijan.") >= {
        ("TRUMP", "ARM", "diplomatic_cooperation"),
        ("TRUMP", "AZE", "diplomatic_cooperation"),
        ("ARM", "AZE", "diplomatic_cooperation"),
    }


def test_parties_between_whom_a_non_mediator_stands_are_only_each_others() -> None:
    """ "tensions between A and B" say nothing of a subject; only "between" in a predicate's
    own prepositions (the lexicon's mediators) pairs the subject with each party."""
    assert "between" not in default_lexicon().nouns["tension"].preps
    assert relations("Russia noted tensions between Armenia and Azerbaijan.") == {
        ("ARM", "AZE", "hostility")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Uzbekistan supported the Northern Alliance against the Taliban.",
            {("UZB", "TALIBAN", "hostility"), ("NORTHERN_ALLIANCE", "TALIBAN", "hostility")},
        ),
        (
            "Tajikistan cooperates with Pakistan against the Taliban.",
            {("TJK", "TALIBAN", "hostility"), ("PAK", "TALIBAN", "hostility")},
        ),
    ],
    ids=["support-against", "cooperate-with-against"],
)
def test_the_object_of_against_is_the_cooperating_sides_common_foe(text, expected) -> None:
    found = relations(text)
    assert expected <= found
    # no cooperation with the foe; its tie to the state it leads is the gazetteer's
    assert {(a, b) for a, b, t in found if "TALIBAN" in (a, b) and t != "hostility"} == {
        ("TALIBAN", "AFG")
    }


def test_a_refusal_is_not_a_mere_negation() -> None:
    """ "did not support" says nothing (guide); "refused to join" a negative claim stays dropped."""
    assert relations("Tokayev did not support Russia.") == {("TOKAYEV", "KAZ", "leads")}
    assert relations("Uzbekistan declined to comment on Russia.") == set()
    assert default_lexicon().refusals <= default_lexicon().negators


def test_seizing_on_a_position_is_no_seizure() -> None:
    assert relations("The Kremlin hopes to seize on Georgian Dream's position.") == {
        ("GEORGIAN_DREAM", "GEO", "based_in")  # the party the gazetteer places: no seizure
    }
    assert ("KAZ", "RUS", "sanctions") in relations("Kazakhstan seized assets from Russia.")


@pytest.mark.parametrize(
    ("lemma", "text", "expected"),
    [
        ("vie", "Russia and China vie for influence in Central Asia.", ("RUS", "CHN", "hostility")),
        ("compete", "Russia and China compete in Central Asia.", ("RUS", "CHN", "hostility")),
        ("squabble", "Baku and Yerevan squabbled over the corridor.", ("AZE", "ARM", "hostility")),
        ("clash", "Kyrgyz and Tajik border guards clashed.", ("KGZ", "TJK", "armed_conflict")),
    ],
    ids=["vie", "compete", "squabble", "clash"],
)
def test_joined_subjects_of_a_mutual_verb_act_on_each_other(lemma, text, expected) -> None:
    """A directed type, but "A and B compete" is each against the other (lexicon ``mutual``)."""
    assert default_lexicon().verbs[lemma].mutual
    assert expected in relations(text)
