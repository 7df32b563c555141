"""Charts as SVG text, written from Python: the balance per pole, its time series, a static graph.

Why SVG from Python rather than a chart library: the charts are a few dozen
rectangles and lines, so writing them costs less code than loading a library
(Vega-Lite with its runtime is over 800 kB of script and would have to be
inlined and allowed by the page's Content-Security-Policy). The SVG is the same
for the same input, byte for byte; it needs no script, so the report runs with
scripts forbidden altogether; it prints as vectors, sharp on paper and in PDF;
and every document string enters it through :func:`html.escape`, as text.

Every mark carries its number: a bar is ``<rect data-pole=... data-kind=...
data-value=...>`` and its chart's ``data-scale`` is the pixels per unit, so a
test can check that what is drawn is what :func:`vector_balance` computed.
Numbers are written with fixed precision, so the output is deterministic.

Examples
--------
>>> from vectorgraph import load
>>> from vectorgraph.measures import vector_balance
>>> svg = pole_chart(vector_balance(load().to_networkx(), "KAZ"), {"RUS": "Russia"})
>>> svg.startswith('<svg class="vg-chart vg-pole-chart"'), svg.count('class="vg-bar"')
(True, 10)
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from vectorgraph.palette import SIGN_COLOURS, actor_colour

if TYPE_CHECKING:
    from vectorgraph.document import GraphDocument
    from vectorgraph.measures.vectors import VectorBalance
    from vectorgraph.timeline import Timeline

__all__ = ["POLE_COLORS", "graph_chart", "pole_chart", "pole_color", "timeline_chart"]

#: Pole colours, in pole order: Paul Tol's "bright" scheme (distinct for colour-blind
#: readers) without its green, which the page uses for cooperative ties.
POLE_COLORS = ("#4477AA", "#EE6677", "#AA3377", "#CCBB44", "#66CCEE", "#BBBBBB", "#332288")
_POSITIVE, _NEGATIVE, _STRUCTURAL = SIGN_COLOURS[1], SIGN_COLOURS[-1], SIGN_COLOURS[0]
_FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"'


def pole_color(index: int) -> str:
    """The colour of the ``index``-th pole."""
    return POLE_COLORS[index % len(POLE_COLORS)]


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _n(value: float) -> str:
    """A coordinate: two decimals, no trailing zeros, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _v(value: float | None) -> str:
    """A number as the chart states it (data attributes and labels)."""
    return "" if value is None else f"{value:.6g}"


def _label(value: float | None) -> str:
    return "–" if value is None else f"{value:.3g}"


def _svg(cls: str, width: float, height: float, title: str, body: list[str], **data: str) -> str:
    attrs = "".join(f' data-{k}="{_e(v)}"' for k, v in data.items())
    return "\n".join(
        [
            (
                f'<svg class="vg-chart {cls}" xmlns="http://www.w3.org/2000/svg" '
                f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
                f'role="img" aria-label="{_e(title)}" {_FONT} font-size="12"{attrs}>'
            ),
            f"<title>{_e(title)}</title>",
            *body,
            "</svg>",
        ]
    )


