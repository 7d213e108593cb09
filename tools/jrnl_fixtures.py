"""Write jrnl journals and exports with real jrnl 4.x, for the import tests (tests/test_jrnl_real.py).

`python -m tools.jrnl_fixtures DIR` installs jrnl's first-run config in a throw-away HOME (answering its three
questions as a new user does: default path, no encryption, colours), then writes the same nine entries into
a plain journal and a folder journal for each of three timeformats — jrnl 4.6's default `%F %r`, the older
`%Y-%m-%d %H:%M` and a day-first `%d/%m/%Y %H:%M` — and runs jrnl's own exports (`--export json|md|txt`,
whole journal and one file per entry). Every byte under DIR is written by jrnl (`default-config.yaml` is the
config its first run wrote); `--export json` is the ground truth the tests compare against.

The output is committed as tests/data/jrnl/ (`python -m tools.jrnl_fixtures tests/data/jrnl`, ~40 s: jrnl
starts once per entry); tests/test_jrnl_real.py also drives the installed jrnl live on a smaller journal, so
a jrnl that writes differently is noticed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

# Each entry as typed on jrnl's standard input: "<when>: <text>", the first line ending " *" stars it.
ENTRIES = (
    "2026-01-10 09:00: Supervision with @Anna. We talked about #reviews/annual and #sds budgets.",
    "2026-01-10 16:45: Carers' forum *\nThe forum asked for evening meetings.\n\n# What I learned\n"
    "Ask people when they can come, before booking a room. #Carers",
    "2026-01-12 14:30: Panel day\nI argued against cutting a man's overnight support.\n"
    "A line with [2026-01-01 10:00] in the middle is text, not a new entry.\n\n- first point\n- second point",
    "2026-02-03 08:05: Short note without a body",
    "2026-02-14 11:20: Café de l'équipe: reflective practice. #practice/reflective @team\n"
    "Mail went to team@example.org; that is an address, not a tag.",
    '2026-03-01 10:00: Reading "Talking Points" again!\nPersonal outcomes, not services. #reading',
    "2026-03-01 19:00: Evening reflection *\nWhat went well: the review started with what matters to her.",
    "2026-04-20 07:30: Induction of a new colleague\n\nTwo paragraphs.\n\nThe second one. #induction",
    "2026-12-24 12:00: Last entry of the year. Short and one line #yearend",
)
TIMEFORMATS = {"default": "%F %r", "iso-minutes": "%Y-%m-%d %H:%M", "day-first": "%d/%m/%Y %H:%M"}


def jrnl(home: Path, *args: str, stdin: str = "", config: Path | None = None) -> str:
    env = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TZ": os.environ.get("TZ", "UTC"),
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "TERM": "dumb",
    }
    cmd = [sys.executable, "-m", "jrnl", *(["--config-file", str(config)] if config else []), *args]
    done = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=env, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"jrnl {' '.join(args)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def install(home: Path) -> Path:
    """jrnl's first run, as a new user answers it; returns the config it wrote."""
    home.mkdir(parents=True, exist_ok=True)
    jrnl(home, "-n", "1", stdin="\nn\ny\n")
    return home / ".config" / "jrnl" / "jrnl.yaml"


def build(out: Path, home: Path) -> dict[str, Path]:
    """Journals and exports under out/<name>/ for each timeformat, jrnl's HOME in `home`; returns {name: folder}."""
    default_config = install(home)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(default_config, out / "default-config.yaml")
    base = yaml.safe_load(default_config.read_text(encoding="utf-8"))
    folders = {}
    for name, timeformat in TIMEFORMATS.items():
        root = out / name
        root.mkdir(parents=True, exist_ok=True)
        config = dict(base)
        config["timeformat"] = timeformat
        config["journals"] = {
            "default": {"journal": str(root / "journal.txt")},
            "folder": {"journal": str(root / "folder") + os.sep, "type": "folder"},
        }
        config_path = home / f"{name}.yaml"
        config_path.write_text(yaml.safe_dump(config), encoding="utf-8")
        for journal in ("default", "folder"):
            for text in ENTRIES:
                jrnl(home, *([journal] if journal != "default" else []), stdin=text + "\n", config=config_path)
            prefix = "journal" if journal == "default" else "folder"
            select = [journal] if journal != "default" else []
            for fmt in ("json", "md", "txt"):
                (root / f"{prefix}-export.{fmt}").write_text(
                    jrnl(home, *select, "--export", fmt, config=config_path), encoding="utf-8"
                )
        for fmt in ("md", "json", "txt"):
            per_entry = root / f"per-entry-{fmt}"
            per_entry.mkdir(exist_ok=True)
            jrnl(home, "--export", fmt, "--file", str(per_entry) + os.sep, config=config_path)
        folders[name] = root
    return folders


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/jrnl").absolute()
    with tempfile.TemporaryDirectory() as tmp:
        for name, folder in build(target, Path(tmp)).items():
            print(f"{name}: {folder}")
