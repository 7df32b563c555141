"""From text to a candidate graph document: sentences, mentions, references, relations.

:func:`extract` reads one text in three passes:

1. split it with :func:`vectorgraph.text.sentence_spans` (the indices evidence
   uses) and find the mentions of every sentence (:mod:`.mentions`);
2. resolve back-references: "the country"/"the republic" to the last state named
   when that is safe (the text's focus state, or the only state of its sentence),
   "the two countries"/"both countries"/"bilateral" to the two states named last
   (both within :data:`PAIR_MEMORY` sentences); persons whose state the
   title did not name get the state named for them elsewhere in the text, else
   the focus state (the state named most often), else the only state of their sentence;
3. in sentences with two or more actors (or one and "relations with"): the
   parse engine (``engine="parse"``, the default) parses those that hold a cue
   or a word of its lexicon (or whose subject a "they" in the next sentence
   may need) in one batch with spaCy and reads each tree (:mod:`.parse`, :mod:`.lexicon`); both engines
   find cues (:mod:`.cues`), relate their arguments (:mod:`.frames`) and apply
   negation and possibility; the results merge into one relation per
   (source, target, type) with every supporting sentence as evidence and a
   noisy-or confidence. ``engine="cues"`` is the cue table alone (no model).

Examples
--------
>>> doc = extract("Russia and Kazakhstan signed a trade deal. The two countries held talks.",
...               source_id="demo")
>>> sorted((r.source, r.target, r.type, [e.sentence for e in r.evidence]) for r in doc.relations)
[('RUS', 'KAZ', 'consultation', [1]), ('RUS', 'KAZ', 'trade', [0])]
>>> doc = extract("Kazakhstan did not support Russia. Uzbekistan could criticise Russia.")
>>> [(r.source, r.target, r.type, r.confidence) for r in doc.relations]
[('UZB', 'RUS', 'criticism', 0.48)]
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from vectorgraph.document import Actor, Evidence, GraphDocument, Relation, Source
from vectorgraph.errors import ArgumentError
from vectorgraph.extract.cues import Cue, find_cues, modality, worsened
from vectorgraph.extract.frames import Candidate, Sentence, objects, pairs
from vectorgraph.extract.gazetteer import Gazetteer, default_gazetteer
from vectorgraph.extract.learned import Proposer, proposer
from vectorgraph.extract.lexicon import Lexicon
from vectorgraph.extract.mentions import Intro, Mention, MentionFinder
from vectorgraph.text import sentence_spans
from vectorgraph.ties import ends, noisy_or, pair
from vectorgraph.vocabulary import RELATION_TYPES, default_weight

__all__ = [
    "ENGINES",
    "PAIR_MEMORY",
    "PARSE_BATCH",
    "Extraction",
    "Text",
    "extract",
    "parsed_sentences",
    "read_texts",
]

#: The extraction engines: a dependency parse (spaCy), or the cue table (fast, no model).
ENGINES = ("parse", "cues")

#: How many sentences "the two countries" may look back for its pair.
PAIR_MEMORY = 8
#: The confidence factor of a possible (modal) claim: "could", "may", "plans to".
_POSSIBLE = 0.6
_ADJACENT = re.compile(r"(?:['’]s)?\s+(?:[a-z\-]+\s+)?")
_RELATION_WORDS = ("relations", "ties", "cooperation", "trade", "partnership")
#: Curly quotes made straight for the parser (same length, so offsets hold): the small
#: English model reads "Russia’s" as a possessive only with a straight apostrophe.
_PLAIN = (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'))
_PRONOUN = re.compile(r"\b(?:[Tt]hey|[Ii]t|[Hh]e|[Ss]he)\b")
#: A word the tree reader may resolve to the sentence before's subject, in any case: a
#: sentence is parsed for its subject alone only when the next one holds one.
_SUBJECT_PRONOUN = re.compile(r"\b(?:they|it|he|she)\b", re.IGNORECASE)
_RELATIONS_NOUN = re.compile(r"(?:relations|ties|cooperation|trade|partnership)\s+with\b")
_WORD = re.compile(r"[a-z]+")


@dataclass
class _Found:
    """A relation being assembled: evidence by sentence and the confidences that support it."""

    source: str
    target: str
    type: str
    directed: bool
    evidence: dict[int, Evidence] = field(default_factory=dict)
    confidences: list[float] = field(default_factory=list)


@dataclass
class Extraction:
    """The raw result for one text: actors seen and relations found, before building a document."""

    source: Source
    actors: dict[str, Actor]
    relations: list[_Found]
    sentences: int


def extract(
    text: str,
    *,
    source_id: str = "text",
    title: str | None = None,
    path: str | None = None,
    min_confidence: float = 0.0,
    gazetteer: Gazetteer | None = None,
    engine: str = "parse",
    model: str | None = None,
    learned: bool | Proposer = False,
) -> GraphDocument:
    """A candidate graph document for one text, valid by construction.

    ``path`` is stored as the source's path (relative to where the document will
    be written) so that quotes can be checked; ``min_confidence`` drops weaker
    relations. ``engine`` is one of :data:`ENGINES`; ``model`` names the spaCy
    pipeline of the parse engine; ``learned`` whether the parse engine's learned
    pair scorer (:mod:`.learned`) proposes the pairs its rules left (off by
    default: its cross-validated gain is small), or the scorer to use.
    """
    found = read_text(
        text,
        source_id=source_id,
        title=title,
        path=path,
        gazetteer=gazetteer,
        engine=engine,
        model=model,
        learned=learned,
    )
    return build_document([found], title=title or found.source.title, min_confidence=min_confidence)


def read_text(
    text: str,
    *,
    source_id: str = "text",
    title: str | None = None,
    path: str | None = None,
    gazetteer: Gazetteer | None = None,
    engine: str = "parse",
    model: str | None = None,
    learned: bool | Proposer = False,
) -> Extraction:
    """Mentions and relations of one text (see the module docstring)."""
    item = Text(text, source_id, title, path)
    found = next(
        read_texts([item], gazetteer=gazetteer, engine=engine, model=model, learned=learned)
    )
    assert not isinstance(found, str)
    return found


class Text(NamedTuple):
    """A text to read, with the source it becomes (:func:`read_texts`)."""

    text: str
    source_id: str = "text"
    title: str | None = None
    path: str | None = None


#: Sentences of consecutive texts that the parse engine parses in one batch: spaCy takes a
#: fifth longer per sentence in batches of one news article's 20 or so.
PARSE_BATCH = 256


def read_texts(
    texts: Iterable[Text | str],
    *,
    gazetteer: Gazetteer | None = None,
    engine: str = "parse",
    model: str | None = None,
    learned: bool | Proposer = False,
) -> Iterator[Extraction | str]:
    """:func:`read_text` of each text in turn; a str (a skip message) passes through in place.

    The parse engine parses the chosen sentences of consecutive texts together,
    about :data:`PARSE_BATCH` at a time (a text's own if it has more), so short
    texts cost no more per sentence than long ones; memory holds one batch of
    texts. A sentence's parse does not depend on the others in its batch, so
    the extraction of a text is the same alone or among others.
    """
    if engine not in ENGINES:
        raise ArgumentError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    if engine == "cues":
        for item in texts:
            yield item if isinstance(item, str) else _finish(_begin(item, gazetteer, engine))
        return
    from vectorgraph.extract.nlp import load_model

    nlp = load_model(model)
    scorer = proposer(learned)
    window: list[_Begun | str] = []
    waiting = 0
    for item in texts:
        if isinstance(item, str):
            window.append(item)
            continue
        begun = _begin(item, gazetteer, engine)
        begun.scorer = scorer
        window.append(begun)
        waiting += len(begun.chosen)
        if waiting >= PARSE_BATCH:
            yield from _parse_window(window, nlp)
            window, waiting = [], 0
    yield from _parse_window(window, nlp)


@dataclass
class _Begun:
    """A text after its first passes: mentions found and resolved, sentences chosen."""

    source: Source
    state: _State
    finder: MentionFinder
    per_sentence: list[list[Mention]]
    focus: str | None
    chosen: list[int]
    scorer: Proposer | None = None  # the learned pair scorer (:mod:`.learned`), if any


def _begin(item: Text, gazetteer: Gazetteer | None, engine: str) -> _Begun:
    """Passes 1 and 2 of a text, and the sentences that the engine reads."""
    text = item.text
    finder = MentionFinder(gazetteer or default_gazetteer())
    spans = sentence_spans(text)
    per_sentence: list[list[Mention]] = []
    intros: list[list[tuple[Intro, Mention, Mention | None]]] = []
    for start, end in spans:
        per_sentence.append(finder.find(text[start:end]))
        intros.append(finder.intros + finder.given if engine == "parse" else finder.intros)
    focus = _focus(per_sentence)
    _resolve(per_sentence, focus)
    source = Source(id=item.source_id, title=item.title or item.source_id, path=item.path)
    state = _State(text, spans, item.source_id, persons_act=engine == "parse")
    for index, mentions in enumerate(per_sentence):
        state.ties(index, mentions, intros[index], focus, finder)
    _people_states(state, finder)
    chosen: list[int] = []
    for index, mentions in enumerate(per_sentence):
        if _relational(mentions, focus, text, spans[index]) or (
            engine == "parse"
            and chosen[-1:] == [index - 1]
            and any(m.id is not None for m in mentions)
            and _PRONOUN.search(text, *spans[index]) is not None
        ):
            chosen.append(index)
    if engine == "parse":
        chosen = _to_parse(state, chosen)
    return _Begun(source, state, finder, per_sentence, focus, chosen)


def _finish(begun: _Begun, docs: Iterable[Any] | None = None) -> Extraction:
    """Pass 3 of a text: the cue table (``docs`` None) or the parses of its chosen sentences."""
    state, per_sentence, focus = begun.state, begun.per_sentence, begun.focus
    if docs is None:
        for index in begun.chosen:
            state.relations(index, per_sentence[index], focus)
    else:
        _read_parses(state, begun.chosen, docs, per_sentence, focus, begun.scorer)
    actors = _actors(per_sentence, begun.finder, state)
    return Extraction(begun.source, actors, list(state.found.values()), len(state.spans))


def _parse_window(window: list[_Begun | str], nlp: Any) -> list[Extraction | str]:
    """The extractions of a window of texts, their chosen sentences parsed in one batch."""
    from vectorgraph.extract.nlp import one_thread

    texts = (_parser_input(b, i) for b in window if not isinstance(b, str) for i in b.chosen)
    with one_thread():  # left before the results are handed on: the limit is the process's
        docs = nlp.pipe(texts, batch_size=PARSE_BATCH)
        return [
            b if isinstance(b, str) else _finish(b, itertools.islice(docs, len(b.chosen)))
            for b in window
        ]


def _parser_input(begun: _Begun, index: int) -> str:
    """The text of a chosen sentence as the parser reads it (straight quotes)."""
    start, end = begun.state.spans[index]
    text = begun.state.text[start:end]
    for curly, straight in _PLAIN:  # str.replace: ~40x str.translate's speed on a sentence
        text = text.replace(curly, straight)
    return text


def parsed_sentences(text: str, *, gazetteer: Gazetteer | None = None) -> list[str]:
    """The sentences of a text that the parse engine hands to spaCy, as it hands them.

    Those that pass its gate (the module docstring, pass 3), in order; the rest
    are never parsed.

    >>> parsed_sentences("Inflation slowed. Russia and China held talks. Prices rose.")
    ['Russia and China held talks.']
    """
    begun = _begin(Text(text), gazetteer, "parse")
    return [_parser_input(begun, i) for i in begun.chosen]


def _relational(
    mentions: list[Mention], focus: str | None, text: str, span: tuple[int, int]
) -> bool:
    """Whether a sentence may hold a relation: two actors, or one and "relations with"."""
    named = len({m.id for m in mentions if m.id is not None and not m.attribute})
    return named >= 2 or (named == 1 and focus is not None and _implied(text, span))


def _to_parse(state: _State, chosen: list[int]) -> list[int]:
    """The chosen sentences that the parse engine parses: those that may yield a relation
    (:func:`_may_relate`), and those whose subject the next one's pronoun may need."""
    from vectorgraph.extract.lexicon import default_lexicon

    lexicon = default_lexicon()
    heads, seen = _gate(lexicon)
    wanted = set(chosen)
    return [
        i
        for i in chosen
        if (i + 1 in wanted and _SUBJECT_PRONOUN.search(state.text, *state.spans[i + 1]))
        or _may_relate(
            state.text[state.spans[i][0] : state.spans[i][1]].lower(), lexicon, heads, seen
        )
    ]


def _read_parses(
    state: _State,
    chosen: list[int],
    docs: Iterable[Any],
    per_sentence: list[list[Mention]],
    focus: str | None,
    scorer: Proposer | None = None,
) -> None:
    """The parse engine's reading of the chosen sentences, given their parses in order.

    Each sentence is read from its dependency tree (:mod:`.parse`) and by the
    cue table (:meth:`_State.relations`) over the same mentions; the relations
    of both are merged as every relation is, by (source, target, type). Then
    ``scorer`` (:mod:`.learned`) may propose pairs of the sentence that neither related.
    """
    from vectorgraph.extract.lexicon import default_lexicon
    from vectorgraph.extract.parse import read
    from vectorgraph.extract.roles import last_blocs, meeting_bodies
    from vectorgraph.extract.tree import Near, Spans

    lexicon = default_lexicon()
    before: tuple[int, list[Mention]] = (-2, [])
    meetings = meeting_bodies(state.text, state.spans, per_sentence) if chosen else []
    blocs = last_blocs(per_sentence) if chosen else []
    for index, doc in zip(chosen, docs):
        antecedents = before[1] if before[0] == index - 1 else []
        spans = Spans(doc)  # the mentions' tokens, for both readers
        claims, subjects = read(
            doc,
            per_sentence[index],
            lexicon,
            focus,
            antecedents,
            spans,
            meetings[index],
            blocs[index],
        )
        before = (index, subjects)
        for claim in claims:
            a, b = claim.source, claim.target
            if a.id is not None and b.id is not None:
                state.add(index, a.id, b.id, claim.type, claim.confidence, a, b)
        mentions = per_sentence[index]
        if _relational(mentions, focus, state.text, state.spans[index]):
            # the cue table reads it too, pairing only mentions near in the tree
            state.relations(index, mentions, focus, Near(spans))
        if scorer is not None:  # the pairs the rules left, scored
            for c in scorer.propose(index, spans, mentions, state.pairs_at(index), lexicon):
                a, b = c.source, c.target
                state.add(index, str(a.id), str(b.id), c.type, c.confidence, a, b)


class _Word(NamedTuple):
    """A word as :meth:`Lexicon.lemma` reads a token: its lower-case text and a tag."""

    lower_: str
    tag_: str


#: The lexicon's predicate heads and each word's answer (:func:`_may_relate`), kept from text
#: to text for the lexicon they were read from; bounded, so memory stays flat.
_GATE: list[tuple[Lexicon, frozenset[str], dict[str, bool]]] = []
_MAX_GATE_WORDS = 500_000


def _gate(lexicon: Lexicon) -> tuple[frozenset[str], dict[str, bool]]:
    if not _GATE or _GATE[0][0] is not lexicon or len(_GATE[0][2]) > _MAX_GATE_WORDS:
        _GATE[:] = [(lexicon, _heads(lexicon), {})]
    return _GATE[0][1], _GATE[0][2]


def _heads(lexicon: Lexicon) -> frozenset[str]:
    """The lemmas the tree reader can take as a predicate, a role or a "-led" word."""
    verbs = {v.split()[0] for v in lexicon.verbs}  # "hold back": the verb's own lemma
    return frozenset(verbs | {*lexicon.nouns, *lexicon.adjectives, *lexicon.roles, *lexicon.led})


def _may_relate(lower: str, lexicon: Lexicon, heads: frozenset[str], seen: dict[str, bool]) -> bool:
    """Whether a lower-cased sentence can yield a relation: a cue, or a word of the lexicon.

    Each word is lemmatised as a verb, a noun and an adjective (the tree reader
    uses one of those; ``seen`` keeps the answer per word); a sentence with
    neither a cue nor such a word ("X and Y, the region's largest economies,
    have offered to mediate") gives neither reader anything, so it is not parsed.
    """
    for word in _WORD.findall(lower):
        found = seen.get(word)
        if found is None:
            found = seen[word] = any(
                lexicon.lemma(_Word(word, tag)) in heads for tag in ("VB", "NN", "JJ")
            )
        if found:
            return True
    return next(find_cues(lower), None) is not None


def _implied(text: str, span: tuple[int, int]) -> bool:
    """Whether a one-actor sentence may speak of the focus state's ties ("Relations with X")."""
    sentence = text[span[0] : span[1]]
    if " with " not in sentence:
        return False
    low = sentence.lower()
    return any(f"{word} with " in low for word in _RELATION_WORDS)


def _focus(per_sentence: list[list[Mention]]) -> str | None:
    """The state named most often (strictly), the text's subject; None on a tie."""
    counts = Counter(m.id for ms in per_sentence for m in ms if m.type == "state" and m.id)
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2) + [(None, 0)]
    return best if n > rest[0][1] else None


