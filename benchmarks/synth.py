"""A deterministic synthetic learning log for benchmarks: social-care reflections, for learnlog and for jrnl.

`generate(n, seed)` returns the same `SynthEntry` list for the same arguments on every machine (it uses only
`random.Random(seed)`), so timings from two runs or two machines are over the same text. Entries are about
150 words of first-person reflection assembled from a varied vocabulary of practice situations, spread over
four years, with 0–3 tags, criteria links (c1..c6 of the default badge sssc-sil-1) on about 60% of entries,
resources on some, and a confidential detail ("Mrs Dunsmore", 0141 496 0000, G12 8QQ) in about 5%.

Standard library only; learnlog is imported lazily by `to_entry`, so the jrnl side needs only this file.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

START = dt.date(2022, 1, 3)
DAYS = 4 * 365
CRITERIA = ("c1", "c2", "c3", "c4", "c5", "c6")
RESOURCES = (
    "leading-for-outcomes",
    "personalisation-rough-guide",
    "personalisation-mental-health",
    "citizen-leadership",
    "seldom-heard",
    "outcomes-toolbox",
    "imagining-the-future",
    "talking-points",
)
# Weighted so that filters have realistic selectivity: "sds" is on roughly one entry in seven.
TAGS = (
    ("sds", 4),
    ("supervision", 5),
    ("carers", 4),
    ("team-meeting", 4),
    ("asp", 2),
    ("dementia", 2),
    ("co-production", 2),
    ("reviews", 3),
    ("training", 2),
    ("housing", 2),
    ("mental-health", 2),
    ("transitions", 1),
    ("hospital-discharge", 1),
    ("equalities", 1),
    ("learning-disability", 2),
    ("leadership", 2),
)

PEOPLE = [
    "a young man I support",
    "an older woman who lives alone",
    "Mr T",
    "a father of two with a brain injury",
    "a woman with early-onset dementia",
    "a carer who looks after her adult son",
    "a man recently discharged from hospital",
    "a young person leaving care",
    "a tenant in one of our supported flats",
    "an older couple we have supported for years",
    "a woman in recovery from alcohol use",
    "a man with a learning disability",
    "a grandmother caring for three grandchildren",
    "a young woman who uses a wheelchair",
    "a man who has been homeless on and off",
    "a retired miner with COPD",
    "a woman who recently came to Scotland as a refugee",
    "a teenager moving into adult services",
    "a husband caring for his wife at home",
    "a Gaelic-speaking woman on the island",
]
STAFF = [
    "a support worker",
    "one of our senior practitioners",
    "a newly qualified social worker",
    "the night staff",
    "a team leader",
    "the occupational therapist",
    "the district nurse",
    "a colleague from housing",
    "the care-at-home coordinator",
    "our finance officer",
    "the GP practice",
    "a student on placement",
    "the mental health officer",
    "my own manager",
]
SETTINGS = [
    "at his review",
    "at her review",
    "during supervision",
    "at the team meeting",
    "in a multi-agency meeting",
    "on a home visit",
    "at the carers' forum",
    "at the resource allocation panel",
    "during a hospital discharge meeting",
    "at the locality planning group",
    "over coffee in the community café",
    "at the tenants' meeting",
    "on the phone",
    "at a case conference",
    "during the staff development day",
    "at the day centre",
]
TOPICS = [
    "direct payments",
    "self-directed support",
    "a personal budget",
    "the outcomes plan",
    "adult support and protection",
    "the rota",
    "medication support",
    "the tenancy",
    "transport to the day centre",
    "the anticipatory care plan",
    "respite",
    "the carers' assessment",
    "guardianship",
    "welfare rights",
    "housing options",
    "the eligibility criteria",
    "a return to work",
    "college and volunteering",
    "overnight support",
    "technology-enabled care",
    "the move to a new house",
    "money and benefits",
]
FEELINGS = [
    "uneasy",
    "frustrated",
    "hopeful",
    "out of my depth",
    "proud of the team",
    "tired but clear",
    "defensive at first",
    "genuinely moved",
    "worried about getting it wrong",
    "reassured",
    "torn between the budget and the person",
    "more confident than I expected",
]
LEARNING = [
    "listening before proposing anything",
    "asking what a good life looks like rather than what service is needed",
    "being honest about what the budget can and cannot do",
    "letting people set the pace",
    "writing down my reasoning when I disagree with a decision",
    "checking my own assumptions about risk",
    "giving staff room to try things and get them wrong",
    "using plain language in every letter we send",
    "bringing carers into the conversation early",
    "treating complaints as information rather than attacks",
    "keeping outcomes, not tasks, at the centre of reviews",
    "naming the power imbalance in the room",
]

OPENINGS = [
    "Today I met {person} {setting} to talk about {topic}.",
    "This week {setting} we discussed {topic} for {person}.",
    "I want to reflect on what happened {setting} when {topic} came up.",
    "{Staff} asked me {setting} for advice about {topic} for {person}.",
    "A difficult conversation {setting} about {topic} has stayed with me.",
    "I spent most of the afternoon with {person}, working through {topic}.",
    "Following up on last month, I met {staff} to review {topic}.",
    "{Setting}, {staff} raised a concern about {topic}.",
]
DESCRIPTION = [
    "The plan on paper did not match what {person} told us they wanted.",
    "{Staff} had already made a referral before anyone had asked {person} what mattered to them.",
    "There were six professionals in the room and only one of them was the person whose life it was.",
    "We had been offering the same two options for years without questioning them.",
    "The paperwork took longer than the conversation, which says something about our priorities.",
    "Nobody had explained {topic} in words that {person} could follow.",
    "The family had very different views from {person} about {topic}.",
    "{Staff} felt the risk was too high and wanted to wait until the next review.",
    "We were under pressure to close the case by the end of the month.",
    "The budget was overspent and every new package was being questioned.",
    "It turned out that transport, not the support itself, was the real barrier.",
    "I noticed that I was doing most of the talking.",
    "The meeting ran over and the most important point was squeezed into the last five minutes.",
    "We had assumed that {topic} would be too complicated, but nobody had actually asked.",
]
FEELING_LINES = [
    "I felt {feeling} during the meeting.",
    "If I am honest, I came away {feeling}.",
    "At the time I was {feeling}, and I think it showed.",
    "I was {feeling}, which is worth noting for supervision.",
]
ANALYSIS = [
    "Looking back, we were solving the service's problem rather than the person's.",
    "The SSSC Codes of Practice are clear that people have the right to make their own choices.",
    "I think the team followed procedure well but lost sight of the person.",
    "Our policy was written for the average case, and nobody is average.",
    "Part of my role as a manager is to absorb some of the pressure so staff can do the right thing.",
    "When I read it back, my case note described tasks rather than outcomes.",
    "I had underestimated how much the language we use shuts people out.",
    "It reminded me of the Rolfe model: what happened, so what, and now what.",
    "The evidence from the review showed that small changes had made the biggest difference.",
    "The best ideas in the meeting came from the person and their carer, not from us.",
    "We talk about person-centred practice, but our systems still pull us back to processes.",
    "I could see how easily a tired team slips into doing things for people instead of with them.",
]
LEARNING_LINES = [
    "What I have learned is the value of {learning}.",
    "My main learning point is {learning}.",
    "Next time I will start by {learning}.",
    "I want to keep practising {learning}.",
    "This confirmed for me the importance of {learning}.",
]
ACTIONS = [
    "I will raise this at the next team meeting.",
    "I have booked time with {staff} to follow this up.",
    "I will check back in a month to see whether anything has changed.",
    "I have asked for this to be added to our practice development plan.",
    "I will share the learning with the other team leaders.",
    "I have updated the guidance we give new staff.",
    "I will ask {person} how it went rather than relying on the case notes.",
    "I will bring this example to my next supervision.",
]
CRITERION_LINES = {
    "c1": [
        "I supported {person} to make their own decision about {topic}, even though {staff} had concerns.",
        "We talked about positive risk-taking and the right to make choices the rest of us might not make.",
        "Moving to direct payments gave {person} real choice and control over who supports them.",
        "With self-directed support, {person} chose a personal assistant they already knew from the village.",
        "I reminded the panel that {person} has capacity and the right to take this risk.",
        "We used supported decision-making so that {person} could weigh up the options in their own time.",
    ],
    "c2": [
        "I challenged the decision to cut the support because it would have left {person} isolated.",
        "I advocated for {person} at the panel and put my reasoning in writing.",
        "Despite the pressure on the budget, I argued that the person's needs had to come first.",
        "I pushed back when the proposal was driven by the waiting list rather than by {person}.",
        "I made sure {person}'s own words were read out at the meeting, not just our summary.",
    ],
    "c3": [
        "We arranged an interpreter so that {person} could take part in their first language.",
        "I met the Gypsy/Traveller liaison worker to understand why families were not using the service.",
        "We changed the meeting time so that carers who work shifts could come.",
        "I visited the mosque's women's group to listen to what stops families asking us for help.",
        "Reaching seldom-heard people meant going to them rather than waiting for them to come to us.",
        "We reviewed our leaflets with people who have a learning disability and rewrote them in easy read.",
    ],
    "c4": [
        "People who use our service sat on the interview panel for the new support workers.",
        "Feedback from people using the service shaped the new evening activities.",
        "We asked tenants to help design the new complaints process, and they took part in every session.",
        "Their participation changed the service design far more than our consultation survey ever did.",
        "I involved people who use the service in reviewing our induction for new staff.",
    ],
    "c5": [
        "We co-produced the new information pack with carers as equal partners.",
        "The carers' group co-designed the respite booking system with us from the start.",
        "Working in partnership with people who use the day service, we planned the summer programme.",
        "We paid people for their time as co-producers, which changed who came along.",
        "I stepped back and let the tenants chair the planning session, with support when they asked for it.",
    ],
    "c6": [
        "At the review we looked at the personal outcomes {person} had set six months ago.",
        "Three months on, {person} is back at college, which was the outcome that mattered most to them.",
        "We now record outcomes in {person}'s own words, not in service categories.",
        "The evidence showed a real improvement in wellbeing since the new support started.",
        "I introduced a short outcomes check at every review so that we can see what has changed.",
    ],
}
CONFIDENTIAL_LINES = [
    "I rang Mrs Dunsmore to confirm the visit and she was relieved to hear from us.",
    "Mrs Dunsmore's daughter asked me to call her back on 0141 496 0000 after the review.",
    "The new flat at G12 8QQ is much closer to her sister and the shops.",
    "Mrs Dunsmore told me she had not been out of the house since Christmas.",
    "I left a message on 0141 496 0000 but nobody called back until Friday.",
    "The taxi firm had the wrong postcode, G12 8QQ, which explains the missed appointments.",
]
TITLES = [
    "Reflection on {topic}",
    "What I learned about {topic}",
    "Supervision notes: {topic}",
    "{Setting_cap}: {topic}",
    "Thinking again about {topic}",
    "A conversation about {topic}",
    "Review of {topic} for {person}",
    "Lessons from {topic}",
]
DIRECT_PAYMENT_LINES = [
    "We also talked through how direct payments could pay for a personal assistant instead of a care agency.",
    "The direct payments team agreed to a trial period so that the family could see how it worked.",
]


@dataclass
class SynthEntry:
    when: dt.datetime
    title: str
    body: str
    tags: list[str] = field(default_factory=list)
    criteria: dict[str, str] = field(default_factory=dict)  # criterion id -> "manual" | "suggested"
    resources: list[str] = field(default_factory=list)
    hours: float | None = None
    status: str = "draft"
    confidential: bool = False


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(rng: random.Random, template: str, ctx: dict[str, str]) -> str:
    return template.format(
        person=ctx["person"],
        Person=_cap(ctx["person"]),
        staff=ctx["staff"],
        Staff=_cap(ctx["staff"]),
        setting=ctx["setting"],
        Setting=_cap(ctx["setting"]),
        Setting_cap=_cap(ctx["setting"]),
        topic=ctx["topic"],
        feeling=rng.choice(FEELINGS),
        learning=rng.choice(LEARNING),
    )


def _words(text: str) -> int:
    return len(text.split())


def _entry(rng: random.Random, tag_names: list[str], tag_weights: list[int]) -> SynthEntry:
    ctx = {
        "person": rng.choice(PEOPLE),
        "staff": rng.choice(STAFF),
        "setting": rng.choice(SETTINGS),
        "topic": rng.choice(TOPICS),
    }
    day = START + dt.timedelta(days=rng.randrange(DAYS))
    when = dt.datetime.combine(day, dt.time(rng.randrange(7, 22), rng.choice((0, 15, 30, 45))))

    criteria: dict[str, str] = {}
    if rng.random() < 0.6:
        for cid in rng.sample(CRITERIA, rng.choice((1, 1, 2, 2, 3))):
            criteria[cid] = "manual" if rng.random() < 0.65 else "suggested"
    k = rng.choice((0, 1, 1, 2, 2, 3))
    tags: list[str] = []
    while len(tags) < k:
        t = rng.choices(tag_names, tag_weights)[0]
        if t not in tags:
            tags.append(t)
    sds_topic = ctx["topic"] in ("direct payments", "self-directed support", "a personal budget")
    if sds_topic and "sds" not in tags and rng.random() < 0.5:
        tags.append("sds")

    # Middle sentences: evidence for the linked criteria first (so `suggest` has something real to find),
    # occasionally for an unlinked one, then description, feeling and analysis until ~150 words.
    middle = [_fill(rng, rng.choice(CRITERION_LINES[c]), ctx) for c in criteria]
    if not criteria and rng.random() < 0.3:
        middle.append(_fill(rng, rng.choice(CRITERION_LINES[rng.choice(CRITERIA)]), ctx))
    if ctx["topic"] == "direct payments" or rng.random() < 0.04:
        middle.append(rng.choice(DIRECT_PAYMENT_LINES))
    confidential = rng.random() < 0.05
    if confidential:
        middle.append(rng.choice(CONFIDENTIAL_LINES))
    rng.shuffle(middle)
    target = max(90, min(240, int(rng.gauss(150, 25))))
    opening = _fill(rng, rng.choice(OPENINGS), ctx)
    closing = [_fill(rng, rng.choice(LEARNING_LINES), ctx), _fill(rng, rng.choice(ACTIONS), ctx)]
    pools = [DESCRIPTION, DESCRIPTION, FEELING_LINES, ANALYSIS, ANALYSIS]
    used: set[str] = set()
    while _words(" ".join([opening, *middle, *closing])) < target:
        pool = rng.choice(pools)
        line = _fill(rng, rng.choice(pool), ctx)
        if pool is FEELING_LINES:
            pools = [DESCRIPTION, DESCRIPTION, ANALYSIS, ANALYSIS]  # one feeling per entry
        if line not in used:
            used.add(line)
            middle.insert(rng.randrange(len(middle) + 1), line)
        elif len(used) > 40:
            break
    sentences = [opening, *middle, *closing]
    # Two or three paragraphs, as people write.
    cut1 = max(2, len(sentences) // 3)
    cut2 = max(cut1 + 1, 2 * len(sentences) // 3)
    paragraphs = [sentences[:cut1], sentences[cut1:cut2], sentences[cut2:]]
    body = "\n\n".join(" ".join(p) for p in paragraphs if p)

    title = _fill(rng, rng.choice(TITLES), ctx)
    return SynthEntry(
        when=when,
        title=title,
        body=body,
        tags=tags,
        criteria=criteria,
        resources=[rng.choice(RESOURCES)] if rng.random() < 0.08 else [],
        hours=rng.choice((0.5, 1.0, 1.5, 2.0, 3.0)) if rng.random() < 0.5 else None,
        status="final" if rng.random() < 0.7 else "draft",
        confidential=confidential,
    )


def generate(n: int, seed: int = 20240611) -> list[SynthEntry]:
    """n entries, oldest first; the same list for the same (n, seed)."""
    rng = random.Random(seed)
    names = [t for t, _ in TAGS]
    weights = [w for _, w in TAGS]
    entries = [_entry(rng, names, weights) for _ in range(n)]
    entries.sort(key=lambda e: e.when)
    return entries


def add_text(seed: int = 7) -> str:
    """One more entry's text, for timing `add` (piped on stdin) and `jrnl TEXT`."""
    e = _entry(random.Random(seed), [t for t, _ in TAGS], [w for _, w in TAGS])
    return f"{e.title}.\n\n{e.body}"


