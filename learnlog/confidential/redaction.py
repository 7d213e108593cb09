"""Replacing findings with placeholders, or with pseudonyms that stay the same across mentions and entries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from learnlog.confidential.findings import Finding
from learnlog.confidential.patterns import _Pattern
from learnlog.confidential.vocabulary import _KIN_TITLES, _TITLES
from learnlog.errors import InputError


def _letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: enough letters for any number of people."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _index(letters: str) -> int:
    """The inverse of `_letters`: A -> 0, AA -> 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


_NAME_WORD = _Pattern(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_PSEUDONYM = _Pattern(r"(Person|Service) ([A-Z]{1,4})")


class PseudonymMap:
    """Gives each distinct person or service one letter and reuses it for every later mention.

    "Mrs Dunsmore" and "Dunsmore", "Kyle" and "Kyle Brown" are one person: a single word matches any
    name containing it, and two longer names match when they share first name and surname. Different
    titles keep "Mr Dunsmore" and "Mrs Dunsmore" apart.

    A map can be kept (`to_rows`, `from_rows`) and passed to `redact` again, so a statement built from
    several entries calls the same person "Person A" in all of them.
    """

    def __init__(self) -> None:
        self._sexes: dict[int, str] = {}
        self._exact: dict[frozenset[str], list[int]] = {}
        self._containing: dict[str, list[int]] = {}  # word -> people whose name has it
        self._single: dict[str, list[int]] = {}  # word -> people known by that word alone
        self._ends: dict[tuple[str, str], list[int]] = {}  # (first, last) -> people
        self._services: dict[str, int] = {}
        self._rows: dict[tuple[str, str], str] = {}  # (kind, name as written) -> pseudonym, in order

    def __len__(self) -> int:
        return len(self._sexes) + len(self._services)

    def person(self, name: str) -> str:
        """The pseudonym for a person's name as written, giving a new letter to someone not seen before."""
        sex, words = self._person_words(name)
        index = self._known_person(sex, words)
        if index is None:
            index = max(self._sexes, default=-1) + 1
        self._add_person(index, sex, words)
        pseudonym = f"Person {_letters(index)}"
        self._rows.setdefault(("person", name), pseudonym)
        return pseudonym

    def service(self, name: str) -> str:
        """The pseudonym for a local service; "the Rowan House" and "Rowan House" are one service."""
        key = self._service_key(name)
        if key not in self._services:
            self._services[key] = max(self._services.values(), default=-1) + 1
        pseudonym = f"Service {_letters(self._services[key])}"
        self._rows.setdefault(("service", name), pseudonym)
        return pseudonym

    def to_rows(self) -> list[tuple[str, str, str]]:
        """(kind, name as written, pseudonym) for every name met so far, kind being "person" or "service"."""
        return [(kind, name, pseudonym) for (kind, name), pseudonym in self._rows.items()]

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, str]]) -> PseudonymMap:
        """A map that continues one saved with `to_rows`. Raises InputError for a row it cannot read."""
        pseudonyms = cls()
        for row in rows:
            try:
                kind, name, pseudonym = row
            except (TypeError, ValueError):
                raise InputError(f"pseudonym map: {row!r} is not (kind, name, pseudonym)") from None
            m = _PSEUDONYM.fullmatch(pseudonym) if isinstance(pseudonym, str) else None
            if kind not in ("person", "service") or not m or m.group(1).lower() != kind or not str(name).strip():
                raise InputError(f"pseudonym map: cannot read row {row!r}")
            index = _index(m.group(2))
            if kind == "person":
                sex, words = pseudonyms._person_words(name)
                if pseudonyms._sexes.get(index, sex) != sex:
                    sex = ""  # the same letter written with two titles: match either
                pseudonyms._add_person(index, sex, words)
            else:
                pseudonyms._services[cls._service_key(name)] = index
            pseudonyms._rows[(kind, name)] = pseudonym
        return pseudonyms

    @staticmethod
    def _person_words(name: str) -> tuple[str, list[str]]:
        words = [w.casefold().replace("’", "'") for w in _NAME_WORD.findall(name)]
        words = [w[:-2] if w.endswith("'s") else w for w in words] or [name.casefold()]
        sex = _TITLES.get(words[0], "")
        return sex, [w for w in words if w not in _TITLES and w not in _KIN_TITLES] or words

    @staticmethod
    def _service_key(name: str) -> str:
        key = " ".join(name.casefold().split())
        return key[4:] if key.startswith("the ") else key

    def _known_person(self, sex: str, words: list[str]) -> int | None:
        key = frozenset(words)
        if len(key) == 1:
            candidates = [self._exact.get(key, []), self._containing.get(words[0], [])]
        else:
            candidates = [self._exact.get(key, []), self._ends.get((words[0], words[-1]), [])]
            candidates += [self._single.get(w, []) for w in words]
        for group in candidates:
            for index in group:
                if not (sex and self._sexes[index] and sex != self._sexes[index]):
                    return index
        return None

    def _add_person(self, index: int, sex: str, words: list[str]) -> None:
        if index in self._sexes:
            self._sexes[index] = self._sexes[index] or sex
        else:
            self._sexes[index] = sex
        key = frozenset(words)

        def note(table: dict, k) -> None:
            group = table.setdefault(k, [])
            if index not in group:
                group.append(index)

        note(self._exact, key)
        note(self._ends, (words[0], words[-1]))
        for w in key:
            note(self._containing, w)
        if len(key) == 1:
            note(self._single, words[0])


def redact(text: str, findings: Sequence[Finding], pseudonyms: bool | PseudonymMap = False) -> str:
    """`text` with each finding replaced by "[LABEL]", or with `pseudonyms` by "Person A" and "Service A".

    The same person or service gets the same letter throughout; pass a `PseudonymMap` to keep (and
    extend) letters given in other texts. Text outside the findings is kept byte for byte; a finding that
    overlaps an earlier one is skipped. Raises ValueError for a finding that does not match `text` (the
    text changed after it was scanned).
    """
    names = pseudonyms if isinstance(pseudonyms, PseudonymMap) else PseudonymMap()
    renaming = isinstance(pseudonyms, PseudonymMap) or bool(pseudonyms)  # an empty map is falsy
    out = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if not (0 <= f.start < f.end <= len(text)) or text[f.start : f.end] != f.text:
            raise ValueError(f"finding {f.text!r} at {f.start}-{f.end} does not match the text; scan it again")
        if f.start < pos:
            continue
        out.append(text[pos : f.start])
        if renaming and f.label == "PERSON":
            out.append(names.person(f.text))
        elif renaming and f.label == "ORG_LOCAL":
            out.append(names.service(f.text))
        else:
            out.append(f"[{f.label}]")
        pos = f.end
    out.append(text[pos:])
    return "".join(out)