def pole_chart(
    balance: VectorBalance,
    names: Mapping[str, str] | None = None,
    *,
    width: float = 640,
    period: str | None = None,
) -> str:
    """The focal actor's cooperative and conflictual weight per pole, as diverging bars.

    One row per pole: the conflictual (negative) weight to the left of the axis,
    the cooperative (positive) weight to the right, on one scale; beside them
    ``p``, the pole's share of the weight that goes to the poles. The heading
    names the ``period`` if given and states the index: normalised entropy,
    concentration, dominant pole. Labels and bars share ``width`` (SVG units).

    Each row is ``<g class="vg-pole" data-pole=ID>``; each bar
    ``<rect class="vg-bar" data-kind="positive|negative" data-value=...>``.
    """
    names = names or {}
    rows = balance.poles
    label_w, share_w, row_h, top = min(150.0, 0.3 * width), min(70.0, 0.2 * width), 30.0, 62.0
    plot_w = width - label_w - share_w - 36  # room for the longest bar's number
    high_pos = max((t.positive for t in rows), default=0.0)
    high_neg = max((t.negative for t in rows), default=0.0)
    span = high_pos + high_neg
    scale = plot_w / span if span > 0 else 0.0
    zero = label_w + high_neg * scale
    height = top + row_h * len(rows) + (30 if width >= 480 else 46)
    dominant = names.get(balance.dominant, balance.dominant) if balance.dominant else "none"
    if balance.entropy is not None and balance.concentration is not None:
        index = f"entropy {balance.entropy:.3f} · concentration {balance.concentration:.3f}"
        second = f"dominant pole: {dominant}"
    else:
        index, second = "no index:", "no cooperative tie to two poles or more"
    focal = names.get(balance.focal, balance.focal)
    title = f"{focal}: ties per pole" + (f" in {period}" if period else "")
    body = [
        f'<text x="0" y="16" font-size="14" font-weight="600">{_e(title)}</text>',
        f'<text class="vg-index" x="0" y="34" fill="#333">{_e(index)}</text>',
        f'<text class="vg-dominant" x="0" y="50" fill="#333">{_e(second)}</text>',
    ]
    for i, t in enumerate(rows):
        y = top + i * row_h
        name = names.get(t.pole, t.pole)
        neg_w, pos_w = t.negative * scale, t.positive * scale
        body += [
            f'<g class="vg-pole" data-pole="{_e(t.pole)}" data-index="{i}">',
            (
                f'<rect class="vg-pole-hit" x="0" y="{_n(y)}" width="{_n(width)}" '
                f'height="{_n(row_h)}" fill="transparent"/>'
            ),
            f'<rect x="0" y="{_n(y + 8)}" width="10" height="10" fill="{pole_color(i)}"/>',
            f'<text x="16" y="{_n(y + 17)}">{_e(name)}</text>',
            (
                f'<rect class="vg-bar" data-pole="{_e(t.pole)}" data-kind="negative" '
                f'data-value="{_v(t.negative)}" x="{_n(zero - neg_w)}" y="{_n(y + 5)}" '
                f'width="{_n(neg_w)}" height="{_n(row_h - 10)}" fill="{_NEGATIVE}">'
                f"<title>{_e(name)}: conflictual {_v(t.negative)}</title></rect>"
            ),
            (
                f'<rect class="vg-bar" data-pole="{_e(t.pole)}" data-kind="positive" '
                f'data-value="{_v(t.positive)}" x="{_n(zero)}" y="{_n(y + 5)}" '
                f'width="{_n(pos_w)}" height="{_n(row_h - 10)}" fill="{_POSITIVE}">'
                f"<title>{_e(name)}: cooperative {_v(t.positive)}</title></rect>"
            ),
            (
                f'<text x="{_n(zero + pos_w + 4)}" y="{_n(y + 19)}" font-size="11" '
                f'fill="#333">{_label(t.positive)}</text>'
            ),
            (
                f'<text class="vg-p" x="{_n(width - 4)}" y="{_n(y + 19)}" text-anchor="end">'
                f"p {_label(t.p)}</text>"
            ),
            "</g>",
        ]
    bottom = top + row_h * len(rows)
    body += [
        (
            f'<line x1="{_n(zero)}" y1="{_n(top)}" x2="{_n(zero)}" y2="{_n(bottom)}" '
            'stroke="#555" stroke-width="1"/>'
        ),
        f'<rect x="0" y="{_n(bottom + 12)}" width="10" height="10" fill="{_NEGATIVE}"/>',
        f'<text x="14" y="{_n(bottom + 21)}" font-size="11">conflictual</text>',
        f'<rect x="90" y="{_n(bottom + 12)}" width="10" height="10" fill="{_POSITIVE}"/>',
        f'<text x="104" y="{_n(bottom + 21)}" font-size="11">cooperative</text>',
        (
            f'<text x="{_n(width - 4)}" y="{_n(bottom + (21 if width >= 480 else 37))}" '
            'font-size="11" text-anchor="end">p: share among the poles</text>'
        ),
    ]
    return _svg("vg-pole-chart", width, height, title, body, scale=_v(scale), zero=_n(zero))


