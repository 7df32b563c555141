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
    # the newspaper is an actor of its own (the gazetteer's media), never the state
    assert ids("The Washington Post and the Moscow Exchange reported it.") == [
        ("WASHINGTON_POST", "The Washington Post")
    ]
    assert ids("The Moscow Mule and the Astana Opera reported it.") == []


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
        (
            "It said his giant Central Asian state would not.",
            "ref",
            "his giant Central Asian state",
        ),
    ],
    ids=["country", "republic", "two-countries", "both-sides", "bilateral", "his-qualified-state"],
)
def test_references_are_found_unresolved(sentence, kind, text):
    (m,) = MentionFinder().find(sentence)
    assert (m.id, m.kind, m.text) == (None, kind, text)


def ties(
    sentence: str, finder: MentionFinder | None = None
) -> list[tuple[str, str | None, str | None]]:
    finder = finder or MentionFinder()
    finder.find(sentence)
    return [(t.id, t.role, t.state or t.state_ref) for t, _, _ in finder.intros]


def test_a_table_person_is_found_by_name_and_tied_by_nothing():
    finder = MentionFinder()
    assert ids("Mirziyoyev spoke in Samarkand.", finder) == [("MIRZIYOYEV", "Mirziyoyev")]
    assert finder.intros == []
    assert finder.people["MIRZIYOYEV"].state is None  # no title: the text has not said whose


def test_a_title_without_a_state_takes_the_tables_never_the_country_visited():
    finder = MentionFinder()
    assert ties("President Mirziyoyev visited Moscow and Kazakh officials.", finder) == [
        ("MIRZIYOYEV", "leads", None)
    ]
    assert finder.people["MIRZIYOYEV"].state == "UZB"


def test_a_state_the_text_names_wins_over_the_table():
    finder = MentionFinder()
    assert ties("Kyrgyz President Rahmon opened the session.", finder) == [
        ("RAHMON", "leads", "KGZ")
    ]
    assert finder.people["RAHMON"].state == "KGZ"


def test_an_honorific_alone_ties_no_one_to_the_country_of_the_sentence():
    finder = MentionFinder()
    assert ties("Mr Rahmon then travelled to Astana.", finder) == []
    assert finder.people["RAHMON"].state is None
    assert ties("Mr Aibek Tursunov then travelled to Astana.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Mr Japarov, the Kyrgyz president, spoke.", ("JAPAROV", "leads", "KGZ")),
        ("Kyiv summoned Aibek Tursunov, the Kyrgyz ambassador.", ("TURSUNOV", "serves", "KGZ")),
        ("Aibek Tursunov, Kyrgyz ambassador to Ukraine, left.", ("TURSUNOV", "serves", "KGZ")),
        ("Nurlan Sadykov, the foreign minister of Kazakhstan, said.", ("SADYKOV", "serves", "KAZ")),
        (
            "Almaz Beishenov, the country's former president, said.",
            ("BEISHENOV", "leads", "country"),
        ),
        ("Ilham Aliyev, who has ruled Azerbaijan since 2003, spoke.", ("ALIYEV", "leads", "AZE")),
        ("Dauren Abenov, the strongman who led Kazakhstan, spoke.", ("ABENOV", "leads", "KAZ")),
    ],
    ids=["honorific", "unknown", "ambassador-to", "of-state", "country-s", "ruled", "led"],
)
def test_a_title_after_the_name_ties_the_person(sentence, expected):
    assert ties(sentence) == [expected]


