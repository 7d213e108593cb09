"""Every command learnlog has: the module that defines it and the first sentence of its help.

The root command (`LazyCommands`, mixed into `app.LearnlogRoot`) lists these in `--help` and completes their
names without importing a single command module (each pulls in typer's conversion of its signatures and its
own imports: 50–100 ms in all), and imports a module only when one of its commands runs or its own help is
asked for. A test checks that this table and the commands themselves agree, so a new command is added here as
well as where it is written. The order is the order of `learnlog --help`.
"""

from __future__ import annotations

import importlib

try:  # typer 0.2x carries its own copy of click; earlier releases used click itself
    from typer._click import core as click_core
    from typer._click import shell_completion as click_completion
    from typer._click import utils as click_utils
except ImportError:  # pragma: no cover
    from click import core as click_core
    from click import shell_completion as click_completion
    from click import utils as click_utils

COMMANDS: dict[str, tuple[str, str]] = {
    "backup": (
        "backup",
        "Back up the whole log to one file: entries, revisions, trash, statements, badges, findings, settings.",
    ),
    "badges": ("badges", "List the badges learnlog knows (shipped and your own framework files)."),
    "criteria": ("badges", "The target badge's criteria with how much evidence each has."),
    "resources": ("badges", "The target badge's recommended resources; cite one with 'learnlog add --resource ID'."),
    "coverage": (
        "badges",
        "Which criteria your log evidences (✓ manual, ~ suggested), words per criterion, and the gaps.",
    ),
    "words": ("badges", "Word counts against the badge's suggested range, with a bar."),
    "list": ("browse", "List entries, newest first."),
    "search": ("browse", "Full-text search, best matches first, with highlighted snippets."),
    "tags": ("browse", "Every tag in the log with how many entries carry it, most used first."),
    "where": ("browse", "Where your data lives, and how to back it up."),
    "add": ("entries", "Write a new entry: from TEXT, from text piped in, from --file, or in your editor."),
    "edit": (
        "entries",
        "Edit an entry (its settings and text) in $VISUAL / $EDITOR; the old version is kept as a revision.",
    ),
    "show": ("entries", "Show one entry rendered as markdown."),
    "history": ("entries", "Earlier versions of an entry, with dates and word counts."),
    "delete": ("entries", "Move entries to the trash (learnlog restore brings them back)."),
    "restore": ("entries", "Bring entries back from the trash, or the whole log back from a backup file."),
    "purge": ("entries", "Delete trashed entries for good, with their revisions and findings."),
    "help": ("help", "Show how to use learnlog, or one of its commands."),
    "tag": ("links", "Link an entry to criteria of the target badge (confirms a suggested link)."),
    "untag": ("links", "Remove criteria links (manual or suggested) from an entry."),
    "suggest": (
        "links",
        "Suggest which criteria an entry evidences, with the phrases that support each, so you can judge.",
    ),
    "scan": ("privacy", "Find names, contact details, NHS/CHI numbers, health details and other private information."),
    "allow": (
        "privacy",
        "Add to your personal allowlist: words never flagged as confidential (nothing is deleted from entries).",
    ),
    "dismiss": ("privacy", "Mark one finding as not confidential here, keeping your reason."),
    "redact": ("privacy", "Replace open findings in an entry with placeholders; the original is kept as a revision."),
    "review": (
        "review",
        "Go through learnlog's suggested links one at a time: y confirms, n rejects, s skips, q stops.",
    ),
    "encrypt": ("safety", "Encrypt the log with a passphrase (SQLCipher), so a copied file is unreadable."),
    "decrypt": (
        "safety",
        "Turn an encrypted log back into a plain SQLite file (and forget a key kept in the keyring).",
    ),
    "passphrase": ("safety", "Change the passphrase of an encrypted log (PRAGMA rekey)."),
    "doctor": ("safety", "Check the log for damage (SQLite's integrity_check) and say what to do."),
    "check": ("statements", "Is your evidence ready? One row per check: pass, warn or fail, with the fix."),
    "export": ("transfer", "Export your statement for the badge application, or back up the whole log."),
    "import": ("transfer", "Import markdown files or folders (learnlog backups, Obsidian notes) and jrnl journals."),
    "badge": ("badges", "Choose the target badge and record prerequisites you hold."),
    "statement": ("statements", "Assemble and edit your badge statement from your own entries."),
}


class LazyCommands:
    """What the root command does with the table: list and complete from it, import on demand.

    `registry()` returns the Typer app the command modules register on and a fresh Typer with the same
    settings, in which only what an import registered is converted to click commands."""

    def list_commands(self, ctx) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self.commands]))

    def get_command(self, ctx, name: str):
        if name not in self.commands and name in COMMANDS:
            from typer.main import get_group

            app, added = self.registry()
            commands, groups = len(app.registered_commands), len(app.registered_groups)
            importlib.import_module(f"learnlog.cli.{COMMANDS[name][0]}")  # its commands register on `app`
            added.registered_commands = app.registered_commands[commands:]
            added.registered_groups = app.registered_groups[groups:]
            if name not in (converted := get_group(added).commands):  # imported earlier, by another root
                converted = get_group(app).commands
            for registered, command in converted.items():
                self.commands.setdefault(registered, command)
        return self.commands.get(name)

    def resolve_command(self, ctx, args):
        if args and args[0] not in COMMANDS and not args[0].startswith("-"):
            for name in COMMANDS:  # an unknown name: load them all, so "did you mean" can name any of them
                self.get_command(ctx, name)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx, formatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names))
        with formatter.section("Commands"):
            formatter.write_dl([(name, self._short_help(name, limit)) for name in names])

    def shell_complete(self, ctx, incomplete: str) -> list:
        names = [n for n in self.list_commands(ctx) if n.startswith(incomplete)]
        options = click_core.Command.shell_complete(self, ctx, incomplete)  # the options, when "-" is typed
        return [click_completion.CompletionItem(n, help=self._short_help(n, 45)) for n in names] + options

    def _short_help(self, name: str, limit: int) -> str:
        if name in COMMANDS:
            return click_utils.make_default_short_help(COMMANDS[name][1], limit)
        return self.commands[name].get_short_help_str(limit)
