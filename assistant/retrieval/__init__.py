"""Hybrid retrieval: dense (Chroma) and BM25 over the same live chunks, fused by reciprocal rank."""
