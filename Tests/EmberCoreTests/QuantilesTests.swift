// QuantilesTests.swift
//
// quantile and nanquantile in every interpolation mode against what PyTorch 2.15 printed:
//
//     import torch; nan = float('nan')
//     x = torch.tensor([[0., 4., 1., 3.], [2., nan, 6., 5.]], dtype=torch.float64, requires_grad=True)
//     for interp in ['linear', 'lower', 'higher', 'midpoint', 'nearest']:
//         for fn in ['quantile', 'nanquantile']:
//             x.grad = None
//             r = getattr(torch, fn)(x, torch.tensor([0.25, 0.5, 1.0], dtype=torch.float64), dim=1, keepdim=True, interpolation=interp)
//             r.sum().backward(); print(fn, interp, r.grad_fn.name(), list(r.shape), r.flatten().tolist(), x.grad.tolist())
//     y = torch.tensor([0., 4., 1., 3., 2.5], dtype=torch.float64, requires_grad=True)
//     for interp in [...]: r = torch.quantile(y, 0.4, interpolation=interp); r.backward(); print(r.item(), y.grad.tolist())
//     torch.quantile(torch.tensor([0., 1., 2., 3.]), torch.tensor([0.5, 0.1666, 0.8333, 0.25, 0.75]), interpolation='nearest')  # [2, 0, 2, 1, 2]
//     torch.quantile(torch.tensor([[1., 2.], [3., 4.]]), 0.5), ...(..., 0.5, keepdim=True)     # 2.5, [[2.5]]
//     torch.quantile(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([0.5]), keepdim=True).shape   # [1, 1, 1]
//     torch.quantile(torch.tensor([[1., 2.], [3., 4.]]).t(), torch.tensor([0.5, 0.75]), dim=0)   # [[1.5, 3.5], [1.75, 3.75]]
//     torch.nanquantile(torch.tensor([nan, nan]), 0.5), torch.quantile(torch.tensor(3.), 0.5, dim=0)   # nan, 3.
//     torch.quantile(torch.tensor([1., 2.]), torch.tensor(0.5)), torch.quantile(torch.tensor([1., 2.]), torch.tensor([]))  # 1.5, []
//     q = torch.tensor([0.3, 0.55], dtype=torch.float64, requires_grad=True)
//     r = torch.quantile(y, q); r.sum().backward(); print(r.tolist(), y.grad.tolist(), q.grad.tolist())  # q.grad [6., 2.]
//     q = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
//     torch.quantile(y, q, interpolation='midpoint').backward(); print(q.grad)   # None
//     (the errors below, each printed by PyTorch)

import Testing
import Ember
import EmberTestSupport

@Suite struct QuantilesTests {
    typealias Mode = Tensor.QuantileInterpolation
    static let nan = Double.nan
    static let cases: [(mode: Mode, ignoreNan: Bool, values: [Double], gradient: [Double])] = [
        (.linear, false, [0.75, nan, 2, nan, 4, nan], [0.25, 1, 1.25, 0.5, 0, 3, 0, 0]),
        (.linear, true, [0.75, 3.5, 2, 5, 4, 6], [0.25, 1, 1.25, 0.5, 0.5, 0, 1, 1.5]),
        (.lower, false, [0, nan, 1, nan, 4, nan], [1, 1, 1, 0, 0, 3, 0, 0]),
        (.lower, true, [0, 2, 1, 5, 4, 6], [1, 1, 1, 0, 1, 0, 1, 1]),
        (.higher, false, [1, nan, 3, nan, 4, nan], [0, 1, 1, 1, 0, 3, 0, 0]),
        (.higher, true, [1, 5, 3, 5, 4, 6], [0, 1, 1, 1, 0, 0, 1, 2]),
        (.midpoint, false, [0.5, nan, 2, nan, 4, nan], [0.5, 1, 1, 0.5, 0, 3, 0, 0]),
        (.midpoint, true, [0.5, 3.5, 2, 5, 4, 6], [0.5, 1, 1, 0.5, 0.5, 0, 1, 1.5]),
        (.nearest, false, [1, nan, 3, nan, 4, nan], [0, 1, 1, 1, 0, 3, 0, 0]),
        (.nearest, true, [1, 2, 3, 5, 4, 6], [0, 1, 1, 1, 1, 0, 1, 1]),
    ]

    @Test(arguments: cases)
    func quantilesAlongADim(mode: Mode, ignoreNan: Bool, values: [Double], gradient: [Double]) throws {
        let x = Tensor([[0.0, 4, 1, 3], [2, .nan, 6, 5]], dtype: .float64, requiresGrad: true)
        let q = Tensor([0.25, 0.5, 1.0], dtype: .float64)
        let r = ignoreNan ? x.nanquantile(q, dim: 1, keepdim: true, interpolation: mode)
            : x.quantile(q, dim: 1, keepdim: true, interpolation: mode)
        #expect(r.gradFn?.name == "SqueezeBackward4")
        expectClose(r, shape: [3, 2, 1], values)
        try r.sum().backward()
        expectGrad(x.grad, shape: [2, 4], gradient)
    }

