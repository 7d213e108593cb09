"""The badge and its evidence: badges, badge use/held, criteria, resources, coverage, words."""

from __future__ import annotations

from typing import Annotated

import typer

from learnlog.cli import complete, output
from learnlog.cli.app import JsonOpt, OptionalEntryId, app, journal, limit_option, make_app
from learnlog.cli.badge_choice import statement_badge, target_badge
from learnlog.errors import NotFound, UsageError

PANEL = "Badge evidence"

badge_app = make_app(help="Choose the target badge and record prerequisites you hold.")
app.add_typer(badge_app, name="badge", rich_help_panel=PANEL)


@app.command(rich_help_panel=PANEL)
def badges(json_out: JsonOpt = False) -> None:
    """List the badges learnlog knows (shipped and your own framework files).

    \b
    Example:
      learnlog badges
    """
    from learnlog import render
    from learnlog.config import frameworks_dir
    from learnlog.frameworks import load

    j = journal()
    frameworks, problems = load(frameworks_dir())
    held, target = j.held_badges(), j.target_badge
    rows = [
        {
            "id": b.id,
            "title": b.title,
            "framework": f.id,
            "issuer": b.issuer,
            "criteria": len(b.criteria),
            "held": held.get(b.id),
            "target": b.id == target,
        }
        for f in frameworks
        for b in f.badges
    ]
    for p in problems:
        render.error(f"framework file skipped: {p}")
    if json_out:
        output.print_json(rows)
        return
    t = render.table("id", "badge", "framework", "criteria", "status")
    for r in rows:
        status = ("★ target " if r["target"] else "") + (f"held since {r['held']}" if r["held"] else "")
        t.add_row(r["id"], render.escape(r["title"]), r["framework"], str(r["criteria"]), status)
    render.out().print(t)


@badge_app.command("use")
def badge_use(
    badge_id: Annotated[str, typer.Argument(metavar="BADGE_ID", autocompletion=complete.badges)],
) -> None:
    """Set the badge you are working towards (criteria, coverage and checks follow it).

    \b
    Example:
      learnlog badge use sssc-sil-1
    """
    from learnlog import render
    from learnlog.config import frameworks_dir
    from learnlog.frameworks import get_badge

    badge = get_badge(badge_id, frameworks_dir())
    journal(starts_log=True).use_badge(badge.id)
    render.note(f"Target badge: [bold]{badge.id}[/] {render.escape(badge.title)}")


@badge_app.command("held")
def badge_held(
    badge_id: Annotated[str, typer.Argument(metavar="BADGE_ID", autocompletion=complete.badges)],
    date: Annotated[
        str, typer.Option("--date", "-d", metavar="DATE", help="When it was awarded (YYYY-MM-DD, today).")
    ] = "today",
) -> None:
    """Record a badge you already hold (e.g. the prerequisite Leadership Capability Feedback).

    \b
    Example:
      learnlog badge held sssc-lcf --date 2026-02-01
    """
    from learnlog import dates, render
    from learnlog.cli.app import parse_day
    from learnlog.config import frameworks_dir
    from learnlog.frameworks import get_badge

    badge = get_badge(badge_id, frameworks_dir())
    day = parse_day(date, "--date")
    if day > dates.today():  # a prerequisite held "since 2099" would pass check before it was awarded
        raise UsageError(f"{day.isoformat()} is in the future; record a badge once it has been awarded")
    journal(starts_log=True).hold_badge(badge.id, day)
    render.note(f"Recorded {badge.id} ({render.escape(badge.title)}) as held since {day.isoformat()}.")


def _coverage(j, newest: int | None = None):
    """Coverage of the target badge; with `newest`, only that many entries are listed (the totals still
    count the whole log), which keeps the table view fast at 10,000 entries."""
    from learnlog.coverage import coverage

    badge = target_badge(j)
    if newest is None:
        return badge, coverage(j.link_summary(badge.id), badge)
    return badge, coverage(j.link_summary(badge.id, newest), badge, j.criterion_totals(badge.id))


@app.command(rich_help_panel=PANEL)
def criteria(json_out: JsonOpt = False) -> None:
    """The target badge's criteria with how much evidence each has.

    \b
    Example:
      learnlog criteria
    """
    from learnlog import render
    from learnlog.config import frameworks_dir
    from learnlog.frameworks import warnings

    badge, cov = _coverage(journal(), None if json_out else 0)
    for line in warnings(frameworks_dir()):  # as `badges` does, so a broken file is never silent
        render.error(line)
    if json_out:
        output.print_json(cov.to_dict())
        return
    t = render.table("id", "criterion", "entries", "suggested", "words", title=f"{badge.id}: {badge.title}")
    for c, row in zip(badge.criteria, cov.criteria, strict=True):
        t.add_row(
            c.id,
            render.escape(c.text),
            str(row.counts.get("manual", 0)),
            str(row.counts.get("suggested", 0)),
            str(row.words),
        )
    render.out().print(t)


