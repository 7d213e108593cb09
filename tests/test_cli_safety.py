"""The safety commands: encrypt, decrypt, passphrase, doctor (and `where` saying whether the log is encrypted)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess

import pytest
from damage import overwrite_pages, pages_of, settle, snapshot
from helpers import add, as_json, one_line, table_dump

pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")
keyring = pytest.importorskip("keyring")

from learnlog import encryption, passphrase  # noqa: E402

SECRET = "the passphrase of this test log"
LONG = "We began the review by asking what a good week looks like, and planned the support from there. " * 10


@pytest.fixture
def log(cli, db_path, monkeypatch):
    add(cli, "Mrs Dunsmore's review: what a good week looks like", "-t", "reviews")
    add(cli, "Supervision notes on advocacy at the resource panel")
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, SECRET)
    return db_path


def test_encrypt_then_decrypt_round_trips_every_table(cli, log):
    before = table_dump(log)
    r = cli("encrypt")
    assert "Keep the passphrase safe" in r.stderr + r.stdout
    assert encryption.file_kind(log, fresh=True) == "encrypted"
    assert b"Dunsmore" not in b"".join(snapshot(log).values())
    assert as_json(cli("where", "--json"))["encrypted"] is True
    assert "(encrypted)" in cli("where").stdout
    assert table_dump(log, SECRET) == before
    cli("decrypt")
    assert encryption.file_kind(log, fresh=True) == "plain"
    assert table_dump(log) == before
    assert as_json(cli("where", "--json"))["encrypted"] is False


def test_encrypt_on_a_new_install_creates_then_encrypts(cli, db_path, monkeypatch):
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, SECRET)
    cli("encrypt")
    assert encryption.file_kind(db_path, fresh=True) == "encrypted"
    assert add(cli, "first words in an encrypted log")["id"] == 1


def test_encrypting_twice_is_refused_and_changes_nothing(cli, log):
    cli("encrypt")
    before = snapshot(log)
    r = cli("encrypt", code=1)
    assert "already encrypted" in one_line(r.stderr)
    assert snapshot(log) == before


def test_decrypt_with_the_wrong_passphrase_changes_nothing(cli, log, monkeypatch):
    cli("encrypt")
    before = snapshot(log)
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, "not the right one at all")
    passphrase.forget(log)
    r = cli("decrypt", code=1)
    assert one_line(r.stderr).startswith("Error: wrong passphrase, or this is not a learnlog log")
    assert snapshot(log) == before


def test_passphrase_change_old_stops_new_opens(cli, log, monkeypatch):
    before = table_dump(log)
    cli("encrypt")
    monkeypatch.setenv(passphrase.ENV_NEW_PASSPHRASE, "a completely new passphrase")
    cli("passphrase")
    passphrase.forget(log)
    r = cli("list", code=1)
    assert "wrong passphrase" in r.stderr
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, "a completely new passphrase")
    passphrase.forget(log)
    assert len(as_json(cli("list", "--json"))) == 2
    assert table_dump(log, "a completely new passphrase") == before


def test_passphrase_change_without_a_new_one_is_refused(cli, log, monkeypatch):
    cli("encrypt")
    before = snapshot(log)
    monkeypatch.delenv(passphrase.ENV_NEW_PASSPHRASE, raising=False)
    r = cli("passphrase", code=1)
    assert "LEARNLOG_NEW_PASSPHRASE" in one_line(r.stderr)
    assert snapshot(log) == before


def test_encrypt_from_a_script_without_a_passphrase_names_the_variable_and_leaves_the_log_plain(cli, log, monkeypatch):
    before = snapshot(log)
    monkeypatch.delenv(passphrase.ENV_PASSPHRASE, raising=False)
    monkeypatch.delenv(passphrase.ENV_NEW_PASSPHRASE, raising=False)
    r = cli("encrypt", code=1)
    assert "set LEARNLOG_PASSPHRASE" in one_line(r.stderr)
    assert snapshot(log) == before


def test_remember_keeps_the_key_in_the_keyring_and_decrypt_forgets_it(cli, log, monkeypatch, file_keyring):
    cli("encrypt", "--remember")
    assert SECRET not in file_keyring.read_text()
    monkeypatch.delenv(passphrase.ENV_PASSPHRASE)
    passphrase.forget(log)
    assert len(as_json(cli("list", "--json"))) == 2  # no passphrase anywhere: the keyring's key opens it
    monkeypatch.setenv(passphrase.ENV_NEW_PASSPHRASE, "the second passphrase of it")
    cli("passphrase")
    passphrase.forget(log)
    assert len(as_json(cli("list", "--json"))) == 2  # the keyring followed the change
    cli("decrypt")
    assert passphrase.remembered(log) is None


def test_doctor_on_a_sound_log(cli, log):
    r = cli("doctor")
    assert "not encrypted" in r.stdout and "Integrity: ok" in r.stdout
    cli("encrypt")
    info = as_json(cli("doctor", "--json"))
    assert info["encrypted"] is True and info["sound"] is True and info["problems"] == []
    assert info["tables"]["entry"]["rows_read"] == 2


@pytest.fixture
def damaged(cli, db_path):
    for i in range(30):
        add(cli, f"Reflection {i}: {LONG}", "-t", "reviews")
    settle(db_path)
    conn = sqlite3.connect(db_path)
    bodies_before_damage.clear()
    bodies_before_damage.update(conn.execute("SELECT id, body FROM entry"))
    conn.close()
    leaves = pages_of(db_path, "entry")
    overwrite_pages(db_path, [leaves[len(leaves) // 2]])
    return db_path


bodies_before_damage: dict[int, str] = {}


def test_doctor_names_the_damage_and_the_ways_out_and_changes_nothing(cli, damaged):
    before = snapshot(damaged)
    r = cli("doctor", code=1)
    assert "DAMAGED" in r.stdout
    assert "Damaged:   entry" in r.stdout
    assert "learnlog doctor --salvage" in r.stdout
    assert snapshot(damaged) == before


def test_doctor_salvage_saves_every_readable_entry_and_import_brings_them_back(cli, damaged, tmp_path):
    before = dict(bodies_before_damage)
    rescue = tmp_path / "rescue"
    info = as_json(cli("doctor", "--salvage", str(rescue), "--json", code=1))
    saved = info["salvaged"]
    assert saved["written"] + len(saved["lost"]) == len(before) == 30
    assert saved["written"] >= 25
    fresh = tmp_path / "fresh.db"
    cli("--db", str(fresh), "import", str(rescue))
    bodies = {e["body"] for e in as_json(cli("--db", str(fresh), "list", "--json", "--limit", "100"))}
    assert len(bodies) == saved["written"]
    assert bodies <= set(before.values())
    # salvaging again into the same folder would overwrite: refused
    r = cli("doctor", "--salvage", str(rescue), code=1)
    assert "not empty" in one_line(r.stderr)


def test_the_recover_route_is_offered_only_where_it_works_and_then_really_recovers(cli, damaged):
    from learnlog.integrity import recover_tool

    info = as_json(cli("doctor", "--json", code=1))
    tool = shutil.which("sqlite3")
    works = tool is not None and subprocess.run([tool, ":memory:", ".recover"], capture_output=True).returncode == 0
    assert (recover_tool() is not None) == works
    if not works:  # no tool, or one built without .recover (Debian 12's): doctor must not send the user there
        assert info["recover_command"] is None
        return
    subprocess.run(info["recover_command"], shell=True, check=True, timeout=120, capture_output=True)
    recovered = damaged.with_name("learnlog-recovered.db")
    n = sqlite3.connect(recovered).execute("SELECT count(*) FROM entry").fetchone()[0]
    assert 25 <= n <= 31


def test_encrypting_a_damaged_log_is_refused_and_changes_nothing(cli, damaged, monkeypatch):
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, SECRET)
    before = snapshot(damaged)
    r = cli("encrypt", code=1)
    assert "is damaged" in one_line(r.stderr)
    assert snapshot(damaged) == before
    assert not encryption.stale_temporaries(damaged)


def test_a_damaged_encrypted_log_is_found_by_doctor_and_refused_by_writes(cli, db_path, monkeypatch):
    for i in range(30):
        add(cli, f"Reflection {i}: {LONG}")
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, SECRET)
    cli("encrypt")
    size = db_path.stat().st_size
    overwrite_pages(db_path, [size // 4096 // 2])  # a page in the middle: its HMAC no longer matches
    before = snapshot(db_path)
    r = cli("doctor", "--json", code=1)
    assert r.stdout, r.stderr
    info = as_json(r)
    assert info["encrypted"] is True and info["sound"] is False
    assert info["recover_command"] is None  # the sqlite3 tool cannot read an encrypted file
    r = cli("add", "must not be written", code=1)
    assert "is damaged" in one_line(r.stderr)
    assert snapshot(db_path) == before
