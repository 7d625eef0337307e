#!/usr/bin/env python3
"""Writes Tests/EmberNNTests/NormalizationReference.swift: PyTorch's results for the normalization
layers of issue 16 (BatchNorm1d/2d/3d, InstanceNorm1d/2d, GroupNorm, RMSNorm, LocalResponseNorm), their error
messages and reprs.

Each layer case builds the module, copies seeded weight and bias into it, optionally runs one
training step on a first input (so that evaluation mode sees running statistics that are not the
initial ones), then runs the checked forward on a second input in the case's mode and backward
with a seeded output gradient. It records the output, the input's, weight's and bias's gradients,
the node name of the output, and the running statistics and batch count after both steps.

Run with the PyTorch reference environment:  /opt/torch-reference/bin/python Scripts/normalization-reference.py
"""
import os
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(16)
OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "EmberNNTests", "NormalizationReference.swift")


def vals(t):
    return None if t is None else [float(v) for v in t.detach().reshape(-1).tolist()]


def lit(v):
    if v is None:
        return "nil"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "[" + ", ".join(lit(x) for x in v) + "]"


def build(kind, features, groups, shape_arg, eps, momentum, affine, track, lrn=None):
    if kind.startswith("BatchNorm"):
        return getattr(nn, kind)(features, eps=eps, momentum=momentum, affine=affine, track_running_stats=track)
    if kind.startswith("InstanceNorm"):
        return getattr(nn, kind)(features, eps=eps, momentum=momentum, affine=affine, track_running_stats=track)
    if kind == "GroupNorm":
        return nn.GroupNorm(groups, features, eps=eps, affine=affine)
    if kind == "RMSNorm":
        return nn.RMSNorm(shape_arg, eps=eps, elementwise_affine=affine)
    if kind == "LocalResponseNorm":
        return nn.LocalResponseNorm(groups, alpha=lrn[0], beta=lrn[1], k=lrn[2])
    raise ValueError(kind)


def rand(shape, scale=1.5, shift=0.3):
    return (torch.randn(shape) * scale + shift).float()


cases = []


def case(name, kind, shape, features=0, groups=0, normalized=(), eps=1e-5, momentum=0.1, affine=True,
         track=True, train_first=False, training=True, lrn=None):
    m = build(kind, features, groups, list(normalized), eps, momentum, affine, track, lrn)
    w = b = None
    if getattr(m, "weight", None) is not None:
        w = rand(m.weight.shape, 0.7, 1.0)
        with torch.no_grad():
            m.weight.copy_(w)
    if getattr(m, "bias", None) is not None:
        b = rand(m.bias.shape, 0.5, 0.0)
        with torch.no_grad():
            m.bias.copy_(b)
    first = rand(shape)
    if train_first:
        m.train()
        m(first)
    x = rand(shape, 2.0, -0.5).requires_grad_()
    g = rand(shape, 1.0, 0.2)
    m.train(training)
    y = m(x)
    node = y.grad_fn.name()
    y.backward(g)
    stat = lambda n: getattr(m, n, None)
    cases.append(dict(
        name=name, kind=kind, shape=list(shape), features=features, groups=groups, normalized=list(normalized),
        eps=eps, momentum=momentum, affine=affine, track=track, trainFirst=train_first, training=training,
        weight=vals(w), bias=vals(b), first=vals(first), input=vals(x), grad=vals(g), output=vals(y), node=node,
        inputGrad=vals(x.grad), weightGrad=vals(m.weight.grad) if w is not None else None,
        biasGrad=vals(m.bias.grad) if b is not None else None,
        runningMean=vals(stat("running_mean")), runningVar=vals(stat("running_var")),
        numBatchesTracked=int(stat("num_batches_tracked")) if stat("num_batches_tracked") is not None else None,
        repr=repr(m), keys=list(m.state_dict().keys()), lrn=list(lrn) if lrn else None))


