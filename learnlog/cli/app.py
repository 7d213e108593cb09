"""The application object and what every command shares: state, options, the error boundary, input checks.

Command modules import from here (never from each other) and register on `app` when the root command first
needs one of theirs (`LearnlogRoot`, from the table in `cli/commands.py`). Errors become one line on stderr here and nowhere else: a `LearnlogError` from the domain
carries its exit code, click's usage errors (malformed input) exit 2, both without a traceback.

Exit codes: 0 done; 1 a well-formed request that cannot be met (unknown id, refused, conflict, open findings);
2 malformed input (not a number, a bad date, an unknown option value); 130 interrupted.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

try:  # typer 0.2x carries its own copy of click; earlier releases used click itself
    from typer._click import exceptions as click_errors
    from typer._click import types as click_types
except ImportError:  # pragma: no cover
    from click import exceptions as click_errors
    from click import types as click_types

from learnlog import __version__
from learnlog.cli import complete
from learnlog.cli.commands import LazyCommands
from learnlog.config import make_private_dirs
from learnlog.errors import InputError, LearnlogError, Refused, UsageError

COMPLETE_VAR = "_LEARNLOG_COMPLETE"
SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")
EPILOG = "Docs and examples: learnlog help COMMAND.  Data: learnlog where."
# SQLite integers are signed 64-bit: a larger id can name nothing, and binding it raises OverflowError.
MAX_INT = 2**63 - 1
# An entry is a reflection, not a dump: anything larger is refused with its size named (issue 13).
MAX_TEXT_BYTES = 20 * 1024 * 1024


# -- the error boundary ----------------------------------------------------------------------------------------


def _usage_line(exc: click_errors.UsageError) -> str:
    where = exc.ctx.command_path if exc.ctx is not None else "learnlog"
    return f"{exc.format_message()} (see: {where} --help)"


class LearnlogGroup(TyperGroup):
    """Turns LearnlogError, stray database errors and usage errors into one line on stderr and an exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if COMPLETE_VAR in os.environ:  # the shell asks for completions: typer's classes answer it
            from typer.completion import completion_init

            completion_init()
        if not standalone_mode:  # an embedding caller (tests, benchmarks) handles errors itself
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        from learnlog import render

        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as exc:  # bare `learnlog`: the help, as click shows it
            exc.show()
            sys.exit(exc.exit_code)
        except click_errors.UsageError as exc:
            render.error(_usage_line(exc))
            sys.exit(2)
        except click_errors.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except (typer.Abort, EOFError, KeyboardInterrupt):
            render.error("interrupted; nothing half-written was kept")
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx):
        from learnlog import render

        try:
            return super().invoke(ctx)
        except LearnlogError as exc:
            render.error(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except sqlite3.Error as exc:
            render.error(f"database error: {exc}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            render.error("interrupted; nothing half-written was kept")
            raise typer.Exit(130) from None
        finally:
            state.close()


class LearnlogRoot(LazyCommands, LearnlogGroup):
    """The root command: the error boundary, with each command's module imported only when it is needed."""

    def registry(self):
        return app, make_app()


def make_app(cls: type[LearnlogGroup] = LearnlogGroup, **kw) -> typer.Typer:
    return typer.Typer(
        cls=cls,
        add_completion=False,  # the root's own --show-completion SHELL / --install-completion SHELL below
        no_args_is_help=True,
        rich_markup_mode=None,  # plain click help: Rich help costs ~50 ms of imports on every --help
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        **kw,
    )


app = make_app(
    LearnlogRoot,
    help="A reflective learning log for SSSC Open Badges: journal, tag criteria, check privacy, export.\n\n"
    '\b\nStart:\n  learnlog add "What I learned today…"\n  learnlog list\n  learnlog coverage\n  learnlog check',
    epilog=EPILOG,
)


# -- state: the database this run uses ------------------------------------------------------------------------


class State:
    """What the root options chose (the database path) and the journals opened, closed when a command ends."""

    def __init__(self) -> None:
        self.db: Path | None = None
        self.opened: list = []

    def close(self) -> None:
        while self.opened:
            self.opened.pop().close()
        schema = sys.modules.get("learnlog.store.schema")  # only if this command used the store at all
        if schema is not None:
            schema.settle_written()
        encryption = sys.modules.get("learnlog.encryption")
        if encryption is not None:  # what a command learnt of files (kind, key) ends with it: inodes get reused
            encryption.forget_all()


state = State()


def db_path() -> Path:
    from learnlog.config import db_path as resolve

    return resolve(state.db)


def journal(*, starts_log: bool = False):
    """The store facade for this run's database (`learnlog.store.journal.Journal`): commands call only it.

    A log named by --db that does not exist is made only by a command that puts something in it (`starts_log`:
    add, import, restore of a backup, badge use/held, allow, statement new). Any other command given a mistyped
    --db says so and creates nothing, rather than showing an empty log that looks like data lost. LEARNLOG_DB
    is set once, in a profile, and the platform's default log is made by whatever runs first, so `learnlog
    list` on a new machine is simply empty."""
    from learnlog.store.journal import Journal

    path = db_path()
    if not starts_log and state.db and not os.path.lexists(path):
        from learnlog.errors import NotFound

        raise NotFound(
            f"no learnlog database at {path} (check the --db path); nothing was created — "
            "'learnlog add' or 'learnlog import' starts a log there"
        )
    j = Journal(path)
    state.opened.append(j)  # closed when the command ends, so in-process callers don't pile up handles
    return j


def recovery_dir() -> Path:
    """Where drafts that could not be saved are kept (next to the database, so one backup keeps both; in
    memory only for an encrypted log)."""
    from learnlog.config import recovery_dir as beside

    return beside(db_path(), encrypted=log_is_encrypted())


def log_is_encrypted() -> bool:
    from learnlog.encryption import file_kind

    try:
        return file_kind(db_path()) == "encrypted"
    except LearnlogError:  # unreadable: opening the log says why
        return False


def _completion(ctx, param, value: str | None) -> None:
    """--show-completion SHELL prints the script for the shell named (not the one learnlog guesses it runs
    in); --install-completion SHELL adds it to that shell's start-up file."""
    if value is None or ctx.resilient_parsing:
        return
    if value not in SHELLS:
        raise click_errors.BadParameter(f"{value!r}: choose one of {', '.join(SHELLS)}", ctx=ctx, param=param)
    from typer._completion_shared import get_completion_script, install
    from typer.completion import completion_init

    completion_init()
    if param.name == "install_completion":
        shell, path = install(shell=value, prog_name="learnlog", complete_var=COMPLETE_VAR)
        typer.echo(f"{shell} completion installed in {path}; it takes effect in a new terminal.")
    else:
        typer.echo(get_completion_script(prog_name="learnlog", complete_var=COMPLETE_VAR, shell=value))
    raise typer.Exit()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"learnlog {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Database file (default: $LEARNLOG_DB, else your user data folder).", metavar="PATH"),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    show_completion: Annotated[
        str | None,
        typer.Option(
            "--show-completion",
            metavar="SHELL",
            callback=_completion,
            is_eager=True,
            help="Print the tab-completion script for SHELL (bash, zsh, fish or powershell).",
        ),
    ] = None,
    install_completion: Annotated[
        str | None,
        typer.Option(
            "--install-completion",
            metavar="SHELL",
            callback=_completion,
            is_eager=True,
            help="Add tab completion to SHELL's start-up file (bash, zsh, fish or powershell).",
        ),
    ] = None,
) -> None:
    state.db = db


