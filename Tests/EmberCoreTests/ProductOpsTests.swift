// ProductOpsTests.swift
//
// addmv, addbmm, addr, vdot, inner, tensordot, kron and multiDot against what PyTorch 2.15
// printed (float64 leaves; backward with `arange(1., n + 1).reshape(shape) * 0.5` or the number
// shown):
//
//     import torch; D = torch.float64
//     a = [0.5, -1.25, 2.0, 3.5, -0.75, 1.5]; b = [1.0, 2.0, -0.5, 0.25, -3.0, 1.75]
//     T = lambda v, s: torch.tensor(v, dtype=D).reshape(s).requires_grad_()
//     torch.addmv(T([0.3, -0.7], (2,)), T(a, (2, 3)), T(b[:3], (3,)), beta=0.5, alpha=2)   # AddmvBackward0
//     torch.addmv(T([0.3], (1,)), T(a, (3, 2)).t(), T(b[:3], (3,)))
//     torch.addmv(torch.tensor([1, 2]), torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.tensor([1, 0, 2]), beta=3, alpha=2)  # [17, 38]
//     torch.addmv(torch.tensor([float('nan'), 1.]), torch.ones(2, 3), torch.ones(3), beta=0)   # [3., 3.]
//     torch.addbmm(T([.1, .2, .3, .4], (2, 2)), T(a + b, (3, 2, 2)), T(b + a, (3, 2, 2)), beta=2, alpha=0.5)
//     torch.addbmm(T([.1, .2], (2,)), T(a + b, (3, 2, 2)), T(b + a, (3, 2, 2)))
//     torch.addr(T(a, (2, 3)), T([1.5, -2.], (2,)), T(b[:3], (3,)), beta=0.5, alpha=3)     # AddrBackward0
//     torch.addr(T([.25, -.5, 1.], (3,)), T([1.5, -2.], (2,)), T(b[:3], (3,)))
//     torch.addr(torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.tensor([1, 2]), torch.tensor([3, 4, 5]), beta=2, alpha=3)
//     torch.addr(<same>, torch.tensor([1.5, 2]), ...)   # float32 [[15.5, 22, 28.5], [26, 34, 42]]
//     torch.addr(torch.tensor([[True, False, False], [False, False, True]]), torch.tensor([True, False]),
//                torch.tensor([False, True, True]))    # [[True, True, True], [False, False, True]]
//     torch.vdot(T(a[:3], (3,)), T(b[:3], (3,)))        # VdotBackward0, backward 2.0
//     torch.inner(T(a, (2, 3)), T(b + a, (4, 3))); torch.inner(T(a, (3, 2)).t().t(), T(b[:2], (2,)))  # ViewBackward0
//     torch.inner(T(a, (2, 3)), T([2.0], ()))           # MulBackward0
//     torch.tensordot(arange(24.).reshape(2, 3, 4), (0.5 * arange(60.) - 3).reshape(3, 4, 5), dims=2)
//     torch.tensordot(T(a + b, (2, 3, 2)), T(b + a + a, (2, 3, 3)), dims=([1, 0], [1, 0]))
//     torch.tensordot(T(a, (2, 3)), T(b[:2], (2,)), dims=0); torch.tensordot(T(a, (1, 3, 2)), T(b, (2, 3)), dims=([0], [0]))
//     torch.kron(T(a, (2, 3)), T([1., -2., .5, 3.], (2, 2))); torch.kron(T(a[:2], (2,)), T(b, (2, 3)))   # UnsafeViewBackward0
//     torch.linalg.multi_dot([T(a, (2, 3)), T(b + a, (3, 4)), T([.1 * i for i in range(20)], (4, 5))])
//     torch.linalg.multi_dot([T(a[:3], (3,)), T(b + a, (3, 4)), T([.1 * i - 1 for i in range(20)], (4, 5)),
//                             T([.2 * i - 1 for i in range(10)], (5, 2)), T([1., -1.], (2,))])   # backward 1.0
//     (errors: see each `expectTensorError` below, printed by the same PyTorch)

import Testing
import Ember
import EmberTestSupport

private let a: [Double] = [0.5, -1.25, 2.0, 3.5, -0.75, 1.5]
private let b: [Double] = [1.0, 2.0, -0.5, 0.25, -3.0, 1.75]

