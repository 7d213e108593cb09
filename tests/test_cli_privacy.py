"""Confidentiality commands end to end: scan, dismiss, allow and redact, with what a practitioner sees."""

from __future__ import annotations

import pytest
from helpers import add, as_json, editor_replaces

# A person named with a title and a mobile number (Ofcom's drama range): both must be found.
VISIT = (
    "I visited Mrs Jean Robertson at home and we planned her week together. "
    "Afterwards I phoned her daughter on 07700 900123 to agree the next review."
)
NAME, PHONE = "Mrs Jean Robertson", "07700 900123"
CLEAN = "Our team agreed a new way to plan reviews so people lead their own meetings."
# An author a practitioner cites; flagged as a title plus surname until the user allows it.
CITATION = "This month I re-read Dr Kitwood and talked about personhood with the team."
AUTHOR = "Dr Kitwood"


def body(cli, entry_id: int) -> str:
    return as_json(cli("show", entry_id, "--json"))["body"]


def scan_json(cli, *args, code=None) -> list[dict]:
    return as_json(cli("scan", *args, "--json", code=code))


def open_findings(cli, entry_id: int) -> list[dict]:
    return scan_json(cli, entry_id)


def finding(findings: list[dict], text: str) -> dict:
    (f,) = [f for f in findings if f["text"] == text]
    return f


# -- scan --


def test_scan_lists_a_name_and_a_phone_number_with_offsets_into_the_text(cli):
    e = add(cli, VISIT)
    found = scan_json(cli, e["id"], code=1)  # open findings: exit 1 guards scripts
    text = body(cli, e["id"])
    assert [(f["label"], f["text"]) for f in found] == [("PERSON", NAME), ("PHONE", PHONE)]
    for f in found:
        assert isinstance(f["id"], int)
        assert f["entry_id"] == e["id"]
        assert f["status"] == "open"
        assert f["reason"]
        assert text[f["start"] : f["end"]] == f["text"]
    assert len({f["id"] for f in found}) == 2


def test_scan_plain_output_shows_ids_labels_and_the_next_steps(cli):
    e = add(cli, VISIT)
    r = cli("scan", e["id"], code=1)
    for f in scan_json(cli, e["id"], code=1):
        assert f"#{f['id']}" in r.stdout
    assert "PERSON" in r.stdout and "PHONE" in r.stdout
    assert PHONE in r.stdout
    assert "2 open finding(s)" in r.stderr
    assert "dismiss" in r.stderr and "redact" in r.stderr


def test_add_warns_about_possible_confidential_items(cli):
    r = cli("add", VISIT)
    assert "2 possible confidential item(s)" in r.stderr
    assert "learnlog scan 1" in r.stderr
    r = cli("add", CLEAN)
    assert "confidential" not in r.stderr


def test_scan_of_a_clean_entry_exits_zero(cli):
    e = add(cli, CLEAN)
    assert scan_json(cli, e["id"], code=0) == []
    assert "No open confidentiality findings" in cli("scan", e["id"]).stderr


def test_scan_text_file_reports_offsets_into_the_file_and_stores_nothing(cli, tmp_path):
    draft = tmp_path / "draft.md"
    text = "# Draft\n\n" + VISIT + "\n"
    draft.write_text(text, encoding="utf-8")
    found = scan_json(cli, "--text-file", draft, code=1)
    assert {f["label"] for f in found} == {"PERSON", "PHONE"}
    for f in found:
        assert text[f["start"] : f["end"]] == f["text"]
    r = cli("scan", "--text-file", draft, code=1)
    assert "2 finding(s)" in r.stderr
    # nothing was added to the log
    assert as_json(cli("list", "--json")) == []
    assert scan_json(cli, "--all", code=0) == []

    clean = tmp_path / "clean.md"
    clean.write_text(CLEAN, encoding="utf-8")
    assert scan_json(cli, "--text-file", clean, code=0) == []