# -- values checked at the boundary, once ---------------------------------------------------------------------


class WholeNumber(click_types.ParamType):
    """A whole number SQLite can store (below 2⁶³), at least `minimum`: checked here so no command meets an
    OverflowError, and the message says what was expected."""

    name = "integer"

    def __init__(self, what: str, minimum: int = 1):
        self.what, self.minimum = what, minimum

    def convert(self, value: Any, param, ctx) -> int:
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not text.lstrip("+-").isdigit():
                self.fail(f"{value!r} is not {self.what} (a whole number such as 12)", param, ctx)
            number = int(text)
        if number < self.minimum:
            self.fail(f"{value!r} is not {self.what}: it must be {self.minimum} or more", param, ctx)
        if number > MAX_INT:
            self.fail(f"{str(value)[:24]!r} is not {self.what}: the number is too large", param, ctx)
        return number


class Hours(click_types.ParamType):
    """CPD hours: a number from 0 to `limits.MAX_HOURS`, said in those words rather than as a float range
    (1e308, inf and nan parse as floats, and none is a record of learning)."""

    name = "hours"

    def convert(self, value: Any, param, ctx) -> float:
        from learnlog.limits import MAX_HOURS

        try:
            hours = float(value)
        except (TypeError, ValueError):
            self.fail(f"{str(value)[:24]!r} is not a number of hours (such as 1.5)", param, ctx)
        if not 0 <= hours <= MAX_HOURS:  # nan fails every comparison
            self.fail(f"{str(value)[:24]!r} is not a number of hours: give 0 to {MAX_HOURS:g}, such as 1.5", param, ctx)
        return hours