def test_a_demonym_in_an_apposition_describes_the_person():
    (_, kyrgyz) = MentionFinder().find("Mr Japarov, the Kyrgyz president, spoke.")
    assert (kyrgyz.id, kyrgyz.attribute) == ("KGZ", True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Taliban spokesman Bilal Karimi said so.", ("KARIMI", "serves", "TALIBAN")),
        ("Afghan deputy prime minister Abdul Karim Sadiqi came.", ("SADIQI", "serves", "AFG")),
        ("Russian Presidential Aide Yury Ushakov said.", ("USHAKOV", "serves", "RUS")),
        ("Secretary of State Antony Blinken met Wang Yi.", ("BLINKEN", "serves", None)),
        (
            "the President of Georgia, Salome Zourabichvili, said.",
            ("ZOURABICHVILI", "leads", "GEO"),
        ),
        (
            "The Special Envoy for the Implementation of EU Sanctions John Murphy came.",
            ("MURPHY", "serves", "EU"),
        ),
    ],
    ids=["movement-spokesman", "deputy-pm", "aide", "secretary-of-state", "title-of", "long-title"],
)
def test_titles_the_finder_used_to_miss(sentence, expected):
    assert ties(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Experts at the Foreign Policy Research Center disagree.", []),
        ("He is the Special Envoy for the Implementation of Trade Rules.", []),
        ("The Law on Foreign Agents was passed in May.", []),
        ("Secretary of State Antony Blinken arrived.", [("BLINKEN", "Antony Blinken")]),
    ],
    ids=["institute", "implementation", "foreign-agents", "secretary-of-state"],
)
def test_capitalised_title_words_make_no_false_person(sentence, expected):
    assert ids(sentence) == expected


def test_the_irish_envoy_is_the_envoy_not_the_state():
    finder = MentionFinder()
    finder.find("EU special envoy John Murphy arrived.")
    found = finder.find("The Irish envoy met Kazakh officials.")
    assert [(m.id, m.text, m.attribute) for m in found] == [
        ("IRL", "Irish", True),
        ("MURPHY", "Irish envoy", False),
        ("KAZ", "Kazakh", False),
    ]
    assert [(m.id, m.attribute) for m in MentionFinder().find("The Irish envoy spoke.")] == [
        ("IRL", True)
    ]


def test_forms_no_token_spells_replace_what_they_cover():
    assert ids("The post-Soviet space, C5+1 and RFE/RL were discussed by al-Qaeda.") == [
        ("C5_1", "C5+1"),
        ("RFE_RL", "RFE/RL"),
        ("AL_QAEDA", "al-Qaeda"),
    ]
    assert ids("Western countries and Mohammed bin Salman met.") == [
        ("WEST", "Western countries"),
        ("BIN_SALMAN", "Mohammed bin Salman"),
    ]


def test_spellings_and_namesakes_keep_their_ids():
    finder = MentionFinder()
    assert ids("Emomali Rakhmon spoke. Rakhmon left.", finder) == [
        ("RAKHMON", "Emomali Rakhmon"),
        ("RAKHMON", "Rakhmon"),
    ]
    assert ids("Gurbanguly Berdimuhamedov handed power to Serdar Berdimuhamedov.") == [
        ("GURBANGULY_BERDIMUHAMEDOV", "Gurbanguly Berdimuhamedov"),
        ("BERDIMUHAMEDOV", "Serdar Berdimuhamedov"),
    ]


def test_a_central_asian_country_is_a_state_not_the_region():
    assert [(m.id, m.kind) for m in MentionFinder().find("The Central Asia country agreed.")] == [
        (None, "ref")
    ]


@pytest.mark.parametrize("engine", ["cues", "parse"])
def test_a_titled_visitor_leads_his_own_state_in_the_document(engine):
    from vectorgraph.extract import extract

    text = (
        "Russia hosted the forum. Russia invited many guests. Russia and China spoke. "
        "President Mirziyoyev visited Moscow."
    )
    leads = {
        (r.source, r.target) for r in extract(text, engine=engine).relations if r.type == "leads"
    }
    assert leads == {("MIRZIYOYEV", "UZB")}


def test_media_and_listed_companies_by_their_nouns():
    assert ids("Fidan spoke to Turkish TV channel HaberNet.") == [
        ("FIDAN", "Fidan"),
        ("TUR", "Turkish"),
        ("HABERNET", "HaberNet"),
    ]
    assert ids("Washington sanctioned four firms: Alfa Trade, Beta Leader and Gamma.")[1:] == [
        ("ALFA_TRADE", "Alfa Trade"),
        ("BETA_LEADER", "Beta Leader"),  # "Leader" in a list is no title in apposition
        ("GAMMA", "Gamma"),
    ]
    assert ids("It was published by the Washington Post, a daily.") == [
        ("WASHINGTON_POST", "Washington Post")
    ]


def test_a_listed_company_may_end_with_and_a_noun():
    assert ids("It sanctioned four firms: Alfa Research and Development, Beta and Gamma.") == [
        ("ALFA_RESEARCH_AND_DEVELOPMENT", "Alfa Research and Development"),
        ("BETA", "Beta"),
        ("GAMMA", "Gamma"),
    ]


