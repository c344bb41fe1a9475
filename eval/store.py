"""Where runs are kept: the ``eval_runs`` table of the state database (one row per run: ids, hashes,
figures, and the whole record, per-question results included), so every replica reports the same.

``gouvernail eval`` also writes each record as ``<runs_dir>/<id>.json`` to read or diff by hand
(``runs_dir`` is ``GOUVERNAIL_EVAL_RUNS_DIR``, default ``eval/runs``, git-ignored). Runs an install from
before kept in ``<runs_dir>/history.sqlite`` are imported on first use.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Engine, Float, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from database.engine import make_engine
from database.schema import Base
from eval.runner import dumps
from ingest.settings import Settings

LEGACY_HISTORY = "history.sqlite"
log = logging.getLogger("gouvernail.eval")


class EvalRunRow(Base):
    """One evaluation run: its figures for the trends, its record for the report."""

    __tablename__ = "eval_runs"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    timestamp: Mapped[str] = mapped_column(String(40), index=True)
    git_commit: Mapped[str] = mapped_column(String(100))
    corpus_hash: Mapped[str] = mapped_column(String(100))
    n_questions: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[float] = mapped_column(Float)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)


class RunStore:
    """Stores evaluation runs and reads their history."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def save(self, record: dict[str, Any]) -> None:
        """Store a run (a run stored again under the same id replaces it)."""
        row = EvalRunRow(
            id=record["id"],
            timestamp=record["timestamp"],
            git_commit=record["commit"],
            corpus_hash=record["corpus_hash"],
            n_questions=record["n_questions"],
            duration_s=record["duration_s"],
            metrics={name: m["value"] for name, m in record["metrics"].items()},
            record=json.loads(dumps(record)),
        )
        with Session(self.engine) as session, session.begin():
            session.merge(row)

    def history(self) -> list[dict[str, Any]]:
        """Past runs, oldest first: id, timestamp, commit, corpus_hash, n_questions, duration_s, metrics."""
        query = select(*_SUMMARY_COLUMNS).order_by(EvalRunRow.timestamp, EvalRunRow.id)
        with Session(self.engine) as session:
            return [_summary(row) for row in session.execute(query)]

    def load(self, run_id: str) -> dict[str, Any] | None:
        """The full record of a run."""
        with Session(self.engine) as session:
            return session.scalar(select(EvalRunRow.record).where(EvalRunRow.id == run_id))

    def import_legacy(self, runs_dir: Path) -> int:
        """Into an empty table, the runs of ``<runs_dir>/history.sqlite`` whose JSON file is still there."""
        history = runs_dir / LEGACY_HISTORY
        if not history.is_file():
            return 0
        with Session(self.engine) as session:
            if session.scalar(select(func.count()).select_from(EvalRunRow)):
                return 0
        with sqlite3.connect(history) as db:
            names = [row[0] for row in db.execute("SELECT path FROM runs ORDER BY timestamp, id")]
        imported = 0
        for name in names:
            path = runs_dir / name
            if path.is_file():
                self.save(json.loads(path.read_text(encoding="utf-8")))
                imported += 1
        log.info("imported %d evaluation runs from %s into the state database", imported, history)
        return imported


_SUMMARY_COLUMNS = (
    EvalRunRow.id,
    EvalRunRow.timestamp,
    EvalRunRow.git_commit,
    EvalRunRow.corpus_hash,
    EvalRunRow.n_questions,
    EvalRunRow.duration_s,
    EvalRunRow.metrics,
)


def _summary(row: Any) -> dict[str, Any]:
    keys = ("id", "timestamp", "commit", "corpus_hash", "n_questions", "duration_s", "metrics")
    return dict(zip(keys, row, strict=True))


def open_run_store(settings: Settings, engine: Engine | None = None) -> RunStore:
    """The run store in the configured database (runs kept by an install from before imported)."""
    store = RunStore(engine or make_engine(settings.state_database_url))
    store.import_legacy(settings.eval_runs_dir)
    return store


def write_run_file(record: dict[str, Any], runs_dir: Path) -> Path:
    """The run's record as ``<runs_dir>/<id>.json``, to read or diff by hand."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    path = runs_dir / f"{record['id']}.json"
    path.write_text(dumps(record), encoding="utf-8")
    return path
