"""Framework files: what ships, what a user can add, and what a mistake in a user file looks like."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from learnlog import frameworks
from learnlog.errors import NotFound

USER_FRAMEWORK = """
[framework]
id = "my-org"
title = "My organisation's supervision standards"
issuer = "My organisation"

[[badges]]
id = "my-org-supervision"
title = "Supervision"

[badges.words]
hard_min = 300

[[badges.criteria]]
id = "c1"
label = "Reflective supervision"
text = "Provide regular reflective supervision to staff"
prompts = ["When did supervision change a decision?"]

[[badges.criteria]]
id = "c2"
label = "Records"
text = "Keep clear supervision records"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_shipped_frameworks_load_without_problems():
    loaded, problems = frameworks.load()
    assert problems == []
    assert [f.id for f in loaded][:3] == ["sssc-sil", "topss-england", "scie"]
    assert {"sssc-sil-1", "sssc-lcf", "topss-lm", "scie-inclusive"} <= {b.id for b in frameworks.all_badges()}


def test_default_badge_matches_the_published_sssc_badge():
    badge = frameworks.get_badge(frameworks.DEFAULT_BADGE)
    assert badge.title == "#1 Keeping people who use services at the centre"
    assert badge.issuer == "Scottish Social Services Council"
    assert frameworks.criterion_ids(badge) == ["c1", "c2", "c3", "c4", "c5", "c6"]
    assert [c.label for c in badge.criteria] == [
        "Self-determination",
        "Advocacy",
        "Diverse communities",
        "Participation",
        "Co-production",
        "Outcomes",
    ]
    assert badge.criteria[0].text.startswith("actively promote self-determination, citizenship and autonomy")
    assert badge.criteria[5].text.startswith("ensure a sustained commitment to improving outcomes")
    assert (badge.words.suggested_min, badge.words.suggested_max) == (500, 1000)
    assert badge.prerequisites == ("sssc-lcf",)


def test_default_badge_lists_the_eight_resources_with_publishers():
    badge = frameworks.get_badge("sssc-sil-1")
    assert len(badge.resources) == 8
    by_id = {r.id: r for r in badge.resources}
    assert by_id["leading-for-outcomes"].publisher == "IRISS"
    assert by_id["leading-for-outcomes"].year == 2010
    assert by_id["personalisation-rough-guide"].year is None  # the site gives no year
    assert all(r.description for r in badge.resources)


def test_every_shipped_criterion_has_cues_and_two_or_three_prompts():
    for badge in frameworks.all_badges():
        for criterion in badge.criteria:
            assert criterion.cues, f"{badge.id} {criterion.id} has no cues"
            assert 2 <= len(criterion.prompts) <= 3, f"{badge.id} {criterion.id}"
            assert all(p.endswith("?") for p in criterion.prompts)


def test_prerequisite_badge_is_known():
    assert frameworks.get_badge("sssc-lcf").title == "Leadership Capability Feedback"


def test_user_framework_loads_next_to_shipped_ones(tmp_path):
    write(tmp_path, "mine.toml", USER_FRAMEWORK)
    loaded, problems = frameworks.load(tmp_path)
    assert problems == []
    badge = frameworks.get_badge("my-org-supervision", tmp_path)
    assert badge.issuer == "My organisation"  # inherited from the framework
    assert badge.words.hard_min == 300
    assert badge.criteria[0].prompts == ("When did supervision change a decision?",)
    assert loaded[-1].source == str(tmp_path / "mine.toml")
    # shipped badges are still there
    assert frameworks.get_badge("sssc-sil-1", tmp_path).id == "sssc-sil-1"


