"""Limits and failures: body and question caps, rate limit, malformed JSON, LLM failures, crashes."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
from openai_stub import StubBehaviour, openai_stub

from assistant.retrieval.hybrid import HybridRetriever

QUESTION = "Qui valide la charte éthique ?"


def post(api, path: str, who: str = "staff", **kwargs) -> httpx.Response:
    return httpx.post(
        f"{api.url}{path}", headers=api.auth(who) | kwargs.pop("headers", {}), timeout=60, **kwargs
    )


def assert_error(response: httpx.Response, status: int, reason_part: str) -> None:
    assert response.status_code == status, response.text
    payload = response.json()
    assert set(payload) == {"error", "reason"} and reason_part in payload["reason"]
    assert "Traceback" not in response.text


def test_oversized_body_is_413_by_length_and_when_streamed(api) -> None:
    big = {"question": QUESTION, "history": [{"question": "x" * 10000, "answer": "y" * 10000}] * 4}
    assert_error(post(api, "/v1/ask", json=big), 413, "larger than 65536 bytes")

    def chunks() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
        yield b'{"question": "'
        for _ in range(70):
            yield b"a" * 1024
        yield b'"}'

    streamed = post(api, "/v1/ask", content=chunks(), headers={"content-type": "application/json"})
    assert_error(streamed, 413, "larger than")


def test_malformed_json_and_bad_fields_are_422_with_a_reason(api) -> None:
    headers = {"content-type": "application/json"}
    assert_error(post(api, "/v1/ask", content=b'{"question": ', headers=headers), 422, "invalid JSON body")
    assert_error(post(api, "/v1/ask", json={"question": QUESTION, "k": 99}), 422, "k: Input should be less")
    assert_error(post(api, "/v1/ask", json={}), 422, "question: Field required")
    chat = {"messages": [{"role": "user", "content": "x" * 2001}]}
    assert_error(post(api, "/v1/chat/completions", json=chat), 422, "question too long: 2001 characters")
    assert_error(post(api, "/v1/ask", json={"question": "é" * 2001}), 422, "at most 2000")


def test_rate_limit_is_429_with_retry_after(start_api) -> None:
    api = start_api(rate_limit_per_minute=3)
    statuses = [httpx.get(f"{api.url}/v1/prompts", headers=api.auth("staff")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = httpx.get(f"{api.url}/v1/prompts", headers=api.auth("staff"))
    assert_error(limited, 429, "3 requests per minute")
    assert 1 <= int(limited.headers["retry-after"]) <= 20
    assert httpx.get(f"{api.url}/v1/prompts", headers=api.auth("dpo")).status_code == 200  # per key


def test_llm_timeout_and_error_fall_back_to_the_extractive_answer(start_api) -> None:
    with openai_stub(StubBehaviour(delay_s=5)) as stub:
        api = start_api(llm_base_url=stub.url, llm_model="gouvernail-stub", llm_timeout_s=1)
        slow = post(api, "/v1/ask", json={"question": QUESTION}).json()
        assert slow["mode"] == "llm_fallback" and slow["flags"][0].startswith("llm error")
        assert slow["citations"] and "[1]" in slow["answer"]
        stub.behaviour.delay_s, stub.behaviour.status = 0, 500
        failed = post(api, "/v1/chat/completions", json={"messages": [{"role": "user", "content": QUESTION}]})
        assert failed.status_code == 200 and failed.json()["mode"] == "llm_fallback"
        stub.behaviour.status = 200
        assert post(api, "/v1/ask", json={"question": QUESTION}).json()["mode"] == "llm"
        audit = httpx.get(f"{api.url}/v1/audit", params={"outcome": "fallback"}, headers=api.auth("dpo"))
        assert audit.json()["total"] == 2
        metrics = httpx.get(f"{api.url}/metrics").text
        assert "gouvernail_llm_fallbacks_total 2.0" in metrics


def test_a_crash_is_a_json_500_without_traceback(start_api, assistant_factory) -> None:
    class Broken(HybridRetriever):
        def retrieve_with_candidates(self, *args, **kwargs):
            raise RuntimeError("secret internals")

    def build(settings):
        assistant = assistant_factory(settings)
        assistant.retriever = Broken(assistant.retriever.searcher)
        return assistant

    api = start_api(factory=build)
    response = post(api, "/v1/ask", json={"question": QUESTION})
    assert_error(response, 500, "internal error")
    assert "secret internals" not in response.text
    body = {"messages": [{"role": "user", "content": QUESTION}], "stream": True}
    streamed = post(api, "/v1/chat/completions", json=body)
    assert '"error"' in streamed.text and "secret internals" not in streamed.text


def test_readyz_is_503_without_an_index(start_api, tmp_path) -> None:
    api = start_api(data_dir=tmp_path / "empty", index=False)
    response = httpx.get(f"{api.url}/readyz")
    assert response.status_code == 503 and "gouvernail reindex" in response.json()["reason"]
    assert httpx.get(f"{api.url}/healthz").status_code == 200
    assert_error(post(api, "/v1/ask", json={"question": QUESTION}), 503, "not ready")


def test_readyz_is_503_when_the_models_fail_to_load(start_api) -> None:
    def no_models(settings):
        raise OSError("model folder missing")

    api = start_api(factory=no_models)
    response = httpx.get(f"{api.url}/readyz")
    assert response.status_code == 503 and "model folder missing" in response.json()["reason"]
