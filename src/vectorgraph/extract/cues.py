"""The cue lexicon: phrases that assert a relation, with type, argument frame and confidence.

A cue is a regular expression over the lower-cased sentence that starts with a
literal word stem (its trigger). All triggers are compiled into one alternation
(sorted longest first), so a sentence is scanned once; at each trigger only the
cues that share its first three letters are tried. Matches do not overlap: the
longest cue at a trigger wins, and scanning resumes after it.

The frame says where the two actors are (see :mod:`vectorgraph.extract.frames`):

``svo``      source before the cue (subject), target after it ("X imposed sanctions on Y")
``sym``      undirected: subject and object, or a list before the cue ("X and Y held talks")
``between``  the list after the cue ("ties between X and Y"), else subject and object
``rev``      target before, source after ("welcome in Y", "with the help of Y")
``of_in``    both after: "closure of the mission of X in Y"
``move``     companies moving "to X" (investment) "from Y" (distancing)
``hedge``    subject balances between every member of the list after the cue
``member``   the subjects are members of the organisation after the cue
``avoid``    the subject avoids sanctions of an actor named elsewhere in the sentence

Negation ("did not", "never", "refused to") before a cue drops it, or gives the
cue's ``flip`` type where one is defined; possibility ("could", "may", "plans to")
lowers the confidence.

Examples
--------
>>> [(c.type, c.frame, text) for c, text, _, _ in find_cues("Moscow imposed sanctions on Kyiv.")]
[('sanctions', 'svo', 'imposed sanctions on')]
>>> modality("astana did not support", 15), modality("the two could sign", 14)
('negated', 'possible')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["CUES", "Cue", "find_cues", "modality", "trie_pattern", "worsened"]


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue: a pattern, the relation type it asserts, its frame and base confidence."""

    pattern: str
    type: str
    frame: str
    confidence: float
    flip: str | None = None


def _c(
    pattern: str, type: str, frame: str = "svo", confidence: float = 0.8, flip: str | None = None
) -> Cue:
    return Cue(pattern, type, frame, confidence, flip)


_WITH = r"(?:\s+(?:with|between))?"
_ADJ = r"(?:\s+(?:\w+ly\s+)?[a-z\-]+){0,2}?"  # up to two modifiers: "close economic"

