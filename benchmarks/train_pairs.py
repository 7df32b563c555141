"""Train the learned pair scorer on the development set, and measure it honestly.

For every dev article (``<slug>.txt`` beside its gold ``<slug>.yaml``), the parse
engine runs with its rules alone while a collector records each **candidate**
(:func:`vectorgraph.extract.learned.candidates`: two actors of a parsed sentence
that no rule related in it) with its features. A candidate's label comes from
the gold: the sign of a gold relation between the pair (actors matched as
``vectorgraph evaluate`` matches them) whose evidence is that sentence, else
none (a pair the gold relates with two signs there gives one example per sign).

The model is a multinomial logistic regression (scikit-learn, training only:
``pip install '.[train]'``) over the binary features seen at least twice.

Honest figures: cross-validation by article (``GroupKFold``, ``--folds`` outer
folds): every article's candidates are scored by a model not trained on it, and
the model's regularisation and decision threshold are chosen inside the
training folds (an inner ``GroupKFold`` over the training articles, the F1 of
rules + proposals on them), never on the scores reported. The out-of-fold
figures then come from a real extraction of each held-out article with its
fold's model, scored by :func:`vectorgraph.extract.evaluate_many` (pairs +
polarity, micro-averaged) against the rules alone, on all the articles and on
the subsets given (``--subset NAME=FOLDER``, a folder whose article names are
the subset: round 6's 45 articles by default, from ``devset/sources-m.md`` to
``sources-q.md``, and the 82 others).

The shipped model is then trained on every article (regularisation and
threshold chosen by the same cross-validation over all of them) and written to
``src/vectorgraph/extract/pairs-model.json`` (``--write``), with the figures
and the commit it was trained on in its ``meta``.

    python benchmarks/train_pairs.py                  # figures only
    python benchmarks/train_pairs.py --write          # and the shipped model
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_extract import head_commit
from vectorgraph.document import GraphDocument
from vectorgraph.extract.learned import (
    MODEL_FILE,
    SIGNS,
    Candidate,
    Model,
    Scorer,
    candidates,
)
from vectorgraph.ties import pair
from vectorgraph.vocabulary import RELATION_TYPES

SEED = 0
MIN_COUNT = 2  # a feature is kept when at least this many training candidates hold it
C_GRID = (0.1,)  # the inverse regularisation strengths tried in the inner folds
#: Thresholds whose F1 on the training folds is within this of the best count as equal.
FLAT = 0.003
THRESHOLDS = tuple(round(0.25 + 0.05 * k, 2) for k in range(10))  # 0.25 .. 0.7
ROUND6 = "mnopq"  # round 6's test split, now dev: devset/sources-m.md ... sources-q.md


class Collector:
    """A proposer that proposes nothing and keeps every candidate it is shown."""

    def __init__(self) -> None:
        self.found: list[tuple[int, Candidate]] = []

    def propose(self, sentence, spans, mentions, related, lexicon):  # type: ignore[no-untyped-def]
        """Keep the sentence's candidates; propose none."""
        self.found.extend((sentence, c) for c in candidates(spans, mentions, related, lexicon))
        return []


