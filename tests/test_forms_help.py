"""Forms that help: a language switch keeps what was typed, any language tag is understood,
countries and languages come from the locale data in the reader's order, each error once."""

import re
from datetime import date, timedelta

import pytest
from sqlmodel import func, select

from matcher.i18n import country_choices, supported_language
from matcher.models import Delegation

from .conftest import CSRF_FIELD
from .test_intake import valid_form


def delegations(session) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(Delegation)).one()


def test_switching_language_keeps_what_was_typed(sample_directory, client, session):
    page = client.get("/interest").get_data(as_text=True)
    # The language buttons belong to the form: they send it, and nothing is saved.
    assert 'form="interest-form" name="switch_language" value="fr"' in page
    typed = {
        **valid_form(delegation_name="Société égyptienne", languages=["hu", "en"]),
        "csrf_token": CSRF_FIELD.search(page).group(1),
        "switch_language": "fr",
    }
    answer = client.post("/interest", data=typed)
    # Post/Redirect/Get: the browser's history holds a page it can load again.
    assert answer.status_code == 303 and "lang=fr" in answer.headers["Location"]
    switched = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert '<html lang="fr"' in switched
    assert 'value="Société égyptienne"' in switched
    assert "Egyptian cotton, dates and spices" in switched
    assert re.search(r'<option value="hu" selected>hongrois</option>', switched)
    assert 'class="error"' not in switched
    assert delegations(session) == 0
    # The next page keeps the new language; another browser cannot open the draft.
    assert '<html lang="fr"' in client.get("/organisations").get_data(as_text=True)
    stranger = client.application.test_client().get(answer.headers["Location"])
    assert "Société égyptienne" not in stranger.get_data(as_text=True)


@pytest.mark.parametrize(
    ("asked", "language"),
    [("zh-CN", "zh"), ("AR", "ar"), ("fr_CA", "fr"), ("Ru-ru", "ru"), ("de", None), ("", None)],
)
def test_any_case_and_region_is_understood(asked, language):
    assert supported_language(asked) == language


def test_lang_parameter_in_any_case(sample_directory, client):
    assert '<html lang="zh"' in client.get("/?lang=zh-CN").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in client.get("/?lang=AR").get_data(as_text=True)


def test_countries_sort_as_the_reader_expects():
    french = [name for _, name in country_choices("fr")]
    assert french.index("Danemark") < french.index("Égypte") < french.index("Espagne")
    assert french[-1] == "Zimbabwe"
    spanish = [name for _, name in country_choices("es")]
    assert spanish.index("Perú") < spanish.index("Polonia")


def test_any_iso_language_can_be_spoken_and_the_order_is_kept(sample_directory, client, session):
    page = client.get("/interest?lang=ru").get_data(as_text=True)
    assert '<option value="hu">венгерский</option>' in page
    assert page.count('name="languages"') == 4
    form = {
        **valid_form(languages=["hu", "", "ar", "hu"]),
        "csrf_token": CSRF_FIELD.search(page).group(1),
    }
    assert client.post("/interest", data=form).status_code == 303
    delegation = session.exec(select(Delegation)).one()
    assert delegation.languages == ["hu", "ar"]


def test_a_group_of_zero_is_told_once(sample_directory, client):
    page = client.get("/interest").get_data(as_text=True)
    answer = client.post(
        "/interest",
        data={**valid_form(group_size="0"), "csrf_token": CSRF_FIELD.search(page).group(1)},
    ).get_data(as_text=True)
    error = re.search(r'<p class="error" id="group_size-error">([^<]*)</p>', answer).group(1)
    assert error == "Number must be between 1 and 500."
    assert answer.count("between 1 and 500") == 2  # next to the field and in the summary


def test_an_arrival_more_than_two_years_ahead_is_refused(sample_directory, client, session):
    arrival = date.today() + timedelta(days=2 * 366)
    page = client.get("/interest").get_data(as_text=True)
    assert f'max="{date.today().replace(year=date.today().year + 2).isoformat()}"' in page
    answer = client.post(
        "/interest",
        data={
            **valid_form(
                arrival=arrival.isoformat(), departure=(arrival + timedelta(days=2)).isoformat()
            ),
            "csrf_token": CSRF_FIELD.search(page).group(1),
        },
    ).get_data(as_text=True)
    assert "The arrival date is more than two years ahead." in answer
    assert delegations(session) == 0


def test_visible_limits_are_the_servers(sample_directory, client):
    page = client.get("/interest").get_data(as_text=True)
    # Long texts: the limit is said and counted; the script sets maxlength, the server refuses.
    assert not re.search(r'<textarea[^>]*id="offers"[^>]*maxlength', page)
    assert '<p class="counter" id="offers-counter" data-limit="4000"' in page
    assert "0 / 4,000" in page
    assert "At most 4,000 characters." in page
    assert re.search(r'<input[^>]*id="delegation_name"[^>]*maxlength="200"', page)
    assert re.search(r'<input[^>]*id="contact_phone"[^>]*maxlength="40"', page)
    french = client.get("/interest?lang=fr").get_data(as_text=True)
    assert "4\u202f000 caractères au plus." in french


def test_phone_numbers_and_names_are_isolated_in_arabic(sample_directory, client):
    page = client.get("/interest?lang=ar").get_data(as_text=True)
    token = CSRF_FIELD.search(page).group(1)
    form = valid_form(
        delegation_name="Example Live Streaming Base", contact_phone="+20 100 123 4567"
    )
    location = client.post("/interest", data={**form, "csrf_token": token}).headers["Location"]
    private = client.get(location).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl">' in private
    assert "<h1><bdi>Example Live Streaming Base</bdi></h1>" in private
    assert '<bdi dir="ltr" class="ltr">+20 100 123 4567</bdi>' in private
    assert '<bdi dir="ltr" class="ltr">amina@chamber.example</bdi>' in private


def test_chinese_names_sort_by_pinyin():
    chinese = [name for _, name in country_choices("zh")]
    # 阿富汗 (Āfùhàn) comes before 埃及 (Āijí), and both long before 中国 (Zhōngguó).
    assert chinese.index("阿富汗") < chinese.index("埃及") < chinese.index("中国")


def test_a_text_over_the_limit_is_refused_beside_the_field_as_typed(shipped, client, session):
    page = client.get("/interest").get_data(as_text=True)
    pasted = "Joint ventures in photovoltaic modules. " * 1250  # 50,000 characters
    form = {**valid_form(seeks=pasted), "csrf_token": CSRF_FIELD.search(page).group(1)}
    answer = client.post("/interest", data=form)
    assert answer.status_code == 200
    text = answer.get_data(as_text=True)
    assert re.search(r'id="seeks-error">[^<]*4000', text)
    assert pasted in text and "50,000 / 4,000" in text
    assert delegations(session) == 0
