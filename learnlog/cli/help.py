"""`learnlog help [COMMAND]`: the same text as `learnlog COMMAND --help`, for people who type help first; and
`learnlog help --man`, the manual page written from that same help text, so the two never differ.

The page is roff by hand rather than from a generator package (click-man and the like are unmaintained, and a
dependency for a hundred lines): NAME, SYNOPSIS, DESCRIPTION, OPTIONS, one subsection per command with its
arguments and options, then EXIT STATUS, ENVIRONMENT and FILES, which `--help` has no room for. `man -l` reads
it as it is; `python -m tools.manpage` writes it to man/learnlog.1, which pip installs as
share/man/man1/learnlog.1.
"""

from __future__ import annotations

import inspect
from typing import Annotated

import typer

from learnlog import __version__
from learnlog.cli.app import app
from learnlog.errors import UsageError


@app.command("help")
def help_(
    ctx: typer.Context,
    command: Annotated[
        list[str] | None, typer.Argument(metavar="[COMMAND]...", help="A command, e.g. add or statement new.")
    ] = None,
    man: Annotated[
        bool, typer.Option("--man", help="Print the whole manual as a man page (roff): learnlog help --man | man -l -")
    ] = False,
) -> None:
    """Show how to use learnlog, or one of its commands.

    \b
    Examples:
      learnlog help
      learnlog help add
      learnlog help statement new
      learnlog help --man > ~/.local/share/man/man1/learnlog.1    # then: man learnlog
    """
    here = ctx.find_root()
    if man:
        if command:
            raise UsageError("--man prints the whole manual; leave out the command")
        typer.echo(render(here), nl=False)
        return
    cmd = here.command
    for name in command or []:
        sub = cmd.get_command(here, name) if hasattr(cmd, "get_command") else None
        if sub is None:
            raise UsageError(f"there is no command {' '.join(command)!r}; see the list with: learnlog help")
        here = type(here)(sub, info_name=name, parent=here)  # the Context class click uses
        cmd = sub
    typer.echo(cmd.get_help(here))


# -- the man page ------------------------------------------------------------------------------------------------

EXIT_STATUS = (
    ("0", "Done."),
    (
        "1",
        "A well-formed request that cannot be met: an id that names nothing, a file that cannot be read or "
        "must not be replaced, a refused safety check, open findings, a failed check, an import that read nothing.",
    ),
    (
        "2",
        "Malformed input: not a number, a number too large for an id, a bad date, an unknown option value, a "
        "missing choice.",
    ),
    ("130", "Interrupted (Ctrl-C); nothing half-written is kept."),
)
ENVIRONMENT = (
    ("LEARNLOG_DB", "The database file (the --db option wins)."),
    ("LEARNLOG_CONFIG_DIR", "Where your own framework files (frameworks/*.toml) are read from."),
    ("VISUAL, EDITOR", "The editor that add, edit and statement new/edit open (they need a terminal)."),
    ("NO_COLOR", "Set to anything: no colour in tables and messages."),
)


def escape(text: str) -> str:
    """Text as roff shows it literally: backslashes and hyphens escaped, a leading . or ' made inert, and
    anything beyond ASCII (…, ✓, –) as a named Unicode character, since `man -l` may not run preconv."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(ch if ord(ch) < 128 else f"\\[u{ord(ch):04X}]" for ch in text)
    return "\n".join("\\&" + line if line[:1] in (".", "'") else line for line in text.split("\n"))


def _paragraphs(help_text: str) -> list[str]:
    """click's help as roff: a paragraph marked \\b (no re-wrapping) stays as typed, the rest flows."""
    out = []
    for para in inspect.cleandoc(help_text or "").split("\n\n"):
        if para.startswith("\b"):
            out += [".PP", ".nf", ".RS 2", escape(para.lstrip("\b").strip("\n")), ".RE", ".fi"]
        elif para.strip():
            out += [".PP", escape(" ".join(para.split()))]
    return out


def _options(cmd, ctx) -> list[str]:
    out = []
    for param in cmd.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None or param.name == "help":  # every command has -h/--help: said once, under OPTIONS
            continue
        names, text = record
        out += [".TP", f"\\fB{escape(names)}\\fR", escape(text or "")]
    return out


def _walk(group, ctx, path: list[str]):
    """(path, command, its context) for every command under `group`, sub-groups opened, in help order."""
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        sub = type(ctx)(cmd, info_name=name, parent=ctx)  # the Context class this click copy uses
        if hasattr(cmd, "list_commands"):
            yield from _walk(cmd, sub, [*path, name])
        else:
            yield [*path, name], cmd, sub


def render(ctx) -> str:
    """The page for the root command of `ctx` (`learnlog help --man` passes its root context)."""
    root = ctx.command
    first, _, rest = (root.help or "").partition("\n")
    lines = [
        f'.TH LEARNLOG 1 "" "learnlog {__version__}" "learnlog manual"',
        ".SH NAME",
        f"learnlog \\- {escape(first.rstrip('.'))}",
        ".SH SYNOPSIS",
        "\\fBlearnlog\\fR [\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]...",
        ".SH DESCRIPTION",
        *_paragraphs(rest),
        ".SH OPTIONS",
        *_options(root, ctx),
        ".SH COMMANDS",
    ]
    for path, cmd, sub in _walk(root, ctx, []):
        usage = " ".join(cmd.collect_usage_pieces(sub))
        lines += [
            f".SS {escape(' '.join(path))}",
            f"\\fBlearnlog {escape(' '.join(path))}\\fR {escape(usage)}",
            *_paragraphs(cmd.help or ""),
        ]
        options = _options(cmd, sub)
        if options:
            lines += [".PP", "Arguments and options:", ".RS 2", *options, ".RE"]
    lines.append(".SH EXIT STATUS")
    for code, meaning in EXIT_STATUS:
        lines += [".TP", f"\\fB{code}\\fR", escape(meaning)]
    lines.append(".SH ENVIRONMENT")
    for name, meaning in ENVIRONMENT:
        lines += [".TP", f"\\fB{escape(name)}\\fR", escape(meaning)]
    lines += [
        ".SH FILES",
        "The log is one SQLite file in your user data folder; \\fBlearnlog where\\fR names it and its backups.",
        ".SH SEE ALSO",
        "\\fBlearnlog help\\fR \\fICOMMAND\\fR, \\fBsqlite3\\fR(1), \\fBjrnl\\fR(1)",
    ]
    return "\n".join(lines) + "\n"