@dataclass
class Article:
    """One dev article: its rules' pairs, its gold pairs and its labelled candidates."""

    name: str
    text: str
    gold: GraphDocument
    doc: GraphDocument  # the rules' document
    rules: set[tuple[tuple[str, str], int]]
    gold_set: set[tuple[tuple[str, str], int]]
    #: per candidate: the gold-id pair, the features, the gold signs in its sentence
    items: list[tuple[tuple[str, str], tuple[str, ...], set[int]]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def load_articles(folder: Path) -> list[Article]:
    """Every article of ``folder`` with its rules' output and its candidates."""
    from vectorgraph.extract import build_document, read_text
    from vectorgraph.extract.evaluate import actor_map
    from vectorgraph.io import load

    out = []
    for path in sorted(p for p in folder.glob("*.txt") if p.with_suffix(".yaml").is_file()):
        text = path.read_text(encoding="utf-8")
        gold = load(path.with_suffix(".yaml"))
        collector = Collector()
        found = read_text(text, source_id=path.stem, learned=collector)
        doc = build_document([found], title=path.stem)
        to_gold = actor_map(doc, gold)

        def g(x: str | None, to_gold: dict[str, str] = to_gold) -> str:
            return to_gold.get(str(x), str(x))

        at: dict[tuple[int, tuple[str, str]], set[int]] = defaultdict(set)
        for r in gold.relations:
            for e in r.evidence:
                if e.sentence is not None:
                    at[(e.sentence, pair(r.source, r.target))].add(r.sign)
        art = Article(
            name=path.stem,
            text=text,
            gold=gold,
            doc=doc,
            rules={(pair(g(r.source), g(r.target)), r.sign) for r in doc.relations},
            gold_set={(pair(r.source, r.target), r.sign) for r in gold.relations},
        )
        for sentence, c in collector.found:
            key = pair(g(c.source.id), g(c.target.id))
            art.items.append((key, c.features, at.get((sentence, key), set())))
            art.candidates.append(c)
        out.append(art)
    return out


# -- the model ---------------------------------------------------------------------------


def _rows(arts: Sequence[Article]) -> tuple[list[tuple[str, ...]], list[int]]:
    """Training rows: features and class (0 none, 1 + the index of the sign in SIGNS)."""
    xs, ys = [], []
    for a in arts:
        for _, feats, signs in a.items:
            for s in sorted(signs) or [None]:
                xs.append(feats)
                ys.append(0 if s is None else 1 + SIGNS.index(s))
    return xs, ys


def fit(arts: Sequence[Article], c: float) -> Model:
    """A model trained on the candidates of ``arts`` (threshold 0.5 until one is chosen)."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    xs, ys = _rows(arts)
    counts = Counter(f for feats in xs for f in set(feats))
    vocab = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    indptr, indices = [0], []
    for feats in xs:
        indices.extend(sorted({vocab[f] for f in feats if f in vocab}))
        indptr.append(len(indices))
    matrix = csr_matrix(
        (np.ones(len(indices)), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(xs), len(vocab)),
    )
    y = np.array(ys)
    lr = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    lr.fit(matrix, y)
    coef = np.zeros((4, len(vocab)))
    bias = np.zeros(4)
    for row, cls in enumerate(lr.classes_):
        coef[cls], bias[cls] = lr.coef_[row], lr.intercept_[row]
    coef -= coef[0]  # "none" is the reference class, its logits 0
    bias -= bias[0]
    weights = {}
    for f, k in vocab.items():
        w = tuple(round(float(v), 4) for v in coef[1:, k])
        if max(abs(v) for v in w) >= 1e-3:
            weights[f] = (w[0], w[1], w[2])
    b = tuple(round(float(v), 4) for v in bias[1:])
    return Model(weights=weights, bias=(b[0], b[1], b[2]), threshold=0.5, types=_types(arts))


def _types(arts: Sequence[Article]) -> dict[str, str]:
    """``"sign|kind|kind"`` -> the type the gold most often gives that sign between those
    kinds of actor, among the candidates' gold relations."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a in arts:
        types = {
            (pair(r.source, r.target), r.sign): r.type for r in a.gold.relations
        }  # one type per pair and sign
        for (key, _, signs), cand in zip(a.items, a.candidates):
            kinds = sorted((cand.source.type, cand.target.type))
            for s in signs:
                t = types.get((key, s))
                if t is not None and RELATION_TYPES[t].sign == s:
                    counts[f"{s}|{kinds[0]}|{kinds[1]}"][t] += 1
    return {k: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, c in counts.items()}


def pooled(
    arts: Sequence[Article], extra: dict[str, set[tuple[tuple[str, str], int]]] | None = None
) -> tuple[float, float, float, int, int, int]:
    """Micro-averaged P, R, F1 (and predicted, gold, correct) of the rules plus ``extra``."""
    pred = gold = correct = 0
    for a in arts:
        p = a.rules | (extra or {}).get(a.name, set())
        pred, gold, correct = pred + len(p), gold + len(a.gold_set), correct + len(p & a.gold_set)
    prec = correct / pred if pred else 0.0
    rec = correct / gold if gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, pred, gold, correct


def choose(arts: Sequence[Article], folds: int) -> tuple[float, float]:
    """The regularisation and threshold that maximise the pooled F1 of rules + proposals on
    ``arts``, each article scored by a model trained on the other folds: of those within
    :data:`FLAT` of the best F1, the highest threshold (then the smallest C)."""
    from sklearn.model_selection import GroupKFold

    names = [a.name for a in arts]
    table: list[tuple[float, float, float]] = []  # (F1, C, threshold)
    for c in C_GRID:
        scored: dict[str, list[tuple[tuple[str, str], int, float]]] = {}
        for train, test in GroupKFold(n_splits=folds).split(names, groups=names):
            model = fit([arts[k] for k in train], c)
            for k in test:
                a = arts[k]
                scored[a.name] = [(key, *model.best(feats)) for key, feats, _ in a.items]
        for t in THRESHOLDS:
            extra = {n: {(key, s) for key, s, p in v if p >= t} for n, v in scored.items()}
            table.append((pooled(arts, extra)[2], c, t))
    top = max(f for f, _, _ in table)
    # the F1 of rules + proposals is flat near its top: the most conservative choice within
    # FLAT of it (the highest threshold, then the strongest regularisation) varies least
    t, minus_c = max((t, -c) for f, c, t in table if f >= top - FLAT)
    return -minus_c, t


def model_text(model: Model) -> str:
    """The JSON of a model as shipped: indented, one line per feature's weights."""
    data = model.to_dict()
    weights = data.pop("weights")
    head = json.dumps(data, indent=1, ensure_ascii=False)[:-2]
    lines = [f" {json.dumps(f, ensure_ascii=False)}: {json.dumps(w)}" for f, w in weights.items()]
    return head + ',\n "weights": {\n' + ",\n".join(lines) + "\n }\n}\n"


# -- the report --------------------------------------------------------------------------


def _subset_names(args: argparse.Namespace, devset: Path) -> dict[str, set[str]]:
    subsets: dict[str, set[str]] = {}
    for spec in args.subset or []:
        name, _, folder = spec.partition("=")
        subsets[name] = {p.stem for p in Path(folder).glob("*.txt")}
    if not subsets:
        slugs: set[str] = set()
        for letter in ROUND6:
            page = devset.parent / f"sources-{letter}.md"
            if page.is_file():
                slugs |= set(re.findall(r"^\|\s*\d+\s*\|\s*([a-z0-9-]+)\s*\|", page.read_text(
                    encoding="utf-8"), re.MULTILINE))  # fmt: skip
        every = {p.stem for p in devset.glob("*.txt")}
        subsets = {"dev45": slugs & every, "dev82": every - slugs}
    return subsets


def _line(label: str, s: tuple[float, float, float, int, int, int]) -> str:
    return f"  {label:34} P {s[0]:.3f}  R {s[1]:.3f}  F1 {s[2]:.3f}  ({s[5]}/{s[3]} of {s[4]})"


def _score(docs: dict[str, GraphDocument], arts: Sequence[Article], names: set[str]) -> tuple:
    """:func:`evaluate_many`'s pairs + polarity on the articles named, as ``pooled`` gives."""
    from vectorgraph.extract.evaluate import evaluate_many

    s = evaluate_many([(a.name, docs[a.name], a.gold) for a in arts if a.name in names])
    r = s["relations_sign"]
    return r["precision"], r["recall"], r["f1"], r["predicted"], r["gold"], r["correct"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT / "devset" / "dev")
    parser.add_argument("--folds", type=int, default=5, help="outer folds, by article [5]")
    parser.add_argument("--inner", type=int, default=4, help="inner folds, by article [4]")
    parser.add_argument(
        "--subset", action="append", help="NAME=FOLDER: also report the articles of FOLDER"
    )
    parser.add_argument("--write", action="store_true", help=f"write {MODEL_FILE}")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="out-of-fold figures from the candidates alone, without re-extracting each article "
        "with its fold's model (close to, not exactly, what vectorgraph evaluate gives)",
    )
    parser.add_argument(
        "--cache", type=Path, help="keep the articles' candidates in this file (for --quick runs)"
    )
    args = parser.parse_args()
    if "test" in args.devset.parts:
        raise SystemExit("train on the dev split only")
    from sklearn.model_selection import GroupKFold
    from threadpoolctl import threadpool_limits

    from vectorgraph.extract import build_document, read_text

    threadpool_limits(1)  # BLAS threads fight over the cores: one fit took 15 s instead of 1

    t0 = time.perf_counter()
    if args.cache is not None and args.cache.is_file():
        arts = pickle.loads(args.cache.read_bytes())
    else:
        arts = load_articles(args.devset)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(arts))
    n_cand = sum(len(a.items) for a in arts)
    n_pos = sum(bool(s) for a in arts for _, _, s in a.items)
    print(
        f"{len(arts)} articles, {n_cand} candidates ({n_pos} with a gold relation in their "
        f"sentence), read in {time.perf_counter() - t0:.0f} s"
    )
    subsets = {"dev127": {a.name for a in arts}, **_subset_names(args, args.devset)}
    names = [a.name for a in arts]
    rules_docs = {a.name: a.doc for a in arts}
    oof_docs: dict[str, GraphDocument] = {}
    quick: dict[str, set[tuple[tuple[str, str], int]]] = {}
    chosen = []
    for fold, (train, test) in enumerate(
        GroupKFold(n_splits=args.folds).split(names, groups=names)
    ):
        inner = [arts[k] for k in train]
        c, t = choose(inner, args.inner)
        model = fit(inner, c)
        model = Model(model.weights, model.bias, t, model.types)
        chosen.append((c, t))
        for k in test:
            a = arts[k]
            if args.quick:
                quick[a.name] = {(key, s) for key, s, p in
                                 ((key, *model.best(f)) for key, f, _ in a.items) if p >= t}  # fmt: skip
                continue
            oof_docs[a.name] = build_document(
                [read_text(a.text, source_id=a.name, learned=Scorer(model))], title=a.name
            )
        print(f"fold {fold + 1}: C {c}, threshold {t} (chosen on its training folds)")
    figures: dict[str, Any] = {}
    print("pairs + polarity, micro-averaged (vectorgraph evaluate), out of fold:")
    for label, members in subsets.items():
        if args.quick:
            chosen_arts = [a for a in arts if a.name in members]
            before, after = pooled(chosen_arts), pooled(chosen_arts, quick)
        else:
            before, after = _score(rules_docs, arts, members), _score(oof_docs, arts, members)
        added = after[3] - before[3]
        gained = after[5] - before[5]
        marginal = gained / added if added else 0.0
        print(f" {label} ({len(members)} articles)")
        print(_line("rules alone", before))
        print(_line("rules + scorer (out of fold)", after))
        print(f"  marginal precision {marginal:.3f} ({gained} correct of {added} added)")
        figures[label] = {
            "rules": dict(zip(("precision", "recall", "f1"), before[:3])),
            "rules_and_scorer_out_of_fold": dict(zip(("precision", "recall", "f1"), after[:3])),
            "marginal_precision": round(marginal, 3),
        }
    c, t = choose(arts, args.folds)
    final = fit(arts, c)
    commit = head_commit()
    meta = {
        "trained_on": f"{len(arts)} articles of {args.devset.relative_to(ROOT)} at {commit}",
        "C": c,
        "min_count": MIN_COUNT,
        "cross_validated": figures,
        "script": "benchmarks/train_pairs.py",
    }
    final = Model(final.weights, final.bias, t, final.types, meta)
    print(f"shipped model: C {c}, threshold {t}, {len(final.weights)} features")
    if args.write:
        out = ROOT / "src" / "vectorgraph" / "extract" / MODEL_FILE
        out.write_text(model_text(final), encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    print(f"{time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
