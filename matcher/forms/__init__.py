"""Flask-WTF forms, one module per area."""

from collections.abc import Iterable

from wtforms import SelectChoice


def choices(pairs: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    """(value, label) pairs as the options of a select or checkbox list."""
    return [SelectChoice(value, label) for value, label in pairs]
