"""`learnlog import` as one domain operation: read the files, add what is new, and when a path is a learnlog
md-dir backup folder bring back the application it carries (ids, statements, settings, badges, allowlist,
dismissals). The CLI only renders the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from learnlog import importers, mdbackup
from learnlog.errors import InputError
from learnlog.exporters.backup import STATEMENTS
from learnlog.fingerprint import fingerprint
from learnlog.limits import check_entry

ALREADY = "already in the log"  # the reason `Journal.import_entries` gives for content the log holds


@dataclass
class ImportOutcome:
    added: list[tuple[str, int]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0
    restored: list[mdbackup.Restored] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # imported, but not all of it (unknown criteria)

    @property
    def already(self) -> int:
        return sum(r == ALREADY for _, r in self.skipped)

    @property
    def failed(self) -> bool:
        """The exit-code rule: failure (1) when nothing could be imported — no entry added and none already in
        the log, and something could not be read. Anything added, or found already there (a re-run, a nightly
        sync), is success (0), with every file that could not be read named."""
        return not self.added and not self.already and any(r != ALREADY for _, r in self.skipped)


def import_paths(
    j,
    paths: Iterable[Path],
    *,
    valid_criteria: set[str],
    jrnl_config: Path | None = None,
    on_file: Callable[[], None] | None = None,
    on_commit: Callable[[list[tuple[str, int]]], None] | None = None,
    count_files: Callable[[int], None] | None = None,
) -> ImportOutcome:
    """Import `paths` into the log `j`. Backup folders go first, one at a time, each with its manifest; the
    other paths follow together. Criteria the target badge does not have are dropped with a note."""
    paths = [Path(p) for p in paths]
    backups = [(p, m) for p in paths if (m := mdbackup.backup_folder(p)) is not None]
    others = [p for p in paths if all(p != b for b, _ in backups)]
    groups = [([p], m) for p, m in backups] + ([(others, None)] if others else [])
    sources_by_group = [
        # A backup's statements are brought back by its manifest, not imported as entries.
        [s for s in importers.iter_sources(group) if m is None or (group[0] / STATEMENTS) not in s.parents]
        for group, m in groups
    ]
    outcome = ImportOutcome(files=sum(len(s) for s in sources_by_group))
    if count_files:
        count_files(outcome.files)
    for (group, manifest), sources in zip(groups, sources_by_group, strict=True):
        if manifest is not None:
            mdbackup.apply_settings(j, manifest)
            valid = valid_criteria_for(j, valid_criteria)
        else:
            valid = valid_criteria
        old_ids: dict[str, int] = {}
        prints: dict[int, str] = {}  # backup id -> content fingerprint

        def items(sources=sources, valid=valid, old_ids=old_ids, prints=prints):
            for path in sources:
                result = importers.read_file(path, jrnl_config)
                outcome.skipped.extend(result.skipped)
                for e in result.entries:
                    try:
                        check_entry(e)
                    except InputError as exc:  # one bad entry of a journal is reported; the rest comes in
                        outcome.skipped.append(
                            (
                                str(path),
                                f"an entry of {e.date.isoformat()}: {str(exc).removesuffix(' — nothing was saved')}",
                            )
                        )
                        continue
                    unknown = sorted(set(e.criteria) - valid)
                    if unknown:
                        note = f"criteria not in {j.target_badge} ignored: {', '.join(unknown)}"
                        outcome.notes.append((str(path), note))
                        e = replace(e, criteria={c: s for c, s in e.criteria.items() if c in valid})
                    if e.id is not None:
                        old_ids[str(path)] = e.id  # learnlog's own files hold one entry each
                        prints[e.id] = fingerprint(e)
                    yield str(path), e
                if on_file:
                    on_file()

        report = j.import_entries(items(), on_commit=on_commit, keep_ids=manifest is not None)
        outcome.added.extend(report.added)
        outcome.skipped.extend(report.skipped)
        if manifest is not None:
            id_map = {old_ids[s]: new for s, new in report.added if s in old_ids}
            # Entries already in the log (a re-run into the same log) are the entry of that id only if it
            # holds the same text: in another log the same number names another entry.
            for entry_id, fp in prints.items():
                if entry_id not in id_map and _same_entry(j, entry_id, fp):
                    id_map[entry_id] = entry_id
            outcome.restored.append(mdbackup.apply_manifest(j, group[0], manifest, id_map))
    return outcome


def _same_entry(j, entry_id: int, fp: str) -> bool:
    from learnlog.errors import NotFound

    try:
        return fingerprint(j.get(entry_id, deleted=None)) == fp
    except NotFound:
        return False


def valid_criteria_for(j, default: set[str]) -> set[str]:
    """The target badge's criteria after a backup's settings may have changed the target badge."""
    from learnlog.config import frameworks_dir
    from learnlog.errors import LearnlogError
    from learnlog.frameworks import get_badge

    try:
        return {c.id for c in get_badge(j.target_badge, frameworks_dir()).criteria}
    except LearnlogError:  # an unknown badge: `learnlog check` says so; the criteria stay as they were
        return default