private func leaf(_ values: [Double], _ shape: [Int]) -> Tensor {
    Tensor(shape: shape, data: values, dtype: .float64, requiresGrad: true)
}

private func halfRamp(_ out: Tensor) -> Tensor {
    Tensor(shape: out.shape, data: (0..<out.numel).map { Double($0 + 1) * 0.5 }, dtype: .float64)
}

@Suite struct AddmvTests {
    @Test func valuesAndGradients() throws {
        let s = leaf([0.3, -0.7], [2]), m = leaf(a, [2, 3]), v = leaf(Array(b.prefix(3)), [3])
        let r = s.addmv(m, v, beta: 0.5, alpha: 2)
        #expect(r.gradFn?.name == "AddmvBackward0")
        expectClose(r, shape: [2], [-5.85, 2.15])
        try r.backward(gradient: halfRamp(r))
        expectGrad(s.grad, shape: [2], [0.25, 0.5])
        expectGrad(m.grad, shape: [2, 3], [1.0, 2.0, -0.5, 2.0, 4.0, -1.0])
        expectGrad(v.grad, shape: [3], [7.5, -2.75, 5.0])

        let s1 = leaf([0.3], [1]), m2 = leaf(a, [3, 2]), v2 = leaf(Array(b.prefix(3)), [3])
        let r2 = s1.addmv(m2.t(), v2)
        expectClose(r2, shape: [2], [5.175, 5.3])
        try r2.backward(gradient: halfRamp(r2))
        expectGrad(s1.grad, shape: [1], [1.5])
        expectGrad(m2.grad, shape: [3, 2], [0.5, 1.0, 1.0, 2.0, -0.25, -0.5])
        expectGrad(v2.grad, shape: [3], [-1.0, 4.5, 1.125])
        expectGradients("addmv", shapes: [[2], [2, 3], [3]], secondOrder: true, node: "AddmvBackward0") {
            $0[0].addmv($0[1], $0[2], beta: 0.5, alpha: 2)
        }
    }

    @Test func integersAndBetaZero() {
        expectInts(Tensor([1, 2]).addmv(Tensor([[1, 2, 3], [4, 5, 6]]), Tensor([1, 0, 2]), beta: 3, alpha: 2), shape: [2], [17, 38])
        expectInts(Tensor.ones(2, dtype: .int64).addmv(Tensor.ones(2, 3, dtype: .int64), Tensor.ones(3, dtype: .int64), beta: 0.5),
                   shape: [2], [3, 3])
        expectFloats(Tensor([Float.nan, 1]).addmv(Tensor.ones(2, 3), Tensor.ones(3), beta: 0), shape: [2], [3, 3])
        expectFloats(Tensor(2.0).addmv(Tensor.ones(2, 3), Tensor.ones(3)), shape: [2], [5, 5])
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "size mismatch, got input (3), mat (2x3), vec (3)") {
            _ = Tensor.ones(3).addmv(Tensor.ones(2, 3), Tensor.ones(3))
        }
        expectTensorError(.runtimeError, "size mismatch, got input (2), mat (2x3), vec (4)") {
            _ = Tensor.ones(2).addmv(Tensor.ones(2, 3), Tensor.ones(4, dtype: .float64))
        }
        expectTensorError(.indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(1.0).addmv(Tensor.ones(2, 3), Tensor.ones(4))
        }
        expectTensorError(.runtimeError, "vector + matrix @ vector expected, got 1, 3, 1") {
            _ = Tensor.ones(2).addmv(Tensor.ones(2, 3, 1), Tensor.ones(3))
        }
        expectTensorError(.runtimeError, "vector + matrix @ vector expected, got 2, 2, 1") {
            _ = Tensor.ones(2, 1).addmv(Tensor.ones(2, 3), Tensor.ones(3))
        }
        expectTensorError(.runtimeError, "addmv input tensors must have the same dtype, but got Float, Float, and Double") {
            _ = Tensor.ones(2).addmv(Tensor.ones(2, 3), Tensor.ones(3, dtype: .float64))
        }
        expectTensorError(.notImplementedError, "\"addmv_impl_cpu\" not implemented for 'Bool'") {
            _ = Tensor.ones(2, dtype: .bool).addmv(Tensor.ones(2, 3, dtype: .bool), Tensor.ones(3, dtype: .bool))
        }
    }
}

