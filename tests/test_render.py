"""The render package without a browser: escaping, determinism, fragments, options, CLI."""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from render_docs import PAYLOADS, hostile_dict, large_hostile_dict, small_dict
from vectorgraph import GraphDocument, NotFoundError, loads
from vectorgraph.cli import cli
from vectorgraph.render import (
    PHYSICS_MAX_ACTORS,
    SIZE_MEASURES,
    figure,
    neighbourhood,
    render,
    size_values,
)
from vectorgraph.render.assets import vis_css, vis_js
from vectorgraph.render.balance import balance_extensions  # the CLI adds the balance view
from vectorgraph.render.data import curve_roundness, payload
from vectorgraph.render.page import EVIDENCE_CHUNK, script_json


def doc_of(data: dict[str, Any]) -> GraphDocument:
    return loads(json.dumps(data))


@pytest.fixture(scope="module")
def hostile() -> GraphDocument:
    return doc_of(hostile_dict())


def data_block(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" class="vg-data">(.*?)</script>', page, re.DOTALL
    )
    assert match
    return json.loads(match.group(1))


# --- escaping -------------------------------------------------------------------


@pytest.mark.parametrize("text", PAYLOADS, ids=[f"payload{i}" for i in range(len(PAYLOADS))])
def test_script_json_is_inert_and_round_trips(text: str) -> None:
    out = script_json({"k": text, text: [text]})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in out
    assert json.loads(out) == {"k": text, text: [text]}


def test_hostile_page_keeps_document_text_out_of_markup(hostile: GraphDocument) -> None:
    page = render(hostile).html
    # vis-network, page script, data block, mount (and a string in vis-network itself)
    assert page.count("<script") == 4 + vis_js().count("<script")
    assert page.count("</script>") == 4
    for text in PAYLOADS:
        if "<" in text or "\u2028" in text:
            assert text not in page
    assert "<img" not in page and "<svg onload" not in page
    heading = html.escape(PAYLOADS[1] + " " + PAYLOADS[0])
    assert f'<h1 class="vg-title">{heading}</h1>' in page
    assert f"<title>{heading}</title>" in page
    data = data_block(page)
    assert data["title"] == PAYLOADS[1] + " " + PAYLOADS[0]
    assert [n[1] for n in data["nodes"]] == [PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]]
    assert [e[2] for e in data["edges"][0][12]] == PAYLOADS


def test_page_script_never_uses_innerhtml() -> None:
    from vectorgraph.render.assets import app_js

    code = re.sub(r"/\*.*?\*/", "", app_js(), flags=re.DOTALL)
    assert "textContent" in code
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code)


def test_page_csp_allows_exactly_its_scripts() -> None:
    page = render(doc_of(small_dict())).html
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert csp
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
    ]
    assert len(scripts) == 3
    assert f"script-src {' '.join(hashes)};" in csp.group(1)
    assert "default-src 'none'" in csp.group(1)


def test_page_is_self_contained() -> None:
    page = render(doc_of(small_dict())).html
    assert "<link" not in page
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page)
    assert "sourceMappingURL" not in page
    assert "cdn" not in page.lower().replace("cdnjs", "")


def test_vis_assets_come_from_pyvis() -> None:
    assert "@version 9.1.2" in vis_js()[:400]
    assert "div.vis-navigation" in vis_css() and "vis-configuration" not in vis_css()


# --- determinism and structure -------------------------------------------------------


def test_same_input_gives_identical_bytes(article: GraphDocument) -> None:
    assert render(article).html == render(article).html
    assert render(article, fragment=True).html == render(article, fragment=True).html


def test_seed_changes_layout_only(article: GraphDocument) -> None:
    a, b = data_block(render(article).html), data_block(render(article, seed=1).html)
    assert [n[3:5] for n in a["nodes"]] != [n[3:5] for n in b["nodes"]]
    assert [n[:3] for n in a["nodes"]] == [n[:3] for n in b["nodes"]]


def test_data_json_has_sorted_keys(article: GraphDocument) -> None:
    raw = re.search(r'class="vg-data">(.*?)</script>', render(article).html, re.DOTALL)
    assert raw
    data = json.loads(raw.group(1))
    assert raw.group(1) == script_json(data)
    assert list(data) == sorted(data)


