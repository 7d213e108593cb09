"""The one markdown-with-frontmatter form of an entry: used by the editor, `show --raw`, md-dir export and import.

The body is kept byte-exact: the frontmatter fence is split by hand (python-frontmatter strips the whole text,
which would change bodies that start or end with white space) and YAML is read with PyYAML's safe loader.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from learnlog.dates import parse_date, parse_timestamp
from learnlog.errors import InputError
from learnlog.limits import MAX_HOURS
from learnlog.records import Entry

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:^|\r?\n)---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
STATUSES = ("draft", "final")


@dataclass
class Parsed:
    """Frontmatter fields that were present (validated and typed) and the body exactly as written."""

    body: str
    meta: dict[str, Any] = field(default_factory=dict)


def split(text: str) -> tuple[str | None, str]:
    """Return (yaml text or None, body). A file without a leading fence is all body."""
    m = _FENCE.match(text)
    if not m:
        return None, text
    return m.group(1), text[m.end() :]


def _without_timestamps(loader):
    loader.yaml_implicit_resolvers = {
        key: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in loader.yaml_implicit_resolvers.items()
    }
    return loader


@cache
def _loader():
    """PyYAML's safe loader minus timestamp guessing: dates stay text, so a bad one is reported by field."""
    import yaml

    class Loader(yaml.SafeLoader):
        def compose_node(self, parent, index):
            # Aliases let 400 bytes expand to gigabytes ("billion laughs"); frontmatter never needs them.
            if self.check_event(yaml.events.AliasEvent):
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed", mark)
            return super().compose_node(parent, index)

    return _without_timestamps(Loader)


@cache
def _fast_loader():
    """libyaml's parser (about 10x faster, for bulk import) with the same resolvers; only used on YAML that
    has no anchor or alias, since the alias guard above needs the pure-Python composer."""
    import yaml

    base = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return _loader()

    class FastLoader(base):
        pass

    return _without_timestamps(FastLoader)


_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s\]},]")


def _yaml_load(src: str, where: str) -> dict:
    import yaml

    try:
        loader = _loader() if _ANCHOR_OR_ALIAS.search(src) else _fast_loader()
        data = yaml.load(src, Loader=loader) if src.strip() else {}  # noqa: S506 (SafeLoader subclasses)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 2})" if mark is not None else ""
        problem = f": {exc.problem}" if getattr(exc, "problem", None) else ""
        raise InputError(f"{where}: the frontmatter is not valid YAML{line}{problem}") from None
    except Exception as exc:  # noqa: BLE001
        # Explicit tags (!!float lots) and absurd nesting fail inside PyYAML's constructors, not its parser.
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc).split("\n")[0]
        raise InputError(f"{where}: the frontmatter has a value that cannot be read ({reason})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{where}: the frontmatter must be 'key: value' lines, not a {type(data).__name__}")
    return data


_LIST_EXAMPLES = {"tags": "[supervision, sds]", "criteria": "[c1, c3]", "resources": "[talking-points]"}