ENTRY_ID = WholeNumber("an entry id")
EntryId = Annotated[
    int,
    typer.Argument(
        metavar="ID", help="Entry id (see learnlog list).", click_type=ENTRY_ID, autocompletion=complete.entry_ids
    ),
]
EntryIds = Annotated[
    list[int],
    typer.Argument(
        metavar="ID...", help="Entry ids (see learnlog list).", click_type=ENTRY_ID, autocompletion=complete.entry_ids
    ),
]
OptionalEntryId = Annotated[
    int | None,
    typer.Argument(
        metavar="[ID]", help="An entry id (see learnlog list).", click_type=ENTRY_ID, autocompletion=complete.entry_ids
    ),
]
StatementId = Annotated[
    int | None,
    typer.Argument(
        metavar="[ID]", help="Statement id (default: the current one).", click_type=WholeNumber("a statement id")
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output (JSON).")]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        "-d",
        help="Day of the practice: 2026-03-14, 14/03/2026, 14 March, yesterday, last monday, 3 days ago.",
    ),
]


def limit_option(default_help: str, minimum: int = 0):
    """`--limit/-n`: a count below 2⁶³ (0 = all where the command allows it)."""
    return typer.Option("--limit", "-n", metavar="N", help=default_help, click_type=WholeNumber("a count", minimum))


def parse_ids(values: list[str] | None, what: str = "an entry id") -> list[int]:
    """Ids given as '3,7,12' or '3 7' or repeated options, each checked like an ID argument."""
    out = []
    for v in values or []:
        for part in v.replace(",", " ").split():
            if not part.isdigit() or not 1 <= int(part) <= MAX_INT:
                raise UsageError(f"{part[:24]!r} is not {what} (use whole numbers, e.g. --from 3,7,12)")
            out.append(int(part))
    return list(dict.fromkeys(out))  # "--from 1,1,1" means entry 1 once, not a duplicate row


def path_arg(value: str, what: str = "PATH") -> Path:
    """A path typed on the command line; an empty one is refused rather than read as the current folder.

    `Path("")` is `.`, so an unset shell variable (`learnlog import "$DIR"`) would otherwise import or write
    the whole working directory.
    """
    if not value.strip():
        raise UsageError(f"{what} is empty; give a file or folder")
    return Path(value)


def split_commas(values: list[str] | None) -> list[str]:
    """`-t panel,advocacy` is two tags, as `--from 3,7` is two ids."""
    return [p.strip() for v in values or [] for p in v.split(",") if p.strip()]


def parse_day(value: str | None, option: str):
    """A date option as a date, or None when not given; an empty value is refused, never read as today."""
    from learnlog import dates

    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{option} needs a date (YYYY-MM-DD, 14/03/2026, today, last monday…), not an empty value")
    return dates.parse_date(value)


def exactly_one(**given: Any) -> None:
    """The commands that take 'an ID, --all or --text-file FILE' need exactly one of them."""
    chosen = [k for k, v in given.items() if v is not None and v is not False]
    if len(chosen) != 1:
        names = {"entry_id": "an entry ID", "all_": "--all", "text_file": "--text-file FILE"}
        raise UsageError("give one of: " + ", ".join(names.get(k, k) for k in given).replace(", --t", ", or --t"))


