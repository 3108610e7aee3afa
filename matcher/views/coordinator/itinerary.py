"""The itinerary page: plan, edit, publish and download a delegation's visits."""

from datetime import datetime, time

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...db import get_session
from ...forms.itinerary import MoveVisitForm, PlanForm, PublishForm, VisitActionForm, trip_dates
from ...i18n import current_language, short_day
from ...models import Delegation, Itinerary, Organisation
from ...planning import SHANGHAI, interpreter_needs
from ...services import changes, edit_preview
from ...services import itinerary as service
from ...services import itinerary_edits as edits
from ...services.match_reasons import why_text
from ...templating import planner_said
from ..common import commit_change, get_or_404, send_download
from . import bp


def _delegation_or_404(delegation_id: int) -> Delegation:
    return get_or_404(Delegation, delegation_id, "delegation")


def _back(delegation: Delegation):
    return redirect(url_for(".itinerary", delegation_id=delegation.id), 303)


@bp.get("/delegations/<int:delegation_id>/itinerary")
def itinerary(delegation_id: int, refused: PlanForm | None = None):
    """The draft plan day by day, what did not fit and why, and the route map; ``refused`` is a
    day rhythm shown again as typed, with its errors beside the fields."""
    session = get_session()
    delegation = _delegation_or_404(delegation_id)
    # Reading the page creates nothing: an itinerary exists once it is first planned.
    found = service.find_itinerary(session=session, delegation=delegation) or Itinerary(
        settings=dict(service.DEFAULT_SETTINGS)
    )
    dates = trip_dates(delegation)
    settings = {**service.DEFAULT_SETTINGS, **found.settings}
    plan_form = refused or PlanForm(
        data={
            **settings,
            **{k: time.fromisoformat(settings[k]) for k in ("day_start", "day_end")},
            **{k: time.fromisoformat(settings[k]) for k in ("lunch_start", "lunch_end")},
            **{k: time.fromisoformat(settings[k]) for k in ("arrival_time", "departure_time")},
        },
        trip_dates=dates,
    )
    draft = service.draft(found)
    removed, matches = {int(k) for k in found.removed}, delegation.matches
    return render_template(
        "coordinator/itinerary.html",
        delegation=delegation,
        itinerary=found,
        draft=draft,
        needs=interpreter_needs(draft.plan) if draft else [],
        route_map=service.itinerary_file(
            itinerary=found,
            delegation=delegation,
            stored=draft,
            file_format="svg",
            language=current_language(),
        )[0].decode("utf-8")
        if draft
        else None,
        plan_form=plan_form,
        move_form=MoveVisitForm(trip_dates=dates),
        move_days=[(d.isoformat(), short_day(d)) for d in dates],
        action_form=VisitActionForm(),
        publish_form=PublishForm(),
        removed=[session.get(Organisation, oid) for oid in sorted(removed)],
        locks={int(k) for k in found.locks},
        why={m.organisation_id: why_text(m, current_language()) for m in matches},
        out_of_date=changes.plan_out_of_date(session=session, delegation=delegation),
    )


def _edit(delegation_id: int, apply, done: str):
    """Apply one edit to the itinerary and re-plan; a refused edit changes nothing."""
    delegation = _delegation_or_404(delegation_id)
    found = service.itinerary_for(session=get_session(), delegation=delegation)
    before = dict(found.plan or {})

    def change(*, session):
        apply(session, found)
        return found

    def said(result: Itinerary) -> str:
        message = done(result) if callable(done) else done
        changed = (
            edits.changes_between(before, result.plan, not_placed=_("not placed")) if before else []
        )
        if not changed:
            return message
        return _(
            "%(message)s Changed: %(changes)s. Every other visit stays where it was.",
            message=message,
            changes="; ".join(changed),
        )

    return commit_change(
        change,
        refused=service.ItineraryError,
        done=said,
        back=lambda _result: url_for(".itinerary", delegation_id=delegation.id),
        explain=_refusal,
    )


def _refusal(error: service.ItineraryError) -> str:
    """Why an edit was refused, in the coordinator's language."""
    said = getattr(error, "said", None)
    return planner_said(str(error), said) if said else _(str(error))


def _preview(delegation_id: int, apply, what: str, form):
    """Show which visits of which delegations the edit would move, and ask to save it."""
    session = get_session()
    delegation = _delegation_or_404(delegation_id)
    found = service.itinerary_for(session=session, delegation=delegation)
    try:
        moved = edit_preview.preview_edit(
            session=session,
            itinerary=found,
            delegation=delegation,
            apply=apply,
            not_placed=_("not placed"),
        )
    except service.ItineraryError as exc:
        flash(_refusal(exc), "error")
        return _back(delegation)
    finally:
        # A preview keeps nothing, whether the edit was refused or not.
        session.rollback()
    return render_template(
        "coordinator/itinerary_confirm.html",
        delegation=delegation,
        changes=moved,
        what=what,
        action=request.path,
        fields=[
            (k, v) for k, v in request.form.items(multi=True) if k not in {"csrf_token", "confirm"}
        ],
        form=form,
    )


def _organisation_name(organisation_id: int) -> str:
    found = get_session().get(Organisation, organisation_id)
    return found.name if found else _("organisation %(number)d", number=organisation_id)


