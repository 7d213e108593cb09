"""Where the key comes from: the environment, then the keyring if opted in, then a prompt on the terminal;
never a prompt without a terminal, and never during shell completion."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import add

pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")
keyring = pytest.importorskip("keyring")

from learnlog import encryption, passphrase  # noqa: E402

SECRET = "a passphrase for tests"
TESTS = Path(__file__).parent


@pytest.fixture
def encrypted(cli, db_path) -> Path:
    add(cli, "Reflection on the carers' forum and what Mrs Dunsmore said")
    encryption.encrypt(db_path, SECRET)
    passphrase.forget(db_path)
    return db_path


def opens(path: Path, key: str) -> bool:
    try:
        encryption.open_encrypted(path, key, timeout=1).close()
    except encryption.WrongPassphrase:
        return False
    return True


def test_environment_passphrase_gives_the_key_that_opens_the_log(encrypted, monkeypatch):
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, SECRET)
    key = passphrase.key_for(encrypted)
    assert encryption.RAW_KEY.match(key)
    assert opens(encrypted, key)


def test_the_keyring_holds_the_derived_key_not_the_passphrase(encrypted, monkeypatch, file_keyring):
    monkeypatch.delenv(passphrase.ENV_PASSPHRASE, raising=False)
    passphrase.remember(encrypted, encryption.derive_key(SECRET, encryption.salt(encrypted)))
    stored = json.loads(file_keyring.read_text())
    assert SECRET not in json.dumps(stored)
    key = passphrase.key_for(encrypted)
    assert opens(encrypted, key)
    assert passphrase.unremember(encrypted)
    assert passphrase.remembered(encrypted) is None


def test_the_environment_wins_over_the_keyring(encrypted, monkeypatch, file_keyring):
    passphrase.remember(encrypted, encryption.derive_key(SECRET, encryption.salt(encrypted)))
    monkeypatch.setenv(passphrase.ENV_PASSPHRASE, "not the passphrase")
    assert not opens(encrypted, passphrase.key_for(encrypted))


def _run(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # start_new_session: no controlling terminal, as under cron or CI; stdin is a pipe with text on it
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        input=b"this is not a passphrase\n",
        capture_output=True,
        timeout=60,
        start_new_session=True,
    )


def test_without_a_terminal_it_never_reads_stdin_for_the_passphrase(encrypted):
    env = {k: v for k, v in os.environ.items() if k != passphrase.ENV_PASSPHRASE}
    code = (
        "from pathlib import Path; from learnlog import passphrase\n"
        f"try:\n    passphrase.key_for(Path({str(encrypted)!r}))\nexcept Exception as e:\n    print(e)"
    )
    out = _run(code, env)
    assert out.returncode == 0, out.stderr
    assert "is encrypted: set LEARNLOG_PASSPHRASE" in out.stdout.decode()


def test_completion_never_prompts_nor_asks_the_keyring(encrypted, monkeypatch):
    monkeypatch.delenv(passphrase.ENV_PASSPHRASE, raising=False)
    monkeypatch.setenv(passphrase.COMPLETION_ENV, "complete_bash")
    monkeypatch.setattr(passphrase, "remembered", lambda path: pytest.fail("asked the keyring"))
    with pytest.raises(encryption.StoreError, match="is encrypted"):
        passphrase.key_for(encrypted)
    assert passphrase.prompt("Passphrase: ") is None


@pytest.mark.parametrize("bad", ["short", "x'abc'"])
def test_a_new_passphrase_must_be_usable(monkeypatch, bad):
    monkeypatch.setenv(passphrase.ENV_NEW_PASSPHRASE, bad)
    with pytest.raises(encryption.UsageError, match="too short"):
        passphrase.new_passphrase()
