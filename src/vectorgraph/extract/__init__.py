"""Extraction: from an article to a candidate graph document, and its evaluation.

:func:`extract` reads one text; :func:`extract_corpus` reads files and folders
(streaming, one text at a time) into one merged document; :func:`evaluate`
scores a candidate against a curated graph.

The package itself is callable, so ``vectorgraph.extract(text)`` is
:func:`extract` while ``vectorgraph.extract.evaluate`` stays reachable:

>>> import vectorgraph
>>> doc = vectorgraph.extract("Turkey and Uzbekistan held talks in Ankara.")
>>> [(r.source, r.target, r.type) for r in doc.relations]
[('TUR', 'UZB', 'consultation')]
>>> vectorgraph.extract.evaluate(doc, doc)["relations_sign"]["f1"]
1.0
"""

from __future__ import annotations

import sys
import types
from typing import Any

from vectorgraph.extract.corpus import (
    ExtractError,
    extract_corpus,
    iter_extractions,
    iter_files,
    read_source,
)
from vectorgraph.extract.evaluate import evaluate
from vectorgraph.extract.gazetteer import Gazetteer, default_gazetteer
from vectorgraph.extract.pipeline import Extraction, build_document, extract, read_text

__all__ = [
    "ExtractError",
    "Extraction",
    "Gazetteer",
    "build_document",
    "default_gazetteer",
    "evaluate",
    "extract",
    "extract_corpus",
    "iter_extractions",
    "iter_files",
    "read_source",
    "read_text",
]


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`extract`."""

    def __call__(self, text: str, **options: Any) -> Any:
        return extract(text, **options)


sys.modules[__name__].__class__ = _CallableModule
