"""Which files of the corpus folder are candidates for indexing, and their content hashes."""

from __future__ import annotations

from pathlib import Path

from ingest.errors import GouvernailError

_IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", ".part", "~")


class CorpusError(GouvernailError):
    """The corpus folder itself is unusable (missing, not a folder)."""


def scan_corpus(corpus_dir: Path) -> dict[str, Path]:
    """Relative POSIX path -> file, for every non-hidden, non-temporary file under ``corpus_dir``."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"corpus folder not found: {corpus_dir}")
    files: dict[str, Path] = {}
    for path in sorted(corpus_dir.rglob("*")):
        rel = path.relative_to(corpus_dir)
        if not path.is_file() or any(part.startswith((".", "~$")) for part in rel.parts):
            continue
        if path.name.endswith(_IGNORED_SUFFIXES):
            continue
        files[rel.as_posix()] = path
    return files
