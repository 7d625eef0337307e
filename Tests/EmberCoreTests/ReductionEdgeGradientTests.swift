// ReductionEdgeGradientTests.swift
//
// Gradients of max/min over NaN, var/std with a correction at or above the count, and cumprod
// along a size-one dim or over infinities, against what PyTorch 2.15 printed (float64):
//
//     import torch; nan, inf = float('nan'), float('inf')
//     for op in ['max', 'min', 'amax', 'amin']:
//         x = torch.tensor([1., nan, 3., nan], dtype=torch.float64, requires_grad=True)
//         r = getattr(x, op)(); r.backward(); print(op, r.grad_fn.name(), x.grad.tolist())
//     for c in [2, 3, 5]:
//         for std in [False, True]:
//             v = torch.tensor([1., 2., 4.], dtype=torch.float64, requires_grad=True)
//             r = (v.std if std else v.var)(correction=c); r.backward(); print(c, std, r.item(), v.grad.tolist())
//     v = torch.tensor([[1., 2.], [4., 4.]], dtype=torch.float64, requires_grad=True)
//     r = v.var(dim=1, correction=2); r.sum().backward(); print(r.tolist(), v.grad.tolist())
//     r = v.std(dim=1, correction=3); r.sum().backward(); print(r.tolist(), v.grad.tolist())
//     r = torch.var_mean(torch.tensor([1., 2., 4.], dtype=torch.float64, requires_grad=True), correction=3)  # inf; grad inf, inf, inf
//     c = torch.tensor([[2.], [3.]], dtype=torch.float64, requires_grad=True)
//     (c.cumprod(dim=1) * torch.tensor([[5.], [7.]], dtype=torch.float64)).sum().backward()   # [[5.], [7.]]
//     c = torch.tensor([[inf], [0.]], dtype=torch.float64, requires_grad=True); c.cumprod(dim=1).sum().backward()  # [[1.], [1.]]
//     for vals in [[2., inf, 3.], [inf, 2., 3.], [2., 3., inf], [inf, 0., 3.], [0., inf, 2.], [1., -inf, 0.],
//                  [inf, inf, 1.], [nan, 2., 3.], [0., 2., 0.]]:
//         c = torch.tensor(vals, dtype=torch.float64, requires_grad=True)
//         r = c.cumprod(0); r.sum().backward(); print(vals, r.tolist(), c.grad.tolist())

import Testing
import Ember
import EmberTestSupport

@Suite struct ReductionEdgeGradientTests {
    @Test(arguments: [("max", "MaxBackward1", [0, 0.5, 0, 0.5]), ("min", "MinBackward1", [0, 0.5, 0, 0.5]),
                      ("amax", "AmaxBackward0", [Double.nan, .nan, .nan, .nan]),
                      ("amin", "AminBackward0", [Double.nan, .nan, .nan, .nan])])
    func extremesOverNaN(op: String, node: String, gradient: [Double]) throws {
        let x = Tensor([1.0, .nan, 3, .nan], dtype: .float64, requiresGrad: true)
        let r = switch op {
        case "max": x.max()
        case "min": x.min()
        case "amax": x.amax()
        default: x.amin()
        }
        #expect(r.gradFn?.name == node)
        expectClose(r, shape: [], [.nan])
        try r.backward()
        expectGrad(x.grad, shape: [4], gradient)
    }

    @Test func maxWithTiesStillSharesEvenly() throws {
        let x = Tensor([[3.0, 1], [3, 2]], dtype: .float64, requiresGrad: true)
        try x.max().backward()
        expectGrad(x.grad, shape: [2, 2], [0.5, 0, 0.5, 0])
    }

    @Test(arguments: [
        (2.0, false, 4.666666666666666, [-2.666666666666667, -0.666666666666667, 3.333333333333333]),
        (2.0, true, 2.1602468994692865, [-0.6172133998483678, -0.154303349962092, 0.7715167498104596]),
        (3.0, false, Double.infinity, [Double.infinity, .infinity, .infinity]),
        (3.0, true, Double.infinity, [Double.nan, .nan, .nan]),
        (5.0, false, Double.infinity, [Double.infinity, .infinity, .infinity]),
        (5.0, true, Double.infinity, [Double.nan, .nan, .nan]),
    ])
    func varianceWithALargeCorrection(correction: Double, std: Bool, value: Double, gradient: [Double]) throws {
        let v = Tensor([1.0, 2, 4], dtype: .float64, requiresGrad: true)
        let r = std ? v.std(correction: correction) : v.var(correction: correction)
        expectClose(r, shape: [], [value])
        try r.backward()
        expectGrad(v.grad, shape: [3], gradient)
    }

    @Test func varianceAlongADimWithALargeCorrection() throws {
        let v = Tensor([[1.0, 2], [4, 4]], dtype: .float64, requiresGrad: true)
        let r = v.var(dim: 1, correction: 2)
        expectClose(r, shape: [2], [.infinity, .nan])
        try r.sum().backward()
        expectGrad(v.grad, shape: [2, 2], [-.infinity, .infinity, .nan, .nan])
        let w = Tensor([[1.0, 2], [4, 4]], dtype: .float64, requiresGrad: true)
        let s = w.std(dim: 1, correction: 3)
        expectClose(s, shape: [2], [.infinity, .nan])
        try s.sum().backward()
        expectGrad(w.grad, shape: [2, 2], [0, -0.0, .nan, .nan])
        let u = Tensor([1.0, 2, 4], dtype: .float64, requiresGrad: true)
        let vm = u.varMean(correction: 3)
        try (vm.var + vm.mean).backward()
        expectGrad(u.grad, shape: [3], [.infinity, .infinity, .infinity])
    }

    @Test func cumprodAlongASizeOneDim() throws {
        let c = Tensor([[2.0], [3]], dtype: .float64, requiresGrad: true)
        try (c.cumprod(dim: 1) * Tensor([[5.0], [7]], dtype: .float64)).sum().backward()
        expectGrad(c.grad, shape: [2, 1], [5, 7])
        let d = Tensor([[Double.infinity], [0]], dtype: .float64, requiresGrad: true)
        try d.cumprod(dim: 1).sum().backward()
        expectGrad(d.grad, shape: [2, 1], [1, 1])
    }

    static let inf = Double.infinity, nan = Double.nan
    static let cumprodCases: [(values: [Double], result: [Double], gradient: [Double])] = [
        ([2, inf, 3], [2, inf, inf], [inf, nan, inf]),
        ([inf, 2, 3], [inf, inf, inf], [nan, inf, inf]),
        ([2, 3, inf], [2, 6, inf], [inf, inf, nan]),
        ([inf, 0, 3], [inf, nan, nan], [nan, inf, 0]),
        ([0, inf, 2], [0, nan, nan], [inf, 0, 0]),
        ([1, -inf, 0], [1, -inf, nan], [-inf, nan, -inf]),
        ([inf, inf, 1], [inf, inf, inf], [nan, nan, inf]),
        ([nan, 2, 3], [nan, nan, nan], [nan, nan, nan]),
        ([0, 2, 0], [0, 0, 0], [3, 0, 0]),
    ]

    @Test(arguments: cumprodCases)
    func cumprodOverInfinitiesAndZeros(values: [Double], result: [Double], gradient: [Double]) throws {
        let c = Tensor(values, dtype: .float64, requiresGrad: true)
        let r = c.cumprod(dim: 0)
        expectClose(r, shape: [3], result)
        try r.sum().backward()
        expectGrad(c.grad, shape: [3], gradient)
    }
}