def _resolve(per_sentence: list[list[Mention]], focus: str | None) -> None:
    """Resolve "the country" and "the two countries" in place; drop what is unsafe.

    "The country" is the last state named, when that state is the focus of the
    text or was the only state of its sentence. "The two countries" is the two
    states named last, when both were named within :data:`PAIR_MEMORY` sentences.
    Demonyms that only describe a person or company ("Chinese carmaker") do not count.
    """
    last_state: str | None = None
    last_region: str | None = None
    last_bloc: str | None = None
    last_alone = False
    recent: list[tuple[str, int]] = []  # (state, sentence), most recent last
    for index, mentions in enumerate(per_sentence):
        states = {
            m.id
            for m in mentions
            if m.type == "state" and m.kind not in ("ref", "pair") and not m.attribute
        }
        out: list[Mention] = []
        for m in mentions:
            if m.kind in ("region", "bloc"):  # "the region", "the alliance": the last one named
                last = last_region if m.kind == "region" else last_bloc
                if last is not None:
                    m.id = last
                    out.append(m)
                continue
            if m.type == "region" and m.id:
                last_region = m.id
            if m.type == "organisation" and m.id:
                last_bloc = m.id
            if m.kind == "ref":
                if last_state is not None and (last_state == focus or last_alone):
                    m.id = last_state
                    out.append(m)
                    recent.append((last_state, index))
                continue
            if m.kind == "pair":
                pair: list[tuple[str, int]] = []
                for sid, at in reversed(recent):
                    if all(sid != p for p, _ in pair):
                        pair.append((sid, at))
                    if len(pair) == 2:
                        break
                if len(pair) == 2 and index - pair[1][1] <= PAIR_MEMORY:
                    second, first = pair[0][0], pair[1][0]
                    m.id = first
                    out.append(m)
                    out.append(Mention(second, m.start, m.end, m.text, "state", "pair"))
                continue
            out.append(m)
            if m.type == "state" and m.id and not m.attribute:
                last_state = m.id
                last_alone = len(states) == 1
                recent.append((m.id, index))
        if len(recent) > 32:
            del recent[:-8]
        mentions[:] = out


