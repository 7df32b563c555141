"""The scripts and styles a page inlines: pyvis's vis-network build and our own.

vis-network 9.1.2 (Apache-2.0 or MIT) is read at render time from the copy that
pyvis ships (``pyvis/templates/lib/vis-9.1.2/``), so this repository holds no
copy of it. Its source-map comment is dropped (a browser would fetch the map), and
so are the style rules of the features the page never enables (the option
configurator, the colour picker and the editing toolbar), which are most of the
file's 220 kB.

Examples
--------
>>> "vis-network" in vis_js()[:200] and "sourceMappingURL" not in vis_js()
True
>>> "div.vis-tooltip" in vis_css() and "vis-color-picker" not in vis_css()
True
"""

from __future__ import annotations

import functools
import re
from importlib import resources

__all__ = ["VIS_VERSION", "app_css", "app_js", "vis_css", "vis_js"]

VIS_VERSION = "9.1.2"
_DROPPED = (
    "vis-configuration",
    "vis-color-picker",
    "vis-manipulation",
    "vis-edit-mode",
    "vis-close",
)


def _pyvis_file(name: str) -> str:
    path = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}" / name
    return path.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def vis_js() -> str:
    """The minified vis-network script, without its source-map comment."""
    text = re.sub(r"//# sourceMappingURL=\S*", "", _pyvis_file("vis-network.min.js"))
    if re.search(r"</script|<!--", text, re.IGNORECASE):  # pragma: no cover - a new build
        raise RuntimeError("vis-network.min.js cannot be inlined: it contains </script or <!--")
    return text.strip()


@functools.lru_cache(maxsize=1)
def vis_css() -> str:
    """vis-network's style rules for the features the page uses."""
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", _pyvis_file("vis-network.css"))
    kept = [
        f"{sel.strip()}{{{body.strip()}}}"
        for sel, body in rules
        if not any(word in sel for word in _DROPPED)
    ]
    return "\n".join(kept)


@functools.lru_cache(maxsize=1)
def app_js() -> str:
    """The page's own script (filters, legend, popups), from ``render/app.js``."""
    return (resources.files("vectorgraph.render") / "app.js").read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def app_css() -> str:
    """The page's own style, scoped under ``.vg-root``, from ``render/app.css``."""
    return (resources.files("vectorgraph.render") / "app.css").read_text(encoding="utf-8")
