"""Flask-WTF forms, one module per area."""

from collections.abc import Iterable

from wtforms import SelectChoice


def values(form, *names: str) -> dict:
    """The named fields' data by name, as a service's keyword arguments (no text is None)."""
    return {name: "" if form[name].data is None else form[name].data for name in names}


def choices(pairs: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    """(value, label) pairs as the options of a select or checkbox list."""
    return [SelectChoice(value, label) for value, label in pairs]
