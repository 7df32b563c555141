"""Interactive HTML of a graph: a self-contained page or an embeddable fragment.

:func:`render` gives the HTML (see :mod:`vectorgraph.render.page` for the
safety rules and for :class:`Extension`, how another view adds itself to the
page), :func:`figure` an object that Jupyter displays inline.
The modules: :mod:`~vectorgraph.render.data` (document -> page data),
:mod:`~vectorgraph.render.layout` (seeded positions, the physics threshold),
:mod:`~vectorgraph.render.sizing` (the centrality that sizes actors),
:mod:`~vectorgraph.render.style` (colours, shapes, lines),
:mod:`~vectorgraph.render.assets` (vis-network from pyvis, the page's script and style).

Examples
--------
>>> from vectorgraph import load
>>> from vectorgraph.render import render
>>> page = render(load(), fragment=True)
>>> page.html.startswith('<div class="vg-root" id="vg-')
True
"""

from __future__ import annotations

from vectorgraph.render.data import RenderMode, neighbourhood
from vectorgraph.render.layout import PHYSICS_MAX_ACTORS, PHYSICS_MAX_RELATIONS
from vectorgraph.render.page import Extension, Figure, Rendered, figure, library_html, render
from vectorgraph.render.sizing import SIZE_MEASURES, size_values

__all__ = [
    "PHYSICS_MAX_ACTORS",
    "PHYSICS_MAX_RELATIONS",
    "SIZE_MEASURES",
    "Extension",
    "Figure",
    "RenderMode",
    "Rendered",
    "figure",
    "library_html",
    "neighbourhood",
    "render",
    "size_values",
]
