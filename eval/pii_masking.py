"""PII masking quality on the synthetic French set, the blind sets, and PII-free sentences.

``python -m eval.pii_masking [--n 500] [--seed 2025]`` prints, for the synthetic set and each blind set,
recall per entity type and per locale, precision, and the share of PII-free sentences over-masked. A
gold span counts as found when a detection of the same type overlaps it; a detection is correct when it
overlaps a gold span of its type. Values are never printed.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eval.datasets.pii_blind import BLIND_SETS, FRESH_SET, available_blind_sets, load_blind_set
from eval.datasets.pii_synthetic import (
    ENTITIES,
    LabeledSentence,
    corpus_clean_sentences,
    generate_multilocale_sentences,
    generate_pii_sentences,
)
from guardrails.pii import PiiMasker, PiiSpan

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
RECALL_TARGETS = {"EMAIL": 0.99, "PHONE": 0.99, "IBAN": 0.99, "FR_NIR": 0.99, "CREDIT_CARD": 0.99, "IP": 0.99}
RECALL_TARGETS |= {"PERSON": 0.93}
MAX_FALSE_POSITIVE_RATE = 0.02


@dataclass
class EntityCounts:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0


@dataclass
class PiiReport:
    entities: dict[str, EntityCounts] = field(default_factory=dict)
    locales: dict[str, EntityCounts] = field(default_factory=dict)  # gold and found only
    clean_sentences: int = 0
    clean_flagged: int = 0
    leaked_spans: int = 0  # gold spans that no detection of any type overlaps

    @property
    def false_positive_rate(self) -> float:
        return self.clean_flagged / self.clean_sentences if self.clean_sentences else 0.0

    @property
    def recall(self) -> float:
        """Share of all gold spans found with their type."""
        gold = sum(c.gold for c in self.entities.values())
        return sum(c.found for c in self.entities.values()) / gold if gold else 1.0

    def failures(self) -> list[str]:
        """Targets missed, in words (empty when every target holds)."""
        out = [
            f"{entity} recall {self.entities[entity].recall:.3f} < {target}"
            for entity, target in RECALL_TARGETS.items()
            if entity in self.entities and self.entities[entity].recall < target
        ]
        if self.false_positive_rate > MAX_FALSE_POSITIVE_RATE:
            out.append(f"false-positive rate {self.false_positive_rate:.3f} > {MAX_FALSE_POSITIVE_RATE}")
        return out


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(masker: PiiMasker, labeled: Sequence[LabeledSentence], clean: Sequence[str]) -> PiiReport:
    """Run the masker's detection on both sets and count."""
    report = PiiReport(entities={e: EntityCounts() for e in ENTITIES})
    for sentence in labeled:
        predicted: list[PiiSpan] = masker.find(sentence.text)
        for gold in sentence.spans:
            counts = report.entities.setdefault(gold.entity, EntityCounts())
            by_locale = report.locales.setdefault(sentence.locale, EntityCounts())
            hits = [p for p in predicted if _overlaps(p.start, p.end, gold.start, gold.end)]
            found = any(p.entity == gold.entity for p in hits)
            counts.gold += 1
            counts.found += found
            by_locale.gold += 1
            by_locale.found += found
            report.leaked_spans += not hits
        for pred in predicted:
            counts = report.entities.setdefault(pred.entity, EntityCounts())
            counts.predicted += 1
            counts.correct += any(
                g.entity == pred.entity and _overlaps(g.start, g.end, pred.start, pred.end)
                for g in sentence.spans
            )
    report.clean_sentences = len(clean)
    report.clean_flagged = sum(bool(masker.find(text)) for text in clean)
    return report


def format_report(report: PiiReport, clean_label: str = "PII-free corpus sentences") -> str:
    lines = [f"{'entity':<12} {'gold':>5} {'recall':>7} {'precision':>9}  target"]
    for entity, counts in report.entities.items():
        if not counts.gold and not counts.predicted:
            continue
        target = RECALL_TARGETS.get(entity)
        lines.append(
            f"{entity:<12} {counts.gold:>5} {counts.recall:>7.3f} {counts.precision:>9.3f}"
            f"  {f'recall ≥ {target}' if target else ''}"
        )
    lines.append(f"{'all':<12} {sum(c.gold for c in report.entities.values()):>5} {report.recall:>7.3f}")
    lines.append(
        "recall per locale: "
        + ", ".join(f"{locale} {c.recall:.3f} ({c.gold})" for locale, c in sorted(report.locales.items()))
    )
    lines.append(
        f"{clean_label}: {report.clean_flagged}/{report.clean_sentences} flagged, "
        f"false-positive rate {report.false_positive_rate:.3f} (target ≤ {MAX_FALSE_POSITIVE_RATE})"
    )
    lines.append(f"gold spans left entirely unmasked: {report.leaked_spans}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=500, help="synthetic sentences")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    from guardrails.screen import default_guardrails

    masker = default_guardrails().masker
    print("== synthetic fr_FR set + PII-free corpus sentences")
    report = evaluate(
        masker,
        generate_pii_sentences(args.n, seed=args.seed),
        corpus_clean_sentences(CORPUS, seed=args.seed),
    )
    print(format_report(report))
    failures = report.failures()
    print("targets: " + ("all met" if not failures else "MISSED — " + "; ".join(failures)))
    print("\n== synthetic multi-locale set (names of 20 Faker locales, chat casing, mistyped check digits)")
    print(format_report(evaluate(masker, generate_multilocale_sentences(args.n, seed=args.seed), [])))
    present = available_blind_sets()
    for name in present:
        blind = load_blind_set(name)
        use = "report only, never tuned on" if name == FRESH_SET else "development: tuned on"
        print(
            f"\n== blind set '{name}' ({use}; {len(blind.labeled)} sentences with PII, "
            f"{len(blind.clean)} without)"
        )
        report = evaluate(masker, blind.labeled, blind.clean)
        print(format_report(report, "PII-free blind sentences"))
    if FRESH_SET not in present:
        print(
            f"\n== blind set '{FRESH_SET}': {BLIND_SETS[FRESH_SET].name} not written yet, nothing to report"
        )


if __name__ == "__main__":
    main()