CUES: tuple[Cue, ...] = (
    # consultation
    _c(r"talks?\s+(?:with|between)", "consultation", "between", 0.8),
    _c(r"held\s+talks(?:\s+with)?", "consultation", "sym", 0.85),
    _c(r"talks\b", "consultation", "sym", 0.6),
    _c(r"negotiat(?:e|ed|es|ing|ions?)(?:\s+with|\s+between)?", "consultation", "between", 0.75),
    _c(r"consultations?(?:\s+with|\s+between)?", "consultation", "between", 0.75),
    _c(r"meets?\b(?:\s+with)?", "consultation", "between", 0.75),
    _c(r"met\b(?:\s+with)?", "consultation", "between", 0.75),
    _c(r"meetings?\s+(?:with|between)", "consultation", "between", 0.75),
    _c(r"summit\s+(?:with|between)", "consultation", "between", 0.75),
    _c(r"visit(?:ed|s|ing)?\b", "consultation", "svo", 0.7),
    _c(
        r"host(?:s|ed|ing)\b(?=\s+(?:\w+\s+){0,3}?(?:troops|forces|military\s+bases?|bases?)\b)",
        "alliance",
        "sym",
        0.65,
    ),
    _c(r"host(?:ed|s|ing)\b", "consultation", "svo", 0.7),
    _c(
        r"phone\s+(?:call|conversation|talks?)(?:\s+with|\s+between)?",
        "consultation",
        "between",
        0.8,
    ),
    _c(
        r"(?:constant|close|regular|permanent|direct)\s+contact(?:\s+with)?",
        "consultation",
        "sym",
        0.75,
    ),
    _c(r"dialogue(?:\s+with|\s+between)?", "consultation", "between", 0.65),
    _c(r"interaction(?:\s+with|\s+between)?", "consultation", "between", 0.6),
    _c(r"discuss(?:ed|es|ing)?\b", "consultation", "sym", 0.6),
    # diplomatic cooperation
    _c(r"ties\s+(?:with|between)", "diplomatic_cooperation", "between", 0.7),
    _c(r"relations?\s+(?:with|between)", "diplomatic_cooperation", "between", 0.5),
    _c(
        r"relations\s+in\s+the\s+[a-z\-]+\s+(?:with|between)",
        "diplomatic_cooperation",
        "between",
        0.5,
    ),
    _c(r"cooperation\s+(?:with|between)", "diplomatic_cooperation", "between", 0.75),
    _c(r"cooperat(?:e|ed|es|ing)\s+with", "diplomatic_cooperation", "sym", 0.75),
    _c(r"rapprochement(?:\s+with|\s+between)?", "diplomatic_cooperation", "between", 0.8),
    _c(
        r"(?:next\s+|first\s+|new\s+|)steps?\s+(?:towards?|closer\s+to)",
        "diplomatic_cooperation",
        "svo",
        0.7,
    ),
    _c(
        r"(?:pivot|turn|tilt)(?:s|ed|ing)?\s+(?:towards?|to)", "diplomatic_cooperation", "svo", 0.65
    ),
    _c(r"friendship(?:\s+with|\s+between)?", "diplomatic_cooperation", "between", 0.7),
    _c(r"friendly\s+relations(?:\s+with|\s+between)?", "diplomatic_cooperation", "between", 0.75),
    _c(r"partnerships?(?:\s+with|\s+between)?", "diplomatic_cooperation", "between", 0.65),
    _c(r"partners?(?:\s+of|\s+with)?\b", "diplomatic_cooperation", "sym", 0.65),
    _c(r"support(?:s|ed|ing)?\b", "diplomatic_cooperation", "svo", 0.6),
    _c(
        r"(?:sign(?:s|ed|ing)?|conclud(?:e|ed|es)|reach(?:ed|es)?)\s+(?:an?\s+|the\s+|new\s+)*"
        r"(?:[a-z\-]+\s+){0,2}?(?:free[\s-]+)?trade\s+(?:and\s+[a-z\-]+\s+)?"
        r"(?:agreements?|deals?|pacts?|treat(?:y|ies))(?:\s+with|\s+between)?",
        "trade",
        "between",
        0.8,
    ),  # before the general agreement cue: a tie of equal length goes to the first
    _c(
        r"(?:sign(?:s|ed|ing)?|conclud(?:e|ed|es)|reach(?:ed|es)?)\s+(?:an?\s+|the\s+|new\s+)*"
        r"(?:[a-z\-]+\s+){0,3}?(?:agreements?|deals?|treat(?:y|ies)|memorand(?:um|a)|accords?)"
        r"(?:\s+with|\s+between)?",
        "diplomatic_cooperation",
        "between",
        0.75,
    ),
    _c(r"agree(?:s|d)?\s+(?:to|on|with)\b", "diplomatic_cooperation", "sym", 0.6),
    _c(
        r"(?:agreements?|deals?|treat(?:y|ies)|accords?)\s+(?:with|between)",
        "diplomatic_cooperation",
        "between",
        0.7,
    ),
    _c(
        r"(?:moved|move|moves|moving|drawn|drew|came|come|comes|edged|edging|drifted|drifting)"
        r"\s+closer\s+to",
        "diplomatic_cooperation",
        "svo",
        0.7,
    ),
    _c(r"back(?:s|ed)\b", "diplomatic_cooperation", "svo", 0.55),
    _c(r"prais(?:e|ed|es|ing)\b", "diplomatic_cooperation", "svo", 0.6),
    _c(
        r"welcom(?:e|ed|es|ing)\s+(?:in|to|by)\b",
        "diplomatic_cooperation",
        "rev",
        0.6,
        flip="hostility",
    ),
    _c(r"trust(?:s|ed)?\b", "diplomatic_cooperation", "svo", 0.5, flip="hostility"),
    _c(
        r"(?:strengthen|deepen|expand|develop|improve|normali[sz]e)(?:s|ed|ing)?"
        r"(?:\s+(?:its|their|the|bilateral))?\s+(?:ties|relations|cooperation)(?:\s+with|\s+between)?",
        "diplomatic_cooperation",
        "between",
        0.75,
    ),
    _c(r"(?:does|did)\s+not\s+forget\s+about", "diplomatic_cooperation", "svo", 0.45),
    _c(r"activity(?:\s+of)?", "diplomatic_cooperation", "sym", 0.3),
    # strategic partnership, alliance, security assistance
    _c(
        r"strategic\s+partner(?:ship)?s?(?:\s+with|\s+between|\s+of)?",
        "strategic_partnership",
        "between",
        0.8,
    ),
    _c(r"alliances?(?:\s+with|\s+between)?", "alliance", "between", 0.7),
    _c(r"allie[sd](?:\s+with)?", "alliance", "sym", 0.7),
    _c(r"ally(?:\s+of)?\b", "alliance", "sym", 0.7),
    _c(r"security\s+guarantees?(?:\s+to|\s+for)?", "alliance", "svo", 0.7),
    _c(r"mutual\s+defen[cs]e", "alliance", "sym", 0.7),
    _c(r"with\s+the\s+(?:help|assistance|support)\s+of", "security_assistance", "rev", 0.6),
    _c(
        r"peacekeep(?:ing|ers)(?:\s+(?:forces|troops|contingent|mission))?(?:\s+(?:of|from))?",
        "security_assistance",
        "rev",
        0.75,
    ),
    _c(
        r"(?:sent|send|sends|deployed|deploys|deploy)\s+(?:its\s+)?(?:troops|forces|peacekeepers)"
        r"(?:\s+to|\s+in|\s+into)?",
        "security_assistance",
        "svo",
        0.8,
    ),
    _c(
        r"military\s+(?:aid|assistance|help|support)(?:\s+to|\s+for)?",
        "security_assistance",
        "svo",
        0.75,
    ),
    _c(
        r"(?:supplie[sd]|supply|deliver(?:s|ed)?|sold|sells|sell|provided|provides|transferred)\s+"
        r"(?:\w+\s+){0,2}?(?:weapons|arms|drones|missiles|tanks|armou?red\s+vehicles|"
        r"military\s+equipment|air\s+defen[cs]e\s+systems|ammunition|artillery)(?:\s+to)?",
        "security_assistance",
        "svo",
        0.8,
    ),
    _c(
        r"(?:defen[cs]e|military|security)\s+cooperation(?:\s+with|\s+between)?",
        "alliance",
        "between",
        0.65,
    ),
    _c(
        r"(?:air\s+|direct\s+|passenger\s+|)flights\s+(?:between|with|to)",
        "diplomatic_cooperation",
        "between",
        0.5,
    ),
    _c(
        r"(?:defen[cs]e|military|security)\s+(?:cooperation\s+)?(?:agreement|pact|treaty)"
        r"(?:\s+with|\s+between)?",
        "alliance",
        "between",
        0.65,
    ),
    # trade, re-export, investment
    _c(r"trade\s+(?:with|between)", "trade", "between", 0.8),
    _c(r"trad(?:es|ed|ing)\s+with", "trade", "sym", 0.8),
    _c(r"(?:mutual|bilateral)\s+trade", "trade", "sym", 0.75),
    _c(r"trade\s+turnover(?:\s+with|\s+between)?", "trade", "between", 0.8),
    _c(r"trading\s+partners?(?:\s+of|\s+with)?", "trade", "sym", 0.85),
    _c(r"economic\s+(?:cooperation|ties)(?:\s+with|\s+between)?", "trade", "between", 0.65),
    _c(r"exports?\s+(?:of\s+(?:[a-z\-]+\s+){1,4}?)?(?:to|into)", "trade", "svo", 0.7),
    _c(r"export(?:s|ed|ing)\b(?:" + _ADJ + r")?\s+(?:to|into)", "trade", "svo", 0.7),
    _c(r"imports?\s+from", "trade", "svo", 0.7),
    _c(
        r"(?:purchas(?:e|es|ed|ing)|buy|buys|bought|buying)\b(?:\s+[a-z\-]+){0,5}?\s+from",
        "trade",
        "svo",
        0.7,
    ),
    _c(r"(?:purchas(?:e|es|ed|ing)|buy|buys|bought|buying)\b", "trade", "svo", 0.55),
    _c(r"import(?:s|ed|ing)\b(?:\s+[a-z\-]+){0,6}?\s+from", "trade", "svo", 0.7),
    _c(
        r"(?:supplies|supplied|supply|supplying|sells|sold|sell|selling|ships|shipped|shipping)\s+"
        r"(?:[a-z\-]+\s+){0,3}?to\b",
        "trade",
        "svo",
        0.65,
    ),
    _c(
        r"free\s+trade(?:\s+(?:agreement|zone|area))?(?:\s+with|\s+between)?",
        "trade",
        "between",
        0.8,
    ),
    _c(r"(?:gas|oil)\s+(?:supplies|exports|deliveries)\s+(?:to|from)", "trade", "svo", 0.7),
    _c(r"parallel\s+imports?(?:\s+(?:to|into|of|from))?", "reexport", "svo", 0.7),
    _c(
        r"(?:re-export|reexport)(?:s|ed|ing)?(?:\s+(?:to|into|of|from|through|via))?",
        "reexport",
        "svo",
        0.75,
    ),
    _c(r"circumvent(?:s|ed|ing)?\s+(?:the\s+)?(?:western\s+)?sanctions", "reexport", "svo", 0.55),
    _c(r"transit(?:ed|s)?\s+(?:through|via)", "reexport", "svo", 0.55),
    _c(r"invest(?:s|ed|ing|ments?|ors?)?\s+in(?:to)?", "investment", "svo", 0.8),
    _c(r"(?:military\s+|air\s+|naval\s+)bases?\s+in", "alliance", "svo", 0.6),
    _c(r"investments?\s+(?:from|by)", "investment", "rev", 0.75),
    _c(r"joint\s+(?:projects?|ventures?|investments?)", "investment", "sym", 0.7),
    _c(
        r"(?:pledg(?:e|ed|es|ing)|allocat(?:e|ed|es|ing)|earmark(?:s|ed)?)\b",
        "investment",
        "svo",
        0.6,
    ),
    _c(
        r"(?:opened|open|opens|opening|build|built|builds|building|launch|launched)\s+"
        r"(?:a\s+|new\s+|its\s+|their\s+)*(?:[a-z\-]+\s+)?(?:factor(?:y|ies)|plants?|production|assembly|"
        r"offices?|branch(?:es)?|roads?|railways?|pipelines?|bridges?|infrastructure)(?:\s+in)?",
        "investment",
        "svo",
        0.6,
    ),
    _c(
        r"(?:moved|move|moves|moving|relocated|relocate|relocates|relocating|shifted)\b",
        "investment",
        "move",
        0.75,
    ),
    _c(r"loans?\s+to", "investment", "svo", 0.7),
    _c(r"(?:lent|lends)\b", "investment", "svo", 0.7),
    # sanctions avoidance
    _c(
        r"avoid(?:s|ed|ing)?\s+(?:falling\s+under\s+)?(?:secondary\s+)?sanctions(?:\s+against)?",
        "sanctions_avoidance",
        "avoid",
        0.7,
    ),
    _c(r"(?:fear|fears|risk)\s+of\s+secondary\s+sanctions", "sanctions_avoidance", "avoid", 0.6),
    _c(
        r"compl(?:y|ies|ied|ying)\s+with\s+(?:the\s+)?(?:\w+\s+)?sanctions",
        "sanctions_avoidance",
        "avoid",
        0.7,
    ),
    # criticism, hostility, distancing
    _c(r"critici[sz](?:e|ed|es|ing)\b", "criticism", "svo", 0.8),
    _c(r"criticism\s+(?:of|from)", "criticism", "svo", 0.75),
    _c(r"condemn(?:s|ed|ing)?\b", "criticism", "svo", 0.8),
    _c(r"accus(?:e|ed|es|ing)\b", "criticism", "svo", 0.8),
    _c(r"blam(?:e|ed|es|ing)\b", "criticism", "svo", 0.7),
    _c(r"denounc(?:e|ed|es|ing)\b", "criticism", "svo", 0.75),
    _c(r"protest(?:s|ed)?\s+(?:against|to)", "criticism", "svo", 0.7),
    _c(
        r"(?:hostility|disrespect|contempt|animosity|distrust|mistrust)(?:\s+(?:for|to|towards?|of))?",
        "hostility",
        "svo",
        0.75,
    ),
    _c(r"tensions?(?:\s+with|\s+between)?", "hostility", "between", 0.65),
    _c(
        r"(?:settled|settle|settles|resolved|resolve|resolves|ended|end)\s+(?:their|the|its|a)\s+"
        r"(?:[a-z\-]+\s+)?(?:disputes?|conflict|differences|row|quarrel)",
        "diplomatic_cooperation",
        "sym",
        0.7,
    ),
    _c(
        r"(?:problems|disagreements|frictions?|disputes?|rivalry)(?:\s+(?:in|with|between))?",
        "hostility",
        "between",
        0.55,
    ),
    _c(r"reject(?:s|ed|ing)?\b", "hostility", "svo", 0.6),
    _c(
        r"clos(?:e|ed|es|ing|ure\s+of)\s+(?:its\s+|the\s+|their\s+)?(?:trade\s+)?"
        r"(?:mission|embassy|consulate|representative\s+office)",
        "distancing",
        "of_in",
        0.75,
    ),
    _c(
        r"clos(?:e|ed|es|ing|ure\s+of)\s+(?:its\s+|the\s+|their\s+)?(?:[a-z\-]+\s+)?borders?"
        r"\s+(?:with|to)",
        "distancing",
        "svo",
        0.75,
    ),
    _c(
        r"(?:increase|widen)(?:s|d|ing)?\s+(?:the\s+)?distance(?:\s+in\s+relations)?(?:\s+(?:with|from))?",
        "distancing",
        "svo",
        0.7,
    ),
    _c(r"distanc(?:e|ed|es|ing)\s+(?:itself\s+|themselves\s+)?from", "distancing", "svo", 0.75),
    _c(r"withdr(?:ew|aw|aws|awn|awing)\s+(?:\w+\s+)?from", "distancing", "svo", 0.75),
    _c(r"(?:pulled|pull|pulls)\s+out\s+of", "distancing", "svo", 0.75),
    _c(r"(?:left|leave|leaves|leaving|quit|exited|exit)\s+the\b", "distancing", "svo", 0.5),
    _c(r"(?:expel|expelled|expels)\b", "distancing", "svo", 0.75),
    _c(
        r"(?:suspend(?:s|ed|ing)?|fr(?:oze|eeze|eezes|eezing|ozen)|cut|cuts|halt(?:s|ed)?)\s+"
        r"(?:part\s+of\s+|some\s+of\s+)?(?:its\s+|their\s+|the\s+)?"
        r"(?:cooperation|participation|membership|relations|ties|assistance|aid|funding|loans)"
        r"(?:\s+(?:with|in|to|for))?",
        "distancing",
        "svo",
        0.75,
    ),
    _c(
        r"(?:controls|restrictions|curbs|bans?)\s+on\s+(?:the\s+)?(?:re-?exports?|exports?|imports?)",
        "distancing",
        "svo",
        0.6,
    ),
    _c(r"recall(?:s|ed)?\s+(?:its\s+)?ambassador(?:\s+from)?", "distancing", "svo", 0.8),
    _c(r"(?:get|got|move|moved|moving|drift(?:ed|ing)?)\s+away\s+from", "distancing", "svo", 0.65),
    _c(
        r"(?:reduce[sd]?|reducing|cut|cuts|curb(?:s|ed)?)\s+(?:its\s+)?(?:dependence|reliance)\s+on",
        "distancing",
        "svo",
        0.65,
    ),
    # sanctions, threat, armed conflict
    _c(
        r"(?:impos(?:e|ed|es|ing)|introduc(?:e|ed|es|ing)|extend(?:s|ed)?|tighten(?:s|ed)?)\s+"
        r"(?:new\s+|fresh\s+|further\s+)?sanctions(?:\s+(?:on|against))?",
        "sanctions",
        "svo",
        0.85,
    ),
    _c(r"sanctions\s+(?:on|against)", "sanctions", "svo", 0.75),
    _c(r"sanction(?:s|ed|ing)?\b", "sanctions", "svo", 0.55),
    _c(r"embargo(?:es)?(?:\s+(?:on|against))?", "sanctions", "svo", 0.75),
    _c(r"boycott(?:s|ed|ing)?\b", "sanctions", "svo", 0.7),
    _c(r"export\s+controls\s+(?:on|against)", "sanctions", "svo", 0.75),
    _c(r"threat(?:en|ens|ened|ening)\b", "threat", "svo", 0.75),
    _c(r"warn(?:s|ed)\b", "threat", "svo", 0.5),
    _c(r"ultimatum\s+to", "threat", "svo", 0.75),
    _c(r"(?:war|wars)\s+(?:with|against|between|on|in)", "armed_conflict", "between", 0.8),
    _c(
        r"(?:conflict|fighting|hostilities)\s+(?:with|between|in|over|against)",
        "armed_conflict",
        "between",
        0.6,
    ),
    _c(
        r"(?:invasion\s+of|invaded|invade[sd]?|attack(?:s|ed)?\s+on|attack(?:s|ed|ing)?|shelled)",
        "armed_conflict",
        "svo",
        0.8,
    ),
    _c(r"(?:fought|fight|fights|fighting|waged|wage|wages)\b", "armed_conflict", "sym", 0.75),
    _c(
        r"(?:clash(?:es|ed)?|skirmish(?:es)?|border\s+conflict)(?:\s+with|\s+between)",
        "armed_conflict",
        "between",
        0.8,
    ),
    # structural ties
    _c(r"members?\s+(?:states?\s+)?(?:of|in)", "member_of", "member", 0.85),
    _c(r"membership\s+(?:of|in)", "member_of", "member", 0.8),
    _c(r"(?:joined|joins|join|acceded\s+to|accession\s+to)", "member_of", "member", 0.7),
    _c(
        r"(?:balanc(?:e|es|ed|ing)|hedg(?:e|es|ed|ing)|manoeuvr(?:e|es|ed|ing)|maneuver(?:s|ed|ing)?)"
        r"\s+between",
        "hedges",
        "hedge",
        0.8,
    ),
    _c(r"multi-?vector\s+(?:policy\s+)?(?:between|towards)", "hedges", "hedge", 0.7),
    _c(
        r"(?:depend(?:s|ed|ent|ence|ency|ing)?|reli(?:es|ed|ance|ant)|relying)\s+(?:heavily\s+)?"
        r"(?:up)?on",
        "depends_on",
        "svo",
        0.7,
    ),
    _c(r"pegged\s+to", "depends_on", "svo", 0.7),
)


