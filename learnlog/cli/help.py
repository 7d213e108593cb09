"""`learnlog help [COMMAND]`: the same text as `learnlog COMMAND --help`, for people who type help first."""

from __future__ import annotations

from typing import Annotated

import typer

from learnlog.cli.app import app
from learnlog.errors import UsageError


@app.command("help")
def help_(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None, typer.Argument(metavar="[COMMAND]...", help="A command, e.g. add or statement new.")
    ] = None,
) -> None:
    """Show how to use learnlog, or one of its commands.

    \b
    Examples:
      learnlog help
      learnlog help add
      learnlog help statement new
    """
    here = ctx.find_root()
    cmd = here.command
    for name in command or []:
        sub = cmd.get_command(here, name) if hasattr(cmd, "get_command") else None
        if sub is None:
            raise UsageError(f"there is no command {' '.join(command)!r}; see the list with: learnlog help")
        here = type(here)(sub, info_name=name, parent=here)  # the Context class click uses
        cmd = sub
    typer.echo(cmd.get_help(here))