def test_fragment_structure(article: GraphDocument) -> None:
    frag = render(article, fragment=True)
    text = frag.html
    assert re.fullmatch(r"vg-[0-9a-f]{12}", frag.id)
    assert text.startswith(f'<div class="vg-root" id="{frag.id}"')
    assert "<html" not in text and "<head" not in text and "<body" not in text
    assert text.count(' id="') == 1
    assert text.count("<script") == 4 + vis_js().count("<script")
    assert text.count("</script>") == 4 and text.count("<style>") == 1
    assert text.rstrip().endswith(f'<script>window.vectorgraph.mount("{frag.id}");</script>')
    assert 'if(!window["__vectorgraphVis"])' in text


def test_fragment_ids_differ_by_content(article: GraphDocument) -> None:
    other = doc_of(small_dict())
    ids = {
        render(article, fragment=True).id,
        render(other, fragment=True).id,
        render(article, fragment=True, seed=3).id,
    }
    assert len(ids) == 3
    assert render(article, fragment=True, id="mine").html.startswith(
        '<div class="vg-root" id="mine"'
    )


@pytest.mark.parametrize(
    "option",
    [
        {"id": 'x" onclick="alert(1)'},
        {"id": "1abc"},
        {"height": "1px;background:url(//x)"},
        {"height": "600px}</style>"},
    ],
    ids=["id-quote", "id-digit", "height-url", "height-style"],
)
def test_id_and_height_are_checked(article: GraphDocument, option: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="is not a"):
        render(article, fragment=True, **option)


def test_plain_id_and_height_pass(article: GraphDocument) -> None:
    out = render(article, fragment=True, id="fig-2", height="calc(100vh - 2rem)").html
    assert out.startswith('<div class="vg-root" id="fig-2" style="--vg-height:calc(100vh - 2rem)">')


# --- what the page shows ----------------------------------------------------------------


def test_payload_counts_and_styles(article: GraphDocument) -> None:
    data, mode = payload(article)
    assert (len(data["nodes"]), len(data["edges"])) == (28, 43)
    assert mode.physics and mode.size_by == "pagerank"
    types = {t["id"]: t for t in data["relationTypes"]}
    assert types["member_of"]["dashes"] == [10, 10] and types["member_of"]["sign"] == 0
    assert types["consultation"]["dashes"] == [2, 6]
    assert types["sanctions"]["dashes"] is False and types["sanctions"]["sign"] == -1
    shapes = {t["id"]: t["shape"] for t in data["actorTypes"]}
    assert shapes == {
        "state": "dot",
        "organisation": "square",
        "region": "diamond",
        "company": "triangle",
        "person": "star",
    }
    assert [s["label"] for s in data["signs"]] == ["cooperative", "conflictual", "structural"]
    csto = next(e for e in data["edges"] if data["nodes"][e[0]][0] == "CSTO")
    assert csto[3:6] == [1, 0.83, 1] and csto[12][0][0] == 0


def test_parallel_relations_get_distinct_curves(article: GraphDocument) -> None:
    data, _ = payload(article)
    ids = [n[0] for n in data["nodes"]]
    pair = [e for e in data["edges"] if {ids[e[0]], ids[e[1]]} == {"RUS", "KAZ"}]
    # one geometric side per relation: flip the sign of the ones drawn KAZ -> RUS
    geometric = [e[11] if ids[e[0]] == "KAZ" else -e[11] for e in pair]
    assert len(pair) == 11 and len(set(geometric)) == 11
    assert max(abs(g) for g in geometric) <= 0.9


@pytest.mark.parametrize(
    "count, expected",
    [
        (1, [0.0]),
        (2, [0.2, -0.2]),
        (4, [0.2, -0.2, 0.4, -0.4]),
        (11, [0.0, 0.15, -0.15, 0.3, -0.3, 0.45, -0.45, 0.6, -0.6, 0.75, -0.75]),
    ],
    ids=["one", "two", "four", "eleven"],
)
def test_curve_roundness(count: int, expected: list[float]) -> None:
    assert curve_roundness(count) == expected


@pytest.mark.parametrize("measure", [m for m in SIZE_MEASURES if m != "none"])
def test_sizes_are_the_measures(article: GraphDocument, measure: str) -> None:
    from vectorgraph.measures import centrality as measure_centrality

    G = article.to_networkx()
    assert size_values(G, measure) == pytest.approx(measure_centrality(G, measure))


@pytest.mark.parametrize("measure", SIZE_MEASURES)
def test_sizes_from_the_document_are_the_graphs(article: GraphDocument, measure: str) -> None:
    """The page sizes actors from the document itself: the same values as from its graph."""
    assert size_values(article, measure) == size_values(article.to_networkx(), measure)


