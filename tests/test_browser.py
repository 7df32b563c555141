"""The rendered pages in a real browser: Debian's Chromium driven by Playwright, headless.

Without a browser (or without Playwright) these tests skip with the reason on a
developer machine, and fail when CI=true. ``VECTORGRAPH_SCREENSHOT=1`` makes
:func:`test_bundled_page_loads_offline` rewrite ``docs/screenshot.png``;
``VECTORGRAPH_CHROMIUM`` names another Chromium binary.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from render_docs import PAYLOADS, hostile_dict, large_hostile_dict, small_dict
from vectorgraph import GraphDocument, loads
from vectorgraph.render import figure, render
from vectorgraph.render.page import EVIDENCE_CHUNK

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("VECTORGRAPH_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
sys.path.insert(0, str(ROOT / "benchmarks"))


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run: {reason} (CI=true, so this is a failure)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        _skip_or_fail(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("Playwright is not installed (pip install playwright)")
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch failure means no browser
            _skip_or_fail(f"Chromium does not start: {exc}")
        yield chromium
        chromium.close()


@dataclass
class Opened:
    page: Any
    url: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def inst(self, expression: str, root: int = 0) -> Any:
        """Evaluate ``expression`` with ``inst`` bound to the root-th graph's instance."""
        return self.page.evaluate(
            "([expr, i]) => { const root = document.querySelectorAll('.vg-root')[i];"
            " const inst = window.vectorgraph.instances[root.id];"
            " return Function('inst', 'root', 'return (' + expr + ')')(inst, root); }",
            [expression, root],
        )

    def counts(self, root: int = 0) -> tuple[int, int]:
        nodes, edges = self.inst("[root.dataset.vgNodes, root.dataset.vgEdges]", root)
        return int(nodes), int(edges)

    def canvas_point(self, canvas_xy: str, root: int = 0) -> tuple[float, float]:
        """The page coordinates of a point given in network (canvas) coordinates."""
        x, y = self.inst(
            "(() => { const p = inst.network.canvasToDOM(" + canvas_xy + ");"
            " const r = root.querySelector('.vg-canvas').getBoundingClientRect();"
            " return [r.left + p.x, r.top + p.y]; })()",
            root,
        )
        return float(x), float(y)


@pytest.fixture
def open_html(browser: Any, tmp_path: Path) -> Iterator[Any]:
    pages: list[Any] = []

    def opener(text: str, name: str = "page.html", width: int = 1400, height: int = 900) -> Opened:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(15_000)
        pages.append(context)
        opened = Opened(page, path.as_uri())
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
        page.goto(opened.url)
        page.wait_for_function(
            "() => { const roots = document.querySelectorAll('.vg-root');"
            " return roots.length > 0 && Array.from(roots).every("
            "r => r.hasAttribute('data-vg-first-draw-ms')); }",
            timeout=60_000,
        )
        return opened

    yield opener
    for context in pages:
        context.close()


def doc_of(data: dict[str, Any]) -> GraphDocument:
    return loads(json.dumps(data))


def edge_index(doc: GraphDocument, source: str, target: str) -> int:
    return next(i for i, r in enumerate(doc.relations) if (r.source, r.target) == (source, target))


# --- the bundled graph ---------------------------------------------------------------


def test_bundled_page_loads_offline(open_html: Any, article: GraphDocument) -> None:
    page = open_html(render(article).html)
    assert page.errors == []
    assert page.requests == [page.url]
    assert page.counts() == (28, 43)
    assert page.inst(
        "[inst.nodes.length, inst.edges.length, inst.network.body.nodeIndices"
        ".length, inst.network.body.edgeIndices.length]"
    ) == [28, 43, 28, 43]
    assert page.inst("root.querySelector('.vg-status').textContent") == (
        "Showing 28 of 28 actors, 43 of 43 relations"
    )
    # solid, dotted, dashed, dash-dot (hedging: since issue 11 apart from memberships), arrow
    assert page.js("document.querySelectorAll('.vg-legend .vg-row').length") == 5
    if os.environ.get("VECTORGRAPH_SCREENSHOT") == "1":
        page.page.wait_for_timeout(2000)
        page.inst("(() => { inst.selectEdge(0); return 1; })()")
        page.page.screenshot(path=str(ROOT / "docs" / "screenshot.png"))


