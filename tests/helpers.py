"""Helpers shared by the test modules: run learnlog and read its JSON, count what is on disk, build badges."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

from learnlog.frameworks import Badge, Criterion, WordRule

LABELS = [
    "Promote self-determination",
    "Advocate for people",
    "Engage diverse communities",
    "Value participation",
    "Involve people as partners",
    "Improve outcomes",
]
# The rows of `learnlog check`, in the order a practitioner reads them (the README shows the same table).
PREFLIGHT_CHECKS = [
    "prerequisites",
    "criteria",
    "source entries",
    "word count",
    "draft notes",
    "confidentiality",
    "plain language",
    "own work",
]


def editor_appends(text: str, seen=None) -> str:
    """A script for conftest's `fake_editor`: the writer adds `text` at the end of the draft (after copying
    what the editor was shown to `seen`, when given)."""
    return _keep_seen(seen) + f'path.write_text(path.read_text(encoding="utf-8") + {text!r}, encoding="utf-8")\n'


def editor_replaces(old: str, new: str, seen=None) -> str:
    """A script for `fake_editor`: the writer changes `old` (which must be in the draft) to `new`."""
    return _keep_seen(seen) + (
        f'text = path.read_text(encoding="utf-8")\nassert {old!r} in text, text\n'
        f'path.write_text(text.replace({old!r}, {new!r}, 1), encoding="utf-8")\n'
    )


def _keep_seen(seen) -> str:
    return "" if seen is None else f'pathlib.Path({str(seen)!r}).write_text(path.read_text(encoding="utf-8"))\n'


def as_json(result):
    return json.loads(result.stdout)


def add(cli, *args, input=None) -> dict:
    """Add an entry with --json and return what learnlog reports it stored."""
    return as_json(cli("add", "--json", *args, input=input))


def listed(cli, *args) -> list[dict]:
    return as_json(cli("list", "--json", *args))


def shown(cli, entry_id: int) -> dict:
    return as_json(cli("show", entry_id, "--json"))


def stored_rows(db_path) -> int:
    """Every entry row, trashed or not: what 'nothing was stored' means on disk."""
    if not db_path.exists():
        return 0
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT count(*) FROM entry").fetchone()[0]


def table_dump(db, key: str | None = None) -> list:
    """Every row of every ordinary table (not the full-text index): the user's data, plain or encrypted (`key`:
    the passphrase or raw key)."""
    if key:
        from learnlog import encryption

        conn = encryption.open_encrypted(db, key, timeout=5)
    else:
        conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
            )
        ]
        return [(n, sorted(map(tuple, conn.execute(f'SELECT * FROM "{n}"')), key=repr)) for n in names]
    finally:
        conn.close()


def execute(db_path, *statements: str) -> None:
    """SQL run on a database file directly, as another program (or a newer learnlog) would write it."""
    conn = sqlite3.connect(db_path)
    with conn:
        for sql in statements:
            conn.execute(sql)
    conn.close()


def one_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    assert len(lines) == 1, f"expected a one-line message, got: {text!r}"
    return lines[0]


def make_badge(**overrides) -> Badge:
    """A badge shaped like sssc-sil-1 (six criteria, 500–1000 words, sssc-lcf first), built in code."""
    values = dict(
        id="sssc-sil-1",
        title="#1 Keeping people who use services at the centre",
        framework_id="sssc-sil",
        issuer="Scottish Social Services Council",
        description="",
        criteria=tuple(Criterion(f"c{i}", label, label) for i, label in enumerate(LABELS, start=1)),
        words=WordRule(suggested_min=500, suggested_max=1000),
        prerequisites=("sssc-lcf",),
        resources=(),
    )
    values.update(overrides)
    names = {f.name for f in dataclasses.fields(Badge)}
    return Badge(**{k: v for k, v in values.items() if k in names})