def test_size_measures(article: GraphDocument) -> None:
    G = article.to_networkx()
    pagerank = size_values(G, "pagerank")
    assert max(pagerank, key=pagerank.get) == "KAZ"
    assert set(size_values(G, "none").values()) == {1.0}
    with pytest.raises(ValueError, match="unknown measure 'signed'"):
        size_values(G, "signed")


def test_size_by_degree_scales_linearly(article: GraphDocument) -> None:
    data, _ = payload(article, size_by="degree")
    sizes = {n[0]: (n[5], n[6]) for n in data["nodes"]}
    degree = size_values(article.to_networkx(), "degree")
    assert sizes["KAZ"] == (40.0, degree["KAZ"]) and degree["KAZ"] == max(degree.values())
    low = min(v for _, v in sizes.values())
    assert sizes["TKM"] == (10.0, low)


def test_hedging_is_drawn_apart_from_membership(article: GraphDocument) -> None:
    data, _ = payload(article)
    dashes = {t["id"]: t["dashes"] for t in data["relationTypes"]}
    assert dashes["hedges"] == [14, 6, 2, 6] and dashes["member_of"] == [10, 10]
    assert [s["label"].split(":")[0] for s in data["lineStyles"]] == [
        "solid",
        "dotted",
        "dashed",
        "dash-dot",
    ]


def test_isolates_are_tucked_below_the_connected_graph(article: GraphDocument) -> None:
    from vectorgraph.render.layout import ISOLATE_GAP

    data, _ = payload(article)
    rows = {n[0]: n for n in data["nodes"]}
    isolates = sorted(a for a, n in rows.items() if n[7] == 0)
    assert isolates == ["KGZ", "TJK", "TKM", "UZB"]  # Central Asia's members: no relation
    linked = [n for n in rows.values() if n[7] > 0]
    left, right = min(n[3] for n in linked), max(n[3] for n in linked)
    bottom = max(n[4] for n in linked)
    for a in isolates:
        x, y = rows[a][3:5]
        assert left <= x <= right and bottom < y <= bottom + 2 * ISOLATE_GAP
    xs = sorted(rows[a][3] for a in isolates)
    assert [round(b - a, 1) for a, b in itertools.pairwise(xs)] == [ISOLATE_GAP] * 3
    assert data["nodes"][0][7] == len(article.ties("KAZ"))  # relations, not partners


def test_a_large_layout_in_its_own_process_is_the_same() -> None:
    from generate import generate
    from vectorgraph.render.layout import PARALLEL_FROM, positions, start_positions

    doc = generate(PARALLEL_FROM, 3 * PARALLEL_FROM, seed=4)
    ids = [a.id for a in doc.actors]
    edges = [(r.source, r.target) for r in doc.relations]
    pending = start_positions(ids, edges, seed=5)
    assert pending() == positions(ids, edges, seed=5)
    assert pending() != positions(ids, edges, seed=6)  # the seed reached the child


def test_small_components_and_many_isolates_are_tucked() -> None:
    from generate import generate
    from vectorgraph.render.layout import positions

    doc = generate(3000, 3000, seed=2)  # sparse: a giant component, pairs and many isolates
    ids = [a.id for a in doc.actors]
    pos = positions(ids, [(r.source, r.target) for r in doc.relations])
    G = nx.Graph([(r.source, r.target) for r in doc.relations])
    giant = max(nx.connected_components(G), key=len)
    rest = set(ids) - giant
    assert len(rest) > 300  # isolates and small components
    g_top = max(pos[a][1] for a in giant)
    assert all(pos[a][1] > g_top for a in rest)  # every one of them below the giant
    width = max(pos[a][0] for a in giant) - min(pos[a][0] for a in giant)
    height = max(pos[a][1] for a in giant) - min(pos[a][1] for a in giant)
    band_w = max(pos[a][0] for a in rest) - min(pos[a][0] for a in rest)
    band_h = max(pos[a][1] for a in rest) - min(pos[a][1] for a in rest)
    assert band_w <= width + 1 and band_w * band_h <= 0.3 * width * height


def test_physics_threshold() -> None:
    actors = [
        {"id": f"A{i}", "name": f"a{i}", "type": "state"} for i in range(PHYSICS_MAX_ACTORS + 1)
    ]
    big = doc_of({"title": "t", "actors": actors, "relations": []})
    assert render(big).mode.physics is False
    assert data_block(render(big).html)["options"]["physics"]["enabled"] is False
    assert data_block(render(big).html)["large"] is False
    assert render(big, physics=True).mode.physics is True
    small = doc_of(small_dict())
    assert data_block(render(small).html)["options"]["physics"]["enabled"] is True
    assert data_block(render(small).html)["options"]["interaction"]["hover"] is True


