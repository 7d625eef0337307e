#!/usr/bin/env python3
"""The workloads of ember-bench, in PyTorch: the reference side of the comparison.

    python torch_reference.py [--json] [--quick] [--filter SUBSTRING] [--list] [--device cpu|cuda]

Same workload names, units, timing and output as ember-bench (Benchmarks/EmberBench), so the two
sides' rows pair up: a table by default, or with --json one JSON object per line,
{"name": ..., "value": ..., "unit": ...}. Lower is better for ns/op, us/iter and ms/iter; higher
is better for GFLOP/s and GB/s. The workloads are described in Benchmarks/README.md.

Needs torch (and numpy, which torch's CPU paths import); compare.py runs this script in a virtual
environment it sets up itself. PyTorch uses as many threads as Ember does by default, one per core
(OMP_NUM_THREADS=N and EMBER_NUM_THREADS=N change either side).

With --device cuda, as ember-bench --device cuda: matmul_1024, add_16M, conv2d_resnet_block and
mlp_wide_train_step run with their tensors and modules moved to the GPU (made on the CPU from the
same seed, then moved), torch.cuda.synchronize() runs before each reading of the clock, and the
other workloads are reported as not available there. Where CUDA cannot be used, it exits 1 with
PyTorch's own error.
"""
import json
import math
import statistics
import sys
import time

import torch

USAGE = """usage: torch_reference.py [--json] [--quick] [--filter SUBSTRING] [--list] [--device cpu|cuda]

  --json               print one JSON object per line: {"name": ..., "value": ..., "unit": ...}
  --quick              short measurements (for CI)
  --filter SUBSTRING   run only the workloads whose name contains SUBSTRING
  --list               print the workload names and units and exit
  --device DEVICE      run on cpu (default) or cuda (matmul_1024, add_16M,
                       conv2d_resnet_block and mlp_wide_train_step)
  -h, --help           print this help
"""


def parse_options(argv):
    options = {"json": False, "quick": False, "filter": "", "list": False, "device": "cpu"}
    rest = list(argv)
    while rest:
        argument = rest.pop(0)
        if argument in ("--json", "--quick", "--list"):
            options[argument[2:]] = True
        elif argument in ("--filter", "--device"):
            if not rest:
                sys.exit(f"torch_reference.py: {argument} needs a value\n{USAGE}")
            options[argument[2:]] = rest.pop(0)
        elif argument.startswith(("--filter=", "--device=")):
            name, value = argument[2:].split("=", 1)
            options[name] = value
        elif argument in ("-h", "--help"):
            print(USAGE, end="")
            sys.exit(0)
        else:
            sys.stderr.write(f"torch_reference.py: unknown argument '{argument}'\n{USAGE}")
            sys.exit(2)
    return options


OPTIONS = parse_options(sys.argv[1:])
MIN_TIME = 0.05 if OPTIONS["quick"] else 0.5
REPEATS = 5
DEVICE = torch.device(OPTIONS["device"])
# Waits for the device's queued kernels before each reading of the clock (nothing on the CPU).
SYNCHRONIZE = torch.cuda.synchronize if DEVICE.type == "cuda" else (lambda: None)


# MARK: - Timing (as ember-bench's Harness.swift)

def timeit(fn):
    """One warm-up call; the batch size doubles from 1 until a batch takes longer than
    MIN_TIME / REPEATS; then REPEATS batches of that size are timed. Returns the median seconds per
    call, the calls per batch and the per-batch samples. On CUDA the device is synchronized before
    each reading of the clock."""
    fn()
    n = 1
    while True:
        SYNCHRONIZE()
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        SYNCHRONIZE()
        if time.perf_counter() - t0 > MIN_TIME / REPEATS:
            break
        n *= 2
    samples = []
    for _ in range(REPEATS):
        SYNCHRONIZE()
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        SYNCHRONIZE()
        samples.append((time.perf_counter() - t0) / n)
    return statistics.median(samples), n, samples


# MARK: - Metrics: how a time per call becomes the reported figure

def ns_per_op(s): return s * 1e9
def us_per_iter(s): return s * 1e6
def ms_per_iter(s): return s * 1e3
def gflops(flops): return lambda s: flops / s / 1e9
def gbytes(nbytes): return lambda s: nbytes / s / 1e9


WORKLOADS = []  # (name, unit, figure, setup), in ember-bench's order
# The workloads that also run with --device cuda (ember-bench's `onAnyDevice:` workloads); their
# setups move what they make to DEVICE, which is a no-op on the CPU.
ANY_DEVICE = {"matmul_1024", "add_16M", "conv2d_resnet_block", "mlp_wide_train_step"}


