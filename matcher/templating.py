"""Helpers every template may call."""

from flask import Flask

from . import reference
from .forms import KIND_LABELS
from .models import OrganisationKind


def kind_label(kind: OrganisationKind | str) -> str:
    return KIND_LABELS.get(str(getattr(kind, "value", kind)), str(kind))


def city_name(slug: str) -> str:
    city = reference.cities().by_slug.get(slug)
    return city.name() if city else "Other"


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(kind_label=kind_label, city_name=city_name)
