"""Service: why a partner matched a delegation, said in a reader's language.

The engine stores its explanation (shared sectors, shared words, where they were found) in the
match; this puts it into words for a page or a file, with the taxonomy's sector labels and the
glossary's term in that language.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from ..exports.labels import why_in_language
from ..models import Match
from ..reference import sectors, terms


@dataclass(frozen=True)
class SharedGround:
    """What a match's explanation says the two sides share, worded for one reader."""

    sectors: tuple[str, ...]  # the sectors' labels
    terms: tuple[str, ...]  # the shared words as the glossary words them
    fields: tuple[str, ...]  # the profile fields the words were found in ("offers", ...)


def sector_labels(language: str) -> dict[str, str]:
    """Every sector of the taxonomy by its slug, labelled in ``language``."""
    return {sector.slug: sector.label(language) for sector in sectors.load()}


def shared_ground(match: Match, language: str, labels: Mapping[str, str]) -> SharedGround:
    """The match's explanation in ``language``; ``labels`` names the sectors (slug → label)."""
    why = match.explanation or {}
    return SharedGround(
        sectors=tuple(labels.get(slug, slug) for slug in why.get("sectors", [])),
        terms=tuple(terms.in_language(t, language)[0] for t in why.get("terms", [])),
        fields=tuple(why.get("fields", [])),
    )


def why_text(match: Match, language: str = "en") -> str:
    """Why the organisation matched, in ``language``."""
    labels = {sector.slug: sector.label(language) for sector in match.organisation.sectors}
    ground = shared_ground(match, language, labels)
    reason = (match.explanation or {}).get("reason", "")
    chosen = match.added_by_coordinator and not reason
    return why_in_language(ground.sectors, ground.terms, reason, language, chosen=chosen)
