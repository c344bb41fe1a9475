"""Blind PII sets: sentences written the way staff write by people who never read the recognizers.

``pii_blind_dev.jsonl`` to ``pii_blind_dev15.jsonl`` (dev2 to dev7, dev9, dev11 to dev15: the fresh sets of
earlier passes, each spent once measured; dev8 and dev10: written blind as development sets, many of
their sentences PII-free and written to tempt a masker) are for tuning;
``pii_blind_fresh.jsonl``, written blind afterwards, only for
reporting (never tuned on). The fresh file may be absent while it is being written:
:func:`available_blind_sets` then leaves it out.
One JSON object a line: ``{id, text, style, locale, spans: [{entity, start, end, value}], pii_free}``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from eval.datasets.pii_synthetic import LabeledSentence, PiiSpan

DATASETS = Path(__file__).resolve().parent
BLIND_SETS = {
    "dev": DATASETS / "pii_blind_dev.jsonl",
    "dev2": DATASETS / "pii_blind_dev2.jsonl",
    "dev3": DATASETS / "pii_blind_dev3.jsonl",
    "dev4": DATASETS / "pii_blind_dev4.jsonl",
    "dev5": DATASETS / "pii_blind_dev5.jsonl",
    "dev6": DATASETS / "pii_blind_dev6.jsonl",
    "dev7": DATASETS / "pii_blind_dev7.jsonl",
    "dev8": DATASETS / "pii_blind_dev8.jsonl",
    "dev9": DATASETS / "pii_blind_dev9.jsonl",
    "dev10": DATASETS / "pii_blind_dev10.jsonl",
    "dev11": DATASETS / "pii_blind_dev11.jsonl",
    "dev12": DATASETS / "pii_blind_dev12.jsonl",
    "dev13": DATASETS / "pii_blind_dev13.jsonl",
    "dev14": DATASETS / "pii_blind_dev14.jsonl",
    "dev15": DATASETS / "pii_blind_dev15.jsonl",
    "fresh": DATASETS / "pii_blind_fresh.jsonl",
}
# tuned on
DEV_SETS = (
    "dev",
    "dev2",
    "dev3",
    "dev4",
    "dev5",
    "dev6",
    "dev7",
    "dev8",
    "dev9",
    "dev10",
    "dev11",
    "dev12",
    "dev13",
    "dev14",
    "dev15",
)
FRESH_SET = "fresh"  # report only


def available_blind_sets() -> list[str]:
    """The blind sets whose file is present: the development sets, and the fresh one once written."""
    return [name for name, path in BLIND_SETS.items() if path.exists()]


@dataclass(frozen=True)
class BlindSet:
    """The sentences with PII (gold spans) and the PII-free ones (nothing may be masked)."""

    name: str
    labeled: tuple[LabeledSentence, ...]
    clean: tuple[str, ...]


def load_blind_set(name: str, path: Path | None = None) -> BlindSet:
    """Read one blind set; a span whose offsets do not hold its value is an error, not a silent skip."""
    labeled: list[LabeledSentence] = []
    clean: list[str] = []
    source = path or BLIND_SETS[name]
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        if row["pii_free"]:
            clean.append(text)
            continue
        spans = []
        for span in row["spans"]:
            if text[span["start"] : span["end"]] != span["value"]:
                raise ValueError(f"{source.name}:{number}: span {span['entity']} does not hold its value")
            spans.append(PiiSpan(span["entity"], span["start"], span["end"]))
        labeled.append(LabeledSentence(text, tuple(spans), row["id"], row["locale"]))
    return BlindSet(name, tuple(labeled), tuple(clean))
