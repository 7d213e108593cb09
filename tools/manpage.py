"""Write man/learnlog.1, the manual page pip installs as share/man/man1/learnlog.1 (`man learnlog`).

`python -m tools.manpage` after changing any command's help; tests/test_cli_rough_edges.py fails while the
committed page differs from what `learnlog help --man` prints now.
"""

from __future__ import annotations

import sys
from pathlib import Path

from typer.testing import CliRunner

from learnlog.cli import app

PAGE = Path(__file__).resolve().parent.parent / "man" / "learnlog.1"


def page() -> str:
    result = CliRunner().invoke(app, ["help", "--man"])
    if result.exit_code != 0:
        raise SystemExit(f"learnlog help --man failed: {result.stderr}")
    return result.stdout


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else PAGE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page(), encoding="utf-8")
    print(f"wrote {target}")
