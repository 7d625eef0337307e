#!/usr/bin/env python3
"""Writes Tests/EmberCoreTests/VectorMathReference.swift: PyTorch's results for every vectorized
element-wise op (issue 15), on edge values and seeded random inputs, in float32 and float64, with
the tolerance each element allows.

The tolerance follows the rule "within 1 ulp of PyTorch's result where PyTorch is itself within
1 ulp of the exact value": mpmath computes the exact value (60 digits); where PyTorch's result is
more than 1 ulp from it, Ember may be as far from PyTorch as PyTorch is from the exact value, plus
1 ulp. NaN, infinities and the sign of zero must match exactly (the test checks that).

Also writes the gradients of the fused backward kernels (x.grad after y.backward(g)).

Run with the PyTorch reference environment:  /opt/torch-reference/bin/python Scripts/vector-math-reference.py
"""
import math, struct, sys
import torch, mpmath

mpmath.mp.dps = 60
torch.manual_seed(15)

EDGES = [float("nan"), float("inf"), float("-inf"), 0.0, -0.0, 1e-40, -1e-40, 1e-8, -1e-8, 0.5, -0.5,
         1.0, -1.0, 1.5, 2.5, -2.5, 3.0, 10.0, -10.0, 20.0, 88.5, -88.5, 100.0, -100.0, 1e30, -1e30]
UNIT = [0.0, -0.0, 1e-40, 0.25, -0.25, 0.5, -0.5, 0.999, -0.999, 1.0, -1.0, 1.5, -1.5, float("nan"),
        float("inf")]


def mp(f):
    return lambda x: f(mpmath.mpf(x))


def sig(x):
    return 1 / (1 + mpmath.exp(-x))


def softplus(x, beta=1.0, threshold=20.0):
    return x if x * beta > threshold else mpmath.log1p(mpmath.exp(x * beta)) / beta


# name: (torch function, exact function or None, input kind)
OPS = {
    "exp": (torch.exp, mpmath.exp, "wide"), "exp2": (torch.exp2, lambda x: mpmath.power(2, x), "wide"),
    "expm1": (torch.expm1, mpmath.expm1, "wide"), "log": (torch.log, mpmath.log, "positive"),
    "log2": (torch.log2, lambda x: mpmath.log(x, 2), "positive"),
    "log10": (torch.log10, mpmath.log10, "positive"), "log1p": (torch.log1p, mpmath.log1p, "positive"),
    "sqrt": (torch.sqrt, mpmath.sqrt, "positive"), "rsqrt": (torch.rsqrt, lambda x: 1 / mpmath.sqrt(x), "positive"),
    "reciprocal": (torch.reciprocal, lambda x: 1 / x, "wide"),
    "sin": (torch.sin, mpmath.sin, "wide"), "cos": (torch.cos, mpmath.cos, "wide"),
    "tan": (torch.tan, mpmath.tan, "wide"), "asin": (torch.asin, mpmath.asin, "unit"),
    "acos": (torch.acos, mpmath.acos, "unit"), "atan": (torch.atan, mpmath.atan, "wide"),
    "sinh": (torch.sinh, mpmath.sinh, "wide"), "cosh": (torch.cosh, mpmath.cosh, "wide"),
    "tanh": (torch.tanh, mpmath.tanh, "wide"), "asinh": (torch.asinh, mpmath.asinh, "wide"),
    "acosh": (torch.acosh, mpmath.acosh, "positive"), "atanh": (torch.atanh, mpmath.atanh, "unit"),
    "erf": (torch.erf, mpmath.erf, "wide"), "erfc": (torch.erfc, mpmath.erfc, "wide"),
    "sigmoid": (torch.sigmoid, sig, "wide"),
    "logit": (torch.logit, lambda x: mpmath.log(x / (1 - x)), "unit"),
    "softplus": (torch.nn.functional.softplus, softplus, "wide"),
    "gelu": (torch.nn.functional.gelu, lambda x: x / 2 * (1 + mpmath.erf(x / mpmath.sqrt(2))), "wide"),
    "geluTanh": (lambda t: torch.nn.functional.gelu(t, approximate="tanh"),
                 lambda x: x / 2 * (1 + mpmath.tanh(mpmath.sqrt(2 / mpmath.pi) * (x + 0.044715 * x ** 3))), "wide"),
    "silu": (torch.nn.functional.silu, lambda x: x * sig(x), "wide"),
    "mish": (torch.nn.functional.mish, lambda x: x * mpmath.tanh(mpmath.log1p(mpmath.exp(x))), "wide"),
    "elu": (torch.nn.functional.elu, lambda x: x if x > 0 else mpmath.expm1(x), "wide"),
    "leakyRelu": (lambda t: torch.nn.functional.leaky_relu(t, 0.01), None, "wide"),
    "hardtanh": (torch.nn.functional.hardtanh, None, "wide"),
    "relu": (torch.relu, None, "wide"), "abs": (torch.abs, None, "wide"), "neg": (torch.neg, None, "wide"),
    "sign": (torch.sign, None, "wide"), "floor": (torch.floor, None, "wide"), "ceil": (torch.ceil, None, "wide"),
    "round": (torch.round, None, "wide"), "trunc": (torch.trunc, None, "wide"), "frac": (torch.frac, None, "wide"),
    "square": (torch.square, None, "wide"),
    "nanToNum": (torch.nan_to_num, None, "wide"),
    "clamp": (lambda t: torch.clamp(t, -1.0, 2.0), None, "wide"),
    "pow2.5": (lambda t: torch.pow(t, 2.5), lambda x: mpmath.power(x, 2.5), "positive"),
    "scalarPow": (lambda t: torch.pow(1.5, t), lambda x: mpmath.power(1.5, x), "wide"),
}

