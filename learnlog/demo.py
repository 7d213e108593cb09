"""`make demo`: a short guided tour on a throwaway database, running the real commands as a user would."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ENTRIES = [
    (
        ["--date", "2026-09-02", "-t", "sds", "--hours", "1.5", "--resource", "personalisation-rough-guide"],
        "Reviewed support plans with the team after reading Personalisation: a rough guide. We now start every "
        "review by asking the person what a good week looks like for them, and two people chose to take a "
        "direct payment so they could employ their own personal assistants.",
    ),
    (
        ["--date", "2026-09-20", "-t", "budget"],
        "At the resource panel I argued against cutting a man's overnight support to meet the savings target. "
        "I set out what mattered to him and what the risks were, and the panel agreed to keep his package "
        "while we reviewed it together with him.",
    ),
    (
        ["--date", "2026-10-08", "-t", "co-production"],
        "We redesigned the day service timetable with the members' group. We met at the community centre at a "
        "time that suited carers, paid people for their time, and used Easy Read papers. Their ideas replaced "
        "ours. Mrs Dunsmore's daughter phoned on 07700 900123 to say thanks.",
    ),
]


def main() -> int:
    exe = [sys.executable, "-m", "learnlog"]
    with tempfile.TemporaryDirectory(prefix="learnlog-demo-") as tmp:
        env = dict(os.environ, LEARNLOG_DB=str(Path(tmp) / "demo.db"), LEARNLOG_CONFIG_DIR=str(Path(tmp) / "cfg"))
        env.pop("VISUAL", None)
        env["EDITOR"] = "true"  # no step should open an editor; if one does, it saves the draft untouched

        def run(args: list[str], stdin: str | None = None, note: str = "") -> None:
            shown = "learnlog " + " ".join(shlex.quote(a) for a in args)
            print(f"\n\033[1;36m$ {shown}\033[0m" + (f"   \033[2m# {note}\033[0m" if note else ""), flush=True)
            subprocess.run(exe + args, input=stdin, text=True, env=env, check=False)

        print(f"learnlog demo — a throwaway log in {tmp}")
        for opts, text in ENTRIES[:2]:
            run(["add", *opts, text], note="text as an argument")
        run(["add", *ENTRIES[2][0]], stdin=ENTRIES[2][1], note="text piped on stdin")
        run(["list"])
        run(["show", "3"])
        run(["search", "direct payment*"])
        run(["suggest", "1"], note="explained criteria suggestions")
        run(["tag", "1", "c1", "c6"])
        run(["tag", "2", "c2"])
        run(["tag", "3", "c4", "c5"])
        run(["coverage"], note="c3 has no evidence yet: see the prompts")
        run(["scan", "--all"], note="confidential details found before anything leaves the machine")
        run(["redact", "3", "--pseudonyms"])
        run(["badge", "held", "sssc-lcf", "--date", "2026-06-01"])
        run(["statement", "new", "--all", "--headings", "--no-edit"])
        run(["check", "--confirm-own-work"], note="fails: c3 missing and the statement is under 500 words")
        run(["export", "--format", "txt", "--force"], note="--force exports despite the failed check")
        print("\nDone. Your own log lives at 'learnlog where'; try 'learnlog --help'.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
