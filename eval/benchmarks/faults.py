"""Fault benchmark of the HTTP API: normal load alone, then the same load while it is abused.

Run with ``make bench-faults``. Starts ``gouvernail serve`` (offline default, the real index in ``var/``,
a temporary SQLite audit log) on a free loopback port. Phase 1: ``--clients`` normal clients ask for
``--seconds``. Phase 2: the same load while 20 streamed answers are abandoned after their first event,
200 malformed or oversized requests are sent, and 20 connections trickle their headers. Prints the normal
answers' figures in both phases and what the abuse got back; exits 1 on any 5xx, any traceback in a
response, or a phase-2 p95 over twice phase 1's. Every request goes to 127.0.0.1 and every loop is bounded.
"""

from __future__ import annotations

import argparse
import itertools
import json
import select
import socket
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.keys import KeyStore
from database.engine import make_engine
from eval.benchmarks.load import QUESTIONS, free_port, percentile, seeded_database, start_server, wait_ready
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings


@dataclass
class Tally:
    """What came back, thread-safe."""

    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    tracebacks: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, status: str, body: str = "", latency_ms: float | None = None) -> None:
        with self.lock:
            self.statuses[status] += 1
            self.tracebacks += "Traceback" in body
            if latency_ms is not None:
                self.latencies_ms.append(latency_ms)

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status.startswith("5"))


