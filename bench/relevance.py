"""Ranking levers on public relevance collections and on the project's labelled set.

The public collections (Cranfield, CISI, CACM, SciFact) are read from bench/out/<name>/ when
their files are there; bench/public_sets.py names each one's files, source and licence, and
derives the tasks of the product's two shapes: **pitch** (a short query against long
documents) and **profile** (a long text against them: CISI's paragraph-long queries, and
each collection's "doc-profile", a relevant abstract as the query for its query's other
relevant abstracts). None of them is part of the repository.

Every engine configuration is the default TfidfMatcher with the levers named changed, fitted
on title and abstract as the fields "name" and "description". The baselines are the
textbook: `sklearn-tfidf` (TfidfVectorizer, sublinear tf, English stop words, cosine),
`tantivy-bm25` (tantivy's BM25 over its English stemming tokenizer, the query's words OR-ed)
and `bm25-unigram` (the engine's own analysis, BM25, no bigrams, no levers). nDCG@10 (gain
2^g - 1) and recall@100; the labelled set's nDCG@10, filler and buried from bench/quality.py.

    .venv/bin/python bench/relevance.py
    .venv/bin/python bench/relevance.py --only engine,+latent --collections cisi --no-labelled
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import public_sets  # noqa: E402  (bench/ is on the path above)
import quality  # noqa: E402

from matcher.engine import TfidfMatcher  # noqa: E402

#: Levers off, each alone, and the default ("engine": phrases and latent on).
OFF = {"latent_components": 0, "feedback_docs": 0, "phrase_terms": 0}
CONFIGS: dict[str, dict] = {
    "bm25-unigram": OFF | {"bigram_weight": 0.0},
    "levers off": OFF,
    "+phrases": OFF | {"phrase_terms": 4},
    "+latent": OFF | {"latent_components": 64},
    "+feedback": OFF | {"feedback_docs": 5},
    "engine": {},
    "engine+feedback": {"feedback_docs": 5},
    # safeguarded: only organisations within 0.8 of the best feed back, at half the weight
    "engine+fb-guard": {"feedback_docs": 5, "feedback_floor": 0.8, "feedback_weight": 0.25},
}
#: Best-passage scoring, measured outside the engine on its lexical scores (levers off):
#: a passage is about PASSAGE_WORDS words; score = whole + PASSAGE_BLEND × best passage.
PASSAGE_WORDS, PASSAGE_BLEND = 40, 0.5
PASSAGE_ROWS = ("dense lexical", "+query passages", "+doc passages")


def ndcg(ranked: list, relevant: dict, k: int = 10) -> float:
    dcg = sum((2 ** relevant.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: list, relevant: dict, k: int = 100) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0


def _mean(rows: list[tuple[float, float]]) -> dict[str, float]:
    return {
        "ndcg@10": float(np.mean([r[0] for r in rows])),
        "R@100": float(np.mean([r[1] for r in rows])),
    }


def run_matcher(params: dict, docs, tasks) -> dict[str, dict[str, float]]:
    matcher = TfidfMatcher(**params, max_per_group=0).fit(list(docs), list(docs.values()))
    out = {}
    for name, task in tasks.items():
        rows = []
        for text, relevant, own in task:
            ranked = [c.id for c in matcher.query(text, k=100, exclude=[own] if own else ())]
            rows.append((ndcg(ranked, relevant), recall(ranked, relevant)))
        out[name] = _mean(rows)
    return out


def run_sklearn(docs, tasks) -> dict[str, dict[str, float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(docs)
    position = {d: i for i, d in enumerate(ids)}
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    matrix = vectorizer.fit_transform([f"{d['name']}\n{d['description']}" for d in docs.values()])
    out = {}
    for name, task in tasks.items():
        rows = []
        for text, relevant, own in task:
            scores = (matrix @ vectorizer.transform([text]).T).toarray().ravel()
            if own:
                scores[position[own]] = -1
            ranked = [ids[i] for i in np.argsort(-scores, kind="stable")[:100] if scores[i] > 0]
            rows.append((ndcg(ranked, relevant), recall(ranked, relevant)))
        out[name] = _mean(rows)
    return out


def run_tantivy(docs, tasks) -> dict[str, dict[str, float]]:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    builder.add_integer_field("doc", stored=True, indexed=False)
    index = tantivy.Index(builder.build())
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    ids = list(docs)
    for i, d in enumerate(docs.values()):
        writer.add_document(tantivy.Document(body=f"{d['name']}\n{d['description']}", doc=i))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    out = {}
    for name, task in tasks.items():
        rows = []
        for text, relevant, own in task:
            words = " ".join(dict.fromkeys(re.findall(r"[a-z0-9]+", text.lower())))
            hits = searcher.search(index.parse_query(words, ["body"]), 101).hits if words else []
            ranked = [ids[searcher.doc(a)["doc"][0]] for _, a in hits]
            ranked = [d for d in ranked if d != own][:100]
            rows.append((ndcg(ranked, relevant), recall(ranked, relevant)))
        out[name] = _mean(rows)
    return out


def _passages(text: str, words: int = PASSAGE_WORDS) -> list[str]:
    tokens = text.split()
    parts = max(1, round(len(tokens) / words))
    size = max(1, -(-len(tokens) // parts))
    return [" ".join(tokens[i : i + size]) for i in range(0, len(tokens), size)]


def run_passages(docs, tasks) -> dict[str, dict[str, dict[str, float]]]:
    """Whole-text lexical ranking against best-passage blends, interest side and document side."""
    from matcher.engine.scoring import scores

    ids = list(docs)
    position = {d: i for i, d in enumerate(ids)}
    whole = TfidfMatcher(**OFF, max_per_group=0).fit(ids, list(docs.values()))
    owner, pieces = [], []
    for i, d in enumerate(docs.values()):
        for part in _passages(d["description"]) or [""]:
            owner.append(i)
            pieces.append({"name": d["name"], "description": part})
    split = TfidfMatcher(**OFF, max_per_group=0).fit(list(range(len(pieces))), pieces)
    owners = np.array(owner)

    def lexical(matcher, text):
        return scores(matcher.postings_, matcher.vectoriser_.vectorise(text)).astype(np.float64)

    out: dict[str, dict[str, dict[str, float]]] = {row: {} for row in PASSAGE_ROWS}
    for name, task in tasks.items():
        rows: dict[str, list] = {row: [] for row in PASSAGE_ROWS}
        for text, relevant, own in task:
            base = lexical(whole, text)
            parts = _passages(text)
            best_part = np.max([lexical(whole, p) for p in parts], axis=0)
            best_doc = np.zeros(len(ids))
            np.maximum.at(best_doc, owners, lexical(split, text))
            blends = (base, base + PASSAGE_BLEND * best_part, base + PASSAGE_BLEND * best_doc)
            for row, blended in zip(PASSAGE_ROWS, blends, strict=True):
                if own:
                    blended[position[own]] = -1
                top = [ids[i] for i in np.argsort(-blended, kind="stable")[:100] if blended[i] > 0]
                rows[row].append((ndcg(top, relevant), recall(top, relevant)))
        for row in PASSAGE_ROWS:
            out[row][name] = _mean(rows[row])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="comma-separated configuration names")
    parser.add_argument("--collections", help="comma-separated collection names")
    parser.add_argument("--no-labelled", action="store_true", help="skip the labelled set")
    args = parser.parse_args()
    every = ["sklearn-tfidf", "tantivy-bm25", *CONFIGS, "passages"]
    names = args.only.split(",") if args.only else every
    present = public_sets.available()
    chosen = args.collections.split(",") if args.collections else present
    for collection in chosen:
        if collection not in present:
            print(f"{collection}: files not in bench/out/{collection}/, skipped")
            continue
        docs, tasks = public_sets.load(collection)
        sizes = ", ".join(f"{t} {len(v)} queries" for t, v in tasks.items())
        print(f"\n{collection}: {len(docs)} documents; {sizes}")
        print(
            f"{'configuration':<16}"
            + "".join(f"{t + ' ' + m:>22}" for t in tasks for m in ("nDCG@10", "R@100"))
            + f"{'s':>7}"
        )
        for name in names:
            start = time.perf_counter()
            if name == "passages":
                for row, figures in run_passages(docs, tasks).items():
                    _print_row(row, figures, tasks, start)
                continue
            if name == "sklearn-tfidf":
                figures = run_sklearn(docs, tasks)
            elif name == "tantivy-bm25":
                figures = run_tantivy(docs, tasks)
            else:
                figures = run_matcher(CONFIGS[name], docs, tasks)
            _print_row(name, figures, tasks, start)
    if args.no_labelled:
        return
    print(f"\nlabelled set{'nDCG@10':>16}{'MRR':>8}{'filler':>8}{'buried':>8}")
    for name in names:
        if name in CONFIGS:
            r = quality.evaluate(CONFIGS[name])["all"]
            print(
                f"{name:<16}{r['ndcg@10']:>12.4f}{r['mrr']:>8.3f}{r['filler']:>8.3f}{r['buried']:>8.3f}",
                flush=True,
            )


def _print_row(name: str, figures: dict, tasks: dict, start: float) -> None:
    cells = "".join(f"{figures[t][m]:>22.3f}" for t in tasks for m in ("ndcg@10", "R@100"))
    print(f"{name:<16}{cells}{time.perf_counter() - start:>7.0f}", flush=True)


if __name__ == "__main__":
    main()
