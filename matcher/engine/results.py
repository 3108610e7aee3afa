"""What a query returns: ranked candidates, each with its evidence in plain words."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """One recommended organisation and why it was recommended."""

    id: str
    score: float
    band: str  # "strong", "good" or "possible", relative to the best candidate of the query
    terms: tuple[str, ...]  # strongest shared words or phrases, readable
    sectors: tuple[str, ...]  # sector slugs shared with the interest
    fields: tuple[str, ...]  # profile fields the evidence came from, strongest first
    reason: str  # one English sentence for the delegate or coordinator


class QueryResult(list[Candidate]):
    """Candidates best first; `reason` says why the list is empty or was cut short.

    A plain list for every caller that only ranks; the app shows `reason` when it is set.
    `truncated` is true when the interest text was longer than the cap and was cut.
    """

    def __init__(
        self,
        candidates: list[Candidate] | None = None,
        *,
        reason: str | None = None,
        truncated: bool = False,
    ) -> None:
        super().__init__(candidates or [])
        self.reason = reason
        self.truncated = truncated

    def __repr__(self) -> str:
        return f"QueryResult({list.__repr__(self)}, reason={self.reason!r})"


class EmptyReason:
    """The reasons a result can be empty, worded for the person who typed the interest."""

    EMPTY_TEXT = "The interest is empty: describe what the delegation is looking for."
    NO_WORDS = (
        "The interest has no searchable words (only common words, symbols or emoji); "
        "name sectors, products or services."
    )
    NO_MATCH = "No organisation in the directory shares a term or sector with this interest."
    FILTERED = "No organisation matches the chosen filters."
    NOT_SPECIFIC = "Nothing specific enough to match; say what you offer or seek."
