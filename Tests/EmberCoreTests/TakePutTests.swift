// TakePutTests.swift
//
// takeAlongDim (with and without a dim), put / put_ and argwhere against what PyTorch 2.15
// printed (E prints "OK", the shape, dtype and values, or the exception's kind and message):
//
//     import torch
//     t = torch.tensor([[10., 30, 20], [60, 40, 50]])
//     E(lambda: torch.take_along_dim(t, torch.tensor([[0, 2], [1, 0]]), dim=1))    # [[10, 20], [40, 60]]
//     E(lambda: torch.take_along_dim(t, torch.tensor([[1, 0, 2]]), dim=0))         # [[60, 30, 20]]
//     E(lambda: torch.take_along_dim(t, torch.tensor([[1], [0]]), dim=-1))         # [[30], [60]]
//     E(lambda: torch.take_along_dim(t, torch.tensor([[5, 7], [-1, -3]]), dim=1))  # [[20, 30], [50, 60]]: wraps
//     E(lambda: torch.take_along_dim(t, torch.tensor([5, 0])))                     # [50, 10]
//     E(lambda: torch.take_along_dim(t, torch.tensor([[1, 2]]).t()))               # [30, 20]
//     E(lambda: torch.take_along_dim(t.t(), torch.tensor([[1, 0]]), dim=0))        # [[30, 60]]
//     E(lambda: torch.take_along_dim(t, torch.zeros(2, 0, dtype=torch.long), dim=1))  # [2, 0]
//     E(lambda: torch.take_along_dim(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1], [0]]), dim=0))  # int64 [[3, 4], [1, 2]]
//     E(lambda: torch.take_along_dim(torch.tensor(5.), torch.tensor([0, 0])))      # [5, 5]
//     (errors, as printed by E: see `TakeAlongDimTests.errors`, among them
//      E(lambda: torch.take_along_dim(torch.tensor(5.), torch.tensor(0), dim=0)) and the same with dim=3)
//     x = torch.tensor([[1., 2, 3], [4, 5, 6]], dtype=torch.float64, requires_grad=True)
//     r = torch.take_along_dim(x, torch.tensor([[0, 0], [2, 4]]), dim=1); print(r.grad_fn.name())
//     r.backward(torch.tensor([[1., 2], [3, 4]], dtype=torch.float64)); print(x.grad.tolist())
//     r = torch.take_along_dim(x, torch.tensor([[0, 0, 1]]), dim=0); r.sum().backward()   # (x.grad reset)
//     r = torch.take_along_dim(x, torch.tensor([4, 0, 4])); r.sum().backward()
//     t = torch.tensor([[1., 2, 3], [4, 5, 6]])
//     E(lambda: t.put(torch.tensor([1, -1]), torch.tensor([9., 8])))
//     E(lambda: t.put(torch.tensor([1, 1, 5]), torch.tensor([9., 8, 7]), accumulate=True))
//     E(lambda: t.put(torch.tensor([1, 1]), torch.tensor([9., 8])))
//     E(lambda: t.put(torch.tensor([[1], [4]]), torch.tensor([9., 8])))
//     E(lambda: t.put(torch.tensor([1]), torch.tensor(9.)))
//     E(lambda: t.t().put(torch.tensor([1, 5]), torch.tensor([9., 8])))
//     E(lambda: torch.tensor([1, 2, 3]).put(torch.tensor([0, 0]), torch.tensor([7, 5]), accumulate=True))
//     E(lambda: torch.tensor([True, False]).put(torch.tensor([1, 1]), torch.tensor([True, True]), accumulate=True))
//     E(lambda: torch.tensor(5.).put(torch.tensor([0]), torch.tensor([1.])))
//     E(lambda: torch.zeros(0).put(torch.tensor([], dtype=torch.long), torch.tensor([])))
//     w = t.clone(); u = w.t(); u.put_(torch.tensor([1]), torch.tensor([100.])); print(u.tolist(), w.tolist())
//     w = t.clone(); w.put_(torch.tensor([0, 2]), torch.tensor([-1., -2])); print(w.tolist())
//     x = torch.tensor([[1., 2, 3], [4, 5, 6]], dtype=torch.float64, requires_grad=True)
//     s = torch.tensor([7., 8., 9.], dtype=torch.float64, requires_grad=True)
//     for acc in [False, True]:
//         x.grad = None; s.grad = None
//         r = x.put(torch.tensor([1, -1, 1]), s, accumulate=acc); print(r.grad_fn.name(), r.tolist())
//         r.backward(torch.tensor([[10., 20, 30], [40, 50, 60]], dtype=torch.float64)); print(x.grad.tolist(), s.grad.tolist())
//     y = x * 1; y.put_(torch.tensor([0, 4]), s[:2]); print(y.grad_fn.name()); y.sum().backward()   # (grads reset)
//     E(lambda: torch.argwhere(torch.tensor([[0, 1.5], [float('nan'), 0]])))  # [[0, 1], [1, 0]]
//     E(lambda: torch.argwhere(torch.tensor(3)))          # [1, 0]
//     E(lambda: torch.argwhere(torch.tensor(0)))          # [0, 0]
//     E(lambda: torch.argwhere(torch.zeros(2, 0, 3)))     # [0, 3]
//     E(lambda: torch.argwhere(torch.tensor([True, False, True])))   # [[0], [2]]
//     E(lambda: torch.argwhere(torch.tensor([[0, 1], [2, 0]]).t()))  # [[0, 1], [1, 0]]

