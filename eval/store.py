"""Where runs are kept: ``<runs_dir>/<timestamp>-<commit>.json`` (the whole record, per-question results
included) and a history table in ``<runs_dir>/history.sqlite`` (one row per run: ids, hashes, figures).

``runs_dir`` is ``GOUVERNAIL_EVAL_RUNS_DIR`` (default ``eval/runs``, git-ignored; the committed baseline
is ``eval/baseline.json``).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from eval.runner import dumps

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    timestamp TEXT NOT NULL,
    git_commit TEXT NOT NULL,
    corpus_hash TEXT NOT NULL,
    n_questions INTEGER NOT NULL,
    duration_s REAL NOT NULL,
    path TEXT NOT NULL,
    metrics TEXT NOT NULL
)
"""


def history_path(runs_dir: Path) -> Path:
    return runs_dir / "history.sqlite"


def save_run(record: dict[str, Any], runs_dir: Path) -> Path:
    """Write the run's JSON and add it to the history; returns the JSON path."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    path = runs_dir / f"{record['id']}.json"
    path.write_text(dumps(record), encoding="utf-8")
    metrics = {name: m["value"] for name, m in record["metrics"].items()}
    with sqlite3.connect(history_path(runs_dir)) as db:
        db.execute(_SCHEMA)
        db.execute(
            "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record["id"],
                record["timestamp"],
                record["commit"],
                record["corpus_hash"],
                record["n_questions"],
                record["duration_s"],
                path.name,
                json.dumps(metrics),
            ),
        )
    return path


def load_history(runs_dir: Path) -> list[dict[str, Any]]:
    """Past runs, oldest first: id, timestamp, commit, corpus_hash, n_questions, duration_s, path, metrics."""
    if not history_path(runs_dir).exists():
        return []
    with sqlite3.connect(history_path(runs_dir)) as db:
        db.execute(_SCHEMA)
        rows = db.execute("SELECT * FROM runs ORDER BY timestamp, id").fetchall()
    keys = ("id", "timestamp", "commit", "corpus_hash", "n_questions", "duration_s", "path", "metrics")
    out = []
    for row in rows:
        entry = dict(zip(keys, row, strict=True))
        entry["metrics"] = json.loads(entry["metrics"])
        out.append(entry)
    return out


def load_run(runs_dir: Path, entry: dict[str, Any]) -> dict[str, Any] | None:
    """The full record of a history entry (``None`` if its JSON file is gone)."""
    path = runs_dir / str(entry["path"])
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