def test_large_mode_threshold() -> None:
    from generate import generate

    data = data_block(render(generate(2001, 10)).html)
    assert data["large"] is True and data["options"]["interaction"]["hover"] is False
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True
    assert data["options"]["nodes"]["scaling"]["label"]["drawThreshold"] == 9  # 8 px and up


def test_large_page_evidence_travels_in_chunks() -> None:
    j = EVIDENCE_CHUNK + 100
    doc = doc_of(large_hostile_dict(j))
    page = render(doc).html
    data = data_block(page)
    assert data["evidenceChunk"] == EVIDENCE_CHUNK
    assert [row[12] for row in data["edges"]] == [len(r.evidence) for r in doc.relations]
    blocks = re.findall(
        r'<script type="application/json" class="vg-evidence">(.*?)</script>', page, re.DOTALL
    )
    assert len(blocks) == 2  # 1,501 relations: 1,000 and 501
    chunks = [json.loads(b) for b in blocks]
    assert [len(c) for c in chunks] == [EVIDENCE_CHUNK, 501]
    assert [x[2] for x in chunks[1][100]] == PAYLOADS
    assert [x[1] for x in chunks[0][7]] == [e.sentence for e in doc.relations[7].evidence]
    for block in blocks:  # no quote can end or bend its block
        assert not re.search(r"</script|<!--|[<>&\u2028\u2029]", block, re.IGNORECASE)
    # the small graphs keep their evidence in their rows, and no such block
    assert 'class="vg-evidence"' not in render(doc_of(hostile_dict())).html
    assert "evidenceChunk" not in data_block(render(doc_of(hostile_dict())).html)


def test_focus_is_the_networkx_neighbourhood(article: GraphDocument) -> None:
    G = article.to_networkx().to_undirected()
    for depth in (0, 1, 2):
        sub = neighbourhood(article, "the Kremlin", depth)
        assert {a.id for a in sub.actors} == set(nx.ego_graph(G, "RUS", radius=depth))
    page = render(article, focus="Russia", depth=1)
    assert page.mode.actors == len(nx.ego_graph(G, "RUS", radius=1))
    assert data_block(page.html)["title"] == (
        "Kazakhstan's multi-vector foreign policy: Russia, depth 1"
    )
    with pytest.raises(NotFoundError, match="unknown actor 'Atlantis'"):
        render(article, focus="Atlantis")


def test_figure_repr_html_embeds_the_page(article: GraphDocument) -> None:
    fig = figure(article, height=420)
    out = fig._repr_html_()
    match = re.fullmatch(
        r'<iframe class="vectorgraph" srcdoc="([^"]*)" '
        r'style="width:100%;height:420px;border:0" '
        r'sandbox="allow-scripts"></iframe>',
        out,
    )
    assert match and html.unescape(match.group(1)) == render(article).html


def test_inline_figures_share_one_library(
    article: GraphDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vectorgraph.render import Figure, library_html

    monkeypatch.setattr(Figure, "library_shown", False)
    first, second = figure(article, embed="inline"), figure(article, embed="inline", height=300)
    a, b = first._repr_html_(), second._repr_html_()
    assert a.startswith(library_html() + "\n") and a.count(vis_js()) == 1
    assert vis_js() not in b and vis_js()[:300] not in b
    assert b == render(article, fragment=True, library=False, height="300px").html
    assert first._repr_html_() == b.replace("300px", "600px")  # shown again: no second copy
    assert first.html == render(article).html  # save() still writes the whole page
    with pytest.raises(ValueError, match="embed 'shadow' is not 'iframe' or 'inline'"):
        figure(article, embed="shadow")


# --- the command ----------------------------------------------------------------------


def test_cli_default_output_in_current_folder(
    tmp_path: Path, article: GraphDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["render"])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "kazakhstan-multivector.html").read_text(encoding="utf-8")
    assert written == render(article, extensions=balance_extensions(article)).html
    assert result.stderr.splitlines() == [
        (
            "28 actors, 43 relations: physics on (Barnes-Hut, starting from igraph "
            "Fruchterman-Reingold, seed 0); sized by pagerank"
        ),
        f"wrote kazakhstan-multivector.html (page, {len(written.encode()):,} bytes)",
    ]


