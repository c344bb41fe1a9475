"""Answer behaviour: abstention precision and recall, citation validity, latency percentiles."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from pathlib import Path

from eval.metrics.types import FamilyResult, MetricValue, QuestionRecord

FAMILY = "answers"


def percentile(values: Sequence[float], q: int) -> float:
    """The q-th percentile (statistics' exclusive method); NaN when there is no value."""
    if not values:
        return math.nan
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100)[q - 1]


def abstention_metrics(records: Sequence[QuestionRecord]) -> FamilyResult:
    """Precision and recall of abstaining, where the golden set says it must. Questions refused by the
    injection guard are left out (the injection figures measure them)."""
    result = FamilyResult()
    records = [r for r in records if not r.blocked]
    abstained = {r.id for r in records if r.abstained}
    should = {r.id for r in records if r.must_abstain}
    precision = len(abstained & should) / len(abstained) if abstained else math.nan
    recall = len(abstained & should) / len(should) if should else math.nan
    for record in records:
        result.add_question(record.id, "abstained", float(record.id in abstained))
    result.metrics += [
        MetricValue(
            "abstention_precision",
            precision,
            "higher",
            FAMILY,
            len(abstained),
            0,
            "share of abstentions that were expected",
        ),
        MetricValue(
            "abstention_recall",
            recall,
            "higher",
            FAMILY,
            len(should),
            0,
            "share of out-of-corpus questions the assistant declined",
        ),
    ]
    return result


def citation_validity(records: Sequence[QuestionRecord], corpus_dir: Path) -> FamilyResult:
    """Share of citation quotes that are exact substrings of their file at their offsets."""
    result = FamilyResult()
    texts: dict[str, str | None] = {}
    total = exact = 0
    for record in records:
        if not record.citations:
            continue
        good = 0
        for citation in record.citations:
            if citation.source not in texts:
                path = corpus_dir / citation.source
                texts[citation.source] = path.read_text(encoding="utf-8") if path.is_file() else None
            text = texts[citation.source]
            good += text is not None and text[citation.start : citation.end] == citation.quote
        total += len(record.citations)
        exact += good
        result.add_question(record.id, "citation_validity", good / len(record.citations))
    value = exact / total if total else math.nan
    result.metrics.append(
        MetricValue("citation_validity", value, "higher", FAMILY, total, 0, "quotes exact substrings")
    )
    return result


def latency_metrics(records: Sequence[QuestionRecord]) -> FamilyResult:
    """p50 and p95 of the end-to-end answer time (ms)."""
    result = FamilyResult()
    values = [r.latency_ms for r in records]
    for record in records:
        result.add_question(record.id, "latency_ms", record.latency_ms)
    result.metrics += [
        MetricValue("latency_p50_ms", percentile(values, 50), "lower", FAMILY, len(values)),
        MetricValue("latency_p95_ms", percentile(values, 95), "lower", FAMILY, len(values)),
    ]
    return result
