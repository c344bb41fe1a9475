"""Fit the query adapter (``assistant/retrieval/query_adapter.npz``) on the served index.

``python -m eval.fit_query_adapter`` reads every answerable question of the golden set, the held-out set
and the blind development sets, marks the served chunks that hold one of its expected sources, and fits
``M`` (``q' = normalise(q + q @ M)``) so that the question's vector ranks those chunks first: softmax
cross-entropy over every chunk (temperature ``TAU``) with an L2 pull toward the identity map. It prints,
leaving each set out in turn, the dense hit@5 with and without the map, then writes the map fitted on
every set with the index's fingerprint. The fresh set is never read.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import torch

from assistant.factory import build_assistant
from assistant.retrieval.query_adapter import ADAPTER_FILE, QueryAdapter, corpus_fingerprint
from eval.calibrate_abstention import CALIBRATION_SETS
from eval.golden import load_golden, matches
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

FIT_SETS = (*CALIBRATION_SETS, CALIBRATION_SETS[0].with_name("golden_heldout.jsonl"))
TAU = 0.05  # softmax temperature over cosines
L2 = 1e-3  # pull toward the identity map
STEPS = 200
Questions = tuple[npt.NDArray[np.float32], list[list[int]]]  # question vectors, answering chunk rows


Array = npt.NDArray[np.float32]


def fit(
    vectors: Array, answers: Sequence[list[int]], chunks: Array, competing: Sequence[list[int]] | None = None
) -> Array:
    """The matrix ``M`` for these questions (full batch Adam, seeded: the same data gives the same map).
    Each question's answer rows compete with every row, or with its ``competing`` rows only."""
    torch.manual_seed(0)
    q, c = torch.tensor(vectors), torch.tensor(chunks)
    answering = torch.zeros(len(answers), len(chunks), dtype=torch.bool)
    for row, rows in enumerate(answers):
        answering[row, rows] = True
    allowed = torch.ones_like(answering)
    if competing is not None:
        allowed[:] = False
        for row, rows in enumerate(competing):
            allowed[row, rows] = True
    matrix = torch.zeros(q.shape[1], q.shape[1], requires_grad=True)
    optimiser = torch.optim.Adam([matrix], lr=1e-3)
    for _ in range(STEPS):
        moved = q + q @ matrix
        logits = (moved / moved.norm(dim=1, keepdim=True)) @ c.T / TAU
        right = torch.logsumexp(logits.masked_fill(~answering, -1e9), dim=1)
        every = torch.logsumexp(logits.masked_fill(~allowed, -1e9), dim=1)
        loss = (every - right).mean() + L2 * (matrix**2).sum()
        optimiser.zero_grad()
        loss.backward()  # type: ignore[no-untyped-call]
        optimiser.step()
    fitted: Array = matrix.detach().numpy()
    return fitted


def hit_at_5(vectors: Array, answers: Sequence[list[int]], chunks: Array) -> float:
    """Share of questions with an answering chunk among the five nearest."""
    top = np.argsort(-(vectors @ chunks.T), axis=1)[:, :5]
    return float(np.mean([bool(set(t) & set(a)) for t, a in zip(top, answers, strict=True)]))


def main() -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    torch.set_num_threads(1)
    searcher = build_assistant(settings).retriever.searcher
    served = searcher.served()
    live = searcher.live_chunks(served)
    got = served.collection.get(ids=[c.id for c in live], include=["embeddings"])
    stored = dict(zip(got["ids"], list(got["embeddings"] or []), strict=True))
    chunks = np.asarray([stored[c.id] for c in live], dtype=np.float32)
    places = [(str(c.metadata["source"]), int(c.metadata["start"]), int(c.metadata["end"])) for c in live]
    sets: dict[str, Questions] = {}
    for dataset in FIT_SETS:
        items = [i for i in load_golden(dataset) if i.sources]
        answers = [
            [
                row
                for row, place in enumerate(places)
                if any(matches(settings.corpus_dir, s, *place) for s in i.sources)
            ]
            for i in items
        ]
        kept = [(i, a) for i, a in zip(items, answers, strict=True) if a]
        vectors = np.asarray([searcher.embedder.embed_query(i.question) for i, _ in kept], dtype=np.float32)
        sets[dataset.stem] = (vectors, [a for _, a in kept])

    print("dense hit@5, each set left out of the fit: plain question vector -> adapted")
    for name, (vectors, answers) in sets.items():
        others = [s for n, s in sets.items() if n != name]
        matrix = fit(np.vstack([v for v, _ in others]), [a for _, rows in others for a in rows], chunks)
        moved = QueryAdapter(matrix, fingerprint="").adapt(vectors)
        plain, adapted = hit_at_5(vectors, answers, chunks), hit_at_5(moved, answers, chunks)
        print(f"  {name:<16} {plain:.3f} -> {adapted:.3f}  ({len(answers)} questions)")
    matrix = fit(
        np.vstack([v for v, _ in sets.values()]), [a for _, rows in sets.values() for a in rows], chunks
    )
    QueryAdapter(matrix, corpus_fingerprint(served.manifest)).save(ADAPTER_FILE)
    print(f"wrote {ADAPTER_FILE} ({sum(len(a) for _, a in sets.values())} questions, {len(chunks)} chunks)")


if __name__ == "__main__":
    main()
