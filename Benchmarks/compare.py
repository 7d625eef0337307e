#!/usr/bin/env python3
"""Ember against PyTorch on this machine, in one run: the table of Benchmarks/README.md.

    python3 Benchmarks/compare.py [--quick] [--filter SUBSTRING] [--rounds N]
                                  [--venv PATH] [--bench COMMAND] [--device cpu|cuda]

Builds ember-bench in release mode, then runs it and torch_reference.py (beside this file)
alternately, round by round (a shared machine's speed drifts, so neither side gets the quiet
minutes), keeps each side's median per workload, and prints one row per workload: both figures,
the speedup (above 1 means Ember is faster) and the goal from goals.json beside this file.

--quick            short measurements (one round unless --rounds says otherwise)
--filter TEXT      only the workloads whose name contains TEXT
--rounds N         rounds to alternate (default 3, or 1 with --quick)
--venv PATH        the virtual environment holding torch and numpy (default: $EMBER_BENCH_VENV, else
                   Benchmarks/.venv, which git ignores). Created, and torch and numpy installed into
                   it with pip, the first time (a few minutes; PyPI's torch takes about 5 GB, or set
                   $EMBER_BENCH_TORCH_INDEX, e.g. https://download.pytorch.org/whl/cpu, for the
                   smaller CPU-only wheels). A PATH whose python already imports torch is used as is.
--bench COMMAND    the Ember side's command, run with --json added (default: the release-built
                   ember-bench, built first with `swift build -c release --product ember-bench`)
--device DEVICE    cpu (default) or cuda: both sides run matmul_1024, add_16M, conv2d_resnet_block
                   and mlp_wide_train_step on the GPU, synchronizing before each clock reading. The
                   venv's torch must be a CUDA build; the goals (CPU goals) are not shown

Needs python3 with its venv module (Debian: apt-get install python3-venv) and Swift. The exit status
is 0 whatever the figures: the table is the result.
"""
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
USAGE = __doc__.split("\n\n")[1]


def parse_options(argv):
    options = {"quick": False, "filter": "", "rounds": None, "bench": None, "device": "cpu",
               "venv": os.environ.get("EMBER_BENCH_VENV") or os.path.join(HERE, ".venv")}
    rest = list(argv)
    while rest:
        argument = rest.pop(0)
        if argument == "--quick":
            options["quick"] = True
        elif argument in ("--filter", "--rounds", "--venv", "--bench", "--device"):
            if not rest:
                sys.exit(f"compare.py: {argument} needs a value\nusage:{USAGE}")
            options[argument[2:]] = rest.pop(0)
        elif argument in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        else:
            sys.exit(f"compare.py: unknown argument '{argument}'\nusage:{USAGE}")
    options["rounds"] = int(options["rounds"] or (1 if options["quick"] else 3))
    if options["device"].split(":")[0] not in ("cpu", "cuda"):
        sys.exit(f"compare.py: --device must be cpu or cuda, not '{options['device']}'\nusage:{USAGE}")
    return options


def log(message):
    sys.stderr.write(f"compare.py: {message}\n")
    sys.stderr.flush()


def torch_python(venv):
    """The venv's python, after installing torch and numpy into it if it cannot import them."""
    python = os.path.join(venv, "bin", "python")
    check = [python, "-c", "import torch, numpy"]
    if os.path.exists(python) and subprocess.run(check, capture_output=True).returncode == 0:
        return python
    if not os.path.exists(python):
        log(f"creating a virtual environment in {venv}")
        if subprocess.run([sys.executable, "-m", "venv", venv]).returncode != 0:
            sys.exit(f"compare.py: could not create a virtual environment in {venv} "
                     f"(Debian: apt-get install python3-venv)")
    install = [python, "-m", "pip", "install", "--quiet", "torch", "numpy"]
    index = os.environ.get("EMBER_BENCH_TORCH_INDEX")
    if index:
        install += ["--index-url", index, "--extra-index-url", "https://pypi.org/simple"]
    log("installing torch and numpy (once; a few minutes)")
    if subprocess.run(install, stdout=sys.stderr).returncode != 0 or subprocess.run(check).returncode != 0:
        sys.exit(f"compare.py: could not install torch and numpy into {venv}; "
                 f"install them there yourself, or pass --venv with an environment that has them")
    return python


