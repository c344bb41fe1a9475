"""Thread pools sized to a worker's share of the cores."""

from __future__ import annotations

import json
import subprocess
import sys

from ingest.runtime_env import threads_per_worker, usable_cores
from tests.conftest import REPO

PROBE = """
import json, numpy, torch
from threadpoolctl import threadpool_info
from ingest.runtime_env import limit_threads
limit_threads(1)
print(json.dumps({"torch": torch.get_num_threads(),
                  "pools": {p["internal_api"]: p["num_threads"] for p in threadpool_info()}}))
"""


def test_limit_threads_caps_torch_openmp_and_blas_already_loaded() -> None:
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120, check=True
    )
    threads = json.loads(probe.stdout.splitlines()[-1])
    assert threads["torch"] == 1
    assert "openblas" in threads["pools"] and "openmp" in threads["pools"]  # numpy's BLAS, torch's OpenMP
    assert set(threads["pools"].values()) == {1}


def test_workers_share_the_cores_out_and_a_configured_count_wins() -> None:
    cores = usable_cores()
    assert threads_per_worker(None, 1, 1) == cores
    assert threads_per_worker(None, 2 * cores, 2) == 1  # never fewer than one thread
    assert threads_per_worker(None, 1, 2) == max(1, cores // 2)
    assert threads_per_worker(3, 2, 2) == 3