@app.command(rich_help_panel=PANEL)
def resources(json_out: JsonOpt = False) -> None:
    """The target badge's recommended resources; cite one with 'learnlog add --resource ID'.

    \b
    Example:
      learnlog resources
    """
    from learnlog import render

    j = journal()
    badge = target_badge(j)
    used = {r for e in j.list(limit=None) for r in e.resources}
    rows = [
        {
            "id": r.id,
            "title": r.title,
            "publisher": r.publisher,
            "year": r.year,
            "description": r.description,
            "cited": r.id in used,
        }
        for r in badge.resources
    ]
    if json_out:
        output.print_json(rows)
        return
    t = render.table("id", "resource", "publisher", "year", "cited")
    for r in rows:
        t.add_row(
            r["id"],
            render.escape(r["title"]),
            render.escape(r["publisher"]),
            str(r["year"] or ""),
            "✓" if r["cited"] else "",
        )
    render.out().print(t)


@app.command(rich_help_panel=PANEL)
def coverage(
    limit: Annotated[int, limit_option("Entries shown in the matrix (most recent).")] = 30,
    json_out: JsonOpt = False,
) -> None:
    """Which criteria your log evidences (✓ manual, ~ suggested), words per criterion, and the gaps.

    \b
    Example:
      learnlog coverage
    """
    from learnlog import render

    j = journal()
    badge, cov = _coverage(j, None if json_out else limit)
    if json_out:
        output.print_json(cov.to_dict())
        return
    ids = [c.id for c in badge.criteria]
    marks: dict[int, dict[str, str]] = {}
    for row in cov.criteria:
        for eid, source in row.entries:
            marks.setdefault(eid, {})[row.criterion_id] = "[green]✓[/]" if source == "manual" else "[yellow]~[/]"
    t = render.table("entry", *ids, title=f"{badge.id}: {badge.title}")
    for eid in sorted(marks, reverse=True)[:limit]:
        t.add_row(str(eid), *(marks[eid].get(c, "") for c in ids))
    words_row = [str(r.words) for r in cov.criteria]
    t.add_section()
    t.add_row("confirmed", *(str(sum(n for m, n in r.counts.items() if m != "suggested")) for r in cov.criteria))
    t.add_row("suggested", *(str(r.counts.get("suggested", 0)) for r in cov.criteria))
    t.add_row("words", *words_row)
    render.out().print(t)
    waiting = 0
    for c, row in zip(badge.criteria, cov.criteria, strict=True):
        suggested = row.counts.get("suggested", 0)
        waiting += suggested
        if not row.covered:
            render.out().print(f"[red]Gap[/] {c.id} {render.escape(c.label)}: {render.escape(c.text)}")
            if suggested:
                shown = ", ".join(str(i) for i in row.suggested_ids) or "older entries"
                render.out().print(f"   [yellow]~[/] {suggested} suggested, not confirmed (entries {shown})")
            for q in row.prompts:
                render.out().print(f"   ? {render.escape(q)}")
    if waiting:
        render.out().print(
            f"{waiting} suggested link(s) are not evidence until you confirm them: learnlog review "
            "(y confirms, n rejects; or learnlog tag ID CRITERION)"
        )


@app.command(rich_help_panel=PANEL)
def words(
    entry_id: OptionalEntryId = None,
    json_out: JsonOpt = False,
) -> None:
    """Word counts against the badge's suggested range, with a bar.

    \b
    Examples:
      learnlog words
      learnlog words 12
    """
    from learnlog import render
    from learnlog.words import assess

    j = journal()
    if entry_id is not None:
        e = j.get(entry_id)
        rule = target_badge(j).words
        label, count = f"entry {e.id}", e.words
    else:
        st = j.latest_statement()
        if st is None:
            raise NotFound(
                "no statement yet; count an entry with 'learnlog words ID' or create one with "
                "'learnlog statement new --all'"
            )
        from learnlog.words import word_count

        rule = statement_badge(j, st).words
        label, count = f"statement {st.id}", word_count(st.body)
    verdict = assess(count, rule)
    if json_out:
        output.print_json(
            {
                "what": label,
                "words": count,
                "min": rule.suggested_min,
                "max": rule.suggested_max,
                "assessment": verdict,
            }
        )
        return
    rng = f"{rule.suggested_min or 0}–{rule.suggested_max or '∞'}"
    render.out().print(
        f"{label}: [bold]{count}[/] words (suggested {rng}) {verdict}\n"
        f"{render.bar(count, rule.suggested_min, rule.suggested_max)}"
    )
