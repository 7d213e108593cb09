"""Importing other tools' files: jrnl 4.x journals and markdown exports, Obsidian notes, learnlog backups."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learnlog.exporters import entry_filename, entry_markdown
from learnlog.importers import fingerprint, iter_sources, read_all, read_file
from learnlog.records import Entry

# --- jrnl 4.x writers, following jrnl/journals/Entry.py (__str__) and jrnl/plugins/markdown_exporter.py ---


def jrnl_entry_str(stamp: dt.datetime, title: str, body: str, starred: bool = False) -> str:
    title_line = f"[{stamp:%Y-%m-%d %H:%M}] {title.rstrip()}" + (" *" if starred else "")
    body = body.rstrip("\n ")
    return f"{title_line}{chr(10) if body else ''}{body}\n"


def jrnl_journal(entries: list[tuple[dt.datetime, str, str, bool]]) -> str:
    return "\n".join(jrnl_entry_str(*e) for e in entries)


def jrnl_export_entry(stamp: dt.datetime, title: str, body: str, to_multifile: bool) -> str:
    heading = "#" if to_multifile else "###"
    body = ("\n" if body else "") + body
    newbody, previous = "", ""
    for line in body.splitlines(True):
        if re.match(r"^#+ ", line):
            newbody += previous + heading + line
            line = ""
        elif re.match(r"^=+$", line.rstrip()) and previous.strip():
            newbody += heading + "# " + previous
            line = ""
        elif re.match(r"^-+$", line.rstrip()) and previous.strip():
            newbody += heading + "## " + previous
            line = ""
        else:
            newbody += previous
        previous = line
    newbody += previous
    if previous not in ["\r", "\n", "\r\n", "\n\r"]:
        newbody += os.linesep
    return f"{heading} {stamp:%Y-%m-%d %H:%M} {title}\n{newbody} "


def jrnl_export_md(entries: list[tuple[dt.datetime, str, str]]) -> str:
    out, year, month = [], -1, -1
    for stamp, title, body in entries:
        if stamp.year != year:
            year = stamp.year
            out += ["# " + str(year), ""]
        if stamp.month != month:
            month = stamp.month
            out += ["## " + stamp.strftime("%B"), ""]
        out.append(jrnl_export_entry(stamp, title, body, False))
    return "\n".join(out)


JOURNAL = [
    (
        dt.datetime(2026, 3, 14, 9, 0),
        "Reviewing care plans with @Jean.",
        "She wanted more say in her @Care-Plan.\nNext time I will ask her first.",
        False,
    ),
    (dt.datetime(2026, 3, 15, 17, 30), "Supervision with my manager @c3", "Talked about @SDS budgets.", True),
    (dt.datetime(2026, 4, 2, 8, 5), "Short note without a body", "", False),
]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_jrnl_journal_keeps_dates_titles_bodies_and_tags(tmp_path):
    result = read_file(write(tmp_path / "journal.txt", jrnl_journal(JOURNAL)))
    assert result.skipped == []
    assert result.sources == [(str(tmp_path / "journal.txt"), "jrnl", 3)]
    first, second, third = result.entries
    assert first.date == dt.date(2026, 3, 14)
    assert first.title == "Reviewing care plans with @Jean."
    assert first.body == "She wanted more say in her @Care-Plan.\nNext time I will ask her first."
    assert first.tags == ["jean", "care-plan"]  # jrnl compares tags in lower case
    assert first.created.astimezone().replace(tzinfo=None) == dt.datetime(2026, 3, 14, 9, 0)
    assert second.title == "Supervision with my manager @c3"  # the star is not part of the title
    assert second.tags == ["c3", "sds", "starred"]
    assert (third.date, third.title, third.body) == (dt.date(2026, 4, 2), "Short note without a body", "")


def test_jrnl_one_line_entry_splits_at_the_first_sentence(tmp_path):
    # As typed at the command line (`jrnl Met the family. We agreed...`) and saved without a line break.
    text = "[2026-03-14 09:00] Met the family. We agreed on a plan @planning.\n[2026-03-15 10:00] Next. Entry"
    first, second = read_file(write(tmp_path / "j.txt", text)).entries
    assert (first.title, first.body, first.tags) == (
        "Met the family.",
        "We agreed on a plan @planning.",
        ["planning"],
    )
    assert (second.title, second.body) == ("Next.", "Entry")


def test_jrnl_markdown_export_keeps_dates_titles_tags_and_headings(tmp_path):
    entries = [
        (
            dt.datetime(2026, 3, 14, 9, 0),
            "Reviewing care plans with @Jean.",
            "Intro @reviews.\n\n# What I learned\n\nAsk first.",
        ),
        (dt.datetime(2026, 3, 15, 17, 30), "Second", "Setext heading\n===\n\nText."),
        (dt.datetime(2026, 4, 2, 8, 5), "No body", ""),
        (dt.datetime(2027, 1, 3, 12, 0), "New year", "## Sub heading\nbody"),
    ]
    result = read_file(write(tmp_path / "export.md", jrnl_export_md(entries)))
    assert result.skipped == []
    assert [e.date for e in result.entries] == [
        dt.date(2026, 3, 14),
        dt.date(2026, 3, 15),
        dt.date(2026, 4, 2),
        dt.date(2027, 1, 3),
    ]
    assert [e.title for e in result.entries] == [e[1] for e in entries]
    first = result.entries[0]
    assert first.body == "Intro @reviews.\n\n# What I learned\n\nAsk first."  # heading shift undone
    assert first.tags == ["jean", "reviews"]
    assert result.entries[1].body == "# Setext heading\n\nText."  # jrnl rewrote it as ATX
    assert result.entries[2].body == ""
    assert result.entries[3].body == "## Sub heading\nbody"


def test_jrnl_markdown_export_and_journal_give_the_same_fingerprints(tmp_path):
    read = read_file(write(tmp_path / "journal.txt", jrnl_journal(JOURNAL))).entries
    exported = read_file(write(tmp_path / "export.md", jrnl_export_md([e[:3] for e in JOURNAL]))).entries
    assert [fingerprint(e) for e in read] == [fingerprint(e) for e in exported]


def test_jrnl_one_file_per_entry_export(tmp_path):
    text = jrnl_export_entry(dt.datetime(2026, 3, 14, 9, 0), "Team meeting", "# Notes\n\nWe met @team.", True)
    (e,) = read_file(write(tmp_path / "2026-03-14_team-meeting.md", text)).entries
    assert (e.date, e.title, e.body, e.tags) == (
        dt.date(2026, 3, 14),
        "Team meeting",
        "# Notes\n\nWe met @team.",
        ["team"],
    )


def test_obsidian_note_without_frontmatter(tmp_path):
    note = write(
        tmp_path / "vault" / "2026-02-20 Carers group.md",
        "# Listening to the carers' group\n\nThey asked for evening meetings #participation #c4.\n\n"
        "```bash\n# not a heading #nottag\n```\nSee [notes](#section) and `#code`.\n",
    )
    (e,) = read_file(note).entries
    assert e.title == "Listening to the carers' group"
    assert e.body.startswith("They asked for evening meetings")  # the title heading is not repeated
    assert e.date == dt.date(2026, 2, 20)
    assert e.tags == ["participation", "c4"]


def test_note_title_from_file_name_and_date_from_mtime(tmp_path):
    note = write(tmp_path / "reflection-on-self-directed-support.md", "Plain text with no heading.\n")
    os.utime(note, (dt.datetime(2025, 11, 3, 12).timestamp(),) * 2)
    (e,) = read_file(note).entries
    assert e.title == "Reflection on self directed support"
    assert e.date == dt.date(2025, 11, 3)
    assert e.body == "Plain text with no heading."


def test_obsidian_frontmatter_tags_as_string_and_created_date(tmp_path):
    note = write(
        tmp_path / "Some note.md",
        "---\ntags: '#leadership, #c2'\ncreated: 2026-01-05 10:22\naliases: [x]\n---\nBody text.\n",
    )
    (e,) = read_file(note).entries
    assert e.tags == ["leadership", "c2"]
    assert e.date == dt.date(2026, 1, 5)
    assert e.title == "Some note"
    assert e.body == "Body text."


def test_bad_files_are_reported_and_skipped_while_others_import(tmp_path):
    write(tmp_path / "a-good.md", "# Good\n\nFine.\n")
    write(tmp_path / "b-bad-yaml.md", "---\ntitle: [unclosed\n---\nText\n")
    write(tmp_path / "c-bad-date.md", "---\ndate: someday soon\n---\nText\n")
    (tmp_path / "d-binary.md").write_bytes(b"PK\x03\x04\x00\x00binary")
    (tmp_path / "e-latin1.txt").write_bytes("Caf\xe9 notes".encode("latin-1"))
    write(tmp_path / "f-empty.md", "\n  \n")
    write(tmp_path / "g-good.txt", "[2026-03-14 09:00] From jrnl.\n")
    result = read_all([tmp_path])
    assert [e.title for e in result.entries] == ["Good", "From jrnl."]
    reasons = {Path(what).name: why for what, why in result.skipped}
    assert reasons.keys() == {"b-bad-yaml.md", "c-bad-date.md", "d-binary.md", "e-latin1.txt", "f-empty.md"}
    assert "not valid YAML" in reasons["b-bad-yaml.md"]
    assert "'date' must be YYYY-MM-DD" in reasons["c-bad-date.md"]
    assert "binary" in reasons["d-binary.md"]
    assert "UTF-8" in reasons["e-latin1.txt"]
    assert "empty" in reasons["f-empty.md"]


def test_missing_file_is_reported_not_raised(tmp_path):
    result = read_all([tmp_path / "nope.md"])
    assert result.entries == []
    assert result.skipped[0][0].endswith("nope.md") and "cannot be read" in result.skipped[0][1]


def test_windows_line_endings_and_byte_order_mark(tmp_path):
    path = tmp_path / "win.md"
    path.write_bytes("\ufeff# Title\r\n\r\nLine one\r\nLine two\r\n".encode())
    (e,) = read_file(path).entries
    assert (e.title, e.body) == ("Title", "Line one\nLine two")


def test_iter_sources_walks_folders_in_order_and_skips_hidden(tmp_path):
    for name in [
        "b.md",
        "a.txt",
        "sub/c.markdown",
        "sub/d.pdf",
        ".obsidian/x.md",
        ".hidden.md",
        "z/.trash/y.md",
    ]:
        write(tmp_path / name, "x")
    explicit = write(tmp_path / "other" / "notes.log", "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_sources([tmp_path, explicit, tmp_path / "b.md"])]
    assert found == ["a.txt", "b.md", "sub/c.markdown", "other/notes.log"]


def test_fingerprint_ignores_line_endings_and_changes_with_the_text():
    base = Entry(id=None, date=dt.date(2026, 3, 14), title="T", body="one\ntwo\n")
    assert fingerprint(base) == fingerprint(Entry(id=5, date=base.date, title="T", body="one\r\ntwo\r\n", tags=["x"]))
    assert fingerprint(base) != fingerprint(Entry(id=None, date=base.date, title="T", body="one\ntwo\nthree"))
    assert fingerprint(base) != fingerprint(Entry(id=None, date=dt.date(2026, 3, 15), title="T", body=base.body))
    assert re.fullmatch(r"[0-9a-f]{64}", fingerprint(base))


def test_importing_twice_gives_the_same_fingerprints(tmp_path):
    path = write(tmp_path / "journal.txt", jrnl_journal(JOURNAL))
    first = [fingerprint(e) for e in read_file(path).entries]
    assert first == [fingerprint(e) for e in read_file(path).entries]
    assert len(set(first)) == 3


# --- learnlog's own backup form reads back exactly -----------------------------------------------------

_word = st.text(st.characters(codec="utf-8", categories=("L", "N")), min_size=1, max_size=12)
_line_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=60)
_body = st.lists(st.one_of(_line_text, st.just("---"), st.just("# heading"), st.just("")), max_size=8).map("\n".join)


@st.composite
def entries(draw) -> Entry:
    criteria = draw(
        st.dictionaries(st.sampled_from([f"c{i}" for i in range(1, 7)]), st.sampled_from(["manual", "suggested"]))
    )
    return Entry(
        id=draw(st.one_of(st.none(), st.integers(1, 10**6))),
        date=draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))),
        title=draw(_line_text.map(str.strip)),
        body=draw(_body),
        tags=draw(st.lists(_word, unique=True, max_size=5)),
        hours=draw(st.one_of(st.none(), st.floats(0, 100, allow_nan=False).map(lambda h: round(h, 2)))),
        status=draw(st.sampled_from(["draft", "final"])),
        criteria=criteria,
        created=draw(
            st.one_of(st.none(), st.datetimes(timezones=st.just(dt.UTC)).map(lambda d: d.replace(microsecond=0)))
        ),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries())
def test_backup_round_trip(tmp_path, entry):
    name = entry_filename(entry, set())
    path = tmp_path / name
    path.write_text(entry_markdown(entry), encoding="utf-8")
    (back,) = read_file(path).entries
    assert back.date == entry.date
    assert back.title == entry.title
    assert back.body == entry.body
    assert back.tags == entry.tags
    assert back.criteria == entry.criteria
    assert back.hours == entry.hours
    assert back.status == entry.status
    assert back.created == entry.created
    assert fingerprint(back) == fingerprint(entry)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.text(max_size=400).map(str.encode),
        st.text(st.sampled_from("-:[]#@*\n 2026-03-14 09:00title: tags"), max_size=300).map(str.encode),
    )
)
def test_no_file_content_makes_import_raise(tmp_path, data):
    path = tmp_path / "any.md"
    path.write_bytes(data)
    result = read_file(path)
    assert bool(result.entries) != bool(result.skipped)  # imported, or skipped with a reason


# --- bad inputs an import meets: each reported and skipped, the rest imported ------------------------------


def test_a_named_pipe_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    write(tmp_path / "good.md", "# Good\n\nText.\n")
    result = run_with_timeout(lambda: read_all([fifo, tmp_path / "good.md"]))
    assert [e.title for e in result.entries] == ["Good"]
    assert result.skipped == [(str(fifo), "is a named pipe, not a regular file; only files are imported")]


def test_dev_zero_is_refused_without_reading_it():
    result = run_with_timeout(lambda: read_file(Path("/dev/zero")))
    assert result.entries == []
    assert result.skipped == [("/dev/zero", "is a device, not a regular file; only files are imported")]


def test_a_file_over_20_mb_is_refused_with_its_size(tmp_path):
    big = tmp_path / "big.md"
    with open(big, "wb") as f:
        f.truncate(21 * 1024 * 1024)  # sparse: costs no disk
    result = read_file(big)
    assert result.entries == []
    assert result.skipped == [(str(big), "is 21.0 MB; learnlog reads files up to 20.0 MB")]


def test_a_file_name_that_is_not_utf8_is_skipped_and_the_rest_imported(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    bad = os.path.join(os.fsencode(folder), b"caf\xe9.md")
    with open(bad, "wb") as f:
        f.write(b"# Latin-1 name\n\nText.\n")
    write(folder / "good.md", "# Good\n\nText.\n")
    result = read_all([folder])
    assert [e.title for e in result.entries] == ["Good"]
    [(where, why)] = result.skipped
    assert where == f"{folder}/caf\\xe9.md" and "not valid UTF-8" in why
    where.encode("utf-8")  # printable and storable


def test_json_that_is_not_a_jrnl_export_is_not_imported_as_a_note(tmp_path):
    path = write(tmp_path / "package.json", '{"name": "x", "version": "1"}\n')
    assert read_file(path).skipped == [(str(path), "is JSON but not a jrnl export (jrnl --export json)")]


def test_a_damaged_jrnl_json_export_names_the_entry(tmp_path):
    path = write(
        tmp_path / "j.json",
        '{"tags": {}, "entries": [{"title": "a", "body": "", "date": "2026-13-01", "time": "09:00"}]}',
    )
    [(where, why)] = read_file(path).skipped
    assert why.startswith("entry 1 of the jrnl export: date and time must read like 2026-01-10")


def test_many_timestamped_lines_read_as_one_note_are_suspicious(tmp_path):
    text = "".join(f"[Day {d} of March 2026 at 9h00] Entry {d}\nText.\n\n" for d in range(1, 10))
    [(where, why)] = read_file(write(tmp_path / "journal.txt", text)).skipped
    assert "reads as one note but has 9 lines starting with a date and time" in why


def test_a_note_with_two_dated_lines_is_still_a_note(tmp_path):
    text = "# Meeting log\n\n2026-03-01 10:00 first call\n2026-03-02 11:00 second call\n"
    assert [e.title for e in read_file(write(tmp_path / "log.md", text)).entries] == ["Meeting log"]


def run_with_timeout(fn, seconds: float = 10):
    """Run fn in a thread; fail (rather than hang the suite) if it does not finish."""
    import concurrent.futures

    pool = concurrent.futures.ThreadPoolExecutor(1)
    try:
        return pool.submit(fn).result(timeout=seconds)
    finally:
        pool.shutdown(wait=False)


def without_root_powers() -> list[str]:
    """A command prefix that makes file permissions apply: root reads everything, so a suite run as root
    drops its capabilities for the child (util-linux setpriv) rather than skipping the check."""
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-all"] if os.geteuid() == 0 else []


def test_an_unreadable_subfolder_is_reported_and_the_rest_imported(tmp_path):
    import json
    import subprocess
    import sys

    write(tmp_path / "notes" / "good.md", "# Good\n\nText.\n")
    private = tmp_path / "notes" / "private"
    write(private / "hidden.md", "# Hidden\n\nText.\n")
    code = (
        "import json, sys; from learnlog.importers import read_all; r = read_all([sys.argv[1]]);"
        "print(json.dumps([[e.title for e in r.entries], r.skipped]))"
    )
    os.chmod(private, 0o000)
    try:
        done = subprocess.run(
            [*without_root_powers(), sys.executable, "-c", code, str(tmp_path / "notes")],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.chmod(private, 0o700)
    assert done.returncode == 0, done.stderr
    titles, skipped = json.loads(done.stdout)
    assert titles == ["Good"]
    assert skipped == [[str(private), "is a folder that cannot be read (Permission denied); skipped with its contents"]]


def test_obsidian_vault_note_takes_its_title_from_the_file_name(tmp_path):
    (tmp_path / "vault" / ".obsidian").mkdir(parents=True)
    note = write(
        tmp_path / "vault" / "Reflections" / "Carers group.md",
        "# What they asked for\n\nEvening meetings. #participation\n",
    )
    (e,) = read_file(note).entries
    assert e.title == "Carers group"  # what Obsidian shows; the heading stays in the text
    assert e.body == "# What they asked for\n\nEvening meetings. #participation"


def test_digits_only_tags_get_obsidians_own_fix(tmp_path):
    note = write(tmp_path / "n.md", "---\ntags: [2026, review]\n---\nText #1984 and #c1.\n")
    (e,) = read_file(note).entries
    assert e.tags == ["y2026", "review", "c1"]  # "#1984" is no tag in Obsidian, so none here either
