// ViewScatterTests.swift
//
// diagonalScatter, selectScatter and sliceScatter: values (dtype conversion, negative dims and
// bounds, empty and non-contiguous inputs), PyTorch's errors, and both inputs' gradients
// against what PyTorch 2.15 printed (E prints "OK", the shape, dtype and flattened values, or
// the exception's kind and message):
//
//     import torch
//     a = torch.arange(12.).reshape(3, 4)
//     E(lambda: torch.diagonal_scatter(a, torch.tensor([-1., -2, -3])))
//     E(lambda: torch.diagonal_scatter(a, torch.tensor([-1., -2, -3]), 1))
//     E(lambda: torch.diagonal_scatter(a, torch.tensor([-1., -2]), -1))
//     E(lambda: torch.diagonal_scatter(a, torch.tensor([-1., -2, -3]), 0, 1, 0))
//     E(lambda: torch.diagonal_scatter(a, torch.tensor([-1, -2, -3])))
//     E(lambda: torch.diagonal_scatter(a.long(), torch.tensor([-1.5, -2, -3])))
//     E(lambda: torch.diagonal_scatter(a, torch.ones(0), 5))
//     E(lambda: torch.diagonal_scatter(torch.zeros(2, 3, 4), torch.ones(2, 3), 0, 1, 2))
//     E(lambda: torch.diagonal_scatter(a.t(), torch.tensor([-1., -2, -3])))
//     E(lambda: torch.select_scatter(a, torch.tensor([-1., -2, -3, -4]), 0, 1))
//     E(lambda: torch.select_scatter(a, torch.tensor([-1., -2, -3]), 1, -1))
//     E(lambda: torch.select_scatter(torch.zeros(3), torch.tensor(1.), 0, 0))
//     E(lambda: torch.select_scatter(a.t(), torch.tensor([-1., -2, -3]), 0, 2))
//     E(lambda: torch.slice_scatter(a, torch.ones(3, 4) * -1))
//     E(lambda: torch.slice_scatter(a, -torch.ones(3, 2), 1, 0, None, 2))
//     E(lambda: torch.slice_scatter(a, -torch.ones(3, 2), 1, 1, 4, 2))
//     E(lambda: torch.slice_scatter(a, -torch.ones(3, 2), 1, -2))
//     E(lambda: torch.slice_scatter(a, -torch.ones(3, 1), 1, -10, 1))
//     E(lambda: torch.slice_scatter(a, torch.ones(3, 0), 1, 10, 20))
//     E(lambda: torch.slice_scatter(a, torch.ones(3, 0), 1, 3, 1))
//     E(lambda: torch.slice_scatter(a, -torch.ones(2, 4), 0, 1))
//     E(lambda: torch.slice_scatter(a, -torch.ones(2, 4), 0, -2**63, 2))
//     E(lambda: torch.slice_scatter(a, -torch.ones(3, 4), 0, -2**63, 2**63-1))
//     (errors: see `errors`)
//     g = torch.arange(1., 13., dtype=torch.float64).reshape(3, 4)
//     x = torch.zeros(3, 4, dtype=torch.float64, requires_grad=True)
//     for name, f in [('diag', lambda x, s: torch.diagonal_scatter(x, s, 1)),
//                     ('select', lambda x, s: torch.select_scatter(x, s, 1, 2)),
//                     ('slice', lambda x, s: torch.slice_scatter(x, s.view(3, 1).expand(3, 2), 1, 0, 4, 2))]:
//         x.grad = None
//         s = torch.tensor([1., 2, 3], dtype=torch.float64, requires_grad=True)
//         r = f(x, s); print(name, r.grad_fn.name()); r.backward(gradient: g); print(x.grad.flatten().tolist(), s.grad.flatten().tolist())
//     s = torch.tensor([1., 2, 3], dtype=torch.float32, requires_grad=True); x.grad = None
//     r = torch.diagonal_scatter(x, s); print(r.dtype); r.backward(gradient: g); print(s.grad.dtype, s.grad.tolist(), x.grad.flatten().tolist())

import Testing
import Ember
import EmberTestSupport

@Suite struct ViewScatterTests {
    let a = Tensor.arange(12.0).reshape(3, 4)

