"""The controlled vocabulary of relation types and actor types.

Every relation type carries a sign (+1 cooperative, -1 conflictual, 0 structural)
and a default score on the Goldstein scale (-10 .. +10), taken from the CAMEO code
that fits it (the codebook published with the ICEWS data) and named with its
PLOVER category where one fits. Structural ties (membership, leadership, office,
dependency, hedging, seat) are standing relations that event ontologies leave
out; they score 0.

A relation's default weight (strength, in (0, 1]) is ``abs(score) / 10``, and
1.0 for structural ties. A relation may override score and weight; its sign must
agree with its score. A graph document may add types of its own under
``vocabulary:`` (see :func:`RelationType.from_dict`).

Examples
--------
>>> RELATION_TYPES["sanctions"].score
-8.0
>>> RELATION_TYPES["alliance"].sign, RELATION_TYPES["member_of"].sign
(1, 0)
>>> default_weight(-8.0), default_weight(0.0)
(0.8, 1.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ACTOR_TYPES",
    "RELATION_TYPES",
    "RelationType",
    "default_weight",
    "sign_of",
]

#: Actor types: a sovereign state, a bloc or international organisation, a
#: region or loose group (the West, Central Asia), a company, a person, other.
ACTOR_TYPES: tuple[str, ...] = ("state", "organisation", "region", "company", "person", "other")


@dataclass(frozen=True, kw_only=True, slots=True)
class RelationType:
    """One relation type of the vocabulary.

    ``score`` is the default Goldstein score; ``sign`` follows from it.
    ``directed`` is the default for relations of this type.
    """

    id: str
    label: str
    score: float
    directed: bool
    description: str
    cameo: str | None = None
    plover: str | None = None
    structural: bool = False

    @property
    def sign(self) -> int:
        return sign_of(self.score)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RelationType:
        """A type from a document's ``vocabulary:`` entry (already validated)."""
        return cls(
            id=data["id"],
            label=data.get("label", data["id"].replace("_", " ")),
            score=float(data.get("score", 0.0)),
            directed=bool(data.get("directed", True)),
            description=data.get("description", ""),
            cameo=data.get("cameo"),
            plover=data.get("plover"),
            structural=float(data.get("score", 0.0)) == 0.0,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "label": self.label,
            "score": self.score,
            "directed": self.directed,
            "description": self.description,
        }
        if self.cameo is not None:
            out["cameo"] = self.cameo
        if self.plover is not None:
            out["plover"] = self.plover
        return out


def sign_of(score: float) -> int:
    """The sign (+1, -1 or 0) of a Goldstein score."""
    return (score > 0) - (score < 0)


def default_weight(score: float) -> float:
    """The default strength of a relation with this score: ``|score| / 10``, 1.0 when 0.

    Rounded to 6 places, and never below 0.000001: a weight must be over 0.

    >>> default_weight(-8.0), default_weight(1e-9)
    (0.8, 1e-06)
    """
    return max(round(abs(score) / 10.0, 6), 1e-6) if score else 1.0


def _t(
    id: str,
    label: str,
    score: float,
    directed: bool,
    description: str,
    cameo: str | None = None,
    plover: str | None = None,
) -> RelationType:
    return RelationType(
        id=id,
        label=label,
        score=score,
        directed=directed,
        description=description,
        cameo=cameo,
        plover=plover,
        structural=score == 0.0,
    )