def test_broken_user_file_names_file_and_field_and_shipped_still_load(tmp_path):
    path = write(tmp_path, "broken.toml", USER_FRAMEWORK.replace('label = "Records"\n', ""))
    loaded, problems = frameworks.load(tmp_path)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == str(path)
    assert problem.field == "badges[0].criteria[1].label"
    assert "missing" in problem.message
    assert str(problem) == f"{path}: badges[0].criteria[1].label: is required but missing"
    assert "sssc-sil" in [f.id for f in loaded]
    assert "my-org" not in [f.id for f in loaded]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (('id = "c2"', 'id = "c3"'), "badges[0].criteria[1].id", "c2"),
        (("hard_min = 300", 'hard_min = "lots"'), "badges[0].words.hard_min", "whole number"),
        (('id = "my-org-supervision"', 'id = "My Badge"'), "badges[0].id", "not a valid id"),
        (('id = "my-org-supervision"', 'id = "sssc-sil-1"'), "badges[0].id", "already defined in sssc.toml"),
        (('prompts = ["When did supervision change a decision?"]', "prompts = 3"), "prompts", "list"),
        (('label = "Records"', 'label = "Records"\ncues = ["@staff ... wrote"]'), "cues[0]", "@staff"),
        (('label = "Records"', 'label = "Records"\nabout_people = "yes"'), "about_people", "passage"),
    ],
)
def test_user_file_mistakes_are_reported_precisely(tmp_path, change, field, words):
    write(tmp_path, "mine.toml", USER_FRAMEWORK.replace(*change))
    _, problems = frameworks.load(tmp_path)
    assert len(problems) == 1
    assert problems[0].field.endswith(field)
    assert words in problems[0].message


def test_invalid_toml_syntax_is_a_problem_not_a_crash(tmp_path):
    write(tmp_path, "bad.toml", "[framework\nid = ")
    loaded, problems = frameworks.load(tmp_path)
    assert problems[0].field == "(syntax)"
    assert "not valid TOML" in problems[0].message
    assert loaded  # shipped frameworks unaffected


def test_unknown_badge_error_lists_valid_ids():
    with pytest.raises(NotFound) as caught:
        frameworks.get_badge("sssc-sil-9")
    message = str(caught.value)
    assert "sssc-sil-9" in message
    for valid in ("sssc-sil-1", "topss-lm", "scie-inclusive"):
        assert valid in message


def test_missing_user_dir_is_not_an_error(tmp_path):
    loaded, problems = frameworks.load(tmp_path / "does-not-exist")
    assert problems == []
    assert loaded


def test_a_user_file_is_parsed_once_while_unchanged_and_again_once_edited(tmp_path, monkeypatch):
    # `suggest --all` looks the badge up for every entry; re-reading the TOML each time was 20x the scoring.
    path = write(tmp_path, "mine.toml", USER_FRAMEWORK)
    reads = []
    real = frameworks._load_file
    monkeypatch.setattr(frameworks, "_load_file", lambda p: reads.append(p) or real(p))
    for _ in range(50):
        assert frameworks.get_badge("my-org-supervision", tmp_path).criteria[1].label == "Records"
    assert len(reads) == 1
    path.write_text(textwrap.dedent(USER_FRAMEWORK).replace('label = "Records"', 'label = "Record keeping"'))
    assert frameworks.get_badge("my-org-supervision", tmp_path).criteria[1].label == "Record keeping"
    assert len(reads) == 2


def test_warnings_name_each_skipped_file(tmp_path):
    path = write(tmp_path, "broken.toml", "[framework\nid = ")
    write(tmp_path, "mine.toml", USER_FRAMEWORK)
    [line] = frameworks.warnings(tmp_path)
    assert line.startswith(f"framework file skipped: {path}: (syntax): ")
    assert frameworks.warnings(tmp_path / "absent") == []


def test_about_people_group_and_the_group_word_class_are_accepted(tmp_path):
    text = USER_FRAMEWORK.replace(
        'label = "Records"', 'label = "Records"\nabout_people = "group"\ncues = ["@group ... chose"]'
    )
    write(tmp_path, "mine.toml", text)
    _, problems = frameworks.load(tmp_path)
    assert problems == []
    assert frameworks.get_badge("my-org-supervision", tmp_path).criteria[1].about_people == "group"
