"""Calendar entries and their notes read in the delegation's language, from the catalogues."""

from icalendar import Calendar

from matcher.exports.ics import plan_to_ics


def descriptions(content: bytes) -> list[str]:
    calendar = Calendar.from_ical(content)
    return [str(e.get("description")) for e in calendar.walk("VEVENT")]


def test_the_calendar_speaks_chinese(plan, make_context):
    content = plan_to_ics(plan, make_context("zh"))
    calendar = Calendar.from_ical(content)
    visits = [e for e in calendar.walk("VEVENT") if e["CATEGORIES"].cats == ["visit"]]
    assert visits and all(str(e.get("summary")).startswith("参访：") for e in visits)
    others = [str(e.get("summary")) for e in calendar.walk("VEVENT") if e not in visits]
    assert "午餐休息" in others and any(s.startswith("行程：") for s in others)
    assert str(calendar.get("x-wr-calname")).startswith("G60 访问日程：")
    notes = "\n".join(descriptions(content))
    assert "翻译: 阿拉伯语 (ar)" in notes and "Interpreter" not in notes


def test_the_calendar_speaks_arabic(plan, make_context):
    notes = "\n".join(descriptions(plan_to_ics(plan, make_context("ar"))))
    assert "مترجم: العربية (ar)" in notes
