"""The HTML page and the embeddable fragment, assembled from escaped parts.

Nothing from a graph document is written into markup raw. The heading goes
through :func:`html.escape`; the data and the vis-network options travel as JSON
in a ``<script type="application/json">`` block, with ``<``, ``>``, ``&`` and
U+2028/U+2029 written as ``\\uXXXX`` escapes (:func:`script_json`), so no
``</script>`` or ``<!--`` can end or bend the block. On a large page (see
:func:`is_large`) the relations' evidence travels in more such blocks, one per
:data:`EVIDENCE_CHUNK` relations, each parsed only when the evidence of one of
its relations is first shown (each row then holds its count); they follow the
figure's mount script, so that the parser reaches the drawing before it reads
them. The
page script shows every document string through ``textContent``, never
``innerHTML``. A whole page also carries a Content-Security-Policy that allows
only its own scripts (by hash) and no network at all.

Every id in a fragment derives from a hash of its content, so output is
deterministic and two fragments of different graphs on one page never collide;
the same fragment pasted twice mounts as ``ID`` and ``ID-2``. ``library=False``
leaves vis-network and the page script out of a fragment, for the second and
later figures of a page that already holds them (:func:`library_html` gives them
once).

Extensions: what another view adds to the page
----------------------------------------------
``render(doc, extensions=[Extension(...)])`` adds a view (the balance view, the
time control) to the page without touching this module. An :class:`Extension`
carries:

``name``
    a plain id (``balance``); the key of its ``config`` in the page data and the
    name its script registers under.
``script``
    JavaScript, run once per page (a fragment guards it, so two figures with the
    same extension run it once). It registers a setup function:
    ``window.vectorgraph.extend("balance", function (api) { ... })``. The page
    calls ``setup(api)`` once per figure whose data names the extension, after
    that figure's network is built, with an ``api`` object of that figure only;
    keep per-figure state inside ``setup`` (closures), never on ``window``, and
    two figures on one page stay apart.
``style``
    CSS, scoped by its author under ``.vg-root`` (or a class of its own).
``config``
    JSON-ready data for this figure (escaped like the rest): ``api.config``.
``panel``, ``below``
    optional trusted HTML (an SVG chart written in Python, say: escape every
    document string with :func:`html.escape`; no scripts, a page's CSP blocks
    them): ``panel`` becomes ``<section class="vg-ext" data-vg-ext=NAME>`` at the
    top of the side panel, ``below`` a ``<div class="vg-below"
    data-vg-ext=NAME>`` under the drawing, full width.

The ``api`` a setup function receives (indices are rows of ``api.data.nodes``
and ``api.data.edges``, the document's actors and relations in order):

- ``api.root``, ``api.data`` (the payload of :mod:`vectorgraph.render.data`),
  ``api.config``; ``api.network()``, ``api.nodes()``, ``api.edges()`` (the
  vis-network Network and DataSets);
- ``api.panel(title, open)``: the extension's rendered ``panel`` section, else a
  new collapsible section of the side panel; ``api.below()``: its ``below`` div
  or null;
- ``api.nodeIndex(actorId)``, ``api.edgeIndex(relationKey)`` (the key of
  :func:`vectorgraph.graph.edge_key`), -1 when absent;
- ``api.highlight({nodes: [...], edges: [...]})`` brings a set forward (dims
  the rest; selects it on a large page) and keeps it clear of the details
  panel; ``api.unhighlight()``;
- ``api.showRelations(indices)`` draws only those relations (the sign and type
  filters still apply; actors left without a drawn relation are hidden);
  ``api.showRelations(null)`` draws all again; ``api.shownRelations()`` and
  ``api.counts()`` say what is drawn;
- ``api.evidence(j)`` the evidence rows of relation ``j`` (``[source index,
  sentence, quote]``), ``api.sourceLabel(k)``, ``api.quote(row)`` a
  ``<blockquote>`` of one row; ``api.show(node)`` puts a DOM node in the details
  panel; ``api.selectNode(i)``, ``api.selectEdge(j)``, ``api.fit()``;
- ``api.el(tag, cls, text)``, ``api.svg(tag, attrs)``, ``api.clear(node)``,
  ``api.lineSwatch``, ``api.shapeSwatch``: DOM helpers that set text with
  ``textContent`` only (show document text no other way);
- ``api.on("select", fn(kind, index))`` (kind ``node``, ``edge`` or null) and
  ``api.on("filter", fn())``.

Examples
--------
>>> script_json({"q": "</script><!-- \\u2028"})
'{"q":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u2028"}'
>>> from vectorgraph import load
>>> hello = Extension(name="hello", config={"n": 1},
...     script='window.vectorgraph.extend("hello", function (api) {'
...            ' api.panel("Hello").appendChild(api.el("p", null, api.config.n)); });')
>>> page = render(load(), extensions=[hello])
>>> '"extensions":{"hello":{"n":1}}' in page.html
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from vectorgraph.document import GraphDocument
from vectorgraph.errors import ArgumentError
from vectorgraph.render import assets
from vectorgraph.render.data import RenderMode, neighbourhood, payload

__all__ = [
    "Extension",
    "Figure",
    "Rendered",
    "figure",
    "library_html",
    "render",
    "script_json",
    "vis_options",
]

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_HEIGHT = re.compile(r"^(\d+(\.\d+)?(px|em|rem|vh|%)|calc\([0-9a-z.%+\- ]+\))$")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_END = re.compile(r"</script|<!--", re.IGNORECASE)


def script_json(value: Any) -> str:
    """Compact, key-sorted JSON that is safe inside any ``<script>`` element."""
    text = json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    for char, escape in _JSON_ESCAPES.items():  # str.replace: 10x str.translate's speed here
        if char in text:
            text = text.replace(char, escape)
    return text


@dataclass(frozen=True, slots=True, kw_only=True)
class Extension:
    """A view another module adds to the page: script, style, data and panels.

    See the module's docstring for what each field holds and the ``api`` its
    script receives.
    """

    name: str
    script: str = ""
    style: str = ""
    config: Any = None
    panel: str = ""
    below: str = ""

    def __post_init__(self) -> None:
        if not _ID.match(self.name):
            raise ArgumentError(f"extension name {self.name!r} is not a plain id")
        if _SCRIPT_END.search(self.script):
            raise ArgumentError(f"extension {self.name!r}: its script contains </script or <!--")
        if "</style" in self.style.lower():
            raise ArgumentError(f"extension {self.name!r}: its style contains </style")


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
        # a large page's overview draws no labels (they cost most of a frame at 10,000
        # actors and are unreadable there); zoomed in to 8 px and more, they show
        "scaling": {
            "label": {"enabled": False, "drawThreshold": LARGE_LABEL_PX + 1 if large else 5}
        },
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
    extensions: Sequence[Extension] = (),
    library: bool = True,
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
    extensions : sequence of Extension
        Views added to the page (see the module's docstring).
    library : bool
        Whether a fragment carries vis-network and the page script; False for the
        second and later fragments of one page (:func:`library_html` gives them).
        A whole page always carries them.

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
        raise ArgumentError(
            f"id {id!r} is not a plain HTML id (a letter, then letters, digits, - or _)"
        )
    if height is not None and not _HEIGHT.match(height):
        raise ArgumentError(f"height {height!r} is not a CSS length such as 600px or 80vh")
    names = [e.name for e in extensions]
    if len(set(names)) != len(names):
        raise ArgumentError(f"extension names repeat: {', '.join(sorted(names))}")
    if focus is not None:
        doc = neighbourhood(doc, focus, depth)
        if title is None:
            title = f"{doc.title}: {doc.find_actor(focus).name}, depth {depth}"
    data, mode = payload(doc, size_by=size_by, seed=seed, physics=physics, title=title)
    large = is_large(mode)
    data["options"] = vis_options(mode.physics, large, seed)
    data["large"] = large
    data["extensions"] = {e.name: e.config for e in extensions}
    evidence_json: list[str] = []
    if large:  # the evidence travels in blocks of its own, each parsed when first shown
        data["evidenceChunk"] = EVIDENCE_CHUNK
        data["firstRelations"] = FIRST_RELATIONS
        data["relationSlice"] = RELATION_SLICE
        rows = data["edges"]
        evidence_json = [
            script_json([row[12] for row in rows[k : k + EVIDENCE_CHUNK]])
            for k in range(0, len(rows), EVIDENCE_CHUNK)
        ]
        for row in rows:
            row[12] = len(row[12])
    data_json = script_json(data)
    digest = hashlib.sha256(data_json.encode("utf-8"))
    for block in evidence_json:
        digest.update(block.encode("utf-8"))
    root_id = id or "vg-" + digest.hexdigest()[:12]
    heading = html.escape(data["title"] or "vectorgraph")
    height = height or ("calc(100vh - 4.5rem)" if not fragment else "600px")
    body = _fragment(
        root_id, heading, (data_json, evidence_json), height, fragment, extensions, library
    )
    if fragment:
        return Rendered(body, mode, root_id)
    return Rendered(_page(heading, body, _mount(root_id), extensions), mode, root_id)


#: Above this many relations or actors a page is "large": no hover effects, edges
#: hidden while dragging or zooming, the neighbourhood shown by selection instead of
#: recolouring every item, and the side panel painted before the drawing starts.
LARGE_RELATIONS = 5000
LARGE_ACTORS = 2000
#: On a large page labels are drawn from this size (screen pixels) on, and dashed
#: relations dashed from the same zoom (solid in the overview).
LARGE_LABEL_PX = 8
#: On a large page the evidence travels in blocks of this many relations each; showing
#: a relation's evidence parses its block only.
EVIDENCE_CHUNK = 1000
#: A large page's first frame draws every actor and this many relations, the strongest
#: (by weight, then document order); the others follow, :data:`RELATION_SLICE` at a time.
FIRST_RELATIONS = 10000
RELATION_SLICE = 5000


def is_large(mode: RenderMode) -> bool:
    """Whether a graph is drawn in the lighter large-graph mode."""
    return mode.relations > LARGE_RELATIONS or mode.actors > LARGE_ACTORS


def _guarded(js: str, flag: str) -> str:
    return f"if(!window[{json.dumps(flag)}]){{window[{json.dumps(flag)}]=true;\n{js}\n}}"


def _styles(extensions: Sequence[Extension]) -> str:
    return "\n".join(
        [assets.vis_css(), assets.app_css(), *(e.style for e in extensions if e.style)]
    )


def library_html() -> str:
    """vis-network and the page script and style, once, for fragments made with ``library=False``.

    Put it before the first such fragment; it is what a fragment carries by default.

    >>> shared = library_html()
    >>> shared.count("</script>"), shared.count("<style>")
    (2, 1)
    """
    return "\n".join(
        [
            f"<style>{_styles(())}</style>",
            f"<script>{_guarded(assets.vis_js(), '__vectorgraphVis')}</script>",
            f"<script>{assets.app_js()}</script>",
        ]
    )


def _fragment(
    root_id: str,
    heading: str,
    blocks: tuple[str, Sequence[str]],
    height: str,
    fragment: bool,
    extensions: Sequence[Extension],
    library: bool,
) -> str:
    tag = "div" if fragment else "h1"
    panels = "".join(
        f'<section class="vg-ext" data-vg-ext="{e.name}">{e.panel}</section>'
        for e in extensions
        if e.panel
    )
    below = "".join(
        f'<div class="vg-below" data-vg-ext="{e.name}">{e.below}</div>'
        for e in extensions
        if e.below
    )
    parts = [
        f'<div class="vg-root" id="{root_id}" style="--vg-height:{html.escape(height)}">',
        f'<{tag} class="vg-title">{heading}</{tag}>',
        (
            f'<div class="vg-body"><aside class="vg-side">{panels}</aside>'
            '<div class="vg-stage"><div class="vg-canvas"></div>'
            f'<div class="vg-status" role="status"></div></div></div>{below}'
        ),
        f'<script type="application/json" class="vg-data">{blocks[0]}</script>',
        "</div>",
    ]
    if fragment:
        if library:
            parts += [
                f"<style>{_styles(extensions)}</style>",
                f"<script>{_guarded(assets.vis_js(), '__vectorgraphVis')}</script>",
                f"<script>{assets.app_js()}</script>",
            ]
        elif any(e.style for e in extensions):
            parts.append(f"<style>{_styles(extensions)}</style>")
        parts += [
            f"<script>{_guarded(e.script, '__vectorgraphExt-' + e.name)}</script>"
            for e in extensions
            if e.script
        ]
    parts.append(f"<script>{_mount(root_id) if library else _mount_if_loaded(root_id)}</script>")
    # after the mount: the parser reaches the drawing before it reads the evidence
    parts += [
        f'<script type="application/json" class="vg-evidence">{block}</script>'
        for block in blocks[1]
    ]
    return "\n".join(parts) + "\n"


def _mount(root_id: str) -> str:
    return f"window.vectorgraph.mount({json.dumps(root_id)});"


def _mount_if_loaded(root_id: str) -> str:
    """The mount of a fragment without the library: a status line when it is missing."""
    message = json.dumps(
        "vis-network is not loaded on this page: put vectorgraph.render.library_html() (or a"
        " fragment rendered with its library) before this one."
    )
    return (
        f"if(window.vectorgraph&&window.vis){{{_mount(root_id)}}}else{{"
        f"document.getElementById({json.dumps(root_id)}).querySelector('.vg-status')"
        f".textContent={message};}}"
    )


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _page(heading: str, body: str, mount: str, extensions: Sequence[Extension]) -> str:
    scripts = [assets.vis_js(), assets.app_js(), *(e.script for e in extensions if e.script)]
    hashes = " ".join(_csp_hash(s) for s in (*scripts, mount))
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
            f"<style>{_styles(extensions)}</style>",
            *(f"<script>{js}</script>" for js in scripts),
            "</head>",
            '<body class="vg-page">',
            body.rstrip("\n"),
            "</body>",
            "</html>",
            "",
        ]
    )


class Figure:
    """A rendered graph that displays inline in Jupyter.

    ``embed="iframe"`` (the default) isolates each figure in a sandboxed
    ``<iframe srcdoc>``, with its own copy of vis-network. ``embed="inline"``
    places the figure in the notebook's own page: the first inline figure a
    Python process displays carries vis-network and the page script, the later
    ones only their data, so ten figures cost one copy. (An inline figure whose
    output is shown without the first one, as when outputs are isolated, says
    so in its status line; display :func:`library_html`'s HTML, or use iframes.)

    >>> from vectorgraph import load
    >>> fig = figure(load(), height=500)
    >>> fig._repr_html_().startswith('<iframe class="vectorgraph" srcdoc="&lt;!DOCTYPE html&gt;')
    True
    """

    #: Whether this process has displayed an inline figure (with the shared library).
    library_shown = False

    def __init__(
        self, rendered: Rendered, height: int = 600, inline: Rendered | None = None
    ) -> None:
        self.rendered = rendered
        self.height = height
        self.inline = inline

    @property
    def html(self) -> str:
        return self.rendered.html

    def _repr_html_(self) -> str:
        if self.inline is not None:
            first = not Figure.library_shown
            Figure.library_shown = True
            return (library_html() + "\n" if first else "") + self.inline.html
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


def figure(
    doc: GraphDocument | None = None,
    *,
    height: int = 600,
    embed: str = "iframe",
    **options: Any,
) -> Figure:
    """A :class:`Figure` of ``doc`` (the bundled graph by default); options as :func:`render`.

    ``embed`` is ``"iframe"`` or ``"inline"`` (see :class:`Figure`).
    """
    if embed not in ("iframe", "inline"):
        raise ArgumentError(f"embed {embed!r} is not 'iframe' or 'inline'")
    if doc is None:
        from vectorgraph.io import load

        doc = load()
    inline = None
    if embed == "inline":
        inline = render(
            doc, **{**options, "fragment": True, "library": False, "height": f"{int(height)}px"}
        )
    return Figure(render(doc, **options), height=height, inline=inline)