def _str_list(value: Any, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v for v in re.split(r"[,\s]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise InputError(f"{where}: '{key}' must be a list of words, e.g. {_LIST_EXAMPLES.get(key, '[a, b]')}")
    return [str(v).strip() for v in value if str(v).strip()]


def parse(text: str, where: str = "entry") -> Parsed:
    """Parse a markdown entry; raises InputError naming the field for malformed frontmatter."""
    src, body = split(text)
    meta: dict[str, Any] = {}
    if src is None:
        return Parsed(body=body)
    data = _yaml_load(src, where)
    for key, value in data.items():
        key = str(key).lower()
        if value is None:
            continue
        if key == "title":
            if isinstance(value, (list, dict)):
                raise InputError(f"{where}: 'title' must be text, got a {type(value).__name__}")
            meta["title"] = str(value).strip()
        elif key == "date":
            try:
                meta["date"] = parse_date(value if isinstance(value, dt.date) else str(value))
            except Exception:
                raise InputError(f"{where}: 'date' must be YYYY-MM-DD, got {value!r}") from None
        elif key in ("tags", "criteria", "resources"):
            if key == "criteria" and isinstance(value, dict):
                bad = [str(v) for v in value.values() if v not in ("manual", "suggested")]
                if bad:
                    raise InputError(
                        f"{where}: 'criteria' links are manual or suggested (e.g. {{c1: manual}}), got {bad[0]!r}"
                    )
                meta[key] = {str(k): str(v) for k, v in value.items()}
            else:
                meta[key] = _str_list(value, key, where)
        elif key == "hours":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_HOURS:
                raise InputError(
                    f"{where}: 'hours' must be a number of hours from 0 to {MAX_HOURS:g} such as 1.5, got {value!r}"
                )
            meta["hours"] = float(value)
        elif key == "status":
            if str(value) not in STATUSES:
                raise InputError(f"{where}: 'status' must be draft or final, got {value!r}")
            meta["status"] = str(value)
        elif key == "id":
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError(f"{where}: 'id' must be a whole number, got {value!r}")
            meta["id"] = value
        elif key in ("created", "updated"):
            try:
                meta[key] = parse_timestamp(value if isinstance(value, dt.datetime) else str(value))
            except Exception:
                raise InputError(f"{where}: '{key}' must be an ISO timestamp, got {value!r}") from None
        else:
            meta.setdefault("extra", {})[key] = value
    return Parsed(body=body, meta=meta)


def derive_title(body: str, limit: int = 72) -> str:
    """The first non-empty line without markdown heading marks: what a user would call the entry.

    A template's own headings ("## What?", "## Description") are skipped: they name the template, not the entry.
    Derived when shown rather than stored, so a redacted body never leaves the old words in a title."""
    from learnlog.templates import is_template_heading

    for line in body.splitlines():
        heading = line.lstrip().startswith("#")
        line = re.sub(r"^\s*(#+|[-*>]|\d+\.)\s*", "", line).strip()
        if heading and is_template_heading(line.rstrip("#").strip()):
            continue
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def _criteria_field(criteria: dict[str, str]) -> list[str] | dict[str, str]:
    # Manual links are the common case: a plain list reads best; the mapping only appears when a suggestion is kept.
    if all(v == "manual" for v in criteria.values()):
        return sorted(criteria)
    return {k: criteria[k] for k in sorted(criteria)}


def dump(entry: Entry, *, with_id: bool = True, with_timestamps: bool = True) -> str:
    """Markdown with YAML frontmatter; `parse(dump(e))` gives back the same fields and the exact body."""
    import yaml

    meta: dict[str, Any] = {}
    if with_id and entry.id is not None:
        meta["id"] = entry.id
    if entry.title:
        meta["title"] = entry.title
    meta["date"] = entry.date
    meta["tags"] = list(entry.tags)
    if entry.hours is not None:
        meta["hours"] = entry.hours
    meta["status"] = entry.status
    if entry.criteria:
        meta["criteria"] = _criteria_field(entry.criteria)
    if entry.resources:
        meta["resources"] = list(entry.resources)
    if with_timestamps:
        if entry.created:
            meta["created"] = entry.created.isoformat()
        if entry.updated:
            meta["updated"] = entry.updated.isoformat()
    # Keys learnlog has no field for (an imported note's aliases…) go last, as they came.
    meta.update({k: v for k, v in entry.properties.items() if k not in meta})
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: backups of 10,000 entries
    head = yaml.dump(meta, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=None, width=1000)
    return f"---\n{head}---\n{entry.body}"


def to_entry(parsed: Parsed, defaults: Entry) -> Entry:
    """Apply parsed frontmatter over defaults (the entry being edited, or a new one)."""
    m = parsed.meta
    criteria = m.get("criteria", defaults.criteria)
    if isinstance(criteria, list):
        criteria = {c: defaults.criteria.get(c, "manual") for c in criteria}
    return Entry(
        id=defaults.id,
        date=m.get("date", defaults.date),
        body=parsed.body,
        title=m.get("title", defaults.title if "title" not in m else ""),
        tags=m.get("tags", defaults.tags),
        hours=m.get("hours", defaults.hours),
        status=m.get("status", defaults.status),
        created=m.get("created", defaults.created),
        updated=m.get("updated", defaults.updated),
        criteria=criteria,
        resources=m.get("resources", defaults.resources),
        version=defaults.version,
        # The file is the whole truth about keys learnlog does not know: one removed in the editor is gone.
        properties=dict(m.get("extra", {})),
    )
