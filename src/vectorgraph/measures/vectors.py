"""The multi-vector balance: how a state spreads its ties across several poles.

For a focal actor and a list of poles (Russia, China, the West, Turkey, Central
Asia by default) :func:`vector_balance` sums the focal actor's ties per pole
and turns the positive shares into a balance index. The rules:

* **Ties.** Relations are read through :func:`vectorgraph.measures.collapse`
  on the undirected view: direction does not matter, strengths (``weight``)
  are summed per pair into a positive and a negative layer, structural ties
  are left out unless ``include_structural=True``.
* **Members.** A pole stands for itself and its members: the ``members`` of
  the actor (a region or bloc such as the West: the US and the EU), taken
  transitively. A tie with a member counts toward the pole. An actor in
  several poles splits its tie equally between them.
* **The focal actor's own pole.** A pole that is the focal actor or has it
  among its members (Kyrgyzstan and Central Asia) is left out of the focal
  actor's index and listed in ``excluded``; the index then runs over the
  remaining poles.
* **Two steps** (``two_step=True``). A tie through an intermediary that is an
  organisation or a company and belongs to no pole (the EAEU, a carmaker)
  counts toward the poles it is tied to, with the product of the two steps'
  strengths: positive-positive is positive, positive-negative negative,
  negative-negative is ignored. On both steps structural ties (membership,
  seat) count as positive: they are what makes a bloc a channel. Kazakhstan
  and Russia, both members of the EAEU, get ``1.0 * 1.0`` toward Russia.
* **Shares.** ``share`` is the pole's positive weight over all the focal
  actor's positive tie weight (poles or not); ``p`` is its share of the
  positive weight that goes to the poles. The index reads ``p`` over the K
  poles: normalised entropy ``H = -sum p ln p / ln K`` (1 even, 0 one pole),
  concentration ``sum p^2`` and the dominant pole (ties by id). Negative
  weight is reported but does not enter the index. A focal actor without
  positive ties to any pole, or with fewer than two poles, has no index:
  ``entropy``, ``concentration`` and ``dominant`` are None (null in JSON).

Examples
--------
>>> from vectorgraph import load
>>> b = vector_balance(load().to_networkx(), "KAZ")
>>> b.dominant, round(b.entropy, 3)
('RUS', 0.695)
>>> [(t.pole, round(t.p, 3)) for t in b.poles]
[('RUS', 0.601), ('CHN', 0.054), ('WEST', 0.238), ('TUR', 0.054), ('CENTRAL_ASIA', 0.054)]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from vectorgraph.errors import ArgumentError, NotFoundError
from vectorgraph.measures.collapsing import collapse

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "DEFAULT_FOCAL",
    "DEFAULT_POLES",
    "PoleTies",
    "VectorBalance",
    "pole_members",
    "vector_balance",
    "vector_balances",
]

#: The poles of the bundled article graph.
DEFAULT_POLES: tuple[str, ...] = ("RUS", "CHN", "WEST", "TUR", "CENTRAL_ASIA")
#: The state the bundled article is about.
DEFAULT_FOCAL = "KAZ"
_INTERMEDIARIES = ("organisation", "company")


@dataclass(frozen=True, kw_only=True, slots=True)
class PoleTies:
    """The focal actor's ties to one pole (see the module docstring for ``share`` and ``p``)."""

    pole: str
    positive: float
    negative: float
    net: float
    share: float | None
    p: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "pole": self.pole,
            "positive": self.positive,
            "negative": self.negative,
            "net": self.net,
            "share": self.share,
            "p": self.p,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class VectorBalance:
    """One focal actor's ties per pole and its balance index."""

    focal: str
    poles: tuple[PoleTies, ...]
    excluded: tuple[str, ...]
    total_positive: float
    entropy: float | None
    concentration: float | None
    dominant: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "focal": self.focal,
            "entropy": self.entropy,
            "concentration": self.concentration,
            "dominant": self.dominant,
            "total_positive": self.total_positive,
            "excluded": list(self.excluded),
            "poles": [t.to_dict() for t in self.poles],
        }

    #: The columns of :meth:`rows`, as ``vectorgraph vectors`` prints them.
    COLUMNS = ("pole", "positive", "negative", "net", "share", "p")

    def rows(self) -> list[dict[str, Any]]:
        """One row per pole (see :attr:`COLUMNS`), in pole order."""
        return [t.to_dict() for t in self.poles]

    def _repr_html_(self) -> str:
        from vectorgraph.measures.display import html_table

        index = "undefined" if self.entropy is None else f"entropy {self.entropy:.3f}"
        caption = f"{self.focal}: {index}, dominant {self.dominant or 'none'}"
        return html_table(self.rows(), self.COLUMNS, caption=caption)

    def to_pandas(self) -> Any:
        """The pole rows as a :class:`pandas.DataFrame` (needs pandas)."""
        from vectorgraph.measures.display import data_frame

        return data_frame(self.rows(), self.COLUMNS)


def pole_members(G: nx.Graph, pole: Any) -> frozenset[Any]:
    """The pole and its members, transitively (node attribute ``members``).

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("WEST", {"members": ["USA", "EU"]}), ("EU", {"members": ["DEU"]})])
    >>> sorted(pole_members(G, "WEST"))
    ['DEU', 'EU', 'USA', 'WEST']
    """
    seen = {pole}
    todo = [pole]
    while todo:
        actor = todo.pop()
        for m in (G.nodes[actor].get("members") or ()) if actor in G else ():
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return frozenset(seen)


