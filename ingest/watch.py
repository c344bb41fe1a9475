"""Reindex when the corpus folder changes, debounced."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

from ingest.indexer import Indexer, ReindexReport


class _CorpusFilter(DefaultFilter):
    """Ignore hidden and editor temporary files (as the reindex scan does)."""

    def __call__(self, change: object, path: str) -> bool:
        name = Path(path).name
        if name.startswith((".", "~$")) or name.endswith("~"):
            return False
        return bool(super().__call__(change, path))  # type: ignore[arg-type]


def watch_corpus(
    indexer: Indexer,
    *,
    on_report: Callable[[ReindexReport], None],
    on_error: Callable[[Exception], None],
    stop_event: threading.Event | None = None,
) -> None:
    """Sync once, then reindex after each burst of changes until ``stop_event`` is set (or Ctrl-C)."""
    settings = indexer.settings

    def run() -> None:
        try:
            on_report(indexer.reindex())
        except Exception as exc:  # a bad edit must not stop the watcher
            on_error(exc)

    run()
    for _changes in watch(
        settings.corpus_dir,
        watch_filter=_CorpusFilter(),
        debounce=settings.watch_debounce_ms,
        stop_event=stop_event,
        raise_interrupt=False,
    ):
        run()
