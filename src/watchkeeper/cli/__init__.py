"""The ``watchkeeper`` command: a thin shell over the library."""

from __future__ import annotations

import typer

from watchkeeper.cli.lists import lists_app
from watchkeeper.cli.match import match_command
from watchkeeper.cli.messages import screen_message_command
from watchkeeper.cli.screen import screen_command

app = typer.Typer(
    name="watchkeeper",
    help="Screen names, payments and passenger manifests against sanctions lists.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(lists_app, name="lists")
app.command("screen")(screen_command)
app.command("match")(match_command)
app.command("screen-message")(screen_message_command)


def main() -> None:
    """Entry point of the ``watchkeeper`` script."""
    app()