def _heads(pattern: str) -> set[str]:
    """The three-letter prefixes a cue pattern can start with (literal stems and groups)."""
    letters = re.match(r"[a-z\-]*", pattern).group()  # type: ignore[union-attr]
    if len(letters) >= 3:
        return {letters[:3]}
    rest = pattern[len(letters) :]
    if not rest.startswith("(?:"):
        raise ValueError(f"cue {pattern!r} must start with a literal word of 3+ letters")
    depth, cut, alts, j = 0, 3, [], 3
    for j in range(3, len(rest)):
        ch = rest[j]
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == ")":
            break
        elif ch == "|" and not depth:
            alts.append(rest[cut:j])
            cut = j + 1
    alts.append(rest[cut:j])
    tail = rest[j + 1 :]
    if tail[:1] in ("?", "*"):
        raise ValueError(f"cue {pattern!r} must not start with an optional group")
    return set().union(*(_heads(letters + alt + tail) for alt in alts))


_BY_PREFIX: dict[str, list[tuple[re.Pattern[str], Cue]]] = {}
for _cue in CUES:
    _compiled = re.compile(_cue.pattern)
    for _head in _heads(_cue.pattern):
        _BY_PREFIX.setdefault(_head, []).append((_compiled, _cue))


def trie_pattern(words: list[str]) -> str:
    """A regex alternation of literal words, nested as a character trie (fast to scan).

    >>> trie_pattern(["sanction", "sank", "trade"])
    '(?:san(?:ction|k)|trade)'
    """
    if not words:
        return "(?!)"
    firsts: dict[str, list[str]] = {}
    empty = False
    for word in sorted(set(words)):
        if word:
            firsts.setdefault(word[0], []).append(word[1:])
        else:
            empty = True
    parts = []
    for ch, rests in firsts.items():
        prefix = ch
        while len(rests) > 1 and all(r and r[0] == rests[0][0] for r in rests):
            prefix += rests[0][0]
            rests = [r[1:] for r in rests]
        if len(rests) == 1:
            parts.append(re.escape(prefix + rests[0]))
        else:
            parts.append(re.escape(prefix) + trie_pattern(rests))
    body = "|".join(parts)
    return f"(?:{body})?" if empty else f"(?:{body})"


