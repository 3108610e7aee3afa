"""Public relevance collections for bench/relevance.py, read from bench/out/<name>/ when present.

None of them is part of the repository or the package; put the files there yourself:

* cranfield/ (cran.all.1400, cran.qry, cranqrel): 1,400 aeronautics abstracts, 225 one-line
  queries, graded judgements. Distributed for research by the University of Glasgow's IR group
  (ir.dcs.gla.ac.uk, "test collections"); no licence stated.
* cisi/ (CISI.ALL, CISI.QRY, CISI.REL): 1,460 information-science abstracts, 76 judged
  queries of a paragraph or more (stated research interests). Same source and terms.
* cacm/ (cacm.all, query.text, qrels.text): 3,204 Communications of the ACM titles (about
  half with an abstract), 52 judged requests of a sentence or two. Same source and terms.
* scifact/ (corpus.jsonl, queries.jsonl, qrels/test.tsv; the BEIR layout): 5,183 biomedical
  abstracts, 300 one-sentence claims (test split). Allen Institute for AI, CC BY-NC 2.0.

Each collection yields tasks of the product's two shapes, as (query, {doc: gain}, own doc):

* pitch: a short query (a one-line query, a claim) against the long documents;
* profile: a long text against the documents: a collection's paragraph-long queries (CISI),
  and "document as profile": for each query with at least four relevant documents, each of
  them that has an abstract in turn is the query and the query's other relevant documents
  are what it should find (it is excluded from its own ranking). At most PROFILE_CAP of
  those are kept, evenly spaced, so a run stays within minutes.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
PROFILE_CAP = 600
#: An abstract shorter than this many words is not a profile.
PROFILE_WORDS = 40

Task = list[tuple[str, dict[str, int], str | None]]


def records(text: str) -> list[dict[str, str]]:
    """SMART-format records (.I id, then .T/.W/... fields) as dictionaries."""
    out: list[dict[str, str]] = []
    field = None
    for line in text.splitlines():
        if line.startswith(".I "):
            out.append({"id": line.split()[1]})
            field = None
        elif re.fullmatch(r"\.[A-Z]", line.strip()):
            field = line.strip()[1] if out else None
            if field:
                out[-1][field] = ""
        elif field:
            out[-1][field] += line + "\n"
    return out


def _smart(folder: Path, docs_file: str, queries_file: str) -> tuple[dict, dict[str, str]]:
    docs = {
        r["id"]: {"name": r.get("T", "").strip(), "description": r.get("W", "").strip()}
        for r in records((folder / docs_file).read_text(encoding="latin-1"))
    }
    queries = {
        r["id"].lstrip("0"): " ".join(r.get("W", "").split())
        for r in records((folder / queries_file).read_text(encoding="latin-1"))
    }
    return docs, queries


def _binary(path: Path) -> dict[str, dict[str, int]]:
    judged: dict[str, dict[str, int]] = defaultdict(dict)
    for line in path.read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            judged[parts[0].lstrip("0")][parts[1]] = 1
    return judged


def cranfield(folder: Path) -> tuple[dict, dict[str, str], dict[str, dict[str, int]]]:
    docs, _ = _smart(folder, "cran.all.1400", "cran.qry")
    # cran.qry numbers its queries 1, 2, 4, ...; the judgements number them in order.
    raw = records((folder / "cran.qry").read_text(encoding="latin-1"))
    queries = {str(i + 1): " ".join(r.get("W", "").split()) for i, r in enumerate(raw)}
    judged: dict[str, dict[str, int]] = defaultdict(dict)
    for line in (folder / "cranqrel").read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) == 3 and 1 <= int(parts[2]) <= 4:  # 1 most relevant .. 4 of some use
            judged[parts[0]][parts[1]] = 5 - int(parts[2])
    return docs, queries, judged


def cisi(folder: Path):
    docs, queries = _smart(folder, "CISI.ALL", "CISI.QRY")
    return docs, queries, _binary(folder / "CISI.REL")


def cacm(folder: Path):
    docs, queries = _smart(folder, "cacm.all", "query.text")
    return docs, queries, _binary(folder / "qrels.text")


def scifact(folder: Path):
    docs = {}
    with open(folder / "corpus.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            docs[row["_id"]] = {"name": row["title"], "description": row["text"]}
    with open(folder / "queries.jsonl", encoding="utf-8") as fh:
        queries = {r["_id"]: r["text"] for r in map(json.loads, fh)}
    judged: dict[str, dict[str, int]] = defaultdict(dict)
    for line in (folder / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[-1].isdigit() and int(parts[-1]) > 0:
            judged[parts[0]][parts[-2]] = int(parts[-1])
    return docs, queries, judged


#: name: (loader, files it needs, shape of its own queries)
COLLECTIONS = {
    "cranfield": (cranfield, ("cran.all.1400", "cran.qry", "cranqrel"), "pitch"),
    "cacm": (cacm, ("cacm.all", "query.text", "qrels.text"), "pitch"),
    "scifact": (scifact, ("corpus.jsonl", "queries.jsonl", "qrels/test.tsv"), "pitch"),
    "cisi": (cisi, ("CISI.ALL", "CISI.QRY", "CISI.REL"), "profile"),
}


def available(out: Path = OUT) -> list[str]:
    """The collections whose files are all in bench/out/."""
    return [
        name
        for name, (_, files, _) in COLLECTIONS.items()
        if all((out / name / f).is_file() and (out / name / f).stat().st_size for f in files)
    ]


def load(name: str, out: Path = OUT) -> tuple[dict[str, dict[str, str]], dict[str, Task]]:
    """A collection's documents and its tasks: {"pitch" or "profile": [(query, gains, own)]}."""
    loader, _, shape = COLLECTIONS[name]
    docs, queries, judged = loader(out / name)
    judged = {q: {d: g for d, g in rel.items() if d in docs} for q, rel in judged.items()}
    judged = {q: rel for q, rel in judged.items() if rel and queries.get(q, "").strip()}
    own: Task = [(queries[q], rel, None) for q, rel in sorted(judged.items(), key=_number)]
    tasks = {shape: own}
    as_profile: Task = []
    for _, rel in sorted(judged.items(), key=_number):
        if len(rel) < 4:
            continue
        for doc in sorted(rel):
            fields = docs[doc]
            if len(fields["description"].split()) >= PROFILE_WORDS:
                text = f"{fields['name']}\n{fields['description']}"
                as_profile.append((text, {d: g for d, g in rel.items() if d != doc}, doc))
    step = max(1, -(-len(as_profile) // PROFILE_CAP))
    tasks["doc-profile"] = as_profile[::step]
    return docs, tasks


def _number(item: tuple[str, dict]) -> tuple[int, str]:
    key = item[0]
    return (int(key), key) if key.isdigit() else (0, key)
