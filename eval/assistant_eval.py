"""The assistant on the question sets, offline default: retrieval, answers, abstention, quotes, latency.

``python -m eval.assistant_eval`` (or ``make eval-assistant``) measures, on the golden set (fitted and
calibrated on), the held-out set and the two blind sets (development: tuned on; fresh: report only, see
``eval/README.md``): hit@1/hit@5/MRR of the cited passages and of the retrieved top-5, key-fact coverage
of the answers and of the retrieved top-5, abstention precision/recall and false abstentions, injection
refusals, the share of quotes that are exact substrings of their source, the median answer length of
fact/number/who questions, warm latency per stage, and the naive LangChain baseline's retrieval figures
in the same run. ``python -m eval.assistant_eval FILE…`` measures other sets of the same format.
"""

from __future__ import annotations

import statistics
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from assistant.factory import build_assistant
from assistant.models import AskResult
from assistant.service import Assistant
from eval.golden import GOLDEN, first_match_rank, load_golden
from eval.retrieval import Retriever, naive_langchain_retriever, score
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings


def norm_text(text: str) -> str:
    """Text as key facts are matched: NFKC, one apostrophe and hyphen, no emphasis, casefolded."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("\u2011", "-").replace("**", "")
    return " ".join(text.casefold().split())


def _spans(result: AskResult) -> list[tuple[str, int, int]]:
    return [(c.source, c.start, c.end) for c in result.citations]


def _percentile(values: Sequence[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else (values[0] if values else 0.0)


DATASETS = Path(__file__).resolve().parent / "datasets"
SETS = (
    GOLDEN,
    DATASETS / "golden_heldout.jsonl",
    DATASETS / "qa_blind_dev.jsonl",
    DATASETS / "qa_blind_dev2.jsonl",
    DATASETS / "qa_blind_dev3.jsonl",
    DATASETS / "qa_blind_dev4.jsonl",
    DATASETS / "qa_blind_dev5.jsonl",
    DATASETS / "qa_blind_dev6.jsonl",
    DATASETS / "qa_blind_dev7.jsonl",
    DATASETS / "qa_blind_dev8.jsonl",
    DATASETS / "qa_blind_dev9.jsonl",
    DATASETS / "qa_blind_fresh.jsonl",
)
SHORT_CATEGORIES = ("fact", "number", "who")  # answered in one to three units


def main(datasets: Sequence[Path] = SETS) -> None:
    settings = Settings()
    configure_runtime_env(settings.cache_dir)
    assistant = build_assistant(settings)
    corpus = settings.corpus_dir
    assistant.ask("échauffement : qui valide la charte ?")  # models loaded, caches warm
    adapted = assistant.retriever.adapter() is not None
    print("query adapter:", "applied" if adapted else "not applied (switched off, or fitted on other chunks)")
    naive = naive_langchain_retriever(corpus, assistant.retriever.searcher.embedder)
    for dataset in datasets:
        if dataset.exists():  # the fresh set is absent while it is being written
            _measure(assistant, corpus, dataset, naive)


def _measure(assistant: Assistant, corpus: Path, dataset: Path, naive: Retriever) -> None:
    items = load_golden(dataset)
    results = {item.id: assistant.ask(item.question, request_id=item.id) for item in items}
    answerable = [i for i in items if i.sources]
    ranks = [first_match_rank(corpus, i.sources, _spans(results[i.id])) for i in answerable]
    n = len(answerable)
    facts = [(f, results[i.id]) for i in answerable for f in i.key_facts]
    covered = sum(norm_text(f) in norm_text(r.answer) for f, r in facts)
    retrieved = {
        i.id: norm_text("\n".join(h.chunk.text for h in assistant.retriever.retrieve(i.question, k=5)))
        for i in answerable
    }
    in_context = sum(norm_text(f) in retrieved[i.id] for i in answerable for f in i.key_facts)
    abstained = {i.id for i in items if results[i.id].abstained}
    should = {i.id for i in items if i.must_abstain}
    quotes = [
        (c, (corpus / c.source).read_text(encoding="utf-8")) for r in results.values() for c in r.citations
    ]
    exact = sum(text[c.start : c.end] == c.quote for c, text in quotes)
    injections = [i for i in items if i.category == "injection"]

    print(f"\n== {dataset.name}: {len(items)} questions ({n} answerable, {len(should)} must abstain)")
    print("citations of the answers (right file and section among the citations):")
    hit1, hit5 = sum(r == 0 for r in ranks) / n, sum(r is not None for r in ranks) / n
    mrr = sum(1 / (r + 1) for r in ranks if r is not None) / n
    print(f"  hit@1 {hit1:.3f}   hit@5 {hit5:.3f}   MRR {mrr:.3f}")
    print(f"key-fact coverage {covered}/{len(facts)} = {covered / len(facts):.3f}"
          f"   (in the retrieved top-5: {in_context / len(facts):.3f})")  # fmt: skip
    precision = len(abstained & should) / len(abstained) if abstained else 0.0
    recall = len(abstained & should) / len(should) if should else 0.0
    false = len(abstained - should) / n
    print(f"abstention precision {precision:.3f}  recall {recall:.3f}  ({len(abstained)} abstained)"
          f"   false abstentions {len(abstained - should)}/{n} = {false:.3f}")  # fmt: skip
    short = [len(results[i.id].answer.split()) for i in answerable
             if i.category in SHORT_CATEGORIES and not results[i.id].abstained]  # fmt: skip
    if short:
        print(f"median answer words (fact/number/who) {statistics.median(short):.0f}")
    if injections:
        refused = sum(results[i.id].guardrails.blocked for i in injections)
        print(f"injections refused {refused}/{len(injections)}")
    print(
        f"quotes that are exact substrings of their source {exact}/{len(quotes)} = {exact / len(quotes):.3f}"
    )

    stages: dict[str, list[float]] = {}
    for result in results.values():
        for stage, ms in result.timings_ms.items():
            stages.setdefault(stage, []).append(ms)
    for stage, values in stages.items():
        print(
            f"  {stage:<18} p50 {statistics.median(values):7.1f} ms   p95 {_percentile(values, 95):7.1f} ms"
        )

    naive_scores = score(naive, answerable, corpus)
    ours = score(
        lambda q: [(h.chunk.metadata["source"], h.chunk.metadata["start"], h.chunk.metadata["end"])
                   for h in assistant.retriever.retrieve(q, k=5)],
        answerable, corpus,
    )  # fmt: skip
    print("retrieval only (passages returned):")
    print(f"  hybrid top-5          hit@1 {ours.hit_at_1:.3f}  hit@k {ours.hit_at_k:.3f}  MRR {ours.mrr:.3f}")
    print(
        f"  naive LangChain top-4 hit@1 {naive_scores.hit_at_1:.3f}  hit@k {naive_scores.hit_at_k:.3f}"
        f"  MRR {naive_scores.mrr:.3f}"
    )


if __name__ == "__main__":
    main([Path(arg) for arg in sys.argv[1:]] or SETS)
