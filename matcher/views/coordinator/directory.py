"""Directory upkeep: create, edit, archive, import with a preview, export."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from ...db import get_session
from ...forms.organisation import (
    ArchiveForm,
    ConfirmImportForm,
    ImportForm,
    OrganisationForm,
    record_form_data,
)
from ...inputs import text_checked_by_form
from ...models import Organisation
from ...services import directory, organisation_records
from ...services.records import write_csv, write_json
from ..common import (
    draft_formdata,
    get_or_404,
    keep_draft_and_switch,
    send_download,
    switching_language,
)
from . import admin_required, bp


def _organisation_or_404(organisation_id: int) -> Organisation:
    return get_or_404(Organisation, organisation_id, "organisation")


def _names_and_kinds(exclude: int | None = None) -> list[tuple[str, str]]:
    return directory.names_and_kinds(session=get_session(), exclude=exclude)


def _organisation_form(data: dict | None, exclude: int | None = None) -> OrganisationForm:
    """The organisation form; the private contact is on it for administrators only."""
    draft = draft_formdata()
    extra = {"formdata": draft} if draft else {"data": data}
    form = OrganisationForm(**extra, organisations=_names_and_kinds(exclude=exclude))
    if not organisation_records.sees_private_contacts(current_user):
        del form["private_contact"]
    return form


def _kept(organisation: Organisation | None) -> dict:
    """Values a coordinator's form does not carry, kept as stored."""
    return {"private_contact": organisation.private_contact if organisation else ""}


@bp.get("/organisations")
def organisations():
    """Every organisation, archived ones included (with private contacts for administrators)."""
    show = request.args.get("show", "active")
    found = directory.list_for_upkeep(session=get_session(), show=show)
    return render_template(
        "coordinator/organisations.html", organisations=found, show=show, archive_form=ArchiveForm()
    )


@bp.route("/organisations/new", methods=["GET", "POST"])
@text_checked_by_form
def new_organisation():
    """Add an organisation to the directory."""
    if switching_language():
        return keep_draft_and_switch(".new_organisation")
    form = _organisation_form(None)
    if form.validate_on_submit():
        session = get_session()
        record, errors = directory.check_record(session=session, raw=form.raw_record(_kept(None)))
        if record is not None:
            organisation = directory.create_organisation(session=session, record=record)
            session.commit()
            flash(_("Added %(name)s.", name=organisation.name))
            return redirect(url_for(".organisations"), 303)
        _attach(form, errors)
    return render_template("coordinator/organisation_form.html", form=form, organisation=None)


@bp.route("/organisations/<int:organisation_id>/edit", methods=["GET", "POST"])
@text_checked_by_form
def edit_organisation(organisation_id: int):
    """Correct an organisation's record."""
    organisation = _organisation_or_404(organisation_id)
    data = (
        None
        if request.method == "POST"
        else record_form_data(organisation_records.to_record(organisation))
    )
    if switching_language():
        return keep_draft_and_switch(".edit_organisation", organisation_id=organisation_id)
    form = _organisation_form(data, exclude=organisation.id)
    if form.validate_on_submit():
        session = get_session()
        record, errors = directory.check_record(
            session=session,
            raw=form.raw_record(_kept(organisation)),
            current_name=organisation.name,
        )
        if record is not None:
            directory.update_organisation(session=session, organisation=organisation, record=record)
            session.commit()
            flash(_("Saved %(name)s.", name=organisation.name))
            return redirect(url_for(".organisations"), 303)
        _attach(form, errors)
    return render_template(
        "coordinator/organisation_form.html", form=form, organisation=organisation
    )


def _attach(form: OrganisationForm, errors) -> None:
    """Show each validation error next to the field it concerns."""
    for error in errors:
        field = getattr(form, error.field, None) or form.name
        field.errors = [*field.errors, error.said_with(_)]


@bp.post("/organisations/<int:organisation_id>/archive")
@admin_required
def archive_organisation(organisation_id: int):
    """Archive or restore: archived organisations leave the directory and matching."""
    organisation = _organisation_or_404(organisation_id)
    if not ArchiveForm().validate():
        abort(400)
    restore = request.form.get("restore") == "1"
    session = get_session()
    directory.set_archived(session=session, organisation=organisation, archived=not restore)
    session.commit()
    flash(
        _("Restored %(name)s.", name=organisation.name)
        if restore
        else _("Archived %(name)s.", name=organisation.name)
    )
    return redirect(url_for(".organisations", show="all"), 303)


@bp.route("/organisations/import", methods=["GET", "POST"])
@admin_required
def import_organisations():
    """Upload a file and see what it would add, row errors included; nothing is written yet."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            form.file.errors.append(_("The file is not UTF-8 text."))
        else:
            records, errors, _existing = directory.preview_import(
                session=get_session(), text=text, filename=upload.filename
            )
            confirm = ConfirmImportForm(filename=upload.filename, content=text)
            return render_template(
                "coordinator/import_preview.html",
                records=records,
                errors=errors,
                filename=upload.filename,
                confirm=confirm,
            )
    return render_template("coordinator/import.html", form=form)


@bp.post("/organisations/import/confirm")
@admin_required
def confirm_import():
    """Write a previewed file; it is validated again, and refused whole on any error."""
    form = ConfirmImportForm()
    if not form.validate():
        abort(400)
    session = get_session()
    try:
        saved = directory.import_organisations(
            session=session, text=form.content.data or "", filename=form.filename.data or ""
        )
    except directory.ImportRefused as exc:
        session.rollback()
        flash(
            ngettext(
                "Nothing imported: %(num)d error. Correct the file and upload it again.",
                "Nothing imported: %(num)d errors. Correct the file and upload it again.",
                len(exc.errors),
            ),
            "error",
        )
        return redirect(url_for(".import_organisations"), 303)
    session.commit()
    flash(ngettext("Imported %(num)d organisation.", "Imported %(num)d organisations.", len(saved)))
    return redirect(url_for(".organisations"), 303)


@bp.get("/organisations/export.<any(csv, json):extension>")
@admin_required
def export_organisations(extension: str):
    """Download the active directory as CSV or JSON, private contacts included."""
    records = directory.organisation_records(session=get_session())
    writer, mimetype = {
        "csv": (write_csv, "text/csv"),
        "json": (write_json, "application/json"),
    }[extension]
    return send_download(
        writer(records), f"{mimetype}; charset=utf-8", f"g60-directory.{extension}"
    )
