"""Markdown and text notes: learnlog's own entry files, Obsidian notes, and any `.md`/`.txt` with or without
YAML frontmatter. Frontmatter is read by `learnlog.entryfile`, the one parser for learnlog's entry form.

A file whose frontmatter has learnlog's `date`, `tags` and `status` keys is taken as learnlog's own (a backup
or `show --raw`) and read exactly, so a backup restores unchanged. Anything else is a note, and gets:
- title: `title:`, else (in an Obsidian vault, a folder under one holding `.obsidian/`) the file name, as
  Obsidian shows it; outside a vault the first `# heading` (removed from the body when it opens it), else the
  file name;
- date: `date:`, else `created:`, else a YYYY-MM-DD file-name prefix, else the file's modified date;
- tags: `tags:`/`tag:` as a list or a string, plus Obsidian inline `#tags` outside code; a tag of digits
  only (`2026`), which Obsidian does not accept as a tag, gets Obsidian's own fix: `y2026`.

learnlog's md-dir files end with a newline that is not part of the body; reading takes exactly one off.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from learnlog import entryfile
from learnlog.importers.base import Importer, Source, clean_tags, date_from_name, local_to_utc
from learnlog.records import Entry

LEARNLOG_KEYS = {"date", "tags", "status"}
_CODE = re.compile(r"^(```|~~~).*?(?:^\1[^\n]*$|\Z)|`[^`\n]+`", re.MULTILINE | re.DOTALL)
_H1 = re.compile(r"^# +(.+?)(?: +#+)? *$", re.MULTILINE)
# Obsidian: "#" after white space (or at line start), then letters, digits, _ - /, not only digits.
_INLINE_TAG = re.compile(r"(?<!\S)#([\w/-]*[^\W\d][\w/-]*)")


def _mask_code(text: str) -> str:
    """Blank out code, keeping offsets, so "# comment" or "#include" is neither a title nor a tag."""
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def inline_tags(body: str) -> list[str]:
    return [t.strip("/-") for t in _INLINE_TAG.findall(_mask_code(body))]


def title_from_name(stem: str) -> str:
    """`2026-03-14-reviewing-care-plans` -> "Reviewing care plans"; "Team meeting notes" stays as it is."""
    rest = re.sub(r"^\d{4}-\d{2}-\d{2}[\s_.-]*", "", stem).strip()
    if rest and " " not in rest and re.search(r"[-_]", rest):
        rest = re.sub(r"[-_]+", " ", rest).strip()
        if rest == rest.lower():
            rest = rest[:1].upper() + rest[1:]
    return rest


def _title_from_heading(body: str) -> tuple[str, str]:
    """(title, body): the first level-1 heading, cut from the body only when it is the body's first line."""
    m = _H1.search(_mask_code(body))
    if not m:
        return "", body
    title = body[m.start(1) : m.end(1)].strip()
    if not body[: m.start()].strip():
        body = body[m.end() :]
    return title, body


def _as_list(value: object) -> list[str]:
    """Obsidian also accepts a singular `tag:`, as a list or a "a, b" / "a b" string."""
    if isinstance(value, str):
        return [t for t in re.split(r"[,\s]+", value) if t]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str | int)]
    return []


def _is_learnlog(src: str | None, meta: dict) -> bool:
    return src is not None and meta.keys() >= LEARNLOG_KEYS


@lru_cache(maxsize=1024)
def _vault_of(folder: Path) -> bool:
    try:
        if (folder / ".obsidian").is_dir():
            return True
    except OSError:
        return False
    return folder.parent != folder and _vault_of(folder.parent)


def in_obsidian_vault(path: Path) -> bool:
    return _vault_of(Path(path).absolute().parent)


def _has_manifest(folder: Path) -> bool:  # not cached: a backup folder gains its manifest while we run
    from learnlog.exporters.backup import MANIFEST

    try:
        return (folder / MANIFEST).is_file()
    except OSError:
        return False


def in_md_dir_backup(path: Path) -> bool:
    """A file of a learnlog md-dir folder (its entries at the top, statements one level down)."""
    folder = Path(path).absolute().parent
    return _has_manifest(folder) or _has_manifest(folder.parent)


def valid_tag(tag: str) -> str:
    """Obsidian needs one character that is not a digit in a tag; its documentation's own example is y1984."""
    return f"y{tag}" if tag.isdigit() else tag


def _drop_final_newline(body: str) -> str:
    if body.endswith("\r\n"):
        return body[:-2]
    return body[:-1] if body.endswith("\n") else body


def parse(source: Source) -> list[Entry]:
    text = source.text
    src, _ = entryfile.split(text)
    parsed = entryfile.parse(text, where=str(source.path))
    meta = dict(parsed.meta)
    if _is_learnlog(src, meta):
        # learnlog's own files restore byte-exact, Windows line endings in a body included.
        exact = entryfile.parse(source.raw, where=str(source.path)) if source.raw else parsed
        if in_md_dir_backup(source.path):
            exact = replace(exact, body=_drop_final_newline(exact.body))
        # The id is kept (a restore into an empty log gives entries back their ids); a log that has entries
        # gives imported ones new ids whatever the file says.
        return [entryfile.to_entry(exact, Entry(id=meta.get("id"), date=meta["date"], body=""))]

    body = parsed.body
    title = meta.get("title", "")
    if not title and in_obsidian_vault(source.path):
        title = title_from_name(source.path.stem)
    if not title:
        title, body = _title_from_heading(body)
    body = body.strip("\n").rstrip()
    title = title or title_from_name(source.path.stem) or entryfile.derive_title(body)
    if not title and not body:
        return []
    created = meta.get("created")
    date = meta.get("date") or (created.date() if created else None) or date_from_name(source.path.name)
    extra = dict(meta.get("extra", {}))
    tags = list(meta.get("tags", [])) + _as_list(extra.pop("tag", None))  # Obsidian's singular form is tags
    meta["extra"] = extra
    tags += inline_tags(body)
    for key in ("created", "updated"):
        if key in meta:
            meta[key] = local_to_utc(meta[key])
    fields = {
        **meta,
        "title": title,
        "tags": [valid_tag(t) for t in clean_tags(tags)],
        "date": date or source.modified(),
    }
    return [entryfile.to_entry(replace(parsed, body=body, meta=fields), Entry(id=None, date=fields["date"], body=""))]


IMPORTER = Importer("markdown", "markdown or text note (learnlog, Obsidian, plain)", lambda source: True, parse)