@Suite struct AddbmmTests {
    @Test func valuesAndGradients() throws {
        let s = leaf([0.1, 0.2, 0.3, 0.4], [2, 2]), b1 = leaf(a + b, [3, 2, 2]), b2 = leaf(b + a, [3, 2, 2])
        let r = s.addbmm(b1, b2, beta: 2, alpha: 0.5)
        #expect(r.gradFn?.name == "AddbmmBackward0")
        expectClose(r, shape: [2, 2], [1.6687500000000002, -1.5375, -3.93125, -1.0750000000000002])
        try r.backward(gradient: halfRamp(r))
        expectGrad(s.grad, shape: [2, 2], [1.0, 2.0, 3.0, 4.0])
        expectGrad(b1.grad, shape: [3, 2, 2], [1.25, 0.0, 2.75, -0.125, 0.125, -0.5, -0.5, -0.875, 2.25, 0.5625, 5.0, 0.9375])
        expectGrad(b2.grad, shape: [3, 2, 2], [1.625, 2.25, 2.3125, 2.875, 0.5625, 0.625, 1.875, 2.75, -2.375, -3.25, 1.375, 1.875])

        let s1 = leaf([0.1, 0.2], [2]), c1 = leaf(a + b, [3, 2, 2]), c2 = leaf(b + a, [3, 2, 2])
        let r2 = s1.addbmm(c1, c2)
        expectClose(r2, shape: [2, 2], [3.0374999999999996, -3.675, -8.9625, -3.55])
        try r2.backward(gradient: halfRamp(r2))
        expectGrad(s1.grad, shape: [2], [2.0, 3.0])
        expectGrad(c2.grad, shape: [3, 2, 2], [3.25, 4.5, 4.625, 5.75, 1.125, 1.25, 3.75, 5.5, -4.75, -6.5, 2.75, 3.75])
        expectGradients("addbmm", shapes: [[2, 4], [3, 2, 3], [3, 3, 4]], secondOrder: true, node: "AddbmmBackward0") {
            $0[0].addbmm($0[1], $0[2])
        }
    }

    @Test func edgeValues() {
        expectFloats(Tensor([[Float.nan]]).addbmm(Tensor.ones(2, 1, 3), Tensor.ones(2, 3, 1), beta: 0), shape: [1, 1], [6])
        expectTensor(Tensor.ones(2, 4, dtype: .float64).addbmm(Tensor.ones(0, 2, 3, dtype: .float64), Tensor.ones(0, 3, 4, dtype: .float64)),
                     shape: [2, 4], values: Array(repeating: 1, count: 8))
        expectInts(Tensor.ones(2, 4, dtype: .int64).addbmm(Tensor.ones(5, 2, 3, dtype: .int64), Tensor.ones(5, 3, 4, dtype: .int64)),
                   shape: [2, 4], Array(repeating: 16, count: 8))
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "batch1 and batch2 must have same number of batches, got 5 and 4") {
            _ = Tensor.ones(2, 4).addbmm(Tensor.ones(5, 2, 3), Tensor.ones(4, 3, 4))
        }
        expectTensorError(.runtimeError, "Incompatible matrix sizes for bmm (2x3 and 2x4)") {
            _ = Tensor.ones(2, 4).addbmm(Tensor.ones(5, 2, 3), Tensor.ones(5, 2, 4))
        }
        expectTensorError(.runtimeError,
            "The expanded size of the tensor (3) must match the existing size (2) at non-singleton dimension 0.  Target sizes: [3, 4].  Tensor sizes: [2, 4]") {
            _ = Tensor.ones(2, 4).addbmm(Tensor.ones(2, 3), Tensor.ones(5, 3, 4))
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = Tensor.ones(2, 4).addbmm(Tensor.ones(5, 2, 3), Tensor.ones(3, 4))
        }
        expectTensorError(.runtimeError, "batch1 must be a 3D tensor") {
            _ = Tensor.ones(2, 4).addbmm(Tensor.ones(5, 2, 3, 1), Tensor.ones(5, 3, 4))
        }
        expectTensorError(.runtimeError, "self and mat2 must have the same dtype, but got Double and Float") {
            _ = Tensor.ones(2, 4, dtype: .float64).addbmm(Tensor.ones(5, 2, 3), Tensor.ones(5, 3, 4))
        }
        expectTensorError(.runtimeError, "mat1 and mat2 must have the same dtype, but got Double and Float") {
            _ = Tensor.ones(2, 4).addbmm(Tensor.ones(5, 2, 3, dtype: .float64), Tensor.ones(5, 3, 4))
        }
        expectTensorError(.notImplementedError, "\"addmm_impl_cpu_\" not implemented for 'Bool'") {
            _ = Tensor.ones(2, 4, dtype: .bool).addbmm(Tensor.ones(5, 2, 3, dtype: .bool), Tensor.ones(5, 3, 4, dtype: .bool))
        }
    }
}

