"""The delegate's page says why the list is empty, and what each partner does, in its language."""

import pytest
from flask_babel import force_locale, gettext
from markupsafe import escape

from matcher.engine import EmptyReason

CASES = [
    ("en", "business", EmptyReason.NOT_SPECIFIC),
    ("fr", "le la les de des", EmptyReason.NO_WORDS),
    ("es", "el la los de", EmptyReason.NO_WORDS),
    ("ru", "и в на с для", EmptyReason.NO_WORDS),
    ("ar", "في من على", EmptyReason.NO_WORDS),
    ("zh", "🙂🚀", EmptyReason.NO_WORDS),
]


@pytest.mark.parametrize(("language", "seeks", "reason"), CASES, ids=[c[0] for c in CASES])
def test_an_empty_list_gives_the_engines_reason_in_the_pages_language(
    shipped, client, make_delegation, language, seeks, reason
):
    delegation_id = make_delegation(seeks=seeks, sectors=())
    page = client.get(f"/d/{make_delegation.tokens[delegation_id]}?lang={language}")
    assert page.status_code == 200
    with shipped.app_context(), force_locale(language):
        worded = gettext(reason)
        generic = gettext("No organisation in the directory matches your interest yet.")
    if language != "en":
        assert worded != reason  # translated, not the engine's English
    html = page.get_data(as_text=True)
    assert str(escape(worded)) in html
    assert 'class="empty engine-reason"' in html and generic not in html


def test_what_a_partner_does_reads_in_the_pages_language(shipped, client, make_delegation):
    delegation_id = make_delegation(seeks="光伏 新能源 组件", sectors=())
    token = make_delegation.tokens[delegation_id]
    russian = client.get(f"/d/{token}?lang=ru").get_data(as_text=True)
    english = client.get(f"/d/{token}?lang=en").get_data(as_text=True)
    with shipped.app_context(), force_locale("ru"):
        does = gettext("What it does:")
    assert f'{does} <bdi lang="ru">' in russian
    assert 'What it does: <bdi lang="en">' in english
    assert "华晟新能源" in russian  # the Chinese name on file, on every page
