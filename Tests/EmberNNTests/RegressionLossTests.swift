// RegressionLossTests.swift
//
// MSE, smooth L1 and Huber (fused, one node each) against what PyTorch 2.15 printed. The cases
// come from the script below (`cases` prints loss.grad_fn.name(), the loss, x.grad and
// t.grad after loss.sum().backward() on float64 leaves):
//
//     import torch, torch.nn.functional as F
//     x0 = [[0.2, -1.3, 2.5], [0.7, 0.05, -0.4]]; t0 = [[0.0, -0.5, 0.8], [1.9, 0.1, -0.4]]
//     for r in ['mean', 'sum', 'none']:
//         for f in [lambda a, b: F.mse_loss(a, b, reduction=r), lambda a, b: F.smooth_l1_loss(a, b, reduction=r),
//                   lambda a, b: F.smooth_l1_loss(a, b, reduction=r, beta=0.5), lambda a, b: F.huber_loss(a, b, reduction=r),
//                   lambda a, b: F.huber_loss(a, b, reduction=r, delta=0.5)]:
//             x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
//             t = torch.tensor(t0, dtype=torch.float64, requires_grad=True)
//             l = f(x, t); l.sum().backward()
//             print(l.grad_fn.name(), l.flatten().tolist(), x.grad.flatten().tolist(), t.grad.flatten().tolist())
//     x = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
//     tb = torch.tensor([0.0, -0.5, 0.8], dtype=torch.float64, requires_grad=True)
//     l = F.smooth_l1_loss(x, tb); l.backward(); print(l.item(), x.grad.flatten().tolist(), tb.grad.tolist())
//     x.grad = None; l = F.smooth_l1_loss(x, torch.tensor(t0, dtype=torch.float64), beta=0.0); print(l.grad_fn.name(), l.item())
//     w = torch.tensor([[1.0, 2.0, 0.5], [0.0, 1.5, 3.0]], dtype=torch.float64)
//     l = F.huber_loss(x, torch.tensor(t0, dtype=torch.float64), weight=w); l.backward()
//     print(l.grad_fn.name(), l.item(), x.grad.flatten().tolist())
//     x = torch.tensor(x0, requires_grad=True)       # float32
//     l = F.smooth_l1_loss(x, torch.tensor(t0)); l.backward(); print(l.item(), x.grad.flatten().tolist())
//     e = torch.zeros(0, 3, dtype=torch.float64, requires_grad=True)
//     for f in [F.mse_loss, F.smooth_l1_loss, F.huber_loss]:   # nan, then 0.0 for 'sum'
//         l = f(e, e.detach()); l.backward(); print(l.item(), e.grad.shape, f(e, e.detach(), reduction='sum').item())
//     F.smooth_l1_loss(x, x, beta=-1.0)    # RuntimeError: smooth_l1_loss does not support negative values for beta.
//     F.huber_loss(x, x, delta=0.0)        # RuntimeError: huber_loss does not support non-positive values for delta.
//     F.huber_loss(x, x, reduction='avg')  # ValueError: avg is not a valid value for reduction
//     F.smooth_l1_loss(x, x, reduction='batchmean')  # ValueError: batchmean is not a valid value for reduction
//     F.huber_loss(x, x, weight=torch.ones(3))       # ValueError: Weights and input must have the same size.
//     F.huber_loss(x, x, weight=torch.ones(2, 3), reduction='avg')
//     # ValueError: Invalid reduction mode: avg. Expected one of 'none', 'mean', 'sum'.

import Testing
import Ember
import EmberTestSupport

@Suite struct RegressionLossTests {
    static let input = [[0.2, -1.3, 2.5], [0.7, 0.05, -0.4]]
    static let target = [[0.0, -0.5, 0.8], [1.9, 0.1, -0.4]]