@Suite struct AddrTests {
    @Test func valuesAndGradients() throws {
        let s = leaf(a, [2, 3]), v1 = leaf([1.5, -2.0], [2]), v2 = leaf(Array(b.prefix(3)), [3])
        let r = s.addr(v1, v2, beta: 0.5, alpha: 3)
        #expect(r.gradFn?.name == "AddrBackward0")
        expectClose(r, shape: [2, 3], [4.75, 8.375, -1.25, -4.25, -12.375, 3.75])
        try r.backward(gradient: halfRamp(r))
        expectGrad(s.grad, shape: [2, 3], [0.25, 0.5, 0.75, 1.0, 1.25, 1.5])
        expectGrad(v1.grad, shape: [2], [5.25, 16.5])
        expectGrad(v2.grad, shape: [3], [-9.75, -10.5, -11.25])

        let s1 = leaf([0.25, -0.5, 1.0], [3]), u1 = leaf([1.5, -2.0], [2]), u2 = leaf(Array(b.prefix(3)), [3])
        let r2 = s1.addr(u1, u2)
        expectClose(r2, shape: [2, 3], [1.75, 2.5, 0.25, -1.75, -4.5, 2.0])
        try r2.backward(gradient: halfRamp(r2))
        expectGrad(s1.grad, shape: [3], [2.5, 3.5, 4.5])
        expectGrad(u1.grad, shape: [2], [1.75, 5.5])
        expectGradients("addr", shapes: [[2, 3], [2], [3]], secondOrder: true, node: "AddrBackward0") {
            $0[0].addr($0[1], $0[2], beta: 0.5, alpha: 3)
        }
    }

    @Test func dtypes() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        expectInts(m.addr(Tensor([1, 2]), Tensor([3, 4, 5]), beta: 2, alpha: 3), shape: [2, 3], [11, 16, 21, 26, 34, 42])
        expectFloats(m.addr(Tensor([1.5, 2]), Tensor([3, 4, 5]), beta: 2, alpha: 3), shape: [2, 3], [15.5, 22, 28.5, 26, 34, 42])
        expectBools(Tensor([[true, false, false], [false, false, true]]).addr(Tensor([true, false]), Tensor([false, true, true])),
                    shape: [2, 3], [true, true, true, false, false, true])
        expectBools(Tensor([[true, false]]).addr(Tensor([false]), Tensor([true, true]), beta: false), shape: [1, 2], [false, false])
        expectFloats(Tensor([[Float.nan]]).addr(Tensor.ones(1), Tensor.ones(1), beta: 0), shape: [1, 1], [1])
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "addr: Expected 1-D argument vec1, but got 2-D") {
            _ = Tensor.ones(4, 3).addr(Tensor.ones(2, 1), Tensor.ones(3))
        }
        expectTensorError(.runtimeError, "addr: Expected 1-D argument vec2, but got 2-D") {
            _ = Tensor.ones(2, 3).addr(Tensor.ones(2), Tensor.ones(3, 1))
        }
        expectTensorError(.runtimeError,
            "The expanded size of the tensor (2) must match the existing size (4) at non-singleton dimension 0.  Target sizes: [2, 3].  Tensor sizes: [4, 3]") {
            _ = Tensor.ones(4, 3).addr(Tensor.ones(2), Tensor.ones(3))
        }
        expectTensorError(.runtimeError, "For integral input tensors, argument beta must not be a floating point number.") {
            _ = Tensor.ones(2, 3, dtype: .int64).addr(Tensor.ones(2, dtype: .int64), Tensor.ones(3, dtype: .int64), beta: 0.5, alpha: 2.5)
        }
        expectTensorError(.runtimeError, "For integral input tensors, argument alpha must not be a floating point number.") {
            _ = Tensor.ones(2, 3, dtype: .int64).addr(Tensor.ones(2, dtype: .int64), Tensor.ones(3, dtype: .int64), alpha: 0.5)
        }
        expectTensorError(.runtimeError, "Boolean beta only supported for Boolean results.") {
            _ = Tensor.ones(2, 3).addr(Tensor.ones(2), Tensor.ones(3), beta: true)
        }
    }
}

