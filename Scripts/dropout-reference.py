# The channel-wise and alpha dropout forms' PyTorch reference values
# (Tests/EmberNNTests/DropoutVariantsTests.swift): after torch.manual_seed(0), each form on
# x = arange(n) / 4 + 1 in float32, training, its output, its node, and the input's gradient of
# (y * arange(y.numel)).sum().
# Run: python3 Scripts/dropout-reference.py (with torch installed).
import torch
import torch.nn.functional as F

cases = [
    ("dropout1d", [2, 3, 4], lambda x: F.dropout1d(x, 0.5)),
    ("dropout1dUnbatched", [3, 4], lambda x: F.dropout1d(x, 0.4)),
    ("dropout2d", [2, 3, 2, 2], lambda x: F.dropout2d(x, 0.5)),
    ("dropout2d3D", [2, 3, 2], lambda x: F.dropout2d(x, 0.3)),
    ("dropout3d", [1, 4, 2, 1, 2], lambda x: F.dropout3d(x, 0.5)),
    ("dropout3dUnbatched", [4, 1, 2, 2], lambda x: F.dropout3d(x, 0.25)),
    ("alphaDropout", [2, 5], lambda x: F.alpha_dropout(x, 0.3, training=True)),
    ("featureAlphaDropout", [2, 3, 2], lambda x: F.feature_alpha_dropout(x, 0.5, training=True)),
]
for name, shape, f in cases:
    torch.manual_seed(0)
    n = 1
    for s in shape:
        n *= s
    x = (torch.arange(n, dtype=torch.float32) / 4 + 1).reshape(shape).requires_grad_()
    y = f(x)
    w = torch.arange(y.numel(), dtype=torch.float32).reshape(y.shape)
    (y * w).sum().backward()
    print(name, shape, y.grad_fn.name())
    print("  y", y.flatten().tolist())
    print("  g", x.grad.flatten().tolist())
