"""Where the key of an encrypted log comes from, in order: LEARNLOG_PASSPHRASE (scripts, tests), the OS keyring
if the user opted in with `learnlog encrypt --remember` (it holds the derived raw key, so opening costs no key
derivation), else a prompt without echo on the terminal. Shell completion never prompts and never asks the
keyring: it runs on every Tab press.

The commands `encrypt`, `decrypt` and `passphrase` are here too (the end of the file): each is "which key,
then which change to the file in `encryption`", plus keeping the keyring in step.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from learnlog import encryption
from learnlog.errors import StoreError, UsageError

ENV_PASSPHRASE = "LEARNLOG_PASSPHRASE"
ENV_NEW_PASSPHRASE = "LEARNLOG_NEW_PASSPHRASE"
KEYRING_SERVICE = "learnlog"
COMPLETION_ENV = "_LEARNLOG_COMPLETE"

# ((st_dev, st_ino), salt) of the log -> raw key that opened it: one derivation per process.
_keys: dict[tuple[tuple[int, int], bytes], str] = {}


def _ident(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_dev, st.st_ino


def completing() -> bool:
    return bool(os.environ.get(COMPLETION_ENV))


def key_for(path: Path) -> str:
    """The raw key (x'…') for an encrypted log, from the first source that has one."""
    salt = encryption.salt(path)
    ident = (_ident(path), salt)
    if ident in _keys:
        return _keys[ident]
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        key = encryption.derive_key(env, salt)
    else:
        key = None if completing() else remembered(path)
        if key is None:
            typed = prompt(f"Passphrase for {path}: ")
            if typed is None:
                raise StoreError(
                    f"{path} is encrypted: set {ENV_PASSPHRASE}, or run learnlog in a terminal to type the passphrase"
                )
            key = encryption.derive_key(typed, salt)
    _keys[ident] = key
    return key


def adopt(path: Path, key: str) -> None:
    """The file now at `path` opens with `key` (a copy of an encrypted file this process has just opened), so
    it is not asked for again."""
    _keys[(_ident(path), encryption.salt(path))] = key


def has_key(path: Path) -> bool:
    """Whether this process already holds a key for the file now at `path`."""
    try:
        ident = _ident(path)
    except OSError:
        return False
    return any(k[0] == ident for k in _keys)


def forget(path: Path) -> None:
    """After a wrong key, a rekey or a swap: the next open asks its sources again."""
    with contextlib.suppress(OSError):
        ident = _ident(path)
        for k in [k for k in _keys if k[0] == ident]:
            del _keys[k]


def new_passphrase(what: str = "New passphrase", *, env_fallback: bool = True) -> str:
    """A passphrase to encrypt with: LEARNLOG_NEW_PASSPHRASE (or LEARNLOG_PASSPHRASE when `env_fallback`: when
    encrypting, the variable that will open the log is the natural one), else typed twice."""
    env = os.environ.get(ENV_NEW_PASSPHRASE) or (os.environ.get(ENV_PASSPHRASE) if env_fallback else None)
    if env:
        return encryption.check_passphrase(env)
    first = prompt(f"{what}: ")
    if first is None:
        names = f"{ENV_PASSPHRASE} (or {ENV_NEW_PASSPHRASE})" if env_fallback else ENV_NEW_PASSPHRASE
        raise StoreError(f"no terminal to type the new passphrase: set {names}, or run learnlog in a terminal")
    encryption.check_passphrase(first)
    if prompt("Type it again: ") != first:
        raise UsageError("the two passphrases differ — nothing was changed")
    return first


def prompt(text: str) -> str | None:
    """Read without echo from the controlling terminal; None when there is none (never read stdin: it may be
    the entry being added)."""
    if completing():
        return None
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        return None
    os.close(fd)
    import getpass

    try:
        return getpass.getpass(text)
    except (EOFError, OSError):
        return None


# -- keyring (optional package) ------------------------------------------------------------------------------


def _keyring():
    try:
        import keyring
        import keyring.errors
    except ImportError:
        return None
    return keyring


def _account(path: Path) -> str:
    return str(path.resolve())


def remembered(path: Path) -> str | None:
    kr = _keyring()
    if kr is None:
        return None
    try:
        value = kr.get_password(KEYRING_SERVICE, _account(path))
    except Exception:  # no backend, locked keyring, D-Bus gone: fall through to the prompt
        return None
    return value if value and encryption.RAW_KEY.match(value) else None


def remember(path: Path, key: str) -> None:
    kr = _keyring()
    if kr is None:
        raise StoreError("--remember needs the keyring package: pip install 'learnlog[encryption]'")
    try:
        kr.set_password(KEYRING_SERVICE, _account(path), key)
    except Exception as exc:
        raise StoreError(f"the OS keyring refused the key ({exc}); the log is encrypted, without --remember") from None


def unremember(path: Path) -> bool:
    kr = _keyring()
    if kr is None:
        return False
    try:
        kr.delete_password(KEYRING_SERVICE, _account(path))
    except Exception:
        return False
    return True


# -- what the commands do: which key, then which change to the file -------------------------------------------


def encrypt_log(path: Path, *, remember_key: bool = False) -> None:
    """Encrypt an existing plain log with a new passphrase; optionally keep the derived key in the keyring."""
    if remember_key and _keyring() is None:
        raise StoreError("--remember needs the keyring package: pip install 'learnlog[encryption]'")
    new = new_passphrase()
    encryption.encrypt(path, new)
    key = encryption.derive_key(new, encryption.salt(path))
    _keys[(_ident(path), encryption.salt(path))] = key
    if remember_key:
        remember(path, key)


def decrypt_log(path: Path) -> bool:
    """Back to a plain file; returns whether a remembered key was removed from the keyring."""
    if encryption.file_kind(path, fresh=True) != "encrypted":
        raise encryption.not_kind(path, "encrypted")
    key = key_for(path)
    encryption.decrypt(path, key)
    forget(path)
    return unremember(path)


def change_log_passphrase(path: Path) -> bool:
    """PRAGMA rekey to a new passphrase (from LEARNLOG_NEW_PASSPHRASE or typed twice); a key kept in the
    keyring is replaced by the new one. Returns whether the keyring was updated."""
    if encryption.file_kind(path, fresh=True) != "encrypted":
        raise encryption.not_kind(path, "encrypted")
    key = key_for(path)
    new = new_passphrase(env_fallback=False)
    kept = not completing() and remembered(path) is not None
    encryption.change_passphrase(path, key, new)
    forget(path)
    if kept:
        remember(path, encryption.derive_key(new, encryption.salt(path)))
    return kept
