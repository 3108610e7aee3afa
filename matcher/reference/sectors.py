"""data/sectors.json: the sector taxonomy, labelled in every interface language."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import DATA, LANGUAGES, ReferenceDataError, read_json


@dataclass(frozen=True)
class Sector:
    """One sector of the taxonomy: its slug and its label in each language."""

    slug: str
    labels: dict[str, str]

    def label(self, language: str = "en") -> str:
        """The sector's label in a language, falling back to English."""
        return self.labels.get(language) or self.labels["en"]


def parse(path: Path) -> list[Sector]:
    """Read and check the sector taxonomy: unique slugs, a label in every language."""
    sectors: list[Sector] = []
    seen: set[str] = set()
    for index, record in enumerate(read_json(path).get("sectors", []), start=1):
        slug = record.get("slug") if isinstance(record, dict) else None
        where = f"{path.name}: sector {index} ({slug or 'no slug'})"
        if not slug or not isinstance(slug, str):
            raise ReferenceDataError(f"{where}: slug: missing")
        if slug in seen:
            raise ReferenceDataError(f"{where}: slug: duplicate")
        labels = record.get("labels") or {}
        missing = [lang for lang in LANGUAGES if not str(labels.get(lang, "")).strip()]
        if missing:
            raise ReferenceDataError(f"{where}: labels: missing {', '.join(missing)}")
        seen.add(slug)
        sectors.append(Sector(slug=slug, labels={k: labels[k] for k in LANGUAGES}))
    if not sectors:
        raise ReferenceDataError(f"{path.name}: no sectors")
    return sectors


@cache
def load(data: Path = DATA) -> tuple[Sector, ...]:
    """The shipped sectors, read once per process."""
    return tuple(parse(data / "sectors.json"))


def slugs(data: Path = DATA) -> list[str]:
    """Every sector slug, in the file's order."""
    return [sector.slug for sector in load(data)]
