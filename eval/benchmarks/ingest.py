"""Indexing benchmark: cold full index, no-change reindex, one-file change, peak RSS.

Run with ``make bench-ingest``. Works on a temporary copy of ``corpus/`` and a temporary index, using
the provisioned embedding model; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest.embeddings.encoder import Embedder
from ingest.indexer import Indexer, ReindexReport
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

EDITED_FILE = "catalogue/fiche-13-labs-ia.md"


def _timed_reindex(indexer: Indexer) -> tuple[float, ReindexReport]:
    started = time.perf_counter()
    report = indexer.reindex()
    return time.perf_counter() - started, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=Settings().corpus_dir)
    args = parser.parse_args()
    base = Settings()
    configure_runtime_env(base.cache_dir)
    with tempfile.TemporaryDirectory(prefix="gouvernail-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, corpus)
        data = Path(tmp) / "var"
        data.mkdir()
        (data / "models").symlink_to(base.models_dir.resolve(), target_is_directory=True)
        settings = Settings(corpus_dir=corpus, data_dir=data)
        embedder = Embedder(settings.embedding_model, models_dir=settings.models_dir)

        started = time.perf_counter()
        embedder.embed_query("chargement du modèle")
        load_s = time.perf_counter() - started
        indexer = Indexer(settings, embedder)

        cold_s, cold = _timed_reindex(indexer)
        print(f"model load                 {load_s:8.2f} s")
        print(
            f"cold full index            {cold_s:8.2f} s  {cold.chunks_total} chunks and {cold.units_total} "
            f"answer units, {(cold.chunks_embedded + cold.units_embedded) / cold_s:6.1f} passages/s"
        )

        runs = [_timed_reindex(indexer)[0] for _ in range(5)]
        best, worst = min(runs) * 1000, max(runs) * 1000
        print(f"no-change reindex          {best:8.1f} ms (best of 5, max {worst:.1f} ms)")

        path = corpus / EDITED_FILE
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Lab IA", "Lab I.A.", 1), encoding="utf-8")
        one_s, one = _timed_reindex(indexer)
        print(
            f"one-file change reindex    {one_s * 1000:8.1f} ms ({one.chunks_embedded} chunks, "
            f"{one.units_embedded} units re-embedded)"
        )

        path.write_text(text.replace("IA", "I.A."), encoding="utf-8")  # every chunk of that fiche
        whole_s, whole = _timed_reindex(indexer)
        print(
            f"whole-fiche rewrite        {whole_s * 1000:8.1f} ms ({whole.chunks_embedded} chunks, "
            f"{whole.units_embedded} units re-embedded)"
        )

        gouvernail = str(Path(sys.executable).with_name("gouvernail"))
        env = {"GOUVERNAIL_CORPUS_DIR": str(corpus), "GOUVERNAIL_DATA_DIR": str(data)}
        started = time.perf_counter()
        subprocess.run([gouvernail, "reindex"], env=os.environ | env, check=True, capture_output=True)
        print(f"`gouvernail reindex` no-op {time.perf_counter() - started:8.2f} s (process start included)")

        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS                   {peak_mb:8.0f} MB")


if __name__ == "__main__":
    main()
