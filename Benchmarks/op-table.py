#!/usr/bin/env python3
"""The per-op table of Benchmarks/README.md: every vectorized element-wise op on 2^24 float32
elements, GB/s (bytes read and written per second), Ember beside PyTorch, from one run on this
machine.

    python3 Benchmarks/op-table.py --venv /opt/torch-reference [--quick] [--bench PATH]

Runs `ember-bench --json --filter op_` (built in release mode unless --bench names the binary)
and torch_reference.py's matching rows with the given virtual environment's Python, one op at a
time on each side, and prints a Markdown table.
"""
import argparse, json, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def rows(command):
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return {r["name"]: r["value"] for r in map(json.loads, filter(None, out.splitlines()))}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--venv", required=True, help="a virtual environment with torch")
    parser.add_argument("--bench", help="an ember-bench binary (default: build it in release mode)")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    bench = args.bench
    if bench is None:
        subprocess.run(["swift", "build", "-c", "release", "--product", "ember-bench"], check=True, cwd=ROOT)
        bench = os.path.join(ROOT, ".build", "release", "ember-bench")
    quick = ["--quick"] if args.quick else []
    python = os.path.join(args.venv, "bin", "python")
    names = [line.split()[0] for line in subprocess.run([bench, "--list", "--filter", "op_"], check=True,
                                                         capture_output=True, text=True).stdout.splitlines()]
    print("| op (float32, 2^24) | Ember GB/s | PyTorch GB/s | ratio |")
    print("|---|---:|---:|---:|")
    for name in names:
        ours = rows([bench, "--json", "--filter", name] + quick).get(name)
        theirs = rows([python, os.path.join(HERE, "torch_reference.py"), "--json", "--filter", name] + quick).get(name)
        op = name[len("op_"):-len("_16M")]
        ratio = f"{ours / theirs:.1f}" if ours and theirs else "-"
        print(f"| {op} | {ours:.2f} | {theirs:.2f} | {ratio} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