@Suite struct DotProductTests {
    @Test func vdot() throws {
        let x = leaf(Array(a.prefix(3)), [3]), y = leaf(Array(b.prefix(3)), [3])
        let r = x.vdot(y)
        #expect(r.gradFn?.name == "VdotBackward0")
        expectClose(r, shape: [], [-3.0])
        try r.backward(gradient: Tensor(2.0, dtype: .float64))
        expectGrad(x.grad, shape: [3], [2.0, 4.0, -1.0])
        expectGrad(y.grad, shape: [3], [1.0, -2.5, 4.0])
        expectInts(Tensor([1, 2, 3]).vdot(Tensor([4, 5, 6])), shape: [], [32], dtype: .int64)
        expectTensorError(.runtimeError, "1D tensors expected, but got 2D and 1D tensors") {
            _ = Tensor.ones(3, 1).vdot(Tensor.ones(3, dtype: .float64))
        }
        expectTensorError(.runtimeError, "dot : expected both vectors to have same dtype, but found Float and Double") {
            _ = Tensor.ones(3).vdot(Tensor.ones(4, dtype: .float64))
        }
        expectTensorError(.runtimeError,
            "inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively") {
            _ = Tensor.ones(3).vdot(Tensor.ones(4))
        }
        expectTensorError(.notImplementedError, "\"dot\" not implemented for 'Bool'") {
            _ = Tensor.ones(3, dtype: .bool).vdot(Tensor.ones(3, dtype: .bool))
        }
    }

    @Test func inner() throws {
        let x = leaf(a, [2, 3]), y = leaf(b + a, [4, 3])
        let r = x.inner(y)
        #expect(r.gradFn?.name == "ViewBackward0")
        expectClose(r, shape: [2, 4], [-3.0, 7.375, 5.8125, 5.6875, 1.25, 5.75, 5.6875, 15.0625])
        try r.backward(gradient: halfRamp(r))
        expectGrad(x.grad, shape: [2, 3], [8.5, -5.375, 7.5, 19.0, -11.375, 17.0])
        expectGrad(y.grad, shape: [4, 3], [9.0, -2.5, 4.75, 11.0, -3.5, 6.5, 13.0, -4.5, 8.25, 15.0, -5.5, 10.0])

        let u = leaf(a, [3, 2]), w = leaf(Array(b.prefix(2)), [2])
        let r2 = u.inner(w)
        expectClose(r2, shape: [3], [-2.0, 9.0, 2.25])
        try r2.backward(gradient: halfRamp(r2))
        expectGrad(u.grad, shape: [3, 2], [0.5, 1.0, 1.0, 2.0, 1.5, 3.0])
        expectGrad(w.grad, shape: [2], [1.125, 5.125])

        let p = leaf(a, [2, 3]), q = leaf([2.0], [])
        let r3 = p.inner(q)
        #expect(r3.gradFn?.name == "MulBackward0")
        try r3.backward(gradient: halfRamp(r3))
        expectGrad(q.grad, shape: [], [11.625])
        expectGradients("inner", shapes: [[2, 3], [4, 3]], secondOrder: true) { $0[0].inner($0[1]) }

        expectTensorError(.runtimeError, "inner() the last dimension must match on both input tensors but got shapes [2, 3] and [4, 2]") {
            _ = Tensor.ones(2, 3).inner(Tensor.ones(4, 2))
        }
        expectTensorError(.runtimeError, "both inputs should have same dtype") {
            _ = Tensor.ones(2, 3).inner(Tensor.ones(4, 3, dtype: .float64))
        }
        expectTensorError(.notImplementedError, "\"dot\" not implemented for 'Bool'") {
            _ = Tensor.ones(3, dtype: .bool).inner(Tensor.ones(3, dtype: .bool))
        }
        expectTensorError(.notImplementedError, "\"addmm_impl_cpu_\" not implemented for 'Bool'") {
            _ = Tensor.ones(2, 3, dtype: .bool).inner(Tensor.ones(1, 3, dtype: .bool))
        }
    }
}

