"""Service: why a partner matched a delegation, said in a reader's language.

The engine stores its explanation (shared sectors, shared words, where they were found) in the
match; this puts it into words for a page or a file, with the glossary's term in that language.
"""

from ..exports.labels import why_in_language
from ..models import Match
from ..reference import terms


def why_text(match: Match, language: str = "en") -> str:
    """Why the organisation matched, in ``language``."""
    labels = {sector.slug: sector.label(language) for sector in match.organisation.sectors}
    chosen = match.added_by_coordinator and not match.explanation.get("reason")
    words = [terms.in_language(t, language)[0] for t in match.explanation.get("terms", [])]
    explanation = {**match.explanation, "terms": words}
    return why_in_language(explanation, labels, language, chosen=chosen)
