"""Ranking levers on a public relevance collection and on the project's labelled set.

The public collection is Cranfield (1,400 aeronautics abstracts, 225 queries with graded
judgements), read from bench/out/cranfield/ (cran.all.1400, cran.qry, cranqrel). It is
distributed for research by the University of Glasgow's IR group (ir.dcs.gla.ac.uk,
"test collections"), with no licence stated; it is therefore not part of the repository:
put the three files there yourself. Two tasks are derived from it by this script:

* pitch: each one-line query against the abstracts (title and text as fields);
* profile: for each query with at least four relevant abstracts, each relevant abstract in
  turn is the query (a long profile) and the query's other relevant abstracts are the
  documents it should find (the profile itself is excluded from the ranking).

Every configuration is the same TfidfMatcher with one lever changed; `sklearn-tfidf` is a
plain TfidfVectorizer cosine baseline (the textbook), `bm25-unigram` plain BM25.

    .venv/bin/python bench/relevance.py
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import quality  # noqa: E402  (bench/ is on the path above)

from matcher.engine import TfidfMatcher  # noqa: E402

CRANFIELD = ROOT / "bench" / "out" / "cranfield"
CONFIGS: dict[str, dict] = {
    "bm25-unigram": {"bigram_weight": 0.0},
    "tfidf": {"weighting": "tfidf"},
    "engine (bm25 + bigrams)": {},
    "+ feedback": {"feedback_docs": 5},
    "+ latent": {"latent_components": 100},
    "+ feedback + latent": {"feedback_docs": 5, "latent_components": 100},
}


def _records(text: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    field = None
    for line in text.splitlines():
        if line.startswith(".I"):
            out.append({"id": line.split()[1]})
            field = None
        elif re.fullmatch(r"\.[A-Z]", line.strip()):
            field = line.strip()[1]
            out[-1][field] = ""
        elif field:
            out[-1][field] += line + "\n"
    return out


def load_cranfield(folder: Path = CRANFIELD):
    """Abstracts {id: fields}, queries [text] and graded judgements {query: {doc: gain}}."""
    docs = {
        r["id"]: {"name": r.get("T", ""), "description": r.get("W", "")}
        for r in _records((folder / "cran.all.1400").read_text(encoding="latin-1"))
    }
    queries = [r.get("W", "") for r in _records((folder / "cran.qry").read_text("latin-1"))]
    judged: dict[int, dict[str, int]] = defaultdict(dict)
    for line in (folder / "cranqrel").read_text(encoding="latin-1").split("\n"):
        parts = line.split()
        if len(parts) == 3 and 1 <= int(parts[2]) <= 4:  # 1 most relevant .. 4 of some use
            judged[int(parts[0]) - 1][parts[1]] = 5 - int(parts[2])
    return docs, queries, judged


def ndcg(ranked: list, relevant: dict, k: int = 10) -> float:
    dcg = sum((2 ** relevant.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranked[:k]))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def recall(ranked: list, relevant: dict, k: int = 100) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0


def tasks(docs, queries, judged):
    pitch = [(queries[q], rel, None) for q, rel in sorted(judged.items()) if q < len(queries)]
    profile = []
    for _, rel in sorted(judged.items()):
        if len(rel) >= 4:
            for doc in sorted(rel):
                text = f"{docs[doc]['name']}\n{docs[doc]['description']}"
                profile.append((text, {d: g for d, g in rel.items() if d != doc}, doc))
    return {"pitch": pitch, "profile": profile}


def run_matcher(params: dict, docs, task) -> dict[str, float]:
    matcher = TfidfMatcher(**params, max_per_group=0).fit(list(docs), list(docs.values()))
    rows = []
    for text, relevant, own in task:
        ranked = [c.id for c in matcher.query(text, k=100, exclude=[own] if own else ())]
        rows.append((ndcg(ranked, relevant), recall(ranked, relevant)))
    return {
        "ndcg@10": float(np.mean([r[0] for r in rows])),
        "R@100": float(np.mean([r[1] for r in rows])),
    }


def run_sklearn(docs, task) -> dict[str, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    ids = list(docs)
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    matrix = vectorizer.fit_transform([f"{d['name']}\n{d['description']}" for d in docs.values()])
    rows = []
    for text, relevant, own in task:
        scores = (matrix @ vectorizer.transform([text]).T).toarray().ravel()
        if own:
            scores[ids.index(own)] = -1
        ranked = [ids[i] for i in np.argsort(-scores, kind="stable")[:100]]
        rows.append((ndcg(ranked, relevant), recall(ranked, relevant)))
    return {
        "ndcg@10": float(np.mean([r[0] for r in rows])),
        "R@100": float(np.mean([r[1] for r in rows])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", help="comma-separated configuration names")
    args = parser.parse_args()
    docs, queries, judged = load_cranfield()
    by_task = tasks(docs, queries, judged)
    print(f"Cranfield: {len(docs)} abstracts; pitch {len(by_task['pitch'])} queries, "
          f"profile {len(by_task['profile'])} queries")  # fmt: skip
    header = f"{'configuration':<26}" + "".join(
        f"{t + ' ' + m:>18}" for t in by_task for m in ("nDCG@10", "R@100")
    )
    print(header + f"{'labelled nDCG@10':>18}{'labelled MRR':>14}")
    names = args.only.split(",") if args.only else ["sklearn-tfidf", *CONFIGS]
    for name in names:
        if name == "sklearn-tfidf":
            figures = {t: run_sklearn(docs, task) for t, task in by_task.items()}
            labelled = None
        else:
            figures = {t: run_matcher(CONFIGS[name], docs, task) for t, task in by_task.items()}
            labelled = quality.evaluate(CONFIGS[name])["all"]
        line = f"{name:<26}" + "".join(
            f"{figures[t][m]:>18.3f}" for t in by_task for m in ("ndcg@10", "R@100")
        )
        if labelled:
            line += f"{labelled['ndcg@10']:>18.3f}{labelled['mrr']:>14.3f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