BINARY = {
    "pow": (torch.pow, lambda x, y: mpmath.power(x, y)),
    "atan2": (torch.atan2, mpmath.atan2),
    "fmod": (torch.fmod, None),
    "remainder": (torch.remainder, None),
    "hypot": (torch.hypot, lambda x, y: mpmath.hypot(x, y)),
}

# Ops with a fused backward kernel: name -> torch function.
BACKWARD = ["tanh", "sigmoid", "relu", "gelu", "geluTanh", "silu", "mish", "softplus", "elu", "leakyRelu",
            "sin", "cos", "tan", "sinh", "cosh", "sqrt", "rsqrt", "reciprocal", "exp2", "expm1", "log1p",
            "log2", "log10", "asin", "acos", "atan", "asinh", "acosh", "atanh", "erf", "erfc"]


def inputs(kind, dtype):
    if kind == "unit":
        rand = (torch.rand(16, dtype=torch.float64) * 1.98 - 0.99).tolist()
        return UNIT + rand
    if kind == "positive":
        rand = (torch.rand(16, dtype=torch.float64) * 50).tolist() + (torch.rand(4, dtype=torch.float64) * 1e-3).tolist()
        return [v for v in EDGES if not (v < 0 or math.copysign(1, v) < 0)] + [1.5e30, 3e-30] + rand
    rand = (torch.randn(16, dtype=torch.float64) * 4).tolist()
    return EDGES + rand


def bits(t):
    if t.dtype == torch.float32:
        return [struct.unpack("<I", struct.pack("<f", v))[0] for v in t.tolist()]
    return [struct.unpack("<Q", struct.pack("<d", v))[0] for v in t.tolist()]


def ordered(v, dtype):
    """v's position among the dtype's values (adjacent values differ by 1; -0 and +0 are both 0)."""
    if dtype == torch.float32:
        i = struct.unpack("<i", struct.pack("<f", v))[0]
        return i if i >= 0 else -(i & 0x7FFFFFFF)
    i = struct.unpack("<q", struct.pack("<d", v))[0]
    return i if i >= 0 else -(i & 0x7FFFFFFFFFFFFFFF)


def tolerance(torch_value, exact, dtype):
    """1, or PyTorch's distance in ulps from the exact value rounded to the dtype, plus 1."""
    if exact is None or not math.isfinite(torch_value):
        return 1
    try:
        rounded = torch.tensor(float(exact), dtype=torch.float64).to(dtype).item()
    except (TypeError, ValueError, OverflowError):
        return 1
    if not math.isfinite(rounded):
        return 1
    distance = abs(ordered(torch_value, dtype) - ordered(rounded, dtype))
    return 1 if distance <= 1 else distance + 1