import Testing
import Ember
import EmberTestSupport

@Suite struct TakeAlongDimTests {
    let t = Tensor([[10.0, 30, 20], [60, 40, 50]])

    @Test func values() {
        expectFloats(t.takeAlongDim(Tensor([[0, 2], [1, 0]]), dim: 1), shape: [2, 2], [10, 20, 40, 60])
        expectFloats(t.takeAlongDim(Tensor([[1, 0, 2]]), dim: 0), shape: [1, 3], [60, 30, 20])
        expectFloats(t.takeAlongDim(Tensor([[1], [0]]), dim: -1), shape: [2, 1], [30, 60])
        // PyTorch 2.15 wraps positions outside the dim around (Python's modulo).
        expectFloats(t.takeAlongDim(Tensor([[5, 7], [-1, -3]]), dim: 1), shape: [2, 2], [20, 30, 50, 60])
        expectFloats(t.takeAlongDim(Tensor([5, 0])), shape: [2], [50, 10])
        expectFloats(t.takeAlongDim(Tensor([[1, 2]]).t()), shape: [2], [30, 20])
        expectFloats(t.t().takeAlongDim(Tensor([[1, 0]]), dim: 0), shape: [1, 2], [30, 60])
        expectFloats(t.takeAlongDim(Tensor.zeros([2, 0], dtype: .int64), dim: 1), shape: [2, 0], [])
        expectInts(Tensor([[1, 2], [3, 4]]).takeAlongDim(Tensor([[1], [0]]), dim: 0), shape: [2, 2], [3, 4, 1, 2], dtype: .int64)
        expectFloats(Tensor(5.0).takeAlongDim(Tensor([0, 0])), shape: [2], [5, 5])
    }

