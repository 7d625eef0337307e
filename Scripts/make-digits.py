#!/usr/bin/env python3
"""Writes Sources/EmberExamples/Resources/digits.u8, the data of `ember-examples digits`, from the
8x8 handwritten digits that scikit-learn ships (sklearn/datasets/data/digits.csv.gz).

The data set: E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits", UCI Machine
Learning Repository (https://doi.org/10.24432/C50P49), licensed under Creative Commons Attribution
4.0 International (CC BY 4.0); scikit-learn's copy is the test part, 1,797 images.

The file: 1,797 records of 65 bytes, in the CSV's order: the 64 pixels of an 8x8 image, row by row,
each 0 to 16, then the label 0 to 9. No header.

    python3 Scripts/make-digits.py [path/to/digits.csv.gz]

Without a path, the CSV is taken from an installed scikit-learn (`import sklearn`).
"""
import csv, gzip, os, sys

if len(sys.argv) > 1:
    source = sys.argv[1]
else:
    import sklearn
    source = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data", "digits.csv.gz")

records = bytearray()
count = 0
with gzip.open(source, "rt") as f:
    for row in csv.reader(f):
        values = [int(float(v)) for v in row]
        assert len(values) == 65 and all(0 <= v <= 16 for v in values[:64]) and 0 <= values[64] <= 9
        records += bytes(values)
        count += 1
assert count == 1797, count
target = os.path.join(os.path.dirname(__file__), "..", "Sources", "EmberExamples", "Resources", "digits.u8")
with open(target, "wb") as f:
    f.write(records)
print(f"wrote {count} images to {os.path.normpath(target)}")