_OPENERS = "\"'“‘«([—–-"

_NEGATION = re.compile(
    r"\b(?:not(?!\s+(?:only|just|least))|n't|never|no\s+longer|neither|nor|without|refus(?:e|ed|es)\s+to|"
    r"declin(?:e|ed|es)\s+to|fail(?:ed|s)?\s+to|failing\s+to|den(?:y|ied|ies)|"
    # the lexicon's refusals, which also deny a noun ("eschewed talks with")
    r"(?:eschew|shun|spurn|rebuff|renounc|repudiat|forgo|forsw|ceas|stopp?)\w*|"
    r"warn(?:s|ed)?\s+(?:\w+\s+)?against)\b[^,;.]{0,30}$"
)
_POSSIBLE = re.compile(
    r"\b(?:could|may|might|would|possibly|perhaps|likely|unlikely|plans?\s+to|planning\s+to|"
    r"intends?\s+to|about\s+to|expected\s+to|considering|consider|if|whether|potential(?:ly)?|"
    r"reportedly|allegedly|seeks?\s+to|wants?\s+to|hopes?\s+to|ready\s+to|can)\b[^,;.]{0,40}$"
)


#: A word that opens with a trigger (the first three letters of a cue, after any opening
#: quote or bracket), and the white space before it: searched in the sentence with a space
#: put before it, so a pattern that opens with ``\s`` lets the regex engine skip from one
#: space to the next in C.
_TRIGGER = re.compile(rf"\s[{re.escape(_OPENERS)}]*+(?P<head>{trie_pattern(sorted(_BY_PREFIX))})")