class _State:
    """The relations of one text as they are found, keyed by (source, target, type)."""

    def __init__(
        self, text: str, spans: list[tuple[int, int]], source_id: str, persons_act: bool = False
    ) -> None:
        self.text = text
        #: Persons' acts are their own (annotation-guide.md); the cue engine's older
        #: reading lets a person stand for their state in relations with non-persons.
        self.persons_act = persons_act
        self.spans = spans
        self.source_id = source_id
        self.found: dict[tuple[str, str, str], _Found] = {}
        self.person_states: dict[str, Counter[str]] = {}
        self.seats: dict[str, set[str]] = {}  # a company's states (``based_in``), as it is tied

    def evidence(self, index: int, a: Mention | None, b: Mention | None) -> Evidence:
        start, end = self.spans[index]
        return Evidence(
            source=self.source_id,
            quote=self.text[start:end],
            sentence=index,
            start=start,
            end=end,
            source_span=(start + a.start, start + a.end) if a is not None and a.text else None,
            target_span=(start + b.start, start + b.end) if b is not None and b.text else None,
        )

    def add(
        self,
        index: int,
        source: str,
        target: str,
        type: str,
        confidence: float,
        a: Mention | None,
        b: Mention | None,
    ) -> None:
        if source == target or (RELATION_TYPES[type].sign and self.own(source, target)):
            return
        directed = RELATION_TYPES[type].directed
        key = (*ends(source, target, directed), type)
        item = self.found.get(key)
        if item is None:
            item = self.found[key] = _Found(source, target, type, directed)
        if item.source != source:
            a, b = b, a
        if index not in item.evidence:
            item.evidence[index] = self.evidence(index, a, b)
        item.confidences.append(confidence)

    def pairs_at(self, index: int) -> dict[tuple[str, str], set[int]]:
        """The actor pairs (:func:`~vectorgraph.ties.pair`) related so far in one sentence,
        each with the signs of its relations there."""
        out: dict[tuple[str, str], set[int]] = {}
        for f in self.found.values():
            if index in f.evidence:
                out.setdefault(pair(f.source, f.target), set()).add(RELATION_TYPES[f.type].sign)
        return out

    def own(self, a: str, b: str) -> bool:
        """Whether one of two actors is a person who leads or serves the other, or a company
        based in it: their tie is that role alone, not also a visit or a partnership
        (annotation-guide.md; "KazMunayGas, a Kazakh state-owned company, signed")."""
        return (
            b in self.person_states.get(a, ())
            or a in self.person_states.get(b, ())
            or b in self.seats.get(a, ())
            or a in self.seats.get(b, ())
        )

    def ties(
        self,
        index: int,
        mentions: list[Mention],
        intros: list[tuple[Intro, Mention, Mention | None]],
        focus: str | None,
        finder: MentionFinder,
    ) -> None:
        """Leadership, office and seat ties of the persons and companies introduced here."""
        states = list(
            dict.fromkeys(m.id for m in mentions if m.type == "state" and m.id and not m.attribute)
        )
        for tie, mention, named in intros:
            target, conf, span = tie.state, 0.9, named
            if target is None and tie.state_ref:
                ref = next((m for m in mentions if m.kind == "ref" and m.id), None)
                target, conf, span = (ref.id, 0.8, ref) if ref else (None, 0.0, None)
            known = finder.people.get(tie.id) if tie.type == "person" else None
            if target is None and known is not None and known.state:
                target, conf, span = known.state, 0.7, None
            if target is None and tie.type == "person" and len(states) == 1:
                # "Turkey is watching BRICS, Foreign Minister Hakan Fidan said": the state
                # the sentence opens with, before the person, is theirs
                first = next(m for m in mentions if m.id == states[0])
                if first.end <= mention.start:
                    target, conf, span = states[0], 0.5, first
            if target is None and tie.type == "person" and focus is not None:
                target, conf, span = focus, 0.5, None
            if target is None and tie.type == "person" and len(states) == 1:
                target, conf = states[0], 0.4
                span = next(m for m in mentions if m.id == target)
            if target is None or tie.role is None:
                continue
            if tie.type == "person":
                self.person_states.setdefault(tie.id, Counter())[target] += 1
            elif tie.role == "based_in":
                self.seats.setdefault(tie.id, set()).add(target)
            self.add(index, tie.id, target, tie.role, conf, mention, span)

    def relations(
        self,
        index: int,
        mentions: list[Mention],
        focus: str | None,
        near: Callable[[Mention, Mention], bool] | None = None,
    ) -> None:
        """The relations that the cues of one sentence assert between its mentions (only
        those pairs that ``near`` accepts, when given: the parse engine's tree)."""
        covered = [(m.start, m.end) for m in mentions if m.attribute]
        mentions = [m for m in mentions if not m.attribute and m.id is not None]
        start, end = self.spans[index]
        text = self.text[start:end]
        found = list(find_cues(text.lower()))
        if not found:
            return
        sentence = Sentence.read(text, mentions, covered)
        lower = sentence.lower
        previous: list[Candidate] = []
        for cue, _, cs, ce in found:
            if any(m.start <= cs and ce <= m.end for m in mentions):
                continue  # "Collective Security Treaty Organization" is a name, not a cue
            mood = modality(lower, cs)
            candidates = pairs(cue, cs, ce, sentence)
            if not candidates and mood != "negated":
                candidates = _fallback(cue, cs, ce, sentence, focus, previous)
            kept = []
            for a, b, rtype, factor in candidates:
                if near is not None and not near(a, b):
                    continue  # first: the tests below have no effect on a pair left out
                own = mood
                if mood == "negated":
                    if (
                        (a.possessive or a.kind == "demonym")
                        and a.end <= cs
                        and _ADJACENT.fullmatch(lower, a.end, cs)
                    ):
                        own = None  # "refused to join Western sanctions": still Western
                    elif cue.flip is not None:
                        rtype = cue.flip if rtype == cue.type else rtype
                    else:
                        continue
                elif RELATION_TYPES[rtype].sign > 0:
                    rtype = worsened(lower, ce) or rtype  # "relations ... have cooled"
                kept.append((a, b, rtype, factor))
                self._relate(
                    index,
                    a,
                    b,
                    rtype,
                    cue.confidence * factor * (_POSSIBLE if own == "possible" else 1.0),
                )
            if kept:
                previous = kept

    def _relate(self, index: int, a: Mention, b: Mention, rtype: str, conf: float) -> None:
        source, target = self._actor_of(a, b), self._actor_of(b, a)
        if source is None or target is None:
            return
        self.add(index, source, target, rtype, conf, a, b)
        if a.type == b.type == "person":  # the leaders' states meet too
            sa, sb = self._state_of(a), self._state_of(b)
            if sa and sb and sa != sb:
                self.add(index, sa, sb, rtype, conf * 0.8, a, b)

    def _state_of(self, m: Mention) -> str | None:
        counts = self.person_states.get(m.id or "")
        return counts.most_common(1)[0][0] if counts else None

    def _actor_of(self, m: Mention, other: Mention) -> str | None:
        """Persons stand for their state in relations with non-persons (unless they act)."""
        if m.type != "person" or other.type == "person" or self.persons_act:
            return m.id
        counts = self.person_states.get(m.id or "")
        return counts.most_common(1)[0][0] if counts else None


