"""Commands: ``flask --app wsgi COMMAND``, thin verbs over the services."""

from flask import Flask

from . import accounts, data, directory, index, itinerary, matching, planning


def init_app(app: Flask) -> None:
    for module in (directory, matching, accounts, itinerary, data, index, planning):
        for command in module.COMMANDS:
            app.cli.add_command(command)