def test_a_form_no_token_spells_takes_the_title_of_the_name_it_covers():
    assert ties("President of the European Commission Ursula von der Leyen came.") == [
        ("VON_DER_LEYEN", "leads", "EU")
    ]


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
        (
            "Anna Virtanen, the European Union's High Representative for Energy, came.",
            "VIRTANEN",
            "serves",
            "EU",
        ),
    ],
    ids=["demonym-title-after", "title-of-after", "high-representative"],
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


@pytest.mark.parametrize(
    ("sentence", "person", "tie"),
    [
        (
            "“Baku has won,” Olga Petrenko, a Caucasus analyst for Meridian Risk Partners, said.",
            "PETRENKO",
            ("serves", "MERIDIAN_RISK_PARTNERS"),
        ),
        (
            "Aigul Nurlanova, a senior fellow at Chatham House, disagreed.",
            "NURLANOVA",
            ("serves", "CHATHAM_HOUSE"),
        ),
        ("Timur Dadabaev, expert on Japan and Uzbekistan:", "DADABAEV", None),
        ("Political scientist Dosym Satpayev said Astana was cautious.", "SATPAYEV", None),
        ("Kazakh economist Aidarbek Seitov warned of a slowdown.", "SEITOV", None),
    ],
    ids=["analyst-for-company", "fellow-at-known", "expert-on", "lower-noun", "demonym-expert"],
)
def test_experts_are_persons_tied_only_to_the_body_they_work_for(sentence, person, tie):
    # an analyst of a country holds no office of it: no tie to a state, ever
    finder = MentionFinder()
    found = ids(sentence, finder)
    assert person in [aid for aid, _ in found]
    ties = [(t.role, t.state) for t, _, _ in finder.intros if t.id == person]
    assert ties == ([tie] if tie else [])
    if tie:
        assert tie[1] in [aid for aid, _ in found]


def test_members_listed_after_a_body_are_all_its_officials():
    finder = MentionFinder()
    found = ids("U.S. Congress members Ann Rowe-Baker and Tom Kessel wrote to Rubio.", finder)
    assert [aid for aid, _ in found] == ["USA", "ROWE_BAKER", "KESSEL", "RUBIO"]
    assert [(t.id, t.role) for t, _, _ in finder.intros][:2] == [
        ("ROWE_BAKER", "serves"),
        ("KESSEL", "serves"),
    ]


def test_a_capitalised_title_in_apposition_before_the_name():
    # "South" follows the title over a connector: part of the office, no person
    finder = MentionFinder()
    found = ids(
        "Washington sent the U.S. Special Representative for South and Central Asia, "
        "Maria Lenk, to Tashkent.",
        finder,
    )
    assert found == [
        ("USA", "Washington"),
        ("USA", "U.S."),
        ("CENTRAL_ASIA", "Central Asia"),
        ("LENK", "Maria Lenk"),
        ("UZB", "Tashkent"),
    ]
    assert [(t.id, t.role, t.state) for t, _, _ in finder.intros] == [("LENK", "serves", "USA")]


def test_an_apposed_title_without_a_state_takes_the_body_it_names():
    finder = MentionFinder()
    found = ids(
        "Hans Berger, the International Special Envoy for the Implementation of EU Sanctions, "
        "said so.",
        finder,
    )
    assert [aid for aid, _ in found] == ["BERGER", "EU"]
    assert [(t.id, t.role, t.state) for t, _, _ in finder.intros] == [("BERGER", "serves", "EU")]


def test_a_table_persons_family_name_alone_is_them():
    finder = MentionFinder()
    assert ids("Karimov refused to join it.", finder) == [("KARIMOV", "Karimov")]
    # a shared family name is them only once the text names them in full
    assert ids("Wang said nothing.", MentionFinder()) == []
    assert ids("Wang Yi arrived.", finder) == [("WANG", "Wang Yi")]
    assert ids("Later Wang said nothing.", finder) == [("WANG", "Wang")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Exports to Latin America doubled.",
        "Volunteers from the North Caucasus fought.",
        "Tankers cross the Indian Ocean.",
        "Latin America’s banks lent more.",
    ],
    ids=["region", "part-of-a-state", "sea", "possessive"],
)
def test_an_ignored_form_hides_the_names_inside_it(sentence):
    assert ids(sentence) == []


