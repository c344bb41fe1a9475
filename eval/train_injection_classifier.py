"""Train the embedding-based injection classifier on ``eval/datasets/injection.jsonl``.

``python -m eval.train_injection_classifier`` prints 5-fold cross-validated detection and false
positives per threshold, then writes ``guardrails/injection/classifier_weights.json`` with the fixed
choice (C = 10, threshold 0.7: the lowest threshold whose cross-validated false-positive rate is ≤ 1 %).
The blind held-out set is never used here.
"""

from __future__ import annotations

import json

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from eval.injection_detection import DATASET, load_prompts
from guardrails.injection.classifier import WEIGHTS
from ingest.embeddings.encoder import Embedder
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

C = 10.0
THRESHOLD = 0.7


def main() -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    prompts = load_prompts(DATASET)
    embedder = Embedder(settings.embedding_model, models_dir=settings.models_dir)
    features = np.array([embedder.embed_query(p.text) for p in prompts])
    labels = np.array([p.label == "attack" for p in prompts])
    probabilities = np.zeros(len(labels))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(features, labels):
        model = LogisticRegression(C=C, max_iter=5000).fit(features[train], labels[train])
        probabilities[test] = model.predict_proba(features[test])[:, 1]
    for threshold in (0.5, 0.6, 0.7, 0.8):
        flagged = probabilities >= threshold
        detection = (flagged & labels).sum() / labels.sum()
        false_positives = (flagged & ~labels).sum() / (~labels).sum()
        rates = f"detection {detection:.3f}, false positives {false_positives:.3f}"
        print(f"threshold {threshold}: {rates} (5-fold cross-validation)")
    model = LogisticRegression(C=C, max_iter=5000).fit(features, labels)
    WEIGHTS.write_text(
        json.dumps(
            {
                "model": settings.embedding_model,
                "embedding": "query embeddings (e5 'query: ' prefix)",
                "coef": [round(float(c), 6) for c in model.coef_[0]],
                "intercept": round(float(model.intercept_[0]), 6),
                "threshold": THRESHOLD,
                "trained_on": DATASET.name,
                "C": C,
            }
        ),
        encoding="utf-8",
    )
    print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()