def test_scan_text_file_that_is_missing_or_not_text(cli, tmp_path):
    r = cli("scan", "--text-file", tmp_path / "nope.md", code=1)
    assert "nope.md" in r.stderr
    binary = tmp_path / "photo.md"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not utf-8")
    r = cli("scan", "--text-file", binary, code=1)
    assert "UTF-8" in r.stderr


def test_scan_all_covers_every_entry(cli):
    a = add(cli, VISIT)
    add(cli, CLEAN)
    c = add(cli, CITATION)
    found = scan_json(cli, "--all", code=1)
    assert {f["entry_id"] for f in found} == {a["id"], c["id"]}
    assert {f["text"] for f in found} == {NAME, PHONE, AUTHOR}
    bodies = {a["id"]: VISIT, c["id"]: CITATION}
    for f in found:
        assert bodies[f["entry_id"]][f["start"] : f["end"]] == f["text"]


@pytest.mark.parametrize("args", [[], ["1", "--all"], ["--all", "--text-file", "x.md"]])
def test_scan_needs_exactly_one_thing_to_scan(cli, args):
    add(cli, VISIT)
    cli("scan", *args, code=2)


def test_scan_of_an_unknown_entry_is_not_found(cli):
    r = cli("scan", "9", code=1)
    assert "9" in r.stderr


def test_scan_after_an_edit_reports_the_new_text(cli, fake_editor):
    e = add(cli, CLEAN)
    assert open_findings(cli, e["id"]) == []
    fake_editor(
        f"""
        text = path.read_text(encoding="utf-8")
        path.write_text(text + " Call me on {PHONE}.", encoding="utf-8")
        """
    )
    cli("edit", e["id"])
    found = scan_json(cli, "--all", code=1)
    assert [f["text"] for f in found] == [PHONE]
    assert body(cli, e["id"])[found[0]["start"] : found[0]["end"]] == PHONE


# -- dismiss --


def test_dismiss_removes_a_finding_from_open_ones_and_keeps_the_reason(cli):
    e = add(cli, VISIT)
    name = finding(open_findings(cli, e["id"]), NAME)
    r = cli("dismiss", name["id"], "--reason", "she asked to be named in the newsletter")
    assert str(name["id"]) in r.stderr

    still_open = scan_json(cli, e["id"], code=1)
    assert [f["text"] for f in still_open] == [PHONE]

    everything = scan_json(cli, e["id"], "--dismissed", code=1)
    dismissed = finding(everything, NAME)
    assert dismissed["status"] == "dismissed"
    assert dismissed["dismiss_reason"] == "she asked to be named in the newsletter"
    assert finding(everything, PHONE)["status"] == "open"
    assert "(dismissed)" in cli("scan", e["id"], "--dismissed", code=1).stdout

    phone = finding(everything, PHONE)
    cli("dismiss", phone["id"], "-r", "the office switchboard, published on our website")
    assert scan_json(cli, e["id"], code=0) == []
    assert scan_json(cli, "--all", code=0) == []


def test_dismissal_survives_an_edit_that_keeps_the_same_text(cli, fake_editor):
    e = add(cli, VISIT)
    name = finding(open_findings(cli, e["id"]), NAME)
    cli("dismiss", name["id"], "--reason", "consent recorded")
    # Change the other sentence; the name's sentence and the name itself stay as they were.
    fake_editor(editor_replaces("Afterwards I phoned", "Later that week, after supervision, I phoned"))
    cli("edit", e["id"])
    new_body = body(cli, e["id"])
    assert "Later that week" in new_body

    everything = scan_json(cli, e["id"], "--dismissed", code=1)
    kept = finding(everything, NAME)
    assert kept["status"] == "dismissed"
    assert kept["dismiss_reason"] == "consent recorded"
    phone = finding(everything, PHONE)
    assert phone["status"] == "open"
    assert new_body[phone["start"] : phone["end"]] == PHONE  # offsets follow the edit
    assert [f["text"] for f in scan_json(cli, "--all", code=1)] == [PHONE]