@bp.post("/delegations/<int:delegation_id>/itinerary/plan")
def plan(delegation_id: int):
    """Plan again with the day rhythm given; locked visits stay where they are."""
    form = PlanForm(trip_dates=trip_dates(_delegation_or_404(delegation_id)))
    if not form.validate():
        flash(_("Check the times and the number of visits a day."), "error")
        return itinerary(delegation_id, refused=form)
    return _edit(
        delegation_id,
        lambda session, found: edits.change_settings(
            session=session, itinerary=found, settings=form.settings(), user=current_user
        ),
        lambda found: (
            _("Planned.")
            if service.has_requests(found)
            else _("Nothing to plan: accept or pin partners first. The status is unchanged.")
        ),
    )


@bp.post("/delegations/<int:delegation_id>/itinerary/move")
def move(delegation_id: int):
    """Fix a visit at a chosen day and time; the rest is planned around it."""
    form = MoveVisitForm(trip_dates=trip_dates(_delegation_or_404(delegation_id)))
    if not form.validate():
        flash(_("Choose a day and a time."), "error")
        return _back(_delegation_or_404(delegation_id))
    day = datetime.fromisoformat(form.day.data).date()
    start = datetime.combine(day, form.start.data, SHANGHAI)

    def apply(session, found):
        edits.move_visit(
            session=session, itinerary=found, organisation_id=form.organisation_id.data, start=start
        )

    if form.confirm.data != "yes":
        what = _(
            "move %(name)s to %(when)s and lock it",
            name=_organisation_name(form.organisation_id.data),
            when=f"{short_day(day)} {start:%H:%M}",
        )
        return _preview(delegation_id, apply, what, form)
    return _edit(delegation_id, apply, _("Visit moved and locked."))


VISIT_EDITS = {
    "lock": edits.lock_visit,
    "unlock": edits.unlock_visit,
    "remove": edits.remove_visit,
    "restore": edits.restore_visit,
}


# What each edit does, as the confirm page says it.
VISIT_EDIT_WORDS = {
    "lock": lambda name: _("lock %(name)s where it is", name=name),
    "unlock": lambda name: _("unlock %(name)s", name=name),
    "remove": lambda name: _("remove %(name)s from the plan", name=name),
    "restore": lambda name: _("restore %(name)s to the plan", name=name),
}


@bp.post("/delegations/<int:delegation_id>/itinerary/visit")
def visit_action(delegation_id: int):
    """Lock, unlock, remove or restore one visit."""
    form = VisitActionForm()
    if not form.validate():
        flash(_("That change could not be read; nothing changed."), "error")
        return _back(_delegation_or_404(delegation_id))
    edit = VISIT_EDITS[form.action.data]

    def apply(session, found):
        edit(session=session, itinerary=found, organisation_id=form.organisation_id.data)

    if form.confirm.data != "yes":
        name = _organisation_name(form.organisation_id.data)
        what = VISIT_EDIT_WORDS[form.action.data](name)
        return _preview(delegation_id, apply, what, form)
    return _edit(delegation_id, apply, _("Saved; the plan was updated."))


@bp.post("/delegations/<int:delegation_id>/itinerary/publish")
def publish(delegation_id: int):
    """Show the current draft on the delegate's private page."""
    if not PublishForm().validate():
        abort(400)
    return _edit(
        delegation_id,
        lambda session, found: service.publish(session=session, itinerary=found, user=current_user),
        lambda found: _(
            "Published (version %(number)d); the delegate sees it on their page.",
            number=found.sequence,
        ),
    )


FILE_FORMATS = "<any(ics, csv, xlsx, pdf, json, svg):fmt>"


@bp.get(f"/delegations/<int:delegation_id>/itinerary.{FILE_FORMATS}")
def download(delegation_id: int, fmt: str):
    """The draft as a file (its name ends in "-draft")."""
    session = get_session()
    delegation = _delegation_or_404(delegation_id)
    found = service.find_itinerary(session=session, delegation=delegation)
    return _send(delegation, found, service.draft(found) if found else None, fmt)


@bp.get(f"/delegations/<int:delegation_id>/itinerary/published.{FILE_FORMATS}")
def download_published(delegation_id: int, fmt: str):
    """Exactly the file the delegate downloads: the published version (its name ends in "-vN")."""
    session = get_session()
    delegation = _delegation_or_404(delegation_id)
    found = service.find_itinerary(session=session, delegation=delegation)
    return _send(delegation, found, service.published(found), fmt)


def _send(delegation: Delegation, found: Itinerary | None, stored, fmt: str):
    if found is None or stored is None:
        abort(404)
    return send_download(
        *service.itinerary_file(
            itinerary=found,
            delegation=delegation,
            stored=stored,
            file_format=fmt,
            machine_headers=request.args.get("headers") == "machine",
        )
    )


@bp.get("/delegations/<int:delegation_id>/dossier-<any(delegate, coordinator):copy>.pdf")
def dossier(delegation_id: int, copy: str):
    """The delegate's dossier as published, or the coordinators' copy of the draft."""
    delegation = _delegation_or_404(delegation_id)
    found = service.find_itinerary(session=get_session(), delegation=delegation)
    stored = (service.published if copy == "delegate" else service.draft)(found) if found else None
    if stored is None:
        abort(404)
    return send_download(
        *service.itinerary_file(
            itinerary=found, delegation=delegation, stored=stored, file_format="pdf"
        )
    )