def _fallback(
    cue: Cue, cs: int, ce: int, s: Sentence, focus: str | None, previous: list[Candidate]
) -> list[Candidate]:
    """Weaker readings of the cue at ``cs:ce`` when its frame found no pair (see each helper)."""
    if cue.type == "investment" and cue.frame == "svo" and focus:
        found = _unlocated(cs, s, focus)
        if found:
            return found
    if focus and _RELATIONS_NOUN.match(s.lower, cs):
        found = _implicit(cue, cs, ce, s, focus)
        if found:
            return found
    if cue.frame in ("sym", "between") and previous:
        lo, _ = s.bounds(cs, ce)
        if not any(lo <= m.start < ce for m in s.mentions):
            return [(a, b, cue.type, 0.6) for a, b, _, _ in previous[:1]]
    return []


def _implicit(cue: Cue, cs: int, ce: int, s: Sentence, focus: str) -> list[Candidate]:
    """ "Relations with Russia are cordial": the text's focus state is the other party."""
    lo, hi = s.bounds(cs, ce)
    if any(lo <= m.start < cs for m in s.mentions):
        return []
    right = [i for i, m in enumerate(s.mentions) if ce <= m.start < hi]
    obj = objects(cue, ce, s, right)
    me = Mention(focus, cs, ce, "", "state", "ref")
    return [(me, s.mentions[i], cue.type, 0.5) for i in obj if s.mentions[i].id != focus]