    static let cases: [LossCase] = [
        .init("mse mean", "MseLossBackward0",
              [0.8354166666666666],
              [0.06666666666666667, -0.26666666666666666, 0.5666666666666667, -0.39999999999999997, -0.016666666666666666, 0.0],
              [-0.06666666666666667, 0.26666666666666666, -0.5666666666666667, 0.39999999999999997, 0.016666666666666666, 0.0]) { Functional.mseLoss($0, $1, reduction: .mean) },
        .init("smoothL1 mean", "SmoothL1LossBackward0",
              [0.37354166666666666],
              [0.03333333333333333, -0.13333333333333333, 0.16666666666666666, -0.16666666666666666, -0.008333333333333333, 0.0],
              [-0.03333333333333333, 0.13333333333333333, -0.16666666666666666, 0.16666666666666666, 0.008333333333333333, 0.0]) { SmoothL1Loss(reduction: .mean)($0, $1) },
        .init("smoothL1 beta 0.5 mean", "SmoothL1LossBackward0",
              [0.49874999999999997],
              [0.06666666666666667, -0.16666666666666666, 0.16666666666666666, -0.16666666666666666, -0.016666666666666666, 0.0],
              [-0.06666666666666667, 0.16666666666666666, -0.16666666666666666, 0.16666666666666666, 0.016666666666666666, 0.0]) { Functional.smoothL1Loss($0, $1, reduction: .mean, beta: 0.5) },
        .init("huber mean", "HuberLossBackward0",
              [0.37354166666666666],
              [0.03333333333333333, -0.13333333333333333, 0.16666666666666666, -0.16666666666666666, -0.008333333333333333, 0.0],
              [-0.03333333333333333, 0.13333333333333333, -0.16666666666666666, 0.16666666666666666, 0.008333333333333333, 0.0]) { HuberLoss(reduction: .mean)($0, $1) },
        .init("huber delta 0.5 mean", "HuberLossBackward0",
              [0.24937499999999999],
              [0.03333333333333333, -0.08333333333333333, 0.08333333333333333, -0.08333333333333333, -0.008333333333333333, 0.0],
              [-0.03333333333333333, 0.08333333333333333, -0.08333333333333333, 0.08333333333333333, 0.008333333333333333, 0.0]) { Functional.huberLoss($0, $1, reduction: .mean, delta: 0.5) },
        .init("mse sum", "MseLossBackward0",
              [5.012499999999999],
              [0.4, -1.6, 3.4, -2.4, -0.1, 0.0],
              [-0.4, 1.6, -3.4, 2.4, 0.1, 0.0]) { Functional.mseLoss($0, $1, reduction: .sum) },
        .init("smoothL1 sum", "SmoothL1LossBackward0",
              [2.24125],
              [0.2, -0.8, 1.0, -1.0, -0.05, 0.0],
              [-0.2, 0.8, -1.0, 1.0, 0.05, 0.0]) { SmoothL1Loss(reduction: .sum)($0, $1) },
        .init("smoothL1 beta 0.5 sum", "SmoothL1LossBackward0",
              [2.9924999999999997],
              [0.4, -1.0, 1.0, -1.0, -0.1, 0.0],
              [-0.4, 1.0, -1.0, 1.0, 0.1, 0.0]) { Functional.smoothL1Loss($0, $1, reduction: .sum, beta: 0.5) },
        .init("huber sum", "HuberLossBackward0",
              [2.24125],
              [0.2, -0.8, 1.0, -1.0, -0.05, 0.0],
              [-0.2, 0.8, -1.0, 1.0, 0.05, 0.0]) { HuberLoss(reduction: .sum)($0, $1) },
        .init("huber delta 0.5 sum", "HuberLossBackward0",
              [1.4962499999999999],
              [0.2, -0.5, 0.5, -0.5, -0.05, 0.0],
              [-0.2, 0.5, -0.5, 0.5, 0.05, 0.0]) { Functional.huberLoss($0, $1, reduction: .sum, delta: 0.5) },
        .init("mse none", "MseLossBackward0",
              [0.04000000000000001, 0.6400000000000001, 2.8899999999999997, 1.44, 0.0025000000000000005, 0.0],
              [0.4, -1.6, 3.4, -2.4, -0.1, 0.0],
              [-0.4, 1.6, -3.4, 2.4, 0.1, 0.0]) { Functional.mseLoss($0, $1, reduction: .none) },
        .init("smoothL1 none", "SmoothL1LossBackward0",
              [0.020000000000000004, 0.32000000000000006, 1.2, 0.7, 0.0012500000000000002, 0.0],
              [0.2, -0.8, 1.0, -1.0, -0.05, 0.0],
              [-0.2, 0.8, -1.0, 1.0, 0.05, 0.0]) { SmoothL1Loss(reduction: .none)($0, $1) },
        .init("smoothL1 beta 0.5 none", "SmoothL1LossBackward0",
              [0.04000000000000001, 0.55, 1.45, 0.95, 0.0025000000000000005, 0.0],
              [0.4, -1.0, 1.0, -1.0, -0.1, 0.0],
              [-0.4, 1.0, -1.0, 1.0, 0.1, 0.0]) { Functional.smoothL1Loss($0, $1, reduction: .none, beta: 0.5) },
        .init("huber none", "HuberLossBackward0",
              [0.020000000000000004, 0.32000000000000006, 1.2, 0.7, 0.0012500000000000002, 0.0],
              [0.2, -0.8, 1.0, -1.0, -0.05, 0.0],
              [-0.2, 0.8, -1.0, 1.0, 0.05, 0.0]) { HuberLoss(reduction: .none)($0, $1) },
        .init("huber delta 0.5 none", "HuberLossBackward0",
              [0.020000000000000004, 0.275, 0.725, 0.475, 0.0012500000000000002, 0.0],
              [0.2, -0.5, 0.5, -0.5, -0.05, 0.0],
              [-0.2, 0.5, -0.5, 0.5, 0.05, 0.0]) { Functional.huberLoss($0, $1, reduction: .none, delta: 0.5) },
    ]

