"""The delegation queue."""

from flask import render_template, request

from ...db import get_session
from ...forms.review import QueueFilterForm
from ...services import changes, delegations
from . import bp


@bp.get("/")
def queue():
    """Delegations by arrival, filtered by status, country and name."""
    form = QueueFilterForm(request.args)
    criteria = {}
    if form.validate():
        criteria = {
            "status": form.status.data or "",
            "country": (form.country.data or "").strip(),
            "text": (form.q.data or "").strip(),
        }
    session = get_session()
    found = delegations.queue(session=session, **criteria)
    return render_template(
        "coordinator/queue.html",
        form=form,
        delegations=found,
        changed=changes.changed_by_delegate(session=session, delegation_ids=[d.id for d in found]),
        counts=delegations.status_counts(session=session),
    )