@Suite struct TensordotTests {
    @Test func integerDims() {
        let x = Tensor.arange(24.0, dtype: .float64).reshape(2, 3, 4)
        let y = (Tensor.arange(60.0, dtype: .float64) * 0.5 - 3).reshape(3, 4, 5)
        expectClose(x.tensordot(y, dims: 2), shape: [2, 5], [1067.0, 1100.0, 1133.0, 1166.0, 1199.0, 2615.0, 2720.0, 2825.0, 2930.0, 3035.0])
        expectInts(Tensor.ones(2, 3, dtype: .int64).tensordot(Tensor.ones(3, 5, dtype: .int64), dims: 1), shape: [2, 5],
                   Array(repeating: 3, count: 10))
        expectTensor(Tensor.ones(0, 3).tensordot(Tensor.ones(3, 5), dims: 1), shape: [0, 5], values: [])
        expectTensor(Tensor.ones(2, 0).tensordot(Tensor.ones(0, 5), dims: 1), shape: [2, 5], values: Array(repeating: 0, count: 10))
    }

    @Test func dimListsAndGradients() throws {
        let x = leaf(a + b, [2, 3, 2]), y = leaf(b + a + a, [2, 3, 3])
        let r = x.tensordot(y, dims: ([1, 0], [1, 0]))
        #expect(r.gradFn?.name == "ViewBackward0")
        expectClose(r, shape: [2, 3], [-6.625, -1.9375, -2.25, 13.625, -18.0, 15.875])
        try r.backward(gradient: halfRamp(r))
        expectGrad(x.grad, shape: [2, 3, 2], [1.75, 5.5, -0.25, -1.75, 2.0, 3.875, 3.25, 9.625, 2.0, 3.875, 3.25, 9.625])
        expectGrad(y.grad, shape: [2, 3, 3], [-2.25, -2.625, -3.0, 8.0, 10.75, 13.5, 2.625, 3.0, 3.375, 4.5, 6.0, 7.5, 0.25, 0.125,
                                              0.0, 2.0, 1.375, 0.75])

        let u = leaf(a, [2, 3]), v = leaf(Array(b.prefix(2)), [2])
        let outer = u.tensordot(v, dims: 0)
        expectClose(outer, shape: [2, 3, 2], [0.5, 1.0, -1.25, -2.5, 2.0, 4.0, 3.5, 7.0, -0.75, -1.5, 1.5, 3.0])
        try outer.backward(gradient: halfRamp(outer))
        expectGrad(u.grad, shape: [2, 3], [2.5, 5.5, 8.5, 11.5, 14.5, 17.5])
        expectGrad(v.grad, shape: [2], [20.5, 23.25])

        let p = leaf(a, [1, 3, 2]), q = leaf(b, [2, 3])
        let broadcast = p.tensordot(q, dims: ([0], [0]))
        expectClose(broadcast, shape: [3, 2, 3], [0.625, -0.5, 0.625, -1.5625, 1.25, -1.5625, 2.5, -2.0, 2.5, 4.375, -3.5, 4.375,
                                                  -0.9375, 0.75, -0.9375, 1.875, -1.5, 1.875])
        try broadcast.backward(gradient: halfRamp(broadcast))
        expectGrad(p.grad, shape: [1, 3, 2], [1.5, 3.75, 6.0, 8.25, 10.5, 12.75])
        expectGrad(q.grad, shape: [2, 3], [29.375, 32.125, 34.875, 29.375, 32.125, 34.875])
        expectGradients("tensordot", shapes: [[2, 3, 4], [4, 3, 2]], secondOrder: true) {
            $0[0].tensordot($0[1], dims: ([1, 2], [1, 0]))
        }
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "contracted dimensions need to match, but first has size 3 in dim -1 and second has size 4 in dim 0") {
            _ = Tensor.ones(2, 3).tensordot(Tensor.ones(4, 5), dims: 1)
        }
        expectTensorError(.runtimeError, "tensordot expects dims < ndim_a or ndim_b, but got dims=3") {
            _ = Tensor.ones(2, 3).tensordot(Tensor.ones(3, 5), dims: 3)
        }
        expectTensorError(.runtimeError, "tensordot expects dims >= 0, but got dims=-1") {
            _ = Tensor.ones(2, 3).tensordot(Tensor.ones(3, 5), dims: -1)
        }
        expectTensorError(.runtimeError, "both dimension lists should have same length") {
            _ = Tensor.ones(2, 3).tensordot(Tensor.ones(3, 5), dims: ([0], [0, 1]))
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = Tensor.ones(2, 3).tensordot(Tensor.ones(3, 5), dims: ([2], [0]))
        }
        expectTensorError(.runtimeError, "dim 0 appears multiple times in the list of dims") {
            _ = Tensor.ones(2, 3).tensordot(Tensor.ones(3, 2), dims: ([0, 0], [1, 1]))
        }
        expectTensorError(.runtimeError, "both inputs should have same dtype") {
            _ = Tensor.ones(2, 3).tensordot(Tensor.ones(3, 5, dtype: .float64), dims: 1)
        }
        expectTensorError(.notImplementedError, "\"addmm_impl_cpu_\" not implemented for 'Bool'") {
            _ = Tensor.ones(2, 3, dtype: .bool).tensordot(Tensor.ones(3, 5, dtype: .bool), dims: 1)
        }
    }
}