# Batch norm: every rank, train and eval, momentum None, no affine, no running statistics.
case("bn1d 2D train", "BatchNorm1d", (4, 3), features=3)
case("bn1d 2D train twice", "BatchNorm1d", (5, 3), features=3, train_first=True)
case("bn1d 3D train", "BatchNorm1d", (3, 2, 4), features=2, train_first=True)
case("bn1d 3D eval", "BatchNorm1d", (3, 2, 4), features=2, train_first=True, training=False)
case("bn2d train", "BatchNorm2d", (2, 3, 3, 2), features=3, train_first=True)
case("bn2d eval", "BatchNorm2d", (2, 3, 3, 2), features=3, train_first=True, training=False)
case("bn2d momentum None", "BatchNorm2d", (3, 2, 2, 2), features=2, momentum=None, train_first=True)
case("bn2d momentum 0.3 eps 1e-3", "BatchNorm2d", (2, 2, 2, 3), features=2, momentum=0.3, eps=1e-3,
     train_first=True)
case("bn2d no affine", "BatchNorm2d", (2, 3, 2, 2), features=3, affine=False, train_first=True)
case("bn2d no running stats train", "BatchNorm2d", (2, 3, 2, 2), features=3, track=False)
case("bn2d no running stats eval", "BatchNorm2d", (2, 3, 2, 2), features=3, track=False, training=False)
case("bn3d train", "BatchNorm3d", (2, 2, 2, 3, 2), features=2, train_first=True)
case("bn3d eval", "BatchNorm3d", (2, 2, 2, 3, 2), features=2, train_first=True, training=False)
# Instance norm: batched and unbatched, affine, running statistics in both modes.
case("in1d", "InstanceNorm1d", (2, 3, 4), features=3, momentum=0.1, affine=False, track=False)
case("in1d unbatched affine", "InstanceNorm1d", (3, 5), features=3, affine=True, track=False)
case("in1d running stats train", "InstanceNorm1d", (3, 2, 4), features=2, affine=True, track=True,
     train_first=True)
case("in2d", "InstanceNorm2d", (2, 3, 2, 3), features=3, affine=False, track=False)
case("in2d affine running stats eval", "InstanceNorm2d", (2, 2, 3, 2), features=2, affine=True, track=True,
     train_first=True, training=False)
# Group norm.
case("gn 2 groups", "GroupNorm", (2, 4, 3), features=4, groups=2)
case("gn 1 group 4D", "GroupNorm", (2, 3, 2, 2), features=3, groups=1, eps=1e-3)
case("gn per channel no affine", "GroupNorm", (3, 2, 4), features=2, groups=2, affine=False)
case("gn 2D input", "GroupNorm", (3, 6), features=6, groups=2)
# RMSNorm.
case("rms default eps", "RMSNorm", (3, 4), normalized=(4,), eps=None)
case("rms two dims", "RMSNorm", (2, 2, 3), normalized=(2, 3), eps=1e-6)
case("rms no affine", "RMSNorm", (2, 5), normalized=(5,), eps=None, affine=False)
# Local response norm (size in `groups`, [alpha, beta, k] in `lrn`): 3-D, 4-D, an even size, a
# size past the channels.
case("lrn 3D", "LocalResponseNorm", (2, 4, 3), groups=3, lrn=(1e-4, 0.75, 1.0))
case("lrn 4D even size", "LocalResponseNorm", (2, 5, 2, 3), groups=2, lrn=(0.5, 0.6, 2.0))
case("lrn size past channels", "LocalResponseNorm", (1, 3, 2, 2, 2), groups=7, lrn=(0.3, 1.2, 0.5))

# Errors: (key, kind, message), the Swift test runs the matching line.
errors = []


def err(key, f):
    try:
        f()
        errors.append((key, "", ""))
    except Exception as e:
        errors.append((key, type(e).__name__, str(e).splitlines()[0]))