def test_a_name_with_its_acronym_is_one_body_and_hides_the_names_inside_it():
    finder = MentionFinder()
    found = ids("Ankara welcomed it, Radio Armenia International (RAI) reported.", finder)
    assert found == [
        ("TUR", "Ankara"),
        ("RAI", "Radio Armenia International"),
        ("RAI", "RAI"),
    ]
    assert ids("Later RAI said so.", finder) == [("RAI", "RAI")]
    # initials that do not spell the acronym: no body
    assert ids("Armenia Daily (XYZ) reported.") == [("ARM", "Armenia")]


def test_a_name_of_a_known_body_is_a_person_of_it():
    finder = MentionFinder()
    found = ids("“It is a hedge,” said Rustam Alimov of the Carnegie Endowment.", finder)
    assert found == [("ALIMOV", "Rustam Alimov"), ("CARNEGIE", "Carnegie Endowment")]
    assert [(t.id, t.role, t.state) for t, _, _ in finder.intros] == [
        ("ALIMOV", "serves", "CARNEGIE")
    ]
    assert ids("Later Alimov agreed.", finder) == [("ALIMOV", "Alimov")]
    # a state after "of" is no body: "the Great Wall of China" names no person
    assert ids("The Great Wall of China stood.") == [("CHN", "China")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Aidar Sadykov was comfortably re-elected as Kyrgyzstan’s president.",
            ("SADYKOV", "leads", "KGZ"),
        ),
        ("Aidar Sadykov became the Kazakh prime minister.", ("SADYKOV", "leads", "KAZ")),
        ("Aidar Sadykov was appointed Tajik foreign minister.", ("SADYKOV", "serves", "TJK")),
    ],
    ids=["re-elected-as", "became", "appointed"],
)
def test_an_office_given_by_a_verb_after_the_name(sentence, expected):
    assert ties(sentence) == [expected]


def test_a_demonym_in_a_hyphenated_compound_is_not_the_titles_state():
    finder = MentionFinder()
    assert ties("The pro-Russian President Sooronbai Jeenbekov resigned.", finder) == [
        ("JEENBEKOV", "leads", None)
    ]
    assert finder.people["JEENBEKOV"].state == "KGZ"  # the table's, not Russia


@pytest.mark.parametrize(
    ("sentence", "expected_ids", "expected_ties"),
    [
        (
            "Foreign Minister Sergej Lavrov met reporters.",
            [("LAVROV", "Lavrov")],
            [("LAVROV", "serves", None)],
        ),
        (
            "Belarusian dictator Alexander Lukashenko spoke.",
            [("BLR", "Belarusian"), ("LUKASHENKO", "Alexander Lukashenko")],
            [("LUKASHENKO", "leads", "BLR")],
        ),
        (
            "Russia’s foreign ministry spokesman Alexei Zaitsev said.",
            [("RUS", "Russia"), ("ZAITSEV", "Alexei Zaitsev")],
            [("ZAITSEV", "serves", "RUS")],
        ),
    ],
    ids=["given-name-spelled-otherwise", "dictator-leads", "ministry-spokesman"],
)
def test_a_known_person_keeps_the_title(sentence, expected_ids, expected_ties):
    assert ids(sentence) == expected_ids
    assert ties(sentence) == expected_ties


@pytest.mark.parametrize(
    ("sentence", "person", "role", "state"),
    [
        (
            "Russian President Dmitry Medvedev and his Kyrgyz counterpart Kurmanbek Bakiev met.",
            "BAKIEV",
            "leads",
            "KGZ",
        ),
        (
            "Foreign Minister Sergei Lavrov met his Armenian counterpart Ararat Mirzoyan.",
            "MIRZOYAN",
            "serves",
            "ARM",
        ),
        (  # no title before: the persons table knows Ghani's office (a president)
            "Mirziyoyev signed an agreement with his Afghan counterpart, Ashraf Ghani.",
            "GHANI",
            "leads",
            "AFG",
        ),
        (
            "Japarov spoke during a meeting with his Uzbek counterpart Shavkat Mirziyoyev.",
            "MIRZIYOYEV",
            "leads",
            "UZB",
        ),
    ],
    ids=["president-counterpart", "minister-counterpart", "comma-counterpart", "table-counterpart"],
)
def test_a_counterpart_holds_the_office_of_the_person_beside_him(sentence, person, role, state):
    finder = MentionFinder()
    assert person in [aid for aid, _ in ids(sentence, finder)]
    ((tie, _, _),) = [t for t in finder.intros if t[0].id == person]
    assert (tie.role, tie.state) == (role, state)


