"""Reviewing one delegation: decisions, partners added by hand, re-runs, status, outcomes."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlmodel import select

from ... import changes, directory, outcomes, review
from ...db import get_session
from ...forms.review import (
    AddPartnerForm,
    DecisionForm,
    OutcomeForm,
    RerunForm,
    StatusForm,
)
from ...labels import STATUS_LABELS, label
from ...models import Delegation, DelegationStatus, Match, MatchEvent, MatchStatus, Organisation
from . import bp


def _delegation_or_404(delegation_id: int) -> Delegation:
    delegation = get_session().get(Delegation, delegation_id)
    if delegation is None:
        abort(404)
    return delegation


def _back(delegation: Delegation, anchor: str = ""):
    url = url_for(".delegation", delegation_id=delegation.id)
    return redirect(f"{url}#{anchor}" if anchor else url, 303)


def translated_statuses(values: dict) -> dict:
    """Status values named in the reader's language; names of organisations stay as they are."""
    return {
        key: label(STATUS_LABELS, value) if key in {"before", "after"} else value
        for key, value in values.items()
    }


def _apply(found: Delegation, change, done, anchor: str = ""):
    """Run one review change; a refused one is explained and changes nothing."""
    session = get_session()
    try:
        result = change(session)
    except review.ReviewError as exc:
        session.rollback()
        flash(_(exc.message, **translated_statuses(exc.values)), "error")
        return _back(found, "" if callable(anchor) else anchor)
    session.commit()
    flash(done(result) if callable(done) else done)
    return _back(found, anchor(result) if callable(anchor) else anchor)


@bp.get("/delegations/<int:delegation_id>")
def delegation(delegation_id: int):
    """A delegation's interest, its ranked suggestions and their history."""
    session = get_session()
    found = _delegation_or_404(delegation_id)
    matches = [m for m in found.matches if m.status != MatchStatus.rejected]
    rejected = [m for m in found.matches if m.status == MatchStatus.rejected]
    loads = review.host_loads(
        session=session, delegation=found, organisation_ids=[m.organisation_id for m in matches]
    )
    history = session.exec(
        select(MatchEvent)
        .where(MatchEvent.delegation_id == found.id)
        .order_by(MatchEvent.id.desc())
        .limit(100)
    ).all()
    names = dict(session.exec(select(Organisation.id, Organisation.name)).all())
    find = request.args.get("find", "").strip()[:200]
    candidates = (
        directory.search_organisations(session=session, text=find, per_page=10).items
        if find
        else []
    )
    return render_template(
        "coordinator/delegation.html",
        delegation=found,
        matches=matches,
        rejected=rejected,
        loads=loads,
        history=history,
        names=names,
        find=find,
        candidates=candidates,
        listed={m.organisation_id for m in matches},
        outcomes=outcomes.outcomes_by_match(session=session, match_ids=[m.id for m in matches]),
        decision_form=DecisionForm(),
        add_form=AddPartnerForm(),
        rerun_form=RerunForm(),
        status_form=StatusForm(status=found.status.value),
        outcome_form=OutcomeForm(),
        allowed_statuses=review.TRANSITIONS[found.status],
        out_of_date=changes.plan_out_of_date(session=session, delegation=found),
    )


@bp.post("/delegations/<int:delegation_id>/matches/<int:match_id>")
def decide(delegation_id: int, match_id: int):
    """Accept, reject, pin, unpin, annotate or reset one match."""
    found = _delegation_or_404(delegation_id)
    form = DecisionForm()
    if not form.validate():
        flash(_("That decision could not be read; nothing changed."), "error")
        return _back(found)
    return _apply(
        found,
        lambda session: review.decide(
            session=session,
            match_id=match_id,
            delegation=found,
            user=current_user,
            action=form.action.data,
            revision=form.revision.data,
            text=form.text.data or "",
        ),
        _("Saved."),
        f"match-{match_id}",
    )


@bp.post("/delegations/<int:delegation_id>/partners")
def add_partner(delegation_id: int):
    """Add an organisation from the directory to the delegation's list."""
    found = _delegation_or_404(delegation_id)
    form = AddPartnerForm()
    session = get_session()
    organisation = session.get(Organisation, form.organisation_id.data) if form.validate() else None
    if organisation is None:
        flash(_("That organisation is not in the directory."), "error")
        return _back(found)
    return _apply(
        found,
        lambda session: review.add_partner(
            session=session, delegation=found, organisation=organisation, user=current_user
        ),
        _("Added %(name)s.", name=organisation.name),
        lambda match: f"match-{match.id}",
    )


@bp.post("/delegations/<int:delegation_id>/rerun")
def rerun(delegation_id: int):
    """Run matching again, keeping every decision."""
    found = _delegation_or_404(delegation_id)
    if not RerunForm().validate():
        abort(400)
    session = get_session()
    proposal = review.rerun(
        session=session,
        delegation=found,
        user=current_user,
        k=current_app.config["MATCHES_PER_DELEGATION"],
    )
    session.commit()
    done = _("Matching ran again; your decisions were kept.")
    flash(_(proposal.reason) if proposal.reason else done)
    return _back(found)


@bp.post("/delegations/<int:delegation_id>/status")
def change_status(delegation_id: int):
    """Move the delegation to another status."""
    found = _delegation_or_404(delegation_id)
    form = StatusForm()
    if not form.validate():
        flash(_("Choose a status."), "error")
        return _back(found)
    return _apply(
        found,
        lambda session: review.change_status(
            session=session,
            delegation=found,
            status=DelegationStatus(form.status.data),
            user=current_user,
        ),
        _("Status changed."),
    )


@bp.post("/delegations/<int:delegation_id>/matches/<int:match_id>/outcomes")
def add_outcome(delegation_id: int, match_id: int):
    """Record what came of an accepted match."""
    found = _delegation_or_404(delegation_id)
    session = get_session()
    match = session.get(Match, match_id)
    form = OutcomeForm()
    if match is None or match.delegation_id != found.id:
        flash(_("That match no longer exists; nothing was recorded."), "error")
        return _back(found)
    if not form.validate():
        flash(_("Give the kind of outcome and its date."), "error")
        return _back(found, f"match-{match_id}")
    return _apply(
        found,
        lambda session: outcomes.record_outcome(
            session=session,
            match=match,
            user=current_user,
            kind=form.kind.data,
            happened_on=form.happened_on.data,
            note=form.note.data or "",
        ),
        _("Outcome recorded."),
        f"match-{match_id}",
    )
