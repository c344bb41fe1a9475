"""Evaluation of the assistant and guardrails, reports and benchmarks."""
