"""Confidentiality commands: scan, allow, dismiss, redact."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from learnlog.cli import output
from learnlog.cli.app import JsonOpt, OptionalEntryId, WholeNumber, app, exactly_one, journal, read_text_file
from learnlog.errors import UsageError

PANEL = "Privacy"


def context_line(text: str, start: int, end: int, width: int = 40) -> str:
    """The finding in its sentence, span highlighted, on one line."""
    from learnlog import render

    a, b = max(0, start - width), min(len(text), end + width)
    pre = ("…" if a else "") + text[a:start]
    post = text[end:b] + ("…" if b < len(text) else "")
    flat = [s.replace("\n", " ") for s in (pre, text[start:end], post)]
    return f"{render.escape(flat[0])}[reverse bold red]{render.escape(flat[1])}[/]{render.escape(flat[2])}"


def print_findings(findings, body_of) -> None:
    from learnlog import render

    for f in findings:
        fid = f"#{f.id}" if f.id else ""
        where = f"entry {f.entry_id}" if f.entry_id else ""
        if f.statement_id is not None:
            where = f"statement {f.statement_id} {f.part}"
        status = " [dim](dismissed)[/]" if f.status == "dismissed" else ""
        render.out().print(
            f"[bold]{fid}[/] {where} [magenta]{f.label}[/] {render.escape(f.reason)}{status}\n"
            f"    {context_line(body_of(f), f.start, f.end)}"
        )


@app.command(rich_help_panel=PANEL)
def scan(
    entry_id: OptionalEntryId = None,
    all_: Annotated[bool, typer.Option("--all", help="Scan every entry.")] = False,
    statement: Annotated[
        bool,
        typer.Option("--statement", help="Scan a statement (ID, default the current one) and all it sends out."),
    ] = False,
    text_file: Annotated[
        Path | None, typer.Option("--text-file", metavar="FILE", help="Scan a text file (not stored).")
    ] = None,
    dismissed: Annotated[bool, typer.Option("--dismissed", help="Include dismissed findings.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Find names, contact details, NHS/CHI numbers, health details and other private information.

    Exit code 1 when open findings remain, so it can guard scripts.

    \b
    Examples:
      learnlog scan 12
      learnlog scan --all --json
      learnlog scan --statement
      learnlog scan --text-file statement.md
    """
    from learnlog import render

    if statement:
        if all_ or text_file is not None:
            raise UsageError("--statement scans one statement; leave out --all and --text-file")
        _scan_statement(entry_id, dismissed, json_out)
    exactly_one(entry_id=entry_id, all_=all_, text_file=text_file)
    j = journal()
    if text_file is not None:
        from learnlog.confidential import scan as scan_text

        text = read_text_file(text_file)
        found = scan_text(text, allow=j.allowed())
        if json_out:
            output.print_json([output.finding(f) for f in found])
        else:
            print_findings(found, lambda f: text)
            render.note(f"{len(found)} finding(s) in {text_file}.")
        raise typer.Exit(1 if found else 0)
    ids = [j.get(entry_id).id] if entry_id is not None else None
    if ids is None:
        stale = j.stale_entry_ids()
        with render.progress(len(stale), "Scanning") as bar:
            task = bar.add_task("Scanning entries", total=len(stale))
            j.refresh_findings(stale, progress=lambda n: bar.advance(task, n))
    else:
        j.refresh_findings(ids)
    found = j.findings(entry_ids=ids, status=None if dismissed else "open")
    if json_out:
        output.print_json([output.finding(f) for f in found])
    else:
        bodies: dict[int, str] = {}

        def body_of(f):
            if f.entry_id not in bodies:
                bodies[f.entry_id] = j.get(f.entry_id).body
            return bodies[f.entry_id]

        print_findings(found, body_of)
        open_n = sum(f.status == "open" for f in found)
        if open_n:
            render.note(
                f"{open_n} open finding(s). Fix the text ('learnlog edit ID'), 'learnlog redact ID', "
                "'learnlog dismiss FINDING_ID --reason …' or 'learnlog allow TEXT'."
            )
        else:
            render.note("No open confidentiality findings.")
    raise typer.Exit(1 if any(f.status == "open" for f in found) else 0)


def _scan_statement(statement_id: int | None, dismissed: bool, json_out: bool) -> None:
    """Findings in everything a statement sends out (title, body, link, the entry titles an export lists)."""
    from learnlog import render

    j = journal()
    st = j.statement(statement_id)
    found = j.statement_findings_now(st, status=None if dismissed else "open")
    if json_out:
        output.print_json([output.finding(f) for f in found])
    else:
        texts = {p.where: p.text for p in j.statement_parts(st)}
        print_findings(found, lambda f: texts.get(f.part, ""))
        open_n = sum(f.status == "open" for f in found)
        if open_n:
            render.note(
                f"{open_n} open finding(s) in statement {st.id}. Replace them with 'learnlog redact --statement "
                f"{st.id}' (or --pseudonyms), fix the text ('learnlog statement edit {st.id}'; an entry title: "
                f"'learnlog edit ENTRY'), or 'learnlog dismiss FINDING_ID --reason …'."
            )
        else:
            render.note(f"No open confidentiality findings in statement {st.id}.")
    raise typer.Exit(1 if any(f.status == "open" for f in found) else 0)


