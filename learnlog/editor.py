"""The $VISUAL/$EDITOR round trip. The draft lives in a real file in the recovery folder from the first moment,
so whatever goes wrong (editor crash, bad frontmatter, a conflict) the user's words are on disk and we say where.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from learnlog.dates import now
from learnlog.errors import InputError, UsageError


def __getattr__(name: str):
    # The templates moved to data files (learnlog/templates/*.md); `editor.TEMPLATES` stays for old callers.
    if name == "TEMPLATES":
        from learnlog import templates

        return {n: templates.load(n).body for n in templates.names()}
    raise AttributeError(name)


def editor_command() -> list[str]:
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            return shlex.split(value)
    for fallback in ("nano", "vi"):
        if shutil.which(fallback):
            return [fallback]
    raise UsageError("no editor found: set $EDITOR (e.g. export EDITOR=nano) or give the text as an argument")


@dataclass
class Draft:
    path: Path

    def read(self) -> str:
        try:
            return self.path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            # some editors save by delete-and-rename, and `:!rm %` exists: no file means nothing to save
            raise InputError(f"the editor left no file at {self.path}; nothing was saved") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"the draft is not valid UTF-8 ({exc.reason}); it is kept at {self.path}") from None

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)


def new_draft(folder: Path, text: str, label: str) -> Draft:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        stamp = now().strftime("%Y%m%d-%H%M%S")
        path = folder / f"{label}-{stamp}-{os.getpid()}.md"
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    except OSError as exc:
        raise InputError(f"cannot write a draft file in {folder}: {exc.strerror or exc}") from None
    return Draft(path)


def run_editor(draft: Draft) -> str:
    """Open the editor on the draft and return what was saved; a failing editor keeps the draft."""
    cmd = editor_command() + [str(draft.path)]
    try:
        result = subprocess.run(cmd, check=False)
    except OSError as exc:
        raise InputError(
            f"cannot start the editor {cmd[0]!r} ({exc.strerror}); your draft is kept at {draft.path}"
        ) from None
    if result.returncode != 0:
        raise InputError(
            f"the editor {cmd[0]!r} exited with status {result.returncode}; nothing was saved and your draft "
            f"is kept at {draft.path}"
        )
    return draft.read()


def is_blank(body: str, template: str = "") -> bool:
    """True when the body holds nothing but white space and the template's own headings."""
    template_lines = {line.strip() for line in template.splitlines() if line.strip()}
    return not any(line.strip() and line.strip() not in template_lines for line in body.splitlines())