def _unlocated(cs: int, s: Sentence, focus: str) -> list[Candidate]:
    """Companies that open plants without a place named invest in the focus state."""
    lo, _ = s.bounds(cs, cs)
    mentions = s.mentions
    left = [i for i, m in enumerate(mentions) if lo <= m.start < cs and m.type == "company"]
    if not left:
        return []
    place = Mention(focus, mentions[left[0]].start, mentions[left[0]].end, "", "state", "ref")
    return [(mentions[i], place, "investment", 0.5) for i in left if s.group[i] == s.group[left[0]]]


def _people_states(state: _State, finder: MentionFinder) -> None:
    """A state named in a person's title wins over the states inferred from context."""
    for pid, intro in finder.people.items():
        if intro.type == "person" and intro.state:
            state.person_states[pid] = Counter({intro.state: 1})


def _actors(
    per_sentence: list[list[Mention]], finder: MentionFinder, state: _State
) -> dict[str, Actor]:
    gaz = finder.gazetteer
    forms: dict[str, set[str]] = {}
    types: dict[str, str] = {}
    for mentions in per_sentence:
        for m in mentions:
            if m.id is None or m.kind in ("ref", "pair", "region", "bloc"):
                continue
            forms.setdefault(m.id, set()).add(m.text)
            types[m.id] = m.type
    for item in state.found.values():
        for aid in (item.source, item.target):
            forms.setdefault(aid, set())
    actors: dict[str, Actor] = {}
    for aid, seen in forms.items():
        entry = gaz.actors.get(aid)
        intro = finder.people.get(aid)
        if entry is not None:
            name, kind, members = entry.name, entry.type, entry.members
        elif intro is not None:
            name, kind, members = intro.name, intro.type, ()
        else:
            name, kind, members = aid, types.get(aid, "other"), ()
        aliases = tuple(sorted(f for f in seen if f != name))[:8]
        actors[aid] = Actor(id=aid, name=name, type=kind, aliases=aliases, members=members)
    for aid, actor in list(actors.items()):
        if actor.members:
            kept = tuple(m for m in actor.members if m in actors)
            actors[aid] = Actor(
                id=aid, name=actor.name, type=actor.type, aliases=actor.aliases, members=kept
            )
    return actors


