# PyTorch reference values for the hinge embedding, triplet margin, multi-label soft margin and
# Poisson NLL losses and pairwise_distance (Tests/EmberNNTests/MarginLossTests.swift). Inputs are
# float64 formulas of arange, made the same way on both sides: v(shape, k) = sin(arange(n) * k) * 2.
# Each case prints the loss (flattened), its node, and each input's gradient of
# (loss * arange(loss.numel) + loss).sum().
# Run: python3 Scripts/margin-loss-reference.py (with torch installed).
import torch
import torch.nn.functional as F

def v(shape, k):
    n = 1
    for s in shape:
        n *= s
    return (torch.sin(torch.arange(n, dtype=torch.float64) * k) * 2).reshape(shape).requires_grad_()

t_hinge = torch.tensor([[1.0, -1.0, 1.0], [-1.0, -1.0, 0.0]], dtype=torch.float64)
t_multi = torch.tensor([[1.0, 0.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0]], dtype=torch.float64)
t_poisson = torch.tensor([[0.0, 1.0, 3.0], [2.0, 5.0, 0.5]], dtype=torch.float64)
w_multi = torch.tensor([0.5, 1.0, 2.0, 1.5], dtype=torch.float64)
cases = [
    ("hingeMean", lambda a: F.hinge_embedding_loss(a[0], t_hinge), [([2, 3], 0.7)]),
    ("hingeNone", lambda a: F.hinge_embedding_loss(a[0], t_hinge, margin=0.5, reduction="none"), [([2, 3], 0.7)]),
    ("tripletMean", lambda a: F.triplet_margin_loss(a[0], a[1], a[2]), [([3, 4], 0.3), ([3, 4], 0.5), ([3, 4], 1.1)]),
    ("tripletSwapP1", lambda a: F.triplet_margin_loss(a[0], a[1], a[2], margin=2.0, p=1, swap=True, reduction="sum"),
     [([3, 4], 0.3), ([3, 4], 0.5), ([3, 4], 1.1)]),
    ("pairwiseBroadcast", lambda a: F.pairwise_distance(a[0], a[1], p=3, keepdim=True), [([3, 4], 0.3), ([4], 0.9)]),
    ("pairwise", lambda a: F.pairwise_distance(a[0], a[1]), [([2, 5], 0.4), ([2, 5], 0.8)]),
    ("multilabelMean", lambda a: F.multilabel_soft_margin_loss(a[0], t_multi), [([3, 4], 0.6)]),
    ("multilabelWeightNone", lambda a: F.multilabel_soft_margin_loss(a[0], t_multi, weight=w_multi, reduction="none"),
     [([3, 4], 0.6)]),
    ("poissonLog", lambda a: F.poisson_nll_loss(a[0], t_poisson), [([2, 3], 0.35)]),
    ("poissonRateFull", lambda a: F.poisson_nll_loss(a[0].abs() + 0.1, t_poisson, log_input=False, full=True, reduction="sum"),
     [([2, 3], 0.35)]),
]
def run(cases):
    for name, f, specs in cases:
        inputs = [v(s, k) for s, k in specs]
        loss = f(inputs)
        w = torch.arange(loss.numel(), dtype=torch.float64).reshape(loss.shape)
        (loss * w + loss).sum().backward()
        print(name, list(loss.shape), loss.grad_fn.name())
        print("  loss", loss.detach().flatten().tolist())
        for x in inputs:
            print("  grad", x.grad.flatten().tolist())

run(cases)

# Cosine similarity (with broadcasting and an integer operand), softmin and Softmax2d.
more = [
    ("cosine", lambda a: F.cosine_similarity(a[0], a[1]), [([3, 4], 0.3), ([3, 4], 0.8)]),
    ("cosineBroadcastDim0", lambda a: F.cosine_similarity(a[0], a[1], dim=0, eps=0.5), [([2, 3], 0.45), ([2, 1], 1.3)]),
    ("softmin", lambda a: F.softmin(a[0], dim=1), [([2, 3], 0.7)]),
    ("softmax2d", lambda a: torch.nn.Softmax2d()(a[0]), [([1, 3, 2, 2], 0.9)]),
]
run(more)
# Gaussian NLL: a full-shape variance, one dim short, a size-1 dim, and eps clamping a tiny one.
gauss = [
    ("gaussianFull", lambda a: F.gaussian_nll_loss(a[0], a[1], a[2].abs() + 0.2, full=True), [([2, 3], 0.3), ([2, 3], 0.8), ([2, 3], 1.7)]),
    ("gaussianShortNone", lambda a: F.gaussian_nll_loss(a[0], a[1], a[2].abs() + 0.1, reduction="none"), [([2, 3], 0.3), ([2, 3], 0.8), ([2], 1.7)]),
    ("gaussianOneSum", lambda a: F.gaussian_nll_loss(a[0], a[1], a[2] * a[2], eps=0.05, reduction="sum"), [([2, 3], 0.3), ([2, 3], 0.8), ([2, 1], 0.6)]),
]
run(gauss)
print("cosineInt", F.cosine_similarity(torch.tensor([[1, 2, 3]]), torch.tensor([[0.5, -1.0, 2.0]])).tolist())
# Soft margin (targets of +-1, one broadcast) and multi-class margin losses (p, margin, class weights,
# a 1-D input with a 0-dim target).
t_soft = torch.tensor([[1.0, -1.0, 1.0], [-1.0, 1.0, -1.0]], dtype=torch.float64)
t_class = torch.tensor([3, 0, 1])
w_class = torch.tensor([1.0, 2.0, 0.5, 1.5], dtype=torch.float64)
margins = [
    ("softMarginMean", lambda a: F.soft_margin_loss(a[0], t_soft), [([2, 3], 0.55)]),
    ("softMarginBroadcastSum", lambda a: F.soft_margin_loss(a[0], t_soft[1], reduction="sum"), [([2, 3], 0.55)]),
    ("softMarginNone", lambda a: F.soft_margin_loss(a[0], t_soft, reduction="none"), [([2, 3], 0.55)]),
    ("multiMarginMean", lambda a: F.multi_margin_loss(a[0], t_class), [([3, 4], 0.25)]),
    ("multiMarginP2WeightSum", lambda a: F.multi_margin_loss(a[0], t_class, p=2, margin=0.7, weight=w_class, reduction="sum"),
     [([3, 4], 0.25)]),
    ("multiMarginNone", lambda a: F.multi_margin_loss(a[0], t_class, margin=0.5, reduction="none"), [([3, 4], 0.25)]),
    ("multiMarginVector", lambda a: F.multi_margin_loss(a[0], torch.tensor(2), p=2), [([5], 0.4)]),
]
run(margins)
