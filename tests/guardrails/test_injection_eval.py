"""The injection evaluation set, seeded sample: detection and false-positive targets hold."""

from __future__ import annotations

from eval.injection_detection import HELDOUT, evaluate, load_prompts, sample
from guardrails.injection import InjectionDetector
from guardrails.screen import default_guardrails
from ingest.settings import DEFAULT_EMBEDDING_MODEL


def test_seeded_sample_meets_the_targets() -> None:
    prompts = sample(load_prompts(), per_label=80, seed=11)
    assert sum(p.label == "attack" for p in prompts) == 80 and sum(p.label == "benign" for p in prompts) == 80
    detector = InjectionDetector()
    report = evaluate(lambda text: detector.scan(text).is_injection, prompts)
    assert report.failures() == []


def test_blind_held_out_sample_meets_the_targets_with_the_classifier(embedder) -> None:
    guardrails = default_guardrails(DEFAULT_EMBEDDING_MODEL, embedder.embed_query)
    prompts = sample(load_prompts(HELDOUT), per_label=60, seed=11)
    report = evaluate(lambda text: guardrails.screen_question(text).injection.is_injection, prompts)
    assert report.failures() == []


def test_the_set_covers_every_family_in_both_languages() -> None:
    prompts = load_prompts()
    attacks = [p for p in prompts if p.label == "attack"]
    assert len(attacks) >= 100 and sum(p.label == "benign" for p in prompts) >= 100
    families = {p.family for p in attacks}
    assert families == {
        "instruction_override", "prompt_exfiltration", "roleplay_jailbreak",
        "delimiter_injection", "secret_request", "obfuscation",
    }  # fmt: skip
    assert {p.lang for p in attacks} == {"fr", "en"}
