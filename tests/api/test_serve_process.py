"""`gouvernail serve` as deployed: a real process, its logs, and SIGTERM while a stream is open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from openai_stub import StubBehaviour, openai_stub

from api.keys import KeyStore
from database.engine import make_engine
from eval.benchmarks.load import free_port, wait_ready
from tests.api.conftest import copy_api_data
from tests.conftest import REPO

GOUVERNAIL = str(Path(sys.executable).with_name("gouvernail"))


def test_sigterm_with_an_open_stream_stops_cleanly_and_logs_hold_no_query_text(api_data, tmp_path) -> None:
    settings = copy_api_data(api_data, tmp_path)
    token = KeyStore(make_engine(settings.state_database_url)).create("staff", "serve test")[1]
    port = free_port()
    with openai_stub(
        StubBehaviour(reply="La charte est validée par le comité IA [1]. " * 20, piece_delay_s=5)
    ) as stub:
        env = os.environ | {
            "GOUVERNAIL_CORPUS_DIR": str(settings.corpus_dir),
            "GOUVERNAIL_DATA_DIR": str(settings.data_dir),
            "GOUVERNAIL_LLM_BASE_URL": stub.url,
            "GOUVERNAIL_LLM_MODEL": "stub",
            "PYTHONPATH": str(REPO),
        }
        process = subprocess.Popen(
            [GOUVERNAIL, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_ready(url, process, timeout_s=180)
            auth = {"Authorization": f"Bearer {token}"}
            prompts = httpx.get(f"{url}/v1/prompts", params={"q": "jean.dupont@example.com"}, headers=auth)
            assert prompts.status_code == 200
            asked = httpx.post(
                f"{url}/v1/ask", json={"question": "Qui valide la charte ?"}, headers=auth, timeout=60
            )
            assert asked.status_code == 200
            with httpx.Client(timeout=30) as client:
                body = {
                    "messages": [{"role": "user", "content": "Qui valide la charte éthique ?"}],
                    "stream": True,
                }
                request = client.build_request("POST", f"{url}/v1/chat/completions", json=body, headers=auth)
                response = client.send(request, stream=True)
                next(response.iter_lines())  # the stream is open, the LLM slow
                stopping = time.monotonic()
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=15)
                stopped_in = time.monotonic() - stopping
                response.close()
        finally:
            if process.poll() is None:
                process.kill()
            output = process.communicate(timeout=10)[0]
    assert stopped_in < 10, output
    assert "jean.dupont" not in output and "example.com" not in output
    assert 'GET /v1/prompts HTTP/1.1" 200' in output
    answer_lines = [line for line in output.splitlines() if " gouvernail.api answer " in line]
    assert answer_lines and "key=key_" in answer_lines[0] and "route=/v1/ask" in answer_lines[0]
    assert "Qui valide" not in "\n".join(answer_lines)
    assert "Traceback" not in output
