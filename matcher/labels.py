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

STATUS_LABELS = {
    "new": _l("New"),
    "in_review": _l("In review"),
    "itinerary_drafted": _l("Itinerary drafted"),
    "confirmed": _l("Confirmed"),
    "closed": _l("Closed"),
}

OUTCOME_LABELS = {
    "meeting": _l("Meeting held"),
    "mou": _l("MoU signed"),
    "letter_of_intent": _l("Letter of intent"),
    "investment": _l("Investment"),
    "referral": _l("Referral to an enclave or alliance"),
}

YES_NO = {True: _l("Yes"), False: _l("No")}

MATCH_STATUSES = {
    "suggested": _l("Suggested"),
    "accepted": _l("Accepted"),
    "rejected": _l("Rejected"),
}

# What a line of a delegation's history records.
HISTORY_ACTIONS = {
    "accept": _l("accepted"),
    "reject": _l("rejected"),
    "pin": _l("pinned"),
    "unpin": _l("unpinned"),
    "note": _l("wrote a note on"),
    "reset": _l("undid the decision on"),
    "add": _l("added by hand"),
    "rerun": _l("ran matching again"),
    "status": _l("changed the status"),
    "outcome": _l("recorded an outcome for"),
    "delegate_edit": _l("the delegate changed the interest"),
    "publish": _l("published the itinerary"),
}

# The parts of a record a history line can show before and after.
CHANGED_FIELDS = {
    "status": _l("status"),
    "version": _l("version"),
    "pinned": _l("pinned"),
    "note": _l("note"),
    "reject_reason": _l("reason"),
    "suggested": _l("suggestions"),
    "arrival": _l("arrival"),
    "departure": _l("departure"),
    "group_size": _l("people"),
    "offers": _l("offers"),
    "seeks": _l("seeks"),
    "sectors": _l("sectors"),
    "languages": _l("languages"),
    "preferred_cities": _l("preferred cities"),
    "preferred_kinds": _l("preferred kinds"),
    "name": _l("name"),
    "country": _l("country"),
    "kind": _l("type"),
    "contact_name": _l("contact person"),
    "contact_email": _l("e-mail"),
    "contact_phone": _l("phone"),
}

# What changed since an itinerary was published.
OUT_OF_DATE = {
    "dates": _l("the dates of the trip"),
    "partners": _l("the partners"),
}

# Fixed sentences the services and the engine explain a refusal or an empty result with; the
# views translate them on the way out (the services stay free of the request's language).
SERVICE_MESSAGES = (
    _l("Say why the match is rejected."),
    _l("%(name)s is archived."),
    _l("%(name)s is already on the list."),
    _l("A delegation cannot go from %(before)s to %(after)s."),
    _l("That suggestion no longer exists: a re-run replaced it. Nothing changed."),
    _l("Outcomes are recorded for accepted matches only."),
    _l("There is no visit to publish yet: plan the itinerary first."),
    _l("That date is outside the visit."),
    _l("That visit is not on the plan."),
    _l("The day must end after it starts."),
    _l("The lunch break must fit inside the lunch window."),
    _l("Allow at least one visit a day."),
    _l("The interest is empty: describe what the delegation is looking for."),
    _l(
        "The interest has no searchable words (only common words, symbols or emoji); "
        "name sectors, products or services."
    ),
    _l("No organisation in the directory shares a term or sector with this interest."),
    _l("No organisation matches the chosen filters."),
    _l("Nothing specific enough to match; say what you offer or seek."),
)


def label(table: dict, value: object) -> str:
    key = str(getattr(value, "value", value))
    return str(table.get(key, key))
