"""Jargon a reader outside the team would trip over, and the explained forms that are fine."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from learnlog.plain_language import find_jargon


def terms(text: str) -> list[str]:
    return [h.term for h in find_jargon(text)]


def test_unexplained_acronym_is_flagged_at_its_first_use():
    text = "We talked about SDS budgets. Later SDS came up again."
    (hit,) = find_jargon(text)
    assert hit.term == "SDS"
    assert text[hit.start : hit.end] == "SDS"
    assert hit.start == text.index("SDS")
    assert "Self-directed Support (SDS)" in hit.reason  # tells the user what to write


def test_acronym_explained_before_it_is_used_is_fine():
    assert terms("We moved to Self-directed Support (SDS). SDS gave Jean more choice.") == []


def test_acronym_followed_by_its_expansion_is_fine():
    assert terms("SDS (Self-directed Support) gave Jean more choice, and SDS still does.") == []


def test_expansion_may_include_small_words_and_hyphens():
    text = "Power of Attorney (POA), Adult Support and Protection (ASP) and a multi-disciplinary team (MDT)."
    assert terms(text) == []
    assert terms("Getting It Right For Every Child (GIRFEC) guides us; GIRFEC matters.") == []


def test_explaining_it_later_is_too_late_for_the_reader():
    text = "The MDT met on Monday. A multi-disciplinary team (MDT) brings people together."
    (hit,) = find_jargon(text)
    assert (hit.term, hit.start) == ("MDT", text.index("MDT"))


def test_brackets_that_do_not_spell_it_out_do_not_explain_it():
    assert terms("We met the family (SDS) at home.") == ["SDS"]
    assert terms("LD (see my notes) was discussed.") == ["LD"]


def test_each_unexplained_acronym_is_reported_once():
    assert terms("GIRFEC, POA and LD. Then GIRFEC, POA and LD again; the MDTs agreed.") == [
        "GIRFEC",
        "POA",
        "LD",
        "MDT",
    ]


def test_everyday_acronyms_are_not_jargon():
    assert terms("I told my GP and the NHS in the UK. OK, it was on TV and the BBC too.") == []


def test_capitals_for_emphasis_are_not_acronyms():
    assert terms("She said I WAS NOT LISTENED TO and that stayed with me.") == []


def test_acronyms_in_links_and_code_are_not_prose():
    assert terms("See https://www.sssc.uk.com/SDS and [the guide](https://x.org/GIRFEC) and `LD`.") == []


def test_service_jargon_comes_with_a_plainer_alternative():
    text = "Her care package was reduced; after a step-down bed she had respite and we signposted her."
    hits = find_jargon(text)
    assert [h.term for h in hits] == ["care package", "step-down", "respite", "signposting"]
    for hit in hits:
        assert "say" in hit.reason
    assert text[hits[0].start : hits[0].end] == "care package"


def test_labels_that_blame_people_are_flagged_every_time():
    text = "He was called a frequent flyer. Bed blocking was blamed. Another frequent flyer."
    assert terms(text) == ["frequent flyer", "bed blocking", "frequent flyer"]


def test_sssc_wording_is_not_jargon():
    assert terms("As a service user's advocate I keep people who use services at the centre.") == []


@given(st.text(st.sampled_from("ABCDLS (x)-of care package\n"), max_size=300) | st.text(max_size=300))
def test_hits_point_at_the_text_they_name(text):
    for hit in find_jargon(text):
        assert 0 <= hit.start < hit.end <= len(text)
        if hit.term.isupper():
            assert text[hit.start : hit.end] == hit.term


def test_redaction_placeholders_are_not_jargon():
    text = "Mrs B's daughter phoned on [PHONE] about [PERSON]; the SDS (Self-directed Support) review went well."
    assert [h.term for h in find_jargon(text)] == []