    @Test(arguments: cases)
    func lossAndGradients(_ c: LossCase) throws {
        try c.check(input: Self.input, target: Self.target)
    }

    @Test func broadcastTargetAndBetaZero() throws {
        let x = Tensor(Self.input, dtype: .float64, requiresGrad: true)
        let t = Tensor([0.0, -0.5, 0.8], dtype: .float64, requiresGrad: true)
        let loss = Functional.smoothL1Loss(x, t)
        expectClose(loss, shape: [], [0.43937500000000007], tolerance: 1e-14)
        try loss.backward()
        expectGrad(x.grad, shape: [2, 3], [0.03333333333333333, -0.13333333333333333, 0.16666666666666666,
                                           0.11666666666666665, 0.09166666666666667, -0.16666666666666666])
        expectGrad(t.grad, shape: [3], [-0.15, 0.04166666666666666, 0.0])
        // beta = 0 is the L1 loss, composed as PyTorch composes it.
        let l1 = SmoothL1Loss(beta: 0)(x, Tensor(Self.target, dtype: .float64))
        #expect(l1.gradFn?.name == "MeanBackward0")
        expectClose(l1, shape: [], [0.6583333333333333], tolerance: 1e-14)
    }

    @Test func weightedHuberAndFloat32() throws {
        let x = Tensor(Self.input, dtype: .float64, requiresGrad: true)
        let w = Tensor([[1.0, 2.0, 0.5], [0.0, 1.5, 3.0]], dtype: .float64)
        let loss = Functional.huberLoss(x, Tensor(Self.target, dtype: .float64), weight: w)
        #expect(loss.gradFn?.name == "MeanBackward0")
        expectClose(loss, shape: [], [0.2103125], tolerance: 1e-14)
        try loss.backward()
        expectGrad(x.grad, shape: [2, 3], [0.03333333333333333, -0.26666666666666666, 0.08333333333333333, 0.0,
                                           -0.0125, 0.0])
        let y = Tensor(Self.input, dtype: .float32, requiresGrad: true)
        let single = Functional.smoothL1Loss(y, Tensor(Self.target, dtype: .float32))
        expectClose(single, shape: [], [0.3735416829586029], dtype: .float32, tolerance: 1e-7)
        try single.backward()
        expectClose(y.grad, shape: [2, 3], [0.03333333507180214, -0.13333332538604736, 0.1666666716337204,
                                            -0.1666666716337204, -0.008333333767950535, 0.0], tolerance: 1e-7)
    }

    @Test func emptyBatch() throws {
        let e = Tensor.zeros([0, 3], dtype: .float64).requiresGrad_()
        let losses: [(Tensor, Tensor, LossReduction) -> Tensor] = [
            { Functional.mseLoss($0, $1, reduction: $2) }, { Functional.smoothL1Loss($0, $1, reduction: $2) },
            { Functional.huberLoss($0, $1, reduction: $2) },
        ]
        for loss in losses {
            let mean = loss(e, e.detach(), .mean)
            #expect(mean.item().isNaN)
            try mean.backward()
            #expect(e.grad?.shape == [0, 3])
            #expect(loss(e, e.detach(), .sum).item() == 0)
        }
    }

    @Test func errorsAndNames() {
        let x = Tensor(Self.input, dtype: .float64)
        expectTensorError(.runtimeError, "smooth_l1_loss does not support negative values for beta.") {
            _ = Functional.smoothL1Loss(x, x, beta: -1)
        }
        expectTensorError(.runtimeError, "huber_loss does not support non-positive values for delta.") {
            _ = Functional.huberLoss(x, x, delta: 0)
        }
        expectTensorError(.valueError, "avg is not a valid value for reduction") {
            _ = Functional.huberLoss(x, x, reduction: "avg")
        }
        expectTensorError(.valueError, "batchmean is not a valid value for reduction") {
            _ = SmoothL1Loss(reduction: .batchmean)(x, x)
        }
        expectTensorError(.valueError, "batchmean is not a valid value for reduction") {
            _ = Functional.mseLoss(x, x, reduction: .batchmean)
        }
        expectTensorError(.valueError, "Weights and input must have the same size.") {
            _ = Functional.huberLoss(x, x, weight: Tensor.ones([3], dtype: .float64))
        }
        expectTensorError(.valueError, "Invalid reduction mode: avg. Expected one of 'none', 'mean', 'sum'.") {
            _ = Functional.huberLoss(x, x, reduction: "avg", weight: Tensor.ones([2, 3], dtype: .float64))
        }
        #expect(SmoothL1Loss().description == "SmoothL1Loss()" && HuberLoss(delta: 2).description == "HuberLoss()")
    }
}
