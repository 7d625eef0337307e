#!/usr/bin/env python3
"""Lists Ember's public symbols, one declaration a line, from the compiler's symbol graphs.

    python3 Scripts/public-api.py            # rewrite API/public-symbols.txt
    python3 Scripts/public-api.py --check    # fail (exit 1) if it differs from the committed listing
                                             # or a public symbol has no documentation comment

Run after `swift build` (debug): it reads the built modules of .build/debug and extracts their
symbol graphs at public access with `swift-symbolgraph-extract`. The listing makes every change of
the public surface a visible diff: CI runs `--check`, so a change to the API that is not committed
to API/public-symbols.txt fails the build, and so does a public symbol without a documentation
comment.
"""
import difflib
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LISTING = os.path.join(ROOT, "API", "public-symbols.txt")
# Every library module a user can reach through `import Ember`.
MODULES = ["Ember", "EmberCore", "EmberBackend", "EmberCPU", "EmberNN", "EmberOptim", "EmberData", "EmberIO"]


def bin_path():
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout.strip()
    return out


def triple():
    out = subprocess.run(["swiftc", "-print-target-info"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)["target"]["triple"]


def extract(module, bins, outdir):
    args = ["swift-symbolgraph-extract", "-module-name", module, "-I", os.path.join(bins, "Modules"),
            "-target", triple(), "-minimum-access-level", "public", "-output-dir", outdir,
            "-skip-synthesized-members", "-omit-extension-block-symbols"]
    # The C targets' module maps (SwiftPM writes those of C targets next to their objects).
    for c in ["CEmberSIMD", "CEmberThreads"]:
        args += ["-Xcc", "-fmodule-map-file=" + os.path.join(bins, c + ".build", "module.modulemap")]
    for system in ("COpenBLAS", "CSleef"):  # the system library targets
        args += ["-Xcc", "-fmodule-map-file=" + os.path.join(ROOT, "Sources", system, "module.modulemap")]
    # ZIPFoundation's zlib (a system library target of that package, under EmberIO).
    for modulemap in glob.glob(os.path.join(ROOT, ".build", "checkouts", "*", "Sources", "CZLib", "module.modulemap")):
        args += ["-Xcc", "-fmodule-map-file=" + modulemap]
    subprocess.run(args, cwd=ROOT, check=True)


def declaration(symbol):
    fragments = symbol.get("declarationFragments") or symbol["names"].get("subHeading") or []
    text = "".join(f["spelling"] for f in fragments)
    return " ".join(text.split())


def listing():
    """The sorted listing lines, and the public symbols that have no documentation comment."""
    bins = bin_path()
    lines = set()
    undocumented = set()
    with tempfile.TemporaryDirectory() as outdir:
        for module in MODULES:
            extract(module, bins, outdir)
        for name in sorted(os.listdir(outdir)):
            graph = json.load(open(os.path.join(outdir, name)))
            module = graph["module"]["name"]
            extended = name[len(module) + 1:-len(".symbols.json")] if "@" in name else ""
            for symbol in graph["symbols"]:
                path = ".".join(symbol["pathComponents"])
                owner = f"{module}" + (f" (extending {extended})" if extended else "")
                lines.add(f"{owner} | {path} | {declaration(symbol)}")
                if "docComment" not in symbol:
                    undocumented.add(f"{owner} | {path}")
    return sorted(lines), sorted(undocumented)


def main():
    lines, undocumented = listing()
    text = "".join(line + "\n" for line in lines)
    if undocumented:
        print("Public symbols without a documentation comment:", *undocumented, sep="\n  ", file=sys.stderr)
    if "--check" in sys.argv[1:]:
        if undocumented:
            return 1
        old = open(LISTING).read() if os.path.exists(LISTING) else ""
        if old != text:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                       "API/public-symbols.txt (committed)",
                                                       "API/public-symbols.txt (built)"))
            print("\nThe public API changed: review the diff above, then run "
                  "`python3 Scripts/public-api.py` and commit API/public-symbols.txt.", file=sys.stderr)
            return 1
        print(f"public API unchanged ({len(lines)} symbols)")
        return 0
    os.makedirs(os.path.dirname(LISTING), exist_ok=True)
    open(LISTING, "w").write(text)
    print(f"wrote {os.path.relpath(LISTING, ROOT)} ({len(lines)} symbols)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
