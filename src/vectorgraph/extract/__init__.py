"""Extraction: from an article to a candidate graph document, and its evaluation.

:func:`extract` reads one text; :func:`extract_corpus` reads files and folders
(streaming, one text at a time) into one merged document; :func:`evaluate`
scores a candidate against a curated graph, :func:`evaluate_many` many at once.

>>> from vectorgraph.extract import evaluate, extract
>>> doc = extract("Turkey and Uzbekistan held talks in Ankara.")
>>> [(r.source, r.target, r.type) for r in doc.relations]
[('TUR', 'UZB', 'consultation')]
>>> evaluate(doc, doc)["relations_sign"]["f1"]
1.0
"""

from __future__ import annotations

from vectorgraph.extract.corpus import (
    ExtractError,
    extract_corpus,
    iter_extractions,
    iter_files,
    read_source,
)
from vectorgraph.extract.evaluate import evaluate, evaluate_many
from vectorgraph.extract.gazetteer import Gazetteer, default_gazetteer
from vectorgraph.extract.pipeline import Extraction, build_document, extract, read_text

__all__ = [
    "ExtractError",
    "Extraction",
    "Gazetteer",
    "build_document",
    "default_gazetteer",
    "evaluate",
    "evaluate_many",
    "extract",
    "extract_corpus",
    "iter_extractions",
    "iter_files",
    "read_source",
    "read_text",
]
