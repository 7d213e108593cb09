"""Export formats and backup file names, checked as a practitioner meets them: pasted, printed, uploaded."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import html5lib
import jsonschema
import pytest
import yaml
from helpers import make_badge
from hypothesis import given, settings
from hypothesis import strategies as st

from learnlog.errors import UsageError
from learnlog.exporters import FORMATS, ExportDoc, entry_filename, entry_markdown, get_format, render
from learnlog.records import Entry

BODY = """## What I learned

I read *Leading for Outcomes* and **changed** how our team runs reviews.
Now people choose where we meet. See [IRISS](https://www.iriss.org.uk/resources) or <https://www.sssc.uk.com>.

- asked each person what matters to them
- wrote the plan with them
  1. in their words

> "It felt like my meeting for once."

I typed <script>alert('x')</script> by mistake.
"""


def make_doc(**overrides) -> ExportDoc:
    values = dict(
        title="Keeping people at the centre of reviews",
        body=BODY,
        badge=make_badge(),
        criteria_covered=["c4", "c1"],
        word_count=742,
        created=dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
        updated=dt.datetime(2026, 3, 14, 16, 5, tzinfo=dt.UTC),
        entry_ids=[3, 7],
    )
    values.update(overrides)
    return ExportDoc(**values)


LINK = "https://mairi-writes.example.org/2026/keeping-people-at-the-centre"
XHTML = "{http://www.w3.org/1999/xhtml}"
SCHEMA = Path(__file__).parent / "data" / "ob_v3p0_achievementcredential_schema.json"


def evidence_validator():
    """The Evidence class of the official 1EdTech OB 3.0 schema (tests/data, source noted beside it)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls({"$ref": "#/$defs/Evidence", "$defs": schema["$defs"]})


def parse_html(text: str):
    """A real HTML5 parser, as a browser or the Nu checker reads the page (fragments too)."""
    return html5lib.parse(text, treebuilder="etree")


def headings(tree) -> list:
    return [el for el in tree.iter() if isinstance(el.tag, str) and re.fullmatch(rf"{re.escape(XHTML)}h[1-6]", el.tag)]


def heading_levels(tree) -> list[int]:
    return [int(el.tag[-1]) for el in headings(tree)]


def text_of(el) -> str:
    return "".join(el.itertext()).strip()


def split_frontmatter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def test_every_format_is_registered_with_an_extension():
    assert set(FORMATS) == {"md", "txt", "html", "json"}
    assert {f.extension for f in FORMATS.values()} == {"md", "txt", "html", "json"}
    assert get_format("markdown") is FORMATS["md"]
    assert get_format(" TXT ") is FORMATS["txt"]


def test_unknown_format_names_the_valid_ones():
    with pytest.raises(UsageError, match="md, txt, html, json"):
        render("docx", make_doc())


def test_md_frontmatter_describes_the_badge_and_keeps_the_words():
    meta, body = split_frontmatter(render("md", make_doc()))
    assert meta["title"] == "Keeping people at the centre of reviews"
    assert meta["date"] == dt.date(2026, 3, 14)  # blog engines sort posts by it
    assert meta["badge"] == {"id": "sssc-sil-1", "title": "#1 Keeping people who use services at the centre"}
    assert meta["issuer"] == "Scottish Social Services Council"
    # In the badge's order, with the labels a reader understands.
    assert meta["criteria"] == [
        {"id": "c1", "label": "Promote self-determination"},
        {"id": "c4", "label": "Value participation"},
    ]
    assert meta["words"] == 742
    assert meta["created"] == "2026-03-01T09:30:00+00:00"
    assert meta["updated"] == "2026-03-14T16:05:00+00:00"
    assert body.strip("\n") == BODY.strip("\n")


def test_md_keeps_a_criterion_the_badge_no_longer_defines():
    meta, _ = split_frontmatter(render("md", make_doc(criteria_covered=["c2", "c9"])))
    assert [c["id"] for c in meta["criteria"]] == ["c2", "c9"]


def test_txt_has_no_markdown_left_for_the_application_form():
    text = render("txt", make_doc())
    for mark in ("**", "__", "`", "](", "<https", "##"):
        assert mark not in text
    for line in text.splitlines():
        assert not re.match(r"\s*(#|- |\* |> )", line), line
    assert not re.search(r"(?<!\w)\*\w", text)  # no *emphasis* markers


def test_txt_reads_naturally():
    lines = render("txt", make_doc()).splitlines()
    assert lines[0] == "Keeping people at the centre of reviews"
    assert "What I learned" in lines  # heading as a plain line of its own
    assert (
        "I read Leading for Outcomes and changed how our team runs reviews. Now people choose where we meet. "
        "See IRISS (https://www.iriss.org.uk/resources) or https://www.sssc.uk.com." in lines
    )  # one paragraph, one line: the form's box does the wrapping
    assert "• asked each person what matters to them" in lines
    assert "  1. in their words" in lines
    assert '“"It felt like my meeting for once."”' in lines
    assert "I typed <script>alert('x')</script> by mistake." in lines  # literal text, as typed


def test_txt_never_wraps_a_long_paragraph():
    sentence = "We listened to what people told us about their own support. " * 20
    text = render("txt", make_doc(body=sentence.strip()))
    assert sentence.strip() in text.splitlines()


def test_html_is_one_self_contained_printable_page():
    page = render("html", make_doc())
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in page
    assert "@media print" in page
    assert "<style>" in page
    assert "<link" not in page and "<script" not in page and " src=" not in page
    assert "<em>Leading for Outcomes</em>" in page
    assert '<a href="https://www.iriss.org.uk/resources">IRISS</a>' in page
    assert "Scottish Social Services Council" in page
    assert "742 words" in page and "14 March 2026" in page
    assert "c4</strong> — Value participation" in page


def test_html_shows_script_in_the_text_as_text():
    page = render("html", make_doc())
    assert "&lt;script&gt;alert(" in page
    assert "<script>" not in page


def test_html_escapes_the_title_and_keeps_one_main_heading():
    page = render("html", make_doc(title='Reviews <b>&</b> "voice"'))
    assert "<title>Reviews &lt;b&gt;&amp;&lt;/b&gt; &quot;voice&quot;</title>" in page
    assert page.count("<h1>") == 1
    assert "<h2>What I learned</h2>" in page  # body headings start below the page title


def test_html_does_not_link_javascript_urls():
    page = render("html", make_doc(body="[click](javascript:alert(1))"))
    assert 'href="javascript' not in page


def test_json_is_an_open_badges_3_evidence_object():
    data = json.loads(render("json", make_doc()))
    assert data["type"] == ["Evidence"]
    assert data["name"] == "Keeping people at the centre of reviews"
    assert data["narrative"] == BODY  # markdown, exactly the practitioner's words
    assert data["genre"] == "Reflective statement"
    assert "#1 Keeping people who use services at the centre" in data["description"]
    assert "c1 Promote self-determination; c4 Value participation" in data["description"]
    assert "742 words" in data["description"]
    assert "Scottish Social Services Council" in data["audience"]
    assert set(data) <= {"id", "type", "name", "description", "narrative", "genre", "audience"}
    assert "id" not in data  # no link yet: no made-up URL


def test_json_passes_the_official_open_badges_3_schema():
    validator = evidence_validator()
    for doc in (make_doc(), make_doc(link=LINK), make_doc(criteria_covered=[], body="")):
        data = json.loads(render("json", doc))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == []
    # The validator is not a rubber stamp: a broken object fails it.
    assert list(validator.iter_errors({"type": ["Assertion"], "name": 3}))


def test_statement_link_is_the_evidence_id_and_shown_in_every_format():
    doc = make_doc(link=LINK)
    assert json.loads(render("json", doc))["id"] == LINK
    meta, body = split_frontmatter(render("md", doc))
    assert meta["link"] == LINK and LINK in body
    assert LINK in render("txt", doc).splitlines()[-1]
    for html in (render("html", doc), render("html", doc, fragment=True)):
        links = [a.get("href") for a in parse_html(html).iter("{http://www.w3.org/1999/xhtml}a")]
        assert LINK in links


def test_only_web_links_are_clickable_in_html():
    page = render("html", make_doc(link="javascript:alert(1)"))
    assert 'href="javascript' not in page


def test_md_and_html_list_the_entries_drawn_on():
    doc = make_doc(sources=[("Budget review", dt.date(2026, 3, 2)), ("Carers' forum", dt.date(2026, 3, 9))])
    meta, _ = split_frontmatter(render("md", doc))
    assert meta["entries"] == [
        {"title": "Budget review", "date": dt.date(2026, 3, 2)},
        {"title": "Carers' forum", "date": dt.date(2026, 3, 9)},
    ]
    items = [text_of(li) for li in parse_html(render("html", doc)).iter(f"{XHTML}li")]
    assert "Budget review (2 March 2026)" in items and "Carers' forum (9 March 2026)" in items


SKIPPING = "### Starts low\n\nText.\n\n##### Jumps two\n\nMore.\n\n# Then the top\n\n## And down one\n\nEnd.\n"


def test_html_page_headings_never_skip_a_level():
    for body in (BODY, SKIPPING):
        levels = heading_levels(parse_html(render("html", make_doc(body=body, sources=[("A", dt.date(2026, 1, 1))]))))
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_html_fragment_is_the_body_alone_for_a_blog_editor():
    fragment = render("html", make_doc(body=SKIPPING), fragment=True)
    for tag in ("<html", "<head", "<body", "<style", "<title", "<h1", "style="):
        assert tag not in fragment
    tree = parse_html(fragment)
    levels = heading_levels(tree)
    assert levels[0] == 2 and min(levels) == 2
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert [text_of(h) for h in headings(tree)] == ["Starts low", "Jumps two", "Then the top", "And down one"]


def test_fragment_is_refused_for_formats_without_one():
    with pytest.raises(UsageError, match="--fragment works with --format html"):
        render("txt", make_doc(), fragment=True)


def test_json_keeps_non_ascii_readable():
    text = render("json", make_doc(title="Màiri’s review"))
    assert "Màiri’s review" in text


def entry(title: str, day: dt.date = dt.date(2026, 3, 14), id: int | None = None, body: str = "x") -> Entry:
    return Entry(id=id, date=day, body=body, title=title)


def test_entry_filename_is_date_and_title():
    assert entry_filename(entry("Reviewing care plans"), set()) == "2026-03-14-reviewing-care-plans.md"


def test_entry_filename_folds_to_ascii():
    name = entry_filename(entry("Café & Ærøskøbing – people’s voices / choices"), set())
    assert name == "2026-03-14-cafe-and-aeroskobing-peoples-voices-choices.md"


def test_entry_filename_without_title_uses_first_line_then_entry():
    assert entry_filename(entry("", body="# Met Jean's family\n\nText"), set()) == "2026-03-14-met-jeans-family.md"
    assert entry_filename(entry("", body="!!!"), set()) == "2026-03-14-entry.md"


def test_entry_filename_clash_uses_id_then_counter():
    taken = {"2026-03-14-review.md"}
    assert entry_filename(entry("Review", id=42), taken) == "2026-03-14-review-42.md"
    assert entry_filename(entry("Review"), taken) == "2026-03-14-review-2.md"
    taken |= {"2026-03-14-review-2.md"}
    assert entry_filename(entry("Review"), taken) == "2026-03-14-review-3.md"


def test_entry_filename_clash_ignores_case_like_windows_and_macos():
    assert entry_filename(entry("Review"), {"2026-03-14-REVIEW.md"}) == "2026-03-14-review-2.md"


def test_entry_filename_does_not_change_taken():
    taken = {"2026-03-14-review.md"}
    entry_filename(entry("Review"), taken)
    assert taken == {"2026-03-14-review.md"}


@settings(max_examples=300)
@given(st.text(), st.one_of(st.none(), st.integers(1, 10**9)), st.dates())
def test_entry_filename_is_always_safe(title, id, day):
    name = entry_filename(entry(title, day=day, id=id), set())
    assert "/" not in name and "\\" not in name and ":" not in name
    assert not name.startswith(".")
    assert len(name) <= 100
    assert name.isascii() and name.endswith(".md")
    assert re.fullmatch(r"[a-z0-9.-]+", name)


@given(st.lists(st.text(max_size=300), min_size=1, max_size=25), st.booleans())
def test_entry_filenames_never_collide(titles, with_ids):
    taken: set[str] = set()
    for i, title in enumerate(titles):
        name = entry_filename(entry(title, id=i if with_ids else None), taken)
        assert name.casefold() not in {t.casefold() for t in taken}
        assert len(name) <= 100
        taken.add(name)


def test_entry_markdown_carries_everything_a_backup_needs():
    e = Entry(
        id=12,
        date=dt.date(2026, 3, 14),
        title="Reviewing care plans",
        body="We met at Jean's choice of café.\n",
        tags=["reviews", "c1"],
        hours=1.5,
        status="final",
        criteria={"c1": "manual"},
        created=dt.datetime(2026, 3, 14, 10, 0, tzinfo=dt.UTC),
        updated=dt.datetime(2026, 3, 15, 8, 0, tzinfo=dt.UTC),
    )
    meta, body = split_frontmatter(entry_markdown(e))
    assert meta["id"] == 12
    assert meta["title"] == "Reviewing care plans"
    assert meta["date"] == dt.date(2026, 3, 14)
    assert meta["tags"] == ["reviews", "c1"]
    assert meta["hours"] == 1.5
    assert meta["criteria"] == ["c1"]
    assert meta["created"].startswith("2026-03-14T10:00")
    assert body == "We met at Jean's choice of café.\n"