@pytest.mark.parametrize(
    "sentence",
    [
        "On Friday, Kazakh President Kassym-Jomart Tokayev spoke.",
        "In October, Kyrgyz President Sadyr Japarov spoke.",
    ],
    ids=["weekday", "month"],
)
def test_a_day_or_month_before_an_apposition_is_no_person(sentence):
    found = [aid for aid, _ in ids(sentence)]
    assert found == [found[0], "TOKAYEV" if "Tokayev" in sentence else "JAPAROV"]
    assert found[0] in ("KAZ", "KGZ")


def test_a_middle_initial_stays_inside_the_name():
    finder = MentionFinder()
    assert ids("Russian President Vladimir V. Putin spoke.", finder) == [
        ("RUS", "Russian"),
        ("PUTIN", "Putin"),
    ]
    ((tie, _, _),) = finder.intros
    assert (tie.id, tie.role, tie.state) == ("PUTIN", "leads", "RUS")


def test_an_acronym_of_a_known_region_is_that_region_for_the_rest_of_the_text():
    finder = MentionFinder()
    assert ids("India invited five Central Asian (CA) states.", finder) == [
        ("IND", "India"),
        ("CENTRAL_ASIA", "Central Asian"),
        ("CENTRAL_ASIA", "CA"),
    ]
    assert ids("India's relations with CA countries grew.", finder) == [
        ("IND", "India"),
        ("CENTRAL_ASIA", "CA"),
    ]


def test_an_acronym_of_a_title_is_no_body():
    finder = MentionFinder()
    found = ids("They met India's External Affairs Minister (EAM).", finder)
    assert "EAM" not in [aid for aid, _ in found]
    assert ("JAISHANKAR", "Jaishankar") in ids("EAM Jaishankar visited Kyrgyzstan.", finder)


@pytest.mark.parametrize(
    ("sentence", "company", "state"),
    [
        ("Bishkek owes China's Exim Bank $1.7bn.", "CHINA_EXIMBANK", "CHN"),
        ("Russia's state-owned Gazprom cut supplies.", "GAZPROM", "RUS"),
        ("Azerbaijan's state-run APA news agency said so.", "APA", "AZE"),
    ],
    ids=["possessive", "possessive-modifier", "possessive-spelled-form"],
)
def test_a_states_possessive_before_its_known_company_is_its_country(sentence, company, state):
    finder = MentionFinder()
    finder.find(sentence)
    assert [(t.id, t.role, t.state) for t, _, _ in finder.intros] == [(company, "based_in", state)]


def test_a_possessive_of_another_state_is_no_country_of_a_known_company():
    finder = MentionFinder()
    finder.find("Uzbekistan's Gazprom deal was signed.")
    assert finder.intros == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Petroleum prices are far off their highs.", []),
        ("Russia has a base in the ex-Soviet republic.", [("RUS", "Russia")]),
        ("Erdogan called for ties with ex-Soviet Turkic states.", [("ERDOGAN", "Erdogan")]),
    ],
    ids=["company-suffix-alone", "ex-soviet-republic", "ex-soviet-states"],
)
def test_a_suffix_alone_or_an_ex_soviet_place_is_no_actor(sentence, expected):
    assert [m for m in ids(sentence) if m[0] in ("PETROLEUM", "USSR", "RUS", "ERDOGAN")] == expected


def test_a_name_may_end_at_a_hyphen_inside_a_run():
    assert ids("He addressed the Gulf Cooperation Council-Central Asia Summit.") == [
        ("GCC", "Gulf Cooperation Council"),
        ("CENTRAL_ASIA", "Central Asia"),
    ]
    assert ids("Kassym-Jomart Tokayev visited Nagorno-Karabakh.") == [
        ("TOKAYEV", "Kassym-Jomart Tokayev"),
        ("NAGORNO_KARABAKH", "Nagorno-Karabakh"),
    ]


