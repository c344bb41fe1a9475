"""Load benchmark of the HTTP API: ``POST /v1/ask`` at 1, 4, 16 and 32 concurrent clients, with one
worker then two (``gouvernail serve --workers N``) in the same run.

Run with ``make bench-load``. For each worker count, starts ``gouvernail serve`` (offline default:
extractive answers, the real index of ``corpus/`` in ``var/``) on a free loopback port with a temporary
SQLite state database (the index's manifest copied in; audit rows and rate buckets stay out of ``var/``)
and a rate limit the benchmark never reaches, creates a staff key, then sends bounded concurrent requests
(a thread pool, one keep-alive connection per client) cycling over realistic questions. Prints
throughput, p50/p95/p99 latency, errors, the server's CPU use (cores, CPU ms per answer) and the load
average per level, the resident memory of each worker, and the req/s ratio of the most workers to one
worker at 16 clients (target ≥ 1.7 with two workers on two cores); exits 1 if any highest level had
errors.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil

from api.keys import KeyStore
from database.engine import make_engine
from ingest.manifest import ManifestStore
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings
from ingest.state import open_index_state

QUESTIONS = (
    "Qui valide la charte éthique ?",
    "Tous les combien faut-il revoir la charte IA ?",
    "Que veut dire RACI ?",
    "Combien de personnes dans un Lab IA ?",
    "Qui compose le comité de gouvernance IA ?",
    "À quelle fréquence se réunit le comité de gouvernance ?",
    "Comment sensibiliser les collaborateurs avec la signature e-mail ?",
    "Quels sont les risques de biais de l'IA générative ?",
    "Comment organiser un café IA ?",
    "À quoi sert la cellule de veille ?",
    "Comment accompagner les collaborateurs éloignés du digital ?",
    "Qui est consulté pendant la phase de déploiement ?",
    "Comment former les managers à l'IA générative ?",
    "Comment alimenter la bibliothèque de prompts ?",
    "Comment rédiger un e-mail de retard de livraison ?",
    "Bonjour, je suis Marie Dupont (marie.dupont@exemple.fr) : qui valide un nouveau cas d'usage ?",
    "Who approves the AI ethics charter?",
    "What does the DPO do in an AI project?",
    "How often should the AI charter be reviewed?",
    "How many people are in an AI Lab?",
)


@dataclass
class Level:
    clients: int
    requests: int
    seconds: float
    latencies_ms: list[float]
    errors: dict[str, int]
    server_cpu_s: float = 0.0  # CPU time of the server's processes during the level
    load_average: float = 0.0  # the machine's 1-minute load average at the level's end

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (``q`` in 0–100) of a non-empty list."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def seeded_database(settings: Settings, folder: Path) -> str | None:
    """A fresh SQLite state database in ``folder`` serving the index of ``settings`` (``None``: no index)."""
    manifest = open_index_state(settings).manifests.load()
    if manifest is None:
        return None
    database_url = f"sqlite:///{folder / 'state.db'}"
    ManifestStore(make_engine(database_url)).commit(manifest)
    return database_url


def start_server(
    port: int, database_url: str, rate_limit: int, log_path: Path, workers: int = 1
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOUVERNAIL_LLM_")}  # offline default
    env |= {
        "GOUVERNAIL_DATABASE_URL": database_url,
        "GOUVERNAIL_RATE_LIMIT_PER_MINUTE": str(rate_limit),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(Path.cwd()), env.get("PYTHONPATH", "")])),
    }
    with log_path.open("wb") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "api.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


def wait_ready(url: str, server: subprocess.Popen[Any], timeout_s: float, checks: int = 1) -> None:
    """Until ``/readyz`` answers 200 ``checks`` times in a row (spread over the workers)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the API exited with code {server.returncode} before it was ready")
        try:
            if all(httpx.get(f"{url}/readyz", timeout=2).status_code == 200 for _ in range(checks)):
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"the API was not ready within {timeout_s:.0f} s")


def run_level(url: str, token: str, clients: int, requests: int, timeout_s: float) -> Level:
    """``requests`` asks spread over ``clients`` threads, each with its own keep-alive connection."""
    questions = itertools.cycle(QUESTIONS)
    lock = threading.Lock()
    latencies: list[float] = []
    errors: dict[str, int] = {}
    local = threading.local()

    def one(question: str) -> None:
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(
                base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=timeout_s
            )
        started = time.perf_counter()
        try:
            response = client.post("/v1/ask", json={"question": question})
            outcome = (
                "ok"
                if response.status_code == 200 and response.json().get("answer")
                else (f"HTTP {response.status_code}")
            )
        except httpx.HTTPError as exc:
            outcome = type(exc).__name__
        elapsed_ms = (time.perf_counter() - started) * 1000
        with lock:
            if outcome == "ok":
                latencies.append(elapsed_ms)
            else:
                errors[outcome] = errors.get(outcome, 0) + 1

    batch = [next(questions) for _ in range(requests)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients, thread_name_prefix="client") as pool:
        list(pool.map(one, batch))
    return Level(clients, requests, time.perf_counter() - started, latencies, errors)


