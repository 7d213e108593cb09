"""The floor under each learnlog figure: a bare `python -c` doing the same work with the sqlite3 module.

A learnlog command cannot be faster than Python starting and SQLite answering the same query, so
`learnlog / floor` says how much of a figure is learnlog's own (imports, checks, rendering) rather than the
data's. Each floor reads LEARNLOG_DB (and FLOOR_DIR for the folder commands), prints what it found, and does
nothing learnlog would not also have to do.
"""

from __future__ import annotations

PRELUDE = "import os, sqlite3, sys\nc = sqlite3.connect(os.environ['LEARNLOG_DB'])\n"

LIST = PRELUDE + (
    'rows = c.execute("SELECT id, entry_date, title, words FROM entry WHERE deleted_at IS NULL '
    'ORDER BY entry_date DESC, id DESC LIMIT 20").fetchall()\nprint(rows)\n'
)
LIST_TAG = PRELUDE + (
    'rows = c.execute("SELECT e.id, e.entry_date, e.title, e.words FROM entry e WHERE e.deleted_at IS NULL '
    "AND EXISTS (SELECT 1 FROM entry_tag t WHERE t.entry_id = e.id AND t.tag = 'sds') "
    'ORDER BY e.entry_date DESC, e.id DESC LIMIT 20").fetchall()\nprint(rows)\n'
)
SHOW = PRELUDE + "print(c.execute('SELECT title, body FROM entry WHERE id = ?', (int(sys.argv[1]),)).fetchone())\n"
SEARCH = PRELUDE + (
    "rows = c.execute(\"SELECT e.id, snippet(entry_fts, 1, '[', ']', '…', 16) FROM entry_fts f "
    'JOIN entry e ON e.id = f.rowid WHERE entry_fts MATCH \'\\"direct\\" \\"payments\\"\' '
    'AND e.deleted_at IS NULL ORDER BY f.rank LIMIT 20").fetchall()\nprint(rows)\n'
)
COVERAGE = PRELUDE + (
    'rows = c.execute("SELECT c.criterion_id, c.source, count(*), sum(e.words) FROM entry_criterion c '
    "JOIN entry e ON e.id = c.entry_id WHERE c.badge_id = 'sssc-sil-1' AND e.deleted_at IS NULL "
    'GROUP BY c.criterion_id, c.source").fetchall()\nprint(rows)\n'
)
ADD = PRELUDE + (
    "text = sys.stdin.read()\nc.execute('BEGIN IMMEDIATE')\n"
    'c.execute("INSERT INTO entry (entry_date, created_at, updated_at, title, body, words) '
    "VALUES (date('now'), datetime('now'), datetime('now'), '', ?, ?)\", (text, len(text.split())))\n"
    "c.execute('COMMIT')\n"
)
EXPORT = PRELUDE + (
    "out = os.environ['FLOOR_DIR']\nos.makedirs(out)\n"
    "for i, d, t, b in c.execute('SELECT id, entry_date, title, body FROM entry WHERE deleted_at IS NULL'):\n"
    "    with open(os.path.join(out, f'{d}-{i}.md'), 'w', encoding='utf-8') as fh:\n"
    "        fh.write(f'---\\ntitle: {t}\\ndate: {d}\\n---\\n{b}')\n"
)
IMPORT = (
    "import os, sqlite3\nsrc = os.environ['FLOOR_DIR']\nc = sqlite3.connect(os.environ['FLOOR_DB'])\n"
    "c.execute('CREATE TABLE entry (id INTEGER PRIMARY KEY, entry_date TEXT, title TEXT, body TEXT)')\n"
    "c.execute(\"CREATE VIRTUAL TABLE entry_fts USING fts5 (title, body, content='entry', content_rowid='id')\")\n"
    "rows = []\nfor folder, dirs, names in os.walk(src):\n"
    "    dirs[:] = [d for d in dirs if not d.startswith('.')]\n"
    "    for name in sorted(n for n in names if n.endswith('.md')):\n"
    "        with open(os.path.join(folder, name), encoding='utf-8') as fh:\n"
    "            head, _, body = fh.read().partition('\\n---\\n')\n"
    "        rows.append((name[:10], head.split('title: ', 1)[-1].split('\\n', 1)[0], body))\n"
    "with c:\n    c.executemany('INSERT INTO entry (entry_date, title, body) VALUES (?, ?, ?)', rows)\n"
    '    c.execute("INSERT INTO entry_fts (rowid, title, body) SELECT id, title, body FROM entry")\n'
    "print(len(rows))\n"
)

# learnlog bench name -> floor script (the --version floor is the harness's `python -c pass`)
FLOORS = {
    "list --limit 20": LIST,
    "list --tag sds --limit 20": LIST_TAG,
    "show": SHOW,
    'search "direct payments"': SEARCH,
    "coverage": COVERAGE,
    "add (stdin)": ADD,
    "export --all --format md-dir": EXPORT,
    "import DIR (fresh db)": IMPORT,
}
