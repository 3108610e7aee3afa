"""What every blueprint does the same way: find a row or answer 404, send a file, apply a change."""

import io
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Response, abort, flash, redirect, request, send_file, url_for
from flask import session as browser_session
from sqlmodel import Session
from werkzeug.datastructures import MultiDict

from .. import i18n
from ..db import get_session
from ..models import Delegation
from ..services import delegations, drafts

Row = TypeVar("Row")


def get_or_404(model: type[Row], ident: Any, what: str = "record") -> Row:
    """The row with this primary key, or a 404 that names what was missing."""
    found = get_session().get(model, ident)
    if found is None:
        abort(404, description=f"No such {what}.")
    return found


def delegation_by_token_or_404(token: str) -> Delegation:
    """The delegation behind a private link, or a 404 that says nothing more."""
    found = delegations.delegation_by_token(session=get_session(), token=token)
    if found is None:
        abort(404, description="No such delegation.")
    return found


def send_download(content: bytes | str, media_type: str, filename: str) -> Response:
    """A file the browser saves under ``filename`` rather than shows."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return send_file(
        io.BytesIO(data),
        mimetype=media_type,
        as_attachment=True,
        download_name=filename,
        etag=False,
    )


def commit_change(
    change: Callable[[Session], Any],
    *,
    refused: type[Exception] | tuple[type[Exception], ...],
    done: str | Callable[[Any], str],
    back: Callable[[Any], str],
    explain: Callable[[Any], str] = str,
) -> Response:
    """Run one change; commit and say so, or roll back and say why it was refused.

    ``change`` is called with the request's session as ``session=``; ``back`` gives the page
    to return to from the change's result (None when refused); ``explain`` says the refusal
    in the reader's language.
    """
    session = get_session()
    try:
        result = change(session=session)
    except refused as exc:
        session.rollback()
        flash(explain(exc), "error")
        return redirect(back(None), 303)
    session.commit()
    flash(done(result) if callable(done) else done)
    return redirect(back(result), 303)


# Fields a language button sends that are not the form's own answers.
NOT_ANSWERS = frozenset({"csrf_token", "switch_language"})
DRAFTS_KEPT = 5


def switching_language() -> bool:
    """The form was sent by a language button."""
    return i18n.switched_language() is not None


def keep_draft_and_switch(endpoint: str, **values: Any) -> Response:
    """Keep the form as typed and ask for the same page in the new language (Post/Redirect/Get):
    going back later reloads that page and never sends the form again."""
    fields = [
        (name, request.form.getlist(name)) for name in request.form if name not in NOT_ANSWERS
    ]
    session = get_session()
    key = drafts.save_draft(session=session, fields=fields)
    session.commit()
    # Only this browser opens its drafts: the key must be in the address and in its session.
    browser_session["drafts"] = [*browser_session.get("drafts", [])[-(DRAFTS_KEPT - 1) :], key]
    language = i18n.switched_language()
    return redirect(url_for(endpoint, **values, lang=language, draft=key), 303)


def draft_formdata() -> MultiDict | None:
    """The draft this page was asked to show again, as form data, on a GET; else None."""
    key = request.args.get("draft", "")
    if request.method != "GET" or key not in browser_session.get("drafts", []):
        return None
    fields = drafts.load_draft(session=get_session(), key=key)
    if fields is None:
        return None
    return MultiDict([(name, value) for name, values in fields for value in values])
