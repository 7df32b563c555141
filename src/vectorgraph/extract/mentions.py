"""Mentions of actors in a sentence: gazetteer names, persons and companies, references.

One regular expression finds the capitalised tokens of a sentence; tokens joined
by spaces (and the connectors of names such as "of", "and") form runs, and each
run is cut, longest first, into gazetteer forms. What is left of a run becomes a
person when a title introduces it ("President Tokayev", "ex-president Nursultan
Nazarbayev", "Prime Ministers A B and C D") and a company when a company noun or
list does ("carmaker Great Wall Motors", "companies, including Honeywell and
Emerson"); both are remembered for the rest of the document, so "Tokayev" alone
resolves later. Persons in the gazetteer's table are found by name alone, and
a title, an apposition ("Mr Japarov, the Kyrgyz president") or a relative clause
("who has ruled Azerbaijan") ties them; the table gives the state of a title
that names none ("President Tokayev"), never the country of the sentence. Forms
that capitalised words cannot spell ("post-Soviet space", "C5+1") come from the
gazetteer's one pattern. Lower-case back-references ("the country", "the two
countries") are found here and resolved by the pipeline.

Examples
--------
>>> finder = MentionFinder()
>>> [(m.id, m.text) for m in finder.find("Russian President Vladimir Putin met Kazakh officials.")]
[('RUS', 'Russian'), ('PUTIN', 'Vladimir Putin'), ('KAZ', 'Kazakh')]
>>> finder.people["PUTIN"].role, finder.people["PUTIN"].state
('leads', 'RUS')
>>> [m.id for m in finder.find("Putin thanked the Kremlin.")]
['PUTIN', 'RUS']
>>> [(m.id, m.text) for m in finder.find("Mr Rahmon, the Tajik president, went to Astana.")]
[('RAHMON', 'Rahmon'), ('TJK', 'Tajik'), ('KAZ', 'Astana')]
>>> [(t.id, t.role, t.state) for t, _, _ in finder.intros]
[('RAHMON', 'leads', 'TJK')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vectorgraph.extract.gazetteer import GAP as _GAP
from vectorgraph.extract.gazetteer import TOKEN, Entry, Gazetteer, default_gazetteer, snake_id
from vectorgraph.extract.gazetteer import UPPER as _UPPER

__all__ = ["TITLE_WORDS", "Intro", "Mention", "MentionFinder"]

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
        "Prosecutor",  # "Ukrainian Prosecutor General Andriy Kostin"
        "Prosecutor-General",
        "Attorney",
        "Ombudsman",
        "Auditor",
        "Officer",  # "Chief Executive Officer of DABS, X"
        "Secretary-General",
        "Chancellor",
        "Premier",
        "PM",
        "FM",
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
        "Assistant",
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
    "pm",
    "chancellor",
    "king",
    "queen",
    "emir",
    "sultan",
    "leader",
    "head of state",
    "head of government",
    "crown prince",
    "dictator",
)
_TITLES = (
    r"(?:president|prime minister|premier|leader|head of state|head of government|"
    r"dictator|"
    r"foreign minister|defen[cs]e minister|minister|chancellor|king|ambassador|envoy|"
    r"high representative|commissioner|"
    r"spokes(?:man|woman|person)|secretary[- ]general|chairman|senator|governor|counterpart|opposite number|aide|"
    r"assistant|representative)"
)
#: Persons who speak about states without holding an office of one: a name after
#: one of these ("analyst Atilla Yesilada", "X, an expert at Y") is a person, tied only
#: to the body that the text says they work for ("for GlobalSource Partners").
_EXPERTS = (
    r"(?:political scientist|political analyst|analyst|expert|economist|researcher|scholar|"
    r"professor|journalist|commentator|historian|specialist|sociologist|orientalist|lecturer|"
    r"(?:senior |research )?fellow|editor|correspondent|director|founder|strategist|adviser|"
    r"advisor|consultant|author|writer|columnist|reporter)"
)
_EXPERT_END = re.compile(_EXPERTS + r"s?$")
#: Members of a state's bodies: tied to the state named before them ("U.S. Congress members").
_MEMBERS = r"(?:lawmaker|legislator|congressman|congresswoman|member|parliamentarian|mp|deputy|official|diplomat)"
#: The last words of :data:`_TITLES` (a title must end just before its name).
_TITLE_ENDS = frozenset(
    ["president", "minister", "premier", "leader", "state", "government", "chancellor", "king"]
    + ["counterpart", "number"]
    + ["dictator"]
    + ["ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "general"]
    + ["representative", "commissioner", "aide", "assistant"]
    + ["chairman", "senator", "governor", "scientist", "analyst", "expert", "economist"]
    + ["researcher", "scholar", "professor", "journalist", "commentator", "historian"]
    + ["specialist", "sociologist", "orientalist", "lecturer", "fellow", "editor", "founder"]
    + ["correspondent", "director", "strategist", "adviser", "advisor", "consultant", "author"]
    + ["writer", "columnist", "reporter", "lawmaker", "legislator", "congressman"]
    + ["congresswoman", "member", "parliamentarian", "mp", "deputy", "official", "diplomat"]
)
_LOWER_TITLE = re.compile(
    r"\b(?P<title>(?i:(?:(?:ex-|former |then |late |acting |deputy |vice |first )*)(?:"
    + _TITLES
    + "|"
    + _EXPERTS
    + "|"
    + _MEMBERS
    + r")))s?"
    r"(?:\s+of\s+(?:the\s+)?(?P<of>country|republic|["
    + _UPPER
    + r"][\w’'\-]*(?:\s+["
    + _UPPER
    + r"][\w’'\-]*)*))?\s*,?\s*$"
)
#: (The lookahead holds the nouns' first letters: the branches are tried at fewer positions.)
_COMPANY_NOUN = re.compile(
    r"\b(?=[abcdefgilmnoprsw])(?:compan(?:y|ies)|carmakers?|automakers?|manufacturers?|makers?|producers?|firms?|"
    r"giants?|operators?|conglomerates?|retailers?|exporters?|suppliers?|miners?|developers?|"
    r"insurers?|airlines?|lenders?|providers?|corporations?|brands?|refiners?|"
    r"shipbuilders?|startups?|concerns?|banks?|"
    # media: "Turkish TV channel HaberGlobal", "the news agency Kabar"
    r"channels?|broadcasters?|newspapers?|dailies|daily|agency|agencies|outlets?|portals?|"
    r"magazines?|websites?)\s*,?\s*(?P<intro>(?:including|such as|like|among them|"
    r"notably|namely)\s+|:\s*)?$"
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
        "Bank",  # "Keremet Bank", "Halyk Bank" (not a generic "Central Bank": _GENERIC_BANK)
    ]
)
#: Legal forms written before a company's name ("OJSC Keremet Bank"): not part of its name.
_LEGAL_FORMS = frozenset(["OJSC", "JSC", "PJSC", "CJSC", "OAO", "ZAO", "AO", "LLC", "LLP"])
#: Words that with "Bank" name a kind of bank, not one bank: "the Central Bank said".
_GENERIC_BANK = frozenset(
    ["Central", "National", "State", "Federal", "Reserve", "Commercial", "Development", "The"]
)
#: Endings of abstract nouns, never of a person's name ("Envoy for the Implementation of");
#: not -ment, -ance, -ence (Clement, Lance, Lawrence, Florence).
_NOT_NAMES = ("tion", "ism", "ness", "ship")
#: Title words that only qualify another ("Foreign Minister"): alone, they are no title.
_MODIFIER_TITLES = frozenset(
    ["Foreign", "Deputy", "Vice", "First", "Former", "Acting", "Special", "Executive", "Chief",
     "Supreme", "Crown", "Presidential", "Economic", "Economy", "Trade", "Energy", "Finance",
     "Defence", "Defense", "Interior", "Affairs", "General", "Prime", "Head"]
)  # fmt: skip
#: Capitalised words of a title that name no state: "the International Special Envoy".
_TITLE_ADJECTIVES = frozenset(
    ["International", "Special", "Senior", "Chief", "Permanent", "Presidential", "Deputy",
     "Vice", "First", "Foreign", "Acting", "Former", "High", "Personal", "Executive"]
)  # fmt: skip
#: An acronym in brackets right after a name: " (RFI)", " (KazISS)".
_ACRONYM = re.compile(r" \((?P<acr>[A-Z][A-Za-z]{1,6})\)")
#: Words of a company's or outlet's name (else a body named with an acronym is an organisation).
_COMPANY_WORDS = frozenset(
    ["Radio", "Television", "TV", "News", "Agency", "Press", "Times", "Post", "Company",
     "Corporation", "Bank", "Group", "Holding", "Airlines", "Airways", "Railways", "Oil", "Gas",
     "Petroleum", "Energy", "Mining", "Partners", "Capital", "Media", "Broadcasting"]
)  # fmt: skip
#: Last words of a state company named for its state: "Azerbaijan Railways", "Georgian Railway",
#: "Ulaanbaatar Railways", "Uzbekistan Airways", "Tajikistan Electricity Company".
_NATIONAL_FIRM = frozenset(
    ["Railway", "Railways", "Airlines", "Airways", "Air", "Post", "Telecom", "Gas", "Oil",
     "Petroleum", "Energy", "Electricity", "Power", "Grid", "Company", "Corporation", "Holding"]
)  # fmt: skip
_CARRIERS = frozenset(["Railway", "Railways", "Airlines", "Airways"])
_OF_BODY = re.compile(r"\s+(?:of|at)\s+(?:the\s+)?")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_CONNECTOR = re.compile(r"\b(?:for|of|and|the|in|on|to)\b")
_LIST_LINK = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)$")
_DEMONYM_GAP = re.compile(r"^(?:\s+[a-z][\w\-]*){0,6}\s+$")
#: After a leader whose government is meant: "the Trump administration", "Aliyev's government".
_ADMINISTRATION = re.compile(r"(?:['’]s)?\s+(?:administration|government|cabinet)\b")
#: Before the source a claim is reported from: "according to Kazakh outlet Kursiv", "citing".
_SOURCE = re.compile(r"\b(?:[Aa]ccording to|citing)\s+(?:the\s+)?(?:[\w\-]+\s+){0,3}$")
#: Before a party that governs its state: "the ruling Georgian Dream party".
_RULING = re.compile(r"\b(?:ruling|governing)\s+$")
#: Between a state and the company it is the seat of: "Kyrgyzstan-based OJSC Keremet Bank".
_BASED_GAP = re.compile(r"-(?:based|headquartered|registered)\s+(?:(?:OJSC|JSC|PJSC|CJSC|LLC)\s+)?")
#: Between a state's possessive and its company: "China's Exim Bank", "Russia's state-run".
_OWNER_GAP = re.compile(r"['’]s?(?:\s+[a-z][\w\-]*){0,3}\s+")
#: Between a state and the title it gives: "Russian foreign minister", "Russia's foreign
#: ministry spokesman".
_STATE_BEFORE_TITLE = re.compile(
    r"(?:['’]s)?\s+(?:[a-z]+\s+)?(?:(?:ministry|government|office|presidential)\s+)?"
)
_BLOC_WORDS = ("bloc", "alliance", "organi", "association", "grouping", "entity", "forum", "union")
#: Words one of which every back-reference holds (:data:`REFERENCE` is searched only then).
_REFERENCE_WORDS = (
    "ountr",
    "epublic",
    "ilateral",
    "ation",
    "sides",
    "state",
    "region",
    "powers",
) + _BLOC_WORDS
#: What a text calls one state by ("the Central Asian country", "his giant Central Asian state").
_QUALITIES = (
    r"(?:Central Asian?|post-Soviet|former Soviet|ex-Soviet|Caucasian|Baltic|neighbou?ring|landlocked|"
    r"oil-rich|[Tt]urkic)"
)
#: (The lookahead names the first letters of every branch: the regex engine tries the branches
#: at no other position, which makes the search of a sentence about twice as fast.)
REFERENCE = re.compile(
    r"\b(?=[TtBbHhIi])(?:(?P<region>[Tt]he region)|"
    r"(?P<bloc>(?:[Tt]he|[Tt]his) (?:(?:international|regional|military|economic|security|"
    r"political|intergovernmental|multilateral|defen[cs]e) )?(?:bloc|alliance|organi[sz]ation|"
    r"association|grouping|entity|forum|union))|"
    r"(?P<pair>(?:[Tt]he two|[Bb]oth) (?:countries|states|nations|sides|neighbou?rs|powers)"
    r"|[Tt]he countries|[Bb]ilateral)|[Tt]he (?:"
    + _QUALITIES
    + r" )?(?P<one>country|republic|nation)|[Tt]his "
    + _QUALITIES
    + r" (?P<this>country|republic|nation)|"
    r"(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir) (?:[a-z\-]+ )?" + _QUALITIES + r" state)\b"
)


_NAME_OR_STATE = rf"[{_UPPER}][\w’'\-]*(?:\s+[{_UPPER}][\w’'\-]*)*"
#: A title in apposition after a name: ", the Kyrgyz president", ", Russia's foreign minister",
#: ", the ambassador of Kyrgyzstan" (an ambassador *to* a state is not its official).
_APPOSITION = re.compile(
    r"\s*,\s+(?:the\s+|a\s+|an\s+)?(?:(?P<ref>country|republic)['’]s\s+|"
    rf"(?P<state>[{_UPPER}][\w’'\-]*(?:\s+[{_UPPER}][\w’'\-]*)?)(?:['’]s)?\s+)?"
    r"(?P<title>(?i:(?:(?:ex-|former |then |late |acting |deputy |vice |first |current |new |senior |executive )*)"
    + _TITLES
    + r"))\b(?:\s+(?P<prep>of|to)\s+(?:the\s+)?(?P<of>country\b|republic\b|"
    + _NAME_OR_STATE
    + r"))?"
)
#: An expert in apposition: ", a Turkey analyst for GlobalSource Partners", ", expert on Iran".
_EXPERT_AFTER = re.compile(
    r"\s*,\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'\-]+\s+){0,4}?(?P<title>(?i:"
    + _EXPERTS
    + r"))s?\b(?:(?:\s+(?:on|in)\s+[^,;()]{1,40}?)?\s+(?:at|for|with|of|from)\s+(?:the\s+)?(?P<org>["
    + _UPPER
    + r"]))?"
)
#: The text before the body an expert works for: "an analyst at ", "senior fellow with the ".
#: The rest of a body's name after its head word: "[University] of Pittsburgh".
_BODY_TAIL = re.compile(
    rf"(?:\s+(?:of|for|on)\s+(?:the\s+)?[{_UPPER}][\w’'\-]*(?:\s+[{_UPPER}][\w’'\-]*)*)+"
)
#: "an expert on Central Asia at the ": the field comes between.
_AFFILIATION = re.compile(
    r"\b(?i:" + _EXPERTS + r")s?(?:\s+(?:on|in)\s+[^,;()]{1,40}?)?\s+(?:at|for|with|from)\s+"
    r"(?:the\s+)?$"
)
#: A capitalised title in apposition before a name: "the U.S. Special Representative for
#: South and Central Asia, Sergio Gore".
_TITLE_COMMA = re.compile(
    r"(?P<title>\b(?:(?:Deputy|Vice|First|Special|Foreign|Prime|Senior|Chief|Permanent)\s+)*"
    r"(?:President|Minister|Representative|Envoy|Secretary|Ambassador|Adviser|Advisor|Aide|"
    r"Commissioner|Spokesman|Spokeswoman|Spokesperson|Chairman|Chancellor|Premier|Director))"
    r"(?:\s+(?:for|of|to|on)\s+[^,;:()]{1,60}?)?\s*,\s*$"
)
_BODY_WORDS = frozenset(
    ["Institute", "Institution", "Center", "Centre", "University", "Foundation", "Council",
     "Academy", "School", "Endowment", "Club", "Forum", "Initiative", "Association"]
)  # fmt: skip
_ELECTED_VERBS = ("was ", "has been ", "had been ", "is ", "became ", "becomes ")
#: "X was re-elected as Uzbekistan's president", "X became the Kyrgyz prime minister".
_ELECTED = re.compile(
    r"\s+(?:was|has been|had been|is|became|becomes)\s+(?:\w+ly\s+)?(?:(?:re-?elected|elected|appointed|"
    r"named|sworn in|inaugurated|installed|confirmed)\s+(?:as\s+)?)?(?:the\s+)?"
    rf"(?P<state>[{_UPPER}][\w’'\-]*(?:\s+[{_UPPER}][\w’'\-]*)?)(?:['’]s)?\s+"
    r"(?P<title>(?i:(?:new |next |first |acting |interim )?" + _TITLES + r"))\b"
)
#: "X came to power", "X took office": a head of state or government, of the table's state.
_TO_POWER = re.compile(
    r"\s+(?:had\s+|has\s+)?(?:\w+ly\s+)?(?:(?:came|come|rose|risen|returned|swept)\s+to\s+power|"
    r"(?:took|taken|seized|assumed)\s+(?:power|office|the\s+presidency))\b"
)
#: ", who has ruled Azerbaijan since 2003": a head of state by a relative clause.
_RULED = re.compile(
    r"\s*,\s+(?:[^,;]{0,60}?\s)?who\s+(?:has\s+|had\s+|have\s+)?(?:long\s+)?"
    rf"(?:ruled|led|governed|headed)\s+(?:the\s+)?(?P<of>{_NAME_OR_STATE})"
)
#: A lower-case person title after a demonym with no name after it: "the Irish envoy".
_TITLE_AFTER = re.compile(
    r"\s+(?:(?:former|deputy|vice|first|acting|special|new|top)\s+)*"
    r"(?P<title>president|prime minister|premier|leader|foreign minister|minister|"
    rf"ambassador|envoy|diplomat|spokes(?:man|woman|person))\b(?!\s*,?\s+[{_UPPER}])"
)
#: Titles of those who serve the office they are "to": "the aide to the Russian minister".
_HELPERS = ("aide", "assistant", "adviser", "advisor")
#: Titles that only address a person ("Mr Rahmon"): they name no office.
_HONORIFICS = frozenset(["mr", "mrs", "ms", "dr", "mr.", "mrs.", "ms.", "dr.", "former"])
_DOTTED_HONORIFIC = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof)\.\s+$")


def _may_refer(sentence: str) -> bool:
    """Whether a sentence holds a word of :data:`_REFERENCE_WORDS` (a loop of substring tests:
    no generator per sentence)."""
    for word in _REFERENCE_WORDS:
        if word in sentence:
            return True
    return False


def _honorific(title: str) -> bool:
    """Whether a title only addresses its person: "Mr", "Dr." (see :data:`_HONORIFICS`)."""
    return all(w in _HONORIFICS for w in title.lower().split())


#: Words that make a titled capitalised stretch a body, a law or a policy, not a person
#: ("Foreign Policy Research Institute", "Envoy for the Implementation", "Foreign Agents").
_NOT_NAME = frozenset(
    [
        "Institute",
        "Institution",
        "Center",
        "Centre",
        "Foundation",
        "Endowment",
        "University",
        "Academy",
        "School",
        "Studies",
        "Research",
        "Policy",
        "Policies",
        "Relations",
        "Affairs",
        "Agents",
        "Agent",
        "Law",
        "Act",
        "Bill",
        "Code",
        "Concept",
        "Doctrine",
        "Strategy",
        "Programme",
        "Program",
        "Initiative",
        "Implementation",
        "Sanctions",
        "Cooperation",
        "Development",
        "Security",
        "Intelligence",
        "Service",
        "Services",
        "Forces",
        "Force",
        "Troops",
        "Army",
        "Navy",
        "Guard",
        "Ministry",
        "Office",
        "Department",
        "Committee",
        "Council",
        "Commission",
        "Agency",
        "Structure",
        "Administration",
        "Staff",
        "Board",
        "Bank",
        "Fund",
        "Parliament",
        "Assembly",
        "Court",
        "Party",
        "Movement",
        "Front",
        "Union",
        "Organization",
        "Organisation",
        "Summit",
        "Forum",
        "Club",
        "Conference",
        "Dialogue",
        "Format",
        "Region",
        "Province",
        "District",
        "Republic",
        "Federation",
        "Kingdom",
        "Treaty",
        "Agreement",
        "Pact",
        "Charter",
        "Declaration",
        "Accord",
        "Accords",
        "Corridor",
        "Route",
        "Railway",
        "Pipeline",
        "Day",
        "War",
        "Plan",
        "Budget",
        "Report",
        "Index",
    ]
) | frozenset(
    # the calendar: "On Friday, Kazakh President X said" (not May, June, August: names too)
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January"]
    + ["February", "March", "April", "July", "September", "October", "November", "December"]
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
    #: the state (or organisation) the gazetteer's persons table gives, used once a title
    #: says the person holds an office but not whose ("President Tokayev")
    table_state: str | None = None


class MentionFinder:
    """Find mentions sentence by sentence; remembers the persons and companies of one document."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        #: ties of the last :meth:`find` that the gazetteer alone gives, though the sentence
        #: says nothing of them (a table person without a title holds the table's office; a
        #: company it places is of its state): the gold has them, the parse engine adds them
        #: to :attr:`intros` (the cue engine lets a tied person stand for his state: it does not)
        self.given: list[tuple[Intro, Mention, Mention | None]] = []
        self._given: set[str] = set()  # ids given a tie so far: once per text
        self.local: dict[str, Entry] = {}
        self.spans: dict[str, int] = {}  # like Gazetteer.spans, for the local forms
        self.people: dict[str, Intro] = {}
        #: (sentence-relative) introductions found by the last :meth:`find`: intro, name span, state span
        self.intros: list[tuple[Intro, Mention, Mention | None]] = []
        self._plural_title: str | None = None  # "Prime Ministers A and B": B too
        self._table: set[str] = set()  # persons whose state so far is the table's, not the text's
        self._titled: dict[str, str] = {}  # a title's last word -> the person last given it
        #: ties an apposition gives, made once the sentence's states are found
        self._pending: list[tuple[Intro, Mention, str, int | None, str | None]] = []

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
        self.given = []
        self._plural_title = None
        self._pending = []
        matches = list(TOKEN.finditer(sentence))
        tokens = [m.span() for m in matches]
        out: list[Mention] = []
        local, forms = self.local, self.gazetteer.forms
        i, n = 0, len(tokens)
        while i < n:
            j = i + 1
            while j < n:
                end, start = tokens[j - 1][1], tokens[j][0]
                # one space joins, another single character parts ("Russia, China"), without
                # the regex call that a longer gap needs ("Union of the")
                if start - end == 1:
                    if sentence[end] not in " \t":
                        break
                elif not _GAP.fullmatch(sentence, end, start):
                    break
                j += 1
            if j == i + 1:  # a one-token run (three in four): its commonest readings inline
                start, end = tokens[i]
                form = sentence[start:end]
                # a token opens with a capital, so the forms' tables answer as :meth:`_lookup`
                # does when they hold it (it also tries a possessive's stem)
                entry = local.get(form) or forms.get(form) or self._lookup(form)
                if entry is None:
                    if start == 0 and "-" not in form:
                        i = j  # "The", "Experts": what :meth:`_run` drops at once
                        continue
                elif entry.type not in ("person", "company") and not (
                    out and out[-1].start <= start < out[-1].end
                ):
                    out.append(self._mention(sentence, start, end, entry))  # as :meth:`_run`
                    i = j
                    continue
            self._run(sentence, tokens[i:j], out)
            i = j
        gaz = self.gazetteer
        if gaz.pattern is not None:
            # the pattern's tokens here, then their forms (a whole search of the sentence is
            # dearer than a few substring tests: "Central", but no "Central Asian states")
            hits = gaz.pattern_tokens.intersection(map(re.Match.group, matches))
            if hits and any(form in sentence for t in hits for form in gaz.pattern_forms[t]):
                self._spelled(sentence, out)
        if " (" in sentence:
            self._acronyms(sentence, tokens, out)
        if self._pending:
            self._appositions(out)
        if out:  # (it and :meth:`_placed_bodies` read the mentions found: none, nothing to do)
            self._titled_refs(sentence, out)
        if "ccording to" in sentence or "citing" in sentence:
            for said in out:  # "according to Kursiv, ...": the source of a claim, no party to it
                if _SOURCE.search(sentence, 0, said.start):
                    said.attribute = True
        if "ruling" in sentence or "governing" in sentence:
            self._ruling(sentence, out)
        if "dministration" in sentence or "overnment" in sentence or "abinet" in sentence:
            self._administrations(sentence, out)
        if _may_refer(sentence):
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
                if kind == "ref":  # "the Central Asian country" is a state, not the region
                    out[:] = [
                        x
                        for x in out
                        if not (x.type == "region" and m.start() <= x.start < m.end())
                    ]
            out.sort(key=lambda m: m.start)
        if out:
            self._placed_bodies(out)
        if sentence.startswith("Its ") and (not out or out[0].start > 4):
            # "Its economy depends on ...": the last state named, if that is safe
            out.insert(0, Mention(None, 0, 3, "Its", "state", "ref"))
        return out

    def _segment(self, s: str, run: list[tuple[int, int]]) -> list[tuple[int, int, Entry | None]]:
        """Cut a run into gazetteer forms (longest first) and unknown tokens."""
        if len(run) == 1:  # most runs: the loop below, for one token (which holds no space)
            start, end = run[0]
            entry = self._lookup(s[start:end])
            if entry is not None:
                return [(start, end, entry)]
            if s[start:end] in self.gazetteer.ignored:
                return []
            return self._hyphen_parts(s, run[0])
        pieces: list[tuple[int, int, Entry | None]] = []
        n, i = len(run), 0
        spans, local = self.gazetteer.spans, self.spans
        ignored, forms = self.gazetteer.ignored, self.gazetteer.forms
        while i < n:
            first = s[run[i][0] : run[i][1]]
            width = max(spans.get(first, 1), local.get(first, 1)) if n > 1 else 1
            for j in range(min(n, i + width), i, -1):
                form = s[run[i][0] : run[j - 1][1]]
                entry = self._lookup(form)
                if entry is not None:
                    # "The Organization of Turkic States": the name begins after "The"
                    at = run[i][0] + 4 * (form.startswith("The ") and form not in forms)
                    pieces.append((at, run[j - 1][1], entry))
                    i = j
                    break
                cut = s.rfind("-", run[j - 1][0], run[j - 1][1])
                if (
                    j > i + 1
                    and cut > 0
                    and (entry := self._lookup(s[run[i][0] : cut])) is not None
                    and entry.type == "organisation"
                ):
                    # "the Gulf Cooperation Council-Central Asia Summit": a body's name ends at
                    # the hyphen, and the next name begins after it (a place's does not: "the
                    # Central Asia-China pipeline" runs through the region, no actor)
                    pieces.append((run[i][0], cut, entry))
                    run = [*run[: j - 1], (cut + 1, run[j - 1][1]), *run[j:]]
                    n, i = len(run), j - 1
                    break
                if j > i + 1 and (
                    form in ignored
                    or (form[-1] in "s'’" and _POSSESSIVE_END.sub("", form) in ignored)
                ):
                    i = j  # "Latin America", "North Caucasus": no actor, nor a part of one
                    break
            else:
                if first not in ignored:  # "Sputnik-V": the vaccine, not the outlet inside it
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
        if len(pieces) == 1 and pieces[0][0] == 0 and pieces[0][2] is None:
            # a lone unknown word opening the sentence ("The", "Experts"): no title before it,
            # no list it ends, one word, so no person or company (what :meth:`_unknown` finds,
            # without asking it: a fifth of all runs)
            return
        state: Mention | None = None  # a state or organisation named before a title
        title: str | None = None  # title words waiting for a name
        title_start = title_end = 0
        carried = False  # the title went on past a body's name ("Envoy for the Implementation")
        k = 0
        while k < len(pieces):
            start, end, entry = pieces[k]
            if out and out[-1].start <= start < out[-1].end:
                k += 1  # inside a body's name already taken ("University of [Pittsburgh]")
                continue
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
                while t < len(words) and (
                    words[t] in TITLE_WORDS or (words[t] == "State" and title is not None)
                ):
                    t += 1  # "Secretary of State"
                if t:
                    if title is None:
                        title_start = pieces[k][0]
                    title = s[title_start : pieces[k + t - 1][1]]
                    title_end = pieces[k + t - 1][1]
                if t < len(words) and self._given_names(s, pieces, e):
                    k = e  # "Foreign Minister Bajtiyor Saidov": the known Saidov, titled
                    continue
                if t < len(words):
                    start_at, end_at = pieces[k + t][0], pieces[e - 1][1]
                    if title is None and self._of_body(s, pieces, k, e, out):
                        k = e
                        continue
                    if title is not None and not t and _CONNECTOR.search(s, title_end, start_at):
                        carried = True  # "Representative for South and ...": no name yet
                    if self._unknown(s, start_at, end_at, title, state, out, carried=carried):
                        title, carried = None, False
                    else:  # the title goes on: "Envoy for the Implementation of"
                        carried = True
                k = e
                continue
            nxt = pieces[k + 1] if k + 1 < len(pieces) else None
            if entry.type == "state" and nxt is not None and nxt[2] is None:
                firm = self._national_firm(s, pieces, k, entry, out)
                if firm:
                    k += firm
                    continue
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
                if based is None:  # "China's Exim Bank", "Russia's state-owned Gazprom"
                    based = self._owner(s, start, out, entry) or self._seat(s, start, out)
                if based is not None:
                    self._based(mention, based)
            out.append(mention)
            if entry.type == "person":
                self._known(s, mention, entry, title, state, out)
                title = None
            elif entry.type in ("state", "organisation") and not s.startswith("-", start - 1):
                state = mention  # not "pro-Russian President X": the compound is no state of his
            k += 1

    def _national_firm(
        self,
        s: str,
        pieces: list[tuple[int, int, Entry | None]],
        k: int,
        entry: Entry,
        out: list[Mention],
    ) -> int:
        """ "Azerbaijan Railways": a company of the state its name opens with (guide: located
        in), not the state; the number of pieces it takes, 0 when the run is no such name."""
        e = k + 1
        while (
            e < len(pieces)
            and pieces[e][2] is None
            and not s[pieces[e - 1][1] : pieces[e][0]].strip()
        ):
            e += 1
        words = [s[a:b] for a, b, _ in pieces[k + 1 : e]]
        if not 1 <= len(words) <= 2 or words[-1] not in _NATIONAL_FIRM or words[0] in TITLE_WORDS:
            return 0
        if entry.kind == "demonym" and words[-1] not in _CARRIERS:
            return 0  # "Georgian Railway", but not "Russian Gas" (gas of Russia)
        start, end = pieces[k][0], pieces[e - 1][1]
        name = s[start:end]
        intro = self._register(Intro(snake_id(name), name, "company"), [name])
        mention = Mention(intro.id, start, end, name, "company", "company")
        out.append(mention)
        state = Mention(entry.id, start, pieces[k][1], s[start : pieces[k][1]], "state", entry.kind)
        self._based(mention, state)
        return e - k

    @staticmethod
    def _given_names(s: str, pieces: list[tuple[int, int, Entry | None]], e: int) -> bool:
        """Whether the unknown words before ``pieces[e]`` are the given names of the known
        person it is (spelled another way in the table): "Kurbanguly Berdymukhamedov"."""
        if e >= len(pieces) or e < 1:
            return False
        entry = pieces[e][2]
        return (
            entry is not None
            and entry.type == "person"
            and not s[pieces[e - 1][1] : pieces[e][0]].strip()
        )

    def _mention(self, s: str, start: int, end: int, entry: Entry) -> Mention:
        text = s[start:end]
        if text.endswith(("'s", "’s")):
            return Mention(entry.id, start, end - 2, text[:-2], entry.type, entry.kind, True)
        possessive = s[end : end + 2] in ("'s", "’s")
        return Mention(entry.id, start, end, text, entry.type, entry.kind, possessive)

    # -- persons and companies ----------------------------------------------------------

    def _unknown(
        self,
        s: str,
        start: int,
        end: int,
        title: str | None,
        state: Mention | None,
        out: list[Mention],
        *,
        carried: bool = False,
    ) -> bool:
        """Make a person or company of an unknown stretch; False when a title word goes on.

        ``carried``: the title went on past the name of a body, so only a full name (two
        words or more) is its person: "[Envoy for the Implementation of EU] Sanctions David
        O'Sullivan", not "[... of Trade] Rules".
        """
        name = s[start:end]
        if name.endswith(("'s", "’s")):
            name, end = name[:-2], end - 2
        words = name.split()
        if title is not None and words[0] in _NOT_NAME:  # "[Envoy for ...] Sanctions David X"
            while words and words[0] in _NOT_NAME:
                start = s.index(words[0], start) + len(words[0])
                words = words[1:]
            if not words:
                return False
            start = s.index(words[0], start)
            name = s[start:end]
        if carried and len(words) < 2:
            return True
        before = s[max(0, start - 90) : start]
        state_ref = None
        if title is None:
            title, state, state_ref = self._title_before(s, start, out)
        if title is None and before.rstrip().endswith(".") and _DOTTED_HONORIFIC.search(before):
            title = "Dr"  # "Dr. Eva Seiwert": the dot ends the run, not the title
        if title is not None and _honorific(title) and len(words) <= 4:
            after = self._after(s, end)  # "Mr Japarov, the Kyrgyz president"
            if after is not None:
                self._person(name, start, end, title, state, state_ref, out, after)
                return True
        if title is not None and set(title.split()) <= _MODIFIER_TITLES:
            title = None  # "the Law on Foreign Agents": "Foreign" alone is no title
        if title is not None and any(w in _NOT_NAME or w.endswith(_NOT_NAMES) for w in words):
            return False  # "Foreign Policy Research Institute", "Envoy for the Implementation"
        if title is not None and len(words) <= 4:
            self._person(name, start, end, title, state, state_ref, out)
            return True
        if 2 <= len(words) <= 4 and not any(w in _NOT_NAME for w in words):
            after = self._after(s, end)  # "Idris Kadyrkulov, the Kyrgyz ambassador"
            if after is not None:
                family = self._family(words)
                intro = self._register(Intro(snake_id(family), name, "person"), [name, family])
                mention = Mention(intro.id, start, end, name, "person", "person")
                out.append(mention)
                self._pending.append((intro, mention, *after))
                return True
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
            return True
        tail = before[-5:]
        if (
            title is None
            and tail.endswith(("at ", "for ", "with ", "from ", " the "))
            and _AFFILIATION.search(before[-60:])
            and len(words) <= 6
        ):
            # "an analyst for GlobalSource Partners": the body they work for, with the rest of
            # its name ("at the University of Pittsburgh")
            if (more := _BODY_TAIL.match(s, end)) is not None and words[-1] in _BODY_WORDS:
                end = more.end()
                name = s[start:end]
            kind = "organisation" if any(w in _BODY_WORDS for w in words) else "company"
            intro = self._register(Intro(snake_id(name), name, kind), [name])
            out.append(Mention(intro.id, start, end, name, kind, "company"))
            return True
        if (
            title is None
            and 2 <= len(words) <= 4
            and before.endswith((", ", ","))
            and (comma := _TITLE_COMMA.search(before))
        ):
            # "the U.S. Special Representative for South and Central Asia, Sergio Gore"
            at = start - len(before) + comma.start("title")
            state = next(
                (
                    m
                    for m in reversed(out)
                    if m.end <= at
                    and m.type in ("state", "organisation")
                    and _STATE_BEFORE_TITLE.fullmatch(s, m.end, at)
                ),
                None,
            )
            self._person(name, start, end, comma.group("title"), state, None, out)
            return True
        near = before[-48:]
        company = _COMPANY_NOUN.search(near)
        listed = linked and prev is not None and prev.kind == "listed"
        if (
            listed
            and prev is not None
            and len(words) == 1
            and words[0] in _NOT_NAME
            and s[prev.end : start].strip() == "and"
        ):  # "RM Design and Development": one listed company
            name = s[prev.start : end]
            intro = self._register(Intro(snake_id(name), name, "company"), [name])
            prev.id, prev.end, prev.text = intro.id, end, name
            return True
        if len(words) > 2 and words[0] in _LEGAL_FORMS:  # "OJSC Keremet Bank": Keremet Bank
            start = s.index(words[1], start + len(words[0]))
            words, name = words[1:], s[start:end]
        suffixed = words[-1] in _COMPANY_SUFFIX and len(words) > 1  # not "Petroleum prices"
        if suffixed and words[-1] == "Bank" and set(words[:-1]) <= _GENERIC_BANK:
            suffixed = False
        if (company is not None or listed or suffixed) and len(words) <= 5:
            based = self._nationality(s, start, out, company, len(near))
            based = based or self._seat(s, start, out)
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
        return True

    def _of_body(
        self,
        s: str,
        pieces: list[tuple[int, int, Entry | None]],
        k: int,
        e: int,
        out: list[Mention],
    ) -> bool:
        """ "Temur Umarov of the Carnegie Russia Eurasia Center": a person of the body named
        right after them; False when the stretch is not such a name."""
        if e >= len(pieces) or not 2 <= e - k <= 3:
            return False
        body = pieces[e][2]
        if body is None or body.type not in ("organisation", "company"):
            return False
        if not _OF_BODY.fullmatch(s, pieces[e - 1][1], pieces[e][0]):
            return False
        words = [s[a:b] for a, b, _ in pieces[k:e]]
        if any(w in _NOT_NAME or w in TITLE_WORDS or w.endswith(_NOT_NAMES) for w in words):
            return False
        start, end = pieces[k][0], pieces[e - 1][1]
        name = s[start:end]
        family = self._family(words)
        intro = self._register(Intro(snake_id(family), name, "person"), [name, family])
        mention = Mention(intro.id, start, end, name, "person", "person")
        out.append(mention)
        self._pending.append((intro, mention, "expert", pieces[e][0], None))
        return True

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

    @staticmethod
    def _seat(s: str, start: int, out: list[Mention]) -> Mention | None:
        """The state a company is said to be based in before its name: "Kyrgyzstan-based"."""
        prev = max((m for m in out if m.end <= start), key=lambda m: m.end, default=None)
        if prev is not None and prev.type == "state" and _BASED_GAP.fullmatch(s, prev.end, start):
            return prev
        return None

    @staticmethod
    def _owner(s: str, start: int, out: list[Mention], entry: Entry) -> Mention | None:
        """The state whose possessive names a known company of its own: "China's Exim Bank"
        (the gazetteer's country must agree: "Uzbekistan's Gazprom deal" is no Uzbek firm)."""
        prev = max((m for m in out if m.end <= start), key=lambda m: m.end, default=None)
        if (
            prev is not None
            and prev.type == "state"
            and prev.possessive
            and entry.based_in in (None, prev.id)
            and _OWNER_GAP.fullmatch(s, prev.end, start)
        ):
            return prev
        return None

    def _administrations(self, s: str, out: list[Mention]) -> None:
        """ "The Trump administration" is the state its leader heads, not the person."""
        actors = self.gazetteer.actors
        for m in out:
            if m.type != "person" or not _ADMINISTRATION.match(s, m.end):
                continue
            entry, known = actors.get(m.id or ""), self.people.get(m.id or "")
            state = entry.of if entry is not None else known.state if known is not None else None
            if state is not None and state in actors and actors[state].type == "state":
                m.id, m.type, m.kind = state, "state", "alias"

    def _ruling(self, s: str, out: list[Mention]) -> None:
        """ "The ruling Civil Contract party" leads the state it is of (guide: leadership)."""
        for m in out:
            entry = self.gazetteer.actors.get(m.id or "")
            if (
                entry is not None
                and entry.type == "organisation"
                and entry.based_in
                and _RULING.search(s, 0, m.start)
            ):
                ruling = Intro(entry.id, m.text, "organisation", "leads", entry.based_in)
                self.intros.append((ruling, m, None))

    def _placed_bodies(self, out: list[Mention]) -> None:
        """A company, outlet or party the gazetteer places in a state is of it, once per text,
        though the sentence names no state ("Rosneft", "Der Spiegel": guide, located-in)."""
        actors = self.gazetteer.actors
        for m in out:
            entry = actors.get(m.id or "")
            if entry is None or not entry.placed or entry.id in self._given:
                continue
            self._given.add(entry.id)
            if any(t.id == entry.id and t.role for t, _, _ in self.intros):
                continue  # tied in this sentence already ("the ruling X party", "China's Y")
            role = entry.role or "based_in"
            self.given.append((Intro(entry.id, m.text, entry.type, role, entry.based_in), m, None))

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
        after: tuple[str, int | None, str | None] | None = None,
    ) -> None:
        words = name.split()
        family = self._family(words)
        intro = self._register(Intro(snake_id(family), name, "person"), [name, family])
        mention = Mention(intro.id, start, end, name, "person", "person")
        out.append(mention)
        low = title.lower()
        self._plural_title = title if low.endswith("s") and not low.endswith("ss") else None
        if after is not None:
            self._pending.append((intro, mention, *after))
        else:
            self._tie(intro, mention, title, state, state_ref)

    def _tie(
        self,
        intro: Intro,
        mention: Mention,
        title: str,
        state: Mention | None,
        state_ref: str | None,
        table_role: str | None = None,
    ) -> None:
        low = title.lower()
        if _honorific(title):
            return  # "Mr Rahmon" names no office: no tie, whatever the sentence's country
        if _EXPERT_END.search(low) and (state is None or state.type == "state"):
            return  # "a Turkey analyst", "Kazakh expert X": no office of a state
        self._titled[low.split()[-1]] = intro.id
        leads = any(w in low for w in _LEAD_WORDS) and not any(
            w in low for w in ("deputy", "vice", "spokes", "adviser", "advisor", "envoy", "aide")
        )
        if "minister" in low and "prime" not in low:
            leads = False
        role = "leads" if leads else "serves"
        if low.endswith(("counterpart", "opposite number")):  # "his Kyrgyz counterpart X"
            # the office of the one named before, else the table's ("his Uzbek counterpart
            # Shavkat Mirziyoyev" after an untitled "Japarov": a president)
            role = self._counterpart_role(mention) or table_role or role
        if state is not None and state.kind == "demonym" and state.end <= mention.start:
            state.attribute = True
        if state is not None and (intro.state is None or intro.id in self._table):
            intro.state, intro.role = state.id, role  # the text's state wins over the table's
            self._table.discard(intro.id)
        elif state is None and state_ref is None and intro.state is None and intro.table_state:
            intro.state, intro.role = intro.table_state, role  # never the country he visits
            self._table.add(intro.id)
        tie = Intro(
            intro.id, intro.name, "person", role, state.id if state is not None else None, state_ref
        )
        self.intros.append((tie, mention, state))

    def _counterpart_role(self, mention: Mention) -> str | None:
        """The role of the person a "counterpart" is named beside: the last one before it."""
        for tie, other, _ in reversed(self.intros):
            if other.start < mention.start and tie.role:
                return tie.role
        return None

    # -- the persons table, appositions, forms no token spells -------------------------

    def _family(self, words: list[str]) -> str:
        if len(words) > 1 and words[0] in self.gazetteer.surname_first:
            return words[0]
        return words[-1]

    def _known(
        self,
        s: str,
        mention: Mention,
        entry: Entry,
        title: str | None,
        state: Mention | None,
        out: list[Mention],
    ) -> None:
        """A person the gazetteer or the text already knows, tied by a title if one is given."""
        mention.kind = "person"
        intro = self.people.get(entry.id)
        if intro is None:  # first named here: from the persons table
            family = self._family(entry.name.split())
            # named in full, the family name alone is them for the rest of the text ("Wang"),
            # in the text's spelling too ("Sadyr Zhaparov ... Zhaparov": not Akylbek Zhaparov)
            forms = [mention.text]
            if " " in mention.text:
                forms += dict.fromkeys((family, self._family(mention.text.split())))
            intro = self._register(
                Intro(entry.id, entry.name, "person", table_state=entry.of), forms
            )
        state_ref = None
        prev = out[-2] if len(out) > 1 and out[-1] is mention else None
        if (
            title is None
            and self._plural_title
            and prev is not None
            and prev.type == "person"
            and _LIST_LINK.match(s[prev.end : mention.start])
        ):
            title = self._plural_title  # "Prime Ministers Mishustin and Smailov"
        elif title is None:
            title, state, state_ref = self._title_before(s, mention.start, out)
        if title is not None and not _honorific(title):
            low = title.lower()
            self._plural_title = title if low.endswith("s") and not low.endswith("ss") else None
            self._tie(intro, mention, title, state, state_ref, entry.role)
            return
        after = self._after(s, mention.end)
        if after is not None:
            self._pending.append((intro, mention, *after))
        elif title is None and not intro.state and entry.role and intro.id not in self._given:
            # a leader or minister the table knows, named without a title: the table's office
            # (the gold ties them so), once, never the country of the sentence
            self._given.add(intro.id)
            tie = Intro(intro.id, intro.name, "person", entry.role, entry.of)
            self.given.append((tie, mention, None))

    def _title_before(
        self, s: str, start: int, out: list[Mention]
    ) -> tuple[str | None, Mention | None, str | None]:
        """A lower-case title just before a name, with the state it names ("Russian foreign
        minister", "the former president of the country,")."""
        before = s[max(0, start - 90) : start]
        tail = before.rstrip(" ,\t")
        last = tail[tail.rfind(" ") + 1 :].lower().rsplit("-", 1)[-1]
        if last not in _TITLE_ENDS and last[:-1] not in _TITLE_ENDS and " of " not in tail:
            return None, None, None  # the title must end just before the name (fast path)
        lower = _LOWER_TITLE.search(before)
        if lower is None:
            return None, None, None
        title, state, state_ref = lower.group("title"), None, None
        if s.startswith("s", start - len(before) + lower.end("title")):
            title += "s"  # "Congress members A and B": both
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
        return title, state, state_ref

    def _after(self, s: str, end: int) -> tuple[str, int | None, str | None] | None:
        """A title given after a name: (title, start of the state named in it, "country")."""
        if s[end : end + 2] in ("'s", "’s"):
            end += 2
        if s.startswith(" ", end) and s.startswith(_ELECTED_VERBS, end + 1):
            m = _ELECTED.match(s, end)  # "X was re-elected as Uzbekistan's president"
            if m is not None and self._lookup(m.group("state")) is not None:
                return m.group("title"), m.start("state"), None
        if _TO_POWER.match(s, end):  # "Sadyr Japarov came to power in 2020": the table's state
            return "leader", None, None
        if not s.startswith(",", end) and not s.startswith(" ,", end):
            return None
        m = _APPOSITION.match(s, end)
        if m is not None and m.group("state"):  # "X, Progress Leader": no state, no title
            named = self._lookup(m.group("state"))
            if named is None or named.type not in ("state", "organisation"):
                if set(m.group("state").split()) <= _TITLE_ADJECTIVES:
                    # "the International Special Envoy for the Implementation of EU Sanctions"
                    return m.group("title"), self._body_in(s, m.end()), None
                m = None
        if m is not None:
            if m.group("ref"):
                return m.group("title"), None, "country"
            of = m.group("of")
            # "the ambassador to Ukraine" is not Ukraine's, "the aide to the Russian minister" is
            helper = m.group("title").lower().endswith(_HELPERS)
            if of and (m.group("prep") == "of" or helper):
                if of in ("country", "republic"):
                    return m.group("title"), None, "country"
                return m.group("title"), m.start("of"), None
            if m.group("state"):
                return m.group("title"), m.start("state"), None
            return m.group("title"), None, None
        m = _RULED.match(s, end)
        if m is not None:
            return "leader", m.start("of"), None
        m = _EXPERT_AFTER.match(s, end)
        if m is not None:
            return m.group("title"), m.start("org") if m.group("org") else None, None
        return None

    def _body_in(self, s: str, at: int) -> int | None:
        """The start of the first state or organisation named in a title's words up to the
        next comma ("for the Implementation of EU Sanctions"), or None."""
        stop = s.find(",", at)
        for tok in TOKEN.finditer(s, at, stop if stop >= 0 else len(s)):
            entry = self._lookup(tok.group())
            if entry is not None and entry.type in ("state", "organisation"):
                return tok.start()
        return None

    def _appositions(self, out: list[Mention]) -> None:
        """Tie the persons whose title came after their name to the state that title names."""
        for intro, mention, title, at, state_ref in self._pending:
            state = next(
                (
                    m
                    for m in out
                    if at is not None
                    and m.start == at
                    and m.type in ("state", "organisation", "company")
                ),
                None,
            )
            if state is not None and state.kind == "demonym":
                state.attribute = True  # "the Kyrgyz president": describes the person
            self._tie(intro, mention, title, state, state_ref)

    def _titled_refs(self, s: str, out: list[Mention]) -> None:
        """ "The Irish envoy": a demonym before a bare title describes the person given that
        title earlier (or no one), not the state."""
        for k, m in enumerate(list(out)):
            if m.kind != "demonym" or m.type != "state" or m.attribute:
                continue
            after = _TITLE_AFTER.match(s, m.end)
            if after is None:
                continue
            m.attribute = True
            pid = self._titled.get(after.group("title").split()[-1])
            intro = self.people.get(pid or "")
            if intro is not None and intro.state in {None, m.id} | self._organisations(intro):
                person = Mention(intro.id, m.start, after.end(), s[m.start : after.end()], "person")
                person.kind = "person"
                out.insert(out.index(m) + 1, person)

    def _organisations(self, intro: Intro) -> set[str | None]:
        """The intro's state when it is an organisation (an EU envoy may be Irish)."""
        entry = self.gazetteer.actors.get(intro.state or "")
        return {intro.state} if entry is not None and entry.type != "state" else set()

    def _acronyms(self, s: str, tokens: list[tuple[int, int]], out: list[Mention]) -> None:
        """A body the text names with its acronym: "Radio France Internationale (RFI)".

        The capitalised words before the brackets whose initials spell the acronym are
        one organisation (a company, by its words), with the acronym as its id; the
        names inside them ("France") are no mentions of their own.
        """
        ends = {b: k for k, (_, b) in enumerate(tokens)}
        for m in _ACRONYM.finditer(s):
            acronym = m.group("acr")
            j = ends.get(m.start())
            if j is None or self._lookup(acronym) is not None:
                continue
            i = j - len(acronym) + 1
            if i < 0 or any(
                not _GAP.fullmatch(s, tokens[x - 1][1], tokens[x][0]) for x in range(i + 1, j + 1)
            ):
                continue
            start, end = tokens[i][0], tokens[j][1]
            words = [s[a:b] for a, b in tokens[i : j + 1]]
            if "".join(w[0] for w in words).upper() != acronym.upper():
                continue
            if words[-1] in TITLE_WORDS and words[-1] not in _MODIFIER_TITLES:
                continue  # "India's External Affairs Minister (EAM)": a title, no body
            known = [x for x in out if start <= x.start and x.end <= end]
            if len(known) == 1 and known[0].id and (known[0].start, known[0].end) == (start, end):
                if known[0].type in ("region", "organisation"):  # "Central Asian (CA) states"
                    entry = self._lookup(known[0].text)
                    if entry is not None:
                        self.local[acronym] = Entry(entry.id, entry.name, entry.type, "alias")
                        a = m.start("acr")
                        out.append(
                            Mention(entry.id, a, a + len(acronym), acronym, entry.type, "alias")
                        )
                        out.sort(key=lambda x: x.start)
                continue
            if any(m.start <= start and end <= m.end and m.type != "state" for m in out):
                continue  # a known body, or a person
            name = s[start:end]
            kind = "company" if any(w in _COMPANY_WORDS for w in words) else "organisation"
            intro = self._register(Intro(acronym.upper(), name, kind), [name, acronym])
            out[:] = [x for x in out if not (start <= x.start and x.end <= end)]
            out.append(Mention(intro.id, start, end, name, kind, "alias"))
            a = m.start("acr")
            out.append(Mention(intro.id, a, a + len(acronym), acronym, kind, "alias"))
            out.sort(key=lambda x: x.start)

    def _spelled(self, s: str, out: list[Mention]) -> None:
        """Gazetteer forms no run of capitalised tokens spells: they replace what they cover."""
        assert self.gazetteer.pattern is not None
        found = [
            (m.start(), m.end(), self.gazetteer.forms.get(m.group()))
            for m in self.gazetteer.pattern.finditer(s)
        ]
        if not found:
            return
        kept = [m for m in out if not any(a < m.end and m.start < b for a, b, _ in found)]
        if len(kept) < len(
            out
        ):  # what a longer form covers ties nothing ("Ursula [von der Leyen]")
            gone = {id(m) for m in out} - {id(m) for m in kept}
            self.intros = [x for x in self.intros if id(x[1]) not in gone]
            self._pending = [x for x in self._pending if id(x[1]) not in gone]
        for start, end, entry in found:
            if entry is not None:
                mention = self._mention(s, start, end, entry)
                kept.append(mention)
                if entry.type == "person":
                    self._known(s, mention, entry, None, None, kept)
                elif entry.type == "company" and (owner := self._owner(s, start, kept, entry)):
                    self._based(mention, owner)  # "Azerbaijan's state-run APA news agency"
        kept.sort(key=lambda m: m.start)
        out[:] = kept
