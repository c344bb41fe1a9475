"""Guardrails: PII masking, injection detection, output checks — pure text in, decisions out."""
