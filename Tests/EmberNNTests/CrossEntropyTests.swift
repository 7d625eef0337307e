// CrossEntropyTests.swift
//
// Cross entropy and negative log-likelihood over class indices against what PyTorch 2.15 printed:
//
//     import torch, torch.nn.functional as F
//     x = torch.tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 3.0], [2.0, 2.0, 2.0], [0.0, 1.5, -0.5]],
//                      dtype=torch.float64, requires_grad=True)
//     t = torch.tensor([1, 2, 0, -100]); w = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
//     for red in ['mean', 'sum', 'none']:
//         for weight in [None, w]:
//             x.grad = None; l = F.cross_entropy(x, t, weight=weight, reduction=red); l.sum().backward()
//             print(red, weight is not None, l.grad_fn.name(), l.flatten().tolist(), x.grad.flatten().tolist())
//     y = torch.arange(12., dtype=torch.float64).reshape(2, 3, 2).sin().requires_grad_()
//     ty = torch.tensor([[0, 2], [1, 1]])
//     l = F.cross_entropy(y, ty); l.backward(); print(l.item(), y.grad.flatten().tolist())
//     print(F.cross_entropy(y, ty, reduction='none').tolist())
//     v = torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64, requires_grad=True)
//     l = F.cross_entropy(v, torch.tensor(2)); l.backward(); print(l.item(), v.grad.tolist())
//     F.cross_entropy(x, torch.tensor([1, 3, 0, 0]))   # IndexError: Target 3 is out of bounds.

import Testing
import Ember
import EmberTestSupport

/// One reduction and weighting of the 4-sample batch above, with PyTorch's loss and gradient.
struct CrossEntropyCase: Sendable, CustomTestStringConvertible {
    let reduction: LossReduction
    let weighted: Bool
    let loss: [Double]
    let grad: [Double]
    var testDescription: String { "\(reduction)\(weighted ? " weighted" : "")" }
}

@Suite struct CrossEntropyTests {
    static let sumGrad = [0.23122389762214904, -0.37146828078823757, 0.14024438316608848, 0.05126360570834368,
                          0.01706417198640741, -0.06832777769475107, -0.6666666666666667, 0.3333333333333333,
                          0.3333333333333333, 0.0, 0.0, 0.0]
    static let weightedSumGrad = [0.4624477952442981, -0.7429365615764751, 0.28048876633217695, 0.02563180285417184,
                                  0.008532085993203705, -0.034163888847375534, -0.6666666666666667, 0.3333333333333333,
                                  0.3333333333333333, 0.0, 0.0, 0.0]
    static let cases: [CrossEntropyCase] = [
        .init(reduction: .mean, weighted: false, loss: [0.5445850972455154],
              grad: [0.07707463254071634, -0.12382276026274586, 0.04674812772202949, 0.01708786856944789,
                     0.0056880573288024695, -0.022775925898250355, -0.2222222222222222, 0.1111111111111111,
                     0.1111111111111111, 0.0, 0.0, 0.0]),
        .init(reduction: .mean, weighted: true, loss: [0.589353418961213],
              grad: [0.13212794149837087, -0.21226758902185003, 0.08013964752347913, 0.007323372244049097,
                     0.0024377388552010585, -0.009761111099250153, -0.19047619047619047, 0.09523809523809523,
                     0.09523809523809523, 0.0, 0.0, 0.0]),
        .init(reduction: .sum, weighted: false, loss: [1.633755291736546], grad: sumGrad),
        .init(reduction: .sum, weighted: true, loss: [2.062736966364245], grad: weightedSumGrad),
        .init(reduction: .none, weighted: false, loss: [0.4643687841079449, 0.07077421896049133, 1.0986122886681098, 0.0],
              grad: sumGrad),
        .init(reduction: .none, weighted: true, loss: [0.9287375682158898, 0.03538710948024566, 1.0986122886681098, 0.0],
              grad: weightedSumGrad),
    ]

