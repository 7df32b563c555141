"""The gazetteer: pycountry states plus the curated surface forms."""

from __future__ import annotations

import pycountry
import pytest

from vectorgraph.extract.gazetteer import default_gazetteer, snake_id


@pytest.fixture(scope="module")
def gaz():
    return default_gazetteer()


@pytest.mark.parametrize(
    ("form", "actor"),
    [
        ("Kazakhstan", "KAZ"),
        ("Republic of Kazakhstan", "KAZ"),
        ("Kazakh", "KAZ"),
        ("Kazakhstani", "KAZ"),
        ("Kazakhstanis", "KAZ"),
        ("Astana", "KAZ"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Moscow", "RUS"),
        ("Kremlin", "RUS"),
        ("the Kremlin", "RUS"),
        ("Russia’s", "RUS"),
        ("Russia's", "RUS"),
        ("Beijing", "CHN"),
        ("People's Republic of China", "CHN"),
        ("Washington", "USA"),
        ("U.S.", "USA"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Ankara", "TUR"),
        ("Kyrgyz", "KGZ"),
        ("Bishkek", "KGZ"),
        ("Tajik", "TJK"),
        ("Turkmen", "TKM"),
        ("Uzbek", "UZB"),
        ("Dutch", "NLD"),
        ("German", "DEU"),
        ("South Korea", "KOR"),
        ("Brussels", "EU"),
        ("EAEU", "EAEU"),
        ("Eurasian Economic Union", "EAEU"),
        ("Eurasian Economic Commission", "EEC"),
        ("CSTO", "CSTO"),
        ("SCO", "SCO"),
        ("CIS", "CIS"),
        ("Organization of Turkic States", "OTS"),
        ("UN", "UN"),
        ("NATO", "NATO"),
        ("West", "WEST"),
        ("Western", "WEST"),
        ("Central Asia", "CENTRAL_ASIA"),
        ("Central Asian", "CENTRAL_ASIA"),
        ("Gazprom", "GAZPROM"),
    ],
    ids=lambda v: str(v),
)
def test_lookup_resolves_surface_forms(gaz, form, actor):
    assert gaz.lookup(form).id == actor


@pytest.mark.parametrize(
    "form", ["Latin America", "Middle East", "turkey", "Almaty", "Smith"], ids=str
)
def test_lookup_leaves_out_non_actors(gaz, form):
    assert gaz.lookup(form) is None


def test_every_iso_country_is_an_actor(gaz):
    assert {c.alpha_3 for c in pycountry.countries} <= set(gaz.actors)


@pytest.mark.parametrize(
    ("form", "actor"),
    [
        ("Republic of Korea", "KOR"),
        ("Democratic Republic of the Congo", "COD"),
        ("Bonaire", "BES"),
        ("Islamic Republic of Iran", "IRN"),
        ("Taiwan", "TWN"),
    ],
    ids=str,
)
def test_inverted_iso_names_read_in_text_order(gaz, form, actor):
    assert gaz.lookup(form).id == actor


def test_entry_types_and_display_names(gaz):
    assert (gaz.lookup("Moscow").type, gaz.lookup("Moscow").kind) == ("state", "seat")
    assert gaz.actors["RUS"].name == "Russia"
    assert gaz.actors["CSTO"].name == "Collective Security Treaty Organization"
    assert gaz.actors["WEST"].members == ("USA", "EU")
    assert gaz.lookup("Gazprom").based_in == "RUS"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Great Wall Motors", "GREAT_WALL_MOTORS"),
        ("O'Sullivan", "O_SULLIVAN"),
        ("Erdoğan", "ERDOGAN"),
        ("3M", "X_3M"),
    ],
    ids=["words", "apostrophe", "diacritics", "digit-first"],
)
def test_snake_id(name, expected):
    assert snake_id(name) == expected
