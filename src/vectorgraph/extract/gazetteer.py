"""The gazetteer: surface forms of actors, resolved to canonical ids.

States come from :mod:`pycountry` (ISO 3166-1: every state's name, official
name and common name, keyed by alpha-3 code); the curated ``gazetteer.yaml``
beside this module adds what pycountry lacks: short forms ("Russia"),
demonyms ("Kazakh", "Kazakhstani"), capitals and seats used as metonyms
("Astana", "the Kremlin"), organisations and blocs, movements and armed groups,
think tanks, loose groups (the West, Central Asia), companies, banks and media
with the state they are based in, initiatives, and persons (heads of state and
government, ministers) with the state they lead or serve.

Lookup is by exact, case-sensitive surface form (``"Moscow"``, ``"U.S."``,
``"Organization of Turkic States"``): running text capitalises proper names, and
case keeps "turkey" and "chad" out. :meth:`Gazetteer.lookup` also accepts a
possessive (``"Russia's"``). Forms that capitalised words joined by connectors
cannot spell (``"post-Soviet space"``, ``"C5+1"``, ``"RFE/RL"``, ``"al-Qaeda"``)
are found by one compiled alternation, :attr:`Gazetteer.pattern`.

Examples
--------
>>> g = default_gazetteer()
>>> g.lookup("Kazakhstani").id, g.lookup("the Kremlin").id, g.lookup("Russia’s").id
('KAZ', 'RUS', 'RUS')
>>> g.lookup("Organization of Turkic States").id, g.lookup("CSTO").type
('OTS', 'organisation')
>>> g.lookup("Latin America") is None, g.lookup("Chad").id
(True, 'TCD')
>>> rahmon = g.lookup("Mr Rahmon".split()[1])
>>> rahmon.id, rahmon.type, rahmon.of, rahmon.role
('RAHMON', 'person', 'TJK', 'leads')
>>> g.lookup("Rakhmon").id, g.lookup("TASS").based_in
('RAKHMON', 'RUS')
>>> [m.group() for m in g.pattern.finditer("the post-Soviet space and the C5+1 format")]
['post-Soviet space', 'C5+1 format']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml

__all__ = ["GAP", "TOKEN", "UPPER", "Entry", "Gazetteer", "default_gazetteer", "snake_id"]

#: Capital letters that may open a name ("Šefčovič", "İlham", "Łukasz").
UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁČĆĐŁŃŚŠŹŽŻĞİŞŐŰŘĚ"
#: A capitalised token of running text: "Kazakhstan", "Kassym-Jomart", "U.S.", "OPEC+", and
#: a middle initial with its dot before the next name ("Vladimir V. Putin"). Both kinds open
#: with the one capital outside the group (the initial's is checked behind it): a pattern that
#: starts with a character class lets the regex engine skip to the next capital in C, where an
#: alternation of two classes tries every position (the token search runs on every sentence).
TOKEN = re.compile(
    rf"[{UPPER}](?:(?<=[A-Z])\.(?=[ \t]+[{UPPER}])|\w*(?:['’\-]\w+)*(?:\.(?:[A-Z]\.)+)?\+?)"
)
#: What may join the tokens of one name: spaces and up to two connectors ("Union of the").
GAP = re.compile(r"[ \t]+(?:(?:of|and|for|the|in|de)[ \t]+){0,2}")

#: Gazetteer sections and the actor type of their entries.
SECTIONS = {
    "organisations": "organisation",
    "think_tanks": "organisation",
    "regions": "region",
    "companies": "company",
    "media": "company",
    "initiatives": "other",
    "peoples": "other",
}

#: Sections whose bodies are of their ``based_in`` state by name alone (``Entry.placed``): a
#: company, party or initiative; not a think tank or an outlet, which the gold ties to its
#: state only where a sentence says so.
UNPLACED = frozenset(("think_tanks", "media"))

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
    "New York",
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
    of: str | None = None  # a person's state (or organisation), from the persons table
    role: str | None = None  # leads / serves: a person's tie to ``of``; a body's to ``based_in``
    placed: bool = False  # of ``based_in`` by name alone, where no sentence says so


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
        odd: list[str] = []
        the = 1  # a capitalised "The" may open any form: "The National Bank of Kyrgyzstan"
        for form in entries:
            first = form.split()[0]
            self.spans[first] = max(self.spans.get(first, 1), _caps_words(form))
            the = max(the, _caps_words(form) + 1)
            if not _spellable(form) and TOKEN.search(form):
                odd.append(form)
        self.spans["The"] = max(self.spans.get("The", 1), the)
        #: the forms that capitalised tokens cannot spell, as one regex (a trie of them), or None
        self.pattern: re.Pattern[str] | None = None
        #: those forms by their first capitalised token, and the tokens: a sentence without any
        #: of them, or without any of their forms, holds none of the forms, and need not be
        #: searched
        self.pattern_forms: dict[str, tuple[str, ...]] = {}
        for form in odd:
            first = TOKEN.search(form).group()  # type: ignore[union-attr]
            self.pattern_forms[first] = (*self.pattern_forms.get(first, ()), form)
        self.pattern_tokens = frozenset(self.pattern_forms)
        if odd:
            self.pattern = re.compile(rf"(?<![\w\-])(?:{_trie(odd)})(?![\w\-+])")
        #: forms that are no actor and hide the names inside them ("Latin America")
        self.ignored = frozenset(form for form, entry in entries.items() if entry is None)
        self.actors: dict[str, Entry] = {}
        for entry in entries.values():
            if entry is not None:
                self.actors.setdefault(entry.id, entry)

    def lookup(self, form: str) -> Entry | None:
        """The entry for a surface form (a possessive is accepted), or None."""
        form = form.removeprefix("the ")
        entry = self.forms.get(form)
        if entry is None and form.startswith("The ") and " " in form[4:]:
            entry = self.forms.get(form[4:])  # a long name, not an outlet's "The National"
        if entry is None and form.endswith(("'s", "’s", "'", "’")):
            entry = self.forms.get(_POSSESSIVE.sub("", form))
        return entry

    def __contains__(self, form: str) -> bool:
        return self.lookup(form) is not None

    def __len__(self) -> int:
        return len(self.forms)


def _trie(forms: list[str]) -> str:
    """One regex for many literal forms, sharing their prefixes (fast: few branches per step).

    >>> _trie(["ab", "abc", "ad"])
    'a(?:b(?:c)?|d)'
    """
    root: dict[str, Any] = {}
    for form in forms:
        node = root
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


def _spellable(form: str) -> bool:
    """Whether capitalised tokens joined by :data:`GAP` spell ``form`` exactly."""
    at = 0
    for m in TOKEN.finditer(form):
        if m.start() != at and not GAP.fullmatch(form, at, m.start()):
            return False
        at = m.end()
    return at == len(form) and at > 0 and form[0].isupper()


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

    def add_state(code: str, name: str, extra: dict[str, Any], iso: list[str | None]) -> None:
        entry = Entry(code, name, "state")
        for form in [*(extra.get("names") or ()), *iso]:
            if form:
                add(_uninvert(form), entry)
        for form in extra.get("demonyms") or ():
            add(form, Entry(code, name, "state", "demonym"))
        for form in extra.get("seats") or ():
            add(form, Entry(code, name, "state", "seat"))

    for country in pycountry.countries:
        code = country.alpha_3
        extra = states.get(code, {})
        common = getattr(country, "common_name", None)
        name = extra.get("name") or common or country.name
        if ", " in name:
            name = _uninvert(name)
        add_state(
            code, name, extra, [country.name, common, getattr(country, "official_name", None)]
        )
    iso_codes = {c.alpha_3 for c in pycountry.countries}
    for code, extra in states.items():  # states ISO 3166-1 does not list (USSR, Kosovo)
        if code not in iso_codes:
            add_state(code, extra.get("name", code), extra, [extra.get("name", code)])
    for section, kind in SECTIONS.items():
        for aid, spec in (data.get(section) or {}).items():
            entry = Entry(
                aid,
                spec.get("name", aid),
                kind,
                "name",
                based_in=spec.get("based_in"),
                members=tuple(spec.get("members") or ()),
                role=spec.get("role"),
                placed=bool(spec.get("based_in")) and section not in UNPLACED,
            )
            add(entry.name, entry, override=True)
            for form in spec.get("aliases") or ():
                seat = form in ("Brussels", "West")
                add(form, replace(entry, kind="seat" if seat else "alias"), override=True)
            for form in spec.get("adjectives") or ():
                add(form, replace(entry, kind="demonym"), override=True)
    surname_first = frozenset(data.get("surname_first") or ())
    shared = frozenset(data.get("shared_surnames") or ())
    families: list[tuple[str, Entry]] = []
    for aid, spec in (data.get("persons") or {}).items():
        of, role = spec.get("of"), spec.get("role")
        named = [(aid, spec["name"], [spec["name"], *(spec.get("forms") or ())])]
        for sid, full in (spec.get("spellings") or {}).items():
            named.append((sid, full, [full, _family(full, surname_first)]))
        for pid, full, person_forms in named:
            for i, form in enumerate(person_forms):
                entry = Entry(pid, full, "person", "alias" if i else "name", of=of, role=role)
                add(form, entry, override=True)
            family = _family(full, surname_first)
            if (
                family not in shared
                and family not in surname_first  # "Wang", "Kim": many share them
                and family[-1].isalpha()  # not "Jr."
                and all(w[:1].isupper() for w in full.split()[1:])
            ):
                families.append((family, Entry(pid, full, "person", "alias", of=of, role=role)))
    for family, entry in families:  # "Karimov" alone; never over a place or a namesake's form
        add(family, entry)
    for form in (*_IGNORE, *(data.get("ignore") or ())):
        forms[form] = None
    return Gazetteer(forms, surname_first)


def _family(name: str, surname_first: frozenset[str]) -> str:
    """The family name in a full name: the first word for Chinese or Korean usage, else the last.

    >>> _family("Emomali Rakhmon", frozenset()), _family("Xi Jinping", frozenset({"Xi"}))
    ('Rakhmon', 'Xi')
    """
    words = name.split()
    return words[0] if len(words) > 1 and words[0] in surname_first else words[-1]


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer built from pycountry and the bundled ``gazetteer.yaml`` (cached)."""
    text = resources.files("vectorgraph.extract").joinpath("gazetteer.yaml").read_text("utf-8")
    return build(yaml.safe_load(text))
