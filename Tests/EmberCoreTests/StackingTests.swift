// StackingTests.swift
//
// columnStack and rowStack, and the nodes vstack/hstack/dstack record for the dims they add
// (`reshape` of a 0-dim tensor, `unsqueeze` of a vector or matrix, nothing when a tensor has
// enough dims), against what PyTorch 2.15 printed (E prints "OK", the shape, dtype and
// flattened values, or the exception's kind and message; nf gives the names of the next
// functions, `type(f[0]).__name__`, which `f[0].name()` prefixes with `torch::autograd::`
// for AccumulateGrad):
//
//     import torch
//     a = torch.tensor([1, 2, 3]); b = torch.tensor([4., 5, 6])
//     E(lambda: torch.column_stack([a, b]))
//     E(lambda: torch.column_stack([a, torch.tensor([[7, 8], [9, 10], [11, 12]])]))
//     E(lambda: torch.column_stack([torch.tensor(1), torch.tensor(2.)]))
//     E(lambda: torch.column_stack([torch.zeros(2, 3, 4), torch.zeros(2, 1, 4)]))
//     E(lambda: torch.column_stack([torch.zeros(0), torch.zeros(0)]))
//     E(lambda: torch.column_stack([torch.tensor([[1, 2], [3, 4]]).t(), a[:2]]))
//     E(lambda: torch.column_stack([a, torch.tensor([1, 2])]))
//     E(lambda: torch.column_stack([]))
//     E(lambda: torch.row_stack([a, b]))
//     E(lambda: torch.row_stack([torch.tensor(1), torch.tensor(2)]))
//     E(lambda: torch.row_stack([torch.tensor([[1, 2], [3, 4]]).t(), a[:2]]))
//     E(lambda: torch.row_stack([]))
//     E(lambda: torch.row_stack([a, torch.tensor([1, 2])]))
//     x = torch.tensor([1., 2, 3], dtype=torch.float64, requires_grad=True)
//     y = torch.tensor([[4., 5], [6, 7], [8, 9]], dtype=torch.float64, requires_grad=True)
//     s = torch.tensor(2., dtype=torch.float64, requires_grad=True)
//     r = torch.column_stack([x, y]); print(r.grad_fn.name(), nf(r))
//     r.backward(torch.arange(9., dtype=torch.float64).reshape(3, 3)); print(x.grad.tolist(), y.grad.flatten().tolist())
//     r = torch.row_stack([x, x]); print(r.grad_fn.name(), nf(r))
//     print(nf(torch.column_stack([s, s])), nf(torch.row_stack([s, s])))
//     print(nf(torch.hstack([s, s])), nf(torch.hstack([x, x])), nf(torch.hstack([y, y])))
//     print(nf(torch.vstack([s, s])), nf(torch.vstack([x, x])), nf(torch.vstack([y, y])))
//     print(nf(torch.dstack([s, s])), nf(torch.dstack([x, x])), nf(torch.dstack([y, y])))

import Testing
import Ember
import EmberTestSupport

@Suite struct StackingTests {
    let a = Tensor([1, 2, 3]), b = Tensor([4.0, 5, 6])

    @Test func columnStack() {
        expectFloats(Tensor.columnStack([a, b]), shape: [3, 2], [1, 4, 2, 5, 3, 6])
        expectInts(Tensor.columnStack([a, Tensor([[7, 8], [9, 10], [11, 12]])]), shape: [3, 3], [1, 7, 8, 2, 9, 10, 3, 11, 12], dtype: .int64)
        expectFloats(Tensor.columnStack([Tensor(1), Tensor(2.0)]), shape: [1, 2], [1, 2])
        expectFloats(Tensor.columnStack([Tensor.zeros(2, 3, 4), Tensor.zeros(2, 1, 4)]), shape: [2, 4, 4], [Float](repeating: 0, count: 32))
        expectFloats(Tensor.columnStack([Tensor.zeros(0), Tensor.zeros(0)]), shape: [0, 2], [])
        expectInts(Tensor.columnStack([Tensor([[1, 2], [3, 4]]).t(), a[..<2]]), shape: [2, 3], [1, 3, 1, 2, 4, 2])
        expectTensorError(.runtimeError,
                          "Sizes of tensors must match except in dimension 1. Expected size 3 but got size 2 for tensor number 1 in the list.") {
            _ = Tensor.columnStack([a, Tensor([1, 2])])
        }
        expectTensorError(.runtimeError, "column_stack expects a non-empty TensorList") { _ = Tensor.columnStack([]) }
    }

