"""The command line: parse, call the store facade and the pure analysis, render.

Layout, imported one way (this module → command modules → app / output / complete → domain → store):
`app` holds the application, shared options and input checks and the one error boundary; `output` every
`--json`; one module per group of commands registers them on `app` when imported here.
"""

from __future__ import annotations

from learnlog.cli import (  # noqa: F401  (register)
    backup,
    badges,
    browse,
    entries,
    help,
    links,
    privacy,
    review,
    safety,
    statements,
    transfer,
)
from learnlog.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app(prog_name="learnlog")