    @Test func errors() {
        expectTensorError(.runtimeError,
                          "torch.take_along_dim(): input and indices should have the same number of dimensions, but got 2 dimensions for input, and 1 dimensions for indices") {
            _ = t.takeAlongDim(Tensor([1]), dim: 1)
        }
        expectTensorError(.runtimeError, "torch.take_along_dim(): dtype of indices should be Long but got Int") {
            _ = t.takeAlongDim(Tensor([[1]], dtype: .int32), dim: 1)
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = t.takeAlongDim(Tensor([[1]]), dim: 2)
        }
        expectTensorError(.runtimeError, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            _ = t.takeAlongDim(Tensor([[1, 0], [1, 1], [0, 0]]), dim: 1)
        }
        expectTensorError(.indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(5.0).takeAlongDim(Tensor(0), dim: 0)
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 3)") {
            _ = Tensor(5.0).takeAlongDim(Tensor(0), dim: 3)
        }
        expectTensorError(.runtimeError, "ZeroDivisionError") {
            _ = Tensor.zeros(2, 0).takeAlongDim(Tensor([[0], [0]]), dim: 1)
        }
        expectTensorError(.runtimeError, "index -1 is out of bounds for dimension 0 with size 6") {
            _ = t.takeAlongDim(Tensor([-1, 0]))
        }
        expectTensorError(.runtimeError,
                          "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.") {
            _ = t.t().takeAlongDim(Tensor([1, 2]))
        }
        expectTensorError(.runtimeError, "gather(): Expected dtype int32/int64 for index") { _ = t.takeAlongDim(Tensor([1.0, 2])) }
    }

    @Test func gradients() throws {
        let x = Tensor([[1.0, 2, 3], [4, 5, 6]], dtype: .float64, requiresGrad: true)
        let r = x.takeAlongDim(Tensor([[0, 0], [2, 4]]), dim: 1)
        #expect(r.gradFn?.name == "GatherBackward0")
        try r.backward(gradient: Tensor([[1.0, 2], [3, 4]], dtype: .float64))
        expectGrad(x.grad, shape: [2, 3], [3, 0, 0, 0, 4, 3])
        x.grad = nil
        try x.takeAlongDim(Tensor([[0, 0, 1]]), dim: 0).sum().backward()
        expectGrad(x.grad, shape: [2, 3], [1, 1, 0, 0, 0, 1])
        x.grad = nil
        let flat = x.takeAlongDim(Tensor([4, 0, 4]))
        #expect(flat.gradFn?.name == "GatherBackward0")
        try flat.sum().backward()
        expectGrad(x.grad, shape: [2, 3], [1, 0, 0, 0, 2, 0])
    }

    @Test func gradcheck() {
        let index = Tensor([[2, 0, 1], [1, 1, 0]])
        expectGradients("takeAlongDim", shapes: [[2, 3]], secondOrder: true, node: "GatherBackward0") { $0[0].takeAlongDim(index, dim: 1) }
        expectGradients("takeAlongDim broadcast", shapes: [[2, 3]], node: "GatherBackward0") {
            $0[0].takeAlongDim(Tensor([[1, 0, 1]]), dim: 0)
        }
    }
}

@Suite struct PutTests {
    let t = Tensor([[1.0, 2, 3], [4, 5, 6]])

    @Test func values() {
        expectFloats(t.put(index: Tensor([1, -1]), source: Tensor([9.0, 8])), shape: [2, 3], [1, 9, 3, 4, 5, 8])
        expectFloats(t.put(index: Tensor([1, 1, 5]), source: Tensor([9.0, 8, 7]), accumulate: true), shape: [2, 3], [1, 19, 3, 4, 5, 13])
        expectFloats(t.put(index: Tensor([1, 1]), source: Tensor([9.0, 8])), shape: [2, 3], [1, 8, 3, 4, 5, 6])
        expectFloats(t.put(index: Tensor([[1], [4]]), source: Tensor([9.0, 8])), shape: [2, 3], [1, 9, 3, 4, 8, 6])
        expectFloats(t.put(index: Tensor([1]), source: Tensor(9.0)), shape: [2, 3], [1, 9, 3, 4, 5, 6])
        expectFloats(t.t().put(index: Tensor([1, 5]), source: Tensor([9.0, 8])), shape: [3, 2], [1, 9, 2, 5, 3, 8])
        expectInts(Tensor([1, 2, 3]).put(index: Tensor([0, 0]), source: Tensor([7, 5]), accumulate: true), shape: [3], [13, 2, 3])
        expectBools(Tensor([true, false]).put(index: Tensor([1, 1]), source: Tensor([true, true]), accumulate: true), shape: [2], [true, true])
        expectFloats(Tensor(5.0).put(index: Tensor([0]), source: Tensor([1.0])), shape: [], [1])
        expectFloats(Tensor.zeros(0).put(index: Tensor.zeros([0], dtype: .int64), source: Tensor.zeros(0)), shape: [0], [])
        // The original is untouched.
        expectFloats(t, shape: [2, 3], [1, 2, 3, 4, 5, 6])
    }

    @Test func inPlace() {
        let w = t.clone()
        let u = w.t()
        u.put_(index: Tensor([1]), source: Tensor([100.0]))
        expectFloats(u, shape: [3, 2], [1, 100, 2, 5, 3, 6])
        expectFloats(w, shape: [2, 3], [1, 2, 3, 100, 5, 6])
        let v = t.clone()
        #expect(v.put_(index: Tensor([0, 2]), source: Tensor([-1.0, -2])) === v)
        expectFloats(v, shape: [2, 3], [-1, 2, -2, 4, 5, 6])
    }