@pytest.mark.parametrize(
    ("sentence", "person", "state"),
    [
        ("Everything changed after Sadyr Japarov came to power in 2020.", "JAPAROV", "KGZ"),
        ("Shavkat Mirziyoyev took office in 2016.", "MIRZIYOYEV", "UZB"),
    ],
    ids=["came-to-power", "took-office"],
)
def test_coming_to_power_ties_a_table_person_to_the_tables_state(sentence, person, state):
    from vectorgraph.extract import extract

    assert (person, state, "leads") in {
        (r.source, r.target, r.type) for r in extract(sentence).relations
    }


@pytest.mark.parametrize(
    ("sentence", "person", "role", "state"),
    [
        ("Pakistan PM Shahbaz Sharif arrived.", "SHARIF", "leads", "PAK"),
        ("They met the Tajik PM Qohir Rasolzada.", "RASOLZADA", "leads", "TJK"),
        ("Indian FM Subrahmanyam Jaishankar arrived.", "JAISHANKAR", "serves", "IND"),
    ],
    ids=["pm-after-state", "pm-after-demonym", "fm"],
)
def test_abbreviated_titles_introduce_persons(sentence, person, role, state):
    finder = MentionFinder()
    assert person in [aid for aid, _ in ids(sentence, finder)]
    ((tie, _, _),) = [t for t in finder.intros if t[0].id == person]
    assert (tie.role, tie.state) == (role, state)


@pytest.mark.parametrize(
    ("sentence", "person", "body"),
    [
        (
            "Jane Roe, an expert on Central Asia at the University of Pittsburgh, spoke.",
            "ROE",
            "UNIVERSITY_OF_PITTSBURGH",
        ),
        (
            "John Doe, an analyst at the Park Strategies consultancy, spoke.",
            "DOE",
            "PARK_STRATEGIES",
        ),
    ],
    ids=["field-then-body-of-place", "at-the-body"],
)
def test_an_expert_serves_the_body_named_after_the_field_and_the(sentence, person, body):
    finder = MentionFinder()
    found = ids(sentence, finder)
    assert body in [aid for aid, _ in found]
    assert (person, "serves", body) in [(t.id, t.role, t.state) for t, _, _ in finder.intros]


def test_a_senior_title_after_the_name_introduces_the_person():
    found = ids("Sean King, senior vice president of Park Strategies, tells VOA so.")
    assert ("KING", "Sean King") in found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The National Bank of Kyrgyzstan commented on the sanctions.",
            [("NATIONAL_BANK_KGZ", "National Bank of Kyrgyzstan")],
        ),
        (
            "Putin met leaders of other former Soviet states.",
            [("PUTIN", "Putin"), ("POST_SOVIET", "former Soviet states")],
        ),
        (
            "The Eurasian alliance of former Soviet States met.",
            [("POST_SOVIET", "former Soviet States")],
        ),
        ("Vaccines named Sputnik-V reached Bishkek.", [("KGZ", "Bishkek")]),
    ],
    ids=["the-long-name", "former-soviet-states", "capital-states", "vaccine-not-outlet"],
)
def test_a_group_or_a_bank_is_one_mention_not_the_names_inside_it(sentence, expected):
    assert ids(sentence) == expected


def test_this_central_asian_country_is_a_reference_not_the_region():
    """ "China built roads in this Central Asian country": the country the text is about."""
    (m,) = MentionFinder().find("China built roads in this Central Asian country.")[1:]
    assert (m.id, m.kind, m.text) == (None, "ref", "this Central Asian country")


def test_an_opposite_number_is_a_counterpart():
    assert ties("Belousov met his Tajik opposite number Emomali Sobirzoda.") == [
        ("SOBIRZODA", "serves", "TJK")
    ]


def test_a_family_name_alone_is_the_namesake_the_text_named_in_its_spelling():
    """ "Sadyr Zhaparov" is Sadyr Japarov; "Zhaparov" after him is him, not the table's Akylbek
    Zhaparov, whose form it also is."""
    finder = MentionFinder()
    assert ids("The new head of state, Sadyr Zhaparov, went to Moscow.", finder)[0] == (
        "JAPAROV",
        "Sadyr Zhaparov",
    )
    assert ids("Zhaparov also met emigrants.", finder) == [("JAPAROV", "Zhaparov")]
    assert ids("Zhaparov also met emigrants.") == [("ZHAPAROV", "Zhaparov")]