def _confidence(values: list[float]) -> float:
    """The noisy-or of a relation's confidences, each and the whole at most 0.99."""
    return round(min(0.99, noisy_or(min(v, 0.99) for v in values)), 3)


def build_document(
    extractions: list[Extraction],
    *,
    title: str,
    min_confidence: float = 0.0,
    description: str | None = None,
) -> GraphDocument:
    """One document from the extractions of one or more texts (merged by actor and relation)."""
    actors: dict[str, Actor] = {}
    merged: dict[tuple[str, str, str], tuple[list[Evidence], list[float], _Found]] = {}
    for ex in extractions:
        for aid, actor in ex.actors.items():
            if aid not in actors:
                actors[aid] = actor
            elif actor.aliases:
                known = actors[aid]
                aliases = tuple(sorted(set(known.aliases) | set(actor.aliases)))[:8]
                members = tuple(sorted(set(known.members) | set(actor.members)))
                actors[aid] = Actor(
                    id=aid, name=known.name, type=known.type, aliases=aliases, members=members
                )
        for item in ex.relations:
            key = (*ends(item.source, item.target, item.directed), item.type)
            evidence = [item.evidence[i] for i in sorted(item.evidence)]
            if key in merged:
                merged[key][0].extend(evidence)
                merged[key][1].extend(item.confidences)
            else:
                merged[key] = (evidence, list(item.confidences), item)
    relations = []
    for evidence, confidences, item in merged.values():
        conf = _confidence(confidences)
        if conf < min_confidence:
            continue
        kind = RELATION_TYPES[item.type]
        relations.append(
            Relation(
                source=item.source,
                target=item.target,
                type=item.type,
                sign=kind.sign,
                score=kind.score,
                weight=default_weight(kind.score),
                directed=item.directed,
                evidence=tuple(evidence),
                confidence=conf,
            )
        )
    relations.sort(key=lambda r: (-(r.confidence or 0), r.source, r.target, r.type))
    kept = {a for r in relations for a in (r.source, r.target)}
    ordered = sorted(actors.values(), key=lambda a: (a.id not in kept, a.type, a.id))
    return GraphDocument(
        title=title,
        description=description or "Candidate graph extracted by vectorgraph; review before use.",
        sources=tuple(ex.source for ex in extractions),
        actors=tuple(ordered),
        relations=tuple(relations),
    )