def test_hover_and_click_a_relation_shows_its_evidence(
    open_html: Any, article: GraphDocument
) -> None:
    page = open_html(render(article, physics=False).html)
    j = edge_index(article, "CSTO", "KAZ")
    a, b = page.inst(
        f"Object.values(inst.network.getPositions(inst.edges.get({j}).from === "
        f"undefined ? [] : [inst.edges.get({j}).from, inst.edges.get({j}).to]))"
    )
    x, y = page.canvas_point(f"{{x: {(a['x'] + b['x']) / 2}, y: {(a['y'] + b['y']) / 2}}}")
    page.page.mouse.move(x, y)
    info = page.page.locator(".vg-info")
    page.page.wait_for_function(
        f"() => document.querySelector('.vg-info').getAttribute('data-vg-shown') === 'edge:{j}'"
    )
    quote = article.relations[j].evidence[0].quote
    assert quote in info.inner_text()
    assert "security assistance (security_assistance)" in info.inner_text()
    assert article.sources[0].title in info.inner_text()
    page.page.mouse.click(x, y)
    page.page.mouse.move(5, 5)  # leaving the edge keeps the clicked one
    assert info.get_attribute("data-vg-shown") == f"edge:{j}"
    assert page.errors == []


def test_click_an_actor_shows_ties_and_highlights(open_html: Any, article: GraphDocument) -> None:
    page = open_html(render(article, physics=False).html)
    (pos,) = page.inst("Object.values(inst.network.getPositions([0]))")
    page.page.mouse.click(*page.canvas_point(json.dumps(pos)))
    info = page.page.locator(".vg-info")
    assert info.get_attribute("data-vg-shown") == "node:0"
    assert info.locator("h3").inner_text() == "Kazakhstan"
    assert info.locator("h4").inner_text() == f"Ties ({len(article.ties('KAZ'))})"
    assert "Astana" in info.inner_text()
    ids = [a.id for a in article.actors]
    dimmed = page.inst(
        "inst.nodes.get().filter(n => n.color.background === '#e6e6e6').map(n => n.id)"
    )
    near = {r.other("KAZ") for r in article.ties("KAZ")} | {"KAZ"}
    assert sorted(ids[i] for i in dimmed) == sorted(set(ids) - near)
    info.locator("button.vg-link").first.click()
    assert info.get_attribute("data-vg-shown").startswith("edge:")


def drawn_actors(doc: GraphDocument, kept: GraphDocument) -> int:
    """How many of ``kept``'s actors a filtered page draws: those with a drawn relation,
    and those without any relation in ``doc`` (isolates, tucked below the graph)."""
    linked = {a for r in doc.relations for a in (r.source, r.target)}
    drawn = {a for r in kept.relations for a in (r.source, r.target)}
    return sum(a.id in drawn or a.id not in linked for a in kept.actors)


def test_filters_hide_what_they_should(open_html: Any, article: GraphDocument) -> None:
    page = open_html(render(article).html)
    page.page.locator('input[data-vg-filter="sign"][data-vg-key="-1"]').uncheck()
    no_conflict = article.filter(sign=[1, 0])
    assert page.counts() == (drawn_actors(article, no_conflict), len(no_conflict.relations))
    person = next(
        t["id"]
        for t in [{"id": i} for i in range(5)]
        if page.inst(f"inst.data.actorTypes[{t['id']}].id") == "person"
    )
    page.page.locator(f'input[data-vg-filter="atype"][data-vg-key="{person}"]').uncheck()
    kept = no_conflict.filter(actor_type=["state", "organisation", "region", "company"])
    assert page.counts() == (drawn_actors(article, kept), len(kept.relations))
    member = page.inst("inst.data.relationTypes.findIndex(t => t.id === 'member_of')")
    page.page.locator(f'input[data-vg-filter="rtype"][data-vg-key="{member}"]').uncheck()
    kept = kept.filter(type=set(article.types) - {"member_of"})
    assert page.counts() == (drawn_actors(article, kept), len(kept.relations))
    page.page.get_by_role("button", name="Show all").click()
    assert page.counts() == (28, 43)
    assert page.errors == []


def test_find_an_actor_by_alias(open_html: Any) -> None:
    page = open_html(render(loads_bundled()).html)
    page.page.locator(".vg-find input").fill("the Kremlin")
    page.page.locator(".vg-find input").press("Enter")
    assert page.page.locator(".vg-info h3").inner_text() == "Russia"
    assert page.inst("inst.network.getSelectedNodes()") == [1]
    page.page.locator(".vg-find input").fill("Atlantis")
    page.page.get_by_role("button", name="Find").click()
    assert page.page.locator(".vg-info").inner_text() == "No actor named \u201cAtlantis\u201d."


@pytest.mark.parametrize(
    "query, found",
    [
        ("kazak", "Kazakhstan"),  # a prefix
        ("KAZAKHSTAN ", "Kazakhstan"),  # case and spaces
        ("Kazakstan", "Kazakhstan"),  # one letter missing
        ("Rusia", "Russia"),
        ("Tokaev", "Kassym-Jomart Tokayev"),  # a word's approximate prefix
        ("economic", "Eurasian Economic Union"),  # a word's prefix: the shorter name first
        ("Washington", "United States"),  # an alias
    ],
    ids=["prefix", "case", "missing-letter", "misspelt", "word-approximate", "word", "alias"],
)
def test_search_by_prefix_and_approximate_name(
    open_html: Any, article: GraphDocument, query: str, found: str
) -> None:
    page = open_html(render(article, physics=False).html)
    page.page.locator(".vg-find input").fill(query)
    page.page.locator(".vg-find input").press("Enter")
    assert page.page.locator(".vg-info h3").inner_text() == found
    ids = [a.id for a in article.actors]
    (selected,) = page.inst("inst.network.getSelectedNodes()")
    assert article.actors[selected].name == found and ids[selected]
    assert page.errors == []


