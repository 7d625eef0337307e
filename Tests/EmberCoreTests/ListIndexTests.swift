// ListIndexTests.swift
//
// A Swift array of integers in a subscript acts as Python's list index (advanced indexing with
// an int64 tensor), alone and mixed with other entries, in reads, gradients and assignments,
// against what PyTorch 2.15 printed:
//
//     import torch
//     t = torch.arange(12.).reshape(3, 4)
//     print(t[[0, 2]].tolist(), t[[-1, 0]].tolist(), t[[0, 2], 1].tolist(), t[1, [0, 3]].tolist(), t[[0, 2], [1, 3]].tolist())
//     print(t[..., [0, 3]].tolist(), t[1:, [0, -1]].tolist(), t[[0]].shape, t[[]].shape, t[[]].dtype, t[:, []].shape)
//     print(t.t()[[1, 3]].tolist(), torch.arange(6).reshape(2, 3)[[1, 1]].tolist(), t[None, [2]].shape, t[[2], None].shape)
//     print(t[[0, 2], :, None].shape)
//     for f in [lambda: t[[0, 3]], lambda: t[[-4]], lambda: t[:, [4]], lambda: t[[0, 1], [0, 1, 2]],
//               lambda: torch.tensor(5.)[[0]]]:
//         try: f()
//         except Exception as e: print(type(e).__name__, str(e))
//     x = torch.arange(12., dtype=torch.float64).reshape(3, 4).requires_grad_()
//     r = x[[0, 2, 0]]; print(r.grad_fn.name()); r.sum().backward(); print(x.grad.tolist())
//     u = t.clone(); u[[0, 2]] = 7; print(u.tolist())
//     u = t.clone(); u[[0, 2]] = torch.tensor([1., 2, 3, 4]); print(u.tolist())
//     u = t.clone(); u[:, [1, -1]] = torch.tensor([[1.], [2], [3]]); print(u.tolist())

import Testing
import Ember
import EmberTestSupport

@Suite struct ListIndexTests {
    let t = Tensor.arange(12.0).reshape(3, 4)

    @Test func reads() {
        expectFloats(t[[0, 2]], shape: [2, 4], [0, 1, 2, 3, 8, 9, 10, 11])
        expectFloats(t[[-1, 0]], shape: [2, 4], [8, 9, 10, 11, 0, 1, 2, 3])
        expectFloats(t[[0, 2], 1], shape: [2], [1, 9])
        expectFloats(t[1, [0, 3]], shape: [2], [4, 7])
        expectFloats(t[[0, 2], [1, 3]], shape: [2], [1, 11])
        expectFloats(t[..., [0, 3]], shape: [3, 2], [0, 3, 4, 7, 8, 11])
        expectFloats(t[1..., [0, -1]], shape: [2, 2], [4, 7, 8, 11])
        expectFloats(t[[0]], shape: [1, 4], [0, 1, 2, 3])
        expectFloats(t[[Int]()], shape: [0, 4], [])
        expectFloats(t[.all, [Int]()], shape: [3, 0], [])
        #expect(t[.newAxis, [2]].shape == [1, 1, 4])
        #expect(t[[2], .newAxis].shape == [1, 1, 4])
        #expect(t[[0, 2], .all, .newAxis].shape == [2, 4, 1])
    }

    @Test func nonContiguousAndIntegerInputs() {
        expectFloats(t.t()[[1, 3]], shape: [2, 3], [1, 5, 9, 3, 7, 11])
        expectInts(Tensor.arange(6).reshape(2, 3)[[1, 1]], shape: [2, 3], [3, 4, 5, 3, 4, 5], dtype: .int64)
    }

    @Test func theSameAsAnInt64IndexTensor() {
        let list: Tensor = t[[2, -3, 1]]
        let tensor: Tensor = t[Tensor([2, -3, 1])]
        #expect(list.scalars(as: Float.self) == tensor.scalars(as: Float.self))
    }

    @Test func errors() {
        expectTensorError(.indexError, "index 3 is out of bounds for dimension 0 with size 3") { _ = t[[0, 3]] }
        expectTensorError(.indexError, "index -4 is out of bounds for dimension 0 with size 3") { _ = t[[-4]] }
        expectTensorError(.indexError, "index 4 is out of bounds for dimension 0 with size 4") { _ = t[.all, [4]] }
        expectTensorError(.indexError, "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]") {
            _ = t[[0, 1], [0, 1, 2]]
        }
        expectTensorError(.indexError, "too many indices for tensor of dimension 0") { _ = Tensor(5.0)[[0]] }
    }

    @Test func gradient() throws {
        let x = Tensor.arange(12.0, dtype: .float64).reshape(3, 4).requiresGrad_()
        let r = x[[0, 2, 0]]
        #expect(r.gradFn?.name == "IndexBackward0")
        try r.sum().backward()
        expectGrad(x.grad, shape: [3, 4], [2, 2, 2, 2, 0, 0, 0, 0, 1, 1, 1, 1])
    }

    @Test func assignments() {
        let u = t.clone()
        u[[0, 2]] = 7.0
        expectFloats(u, shape: [3, 4], [7, 7, 7, 7, 4, 5, 6, 7, 7, 7, 7, 7])
        let v = t.clone()
        v[[0, 2]] = Tensor([1.0, 2, 3, 4])
        expectFloats(v, shape: [3, 4], [1, 2, 3, 4, 4, 5, 6, 7, 1, 2, 3, 4])
        let w = t.clone()
        w[.all, [1, -1]] = Tensor([[1.0], [2], [3]])
        expectFloats(w, shape: [3, 4], [0, 1, 2, 1, 4, 2, 6, 2, 8, 3, 10, 3])
    }
}
