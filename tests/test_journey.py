"""The whole journey in one log, as a practitioner makes it: eight entries in different templates, confirmed and
suggested links, two people redacted with pseudonyms, a dismissal, an allowlisted author, the prerequisite and
the declaration; a statement that passes `check`; then a private detail in the title, in a heading and in an
entry title, each stopped by `check` and `export` and removed by `export --force --redact`."""

from __future__ import annotations

import json
import re

import html5lib
import pytest
from evidence import EVIDENCE
from helpers import add, as_json, shown

XHTML = "{http://www.w3.org/1999/xhtml}"
TEMPLATE_HEADINGS = (
    "What?", "So what?", "Now what?", "Description", "Feelings", "Evaluation", "Analysis", "Conclusion",
    "Action plan", "Experience", "Knowledge", "Skills", "Reflections", "Application",
)  # fmt: skip


def twice(cid: str) -> str:
    """Enough of the shared evidence for eight entries to make a 500-1000 word statement."""
    return " ".join([EVIDENCE[cid]] * 3)


def write_in_editor(fake_editor, body: str) -> None:
    """The editor keeps learnlog's frontmatter and replaces the template with the writer's text."""
    fake_editor(
        f"""
        text = path.read_text(encoding="utf-8")
        head = text[: text.index("---", 3) + 4]
        path.write_text(head + {body!r}, encoding="utf-8")
        """
    )


def labels(cli) -> dict[str, str]:
    return {c["id"]: c["label"] for c in as_json(cli("criteria", "--json"))["criteria"]}


def check(cli, code: int) -> dict:
    r = cli("check", "--json", code=None)
    data = as_json(r)
    failing = [(x["check"], x["detail"]) for x in data["rows"] if x["status"] == "fail"]
    assert r.exit_code == code, failing
    return data


def row(data: dict, name: str) -> dict:
    return next(r for r in data["rows"] if r["check"] == name)


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("#")]


def html_levels(page: str) -> list[int]:
    tree = html5lib.parse(page, treebuilder="etree")
    return [
        int(el.tag[-1])
        for el in tree.iter()
        if isinstance(el.tag, str) and re.fullmatch(rf"{re.escape(XHTML)}h[1-6]", el.tag)
    ]


@pytest.fixture
def journey(cli, fake_editor, tmp_path) -> dict[str, int]:
    ids: dict[str, int] = {}
    write_in_editor(
        fake_editor,
        f"## What?\n\n{twice('c1')} I met Mrs Jane Smith at her home to plan her review.\n\n"
        f"## So what?\n\n{EVIDENCE['c1']}\n\n## Now what?\n\nI will ask first, every time.\n",
    )
    ids["rolfe"] = add(cli, "--template", "rolfe", "-c", "c1", "--date", "2026-03-01")["id"]
    write_in_editor(
        fake_editor,
        f"## Description\n\nKyle Brown told the panel he wanted to keep his overnight support.\n\n"
        f"## Feelings\n\n{twice('c2')}\n\n## Action plan\n\nBring carers to the next panel.\n",
    )
    ids["gibbs"] = add(cli, "--template", "gibbs", "-c", "c2", "--date", "2026-03-02")["id"]
    write_in_editor(
        fake_editor,
        f"## Experience: what happened, and what did you do?\n\nI met Mrs Jane Smith again. {twice('c3')}\n\n"
        "## Knowledge: what do you know now?\n\nAnn Macdonald writes that relationships come first.\n\n"
        "## Application: where will you use this?\n\nIn every review I chair.\n",
    )
    ids["sssc"] = add(cli, "--template", "sssc", "-c", "c3", "--date", "2026-03-03")["id"]
    ids["councillor"] = add(
        cli,
        f"{twice('c4')} At the public consultation Councillor Peter Grant answered questions.",
        "-c", "c4", "--date", "2026-03-04",
    )["id"]  # fmt: skip
    ids["stdin"] = add(cli, "-c", "c5", "--date", "2026-03-05", input=twice("c5") + "\n")["id"]
    note = tmp_path / "note.md"
    note.write_text(f"---\ntitle: Feedback on my leadership\ndate: 2026-03-06\n---\n{twice('c6')}\n", encoding="utf-8")
    ids["file"] = add(cli, "--file", note, "-c", "c6")["id"]
    ids["suggested"] = add(cli, EVIDENCE["c1"], "--date", "2026-03-07")["id"]
    ids["both"] = add(cli, f"{EVIDENCE['c2']} {EVIDENCE['c5']}", "-c", "c2", "--date", "2026-03-08")["id"]
    cli("suggest", "--all", "--accept")

    cli("allow", "Ann Macdonald", "--reason", "author I cite")
    (grant,) = [f for f in as_json(cli("scan", ids["councillor"], "--json", code=1)) if "Peter Grant" in f["text"]]
    cli("dismiss", grant["id"], "--reason", "an elected councillor at a public meeting")
    for key in ("rolfe", "gibbs", "sssc"):
        cli("redact", ids[key], "--pseudonyms")

    cli("badge", "held", "sssc-lcf", "--date", "2026-02-01")
    cli("check", "--confirm-own-work", code=None)
    return ids


