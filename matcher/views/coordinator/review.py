"""Reviewing one delegation: decisions, partners added by hand, re-runs, status, outcomes."""

from functools import partial

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...db import get_session
from ...forms.review import (
    AddPartnerForm,
    DecisionForm,
    OutcomeForm,
    RerunForm,
    StatusForm,
)
from ...labels import STATUS_LABELS, label
from ...models import Delegation, DelegationStatus, Match, Organisation
from ...services import delegation_overview, outcomes, review
from ..common import commit_change, get_or_404
from . import bp


def _delegation_or_404(delegation_id: int) -> Delegation:
    return get_or_404(Delegation, delegation_id, "delegation")


def _page(delegation: Delegation, anchor: str = "") -> str:
    url = url_for(".delegation", delegation_id=delegation.id)
    return f"{url}#{anchor}" if anchor else url


def _back(delegation: Delegation, anchor: str = ""):
    return redirect(_page(delegation, anchor), 303)


def translated_statuses(values: dict) -> dict:
    """Status values named in the reader's language; names of organisations stay as they are."""
    return {
        key: label(STATUS_LABELS, value) if key in {"before", "after"} else value
        for key, value in values.items()
    }


def refusal(error: review.ReviewError) -> str:
    """Why a change was refused, in the reader's language."""
    return _(error.message, **translated_statuses(error.values))


def _apply(found: Delegation, change, done, anchor: str = ""):
    """Run one review change; a refused one is explained and changes nothing."""

    def back(result) -> str:
        if callable(anchor):
            return _page(found, anchor(result) if result is not None else "")
        return _page(found, anchor)

    return commit_change(change, refused=review.ReviewError, done=done, back=back, explain=refusal)


@bp.get("/delegations/<int:delegation_id>")
def delegation(delegation_id: int):
    """A delegation's interest, its ranked suggestions and their history."""
    return _show(_delegation_or_404(delegation_id))


def _show(found: Delegation, refused: tuple[int, object] | None = None):
    """The delegation's page; ``refused`` is (match id, form) of a change whose field is shown
    again as typed, with its error beside it."""
    find = request.args.get("find", "").strip()[:200]
    shown = delegation_overview.overview(session=get_session(), delegation=found, find=find)
    return render_template(
        "coordinator/delegation.html",
        **shown,
        delegation=found,
        find=find,
        decision_form=DecisionForm(),
        add_form=AddPartnerForm(),
        rerun_form=RerunForm(),
        status_form=StatusForm(status=found.status.value),
        outcome_form=OutcomeForm(),
        allowed_statuses=review.TRANSITIONS[found.status],
        refused_field=partial(refused_field, refused),
    )


def refused_field(refused: tuple[int, object] | None, match: Match, action: str | None, name: str):
    """The field ``name`` of the change refused on ``match`` (a decision ``action``, or an outcome
    when ``action`` is None), to show again as typed with its error; else None."""
    if refused is None or refused[0] != match.id:
        return None
    form = refused[1]
    if isinstance(form, DecisionForm) and form.action.data == action:
        return form[name]
    if isinstance(form, OutcomeForm) and action is None:
        return form[name]
    return None


@bp.post("/delegations/<int:delegation_id>/matches/<int:match_id>")
def decide(delegation_id: int, match_id: int):
    """Accept, reject, pin, unpin, annotate or reset one match."""
    found = _delegation_or_404(delegation_id)
    form = DecisionForm()
    if not form.validate():
        if form.text.errors:
            return _show(found, (match_id, form))
        flash(_("That decision could not be read; nothing changed."), "error")
        return _back(found)
    decide_it = partial(
        review.decide, match_id=match_id, delegation=found, user=current_user, **form.decision()
    )
    return _apply(found, decide_it, _("Saved."), f"match-{match_id}")


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
        if form.note.errors:
            return _show(found, (match_id, form))
        flash(_("Give the kind of outcome and its date."), "error")
        return _back(found, f"match-{match_id}")
    record = partial(outcomes.record_outcome, match=match, user=current_user, **form.outcome())
    return _apply(found, record, _("Outcome recorded."), f"match-{match_id}")
