"""The evaluation run behind ``gouvernail eval``: the assistant over the golden set, seeded PII and
injection subsets, every metric family, and a JSON-able run record (stored by ``eval.store``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import subprocess
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eval.golden import ExpectedSource, GoldenItem, first_match_rank, load_golden, section_ranges
from eval.metrics.answers import abstention_metrics, citation_validity, latency_metrics
from eval.metrics.grounding import grounding_metrics
from eval.metrics.guardrails import seeded_values
from eval.metrics.ragas_offline import ragas_offline_metrics
from eval.metrics.retrieval import retrieval_metrics
from eval.metrics.types import CitedPassage, FamilyResult, QuestionRecord
from ingest.hashing import file_sha256
from ingest.sections import section_around
from ingest.settings import Settings

if TYPE_CHECKING:
    from assistant.models import AskResult
    from assistant.service import Assistant
    from eval.datasets.pii_synthetic import LabeledSentence
    from guardrails.pii import PiiMasker

REPO = Path(__file__).resolve().parents[1]
SECRET_SETTINGS = {"llm_api_key", "judge_api_key", "database_url"}


@dataclass(frozen=True)
class EvalOptions:
    """What to run. ``ids`` limits the golden set (tests); guardrail subsets are seeded."""

    ids: tuple[str, ...] | None = None
    seed: int = 2025
    pii_sentences: int = 120  # detection recall per entity type (masker only)
    pii_leak_questions: int = 12  # asked through the whole assistant
    injection_per_label: int | None = None  # None = the whole blind held-out set
    guardrails: bool = True
    judge: bool = True  # LLM-judged metrics, when a judge is configured


def git_commit(repo: Path = REPO) -> str:
    """Short commit of ``repo`` (``-dirty`` when it has uncommitted changes), ``unknown`` if not a repo."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, text=True, timeout=10, check=True
        )
        return done.stdout.strip()

    try:
        commit = git("rev-parse", "--short=10", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return f"{commit}-dirty" if dirty else commit


def hash_files(entries: dict[str, str]) -> str:
    """One hash of ``{relative path: sha256}`` (order-free)."""
    digest = hashlib.sha256()
    for rel in sorted(entries):
        digest.update(f"{rel}\0{entries[rel]}\n".encode())
    return digest.hexdigest()[:16]


def corpus_hash(corpus_dir: Path) -> str:
    """Hash of the corpus folder as it is now."""
    from ingest.corpus_files import scan_corpus

    return hash_files({rel: file_sha256(path) for rel, path in scan_corpus(corpus_dir).items()})


def index_corpus_hash(settings: Settings) -> str | None:
    """Hash of the corpus as the index manifest recorded it (same formula), ``None`` if not indexed."""
    from ingest.state import open_index_state

    manifest = open_index_state(settings).manifests.load()
    if manifest is None:
        return None
    return hash_files({rel: entry.sha256 for rel, entry in manifest.files.items()})


def safe_settings(settings: Settings) -> dict[str, Any]:
    """The settings used, secrets left out."""
    return settings.model_dump(mode="json", exclude=SECRET_SETTINGS)


def _section_text(corpus_dir: Path, source: ExpectedSource) -> list[str]:
    text = (corpus_dir / source.path).read_text(encoding="utf-8")
    return [text[lo:hi].strip() for lo, hi in section_ranges(corpus_dir, source)]


def _record(item: GoldenItem, result: AskResult, corpus_dir: Path, latency_ms: float) -> QuestionRecord:
    citations = tuple(
        CitedPassage(c.n, c.source, c.start, c.end, c.quote, c.heading_path) for c in result.citations
    )
    reference_contexts: list[str] = []
    for source in item.sources:
        reference_contexts += _section_text(corpus_dir, source)
    retrieved: list[str] = []
    for c in citations:
        section = section_around(corpus_dir, c.source, c.quote, c.start, c.end).text.strip()
        if section not in retrieved:
            retrieved.append(section)
    rank = first_match_rank(corpus_dir, item.sources, [(c.source, c.start, c.end) for c in citations])
    return QuestionRecord(
        id=item.id,
        question=item.question,
        category=item.category,
        must_abstain=item.must_abstain,
        reference=item.reference,
        reference_contexts=tuple(reference_contexts),
        key_facts=item.key_facts,
        answer=result.answer,
        abstained=result.abstained,
        blocked=result.guardrails.blocked,
        citations=citations,
        retrieved_contexts=tuple(retrieved),
        citation_rank=rank,
        latency_ms=round(latency_ms, 2),
    )


def golden_items(corpus_dir: Path, ids: Sequence[str] | None = None) -> tuple[list[GoldenItem], list[str]]:
    """The golden items to run (those whose expected files are in this corpus) and the ids skipped."""
    items, skipped = [], []
    for item in load_golden():
        if ids is not None and item.id not in ids:
            continue
        if all((corpus_dir / s.path).is_file() for s in item.sources):
            items.append(item)
        else:
            skipped.append(item.id)
    return items, skipped


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a broken log record must not stop the evaluation
            self.lines.append(str(record.msg))


@contextmanager
def captured_logs() -> Iterator[_Capture]:
    """Every log record of every logger, at DEBUG and above, while the block runs."""
    root = logging.getLogger()
    handler, level = _Capture(), root.level
    loggers = [root] + [lg for lg in root.manager.loggerDict.values() if isinstance(lg, logging.Logger)]
    muted = {lg: list(lg.handlers) for lg in loggers if lg.handlers}
    for lg, handlers in muted.items():  # not echoed to the console meanwhile
        for other in handlers:
            lg.removeHandler(other)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        for lg, handlers in muted.items():
            for other in handlers:
                lg.addHandler(other)
        root.setLevel(level)


def _metric_dict(families: Sequence[FamilyResult]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for family in families:
        for metric in family.metrics:
            entry = asdict(metric)
            entry.pop("name")
            entry["value"] = None if math.isnan(metric.value) else round(metric.value, 6)
            out[metric.name] = entry
    return out


def run_eval(
    settings: Settings,
    options: EvalOptions = EvalOptions(),
    *,
    assistant: Assistant | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> dict[str, Any]:
    """Run everything once; returns the run record (JSON-able; NaN figures are ``None`` + nan_count)."""
    from assistant.factory import build_assistant

    started = time.perf_counter()
    commit = git_commit()  # the code evaluated is the code as it is now
    assistant = assistant or build_assistant(settings)
    corpus_dir = settings.corpus_dir
    items, skipped = golden_items(corpus_dir, options.ids)
    progress(f"golden set: {len(items)} questions ({len(skipped)} skipped: files not in this corpus)")
    assistant.ask("échauffement : qui valide la charte ?")  # models loaded, caches warm

    records: list[QuestionRecord] = []
    for item in items:
        clock = time.perf_counter()
        result = assistant.ask(item.question, request_id=item.id)
        records.append(_record(item, result, corpus_dir, (time.perf_counter() - clock) * 1000))
    golden_s = time.perf_counter() - started
    progress(f"golden set answered in {golden_s:.1f} s")

    families = [
        retrieval_metrics(records),
        abstention_metrics(records),
        citation_validity(records, corpus_dir),
        latency_metrics(records),
        grounding_metrics(records),
        ragas_offline_metrics(records),
    ]
    judge_model = None
    if options.judge and settings.judge_base_url and settings.judge_model:
        from eval.metrics.ragas_judged import build_judge, judged_metrics

        key = settings.judge_api_key.get_secret_value() if settings.judge_api_key else None
        judge = build_judge(
            settings.judge_base_url,
            settings.judge_model,
            key,
            settings.judge_timeout_s,
            assistant.retriever.searcher.embedder,
        )
        judge_model = judge.model
        families.append(judged_metrics(records, judge))
        progress("LLM-judged ragas metrics done")

    leak_questions: list[LabeledSentence] = []
    if options.guardrails:
        from eval.datasets.pii_blind import DEV_SETS, load_blind_set
        from eval.datasets.pii_synthetic import generate_pii_sentences  # Faker, only for these sets

        labeled = generate_pii_sentences(options.pii_sentences, seed=options.seed)
        # a value the masker misses is counted by the recall figures (and listed in the API leak test's
        # known misses); the leak check asks whether a value it finds escapes anywhere downstream
        blind_leaks = [
            detected_values(assistant.guardrails.masker, sentence)
            for name in DEV_SETS
            for sentence in load_blind_set(name).labeled[: options.pii_leak_questions]
        ]
        # the stored run must hold no value of any development sentence, asked or not, less the fake values
        # the golden questions share with them (the record keeps those questions, by design): of the ones
        # not asked, the distinctive values the masker finds (a number, an address, an e-mail, a full
        # name — a lone first name such as « max » is also an ordinary word of the record)
        golden_text = "\n".join(item.question for item in items)
        leak_questions = labeled[: options.pii_leak_questions]
        leak_questions += [without_golden_values(sentence, golden_text) for sentence in blind_leaks]
        leak_questions += [
            found_values(assistant.guardrails.masker, sentence, golden_text)
            for name in DEV_SETS
            for sentence in load_blind_set(name).labeled[options.pii_leak_questions :]
        ]
        families += _guardrail_families(assistant, options, corpus_dir, labeled, blind_leaks)
        progress("guardrail sets done")

    per_question: dict[str, dict[str, Any]] = {}
    for record in records:
        per_question[record.id] = {
            "question": record.question,
            "category": record.category,
            "must_abstain": record.must_abstain,
            "answer": record.answer,
            "abstained": record.abstained,
            "blocked": record.blocked,
            "citations": [asdict(c) for c in record.citations],
            "scores": {},
        }
    for family in families:
        for qid, scores in family.per_question.items():
            if qid in per_question:
                per_question[qid]["scores"].update(
                    {k: (None if math.isnan(v) else round(v, 6)) for k, v in scores.items()}
                )
    details: dict[str, Any] = {}
    for family in families:
        details.update(family.details)

    now = datetime.now(UTC)
    run: dict[str, Any] = {
        "id": f"{now:%Y%m%dT%H%M%SZ}-{commit}",
        "timestamp": now.isoformat(timespec="seconds"),
        "commit": commit,
        "corpus_hash": corpus_hash(corpus_dir),
        "index_corpus_hash": index_corpus_hash(settings),
        "settings": safe_settings(settings),
        "models": {
            "embedding": settings.embedding_model,
            "answer": settings.llm_model if assistant.llm is not None else "extractive (offline)",
            "judge": judge_model,
        },
        "options": asdict(options),
        "n_questions": len(records),
        "skipped_questions": skipped,
        "duration_s": round(time.perf_counter() - started, 1),
        "metrics": _metric_dict(families),
        "details": details,
        "per_question": per_question,
    }
    if options.guardrails:  # the run record itself is an artifact: no seeded value may be in it
        leaks = leaked_into(dumps(run), leak_questions)
        run["metrics"]["pii_artifact_leaks"] = {
            "value": float(leaks),
            "direction": "lower",
            "family": "guardrails",
            "n": 1,
            "nan_count": 0,
            "description": "seeded PII values found in the stored run record",
        }
    return run


def _guardrail_families(
    assistant: Assistant,
    options: EvalOptions,
    corpus_dir: Path,
    labeled: list[LabeledSentence],
    blind_leaks: list[LabeledSentence],
) -> list[FamilyResult]:
    """PII detection on ``labeled`` and clean corpus sentences and on every blind set present (the
    development sets, the fresh one once written), leaks of the first questions of the synthetic and
    development sets asked through the whole assistant, injection detection on the blind held-out set."""
    from eval.datasets.pii_blind import available_blind_sets, load_blind_set
    from eval.datasets.pii_synthetic import corpus_clean_sentences
    from eval.injection_detection import HELDOUT, load_prompts, sample
    from eval.metrics.guardrails import (
        Exposure,
        injection_metrics,
        pii_detection_metrics,
        pii_leak_metrics,
    )

    clean = corpus_clean_sentences(corpus_dir, n=options.pii_sentences, seed=options.seed)
    families = [pii_detection_metrics(assistant.guardrails.masker, labeled, clean)]
    for name in available_blind_sets():
        blind = load_blind_set(name)
        families.append(
            pii_detection_metrics(assistant.guardrails.masker, blind.labeled, blind.clean, f"blind_{name}")
        )

    def expose(question: str) -> Exposure:
        with captured_logs() as logs:
            output = assistant.ask(question).model_dump_json()
        return Exposure(output, "\n".join(logs.lines))

    families.append(pii_leak_metrics(expose, labeled[: options.pii_leak_questions] + blind_leaks))
    prompts = load_prompts(HELDOUT)
    if options.injection_per_label is not None:
        prompts = sample(prompts, options.injection_per_label, options.seed)
    families.append(
        injection_metrics(lambda text: assistant.guardrails.screen_question(text).blocked, prompts)
    )
    return families


def leaked_into(artifact: str, questions: Sequence[LabeledSentence]) -> int:
    """How many seeded PII values of the questions appear, as whole words, in an artifact's text (0
    expected; « ludo » is no leak in « saludo »)."""
    return sum(
        bool(re.search(rf"(?<![^\W_]){re.escape(value)}(?![^\W_])", artifact))
        for question in questions
        for value in seeded_values(question)
    )


def detected_values(masker: PiiMasker, sentence: LabeledSentence) -> LabeledSentence:
    """The sentence with only the gold spans the masker's detections overlap."""
    found = masker.find(sentence.text)
    spans = tuple(g for g in sentence.spans if any(f.start < g.end and g.start < f.end for f in found))
    return replace(sentence, spans=spans)


def found_values(masker: PiiMasker, sentence: LabeledSentence, golden_text: str) -> LabeledSentence:
    """The sentence with only the distinctive gold spans the masker's detections overlap, less those the
    golden questions hold."""
    detected = detected_values(masker, sentence)
    distinctive = tuple(g for g in detected.spans if _distinctive(sentence.text[g.start : g.end]))
    return without_golden_values(replace(sentence, spans=distinctive), golden_text)


def without_golden_values(sentence: LabeledSentence, golden_text: str) -> LabeledSentence:
    """The sentence less the gold spans whose value the golden questions hold: the run record keeps those
    questions, fake values and all, by design (« Bernard » of a blind sentence in « Sophie Bernard »)."""
    spans = tuple(g for g in sentence.spans if sentence.text[g.start : g.end] not in golden_text)
    return replace(sentence, spans=spans)


def _distinctive(value: str) -> bool:
    """A value that cannot be an ordinary word of a run record: it holds a digit, a space or an ``@``."""
    return any(c.isdigit() or c.isspace() or c == "@" for c in value)


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=1, allow_nan=False)
