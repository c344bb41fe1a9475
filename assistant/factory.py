"""Wire the assistant from settings: embedder, searcher, hybrid retriever, guardrails, optional LLM."""

from __future__ import annotations

from assistant.llm import LlmClient
from assistant.retrieval.hybrid import HybridRetriever
from assistant.service import Assistant
from guardrails.screen import default_guardrails
from ingest.embeddings.encoder import Embedder
from ingest.search import DenseSearcher
from ingest.settings import Settings


def build_llm(settings: Settings) -> LlmClient | None:
    """The configured OpenAI-compatible endpoint, or ``None`` for the offline extractive mode."""
    match settings.llm_base_url, settings.llm_model:
        case str(url), str(model) if url and model:
            key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
            return LlmClient(url, model, key, timeout_s=settings.llm_timeout_s)
        case _:
            return None


def build_assistant(settings: Settings, embedder: Embedder | None = None) -> Assistant:
    """The assistant for ``settings``; ``embedder`` shares an already loaded model (tests, eval)."""
    embedder = embedder or Embedder(settings.embedding_model, models_dir=settings.models_dir)
    retriever = HybridRetriever(DenseSearcher(settings, embedder))
    guardrails = default_guardrails(settings.embedding_model, embedder.embed_query)
    return Assistant(settings, guardrails, retriever, build_llm(settings))