# -- files in and out -----------------------------------------------------------------------------------------


def read_text_file(path: Path) -> str:
    """A regular file of UTF-8 text up to MAX_TEXT_BYTES: devices, FIFOs and folders are refused, not read
    (reading /dev/zero never ends), and the size is checked while reading as well as before."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise InputError(f"cannot read {path}: it is {kind}; give a text file")
        if info.st_size > MAX_TEXT_BYTES:
            raise InputError(f"{path} is {info.st_size / 2**20:.1f} MB; learnlog reads text files up to 20 MB")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{path} is over 20 MB; learnlog reads text files up to 20 MB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not valid UTF-8 text (position {exc.start})") from None


def _os_pipe(stream) -> bool:
    """Whether stdin is a real descriptor that is not a terminal (a pipe, a file, /dev/null)."""
    try:
        return not os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def read_stdin() -> str | None:
    """Text piped in, decoded strictly; None when stdin is a terminal. Empty input is refused (an editor cannot
    open without a terminal, and saving nothing is never what was meant)."""
    if sys.stdin is None or sys.stdin.isatty():
        return None
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_TEXT_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    if len(data) > MAX_TEXT_BYTES:
        raise InputError("the text on standard input is over 20 MB; nothing was saved")
    if not data.strip():
        if not _os_pipe(sys.stdin):
            return None  # an in-process caller (a test runner, an embedding script) gave no input: not a pipe
        raise InputError(
            "nothing came in on standard input (the pipe was empty), so nothing was saved; "
            'give the text as an argument, e.g. learnlog add "…", or run learnlog add in a terminal to use an editor'
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"the text on standard input is not valid UTF-8 (byte {data[exc.start]:#04x} at position {exc.start}); "
            "nothing was saved"
        ) from None
    return text[:-1] if text.endswith("\n") else text


def need_terminal(command: str, instead: str) -> None:
    """Refuse before an editor is started without a terminal (stdin a pipe, a file or /dev/null, as under cron
    or a script): the editor would fail or hang, and the command would leave a draft behind for nothing."""
    if _os_pipe(sys.stdin):
        raise InputError(
            f"{command} opens your editor, which needs a terminal, and standard input is not one; {instead}"
        )


def check_output_path(path: Path, *, overwrite: bool, create: bool = True) -> str | None:
    """Refuse what `-o PATH` must never replace; returns a note when it created the folder.

    Only regular files are ever replaced (never a device such as /dev/null, a folder or a FIFO); a symbolic
    link that points nowhere counts as something already there, so it needs --overwrite like a file does. A
    missing parent folder is created owner-only (0700), and the note says so."""
    import stat

    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if info is not None:
        target = info
        if stat.S_ISLNK(info.st_mode):
            try:
                target = path.stat()
            except OSError:
                target = None  # dangling: replacing it replaces the link, which --overwrite allows
        if target is not None and not stat.S_ISREG(target.st_mode):
            kind = "a folder" if stat.S_ISDIR(target.st_mode) else "not a regular file"
            raise Refused(f"{path} is {kind}; learnlog only ever replaces regular files")
        if not overwrite:
            raise Refused(f"{path} already exists; use --overwrite to replace it")
        return None
    parent = path.parent
    if parent.exists():
        if not parent.is_dir():
            raise InputError(f"cannot write {path}: {parent} is not a folder")
        return None
    if not create:  # checking before the work starts: the folder is made when the file is written
        return None
    try:
        make_private_dirs(parent)
    except OSError as exc:
        raise InputError(f"cannot create the folder {parent}: {exc.strerror or exc}") from None
    return f"Created the folder {parent} (owner-only)."


def write_atomic(path: Path, text: str, *, overwrite: bool, durable: bool = True) -> str | None:
    """Write via a temporary file and rename, so a crash never leaves half a file; refuse to clobber.

    `durable=False` skips the fsync: right for a 10,000-file backup whose source stays in the database.
    Returns the note of `check_output_path` (a folder it created), for the command to show."""
    import tempfile

    note = check_output_path(path, overwrite=overwrite)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return note
