"""Helpers every template may call."""

from datetime import date

from flask import Flask
from flask_babel import format_date

from . import i18n, labels
from .forms.review import OUTCOME_LABELS, STATUS_LABELS
from .reference import cities, sectors, terms


def kind_label(kind: object) -> str:
    return labels.label(labels.ORGANISATION_KINDS, kind)


def city_name(slug: str) -> str:
    city = cities.load().by_slug.get(slug)
    return city.label(i18n.current_language()) if city else str(labels.OTHER_CITY)


def sector_label(sector) -> str:
    return sector.label(i18n.current_language())


def iso_date(text: str):
    return date.fromisoformat(text)


def format_date_long(value) -> str:
    return format_date(value, "long")


def sector_label_for(slug: str) -> str:
    language = i18n.current_language()
    for sector in sectors.load():
        if sector.slug == slug:
            return sector.labels.get(language) or sector.labels["en"]
    return slug


def term_in_language(term: str) -> tuple[str, str]:
    """A matched term in the page's language where the glossary words it, with its language."""
    return terms.in_language(term, i18n.current_language())


def field_label(name: str) -> str:
    return labels.label(labels.PROFILE_FIELDS, name)


def describe_change(event) -> str:
    """Before → after of a recorded change, only the parts that moved."""
    keys = [k for k in {**event.before, **event.after} if event.before.get(k) != event.after.get(k)]
    parts = [f"{k}: {event.before.get(k, '—')} → {event.after.get(k, '—')}" for k in keys]
    return "; ".join(parts)


def country_row(row) -> tuple[str, int]:
    country, _counts, total = row
    return (i18n.country_name(country, "en"), total)


def balance_row(balance) -> tuple[str, int, int]:
    return (balance.label, balance.demand, balance.supply)


def init_app(app: Flask) -> None:
    # Filters and helpers are known to templates by their own names.
    filters = (field_label, format_date_long, iso_date, country_row, balance_row)
    helpers = (
        kind_label,
        city_name,
        sector_label,
        sector_label_for,
        term_in_language,
        describe_change,
    )
    app.jinja_env.filters.update({f.__name__: f for f in filters})
    app.jinja_env.globals.update({f.__name__: f for f in helpers})
    app.jinja_env.globals.update(
        {
            "labels": labels,
            "label": labels.label,
            "status_labels": STATUS_LABELS,
            "outcome_labels": OUTCOME_LABELS,
        }
    )
