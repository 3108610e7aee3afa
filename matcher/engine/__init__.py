"""Matching engine: ranks organisations for a delegation's interest. Pure: no Flask, no database.

    matcher = TfidfMatcher().fit(ids, texts, attributes=attrs, sector_labels=labels)
    result = matcher.query("cross-border e-commerce", k=10, sectors=["cross-border-ecommerce"])
    for candidate in result:          # Candidate: id, score, band, terms, sectors, fields, reason
        ...
    if not result:
        show(result.reason)           # why nothing came back (empty text, filters, ...)

`texts[i]` is a string or a mapping of profile fields (see `profile_fields`, which the app and
the benchmarks use to build them from an organisation record). Bad input never raises: an
empty `QueryResult` carries a `reason`. Unknown filter values raise ValueError.

A fitted matcher is plain arrays: `store.save(matcher, folder, identity)` writes them and
`store.load(folder, identity)` maps them read-only, so processes share one copy.
"""

from .glossary import DEFAULT_GLOSSARY_PATH, Glossary, load_glossary
from .matcher import DEFAULT_FIELD_WEIGHTS, TfidfMatcher
from .normalise import QUERY_CHAR_CAP
from .profile import PROFILE_FIELDS, english_sector_labels, profile_attributes, profile_fields
from .results import Candidate, EmptyReason, QueryResult

__all__ = [
    "DEFAULT_FIELD_WEIGHTS",
    "DEFAULT_GLOSSARY_PATH",
    "PROFILE_FIELDS",
    "QUERY_CHAR_CAP",
    "Candidate",
    "EmptyReason",
    "Glossary",
    "QueryResult",
    "TfidfMatcher",
    "english_sector_labels",
    "load_glossary",
    "profile_attributes",
    "profile_fields",
]