def to_entry(s: SynthEntry):
    """The learnlog Entry for a synthetic entry (imports learnlog)."""
    from learnlog.records import Entry

    return Entry(
        id=None,
        date=s.when.date(),
        body=s.body,
        title=s.title,
        tags=list(s.tags),
        hours=s.hours,
        status=s.status,
        created=s.when.replace(tzinfo=dt.UTC),
        updated=s.when.replace(tzinfo=dt.UTC),
        criteria=dict(s.criteria),
        resources=list(s.resources),
    )


# -- jrnl ----------------------------------------------------------------------------------------------------


def write_jrnl(entries: list[SynthEntry], path: Path) -> None:
    """A jrnl 4.x plain-text journal: `[YYYY-MM-DD HH:MM] Title`, the body, tags as @tag, blank lines between.

    This is the form jrnl itself writes (`Entry.__str__`: the title on the timestamp line, the body after it).
    """
    chunks = []
    for e in entries:
        tags = " ".join(f"@{t}" for t in e.tags)
        body = e.body + (f"\n\n{tags}" if tags else "")
        chunks.append(f"[{e.when:%Y-%m-%d %H:%M}] {e.title}\n{body}\n")
    path.write_text("\n".join(chunks), encoding="utf-8")


def write_jrnl_config(path: Path, journal: Path, version: str = "v4.6") -> None:
    """A complete jrnl 4.x config (every key of jrnl.config.get_default_config), so jrnl never rewrites it."""
    journal_s = str(journal).replace("'", "''")
    path.write_text(
        f"""colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: '{journal_s}'
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: {version}
""",
        encoding="utf-8",
    )