err("bn1d 4D", lambda: nn.BatchNorm1d(3)(torch.randn(2, 3, 4, 5)))
err("bn1d 1D", lambda: nn.BatchNorm1d(3)(torch.randn(3)))
err("bn2d 3D", lambda: nn.BatchNorm2d(3)(torch.randn(2, 3, 4)))
err("bn3d 4D", lambda: nn.BatchNorm3d(3)(torch.randn(2, 3, 4, 4)))
err("bn one value", lambda: nn.BatchNorm1d(3)(torch.randn(1, 3)))
err("bn one value 4D", lambda: nn.BatchNorm2d(3)(torch.randn(1, 3, 1, 1)))
err("bn channels", lambda: nn.BatchNorm1d(3)(torch.randn(2, 4)))
err("bn eval no stats", lambda: F.batch_norm(torch.randn(2, 3), None, None, training=False))
err("bn eval no var", lambda: F.batch_norm(torch.randn(2, 3), torch.zeros(3), None, training=False))
err("bn weight size", lambda: F.batch_norm(torch.randn(2, 3), torch.zeros(3), torch.ones(3), torch.ones(4)))
err("bn bias size", lambda: F.batch_norm(torch.randn(2, 3), torch.zeros(3), torch.ones(3), None, torch.ones(2)))
err("bn eps zero", lambda: F.batch_norm(torch.randn(2, 3), None, None, training=True, eps=0.0))
err("bn eps negative", lambda: F.batch_norm(torch.randn(2, 3), torch.zeros(3), torch.ones(3), eps=-1.0))
err("bn long", lambda: F.batch_norm(torch.ones(2, 3, dtype=torch.long), None, None, training=True))
err("bn mixed dtype", lambda: F.batch_norm(torch.randn(2, 3).double(), torch.zeros(3), torch.ones(3)))
err("gn divisible", lambda: nn.GroupNorm(3, 4))
err("gn input channels", lambda: nn.GroupNorm(2, 4)(torch.randn(2, 3, 4)))
err("gn 1D", lambda: nn.GroupNorm(2, 4)(torch.randn(4)))
err("gn one value", lambda: F.group_norm(torch.randn(1, 4), 4))
err("gn weight", lambda: F.group_norm(torch.randn(2, 4), 2, torch.ones(3)))
err("gn long", lambda: F.group_norm(torch.ones(2, 4, dtype=torch.long), 2))
err("in1d 4D", lambda: nn.InstanceNorm1d(3)(torch.randn(2, 3, 4, 5)))
err("in2d 2D", lambda: nn.InstanceNorm2d(3)(torch.randn(3, 4)))
err("in one spatial", lambda: nn.InstanceNorm1d(3)(torch.randn(2, 3, 1)))
err("in affine channels", lambda: nn.InstanceNorm2d(3, affine=True)(torch.randn(2, 4, 3, 3)))
err("in eval no stats", lambda: F.instance_norm(torch.randn(2, 3, 4), use_input_stats=False))
err("rms shape", lambda: F.rms_norm(torch.randn(2, 3), (4,)))
err("rms shape 2", lambda: F.rms_norm(torch.randn(2, 3), (2, 2)))
err("rms weight", lambda: F.rms_norm(torch.randn(2, 3), (3,), torch.ones(2)))
err("rms long", lambda: F.rms_norm(torch.ones(2, 3, dtype=torch.long), (3,)))
err("lrn 2D", lambda: F.local_response_norm(torch.randn(2, 3), 2))
err("lrn size 0", lambda: F.local_response_norm(torch.randn(2, 3, 4), 0))

# Reprs of layers built with other arguments.
reprs = [
    ("BatchNorm2d(3)", repr(nn.BatchNorm2d(3))),
    ("BatchNorm3d(3, momentum=None, affine=False)", repr(nn.BatchNorm3d(3, momentum=None, affine=False))),
    ("BatchNorm1d(4, eps=0.001, bias=False)", repr(nn.BatchNorm1d(4, eps=0.001, bias=False))),
    ("GroupNorm(2, 4)", repr(nn.GroupNorm(2, 4))),
    ("GroupNorm(1, 3, eps=1e-06, affine=False)", repr(nn.GroupNorm(1, 3, eps=1e-06, affine=False))),
    ("InstanceNorm2d(3)", repr(nn.InstanceNorm2d(3))),
    ("InstanceNorm1d(3, affine=True, track_running_stats=True)",
     repr(nn.InstanceNorm1d(3, affine=True, track_running_stats=True))),
    ("RMSNorm(4)", repr(nn.RMSNorm(4))),
    ("LocalResponseNorm(3)", repr(nn.LocalResponseNorm(3))),
    ("RMSNorm([2, 3], eps=1e-06, elementwise_affine=False)",
     repr(nn.RMSNorm([2, 3], eps=1e-06, elementwise_affine=False))),
]