_TYPES = (
    # Structural ties: no cooperation score of their own (sign 0).
    _t(
        "member_of",
        "membership",
        0.0,
        True,
        "Source is a member of the bloc or organisation target.",
    ),
    _t(
        "observer_of",
        "observer status",
        0.0,
        True,
        "Source holds observer status (or is a partner, not a member) of the organisation target.",
    ),
    _t(
        "leads",
        "leadership",
        0.0,
        True,
        "Person source leads (heads the state or government of) target, now or formerly.",
    ),
    _t(
        "leads_bloc",
        "leading state",
        0.0,
        True,
        "State source leads or dominates the bloc or organisation target ('the Russian-led CSTO').",
    ),
    _t(
        "serves",
        "office",
        0.0,
        True,
        "Person source holds an office of target (minister, envoy, official).",
    ),
    _t(
        "based_in",
        "seat",
        0.0,
        True,
        "Company, bank, newspaper or organisation source is based in or of the nationality of target.",
    ),
    _t(
        "depends_on",
        "economic dependency",
        0.0,
        True,
        "Source depends on target: a currency tracking another's, a dominant trade share.",
    ),
    _t(
        "hedges",
        "balancing and hedging",
        0.0,
        True,
        "Source balances between several powers and target is one of them.",
    ),
    _t(
        "influence",
        "influence and foothold",
        0.0,
        True,
        "Source has influence over, or a foothold in, the state or region target.",
    ),
    _t(
        "asymmetry",
        "power asymmetry",
        0.0,
        True,
        "Source is the far stronger power in its relation with target.",
    ),
    # Cooperation, verbal and material.
    _t(
        "consultation",
        "consultations and meetings",
        1.0,
        False,
        "Talks, meetings, visits, being in contact.",
        "04",
        "CONSULT",
    ),
    _t(
        "diplomatic_cooperation",
        "diplomatic cooperation",
        3.5,
        False,
        "Friendly relations, rapprochement, partnership in general terms.",
        "05",
        "SUPPORT",
    ),
    _t(
        "strategic_partnership",
        "strategic partnership",
        8.0,
        False,
        "A declared or formalised strategic partnership.",
        "057",
        "AGREE",
    ),
    _t(
        "alliance",
        "alliance and security guarantees",
        7.4,
        False,
        "A military alliance or security guarantee.",
        "062",
        "COOPERATE",
    ),
    _t(
        "security_assistance",
        "security assistance",
        8.3,
        True,
        "Source gives military or security help to target (a peacekeeping deployment).",
        "072",
        "AID",
    ),
    _t(
        "trade",
        "trade",
        6.4,
        False,
        "Trade between source and target; a trading partnership.",
        "061",
        "COOPERATE",
    ),
    _t(
        "reexport",
        "re-export and parallel imports",
        6.4,
        True,
        "Goods flow from source to target through re-export or parallel imports.",
        "061",
        "COOPERATE",
    ),
    _t(
        "investment",
        "investment and relocation",
        6.4,
        True,
        "Source invests in target, opens plants there or relocates there; joint projects.",
        "061",
        "COOPERATE",
    ),
    _t(
        "sanctions_avoidance",
        "sanctions avoidance",
        5.0,
        True,
        "Source yields to target's sanctions regime to avoid (secondary) sanctions.",
        "08",
        "CONCEDE",
    ),
    # Conflict, verbal and material.
    _t(
        "criticism",
        "criticism",
        -2.0,
        True,
        "Source criticises, accuses or disapproves of target.",
        "111",
        "ACCUSE",
    ),
    _t(
        "hostility",
        "hostility",
        -4.0,
        True,
        "Source shows hostility, disrespect or rejection toward target.",
        "12",
        "REJECT",
    ),
    _t(
        "distancing",
        "distancing and reduced relations",
        -4.0,
        True,
        "Source reduces relations with target: closes a mission, withdraws, keeps distance.",
        "16",
        "SANCTION",
    ),
    _t(
        "sanctions",
        "sanctions",
        -8.0,
        True,
        "Source imposes sanctions, an embargo or a boycott on target.",
        "163",
        "SANCTION",
    ),
    _t("threat", "threat", -6.0, True, "Source threatens target.", "13", "THREATEN"),
    _t(
        "armed_conflict",
        "armed conflict",
        -10.0,
        False,
        "Source and target fight a war or an armed conflict.",
        "19",
        "ASSAULT",
    ),
)

#: The built-in relation types by id.
RELATION_TYPES: Mapping[str, RelationType] = {t.id: t for t in _TYPES}
