"""Six languages on the delegate side: complete catalogues, choice, memory, direction."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from matcher.i18n import LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent.parent / "matcher" / "translations"
TRANSLATED = sorted(set(LANGUAGES) - {"en"})


def template_messages() -> set[str]:
    with (TRANSLATIONS / "messages.pot").open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated(language):
    po_path = TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if all(strings) and not message.fuzzy:
            translated[key] = strings
    missing = sorted(template_messages() - set(translated))
    assert not missing, f"{language}: {len(missing)} untranslated, e.g. {missing[:3]}"
    assert po_path.with_suffix(".mo").exists(), "catalogues are compiled on install"


def test_the_catalogue_template_covers_the_code():
    """Extraction is current: every marked message of the code is in messages.pot."""
    from babel.messages.extract import extract_from_dir

    root = TRANSLATIONS.parent.parent
    method_map = [("matcher/**.py", "python"), ("templates/**.html", "jinja2")]
    found = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(
            root,
            method_map,
            keywords={
                "_": None,
                "_l": None,
                "gettext": None,
                "lazy_gettext": None,
                "ngettext": (1, 2),
            },
        )
        if message
    }
    assert found <= template_messages(), sorted(found - template_messages())[:5]


@pytest.mark.parametrize(
    ("header", "language", "direction"),
    [("fr-FR,fr;q=0.9", "fr", "ltr"), ("ar-EG,ar;q=0.9", "ar", "rtl"), ("de-DE", "en", "ltr")],
)
def test_language_follows_the_browser(app, client, header, language, direction):
    page = client.get("/interest", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{language}" dir="{direction}">' in page


def test_switching_language_is_remembered(app, client):
    page = client.get("/?lang=ru").get_data(as_text=True)
    assert '<html lang="ru" dir="ltr">' in page
    later = client.get("/organisations", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="ru"' in later
    # The switch to another language stays on the same page.
    assert '<a href="/organisations?lang=zh" lang="zh" hreflang="zh">' in later


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_every_delegate_page_is_translated(sample_directory, client, language):
    form = client.get(f"/interest?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}"' in form
    if language != "en":
        assert "Name of the delegation" not in form
        assert "Send and see the recommendations" not in form
        assert "Egypt" not in form  # country names follow the page's language