@Suite struct KronTests {
    @Test func valuesAndGradients() throws {
        let x = leaf(a, [2, 3]), y = leaf([1.0, -2.0, 0.5, 3.0], [2, 2])
        let r = x.kron(y)
        #expect(r.gradFn?.name == "UnsafeViewBackward0")
        expectClose(r, shape: [4, 6], [0.5, -1.0, -1.25, 2.5, 2.0, -4.0, 0.25, 1.5, -0.625, -3.75, 1.0, 6.0, 3.5, -7.0, -0.75, 1.5,
                                       1.5, -3.0, 1.75, 10.5, -0.375, -2.25, 0.75, 4.5])
        try r.backward(gradient: halfRamp(r))
        expectGrad(x.grad, shape: [2, 3], [12.25, 14.75, 17.25, 27.25, 29.75, 32.25])
        expectGrad(y.grad, shape: [2, 2], [33.25, 36.0, 49.75, 52.5])

        let u = leaf(Array(a.prefix(2)), [2]), v = leaf(b, [2, 3])
        let r2 = u.kron(v)
        expectClose(r2, shape: [2, 6], [0.5, 1.0, -0.25, -1.25, -2.5, 0.625, 0.125, -1.5, 0.875, -0.3125, 3.75, -2.1875])
        try r2.backward(gradient: halfRamp(r2))
        expectGrad(u.grad, shape: [2], [-1.5, 0.75])
        expectGrad(v.grad, shape: [2, 3], [-2.25, -2.625, -3.0, -4.5, -4.875, -5.25])
        expectGradients("kron", shapes: [[2, 3], [3, 2]], secondOrder: true, node: "UnsafeViewBackward0") { $0[0].kron($0[1]) }
    }

    @Test func dtypesAndEmpty() {
        expectFloats(Tensor([1, 2]).kron(Tensor([[1.5], [2.0]])), shape: [2, 2], [1.5, 3, 2, 4])
        expectBools(Tensor([true, false]).kron(Tensor([true, true])), shape: [4], [true, true, false, false])
        #expect(Tensor.ones(2, dtype: .int32).kron(Tensor.ones(2, dtype: .int64)).dtype == .int64)
        expectTensor(Tensor.ones(0, 3).kron(Tensor.ones(2, 2)), shape: [0, 6], values: [])
    }
}

