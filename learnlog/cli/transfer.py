"""Moving words in and out of files: export (the statement, or every entry as md-dir) and import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import complete, output
from learnlog.cli.app import MAX_INT, JsonOpt, app, check_output_path, journal, path_arg, write_atomic
from learnlog.cli.badge_choice import target_badge
from learnlog.cli.statements import preflight
from learnlog.errors import InputError, NotFound, Refused, UsageError

PANEL = "Statement and export"


def _export_log(j, folder: Path, overwrite: bool) -> None:
    from learnlog import mdbackup, render

    j.check_sound()  # a backup of a damaged log would pass for a good one, and may replace it
    if j.encrypted:
        render.note(f"[yellow]Warning:[/] this log is encrypted, but the md-dir files in {folder} are plain text.")
    report, n_entries, n_statements = mdbackup.export_md_dir(j, folder, overwrite=overwrite)
    changed = f"{report.written} written, {report.unchanged} unchanged"
    trashed = f", {len(report.trashed)} removed to {folder / '.trash'}" if report.trashed else ""
    render.note(f"Backed up {n_entries} entries and {n_statements} statements to {folder} ({changed}{trashed}).")
    if report.cleaned:
        render.note(f"Removed {len(report.cleaned)} temporary file(s) left by an interrupted backup.")
    render.note(f"Warning: {folder} holds your unredacted text; keep it where only you can read it.")


@app.command(rich_help_panel=PANEL)
def export(
    target: Annotated[
        str | None,
        typer.Argument(metavar="[STATEMENT|DIR]", help="Statement id (default latest); with --all, DIR."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-F",
            metavar="FORMAT",
            help="md, txt, html, json; md-dir with --all.",
            autocompletion=complete.formats,
        ),
    ] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="File to write (default: stdout).")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Back up every entry as markdown files (md-dir).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Export even when learnlog check fails.")] = False,
    redact: Annotated[bool, typer.Option("--redact", help="Replace open findings with [PLACEHOLDERS].")] = False,
    pseudonyms: Annotated[bool, typer.Option("--pseudonyms", help="Replace names with Person A, B….")] = False,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Replace an existing file; with md-dir, take over another log's backup folder."
        ),
    ] = False,
    fragment: Annotated[
        bool, typer.Option("--fragment", help="html: the body alone for a blog editor (no page, no styles).")
    ] = False,
) -> None:
    """Export your statement for the badge application, or back up the whole log.

    The statement export runs 'learnlog check' first and refuses when anything fails (--force overrides).

    \b
    Examples:
      learnlog export --format txt -o statement.txt
      learnlog export 2 --format html -o statement.html --pseudonyms
      learnlog export --format json > evidence.json
      learnlog export --format html --fragment -o post.html
      learnlog export --all --format md-dir ~/learnlog-backup
    """
    import sys

    from learnlog import render

    j = journal()
    if all_ or fmt == "md-dir":
        folder = Path(target) if target else output
        if not (all_ and fmt == "md-dir" and folder):
            raise UsageError("back up with: learnlog export --all --format md-dir DIR")
        _export_log(j, folder, overwrite)
        return
    from learnlog.exporters import get_format
    from learnlog.exporters import render as render_format

    if get_format(fmt).fragment is None and fragment:  # an unknown format is a usage error before any check
        raise UsageError(f"--fragment works with --format html, not {fmt}")
    statement_id = None
    if target is not None:
        if not target.strip().isdigit() or not 1 <= int(target) <= MAX_INT:
            raise UsageError(f"{target[:24]!r} is not a statement id (see learnlog statement list)")
        statement_id = int(target)
    if output is not None:
        check_output_path(output, overwrite=overwrite, create=False)  # refuse before any work or warning
    badge, st, result = preflight(j, statement_id)
    if st is None:
        raise NotFound("no statement to export yet; create one with: learnlog statement new --all")
    failed = [r for r in result.rows if r.status == "fail"]
    if failed and not force:
        names = "; ".join(f"{r.check}: {r.detail}" for r in failed)
        raise Refused(f"not exported — the check failed ({names}). Fix it, or use --force to export anyway")
    if failed:
        render.note(f"[yellow]Warning:[/] exporting despite {len(failed)} failed check(s) (--force).")
    from learnlog.exporters.outgoing import generated_findings, prepare

    names = j.pseudonyms() if pseudonyms else None
    sources = j.list(ids=st.entry_ids, limit=None) if st.entry_ids else []
    found = j.statement_findings_now(st) if (redact or pseudonyms) else []
    doc = prepare(st, sources, badge, found, redact=redact, pseudonyms=names)
    if names is not None:
        j.save_pseudonyms(names)  # the same person is the same Person A in the next export too
    if generated_findings(doc, j.allowed()) and not force:
        raise Refused("not exported — the badge's own description text holds a possible private detail (--force)")
    text = render_format(fmt, doc, fragment=fragment)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        created = write_atomic(output, text, overwrite=overwrite)
        if created:
            render.note(created)
        render.note(f"Wrote {output} ({doc.word_count} words).")


@app.command("import", rich_help_panel=PANEL)
def import_(
    paths: Annotated[list[str], typer.Argument(metavar="PATH...", help="Markdown files, folders or a jrnl journal.")],
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every file as it is saved.")] = False,
    jrnl_config: Annotated[
        Path | None,
        typer.Option(
            "--jrnl-config",
            metavar="FILE",
            help="jrnl's config file (default: ~/.config/jrnl/jrnl.yaml when it exists).",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Import markdown files or folders (learnlog backups, Obsidian notes) and jrnl journals.

    Re-importing the same files adds nothing; a bad file is reported and skipped. Exit code 0 when
    anything was imported or found already in the log (each file that could not be read is named); 1 when
    nothing could be imported at all.

    \b
    Examples:
      learnlog import ~/learnlog-backup
      learnlog import ~/.local/share/jrnl/journal.txt
    """
    from learnlog import render
    from learnlog import transfer as domain

    sources = [path_arg(p) for p in paths]
    j = journal(starts_log=True)
    valid = {c.id for c in target_badge(j).criteria}

    def committed(done):
        if verbose:
            for source, eid in done:
                print(f"imported {source} -> entry {eid}", flush=True)

    with render.progress(0, "Importing") as bar:
        task = bar.add_task("Importing files", total=None)
        outcome = domain.import_paths(
            j,
            sources,
            valid_criteria=valid,
            jrnl_config=jrnl_config,
            on_file=lambda: bar.advance(task),
            on_commit=committed,
            count_files=lambda n: bar.update(task, total=n),
        )
    skipped = outcome.skipped
    failed = outcome.failed
    if failed and not json_out:
        shown = "; ".join(f"{s}: {r}" for s, r in skipped[:3]) + (
            f"; {len(skipped) - 3} more" if len(skipped) > 3 else ""
        )
        raise InputError(f"nothing was imported ({shown})")
    if json_out:
        output.print_json(
            {
                "added": [{"source": s, "entry": i} for s, i in outcome.added],
                "skipped": [{"source": s, "reason": r} for s, r in skipped],
                "notes": [{"source": s, "note": n} for s, n in outcome.notes],
            }
        )
    else:
        already = f" ({outcome.already} already in the log)" if outcome.already else ""
        render.note(
            f"Imported {len(outcome.added)} entries from {outcome.files} file(s); skipped {len(skipped)}{already}."
        )
        for restored in outcome.restored:
            render.note(
                f"  restored from the backup: {restored.statements} statement(s), {restored.badges} badge(s) held, "
                f"{restored.allowed} allowlist phrase(s), {restored.dismissed} dismissal(s)"
            )
            if restored.not_made_current is not None:
                render.note(
                    f"  statement {restored.kept_current} is still the current one; the backup's current statement "
                    f"is now statement {restored.not_made_current} (switch with: learnlog statement use "
                    f"{restored.not_made_current})"
                )
        for source, reason in skipped:
            if verbose or reason != domain.ALREADY:  # the count says how many; a line each would bury the failures
                render.note(f"  skipped {render.escape(source)}: {render.escape(reason)}")
        for source, note in outcome.notes:
            render.note(f"  note: {render.escape(source)}: {render.escape(note)}")
    if failed:
        raise typer.Exit(1)