def test_search_lists_other_matches(open_html: Any, article: GraphDocument) -> None:
    page = open_html(render(article, physics=False).html)
    page.page.locator(".vg-find input").fill("eurasian")
    page.page.get_by_role("button", name="Find").click()
    assert page.page.locator(".vg-info h3").inner_text() == "Eurasian Economic Union"
    others = page.page.locator(".vg-info .vg-matches button").all_text_contents()
    assert others == ["Eurasian Economic Commission"]
    page.page.locator(".vg-info .vg-matches button").first.click()
    assert page.page.locator(".vg-info h3").inner_text() == "Eurasian Economic Commission"


def test_filters_hide_orphaned_actors(open_html: Any, article: GraphDocument) -> None:
    page = open_html(render(article).html)
    for sign in ("1", "0"):  # only the conflictual ties are left
        page.page.locator(f'input[data-vg-filter="sign"][data-vg-key="{sign}"]').uncheck()
    conflict = article.filter(sign=-1)
    ends = {a for r in conflict.relations for a in (r.source, r.target)}
    isolates = {a.id for a in article.actors} - {
        a for r in article.relations for a in (r.source, r.target)
    }
    drawn = page.inst("inst.nodeView.getIds()")
    assert sorted(article.actors[i].id for i in drawn) == sorted(ends | isolates)
    assert page.counts() == (len(ends | isolates), len(conflict.relations))
    assert len(ends) < 10  # most of the 28 actors have no conflictual tie and are hidden
    page.page.get_by_role("button", name="Show all").click()
    assert page.counts() == (28, 43)


def _overlap(page: Opened, node: int, root: int = 0) -> dict[str, Any]:
    """The selected node's disc and the details panel, in page pixels."""
    return page.inst(
        "(() => { const net = inst.network, p = net.getPositions([" + str(node) + "])"
        "[" + str(node) + "], d = net.canvasToDOM(p);"
        " const c = root.querySelector('.vg-canvas').getBoundingClientRect();"
        " const r = inst.data.nodes[" + str(node) + "][5] * net.getScale();"
        " const i = root.querySelector('.vg-info').getBoundingClientRect();"
        " const x = c.left + d.x, y = c.top + d.y;"
        " return {x: x, y: y, r: r, info: [i.left, i.top, i.right, i.bottom],"
        " canvas: [c.left, c.top, c.right, c.bottom],"
        " hidden: x + r > i.left && x - r < i.right && y + r > i.top && y - r < i.bottom}; })()",
        root,
    )


@pytest.mark.parametrize(
    "width, height, actor",
    [
        (1400, 900, "Kazakhstan"),
        (1400, 900, "Ukraine"),
        (390, 844, "Russia"),
        (390, 844, "Germany"),
    ],
    ids=["laptop-centre", "laptop-edge", "phone-centre", "phone-edge"],
)
def test_details_panel_never_hides_the_selection(
    open_html: Any, article: GraphDocument, width: int, height: int, actor: str
) -> None:
    page = open_html(render(article, physics=False).html, width=width, height=height)
    page.page.locator(".vg-find input").fill(actor)
    page.page.locator(".vg-find input").press("Enter")
    (i,) = page.inst("inst.network.getSelectedNodes()")
    assert article.actors[i].name == actor
    where = _overlap(page, i)
    assert not where["hidden"], where
    c = where["canvas"]  # and still on the canvas
    assert c[0] <= where["x"] <= c[2] and c[1] <= where["y"] <= c[3], where
    # clicking an actor under the panel brings it out too
    j = next(k for k, a in enumerate(article.actors) if a.id == "CHN")
    page.inst(
        f"inst.network.moveTo({{position: inst.network.getPositions([{j}])[{j}],"
        " animation: false})"
    )
    page.inst(f"inst.selectNode({j})")
    assert not _overlap(page, j)["hidden"]
    assert page.errors == []


