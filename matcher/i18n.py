"""Languages of the service: choosing one per request, and names that follow it."""

from urllib.parse import urlencode

from babel import Locale
from flask import Flask, request, session
from flask_babel import Babel, get_locale

# The languages the whole delegate side is translated into, with their writing direction.
LANGUAGES = {
    "en": ("English", "ltr"),
    "zh": ("中文", "ltr"),
    "fr": ("Français", "ltr"),
    "es": ("Español", "ltr"),
    "ar": ("العربية", "rtl"),
    "ru": ("Русский", "ltr"),
}
# Languages a delegation may say it speaks: the six above and others common among visitors.
SPOKEN_LANGUAGES = (
    "en", "zh", "fr", "es", "ar", "ru", "pt", "sw", "fa", "tr", "ur", "hi", "bn", "id", "ms",
    "th", "vi", "km", "lo", "my", "mn", "kk", "uz", "am", "ha", "yo", "so", "de", "it", "el",
)  # fmt: skip
# Territory codes that are not countries a delegation comes from.
NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

babel = Babel()


def select_locale() -> str:
    """The language asked for in this request, else the one remembered, else the browser's."""
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    remembered = session.get("lang")
    if remembered in LANGUAGES:
        return remembered
    return request.accept_languages.best_match(list(LANGUAGES)) or "en"


def remember_language() -> None:
    """A ``?lang=`` link switches the language for the rest of the visit."""
    asked = request.args.get("lang")
    if asked in LANGUAGES and session.get("lang") != asked:
        session["lang"] = asked


def current_language() -> str:
    return str(get_locale() or "en")


def direction(language: str | None = None) -> str:
    return LANGUAGES.get(language or current_language(), ("", "ltr"))[1]


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """(ISO code, name in the page's language) for every country, sorted by name."""
    territories = Locale.parse(language or current_language()).territories
    countries = [
        (code, name)
        for code, name in territories.items()
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    ]
    return sorted(countries, key=lambda item: item[1].casefold())


def country_name(code: str, language: str | None = None) -> str:
    return Locale.parse(language or current_language()).territories.get(code, code)


def language_name(code: str, language: str | None = None) -> str:
    names = Locale.parse(language or current_language()).languages
    return names.get(code, code)


def switch_language_url(language: str) -> str:
    """This page again, in another language."""
    return f"{request.path}?{urlencode({**request.args.to_dict(), 'lang': language})}"


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(remember_language)
    helpers = (current_language, direction, switch_language_url, country_name, language_name)
    app.jinja_env.globals.update({f.__name__: f for f in helpers}, LANGUAGES=LANGUAGES)
