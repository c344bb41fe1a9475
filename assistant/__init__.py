"""Retrieval, cited answers and abstention (built on ingest and guardrails)."""
