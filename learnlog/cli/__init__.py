"""The command line: parse, call the domain, render. Errors become one line on stderr here, and nowhere else."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from learnlog import __version__
from learnlog.errors import LearnlogError

EPILOG = "Docs and examples: learnlog COMMAND --help.  Data: learnlog where."


class LearnlogGroup(TyperGroup):
    """Turns LearnlogError (and stray database errors) into a one-line message and an exit code."""

    def invoke(self, ctx):
        from learnlog import render

        try:
            return super().invoke(ctx)
        except LearnlogError as exc:
            render.error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except sqlite3.Error as exc:
            render.error(f"database error: {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            render.error("interrupted; nothing half-written was kept")
            raise typer.Exit(130) from None
        finally:
            state.close()


def make_app(**kw) -> typer.Typer:
    return typer.Typer(
        cls=LearnlogGroup,
        no_args_is_help=True,
        rich_markup_mode=None,  # plain click help: Rich help costs ~50 ms of imports on every --help
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        **kw,
    )


app = make_app(
    help="A reflective learning log for SSSC Open Badges: journal, tag criteria, check privacy, export.\n\n"
    '\b\nStart:\n  learnlog add "What I learned today…"\n  learnlog list\n  learnlog coverage\n  learnlog check',
    epilog=EPILOG,
)


class State:
    def __init__(self) -> None:
        self.db: Path | None = None
        self.opened: list = []

    def close(self) -> None:
        while self.opened:
            self.opened.pop().close()


state = State()


def journal():
    from learnlog.config import db_path
    from learnlog.store.journal import Journal

    j = Journal(db_path(state.db))
    state.opened.append(j)  # closed when the command ends, so in-process callers don't pile up handles
    return j


def _version(value: bool) -> None:
    if value:
        typer.echo(f"learnlog {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: $LEARNLOG_DB, else your user data folder).", metavar="PATH"),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    state.db = db


from learnlog.cli import criteria, entries, privacy, safety, statements  # noqa: E402,F401  (registers commands)


def main() -> None:
    app(prog_name="learnlog")