@Suite struct MultiDotTests {
    @Test func threeMatrices() throws {
        let x = leaf(a, [2, 3]), y = leaf(b + a, [3, 4]), z = leaf((0..<20).map { 0.1 * Double($0) }, [4, 5])
        let r = Tensor.multiDot([x, y, z])
        #expect(r.gradFn?.name == "ViewBackward0")
        expectClose(r, shape: [2, 5], [7.5625, 9.200000000000001, 10.837500000000002, 12.475000000000001, 14.1125, 8.3125,
                                       10.3625, 12.412500000000001, 14.462499999999999, 16.5125])
        try r.backward(gradient: halfRamp(r))
        expectGrad(x.grad, shape: [2, 3], [12.0625, -7.75, 36.875, 29.875, -18.999999999999996, 93.125])
        expectGrad(z.grad, shape: [4, 5], [30.375, 38.875, 47.375, 55.875, 64.375, 35.71875, 44.09375, 52.46875, 60.84375, 69.21875,
                                           -10.9375, -13.75, -16.5625, -19.375, -22.1875, 14.53125, 18.90625, 23.28125, 27.65625, 32.03125])
    }

    @Test func fiveWithVectorEnds() throws {
        let v = leaf(Array(a.prefix(3)), [3]), m1 = leaf(b + a, [3, 4])
        let m2 = leaf((0..<20).map { 0.1 * Double($0) - 1 }, [4, 5]), m3 = leaf((0..<10).map { 0.2 * Double($0) - 1 }, [5, 2])
        let w = leaf([1.0, -1.0], [2])
        let r = Tensor.multiDot([v, m1, m2, m3, w])
        #expect(r.gradFn?.name == "ViewBackward0")
        expectClose(r, shape: [], [5.537499999999999])
        try r.backward()
        expectGrad(v.grad, shape: [3], [1.325, -1.1, 1.7499999999999996])
        expectGrad(m3.grad, shape: [5, 2], [-8.8125, 8.8125, -7.175000000000001, 7.175000000000001, -5.537499999999999,
                                            5.537499999999999, -3.8999999999999995, 3.8999999999999995, -2.2624999999999993,
                                            2.2624999999999993])
        expectGrad(w.grad, shape: [2], [12.087499999999999, 6.55])
        expectGradients("multiDot", shapes: [[2, 3], [3, 4], [4, 2], [2]], secondOrder: true) { Tensor.multiDot($0) }
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "multi_dot(): expected at least 2 tensors but got 1") { _ = Tensor.multiDot([Tensor.ones(2, 3)]) }
        expectTensorError(.runtimeError, "multi_dot(): expected at least 2 tensors but got 0") { _ = Tensor.multiDot([]) }
        expectTensorError(.runtimeError, "multi_dot(): tensors 0 and 1 with shapes [2, 3] and [4, 5] cannot be multiplied") {
            _ = Tensor.multiDot([Tensor.ones(2, 3), Tensor.ones(4, 5)])
        }
        expectTensorError(.runtimeError, "multi_dot(): tensors 0 and 1 with shapes [3] and [4, 5] cannot be multiplied") {
            _ = Tensor.multiDot([Tensor.ones(3), Tensor.ones(4, 5)])
        }
        expectTensorError(.runtimeError, "multi_dot(): tensor 1 must be 2D but got 3D") {
            _ = Tensor.multiDot([Tensor.ones(2, 3), Tensor.ones(3, 4, 1), Tensor.ones(4, 5)])
        }
        expectTensorError(.runtimeError, "multi_dot(): the first tensor must be 1D or 2D but got 0D") {
            _ = Tensor.multiDot([Tensor(1.0), Tensor.ones(3, 4)])
        }
        expectTensorError(.runtimeError, "multi_dot(): the last tensor must be 1D or 2D but got 3D") {
            _ = Tensor.multiDot([Tensor.ones(2, 3), Tensor.ones(4, 5, 6), Tensor.ones(7, 8, 9)])
        }
        expectTensorError(.runtimeError, "multi_dot(): all tensors must have be the same dtype but tensor 0 is long int and tensor 1 int") {
            _ = Tensor.multiDot([Tensor.ones(2, 3, dtype: .int64), Tensor.ones(3, 4, dtype: .int32)])
        }
        expectTensorError(.runtimeError, "multi_dot(): tensors 1 and 2 with shapes [3, 4] and [5] cannot be multiplied") {
            _ = Tensor.multiDot([Tensor.ones(2, 3), Tensor.ones(3, 4), Tensor.ones(5)])
        }
        expectTensorError(.notImplementedError, "\"addmm_impl_cpu_\" not implemented for 'Bool'") {
            _ = Tensor.multiDot([Tensor.ones(2, 3, dtype: .bool), Tensor.ones(3, 4, dtype: .bool)])
        }
    }
}
