"""Argument frames: which mentions of a sentence a cue relates, and in which direction.

A sentence's mentions are grouped into lists ("Russia, China and the West"), and
cut into clauses (at ";", ":", dashes, "that", "which", "but", "while" ...). For
a cue, the *subject* is the leftmost list in its clause before the cue, the
*modifier* is a possessive or adjective right before it ("Russia's partners",
"Western sanctions") and the *object* is the list that follows it closely.
:func:`pairs` turns these into ``(source, target, type, factor)`` candidates;
the factor scales the cue's confidence down for weaker readings.

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

import re
from collections.abc import Sequence

from vectorgraph.extract.cues import Cue
from vectorgraph.extract.mentions import TITLE_WORDS, Mention

__all__ = ["clauses", "groups", "objects", "pairs"]

Candidate = tuple[Mention, Mention, str, float]

_LIST_GAP = re.compile(
    r"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as|&)\s+|[-–/]|)(?:the\s+)?"
)
_CLAUSE = re.compile(
    r"[;:]|\s[–—]\s|,\s*(?:which|who|while|whereas|although|though|but|so|yet|and)\b|"
    r"(?:but|although|though|whereas|while|that|because|however)\b"
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


def objects(
    cue: Cue,
    end: int,
    sentence: str,
    lower: str,
    mentions: Sequence[Mention],
    group: Sequence[int],
    right: Sequence[int],
    covered: Sequence[tuple[int, int]] = (),
) -> list[int]:
    """The indices of the list that follows the cue closely enough to be its object."""
    if not right:
        return []
    first = mentions[right[0]]
    gap = sentence[end : first.start]
    if first.start - end > _WINDOW or _blocked(sentence, end, first.start, covered):
        return []
    if cue.frame in ("sym", "between") and _VENUE.match(lower, end):
        return []  # "held talks in Ankara": a venue
    if cue.frame == "rev" and not _REV_GAP.fullmatch(gap):
        return []
    return [i for i in right if group[i] == group[right[0]]]


def pairs(
    cue: Cue,
    start: int,
    end: int,
    sentence: str,
    lower: str,
    mentions: Sequence[Mention],
    group: Sequence[int],
    cuts: Sequence[int],
    covered: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """The candidate relations that the cue at ``start:end`` asserts.

    ``covered`` are the spans of descriptive mentions ("Kazakh" in "Kazakh
    President Tokayev") that are not arguments but do not block one either.
    """
    bounds = sorted(map(abs, cuts))
    lo = max(c for c in bounds if c <= start)
    hi = min((c for c in bounds if c >= end), default=len(lower))
    left = [i for i, m in enumerate(mentions) if lo <= m.start and m.end <= start]
    right = [i for i, m in enumerate(mentions) if end <= m.start < hi]
    obj = objects(cue, end, sentence, lower, mentions, group, right, covered)
    if not left and -lo in cuts and lo:
        before = [c for c in bounds if c < lo]
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

    def cross(a: list[int], b: list[int], factor: float = 1.0) -> list[Candidate]:
        return [
            (mentions[x], mentions[y], cue.type, factor)
            for x in a
            for y in b
            if mentions[x].id != mentions[y].id
        ]

    def within(a: list[int], factor: float = 1.0) -> list[Candidate]:
        return [
            (mentions[x], mentions[y], cue.type, factor)
            for n, x in enumerate(a)
            for y in a[n + 1 :]
            if mentions[x].id != mentions[y].id
        ]

    frame = cue.frame
    src = [modifier] if modifier is not None else subject
    if (
        modifier is not None
        and obj
        and frame != "rev"
        and not _NEAR_GAP.fullmatch(lower, end, mentions[obj[0]].start)
    ):
        obj = []  # "Western sanctions began ... through Kazakhstan": not the target
    if frame == "svo":
        if src and obj:
            return cross(src, obj)
        if modifier is not None and subject:
            return cross([modifier], subject, 0.8)
        return []
    if frame in ("sym", "between"):
        if obj and (frame == "between" and len(obj) > 1 and "between" in lower[start:end]):
            return within(obj)
        if obj and src:
            return cross(src, obj)
        if obj and len(obj) > 1 and "with" not in lower[start:end]:
            return within(obj, 0.8)
        if obj:
            other = [i for i in right if group[i] != group[obj[0]]][:1]
            return cross(obj, other, 0.5)
        if modifier is not None and subject:
            return cross([modifier], subject)
        if len(nearest) > 1:
            return within(nearest, 0.9)
        return []
    if frame == "rev":
        target = nearest if modifier is None or obj else [i for i in left if i != modifier][-1:]
        if not target and obj:
            earlier = [i for i, m in enumerate(mentions) if m.end <= start and i not in obj]
            return cross(obj, earlier[-1:], 0.7)
        if obj:
            return cross(obj, target)
        if modifier is not None and target:
            return cross([modifier], target, 0.8)
        return []
    if frame == "of_in":
        after = [i for i in right if mentions[i].start - end <= 80]
        if len(after) >= 2:
            return cross([after[0]], [after[1]])
        if subject and after:
            return cross(subject, after[:1], 0.8)
        return []
    if frame == "move":
        out: list[Candidate] = []
        for i in right:
            lead = lower[max(end, mentions[i].start - 12) : mentions[i].start]
            kind = None
            if _TO.search(lead):
                kind = "investment"
            elif _FROM.search(lead):
                kind = "distancing"
            if kind is not None:
                out += [(c[0], c[1], kind, 1.0) for c in cross(subject or nearest, [i])]
        return out
    if frame == "hedge":
        return cross(subject, obj) if subject and obj else []
    if frame == "member":
        members = nearest if nearest else []
        if obj and mentions[obj[0]].type in ("organisation", "region"):
            return cross(members, obj[:1])
        return []
    if frame == "avoid":
        if not subject:
            return []
        ids = {mentions[i].id for i in subject}
        sanctioned = (
            {mentions[i].id for i in obj} if lower[start:end].endswith("against") else set()
        )
        if modifier is not None and mentions[modifier].id not in ids:
            return cross(subject, [modifier])
        others = [
            i
            for i, m in enumerate(mentions)
            if m.id not in ids and m.id not in sanctioned and m.type != "person"
        ]
        others.sort(key=lambda i: (mentions[i].type == "state", abs(mentions[i].start - start)))
        return cross(subject, others[:1], 0.8) if others else []
    raise ValueError(f"unknown frame {frame!r}")
