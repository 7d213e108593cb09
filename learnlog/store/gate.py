"""The privacy gate on statements: what leaves with a statement, the verdict on it, and when to judge again.

A statement's findings follow the same rules as an entry's: the allowlist applies, and so does a dismissal of
the same words in any entry it was built from. Findings are stored (with ids `dismiss` and `redact --statement`
accept) together with a digest of everything the verdict depended on, so `check` — a read command — scans
again only when the title, text, link, an entry title, the allowlist or a source dismissal changed.
"""

from __future__ import annotations

from learnlog.records import Finding, Statement
from learnlog.store import reads


class StatementGate:
    """Mixed into `Journal`: needs its `conn`, `_session`, `list`, `statement`, `statements` and `allowed`."""

    def statement_parts(self, st: Statement):
        """Every text that leaves with this statement (preflight.outgoing): title, body, link, entry titles."""
        from learnlog.preflight import outgoing
        from learnlog.statement import source_title

        sources = self.list(ids=st.entry_ids, limit=None) if st.entry_ids else []
        return outgoing(st.title, st.body, link=st.link, entry_titles={e.id: source_title(e) for e in sources})

    def gate_key(self, st: Statement) -> str:
        """A digest of everything the privacy verdict on `st` depends on: its parts, the allowlist, the
        dismissals in its source entries, and the scanner (learnlog's version). Its own dismissals are not in
        it: `dismiss` re-judges the statement there and then."""
        import hashlib
        import json

        from learnlog import __version__

        own = sorted(
            (f.label, f.text.lower()) for f in reads.findings(self.conn, statement_id=st.id, status="dismissed")
        )
        facts = [
            __version__,
            [(p.where, p.text) for p in self.statement_parts(st)],
            sorted(self.allowed()),
            sorted(reads.dismissed_in_entries(self.conn, st.entry_ids).items()),
            own,
        ]
        return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode("utf-8")).hexdigest()

    def judge(self, st: Statement) -> list[Finding]:
        """The privacy gate's verdict on a statement now (pure; nothing stored): every part scanned, with the
        allowlist and the dismissals of the same text in the entries it was built from applied."""
        from learnlog.preflight import gate

        sources = reads.dismissed_in_entries(self.conn, st.entry_ids)
        return [
            Finding(
                f.start,
                f.end,
                f.label,
                f.text,
                f.reason,
                statement_id=st.id,
                part=f.where,
                status="dismissed" if f.dismissed else "open",
                dismiss_reason=f"dismissed in entry {sources[(f.label, f.text.casefold())]}" if f.dismissed else None,
            )
            for f in gate(self.statement_parts(st), allow=self.allowed(), dismissed=list(sources))
        ]

    def judge_statements(self, statement_ids: list[int] | None = None) -> None:
        """Re-judge statements (all by default) and store their findings, keeping ids and dismissals."""
        from learnlog.store import writes

        chosen = self.statements() if statement_ids is None else [self.statement(i) for i in statement_ids]
        if not chosen:
            return
        judged = [(st.id, st.version, self.judge(st)) for st in chosen]
        keys = [(st.id, st.version, self.gate_key(st)) for st in chosen]
        with self._session() as s:  # one transaction: the findings and what they were judged on
            writes.write_findings(s, "statement", judged)
            writes.set_gate_key(s, keys)

    def statement_findings_now(self, st: Statement, status: str | None = "open") -> list[Finding]:
        """Stored findings of a statement, re-judged first when its texts, sources, allowlist or dismissals
        changed since: a read command (`check`) writes only when the verdict moved."""
        stored = reads.findings(self.conn, statement_id=st.id, status=None)
        if st.gate_key and st.gate_key == self.gate_key(st):
            return [f for f in stored if status is None or f.status == status]  # nothing it depends on moved
        fresh = self.judge(st)
        if _verdict(stored) != _verdict(fresh, own=stored):
            self.judge_statements([st.id])
        else:
            from learnlog.store import writes

            with self._session() as s:
                writes.set_gate_key(s, [(st.id, st.version, self.gate_key(st))])
        stored = reads.findings(self.conn, statement_id=st.id, status=None)
        return [f for f in stored if status is None or f.status == status]


def _verdict(findings: list[Finding], own: list[Finding] | None = None) -> list[tuple]:
    """What a statement's findings say, ignoring ids: equal verdicts need no write.

    For a fresh judgement, the statement's own stored dismissals (`own`) apply as `write_findings` would apply them."""
    mine = {(f.label, f.text.lower()) for f in own or [] if f.status == "dismissed"}
    out = []
    for f in findings:
        status = "dismissed" if own is not None and (f.label, f.text.lower()) in mine else f.status
        out.append((f.part, f.start, f.end, f.label, f.text, status))
    return sorted(out)
