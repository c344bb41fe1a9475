"""Fit the answer-unit selector (``assistant/selection/unit_selector.json``).

``python -m eval.fit_unit_selector`` reads, for every answerable question of the golden set and the blind
development sets, the units of its top-5 passages as the assistant sees them (``candidate_units``), labels
a unit positive when it holds one of the question's key facts, and fits a logistic regression on the
standardised features and their pairwise products (``assistant.selection.model.expanded``). It prints,
leaving each set out in turn, the share of key facts held by the top 1 and top 3 units, for the model and
for the lexical score alone, then writes the model fitted on every set. The fresh set is never read.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from assistant.factory import build_assistant
from assistant.selection.features import FEATURES, Unit, candidate_units
from assistant.selection.model import MODEL_FILE, SelectorModel, expanded
from assistant.service import Assistant
from eval.assistant_eval import norm_text
from eval.calibrate_abstention import CALIBRATION_SETS
from eval.golden import load_golden
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings
from ingest.units import clean_for_answer

C = 0.05  # strong regularisation: 120 weights, a few thousand units
Question = tuple[list[Unit], list[set[str]], int]  # the units, the key facts each holds, how many facts


def questions(assistant: Assistant, dataset: Path) -> list[Question]:
    """Per answerable question: its candidate units, the facts each holds, and its number of facts."""
    retriever = assistant.retriever
    embedder = retriever.searcher.embedder
    rows = []
    for item in load_golden(dataset):
        if not item.key_facts:
            continue
        hits = retriever.retrieve(item.question, k=assistant.settings.top_k)
        hits = retriever.in_sections(hits, assistant.settings.answer_section_words)
        query_vector = np.asarray(embedder.embed_query(item.question), dtype=np.float32)
        units = candidate_units(item.question, hits, retriever.idf, query_vector, retriever.unit_vector)
        facts = [norm_text(f) for f in item.key_facts]
        held = [{f for f in facts if f in norm_text(clean_for_answer(u.text))} for u in units]
        rows.append((units, held, len(facts)))
    return rows


def top_coverage(rows: list[Question], scores: list[np.ndarray], k: int) -> float:
    """Mean share of a question's key facts held by its ``k`` best-scored units."""
    shares = []
    for (units, held, n), score in zip(rows, scores, strict=True):
        if not units:
            shares.append(0.0)
            continue
        best = np.argsort(-score, kind="stable")[:k]
        shares.append(len(set().union(*(held[i] for i in best))) / n)
    return float(np.mean(shares))


def _matrix(rows: list[Question]) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray([u.features for units, _, _ in rows for u in units])
    y = np.asarray([bool(h) for _, held, _ in rows for h in held])
    return x, y


def _fit(x: np.ndarray, y: np.ndarray) -> SelectorModel:
    scaler = StandardScaler().fit(x)
    design = expanded(scaler.transform(x))
    second = StandardScaler().fit(design)
    fitted = LogisticRegression(C=C, max_iter=5000).fit(second.transform(design), y)
    return SelectorModel(
        features=FEATURES,
        mean=_rounded(scaler.mean_), scale=_rounded(scaler.scale_),
        expanded_mean=_rounded(second.mean_), expanded_scale=_rounded(second.scale_),
        coef=_rounded(fitted.coef_[0]), intercept=round(float(fitted.intercept_[0]), 6),
    )  # fmt: skip


def _rounded(values: np.ndarray) -> tuple[float, ...]:
    return tuple(round(float(v), 6) for v in values)


def main() -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    assistant = build_assistant(settings)
    sets = {path.stem: questions(assistant, path) for path in CALIBRATION_SETS}
    lexical = FEATURES.index("lexical_share")
    for held_out, rows in sets.items():
        x, y = _matrix([r for name, rs in sets.items() if name != held_out for r in rs])
        model = _fit(x, y)
        fitted = [np.asarray(model.probabilities(units)) for units, _, _ in rows]
        plain = [np.asarray([u.features[lexical] for u in units]) for units, _, _ in rows]
        figures = " ".join(
            f"top-{k} model {top_coverage(rows, fitted, k):.3f} lexical {top_coverage(rows, plain, k):.3f}"
            for k in (1, 3)
        )
        print(f"{held_out:>16} (left out, {len(rows)} questions): {figures}")
    x, y = _matrix([r for rs in sets.values() for r in rs])
    model = _fit(x, y)
    model.save()
    weights = ", ".join(f"{n} {c:+.2f}" for n, c in zip(FEATURES, model.coef, strict=False))
    print(f"wrote {MODEL_FILE.name} ({len(y)} units, {int(y.sum())} holding a key fact): {weights}, …")


if __name__ == "__main__":
    main()