def exact_of(f, *args):
    if f is None or any(not math.isfinite(a) for a in args):
        return None
    try:
        with mpmath.workdps(60):
            v = f(*[mpmath.mpf(a) for a in args])
        if isinstance(v, mpmath.mpc) or v is None:
            return None
        return v
    except (ValueError, ZeroDivisionError, OverflowError):
        return None


def swift_list(values):
    return "[" + ", ".join("0x%x" % v for v in values) + "]"


out = []
out.append("// Generated by Scripts/vector-math-reference.py (PyTorch %s, CPU capability %s): do not edit." %
           (torch.__version__, torch.backends.cpu.get_cpu_capability()))
out.append("// Inputs, PyTorch's results and gradients as bit patterns, with the ulps each element allows.")
out.append("")
out.append("let vectorMathUnaryCases: [VectorMathCase] = [")
for name, (f, exact, kind) in OPS.items():
    for dtype in (torch.float32, torch.float64):
        x = torch.tensor(inputs(kind, dtype), dtype=dtype)
        y = f(x)
        tol = [tolerance(float(yv), exact_of(exact, float(xv)), dtype) for xv, yv in zip(x.tolist(), y.tolist())]
        out.append('    VectorMathCase(op: "%s", dtype: .%s, inputs: %s, expected: %s, ulps: %s),' %
                   (name, "float32" if dtype == torch.float32 else "float64", swift_list(bits(x)),
                    swift_list(bits(y)), "[" + ", ".join(map(str, tol)) + "]"))
out.append("]")
out.append("")
out.append("let vectorMathBinaryCases: [VectorMathBinaryCase] = [")
for name, (f, exact) in BINARY.items():
    for dtype in (torch.float32, torch.float64):
        a = EDGES[:12] + (torch.randn(12, dtype=torch.float64) * 5).tolist()
        b = [2.0, -2.0, 0.5, 3.0, 0.0, -0.0, float("inf"), float("nan"), 1.5, -1.5, 7.0, 0.25] + \
            (torch.randn(12, dtype=torch.float64) * 3).tolist()
        if name == "pow":
            a = [abs(v) if math.isfinite(v) else v for v in a]
        x, y = torch.tensor(a, dtype=dtype), torch.tensor(b, dtype=dtype)
        z = f(x, y)
        tol = [tolerance(float(zv), exact_of(exact, float(xv), float(yv)), dtype)
               for xv, yv, zv in zip(x.tolist(), y.tolist(), z.tolist())]
        out.append('    VectorMathBinaryCase(op: "%s", dtype: .%s, lhs: %s, rhs: %s, expected: %s, ulps: %s),' %
                   (name, "float32" if dtype == torch.float32 else "float64", swift_list(bits(x)),
                    swift_list(bits(y)), swift_list(bits(z)), "[" + ", ".join(map(str, tol)) + "]"))
out.append("]")
out.append("")
out.append("let vectorMathBackwardCases: [VectorMathBackwardCase] = [")
for name in BACKWARD:
    f, exact, kind = OPS[name]
    for dtype in (torch.float32, torch.float64):
        values = [v for v in inputs(kind, dtype) if math.isfinite(v) and abs(v) < 50]
        if name in ("sqrt", "rsqrt", "reciprocal", "log1p", "log2", "log10", "acosh"):
            values = [v for v in values if v > 1e-3 and (name != "acosh" or v > 1.01)]
        x = torch.tensor(values, dtype=dtype, requires_grad=True)
        g = torch.randn(len(values), dtype=dtype)
        f(x).backward(g)
        out.append('    VectorMathBackwardCase(op: "%s", dtype: .%s, inputs: %s, gradient: %s, expected: %s),' %
                   (name, "float32" if dtype == torch.float32 else "float64", swift_list(bits(x.detach())),
                    swift_list(bits(g)), swift_list(bits(x.grad))))
out.append("]")
open(sys.argv[1] if len(sys.argv) > 1 else "Tests/EmberCoreTests/VectorMathReference.swift", "w").write("\n".join(out) + "\n")
