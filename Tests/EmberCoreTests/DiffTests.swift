// DiffTests.swift
//
// diff: orders, dims, prepend/append (with type promotion), bool, integer, empty, NaN/inf and
// non-contiguous inputs, PyTorch's errors, and gradients against what PyTorch 2.15 printed
// (E prints "OK", the shape, dtype and flattened values, or the exception's kind and message):
//
//     import torch
//     x = torch.tensor([[1., 4, 9, 16], [2, 3, 5, 8]])
//     E(lambda: torch.diff(x))
//     E(lambda: torch.diff(x, n=2))
//     E(lambda: torch.diff(x, n=0))
//     E(lambda: torch.diff(x, n=5))
//     E(lambda: torch.diff(x, dim=0))
//     E(lambda: torch.diff(x, dim=-2, n=2))
//     E(lambda: torch.diff(x, prepend=torch.tensor([[0.], [0]]), append=torch.tensor([[100.], [200]])))
//     E(lambda: torch.diff(x, append=torch.tensor([[1], [2]])))
//     E(lambda: torch.diff(x, n=0, prepend=torch.tensor([[0.], [0]])))
//     E(lambda: torch.diff(torch.tensor([1, 5, 2])))
//     E(lambda: torch.diff(torch.tensor([True, False, False, True])))
//     E(lambda: torch.diff(torch.tensor([True, False, False, True]), n=2))
//     E(lambda: torch.diff(torch.tensor([1, 5, 2]), append=torch.tensor([1.5])))
//     E(lambda: torch.diff(torch.zeros(0)))
//     E(lambda: torch.diff(torch.zeros(2, 0)))
//     E(lambda: torch.diff(x.t(), dim=0))
//     E(lambda: torch.diff(torch.tensor([1., 2]), n=3, append=torch.tensor([7.])))
//     E(lambda: torch.diff(torch.tensor([1., float('inf'), float('nan'), 3])))
//     (errors: see `errors`)
//     xx = torch.tensor([[1., 4, 9, 16], [2, 3, 5, 8]], dtype=torch.float64, requires_grad=True)
//     r = torch.diff(xx, n=2); print(r.grad_fn.name(), [f[0].name() for f in r.grad_fn.next_functions])
//     r.backward(torch.tensor([[1., 2], [3, 4]], dtype=torch.float64)); print(xx.grad.flatten().tolist())
//     p = torch.tensor([[0.5], [1.5]], dtype=torch.float64, requires_grad=True); xx.grad = None
//     r = torch.diff(xx, prepend=p); r.backward(torch.arange(8., dtype=torch.float64).reshape(2, 4))
//     print(xx.grad.flatten().tolist(), p.grad.flatten().tolist()); xx.grad = None
//     r = torch.diff(xx, n=0); print(r.grad_fn.name()); r.sum().backward(); print(xx.grad.flatten().tolist())

import Testing
import Ember
import EmberTestSupport

@Suite struct DiffTests {
    let x = Tensor([[1.0, 4, 9, 16], [2, 3, 5, 8]])

