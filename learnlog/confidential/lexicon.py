"""The scanner's word lists (names, places, public bodies, conditions), read once from `data/` and cached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from learnlog.confidential.patterns import _MAX_TOKEN
from learnlog.confidential.vocabulary import _PERSONAL_NOUNS
from learnlog.text import tokens

# ---------------------------------------------------------------------------------------------------------
# Word lists, loaded once on first use


@dataclass(frozen=True)
class _Lexicon:
    first_names: frozenset[str]
    words: frozenset[str]
    places: frozenset[str]
    stop_caps: frozenset[str]
    cited_surnames: frozenset[str]
    # first names that are no everyday word, place or calendar word: "kayleigh" written in lower case
    lower_names: frozenset[str]
    # first one or two words (casefolded) -> [(words of the phrase, kind)], longest first
    phrases: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]
    # first word -> [(words, match exactly as written, kind)], longest first; kind is one of _HEALTH_FILES
    conditions: dict[str, list[tuple[tuple[str, ...], bool, str]]]


def _read_list(name: str) -> list[str]:
    from importlib import resources

    raw = resources.files("learnlog.confidential").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")]


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokens(phrase.replace("’", "'"), max_len=_MAX_TOKEN))


_LISTS = (
    "places.txt",
    "public_bodies.txt",
    "cited_people.txt",
    "health_conditions.txt",
    "treatments.txt",
    "health_owned.txt",
    "body_parts.txt",
    "health_states.txt",
    "first_names.txt",
    "common_words.txt",
    "stop_caps.txt",
)


# Each health word list and how the text must tie its terms to a person (health.py): a condition needs a link
# ("has", "his", a sentence about someone), a treatment is someone's in any sentence about them, an owned
# term ("her sugars", "his tablets") and a body part with something wrong ("his chest was tight") only
# after a possessive, and a state ("breathless", "pregnant") only after a person and a verb of being.
_HEALTH_FILES = {
    "health_conditions.txt": "condition",
    "treatments.txt": "treatment",
    "health_owned.txt": "owned",
    "body_parts.txt": "body",
    "health_states.txt": "state",
}


@cache
def _lexicon() -> _Lexicon:
    """The word lists, built once and then loaded from learnlog's cache (building takes ~90 ms per process)."""
    from importlib import resources

    from learnlog.cache import cached

    folder = Path(str(resources.files("learnlog.confidential").joinpath("data")))
    return cached("lexicon", [folder / n for n in _LISTS], _build_lexicon, lambda d: isinstance(d, _Lexicon))


def _build_lexicon() -> _Lexicon:
    phrases: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}

    def add_phrase(phrase: str, kind: str) -> None:
        words = tuple(w.casefold() for w in _phrase_words(phrase))
        if words:
            phrases.setdefault(words[:2], []).append((words, kind))

    places = _read_list("places.txt")
    for p in places:
        if " " in p or "-" in p:
            add_phrase(p, "place")
    for p in _read_list("public_bodies.txt"):
        add_phrase(p, "public")
    cited = _read_list("cited_people.txt")
    for p in cited:
        if " " in p:
            add_phrase(p, "cited")
    for entries in phrases.values():
        entries.sort(key=lambda e: -len(e[0]))

    conditions: dict[str, list[tuple[tuple[str, ...], bool, str]]] = {}
    for name, treatment in _HEALTH_FILES.items():
        for term in _read_list(name):
            exact = term != term.lower()
            words = _phrase_words(term)
            if words:
                key = words[0] if exact else words[0].casefold()
                folded = words if exact else tuple(w.casefold() for w in words)
                conditions.setdefault(key, []).append((folded, exact, treatment))
    for entries in conditions.values():
        entries.sort(key=lambda e: -len(e[0]))

    first_names = frozenset(n.casefold() for n in _read_list("first_names.txt"))
    words = frozenset(_read_list("common_words.txt"))
    single_places = frozenset(p.casefold() for p in places if " " not in p)
    stop_caps = frozenset(w.casefold() for w in _read_list("stop_caps.txt"))
    return _Lexicon(
        first_names=first_names,
        words=words,
        places=single_places,
        stop_caps=stop_caps,
        lower_names=frozenset(
            n
            for n in first_names
            if len(n) >= 4
            and n not in words
            and n not in single_places
            and n not in stop_caps
            and n not in _PERSONAL_NOUNS
        ),
        cited_surnames=frozenset(p.casefold() for p in cited if " " not in p),
        phrases=phrases,
        conditions=conditions,
    )


def _is_first_name(lex: _Lexicon, low: str) -> bool:
    if low in lex.first_names:
        return True
    head, _, tail = low.partition("-")
    return bool(tail) and head in lex.first_names  # Kerry-Ann, Jean-Pierre
