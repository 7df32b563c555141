"""The predicate lexicon of the parse engine: ``lexicon.yaml`` read into lookup tables.

The data file says what words mean (lemma -> relation type, the prepositions
that introduce the other party); :mod:`vectorgraph.extract.parse` walks the
tree. Every type named must be a relation type of the vocabulary.

Examples
--------
>>> lex = default_lexicon()
>>> lex.verbs["sanction"].type, lex.nouns["tie"].type, lex.roles["creditor"].reverse
('sanctions', 'diplomatic_cooperation', True)
>>> "on" in lex.nouns["sanction"].preps, "to" in lex.verbs["travel"].preps
(True, True)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vectorgraph.errors import ExtractError
from vectorgraph.vocabulary import RELATION_TYPES

__all__ = ["LEXICON_PATH", "Lexicon", "Predicate", "default_lexicon", "load_lexicon"]

#: Words the tree walker itself reads (copulas, "include", "status", ...): always lemmatised.
STRUCTURE_WORDS = (
    "be", "remain", "become", "stay", "seem", "appear", "continue", "include", "comprise",
    "count", "draw", "face", "receive", "attract", "earn", "suffer", "endure", "incur",
    "status", "seat", "membership", "relation", "relationship", "tie", "cooperation", "trade",
    "partnership", "come", "fall", "send", "dispatch",
)  # fmt: skip

#: The bundled lexicon.
LEXICON_PATH = Path(__file__).with_name("lexicon.yaml")


@dataclass(frozen=True, slots=True)
class Predicate:
    """What one lemma asserts: a relation type and where the other party is."""

    type: str
    preps: frozenset[str]
    person: str | None = None  # the type when the subject is a person
    reverse: bool = False  # roles: the relation runs relatum -> holder
    topic: bool = False  # a verb's direct object is what it is about, not a party ("discuss")
    denied: str | None = None  # the type a negated claim asserts ("did not recognise")
    mutual: bool = False  # joined subjects act on each other ("Russia and China compete")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The parse engine's word tables (see ``lexicon.yaml`` for what each holds)."""

    verbs: Mapping[str, Predicate]
    nouns: Mapping[str, Predicate]
    adjectives: Mapping[str, Predicate]
    roles: Mapping[str, Predicate]
    led: frozenset[str]
    meetings: frozenset[str]
    light_verbs: frozenset[str]
    light_nouns: frozenset[str]
    worsen: frozenset[str]
    negators: frozenset[str]
    refusals: frozenset[str]
    modals: frozenset[str]
    counter: frozenset[str]
    boost: frozenset[str]
    undo: frozenset[str]
    irregular: Mapping[str, str]  # word form -> lemma
    known: Mapping[str, frozenset[str]]  # word class ("verb", "noun", "adj") -> lemmas
    cache: dict[tuple[str, str], str]

    def lemma(self, token: Any) -> str:
        """The lemma of a spaCy token (by its lower-case text and tag), for lexicon look-ups.

        A form in ``irregular`` gives its lemma; else the first of the form and
        its suffix-stripped candidates ("ties" -> "tie", "banned" -> "ban",
        "invaded" -> "invade") that is a lemma of the lexicon for the token's
        word class; else the form itself.
        """
        key = (token.lower_, token.tag_)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = self._lemma(*key)
        return found

    def _lemma(self, word: str, tag: str) -> str:
        if word in self.irregular:
            return self.irregular[word]
        kind = "verb" if tag[:2] in ("VB", "MD") else "noun" if tag[:2] == "NN" else "adj"
        known = self.known[kind]
        for candidate in _candidates(word):
            if candidate in known:
                return candidate
        return word


def _candidates(word: str) -> list[str]:
    """The word and what it may be with an inflection taken off, most likely first."""
    out = [word]
    if word.endswith(("ies", "ied")):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
        if len(word) > 4 and word[-3] == word[-4]:
            out.append(word[:-3])  # "banned"
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
        if len(word) > 5 and word[-4] == word[-5]:
            out.append(word[:-4])  # "shipping"
    return out


def _words(items: Any) -> frozenset[str]:
    """Words of a list; YAML 1.1 reads a bare ``on``/``off`` as a boolean, so take it back."""
    return frozenset(("on" if w else "off") if isinstance(w, bool) else str(w) for w in items or ())


def _table(
    data: Mapping[str, Any], section: str, preps: frozenset[str], where: str
) -> dict[str, Predicate]:
    out: dict[str, Predicate] = {}
    for lemma, value in (data.get(section) or {}).items():
        item = value if isinstance(value, dict) else {"type": value}
        place = f"{where}: {section}.{lemma}"
        for key in ("type", "person", "denied"):
            name = item.get(key)
            if (key == "type" or name is not None) and name not in RELATION_TYPES:
                raise ExtractError(f"{place}.{key}: unknown relation type {name!r}")
        own = item.get("preps")
        out[str(lemma)] = Predicate(
            type=item["type"],
            preps=_words(own) if own is not None else preps,
            person=item.get("person"),
            reverse=bool(item.get("reverse", False)),
            topic=bool(item.get("topic", False)),
            denied=item.get("denied"),
            mutual=bool(item.get("mutual", False)),
        )
    return out


def load_lexicon(path: str | Path = LEXICON_PATH) -> Lexicon:
    """Read a lexicon file; :class:`ExtractError` names the place of a bad entry."""
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ExtractError(f"{path}: cannot read the lexicon: {exc}") from None
    defaults = data.get("preps") or {}
    light = data.get("light") or {}
    words = functools.partial(_table, data, where=str(path))
    verbs = words("verbs", _words(defaults.get("verbs")))
    nouns = words("nouns", _words(defaults.get("nouns")))
    adjectives = words("adjectives", _words(defaults.get("adjectives")))
    roles = words("roles", frozenset(("of", "in", "to", "for")))
    led = frozenset(data.get("led") or ())
    meetings = frozenset(data.get("meetings") or ())
    light_verbs = frozenset(light.get("verbs") or ())
    light_nouns = frozenset(light.get("nouns") or ())
    worsen = frozenset(data.get("worsen") or ())
    refusals = frozenset(data.get("refusals") or ())
    negators = frozenset(data.get("negators") or ()) | refusals
    modals = frozenset(data.get("modals") or ())
    counter = frozenset(data.get("counter") or ())
    boost = frozenset(data.get("boost") or ())
    undo = frozenset(data.get("undo") or ())
    irregular = {
        str(form): str(lemma)
        for lemma, forms in (data.get("irregular") or {}).items()
        for form in forms
    }
    verb_words = {v.split()[0] for v in verbs} | led | light_verbs | worsen | negators | modals
    verb_words |= counter | boost | undo
    known = {
        "verb": frozenset(verb_words | set(irregular.values()) | set(STRUCTURE_WORDS)),
        "noun": frozenset(set(nouns) | set(roles) | light_nouns | meetings | set(STRUCTURE_WORDS)),
        "adj": frozenset(set(adjectives) | worsen | set(STRUCTURE_WORDS)),
    }
    return Lexicon(
        verbs=verbs,
        nouns=nouns,
        adjectives=adjectives,
        roles=roles,
        led=led,
        meetings=meetings,
        light_verbs=light_verbs,
        light_nouns=light_nouns,
        worsen=worsen,
        negators=negators,
        refusals=refusals,
        modals=modals,
        counter=counter,
        boost=boost,
        undo=undo,
        irregular=irregular,
        known=known,
        cache={},
    )


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The bundled lexicon, read once per process."""
    return load_lexicon()