def test_dismissal_also_survives_a_move_of_the_name(cli, fake_editor):
    e = add(cli, VISIT)
    cli("dismiss", finding(open_findings(cli, e["id"]), NAME)["id"], "--reason", "consent recorded")
    fake_editor(editor_replaces("I visited", "On Tuesday morning I visited"))
    cli("edit", e["id"])
    new_body = body(cli, e["id"])
    kept = finding(scan_json(cli, e["id"], "--dismissed", code=1), NAME)
    assert kept["status"] == "dismissed"
    assert new_body[kept["start"] : kept["end"]] == NAME


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_dismiss_needs_a_reason(cli, reason):
    e = add(cli, VISIT)
    name = finding(open_findings(cli, e["id"]), NAME)
    args = ["dismiss", name["id"]] + ([] if reason is None else ["--reason", reason])
    r = cli(*args, code=2)
    assert "--reason" in r.stderr
    assert finding(open_findings(cli, e["id"]), NAME)["status"] == "open"


def test_dismiss_unknown_finding_is_not_found(cli):
    add(cli, VISIT)
    r = cli("dismiss", "999", "--reason", "not real", code=1)
    assert "999" in r.stderr
    assert len(scan_json(cli, "--all", code=1)) == 2


# -- allow --


def test_allow_closes_open_findings_and_stops_new_ones(cli):
    old = add(cli, CITATION)
    assert [f["text"] for f in open_findings(cli, old["id"])] == [AUTHOR]

    r = cli("allow", AUTHOR, "--reason", "author I cite")
    assert "1 open finding(s) closed" in r.stderr
    assert scan_json(cli, old["id"], code=0) == []
    assert scan_json(cli, "--all", code=0) == []

    new = add(cli, "Reading Dr Kitwood again changed how I run reviews.")
    assert scan_json(cli, new["id"], code=0) == []
    r = cli("add", "Dr Kitwood wrote about dementia care.")
    assert "confidential" not in r.stderr


def test_allow_matches_regardless_of_case(cli):
    e = add(cli, CITATION)
    cli("allow", AUTHOR.upper())
    assert scan_json(cli, "--all", code=0) == []
    assert scan_json(cli, e["id"], code=0) == []


def test_allowing_part_of_a_finding_closes_it_in_scan_all(cli):
    """An allowed surname covers "Dr Kitwood" in new entries, so it must close the open finding too."""
    old = add(cli, CITATION)
    assert len(open_findings(cli, old["id"])) == 1
    cli("allow", "Kitwood")
    new = add(cli, "Dr Kitwood again.")
    assert scan_json(cli, new["id"], code=0) == []  # not reported in a new entry...
    assert scan_json(cli, "--all", code=0) == []  # ...nor left open in the old one


def test_allow_list_shows_the_phrases(cli):
    cli("allow", AUTHOR, "--reason", "author I cite")
    cli("allow", "Simon Duffy")
    listed = cli("allow", "--list").stdout.splitlines()
    assert sorted(listed) == sorted([AUTHOR, "Simon Duffy"])


def test_allow_does_not_change_entry_text(cli):
    e = add(cli, CITATION)
    cli("allow", AUTHOR)
    assert body(cli, e["id"]) == CITATION


def test_allow_blank_text_is_a_usage_error(cli):
    cli("allow", "   ", code=2)
    assert cli("allow", "--list").stdout == ""


