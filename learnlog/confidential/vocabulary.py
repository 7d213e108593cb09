"""Cue words and patterns shared by the people, services and health detectors."""

from __future__ import annotations

import re

from learnlog.confidential.patterns import _Pattern, _words

# ---------------------------------------------------------------------------------------------------------
# Word sets used by the people, services and health detectors

_TITLES = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "mx": "",
    "dr": "",
    "mister": "m",
    # People in their working lives: "Sister Brown on Ward 7", "PC Reid", "Father Kelly"
    "sister": "f",
    "nurse": "",
    "father": "m",
    "sgt": "",
    "sergeant": "",
    "pc": "",
    "rev": "",
    "reverend": "",
}
_KIN_TITLES = _words("auntie aunty aunt uncle granny gran grandma grandad granda grandpa nana nanna papa nan wee")
_HONORIFICS = _words(
    "queen king prince princess st saint fort port lord lady sir dame mount loch glen ben castle bridge new "
    "north south east west royal upper lower great little holy pope president general professor prof "
    "captain archbishop bishop cardinal baroness baron earl duke duchess prophet pope imam"
)
_DETERMINERS = _words("the a an this these those every each any another such")
# Names that are also dictionary words but are nearly always names when capitalised.
_NAMES_NOT_WORDS = _words(
    "john peter harry mike matt nick tom tony terry victor roger sally josh max miles dean drew lee jay "
    "martin billy bobby jimmy derrick barney hector basil jasper colleen jean ken tam jock meg patsy rick "
    "randy troy noel clement dirk mickey sonny eddy gus mark sandy paddy"
)
_ORG_SUFFIX_WORDS = _words(
    "house lodge manor grange hospice nursery court cottage centre center home unit school academy college "
    "university hospital inquiry report review commission act bill trust foundation institute society "
    "association partnership council board agency fund award prize lecture church parish chapel theatre "
    "museum library gallery bank group ltd limited plc services service project hub charity network alliance "
    "forum federation union club team ward clinic surgery practice street road avenue drive crescent place "
    "terrace gardens lane way close park square wynd brae row grove view walk green hall building estate "
    "prison court tribunal police government parliament ministry department office framework standards "
    "strategy programme guidance model theory scale test syndrome disease award scotland uk"
)
# A service name is a distinctive word or two before a word for the kind of place. With the strong
# words ("Rowan House", "Oakwood Care Home") any capitalised name will do; the weak ones ("Club", "Hub",
# "Unit") also name ordinary things ("Book Club"), so they need a word that is not an everyday word.
_ORG_SINGLE_SUFFIX = _words("house lodge manor grange hospice nursery court cottage hostel")
_ORG_WEAK_SUFFIX = _words("club hub unit project centre center school service services shed cafe café")
_ORG_MULTI_SUFFIX = (
    ("care", "home"),
    ("nursing", "home"),
    ("residential", "home"),
    ("residential", "unit"),
    ("children", "unit"),
    ("children", "home"),
    ("children", "house"),
    ("children", "centre"),
    ("young", "people", "unit"),
    ("day", "care", "centre"),
    ("day", "centre"),
    ("day", "center"),
    ("day", "service"),
    ("day", "services"),
    ("day", "hospital"),
    ("resource", "centre"),
    ("respite", "centre"),
    ("respite", "unit"),
    ("family", "centre"),
    ("care", "centre"),
    ("primary", "school"),
    ("primary",),
    ("high", "school"),
    ("academy",),
    ("supported", "living"),
    ("care", "village"),
    ("sheltered", "housing"),
    ("residential", "school"),
    ("special", "school"),
    ("additional", "support", "needs", "school"),
    ("young", "persons", "unit"),
    ("young", "people", "unit"),
    ("young", "people", "centre"),
    ("recovery", "hub"),
    ("recovery", "café"),
    ("recovery", "cafe"),
    ("lunch", "club"),
    ("drop-in",),
    ("drop", "in"),
    ("housing", "project"),
    ("women", "refuge"),
    ("refuge",),
    ("assessment", "centre"),
    ("secure", "unit"),
    ("care", "and", "resource", "centre"),
)
_ORG_MULTI_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _suffix in sorted(_ORG_MULTI_SUFFIX, key=len, reverse=True):
    _ORG_MULTI_BY_FIRST.setdefault(_suffix[0], []).append(_suffix)
