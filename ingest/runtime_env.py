"""Environment every Gouvernail process sets before importing model libraries: offline, no telemetry, and
thread pools no larger than its share of the cores."""

from __future__ import annotations

import os
from pathlib import Path

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "RAGAS_DO_NOT_TRACK": "true",
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    "TOKENIZERS_PARALLELISM": "false",
}


def configure_runtime_env(cache_dir: Path) -> None:
    """Set offline/no-telemetry variables and point HOME-relative caches at ``cache_dir``.

    Values already set by the caller win, so a deployment with a reachable hub can unset offline mode.
    """
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    cache = cache_dir.resolve()
    for key, sub in {
        "HF_HOME": "huggingface",
        "SENTENCE_TRANSFORMERS_HOME": "sentence-transformers",
        "TORCH_HOME": "torch",
        "XDG_CACHE_HOME": "xdg",
        "NLTK_DATA": "nltk",
        "MPLCONFIGDIR": "matplotlib",
    }.items():
        os.environ.setdefault(key, str(cache / sub))


THREAD_ENV = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def threads_per_worker(configured: int | None, workers: int, answers_per_worker: int) -> int:
    """``configured``, else the usable cores shared out between the answers computed at once by
    ``workers`` processes of ``answers_per_worker`` each (at least 1 thread per worker)."""
    return configured or max(1, usable_cores() // (workers * answers_per_worker))


def limit_threads(threads: int) -> None:
    """Cap the thread pools of torch, OpenMP and BLAS in this process at ``threads``.

    Pools sized for every core, in each of several workers, oversubscribe the cores: their threads spin
    waiting for work the other processes' threads hold the cores for. The variables reach libraries loaded
    later (and worker processes started later); threadpoolctl and torch resize those already loaded.
    """
    for key in THREAD_ENV:
        os.environ[key] = str(threads)
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(threads)
    threadpool_limits(limits=threads)
