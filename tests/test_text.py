"""The shared tokeniser and sentence splitter: spans that cut the writer's words out verbatim."""

from __future__ import annotations

from learnlog.text import sentence_spans, sentences, starts_sentence, tokens


def test_tokens_keep_names_whole_and_possessives_apart() -> None:
    text = "Kyle's gran and Mary-Jane O'Neill met James' sister."
    toks = tokens(text)
    assert [t.word for t in toks] == ["Kyle", "gran", "and", "Mary-Jane", "O'Neill", "met", "James", "sister"]
    kyle = toks[0]
    assert (text[kyle.start : kyle.end], text[kyle.start : kyle.fend], kyle.poss) == ("Kyle", "Kyle's", True)
    assert toks[6].poss and text[toks[6].start : toks[6].end] == "James"
    assert [t.cap for t in tokens("Kyle SSSC kyle")] == [True, False, False]


def test_tokens_without_hyphens_split_compounds() -> None:
    assert [t.word for t in tokens("self-directed support", hyphens=False)] == ["self", "directed", "support"]


def test_overlong_runs_are_skipped_so_hostile_input_stays_cheap() -> None:
    assert [t.word for t in tokens("a" * 500 + " Kyle", max_len=40)] == ["Kyle"]


def test_sentences_split_on_stops_blank_lines_and_list_items_not_abbreviations() -> None:
    text = "Mr. Brown came in. He sat down!\n\nNext part\n- a bullet\n# Heading"
    assert sentences(text) == ["Mr. Brown came in.", "He sat down!", "Next part", "- a bullet", "# Heading"]
    for a, b in sentence_spans(text):
        assert text[a:b] == text[a:b].strip() and text[a:b]


def test_starts_sentence_after_a_stop_a_bullet_or_the_start() -> None:
    text = "May we begin? Grace agreed. - Hope\nand May"
    assert starts_sentence(text, 0)
    assert starts_sentence(text, text.index("Grace"))
    assert starts_sentence(text, text.index("Hope"))
    assert not starts_sentence(text, text.index("May", 5))
