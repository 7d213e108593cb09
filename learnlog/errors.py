"""The few error types domain code raises; the CLI turns each into one line on stderr and an exit code."""


class LearnlogError(Exception):
    """A problem the user can fix: the message is shown as-is, without a traceback."""

    exit_code = 1


class UsageError(LearnlogError):
    """Bad input on the command line (unknown id format, bad date, unknown option value)."""

    exit_code = 2


class NotFound(LearnlogError):
    """An id that names nothing (entry, finding, statement, badge)."""


class StoreError(LearnlogError):
    """The database cannot be used: not a database, a newer schema, unwritable, locked too long."""


class ConflictError(LearnlogError):
    """A write that would overwrite someone else's newer text; the user's text was kept elsewhere."""


class InputError(LearnlogError):
    """Content that cannot be read: invalid UTF-8, malformed frontmatter, a broken framework file."""


class Refused(LearnlogError):
    """A safety check said no (preflight failed, file exists, unresolved findings) and no override was given."""


def no_entry(entry_id: int, *, trashed: bool) -> NotFound:
    """The one message for an entry id a command cannot use, whichever command it was given to."""
    if trashed:
        return NotFound(f"entry {entry_id} is in the trash; bring it back with: learnlog restore {entry_id}")
    return NotFound(f"no entry {entry_id} in this log (see the ids with: learnlog list)")
