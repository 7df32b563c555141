"""Mentions: gazetteer names, persons and companies the text introduces, references."""

from __future__ import annotations

import pytest

from vectorgraph.extract.mentions import MentionFinder


def ids(sentence: str, finder: MentionFinder | None = None) -> list[tuple[str | None, str]]:
    finder = finder or MentionFinder()
    return [(m.id, m.text) for m in finder.find(sentence)]


def test_names_demonyms_seats_and_possessives():
    assert ids("Astana’s step towards the West worried the Kremlin and Russian officials.") == [
        ("KAZ", "Astana"),
        ("WEST", "West"),
        ("RUS", "Kremlin"),
        ("RUS", "Russian"),
    ]


def test_longest_form_wins_and_acronyms_resolve():
    assert ids("The Organization of Turkic States met the Eurasian Economic Union (EAEU).") == [
        ("OTS", "Organization of Turkic States"),
        ("EAEU", "Eurasian Economic Union"),
        ("EAEU", "EAEU"),
    ]


def test_hyphenated_pair_yields_both_states():
    assert ids("There are problems in Russian-Kazakh relations.") == [
        ("RUS", "Russian"),
        ("KAZ", "Kazakh"),
    ]


def test_seat_followed_by_another_name_is_not_the_state():
    assert ids("The Washington Post and the Moscow Exchange reported it.") == []


@pytest.mark.parametrize(
    ("sentence", "person", "role", "state"),
    [
        ("President Kassym-Jomart Tokayev spoke.", "TOKAYEV", "leads", None),
        ("Russian President Vladimir Putin spoke.", "PUTIN", "leads", "RUS"),
        ("Kyrgyz President Sadyr Japarov spoke.", "JAPAROV", "leads", "KGZ"),
        (
            "Minister of Finance of Kazakhstan Yerulan Zhamaubayev spoke.",
            "ZHAMAUBAYEV",
            "serves",
            "KAZ",
        ),
        ("Foreign Minister Sergei Lavrov spoke.", "LAVROV", "serves", None),
        ("The talks were led by ex-president Nursultan Nazarbayev.", "NAZARBAYEV", "leads", None),
        ("Officials met EU special envoy David O'Sullivan.", "O_SULLIVAN", "serves", "EU"),
        ("Chinese President Xi Jinping arrived.", "XI", "leads", "CHN"),
        ("NATO Secretary-General Mark Rutte arrived.", "RUTTE", "serves", "NATO"),
    ],
    ids=[
        "title",
        "demonym-title",
        "kyrgyz",
        "minister-of-state",
        "minister",
        "lower-title",
        "org-envoy",
        "surname-first",
        "org-official",
    ],
)
def test_titles_introduce_persons(sentence, person, role, state):
    finder = MentionFinder()
    found = ids(sentence, finder)
    assert person in [aid for aid, _ in found]
    ((tie, mention, _),) = [t for t in finder.intros if t[0].id == person]
    assert (tie.role, tie.state) == (role, state)
    assert mention.type == "person"


def test_plural_title_introduces_every_listed_person_and_surnames_resolve_later():
    finder = MentionFinder()
    found = ids("Prime Ministers Mikhail Mishustin and Alikhan Smailov held talks.", finder)
    assert found == [("MISHUSTIN", "Mikhail Mishustin"), ("SMAILOV", "Alikhan Smailov")]
    assert [t.role for t, _, _ in finder.intros] == ["leads", "leads"]
    assert ids("Mishustin and Smailov agreed.", finder) == [
        ("MISHUSTIN", "Mishustin"),
        ("SMAILOV", "Smailov"),
    ]


def test_unintroduced_names_are_not_actors():
    assert ids("Almaty hosted Smith and Jones at the Radisson Hotel.") == []


def test_companies_by_noun_with_nationality():
    finder = MentionFinder()
    found = ids(
        "Chinese carmaker Great Wall Motors and German trailer manufacturer Reimann "
        "opened factories.",
        finder,
    )
    assert found == [
        ("CHN", "Chinese"),
        ("GREAT_WALL_MOTORS", "Great Wall Motors"),
        ("DEU", "German"),
        ("REIMANN", "Reimann"),
    ]
    assert [(t.id, t.role, t.state) for t, _, _ in finder.intros] == [
        ("GREAT_WALL_MOTORS", "based_in", "CHN"),
        ("REIMANN", "based_in", "DEU"),
    ]


def test_companies_by_list_and_by_suffix():
    assert ids("Some foreign companies, including Honeywell, Emerson and Siemens, left.") == [
        ("HONEYWELL", "Honeywell"),
        ("EMERSON", "Emerson"),
        ("SIEMENS", "Siemens"),
    ]
    assert ids("Keremet Holding was sanctioned.") == [("KEREMET_HOLDING", "Keremet Holding")]


@pytest.mark.parametrize(
    ("sentence", "kind", "text"),
    [
        ("The country joined.", "ref", "The country"),
        ("It happened in the republic.", "ref", "the republic"),
        ("The two countries agreed.", "pair", "The two countries"),
        ("Both sides agreed.", "pair", "Both sides"),
        ("Bilateral trade grew.", "pair", "Bilateral"),
    ],
    ids=["country", "republic", "two-countries", "both-sides", "bilateral"],
)
def test_references_are_found_unresolved(sentence, kind, text):
    (m,) = MentionFinder().find(sentence)
    assert (m.id, m.kind, m.text) == (None, kind, text)


@pytest.mark.parametrize(
    ("sentence", "person", "role", "state"),
    [
        (
            "Ukraine summoned Idris Kadyrkulov, Kyrgyz Ambassador to Ukraine.",
            "KADYRKULOV",
            "serves",
            "KGZ",
        ),
        (
            "Sooronbai Jeenbekov, the former President of Kyrgyzstan, resigned.",
            "JEENBEKOV",
            "leads",
            "KGZ",
        ),
    ],
    ids=["demonym-title-after", "title-of-after"],
)
def test_a_title_in_an_appositive_after_the_name(sentence, person, role, state):
    finder = MentionFinder()
    found = finder.find(sentence)
    ((tie, _, _),) = [t for t in finder.intros if t[0].id == person]
    assert (tie.role, tie.state) == (role, state)
    # the demonym describes the person: not an argument of its own
    assert all(m.attribute for m in found if m.kind == "demonym")


def test_no_title_after_the_name_is_no_person():
    finder = MentionFinder()
    assert [
        m.id for m in finder.find("Talks with Ivan Petrov, a Russian businessman, failed.")
    ] == ["RUS"]


def test_an_abstract_noun_after_a_title_is_no_person():
    finder = MentionFinder()
    found = finder.find("The Special Envoy for the Implementation of EU Sanctions visited Astana.")
    assert [m.id for m in found] == ["EU", "KAZ"]
    assert finder.intros == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Georgian Parliament passed the Law on Foreign Agents.",
        "He met the Executive Director of the SCO Regional Anti-Terrorist Structure.",
    ],
    ids=["modifier-alone", "structure"],
)
def test_no_person_without_a_head_title_or_a_name(sentence):
    finder = MentionFinder()
    finder.find(sentence)
    assert finder.intros == []