def test_phone_width_gives_the_canvas_the_width(open_html: Any, article: GraphDocument) -> None:
    page = open_html(render(article).html, width=390, height=844)
    canvas, side, root = page.inst(
        "['.vg-canvas', '.vg-side', '.vg-root'].map(s => {"
        " const r = root.parentNode.querySelector(s).getBoundingClientRect();"
        " return [r.left, r.top, r.width, r.height]; })"
    )
    assert root[2] <= 390 and canvas[2] >= 0.8 * root[2] and canvas[3] >= 320
    assert side[1] >= canvas[1] + canvas[3] - 1  # the side panel moved below the drawing
    assert page.js("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.page.locator(".vg-find input").fill("kazak")
    page.page.locator(".vg-find input").press("Enter")
    info = page.inst(
        "(() => { const r = root.querySelector('.vg-info').getBoundingClientRect();"
        " return [r.left, r.width]; })()"
    )
    assert info[1] >= 0.8 * canvas[2]  # a sheet along the bottom, not a column
    if os.environ.get("VECTORGRAPH_SCREENSHOT") == "1":
        page.js("window.scrollTo(0, 0)")
        page.page.wait_for_timeout(500)
        page.page.screenshot(path=str(ROOT / "docs" / "screenshot-phone.png"))
    assert page.errors == []


@pytest.mark.parametrize("width, least", [(960, 8.0), (600, 7.0)], ids=["notebook", "column"])
def test_labels_stay_legible_in_a_narrow_figure(
    open_html: Any, article: GraphDocument, width: int, least: float
) -> None:
    """The first view fits the connected graph (isolates tucked below, the panel not beside
    a narrow drawing): labels were 7.5 px in a notebook and 3.5 px in a 600 px column."""
    frag = render(article, fragment=True, physics=False, height="600px").html
    page = open_html(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body style='margin:0'>{frag}"
        "</body></html>",
        width=width,
        height=800,
    )
    label_px = 14 * page.inst("inst.network.getScale()")
    assert label_px >= least, label_px


@pytest.mark.parametrize("width", [1024, 1400, 2560, 3840], ids=["1024", "1400", "2560", "4k"])
def test_layout_from_laptop_to_4k(open_html: Any, article: GraphDocument, width: int) -> None:
    page = open_html(render(article).html, width=width, height=900 if width < 3000 else 2160)
    canvas, side = page.inst(
        "['.vg-canvas', '.vg-side'].map(s => root.querySelector(s).getBoundingClientRect().width)"
    )
    assert canvas >= 0.7 * width and 250 <= side <= 380
    assert page.js("document.documentElement.scrollWidth") <= width


def test_the_page_palette_is_the_exports(open_html: Any, article: GraphDocument) -> None:
    import xml.etree.ElementTree as ET

    from vectorgraph.export import to_dot, to_gexf

    page = open_html(render(article).html)
    fills = page.inst(
        "Object.fromEntries(inst.data.actorTypes.map((t, i) => [t.id,"
        " root.querySelectorAll('input[data-vg-filter=atype]')[i].parentNode"
        ".querySelector('svg *').getAttribute('fill').toLowerCase()]))"
    )
    lines = page.inst(
        "Object.fromEntries(inst.data.signs.map((s, i) => [s.id,"
        " root.querySelectorAll('input[data-vg-filter=sign]')[i].parentNode"
        ".querySelector('line').getAttribute('stroke').toLowerCase()]))"
    )
    drawn = page.inst("inst.edges.get(0).color.color.toLowerCase()")
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    root = ET.fromstring(to_gexf(article))

    def hex_of(el: Any) -> str:
        c = el.find("viz:color", ns)
        return "#{:02x}{:02x}{:02x}".format(*(int(c.get(k)) for k in "rgb"))

    types = {a.id: a.type for a in article.actors}
    gexf_nodes = {types[n.get("id")]: hex_of(n) for n in root.iterfind(".//g:node", ns)}
    gexf_signs = {
        r.sign: hex_of(e) for r, e in zip(article.relations, root.iterfind(".//g:edge", ns))
    }
    dot = to_dot(article).splitlines()
    dot_nodes = {
        re.search(r' type="(\w+)"', line).group(1): re.search(r'fillcolor="(#\w+)"', line).group(1)
        for line in dot
        if "fillcolor=" in line
    }
    dot_signs = {
        int(re.search(r" sign=(-?\d)", line).group(1)): re.search(r' color="(#\w+)"', line).group(1)
        for line in dot
        if " -> " in line
    }
    assert len(fills) == 5 and gexf_nodes == fills and dot_nodes == fills
    assert (
        {str(k): v for k, v in gexf_signs.items()}
        == lines
        == {str(k): v for k, v in dot_signs.items()}
    )
    assert drawn == lines[str(article.relations[0].sign)]
    assert fills["organisation"] == "#e69f00"  # orange everywhere (it was purple in the exports)


def loads_bundled() -> GraphDocument:
    from vectorgraph import load

    return load()


# --- fragments, notebooks, scale ------------------------------------------------------------


def test_two_fragments_on_one_page_work_independently(
    open_html: Any, article: GraphDocument
) -> None:
    small = doc_of(small_dict(6, "ring"))
    a, b = render(article, fragment=True), render(small, fragment=True, height="400px")
    page = open_html(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        f"<p>Report text.</p>\n{a.html}<p>More text.</p>\n{b.html}</body></html>"
    )
    assert page.errors == [] and page.requests == [page.url]
    assert page.js("Object.keys(window.vectorgraph.instances).sort()") == sorted([a.id, b.id])
    assert page.counts(0) == (28, 43) and page.counts(1) == (6, 7)
    page.page.locator(f'#{a.id} input[data-vg-filter="sign"][data-vg-key="1"]').uncheck()
    kept = article.filter(sign=[-1, 0])
    assert page.counts(0) == (drawn_actors(article, kept), len(kept.relations))
    assert page.counts(1) == (6, 7)
    page.inst("inst.showEdge(0)", 1)
    assert "S0 trades with S1." in page.page.locator(f"#{b.id} .vg-info").inner_text()
    assert page.page.locator(f"#{a.id} .vg-info").get_attribute("data-vg-shown") is None
    assert page.page.locator(f"#{b.id} .vg-title").inner_text() == "ring"


def test_the_same_fragment_twice_both_draw(open_html: Any, article: GraphDocument) -> None:
    a = render(article, fragment=True)
    shared = render(article, fragment=True, library=False)
    assert shared.id == a.id and len(shared.html) < len(a.html) / 10
    page = open_html(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        f"{a.html}<p>Between.</p>{shared.html}</body></html>"
    )
    assert page.errors == [] and page.requests == [page.url]
    ids = page.js("Array.from(document.querySelectorAll('.vg-root')).map(r => r.id)")
    assert ids == [a.id, a.id + "-2"]
    assert page.js("Object.keys(window.vectorgraph.instances).sort()") == sorted(ids)
    assert page.counts(0) == (28, 43) and page.counts(1) == (28, 43)
    page.page.locator(f'#{a.id}-2 input[data-vg-filter="sign"][data-vg-key="1"]').uncheck()
    assert page.counts(0) == (28, 43) and page.counts(1)[1] == len(
        article.filter(sign=[-1, 0]).relations
    )
    page.page.locator(f"#{a.id}-2 .vg-find input").fill("kazak")
    page.page.locator(f"#{a.id}-2 .vg-find input").press("Enter")
    assert page.page.locator(f"#{a.id}-2 .vg-info h3").inner_text() == "Kazakhstan"
    assert page.page.locator(f"#{a.id} .vg-info").get_attribute("data-vg-shown") is None


#: An extension as the balance view would write one: per-figure state in its closure.
HELLO = """window.vectorgraph.extend("hello", function (api) {
  var clicks = 0, box = api.panel("Hello");
  var b = api.el("button", "hello-go", "first two");
  b.addEventListener("click", function () {
    clicks += 1;
    api.showRelations([0, 1]);
    api.highlight({edges: [0]});
    box.setAttribute("data-clicks", String(clicks));
  });
  box.appendChild(b);
  box.appendChild(api.el("span", "hello-n", api.config.label + ":" + api.nodeIndex("KAZ")));
  api.on("filter", function () { box.setAttribute("data-drawn", String(api.counts().edges)); });
  var under = api.below();
  if (under) { under.appendChild(api.el("span", "below-js", api.config.label)); }
});"""


def test_an_extension_runs_once_per_figure_without_sharing_state(
    open_html: Any, article: GraphDocument
) -> None:
    from vectorgraph.render import Extension

    def ext(label: str) -> Extension:
        return Extension(name="hello", script=HELLO, config={"label": label}, style=".hello-n{}")

    given = Extension(
        name="hello",
        script=HELLO,
        config={"label": "page"},
        panel='<h4 class="given">Rendered in Python</h4>',
        below='<p class="under">Below the drawing</p>',
    )
    page = open_html(render(article, extensions=[given]).html)  # its CSP allows the script
    assert page.errors == []
    assert page.page.locator(".hello-n").inner_text() == "page:0"
    # the Python-rendered panel is the one api.panel() gives, placed after the search
    assert page.page.locator("section.vg-ext[data-vg-ext=hello] .given").count() == 1
    assert page.page.locator("section.vg-ext[data-vg-ext=hello] .hello-go").count() == 1
    order = page.js("Array.from(document.querySelector('.vg-side').children).map(c => c.className)")
    assert order.index("vg-ext") == order.index("vg-buttons") + 1
    assert page.page.locator(".vg-root > .vg-below .under").inner_text() == "Below the drawing"
    assert page.page.locator(".vg-below .below-js").inner_text() == "page"
    a = render(article, fragment=True, id="one", extensions=[ext("A")])
    b = render(article, fragment=True, id="two", extensions=[ext("B")], library=False)
    assert a.html.count('extend("hello"') == b.html.count('extend("hello"') == 1
    page = open_html(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        f"{a.html}{b.html}</body></html>",
        "two.html",
    )
    assert page.errors == []
    assert page.page.locator("#one .hello-n").inner_text() == "A:0"
    assert page.page.locator("#two .hello-n").inner_text() == "B:0"
    page.page.locator("#two .hello-go").click()
    first_two = replace(article, relations=article.relations[:2])
    assert page.counts(1) == (drawn_actors(article, first_two), 2)
    assert page.counts(0) == (28, 43)
    assert page.page.locator("#two [data-vg-ext]").get_attribute("data-clicks") == "1"
    assert page.page.locator("#one [data-vg-ext]").get_attribute("data-clicks") is None
    assert page.page.locator("#two [data-vg-ext]").get_attribute("data-drawn") == "2"
    assert page.page.locator(".below-js").count() == 0  # no below block in the fragments
    dimmed = page.inst("inst.nodes.get().filter(n => n.color.background === '#e6e6e6').length", 1)
    assert dimmed == 28 - 2


def test_search_works_in_the_notebook_iframe(browser: Any, article: GraphDocument) -> None:
    html = f"<!DOCTYPE html><html><body>{figure(article, height=500)._repr_html_()}</body></html>"
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.set_content(html)
    assert page.locator("iframe").get_attribute("sandbox") == "allow-scripts"
    frame = page.frames[1]
    frame.wait_for_selector(".vg-root[data-vg-first-draw-ms]", timeout=60_000)
    frame.locator(".vg-find input").fill("kazak")
    frame.locator(".vg-find input").press("Enter")
    assert frame.locator(".vg-info h3").inner_text() == "Kazakhstan"
    frame.locator(".vg-find input").fill("the Kreml")
    frame.get_by_role("button", name="Find").click()
    assert frame.locator(".vg-info h3").inner_text() == "Russia"
    assert errors == []  # Chromium logs "Blocked form submission" when a form is used
    context.close()


def test_inline_notebook_figures_share_one_copy(
    open_html: Any, article: GraphDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vectorgraph.render import Figure

    monkeypatch.setattr(Figure, "library_shown", False)
    small = doc_of(small_dict(6, "ring"))
    outputs = [
        figure(d, embed="inline", height=400)._repr_html_() for d in (article, small, article)
    ]
    notebook = "".join(f'<div class="output">{o}</div>' for o in outputs)
    text = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{notebook}</body></html>"
    from vectorgraph.render.assets import vis_js

    assert text.count(vis_js()[:2000]) == 1 and vis_js()[:2000] in outputs[0]
    page = open_html(text)
    assert page.errors == [] and page.requests == [page.url]
    assert [page.counts(i) for i in range(3)] == [(28, 43), (6, 7), (28, 43)]
    for i in range(3):
        assert page.inst("inst.search('S1').length + inst.search('kazak').length", i) >= 1


def test_a_fragment_without_its_library_says_so(browser: Any, article: GraphDocument) -> None:
    lone = render(article, fragment=True, library=False)
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content(f"<!DOCTYPE html><html><body>{lone.html}</body></html>")
    status = page.locator(".vg-status").inner_text()
    assert status.startswith("vis-network is not loaded on this page")
    assert errors == []
    context.close()


def test_notebook_figure_displays_in_an_iframe(browser: Any, article: GraphDocument) -> None:
    html = f"<!DOCTYPE html><html><body>{figure(article, height=500)._repr_html_()}</body></html>"
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_content(html)
    frame = page.frames[1]
    frame.wait_for_selector(".vg-root[data-vg-first-draw-ms]", timeout=60_000)
    root = frame.locator(".vg-root")
    assert (root.get_attribute("data-vg-nodes"), root.get_attribute("data-vg-edges")) == (
        "28",
        "43",
    )
    assert errors == []
    context.close()


def test_large_graph_draws_without_physics(open_html: Any) -> None:
    from generate import generate

    doc = generate(2000, 10000, seed=1)
    rendered = render(doc)
    assert rendered.mode.physics is False
    page = open_html(rendered.html)
    assert page.counts() == (2000, 10000)
    assert float(page.inst("root.dataset.vgFirstDrawMs")) > 0
    assert page.inst("inst.data.large && !inst.data.options.interaction.hover") is True
    # the neighbourhood is shown by selecting it, not by recolouring 12,000 items
    page.inst("inst.highlight(0)")
    ties = [r for r in doc.relations if r.touches("A00000")]
    near = {0} | {int(r.other("A00000")[1:]) for r in ties}
    assert sorted(page.inst("inst.network.getSelectedNodes()")) == sorted(near)
    assert len(page.inst("inst.network.getSelectedEdges()")) == len(ties)
    # a still picture came first, and went when vis-network drew
    picture, drawn = page.inst(
        "[Number(root.dataset.vgPreviewAt), Number(root.dataset.vgFirstDrawAt)]"
    )
    assert 0 < picture < drawn
    assert page.js("document.querySelectorAll('.vg-preview').length") == 0
    assert page.errors == []


def test_large_page_parses_evidence_on_click_and_runs_none(open_html: Any) -> None:
    j = EVIDENCE_CHUNK + 100  # in the second block
    doc = doc_of(large_hostile_dict(j))
    page = open_html(render(doc).html)
    assert page.inst("inst.data.large && inst.timings.evidenceChunks === undefined") is True
    # the relation's two actors move clear of the rest; a real click on its middle
    a, b = (next(k for k, x in enumerate(doc.actors) if x.id == i) for i in ("HX1", "HX2"))
    page.inst(
        f"(() => {{ inst.network.moveNode({a}, 30000, 30000);"
        f" inst.network.moveNode({b}, 30600, 30000); inst.network.moveTo("
        "{position: {x: 30300, y: 30000}, scale: 1, animation: false}); return 1; })()"
    )
    page.page.mouse.click(*page.canvas_point("{x: 30300, y: 30000}"))
    page.page.wait_for_function(
        f"() => document.querySelector('.vg-info').getAttribute('data-vg-shown') === 'edge:{j}'"
    )
    assert page.page.locator(".vg-info blockquote p").all_text_contents() == PAYLOADS
    assert page.page.locator(".vg-info h4").inner_text() == f"Evidence ({len(PAYLOADS)})"
    assert page.inst("inst.timings.evidenceChunks") == 1  # its block only
    page.inst("inst.showEdge(3)")  # a relation of the first block parses that one
    assert page.page.locator(".vg-info blockquote p").all_text_contents() == [
        e.quote for e in doc.relations[3].evidence
    ]
    assert page.inst("inst.timings.evidenceChunks") == 2
    page.page.wait_for_timeout(300)  # an injected <img onerror> fires asynchronously
    assert page.js("window.__vgPwned") is None
    assert page.dialogs == []
    assert page.js("document.querySelectorAll('img, svg[onload]').length") == 0
    assert page.errors == []
    assert page.requests == [page.url]


def _pixel(page: Opened, canvas_xy: str) -> list[int]:
    """The RGBA of vis-network's canvas at a point given in network coordinates."""
    return page.inst(
        "(() => { const net = inst.network, p = net.canvasToDOM(" + canvas_xy + ");"
        " const c = net.canvas.frame.canvas, k = c.width / c.clientWidth;"
        " return Array.from(c.getContext('2d').getImageData(Math.round(p.x * k),"
        " Math.round(p.y * k), 1, 1).data); })()"
    )


def test_large_page_draws_its_overview_itself(open_html: Any) -> None:
    from vectorgraph.palette import SIGN_COLOURS

    j = 700
    doc = doc_of(large_hostile_dict(j))
    page = open_html(render(doc).html)
    a, b = (next(k for k, x in enumerate(doc.actors) if x.id == i) for i in ("HX1", "HX2"))
    move = (
        f"(() => {{ inst.network.moveNode({a}, 30000, 30000);"
        f" inst.network.moveNode({b}, 30600, 30000); inst.network.moveTo("
        "{position: {x: 30300, y: 30000}, scale: %s, animation: false});"
        " inst.network.redraw(); return inst.overviewDraws; })()"
    )
    before = page.inst("inst.overviewDraws")
    assert before > 0  # the first frame was the page's own overview
    assert page.inst(move % "0.3") == before + 1  # below the label zoom: the overview
    red, green, blue, _ = _pixel(page, "{x: 30300, y: 30000}")  # the sanctions between them
    want = SIGN_COLOURS[-1].lstrip("#")
    expected = [int(want[k : k + 2], 16) for k in (0, 2, 4)]
    assert all(abs(got - exp) <= 30 for got, exp in zip((red, green, blue), expected))
    assert _pixel(page, "{x: 30300, y: 30200}")[3] == 0  # nothing beside the line
    # an actor the overview drew at its new place is clicked there
    page.page.mouse.click(*page.canvas_point("{x: 30000, y: 30000}"))
    page.page.wait_for_function(
        f"() => document.querySelector('.vg-info').getAttribute('data-vg-shown') === 'node:{a}'"
    )
    drawn = page.inst("inst.overviewDraws")
    assert page.inst(move % "1") == drawn  # from the label zoom on: vis-network's drawing
    assert page.errors == []


def test_large_page_adds_the_weaker_relations_after_its_first_frame(open_html: Any) -> None:
    from generate import generate
    from vectorgraph.render.page import FIRST_RELATIONS, RELATION_SLICE

    doc = generate(2001, FIRST_RELATIONS + RELATION_SLICE + 10, seed=5)
    page = open_html(render(doc).html)
    page.page.wait_for_function(
        "() => document.querySelector('.vg-root').hasAttribute('data-vg-complete-at')"
    )
    first, complete = page.inst(
        "[Number(root.dataset.vgFirstDrawAt), Number(root.dataset.vgCompleteAt)]"
    )
    assert first < complete
    assert page.inst("inst.firstRelations") == FIRST_RELATIONS
    # the strongest relations came first: none left for later is stronger than any first one
    weights = [r.weight for r in doc.relations]
    order = sorted(range(len(weights)), key=lambda k: (-weights[k], k))
    assert page.inst("inst.firstArrived") == sorted(order[:FIRST_RELATIONS])[:50]
    assert page.counts() == (2001, len(doc.relations))
    assert page.inst("inst.network.body.nodes[0].options.label") == doc.actors[0].name
    assert page.inst("inst.edges.length") == len(doc.relations)
    assert page.errors == []


def test_two_large_fragments_read_their_own_evidence(open_html: Any) -> None:
    # each figure's evidence blocks follow its own mount script, after its root
    one, two = doc_of(large_hostile_dict(5)), doc_of(large_hostile_dict(1200))
    text = "".join(render(d, fragment=True).html for d in (one, two))
    page = open_html(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{text}")
    quotes = [page.page.locator(".vg-root").nth(k).locator(".vg-info blockquote p") for k in (0, 1)]
    for k, doc in enumerate((one, two)):
        for j in (5, 1200):
            page.inst(f"inst.showEdge({j})", k)
            assert quotes[k].all_text_contents() == [e.quote for e in doc.relations[j].evidence]
    assert quotes[1].all_text_contents() == PAYLOADS  # the hostile relation of the second
    assert page.inst("inst.timings.evidenceChunks", 1) == 2
    page.page.wait_for_timeout(300)
    assert page.js("window.__vgPwned") is None
    assert page.dialogs == []
    assert page.errors == []


def test_large_page_draws_dashes_from_the_label_zoom(open_html: Any) -> None:
    from generate import generate

    page = open_html(render(generate(2001, 3000, seed=3)).html)
    assert page.inst("inst.dashScale") == pytest.approx(9 / 14)  # labels from 8 px, 14 px font
    dash = (
        "(() => { inst.network.moveTo({scale: %s, animation: false});"
        " const ctx = inst.network.canvas.frame.canvas.getContext('2d');"
        " ctx.setLineDash([4, 6]); const d = ctx.getLineDash(); ctx.setLineDash([]);"
        " return d; })()"
    )
    assert page.inst(dash % "0.5") == []  # the overview: solid
    assert page.inst(dash % "0.7") == [4, 6]
    # a small page keeps its dashes at every zoom (the wrapper is a large page's only)
    small = open_html(render(doc_of(small_dict())).html, name="small.html")
    assert small.inst(dash % "0.2") == [4, 6]
    assert page.errors == [] and small.errors == []


@pytest.mark.parametrize(
    "data, counts",
    [
        ({"title": "empty"}, (0, 0)),
        ({"title": "one", "actors": [{"id": "A", "name": "Alone", "type": "other"}]}, (1, 0)),
    ],
    ids=["empty", "one-actor"],
)
def test_degenerate_graphs_load(
    open_html: Any, data: dict[str, Any], counts: tuple[int, int]
) -> None:
    page = open_html(render(doc_of(data)).html)
    assert page.counts() == counts
    assert page.errors == []


# --- hostile documents ----------------------------------------------------------------------


@pytest.mark.parametrize("fragment", [False, True], ids=["page", "fragment"])
def test_hostile_document_runs_no_script(open_html: Any, fragment: bool) -> None:
    doc = doc_of(hostile_dict())
    text = render(doc, fragment=fragment).html
    if fragment:  # no Content-Security-Policy to hide behind
        text = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{text}</body></html>"
    page = open_html(text)
    page.inst(
        "(() => { inst.data.nodes.forEach((n, i) => inst.showNode(i));"
        " inst.data.edges.forEach((e, j) => inst.showEdge(j)); return 1; })()"
    )
    page.page.wait_for_timeout(300)  # an injected <img onerror> fires asynchronously
    assert page.js("window.__vgPwned") is None
    assert page.dialogs == []
    page.page.locator(".vg-find input").fill(PAYLOADS[4])  # an alias of BBB
    page.page.locator(".vg-find input").press("Enter")
    info = page.page.locator(".vg-info")
    assert info.locator("h3").inner_text() == PAYLOADS[1]
    page.inst("inst.showEdge(0)")
    quotes = page.page.locator(".vg-info blockquote p").all_text_contents()
    assert quotes == PAYLOADS
    title = page.page.locator(".vg-title").text_content()
    assert title == PAYLOADS[1] + " " + PAYLOADS[0]
    if not fragment:
        assert page.page.title() == title
    labels = page.page.locator(".vg-check span").all_text_contents()
    assert PAYLOADS[1] in labels
    page.page.wait_for_timeout(300)
    assert page.js("window.__vgPwned") is None
    assert page.dialogs == []
    assert (
        page.js(
            "document.querySelectorAll('img, svg[onload], script:not([class]) ~ script"
            "[src]').length"
        )
        == 0
    )
    assert page.errors == []
    assert page.requests == [page.url]
