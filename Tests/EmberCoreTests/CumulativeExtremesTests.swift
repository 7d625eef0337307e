// CumulativeExtremesTests.swift
//
// cummax, cummin and logcumsumexp against what PyTorch 2.15 printed:
//
//     import torch; nan, inf = float('nan'), float('inf')
//     x = torch.tensor([[1., 3., 2., 3., 0.], [2., nan, 5., nan, 1.]], dtype=torch.float64, requires_grad=True)
//     for op in ['cummax', 'cummin']:
//         x.grad = None; r = getattr(x, op)(dim=1); r.values.sum().backward()
//         print(op, r.values.grad_fn.name(), r.values.tolist(), r.indices.tolist(), x.grad.tolist())
//     torch.tensor([3, 1, 3, 5, 5]).cummax(0), torch.tensor([True, False, True]).cummin(0)
//     torch.tensor(4.).cummax(0), torch.zeros(0, 3).cummax(0).values.shape
//     t = torch.tensor([[1., 5.], [4., 2.], [3., 6.]]).t(); t.cummax(1), t.cummin(1)
//     l = torch.tensor([[0., 1., -2., 3.], [-inf, -inf, 2., inf]], dtype=torch.float64, requires_grad=True)
//     r = l.logcumsumexp(dim=1); print(r.grad_fn.name(), r.tolist()); r.sum().backward(); print(l.grad.tolist())
//     l2 = torch.tensor([1., 2., 3.], dtype=torch.float64, requires_grad=True)
//     r = l2.logcumsumexp(0); (r * torch.tensor([1., -2., 0.5], dtype=torch.float64)).sum().backward()
//     torch.tensor([inf, inf, -inf, nan, 1.]).logcumsumexp(0), torch.tensor([-inf, inf, 1.]).logcumsumexp(0)
//     torch.tensor([1000., 1000.]).logcumsumexp(0), torch.tensor([0.5, 1.5, -3.25]).logcumsumexp(0).tolist()
//     g = torch.tensor([0.5, -1., 2.], dtype=torch.float64, requires_grad=True)
//     gg = torch.autograd.grad(g.logcumsumexp(0).sum(), g, create_graph=True)[0]; print(gg.tolist(), gg.grad_fn.name())
//     torch.tensor([1, 2]).logcumsumexp(0)   # NotImplementedError below

import Testing
import Ember
import EmberTestSupport

@Suite struct CumulativeExtremesTests {
    static func sample() -> Tensor {
        Tensor([[1.0, 3, 2, 3, 0], [2, .nan, 5, .nan, 1]], dtype: .float64, requiresGrad: true)
    }

    @Test func cummax() throws {
        let x = Self.sample()
        let r = x.cummax(dim: 1)
        #expect(r.values.gradFn?.name == "CummaxBackward0")
        expectClose(r.values, shape: [2, 5], [1, 3, 3, 3, 3, 2, .nan, .nan, .nan, .nan])
        expectInts(r.indices, shape: [2, 5], [0, 1, 1, 3, 3, 0, 1, 1, 3, 3])
        try r.values.sum().backward()
        expectGrad(x.grad, shape: [2, 5], [1, 2, 0, 2, 0, 1, 2, 0, 2, 0])
    }

    @Test func cummin() throws {
        let x = Self.sample()
        let r = x.cummin(dim: -1)
        #expect(r.values.gradFn?.name == "CumminBackward0")
        expectClose(r.values, shape: [2, 5], [1, 1, 1, 1, 0, 2, .nan, .nan, .nan, .nan])
        expectInts(r.indices, shape: [2, 5], [0, 0, 0, 0, 4, 0, 1, 1, 3, 3])
        try r.values.sum().backward()
        expectGrad(x.grad, shape: [2, 5], [4, 0, 0, 0, 1, 1, 2, 0, 2, 0])
    }

