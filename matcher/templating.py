"""Helpers every template may call."""

from datetime import date

from babel.lists import format_list
from flask import Flask
from flask_babel import format_date, format_number, format_percent, gettext
from markupsafe import Markup

from . import i18n, labels
from .exports import labels as exports_labels
from .planning.said import render
from .reference import cities, sectors, terms


def kind_label(kind: object) -> str:
    return labels.label(labels.ORGANISATION_KINDS, kind)


def city_name(slug: str) -> str:
    city = cities.load().by_slug.get(slug)
    return city.label(i18n.current_language()) if city else str(labels.OTHER_CITY)


def sector_label(sector) -> str:
    return sector.label(i18n.current_language())


def what_it_does(organisation) -> tuple[str, str]:
    """One line on what an organisation does and the language it is in: on an English page the
    profile's own words; on others its sectors in the page's language (facts on file, never a
    machine translation), or the profile's English words when it has no sector."""
    language = i18n.current_language()
    if language != "en" and organisation.sectors:
        return as_list(sector_label(s) for s in organisation.sectors), language
    return organisation.offers or organisation.description or "", "en"


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


def _shown_value(key: str, value: object) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if key == "status":
        table = labels.MATCH_STATUSES if value in labels.MATCH_STATUSES else labels.STATUS_LABELS
        return labels.label(table, value)
    if isinstance(value, bool):
        return str(labels.YES_NO[value])
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def describe_change(event) -> str:
    """Before → after of a recorded change, only the parts that moved."""
    keys = [k for k in {**event.before, **event.after} if event.before.get(k) != event.after.get(k)]
    parts = [
        f"{labels.label(labels.CHANGED_FIELDS, k)}{colon()}"
        f"{_shown_value(k, event.before.get(k))} → {_shown_value(k, event.after.get(k))}"
        for k in keys
    ]
    return punctuation()[1].join(parts)


def history_action(action: str) -> str:
    return labels.label(labels.HISTORY_ACTIONS, action)


def country_row(row) -> tuple[str, int]:
    country, _counts, total = row
    return (i18n.country_name(country), total)


def balance_row(balance) -> tuple[str, int, int]:
    return (sector_label_for(balance.slug), balance.demand, balance.supply)


def as_list(items) -> str:
    """Words joined as the page's language lists them ("A, B and C", "A、B和C", "A وB")."""
    words = [str(item) for item in items]
    return format_list(words, locale=i18n.current_language()) if words else ""


def bdi(value: object) -> Markup:
    """A value isolated from the text around it, so that Latin names read right in Arabic."""
    return Markup("<bdi>{}</bdi>").format(value)


def ltr(value: object) -> Markup:
    """A value always read left to right (dates, times, codes), isolated from the text around."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(value)


def row_reason(error) -> str:
    """Why an import row was refused, in the page's language."""
    return error.said_with(gettext)


def planner_said(text: str, said: object = None) -> str:
    """A planner's sentence in the page's language when its message id was kept, else as is."""
    if not isinstance(said, dict):
        return text
    return render(said, gettext, city_name)


def punctuation() -> tuple[str, str, str]:
    """The comma, semicolon and full stop of the page's language."""
    return exports_labels.punctuation(i18n.current_language())


def colon() -> str:
    """What follows a label before its value in the page's language."""
    return exports_labels.colon(i18n.current_language())


def web_address(value: str) -> bool:
    return value.startswith(("https://", "http://"))


def init_app(app: Flask) -> None:
    # Filters and helpers are known to templates by their own names.
    filters = (as_list, city_name, kind_label, field_label, format_date_long, iso_date)
    filters += (country_row, balance_row, row_reason, planner_said)
    helpers = (kind_label, city_name, sector_label, sector_label_for, describe_change)
    helpers += (history_action, bdi, ltr, format_percent, format_number, term_in_language)
    helpers += (what_it_does, punctuation, colon)
    app.jinja_env.tests["web_address"] = web_address
    app.jinja_env.filters.update({f.__name__: f for f in filters})
    app.jinja_env.filters.update(
        {
            "language_name": i18n.language_name,
            "out_of_date_reason": lambda reason: labels.label(labels.OUT_OF_DATE, reason),
        }
    )
    app.jinja_env.globals.update({f.__name__: f for f in helpers})
    app.jinja_env.globals.update(
        {
            "labels": labels,
            "label": labels.label,
            "status_labels": labels.STATUS_LABELS,
            "outcome_labels": labels.OUTCOME_LABELS,
        }
    )