    @Test func diagonalScatter() {
        expectFloats(a.diagonalScatter(Tensor([-1.0, -2, -3])), shape: [3, 4], [-1, 1, 2, 3, 4, -2, 6, 7, 8, 9, -3, 11])
        expectFloats(a.diagonalScatter(Tensor([-1.0, -2, -3]), offset: 1), shape: [3, 4], [0, -1, 2, 3, 4, 5, -2, 7, 8, 9, 10, -3])
        expectFloats(a.diagonalScatter(Tensor([-1.0, -2]), offset: -1), shape: [3, 4], [0, 1, 2, 3, -1, 5, 6, 7, 8, -2, 10, 11])
        expectFloats(a.diagonalScatter(Tensor([-1.0, -2, -3]), dim1: 1, dim2: 0), shape: [3, 4], [-1, 1, 2, 3, 4, -2, 6, 7, 8, 9, -3, 11])
        expectFloats(a.diagonalScatter(Tensor([-1, -2, -3])), shape: [3, 4], [-1, 1, 2, 3, 4, -2, 6, 7, 8, 9, -3, 11])
        expectInts(a.long().diagonalScatter(Tensor([-1.5, -2, -3])), shape: [3, 4], [-1, 1, 2, 3, 4, -2, 6, 7, 8, 9, -3, 11], dtype: .int64)
        expectFloats(a.diagonalScatter(Tensor.ones(0), offset: 5), shape: [3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        expectFloats(Tensor.zeros(2, 3, 4).diagonalScatter(Tensor.ones(2, 3), dim1: 1, dim2: 2), shape: [2, 3, 4],
                     [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0])
        expectFloats(a.t().diagonalScatter(Tensor([-1.0, -2, -3])), shape: [4, 3], [-1, 4, 8, 1, -2, 9, 2, 6, -3, 3, 7, 11])
        expectFloats(a, shape: [3, 4], (0..<12).map(Float.init))
    }

    @Test func selectScatter() {
        expectFloats(a.selectScatter(Tensor([-1.0, -2, -3, -4]), dim: 0, index: 1), shape: [3, 4], [0, 1, 2, 3, -1, -2, -3, -4, 8, 9, 10, 11])
        expectFloats(a.selectScatter(Tensor([-1.0, -2, -3]), dim: 1, index: -1), shape: [3, 4], [0, 1, 2, -1, 4, 5, 6, -2, 8, 9, 10, -3])
        expectFloats(Tensor.zeros(3).selectScatter(Tensor(1.0), dim: 0, index: 0), shape: [3], [1, 0, 0])
        expectFloats(a.t().selectScatter(Tensor([-1.0, -2, -3]), dim: 0, index: 2), shape: [4, 3], [0, 4, 8, 1, 5, 9, -1, -2, -3, 3, 7, 11])
    }

    @Test func sliceScatter() {
        let minus = { (shape: [Int]) in Tensor.ones(shape) * -1 }
        expectFloats(a.sliceScatter(minus([3, 4])), shape: [3, 4], [Float](repeating: -1, count: 12))
        expectFloats(a.sliceScatter(minus([3, 2]), dim: 1, start: 0, end: nil, step: 2), shape: [3, 4], [-1, 1, -1, 3, -1, 5, -1, 7, -1, 9, -1, 11])
        expectFloats(a.sliceScatter(minus([3, 2]), dim: 1, start: 1, end: 4, step: 2), shape: [3, 4], [0, -1, 2, -1, 4, -1, 6, -1, 8, -1, 10, -1])
        expectFloats(a.sliceScatter(minus([3, 2]), dim: 1, start: -2), shape: [3, 4], [0, 1, -1, -1, 4, 5, -1, -1, 8, 9, -1, -1])
        expectFloats(a.sliceScatter(minus([3, 1]), dim: 1, start: -10, end: 1), shape: [3, 4], [-1, 1, 2, 3, -1, 5, 6, 7, -1, 9, 10, 11])
        expectFloats(a.sliceScatter(Tensor.ones(3, 0), dim: 1, start: 10, end: 20), shape: [3, 4], (0..<12).map(Float.init))
        expectFloats(a.sliceScatter(Tensor.ones(3, 0), dim: 1, start: 3, end: 1), shape: [3, 4], (0..<12).map(Float.init))
        expectFloats(a.sliceScatter(minus([2, 4]), dim: 0, start: 1), shape: [3, 4], [0, 1, 2, 3, -1, -1, -1, -1, -1, -1, -1, -1])
        expectFloats(a.sliceScatter(minus([2, 4]), start: Int.min, end: 2), shape: [3, 4], [-1, -1, -1, -1, -1, -1, -1, -1, 8, 9, 10, 11])
        expectFloats(a.sliceScatter(minus([3, 4]), start: Int.min, end: Int.max), shape: [3, 4], [Float](repeating: -1, count: 12))
    }

    @Test func errors() {
        let msg = "expected src to have a size equal to the slice of self. src size = "
        expectTensorError(.runtimeError, msg + "[2], slice size = [3]") { _ = a.diagonalScatter(Tensor.ones(2)) }
        expectTensorError(.runtimeError, msg + "[1], slice size = [0]") { _ = a.diagonalScatter(Tensor.ones(1), offset: 5) }
        expectTensorError(.runtimeError, "diagonal dimensions cannot be identical 0, 0") { _ = a.diagonalScatter(Tensor.ones(3), dim1: 0, dim2: 0) }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = a.diagonalScatter(Tensor.ones(3), dim1: 0, dim2: 2)
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor.zeros(3).diagonalScatter(Tensor.ones(3))
        }
        expectTensorError(.runtimeError, msg + "[], slice size = [3]") { _ = a.diagonalScatter(Tensor(1.0)) }
        expectTensorError(.indexError, "select(): index 3 out of range for tensor of size [3, 4] at dimension 0") {
            _ = a.selectScatter(Tensor.ones(4), dim: 0, index: 3)
        }
        expectTensorError(.indexError, "select(): index -4 out of range for tensor of size [3, 4] at dimension 0") {
            _ = a.selectScatter(Tensor.ones(4), dim: 0, index: -4)
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = a.selectScatter(Tensor.ones(4), dim: 2, index: 0)
        }
        expectTensorError(.runtimeError, msg + "[3], slice size = [4]") { _ = a.selectScatter(Tensor.ones(3), dim: 0, index: 0) }
        expectTensorError(.indexError, "select() cannot be applied to a 0-dim tensor.") {
            _ = Tensor(0.0).selectScatter(Tensor(1.0), dim: 0, index: 0)
        }
        expectTensorError(.indexError, "select(): index 0 out of range for tensor of size [0, 2] at dimension 0") {
            _ = Tensor.zeros(0, 2).selectScatter(Tensor.zeros(2), dim: 0, index: 0)
        }
        expectTensorError(.runtimeError, msg + "[2, 4], slice size = [3, 4]") { _ = a.sliceScatter(Tensor.ones(2, 4)) }
        expectTensorError(.runtimeError, "slice step must be positive") { _ = a.sliceScatter(Tensor.ones(3, 2), dim: 1, start: 0, end: 2, step: 0) }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = a.sliceScatter(Tensor.ones(3, 2), dim: 2, start: 0, end: 2)
        }
        expectTensorError(.runtimeError, msg + "[2], slice size = [3, 2]") { _ = a.sliceScatter(Tensor.ones(2), dim: 1, start: 0, end: 2) }
        expectTensorError(.indexError, "slice() cannot be applied to a 0-dim tensor.") { _ = Tensor(1.0).sliceScatter(Tensor(2.0)) }
    }

