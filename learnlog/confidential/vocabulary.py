"""Cue words and patterns shared by the people, services and health detectors."""

from __future__ import annotations

import re

from learnlog.confidential.patterns import _alternation, _cues, _Pattern

# ---------------------------------------------------------------------------------------------------------
# Word sets used by the people, services and health detectors

_TITLES = {w.split(":")[0]: w.split(":")[1].strip("-") for w in _cues("titles")}  # title: m, f or -
_KIN_TITLES = _cues("kin_titles")
_HONORIFICS = _cues("honorifics")
_DETERMINERS = _cues("determiners")
# Names that are also dictionary words but are nearly always names when capitalised.
_NAMES_NOT_WORDS = _cues("names_not_words")
_ORG_SUFFIX_WORDS = _cues("org_suffix_words")
# A service name is a distinctive word or two before a word for the kind of place. With the strong
# words ("Rowan House", "Oakwood Care Home") any capitalised name will do; the weak ones ("Club", "Hub",
# "Unit") also name ordinary things ("Book Club"), so they need a word that is not an everyday word.
_ORG_SINGLE_SUFFIX = _cues("org_single_suffix")
_ORG_WEAK_SUFFIX = _cues("org_weak_suffix")
# Schools, surgeries and pubs are named after their place as a rule ("Hillhead Primary", "Gorebridge Health
# Centre", "Cromarty Arms"), so a place-name before these still makes a local service.
_ORG_PLACE_NAMED = _cues("org_place_named")
_ORG_MULTI_SUFFIX = tuple(tuple(w.split("+")) for w in _cues("org_multi_suffix"))  # "care+home"
_ORG_MULTI_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _suffix in sorted(_ORG_MULTI_SUFFIX, key=len, reverse=True):
    _ORG_MULTI_BY_FIRST.setdefault(_suffix[0], []).append(_suffix)
_ORG_GENERIC_NAME = _cues("org_generic_name")
_PUBLIC_COURTS = _cues("public_courts")
_ORG_NOT_NAME = _cues("org_not_name")
_PUBLIC_HOUSES = frozenset({"white house", "parliament house", "bute house", "somerset house", "opera house"})

