"""The command line: parse, call the store facade and the pure analysis, render.

Layout, imported one way (command modules → app / output / complete / badge_choice → domain → store): `app`
holds the application, shared options and input checks and the one error boundary; `output` every `--json`;
`badge_choice` the badge a command works against; one module per group of commands registers them on `app`
when the root command first needs it (`commands` lists which module holds which command), so a run imports
only the command it runs.
"""

from __future__ import annotations

from learnlog.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="learnlog")
