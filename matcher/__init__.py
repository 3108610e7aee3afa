"""G60 Match: partners in the G60 Science and Technology Innovation Valley for delegations."""

import os
from pathlib import Path
from typing import Any

from flask import Flask
from flask_openapi3 import Info, OpenAPI

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: config, database, blueprints, commands, error pages."""
    app = OpenAPI(
        __name__,
        info=Info(title="G60 Match API", version="1"),
        security_schemes={"bearer": {"type": "http", "scheme": "bearer"}},
        doc_ui=False,
        # The 422 answer of every operation is declared by the API itself (ErrorResponse).
        validation_error_status="422",
        validation_error_callback=lambda exc: api.validation_error(exc),
        # Every answer is checked against the model the document declares for it.
        validate_response=True,
        validate_response_callback=lambda response, responses: api.checked_response(
            response, responses
        ),
        instance_path=os.environ.get("MATCHER_INSTANCE_PATH") or str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
    )

    from . import commands, config, db, extensions, i18n, security, templating
    from .views import api, auth, coordinator, delegate, errors, public

    config.load_config(app, test_config)
    db.init_app(app)
    extensions.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    app.register_blueprint(public.bp)
    app.register_blueprint(delegate.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(coordinator.bp)
    api.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    commands.init_app(app)
    return app
