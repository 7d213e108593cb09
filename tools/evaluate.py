"""`make eval`: every labelled set in tests/data, scored and printed."""

from __future__ import annotations

import sys

from tools.eval_scanner import evaluate_all
from tools.eval_tagging import evaluate_tagging


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    which = set(argv) or {"tagging", "confidential"}
    if "tagging" in which:
        print("\n".join(evaluate_tagging()[1]), end="\n\n")
    if "confidential" in which:
        print("\n".join(evaluate_all()), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