def ember_command(bench):
    """The Ember side's command; builds ember-bench in release mode unless --bench names one."""
    if bench:
        return shlex.split(bench)
    log("building ember-bench (swift build -c release --product ember-bench)")
    subprocess.run(["swift", "build", "-c", "release", "--product", "ember-bench"], cwd=ROOT, check=True,
                   stdout=sys.stderr)
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
    return [os.path.join(bin_path, "ember-bench")]


def run(command):
    """Runs one side and returns its rows by name (the JSON lines it printed)."""
    out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        sys.exit(f"compare.py: command failed: {shlex.join(command)}")
    rows = {}
    for line in out.stdout.splitlines():
        line = line.strip()
        if line.startswith("{"):
            row = json.loads(line)
            rows[row["name"]] = row
    return rows


def machine():
    """One line saying where the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or "unknown"
    return f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, commit {commit}, {cpu}, {os.cpu_count()} CPUs"


def main():
    options = parse_options(sys.argv[1:])
    python = torch_python(options["venv"])
    ours_command = ember_command(options["bench"])
    on_cuda = options["device"] != "cpu"
    extra = ["--json"] + (["--quick"] if options["quick"] else []) + \
        (["--filter", options["filter"]] if options["filter"] else []) + \
        (["--device", options["device"]] if on_cuda else [])
    theirs_command = [python, os.path.join(HERE, "torch_reference.py")]
    torch_version = subprocess.run([python, "-c", "import torch; print(torch.__version__, torch.get_num_threads())"],
                                   capture_output=True, text=True, check=True).stdout.split()
    gpu = ""
    if on_cuda:
        name = subprocess.run([python, "-c", f"import torch; print(torch.cuda.get_device_name({options['device']!r}))"],
                              capture_output=True, text=True)
        gpu = f", on {options['device']} ({name.stdout.strip() or 'CUDA cannot be used'})"

    ours, theirs = {}, {}
    for round_number in range(options["rounds"]):
        log(f"round {round_number + 1} of {options['rounds']}")
        for name, row in run(theirs_command + extra).items():
            theirs.setdefault(name, []).append(row)
        for name, row in run(ours_command + extra).items():
            ours.setdefault(name, []).append(row)

    with open(os.path.join(HERE, "goals.json")) as f:
        goals = json.load(f)
    order = list(goals)
    if on_cuda:
        goals = {}  # goals.json holds the CPU goals
    def higher_is_better(unit):
        return unit.startswith("GFLOP") or unit.startswith("GB")

    print(f"# {machine()}{gpu}; torch {torch_version[0]} on {torch_version[1]} threads; "
          f"median of {options['rounds']} round{'s' if options['rounds'] != 1 else ''}"
          f"{' (--quick)' if options['quick'] else ''}")
    print(f"{'workload':28} {'unit':9} {'ember':>11} {'pytorch':>11} {'speedup':>8} {'goal':>6}  status")
    for name in sorted(set(ours) | set(theirs), key=lambda n: order.index(n) if n in order else len(order)):
        o = statistics.median(r["value"] for r in ours[name]) if name in ours else None
        t = statistics.median(r["value"] for r in theirs[name]) if name in theirs else None
        unit = (ours.get(name) or theirs.get(name))[0]["unit"]
        ratio = None
        if o and t:
            ratio = o / t if higher_is_better(unit) else t / o
        goal = goals.get(name, {}).get("speedup")
        if o is None:
            status = "missing"
        elif ratio is None or goal is None:
            status = ""
        else:
            status = "ok" if ratio >= goal else "below goal"
        def figure(v):
            return f"{v:11.3f}" if v is not None else f"{'-':>11}"
        print(f"{name:28} {unit:9} {figure(o)} {figure(t)} "
              f"{f'{ratio:8.2f}' if ratio else f'{chr(45):>8}'} {f'{goal:6.2f}' if goal else f'{chr(45):>6}'}  {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
