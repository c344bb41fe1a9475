"""Token buckets in the state database: one key's limit holds across limiters (workers, replicas)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from api.rate_limit import RateLimiter
from database.engine import make_engine
from tests.conftest import reset_database


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.db'}"
    url = os.environ.get("GOUVERNAIL_TEST_DATABASE_URL")
    if not url:
        pytest.skip("GOUVERNAIL_TEST_DATABASE_URL is not set (.ci/run sets it)")
    reset_database(url)
    return url


def test_a_bucket_refills_at_its_rate_and_says_when(database_url) -> None:
    clock = Clock()
    limiter = RateLimiter(make_engine(database_url), per_minute=6, clock=clock)  # a token every 10 s
    assert [limiter.take("key_a") for _ in range(6)] == [None] * 6
    assert limiter.take("key_a") == 10
    assert limiter.take("key_b") is None  # per key
    clock.now += 4
    assert limiter.take("key_a") == 6
    clock.now += 6
    assert limiter.take("key_a") is None and limiter.take("key_a") == 10
    clock.now += 3600
    assert [limiter.take("key_a") for _ in range(7)].count(None) == 6  # bursts never exceed the limit


def test_two_limiters_on_one_database_share_a_key_exactly(database_url) -> None:
    clock = Clock()
    workers = [RateLimiter(make_engine(database_url), per_minute=25, clock=clock) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(lambda i: workers[i % 2].take("key_shared"), range(100)))
    assert outcomes.count(None) == 25


def test_a_clock_behind_the_bucket_spends_no_extra_tokens(database_url) -> None:
    ahead, behind = Clock(), Clock()
    behind.now -= 30  # another replica's clock, 30 s late
    engine = make_engine(database_url)
    first, second = RateLimiter(engine, 2, clock=ahead), RateLimiter(engine, 2, clock=behind)
    assert first.take("key_c") is None and second.take("key_c") is None
    assert first.take("key_c") is not None and second.take("key_c") is not None
