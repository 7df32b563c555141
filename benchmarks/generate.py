"""Generated graph documents for benchmarks: seeded, with a skewed degree distribution.

``python benchmarks/generate.py 10000 50000 -o /tmp/big.yaml`` writes one to disk;
benchmarks import :func:`generate_dict` / :func:`generate` directly.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from vectorgraph import RELATION_TYPES, GraphDocument

_ACTOR_TYPES = ["state"] * 6 + ["organisation", "region", "company", "company", "person", "person"]


def generate_dict(
    n_actors: int, n_relations: int, seed: int = 0, *, source: str = "gen"
) -> dict[str, Any]:
    """A raw, valid graph document of ``n_actors`` actors and ``n_relations`` relations.

    Endpoints are drawn with weights ``1 / (rank + 10)`` (a few hubs, a long
    tail), relation types uniformly from the vocabulary, each relation with one
    evidence item (not checked against a text: the source has no path).
    """
    rng = random.Random(seed)
    ids = [f"A{i:05d}" for i in range(n_actors)]
    actors = [
        {"id": a, "name": f"Actor {i}", "type": rng.choice(_ACTOR_TYPES), "aliases": [f"Alias {i}"]}
        for i, a in enumerate(ids)
    ]
    cum_weights = list(itertools.accumulate(1.0 / (rank + 10) for rank in range(n_actors)))
    types = sorted(RELATION_TYPES)
    relations = []
    while len(relations) < n_relations:
        s, t = rng.choices(ids, cum_weights=cum_weights, k=2)
        if s == t:
            continue
        year = rng.randint(2015, 2024)
        relations.append(
            {
                "source": s,
                "target": t,
                "type": rng.choice(types),
                "date": str(year),
                "evidence": [
                    {
                        "source": source,
                        "sentence": len(relations),
                        "quote": f"{s} and {t} did something in {year}.",
                    }
                ],
            }
        )
    return {
        "vectorgraph": 1,
        "title": f"generated {n_actors}/{n_relations} seed {seed}",
        "sources": [{"id": source, "title": "generated"}],
        "actors": actors,
        "relations": relations,
    }


def generate(n_actors: int, n_relations: int, seed: int = 0) -> GraphDocument:
    """The same as :func:`generate_dict`, as a document."""
    return GraphDocument.from_dict(generate_dict(n_actors, n_relations, seed))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("actors", type=int)
    parser.add_argument("relations", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    from vectorgraph.io import dump

    dump(generate(args.actors, args.relations, args.seed), args.output)


if __name__ == "__main__":
    main()
