"""Statement, preflight check, export and import commands."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import app, journal, make_app
from learnlog.errors import InputError, NotFound, Refused, UsageError

PANEL = "Statement and export"
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]

statement_app = make_app(help="Assemble and edit your badge statement from your own entries.")
app.add_typer(statement_app, name="statement", rich_help_panel=PANEL)


def _ids(values: list[str] | None) -> list[int]:
    out = []
    for v in values or []:
        for part in v.replace(",", " ").split():
            try:
                out.append(int(part))
            except ValueError:
                raise UsageError(f"{part!r} is not an entry id (use numbers, e.g. --from 3,7,12)") from None
    return out


def _edit_statement(st_text: str, label: str) -> tuple[str, object]:
    from learnlog.cli.entries import _recovery
    from learnlog.editor import new_draft, run_editor

    draft = new_draft(_recovery(), st_text, label)
    return run_editor(draft), draft


@statement_app.command("new")
def statement_new(
    from_: Annotated[list[str] | None, typer.Option("--from", help="Entry ids, e.g. 3,7,12.")] = None,
    criterion: Annotated[list[str] | None, typer.Option("--criterion", "-c", help="Entries linked to it.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every entry linked to a criterion.")] = False,
    headings: Annotated[bool, typer.Option("--headings", help="Add a heading per criterion.")] = False,
    title: Annotated[str | None, typer.Option("--title", help="Statement title.")] = None,
    no_edit: Annotated[bool, typer.Option("--no-edit", help="Save without opening the editor.")] = False,
) -> None:
    """Assemble a statement draft from your entries, ordered by criterion, and open it in your editor.

    learnlog adds no words of its own (only the headings you ask for).

    \b
    Examples:
      learnlog statement new --all --headings
      learnlog statement new --from 3,7,12 --no-edit
    """
    from learnlog import render
    from learnlog.cli.criteria import check_criteria, target_badge
    from learnlog.statement import assemble

    j = journal()
    badge = target_badge(j)
    ids = _ids(from_)
    if criterion:
        check_criteria(badge, criterion)
    if not (ids or criterion or all_):
        raise UsageError("choose entries: --from IDS, --criterion c1 … or --all")
    if ids:
        entries = [j.get(i) for i in ids]
    else:
        entries = [e for e in j.list(limit=None) if e.criteria and (all_ or set(criterion or []) & set(e.criteria))]
    if not entries:
        raise NotFound("no entries are linked to those criteria yet; tag some with 'learnlog tag ID c1'")
    body = assemble(entries, badge, headings=headings)
    draft = None
    if not no_edit:
        body, draft = _edit_statement(body, "statement")
        if not body.strip():
            draft.discard()
            raise InputError("the statement is empty, so nothing was saved")
    st = j.create_statement(badge.id, title or f"{badge.title}", body, [e.id for e in entries])
    if draft:
        draft.discard()
    render.note(f"Saved statement [bold]{st.id}[/] from {len(entries)} entries. Next: learnlog check")


@statement_app.command("list")
def statement_list(json_out: JsonOpt = False) -> None:
    """List your statements.

    \b
    Example:
      learnlog statement list
    """
    from learnlog import render

    rows = [(s, s.words) for s in journal().statements()]
    if json_out:
        render.print_json(
            [
                {
                    "id": s.id,
                    "badge": s.badge_id,
                    "title": s.title,
                    "words": w,
                    "updated": s.updated,
                    "entries": s.entry_ids,
                }
                for s, w in rows
            ]
        )
        return
    t = render.table("id", "badge", "title", "words", "updated")
    for s, w in rows:
        t.add_row(str(s.id), s.badge_id, render.escape(s.title), str(w), s.updated.strftime("%Y-%m-%d %H:%M"))
    render.out().print(t)


@statement_app.command("show")
def statement_show(
    statement_id: Annotated[int | None, typer.Argument(metavar="[ID]", help="Default: the latest.")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="The markdown exactly as stored.")] = False,
) -> None:
    """Show a statement.

    \b
    Example:
      learnlog statement show
    """
    import sys

    from learnlog import render

    st = journal().statement(statement_id)
    if raw:
        sys.stdout.write(st.body)
        return
    from rich.markdown import Markdown
    from rich.panel import Panel

    render.out().print(Panel(Markdown(st.body), title=f"[bold]Statement {st.id}: {render.escape(st.title)}"))


@statement_app.command("edit")
def statement_edit(statement_id: Annotated[int | None, typer.Argument(metavar="[ID]")] = None) -> None:
    """Edit a statement in your editor; the previous text is kept as a revision.

    \b
    Example:
      learnlog statement edit 1
    """
    from learnlog import render

    j = journal()
    st = j.statement(statement_id)
    body, draft = _edit_statement(st.body, f"statement-{st.id}")
    if not body.strip():
        raise InputError(f"the statement would be empty, so nothing was saved; your draft is kept at {draft.path}")
    if body == st.body:
        draft.discard()
        render.note("No changes.")
        return
    saved = j.update_statement(replace(st, body=body), expected_version=st.version, draft_file=draft.path)
    draft.discard()
    render.note(f"Saved statement {saved.id} (version {saved.version}).")


def _preflight(j, statement_id: int | None):
    """Gather what the preflight needs from the store; the verdicts themselves are pure (learnlog.preflight)."""
    from learnlog import preflight
    from learnlog.cli.criteria import target_badge
    from learnlog.plain_language import find_jargon

    badge = target_badge(j)
    try:
        st = j.statement(statement_id)
    except NotFound:
        if statement_id is not None:
            raise
        st = None
    # Evidence counts where it is submitted: a statement built from entries is judged on those entries.
    sources = j.criterion_sources(badge.id, st.entry_ids if st and st.entry_ids else None)
    findings, jargon, words = [], [], None
    if st is not None:
        from learnlog.words import word_count

        findings = j.statement_findings(st.id)
        jargon = find_jargon(st.body)
        words = word_count(st.body)
    inputs = preflight.PreflightInputs(
        badge=badge,
        held_badges=set(j.held_badges()),
        covered={c for c, s in sources.items() if "manual" in s},
        suggested={c for c, s in sources.items() if "manual" not in s},
        word_count=words,
        findings=findings,
        jargon=jargon,
        own_work_confirmed=j.own_work_confirmed(),
    )
    return badge, st, preflight.run(inputs)


@app.command(rich_help_panel=PANEL)
def check(
    statement_id: Annotated[int | None, typer.Argument(metavar="[STATEMENT]", help="Default: the latest.")] = None,
    confirm_own_work: Annotated[
        bool,
        typer.Option("--confirm-own-work", help="Record that all the evidence is your own work (dated)."),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Is your evidence ready? One row per check: pass, warn or fail, with the fix.

    Exit code 0 when nothing fails, 1 otherwise.

    \b
    Examples:
      learnlog check
      learnlog check --confirm-own-work
      learnlog check --json
    """
    from learnlog import dates, render

    j = journal()
    if confirm_own_work:
        j.confirm_own_work(dates.today())
        render.note("Recorded: all the work provided as evidence is your own.")
    badge, st, result = _preflight(j, statement_id)
    if json_out:
        render.print_json({"badge": badge.id, "statement": st.id if st else None, **result.to_dict()})
    else:
        style = {"pass": "[green]pass[/]", "warn": "[yellow]warn[/]", "fail": "[bold red]fail[/]"}
        t = render.table("check", "result", "detail", "fix", title=f"Preflight for {badge.id}")
        for row in result.rows:
            t.add_row(row.check, style[row.status], render.escape(row.detail), render.escape(row.fix or ""))
        render.out().print(t)
    raise typer.Exit(0 if result.ok else 1)


def write_atomic(path: Path, text: str, *, overwrite: bool, durable: bool = True) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file; refuse to clobber.

    `durable=False` skips the fsync: right for a 10,000-file backup whose source stays in the database."""
    import os
    import tempfile

    if path.exists() and not overwrite:
        raise Refused(f"{path} already exists; use --overwrite to replace it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if "tmp" in locals():
            Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _export_log(j, folder: Path, overwrite: bool) -> int:
    from learnlog import render
    from learnlog.exporters import FoldedNames, entry_filename, entry_markdown

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
    fmt: Annotated[str, typer.Option("--format", "-F", help="md, txt, html, json; md-dir with --all.")] = "md",
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
        try:
            statement_id = int(target)
        except ValueError:
            raise UsageError(f"{target!r} is not a statement id (see learnlog statement list)") from None
    badge, st, result = _preflight(j, statement_id)
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
        write_atomic(output, text, overwrite=overwrite)
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
    from learnlog.cli.criteria import target_badge

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
        render.print_json(
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
