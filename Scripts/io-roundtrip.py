#!/usr/bin/env python3
"""The Python side of EmberIOTests' round trip (`pythonRoundTrip`), run by the test with the
interpreter named in EMBER_PYTHON (.ci/run makes a venv with numpy and safetensors; locally
/opt/torch-reference/bin/python, which has PyTorch too):

    python Scripts/io-roundtrip.py DIR

Checks the files Ember wrote in DIR (ember.safetensors, ember_optimizer.safetensors, ember.npy,
ember.npz, ember_compressed.npz) with safetensors and NumPy, and with PyTorch where it is
installed, then writes python.safetensors, python.npy and python.npz there for Ember to read.
The values on both sides are the ones below; the test holds the same. Prints what differs and
exits 1 on a mismatch.
"""
import json
import os
import sys

import numpy as np
from safetensors import safe_open
from safetensors.numpy import load_file, save_file

try:
    import torch
    import safetensors.torch
except ImportError:
    torch = None

DIR = sys.argv[1]
failures = []


def check(what, ok):
    if not ok:
        failures.append(what)


def same(what, got, expected):
    ok = (got.dtype == expected.dtype and got.shape == expected.shape
          and np.array_equal(got, expected, equal_nan=got.dtype.kind == "f"))
    check(f"{what}: got {got.dtype} {got.shape} {got!r}, expected {expected.dtype} {expected.shape} {expected!r}", ok)


def p(name):
    return os.path.join(DIR, name)


# What Ember wrote.
expected = {
    "f32": (np.arange(6, dtype=np.float32).reshape(2, 3) * np.float32(0.5)),
    "f64": np.array([1 / 3, -2.5, np.inf], dtype=np.float64),
    "i32": np.array([-7, 8], dtype=np.int32),
    "i64": np.array([[2 ** 40]], dtype=np.int64),
    "bool": np.array([True, False]),
    "scalar": np.array(4.25, dtype=np.float32),
    "empty": np.zeros((0, 2), dtype=np.float32),
}
got = load_file(p("ember.safetensors"))
check(f"ember.safetensors names {sorted(got)}", sorted(got) == sorted(expected))
for name, value in expected.items():
    if name in got:
        same(f"ember.safetensors[{name}]", got[name], value)
with safe_open(p("ember.safetensors"), framework="np") as f:
    meta = f.metadata()
check(f"ember.safetensors metadata {meta!r}", meta == {"epoch": "3", "note": "héllo \"x\""})
if torch is not None:
    t = safetensors.torch.load_file(p("ember.safetensors"))
    check("torch reads ember.safetensors", t["f32"].dtype == torch.float32 and t["bool"].dtype == torch.bool
          and t["i64"].tolist() == [[2 ** 40]] and t["scalar"].shape == ())

with safe_open(p("ember_optimizer.safetensors"), framework="np") as f:
    groups = json.loads(f.metadata()["param_groups"])
    names = sorted(f.keys())
check(f"optimizer param_groups {groups!r}",
      groups == [{"amsgrad": True, "betas": [0.8, 0.9], "decoupled_weight_decay": False, "eps": 1e-08, "lr": 0.1,
                  "maximize": False, "params": [0, 1], "weight_decay": 0.1}])
check(f"optimizer tensors {names}", names == [f"state.{i}.{n}" for i in (0, 1)
                                              for n in ("exp_avg", "exp_avg_sq", "max_exp_avg_sq", "step")])
if torch is not None:
    # The file loads into PyTorch's Adam as the docs say.
    w = torch.zeros(2, 3, dtype=torch.float64, requires_grad=True)
    b = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([w, b])
    with safe_open(p("ember_optimizer.safetensors"), framework="pt") as f:
        state = {}
        for key in f.keys():
            _, index, name = key.split(".", 2)
            state.setdefault(int(index), {})[name] = f.get_tensor(key)
        groups = json.loads(f.metadata()["param_groups"])
    opt.load_state_dict({"state": state, "param_groups": groups})
    check("torch Adam options", list(opt.param_groups[0]["betas"]) == [0.8, 0.9] and opt.param_groups[0]["amsgrad"])

same("ember.npy", np.load(p("ember.npy")), np.arange(12, dtype=np.float64).reshape(3, 4) / 8)
for name in ("ember.npz", "ember_compressed.npz"):
    with np.load(p(name)) as z:
        check(f"{name} names {z.files}", z.files == ["a", "b"])
        same(f"{name}[a]", z["a"], np.arange(5, dtype=np.int64))
        same(f"{name}[b]", z["b"], np.array([[True], [False]]))

# What Ember reads back.
save_file({"x": np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32), "n": np.array([-3, 9], dtype=np.int64),
           "h": np.array([0.5, -2.0], dtype=np.float16)}, p("python.safetensors"), metadata={"from": "python"})
np.save(p("python.npy"), np.asfortranarray(np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int32)))
np.savez_compressed(p("python.npz"), first=np.array([True, False]), second=np.array([[2.5]], dtype=np.float64))

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("io-roundtrip: all checks passed")