    @Test func rowStack() {
        expectFloats(Tensor.rowStack([a, b]), shape: [2, 3], [1, 2, 3, 4, 5, 6])
        expectInts(Tensor.rowStack([Tensor(1), Tensor(2)]), shape: [2, 1], [1, 2], dtype: .int64)
        expectInts(Tensor.rowStack([Tensor([[1, 2], [3, 4]]).t(), a[..<2]]), shape: [3, 2], [1, 3, 2, 4, 1, 2])
        expectTensorError(.runtimeError, "vstack expects a non-empty TensorList") { _ = Tensor.rowStack([]) }
        expectTensorError(.runtimeError,
                          "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 for tensor number 1 in the list.") {
            _ = Tensor.rowStack([a, Tensor([1, 2])])
        }
    }

    /// The names of `r`'s node's next functions.
    func next(_ r: Tensor) -> [String?] { r.gradFn?.nextFunctions.map { $0?.node.name } ?? [] }

    @Test func gradientsAndNodes() throws {
        let x = Tensor([1.0, 2, 3], dtype: .float64, requiresGrad: true)
        let y = Tensor([[4.0, 5], [6, 7], [8, 9]], dtype: .float64, requiresGrad: true)
        let s = Tensor(2.0, dtype: .float64, requiresGrad: true)
        let accumulate = "torch::autograd::AccumulateGrad"
        let r = Tensor.columnStack([x, y])
        #expect(r.gradFn?.name == "CatBackward0")
        #expect(next(r) == ["ViewBackward0", accumulate])
        try r.backward(gradient: Tensor.arange(9.0, dtype: .float64).reshape(3, 3))
        expectGrad(x.grad, shape: [3], [0, 3, 6])
        expectGrad(y.grad, shape: [3, 2], [1, 2, 4, 5, 7, 8])
        let rows = Tensor.rowStack([x, x])
        #expect(rows.gradFn?.name == "CatBackward0")
        #expect(next(rows) == ["UnsqueezeBackward0", "UnsqueezeBackward0"])
        let view = "ViewBackward0", unsqueeze = "UnsqueezeBackward0"
        #expect(next(Tensor.columnStack([s, s])) == [view, view])
        #expect(next(Tensor.rowStack([s, s])) == [view, view])
        #expect(next(Tensor.hstack([s, s])) == [view, view])
        #expect(next(Tensor.hstack([x, x])) == [accumulate, accumulate])
        #expect(next(Tensor.hstack([y, y])) == [accumulate, accumulate])
        #expect(next(Tensor.vstack([s, s])) == [view, view])
        #expect(next(Tensor.vstack([x, x])) == [unsqueeze, unsqueeze])
        #expect(next(Tensor.vstack([y, y])) == [accumulate, accumulate])
        #expect(next(Tensor.dstack([s, s])) == [view, view])
        #expect(next(Tensor.dstack([x, x])) == [unsqueeze, unsqueeze])
        #expect(next(Tensor.dstack([y, y])) == [unsqueeze, unsqueeze])
        expectGradients("columnStack", shapes: [[3], [3, 2]], secondOrder: true, node: "CatBackward0") { Tensor.columnStack($0) }
        expectGradients("rowStack", shapes: [[3], [2, 3]], secondOrder: true, node: "CatBackward0") { Tensor.rowStack($0) }
    }
}