# Second order of batch norm in training mode, float64.
x2 = torch.tensor([[0.3, -1.2], [2.0, 1.1], [0.4, -0.7]], dtype=torch.float64, requires_grad=True)
w2 = torch.tensor([1.2, -0.8], dtype=torch.float64, requires_grad=True)
b2 = torch.tensor([0.1, -0.2], dtype=torch.float64, requires_grad=True)
y2 = F.batch_norm(x2, None, None, w2, b2, training=True)
gx2, = torch.autograd.grad((y2 * y2 * y2).sum(), x2, create_graph=True)
(gx2 * torch.tensor([[1.0, -2.0], [0.5, 3.0], [0.0, -1.0]], dtype=torch.float64)).sum().backward()
second_order = [("inputGrad", vals(gx2)), ("inputGradGrad", vals(x2.grad)), ("weightGradGrad", vals(w2.grad))]

FIELDS = [("name", "String"), ("kind", "String"), ("shape", "[Int]"), ("features", "Int"), ("groups", "Int"),
          ("normalized", "[Int]"), ("eps", "Double?"), ("momentum", "Double?"), ("affine", "Bool"),
          ("track", "Bool"), ("trainFirst", "Bool"), ("training", "Bool"), ("weight", "[Double]?"),
          ("bias", "[Double]?"), ("first", "[Double]"), ("input", "[Double]"), ("grad", "[Double]"),
          ("output", "[Double]"), ("node", "String"), ("inputGrad", "[Double]"), ("weightGrad", "[Double]?"),
          ("biasGrad", "[Double]?"), ("runningMean", "[Double]?"), ("runningVar", "[Double]?"),
          ("numBatchesTracked", "Int?"), ("repr", "String"), ("keys", "[String]"),
          ("lrn", "[Double]?")]

lines = [
    "// NormalizationReference.swift",
    "//",
    "// Generated by Scripts/normalization-reference.py from PyTorch " + torch.__version__.split("+")[0]
    + "; do not edit.",
    "",
    "/// One normalization layer case: the layer, its inputs, and what PyTorch computed.",
    "struct NormCase: Sendable, CustomStringConvertible {",
]
lines += [f"    let {n}: {t}" for n, t in FIELDS]
lines += ["    var description: String { name }", "}", "", "enum NormalizationReference {",
          "    static let cases: [NormCase] = ["]
for c in cases:
    lines.append("        NormCase(")
    lines.append(",\n".join(f"            {n}: {lit(c[n])}" for n, _ in FIELDS) + "),")
lines += ["    ]", "", "    /// Error kind (`\"\"` for none) and message by case key.",
          "    static let errors: [String: (kind: String, message: String)] = ["]
lines += [f"        {lit(k)}: ({lit(kind)}, {lit(msg)})," for k, kind, msg in errors]
lines += ["    ]", "", "    /// The repr of each layer, keyed by the Python constructor call.",
          "    static let reprs: [String: String] = ["]
lines += [f"        {lit(k)}: {lit(v)}," for k, v in reprs]
lines += ["    ]", "}", "", "/// Batch norm's gradients to second order (see the script).", "enum NormalizationSecondOrder {"]
lines += [f"    static let {k}: [Double] = {lit(v)}" for k, v in second_order]
lines += ["}", ""]
with open(OUT, "w") as f:
    f.write("\n".join(lines))
print("wrote", os.path.normpath(OUT), len(cases), "cases,", len(errors), "errors")
