"""Badge frameworks: the criteria a practitioner writes against, loaded from TOML and checked on load.

Shipped frameworks live in `data/*.toml` next to this file; a user can drop more `*.toml` files (same
schema, documented at the top of `data/sssc.toml`) into a directory of their own. A broken user file never
stops the shipped frameworks loading: it comes back as a `Problem` naming the file, the field and the fault.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from learnlog.config import DEFAULT_BADGE as DEFAULT_BADGE  # re-exported: one source for the default
from learnlog.errors import NotFound

DATA_DIR = Path(__file__).resolve().parent / "data"

# Ids end up in file names, URLs and the command line, so keep them to one obvious shape.
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CUE_WEIGHT_MAX = 5
_ABOUT_PEOPLE = ("", "sentence", "passage", "group")
# Word classes a cue may use ("@people ... chose"); learnlog.tagging defines what each matches.
CUE_CLASSES = ("people", "person", "group")
_CUE_CLASS = re.compile(r"@(\w+)")
# The SSSC framework is what most users came for, so it lists first; other files follow alphabetically.
_SHIPPED_FIRST = ("sssc", "topss", "scie")


@dataclass(frozen=True)
class Criterion:
    id: str
    label: str
    text: str
    cues: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    # One weight per cue (same order); empty means every cue weighs 1.
    weights: tuple[float, ...] = ()
    # Phrases that cancel a cue they overlap, e.g. "financial outcome" for an outcomes criterion.
    exclude: tuple[str, ...] = ()
    # How closely a cue must sit to a mention of people who use services to count in full:
    # "sentence" (the same or a nearby sentence, and not a staff-only sentence), "passage" (anywhere), "group"
    # (as "sentence", and a sentence about one person only counts for less), or "".
    about_people: str = ""

    def cue_weights(self) -> list[tuple[str, float]]:
        weights = self.weights or (1.0,) * len(self.cues)
        return list(zip(self.cues, weights, strict=True))


@dataclass(frozen=True)
class WordRule:
    suggested_min: int | None = None
    suggested_max: int | None = None
    hard_min: int | None = None


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    publisher: str
    year: int | None
    description: str


@dataclass(frozen=True)
class Badge:
    id: str
    title: str
    framework_id: str
    issuer: str
    description: str
    criteria: tuple[Criterion, ...]
    words: WordRule
    prerequisites: tuple[str, ...]
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    issuer: str
    badges: tuple[Badge, ...]
    source: str  # file path


@dataclass(frozen=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


class _Invalid(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


# --- field readers: each raises _Invalid naming the dotted path of the bad field ----------------------


def _require(table: dict, key: str, path: str) -> object:
    if key not in table:
        raise _Invalid(_join(path, key), "is required but missing")
    return table[key]


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _type_name(value: object) -> str:
    return {str: "text", int: "a whole number", bool: "true/false", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def _str(table: dict, key: str, path: str, *, default: str | None = None, id_like: bool = False) -> str:
    if default is not None and key not in table:
        return default
    value = _require(table, key, path)
    where = _join(path, key)
    if not isinstance(value, str):
        raise _Invalid(where, f"must be text, got {_type_name(value)}")
    if not value.strip():
        raise _Invalid(where, "must not be empty")
    if id_like and not _ID.match(value):
        raise _Invalid(where, f"{value!r} is not a valid id (use lower-case letters, digits and hyphens)")
    return value.strip()


def _opt_int(table: dict, key: str, path: str) -> int | None:
    value = table.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(_join(path, key), f"must be a whole number, got {_type_name(value)}")
    if value < 0:
        raise _Invalid(_join(path, key), "must not be negative")
    return value


def _str_list(table: dict, key: str, path: str) -> tuple[str, ...]:
    value = table.get(key, [])
    where = _join(path, key)
    if not isinstance(value, list):
        raise _Invalid(where, f"must be a list of text, got {_type_name(value)}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _Invalid(f"{where}[{i}]", "must be non-empty text")
    return tuple(item.strip() for item in value)


def _tables(table: dict, key: str, path: str) -> list[dict]:
    value = table.get(key, [])
    where = _join(path, key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Invalid(where, f"must be an array of tables ([[{where}]]), got {_type_name(value)}")
    return value


def _unique(ids: list[str], path: str, what: str) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            raise _Invalid(f"{path}[{i}].id", f"duplicate {what} id {ident!r}")
        seen.add(ident)


def _check_cue(phrase: str, where: str) -> None:
    for name in _CUE_CLASS.findall(phrase):
        if name not in CUE_CLASSES:
            known = ", ".join(f"@{c}" for c in CUE_CLASSES)
            raise _Invalid(where, f"unknown word class @{name} (known: {known})")


def _cues(table: dict, path: str) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """`cues` is either a list of phrases (weight 1 each) or a table of phrase = weight."""
    value = table.get("cues", [])
    where = _join(path, "cues")
    if isinstance(value, list):
        phrases = _str_list(table, "cues", path)
        for i, phrase in enumerate(phrases):
            _check_cue(phrase, f"{where}[{i}]")
        return phrases, ()
    if not isinstance(value, dict):
        raise _Invalid(where, f"must be a list of phrases or a table of phrase = weight, got {_type_name(value)}")
    phrases, weights = [], []
    for phrase, weight in value.items():
        _check_cue(phrase, f"{where}.{phrase!r}")
        if isinstance(weight, bool) or not isinstance(weight, int | float):
            raise _Invalid(f"{where}.{phrase!r}", f"weight must be a number, got {_type_name(weight)}")
        if not 0 < weight <= _CUE_WEIGHT_MAX:
            raise _Invalid(f"{where}.{phrase!r}", f"weight must be above 0 and at most {_CUE_WEIGHT_MAX}")
        if not phrase.strip():
            raise _Invalid(where, "a cue phrase must not be empty")
        phrases.append(phrase.strip())
        weights.append(float(weight))
    return tuple(phrases), tuple(weights)


def _criterion(table: dict, path: str, index: int) -> Criterion:
    ident = _str(table, "id", path)
    if ident != f"c{index + 1}":
        raise _Invalid(_join(path, "id"), f"criteria must be numbered c1, c2, … in order; expected c{index + 1}")
    cues, weights = _cues(table, path)
    about = {True: "sentence", False: ""}.get(table.get("about_people", False), table.get("about_people"))
    if about not in _ABOUT_PEOPLE:
        raise _Invalid(_join(path, "about_people"), 'must be true, false, "sentence", "passage" or "group"')
    return Criterion(
        id=ident,
        label=_str(table, "label", path),
        text=_str(table, "text", path),
        cues=cues,
        prompts=_str_list(table, "prompts", path),
        weights=weights,
        exclude=_str_list(table, "exclude", path),
        about_people=about,
    )


def _resource(table: dict, path: str) -> Resource:
    return Resource(
        id=_str(table, "id", path, id_like=True),
        title=_str(table, "title", path),
        publisher=_str(table, "publisher", path),
        year=_opt_int(table, "year", path),
        description=_str(table, "description", path),
    )


def _words(table: dict, path: str) -> WordRule:
    value = table.get("words", {})
    where = _join(path, "words")
    if not isinstance(value, dict):
        raise _Invalid(where, f"must be a table, got {_type_name(value)}")
    rule = WordRule(
        suggested_min=_opt_int(value, "suggested_min", where),
        suggested_max=_opt_int(value, "suggested_max", where),
        hard_min=_opt_int(value, "hard_min", where),
    )
    if rule.suggested_min is not None and rule.suggested_max is not None and rule.suggested_min > rule.suggested_max:
        raise _Invalid(where, "suggested_min is larger than suggested_max")
    return rule


def _badge(table: dict, path: str, framework_id: str, framework_issuer: str) -> Badge:
    criteria_tables = _tables(table, "criteria", path)
    criteria = tuple(_criterion(t, f"{_join(path, 'criteria')}[{i}]", i) for i, t in enumerate(criteria_tables))
    resource_tables = _tables(table, "resources", path)
    resources = tuple(_resource(t, f"{_join(path, 'resources')}[{i}]") for i, t in enumerate(resource_tables))
    _unique([r.id for r in resources], _join(path, "resources"), "resource")
    return Badge(
        id=_str(table, "id", path, id_like=True),
        title=_str(table, "title", path),
        framework_id=framework_id,
        issuer=_str(table, "issuer", path, default=framework_issuer),
        description=_str(table, "description", path, default=""),
        criteria=criteria,
        words=_words(table, path),
        prerequisites=_str_list(table, "prerequisites", path),
        resources=resources,
    )


def parse(data: dict, source: str) -> Framework:
    """Build a Framework from parsed TOML; raises _Invalid on the first bad field."""
    head = _require(data, "framework", "")
    if not isinstance(head, dict):
        raise _Invalid("framework", f"must be a table ([framework]), got {_type_name(head)}")
    framework_id = _str(head, "id", "framework", id_like=True)
    issuer = _str(head, "issuer", "framework")
    badge_tables = _tables(data, "badges", "")
    if not badge_tables:
        raise _Invalid("badges", "a framework needs at least one [[badges]] entry")
    badges = tuple(_badge(t, f"badges[{i}]", framework_id, issuer) for i, t in enumerate(badge_tables))
    _unique([b.id for b in badges], "badges", "badge")
    return Framework(
        id=framework_id,
        title=_str(head, "title", "framework"),
        issuer=issuer,
        badges=badges,
        source=source,
    )


def _load_file(path: Path) -> Framework | Problem:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return Problem(str(path), "(file)", "is not valid UTF-8 text")
    except OSError as exc:
        return Problem(str(path), "(file)", f"cannot be read: {exc.strerror or exc}")
    except tomllib.TOMLDecodeError as exc:
        return Problem(str(path), "(syntax)", f"is not valid TOML: {exc}")
    try:
        return parse(data, str(path))
    except _Invalid as exc:
        return Problem(str(path), exc.field, exc.message)


@functools.cache
def _shipped() -> tuple[tuple[Framework, ...], tuple[Problem, ...]]:
    from learnlog.cache import cached

    paths = sorted(DATA_DIR.glob("*.toml"), key=lambda p: (_shipped_rank(p.stem), p.name))

    def build():
        frameworks, problems = [], []
        for path in paths:
            result = _load_file(path)
            (problems if isinstance(result, Problem) else frameworks).append(result)
        return tuple(frameworks), tuple(problems)

    # Parsing and validating the TOML costs ~30 ms, a fifth of a read command's budget.
    return cached("frameworks", paths, build, lambda d: isinstance(d, tuple) and len(d) == 2)


def _shipped_rank(stem: str) -> int:
    return _SHIPPED_FIRST.index(stem) if stem in _SHIPPED_FIRST else len(_SHIPPED_FIRST)


def load(user_dir: Path | None = None) -> tuple[list[Framework], list[Problem]]:
    """Shipped frameworks plus every `*.toml` in user_dir; broken or clashing user files become Problems."""
    shipped, shipped_problems = _shipped()
    frameworks, problems = list(shipped), list(shipped_problems)
    if user_dir is None or not Path(user_dir).is_dir():
        return frameworks, problems
    framework_ids = {f.id: f.source for f in frameworks}
    badge_ids = {b.id: f.source for f in frameworks for b in f.badges}
    for path in sorted(Path(user_dir).glob("*.toml")):
        result = _load_user_file(path)
        if isinstance(result, Problem):
            problems.append(result)
            continue
        clash = _clash(result, framework_ids, badge_ids)
        if clash:
            problems.append(clash)
            continue
        frameworks.append(result)
        framework_ids[result.id] = result.source
        badge_ids.update({b.id: result.source for b in result.badges})
    return frameworks, problems


# Parsed user files by (path, size, mtime): `suggest --all` looks the badge up once per entry, and parsing a
# user's TOML every time cost 14 ms an entry against 0.7 ms for the scoring itself (issue 14).
_user_files: dict[tuple[str, int, int], Framework | Problem] = {}


def _load_user_file(path: Path) -> Framework | Problem:
    try:
        st = path.stat()
    except OSError:
        return _load_file(path)
    key = (str(path), st.st_size, st.st_mtime_ns)
    result = _user_files.get(key)
    if result is None:
        result = _user_files[key] = _load_file(path)
    return result


def warnings(user_dir: Path | None = None) -> list[str]:
    """One line per framework file that was skipped (broken or clashing), for every command that lists
    badges or criteria to print the same way."""
    _, problems = load(user_dir)
    return [f"framework file skipped: {p}" for p in problems]


def _clash(framework: Framework, framework_ids: dict[str, str], badge_ids: dict[str, str]) -> Problem | None:
    if framework.id in framework_ids:
        other = Path(framework_ids[framework.id]).name
        return Problem(framework.source, "framework.id", f"{framework.id!r} is already defined in {other}")
    for i, badge in enumerate(framework.badges):
        if badge.id in badge_ids:
            other = Path(badge_ids[badge.id]).name
            return Problem(framework.source, f"badges[{i}].id", f"{badge.id!r} is already defined in {other}")
    return None


def all_badges(user_dir: Path | None = None) -> list[Badge]:
    frameworks, _ = load(user_dir)
    return [badge for framework in frameworks for badge in framework.badges]


def get_badge(badge_id: str, user_dir: Path | None = None) -> Badge:
    badges = all_badges(user_dir)
    for badge in badges:
        if badge.id == badge_id:
            return badge
    valid = ", ".join(b.id for b in badges)
    raise NotFound(f"No badge {badge_id!r}. Valid badge ids: {valid}")


def criterion_ids(badge: Badge) -> list[str]:
    return [c.id for c in badge.criteria]
