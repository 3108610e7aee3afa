"""Ranking quality on the labelled delegation interests: hit@3, MRR, nDCG@10, filler and buried.

Filler rate: share of listed partners (top 10) graded 0, i.e. not in the interest's graded list.
Buried rate: share of graded-2 partners that are not in the top 10. Interests with no graded
partner (bad input, "business") count towards the filler rate only.

Builds engine input from data/organisations.json exactly as the app does (profile_fields,
profile_attributes) and queries each interest in tests/quality/interests.jsonl.

    .venv/bin/python bench/quality.py
    .venv/bin/python bench/quality.py --params '{"sector_boost": 0.3}' --verbose
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matcher.engine import (  # noqa: E402  (the path is set just above)
    TfidfMatcher,
    english_sector_labels,
    profile_attributes,
    profile_fields,
)

INTERESTS = ROOT / "tests" / "quality" / "interests.jsonl"
ORGANISATIONS = ROOT / "data" / "organisations.json"
SECTORS = ROOT / "data" / "sectors.json"


def load_interests(path: Path = INTERESTS) -> list[dict[str, Any]]:
    """The labelled set: one interest per line with its graded relevant organisations."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def fit_directory(params: dict[str, Any] | None = None) -> TfidfMatcher:
    """Fit the matcher on the shipped directory, ids are organisation names."""
    organisations = json.loads(ORGANISATIONS.read_text(encoding="utf-8"))["organisations"]
    labels = english_sector_labels(json.loads(SECTORS.read_text(encoding="utf-8")))
    return TfidfMatcher(**(params or {})).fit(
        [o["name"] for o in organisations],
        [profile_fields(o, labels) for o in organisations],
        attributes=[profile_attributes(o) for o in organisations],
        sector_labels=labels,
    )


def scores(ranked: list[str], relevant: dict[str, int]) -> dict[str, float]:
    """hit@3, reciprocal rank and nDCG@10 (graded gains 2^g - 1) of one ranking."""
    hit = float(any(r in relevant for r in ranked[:3]))
    rr = next((1.0 / (i + 1) for i, r in enumerate(ranked) if r in relevant), 0.0)
    dcg = sum((2 ** relevant.get(r, 0) - 1) / math.log2(i + 2) for i, r in enumerate(ranked[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return {"hit@3": hit, "mrr": rr, "ndcg@10": dcg / idcg if idcg else 0.0}


def list_counts(ranked: list[str], relevant: dict[str, int]) -> dict[str, int]:
    """Counts behind the filler and buried rates of one top-10 list."""
    top = ranked[:10]
    best = [name for name, grade in relevant.items() if grade >= 2]
    return {
        "listed": len(top),
        "filler": sum(r not in relevant for r in top),
        "best": len(best),
        "buried": sum(name not in top for name in best),
    }


def evaluate(
    params: dict[str, Any] | None = None, interests: list[dict[str, Any]] | None = None
) -> dict[str, dict[str, float]]:
    """Mean metrics overall, for English, for non-English and per language."""
    matcher = fit_directory(params)
    interests = interests if interests is not None else load_interests()
    groups: dict[str, list[dict[str, float]]] = defaultdict(list)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for interest in interests:
        result = matcher.query(interest["text"], k=10, sectors=interest.get("sectors", ()))
        ranked = [c.id for c in result]
        lang = interest["lang"]
        for group in {"all", lang, "en" if lang == "en" else "non-en"}:
            if interest["relevant"]:  # interests that should find nobody only count as filler
                groups[group].append(scores(ranked, interest["relevant"]))
            for name, value in list_counts(ranked, interest["relevant"]).items():
                counts[group][name] += value
            counts[group]["interests"] += 1
    return {
        group: {m: sum(r[m] for r in rows) / len(rows) for m in rows[0]}
        | {
            "filler": counts[group]["filler"] / max(counts[group]["listed"], 1),
            "buried": counts[group]["buried"] / max(counts[group]["best"], 1),
            "n": counts[group]["interests"],
        }
        for group, rows in groups.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--params", default="{}", help="matcher hyperparameters as JSON")
    parser.add_argument("--verbose", action="store_true", help="show each interest's top 5")
    args = parser.parse_args()
    params = json.loads(args.params)
    report = evaluate(params)
    order = ["all", "en", "non-en"] + sorted(set(report) - {"all", "en", "non-en"})
    header = f"{'group':<8} {'n':>3} {'hit@3':>6} {'MRR':>6} {'nDCG@10':>8}"
    print(f"{header} {'filler':>7} {'buried':>7}")
    for group in order:
        r = report[group]
        print(
            f"{group:<8} {r['n']:>3} {r['hit@3']:6.3f} {r['mrr']:6.3f} {r['ndcg@10']:8.3f}"
            f" {r['filler']:7.3f} {r['buried']:7.3f}"
        )
    if args.verbose:
        matcher = fit_directory(params)
        for interest in load_interests():
            result = matcher.query(interest["text"], k=5, sectors=interest.get("sectors", ()))
            s = scores([c.id for c in result], interest["relevant"])
            print(f"\n[{interest['id']}] rr={s['mrr']:.2f} {interest['text'][:90]}")
            for c in result:
                mark = "*" if c.id in interest["relevant"] else " "
                print(f"  {mark} {c.band:<8} {c.id[:45]:<45} {c.reason[:90]}")


if __name__ == "__main__":
    main()