def find_cues(lower: str) -> Iterator[tuple[Cue, str, int, int]]:
    """Non-overlapping cues in a lower-cased sentence: ``(cue, text, start, end)``, in order.

    Words are found with one regex search (:data:`_TRIGGER`), and only words whose
    first three letters start some cue are tried against the cue patterns.
    """
    consumed = 0
    prefixes = _BY_PREFIX
    for word in _TRIGGER.finditer(" " + lower):
        at = word.start(1) - 1  # in ``lower``, without the space put before it
        if at < consumed:
            continue
        best: tuple[Cue, int] | None = None
        for pattern, cue in prefixes[word.group(1)]:
            m = pattern.match(lower, at)
            if m is not None and (best is None or m.end() > best[1]):
                best = (cue, m.end())
        if best is not None:
            yield best[0], lower[at : best[1]], at, best[1]
            consumed = best[1]


_NEGATION_HINT = re.compile(
    r"n(?:o|'t|ever|either)|without|refus|declin|fail|den|warn|eschew|shun|spurn|rebuff|renounc|"
    r"repudiat|forgo|forsw|ceas|stop"
)
_POSSIBLE_HINT = re.compile(
    r"could|may|might|would|possib|perhaps|likely|plan|intend|about|"
    r"expect|consider|if|whether|potential|report|alleged|seek|want|"
    r"hope|ready|can"
)


