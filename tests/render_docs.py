"""Graph documents for the render tests: a hostile one and two small ones."""

from __future__ import annotations

from typing import Any

#: Strings that would run script or inject markup if a page inserted them raw.
#: Each sets window.__vgPwned or opens a dialog when it executes.
PAYLOADS = [
    '<img src=x onerror="window.__vgPwned=1;alert(1)">',
    "</script><script>window.__vgPwned=2;alert(2)</script>",
    "<!--<script>window.__vgPwned=3</script>",
    "\u2028\u2029'\";window.__vgPwned=4;//",
    '<svg onload="window.__vgPwned=5">',
    "&lt;b&gt;entity&amp;",
    "javascript:window.__vgPwned=6",
]


def hostile_dict() -> dict[str, Any]:
    """A valid document whose every free-text field carries a payload."""
    p = PAYLOADS
    return {
        "vectorgraph": 1,
        "title": p[1] + " " + p[0],
        "description": p[2] + p[4],
        "sources": [{"id": "src", "title": p[0], "author": p[1], "date": "2024", "url": p[6]}],
        "vocabulary": [
            {"id": "weird_tie", "label": p[1], "score": -3.0, "directed": True, "description": p[0]}
        ],
        "actors": [
            {"id": "AAA", "name": p[0], "type": "state", "aliases": [p[1], p[3]], "note": p[2]},
            {"id": "BBB", "name": p[1], "type": "organisation", "aliases": [p[4]]},
            {"id": "CCC", "name": p[3], "type": "person", "note": p[5]},
        ],
        "relations": [
            {
                "id": "r_xss",
                "source": "AAA",
                "target": "BBB",
                "type": "sanctions",
                "note": p[4],
                "date": "2024",
                "evidence": [{"source": "src", "quote": q} for q in p],
            },
            {
                "source": "BBB",
                "target": "CCC",
                "type": "weird_tie",
                "evidence": [{"source": "src", "quote": p[1]}],
            },
            {"source": "CCC", "target": "AAA", "type": "trade"},
        ],
    }


def small_dict(n: int = 6, title: str = "small") -> dict[str, Any]:
    """A ring of ``n`` states with trade ties and one conflict."""
    ids = [f"S{i}" for i in range(n)]
    rels = [
        {
            "source": ids[i],
            "target": ids[(i + 1) % n],
            "type": "trade",
            "evidence": [{"source": "s", "quote": f"{ids[i]} trades with {ids[(i + 1) % n]}."}],
        }
        for i in range(n)
    ]
    rels.append({"source": ids[0], "target": ids[n // 2], "type": "threat"})
    return {
        "vectorgraph": 1,
        "title": title,
        "sources": [{"id": "s", "title": "notes"}],
        "actors": [{"id": a, "name": f"State {a}", "type": "state"} for a in ids],
        "relations": rels,
    }


def large_hostile_dict(at: int) -> dict[str, Any]:
    """A large generated graph (2,003 actors, 1,501 relations) whose relation ``at``, between
    two actors of its own, quotes every payload."""
    from generate import generate_dict

    data = generate_dict(2001, 1500, seed=2)
    data["actors"] += [
        {"id": "HX1", "name": "Hostile one", "type": "state"},
        {"id": "HX2", "name": "Hostile two", "type": "state"},
    ]
    evidence = [{"source": "gen", "sentence": k, "quote": q} for k, q in enumerate(PAYLOADS)]
    data["relations"].insert(
        at, {"source": "HX1", "target": "HX2", "type": "sanctions", "evidence": evidence}
    )
    return data
