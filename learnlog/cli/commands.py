"""Every command learnlog has: the module that defines it and the first sentence of its help.

The root command lists these in `--help` and completes their names without importing a single command module
(each pulls in typer's conversion of its signatures and its own imports: 50–100 ms in all), and imports a
module only when one of its commands runs or its own help is asked for. A test checks that this table and the
commands themselves agree, so a new command is added here as well as where it is written. The order is the
order of `learnlog --help`.
"""

from __future__ import annotations

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
