#!/usr/bin/env python3
"""Writes Tests/EmberCoreTests/ConvolutionReference.swift: PyTorch's outputs and gradients for the
convolution, pooling, padding and resampling ops (issue 16), keyed by case name.

Each case's inputs are `seq(shape, i + 1)` (Tests/EmberTestSupport/Inputs.swift: `(7 k + 3 seed) % 11
- 5`, halved), float32, requiring grad; the loss is `(out * seq(out.shape, 9)).sum()`, and the
file holds `out` and every input's gradient (`name.out`, `name.g0`, `name.g1`, ...). The Swift side
(ConvolutionTests.swift) builds the same cases by name.

Run with the PyTorch reference environment:
    /opt/torch-reference/bin/python Scripts/convolution-reference.py
"""
import math
import torch
import torch.nn.functional as F


def seq(shape, seed, dtype=torch.float32):
    n = math.prod(shape)
    values = [((k * 7 + seed * 3) % 11 - 5) / 2 for k in range(n)]
    return torch.tensor(values, dtype=dtype).reshape(shape)


CASES = [
    # name, input shapes, op
    ("conv1d_basic", [[2, 3, 7], [4, 3, 3], [4]], lambda x, w, b: F.conv1d(x, w, b)),
    ("conv1d_stride_pad_dilation", [[2, 3, 9], [4, 3, 3]], lambda x, w: F.conv1d(x, w, stride=2, padding=2, dilation=2)),
    ("conv1d_groups_same", [[1, 4, 6], [6, 2, 4], [6]], lambda x, w, b: F.conv1d(x, w, b, padding="same", groups=2)),
    ("conv1d_unbatched_valid", [[3, 5], [2, 3, 2]], lambda x, w: F.conv1d(x, w, padding="valid")),
    ("conv2d_basic", [[2, 3, 5, 6], [4, 3, 3, 3], [4]], lambda x, w, b: F.conv2d(x, w, b, padding=1)),
    ("conv2d_stride_asymmetric", [[1, 2, 7, 6], [3, 2, 3, 2]], lambda x, w: F.conv2d(x, w, stride=(2, 1), padding=(1, 0))),
    ("conv2d_dilation", [[1, 2, 7, 7], [2, 2, 3, 3], [2]], lambda x, w, b: F.conv2d(x, w, b, dilation=2, padding=1)),
    ("conv2d_groups", [[2, 4, 5, 5], [6, 2, 3, 3], [6]], lambda x, w, b: F.conv2d(x, w, b, stride=2, groups=2)),
    ("conv2d_depthwise", [[1, 3, 4, 4], [3, 1, 3, 3]], lambda x, w: F.conv2d(x, w, padding=1, groups=3)),
    ("conv2d_same_even", [[1, 2, 5, 4], [2, 2, 2, 4]], lambda x, w: F.conv2d(x, w, padding="same")),
    ("conv2d_unbatched", [[2, 4, 4], [3, 2, 2, 2], [3]], lambda x, w, b: F.conv2d(x, w, b)),
    ("conv3d_basic", [[1, 2, 4, 4, 3], [3, 2, 2, 3, 2], [3]], lambda x, w, b: F.conv3d(x, w, b, padding=(1, 0, 1), stride=(1, 2, 1))),
    ("conv_transpose1d", [[2, 3, 5], [3, 2, 3], [2]], lambda x, w, b: F.conv_transpose1d(x, w, b, stride=2, padding=1, output_padding=1)),
    ("conv_transpose2d_basic", [[1, 3, 3, 4], [3, 2, 3, 3], [2]], lambda x, w, b: F.conv_transpose2d(x, w, b)),
    ("conv_transpose2d_stride_groups", [[2, 4, 3, 3], [4, 1, 2, 3], [2]],
     lambda x, w, b: F.conv_transpose2d(x, w, b, stride=(2, 1), padding=(0, 1), output_padding=(1, 0), groups=2)),
    ("conv_transpose2d_dilation", [[1, 2, 3, 3], [2, 2, 2, 2]], lambda x, w: F.conv_transpose2d(x, w, dilation=2, padding=1)),
    ("max_pool2d_basic", [[2, 2, 4, 6]], lambda x: F.max_pool2d(x, 2)),
    ("max_pool2d_stride_pad", [[1, 2, 5, 5]], lambda x: F.max_pool2d(x, 3, stride=2, padding=1)),
    ("max_pool2d_dilation_ceil", [[1, 1, 7, 6]], lambda x: F.max_pool2d(x, 2, stride=2, dilation=2, ceil_mode=True)),
    ("max_pool2d_ceil", [[1, 2, 5, 5]], lambda x: F.max_pool2d(x, 2, ceil_mode=True)),
    ("max_pool2d_indices", [[1, 2, 5, 5]], lambda x: F.max_pool2d(x, 3, stride=2, padding=1, return_indices=True)[1]),
    ("max_pool1d_basic", [[2, 3, 7]], lambda x: F.max_pool1d(x, 3, stride=2, padding=1)),
    ("avg_pool2d_basic", [[2, 2, 4, 6]], lambda x: F.avg_pool2d(x, 2)),
    ("avg_pool2d_pad_exclude", [[1, 2, 5, 5]], lambda x: F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)),
    ("avg_pool2d_pad_include_ceil", [[1, 1, 5, 6]], lambda x: F.avg_pool2d(x, 2, stride=2, padding=1, ceil_mode=True)),
    ("avg_pool2d_divisor", [[1, 1, 4, 4]], lambda x: F.avg_pool2d(x, 2, divisor_override=3)),
    ("avg_pool1d_basic", [[2, 2, 7]], lambda x: F.avg_pool1d(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)),
    ("adaptive_avg_pool2d", [[2, 2, 5, 7]], lambda x: F.adaptive_avg_pool2d(x, (2, 3))),
    ("adaptive_avg_pool2d_global", [[2, 3, 4, 4]], lambda x: F.adaptive_avg_pool2d(x, 1)),
    ("adaptive_avg_pool1d", [[1, 2, 7]], lambda x: F.adaptive_avg_pool1d(x, 3)),
    ("adaptive_max_pool2d", [[1, 2, 5, 7]], lambda x: F.adaptive_max_pool2d(x, (2, 3))),
    ("adaptive_max_pool2d_indices", [[1, 2, 5, 7]], lambda x: F.adaptive_max_pool2d(x, (2, 3), return_indices=True)[1]),
    ("pad_constant", [[2, 3, 4]], lambda x: F.pad(x, (1, 2, 0, 1), value=1.5)),
    ("pad_constant_negative", [[2, 3, 4]], lambda x: F.pad(x, (-1, 2, 1, -1))),
    ("pad_reflect2d", [[1, 2, 3, 4]], lambda x: F.pad(x, (2, 1, 1, 2), mode="reflect")),
    ("pad_replicate1d", [[2, 2, 3]], lambda x: F.pad(x, (3, 1), mode="replicate")),
    ("pad_circular2d", [[1, 1, 3, 4]], lambda x: F.pad(x, (1, 2, 2, 1), mode="circular")),
    ("interpolate_nearest_scale", [[1, 2, 3, 2]], lambda x: F.interpolate(x, scale_factor=2)),
    ("interpolate_nearest_size", [[1, 1, 5, 3]], lambda x: F.interpolate(x, size=(3, 7))),
    ("interpolate_nearest1d", [[1, 2, 4]], lambda x: F.interpolate(x, scale_factor=1.5)),
    ("interpolate_bilinear", [[1, 2, 3, 4]], lambda x: F.interpolate(x, size=(5, 7), mode="bilinear")),
    ("interpolate_bilinear_align", [[1, 1, 3, 4]], lambda x: F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=True)),
    ("interpolate_linear", [[1, 2, 4]], lambda x: F.interpolate(x, size=7, mode="linear")),
    ("pixel_shuffle", [[1, 8, 2, 3]], lambda x: F.pixel_shuffle(x, 2)),
    ("pixel_unshuffle", [[1, 2, 4, 6]], lambda x: F.pixel_unshuffle(x, 2)),
    ("unfold", [[2, 2, 4, 5]], lambda x: F.unfold(x, (2, 3), dilation=(1, 1), padding=1, stride=(2, 1))),
    ("fold", [[1, 8, 6]], lambda x: F.fold(x, (3, 4), 2, stride=1)),
    # Same-size windows (stride 1, output rows as wide as the input's): dilated, and a kernel
    # wider than the map, whose outer columns read only padding.
    ("conv2d_same_dilated", [[2, 2, 5, 4], [3, 2, 3, 3], [3]], lambda x, w, b: F.conv2d(x, w, b, padding="same", dilation=2)),
    ("unfold_same_wide_kernel", [[1, 2, 3, 2]], lambda x: F.unfold(x, (3, 5), padding=(1, 2))),
    ("fold_same_wide_kernel", [[1, 30, 6]], lambda x: F.fold(x, (3, 2), (3, 5), padding=(1, 2))),
    # Output rows of 16 elements or more: the row walks rather than the small-plane maps.
    ("conv2d_wide_same", [[1, 2, 3, 18], [2, 2, 3, 3], [2]], lambda x, w, b: F.conv2d(x, w, b, padding=1)),
    ("conv1d_wide_strided", [[1, 2, 40], [2, 2, 3]], lambda x, w: F.conv1d(x, w, stride=2, padding=1)),
    ("fold_wide_same", [[1, 12, 80]], lambda x: F.fold(x, (3, 20), (2, 3), padding=1)),
]


