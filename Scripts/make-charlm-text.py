#!/usr/bin/env python3
"""Writes Sources/EmberExamples/Resources/charlm.txt, the text `ember-examples charlm` learns:
Ember's own optimizer sources (Sources/EmberOptim/*.swift, in name order), about 117 KB, under
the project's MIT license (LICENSE). A snapshot: rerun to refresh it.

    python3 Scripts/make-charlm-text.py
"""
import glob, os

root = os.path.join(os.path.dirname(__file__), "..")
parts = []
for path in sorted(glob.glob(os.path.join(root, "Sources", "EmberOptim", "*.swift"))):
    with open(path, encoding="utf-8") as f:
        parts.append(f.read())
target = os.path.join(root, "Sources", "EmberExamples", "Resources", "charlm.txt")
with open(target, "w", encoding="utf-8") as f:
    f.write("\n".join(parts))
print(f"wrote {sum(len(p) for p in parts)} characters to {os.path.normpath(target)}")