@pytest.mark.parametrize(
    ("sentence", "expected", "based"),
    [
        (
            "The US sanctioned Kyrgyzstan-based OJSC Keremet Bank.",
            [("USA", "US"), ("KGZ", "Kyrgyzstan"), ("KEREMET_BANK", "Keremet Bank")],
            [("KEREMET_BANK", "based_in", "KGZ")],
        ),
        (
            "Halyk Bank lent to Uzbekistan.",
            [("HALYK_BANK", "Halyk Bank"), ("UZB", "Uzbekistan")],
            [],
        ),
        (
            "Sanctions hit the Turkey-based Kalyon Holding.",
            [("TUR", "Turkey"), ("KALYON", "Kalyon Holding")],
            [("KALYON", "based_in", "TUR")],
        ),
        ("The Central Bank said inflation rose.", [], []),
    ],
    ids=["legal-form-and-based", "bank-by-name", "known-company-based", "generic-bank"],
)
def test_a_bank_by_its_name_and_a_company_by_the_state_it_is_based_in(sentence, expected, based):
    finder = MentionFinder()
    assert ids(sentence, finder) == expected
    assert [(t.id, t.role, t.state) for t, _, _ in finder.intros] == based


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Only the majority ruling Civil Contract party voted for it.",
            [("CIVIL_CONTRACT", "leads", "ARM")],
        ),
        ("The ruling Georgian Dream party met Moscow.", [("GEORGIAN_DREAM", "leads", "GEO")]),
        ("The governing Amanat party won.", [("AMANAT", "leads", "KAZ")]),
        ("Georgian Dream won the vote.", []),
        ("The ruling Hamas met Uzbekistan.", []),
    ],
    ids=["ruling", "ruling-party-form", "governing", "not-ruling", "no-state-of-its-own"],
)
def test_a_ruling_party_leads_the_state_it_is_of(sentence, expected):
    assert ties(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Valery Revenko, the Aide to the Russian Defense Minister, spoke.",
            [("REVENKO", "serves", "RUS")],
        ),
        (
            "Almasadam Satkaliyev, a senior representative of Kazakhstan's agency, spoke.",
            [("SATKALIYEV", "serves", "KAZ")],
        ),
        (
            "Askar Umarov, the Kazakh ambassador to Ukraine, left.",
            [("UMAROV", "serves", "KAZ")],
        ),
    ],
    ids=["aide-to", "representative-of", "ambassador-to-is-not-of"],
)
def test_an_aide_serves_the_office_they_are_to(sentence, expected):
    assert ties(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("According to Kazakh outlet Kursiv, China pledged aid to Kazakhstan.", "KURSIV"),
        ("According to Moscow, Kyiv attacked a pipeline in Kazakhstan.", "RUS"),
        ("TASS, citing Reuters, said Kyiv attacked Kazakhstan.", "REUTERS"),
    ],
    ids=["according-to-outlet", "according-to-state", "citing"],
)
def test_the_source_a_claim_is_reported_from_is_no_party_to_it(sentence, source):
    from vectorgraph.extract import extract

    found = MentionFinder().find(sentence)
    assert [m.attribute for m in found if m.id == source] == [True]
    doc = extract(sentence)
    assert source in {a.id for a in doc.actors}
    assert not [r for r in doc.relations if source in (r.source, r.target) and r.sign]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Biden administration sanctioned Russia.", [("USA", "Biden"), ("RUS", "Russia")]),
        ("Aliyev's government criticised France.", [("AZE", "Aliyev"), ("FRA", "France")]),
        (
            "Ivanishvili's government met Moscow.",
            [("IVANISHVILI", "Ivanishvili"), ("RUS", "Moscow")],
        ),
        ("Biden met Putin.", [("BIDEN", "Biden"), ("PUTIN", "Putin")]),
    ],
    ids=["administration", "possessive-government", "leads-no-state", "the-person-alone"],
)
def test_a_leaders_administration_is_the_state_he_heads(sentence, expected):
    assert ids(sentence) == expected