    @Test func cumulativeExtremesOfOtherInputs() throws {
        let ints = Tensor([3, 1, 3, 5, 5]).cummax(dim: 0)
        expectInts(ints.values, shape: [5], [3, 3, 3, 5, 5])
        expectInts(ints.indices, shape: [5], [0, 0, 2, 3, 4])
        let bools = Tensor([true, false, true]).cummin(dim: 0)
        expectBools(bools.values, shape: [3], [true, false, false])
        expectInts(bools.indices, shape: [3], [0, 1, 1])
        let z = Tensor(3.0, dtype: .float64, requiresGrad: true)
        let scalar = z.cummax(dim: 0)
        expectInts(scalar.indices, shape: [], [0])
        try scalar.values.backward()
        expectGrad(z.grad, shape: [], [1])
        #expect(Tensor.zeros([0, 3]).cummax(dim: 0).values.shape == [0, 3])
        let t = Tensor([[1.0, 5], [4, 2], [3, 6]]).t()
        let high = t.cummax(dim: 1), low = t.cummin(dim: 1)
        expectFloats(high.values, shape: [2, 3], [1, 4, 4, 5, 5, 6])
        expectInts(high.indices, shape: [2, 3], [0, 1, 1, 0, 0, 2])
        expectFloats(low.values, shape: [2, 3], [1, 1, 1, 5, 2, 2])
        expectInts(low.indices, shape: [2, 3], [0, 0, 0, 0, 1, 1])
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0]).cummax(dim: 1)
        }
    }

    @Test func logcumsumexp() throws {
        let l = Tensor([[0.0, 1, -2, 3], [-.infinity, -.infinity, 2, .infinity]], dtype: .float64, requiresGrad: true)
        let r = l.logcumsumexp(dim: 1)
        #expect(r.gradFn?.name == "LogcumsumexpBackward0")
        expectClose(r, shape: [2, 4], [0, 1.3132616875182228, 1.3490122167681864, 3.1755153626167147,
                                       -.infinity, -.infinity, 2, .infinity])
        try r.sum().backward()
        expectGrad(l.grad, shape: [2, 4], [1.5702104522277647, 1.5499927106881473, 0.040772329621556046, 0.8390245074625319,
                                           .nan, .nan, 1, .nan])
        let m = Tensor([1.0, 2, 3], dtype: .float64, requiresGrad: true)
        let s = m.logcumsumexp(dim: 0)
        try (s * Tensor([1.0, -2, 0.5], dtype: .float64)).sum().backward()
        expectClose(s, shape: [3], [1, 2.313261687518223, 3.4076059644443806])
        expectGrad(m.grad, shape: [3], [0.5071324438452001, -1.3397529217326107, 0.33262047788741084])
    }

    @Test func logcumsumexpEdges() {
        expectClose(Tensor([Double.infinity, .infinity, -.infinity, .nan, 1]).logcumsumexp(dim: 0), shape: [5],
                    [.infinity, .infinity, .infinity, .nan, .nan], dtype: .float32)
        expectClose(Tensor([-Double.infinity, .infinity, 1]).logcumsumexp(dim: 0), shape: [3],
                    [-.infinity, .infinity, .infinity], dtype: .float32)
        expectFloats(Tensor([1000.0, 1000]).logcumsumexp(dim: 0), shape: [2], [1000, 1000.6931471805599453])
        expectFloats(Tensor([0.5, 1.5, -3.25]).logcumsumexp(dim: 0), shape: [3], [0.5, 1.81326162815094, 1.8195666074752808])
        expectFloats(Tensor(2.0).logcumsumexp(dim: 0), shape: [], [2])
        #expect(Tensor.zeros([0]).logcumsumexp(dim: 0).shape == [0])
        expectTensorError(.notImplementedError, "\"logcumsumexp_out_cpu\" not implemented for 'Long'") {
            _ = Tensor([1, 2]).logcumsumexp(dim: 0)
        }
        expectTensorError(.notImplementedError, "\"logcumsumexp_out_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true]).logcumsumexp(dim: 0)
        }
    }

    @Test func logcumsumexpDifferentiatesTwice() throws {
        let g = Tensor([0.5, -1.0, 2], dtype: .float64, requiresGrad: true)
        let first = try gradients(of: [g.logcumsumexp(dim: 0).sum()], with: [g], createGraph: true)[0]
        #expect(first?.gradFn?.name == "SubBackward0")
        expectClose(first, shape: [3], [1.9928648683336803, 0.2215380970770438, 0.7855970345892758])
    }
}