def workload(name, unit, figure):
    """Registers `setup`, which runs once untimed and returns the operation to time."""
    def register(setup):
        WORKLOADS.append((name, unit, figure, setup))
        return setup
    return register


def runs_on(name, device):
    """Whether a workload runs on `device` (every one on the CPU; ANY_DEVICE's on CUDA)."""
    return device.type == "cpu" or name in ANY_DEVICE


# MARK: - Workloads (names, units and formulas as in ember-bench)

@workload("add_small", "ns/op", ns_per_op)
def _():
    a, b = torch.randn(4), torch.randn(4)
    return lambda: a + b


@workload("autograd_small", "us/iter", us_per_iter)
def _():
    a, b = torch.randn(4, requires_grad=True), torch.randn(4, requires_grad=True)
    return lambda: (a * b + a).sum().backward()


@workload("chain_1000_backward", "ms/iter", ms_per_iter)
def _():
    x = torch.randn(16, requires_grad=True)
    def step():
        y = x
        for _ in range(1000):
            y = y * 1.0001 + 0.0001
        y.sum().backward()
    return step


for _n in (64, 256, 1024):
    @workload(f"matmul_{_n}", "GFLOP/s", gflops(2 * _n ** 3))
    def _(n=_n):
        a, b = torch.randn(n, n).to(DEVICE), torch.randn(n, n).to(DEVICE)
        return lambda: a.matmul(b)


@workload("bmm_32x128", "GFLOP/s", gflops(2 * 32 * 128 ** 3))
def _():
    a, b = torch.randn(32, 128, 128), torch.randn(32, 128, 128)
    return lambda: torch.bmm(a, b)


@workload("add_16M", "GB/s", gbytes(3 * 4 * (1 << 24)))
def _():
    a, b = torch.randn(1 << 24).to(DEVICE), torch.randn(1 << 24).to(DEVICE)
    return lambda: a + b


@workload("add_transposed_4096", "GB/s", gbytes(3 * 4 * 4096 * 4096))
def _():
    a, b = torch.randn(4096, 4096), torch.randn(4096, 4096)
    return lambda: a + b.t()


@workload("exp_16M", "GB/s", gbytes(2 * 4 * (1 << 24)))
def _():
    a = torch.randn(1 << 24)
    return lambda: a.exp()


for _op in ("tanh", "sigmoid", "gelu", "relu", "log"):
    @workload(f"{_op}_16M", "GB/s", gbytes(2 * 4 * (1 << 24)))
    def _(op=_op):
        a = torch.randn(1 << 24)
        if op == "log":
            a = a.abs() + 0.1
        f = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "gelu": torch.nn.functional.gelu,
             "relu": torch.relu, "log": torch.log}[op]
        return lambda: f(a)


# The per-op table of Benchmarks/README.md (op_<name>_16M), run only when the filter asks for it
# (see Workloads+OpTable.swift).
OP_TABLE = []


def _op_input(kind):
    if kind == "normal":
        return torch.randn(1 << 24)
    if kind == "positive":
        return torch.randn(1 << 24).abs() + 0.1
    if kind == "symmetric_unit":
        return torch.rand(1 << 24) * 1.98 - 0.99
    return torch.rand(1 << 24) * 0.98 + 0.01