@app.command(rich_help_panel=PANEL)
def allow(
    text: Annotated[str | None, typer.Argument(help="Text never to flag, e.g. a public figure you cite.")] = None,
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why it is not confidential.")] = "",
    list_: Annotated[bool, typer.Option("--list", help="Show the allowlist.")] = False,
    json_out: JsonOpt = False,
) -> None:
    """Add to your personal allowlist: words never flagged as confidential (nothing is deleted from entries).

    \b
    Example:
      learnlog allow "Simon Duffy" --reason "author I cite"
    """
    from learnlog import render

    j = journal(starts_log=not (list_ or text is None))  # listing the allowlist only reads
    if list_ or text is None:
        allowlist = j.allowlist()
        if json_out:
            output.print_json([{"text": phrase, "reason": reason} for phrase, reason in allowlist])
            return
        for phrase, _ in allowlist:  # one phrase a line, for scripts; the reasons are in --json
            render.out().print(render.escape(phrase))
        return
    closed = j.allow(text, reason)
    render.note(f"Allowed {text!r}; {closed} open finding(s) closed.")


@app.command(rich_help_panel=PANEL)
def dismiss(
    finding_id: Annotated[
        int, typer.Argument(metavar="FINDING_ID", help="From 'learnlog scan'.", click_type=WholeNumber("a finding id"))
    ],
    reason: Annotated[
        str, typer.Option("--reason", "-r", metavar="TEXT", help="Why this is not confidential here.")
    ] = "",
) -> None:
    """Mark one finding as not confidential here, keeping your reason.

    \b
    Example:
      learnlog dismiss 7 --reason "name of a public consultation, not a person"
    """
    from learnlog import render

    if not reason.strip():
        raise UsageError('say why with --reason "…" (it is kept with the finding)')
    f = journal().dismiss(finding_id, reason.strip())
    render.note(f"Dismissed finding {finding_id} ({f.label} {f.text!r}).")


@app.command(rich_help_panel=PANEL)
def redact(
    entry_id: OptionalEntryId = None,
    statement: Annotated[
        bool, typer.Option("--statement", help="Redact a statement's title and text (ID, default the current one).")
    ] = False,
    pseudonyms: Annotated[
        bool, typer.Option("--pseudonyms", help="Person A, Person B… instead of [PERSON] placeholders.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the result without saving.")] = False,
) -> None:
    """Replace open findings in an entry with placeholders; the original is kept as a revision.

    \b
    Examples:
      learnlog redact 12 --dry-run
      learnlog redact 12 --pseudonyms
      learnlog redact --statement --pseudonyms
    """
    import sys
    from dataclasses import replace

    from learnlog import render
    from learnlog.confidential import redact as redact_text

    j = journal()
    if statement:
        _redact_statement(j, entry_id, pseudonyms, dry_run)
        return
    if entry_id is None:
        raise UsageError("give the entry ID to redact, or --statement [ID]")
    entry = j.get(entry_id)
    j.refresh_findings([entry_id])
    found = j.findings(entry_ids=[entry_id])
    if not found:
        render.note(f"Entry {entry_id} has no open findings; nothing to redact.")
        return
    names = j.pseudonyms() if pseudonyms else False  # the log's one map: the same person, the same letter
    body = redact_text(entry.body, found, pseudonyms=names)
    if dry_run:
        sys.stdout.write(body + ("" if body.endswith("\n") else "\n"))
        return
    j.update(replace(entry, body=body), expected_version=entry.version, reason="redact")
    if names is not False:
        j.save_pseudonyms(names)
    render.note(
        f"Redacted {len(found)} item(s) in entry {entry_id}; the original is revision history "
        f"('learnlog history {entry_id}')."
    )


def _redact_statement(j, statement_id: int | None, pseudonyms: bool, dry_run: bool) -> None:
    import sys
    from dataclasses import replace

    from learnlog import render
    from learnlog.preflight import redact_parts

    st = j.statement(statement_id)
    found = [f for f in j.statement_findings_now(st) if f.part in ("title", "body")]
    titles = [f for f in j.statement_findings_now(st) if f.part.startswith("entry ")]
    for f in titles:  # an entry's title is the entry's own text: redact it there, where it is kept
        entry_id = f.part.split()[1]
        render.note(f"Finding {f.id} is in the title of entry {entry_id}: change it with 'learnlog edit {entry_id}'.")
    if not found:
        render.note(f"Statement {st.id} has no open findings in its title or text; nothing to redact.")
        return
    names = j.pseudonyms() if pseudonyms else False
    texts = redact_parts(j.statement_parts(st), found, pseudonyms=names)
    if dry_run:
        sys.stdout.write(f"{texts['title']}\n\n{texts['body']}")
        return
    j.update_statement(replace(st, title=texts["title"], body=texts["body"]), expected_version=st.version)
    if names is not False:
        j.save_pseudonyms(names)
    render.note(
        f"Redacted {len(found)} item(s) in statement {st.id}; the original is kept as a revision "
        f"('learnlog statement show {st.id}' shows the new text)."
    )