_WORSENED = re.compile(
    r"\b(?:have\s+|has\s+|had\s+)?(?:cooled|deteriorated|soured|worsened|"
    r"frayed|broken\s+down|broke\s+down)\b"
)
_STRAINED = re.compile(
    r"\b(?:are|is|remain|remains|remained|were|was|have\s+been|has\s+been|"
    r"became|become|grew|grow)\s+(?:\w+\s+)?(?:tense|strained|frosty|hostile|"
    r"difficult|troubled|poor)\b"
)


def worsened(lower: str, end: int, window: int = 60) -> str | None:
    """The type that the words after a cue give a tie that worsened, else None.

    "Relations with X have cooled" is distancing; "... are tense" is hostility.

    >>> worsened("ties with the eu have cooled since 2023", 9), worsened("ties are tense", 4)
    ('distancing', 'hostility')
    """
    after = lower[end : end + window]
    cut = min((after.find(c) for c in (",", ";", " but ", " while ") if c in after), default=-1)
    if cut >= 0:
        after = after[:cut]
    if _WORSENED.search(after):
        return "distancing"
    if _STRAINED.search(after):
        return "hostility"
    return None


def modality(lower: str, start: int, window: int = 60) -> str | None:
    """ "negated" or "possible" when the words just before ``start`` say so, else None."""
    before = lower[max(0, start - window) : start]
    if _NEGATION_HINT.search(before) and _NEGATION.search(before):
        return "negated"
    if _POSSIBLE_HINT.search(before) and _POSSIBLE.search(before):
        return "possible"
    return None