def test_cli_file_fragment_title_size(tmp_path: Path) -> None:
    src = tmp_path / "ring.json"
    src.write_text(json.dumps(small_dict()), encoding="utf-8")
    out = tmp_path / "out" / "x.html"
    out.parent.mkdir()
    result = CliRunner().invoke(
        cli,
        [
            "render",
            str(src),
            "-o",
            str(out),
            "--fragment",
            "--title",
            "<b>Ring</b>",
            "--size-by",
            "degree",
            "--no-physics",
        ],
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith('<div class="vg-root"')
    assert '<div class="vg-title">&lt;b&gt;Ring&lt;/b&gt;</div>' in text
    assert data_block(text)["measure"] == "degree"
    assert "physics off (static layout" in result.stderr


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--depth", "2"], 2, "Error: --depth needs --focus"),
        (["--focus", "Atlantis"], 1, "Error: unknown actor 'Atlantis'"),
        (["--size-by", "signed"], 2, "Error: Invalid value for '--size-by'"),
        (
            ["--fragment", "--id", "2fig"],
            2,
            (
                "Error: Invalid value for '--id': id '2fig' is not a plain HTML id "
                "(a letter, then letters, digits, - or _)\n"
            ),
        ),
        (
            ["--no-library"],
            2,
            "Error: --no-library needs --fragment (a whole page always carries it)\n",
        ),
    ],
    ids=["depth-alone", "unknown-actor", "bad-measure", "bad-id", "no-library-page"],
)
def test_cli_errors_write_nothing(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    out = tmp_path / "x.html"
    result = CliRunner().invoke(cli, ["render", "-o", str(out), *args])
    assert result.exit_code == code
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_id_and_shared_library(tmp_path: Path, article: GraphDocument) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert CliRunner().invoke(cli, ["render", "--fragment", "-o", str(first)]).exit_code == 0
    args = ["render", "--fragment", "--id", "kaz-2", "--no-library", "-o", str(second)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    text = second.read_text(encoding="utf-8")
    assert (
        text
        == render(
            article,
            fragment=True,
            id="kaz-2",
            library=False,
            extensions=balance_extensions(article),
        ).html
    )
    assert text.startswith('<div class="vg-root" id="kaz-2"')
    assert vis_js()[:500] not in text and vis_js()[:500] in first.read_text(encoding="utf-8")
    assert text.rstrip().endswith(
        '<script>if(window.vectorgraph&&window.vis){window.vectorgraph.mount("kaz-2");}else{'
        "document.getElementById(\"kaz-2\").querySelector('.vg-status').textContent="
        '"vis-network is not loaded on this page: put vectorgraph.render.library_html() (or a'
        ' fragment rendered with its library) before this one.";}</script>'
    )


def test_cli_bad_document_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"actors": [{"id": "A", "name": "a", "type": "state"}],'
        ' "relations": [{"source": "A", "target": "Z", "type": "trade"}]}'
    )
    result = CliRunner().invoke(cli, ["render", str(bad), "-o", str(tmp_path / "bad.html")])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: relations[0].target: unknown actor 'Z'")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json"]


def test_cli_default_output_follows_the_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = tmp_path / "in" / "ring.json"
    src.parent.mkdir()
    src.write_text(json.dumps(small_dict()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["render", str(src)])
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith(
        f"wrote ring.html (page, {(tmp_path / 'ring.html').stat().st_size:,} bytes)\n"
    )


def test_cli_unwritable_output(tmp_path: Path) -> None:
    out = tmp_path / "missing" / "x.html"
    result = CliRunner().invoke(cli, ["render", "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {out}: cannot write: No such file or directory\n"


def test_output_is_identical_across_processes(tmp_path: Path, root: Path) -> None:
    import os
    import subprocess

    pages = []
    for hashseed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(root / "src"), "PYTHONHASHSEED": hashseed}
        out = tmp_path / f"p{hashseed}.html"
        subprocess.run(
            [sys.executable, "-m", "vectorgraph", "render", "-o", str(out)],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]


def test_cli_real_process(tmp_path: Path, run_cli: Any) -> None:
    proc = run_cli("render", "--focus", "KAZ", "--depth", "1", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert "physics on" in proc.stderr
    page = (tmp_path / "kazakhstan-multivector.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")


def test_figure_save_writes_the_page(tmp_path: Path, article: GraphDocument) -> None:
    fig = figure(article)
    fig.save(tmp_path / "f.html")
    assert (tmp_path / "f.html").read_text(encoding="utf-8") == fig.html
