# PyTorch reference values for F.embedding_bag / nn.EmbeddingBag
# (Tests/EmberNNTests/EmbeddingBagTests.swift). The table is w[i, j] = sin(i * 4 + j) (float64,
# 6 x 4); each case prints the output (flattened) and the gradients of (out * arange).sum() for the
# table and, where given, the per-sample weights. Then PyTorch's errors for bad arguments.
# Run: python3 Scripts/embedding-bag-reference.py (with torch installed).
import torch
import torch.nn.functional as F

def table():
    return torch.sin(torch.arange(24, dtype=torch.float64)).reshape(6, 4).requires_grad_()

flat = torch.tensor([1, 2, 4, 5, 4, 3, 2, 0])
offsets = torch.tensor([0, 2, 2, 5])
batch = torch.tensor([[0, 2, 5], [4, 4, 1]])
psw = torch.tensor([0.5, -1.0, 2.0, 1.5, 0.25, 3.0, -0.5, 1.0], dtype=torch.float64)
cases = [
    ("sum2D", lambda w, p: F.embedding_bag(batch, w, mode="sum"), False),
    ("mean2D", lambda w, p: F.embedding_bag(batch, w), False),
    ("max2D", lambda w, p: F.embedding_bag(batch, w, mode="max"), False),
    ("sumOffsets", lambda w, p: F.embedding_bag(flat, w, offsets, mode="sum"), False),
    ("meanOffsets", lambda w, p: F.embedding_bag(flat, w, offsets, mode="mean"), False),
    ("maxOffsets", lambda w, p: F.embedding_bag(flat, w, offsets, mode="max"), False),
    ("lastOffset", lambda w, p: F.embedding_bag(flat, w, torch.tensor([0, 3, 8]), mode="mean", include_last_offset=True), False),
    ("weighted", lambda w, p: F.embedding_bag(flat, w, offsets, mode="sum", per_sample_weights=p), True),
    ("paddingMean", lambda w, p: F.embedding_bag(flat, w, offsets, mode="mean", padding_idx=4), False),
    ("paddingMax", lambda w, p: F.embedding_bag(batch, w, mode="max", padding_idx=4), False),
]
for name, f, weighted in cases:
    w = table()
    p = psw.clone().requires_grad_() if weighted else None
    out = f(w, p)
    (out * torch.arange(out.numel(), dtype=torch.float64).reshape(out.shape)).sum().backward()
    print(name, list(out.shape), out.grad_fn.name())
    print("  out", out.detach().flatten().tolist())
    print("  gradW", w.grad.flatten().tolist())
    if weighted:
        print("  gradP", p.grad.tolist())
w = table().detach()
m = torch.nn.EmbeddingBag(6, 4, mode="max", padding_idx=2)
print(repr(m), repr(torch.nn.EmbeddingBag(6, 4)), repr(torch.nn.EmbeddingBag(6, 4, mode="sum", include_last_offset=True)))
bad = [
    lambda: F.embedding_bag(batch, w, offsets),
    lambda: F.embedding_bag(flat, w),
    lambda: F.embedding_bag(flat, w, offsets.reshape(2, 2)),
    lambda: F.embedding_bag(flat.reshape(2, 2, 2), w),
    lambda: F.embedding_bag(flat, w, offsets, mode="min"),
    lambda: F.embedding_bag(flat, w, torch.tensor([1, 3])),
    lambda: F.embedding_bag(flat, w, torch.tensor([0, 9])),
    lambda: F.embedding_bag(flat, w, offsets, mode="mean", per_sample_weights=psw),
    lambda: F.embedding_bag(flat, w, offsets, mode="sum", per_sample_weights=psw[:3]),
    lambda: F.embedding_bag(torch.tensor([1, 6]), w, torch.tensor([0])),
]
for b in bad:
    try:
        b()
        print("no error")
    except Exception as e:
        print(type(e).__name__, str(e).split("\n")[0])
