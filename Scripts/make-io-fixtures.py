#!/usr/bin/env python3
"""Writes the checkpoint fixtures of EmberIOTests (Tests/EmberIOTests/Fixtures): small files made
by PyTorch, Python's safetensors and NumPy, which the tests read and compare with the values below
(the tests hold the same values as literals).

    /opt/torch-reference/bin/python Scripts/make-io-fixtures.py

Made with PyTorch 2.15, safetensors 0.8 and NumPy 2.4. Run again only to change the fixtures;
the files are committed.
"""
import json
import os

import numpy as np
import torch
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                   "Tests", "EmberIOTests", "Fixtures")
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


# 1. Every dtype that safetensors.torch writes and Ember reads, with extreme values, a 0-d tensor and
#    an empty one, and metadata with non-ASCII text and quotes.
dtypes = {
    "f32": torch.tensor([[1.5, -2.25, 3.0], [0.1, float("inf"), float("nan")]], dtype=torch.float32),
    "f64": torch.tensor([1 / 3, -1e300, 5e-324], dtype=torch.float64),
    "i32": torch.tensor([-2147483648, 0, 2147483647], dtype=torch.int32),
    "i64": torch.tensor([[-9223372036854775808], [9223372036854775807]], dtype=torch.int64),
    "bool": torch.tensor([True, False, True]),
    "f16": torch.tensor([1.0, -0.5, 65504.0, 2.0 ** -24, float("-inf")], dtype=torch.float16),
    "bf16": torch.tensor([1.0, -3.140625, 2.0 ** 100], dtype=torch.bfloat16),
    "u8": torch.tensor([0, 255, 7], dtype=torch.uint8),
    "i8": torch.tensor([-128, 127], dtype=torch.int8),
    "i16": torch.tensor([-32768, 32767], dtype=torch.int16),
    "u16": torch.tensor([0, 65535], dtype=torch.uint16),
    "u32": torch.tensor([0, 4294967295], dtype=torch.uint32),
    "scalar": torch.tensor(2.5, dtype=torch.float32),
    "empty": torch.zeros(0, 3, dtype=torch.float32),
}
save_file(dtypes, path("torch_dtypes.safetensors"), metadata={"format": "pt", "note": "ünïcödé \"quoted\"\n"})

# 2. A dtype Ember has none for.
save_file({"u64": torch.tensor([1, 2], dtype=torch.uint64)}, path("torch_uint64.safetensors"))

# 3. A file Ember must write byte for byte the same (Ember saves ["step", "bias", "weight"], the
#    order safetensors sorts them in: I64 before F32, then by name).
save_file({"weight": torch.tensor([[1.0, 2.0], [3.0, 4.0]]), "bias": torch.tensor([0.5, -0.5]),
           "step": torch.tensor(7, dtype=torch.int64)}, path("torch_small.safetensors"), metadata={"format": "pt"})

# 4. Adam, three steps on the problem of Tests/EmberOptimTests/OptimizerProblem.swift: the
#    parameters and the optimizer (in Ember's layout, see Sources/EmberIO/Safetensors+Optimizer.swift),
#    then the parameters after two more steps.
w = torch.tensor([[0.5, -1.0, 1.5], [2.0, -0.5, 0.25]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([0.1, -0.2, 0.3], dtype=torch.float64, requires_grad=True)
c = torch.tensor([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]], dtype=torch.float64)


def train(opt, n):
    for _ in range(n):
        opt.zero_grad()
        loss = (w * c).sum() + (w * w * b).sum() + (b * b * b).sum() * 0.5 + (w * w).sum()
        loss.backward()
        opt.step()


opt = torch.optim.Adam([w, b], lr=0.1, betas=(0.8, 0.9), weight_decay=0.1, amsgrad=True)
train(opt, 3)
save_file({"w": w.detach(), "b": b.detach()}, path("torch_adam_model.safetensors"))
sd = opt.state_dict()
tensors = {f"state.{i}.{name}": t for i, s in sd["state"].items() for name, t in s.items()}
save_file(tensors, path("torch_adam_optimizer.safetensors"),
          metadata={"optimizer_state_dict": "1", "param_groups": json.dumps(sd["param_groups"])})
train(opt, 2)
save_file({"w": w.detach(), "b": b.detach()}, path("torch_adam_expected.safetensors"))

# 5. NumPy: each dtype NumPy writes for Ember's, the narrower ones Ember widens, Fortran order,
#    big-endian, format 2.0, 0-d and empty arrays, and dtypes Ember cannot read.
np.save(path("f4.npy"), np.array([[1.5, -2.0, 3.25], [0.0, -0.0, 1e-3]], dtype=np.float32))
np.save(path("f8_fortran.npy"), np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3) / 4))
np.save(path("i8.npy"), np.array([-(2 ** 63), 2 ** 63 - 1, 5], dtype=np.int64))
np.save(path("i4.npy"), np.array([[-(2 ** 31)], [2 ** 31 - 1]], dtype=np.int32))
np.save(path("b1.npy"), np.array([True, False, False, True]))
np.save(path("u1.npy"), np.array([0, 200, 255], dtype=np.uint8))
np.save(path("f2.npy"), np.array([0.5, -65504.0, 2.0 ** -24], dtype=np.float16))
np.save(path("be_f8.npy"), np.array([1.0, -2.5, 1e300], dtype=">f8"))
np.save(path("scalar.npy"), np.array(3.5))
np.save(path("empty.npy"), np.zeros((0, 4), dtype=np.float32))
np.save(path("c8.npy"), np.array([1 + 2j], dtype=np.complex64))
np.save(path("object.npy"), np.array([None, "x"], dtype=object), allow_pickle=True)
with open(path("v2.npy"), "wb") as f:
    np.lib.format.write_array(f, np.array([1, 2, 3], dtype=np.int64), version=(2, 0))
# A file Ember must write byte for byte the same.
np.save(path("f8_2x3.npy"), np.arange(6, dtype=np.float64).reshape(2, 3) / 8)

# 6. .npz, stored and deflated.
arrays = {"a": np.arange(5, dtype=np.int64), "b": np.array([[True], [False]]),
          "c": np.array([[0.25, -1.0]], dtype=np.float32)}
np.savez(path("arrays.npz"), **arrays)
np.savez_compressed(path("arrays_compressed.npz"), **arrays)

for name in sorted(os.listdir(OUT)):
    print(f"{os.path.getsize(path(name)):6d}  {name}")