def timeline_chart(
    timeline: Timeline,
    names: Mapping[str, str] | None = None,
    *,
    width: float = 640,
    height: float = 260,
) -> str:
    """The balance over time: each period's shares ``p`` stacked per pole, entropy as a line.

    Both read on one axis from 0 to 1. A period without an index (no
    cooperative tie to two poles) has an empty column. Each column is
    ``<g class="vg-period" data-period=LABEL>``, each segment
    ``<rect class="vg-share" data-pole=ID data-value=p>``.
    """
    names = names or {}
    periods = timeline.periods
    # legend: the poles, then the entropy line, wrapped into rows that fit the width
    lx, ly = 0.0, 36.0
    legend = []
    items = [(pole_color(i), names.get(p, p)) for i, p in enumerate(_poles(timeline))]
    for color, name in [*items, (None, "entropy")]:
        step_w = 18 + 6.2 * len(name)
        if lx + step_w > width and lx > 0:
            lx, ly = 0.0, ly + 14
        if color is None:
            legend.append(
                f'<line x1="{_n(lx)}" y1="{_n(ly - 4)}" x2="{_n(lx + 12)}" y2="{_n(ly - 4)}" '
                f'stroke="#222" stroke-width="2"/><text x="{_n(lx + 15)}" y="{_n(ly)}" '
                f'font-size="10">{_e(name)}</text>'
            )
        else:
            legend.append(
                f'<rect x="{_n(lx)}" y="{_n(ly - 8)}" width="9" height="9" fill="{color}"/>'
                f'<text x="{_n(lx + 12)}" y="{_n(ly)}" font-size="10">{_e(name)}</text>'
            )
        lx += step_w
    left, right, top, bottom = 36.0, 8.0, ly + 12, 62.0
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / max(1, len(periods))
    bar_w = step * 0.7
    every = max(1, math.ceil(len(periods) / 16))
    focal = names.get(timeline.focal, timeline.focal)
    title = f"{focal}: balance by {timeline.by}"
    body = [f'<text x="0" y="16" font-size="14" font-weight="600">{_e(title)}</text>', *legend]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = top + plot_h * (1 - tick)
        body.append(
            f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(width - right)}" y2="{_n(y)}" '
            f'stroke="#ddd" stroke-width="1"/><text x="{_n(left - 4)}" y="{_n(y + 4)}" '
            f'font-size="10" text-anchor="end">{tick:g}</text>'
        )
    points = []
    for k, pb in enumerate(periods):
        x = left + k * step + (step - bar_w) / 2
        label = pb.period.label
        body.append(
            f'<g class="vg-period" data-period="{_e(label)}" data-index="{k}">'
            f'<rect class="vg-period-hit" x="{_n(left + k * step)}" y="{_n(top)}" '
            f'width="{_n(step)}" height="{_n(plot_h)}" fill="transparent">'
            f"<title>{_e(label)}: {pb.relations} relations, entropy "
            f"{_label(pb.balance.entropy)}</title></rect>"
        )
        y = top + plot_h
        for i, t in enumerate(pb.balance.poles):
            if not t.p:
                continue
            h = t.p * plot_h
            y -= h
            body.append(
                f'<rect class="vg-share" data-pole="{_e(t.pole)}" data-value="{_v(t.p)}" '
                f'x="{_n(x)}" y="{_n(y)}" width="{_n(bar_w)}" height="{_n(h)}" '
                f'fill="{pole_color(i)}"><title>{_e(label)}: '
                f"{_e(names.get(t.pole, t.pole))} p {_label(t.p)}</title></rect>"
            )
        body.append("</g>")
        if pb.balance.entropy is not None:
            points.append((x + bar_w / 2, top + plot_h * (1 - pb.balance.entropy)))
        if k % every == 0:
            lx, ly = x + bar_w / 2, top + plot_h + 12
            rotate = f' transform="rotate(-40 {_n(lx)} {_n(ly)})"' if len(periods) > 8 else ""
            anchor = "end" if rotate else "middle"
            body.append(
                f'<text x="{_n(lx)}" y="{_n(ly)}" font-size="10" text-anchor="{anchor}"'
                f"{rotate}>{_e(label)}</text>"
            )
    if points:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        body.append(
            f'<polyline class="vg-entropy" points="{path}" fill="none" stroke="#222" '
            'stroke-width="2"/>'
        )
        body += [f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3" fill="#222"/>' for x, y in points]
    return _svg(
        "vg-timeline-chart", width, height, title, body, by=timeline.by, periods=str(len(periods))
    )


def _poles(timeline: Timeline) -> Sequence[str]:
    return [t.pole for t in timeline.periods[0].balance.poles] if timeline.periods else []


def graph_chart(
    doc: GraphDocument,
    sizes: Mapping[str, float] | None = None,
    *,
    width: float = 640,
    height: float = 480,
    seed: int = 0,
    labels: int = 40,
    groups: Mapping[str, str] | None = None,
) -> str:
    """A static drawing of the graph: one line per pair of actors, coloured by its net sign.

    A group's members (``members``: the West's US and EU) are tied to it by a
    broad pale line and laid out beside it; ``groups`` (group id -> colour, the
    poles of a balance) draws those lines in the group's colour and rings the
    group and its members with it, as the page does.

    Positions are :func:`vectorgraph.render.layout.positions` (seeded), actors
    are circles in their type's colour, sized by ``sizes`` (e.g. PageRank); the
    ``labels`` largest are named. Isolated actors are drawn in a row below.
    """
    from vectorgraph.render.layout import positions
    from vectorgraph.ties import net_sign, pair

    sizes = sizes or {}
    ids = [a.id for a in doc.actors]
    net: dict[tuple[str, str], float] = {}
    for r in doc.relations:
        if r.source != r.target:
            key = pair(r.source, r.target)
            net[key] = net.get(key, 0.0) + r.sign * r.weight
    known = set(ids)
    links = sorted((a.id, m) for a in doc.actors for m in a.members if m in known and m != a.id)
    members = sorted({pair(g, m) for g, m in links})
    linked = {a for key in [*net, *members] for a in key}
    pos = positions([a for a in ids if a in linked], sorted({*net, *members}), seed=seed)
    isolates = [a for a in ids if a not in linked]
    strip = 40.0 if isolates else 0.0
    pad, side = 28.0, 70.0  # room for the labels above and beside the outermost actors
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    k = min((width - 2 * side) / span_x, (height - strip - 2 * pad) / span_y)
    ox = side + ((width - 2 * side) - span_x * k) / 2 - min(xs) * k
    oy = pad + ((height - strip - 2 * pad) - span_y * k) / 2 - min(ys) * k
    xy = {a: (ox + x * k, oy + y * k) for a, (x, y) in pos.items()}
    for i, a in enumerate(isolates):
        xy[a] = (side + (i + 0.5) * (width - 2 * side) / len(isolates), height - strip / 2)
    low = min(sizes.values(), default=0.0)
    high = max(sizes.values(), default=0.0)

    def radius(a: str) -> float:
        if high <= low:
            return 6.0
        return 4.0 + 10.0 * (sizes.get(a, low) - low) / (high - low)

    types = {a.id: a.type for a in doc.actors}
    names = {a.id: a.name for a in doc.actors}
    title = doc.title or "graph"
    body = []
    colours = {1: _POSITIVE, -1: _NEGATIVE, 0: _STRUCTURAL}
    for (a, b), value in sorted(net.items()):
        (x1, y1), (x2, y2) = xy[a], xy[b]
        sign = net_sign(value)
        dash = ' stroke-dasharray="4 3"' if sign == 0 else ""
        body.append(
            f'<line class="vg-tie" data-sign="{sign}" x1="{_n(x1)}" y1="{_n(y1)}" '
            f'x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colours[sign]}" stroke-width="1.6" '
            f'stroke-opacity="0.8"{dash}/>'
        )
    groups = groups or {}
    for g, m in links:
        (x1, y1), (x2, y2) = xy[g], xy[m]
        body.append(
            f'<line class="vg-member" data-group="{_e(g)}" x1="{_n(x1)}" y1="{_n(y1)}" '
            f'x2="{_n(x2)}" y2="{_n(y2)}" stroke="{groups.get(g, "#56B4E9")}" stroke-width="3" '
            'stroke-opacity="0.45" stroke-linecap="round"/>'
        )
    for g, colour in groups.items():
        for a in [g, *(m for h, m in links if h == g)]:
            if a in xy:
                x, y = xy[a]
                body.append(
                    f'<circle class="vg-ring" data-group="{_e(g)}" cx="{_n(x)}" cy="{_n(y)}" '
                    f'r="{_n(radius(a) + 3)}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                )
    order = sorted(ids, key=lambda a: (-sizes.get(a, 0.0), a))
    named = set(order[:labels])
    for a in ids:
        x, y = xy[a]
        colour = actor_colour(types[a])
        body.append(
            f'<circle class="vg-actor" data-actor="{_e(a)}" cx="{_n(x)}" cy="{_n(y)}" '
            f'r="{_n(radius(a))}" fill="{colour}" stroke="#333" stroke-width="0.8">'
            f"<title>{_e(names[a])}</title></circle>"
        )
    for a in ids:
        if a in named:
            x, y = xy[a]
            body.append(
                f'<text x="{_n(x)}" y="{_n(y - radius(a) - 3)}" font-size="10" '
                f'text-anchor="middle" stroke="#fff" stroke-width="3" paint-order="stroke">'
                f"{_e(names[a])}</text>"
            )
    if isolates:
        body.append(
            f'<text x="{_n(pad)}" y="{_n(height - strip - 4)}" font-size="10" fill="#555">'
            "without a relation:</text>"
        )
    return _svg("vg-graph-chart", width, height, title, body, actors=str(len(ids)))
