"""Property tests on the parsers and pure analysers: hostile input gives a LearnlogError or a result, never a crash.

Issue 6 (hardening). Every function here is pure or reads one file, so hypothesis can throw thousands of inputs
at it without a database: entry files and imports (anything a user's notes folder may hold), the confidential
scanner and the criteria tagger (anything a user may write).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from learnlog import entryfile, importers
from learnlog.confidential import LABELS, scan
from learnlog.errors import LearnlogError
from learnlog.importers.base import ImportResult
from learnlog.records import Entry
from learnlog.tagging import THRESHOLD, suggest

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- strategies -----------------------------------------------------------------------------------------------

# YAML is where the surprises live: indicators, flow collections, anchors, tags, quotes, odd scalars.
YAML_BITS = [
    "date: ",
    "tags: ",
    "hours: ",
    "status: ",
    "title: ",
    "id: ",
    "criteria: ",
    "resources: ",
    "created: ",
    "updated: ",
    "tag: ",
    "2026-02-30",
    "2026-03-14",
    "2026-03-14T10:00",
    "0000-01-01",
    "9999-12-31T23:59:59+14:00",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "- ",
    ": ",
    "? ",
    "&a ",
    "*a",
    "!!binary ",
    "!!python/object ",
    "!!set ",
    "!!omap ",
    "!!float ",
    "'",
    '"',
    "|",
    ">",
    "#",
    "~",
    "null",
    "true",
    ".nan",
    ".inf",
    "-.inf",
    "1e999",
    "-1",
    "0x1F",
    "1.5",
    "lots",
    "draft",
    "final",
    "done",
    "c1",
    "\t",
    " ",
    "\n",
    "\r\n",
    "\x00",
    "\ufeff",
    "\u2028",
    "é",
    "😀",
]

yaml_text = st.lists(
    st.one_of(st.sampled_from(YAML_BITS), st.text(max_size=8)),
    max_size=40,
).map("".join)

fence = st.sampled_from(["---\n", "---\r\n", "--- \n", "---", "---\n---\n", ""])

entry_text = st.one_of(
    st.text(),
    st.builds(lambda f, y, g, b: f + y + g + b, fence, yaml_text, fence, st.text(max_size=200)),
)

JRNL_BITS = [
    "[2026-03-14 09:00] ",
    "[2026-13-40 25:00] ",
    "[0001-01-01 00:00] ",
    "[9999-12-31 23:59] ",
    "# 2026\n",
    "## March\n",
    "### 2026-03-14 09:00 Title\n",
    "# 2026-03-14 09:00 One\n",
    "#### heading\n",
    "@tag ",
    "#tag ",
    "*\n",
    "```\n",
    "~~~\n",
    "`code`",
    ". ",
    "! ",
    "\n",
    "\r",
    "\r\n",
    " \n",
]

file_text = st.one_of(
    entry_text,
    st.lists(st.one_of(st.sampled_from(JRNL_BITS), st.text(max_size=12)), max_size=30).map("".join),
)

file_bytes = st.one_of(
    st.binary(max_size=400),
    file_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.tuples(file_text, st.binary(max_size=8)).map(lambda p: p[0].encode("utf-8", "surrogatepass") + p[1]),
    file_text.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8", "surrogatepass")),
)

# Text that looks like what the scanner hunts for: names, titles, numbers, e-mail, postcodes, dates.
SCAN_BITS = [
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Miss",
    "Mr.",
    " ",
    "  ",
    ".",
    ",",
    "'s",
    "’",
    "-",
    "@",
    "\n",
    "\n\n",
    "(",
    ")",
    '"',
    "Kyle",
    "Dunsmore",
    "Priya Natarajan",
    "Tadeusz told me",
    "Comfort",
    "aged 14",
    "epilepsy",
    "Down's syndrome",
    "Parkinson's",
    "EH1 1AA",
    "G2 3EW",
    "SW1A 1AA",
    "AB12",
    "9XY",
    "QQ 12 34 56 C",
    "AB123456C",
    "943 476 5919",
    "9434765919",
    "0101011234",
    "07700 900123",
    "+44 131 496 0000",
    "0131 496 0000",
    "DOB",
    "DOB:",
    "date of birth",
    "14/03/2009",
    "31/02/2009",
    "case ref",
    "case ref: ",
    "CR-2026-0042",
    "12",
    "Flat 3",
    "14 Leith Walk",
    "Street",
    "Road",
    "Drive",
    "example.org",
    "a.b@example.org",
    "jo@",
    "@nhs.net",
    "Social Work Scotland",
    "SSSC",
    "NHS Lothian",
    "as Carr argues",
    "(Duffy, 2010)",
    "Edinburgh",
    "Glasgow",
    "House",
    "Centre",
    "Day Centre",
    "Care Home",
]

scan_text = st.one_of(
    st.text(),
    st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabc @.\n-/()'’", max_size=200),
    st.lists(
        st.one_of(
            st.sampled_from(SCAN_BITS),
            st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ @.\n", max_size=6),
            st.text(max_size=4),
        ),
        max_size=60,
    ).map("".join),
)

# Text that looks like reflective writing against the criteria, plus noise.
SUGGEST_BITS = [
    "I ",
    "we ",
    "We ",
    "they ",
    "my manager ",
    "the team ",
    "people who use services ",
    "carers ",
    "supported ",
    "co-produced ",
    "co-production ",
    "listened to ",
    "reflected on ",
    "changed ",
    "will ",
    "next time ",
    "did not ",
    "never ",
    "outcomes ",
    "personal outcomes ",
    "what matters to you ",
    "leadership ",
    "citizen leadership ",
    "Outcomes Toolbox ",
    "Seldom Heard ",
    "risk ",
    "self-directed support ",
    "direct payments ",
    "supervision ",
    "decision ",
    ". ",
    "! ",
    "? ",
    "… ",
    "\n",
    "\n\n",
    "- ",
    "# ",
    "...",
    "“",
    "”",
]

suggest_text = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(SUGGEST_BITS), st.text(max_size=6)), max_size=60).map("".join),
)


@pytest.fixture(scope="module")
def scratch() -> Path:
    with tempfile.TemporaryDirectory(prefix="learnlog-fuzz-") as d:
        yield Path(d)


# -- entry files ----------------------------------------------------------------------------------------------


def _parse_or_learnlog_error(text: str) -> entryfile.Parsed | None:
    try:
        return entryfile.parse(text, where="fuzz.md")
    except LearnlogError:
        return None


@FUZZ
@given(text=entry_text)
@example(text="---\n- a\n- b\n---\nbody")
@example(text="---\n? [a, b]\n: c\n---\nbody")
@example(text="---\n!!python/object:os.system x\n---\n")
def test_entryfile_parse_raises_only_learnlog_errors(text):
    parsed = _parse_or_learnlog_error(text)
    if parsed is None:
        return
    assert isinstance(parsed.body, str)
    assert text.endswith(parsed.body)  # the body is kept byte-exact, after the frontmatter
    meta = parsed.meta
    if "hours" in meta:
        assert isinstance(meta["hours"], float) and not meta["hours"] < 0
    if "status" in meta:
        assert meta["status"] in entryfile.STATUSES
    for key in ("tags", "resources"):
        if key in meta:
            assert all(isinstance(v, str) and v for v in meta[key])
    if "title" in meta:
        assert isinstance(meta["title"], str)


@FUZZ
@given(text=entry_text)
def test_entryfile_to_entry_and_dump_never_raise_on_what_parse_accepts(text):
    parsed = _parse_or_learnlog_error(text)
    if parsed is None:
        return
    import datetime as dt

    entry = entryfile.to_entry(parsed, Entry(id=None, date=dt.date(2026, 3, 14), body=""))
    again = entryfile.parse(entryfile.dump(entry), where="round trip")
    assert again.body == entry.body


# Found by fuzzing: PyYAML's parser and composer recurse once per nesting level, so a few kilobytes of
# brackets raise RecursionError, which is not a LearnlogError (the CLI would print a traceback).
DEEP = {
    "closed list": "---\ntags: " + "[" * 1000 + "]" * 1000 + "\n---\nbody\n",
    "unclosed list": "---\nx: " + "[" * 5000 + "\n---\nbody\n",
    "nested mapping": "---\ntitle: " + "{a: " * 1000 + "b" + "}" * 1000 + "\n---\nbody\n",
    "block nesting": "---\n" + "".join(" " * i + "- \n" for i in range(1200)) + "---\nbody\n",
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_deeply_nested_frontmatter_is_an_input_error_not_a_recursion_error(text):
    with pytest.raises(LearnlogError, match="frontmatter"):
        entryfile.parse(text, where="deep.md")


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_read_file_skips_deeply_nested_frontmatter(scratch, text):
    path = scratch / "deep.md"
    path.write_text(text, encoding="utf-8")
    try:
        result = importers.read_file(path)
    except BaseException as exc:  # noqa: BLE001
        pytest.fail(f"read_file raised {type(exc).__name__}")
    assert not result.entries
    assert result.skipped and "frontmatter" in result.skipped[0][1]


# Found by fuzzing: an explicit YAML tag makes PyYAML's constructor call float()/int()/date() itself, and the
# ValueError/IndexError/KeyError it raises is not a YAMLError, so it escapes `_yaml_load`.
BAD_TAGS = [
    "!!float",
    "!!float ;",
    "hours: !!float lots",
    "!!int",
    "id: !!int x",
    "x: !!int 0b2",
    "date: !!timestamp 2026-02-30",
    "status: !!bool maybe",
]


@pytest.mark.parametrize("line", BAD_TAGS)
def test_explicit_yaml_tags_with_bad_values_are_input_errors(line):
    with pytest.raises(LearnlogError, match="frontmatter|'"):
        entryfile.parse(f"---\n{line}\n---\nbody\n", where="tagged.md")


@pytest.mark.parametrize("line", BAD_TAGS)
def test_read_file_skips_explicit_yaml_tags_with_bad_values(scratch, line):
    path = scratch / "tagged.md"
    path.write_text(f"---\n{line}\n---\nbody\n", encoding="utf-8")
    try:
        result = importers.read_file(path)
    except BaseException as exc:  # noqa: BLE001
        pytest.fail(f"read_file raised {type(exc).__name__}: {exc}")
    assert not result.entries
    assert result.skipped and result.skipped[0][0] == str(path)


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "1.0e+999", "-.inf"])
def test_hours_must_be_a_finite_number(value):
    # NaN passes "value < 0" and SQLite stores it as NULL; infinity is stored and `--json` prints `Infinity`,
    # which is not JSON.
    with pytest.raises(LearnlogError, match="'hours'"):
        entryfile.parse(f"---\nhours: {value}\n---\nbody", where="hours.md")


def test_yaml_alias_expansion_is_refused_without_exhausting_memory():
    """A 400-byte 'billion laughs' frontmatter must not grow to gigabytes when a field is turned into text.

    Run in a child with a 1 GiB address-space limit and a time limit, so the bug cannot take CI down with it.
    """
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent(
        """
        import resource, sys
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        from learnlog import entryfile
        from learnlog.errors import LearnlogError
        levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
        for i in range(1, 9):
            prev, cur = chr(96 + i), chr(97 + i)
            levels.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
        text = "---\\n" + "\\n".join(levels) + f"\\ntitle: *{cur}\\n---\\nbody\\n"
        try:
            parsed = entryfile.parse(text, where="bomb.md")
        except LearnlogError as exc:
            print("refused:", exc)
            sys.exit(0)
        print("accepted, title of", len(parsed.meta.get("title", "")), "characters")
        sys.exit(3)
        """
    )
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("parsing a 400-byte frontmatter took over 30 s (alias expansion)")
    assert proc.returncode == 0, (proc.returncode, proc.stdout, proc.stderr[-600:])
    assert proc.stdout.startswith("refused:")


# -- importers.read_file ----------------------------------------------------------------------------------------


def _check_result(result: ImportResult, where: str) -> None:
    assert isinstance(result, ImportResult)
    assert result.entries or result.skipped, "a file must give entries or a reason it was skipped"
    for source, reason in result.skipped:
        assert source == where
        assert isinstance(reason, str) and reason.strip()
        assert "\n" not in reason.strip(), reason  # one line per skipped file in the import report
    for e in result.entries:
        assert isinstance(e, Entry)
        assert isinstance(e.body, str) and isinstance(e.title, str)
        assert all(isinstance(t, str) and t for t in e.tags)


@FUZZ
@given(data=file_bytes, name=st.sampled_from(["note.md", "2026-03-14-note.md", "journal.txt", "0000-00-00.md"]))
@example(data=b"\x00\x01\x02PNG", name="note.md")
@example(data=b"caf\xe9\n", name="note.md")
@example(data=b"\xff\xfe" + "utf-16 text".encode("utf-16-le"), name="note.md")
@example(data=b"[0001-01-01 00:00] A very old entry.", name="journal.txt")
@example(data=b"[9999-12-31 23:59] A very late entry.", name="journal.txt")
@example(data=b"# 2026\n\n### 2026-03-14 09:00 Title\n\nbody\n", name="journal.txt")
def test_read_file_never_raises_for_a_bad_file(scratch, data, name):
    path = scratch / name
    path.write_bytes(data)
    try:
        result = importers.read_file(path)
    except BaseException as exc:  # noqa: BLE001 (the contract is: nothing at all)
        pytest.fail(f"read_file raised {type(exc).__name__}: {exc!s:.200} for {data[:80]!r}")
    _check_result(result, str(path))


@FUZZ
@given(text=file_text)
def test_read_file_never_raises_for_any_text(scratch, text):
    path = scratch / "text-note.md"
    path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
    try:
        result = importers.read_file(path)
    except BaseException as exc:  # noqa: BLE001
        pytest.fail(f"read_file raised {type(exc).__name__}: {exc!s:.200} for {text[:80]!r}")
    _check_result(result, str(path))


def test_read_file_reports_a_folder_and_a_missing_file(scratch):
    for path in (scratch, scratch / "missing.md"):
        result = importers.read_file(path)
        assert not result.entries
        assert result.skipped and result.skipped[0][0] == str(path)


# -- confidential.scan -----------------------------------------------------------------------------------------


def _check_findings(text: str, findings) -> None:
    last_end = 0
    for f in findings:
        assert f.label in LABELS
        assert 0 <= f.start < f.end <= len(text), (f, len(text))
        assert text[f.start : f.end] == f.text
        assert f.start >= last_end, f"overlapping or unsorted: {findings}"
        assert isinstance(f.reason, str) and f.reason
        last_end = f.end


@FUZZ
@given(text=scan_text)
@example(text="Mr\nMr\nMr.")
@example(text="Mrs Dunsmore, DOB 14/03/2009, lives at 14 Leith Walk, EH1 1AA; NHS 943 476 5919.")
@example(text="@" * 300 + "." * 300)
@example(text="a@b." * 200)
@example(text="1" * 5000)
@example(text="Mr " * 2000)
def test_scan_never_raises_and_spans_are_sorted_non_overlapping_and_exact(text):
    _check_findings(text, scan(text))


@FUZZ
@given(text=scan_text, allow=st.lists(st.one_of(st.sampled_from(SCAN_BITS), st.text(max_size=10)), max_size=4))
def test_scan_with_an_allowlist_never_raises(text, allow):
    findings = scan(text, allow=allow)
    _check_findings(text, findings)
    assert len(findings) <= len(scan(text))


# -- tagging.suggest --------------------------------------------------------------------------------------------


@FUZZ
@given(text=suggest_text, badge=st.sampled_from(["sssc-sil-1", "topss-lm", "scie-inclusive"]))
@example(text="", badge="sssc-sil-1")
@example(text="\n\n\n", badge="sssc-sil-1")
@example(text="...", badge="sssc-sil-1")
@example(text="I " * 3000, badge="sssc-sil-1")
def test_suggest_never_raises_and_scores_and_evidence_are_sound(text, badge):
    suggestions = suggest(text, badge)
    ids = [s.criterion_id for s in suggestions]
    assert len(ids) == len(set(ids))
    for s in suggestions:
        assert 0.0 <= s.score <= 1.0, s
        assert s.accepted == (s.score >= THRESHOLD)
        for phrase in s.evidence:
            assert isinstance(phrase, str) and phrase
            assert phrase in text, (phrase, text)
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)
