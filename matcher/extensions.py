"""Flask extensions, created unbound and wired in ``init_app``."""

from flask import Flask
from flask_wtf import CSRFProtect

csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    csrf.init_app(app)