    @Test func values() {
        expectFloats(x.diff(), shape: [2, 3], [3, 5, 7, 1, 2, 3])
        expectFloats(x.diff(n: 2), shape: [2, 2], [2, 2, 1, 1])
        expectFloats(x.diff(n: 0), shape: [2, 4], [1, 4, 9, 16, 2, 3, 5, 8])
        expectFloats(x.diff(n: 5), shape: [2, 0], [])
        expectFloats(x.diff(dim: 0), shape: [1, 4], [1, -1, -4, -8])
        expectFloats(x.diff(n: 2, dim: -2), shape: [0, 4], [])
        expectFloats(x.diff(prepend: Tensor([[0.0], [0]]), append: Tensor([[100.0], [200]])), shape: [2, 5],
                     [1, 3, 5, 7, 84, 2, 1, 2, 3, 192])
        expectFloats(x.diff(append: Tensor([[1], [2]])), shape: [2, 4], [3, 5, 7, -15, 1, 2, 3, -6])
        expectFloats(x.diff(n: 0, prepend: Tensor([[0.0], [0]])), shape: [2, 4], [1, 4, 9, 16, 2, 3, 5, 8])
        expectInts(Tensor([1, 5, 2]).diff(), shape: [2], [4, -3], dtype: .int64)
        expectBools(Tensor([true, false, false, true]).diff(), shape: [3], [true, false, true])
        expectBools(Tensor([true, false, false, true]).diff(n: 2), shape: [2], [true, true])
        expectFloats(Tensor([1, 5, 2]).diff(append: Tensor([1.5])), shape: [3], [4, -3, -0.5])
        expectFloats(Tensor.zeros(0).diff(), shape: [0], [])
        expectFloats(Tensor.zeros(2, 0).diff(), shape: [2, 0], [])
        expectFloats(x.t().diff(dim: 0), shape: [3, 2], [3, 1, 5, 2, 7, 3])
        expectFloats(Tensor([1.0, 2]).diff(n: 3, append: Tensor([7.0])), shape: [0], [])
        expectClose(Tensor([1.0, .infinity, .nan, 3]).diff(), shape: [3], [.infinity, .nan, .nan], dtype: .float32)
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "order must be non-negative but got -1") { _ = x.diff(n: -1) }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") { _ = x.diff(dim: 2) }
        expectTensorError(.runtimeError, "diff expects prepend or append to be the same dimension as input") {
            _ = x.diff(prepend: Tensor([0.0]))
        }
        expectTensorError(.runtimeError,
                          "diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(0) = 2, but got tensor.size(0) = 1") {
            _ = x.diff(prepend: Tensor([[0.0]]))
        }
        expectTensorError(.runtimeError, "diff expects input to be at least one-dimensional") { _ = Tensor(3.0).diff() }
        expectTensorError(.runtimeError, "diff expects prepend or append to be the same dimension as input") {
            _ = x.diff(prepend: Tensor(0.0))
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 5)") {
            _ = x.diff(dim: 5, prepend: Tensor([[0.0]]))
        }
    }

    @Test func gradients() throws {
        let xx = Tensor([[1.0, 4, 9, 16], [2, 3, 5, 8]], dtype: .float64, requiresGrad: true)
        let r = xx.diff(n: 2)
        #expect(r.gradFn?.name == "SubBackward0")
        #expect(r.gradFn?.nextFunctions.map { $0?.node.name } == ["SliceBackward0", "SliceBackward0"])
        try r.backward(gradient: Tensor([[1.0, 2], [3, 4]], dtype: .float64))
        expectGrad(xx.grad, shape: [2, 4], [1, 0, -3, 2, 3, -2, -5, 4])
        xx.grad = nil
        let p = Tensor([[0.5], [1.5]], dtype: .float64, requiresGrad: true)
        try xx.diff(prepend: p).backward(gradient: Tensor.arange(8.0, dtype: .float64).reshape(2, 4))
        expectGrad(xx.grad, shape: [2, 4], [-1, -1, -1, 3, -1, -1, -1, 7])
        expectGrad(p.grad, shape: [2, 1], [0, -4])
        xx.grad = nil
        let copy = xx.diff(n: 0)
        #expect(copy.gradFn?.name == "torch::autograd::CopyBackwards")
        try copy.sum().backward()
        expectGrad(xx.grad, shape: [2, 4], [1, 1, 1, 1, 1, 1, 1, 1])
    }

    @Test func gradcheck() {
        expectGradients("diff", shapes: [[3, 4]], secondOrder: true, node: "SubBackward0") { $0[0].diff(n: 2, dim: 0) }
        expectGradients("diff prepend append", shapes: [[3, 4], [3, 1], [3, 2]], node: "SubBackward0") {
            $0[0].diff(prepend: $0[1], append: $0[2])
        }
    }
}
