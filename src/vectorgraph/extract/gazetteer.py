"""The gazetteer: surface forms of actors, resolved to canonical ids.

States come from :mod:`pycountry` (ISO 3166-1: every state's name, official
name and common name, keyed by alpha-3 code); the curated ``gazetteer.yaml``
beside this module adds what pycountry lacks: short forms ("Russia"),
demonyms ("Kazakh", "Kazakhstani"), capitals and seats used as metonyms
("Astana", "the Kremlin"), organisations and blocs, loose groups (the West,
Central Asia) and a few well-known companies.

Lookup is by exact, case-sensitive surface form (``"Moscow"``, ``"U.S."``,
``"Organization of Turkic States"``): running text capitalises proper names, and
case keeps "turkey" and "chad" out. :meth:`Gazetteer.lookup` also accepts a
possessive (``"Russia's"``).

Examples
--------
>>> g = default_gazetteer()
>>> g.lookup("Kazakhstani").id, g.lookup("the Kremlin").id, g.lookup("Russia’s").id
('KAZ', 'RUS', 'RUS')
>>> g.lookup("Organization of Turkic States").id, g.lookup("CSTO").type
('OTS', 'organisation')
>>> g.lookup("Latin America") is None, g.lookup("Chad").id
(True, 'TCD')
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

__all__ = ["Entry", "Gazetteer", "default_gazetteer", "snake_id"]

#: Forms that contain a gazetteer name but are not actors (longest match wins).
_IGNORE = (
    "Latin America",
    "South America",
    "North America",
    "Central America",
    "East Asia",
    "South Asia",
    "Southeast Asia",
    "Middle East",
    "Far East",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "West Africa",
    "East Africa",
    "West Bank",
    "Western Balkans",
    "Washington Post",
    "New York",
    "Moscow Times",
    "Georgia Tech",
)

_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True, slots=True)
class Entry:
    """What a surface form stands for: an actor id, its name and type, and the kind of form.

    ``kind`` is ``name``, ``demonym``, ``seat`` or ``alias``; seats and loose
    regional words are weaker metonyms.
    """

    id: str
    name: str
    type: str
    kind: str = "name"
    based_in: str | None = None
    members: tuple[str, ...] = ()


def snake_id(name: str) -> str:
    """An UPPER_SNAKE actor id for a name, ASCII only.

    >>> snake_id("Great Wall Motors"), snake_id("Kassym-Jomart Tokayev"), snake_id("Ömer")
    ('GREAT_WALL_MOTORS', 'KASSYM_JOMART_TOKAYEV', 'OMER')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[A-Za-z0-9]+", ascii_name)
    out = "_".join(words).upper()
    if not out or not out[0].isalpha():
        out = "X_" + out
    return out


class Gazetteer:
    """Surface form -> :class:`Entry`, with each first word's longest form in capitalised words."""

    def __init__(
        self, entries: dict[str, Entry | None], surname_first: frozenset[str] = frozenset()
    ) -> None:
        self.forms = entries
        self.surname_first = surname_first
        #: first word of a form -> the most capitalised words a form starting with it has
        self.spans: dict[str, int] = {}
        for form in entries:
            first = form.split()[0]
            self.spans[first] = max(self.spans.get(first, 1), _caps_words(form))
        self.actors: dict[str, Entry] = {}
        for entry in entries.values():
            if entry is not None:
                self.actors.setdefault(entry.id, entry)

    def lookup(self, form: str) -> Entry | None:
        """The entry for a surface form (a possessive is accepted), or None."""
        form = form.removeprefix("the ")
        entry = self.forms.get(form)
        if entry is None and form.endswith(("'s", "’s", "'", "’")):
            entry = self.forms.get(_POSSESSIVE.sub("", form))
        return entry

    def __contains__(self, form: str) -> bool:
        return self.lookup(form) is not None

    def __len__(self) -> int:
        return len(self.forms)


def _caps_words(form: str) -> int:
    return sum(1 for word in form.split() if word[:1].isupper()) or 1


def _strip_the(form: str) -> str:
    return form.removeprefix("the ")


def _uninvert(name: str) -> str:
    """ISO's inverted names in running-text order.

    >>> _uninvert("Korea, Republic of"), _uninvert("Congo, The Democratic Republic of the")
    ('Republic of Korea', 'Democratic Republic of the Congo')
    >>> _uninvert("Bonaire, Sint Eustatius and Saba")
    'Bonaire'
    """
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    if tail.endswith((" of", " of the")):
        tail = tail.removeprefix("The ")
        return f"{tail} {head}"
    return head


def build(data: dict[str, Any]) -> Gazetteer:
    """A gazetteer from pycountry plus curated ``data`` (the parsed ``gazetteer.yaml``)."""
    import pycountry

    forms: dict[str, Entry | None] = {}
    states: dict[str, dict[str, Any]] = data.get("states") or {}

    def add(form: str, entry: Entry | None, *, override: bool = False) -> None:
        form = _strip_the(form)
        if override or form not in forms:
            forms[form] = entry

    for country in pycountry.countries:
        code = country.alpha_3
        extra = states.get(code, {})
        common = getattr(country, "common_name", None)
        name = extra.get("name") or common or country.name
        if ", " in name:
            name = _uninvert(name)
        entry = Entry(code, name, "state")
        candidates = [
            *(extra.get("names") or ()),
            country.name,
            common,
            getattr(country, "official_name", None),
        ]
        for form in candidates:
            if form:
                add(_uninvert(form), entry)
        for form in extra.get("demonyms") or ():
            add(form, Entry(code, name, "state", "demonym"))
        for form in extra.get("seats") or ():
            add(form, Entry(code, name, "state", "seat"))
    for section, kind in (
        ("organisations", "organisation"),
        ("regions", "region"),
        ("companies", "company"),
    ):
        for aid, spec in (data.get(section) or {}).items():
            entry = Entry(
                aid,
                spec.get("name", aid),
                kind,
                "name",
                based_in=spec.get("based_in"),
                members=tuple(spec.get("members") or ()),
            )
            add(entry.name, entry, override=True)
            for form in spec.get("aliases") or ():
                seat = form in ("Brussels", "West")
                add(
                    form,
                    Entry(
                        aid,
                        entry.name,
                        kind,
                        "seat" if seat else "alias",
                        based_in=entry.based_in,
                        members=entry.members,
                    ),
                    override=True,
                )
            for form in spec.get("adjectives") or ():
                add(
                    form,
                    Entry(
                        aid,
                        entry.name,
                        kind,
                        "demonym",
                        based_in=entry.based_in,
                        members=entry.members,
                    ),
                    override=True,
                )
    for form in _IGNORE:
        forms[form] = None
    return Gazetteer(forms, frozenset(data.get("surname_first") or ()))


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from pycountry and the bundled ``gazetteer.yaml`` (cached)."""
    text = resources.files("vectorgraph.extract").joinpath("gazetteer.yaml").read_text("utf-8")
    return build(yaml.safe_load(text))
