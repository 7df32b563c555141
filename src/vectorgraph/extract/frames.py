"""Argument frames: which mentions of a sentence a cue relates, and in which direction.

A sentence's mentions are grouped into lists ("Russia, China and the West"), and
cut into clauses (at ";", ":", dashes, "that", "which", "but", "while" ...). For
a cue, the *subject* is the leftmost list in its clause before the cue, the
*modifier* is a possessive or adjective right before it ("Russia's partners",
"Western sanctions") and the *object* is the list that follows it closely.
:func:`pairs` turns these into ``(source, target, type, factor)`` candidates
with the frame's function in :data:`FRAMES`, reading one :class:`Sentence`; the
factor scales the cue's confidence down for weaker readings.

Examples
--------
>>> from vectorgraph.extract.mentions import TITLE_WORDS, Mention
>>> s = "Russia, China and the West"
>>> ms = [Mention("RUS", 0, 6, "Russia", "state"), Mention("CHN", 8, 13, "China", "state"),
...       Mention("WEST", 22, 26, "West", "region")]
>>> groups(s, ms)
[0, 0, 0]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vectorgraph.extract.cues import Cue
from vectorgraph.extract.mentions import TITLE_WORDS, Mention

__all__ = ["FRAMES", "TOPIC_WORDS", "Sentence", "clauses", "groups", "objects", "pairs"]

Candidate = tuple[Mention, Mention, str, float]

_LIST_GAP = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as|&)\s+|[-–/]|)(?:the\s+)?"
)
#: The lookahead names the branches' first characters: a place where none can start fails at
#: one test, not at each branch (12.0 -> 8.2 us per sentence on the benchmark's, same matches).
_CLAUSE = re.compile(
    r"(?=[;:\s,abhtw])(?:[;:]|\s[–—]\s|,\s*(?:which|who|while|whereas|although|though|but|"
    r"so|yet|and)\b|(?:but|although|though|whereas|while|that|because|however)\b)"
)
_AND = re.compile(r",\s+and\s+(?:the\s+)?")
_COMPANY_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)(?:[\w\-]+\s+){0,6}")
_NEAR_GAP = re.compile(r"\s*(?:(?:against|on|from|by|of|to|with)\s+)?(?:the\s+)?")
_MODIFIER_GAP = re.compile(r"(?:\s+[a-z][a-z\-]*){0,2}\s+")
_WINDOW = 50
# a list right after one of these is a prepositional object, not the subject
_PREP_BEFORE = re.compile(
    r"\b(?:in|between|at|from|to|with|like|unlike|after|before|despite|"
    r"near|across|among|against|towards?)\s+(?:the\s+)?$"
)
_OWN = re.compile(r"\bfor\s+(?:[a-z\-]+\s+){0,3}$|\bover\s+(?:its|their)\s+(?:[a-z\-]+\s+){0,2}$")
_LINK = re.compile(r"\b(?:with|to|between|against|from|on|into|by)\s+(?:the\s+)?(?:[a-z\-]+\s+)?$")
_PREPOSITION = re.compile(
    r"\b(?:at|in|to|from|into|through|via|near|of|for|on)\s+(?:the\s+)?"
    r"(?:[\w\-]+,?\s+(?:and|or)\s+)?$"
)
_TO = re.compile(r"\b(?:to|into|in)\s+(?:the\s+)?$")
_FROM = re.compile(r"\b(?:from|out\s+of|of)\s+(?:the\s+)?$")
_CAPITAL_WORD = re.compile(r"\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\w\-]*")
_REV_GAP = re.compile(r"\s*(?:[a-z\-]+\s+){0,5}")
_DEFINITE = re.compile(r"\bthe\s+(?:[a-z\-]+\s+)?$")
_VENUE = re.compile(r"\s*(?:held\s+)?(?:in|at)\s")
#: What a cooperative predicate is about, not whom it is with: "a dialogue on Afghanistan"
#: (the tree reader, :mod:`.parse`, reads the same words so).
TOPIC_WORDS = frozenset(("on", "over", "about"))
_TOPIC = re.compile(rf"\s+(?:{'|'.join(sorted(TOPIC_WORDS))})\s+(?:the\s+)?")


def groups(
    sentence: str, mentions: Sequence[Mention], covered: Sequence[tuple[int, int]] = ()
) -> list[int]:
    """A list index per mention: neighbours joined by commas, "and", "or" or a hyphen share one.

    Descriptive words between list members do not break the list: in "Kazakh
    President Tokayev and Uzbek President Mirziyoyev" the demonyms (``covered``)
    and titles are skipped.
    """
    out: list[int] = []
    g = -1
    prev: Mention | None = None
    closed = False  # a list ends with its "and": "Russia and China, Mongolia ..." is two
    for m in mentions:
        gap = sentence[prev.end : m.start] if prev is not None and m.start >= prev.end else ""
        if prev is None or not (
            m.start == prev.start
            or (
                not closed
                and m.start >= prev.end
                and _is_list_gap(sentence, prev.end, m.start, covered)
            )
            or (
                m.type == prev.type == "company"
                and _COMPANY_GAP.fullmatch(sentence, prev.end, m.start)
            )
        ):
            g += 1
            closed = False
        elif " and " in gap or " or " in gap or "&" in gap or " as well as " in gap:
            closed = True
        out.append(g)
        prev = m
    return out


def _is_list_gap(sentence: str, start: int, end: int, covered: Sequence[tuple[int, int]]) -> bool:
    if _LIST_GAP.fullmatch(sentence, start, end):
        return True
    if not any(start <= a < end for a, _ in covered) and not any(
        w in TITLE_WORDS for w in sentence[start:end].split()
    ):
        return False
    kept = [
        w
        for w in _CAPITAL_WORD.sub(
            lambda x: (
                ""
                if x.group() in TITLE_WORDS or any(a <= start + x.start() < b for a, b in covered)
                else x.group()
            ),
            sentence[start:end],
        ).split()
    ]
    return _LIST_GAP.fullmatch(" " + " ".join(kept) + " ") is not None


def clauses(lower: str, mentions: Sequence[Mention] = ()) -> list[int]:
    """The start offsets of the clauses of a lower-cased sentence (the first is 0).

    ", and" starts a clause unless a mention follows it (the end of a list).
    A clause that starts with ", and" is stored negated (``-start``) so that
    :func:`pairs` may borrow the subject of the clause before (subject ellipsis).
    """
    starts = {m.start for m in mentions}
    ends = {m.end for m in mentions}
    out = [0]
    for m in _CLAUSE.finditer(lower):
        at = m.start()
        if at and lower[at].isalpha() and lower[at - 1].isalpha():
            continue  # inside a word: "somewhat", "thatch"
        if m.group().startswith(","):
            tail = _AND.match(lower, m.start())
            if tail is None:
                out.append(m.start())
                continue
            if (
                tail.end() in starts
                and m.start() in ends
                and not _after_preposition(lower, m.start(), mentions)
            ):
                continue  # "Russia, China, and the West": the end of a list
            out.append(-m.start() if m.start() else 0)
        else:
            out.append(m.start())
    return out


def _blocked(sentence: str, start: int, end: int, covered: Sequence[tuple[int, int]]) -> bool:
    """Whether an unknown name stands between a cue and its object ("withdrew from Karabakh after")."""
    for m in _CAPITAL_WORD.finditer(sentence, start, end):
        if m.group() in TITLE_WORDS or any(a <= m.start() < b for a, b in covered):
            continue
        # "discussed a Trans-Caspian pipeline with X": a name used as an adjective
        return _LINK.search(sentence, m.end(), end) is None
    return False


def _after_preposition(lower: str, at: int, mentions: Sequence[Mention]) -> bool:
    """Whether the list of mentions ending at ``at`` follows a preposition ("at Aktau and Baku")."""
    first = None
    for m in reversed(mentions):
        if m.end > at:
            continue
        if first is not None and not _LIST_GAP.fullmatch(lower, m.end, first.start):
            break
        first = m
    return first is not None and _PREPOSITION.search(lower, 0, first.start) is not None


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence as the cue frames read it.

    ``text`` and its lower-cased ``lower``; the ``mentions`` that may be
    arguments, their list index (``group``, from :func:`groups`), the clause
    starts (``cuts``, from :func:`clauses`) and ``covered``, the spans of
    descriptive mentions ("Kazakh" in "Kazakh President Tokayev") that are not
    arguments but do not block one either.
    """

    text: str
    lower: str
    mentions: Sequence[Mention]
    group: Sequence[int]
    cuts: Sequence[int]
    covered: Sequence[tuple[int, int]] = ()

    @classmethod
    def read(
        cls, text: str, mentions: Sequence[Mention], covered: Sequence[tuple[int, int]] = ()
    ) -> Sentence:
        """A sentence with its lists and clauses found."""
        lower = text.lower()
        return cls(
            text,
            lower,
            mentions,
            groups(text, mentions, covered),
            clauses(lower, mentions),
            covered,
        )

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``start:end``: where it starts and ends."""
        cuts = sorted(map(abs, self.cuts))
        lo = cuts[bisect.bisect_right(cuts, start) - 1]  # the last cut at or before ``start``
        after = bisect.bisect_left(cuts, end)  # the first cut at or after ``end``
        hi = cuts[after] if after < len(cuts) else len(self.lower)
        return lo, hi


def objects(cue: Cue, end: int, s: Sentence, right: Sequence[int]) -> list[int]:
    """The indices of the list that follows the cue closely enough to be its object."""
    if not right:
        return []
    first = s.mentions[right[0]]
    gap = s.text[end : first.start]
    if first.start - end > _WINDOW or _blocked(s.text, end, first.start, s.covered):
        return []
    if cue.frame in ("sym", "between") and _VENUE.match(s.lower, end):
        return []  # "held talks in Ankara": a venue
    if cue.frame in ("sym", "between") and _TOPIC.fullmatch(s.lower, end, first.start):
        return []  # "a dialogue on Afghanistan": the topic, as the tree reads it
    if cue.frame == "rev" and not _REV_GAP.fullmatch(gap):
        return []
    return [i for i in right if s.group[i] == s.group[right[0]]]


@dataclass(slots=True)  # not frozen: a frozen one costs ~3x as much to build, once per cue
class _Site:
    """A cue at ``start:end`` and the lists around it (indices into the sentence's mentions).

    ``left``/``right`` are the mentions of its clause before and after it;
    ``obj`` the list that follows closely; ``subject`` the leftmost list before
    it; ``nearest`` the list right before it; ``modifier`` a possessive or
    adjective right before it ("Russia's partners", "Western sanctions");
    ``src`` the modifier if any, else the subject.
    """

    cue: Cue
    start: int
    end: int
    left: list[int]
    right: list[int]
    obj: list[int]
    subject: list[int]
    nearest: list[int]
    modifier: int | None
    src: list[int]


def _site(cue: Cue, start: int, end: int, s: Sentence) -> _Site:
    mentions, group, lower = s.mentions, s.group, s.lower
    lo, hi = s.bounds(start, end)
    left = [i for i, m in enumerate(mentions) if lo <= m.start and m.end <= start]
    right = [i for i, m in enumerate(mentions) if end <= m.start < hi]
    obj = objects(cue, end, s, right)
    if not left and -lo in s.cuts and lo:
        before = [c for c in sorted(map(abs, s.cuts)) if c < lo]
        prev = max(before) if before else 0
        left = [i for i, m in enumerate(mentions) if prev <= m.start and m.end <= lo]
    modifier = None
    if left:
        last = mentions[left[-1]]
        gap = lower[last.end : start]
        if gap.startswith(("'s", "’s")):
            gap = gap[2:]
        if (
            (last.possessive or last.kind == "demonym")
            and last.type != "person"
            and _MODIFIER_GAP.fullmatch(gap)
        ):
            modifier = left[-1]
        elif cue.frame == "rev" and gap == " " and last.type != "person":
            modifier = left[-1]  # "CSTO peacekeepers"
    heads = [i for i in left if i == left[0] or group[i] != group[i - 1]]
    if len(heads) > 1:
        heads = [
            i
            for i in heads
            if not _PREP_BEFORE.search(lower, max(0, mentions[i].start - 16), mentions[i].start)
        ] or heads[:1]
    subject = [i for i in left if group[i] == group[heads[0]]] if left else []
    if (
        cue.type in ("armed_conflict", "sanctions")
        and _DEFINITE.search(lower[max(0, start - 20) : start])
        and not (left and not lower[mentions[left[-1]].end : start].strip())
    ):
        subject = []  # "the war in Ukraine": a noun phrase, the sentence's subject is no party
        #               (but "The EU imposed sanctions": "the" belongs to the actor)
    if modifier is not None and modifier in subject:
        rest = [i for i in left if i != modifier and group[i] != group[modifier]]
        subject = [i for i in rest if group[i] == group[rest[0]]] if rest else []
    nearest = [i for i in left if group[i] == group[left[-1]]] if left else []
    if (
        nearest
        and modifier is None
        and ("for " in lower[lo:start] or "over " in lower[lo:start])
        and _OWN.search(lower, lo, start)
    ):
        subject = nearest  # "criticised X for its cooperation with Y", "for shipping ...": X
    if (
        modifier is not None
        and obj
        and cue.frame != "rev"
        and not _NEAR_GAP.fullmatch(lower, end, mentions[obj[0]].start)
    ):
        obj = []  # "Western sanctions began ... through Kazakhstan": not the target
    src = [modifier] if modifier is not None else subject
    return _Site(cue, start, end, left, right, obj, subject, nearest, modifier, src)


def _cross(
    s: Sentence, t: _Site, a: list[int], b: list[int], factor: float = 1.0
) -> list[Candidate]:
    m = s.mentions
    return [(m[x], m[y], t.cue.type, factor) for x in a for y in b if m[x].id != m[y].id]


def _within(s: Sentence, t: _Site, a: list[int], factor: float = 1.0) -> list[Candidate]:
    m = s.mentions
    return [
        (m[x], m[y], t.cue.type, factor)
        for n, x in enumerate(a)
        for y in a[n + 1 :]
        if m[x].id != m[y].id
    ]


_FROM_END = re.compile(r"\bfrom\s+(?:the\s+)?$")
_TO_END = re.compile(r"\b(?:to|into)\s+(?:the\s+)?$")


def _flow(s: Sentence, t: _Site) -> list[Candidate]:
    """Goods "from A and B (through C) to D": the flow runs from A and B to D, and whoever
    carries it is no party to it."""
    if t.cue.type not in ("trade", "reexport") or not t.obj:
        return []
    first, last = s.mentions[t.obj[0]], s.mentions[t.obj[-1]]
    if not _FROM_END.search(s.lower, max(0, first.start - 12), first.start):
        return []
    later = [i for i in t.right if s.mentions[i].start >= last.end]
    to = next((i for i in later if _TO_END.search(s.lower, 0, s.mentions[i].start)), None)
    if to is None:
        return []
    return _cross(s, t, t.obj, [i for i in later if s.group[i] == s.group[to]])


def _svo(s: Sentence, t: _Site) -> list[Candidate]:
    """Subject (or modifier) before the cue, object after it: "X imposed sanctions on Y"."""
    flow = _flow(s, t)
    if flow:
        return flow
    if t.src and t.obj:
        return _cross(s, t, t.src, t.obj)
    if t.modifier is not None and t.subject:
        return _cross(s, t, [t.modifier], t.subject, 0.8)
    return []


_MEETING_OF = re.compile(r"\b(?:meeting|summit|session|gathering|conference)s?\s+of\s+(?:the\s+)?$")


def _sym(s: Sentence, t: _Site) -> list[Candidate]:
    """Undirected: "ties between X and Y", "X and Y held talks", "X held talks with Y"."""
    obj, cue_text = t.obj, s.lower[t.start : t.end]
    if obj and t.src and _MEETING_OF.search(s.lower, t.end, s.mentions[obj[0]].start):
        # "A and B will discuss it at the meeting of EU ministers": members of the EU, as the
        # tree reads a format's meeting (parse.gatherings)
        body = s.mentions[obj[0]]
        if body.type == "organisation":
            return [
                (s.mentions[i], body, "member_of", 1.0)
                for i in t.src
                if s.mentions[i].type == "state"
            ]
    if obj and (t.cue.frame == "between" and len(obj) > 1 and "between" in cue_text):
        return _within(s, t, obj)
    if obj and t.src:
        return _cross(s, t, t.src, obj)
    if obj and len(obj) > 1 and "with" not in cue_text:
        return _within(s, t, obj, 0.8)
    if obj:
        other = [i for i in t.right if s.group[i] != s.group[obj[0]]][:1]
        return _cross(s, t, obj, other, 0.5)
    if t.modifier is not None and t.subject:
        return _cross(s, t, [t.modifier], t.subject)
    if len(t.nearest) > 1 and not _aside(s, t.nearest):
        return _within(s, t, t.nearest, 0.9)
    return []


def _aside(s: Sentence, idx: list[int]) -> bool:
    """Whether a list stands in brackets, an aside that names a group's members: "ministers
    of the Gulf states (Qatar, Oman and Kuwait) discussed" is no talk among them."""
    first, last = s.mentions[idx[0]], s.mentions[idx[-1]]
    before = s.lower[: first.start].rstrip().removesuffix("the").rstrip()
    return before.endswith("(") and s.lower[last.end :].lstrip().startswith(")")


def _rev(s: Sentence, t: _Site) -> list[Candidate]:
    """Target before, source after: "welcome in Y", "with the help of Y"."""
    if t.modifier is None or t.obj:
        target = t.nearest
    else:
        target = [i for i in t.left if i != t.modifier][-1:]
    if not target and t.obj:
        earlier = [i for i, m in enumerate(s.mentions) if m.end <= t.start and i not in t.obj]
        return _cross(s, t, t.obj, earlier[-1:], 0.7)
    if t.obj:
        return _cross(s, t, t.obj, target)
    if t.modifier is not None and target:
        return _cross(s, t, [t.modifier], target, 0.8)
    return []


def _of_in(s: Sentence, t: _Site) -> list[Candidate]:
    """Both after the cue: "closure of the mission of X in Y"."""
    after = [i for i in t.right if s.mentions[i].start - t.end <= 80]
    if len(after) >= 2:
        return _cross(s, t, [after[0]], [after[1]])
    if t.subject and after:
        return _cross(s, t, t.subject, after[:1], 0.8)
    return []


def _move(s: Sentence, t: _Site) -> list[Candidate]:
    """Companies moving "to X" (investment) and "from Y" (distancing)."""
    out: list[Candidate] = []
    for i in t.right:
        lead = s.lower[max(t.end, s.mentions[i].start - 12) : s.mentions[i].start]
        kind = "investment" if _TO.search(lead) else "distancing" if _FROM.search(lead) else None
        if kind is not None:
            out += [(c[0], c[1], kind, 1.0) for c in _cross(s, t, t.subject or t.nearest, [i])]
    return out


def _hedge(s: Sentence, t: _Site) -> list[Candidate]:
    """The subject balances between every member of the list after the cue."""
    return _cross(s, t, t.subject, t.obj) if t.subject and t.obj else []


def _member(s: Sentence, t: _Site) -> list[Candidate]:
    """The list right before the cue are members of the organisation after it."""
    if t.obj and s.mentions[t.obj[0]].type in ("organisation", "region"):
        return _cross(s, t, t.nearest, t.obj[:1])
    return []


def _avoid(s: Sentence, t: _Site) -> list[Candidate]:
    """The subject avoids the sanctions of an actor named elsewhere in the sentence."""
    if not t.subject:
        return []
    mentions = s.mentions
    ids = {mentions[i].id for i in t.subject}
    against = s.lower[t.start : t.end].endswith("against")
    sanctioned = {mentions[i].id for i in t.obj} if against else set()
    if t.modifier is not None and mentions[t.modifier].id not in ids:
        return _cross(s, t, t.subject, [t.modifier])
    others = [
        i
        for i, m in enumerate(mentions)
        if m.id not in ids and m.id not in sanctioned and m.type != "person"
    ]
    others.sort(key=lambda i: (mentions[i].type == "state", abs(mentions[i].start - t.start)))
    return _cross(s, t, t.subject, others[:1], 0.8) if others else []


#: Each frame's reading of the lists around a cue.
FRAMES: dict[str, Callable[[Sentence, _Site], list[Candidate]]] = {
    "svo": _svo,
    "sym": _sym,
    "between": _sym,
    "rev": _rev,
    "of_in": _of_in,
    "move": _move,
    "hedge": _hedge,
    "member": _member,
    "avoid": _avoid,
}


def pairs(cue: Cue, start: int, end: int, sentence: Sentence) -> list[Candidate]:
    """The candidate relations that the cue at ``start:end`` of ``sentence`` asserts."""
    return FRAMES[cue.frame](sentence, _site(cue, start, end, sentence))