F = torch.nn.functional
for _name, _kind, _f in [
        ("exp", "normal", torch.exp), ("exp2", "normal", torch.exp2), ("expm1", "normal", torch.expm1),
        ("log", "positive", torch.log), ("log2", "positive", torch.log2), ("log10", "positive", torch.log10),
        ("log1p", "positive", torch.log1p), ("sqrt", "positive", torch.sqrt), ("rsqrt", "positive", torch.rsqrt),
        ("reciprocal", "normal", torch.reciprocal), ("sin", "normal", torch.sin), ("cos", "normal", torch.cos),
        ("tan", "normal", torch.tan), ("asin", "symmetric_unit", torch.asin), ("acos", "symmetric_unit", torch.acos),
        ("atan", "normal", torch.atan), ("sinh", "normal", torch.sinh), ("cosh", "normal", torch.cosh),
        ("tanh", "normal", torch.tanh), ("asinh", "normal", torch.asinh), ("acosh", "positive", lambda t: (t + 1).acosh()),
        ("atanh", "symmetric_unit", torch.atanh), ("erf", "normal", torch.erf), ("erfc", "normal", torch.erfc),
        ("erfinv", "symmetric_unit", torch.erfinv), ("sigmoid", "normal", torch.sigmoid), ("logit", "unit", torch.logit),
        ("softplus", "normal", F.softplus), ("gelu", "normal", F.gelu),
        ("gelu_tanh", "normal", lambda t: F.gelu(t, approximate="tanh")), ("silu", "normal", F.silu),
        ("mish", "normal", F.mish), ("elu", "normal", F.elu), ("leaky_relu", "normal", F.leaky_relu),
        ("hardtanh", "normal", F.hardtanh), ("relu", "normal", torch.relu), ("abs", "normal", torch.abs),
        ("neg", "normal", torch.neg), ("sign", "normal", torch.sign), ("floor", "normal", torch.floor),
        ("ceil", "normal", torch.ceil), ("round", "normal", torch.round), ("trunc", "normal", torch.trunc),
        ("frac", "normal", torch.frac), ("square", "normal", torch.square), ("nan_to_num", "normal", torch.nan_to_num),
        ("clamp", "normal", lambda t: t.clamp(-0.5, 0.5)), ("pow_2.5", "positive", lambda t: t.pow(2.5))]:
    def _setup(kind=_kind, f=_f):
        a = _op_input(kind)
        return lambda: f(a)
    OP_TABLE.append((f"op_{_name}_16M", "GB/s", gbytes(2 * 4 * (1 << 24)), _setup))
for _name, _f in [("pow", torch.pow), ("atan2", torch.atan2), ("fmod", torch.fmod),
                  ("remainder", torch.remainder), ("hypot", torch.hypot)]:
    def _setup(f=_f):
        a, b = torch.randn(1 << 24).abs() + 0.1, torch.randn(1 << 24)
        return lambda: f(a, b)
    OP_TABLE.append((f"op_{_name}_16M", "GB/s", gbytes(3 * 4 * (1 << 24)), _setup))


@workload("sum_16M", "GB/s", gbytes(4 * (1 << 24)))
def _():
    a = torch.randn(1 << 24)
    return lambda: a.sum()


@workload("sum_dim0_4096", "GB/s", gbytes(4 * 4096 * 4096))
def _():
    a = torch.randn(4096, 4096)
    return lambda: a.sum(dim=0)


def train_step(model, optimizer, x, loss_of):
    def step():
        loss = loss_of(model(x))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return step


def seed_mlp(make_optimizer):
    n, d_in, hidden, d_out = 64, 1000, 100, 10
    x, y = torch.randn(n, d_in), torch.randn(n, d_out)
    model = torch.nn.Sequential(torch.nn.Linear(d_in, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, d_out))
    loss_fn = torch.nn.MSELoss(reduction="sum")
    return train_step(model, make_optimizer(model.parameters()), x, lambda out: loss_fn(out, y))


@workload("mlp_seed_adam_step", "us/iter", us_per_iter)
def _():
    return seed_mlp(lambda p: torch.optim.Adam(p, lr=1e-4))


@workload("mlp_seed_sgd_momentum_step", "us/iter", us_per_iter)
def _():
    return seed_mlp(lambda p: torch.optim.SGD(p, lr=1e-4, momentum=0.9))


@workload("mlp_wide_train_step", "us/iter", us_per_iter)
def _():
    x, y = torch.randn(256, 784).to(DEVICE), torch.randint(0, 10, (256,)).to(DEVICE)
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(), torch.nn.Linear(512, 512),
                                torch.nn.ReLU(), torch.nn.Linear(512, 10)).to(DEVICE)
    loss_fn = torch.nn.CrossEntropyLoss()
    return train_step(model, torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9), x,
                      lambda out: loss_fn(out, y))


@workload("optim_many_small_adam", "us/iter", us_per_iter)
def _():
    # optimizer.step() alone over 200 parameters of 64 elements (the per-parameter overhead).
    params = [torch.randn(64, requires_grad=True) for _ in range(200)]
    for p in params:
        p.grad = torch.randn(64)
    return torch.optim.Adam(params, lr=1e-3).step


@workload("conv2d_resnet_block", "ms/iter", ms_per_iter)
def _():
    conv = torch.nn.Conv2d(64, 64, 3, padding=1).to(DEVICE)
    x = torch.randn(16, 64, 32, 32).to(DEVICE).requires_grad_()
    return lambda: conv(x).sum().backward()