def test_allowlist_applies_to_text_file_scans(cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(CITATION, encoding="utf-8")
    assert [f["text"] for f in scan_json(cli, "--text-file", draft, code=1)] == [AUTHOR]
    cli("allow", AUTHOR)
    assert scan_json(cli, "--text-file", draft, code=0) == []


# -- redact --


def expected_redaction(text: str, findings: list[dict], replace) -> str:
    out, pos = [], 0
    for f in sorted(findings, key=lambda f: f["start"]):
        out.append(text[pos : f["start"]])
        out.append(replace(f))
        pos = f["end"]
    out.append(text[pos:])
    return "".join(out)


def test_redact_replaces_findings_with_placeholders_and_keeps_the_rest(cli):
    e = add(cli, VISIT)
    found = open_findings(cli, e["id"])
    r = cli("redact", e["id"])
    assert "2 item(s)" in r.stderr
    redacted = body(cli, e["id"])
    assert redacted == expected_redaction(VISIT, found, lambda f: f"[{f['label']}]")
    assert "[PERSON]" in redacted and "[PHONE]" in redacted
    assert NAME not in redacted and PHONE not in redacted
    assert scan_json(cli, e["id"], code=0) == []


def test_redact_keeps_the_original_in_history(cli):
    e = add(cli, VISIT)
    cli("redact", e["id"])
    (rev,) = as_json(cli("history", e["id"], "--json"))
    assert rev["reason"] == "redact"
    assert rev["version"] == 1
    old = cli("history", e["id"], "--revision", rev["revision"]).stdout
    assert old.endswith(VISIT) or old.endswith(VISIT + "\n")
    assert NAME in old and PHONE in old
    assert as_json(cli("show", e["id"], "--json"))["version"] == 2


def test_redact_with_pseudonyms_names_the_same_person_the_same_way(cli):
    text = (
        "I met Mrs Robertson and Mr Kitwood to plan the move. "
        "Mrs Robertson chose the room herself, and Mr Kitwood agreed. Later Mrs Robertson thanked us."
    )
    e = add(cli, text)
    found = open_findings(cli, e["id"])
    assert [f["text"] for f in found] == ["Mrs Robertson", "Mr Kitwood"] * 2 + ["Mrs Robertson"]
    cli("redact", e["id"], "--pseudonyms")
    redacted = body(cli, e["id"])
    assert redacted == (
        "I met Person A and Person B to plan the move. "
        "Person A chose the room herself, and Person B agreed. Later Person A thanked us."
    )


def test_redact_pseudonyms_still_use_placeholders_for_non_names(cli):
    e = add(cli, VISIT)
    cli("redact", e["id"], "--pseudonyms")
    redacted = body(cli, e["id"])
    assert "Person A" in redacted and "[PHONE]" in redacted
    assert NAME not in redacted and PHONE not in redacted


def test_redact_dry_run_prints_the_result_and_changes_nothing(cli):
    e = add(cli, VISIT)
    found = open_findings(cli, e["id"])
    r = cli("redact", e["id"], "--dry-run")
    assert r.stdout == expected_redaction(VISIT, found, lambda f: f"[{f['label']}]") + "\n"
    stored = as_json(cli("show", e["id"], "--json"))
    assert stored["body"] == VISIT
    assert stored["version"] == 1
    assert as_json(cli("history", e["id"], "--json")) == []
    assert len(scan_json(cli, e["id"], code=1)) == 2


def test_redact_leaves_dismissed_findings_alone(cli):
    e = add(cli, VISIT)
    name = finding(open_findings(cli, e["id"]), NAME)
    cli("dismiss", name["id"], "--reason", "consent recorded")
    cli("redact", e["id"])
    redacted = body(cli, e["id"])
    assert NAME in redacted
    assert PHONE not in redacted and "[PHONE]" in redacted


def test_redact_with_nothing_to_redact_changes_nothing(cli):
    e = add(cli, CLEAN)
    r = cli("redact", e["id"])
    assert "nothing to redact" in r.stderr
    assert body(cli, e["id"]) == CLEAN
    assert as_json(cli("history", e["id"], "--json")) == []


def test_redact_unknown_entry_is_not_found(cli):
    cli("redact", "5", code=1)
