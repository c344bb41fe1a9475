"""Calibrate the abstention thresholds: ``python -m eval.calibrate_abstention``.

On the golden set (fitted on) and the blind development sets (tuned on; never the fresh set), for every
question that reaches retrieval (injections excluded) it computes the evidence the assistant uses, then
grid-searches the support weight and the thresholds that abstain on the most must-abstain questions
while false abstentions stay within ``MAX_FALSE_ABSTENTIONS`` of the answerable questions of every set,
breaking ties by the widest margin to the nearest question. Questions refused for a missing kind of
value (an amount, a date…) abstain whatever the thresholds; questions the structure records answer
never abstain on evidence.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.abstention import cannot_answer, support
from assistant.factory import build_assistant
from assistant.language import detect_language
from assistant.service import Assistant
from eval.golden import GOLDEN, load_golden
from guardrails.pii import strip_placeholders
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

DATASETS = GOLDEN.parent
CALIBRATION_SETS = (
    GOLDEN,
    DATASETS / "qa_blind_dev.jsonl",
    DATASETS / "qa_blind_dev2.jsonl",
    DATASETS / "qa_blind_dev3.jsonl",
    DATASETS / "qa_blind_dev4.jsonl",
    DATASETS / "qa_blind_dev5.jsonl",
    DATASETS / "qa_blind_dev6.jsonl",
    DATASETS / "qa_blind_dev7.jsonl",
)
MAX_FALSE_ABSTENTIONS = 0.03  # share of the answerable questions


@dataclass(frozen=True)
class Case:
    set: str
    id: str
    must_abstain: bool
    french: bool
    dense: float
    support: float
    typed_out: bool  # abstains whatever the thresholds
    structured: bool  # answered from the structure records: never abstains on evidence


def _abstains(cases: Sequence[Case], weight: float, fr: float, cross: float) -> dict[tuple[str, str], bool]:
    return {
        (c.set, c.id): c.typed_out
        or (not c.structured and (c.dense + weight * c.support < fr if c.french else c.dense < cross))
        for c in cases
    }


def _rates(cases: Sequence[Case], abstains: dict[tuple[str, str], bool]) -> tuple[float, float, float]:
    """(precision, recall, false-abstention rate over the answerable questions of every set)."""
    chosen = {k for k, v in abstains.items() if v}
    should = {(c.set, c.id) for c in cases if c.must_abstain}
    precision = len(chosen & should) / len(chosen) if chosen else 0.0
    recall = len(chosen & should) / len(should) if should else 1.0
    answerable = [(c.set, c.id) for c in cases if not c.must_abstain]
    return precision, recall, sum(abstains[k] for k in answerable) / max(len(answerable), 1)


def per_set(
    cases: Sequence[Case], abstains: dict[tuple[str, str], bool]
) -> dict[str, tuple[int, int, int, int]]:
    """Per set: (must-abstain caught, must-abstain, answerable abstained on, answerable)."""
    counts = {}
    for name in dict.fromkeys(c.set for c in cases):
        mine = [c for c in cases if c.set == name]
        should = [c for c in mine if c.must_abstain]
        answerable = [c for c in mine if not c.must_abstain]
        counts[name] = (
            sum(abstains[(c.set, c.id)] for c in should), len(should),
            sum(abstains[(c.set, c.id)] for c in answerable), len(answerable),
        )  # fmt: skip
    return counts


def _midpoints(values: list[float]) -> list[float]:
    ordered = sorted(set(values))
    return [(lo + hi) / 2 for lo, hi in itertools.pairwise(ordered)]


def calibrate(cases: Sequence[Case]) -> tuple[float, float, float]:
    """(support weight, French threshold, cross-lingual threshold): the best recall with false
    abstentions within bounds (over the answerable questions of all the sets together: a per-set bound on
    sets of 80 questions moves with one question), then the best precision, then the widest margin."""
    best_key: tuple[float, float, float] | None = None
    best = (0.0, 0.0, 0.0)
    crosses = _midpoints([c.dense for c in cases if not c.french])
    for weight in [w / 20 for w in range(11)]:
        scores = [c.dense + weight * c.support for c in cases if c.french]
        for fr in _midpoints(scores):
            for cross in crosses:
                precision, recall, false_rate = _rates(cases, _abstains(cases, weight, fr, cross))
                if false_rate > MAX_FALSE_ABSTENTIONS:
                    continue
                margin = min(
                    min(abs(s - fr) for s in scores),
                    min(abs(c.dense - cross) for c in cases if not c.french),
                )
                key = (recall, precision, margin)
                if best_key is None or key > best_key:
                    best_key, best = key, (weight, fr, cross)
    return best


def cases_of(assistant: Assistant, dataset: Path, top_k: int) -> list[Case]:
    """The evidence of each question of ``dataset`` that reaches retrieval."""
    cases = []
    for item in load_golden(dataset):
        if item.category == "injection":
            continue
        query = strip_placeholders(assistant.guardrails.screen_question(item.question).masked_text)
        lang = detect_language(query)
        hits, candidates = assistant.retriever.retrieve_with_candidates(query, k=top_k)
        structured = assistant.read_structure(query, lang, hits, candidates)
        cases.append(
            Case(
                dataset.stem,
                item.id,
                item.must_abstain,
                lang == "fr",
                max((h.dense or 0.0) for h in candidates) if candidates else 0.0,
                support(query, hits[:3], assistant.retriever.idf),
                cannot_answer(query, [h.chunk.text for h in hits[:3]], assistant.retriever.knows),
                structured is not None,
            )
        )
    return cases


def main() -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    assistant = build_assistant(settings)
    cases = [case for dataset in CALIBRATION_SETS for case in cases_of(assistant, dataset, settings.top_k)]
    weight, fr, cross = calibrate(cases)
    abstains = _abstains(cases, weight, fr, cross)
    precision, recall, false_rate = _rates(cases, abstains)
    print(f"{len(cases)} questions, {sum(c.must_abstain for c in cases)} must abstain")
    print(f"GOUVERNAIL_ABSTAIN_SUPPORT_WEIGHT={weight:.2f}")
    print(f"GOUVERNAIL_ABSTAIN_MIN_EVIDENCE={fr:.4f}")
    print(f"GOUVERNAIL_ABSTAIN_MIN_DENSE_CROSS_LINGUAL={cross:.4f}")
    print(
        f"abstention precision {precision:.3f}  recall {recall:.3f}  false-abstention rate {false_rate:.3f}"
    )
    for name, (caught, should, wrong, answerable) in per_set(cases, abstains).items():
        print(f"  {name}: must-abstain caught {caught}/{should}, false abstentions {wrong}/{answerable}")


if __name__ == "__main__":
    main()