    @Test func errors() {
        expectTensorError(.indexError, "out of range: tried to access index 6 on a tensor of 6 elements.") {
            _ = t.put(index: Tensor([6]), source: Tensor([9.0]))
        }
        expectTensorError(.indexError, "out of range: tried to access index -7 on a tensor of 6 elements.") {
            _ = t.put(index: Tensor([-7]), source: Tensor([9.0]))
        }
        expectTensorError(.indexError,
                          "put_(): Expected source and index to have the same number of elements, but got source.numel() = 2, index.numel() = 1") {
            _ = t.put(index: Tensor([1]), source: Tensor([9.0, 8]))
        }
        expectTensorError(.runtimeError, "put_(): Expected a long tensor for index, but got Int") {
            _ = t.put(index: Tensor([1], dtype: .int32), source: Tensor([9.0]))
        }
        expectTensorError(.runtimeError,
                          "put_(): self and source expected to have the same dtype, but got self.dtype = Float and source.dtype = Double") {
            _ = t.put(index: Tensor([1]), source: Tensor([9.0], dtype: .float64))
        }
        expectTensorError(.indexError, "put_(): Tried to put elements into an empty tensor") {
            _ = Tensor.zeros(0).put(index: Tensor([0]), source: Tensor([1.0]))
        }
        // A failed in-place put writes nothing.
        let w = t.clone()
        expectTensorError(.indexError, "out of range: tried to access index 6 on a tensor of 6 elements.") {
            w.put_(index: Tensor([0, 6]), source: Tensor([9.0, 9]))
        }
        expectFloats(w, shape: [2, 3], [1, 2, 3, 4, 5, 6])
        let leaf = Tensor([1.0, 2], requiresGrad: true)
        expectTensorError(.runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            leaf.put_(index: Tensor([0]), source: Tensor([3.0]))
        }
    }

    @Test(arguments: [false, true])
    func gradients(accumulate: Bool) throws {
        let x = Tensor([[1.0, 2, 3], [4, 5, 6]], dtype: .float64, requiresGrad: true)
        let s = Tensor([7.0, 8, 9], dtype: .float64, requiresGrad: true)
        let r = x.put(index: Tensor([1, -1, 1]), source: s, accumulate: accumulate)
        #expect(r.gradFn?.name == "PutBackward0")
        expectClose(r, shape: [2, 3], accumulate ? [1, 18, 3, 4, 5, 14] : [1, 9, 3, 4, 5, 8])
        try r.backward(gradient: Tensor([[10.0, 20, 30], [40, 50, 60]], dtype: .float64))
        expectGrad(x.grad, shape: [2, 3], accumulate ? [10, 20, 30, 40, 50, 60] : [10, 0, 30, 40, 50, 0])
        expectGrad(s.grad, shape: [3], [20, 60, 20])
    }

    @Test func inPlaceGradient() throws {
        let x = Tensor([[1.0, 2, 3], [4, 5, 6]], dtype: .float64, requiresGrad: true)
        let s = Tensor([7.0, 8, 9], dtype: .float64, requiresGrad: true)
        let y = x * 1
        y.put_(index: Tensor([0, 4]), source: s[..<2])
        #expect(y.gradFn?.name == "PutBackward0")
        try y.sum().backward()
        expectGrad(x.grad, shape: [2, 3], [0, 1, 1, 1, 0, 1])
        expectGrad(s.grad, shape: [3], [1, 1, 0])
    }

    @Test func gradcheck() {
        let index = Tensor([4, -1, 0])
        for accumulate in [false, true] {
            expectGradients("put accumulate: \(accumulate)", shapes: [[2, 3], [3]], secondOrder: true, node: "PutBackward0") {
                $0[0].put(index: index, source: $0[1], accumulate: accumulate)
            }
        }
    }
}

@Suite struct ArgwhereTests {
    @Test func values() {
        expectInts(Tensor([[0, 1.5], [.nan, 0]]).argwhere(), shape: [2, 2], [0, 1, 1, 0], dtype: .int64)
        expectInts(Tensor(3).argwhere(), shape: [1, 0], [], dtype: .int64)
        expectInts(Tensor(0).argwhere(), shape: [0, 0], [], dtype: .int64)
        expectInts(Tensor.zeros(2, 0, 3).argwhere(), shape: [0, 3], [], dtype: .int64)
        expectInts(Tensor([true, false, true]).argwhere(), shape: [2, 1], [0, 2], dtype: .int64)
        expectInts(Tensor([[0, 1], [2, 0]]).t().argwhere(), shape: [2, 2], [0, 1, 1, 0], dtype: .int64)
    }
}
