"""Matching engine: ranks organisations for a delegation's interest. Pure: no Flask, no database."""

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
