// ElementwiseEdgeGradientTests.swift
//
// Gradients of the element-wise ops at the edges where they once differed from PyTorch (issue 14,
// item 3), against what PyTorch 2.15 printed:
//
//     import torch
//     x = torch.tensor([nan, -1., 1., 0.], dtype=torch.float64, requires_grad=True); torch.relu(x).sum().backward(); print(x.grad.tolist())
//     for alpha in [1.0, 0.5]:
//         x = torch.tensor([inf, -inf, nan, 1., -1., 0.], dtype=torch.float64, requires_grad=True)
//         r = torch.nn.functional.elu(x, alpha=alpha); r.sum().backward(); print(r.tolist(), x.grad.tolist())
//     x = torch.tensor([-0.5, 1.5, 0., 1., 0.25, nan, inf], dtype=torch.float64, requires_grad=True)
//     r = torch.logit(x); r.sum().backward(); print(r.tolist(), x.grad.tolist())
//     x = torch.tensor([-0.5, 1.5, 0., 1., 0.25, nan, 0.1, 0.9], dtype=torch.float64, requires_grad=True)
//     r = torch.logit(x, eps=0.1); r.sum().backward(); print(r.tolist(), x.grad.tolist())
//     x = torch.tensor([0., 0., 0., 2., -1.5], dtype=torch.float64, requires_grad=True)
//     e = torch.tensor([-1., 0., 2., -1., 2.], dtype=torch.float64, requires_grad=True)
//     r = torch.pow(x, e); r.sum().backward(); print(r.grad_fn.name(), r.tolist(), x.grad.tolist(), e.grad.tolist())
//     b = torch.tensor([True, False, False]); e = torch.tensor([1., 0., -1.], dtype=torch.float64, requires_grad=True)
//     r = torch.pow(b, e); r.sum().backward(); print(r.grad_fn.name(), r.dtype, r.tolist(), e.grad.tolist())
//     print(torch.pow(torch.tensor([True, False]), True), torch.pow(torch.tensor([True, False]), False),
//           torch.pow(torch.tensor([True, False]), 2), torch.pow(torch.tensor([True, False]), 0.5))
//     torch.pow(torch.tensor([True]), torch.tensor([True]))   # NotImplementedError: "pow" not implemented for 'Bool'
//     x = torch.tensor([1., 2., -0.7], requires_grad=True); r = 1.5 % x
//     print(r.grad_fn.name(), r.requires_grad, r.tolist()); r.sum().backward()
//     # RuntimeError: derivative for aten::remainder is not implemented

import Testing
import Ember
import EmberTestSupport

@Suite struct ElementwiseEdgeGradientTests {
    @Test func reluPassesTheGradientAtNaN() throws {
        let x = Tensor([.nan, -1.0, 1.0, 0.0], dtype: .float64, requiresGrad: true)
        try x.relu().sum().backward()
        expectGrad(x.grad, shape: [4], [1.0, 0.0, 1.0, 0.0])
    }

    static let eluExpected: [Double: (values: [Double], grad: [Double])] = [
        1.0: ([.infinity, -1.0, .nan, 1.0, -0.6321205588285577, 0.0], [1.0, 0.0, 1.0, 1.0, 0.36787944117144233, 1.0]),
        0.5: ([.infinity, -0.5, .nan, 1.0, -0.31606027941427883, 0.0], [1.0, 0.0, 1.0, 1.0, 0.18393972058572117, 0.5]),
    ]

    @Test(arguments: [1.0, 0.5])
    func eluAtInfinityAndNaN(_ alpha: Double) throws {
        let (values, grad) = try #require(Self.eluExpected[alpha])
        let x = Tensor([.infinity, -.infinity, .nan, 1.0, -1.0, 0.0], dtype: .float64, requiresGrad: true)
        let r = x.elu(alpha: alpha)
        #expect(r.gradFn?.name == "EluBackward0")
        expectClose(r, shape: [6], values)
        try r.sum().backward()
        expectGrad(x.grad, shape: [6], grad)
    }

