"""Extraction of a corpus on a Dask cluster: batches of files, merged by a tree reduction.

:func:`extract_corpus` sends each worker only the names of the files it is to
read (local paths on a shared file system, or any fsspec URL: ``s3://``,
``gs://``, ``https://``); the worker reads and extracts a batch of files with
the default engine (loaded once per worker process, as in a serial run) into a
:class:`Partial`. Partials of consecutive batches merge in a tree, ``fan_in``
at a time, so no process ever holds more than ``fan_in`` of them, and the
root is built into the document on the client.

The merge keeps the order of the files, not the order in which tasks finish,
and is exact: the document is byte-identical to the serial run's
(:func:`vectorgraph.extract.corpus.extract_corpus`) for any number of workers,
batch size or fan-in. A file that cannot be read is reported by name and
skipped; a task whose worker dies is rerun by Dask elsewhere.

Needs the ``cluster`` extra: ``pip install 'vectorgraph[cluster]'``.

Examples
--------
The merge of partials is the merge of the files they hold, in order:

>>> from vectorgraph.extract.pipeline import read_text
>>> texts = ["Turkey criticised Armenia.", "Armenia and Turkey held talks.",
...          "Turkey criticised Armenia again."]
>>> found = [read_text(t, source_id=f"t{i}") for i, t in enumerate(texts)]
>>> whole = Partial.of(found)
>>> halves = Partial.merged([Partial.of(found[:1]), Partial.of(found[1:])])
>>> halves.document() == whole.document()
True
>>> [(r.type, len(r.evidence)) for r in whole.document().relations]
[('criticism', 2), ('consultation', 1)]
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vectorgraph.document import Actor, Evidence, GraphDocument, Source
from vectorgraph.errors import ArgumentError, ExtractError
from vectorgraph.extract.corpus import corpus_document, extract_files, iter_jobs
from vectorgraph.extract.pipeline import Extraction
from vectorgraph.measures.collapsing import no_gc
from vectorgraph.ties import ends

__all__ = ["BATCH_SIZE", "FAN_IN", "WINDOW", "Partial", "extract_corpus", "open_client"]

#: Files per task: large enough that scheduling is a small share of the work.
BATCH_SIZE = 16
#: Partials merged by one task of the reduction tree.
FAN_IN = 8
#: Extraction tasks in flight (submitted, not finished): a window of them ahead of the workers.
WINDOW = 1024
_HINT = "pip install 'vectorgraph[cluster]'"

_Key = tuple[tuple[str, str], str]
#: The fields of evidence and actors, in the order a partial holds them.
_EVIDENCE = tuple(f.name for f in dataclasses.fields(Evidence))
_ACTOR = tuple(f.name for f in dataclasses.fields(Actor))
_evidence_fields = operator.attrgetter(*_EVIDENCE)
_actor_fields = operator.attrgetter(*_ACTOR)


@functools.cache
def _head(found: type) -> tuple[str, ...]:
    """The fields of a finding but its evidence and confidences (which a partial holds apart)."""
    return tuple(
        f.name for f in dataclasses.fields(found) if f.name not in ("evidence", "confidences")
    )


@dataclass
class Partial:
    """The extractions of consecutive files, merged in a form that merges again.

    ``first`` holds each actor as first seen and ``later`` its distinct later
    forms; ``relations`` holds, per tie, its first finding (without its
    evidence) with the evidence and confidences of all, in order. Actors,
    findings and evidence are held as plain tuples of their fields, which
    pickle several times faster than the objects as partials travel up the
    tree. :meth:`extractions` gives back a list of extractions that builds the
    same document as the files' own.
    """

    sources: list[Source] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    sentences: int = 0
    files: int = 0
    first: dict[str, tuple[Any, ...]] = field(default_factory=dict)
    later: dict[str, dict[tuple[Any, ...], None]] = field(default_factory=dict)
    relations: dict[_Key, tuple[tuple[Any, ...], list[tuple[Any, ...]], list[float]]] = field(
        default_factory=dict
    )
    #: The class of the extractions' findings (``Extraction.relations``' items).
    found: Any = None

    @classmethod
    def of(cls, results: Iterable[Extraction | str]) -> Partial:
        """The partial of extractions (and skip messages, str) in file order."""
        part = cls()
        with no_gc():
            part._add(results)
        return part

    def _add(self, results: Iterable[Extraction | str]) -> None:
        part = self
        for result in results:
            part.files += 1
            if isinstance(result, str):
                part.skipped.append(result)
                continue
            part.sources.append(result.source)
            part.sentences += result.sentences
            for aid, actor in result.actors.items():
                part._actor(aid, _actor_fields(actor), ())
            for item in result.relations:
                if part.found is None:
                    part.found = type(item)
                evidence = [_evidence_fields(item.evidence[i]) for i in sorted(item.evidence)]
                key = (ends(item.source, item.target, item.directed), item.type)
                head = tuple(getattr(item, name) for name in _head(part.found))
                part._relation(key, head, evidence, item.confidences)

    @classmethod
    def merged(cls, parts: Sequence[Partial]) -> Partial:
        """One partial of several consecutive ones, in the order given (inputs unchanged)."""
        out = cls()
        with no_gc():
            for part in parts:
                out._extend(part)
        return out

    def _extend(self, part: Partial) -> None:
        self.files += part.files
        self.sentences += part.sentences
        self.sources.extend(part.sources)
        self.skipped.extend(part.skipped)
        self.found = self.found or part.found
        for aid, actor in part.first.items():
            self._actor(aid, actor, part.later.get(aid, {}))
        for key, (head, evidence, confidences) in part.relations.items():
            self._relation(key, head, evidence, confidences)

    def _actor(self, aid: str, actor: tuple[Any, ...], later: Iterable[tuple[Any, ...]]) -> None:
        if aid not in self.first:
            self.first[aid] = actor
            forms = self.later.setdefault(aid, {}) if later else None
        else:
            forms = self.later.setdefault(aid, {})
            forms[actor] = None
        if forms is not None:
            forms.update(dict.fromkeys(later))

    def _relation(
        self,
        key: _Key,
        head: tuple[Any, ...],
        evidence: list[tuple[Any, ...]],
        confidences: list[float],
    ) -> None:
        seen = self.relations.get(key)
        if seen is None:
            self.relations[key] = (head, list(evidence), list(confidences))
        else:
            seen[1].extend(evidence)
            seen[2].extend(confidences)

    def extractions(self) -> list[Extraction]:
        """Extractions, one per source in order, that build the same document as the files'.

        The first carries every actor as first seen and every tie with all its
        evidence and confidences; the later ones carry the actors' later
        forms (which merge in any order), so that
        :func:`~vectorgraph.extract.pipeline.build_document` applies its own
        rules to them.
        """
        if not self.sources:
            return []
        names = _head(self.found) if self.found is not None else ()
        relations = [
            self.found(
                **dict(zip(names, head)),
                evidence={i: Evidence(**dict(zip(_EVIDENCE, e))) for i, e in enumerate(evidence)},
                confidences=list(confidences),
            )
            for head, evidence, confidences in self.relations.values()
        ]
        first = {aid: Actor(**dict(zip(_ACTOR, a))) for aid, a in self.first.items()}
        out = [Extraction(self.sources[0], first, relations, self.sentences)]
        forms = {aid: list(seen) for aid, seen in self.later.items()}
        for k, source in enumerate(self.sources[1:]):
            actors = {
                aid: Actor(**dict(zip(_ACTOR, seen[k])))
                for aid, seen in forms.items()
                if k < len(seen)
            }
            out.append(Extraction(source, actors, [], 0))
        return out

    def document(
        self,
        *,
        paths: Sequence[str | Path] = (),
        title: str | None = None,
        min_confidence: float = 0.0,
    ) -> GraphDocument:
        """The corpus document, as :func:`~vectorgraph.extract.corpus.corpus_document` makes it."""
        return corpus_document(
            self.extractions(),
            skipped=self.skipped,
            paths=paths,
            title=title,
            min_confidence=min_confidence,
        )


def _extract_batch(jobs: list[tuple[str, str, str]], options: Mapping[str, Any]) -> Partial:
    """One task: read and extract a batch of files on a worker."""
    return Partial.of(extract_files(jobs, **options))


def _merge_task(*parts: Partial) -> Partial:
    return Partial.merged(parts)


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _tree(client: Any, leaves: list[Any], fan_in: int) -> Any:
    """The root future of a tree that merges ``leaves`` ``fan_in`` at a time, in order."""
    level = leaves
    while len(level) > 1:
        level = [
            client.submit(_merge_task, *level[i : i + fan_in], pure=False)
            for i in range(0, len(level), fan_in)
        ]
    return level[0]


def extract_corpus(
    paths: Iterable[str | Path],
    *,
    client: Any = None,
    base: str | Path | None = None,
    min_confidence: float = 0.0,
    title: str | None = None,
    jobs: int = 1,
    batch_size: int = BATCH_SIZE,
    fan_in: int = FAN_IN,
    window: int = WINDOW,
    options: Mapping[str, Any] | None = None,
    on_skip: Callable[[str], None] | None = None,
    on_file: Callable[[], None] | None = None,
) -> GraphDocument:
    """One candidate document for many texts, on a Dask cluster when ``client`` is given.

    Parameters
    ----------
    paths
        Files, folders (their ``.txt``/``.text``/``.md`` files, recursively) or
        fsspec URLs of either; the workers read them, so local paths must be on
        a file system the workers share.
    client
        A ``distributed.Client``; None runs serially here
        (:func:`vectorgraph.extract.corpus.extract_corpus`, ``jobs`` processes).
    batch_size, fan_in
        Files per extraction task, and partials per merge task.
    window
        Extraction tasks submitted at a time: the files are listed, and tasks
        submitted, a window ahead of the workers, so that neither the client
        nor the scheduler holds a million tasks at once.
    options
        Keyword arguments for the extraction of each file
        (:func:`vectorgraph.extract.corpus.extract_file`): ``engine`` and
        ``model``; the default engine when none are given. Each worker
        process loads the engine's model once and keeps it.
    on_skip, on_file
        Called with each skip message (in file order, at the end), and once
        per file extracted (as batches finish: a progress bar).

    Returns
    -------
    GraphDocument
        The same document as the serial run's, byte for byte.

    Raises
    ------
    ExtractError
        When no file could be read, or the cluster lost a task more often than
        it allows (``distributed.scheduler.allowed-failures``).
    """
    if client is None:
        from vectorgraph.extract.corpus import extract_corpus as serial

        return serial(
            paths,
            base=base,
            min_confidence=min_confidence,
            title=title,
            jobs=jobs,
            on_skip=on_skip,
            on_file=on_file,
            **dict(options or {}),
        )
    if jobs != 1:
        raise ArgumentError("jobs is for the serial run; a cluster has its own workers")
    if batch_size < 1 or fan_in < 2 or window < 1:
        raise ArgumentError(
            f"batch_size and window must be >= 1 and fan_in >= 2, not {batch_size}, "
            f"{window}, {fan_in}"
        )
    as_completed: Any = _distributed().as_completed

    paths = list(paths)
    batches = _batched(iter_jobs(paths, base=base), batch_size)
    settings = dict(options or {})
    pending = as_completed()
    sizes: dict[str, int] = {}
    roots: list[Any] = []

    def submit_window() -> int:
        """Submit the next ``window`` batches and their merge tree; how many were submitted."""
        leaves = []
        for batch in itertools.islice(batches, window):
            leaf = client.submit(_extract_batch, batch, settings, pure=False)
            sizes[leaf.key] = len(batch)
            pending.add(leaf)
            leaves.append(leaf)
        if leaves:
            roots.append(_tree(client, leaves, fan_in))
        return len(leaves)

    try:
        in_flight = submit_window() + submit_window()
        for done in pending:
            in_flight -= 1
            for _ in range(sizes.pop(done.key)):
                if on_file is not None:
                    on_file()
            del done  # the merge tree holds what it still needs
            if in_flight <= window:
                in_flight += submit_window()
        part = _tree(client, roots, fan_in).result() if roots else Partial()
    except Exception as exc:
        if isinstance(exc, _distributed().KilledWorker):
            raise ExtractError(f"the cluster lost a task too often: {exc}") from None
        raise
    for message in part.skipped:
        if on_skip is not None:
            on_skip(message)
    return part.document(paths=paths, title=title, min_confidence=min_confidence)


@contextlib.contextmanager
def open_client(
    scheduler: str | None = None, workers: int | None = None, *, timeout: float = 10.0
) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a local cluster of ``workers`` processes.

    The local cluster runs one thread per worker process (extraction holds the
    GIL) and closes with the client. A scheduler that does not answer within
    ``timeout`` seconds is an :class:`ExtractError`.
    """
    dask = _distributed()
    Client, LocalCluster = dask.Client, dask.LocalCluster
    if (scheduler is None) == (workers is None):
        raise ArgumentError("give either a scheduler address or a number of workers")
    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            raise ExtractError(f"{scheduler}: cannot reach the scheduler: {exc}") from None
        with client:
            yield client
        return
    assert workers is not None
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: never one another cluster holds
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _distributed() -> Any:
    """The ``distributed`` module, or :class:`ExtractError` saying what to install."""
    try:
        import distributed
    except ImportError:
        raise ExtractError(f"a Dask cluster needs dask.distributed: {_HINT}") from None
    return distributed
