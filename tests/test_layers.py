"""The package's import graph: no cycle, and lower layers never import higher ones.

Every module under ``src/vectorgraph`` is parsed with :mod:`ast` (nothing is
imported); each ``import`` of a ``vectorgraph`` module is an edge of a
networkx graph. Run ``python -m pytest tests/test_layers.py -v`` to check.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: The layers, lowest first: a module imports only from its own layer or lower ones.
#: A module belongs to the longest prefix listed (``vectorgraph`` itself, the
#: package's ``__init__``, only to its own); a new module outside every prefix is
#: only held to the other rules.
LAYERS: list[tuple[str, ...]] = [
    ("vectorgraph.errors", "vectorgraph.ties", "vectorgraph.text", "vectorgraph.vocabulary"),
    (
        "vectorgraph.document",
        "vectorgraph.graph",
        "vectorgraph.validate",
        "vectorgraph.timeslice",
        "vectorgraph.summary",
        "vectorgraph.queries",
        "vectorgraph.measures",
    ),
    (
        "vectorgraph.io",
        "vectorgraph.interchange",
        "vectorgraph.export",
        "vectorgraph.merging",
        "vectorgraph.compare",
        "vectorgraph.extract",
        "vectorgraph.timeline",
    ),
    ("vectorgraph.render",),
    ("vectorgraph",),  # the public API: re-exports the layers below
    ("vectorgraph.cli", "vectorgraph.__main__"),
]

#: Cycles that only lazy imports (inside a function) close, each with its reason.
#: A cycle at import time is never allowed; this list may only shrink.
KNOWN_LAZY_CYCLES: dict[frozenset[str], str] = {
    frozenset({"vectorgraph.document", "vectorgraph.graph"}): (
        "GraphDocument.to_networkx delegates to graph.to_networkx"
    ),
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / "vectorgraph").rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The module that ``import name`` runs last: ``name`` or its nearest package."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, tree: ast.Module, *, lazy: bool) -> set[str]:
    """The package's modules that ``module`` imports: at import time, or anywhere if ``lazy``.

    Imports under ``if TYPE_CHECKING:`` never run and are left out.
    """
    found: set[str] = set()
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node):
                visit(node.orelse)
                continue
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not lazy:
                continue
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package
                    for _ in range(node.level - 1):
                        anchor = anchor.rpartition(".")[0]
                    base = f"{anchor}.{base}".rstrip(".")
                subs = {f"{base}.{a.name}" for a in node.names} & MODULES.keys()
                found.update(subs)
                # `from package import names` needs the package run, unless every name
                # is a submodule of a package this module is inside (`from . import x`)
                if len(subs) < len(node.names) or not module.startswith(base + "."):
                    found.add(base)
            for field in ("body", "orelse", "finalbody", "handlers"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    visit([c for c in children if isinstance(c, ast.stmt | ast.excepthandler)])
            if isinstance(node, ast.ExceptHandler):
                visit(node.body)

    visit(tree.body)
    owners = {_owner(name) for name in found if name.split(".")[0] == "vectorgraph"}
    return {o for o in owners if o is not None and o != module}


def _graph(*, lazy: bool) -> nx.DiGraph:
    G = nx.DiGraph()
    for module, path in MODULES.items():
        G.add_node(module)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        G.add_edges_from((module, other) for other in _imports(module, tree, lazy=lazy))
    return G


@pytest.fixture(scope="module")
def eager() -> nx.DiGraph:
    return _graph(lazy=False)


@pytest.fixture(scope="module")
def every() -> nx.DiGraph:
    return _graph(lazy=True)


def _layer(module: str) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer)
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            inside = module.startswith(prefix + ".") and prefix != "vectorgraph"
            if (module == prefix or inside) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), rank)
    return None if best is None else best[1]


def test_the_parser_sees_the_known_edges(every: nx.DiGraph, eager: nx.DiGraph) -> None:
    """The check can fail: it finds imports at module level, in functions and from packages."""
    assert eager.has_edge("vectorgraph.merging", "vectorgraph.ties")
    assert eager.has_edge("vectorgraph.measures", "vectorgraph.measures.collapsing")
    assert eager.has_edge("vectorgraph.cli", "vectorgraph.cli.analysis")
    assert not eager.has_edge("vectorgraph.compare", "vectorgraph.measures")  # inside a function
    assert every.has_edge("vectorgraph.compare", "vectorgraph.measures")
    assert every.has_edge("vectorgraph.compare", "vectorgraph.measures.centrality")  # a submodule
    assert not every.has_edge("vectorgraph.cli.base", "vectorgraph.document")  # TYPE_CHECKING


def test_no_cycle_at_import_time(eager: nx.DiGraph) -> None:
    assert nx.is_directed_acyclic_graph(eager), nx.find_cycle(eager)


def test_lazy_imports_close_only_the_known_cycles(every: nx.DiGraph) -> None:
    cycles = {frozenset(c) for c in nx.strongly_connected_components(every) if len(c) > 1}
    assert cycles <= set(KNOWN_LAZY_CYCLES), cycles - set(KNOWN_LAZY_CYCLES)


def test_lower_layers_never_import_higher_ones(every: nx.DiGraph) -> None:
    wrong = [
        (u, v)
        for u, v in every.edges
        if (lu := _layer(u)) is not None and (lv := _layer(v)) is not None and lv > lu
    ]
    assert wrong == []


def test_only_the_cli_imports_the_cli(every: nx.DiGraph) -> None:
    importers = {u for u, v in every.edges if v.startswith("vectorgraph.cli")}
    assert {u for u in importers if not u.startswith("vectorgraph.cli")} == {"vectorgraph.__main__"}


def test_the_measures_read_any_networkx_graph(every: nx.DiGraph) -> None:
    """Measures import only the errors, the rules of ties and each other."""
    allowed = ("vectorgraph.errors", "vectorgraph.ties", "vectorgraph.measures")
    wrong = [
        (u, v)
        for u, v in every.edges
        if u.startswith("vectorgraph.measures") and not v.startswith(allowed)
    ]
    assert wrong == []


def test_the_foundation_imports_nothing_above_it(every: nx.DiGraph) -> None:
    for module in LAYERS[0]:
        assert set(every.successors(module)) <= set(LAYERS[0]), module