_CUE_VERBS = _cues("cue_verbs")
_CUE_VERB_PAIRS = frozenset(tuple(w.split("+")) for w in _cues("cue_verb_pairs"))  # "spoke to"
_ROLE_NOUNS = _cues("role_nouns")
_PERSONAL_NOUNS = _cues("personal_nouns")
# Each alternative takes its own leading space: a shared "\s*" before them would backtrack quadratically
# over a long run of spaces.
# Roles that follow a name as an apposition: "Rotimi Adeyemi, a support worker on our team", "Lynne (peer
# volunteer)". The words between may not be prepositions, so "Birchwood, a hostel for young men" is no person.
_APPOSITION_ROLES = _ROLE_NOUNS | _cues("apposition_roles")
_ROLE_ALTERNATIVES = "|".join(sorted((re.escape(w) for w in _APPOSITION_ROLES), key=len, reverse=True))
_NOT_MODIFIER = r"(?!(?:of|in|for|who|that|which|where|on|at|with|to|from|by|and|or|is|was)\b)"
_AFTER_PERSON = _Pattern(
    r"(?:['’]s?)?(?:"
    r",\s+(?:a|an|the|our|my|his|her|their|one\s+of\s+(?:our|the|my))\s+"
    rf"(?:{_NOT_MODIFIER}[\w'’\-]+\s+){{0,3}}?(?:{_ROLE_ALTERNATIVES})s?(?![\w'’\-])"
    # "Befriend Fife, a volunteer service": the role word only describes the thing named
    r"(?!\s+(?:service|services|project|projects|group|groups|team|teams|charity|organisation|organization|"
    r"scheme|network|programme|role|post|agency|forum|hub|centre|center|home|unit|training|course|pack|"
    r"rota|policy|model|led|run|movement|magazine|app|website|scheme)\b)"
    rf"|\s*\(\s*(?:{_NOT_MODIFIER}[\w'’\-]+\s+){{0,2}}?(?:{_ROLE_ALTERNATIVES})s?\s*\)"
    r"|,?\s+who\b(?!\s+(?:is|are)\s+(?:a|an|the)\s+(?:organisation|charity|service))"
    r"|\s*\(\s*(?:aged?\s+)?\d{1,3}\s*(?:years?(?:\s+old)?|yrs?|yo)?\s*\)"
    r"|\s*\(\s*[PS][1-7]\s*\)"  # "Lewis (P5)": a pupil's school year
    r"|,\s*(?:aged\s+)?\d{1,3}\s*,"
    r"|,?\s+aged\s+\d{1,3}\b"
    r"|\s+(?:and|an|&)\s+(?:I|me|myself)\b"  # "Moira an me went oot"
    r"|\s+(?:on|at)\s+(?:\+\d|0\d|\(0|[\w.+\-]{1,64}@)"
    r"|\s+from\s+(?:the|our|my|his|her)\s+(?:[\w'’\-]+\s+){0,2}?(?:group|team|ward|unit|service|club|"
    r"office|house|home|project|centre|council|school|church|mosque|shop|practice|surgery|flat|floor|hub)\b"
    r"|,?\s+(?:is|was|turned|who\s+is|now)\s+(?:nearly\s+|almost\s+|just\s+)?"
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s\-](?:years?|months?)|[\s,.;]|$)"
    r"|\s+(?:(?:was|is|had|has|became|got|seemed|looked|felt|appeared|gets)\s+"
    r"(?:very\s+|really\s+|quite\s+|so\s+|a\s+bit\s+|more\s+|less\s+)?"
    r"(?:upset|distressed|anxious|angry|happy|sad|tearful|agitated|calm|settled|unsettled|confused|"
    r"frightened|"
    r"scared|worried|pleased|delighted|proud|excited|nervous|withdrawn|quiet|unwell|tired|poorly|admitted|"
    r"discharged|diagnosed|born|married|widowed|referred|moved|lonely|isolated|bereaved|frustrated|annoyed|"
    r"happier|calmer|brighter|quieter|better|worse|keen|reluctant|determined|adamant|relieved|embarrassed|"
    r"ashamed|overwhelmed|exhausted|hurt|injured|ill|sick|asleep|awake|missing|absent|late|early)"
    r"|said|says|told|tells|asked|asks|explained|shared|cried|smiled|laughed|agreed|refused|decided|wanted|"
    r"wants|likes|liked|loves|loved|enjoys|enjoyed|felt|feels|shouted|screamed|hit|kicked|fell|lives|lived|"
    r"chose|replied|responded|complained|disclosed|struggled|struggles|passed\s+away|died|arrived|nodded|"
    r"whispered|sighed|grinned|yelled|swore|apologised|apologized|celebrated|turned\s+\d+|became|began\s+to|"
    r"started\s+to|thanked|hugged|phoned|rang|texted|would\s+(?:like|love|not)|didn['’]?t|doesn['’]?t|"
    r"wasn['’]?t|isn['’]?t|couldn['’]?t|can['’]?t|won['’]?t|himself|herself|themselves|"
    r"(?:has|had)\s+(?:been\s+)?(?:living|lived|attending|attended)|moved\s+(?:in|into|to)|"
    r"led|leads|designed|suggested|organised|organized|cooked|baked|painted|joined|attended|attends|"
    r"volunteered|volunteers|went|walked|talked|spoke|brought|needs|needed|hates|hated|prefers|preferred|"
    r"misses|missed|worries|worried|wept|panicked|returned|stayed|stays|slept|danced|sang|"
    r"came\s+(?:to|into|in|back|home|round|along|over)|"
    r"(?:is|was)\s+(?:\d{1,3}|(?:a|an)\s+(?:\d{1,3}[\s\-]year[\s\-]old|young|older|elderly|retired)))\b"
    r")"
)
_CITE_AFTER = _Pattern(
    r"(?:['’]s?)?(?:"
    r"\s*\(\s*(?:[^()\n]{0,40}?[,;]\s*)?(?:19|20)\d\d[a-z]?\b"
    r"|,?\s+(?:19|20)\d\d[a-z]?\b"
    r"|\s+et\.?\s+al\b"
    r"|,\s+[A-Z]\.(?:\s?[A-Z]\.)*"
    r"|\s+(?:and|&)\s+[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?\s*,?\s*\(?(?:19|20)\d\d"
    r"|,?\s+(?:the\s+)?(?:co-?author|author|founder|professor|minister|commissioner|researcher|writer|poet|"
    r"MSP|MP|OBE|MBE|CBE|FRSE|PhD)\b"
    r"|\s+(?:argues|argued|contends|contended|posits|posited|asserts|asserted|theorises|theorised|"
    r"theorizes|defines|defined)\b"
    r")"
)
# After "as" a name is cited only when a writer's verb follows: "as Carr argues", not "had her down as Annie".
_AS_CITED = _Pattern(
    r"(?:['’]s?)?\s+(?:\(\s*(?:19|20)\d\d[a-z]?\s*\)\s+)?(?:argues|argued|notes|noted|suggests|suggested|"
    r"writes|wrote|states|stated|puts\s+it|put\s+it|points\s+out|pointed\s+out|observes|observed|describes|"
    r"described|explains|explained|highlights|highlighted|reminds\s+us|contends|claims|claimed|"
    r"emphasises|emphasised|emphasizes|recognises|recognised|found|concludes|concluded|proposes|proposed|"
    r"defines|defined|identifies|identified|shows|showed|said|says)\b"
)
_THEORY_NOUNS = _Pattern(
    rf"['’]s?\s+(?:[\w\-]+\s+){{0,2}}?(?:{_alternation('theory_nouns')}|"
    r"writings?\s+(?:on|about|around)|(?:TED|Ted|ted)\s+talk|talk\s+(?:on|about)|"
    r"work(?=\s+(?:about|around|into|shows|showed|challenges|challenged|reminds|influenced|inspired|suggests|"
    r"highlights)\b)|"
    r"questions?\s+(?:about|of|on)(?!\s+(?:his|her|their|my|your|our)\b|\s+(?:whether|when|where|if|how|why)\s+"
    r"(?:or\s+not\s+)?(?:he|she|they|his|her|their|I|we)\b)"
    r")\b"
)
_PUBLICATION_NOUNS = _cues("publication_nouns")
_WROTE_BY = _cues("wrote_by")
_PUBLIC_ROLES = _cues("public_roles")
_LOCATIVES = _cues("locatives")
_SUBJECT_PRONOUNS = _cues("subject_pronouns")
_POSSESSIVES = _cues("possessives")
_GENERIC_SUBJECTS = _cues("generic_subjects")
_HEALTH_LINKS = _cues("health_links")
_HEALTH_GENERAL_AFTER = _cues("health_general_after")
_NOT_HEALTH_BEFORE = _cues("not_health_before")
# "sessions for kidney failure", "treated for cancer": care given for a condition ties it to the person cared for
_TREATMENT_WORDS = _cues("treatment_words")
_OWNER_WORDS = _cues("owner_words")
# After an author's surname, only what a person does or feels, or a relative of theirs, makes it a person
_STRONG_PERSON_CUE = _Pattern(
    r"(?:['’]s\s+(?:son|daughter|mum|dad|wife|husband|partner|brother|sister|gran|flat|house|room|carer|keyworker)\b)"
    r"|\s+(?:was|is|got|felt|seemed)\s+(?:very\s+|so\s+|really\s+)?(?:angry|upset|distressed|tearful|happy|sad|"
    r"anxious|agitated|calm|settled|frightened|worried|unwell|confused|lonely)\b"
    r"|\s+(?:told\s+me|said\s+(?:he|she|that)|shouted|cried|refused|phoned|rang)\b"
)
