"""Environment every Gouvernail process sets before importing model libraries: offline, no telemetry."""

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