_ORG_GENERIC_NAME = _words(
    "local residential nursing private care day young persons person people children family community "
    "supported recovery lunch specialist secure new old open full special youth women men adult adults "
    "older elderly mental health learning disability housing respite resource assessment additional "
    "support needs primary high social work drop"
)
_PUBLIC_COURTS = _words("sheriff high crown supreme county magistrates justice district appeal session")
_ORG_NOT_NAME = _words(
    "the a an our my your their his her this that council nhs scottish national public each every any "
    "another at in on to from"
)
_PUBLIC_HOUSES = frozenset({"white house", "parliament house", "bute house", "somerset house", "opera house"})

_CUE_VERBS = _words(
    "supported support supporting helped help helping encouraged encourage encouraging visited visit "
    "visiting met meet meeting told tell telling asked ask asking called phoned rang texted emailed reminded "
    "remind reassured reassure accompanied accompany collected drove took assisted assist comforted thanked "
    "introduced prompted prompt showed taught advised informed contacted saw seeing observed shadowed "
    "mentored coached supervised praised greeted hugged bathed dressed fed washed hoisted settled calmed "
    "welcomed invited persuaded allowed enabled empowered involved interviewed assessed referred discharged "
    "admitted named called nicknamed thank congratulated congratulate"
)
_CUE_VERB_PAIRS = frozenset(
    {
        ("spoke", "to"),
        ("spoke", "with"),
        ("speak", "to"),
        ("speak", "with"),
        ("talked", "to"),
        ("talked", "with"),
        ("talk", "to"),
        ("chatted", "to"),
        ("chatted", "with"),
        ("listened", "to"),
        ("worked", "with"),
        ("working", "with"),
        ("work", "with"),
        ("sat", "with"),
        ("walked", "with"),
        ("went", "with"),
        ("cared", "for"),
        ("caring", "for"),
        ("care", "for"),
        ("looked", "after"),
        ("looking", "after"),
        ("look", "after"),
        ("checked", "on"),
        ("worried", "about"),
        ("concerns", "about"),
        ("concerned", "about"),
        ("known", "as"),
        ("support", "for"),
        ("visit", "to"),
        ("visits", "to"),
        ("sessions", "with"),
        ("session", "with"),
        ("meeting", "with"),
        ("meetings", "with"),
        ("conversation", "with"),
        ("time", "with"),
        ("keyworker", "for"),
        ("working", "alongside"),
        ("worked", "alongside"),
        ("work", "alongside"),
        ("works", "alongside"),
    }
)
_ROLE_NOUNS = _words(
    "son daughter mum mam mother dad father wife husband partner brother sister gran granny grandmother "
    "grandfather grandson granddaughter grandad grandpa niece nephew aunt auntie uncle cousin friend "
    "neighbour colleague manager leader supervisor client keyworker worker carer nurse resident tenant "
    "child boy girl baby pupil student learner mentee therapist ot gp psychiatrist psychologist advocate "
    "befriender volunteer peer deputy senior assistant twin stepson stepdaughter stepmum stepdad "
    "fiancé fiance fiancée fiancee boyfriend girlfriend lodger flatmate housemate person user"
)
_PERSONAL_NOUNS = _words(
    "mum mam mother dad father parents parent family son daughter wife husband partner brother sister "
    "siblings sibling gran granny grandmother grandfather grandparents carer carers aunt auntie uncle cousin "
    "friend friends neighbour neighbours keyworker worker plan room bedroom flat house home school class "
    "teacher behaviour behaviours needs wishes views voice medication meds health condition diagnosis "
    "birthday funeral death life story dog cat wheelchair mood feelings confidence progress placement "
    "hospital gp assessment appointment benefits money finances tenancy mobility safety wellbeing goals "
    "goal outcomes choices choice routine care support key social support life-story history partner's "
    "words face eyes hand hands smile trust own cv job college course exam benefit notes records bed "
    "chair hair clothes breakfast lunch dinner meal meals tablets insulin inhaler pain weight sleep diet "
    "fall falls discharge admission move transition journey experience experiences fears worries anger "
    "distress request choice decision consent rights capacity guardian guardianship attorney solicitor "
    "landlord rent debt bills payments budget pension allowance anniversary wedding grave memories "
    "memory photos photographs music faith culture language pet garden car bike phone tablet laptop "
    "review referral case file letter letters"
)
# Each alternative takes its own leading space: a shared "\s*" before them would backtrack quadratically
# over a long run of spaces.
# Roles that follow a name as an apposition: "Rotimi Adeyemi, a support worker on our team", "Lynne (peer
# volunteer)". The words between may not be prepositions, so "Birchwood, a hostel for young men" is no person.
_APPOSITION_ROLES = _ROLE_NOUNS | _words(
    "practitioner officer coordinator co-ordinator teacher mentor chef cook cleaner driver receptionist "
    "administrator apprentice trainee member pensioner veteran widow widower man woman lad lass gentleman "
    "lady grandmother mother father parent mum dad toddler teenager youngster occupant guest visitor "
    "secretary caretaker janitor handyman housekeeper organiser organizer facilitator chaplain"
)
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
    r"|,\s*(?:aged\s+)?\d{1,3}\s*,"
    r"|,?\s+aged\s+\d{1,3}\b"
    r"|\s+and\s+I\b"
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
    r"['’]s?\s+(?:[\w\-]+\s+){0,2}?(?:model|theory|theories|cycle|framework|hierarchy|stages|ladder|"
    r"triangle|typology|concept|definition|principles|research|book|paper|article|study|commission|"
    r"inquiry|report|"
    r"pyramid|matrix|iceberg|taxonomy|paradigm|quadrant|curve|wheel|grid|method|notion|idea|ideas|work\s+on|"
    r"seminal|classic|books|essay|essays|memoir|poem|poems|podcast|lecture|chapter|critique|"
    r"writings?\s+(?:on|about|around)|(?:TED|Ted|ted)\s+talk|talk\s+(?:on|about)|"
    r"work(?=\s+(?:about|around|into|shows|showed|challenges|challenged|reminds|influenced|inspired|suggests|"
    r"highlights)\b)|"
    r"questions?\s+(?:about|of|on)(?!\s+(?:his|her|their|my|your|our)\b|\s+(?:whether|when|where|if|how|why)\s+"
    r"(?:or\s+not\s+)?(?:he|she|they|his|her|their|I|we)\b)"
    r")\b"
)
_PUBLICATION_NOUNS = _words(
    "book books report reports article articles paper papers guide toolkit video videos talk talks podcast "
    "blog study studies chapter model theory framework publication poem quote quotation speech lecture "
    "webinar keynote film documentary research review work works text essay thesis handbook textbook series "
    "novel song animation resource resources booklet leaflet cartoon comic website"
)
_WROTE_BY = _words(
    "written authored co-authored edited published coined devised proposed narrated illustrated compiled "
    "produced directed presented voiced"
)
_PUBLIC_ROLES = _words(
    "founder author co-author coauthor professor minister secretary commissioner researcher academic "
    "theorist sociologist philosopher economist writer poet novelist journalist broadcaster director "
    "executive chair chairman chairwoman president ceo msp mp lecturer"
)
_LOCATIVES = _words(
    "in at to from near around across through into outside inside within via towards toward of on onto upon "
    "over off "
    "between beyond past"
)
_SUBJECT_PRONOUNS = _words("he she they him her his their")
_POSSESSIVES = _words("her his their")
_GENERIC_SUBJECTS = _words(
    "people person those someone anyone everyone individuals individual adults children residents patients "
    "families carers many others users clients folk men women citizens population pupils learners staff "
    "workers colleagues we you i us"
)
_HEALTH_LINKS = _words(
    "has had have having with diagnosed diagnosis suffers suffering suffered lives living lived developed "
    "developing experiences experiencing experienced affected from of post-diagnosis after through "
    "recovering recovered since is was being been became become"
)
_HEALTH_GENERAL_AFTER = _words(
    "training awareness course courses module strategy strategies service services team teams nurse nurses "
    "specialist specialists ward wards unit clinic clinics charity society friendly champion champions "
    "policy policies guidance research practice practitioner practitioners workshop workshops session "
    "sessions conference support network networks care-home campaign week month day cafe café resources "
    "information materials leaflet leaflets funding app apps website toolkit group groups"
)
_NOT_HEALTH_BEFORE = _words("no without not never")
# "sessions for kidney failure", "treated for cancer": care given for a condition ties it to the person cared for
_TREATMENT_WORDS = _words(
    "treatment treatments treated treating sessions session dialysis chemotherapy chemo radiotherapy "
    "surgery operation medication medicine medicines tablets injections therapy admitted hospitalised "
    "hospitalized tested screened appointments appointment scans scan monitored"
)
