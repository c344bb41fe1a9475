"""`gouvernail watch`: an edit in the corpus folder triggers one debounced incremental reindex."""

from __future__ import annotations

import queue
import threading

from ingest.indexer import Indexer, ReindexReport
from ingest.watch import watch_corpus

FICHE_12 = "catalogue/fiche-12-cafe-ia.md"


def test_edit_triggers_incremental_reindex(indexed, embedder) -> None:
    settings = indexed.model_copy(update={"watch_debounce_ms": 200})
    reports: queue.Queue[ReindexReport] = queue.Queue()
    errors: list[Exception] = []
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_corpus,
        args=(Indexer(settings, embedder),),
        kwargs={"on_report": reports.put, "on_error": errors.append, "stop_event": stop},
        daemon=True,
    )
    watcher.start()
    try:
        initial = reports.get(timeout=60)
        assert initial.chunks_embedded == 0 and len(initial.unchanged) == 5
        path = settings.corpus_dir / FICHE_12
        for _ in range(3):  # a burst of saves is debounced into one reindex
            path.write_text(
                path.read_text(encoding="utf-8") + "\n- Thème : la sobriété numérique.\n", "utf-8"
            )
        (settings.corpus_dir / ".fiche-12.md.swp").write_text("editor noise", encoding="utf-8")
        report = reports.get(timeout=60)
        assert report.updated == [FICHE_12] and 0 < report.chunks_embedded <= 2
        assert reports.empty() and not errors
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()
