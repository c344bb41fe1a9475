"""Calibrate the abstention thresholds on the golden set: ``python -m eval.calibrate_abstention``.

For every question that reaches retrieval (injections excluded) it computes the evidence the assistant
uses, then grid-searches the support weight and the thresholds that maximise min(precision, recall)
of abstention, breaking ties by the widest margin between the two classes. Questions refused for a
missing kind of value (an amount, a date…) abstain whatever the thresholds.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from assistant.factory import build_assistant
from assistant.language import detect_language
from assistant.service import missing_answer_type, support
from eval.golden import load_golden
from guardrails.pii import strip_placeholders
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings


@dataclass(frozen=True)
class Case:
    id: str
    must_abstain: bool
    french: bool
    dense: float
    support: float
    typed_out: bool  # abstains whatever the thresholds


def _rates(cases: list[Case], abstains: dict[str, bool]) -> tuple[float, float]:
    chosen = {c.id for c in cases if abstains[c.id]}
    should = {c.id for c in cases if c.must_abstain}
    precision = len(chosen & should) / len(chosen) if chosen else 0.0
    return precision, len(chosen & should) / len(should) if should else 1.0


def _midpoints(values: list[float]) -> list[float]:
    ordered = sorted(set(values))
    return [(lo + hi) / 2 for lo, hi in itertools.pairwise(ordered)]


def _abstains(cases: list[Case], weight: float, fr: float, cross: float) -> dict[str, bool]:
    return {
        c.id: c.typed_out or (c.dense + weight * c.support < fr if c.french else c.dense < cross)
        for c in cases
    }


def calibrate(cases: list[Case]) -> tuple[float, float, float]:
    """(support weight, French threshold, cross-lingual threshold) with the best min(precision, recall),
    then the best precision + recall, then the widest margin to the nearest question."""
    best_key: tuple[float, float, float] | None = None
    best = (0.0, 0.0, 0.0)
    crosses = _midpoints([c.dense for c in cases if not c.french])
    for weight in [w / 20 for w in range(11)]:
        scores = {c.id: c.dense + weight * c.support for c in cases if c.french}
        for fr in _midpoints(list(scores.values())):
            for cross in crosses:
                precision, recall = _rates(cases, _abstains(cases, weight, fr, cross))
                margin = min(
                    min(abs(s - fr) for s in scores.values()),
                    min(abs(c.dense - cross) for c in cases if not c.french),
                )
                key = (min(precision, recall), precision + recall, margin)
                if best_key is None or key > best_key:
                    best_key, best = key, (weight, fr, cross)
    return best


def main() -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    assistant = build_assistant(settings)
    cases = []
    for item in load_golden():
        if item.category == "injection":
            continue
        query = strip_placeholders(assistant.guardrails.screen_question(item.question).masked_text)
        hits = assistant.retriever.retrieve(query, k=settings.top_k)
        cases.append(
            Case(
                item.id,
                item.must_abstain,
                detect_language(query) == "fr",
                max((h.dense or 0.0) for h in hits),
                support(query, hits[:3], assistant.retriever.idf),
                missing_answer_type(query, [h.chunk.text for h in hits[:3]]),
            )
        )
    weight, fr, cross = calibrate(cases)
    precision, recall = _rates(cases, _abstains(cases, weight, fr, cross))
    print(f"{len(cases)} questions, {sum(c.must_abstain for c in cases)} must abstain")
    print(f"GOUVERNAIL_ABSTAIN_SUPPORT_WEIGHT={weight:.2f}")
    print(f"GOUVERNAIL_ABSTAIN_MIN_EVIDENCE={fr:.4f}")
    print(f"GOUVERNAIL_ABSTAIN_MIN_DENSE_CROSS_LINGUAL={cross:.4f}")
    print(f"abstention precision {precision:.3f}  recall {recall:.3f}")


if __name__ == "__main__":
    main()
