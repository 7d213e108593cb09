"""The logs the benchmark times: the synthetic log built through the store, its stress copy, and an encrypted
copy with what opening it costs."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from pathlib import Path

import synth

BADGE = "sssc-sil-1"


def build_learnlog_db(db: Path, stress_db: Path, entries: list[synth.SynthEntry]) -> dict:
    """The synthetic log in a new database: entries with tags, links and resources, a held prerequisite, the
    own-work declaration, and a statement of one hand-linked entry per criterion (what `check` reads).

    `stress_db` is a copy with a second, latest statement assembled from every linked entry, as
    `learnlog statement new --all` would make it; it is kept apart so its megabytes of text do not weigh on
    the ordinary commands."""
    from learnlog.store.journal import Journal

    timings = {}
    j = Journal(db)
    t = time.perf_counter()
    report = j.import_entries((f"synth:{i}", synth.to_entry(e)) for i, e in enumerate(entries))
    timings["import_entries_s"] = round(time.perf_counter() - t, 2)
    if len(report.added) != len(entries):
        raise SystemExit(f"import_entries added {len(report.added)} of {len(entries)} entries: {report.skipped[:3]}")
    j.hold_badge("sssc-lcf", dt.date(2021, 11, 1))
    j.confirm_own_work(dt.date.today())

    from learnlog.frameworks import get_badge
    from learnlog.statement import assemble

    badge = get_badge(BADGE)
    live = j.list(limit=None)
    linked = [e for e in live if e.criteria]
    by_id = {i + 1: s for i, s in enumerate(entries)}  # ids follow import order on a fresh database
    sample = []
    for c in badge.criteria:  # the latest entry linked by hand to each criterion, with no private detail
        pick = next(
            (e for e in live if e.criteria.get(c.id) == "manual" and not by_id[e.id].confidential and e not in sample),
            None,
        )
        if pick:
            sample.append(pick)
    statements = [(j, "sample", badge.title, sample)]
    j.close()
    src, dst = sqlite3.connect(db), sqlite3.connect(stress_db)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    stress = Journal(stress_db)
    statements.append((stress, "all", f"{badge.title} (every linked entry)", linked))
    for journal, key, title, chosen in statements:
        body = assemble(chosen, badge).text
        t = time.perf_counter()
        try:
            st = journal.create_statement(badge.id, title, body, [e.id for e in chosen])
            sid, how = st.id, "Journal.create_statement"
        except ImportError as exc:  # a module learnlog needs is not written yet: store it unscanned
            ids = [e.id for e in chosen]
            sid, how = _insert_statement(journal.path, badge.id, title, body, ids), f"SQL ({exc})"
        timings[f"statement_{key}_s"] = round(time.perf_counter() - t, 2)
        timings[f"statement_{key}"] = {
            "id": sid,
            "entries": len(chosen),
            "words": len(body.split()),
            "via": how,
        }
        journal.close()
    return timings


def _insert_statement(db: Path, badge: str, title: str, body: str, ids: list[int]) -> int:
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    with sqlite3.connect(db) as c:
        cur = c.execute(
            "INSERT INTO statement (badge_id, title, body, words, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (badge, title, body, len(body.split()), stamp, stamp),
        )
        sid = cur.lastrowid
        c.executemany(
            "INSERT INTO statement_entry (statement_id, entry_id, position) VALUES (?, ?, ?)",
            [(sid, eid, pos) for pos, eid in enumerate(ids)],
        )
    return sid


def reset_scanned(db: Path) -> None:
    with sqlite3.connect(db) as c:
        c.execute("UPDATE entry SET scanned_version = 0")


ENC_PASSPHRASE = "benchmark passphrase, not a secret"


def build_encrypted_copy(tmp: Path, db: Path) -> tuple[Path, str, dict]:
    """An encrypted copy of the fresh log (before any timed write), the raw key that opens it, and the costs
    measured in-process: the encrypt itself, key derivation, opening with a raw key or with the passphrase,
    and quick_check on both logs (what the first write after a change pays)."""
    import statistics

    from learnlog import encryption

    enc = tmp / "encrypted.db"
    src, dst = sqlite3.connect(db), sqlite3.connect(enc)
    with dst:
        src.backup(dst)
    src.close()
    dst.close()
    stats: dict = {}
    t = time.perf_counter()
    encryption.encrypt(enc, ENC_PASSPHRASE)
    stats["encrypt_s"] = round(time.perf_counter() - t, 2)
    salt = encryption.salt(enc)

    def timed(fn, runs: int = 5) -> float:
        out = []
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t)
        return statistics.median(out)

    stats["key_derivation_hashlib_s"] = round(timed(lambda: encryption.derive_key(ENC_PASSPHRASE, salt)), 3)
    raw = encryption.derive_key(ENC_PASSPHRASE, salt)
    stats["open_raw_key_ms"] = round(1000 * timed(lambda: encryption.open_encrypted(enc, raw, timeout=5).close()), 2)
    stats["open_passphrase_sqlcipher_kdf_s"] = round(
        timed(lambda: encryption.open_encrypted(enc, ENC_PASSPHRASE, timeout=5).close()), 3
    )
    plain = sqlite3.connect(db)
    stats["quick_check_plain_s"] = round(timed(lambda: plain.execute("PRAGMA quick_check").fetchall(), 3), 3)
    plain.close()
    keyed = encryption.open_encrypted(enc, raw, timeout=5)
    stats["quick_check_encrypted_s"] = round(timed(lambda: keyed.execute("PRAGMA quick_check").fetchall(), 3), 3)
    keyed.close()
    return enc, raw, stats
