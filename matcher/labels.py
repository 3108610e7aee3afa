"""Words shown for stored values (kinds, statuses, bands, fields), in the page's language."""

from flask_babel import lazy_gettext as _l

ORGANISATION_KINDS = {
    "park": _l("Industrial park"),
    "enclave": _l("Innovation enclave"),
    "company": _l("Company"),
    "alliance": _l("Industrial alliance"),
    "fund": _l("Fund"),
    "university": _l("University"),
    "institute": _l("Research institute"),
    "platform": _l("Platform or service centre"),
}

OTHER_CITY = _l("Other")

DELEGATION_KINDS = {
    "government": _l("Government"),
    "chamber": _l("Chamber of commerce"),
    "company": _l("Company"),
    "university": _l("University"),
    "other": _l("Other"),
}

BANDS = {
    "strong": _l("Strong match"),
    "good": _l("Good match"),
    "possible": _l("Possible match"),
}

PROFILE_FIELDS = {
    "name": _l("name"),
    "sectors": _l("sectors"),
    "offers": _l("what it offers"),
    "seeks": _l("what it seeks"),
    "description": _l("description"),
}


def label(table: dict, value: object) -> str:
    key = str(getattr(value, "value", value))
    return str(table.get(key, key))