def normal_load(url: str, token: str, clients: int, seconds: float, tally: Tally) -> None:
    """``clients`` threads asking questions on keep-alive connections until ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    questions = itertools.cycle(QUESTIONS)
    lock = threading.Lock()

    def client_loop(_: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
            while time.monotonic() < deadline:
                with lock:
                    question = next(questions)
                started = time.perf_counter()
                try:
                    response = client.post("/v1/ask", json={"question": question})
                except httpx.HTTPError as exc:
                    tally.add(type(exc).__name__)
                    continue
                ok = response.status_code == 200
                latency = (time.perf_counter() - started) * 1000 if ok else None
                tally.add(str(response.status_code), response.text, latency)

    with ThreadPoolExecutor(clients, thread_name_prefix="normal") as pool:
        list(pool.map(client_loop, range(clients)))


def abandoned_streams(url: str, token: str, count: int, tally: Tally) -> None:
    """Streamed answers whose client hangs up after the first event."""
    body = {"messages": [{"role": "user", "content": QUESTIONS[0]}], "stream": True}
    for _ in range(count):
        with httpx.Client(timeout=60) as client:
            request = client.build_request(
                "POST", f"{url}/v1/chat/completions", json=body, headers={"Authorization": f"Bearer {token}"}
            )
            response = client.send(request, stream=True)
            tally.add(str(response.status_code))
            next(response.iter_lines(), None)
            response.close()


def malformed_requests(url: str, token: str, count: int, tally: Tally) -> None:
    """Bad JSON, wrong types, oversized bodies and histories, out-of-range paging, unknown routes."""
    auth = {"Authorization": f"Bearer {token}"}
    json_type = {"content-type": "application/json"}
    shapes: list[Callable[[httpx.Client], httpx.Response]] = [
        lambda c: c.post("/v1/ask", content=b'{"question": ', headers=auth | json_type),
        lambda c: c.post("/v1/ask", json={"question": 42, "k": "x"}, headers=auth),
        lambda c: c.post("/v1/ask", content=b"x" * 200_000, headers=auth | json_type),
        lambda c: c.post("/v1/ask", json={"question": "a" * 5000}, headers=auth),
        lambda c: c.post(
            "/v1/ask",
            json={"question": "ok ?", "history": [{"question": "q" * 9000, "answer": "a"}]},
            headers=auth,
        ),
        lambda c: c.post("/v1/chat/completions", json={"messages": []}, headers=auth),
        lambda c: c.post(
            "/v1/chat/completions", json={"messages": [{"role": "bot", "content": 1}]}, headers=auth
        ),
        lambda c: c.get("/v1/audit", params={"offset": 2**63}, headers=auth),
        lambda c: c.get("/v1/passages/%00..%2F..%2Fetc%2Fpasswd", headers=auth),
        lambda c: c.post("/v1/feedback", json={"answer_id": "nope", "rating": "meh"}, headers=auth),
        lambda c: c.post("/v1/ask", json={"question": "ok ?"}, headers={"Authorization": "Bearer gv_forged"}),
        lambda c: c.request("PATCH", "/v1/ask", headers=auth),
    ]
    with httpx.Client(base_url=url, timeout=60) as client:
        for shape in itertools.islice(itertools.cycle(shapes), count):
            try:
                response = shape(client)
            except httpx.HTTPError as exc:
                tally.add(type(exc).__name__)
                continue
            tally.add(str(response.status_code), response.text)


def slow_headers(url: str, count: int, tally: Tally) -> None:
    """Connections that send a request head one byte every second (slowloris), each for at most 30 s."""
    host, port = url.removeprefix("http://").split(":")
    head = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 40

    def one(_: int) -> None:
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            started = time.monotonic()
            try:
                for byte in head:
                    sock.sendall(bytes([byte]))
                    readable = select.select([sock], [], [], 1.0)[0]  # a byte a second, until it speaks
                    if readable or time.monotonic() - started > 30:
                        break
            except OSError:
                pass
            try:
                reply = sock.recv(4096)
            except OSError:
                reply = b""
        status = reply.split(b" ", 2)[1].decode() if reply.startswith(b"HTTP/") else "closed"
        tally.add(status, reply.decode(errors="replace"))

    with ThreadPoolExecutor(count, thread_name_prefix="slow") as pool:
        list(pool.map(one, range(count)))


def summary(name: str, tally: Tally, seconds: float) -> str:
    done = len(tally.latencies_ms)
    if not done:
        return f"{name}: no successful answer"
    p50, p95, p99 = (percentile(tally.latencies_ms, q) for q in (50, 95, 99))
    statuses = dict(sorted(tally.statuses.items()))
    return (
        f"{name}: {done} answers in {seconds:.0f} s ({done / seconds:.1f} req/s)  p50 {p50:.0f} ms  "
        f"p95 {p95:.0f} ms  p99 {p99:.0f} ms  statuses {json.dumps(statuses)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=16, help="normal clients (default 16)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each phase in s (default 20)")
    args = parser.parse_args(argv)

    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    with tempfile.TemporaryDirectory(prefix="gouvernail-faults-") as tmp:
        database_url = seeded_database(settings, Path(tmp))
        if database_url is None:
            print(f"no index in {settings.state_database_url}: run `make index` first", file=sys.stderr)
            return 2
        token = KeyStore(make_engine(database_url)).create("dpo", "bench-faults")[1]
        url = f"http://127.0.0.1:{free_port()}"
        log_path = Path(tmp) / "server.log"
        server = start_server(
            int(url.rsplit(":", 1)[1]), database_url, rate_limit=10_000_000, log_path=log_path
        )
        try:
            wait_ready(url, server, timeout_s=300)
            normal_load(url, token, 2, 5, Tally())  # warm-up
            calm = Tally()
            normal_load(url, token, args.clients, args.seconds, calm)
            print(summary("normal load alone      ", calm, args.seconds), flush=True)
            loaded, abuse = Tally(), Tally()
            attacks = [
                threading.Thread(target=abandoned_streams, args=(url, token, 20, abuse)),
                threading.Thread(target=malformed_requests, args=(url, token, 200, abuse)),
                threading.Thread(target=slow_headers, args=(url, 20, abuse)),
            ]
            for attack in attacks:
                attack.start()
            normal_load(url, token, args.clients, args.seconds, loaded)
            for attack in attacks:
                attack.join(timeout=120)
            print(summary("normal load under abuse", loaded, args.seconds), flush=True)
            print(f"abuse: statuses {json.dumps(dict(sorted(abuse.statuses.items())))}")
            log = log_path.read_text(encoding="utf-8", errors="replace")
        finally:
            server.terminate()
            server.wait(timeout=30)
    server_errors = calm.server_errors + loaded.server_errors + abuse.server_errors
    tracebacks = calm.tracebacks + loaded.tracebacks + abuse.tracebacks
    ratio = percentile(loaded.latencies_ms, 95) / percentile(calm.latencies_ms, 95)
    print(
        f"5xx responses: {server_errors}  tracebacks in responses: {tracebacks}  "
        f"tracebacks in the server log: {log.count('Traceback')}  p95 under abuse / alone: {ratio:.2f}"
    )
    return 1 if server_errors or tracebacks or ratio > 2 else 0


if __name__ == "__main__":
    sys.exit(main())