    static let scalarCases: [(mode: Mode, value: Double, gradient: [Double])] = [
        ("linear", 1.9000000000000001, [0, 0, 0.3999999999999999, 0, 0.6000000000000001]),
        ("lower", 1, [0, 0, 1, 0, 0]),
        ("higher", 2.5, [0, 0, 0, 0, 1]),
        ("midpoint", 1.75, [0, 0, 0.5, 0, 0.5]),
        ("nearest", 2.5, [0, 0, 0, 0, 1]),
    ]

    @Test(arguments: scalarCases)
    func quantileOfAllElements(mode: Mode, value: Double, gradient: [Double]) throws {
        let y = Tensor([0.0, 4, 1, 3, 2.5], dtype: .float64, requiresGrad: true)
        let r = y.quantile(0.4, interpolation: mode)
        #expect(r.gradFn?.name == "SqueezeBackward4")
        expectClose(r, shape: [], [value])
        try r.backward()
        expectGrad(y.grad, shape: [5], gradient)
    }

    @Test func gradientOfQ() throws {
        let y = Tensor([0.0, 4, 1, 3, 2.5], dtype: .float64, requiresGrad: true)
        let q = Tensor([0.3, 0.55], dtype: .float64, requiresGrad: true)
        let r = y.quantile(q)
        expectClose(r, shape: [2], [1.2999999999999998, 2.6])
        try r.sum().backward()
        expectGrad(y.grad, shape: [5], [0, 0, 0.8, 0.20000000000000018, 0.9999999999999998])
        expectGrad(q.grad, shape: [2], [6, 2])
        let p = Tensor(0.3, dtype: .float64, requiresGrad: true)
        try y.quantile(p, interpolation: .midpoint).backward()
        #expect(p.grad == nil)
    }

    @Test func shapesAndRounding() {
        let nearest = Tensor([0.0, 1, 2, 3]).quantile(Tensor([0.5, 0.1666, 0.8333, 0.25, 0.75]), interpolation: .nearest)
        expectFloats(nearest, shape: [5], [2, 0, 2, 1, 2])
        let square = Tensor([[1.0, 2], [3, 4]])
        expectFloats(square.quantile(0.5), shape: [], [2.5])
        expectFloats(square.quantile(0.5, keepdim: true), shape: [1, 1], [2.5])
        #expect(square.quantile(Tensor([0.5]), keepdim: true).shape == [1, 1, 1])
        expectFloats(square.t().quantile(Tensor([0.5, 0.75]), dim: 0), shape: [2, 2], [1.5, 3.5, 1.75, 3.75])
        expectClose(Tensor([Double.nan, .nan]).nanquantile(0.5), shape: [], [.nan], dtype: .float32)
        expectFloats(Tensor(3.0).quantile(0.5, dim: 0), shape: [], [3])
        expectFloats(Tensor([1.0, 2]).quantile(Tensor(0.5)), shape: [], [1.5])
        #expect(Tensor([1.0, 2]).quantile(Tensor.zeros([0])).shape == [0])
    }

    @Test func errors() {
        let x = Tensor([1.0, 2])
        expectTensorError(.runtimeError, "quantile() input tensor must be either float or double dtype") {
            _ = Tensor([1, 2]).quantile(0.5)
        }
        expectTensorError(.runtimeError, "quantile() q must be in the range [0, 1] but got 1.5") { _ = x.quantile(1.5) }
        expectTensorError(.runtimeError, "quantile() q must be in the range [0, 1] but got -0.1") { _ = x.quantile(-0.1) }
        expectTensorError(.runtimeError, "quantile() q must be in the range [0, 1] but got nan") { _ = x.quantile(.nan) }
        expectTensorError(.runtimeError, "quantile() q values must be in the range [0, 1]") {
            _ = x.quantile(Tensor([0.5, 1.5]))
        }
        expectTensorError(.runtimeError, "quantile() q values must be in the range [0, 1]") {
            _ = x.nanquantile(Tensor([Double.nan]))
        }
        expectTensorError(.runtimeError, "quantile() q tensor must be same dtype as the input tensor") {
            _ = x.quantile(Tensor([0.5], dtype: .float64))
        }
        expectTensorError(.runtimeError, "quantile() q must be a scalar or 1D tensor") { _ = x.quantile(Tensor([[0.5]])) }
        expectTensorError(.runtimeError, "quantile() input tensor must be non-empty") { _ = Tensor.zeros([0]).quantile(0.5) }
        expectTensorError(.runtimeError, "quantile() input tensor must be non-empty") {
            _ = Tensor.zeros([2, 0]).nanquantile(0.5, dim: 1)
        }
        expectTensorError(.runtimeError,
                          "quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got foo") {
            _ = x.quantile(0.5, interpolation: "foo")
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = x.quantile(0.5, dim: 1)
        }
    }
}
