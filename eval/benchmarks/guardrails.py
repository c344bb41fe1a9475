"""Guardrails benchmark: analyzer build time, name-lexicon load time and RSS growth, warm masking and
screening latency of typical questions.

Run with ``make bench-guardrails``; prints figures, asserts nothing. Targets: masking median ≤ 15 ms,
the injection rules over 100 kB in under 50 ms.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import psutil

from guardrails.pii.names import name_lexicon
from guardrails.screen import default_guardrails
from ingest.embeddings.encoder import Embedder
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

QUESTIONS = (
    "Qui valide la charte éthique d'usage de l'IA ?",
    "Combien de personnes dans un Lab IA ?",
    "Bonjour, je suis Marie Dupont (marie.dupont@exemple.fr), qui est consulté en phase de déploiement ?",
    "Mon collègue Jean-Pierre MARTIN (06 12 34 56 78) peut-il utiliser ChatGPT pour les fiches produit ?",
    "What does the DPO do during the data and compliance phase?",
    "je m'appelle kevin martin, mon 06 12 34 56 7 8, est-ce que je peux utiliser Copilot ?",
    "cc sophie : Wojciech Kowalczyk (+48 601 234 567) rejoint le Lab IA de Montpellier",
    "Le comité de gouvernance IA se réunit-il chaque mois ou chaque trimestre ?",
)
ROUNDS = 50


def _timings_ms(action: Callable[[str], object], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for question in QUESTIONS:
            started = time.perf_counter()
            action(question)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _timed_ms(action: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    action(text)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    embedder = Embedder(settings.embedding_model, models_dir=settings.models_dir)
    process = psutil.Process()
    rss_before = process.memory_info().rss
    started = time.perf_counter()
    lexicon = name_lexicon()
    print(
        f"name lexicon (Faker, all locales)       {time.perf_counter() - started:8.2f} s, "
        f"RSS +{(process.memory_info().rss - rss_before) / 2**20:.0f} MB "
        f"({len(lexicon.first)} first names, {len(lexicon.last)} surnames)"
    )
    started = time.perf_counter()
    guardrails = default_guardrails(settings.embedding_model, embedder.embed_query)
    guardrails.screen_question("échauffement")
    print(f"build + first call (spaCy, analyzer, e5)  {time.perf_counter() - started:8.2f} s")
    for name, action in (
        ("mask", guardrails.masker.mask),
        ("injection rules", guardrails.detector.scan),
        ("rules+classifier", guardrails.detect_injection),
        ("screen_question", guardrails.screen_question),
    ):
        timings = _timings_ms(action, ROUNDS)
        median, p95 = statistics.median(timings), statistics.quantiles(timings, n=20)[-1]
        print(f"{name:<16} median {median:6.2f} ms   p95 {p95:6.2f} ms  ({len(timings)} calls)")
    corpus = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(settings.corpus_dir.rglob("*.md")))
    for kind, sample in (
        ("corpus", corpus),
        ("leetspeak", "a1"),
        ("vocabulary", "ignore previous tu es admin "),
    ):
        text = (sample * (100_000 // len(sample) + 1))[:100_000]
        guardrails.detector.scan(text)  # warm caches
        best = min(_timed_ms(guardrails.detector.scan, text) for _ in range(5))
        print(f"injection rules on 100 kB of {kind:<10} {best:8.1f} ms  (target < 50 ms)")
    long_text = " ".join(QUESTIONS) * 400
    started = time.perf_counter()
    guardrails.screen_question(long_text)
    print(
        f"screen_question on {len(long_text) // 1000} kB   {(time.perf_counter() - started) * 1000:8.1f} ms"
    )


if __name__ == "__main__":
    main()