@workload("lstm_seq", "ms/iter", ms_per_iter)
def _():
    lstm = torch.nn.LSTM(128, 256)
    x = torch.randn(64, 32, 128, requires_grad=True)
    return lambda: lstm(x)[0].sum().backward()


@workload("attention_block", "ms/iter", ms_per_iter)
def _():
    layer = torch.nn.TransformerEncoderLayer(256, 8, dim_feedforward=1024, dropout=0.0, batch_first=True)
    x = torch.randn(32, 64, 256, requires_grad=True)
    return lambda: layer(x).sum().backward()


@workload("digits_cnn_step", "us/iter", us_per_iter)
def _():
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.BatchNorm2d(16), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(32 * 2 * 2, 10))
    x, y = torch.randn(64, 1, 8, 8), torch.randint(0, 10, (64,))
    loss_fn = torch.nn.CrossEntropyLoss()
    return train_step(model, torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9), x,
                      lambda out: loss_fn(out, y))


# MARK: - Output (as ember-bench prints it)

def json_number(value):
    """Rounded to 4 decimals, keeping at least 5 significant digits for small values."""
    if not math.isfinite(value):
        return None
    if value == 0:
        return 0.0
    magnitude = math.floor(math.log10(abs(value)))
    return round(value, min(max(4, 4 - magnitude), 15))


def table_number(value):
    if not math.isfinite(value) or value == 0:
        return str(value)
    magnitude = math.floor(math.log10(abs(value)))
    return f"{value:.{min(max(3, 3 - magnitude), 12)}f}"


def readable_duration(seconds):
    if seconds < 1e-6:
        return f"{seconds * 1e9:.1f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def main():
    # The per-op table runs only when the filter asks for its rows.
    candidates = WORKLOADS + (OP_TABLE if OPTIONS["filter"].startswith("op_") else [])
    matching = [w for w in candidates if OPTIONS["filter"] in w[0]]
    selected = [w for w in matching if runs_on(w[0], DEVICE)]
    unavailable = [w[0] for w in matching if not runs_on(w[0], DEVICE)]
    note = f" (not available on {DEVICE}: {', '.join(unavailable)})" if unavailable else ""
    if OPTIONS["list"]:
        for name, unit, _, _ in selected:
            print(f"{name:28} {unit}")
        return 0
    on_device = ""
    if DEVICE.type != "cpu":
        try:  # PyTorch's own error where the device cannot be used
            torch.zeros(1).to(DEVICE)
            SYNCHRONIZE()
            on_device = f", on {DEVICE} ({torch.cuda.get_device_name(DEVICE)}; synchronized before each clock reading)"
        except (AssertionError, RuntimeError) as error:
            sys.stderr.write(f"torch_reference.py: {type(error).__name__}: {error}\n")
            return 1
    if not selected:
        sys.stderr.write(f"torch_reference.py: no workload matches '{OPTIONS['filter']}'{note}\n")
        return 0
    if not OPTIONS["json"]:
        print(f"torch_reference.py{' --quick' if OPTIONS['quick'] else ''}: median of {REPEATS} batches after a "
              f"warm-up, {MIN_TIME:g} s of batches per workload, {torch.get_num_threads()} threads, "
              f"torch {torch.__version__}{on_device}")
        print(f"{'workload':28} {'value':>14} {'unit':8} {'time/call':>11} {'calls/batch':>11} {'spread':>7}")
    status = 0
    for name, unit, figure, setup in selected:
        # Each workload starts from the same random numbers, whatever ran before it.
        torch.manual_seed(0)
        try:
            seconds, calls, samples = timeit(setup())
        except Exception as error:  # a failed workload fails the run, the others still run
            sys.stderr.write(f"torch_reference.py: {name} failed: {error}\n")
            status = 1
            continue
        value = figure(seconds)
        if OPTIONS["json"]:
            print(json.dumps({"name": name, "value": json_number(value), "unit": unit}), flush=True)
        else:
            spread = (max(samples) - min(samples)) / seconds * 100 if seconds > 0 else 0
            print(f"{name:28} {table_number(value):>14} {unit:8} {readable_duration(seconds):>11} "
                  f"{calls:>11} {spread:>6.1f}%", flush=True)
    if OPTIONS["json"]:
        if note:
            sys.stderr.write(f"torch_reference.py:{note}\n")
    else:
        for name in unavailable:
            print(f"{name:28} not available on {DEVICE}")
    return status


if __name__ == "__main__":
    sys.exit(main())
