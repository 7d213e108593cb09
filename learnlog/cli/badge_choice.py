"""The badge a command works against: the target badge (`badge use`), or for a statement the badge it was
written for; and the check that criterion and resource ids name something in it (an unknown id is a
well-formed request that cannot be met: exit 1)."""

from __future__ import annotations

from learnlog.errors import NotFound


def badge_named(badge_id: str):
    """A badge by id, with its criteria and resources (shipped or the user's own file)."""
    from learnlog.config import frameworks_dir
    from learnlog.frameworks import get_badge

    return get_badge(badge_id, frameworks_dir())


def target_badge(j):
    """The badge the log works towards now (`learnlog badge use`)."""
    return badge_named(j.target_badge)


def statement_badge(j, st):
    """The badge a statement was written for: it is judged and exported against that badge even after
    `badge use` chose another target (the statement's words answer its own badge's criteria). Without a
    statement, the target badge."""
    if st is None or st.badge_id == j.target_badge:
        return target_badge(j)
    try:
        return badge_named(st.badge_id)
    except NotFound:
        raise NotFound(
            f"statement {st.id} was written for badge {st.badge_id!r}, which learnlog no longer has (was its "
            "framework file removed?); put the file back, or start a statement for the target badge with: "
            "learnlog statement new --all"
        ) from None


def check_criteria(badge, ids: list[str]) -> None:
    """Criterion ids must name criteria of the target badge (an unknown id is well-formed: exit 1)."""
    valid = [c.id for c in badge.criteria]
    bad = [c for c in ids if c not in valid]
    if bad:
        raise NotFound(f"unknown criterion {', '.join(bad)} for badge {badge.id}; valid: {', '.join(valid)}")


def check_links(j, criteria: dict[str, str], resources: list[str]) -> None:
    """Criteria and resources named on an entry must exist in the target badge."""
    if not criteria and not resources:
        return
    badge = target_badge(j)
    check_criteria(badge, list(criteria))
    rids = [r.id for r in badge.resources]
    bad = [r for r in resources if r not in rids]
    if bad:
        raise NotFound(f"unknown resource {', '.join(bad)}; see 'learnlog resources' (valid: {', '.join(rids)})")