def given(*sentences: str) -> list[tuple[str, str | None, str | None]]:
    """The ties the gazetteer alone gives over a text of ``sentences``, in order."""
    finder = MentionFinder()
    out = []
    for sentence in sentences:
        finder.find(sentence)
        out += [(t.id, t.role, t.state) for t, _, _ in finder.given]
    return out


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (["Mirziyoyev spoke in Samarkand."], [("MIRZIYOYEV", "leads", "UZB")]),
        (["The Lukashenko regime angered Warsaw."], [("LUKASHENKO", "leads", "BLR")]),
        (["Kamilov flew to Kabul for talks."], [("KAMILOV", "serves", "UZB")]),
        (["Sberbank opened an office in Tashkent."], [("SBERBANK", "based_in", "RUS")]),
        (["Beijing promotes the Belt and Road Initiative."], [("BRI", "based_in", "CHN")]),
        (["The Taliban met Uzbek officials in Termez."], [("TALIBAN", "leads", "AFG")]),
        (["Rosneft supplies Mongolia.", "Rosneft and Putin agreed."],
         [("ROSNEFT", "based_in", "RUS"), ("PUTIN", "leads", "RUS")]),
        (["TASS reported the talks."], []),
        (["Chatham House experts said so."], []),
        (["Mr Mirziyoyev spoke in Samarkand."], []),
        (["President Mirziyoyev spoke in Samarkand."], []),
        (["Kazakh President Tokayev met Putin.", "Tokayev left."], [("PUTIN", "leads", "RUS")]),
    ],
    ids=["leader", "leader-of-a-regime", "minister-abroad", "company", "initiative",
         "movement-leads-its-state", "once-per-text", "outlet-no-tie", "think-tank-no-tie",
         "honorific-no-tie", "titled-tie-is-the-titles", "no-second-tie-after-a-title"],
)  # fmt: skip
def test_the_gazetteer_alone_ties_table_persons_and_placed_bodies(sentences, expected):
    assert given(*sentences) == expected


@pytest.mark.parametrize(("engine", "tied"), [("parse", True), ("cues", False)], ids=str)
def test_the_parse_engine_writes_the_gazetteers_ties(engine, tied):
    from vectorgraph.extract import extract

    doc = extract("Lukashenko welcomed Rosneft's plans for Minsk.", engine=engine)
    ties = {(r.source, r.target, r.type) for r in doc.relations if r.sign == 0}
    expected = {("LUKASHENKO", "BLR", "leads"), ("ROSNEFT", "RUS", "based_in")}
    assert (expected <= ties) == tied


@pytest.mark.parametrize(
    ("sentence", "company", "state"),
    [
        ("Azerbaijan Railways will sign the deal.", "AZERBAIJAN_RAILWAYS", "AZE"),
        ("Georgian Railway will sign the deal.", "GEORGIAN_RAILWAY", "GEO"),
        ("The ownership of Ulaanbaatar Railways is shared.", "ULAANBAATAR_RAILWAYS", "MNG"),
        ("Turkmenistan Airlines flies to Seoul.", "TURKMENISTAN_AIRLINES", "TKM"),
        ("He chairs Tajikistan Electricity Company.", "TAJIKISTAN_ELECTRICITY_COMPANY", "TJK"),
    ],
    ids=["state-railways", "demonym-railway", "capital-railways", "airways", "utility"],
)
def test_a_company_named_for_its_state_is_of_it_not_the_state(sentence, company, state):
    finder = MentionFinder()
    found = ids(sentence, finder)
    assert company in [aid for aid, _ in found]
    assert state not in [aid for aid, _ in found]
    assert [(t.id, t.role, t.state) for t, _, _ in finder.intros] == [(company, "based_in", state)]


@pytest.mark.parametrize(
    "sentence",
    ["Russian Gas flows west.", "Kazakh Oil Minister Aibek Tursunov said so."],
    ids=["demonym-and-a-commodity", "a-title"],
)
def test_a_state_before_a_commodity_or_a_title_names_no_company(sentence):
    assert "company" not in {m.type for m in MentionFinder().find(sentence)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Ukrainian Prosecutor General Andriy Kostin spoke.", ("KOSTIN", "serves", "UKR")),
        ("US Attorney General Merrick Garland spoke.", ("GARLAND", "serves", "USA")),
        ("Kazakh Ombudsman Artur Lastayev spoke.", ("LASTAYEV", "serves", "KAZ")),
    ],
    ids=["prosecutor-general", "attorney-general", "ombudsman"],
)
def test_law_officers_titles_introduce_persons(sentence, expected):
    assert ties(sentence) == [expected]