def report(level: Level) -> str:
    done = len(level.latencies_ms)
    figures = "no successful request"
    if done:
        p50, p95, p99 = (percentile(level.latencies_ms, q) for q in (50, 95, 99))
        figures = f"p50 {p50:7.0f} ms  p95 {p95:7.0f} ms  p99 {p99:7.0f} ms"
    errors = ", ".join(f"{name}: {count}" for name, count in sorted(level.errors.items())) or "0"
    cores, cpu_ms = level.server_cpu_s / level.seconds, 1000 * level.server_cpu_s / max(1, done)
    cpu = f"server CPU {cores:4.2f} cores, {cpu_ms:4.0f} ms/answer"
    return (
        f"{level.clients:>3} clients  {level.requests:>4} requests  {level.seconds:7.1f} s  "
        f"{done / level.seconds:6.2f} req/s  {figures}  errors {errors}  {cpu}  load {level.load_average:.1f}"
    )


def server_cpu_s(server: subprocess.Popen[Any]) -> float:
    """CPU time (user + system) the server and its workers have used so far."""
    processes = [psutil.Process(server.pid), *psutil.Process(server.pid).children(recursive=True)]
    return sum(sum(p.cpu_times()[:2]) for p in processes)


def worker_rss_mb(server: subprocess.Popen[Any]) -> list[float]:
    """Resident memory of each serving process: the server itself with one worker, else its workers
    (its children but multiprocessing's resource tracker)."""
    parent = psutil.Process(server.pid)
    workers = [c for c in parent.children() if "resource_tracker" not in " ".join(c.cmdline())]
    return [round(p.memory_info().rss / 2**20) for p in workers or [parent]]


def run_workers(
    workers: int, settings: Settings, levels: list[int], args: argparse.Namespace
) -> tuple[list[Level], list[float]]:
    """Start a server with ``workers`` workers, warm it up, run every level; the levels and workers' RSS."""
    with tempfile.TemporaryDirectory(prefix="gouvernail-load-") as tmp:
        database_url = seeded_database(settings, Path(tmp))
        assert database_url is not None
        token = KeyStore(make_engine(database_url)).create("staff", "bench-load")[1]
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log_path = Path(tmp) / "server.log"
        server = start_server(port, database_url, 10_000_000, log_path, workers=workers)
        try:
            started = time.perf_counter()
            wait_ready(url, server, timeout_s=300, checks=4 * workers)
            print(f"{workers} worker(s) ready on {url} in {time.perf_counter() - started:.1f} s", flush=True)
            run_level(url, token, 2 * workers, args.warmup * workers, args.timeout)
            results = []
            for clients in levels:
                cpu_before = server_cpu_s(server)
                results.append(run_level(url, token, clients, args.requests, args.timeout))
                results[-1].server_cpu_s = server_cpu_s(server) - cpu_before
                results[-1].load_average = os.getloadavg()[0]
                print(f"  {workers} worker(s) " + report(results[-1]), flush=True)
            rss = worker_rss_mb(server)
        except Exception:
            print(log_path.read_text(encoding="utf-8", errors="replace")[-4000:], file=sys.stderr)
            raise
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    print(f"  {workers} worker(s) RSS per worker: {', '.join(f'{mb:.0f} MB' for mb in rss)}", flush=True)
    return results, rss


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--levels", default="1,4,16,32", help="concurrent clients per level (default 1,4,16,32)"
    )
    parser.add_argument("--workers", default="1,2", help="worker counts to compare (default 1,2)")
    parser.add_argument("--requests", type=int, default=80, help="requests per level (default 80)")
    parser.add_argument(
        "--warmup",
        type=int,
        default=len(QUESTIONS),
        help="unmeasured requests per worker first (default: each question once)",
    )
    parser.add_argument("--timeout", type=float, default=120, help="per-request timeout in s (default 120)")
    args = parser.parse_args(argv)
    levels = [int(part) for part in args.levels.split(",") if part.strip()]
    worker_counts = [int(part) for part in args.workers.split(",") if part.strip()]

    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    if open_index_state(settings).manifests.latest_revision() is None:
        print(f"no index in {settings.state_database_url}: run `make index` first", file=sys.stderr)
        return 2
    print("offline extractive answers; levels of clients: " + ", ".join(map(str, levels)))
    runs = {workers: run_workers(workers, settings, levels, args)[0] for workers in worker_counts}
    throughput = {w: {lvl.clients: len(lvl.latencies_ms) / lvl.seconds for lvl in r} for w, r in runs.items()}
    if 1 in throughput and len(throughput) > 1 and 16 in levels:
        most = max(throughput)
        ratio = throughput[most][16] / throughput[1][16]
        print(f"req/s at 16 clients: {most} workers / 1 worker = {ratio:.2f} (target >= 1.7)")
    return 1 if any(results[-1].error_count for results in runs.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