    static func logits() -> Tensor {
        Tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 3.0], [2.0, 2.0, 2.0], [0.0, 1.5, -0.5]], dtype: .float64, requiresGrad: true)
    }

    @Test(arguments: cases)
    func batch(_ c: CrossEntropyCase) throws {
        let x = Self.logits()
        let weight = c.weighted ? Tensor([1.0, 2.0, 0.5], dtype: .float64) : nil
        let loss = CrossEntropyLoss(weight: weight, reduction: c.reduction)(x, Tensor([1, 2, 0, -100]))
        #expect(loss.gradFn?.name == "NllLossBackward0")
        expectClose(loss, shape: c.reduction == .none ? [4] : [], c.loss, tolerance: 1e-14)
        try loss.sum().backward()
        expectClose(x.grad, shape: [4, 3], c.grad, tolerance: 1e-14)
    }

    @Test func trailingDimsAndUnbatched() throws {
        let y = Tensor.arange(12.0, dtype: .float64).reshape(2, 3, 2).sin().requiresGrad_()
        let target = Tensor([[0, 2], [1, 1]])
        let loss = Functional.crossEntropy(y, target)
        expectClose(loss, shape: [], [1.2526245821550415], tolerance: 1e-14)
        try loss.backward()
        expectClose(y.grad, shape: [2, 3, 2], [-0.18673675927030134, 0.15045335118391825, 0.15705591243760136,
                                               0.07468670520652018, 0.029680846832700006, -0.22514005639043844,
                                               0.04695719877713925, 0.12667704893090473, -0.08299725201029956,
                                               -0.1508362214071229, 0.03604005323316027, 0.0241591724762182],
                    tolerance: 1e-14)
        expectClose(Functional.crossEntropy(y, target, reduction: .none), shape: [2, 2],
                    [1.3741564725631146, 2.308203100102385, 0.40345065055272744, 0.9246881054019394], tolerance: 1e-14)
        let v = Tensor([1.0, 2.0, 3.0], dtype: .float64, requiresGrad: true)
        let single = Functional.crossEntropy(v, Tensor(2))
        expectClose(single, shape: [], [0.4076059644443804], tolerance: 1e-14)
        try single.backward()
        expectClose(v.grad, shape: [3], [0.09003057317038043, 0.24472847105479764, -0.3347590442251782], tolerance: 1e-14)
    }

    @Test func nodesAndErrors() throws {
        let x = Self.logits()
        let loss = NLLLoss()(x.logSoftmax(dim: 1), Tensor([1, 2, 0, -100]))
        #expect(loss.gradFn?.name == "NllLossBackward0")
        #expect(loss.gradFn?.nextFunctions.first??.node.name == "LogSoftmaxBackward0")
        expectTensorError(.indexError, "Target 3 is out of bounds.") {
            _ = Functional.crossEntropy(x, Tensor([1, 3, 0, 0]))
        }
        #expect(CrossEntropyLoss().description == "CrossEntropyLoss()" && NLLLoss().description == "NLLLoss()")
    }

    /// The gradient, and the gradient of the gradient, against finite differences.
    @Test func gradcheckNLL() throws {
        let x = Tensor([[0.2, -0.4, 1.0], [0.3, 0.9, -1.1]], dtype: .float64, requiresGrad: true)
        for reduction in [LossReduction.mean, .sum] {
            try gradcheck({ Functional.crossEntropy($0[0], Tensor([2, 0]), reduction: reduction) }, inputs: [x])
            try gradgradcheck({ Functional.crossEntropy($0[0], Tensor([2, 0]), reduction: reduction) }, inputs: [x])
        }
    }

    /// The class weights are buffers, as PyTorch's `register_buffer('weight', weight)` makes them:
    /// `list(nn.CrossEntropyLoss(weight=w).state_dict())` is `['weight']`,
    /// `nn.BCEWithLogitsLoss(weight=w, pos_weight=w)`'s `['weight', 'pos_weight']`, with only
    /// `pos_weight` `['pos_weight']`, `nn.NLLLoss()`'s `[]`; the repr shows none of them.
    @Test func weightsAreBuffers() {
        let w = Tensor([1.0, 2.0])
        #expect(Array(CrossEntropyLoss(weight: w).stateDict().keys) == ["weight"])
        #expect(Array(BCEWithLogitsLoss(weight: w, posWeight: w).stateDict().keys) == ["weight", "pos_weight"])
        #expect(Array(BCEWithLogitsLoss(posWeight: w).stateDict().keys) == ["pos_weight"])
        #expect(Array(BCELoss(weight: w).stateDict().keys) == ["weight"])
        #expect(NLLLoss().stateDict().isEmpty)
        #expect(CrossEntropyLoss(weight: w).description == "CrossEntropyLoss()")
        let loss = CrossEntropyLoss(weight: w)
        loss.to(dtype: .float64)
        #expect(loss.weight?.dtype == .float64)
    }
}
