"""Metric families of the evaluation suite (one module each, typed inputs and outputs, like ragas)."""