def test_the_journey_gives_a_statement_that_passes_check(cli, journey):
    assert shown(cli, journey["suggested"])["criteria"] == {"c1": "suggested"}
    assert shown(cli, journey["both"])["criteria"]["c5"] == "suggested"
    titles = {key: shown(cli, eid)["title"] for key, eid in journey.items()}
    assert not set(titles.values()) & set(TEMPLATE_HEADINGS)  # template entries are titled by their own words
    assert titles["rolfe"].startswith("I supported a man")

    cli("statement", "new", "--all", "--headings", "--no-edit", "--title", "Keeping people at the centre")
    body = cli("statement", "show", "--raw").stdout
    # Exactly the confirmed criteria's sections, in the framework's order, and no other heading.
    assert headings(body) == [f"## {label}" for label in labels(cli).values()]
    for heading in TEMPLATE_HEADINGS:
        assert not re.search(rf"^#+ {re.escape(heading)}", body, re.M), heading
    assert "I will ask first, every time." in body and "Bring carers to the next panel." in body  # text kept
    # Confirmed links only: the entry only suggested for c1 is not in it; the c2+c5 entry appears once.
    (st,) = as_json(cli("statement", "list", "--json"))
    assert journey["suggested"] not in st["entries"]
    assert body.count(EVIDENCE["c5"]) == 4  # three times from the c5 entry, once from the c2 entry
    sections = re.split(r"^## .*$", body, flags=re.M)[1:]
    assert EVIDENCE["c5"] in sections[1]  # the c2+c5 entry sits under c2, its first confirmed criterion

    # One pseudonym map: Mrs Jane Smith is Person A in both her entries, Kyle Brown is Person B.
    assert "Jane Smith" not in body and "Kyle Brown" not in body
    assert "I met Person A at her home" in body and "I met Person A again" in body
    assert "Person B told the panel" in body
    assert "Peter Grant" in body and "Ann Macdonald" in body  # dismissed in its entry; allowlisted

    data = check(cli, code=0)
    assert all(r["status"] in ("pass", "warn") for r in data["rows"]), data["rows"]
    assert row(data, "confidentiality")["status"] == "pass"

    page = cli("export", "--format", "html").stdout
    levels = html_levels(page)
    assert levels[0] == 1 and levels.count(1) == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    fragment = cli("export", "--format", "html", "--fragment").stdout
    assert "<html" not in fragment and "<style" not in fragment
    levels = html_levels(fragment)
    assert min(levels) == 2 and levels[0] == 2 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))


@pytest.fixture
def clean(cli, journey) -> int:
    cli("statement", "new", "--all", "--headings", "--no-edit", "--title", "Keeping people at the centre")
    check(cli, code=0)
    return as_json(cli("statement", "list", "--json"))[-1]["id"]


def refused_then_redacted(cli, fmt: str, private: list[str]) -> str:
    data = check(cli, code=1)
    assert row(data, "confidentiality")["status"] == "fail"
    assert row(data, "confidentiality")["fix"] == f"learnlog scan --statement {data['statement']}"
    r = cli("export", "--format", fmt, code=1)
    assert r.stdout == "" and "confidentiality" in r.stderr
    out = cli("export", "--format", fmt, "--force", "--redact").stdout
    for text in private:
        assert text not in out
    assert "[PERSON]" in out
    return out