    @Test func gradients() throws {
        let g = Tensor.arange(1.0, 13.0, dtype: .float64).reshape(3, 4)
        let cases: [(String, (Tensor, Tensor) -> Tensor, [Double], [Double])] = [
            ("DiagonalScatterBackward0", { $0.diagonalScatter($1, offset: 1) }, [1, 0, 3, 4, 5, 6, 0, 8, 9, 10, 11, 0], [2, 7, 12]),
            ("SelectScatterBackward0", { $0.selectScatter($1, dim: 1, index: 2) }, [1, 2, 0, 4, 5, 6, 0, 8, 9, 10, 0, 12], [3, 7, 11]),
            ("SliceScatterBackward0", { $0.sliceScatter($1.view(3, 1).expand(3, 2), dim: 1, start: 0, end: 4, step: 2) },
             [0, 2, 0, 4, 0, 6, 0, 8, 0, 10, 0, 12], [4, 12, 20]),
        ]
        for (node, op, gx, gs) in cases {
            let x = Tensor.zeros([3, 4], dtype: .float64, requiresGrad: true)
            let s = Tensor([1.0, 2, 3], dtype: .float64, requiresGrad: true)
            let r = op(x, s)
            #expect(r.gradFn?.name == node)
            try r.backward(gradient: g)
            expectGrad(x.grad, shape: [3, 4], gx)
            expectGrad(s.grad, shape: [3], gs)
        }
        // A float32 source of a float64 tensor gets a float32 gradient.
        let x = Tensor.zeros([3, 4], dtype: .float64, requiresGrad: true)
        let s = Tensor([1.0, 2, 3], requiresGrad: true)
        let r = x.diagonalScatter(s)
        #expect(r.dtype == .float64)
        try r.backward(gradient: g)
        expectFloats(s.grad!, shape: [3], [1, 6, 11])
        expectGrad(x.grad, shape: [3, 4], [0, 2, 3, 4, 5, 0, 7, 8, 9, 10, 0, 12])
    }

    @Test func gradcheck() {
        expectGradients("diagonalScatter", shapes: [[3, 4], [2]], secondOrder: true, node: "DiagonalScatterBackward0") {
            $0[0].diagonalScatter($0[1], offset: -1)
        }
        expectGradients("selectScatter", shapes: [[3, 4], [3]], secondOrder: true, node: "SelectScatterBackward0") {
            $0[0].selectScatter($0[1], dim: -1, index: 1)
        }
        expectGradients("sliceScatter", shapes: [[3, 4], [3, 2]], secondOrder: true, node: "SliceScatterBackward0") {
            $0[0].sliceScatter($0[1], dim: 1, start: 1, step: 2)
        }
    }
}
