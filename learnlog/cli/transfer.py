"""Moving words in and out of files: export (the statement, or every entry as md-dir) and import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import complete, output
from learnlog.cli.app import MAX_INT, JsonOpt, app, journal, target_badge, write_atomic
from learnlog.cli.statements import preflight
from learnlog.errors import NotFound, Refused, UsageError

PANEL = "Statement and export"


def _export_log(j, folder: Path, overwrite: bool) -> int:
    from learnlog import render
    from learnlog.exporters import FoldedNames, entry_filename, entry_markdown

    j.check_sound()  # a backup of a damaged log would pass for a good one, and may replace it
    if j.encrypted:
        render.note(f"[yellow]Warning:[/] this log is encrypted, but the md-dir files in {folder} are plain text.")
    entries = j.list(limit=None, oldest_first=True)
    taken = FoldedNames()
    plan = []
    for e in entries:
        name = entry_filename(e, taken)
        taken.add(name)
        plan.append((folder / name, e))
    if not overwrite:
        clash = next((p for p, _ in plan if p.exists()), None)
        if clash:
            raise Refused(f"{clash} already exists; choose an empty folder or use --overwrite")
    with render.progress(len(plan), "Exporting") as bar:
        task = bar.add_task("Writing files", total=len(plan))
        for path, e in plan:
            write_atomic(path, entry_markdown(e), overwrite=True, durable=False)
            bar.advance(task)
    return len(plan)


@app.command(rich_help_panel=PANEL)
def export(
    target: Annotated[
        str | None,
        typer.Argument(metavar="[STATEMENT|DIR]", help="Statement id (default latest); with --all, DIR."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", "-F", help="md, txt, html, json; md-dir with --all.", autocompletion=complete.formats),
    ] = "md",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Back up every entry as markdown files (md-dir).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Export even when the preflight check fails.")] = False,
    redact: Annotated[bool, typer.Option("--redact", help="Replace open findings with [PLACEHOLDERS].")] = False,
    pseudonyms: Annotated[bool, typer.Option("--pseudonyms", help="Replace names with Person A, B….")] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace an existing file.")] = False,
) -> None:
    """Export your statement for the badge application, or back up the whole log.

    The statement export runs 'learnlog check' first and refuses when anything fails (--force overrides).

    \b
    Examples:
      learnlog export --format txt -o statement.txt
      learnlog export 2 --format html -o statement.html --pseudonyms
      learnlog export --format json > evidence.json
      learnlog export --all --format md-dir ~/learnlog-backup
    """
    import sys

    from learnlog import render

    j = journal()
    if all_ or fmt == "md-dir":
        folder = Path(target) if target else output
        if not (all_ and fmt == "md-dir" and folder):
            raise UsageError("back up with: learnlog export --all --format md-dir DIR")
        n = _export_log(j, folder, overwrite)
        render.note(f"Wrote {n} entries to {folder}.")
        return
    from learnlog.exporters import ExportDoc, get_format
    from learnlog.exporters import render as render_format

    get_format(fmt)
    statement_id = None
    if target is not None:
        if not target.strip().isdigit() or not 1 <= int(target) <= MAX_INT:
            raise UsageError(f"{target[:24]!r} is not a statement id (see learnlog statement list)")
        statement_id = int(target)
    badge, st, result = preflight(j, statement_id)
    if st is None:
        raise NotFound("no statement to export yet; create one with: learnlog statement new --all")
    failed = [r for r in result.rows if r.status == "fail"]
    if failed and not force:
        names = "; ".join(f"{r.check}: {r.detail}" for r in failed)
        raise Refused(f"not exported — the check failed ({names}). Fix it, or use --force to export anyway")
    if failed:
        render.note(f"[yellow]Warning:[/] exporting despite {len(failed)} failed check(s) (--force).")
    body = st.body
    if redact or pseudonyms:
        from learnlog.confidential import redact as redact_text

        found = j.statement_findings(st.id)
        body = redact_text(body, found, pseudonyms=pseudonyms)
    from learnlog.words import word_count

    sources = j.list(ids=st.entry_ids, limit=None) if st.entry_ids else []
    covered = sorted({c for e in sources for c, s in e.criteria.items() if s == "manual"})
    doc = ExportDoc(
        title=st.title,
        body=body,
        badge=badge,
        criteria_covered=covered,
        word_count=word_count(body),
        created=st.created,
        updated=st.updated,
        entry_ids=st.entry_ids,
    )
    text = render_format(fmt, doc)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        created = write_atomic(output, text, overwrite=overwrite)
        if created:
            render.note(created)
        render.note(f"Wrote {output} ({doc.word_count} words).")


@app.command("import", rich_help_panel=PANEL)
def import_(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Markdown files, folders or a jrnl journal.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every file as it is saved.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Import markdown files or folders (learnlog backups, Obsidian notes) and jrnl journals.

    Re-importing the same files adds nothing; a bad file is reported and skipped.

    \b
    Examples:
      learnlog import ~/learnlog-backup
      learnlog import ~/.local/share/jrnl/journal.txt
    """
    from learnlog import importers, render

    j = journal()
    valid = {c.id for c in target_badge(j).criteria}
    sources = list(importers.iter_sources(paths))
    skipped: list[tuple[str, str]] = []

    def items():
        for path in sources:
            result = importers.read_file(path)
            skipped.extend(result.skipped)
            for e in result.entries:
                unknown = sorted(set(e.criteria) - valid)
                if unknown:
                    skipped.append((str(path), f"criteria not in {j.target_badge} ignored: {', '.join(unknown)}"))
                    e = replace(e, criteria={c: s for c, s in e.criteria.items() if c in valid})
                yield str(path), e
            bar.advance(task)

    def committed(done):
        if verbose:
            for source, eid in done:
                print(f"imported {source} -> entry {eid}", flush=True)

    with render.progress(len(sources), "Importing") as bar:
        task = bar.add_task("Importing files", total=len(sources))
        report = j.import_entries(items(), on_commit=committed)
    skipped.extend(report.skipped)
    # Nothing could be read at all (every file bad or missing): a script must notice.
    failed = not report.added and not report.skipped and any(r != "already in the log" for _, r in skipped)
    if json_out:
        output.print_json(
            {
                "added": [{"source": s, "entry": i} for s, i in report.added],
                "skipped": [{"source": s, "reason": r} for s, r in skipped],
            }
        )
    else:
        render.note(f"Imported {len(report.added)} entries from {len(sources)} file(s); skipped {len(skipped)}.")
        for source, reason in skipped:
            render.note(f"  skipped {render.escape(source)}: {render.escape(reason)}")
    if failed:
        raise typer.Exit(1)
