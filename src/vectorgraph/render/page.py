"""The HTML page and the embeddable fragment, assembled from escaped parts.

Nothing from a graph document is written into markup raw. The heading goes
through :func:`html.escape`; the data and the vis-network options travel as JSON
in a ``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and
U+2028/U+2029 written as ``\\uXXXX`` escapes (:func:`script_json`), so no
``</script>`` or ``<!--`` can end or bend the block. The page script shows
every document string through ``textContent``, never ``innerHTML``. A whole page
also carries a Content-Security-Policy that allows only its own scripts (by hash)
and no network at all.

Every id in a fragment derives from a hash of its content, so output is
deterministic and two fragments of different graphs on one page never collide.

Examples
--------
>>> script_json({"q": "</script><!-- \\u2028"})
'{"q":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u2028"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.render import assets
from vectorgraph.render.data import RenderMode, neighbourhood, payload

__all__ = ["Figure", "Rendered", "figure", "render", "script_json", "vis_options"]

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_HEIGHT = re.compile(r"^(\d+(\.\d+)?(px|em|rem|vh|%)|calc\([0-9a-z.%+\- ]+\))$")
_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def script_json(value: Any) -> str:
    """Compact, key-sorted JSON that is safe inside any ``<script>`` element."""
    text = json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    return text.translate(_JSON_ESCAPES)


def vis_options(physics: bool, large: bool, seed: int = 0) -> dict[str, Any]:
    """vis-network options, built with pyvis's options model.

    >>> vis_options(False, True)["physics"]["enabled"]
    False
    """
    from pyvis.options import Options

    opts = Options()
    opts.physics.enabled = physics
    opts.physics.use_barnes_hut(
        {
            "gravity": -3000,
            "central_gravity": 0.1,
            "spring_length": 160,
            "spring_strength": 0.02,
            "damping": 0.2,
            "overlap": 0.2,
        }
    )
    opts.physics.stabilization.iterations = 150
    opts.physics.stabilization.fit = True
    opts.edges.smooth.enabled = False
    opts.edges.inherit_colors(False)
    opts.interaction.hideEdgesOnDrag = large
    out: dict[str, Any] = json.loads(opts.to_json())
    out["edges"].update(
        {
            "arrowStrikethrough": False,
            "selectionWidth": 1.5,
            "hoverWidth": 1.0,
            "arrows": {"to": {"scaleFactor": 0.6}},
        }
    )
    out["interaction"].update(
        {
            "hover": not large,
            "tooltipDelay": 100,
            "navigationButtons": True,
            "keyboard": False,
            "hideEdgesOnZoom": large,
            "multiselect": False,
        }
    )
    out["layout"] = {"improvedLayout": False, "randomSeed": seed}
    out["nodes"] = {
        "borderWidth": 1,
        "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
        "scaling": {"label": {"enabled": False}},
    }
    return out


@dataclass(frozen=True, slots=True)
class Rendered:
    """A rendered page or fragment: the HTML text and how it was drawn."""

    html: str
    mode: RenderMode
    id: str


def render(
    doc: GraphDocument,
    *,
    title: str | None = None,
    size_by: str = "pagerank",
    focus: str | None = None,
    depth: int = 1,
    fragment: bool = False,
    seed: int = 0,
    physics: bool | None = None,
    height: str | None = None,
    id: str | None = None,
) -> Rendered:
    """The interactive HTML of ``doc``: a whole page, or an embeddable fragment.

    Parameters
    ----------
    doc : GraphDocument
    title : str, optional
        The heading; the document's title by default.
    size_by : str
        The centrality that sizes actors (see :data:`vectorgraph.render.sizing.SIZE_MEASURES`).
    focus, depth : str, int
        Draw only the actors within ``depth`` ties of ``focus`` (an id, name or alias).
    fragment : bool
        A ``<div>`` with its styles and scripts, to paste into another page.
    seed : int
        Seeds the layout; the same document and seed give byte-identical output.
    physics : bool, optional
        Force browser physics on or off; chosen by size when None.
    height : str, optional
        CSS height of the drawing area (default: the window for a page, 600px for a fragment).
    id : str, optional
        The element id; derived from the content when None.

    Examples
    --------
    >>> from vectorgraph import load
    >>> page = render(load())
    >>> page.html.startswith("<!DOCTYPE html>"), page.mode.physics
    (True, True)
    >>> render(load()).html == page.html
    True
    """
    if id is not None and not _ID.match(id):
        raise ValueError(
            f"id {id!r} is not a plain HTML id (a letter, then letters, digits, - or _)"
        )
    if height is not None and not _HEIGHT.match(height):
        raise ValueError(f"height {height!r} is not a CSS length such as 600px or 80vh")
    if focus is not None:
        doc = neighbourhood(doc, focus, depth)
        if title is None:
            title = f"{doc.title}: {doc.find_actor(focus).name}, depth {depth}"
    data, mode = payload(doc, size_by=size_by, seed=seed, physics=physics, title=title)
    large = is_large(mode)
    data["options"] = vis_options(mode.physics, large, seed)
    data["large"] = large
    data_json = script_json(data)
    root_id = id or "vg-" + hashlib.sha256(data_json.encode("utf-8")).hexdigest()[:12]
    heading = html.escape(data["title"] or "vectorgraph")
    height = height or ("calc(100vh - 4.5rem)" if not fragment else "600px")
    body = _fragment(root_id, heading, data_json, height, fragment)
    if fragment:
        return Rendered(body, mode, root_id)
    return Rendered(_page(heading, body, _mount(root_id)), mode, root_id)


#: Above this many relations or actors a page is "large": no hover effects, edges
#: hidden while dragging or zooming, the neighbourhood shown by selection instead of
#: recolouring every item, and the side panel painted before the drawing starts.
LARGE_RELATIONS = 5000
LARGE_ACTORS = 2000


def is_large(mode: RenderMode) -> bool:
    """Whether a graph is drawn in the lighter large-graph mode."""
    return mode.relations > LARGE_RELATIONS or mode.actors > LARGE_ACTORS


def _guarded(js: str, flag: str) -> str:
    return f"if(!window[{json.dumps(flag)}]){{window[{json.dumps(flag)}]=true;\n{js}\n}}"


def _fragment(root_id: str, heading: str, data_json: str, height: str, fragment: bool) -> str:
    tag = "div" if fragment else "h1"
    parts = [
        f'<div class="vg-root" id="{root_id}" style="--vg-height:{html.escape(height)}">',
        f'<{tag} class="vg-title">{heading}</{tag}>',
        '<div class="vg-body"><aside class="vg-side"></aside>'
        '<div class="vg-stage"><div class="vg-canvas"></div>'
        '<div class="vg-status" role="status"></div></div></div>',
        f'<script type="application/json" class="vg-data">{data_json}</script>',
        "</div>",
    ]
    if fragment:
        parts += [
            f"<style>{assets.vis_css()}\n{assets.app_css()}</style>",
            f"<script>{_guarded(assets.vis_js(), '__vectorgraphVis')}</script>",
            f"<script>{assets.app_js()}</script>",
        ]
    parts.append(f"<script>{_mount(root_id)}</script>")
    return "\n".join(parts) + "\n"


def _mount(root_id: str) -> str:
    return f"window.vectorgraph.mount({json.dumps(root_id)});"


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _page(heading: str, body: str, mount: str) -> str:
    lib, app = assets.vis_js(), assets.app_js()
    hashes = " ".join(_csp_hash(s) for s in (lib, app, mount))
    csp = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{heading}</title>",
            f"<style>{assets.vis_css()}\n{assets.app_css()}</style>",
            f"<script>{lib}</script>",
            f"<script>{app}</script>",
            "</head>",
            '<body class="vg-page">',
            body.rstrip("\n"),
            "</body>",
            "</html>",
            "",
        ]
    )


class Figure:
    """A rendered graph that displays inline in Jupyter (an isolated ``<iframe srcdoc>``).

    >>> from vectorgraph import load
    >>> fig = figure(load(), height=500)
    >>> fig._repr_html_().startswith('<iframe class="vectorgraph" srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """

    def __init__(self, rendered: Rendered, height: int = 600) -> None:
        self.rendered = rendered
        self.height = height

    @property
    def html(self) -> str:
        return self.rendered.html

    def _repr_html_(self) -> str:
        return (
            f'<iframe class="vectorgraph" srcdoc="{html.escape(self.rendered.html)}" '
            f'style="width:100%;height:{int(self.height)}px;border:0" '
            'sandbox="allow-scripts"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the page to ``path`` atomically."""
        from vectorgraph.io import atomic_write

        with atomic_write(os.fspath(path)) as fh:
            fh.write(self.rendered.html)


def figure(doc: GraphDocument | None = None, *, height: int = 600, **options: Any) -> Figure:
    """A :class:`Figure` of ``doc`` (the bundled graph by default); options as :func:`render`."""
    if doc is None:
        from vectorgraph.io import load

        doc = load()
    return Figure(render(doc, **options), height=height)
