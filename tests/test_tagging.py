"""Tagging suggestions on passages written for these tests (not taken from the labelled evaluation set)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learnlog import frameworks, tagging
from learnlog.errors import NotFound
from learnlog.tagging import model as tagging_model

POSITIVE = {
    "c1": (
        "Mrs D has lived alone since her husband died and her daughter wanted her to move into residential "
        "care. Mrs D was clear that she wanted to stay in her own flat, even if that meant some risk of "
        "falling. I met her on her own, went through the options, and we set up a direct payment so she "
        "could employ a neighbour she trusts for the mornings. She still lives at home and tells me she "
        "feels she is the one in charge."
    ),
    "c2": (
        "Our service was told to cut two hours a week from every package to meet the savings target. I went "
        "back to the head of service with a list of the people this would hurt most, including a man whose "
        "only outing each week would stop. I argued that a blanket cut was unfair and pushed for individual "
        "reviews instead. We were allowed to review case by case, and in most cases the hours were kept."
    ),
    "c3": (
        "Very few families from the Eastern European community came to our parenting groups. I contacted the "
        "Polish Saturday school and asked whether we could run a session there, with a bilingual worker. We "
        "translated our leaflets and changed the groups to Saturday mornings. Eight families now attend "
        "regularly."
    ),
    "c4": (
        "When we rebuilt the activity programme at the day centre, I asked the people who come every day "
        "what should change. We held three short meetings in the lounge, and people voted on ideas using "
        "coloured stickers. The gardening club and the Friday music session came directly from their "
        "suggestions, and a member now helps plan the monthly outings."
    ),
    "c5": (
        "We set up a design group of four parents and three workers to rewrite the way we hold child's plan "
        "meetings. The parents were paid a sessional fee, we covered childcare, and we met in the evening at "
        "the family centre. They co-chaired the group with me and had an equal vote on every decision. The "
        "new meeting format was their proposal and it is now used across the service."
    ),
    "c6": (
        "For two years we have asked every person at their six-monthly review what matters most to them and "
        "whether it is happening. I collate the answers each quarter and take them to the management "
        "meeting. Last year the results showed people wanted more time outdoors, so we changed the rota to "
        "free up afternoons, and the next round of reviews showed more people reporting that they felt well "
        "and connected."
    ),
}

NO_EVIDENCE = [
    "This month I organised the team's mandatory training: fire safety, moving and handling and food "
    "hygiene. Two staff needed to repeat the moving and handling module. I also updated the training matrix.",
    "We moved office this month and I spent most of my time sorting out desks, phones and the new printer. "
    "The IT team set up the network drives and I made sure everyone could log in by Monday.",
    "I believe co-production and choice and control are at the heart of good social care. Every leader "
    "should be committed to putting people first and promoting their independence.",
    # talk of people and participation without the writer acting:
    # a policy described
    "The council's new participation strategy says people who use services will co-produce every service "
    "redesign, with paid expert-by-experience roles and accessible papers for all meetings.",
    # another team's work
    "The east locality team have set up a tenants' panel that now interviews every new housing support "
    "worker. Their carers' forum co-designed the respite leaflet too.",
    # a plan for one day
    "One day I would love to hand the running of our day centre café over to the members themselves, and "
    "pay them properly for it. Maybe in the new year, if things settle down.",
    # a summary of reading
    "The IRISS paper argues that personal outcomes should be at the heart of every review, and that "
    "asking what matters to people improves their wellbeing over time.",
    pytest.param(
        "I had a look at the Outcomes Toolbox and the paper on seldom-heard groups. I have saved them to read "
        "properly later.",
        id="naming-a-resource-is-not-evidence",
    ),
    pytest.param(
        "Last week I finished the compulsory online e-learning module on equality and diversity. It covered "
        "discrimination, marginalised groups and the barriers minority ethnic communities face. I passed the "
        "assessment at the end and printed the certificate for my file.",
        id="a-completed-e-learning-module-is-not-evidence-however-many-criterion-words-it-covers",
    ),
    pytest.param(
        "I imagine a carers' forum that meets every few months where families could shape how the respite bookings "
        "work. I have not raised it with anyone yet.",
        id="a-wish-for-a-forum-someone-imagines-is-not-people-shaping-a-service",
    ),
]


def accepted(text: str, badge_id: str | None = None) -> set[str]:
    return {s.criterion_id for s in tagging.suggest(text, badge_id) if s.accepted}


@pytest.mark.parametrize("criterion_id", sorted(POSITIVE))
def test_clear_passage_is_tagged_with_its_criterion(criterion_id):
    suggestions = tagging.suggest(POSITIVE[criterion_id])
    assert criterion_id in accepted(POSITIVE[criterion_id])
    # Among the two strongest: the c5 passage's parents also shape the service (c4), as the convention allows.
    assert criterion_id in [s.criterion_id for s in suggestions[:2]]


@pytest.mark.parametrize("text", NO_EVIDENCE)
def test_off_topic_values_or_others_work_gets_no_accepted_suggestion(text):
    assert accepted(text) == set()


def test_evidence_is_quoted_from_the_text_and_scores_are_probabilities():
    text = "\n\n".join(POSITIVE.values())
    suggestions = tagging.suggest(text)
    assert {s.criterion_id for s in suggestions} == set(POSITIVE)
    for s in suggestions:
        assert 0 < s.score <= 1
        assert s.accepted == (s.score >= tagging.THRESHOLD)
        assert len(s.evidence) in range(1, 4)  # one to three quoted sentences
        for quote in s.evidence:
            assert quote and quote in text
            assert quote == quote.strip()
    scores = [s.score for s in suggestions]
    assert scores == sorted(scores, reverse=True)


def test_evidence_sentence_is_the_one_that_shows_the_criterion():
    text = "The weather was awful on Tuesday. I arranged a BSL interpreter so Mr P could take part. Lunch was late."
    suggestion = next(s for s in tagging.suggest(text) if s.criterion_id == "c3")
    assert suggestion.evidence[0] == "I arranged a BSL interpreter so Mr P could take part."


def test_default_badge_is_used_when_none_given():
    text = POSITIVE["c2"]
    assert tagging.suggest(text) == tagging.suggest(text, frameworks.DEFAULT_BADGE)


def test_other_shipped_badges_can_be_tagged():
    text = "I challenged a racist remark made by a visitor and reported the harassment to the home's manager."
    assert "c5" in accepted(text, "topss-lm")


def test_unknown_badge_raises_not_found():
    with pytest.raises(NotFound):
        tagging.suggest("text", "no-such-badge")


def test_empty_text_has_no_suggestions():
    assert tagging.suggest("") == []
    assert tagging.suggest("  \n ") == []


def test_user_criteria_without_cues_fall_back_to_their_own_words(tmp_path):
    user_framework(
        tmp_path,
        "Supervision and medication",
        [
            ("Supervision", "Provide regular reflective supervision to staff", None),
            ("Medication", "Keep medication records accurate and audited", None),
        ],
    )
    text = "I gave each worker regular reflective supervision this year and kept notes of every supervision."
    suggestions = tagging.suggest(text, "mine-1", user_dir=tmp_path)
    assert [s.criterion_id for s in suggestions] == ["c1"]
    assert suggestions[0].accepted


# --- kinds of writing an earlier version missed (passages written for these tests) ---------------------

EVIDENCE = [
    # outcomes (c6): a measured change for people, with a number or a period
    pytest.param(
        "c6",
        "In the respite unit I began logging every hospital admission among the guests. Over eight months "
        "admissions fell by a quarter, and I go through the log with the seniors each month.",
        id="outcomes-measured-change",
    ),
    pytest.param(
        "c6",
        "I started a Friday check of each tenant's support notes with the team to see whether what people asked "
        "for had happened. I have kept this going for two years and I still do it every week.",
        id="outcomes-practice-kept-going",
    ),
    pytest.param(
        "c6",
        "Since we began planning with young people from fifteen, eight of the ten who left our houses last year "
        "moved on to their own tenancies and all eight have kept them. I phone each of them at six and twelve "
        "months to hear how they are getting on.",
        id="outcomes-counted-across-a-service",
    ),
    # diverse communities (c3): someone others avoid, and the writer staying with them
    pytest.param(
        "c3",
        "Mr F was known for shouting at reception and most of the team had quietly stopped visiting him. I "
        "took his case myself, kept calm when he was angry, never missed a visit and met him in the bookmaker's "
        "where he felt at ease. He now lets the nurse dress his leg.",
        id="hard-to-reach-person",
    ),
    pytest.param(
        "c3",
        "Several men on our caseload had a criminal record and would not come into the office. I started "
        "meeting them at the job club where they felt comfortable and kept phoning when they missed a week.",
        id="marginalised-group-met-on-their-ground",
    ),
    pytest.param(
        "c6",
        "I have kept the focus on improving outcomes for the people we support, and we review them twice a year.",
        id="outcomes-for-people-are-recognised",
    ),
    pytest.param(
        "c5",
        "So that parents could sit on the commissioning group we paid for a sitter, booked taxis and moved the "
        "meetings to school hours. I met each parent beforehand to go through the papers and went with them to the "
        "first meeting.",
        id="practical-support-to-take-part-is-co-production",
    ),
    pytest.param(
        "c5",
        "People in the supported flats wanted a stronger voice, so I helped them form their own tenants' "
        "association, found them a small grant and a constitution, and then stepped back. I now attend only when "
        "invited.",
        id="helping-a-group-form-its-own-association-then-stepping-back-is-co-production",
    ),
    pytest.param(
        "c1",
        "Ruby wanted to move back to the island where she grew up. Her nephew and the GP were worried about how far "
        "she would be from the hospital. We found a compromise: a pendant alarm and a local carer, and she moved in "
        "the spring.",
        id="a-wish-honoured-despite-worries-is-self-determination",
    ),
    pytest.param(
        "c2",
        "The locality meeting spent an hour on the overspend. I kept raising the two families still waiting for "
        "respite, even when the talk went back to money, and reminded the group that each line was a child and a "
        "tired parent. Respite for both was agreed.",
        id="keeping-the-person-in-view-against-budget-pressure-is-advocacy",
    ),
    pytest.param(
        "c4",
        "I argued at the planning group that tenants should help write our new quality standards. We held two "
        "sessions where tenants read the draft, and their comments changed three of the standards.",
        id="arguing-for-involvement-without-a-competing-pressure-is-not-advocacy",
    ),
    pytest.param(
        "c1",
        "MDT r/v w/ SU and mum. he chose to move to own flat, not the unit. I argued for SDS option 1.",
        id="field-shorthand-is-understood",
    ),
    pytest.param(
        "c2",
        "so I says tae the manager that's no fair on the weans, and I went tae the head of service wi the figures, "
        "and they kept the respite beds open",
        id="scots-words-are-understood",
    ),
    pytest.param(
        "c2",
        "Mr Kerr was refused a community alarm because the eligibility criteria only counted falls in the last year. "
        "I challenged the criteria at the allocation meeting for him, setting out that he had been found on the "
        "floor twice by his neighbour. The decision was overturned and the alarm fitted.",
        id="eligibility-criteria-argued-over-for-a-person-are-practice-not-talk-of-the-badge",
    ),
]

NOT_EVIDENCE = [
    # staff and money trends are not outcomes for people
    pytest.param(
        "c6",
        "Sickness absence in the team has dropped by a third over nine months since we changed the rota.",
        id="staff-trend",
    ),
    pytest.param(
        "c6", "Our overspend has fallen two years running and agency spend is down by a fifth.", id="money-trend"
    ),
    pytest.param("c6", "Over the years I had fallen into the habit of writing reports late at night.", id="a-habit"),
    # naming the setting, or a seminar, is not engaging people
    pytest.param(
        "c3",
        "I manage our homelessness service. This month I updated the rota and the fire risk assessment.",
        id="setting",
    ),
    pytest.param(
        "c3",
        "I attended a seminar on working with refugees. The speaker talked about language barriers and faith.",
        id="seminar",
    ),
    pytest.param(
        "c3",
        "This week I read a guide on inclusion. It covered minority ethnic communities and asylum seekers.",
        id="reading",
    ),
    pytest.param(
        "c4",
        "I encouraged better participation from staff in our team meetings by rotating the chair and asking everyone "
        "to bring one item for the agenda. Attendance has improved and staff said they like having a turn at "
        "chairing.",
        id="staff-participation-in-team-meetings-is-not-participation-of-people",
    ),
    pytest.param(
        "c5",
        "I encouraged better participation from staff in our team meetings by rotating the chair and asking everyone "
        "to bring one item for the agenda. Attendance has improved and staff said they like having a turn at "
        "chairing.",
        id="staff-participation-in-team-meetings-is-not-participation-of-people",
    ),
    pytest.param(
        "c6",
        "The financial outcome for the quarter was better than expected. We reduced agency spend by ten percent and "
        "the budget is now on track. I presented the figures to the finance committee.",
        id="financial-outcome-is-not-an-outcome-for-people",
    ),
    pytest.param(
        "c4",
        "We did not involve the residents in choosing the new furniture for the lounge; the decision was made by the "
        "estates department.",
        id="negation-without-a-later-change-does-not-count",
    ),
    pytest.param(
        "c2",
        "I argued at the planning group that tenants should help write our new quality standards. We held two "
        "sessions where tenants read the draft, and their comments changed three of the standards.",
        id="arguing-for-involvement-without-a-competing-pressure-is-not-advocacy",
    ),
]


@pytest.mark.parametrize(("criterion_id", "text"), EVIDENCE)
def test_writing_that_shows_a_criterion_in_other_words_is_tagged_with_it(criterion_id, text):
    assert criterion_id in accepted(text)


@pytest.mark.parametrize(("criterion_id", "text"), NOT_EVIDENCE)
def test_writing_that_only_shares_a_criterion_s_words_is_not_tagged_with_it(criterion_id, text):
    assert criterion_id not in accepted(text)


CUE_SYNTAX = [
    # "#" is any number, in figures or words
    pytest.param("fell by ... #", "Waiting fell by a third.", True, id="number-in-words"),
    pytest.param("fell by ... #", "Waiting fell by 30%.", True, id="number-in-figures"),
    pytest.param("fell by ... #", "Waiting fell by twelve days.", True, id="number-of-days"),
    pytest.param("fell by ... #", "Waiting fell by the wayside.", False, id="no-number"),
    # a name counts as a person, a title does not
    pytest.param("@person ... chose", "At the review Kyle chose the film for Friday.", True, id="name"),
    pytest.param("@person ... chose", "Kyle, who is nineteen, chose the film for Friday.", True, id="name-first"),
    pytest.param("@person ... chose", "At the review the Easy Read Group chose the film.", False, id="title"),
    pytest.param("@person ... chose", "On Monday chose the film for Friday.", False, id="day-name"),
    # c4 is what a group does to a service; one person choosing for their own life is c1
    pytest.param("@group ... chose", "At the house meeting the residents chose the new menu.", True, id="group"),
    pytest.param("@group ... chose", "At the house meeting they chose the new menu.", True, id="they"),
    pytest.param("@group ... chose", "At the review Kyle chose the film for Friday.", False, id="one-named"),
    pytest.param("@group ... chose", "At the review she chose the film for Friday.", False, id="one-she"),
]


@pytest.mark.parametrize(("cue", "text", "matches"), CUE_SYNTAX)
def test_a_cue_in_a_user_framework_matches_what_its_syntax_says(tmp_path, cue, text, matches):
    one_criterion_framework(tmp_path, cue)
    found = [s.criterion_id for s in tagging.suggest(text, "mine-1", user_dir=tmp_path)]
    assert found == (["c1"] if matches else [])


DAMAGED_MODELS = [
    pytest.param('{"badges": {"sssc-sil-1": ', id="cut-short"),
    pytest.param('{"badges": {"sssc-sil-1": {"c1": 3}}}', id="no-thresholds"),
    pytest.param(
        '{"threshold": 0, "long_threshold": 0.5, "stretch": 8, "badges": {"sssc-sil-1": {"c1": {}}}}',
        id="threshold-out-of-range",
    ),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("content", DAMAGED_MODELS)
def test_a_damaged_model_file_leaves_the_lexicon_scorer_suggesting(tmp_path, monkeypatch, content):
    damaged = tmp_path / "model.json"
    damaged.write_text(content, encoding="utf-8")
    monkeypatch.setattr(tagging_model, "_MODEL", damaged)
    tagging_model.shipped.cache_clear()
    try:
        assert tagging_model.shipped() == {}
        assert "c2" in accepted(POSITIVE["c2"])
        assert accepted(NO_EVIDENCE[0]) == set()
    finally:
        tagging_model.shipped.cache_clear()


def test_import_is_light():
    heavy = ("sqlalchemy", "sqlmodel", "typer", "rich")
    code = f"import sys, learnlog.tagging; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_well_formed_suggestions(text):
    suggestions = tagging.suggest(text)
    assert len({s.criterion_id for s in suggestions}) == len(suggestions)
    for s in suggestions:
        assert 0 < s.score <= 1
        assert all(quote in text for quote in s.evidence)


def user_framework(folder, title: str, criteria: list[tuple[str, str, str | None]]) -> None:
    """A user framework file `mine.toml` with badge mine-1 and criteria c1, c2… from (label, text, cue):
    each cue, when given, is the criterion's single cue at weight 3."""
    lines = ["[framework]", 'id = "mine"', 'title = "Mine"', 'issuer = "Me"', "", "[[badges]]", 'id = "mine-1"']
    lines.append(f'title = "{title}"')
    for k, (label, text, cue) in enumerate(criteria, start=1):
        lines += ["", "[[badges.criteria]]", f'id = "c{k}"', f'label = "{label}"', f'text = "{text}"']
        if cue:
            lines.append(f'cues = {{ "{cue}" = 3 }}')
    (folder / "mine.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def one_criterion_framework(folder, cue: str) -> None:
    user_framework(folder, "One cue", [("One cue", "The criterion", cue)])


# --- evidence of action, and abstaining without it (passages written for these tests) -------------------


def test_the_same_words_with_the_writer_acting_are_evidence():
    text = (
        "I handed the running of our day centre café over to the members themselves. We pay them the "
        "sessional rate, and they now decide the menu and the prices."
    )
    assert {"c4", "c5"} & accepted(text)


def test_a_long_entry_gets_only_the_criterion_its_relevant_paragraph_shows():
    filler = (
        "The week was dominated by the inspection. We checked the medication records, the fire log and the "
        "training matrix twice, and I updated the risk register. Two staff were off sick and the agency "
        "could not cover the weekend, so I worked the Saturday myself. "
    )
    relevant = (
        "On Thursday I sat down with Mrs Reid, who wants to manage her own money again after her stroke. "
        "We agreed a plan: her own bank card from next week, and a budget chat with me every Friday. "
    )
    text = filler * 5 + relevant + filler * 4
    assert len(text.split()) > 400
    assert accepted(text) == {"c1"}
    [c1] = [s for s in tagging.suggest(text) if s.criterion_id == "c1"]
    assert all(quote in relevant for quote in c1.evidence)


def test_a_run_on_dictated_passage_is_quoted_clause_by_clause():
    text = (
        "so the parenting course right it's now run by parents that did it before, two mums and a dad, and "
        "I got them the facilitator training and I pushed for them tae be paid as sessional workers no "
        "volunteers and they deliver it now the whole ten weeks and I just dae the paperwork"
    )
    suggestions = [s for s in tagging.suggest(text) if s.accepted]
    assert suggestions
    for s in suggestions:
        assert all(quote in text and len(quote.split()) < len(text.split()) for quote in s.evidence)


def test_a_whole_entry_of_admin_around_one_reading_gets_no_suggestion():
    text = (
        "Most of the month went on the rota and the budget. We are overspent on agency cover and I have been "
        "in meetings with finance about it. Sickness is at nine per cent. "
        "I attended a half-day on personal outcomes. The trainer talked about what matters to people and "
        "gave examples of outcome-focused reviews. It reminded me how easily we slip back into tasks. "
        "I would like to use the approach in our reviews one day, once we are fully staffed. "
        "Supervision was mostly about my workload. I am going to try to take my leave in December. "
    ) * 2
    assert accepted(text) == set()
