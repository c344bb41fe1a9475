"""Pick a loader by file extension; unknown extensions are reported as unsupported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.documents import LoaderError, ParsedDocument
from ingest.loaders.docx import load_docx
from ingest.loaders.html import load_html
from ingest.loaders.markdown import load_markdown
from ingest.loaders.pdf import load_pdf
from ingest.loaders.text import load_text

LOADERS: dict[str, Callable[[Path], ParsedDocument]] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_text,
    ".pdf": load_pdf,
    ".docx": load_docx,
    ".html": load_html,
    ".htm": load_html,
}


def load_document(path: Path) -> ParsedDocument:
    """Load any supported file; raises ``LoaderError`` with a reason when it can't."""
    loader = LOADERS.get(path.suffix.lower())
    if loader is None:
        raise LoaderError(f"unsupported file type {path.suffix or '(no extension)'!r}")
    try:
        return loader(path)
    except LoaderError:
        raise
    except Exception as exc:  # third-party parsers raise anything on corrupt input
        raise LoaderError(f"cannot read file ({type(exc).__name__}: {exc})") from exc


__all__ = ["LOADERS", "LoaderError", "ParsedDocument", "load_document"]