def test_a_private_title_is_stopped_and_redacted(cli, clean):
    title = "Visit to Mrs Jane Smith, phone 07700 900123"
    cli("statement", "new", "--all", "--headings", "--no-edit", "--replace", "--title", title)
    found = as_json(cli("scan", "--statement", "--json", code=1))
    assert {(f["part"], f["label"]) for f in found} == {("title", "PERSON"), ("title", "PHONE")}
    for fmt in ("txt", "md", "html", "json"):
        out = refused_then_redacted(cli, fmt, ["Jane Smith", "07700 900123"])
        assert "[PHONE]" in out
    data = json.loads(cli("export", "--format", "json", "--force", "--redact").stdout)
    assert data["name"] == "Visit to [PERSON], phone [PHONE]"
    page = cli("export", "--format", "html", "--force", "--redact").stdout
    assert "<title>Visit to [PERSON], phone [PHONE]</title>" in page


def test_a_private_heading_is_stopped_and_redacted(cli, clean, fake_editor):
    fake_editor(
        """
        text = path.read_text(encoding="utf-8")
        path.write_text("## Margaret Ross chose her support\\n\\nIt was her plan.\\n\\n" + text, encoding="utf-8")
        """
    )
    cli("statement", "edit")
    found = as_json(cli("scan", "--statement", "--json", code=1))
    assert [(f["part"], f["text"]) for f in found] == [("body", "Margaret Ross")]
    out = refused_then_redacted(cli, "html", ["Margaret Ross"])
    assert "<h2>[PERSON] chose her support</h2>" in out


def test_a_private_entry_title_is_stopped_and_redacted(cli, clean):
    add(cli, EVIDENCE["c6"], "--title", "Call with Mr Tom Baxter", "-c", "c6", "--date", "2026-03-09")
    cli("statement", "new", "--all", "--headings", "--no-edit", "--replace")
    found = as_json(cli("scan", "--statement", "--json", code=1))
    assert [(f["part"].split()[0], f["text"]) for f in found] == [("entry", "Mr Tom Baxter")]
    out = refused_then_redacted(cli, "md", ["Tom Baxter"])
    assert "title: Call with [PERSON]" in out


def test_dismissing_a_statement_finding_and_allowing_rejudge_at_once(cli, clean):
    cli("statement", "new", "--all", "--headings", "--no-edit", "--replace", "--title", "Lessons with Kyle Brown")
    (found,) = as_json(cli("scan", "--statement", "--json", code=1))
    cli("dismiss", found["id"], "--reason", "he asked to be named")
    check(cli, code=0)
    cli("statement", "new", "--all", "--headings", "--no-edit", "--replace", "--title", "What Ann Murray taught me")
    check(cli, code=1)
    cli("allow", "Ann Murray", "--reason", "author")
    check(cli, code=0)


def test_finding_ids_are_the_same_in_scan_id_and_scan_all(cli, journey):
    new = add(cli, "I met Mr Tom Baxter and Mrs Ann Wallace at the day centre.")["id"]
    one = as_json(cli("scan", new, "--json", code=1))
    assert len(one) == 2
    every = as_json(cli("scan", "--all", "--json", code=1))
    again = as_json(cli("scan", new, "--json", code=1))
    assert [f["id"] for f in one] == [f["id"] for f in again] == [f["id"] for f in every if f["entry_id"] == new]
    cli("dismiss", one[0]["id"], "--reason", "a test of ids")
    assert [f["id"] for f in as_json(cli("scan", new, "--json", code=1))] == [one[1]["id"]]


CHECK_MODULES = """
import sys
from learnlog.cli import main
try:
    sys.argv = ["learnlog", "check"]
    main()
except SystemExit:
    pass
print("LOADED:" + " ".join(m for m in ("learnlog.confidential", "sqlalchemy") if m in sys.modules))
"""


def loaded_by_check(db) -> str:
    import subprocess
    import sys

    from conftest import run_env

    r = subprocess.run(
        [sys.executable, "-c", CHECK_MODULES], capture_output=True, text=True, env=run_env(db), timeout=120
    )
    (line,) = [line for line in r.stdout.splitlines() if line.startswith("LOADED:")]
    return line.removeprefix("LOADED:")


def test_check_scans_again_only_when_something_the_verdict_rests_on_changed(cli, clean, db_path, fake_editor):
    assert loaded_by_check(db_path) == ""  # judged when saved: no scanner, no SQLAlchemy on a plain check
    cli("allow", "Someone Else", "--reason", "a new allowlist phrase")
    assert loaded_by_check(db_path) == ""  # allow re-judged it at once
    add(cli, "An unrelated entry.")
    assert loaded_by_check(db_path) == ""
    (st,) = [s for s in as_json(cli("statement", "list", "--json")) if s["current"]]
    assert st["id"] == clean
