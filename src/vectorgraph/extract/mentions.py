"""Mentions of actors in a sentence: gazetteer names, persons and companies, references.

One regular expression finds the capitalised tokens of a sentence; tokens joined
by spaces (and the connectors of names such as "of", "and") form runs, and each
run is cut, longest first, into gazetteer forms. What is left of a run becomes a
person when a title introduces it ("President Tokayev", "ex-president Nursultan
Nazarbayev", "Prime Ministers A B and C D") and a company when a company noun or
list does ("carmaker Great Wall Motors", "companies, including Honeywell and
Emerson"); both are remembered for the rest of the document, so "Tokayev" alone
resolves later. Lower-case back-references ("the country", "the two countries")
are found here and resolved by the pipeline.

Examples
--------
>>> finder = MentionFinder()
>>> [(m.id, m.text) for m in finder.find("Russian President Vladimir Putin met Kazakh officials.")]
[('RUS', 'Russian'), ('PUTIN', 'Vladimir Putin'), ('KAZ', 'Kazakh')]
>>> finder.people["PUTIN"].role, finder.people["PUTIN"].state
('leads', 'RUS')
>>> [m.id for m in finder.find("Putin thanked the Kremlin.")]
['PUTIN', 'RUS']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vectorgraph.extract.gazetteer import Entry, Gazetteer, default_gazetteer, snake_id

__all__ = ["TITLE_WORDS", "Intro", "Mention", "MentionFinder"]

_UPPER = "A-ZÀ-ÖØ-ÞА-ЯЁ"
TOKEN = re.compile(rf"[{_UPPER}][\w]*(?:['’\-][\w]+)*(?:\.(?:[A-Z]\.)+)?\+?")
_GAP = re.compile(r"[ \t]+(?:(?:of|and|for|the|in|de)[ \t]+){0,2}")
TITLE_WORDS = frozenset(
    [
        "President",
        "Presidents",
        "Prime",
        "Minister",
        "Ministers",
        "Deputy",
        "Vice",
        "First",
        "Foreign",
        "Defence",
        "Defense",
        "Finance",
        "Economy",
        "Economic",
        "Trade",
        "Energy",
        "Affairs",
        "Interior",
        "Secretary",
        "Secretaries",
        "General",
        "Secretary-General",
        "Chancellor",
        "Premier",
        "King",
        "Queen",
        "Emir",
        "Sultan",
        "Crown",
        "Prince",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Head",
        "Leader",
        "Supreme",
        "Ambassador",
        "Aide",
        "Adviser",
        "Advisor",
        "Presidential",
        "Envoy",
        "Special",
        "Representative",
        "Senator",
        "Governor",
        "Mayor",
        "Speaker",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Commissioner",
        "Sheikh",
        "Ex-President",
        "Former",
        "Acting",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Gen",
        "Chief",
        "Executive",
        "CEO",
        "Director",
        "Commander",
        "Marshal",
        "Colonel",
        "Admiral",
        "Patriarch",
        "Pope",
        "Vice-President",
        "Vice-Premier",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Gen.",
    ]
)
_LEAD_WORDS = (
    "president",
    "prime minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "leader",
    "head of state",
    "head of government",
    "crown prince",
)
_LOWER_TITLE = re.compile(
    r"\b(?P<title>(?:(?:ex-|former |then |late |acting |deputy |vice |first )*)"
    r"(?:president|prime minister|premier|leader|head of state|head of government|"
    r"foreign minister|defen[cs]e minister|minister|chancellor|king|ambassador|envoy|"
    r"spokes(?:man|woman|person)|secretary[- ]general|chairman|senator|governor))s?"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>country|republic|["
    + _UPPER
    + r"][\w’'\-]*(?:\s+["
    + _UPPER
    + r"][\w’'\-]*)*))?\s*,?\s*$"
)
_COMPANY_NOUN = re.compile(
    r"\b(?:compan(?:y|ies)|carmakers?|automakers?|manufacturers?|makers?|producers?|firms?|"
    r"giants?|operators?|conglomerates?|retailers?|exporters?|suppliers?|miners?|developers?|"
    r"insurers?|airlines?|lenders?|providers?|corporations?|brands?|refiners?|"
    r"shipbuilders?|startups?|concerns?)\s*,?\s*(?P<intro>(?:including|such as|like|among them|"
    r"notably|namely)\s+)?$"
)
_COMPANY_SUFFIX = frozenset(
    [
        "Inc",
        "Inc.",
        "Ltd",
        "Ltd.",
        "LLC",
        "PLC",
        "Corp",
        "Corp.",
        "Corporation",
        "Group",
        "Holding",
        "Holdings",
        "Motors",
        "Airlines",
        "Petroleum",
        "AG",
        "GmbH",
        "JSC",
        "PJSC",
    ]
)
#: Endings of abstract nouns, never of a person's name ("Envoy for the Implementation of").
_NOT_NAMES = ("tion", "ment", "ism", "ity", "ness", "ance", "ence", "ship", "ure")
#: Title words that only qualify another ("Foreign Minister"): alone, they are no title.
_MODIFIER_TITLES = frozenset(
    ["Foreign", "Deputy", "Vice", "First", "Former", "Acting", "Special", "Executive", "Chief",
     "Supreme", "Crown", "Presidential", "Economic", "Economy", "Trade", "Energy", "Finance",
     "Defence", "Defense", "Interior", "Affairs", "General", "Prime", "Head"]
)  # fmt: skip
_TITLE_AFTER = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:(?:former|then|current|long-serving)\s+)?"
    r"(?:(?P<dem>[" + _UPPER + r"][\w\-]+)\s+)?"
    r"(?P<title>(?:(?:[Ff]oreign|[Dd]efen[cs]e|[Pp]rime|[Dd]eputy|[Vv]ice)\s+)?"
    r"(?:[Pp]resident|[Mm]inister|[Aa]mbassador|[Ee]nvoy|[Ll]eader|[Pp]remier|[Cc]hancellor))\b"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>[" + _UPPER + r"][\w\-]+(?:\s+[" + _UPPER + r"][\w\-]+)*))?"
)
_LIST_LINK = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
_DEMONYM_GAP = re.compile(r"^(?:\s+[a-z][\w\-]*){0,6}\s+$")
_STATE_BEFORE_TITLE = re.compile(r"(?:['’]s)?\s+(?:[a-z]+\s+)?")
_BLOC_WORDS = ("bloc", "alliance", "organi", "association", "grouping", "entity", "forum", "union")
REFERENCE = re.compile(
    r"\b(?:(?P<region>[Tt]he region)|"
    r"(?P<bloc>(?:[Tt]he|[Tt]his) (?:bloc|alliance|organi[sz]ation|association|grouping|entity|"
    r"forum|union))|"
    r"(?P<pair>(?:[Tt]he two|[Bb]oth) (?:countries|states|nations|sides|neighbou?rs|powers)"
    r"|[Tt]he countries|[Bb]ilateral)|[Tt]he (?:(?:Central Asian|post-Soviet|former Soviet|Caucasian|Baltic|"
    r"neighbou?ring|landlocked|oil-rich|[Tt]urkic) )?(?P<one>country|republic|nation))\b"
)


@dataclass(slots=True)
class Mention:
    """An actor mention: ``id`` (None for a reference not yet resolved) and its span in the sentence.

    ``kind`` is the gazetteer kind ("name", "demonym", "seat", "alias"), "person",
    "company", "ref" (the country), "pair" (the two countries), "region" (the region) or
    "bloc" (the alliance, the organisation).
    """

    id: str | None
    start: int
    end: int
    text: str
    type: str
    kind: str = "name"
    possessive: bool = False
    attribute: bool = False  # a demonym that describes a person or company ("Chinese carmaker")


@dataclass(slots=True)
class Intro:
    """A person or company that the text introduces, and what it is tied to."""

    id: str
    name: str
    type: str
    role: str | None = None  # leads / serves / based_in
    state: str | None = None  # the actor it leads, serves or is based in
    state_ref: str | None = None  # "country" when the tie is a back-reference
    forms: set[str] = field(default_factory=set)


class MentionFinder:
    """Find mentions sentence by sentence; remembers the persons and companies of one document."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.local: dict[str, Entry] = {}
        self.spans: dict[str, int] = {}  # like Gazetteer.spans, for the local forms
        self.people: dict[str, Intro] = {}
        #: (sentence-relative) introductions found by the last :meth:`find`: intro, name span, state span
        self.intros: list[tuple[Intro, Mention, Mention | None]] = []
        self._plural_title: str | None = None  # "Prime Ministers A and B": B too
        self._attributes: set[tuple[int, int]] = set()  # demonyms of an appositive title

    # -- registry -----------------------------------------------------------------

    def _register(self, intro: Intro, forms: list[str]) -> Intro:
        known = self.people.get(intro.id)
        if known is None:
            self.people[intro.id] = known = intro
        elif intro.state and not known.state:
            known.state, known.role = intro.state, intro.role
        entry = Entry(known.id, known.name, known.type, intro.type)
        for form in forms:
            known.forms.add(form)
            self.local.setdefault(form, entry)
            first = form.split()[0]
            self.spans[first] = max(self.spans.get(first, 1), len(form.split()))
        return known

    def _lookup(self, form: str) -> Entry | None:
        entry = self.local.get(form)
        if entry is None:
            entry = self.gazetteer.lookup(form)
            if entry is None and form.endswith(("'s", "’s")):
                entry = self.local.get(form[:-2])
        return entry

    # -- one sentence ---------------------------------------------------------------

    def find(self, sentence: str) -> list[Mention]:
        """The mentions of one sentence, in order (offsets relative to the sentence)."""
        self.intros = []
        self._plural_title = None
        self._attributes = set()
        tokens = [(m.start(), m.end()) for m in TOKEN.finditer(sentence)]
        out: list[Mention] = []
        i = 0
        while i < len(tokens):
            j = i + 1
            while j < len(tokens) and _GAP.fullmatch(sentence, tokens[j - 1][1], tokens[j][0]):
                j += 1
            self._run(sentence, tokens[i:j], out)
            i = j
        if (
            "ountr" in sentence
            or "epublic" in sentence
            or "ilateral" in sentence
            or "ation" in sentence
            or "sides" in sentence
            or "states" in sentence
            or "region" in sentence
            or "powers" in sentence
            or any(word in sentence for word in _BLOC_WORDS)
        ):
            for m in REFERENCE.finditer(sentence):
                kind = (
                    "pair"
                    if m.group("pair")
                    else "region"
                    if m.group("region")
                    else "bloc"
                    if m.group("bloc")
                    else "ref"
                )
                out.append(
                    Mention(
                        None,
                        m.start(),
                        m.end(),
                        m.group(),
                        {"region": "region", "bloc": "organisation"}.get(kind, "state"),
                        kind,
                        sentence[m.end() : m.end() + 2] in ("’s", "'s"),
                    )
                )
            out.sort(key=lambda m: m.start)
        if sentence.startswith("Its ") and (not out or out[0].start > 4):
            # "Its economy depends on ...": the last state named, if that is safe
            out.insert(0, Mention(None, 0, 3, "Its", "state", "ref"))
        return out

    def _segment(self, s: str, run: list[tuple[int, int]]) -> list[tuple[int, int, Entry | None]]:
        """Cut a run into gazetteer forms (longest first) and unknown tokens."""
        pieces: list[tuple[int, int, Entry | None]] = []
        n, i = len(run), 0
        spans, local = self.gazetteer.spans, self.spans
        while i < n:
            first = s[run[i][0] : run[i][1]]
            width = max(spans.get(first, 1), local.get(first, 1)) if n > 1 else 1
            for j in range(min(n, i + width), i, -1):
                entry = self._lookup(s[run[i][0] : run[j - 1][1]])
                if entry is not None:
                    pieces.append((run[i][0], run[j - 1][1], entry))
                    i = j
                    break
            else:
                pieces.extend(self._hyphen_parts(s, run[i]))
                i += 1
        return pieces

    def _hyphen_parts(self, s: str, tok: tuple[int, int]) -> list[tuple[int, int, Entry | None]]:
        text = s[tok[0] : tok[1]]
        if "-" in text:
            parts: list[tuple[int, int, Entry | None]] = []
            pos = tok[0]
            for piece in text.split("-"):
                entry = self._lookup(piece) if piece[:1].isupper() else None
                if entry is not None:
                    parts.append((pos, pos + len(piece), entry))
                pos += len(piece) + 1
            if parts:
                return parts
        return [(tok[0], tok[1], None)]

    def _run(self, s: str, run: list[tuple[int, int]], out: list[Mention]) -> None:
        pieces = self._segment(s, run)
        state: Mention | None = None  # a state or organisation named before a title
        title: str | None = None  # title words waiting for a name
        title_start = 0
        k = 0
        while k < len(pieces):
            start, end, entry = pieces[k]
            if entry is None:
                e = k + 1  # an unknown stretch ends at a connector ("and", "of")
                while (
                    e < len(pieces)
                    and pieces[e][2] is None
                    and not s[pieces[e - 1][1] : pieces[e][0]].strip()
                ):
                    e += 1
                words = [s[a:b] for a, b, _ in pieces[k:e]]
                first = next((x for x, w in enumerate(words) if w in TITLE_WORDS), 0)
                if first and len(words) - first > 1:
                    k += first  # "Yet President Sadyr Japarov": skip the opening word
                    words = words[first:]
                t = 0
                while t < len(words) and words[t] in TITLE_WORDS:
                    t += 1
                if t:
                    if title is None:
                        title_start = pieces[k][0]
                    title = s[title_start : pieces[k + t - 1][1]]
                if t < len(words):
                    self._unknown(s, pieces[k + t][0], pieces[e - 1][1], title, state, out)
                    title = None
                k = e
                continue
            nxt = pieces[k + 1] if k + 1 < len(pieces) else None
            if (
                entry.kind == "seat"
                and nxt is not None
                and nxt[2] is None
                and s[nxt[0] : nxt[1]] not in TITLE_WORDS
                and not s[end : nxt[0]].strip()
            ):
                k += 1  # "Washington Post", "Moscow Exchange": not the state
                continue
            mention = self._mention(s, start, end, entry)
            if entry.type == "company":  # a known company the text introduces again
                near = s[max(0, start - 48) : start]
                based = self._nationality(s, start, out, _COMPANY_NOUN.search(near), len(near))
                if based is not None:
                    self._based(mention, based)
            out.append(mention)
            if entry.type == "person":
                if title is not None:
                    intro = self.people.get(entry.id)
                    if intro is not None:
                        self._tie(intro, mention, title, state, None)
                title = None
            elif entry.type in ("state", "organisation"):
                state = mention
            k += 1

    def _mention(self, s: str, start: int, end: int, entry: Entry) -> Mention:
        text = s[start:end]
        possessive = text.endswith(("'s", "’s")) or s[end : end + 2] in ("'s", "’s")
        if text.endswith(("'s", "’s")):
            end -= 2
            text = text[:-2]
        attribute = (start, end) in self._attributes  # "Kyrgyz" in "X, Kyrgyz Ambassador"
        return Mention(entry.id, start, end, text, entry.type, entry.kind, possessive, attribute)

    def _title_after(self, s: str, end: int) -> tuple[str, Mention | None] | None:
        """ "Idris Kadyrkulov, Kyrgyz Ambassador to Ukraine": a title in an appositive after
        the name, and the state its demonym (or "of X") names."""
        found = _TITLE_AFTER.match(s, end)
        if found is None:
            return None
        state: Mention | None = None
        for group in ("dem", "of"):
            form = found.group(group)
            entry = self._lookup(form) if form else None
            if entry is not None and entry.type in ("state", "organisation"):
                at = found.start(group)
                state = Mention(entry.id, at, at + len(form), form, entry.type, entry.kind)
                if group == "dem":
                    self._attributes.add((at, at + len(form)))
                break
        return found.group("title"), state

    # -- persons and companies ----------------------------------------------------------

    def _unknown(
        self,
        s: str,
        start: int,
        end: int,
        title: str | None,
        state: Mention | None,
        out: list[Mention],
    ) -> None:
        name = s[start:end]
        if name.endswith(("'s", "’s")):
            name, end = name[:-2], end - 2
        words = name.split()
        before = s[max(0, start - 90) : start]
        state_ref = None
        if title is None:
            lower = _LOWER_TITLE.search(before)
            if lower is not None:
                title, state = lower.group("title"), None
                at = start - len(before) + lower.start()
                for m in reversed(out):  # "EU special envoy", "Russian foreign minister"
                    if (
                        m.end <= at
                        and m.type in ("state", "organisation")
                        and _STATE_BEFORE_TITLE.fullmatch(s, m.end, at)
                    ):
                        state = m
                        break
                of = lower.group("of")
                if of in ("country", "republic"):
                    state_ref = "country"
                elif of:
                    entry = self._lookup(of)
                    if entry is not None and entry.type in ("state", "organisation"):
                        state = next((m for m in reversed(out) if m.id == entry.id), None)
        if title is None and 2 <= len(words) <= 4:
            after = self._title_after(s, end)
            if after is not None:
                title, state = after
        if title is not None and set(title.split()) <= _MODIFIER_TITLES:
            title = None  # "the Law on Foreign Agents": "Foreign" alone is no title
        if title is not None and len(words) <= 4 and not any(w.endswith(_NOT_NAMES) for w in words):
            self._person(name, start, end, title, state, state_ref, out)
            return
        prev = out[-1] if out else None
        linked = prev is not None and _LIST_LINK.match(s[prev.end : start]) is not None
        if (
            linked
            and prev is not None
            and prev.type == "person"
            and self._plural_title
            and 2 <= len(words) <= 3
        ):
            self._person(name, start, end, self._plural_title, None, None, out)
            return
        near = before[-48:]
        company = _COMPANY_NOUN.search(near)
        listed = linked and prev is not None and prev.kind == "listed"
        if (company is not None or listed or words[-1] in _COMPANY_SUFFIX) and len(words) <= 5:
            based = self._nationality(s, start, out, company, len(near))
            kind = (
                "listed"
                if listed or (company is not None and company.group("intro"))
                else "company"
            )
            intro = self._register(Intro(snake_id(name), name, "company"), [name])
            mention = Mention(intro.id, start, end, name, "company", kind)
            out.append(mention)
            if based is not None:
                self._based(mention, based)

    def _nationality(
        self, s: str, start: int, out: list[Mention], company: re.Match[str] | None, window: int
    ) -> Mention | None:
        """The demonym before a company noun: "Chinese" in "Chinese state company CNPC"."""
        if company is None or company.group("intro") is not None:
            return None
        cut = window - company.start()
        for m in reversed(out):
            if (
                m.type == "state"
                and m.end <= start - cut
                and _DEMONYM_GAP.match(s[m.end : start - cut] + " ")
            ):
                return m
        return None

    def _based(self, mention: Mention, based: Mention) -> None:
        based.attribute = based.kind == "demonym"
        self.intros.append(
            (Intro(mention.id or "", mention.text, "company", "based_in", based.id), mention, based)
        )

    def _person(
        self,
        name: str,
        start: int,
        end: int,
        title: str,
        state: Mention | None,
        state_ref: str | None,
        out: list[Mention],
    ) -> None:
        words = name.split()
        family = (
            words[0] if len(words) > 1 and words[0] in self.gazetteer.surname_first else words[-1]
        )
        intro = self._register(Intro(snake_id(family), name, "person"), [name, family])
        mention = Mention(intro.id, start, end, name, "person", "person")
        out.append(mention)
        low = title.lower()
        self._plural_title = title if low.endswith("s") and not low.endswith("ss") else None
        self._tie(intro, mention, title, state, state_ref)

    def _tie(
        self,
        intro: Intro,
        mention: Mention,
        title: str,
        state: Mention | None,
        state_ref: str | None,
    ) -> None:
        low = title.lower()
        leads = any(w in low for w in _LEAD_WORDS) and not any(
            w in low for w in ("deputy", "vice", "spokes", "adviser", "advisor", "envoy", "aide")
        )
        if "minister" in low and "prime" not in low:
            leads = False
        role = "leads" if leads else "serves"
        if state is not None and state.kind == "demonym" and state.end <= mention.start:
            state.attribute = True
        if state is not None and intro.state is None:
            intro.state, intro.role = state.id, role
        tie = Intro(
            intro.id, intro.name, "person", role, state.id if state is not None else None, state_ref
        )
        self.intros.append((tie, mention, state))