class _Context:
    """What every focal actor shares: the collapsed graph, pole owners, two-step channels."""

    def __init__(
        self,
        G: nx.Graph,
        poles: Sequence[str],
        *,
        weight: str | None,
        include_structural: bool,
        two_step: bool,
    ) -> None:
        if not poles:
            raise ArgumentError("no poles given")
        if len(set(poles)) != len(poles):
            raise ArgumentError(f"a pole is given twice: {', '.join(poles)}")
        for p in poles:
            if p not in G:
                raise NotFoundError(f"unknown pole actor {p!r}")
        self.poles = list(poles)
        self.members = {p: pole_members(G, p) for p in poles}
        self.owners: dict[Any, list[str]] = {}
        for p in poles:
            for m in self.members[p]:
                self.owners.setdefault(m, []).append(p)
        self.H = collapse(G, weight=weight, include_structural=include_structural)
        self.channels: dict[Any, dict[str, tuple[float, float]]] = {}
        self.S = None
        if two_step:
            S = self.S = collapse(G, weight=weight, include_structural=True)
            for x, data in S.nodes(data=True):
                if data.get("type") not in _INTERMEDIARIES or x in self.owners:
                    continue
                via: dict[str, list[float]] = {}
                for m, d in S[x].items():
                    for p in self.owners.get(m, ()):
                        k = len(self.owners[m])
                        acc = via.setdefault(p, [0.0, 0.0])
                        acc[0] += d["positive"] / k
                        acc[1] += d["negative"] / k
                if via:
                    self.channels[x] = {p: (a, b) for p, (a, b) in via.items()}

    def balance(self, focal: Any) -> VectorBalance:
        if focal not in self.H:
            raise NotFoundError(f"unknown focal actor {focal!r}")
        active = [p for p in self.poles if focal not in self.members[p]]
        excluded = tuple(p for p in self.poles if p not in active)
        pos = dict.fromkeys(active, 0.0)
        neg = dict.fromkeys(active, 0.0)
        total = 0.0
        for m, d in sorted(self.H[focal].items(), key=lambda kv: str(kv[0])):
            total += d["positive"]
            owners = [p for p in self.owners.get(m, ()) if p in pos]
            for p in owners:
                pos[p] += d["positive"] / len(owners)
                neg[p] += d["negative"] / len(owners)
        if self.S is not None:
            for x, d in sorted(self.S[focal].items(), key=lambda kv: str(kv[0])):
                for p, (b_pos, b_neg) in self.channels.get(x, {}).items():
                    if p in pos:
                        step = d["positive"] * b_pos
                        pos[p] += step
                        total += step
                        neg[p] += d["positive"] * b_neg + d["negative"] * b_pos
        to_poles = sum(pos.values())
        ties = tuple(
            PoleTies(
                pole=p,
                positive=pos[p],
                negative=neg[p],
                net=pos[p] - neg[p],
                share=pos[p] / total if total else None,
                p=pos[p] / to_poles if to_poles else None,
            )
            for p in active
        )
        entropy = concentration = None
        dominant = None
        if to_poles and len(active) >= 2:
            shares = [pos[p] / to_poles for p in active]
            entropy = -sum(x * math.log(x) for x in shares if x > 0) / math.log(len(active))
            entropy = max(0.0, min(1.0, entropy))
            concentration = sum(x * x for x in shares)
            dominant = min(active, key=lambda p: (-pos[p], p))
        return VectorBalance(
            focal=focal,
            poles=ties,
            excluded=excluded,
            total_positive=total,
            entropy=entropy,
            concentration=concentration,
            dominant=dominant,
        )


def vector_balance(
    G: nx.Graph,
    focal: Any = DEFAULT_FOCAL,
    poles: Sequence[str] = DEFAULT_POLES,
    *,
    weight: str | None = "weight",
    include_structural: bool = False,
    two_step: bool = False,
) -> VectorBalance:
    """The focal actor's positive and negative ties per pole and its balance index.

    Parameters
    ----------
    G : networkx graph
        The graph of :func:`vectorgraph.to_networkx`; node attribute ``members``
        lists a pole's members, ``type`` marks intermediaries for ``two_step``.
    focal : str
        The actor whose ties are measured.
    poles : sequence of str
        The pole actors, in the order of the result.
    weight : str or None
        Edge attribute of a relation's strength; None counts relations.
    include_structural : bool
        Count structural ties (as positive) on the focal actor's side too.
    two_step : bool
        Add ties through organisations and companies outside the poles.

    Raises
    ------
    NotFoundError
        The focal actor or a pole is not in the graph.
    """
    ctx = _Context(
        G, poles, weight=weight, include_structural=include_structural, two_step=two_step
    )
    return ctx.balance(focal)


def vector_balances(
    G: nx.Graph,
    poles: Sequence[str] = DEFAULT_POLES,
    *,
    focals: Iterable[Any] | None = None,
    weight: str | None = "weight",
    include_structural: bool = False,
    two_step: bool = False,
) -> list[VectorBalance]:
    """:func:`vector_balance` for several focal actors, every state by default.

    Sorted by entropy, most even first (actors without an index last), then id.

    >>> from vectorgraph import load
    >>> rows = vector_balances(load().to_networkx())
    >>> [(b.focal, b.dominant) for b in rows][:2]
    [('KAZ', 'RUS'), ('CHN', None)]
    """
    ctx = _Context(
        G, poles, weight=weight, include_structural=include_structural, two_step=two_step
    )
    if focals is None:
        focals = [v for v, t in G.nodes(data="type") if t == "state"]
    rows = [ctx.balance(f) for f in focals]
    return sorted(rows, key=lambda b: (b.entropy is None, -(b.entropy or 0.0), str(b.focal)))
