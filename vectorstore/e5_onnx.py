"""ONNX copies of the converted e5 model, exported locally from its folder, for onnxruntime.

- ``onnx/model.onnx``: the float32 BertModel, ``input_ids`` + ``attention_mask`` ->
  ``last_hidden_state`` (pooling and normalisation stay in Python), exported with
  ``torch.onnx.export`` from the converted folder;
- ``onnx/model_qint8.onnx``: the same with its weights quantised to int8 (onnxruntime's dynamic
  quantisation, per channel); activations are quantised on the fly.

Both are made on first use (tens of seconds, once) and written atomically into the model
folder. Out of scope: optimum and sentence-transformers' ``backend="onnx"`` (optimum-onnx pins
transformers < 4.58, older than ours), static quantisation, GPUs.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from pathlib import Path

from core.errors import ModelError

ONNX_DIR = "onnx"
FP32_FILE = "model.onnx"
INT8_FILE = "model_qint8.onnx"
OPSET = 17


def onnx_path(folder: Path, *, int8: bool) -> Path:
    return Path(folder) / ONNX_DIR / (INT8_FILE if int8 else FP32_FILE)


def ensure_onnx(folder: Path, *, int8: bool) -> Path:
    """The ONNX file for ``folder`` (a converted model folder), exporting it when missing."""
    folder = Path(folder)
    target = onnx_path(folder, int8=int8)
    if target.is_file():
        return target
    fp32 = onnx_path(folder, int8=False)
    if not fp32.is_file():
        _atomic_write(fp32, lambda tmp: export_onnx(folder, tmp))
    if int8:
        _atomic_write(target, lambda tmp: quantize_int8(fp32, tmp))
    return target


def export_onnx(folder: Path, out: Path) -> None:
    """Export the BertModel in ``folder`` to ``out`` (float32, dynamic batch and length)."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    bars = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
    except Exception as e:
        raise ModelError(f"cannot load {folder} to export it to ONNX: {type(e).__name__}: {e}") from None
    finally:
        if bars:
            hf_logging.enable_progress_bar()

    class Encoder(torch.nn.Module):
        def __init__(self, bert) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    example = (torch.ones((2, 8), dtype=torch.long), torch.ones((2, 8), dtype=torch.long))
    axes = {0: "batch", 1: "tokens"}
    with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
        warnings.simplefilter("ignore")  # the TorchScript exporter announces its own deprecation
        torch.onnx.export(
            Encoder(model), example, str(out), dynamo=False, opset_version=OPSET,
            input_names=["input_ids", "attention_mask"], output_names=["last_hidden_state"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "last_hidden_state": axes},
        )


def quantize_int8(src: Path, out: Path) -> None:
    """Dynamic int8 quantisation of ``src`` (weights per output channel) into ``out``."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as e:  # onnxruntime.quantization needs the `onnx` package
        raise ModelError(f"the onnx-int8 embedding backend needs the package onnx ({e}): pip install onnx") from None
    import logging

    quiet = logging.getLogger().level
    logging.getLogger().setLevel(logging.ERROR)  # "Please consider to run pre-processing ..."
    try:
        quantize_dynamic(str(src), str(out), weight_type=QuantType.QInt8, per_channel=True)
    finally:
        logging.getLogger().setLevel(quiet)


def _atomic_write(target: Path, make) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=target.parent)
    os.close(fd)
    try:
        make(Path(tmp))
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600
        os.replace(tmp, target)
    except OSError as e:
        raise ModelError(f"cannot write {target}: {e.strerror or e}") from None
    except ModelError:
        raise
    except Exception as e:  # exporter and quantiser errors (a damaged model.onnx, ...)
        raise ModelError(f"cannot make {target}: {type(e).__name__}: {e}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
