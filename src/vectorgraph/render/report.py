"""The report: one self-contained, printable HTML page to attach to a brief.

It holds the graph (a static drawing), the focal actor's balance per pole and
what each pole contains, the balance over time, the most central actors, the
unbalanced triads and the evidence table with its sources. Every chart is SVG
from :mod:`vectorgraph.render.charts`; the page has no script at all, and its
Content-Security-Policy forbids scripts and every request, so it opens the same
offline, in a mail client's preview or printed. Document text enters only
through :func:`html.escape`.

The print stylesheet sets A4 pages with 14 mm margins, keeps each chart and its
caption on one page, repeats table headings on every page and lets charts fill
the text width (a 640-unit chart prints about 180 mm wide, its 12-unit labels at
about 9 pt).

Examples
--------
>>> from vectorgraph import load
>>> page = report(load())
>>> page.startswith("<!DOCTYPE html>"), "script-src" in page, "<script" in page
(True, False, False)
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from vectorgraph.document import GraphDocument
from vectorgraph.render import charts
from vectorgraph.render.balance import BalanceView, balance_view
from vectorgraph.ties import sign_text

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["CSP", "report"]

#: The report's Content-Security-Policy: no script, no request, styles inline only.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #222;
  margin: 0 auto; max-width: 60rem; padding: 1rem 1.5rem; font-size: 14px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0.2rem 0 0.4rem; }
h2 { font-size: 1.2rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #ccc; }
.vg-lede { color: #444; }
figure { margin: 0.8rem 0; }
figure svg { display: block; width: 100%; height: auto; max-width: 46rem; }
figcaption { color: #555; font-size: 12px; margin-top: 0.3rem; }
table { border-collapse: collapse; width: 100%; font-size: 12px; margin: 0.4rem 0; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 0.2rem 0.4rem; text-align: left;
  vertical-align: top; }
th { background: #f3f3f3; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.q { font-style: italic; }
.vg-swatch { display: inline-block; width: 0.7em; height: 0.7em; margin-right: 0.3em; }
.vg-sources li { margin: 0.2rem 0; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  figure, .vg-keep { break-inside: avoid; }
  figure svg { max-width: 100%; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _num(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}g}"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table of already-escaped cells; columns in ``numeric`` align right."""
    out = ["<table><thead><tr>", *(f"<th>{h}</th>" for h in head), "</tr></thead><tbody>"]
    for row in rows:
        cells = "".join(
            f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _balance_section(view: BalanceView, names: dict[str, str]) -> list[str]:
    b = view.balance
    out = [
        '<section id="balance"><h2>The multi-vector balance</h2>',
        (
            f"<figure>{charts.pole_chart(b, names)}<figcaption>Cooperative (right) and "
            "conflictual (left) tie weight of "
            f"{_e(names[view.focal])} per pole; p is each pole's share of the cooperative weight "
            "that goes to the poles. Normalised entropy: 1 is even, 0 one pole.</figcaption></figure>"
        ),
    ]
    rows = []
    for i, t in enumerate(b.poles):
        inside = ", ".join(names[m] for m in view.members[t.pole]) or "itself only"
        swatch = f'<span class="vg-swatch" style="background:{charts.pole_color(i)}"></span>'
        rows.append(
            [
                swatch + _e(names[t.pole]),
                _e(inside),
                _num(t.positive),
                _num(t.negative),
                _num(t.p),
                str(len(view.ties[t.pole])),
            ]
        )
    out.append(
        '<div class="vg-keep">'
        + _table(
            ["pole", "contains", "cooperative", "conflictual", "p", "relations"],
            rows,
            numeric=(2, 3, 4, 5),
        )
        + "</div>"
    )
    if b.excluded:
        left_out = ", ".join(names[p] for p in b.excluded)
        out.append(f"<p>Left out as {_e(names[view.focal])}'s own pole: {_e(left_out)}.</p>")
    out.append("</section>")
    return out


def _timeline_section(view: BalanceView, names: dict[str, str]) -> list[str]:
    t = view.timeline
    if t is None:
        return []
    rows = [
        [
            _e(p.period.label),
            str(p.relations),
            str(p.ties),
            str(p.evidence),
            _num(p.balance.entropy),
            _e(names.get(p.balance.dominant, "") if p.balance.dominant else ""),
        ]
        for p in t.periods
    ]
    return [
        '<section id="timeline"><h2>The balance over time</h2>',
        (
            f"<figure>{charts.timeline_chart(t, names)}<figcaption>Each {t.by}'s shares p, "
            "stacked per pole, and the normalised entropy (line), both from 0 to 1. A period "
            "holds the relations whose date overlaps it (undated ones in every period).</figcaption>"
            "</figure>"
        ),
        _table(
            [
                "period",
                "relations",
                f"{_e(names[view.focal])}'s ties",
                "evidence",
                "entropy",
                "dominant",
            ],
            rows,
            numeric=(1, 2, 3, 4),
        ),
        "</section>",
    ]


def _central_section(G: nx.MultiDiGraph, names: dict[str, str], top: int) -> list[str]:
    from vectorgraph.measures import centralities

    table = centralities(G, ["pagerank", "strength", "betweenness", "degree"])
    order = sorted(names, key=lambda a: (-round(table["pagerank"].get(a, 0.0), 12), a))[:top]
    rows = [
        [
            str(k + 1),
            _e(names[a]),
            _e(a),
            _num(table["pagerank"][a]),
            _num(table["strength"][a]),
            _num(table["betweenness"][a]),
            str(int(table["degree"][a])),
        ]
        for k, a in enumerate(order)
    ]
    return [
        '<section id="central"><h2>The most central actors</h2>',
        (
            "<p>PageRank on cooperative ties (an actor is central when central actors cooperate "
            "with it), strength (summed tie weight), betweenness and degree (distinct partners); "
            "see <code>vectorgraph centrality</code>.</p>"
        ),
        _table(
            ["rank", "actor", "id", "pagerank", "strength", "betweenness", "partners"],
            rows,
            numeric=(0, 3, 4, 5, 6),
        ),
        "</section>",
    ]


def _triads_section(G: nx.MultiDiGraph, names: dict[str, str]) -> list[str]:
    from vectorgraph.measures import structural_balance

    result = structural_balance(G)
    ratio = "undefined" if result.ratio is None else f"{result.ratio:.3g}"
    f = result.frustration
    frustration = (
        ""
        if f is None
        else f" Frustration index {f.value}{'' if f.exact else ' (an upper bound)'}: "
        f"{f.value} sign change{'s' if f.value != 1 else ''} would balance the graph."
    )
    rows = [
        [
            _e(" – ".join(names[a] for a in t.actors)),
            _e(t.kind),
            _e(", ".join(f"{names[u]} {sign_text(s)} {names[v]}" for u, v, s in t.edges)),
        ]
        for t in result.unbalanced
    ]
    out = [
        '<section id="triads"><h2>Unbalanced triads</h2>',
        (
            f"<p>{result.triangles} signed triangles, {result.balanced} balanced (ratio {ratio})."
            f"{_e(frustration)} A triangle is unbalanced when the product of its signs is "
            "negative: two friends of one actor at odds (<code>++-</code>), or three rivals "
            "(<code>---</code>).</p>"
        ),
    ]
    out.append(_table(["actors", "signs", "ties"], rows) if rows else "<p>None.</p>")
    out.append("</section>")
    return out


def _evidence_section(doc: GraphDocument, names: dict[str, str]) -> list[str]:
    rows = []
    order = sorted(
        range(len(doc.relations)),
        key=lambda i: (names[doc.relations[i].source], names[doc.relations[i].target], i),
    )
    for i in order:
        r = doc.relations[i]
        label = doc.types[r.type].label if r.type in doc.types else r.type
        arrow = "→" if r.directed else "–"
        for e in r.evidence or ():
            where = f"{e.source}" + ("" if e.sentence is None else f", sentence {e.sentence}")
            rows.append(
                [
                    _e(f"{names[r.source]} {arrow} {names[r.target]}"),
                    _e(f"{label} ({sign_text(r.sign)})"),
                    _e(r.date or ""),
                    f'<span class="q">{_e(e.quote)}</span>',
                    _e(where),
                ]
            )
        if not r.evidence:
            rows.append(
                [
                    _e(f"{names[r.source]} {arrow} {names[r.target]}"),
                    _e(f"{label} ({sign_text(r.sign)})"),
                    _e(r.date or ""),
                    "<em>no evidence recorded</em>",
                    "",
                ]
            )
    listed = []
    for s in doc.sources:
        parts = [f"<strong>{_e(s.id)}</strong>: {_e(s.title)}"]
        parts += [_e(x) for x in (s.author, s.date, s.url) if x]
        listed.append("<li>" + ", ".join(parts) + "</li>")
    return [
        '<section id="evidence"><h2>Evidence</h2>',
        f"<p>{len(rows)} sentences behind {len(doc.relations)} relations, by actor.</p>",
        _table(["relation", "type (sign)", "date", "sentence", "source"], rows),
        "<h3>Sources</h3>",
        '<ul class="vg-sources">' + "".join(listed) + "</ul>" if listed else "<p>None listed.</p>",
        "</section>",
    ]


def _type_legend(doc: GraphDocument) -> str:
    from vectorgraph.palette import actor_colour

    present = sorted({a.type for a in doc.actors})
    items = [
        f'<span class="vg-swatch" style="background:{actor_colour(t)}"></span>{_e(t)}'
        for t in present
    ]
    return '<span class="vg-types">' + " ".join(items) + "</span><br>"


def report(
    doc: GraphDocument,
    *,
    focal: str | None = None,
    poles: Sequence[str] | None = None,
    by: str | None = None,
    top: int = 10,
    title: str | None = None,
    seed: int = 0,
    start: str | None = None,
    end: str | None = None,
) -> str:
    """The report of ``doc`` as one self-contained HTML page (see the module docstring).

    Parameters
    ----------
    doc : GraphDocument
    focal, poles : str, sequence of str, optional
        The actor whose balance is shown and its poles (ids, names or aliases);
        as :func:`vectorgraph.render.balance.focal_and_poles` chooses by default.
        Without a focal actor the report has no balance sections.
    by : {"year", "quarter", "month"}, optional
        The periods of the balance over time; by default the finest giving at
        most 24 periods. A graph without dates has no time series.
    top : int
        How many of the most central actors to list.
    title : str, optional
        The heading; the document's title by default.
    seed : int
        Seeds the graph's layout; the same input and seed give the same page.
    start, end : str, optional
        The window of the time slice ``doc`` was cut with: the time series keeps to it.
    """
    from vectorgraph.render.sizing import size_values

    names = {a.id: a.name for a in doc.actors}
    view = balance_view(doc, focal, poles, by=by, start=start, end=end)
    heading = title if title is not None else (doc.title or "vectorgraph report")
    dated = [r.date for r in doc.relations if r.date]
    lede = (
        f"{len(doc.actors)} actors, {len(doc.relations)} relations "
        f"({len(dated)} dated), from {len(doc.sources)} source"
        f"{'' if len(doc.sources) == 1 else 's'}."
    )
    G = doc.to_networkx()
    sizes = size_values(G, "pagerank")
    groups = (
        {t.pole: charts.pole_color(k) for k, t in enumerate(view.balance.poles)}
        if view is not None
        else None
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(heading)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        '<body class="vg-report">',
        f"<h1>{_e(heading)}</h1>",
        f'<p class="vg-lede">{_e(doc.description or "")} {_e(lede)}</p>',
        '<section id="graph"><h2>The graph</h2>',
        (
            f"<figure>{charts.graph_chart(doc, sizes, seed=seed, groups=groups)}"
            f"<figcaption>{_type_legend(doc)}"
            "Actors sized by PageRank, coloured by type; one line per pair, green when the pair's "
            "net tie is cooperative, orange when conflictual, grey dashed when structural; broad "
            "pale lines tie a group to its members, a pole's in its colour, and the pole and its "
            "members are ringed with it. <code>vectorgraph render</code> draws the graph "
            "interactively.</figcaption></figure>"
        ),
        "</section>",
    ]
    if view is not None:
        parts += _balance_section(view, names)
        parts += _timeline_section(view, names)
    parts += _central_section(G, names, top)
    parts += _triads_section(G, names)
    parts += _evidence_section(doc, names)
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