def literal(values):
    return "[" + ", ".join(repr(float(v)) if math.isfinite(v) else ("Double.nan" if math.isnan(v) else ("Double.infinity" if v > 0 else "-Double.infinity")) for v in values) + "]"


def main():
    lines = [
        "// Generated by Scripts/convolution-reference.py with PyTorch " + torch.__version__ + ". Do not edit.",
        "",
        "/// PyTorch's results for ConvolutionTests: `name.out` and each input's gradient `name.g<i>`.",
        "let convolutionReference: [String: (shape: [Int], values: [Double])] = [",
    ]
    for name, shapes, op in CASES:
        inputs = [seq(s, i + 1).requires_grad_() for i, s in enumerate(shapes)]
        out = op(*inputs)
        lines.append(f'    "{name}.out": ({list(out.shape)}, {literal(out.detach().double().flatten().tolist())}),')
        if out.dtype.is_floating_point:
            (out * seq(list(out.shape), 9)).sum().backward()
            for i, x in enumerate(inputs):
                lines.append(f'    "{name}.g{i}": ({list(x.shape)}, {literal(x.grad.double().flatten().tolist())}),')
    lines.append("]")
    with open("Tests/EmberCoreTests/ConvolutionReference.swift", "w") as f:
        f.write("\n".join(lines) + "\n")


main()
