"""Languages of the service: choosing one per request, and names that follow it."""

from datetime import date
from functools import cache
from urllib.parse import urlencode

import icu
from babel import Locale
from babel.dates import format_skeleton
from flask import Flask, g, has_request_context, request, session
from flask_babel import Babel, get_locale, refresh
from werkzeug.exceptions import HTTPException

# The languages the whole delegate side is translated into, with their writing direction.
LANGUAGES = {
    "en": ("English", "ltr"),
    "zh": ("中文", "ltr"),
    "fr": ("Français", "ltr"),
    "es": ("Español", "ltr"),
    "ar": ("العربية", "rtl"),
    "ru": ("Русский", "ltr"),
}
# Languages a delegation may say it speaks: every ISO 639-1 language the locale data names.
SPOKEN_LANGUAGES = tuple(
    sorted(code for code in Locale("en").languages if len(code) == 2 and code.isalpha())
)
# Territory codes that are not countries a delegation comes from.
NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

babel = Babel()


def supported_language(asked: object) -> str | None:
    """One of the six languages for a tag in any case or region ("zh-CN", "AR", "fr_ca")."""
    if not isinstance(asked, str) or not asked.strip():
        return None
    code = asked.strip().replace("_", "-").split("-")[0].casefold()
    return code if code in LANGUAGES else None


def switched_language() -> str | None:
    """The language a form's language button asks for (the form is shown again, as typed)."""
    if request.method != "POST":
        return None
    try:
        return supported_language(request.form.get("switch_language"))
    except HTTPException:  # a refused body (too large, malformed) switches nothing
        return None


def asked_language() -> str | None:
    """The language this request asks for with ``?lang=`` or a form's language button."""
    return switched_language() or supported_language(request.args.get("lang"))


def account_language() -> str | None:
    """The language a signed-in coordinator chose, kept on the account."""
    from flask_login import current_user

    user = current_user if has_request_context() else None
    return supported_language(getattr(user, "language", None)) if user else None


def select_locale() -> str:
    """Asked for now, else the coordinator's own, else remembered, else the browser's."""
    chosen = (
        asked_language()
        or account_language()
        or supported_language(session.get("lang"))
        or supported_language(g.get("page_language"))
    )
    return chosen or request.accept_languages.best_match(list(LANGUAGES)) or "en"


def open_in(language: str) -> None:
    """This page opens in ``language`` unless the reader asked for or chose another."""
    g.page_language = language
    refresh()


def remember_language() -> None:
    """A switch of language holds for the rest of the visit (a coordinator's account keeps it
    too: see ``views.auth.keep_account_language``)."""
    asked = asked_language()
    if asked and session.get("lang") != asked:
        session["lang"] = asked


def current_language() -> str:
    return str(get_locale() or "en")


def direction(language: str | None = None) -> str:
    return LANGUAGES.get(language or current_language(), ("", "ltr"))[1]


@cache
def _collator(language: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(language))


def sort_key(language: str):
    """Sorting names as readers of the language expect: "Égypte" among the E's in French,
    Chinese names by their pinyin (ICU's collation for the locale, its CLDR tailoring)."""
    return _collator(language).getSortKey


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name in the page's language) for every country, sorted by name."""
    territories = Locale.parse(language or current_language()).territories
    countries = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    ]
    order = sort_key(language or current_language())
    return sorted(countries, key=lambda item: order(item[1]))


def spoken_language_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO 639-1 code, name in the page's language) for every language, sorted by name."""
    language = language or current_language()
    order = sort_key(language)
    named = [(code, language_name(code, language)) for code in SPOKEN_LANGUAGES]
    return sorted(named, key=lambda item: order(item[1]))


def country_name(code: str, language: str | None = None) -> str:
    return Locale.parse(language or current_language()).territories.get(code, code)


def language_name(code: str, language: str | None = None) -> str:
    names = Locale.parse(language or current_language()).languages
    return names.get(code, code)


def short_day(day: date) -> str:
    """A day written short in the page's language, weekday included ("Mon, May 11")."""
    return format_skeleton("MMMEd", day, locale=current_language())


def switch_language_url(language: str) -> str:
    """This page again, in another language."""
    return f"{request.path}?{urlencode({**request.args.to_dict(), 'lang': language})}"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_language)
    helpers = (
        current_language,
        direction,
        switch_language_url,
        country_name,
        language_name,
        short_day,
    )
    app.jinja_env.globals.update({f.__name__: f for f in helpers}, LANGUAGES=LANGUAGES)