    @Test func logitOutsideTheUnitInterval() throws {
        let x = Tensor([-0.5, 1.5, 0.0, 1.0, 0.25, .nan, .infinity], dtype: .float64, requiresGrad: true)
        let r = x.logit()
        expectClose(r, shape: [7], [.nan, .nan, -.infinity, .infinity, -1.0986122886681098, .nan, .nan])
        try r.sum().backward()
        expectGrad(x.grad, shape: [7], [.nan, .nan, .infinity, .infinity, 5.333333333333333, .nan, .nan])

        let y = Tensor([-0.5, 1.5, 0.0, 1.0, 0.25, .nan, 0.1, 0.9], dtype: .float64, requiresGrad: true)
        let s = y.logit(eps: 0.1)
        expectClose(s, shape: [8], [-2.197224577336219, 2.1972245773362196, -2.197224577336219, 2.1972245773362196,
                                    -1.0986122886681098, .nan, -2.197224577336219, 2.1972245773362196])
        try s.sum().backward()
        expectGrad(y.grad, shape: [8], [0.0, 0.0, 0.0, 0.0, 5.333333333333333, 0.0, 11.111111111111109, 11.111111111111112])
    }

    @Test func eluAndLogitSecondDerivatives() {
        expectGradients("elu", shapes: [[2, 3]], secondOrder: true, node: "EluBackward0") { $0[0].elu(alpha: 0.7) }
        expectGradients("logit", shapes: [[2, 3]], range: 0.1...0.9, secondOrder: true, node: "LogitBackward0") { $0[0].logit() }
        expectGradients("logit eps", shapes: [[2, 3]], range: 0.1...0.9, secondOrder: true, node: "LogitBackward0") {
            $0[0].logit(eps: 0.2)
        }
    }

    @Test func powAtBaseZero() throws {
        let x = Tensor([0.0, 0.0, 0.0, 2.0, -1.5], dtype: .float64, requiresGrad: true)
        let e = Tensor([-1.0, 0.0, 2.0, -1.0, 2.0], dtype: .float64, requiresGrad: true)
        let r = x.pow(e)
        #expect(r.gradFn?.name == "PowBackward1")
        expectClose(r, shape: [5], [.infinity, 1.0, 0.0, 0.5, 2.25])
        try r.sum().backward()
        expectGrad(x.grad, shape: [5], [-.infinity, 0.0, 0.0, -0.25, -3.0])
        expectGrad(e.grad, shape: [5], [-.infinity, 0.0, 0.0, 0.34657359027997264, .nan])
    }

    @Test func powWithABoolBase() throws {
        let e = Tensor([1.0, 0.0, -1.0], dtype: .float64, requiresGrad: true)
        let r = Tensor([true, false, false]).pow(e)
        #expect(r.gradFn?.name == "PowBackward1")
        expectClose(r, shape: [3], [1.0, 1.0, .infinity], dtype: .float64)
        try r.sum().backward()
        expectGrad(e.grad, shape: [3], [0.0, 0.0, -.infinity])
    }

    @Test func boolToABoolPower() {
        expectBools(Tensor([true, false]).pow(true), shape: [2], [true, false])
        expectBools(Tensor([true, false]).pow(false), shape: [2], [true, true])
        expectInts(Tensor([true, false]).pow(2), shape: [2], [1, 0], dtype: .int64)
        expectFloats(Tensor([true, false]).pow(0.5), shape: [2], [1, 0])
        expectBools(Tensor([true, false]).pow_(true), shape: [2], [true, false])
        expectBools(Tensor([true, false]).pow_(false), shape: [2], [true, true])
        expectBools(Tensor([[true, false], [false, false]]).t().pow(true), shape: [2, 2], [true, false, false, false])
        expectTensorError(.notImplementedError, "\"pow\" not implemented for 'Bool'") { _ = Tensor([true]).pow(Tensor([true])) }
        expectTensorError(.notImplementedError, "\"pow\" not implemented for 'Bool'") { _ = Tensor.pow(true, Tensor([true, false])) }
    }

    @Test func remainderWithANumberOnTheLeft() throws {
        let x = Tensor([1.0, 2.0, -0.7], requiresGrad: true)
        let r = 1.5 % x
        #expect(r.requiresGrad)
        #expect(r.gradFn?.name == "torch::autograd::NotImplemented")
        expectFloats(r, shape: [3], [0.5, 1.5, -0.5999999642372131])
        #expect(throws: TensorError.runtime("derivative for aten::remainder is not implemented")) { try r.sum().backward() }
    }
}
