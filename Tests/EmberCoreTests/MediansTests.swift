// MediansTests.swift
//
// median, nanmedian and mode against what PyTorch 2.15 printed (CPU):
//
//     import torch; nan = float('nan')
//     x = torch.tensor([[3., 1., 4., 1.], [5., 9., 2., 6.]], dtype=torch.float64, requires_grad=True)
//     r = x.median(); print(r.grad_fn.name(), r.item()); r.backward(); print(x.grad.tolist())
//     r = x.median(dim=1); r.values.sum().backward(); print(r.values.grad_fn.name(), r.values.tolist(), r.indices.tolist(), x.grad.tolist())
//     r = x.nanmedian(dim=0, keepdim=True); print(r.values.grad_fn.name(), r.values.tolist(), r.indices.tolist())
//     y = torch.tensor([[1., nan, 3., 2.], [nan, nan, 0., 7.], [nan, nan, nan, nan]], dtype=torch.float64, requires_grad=True)
//     r = y.median(); r.backward(); print(r.item(), y.grad.tolist())        # nan, 1/7 at each NaN
//     r = y.nanmedian(); r.backward(); print(r.item(), y.grad.tolist())     # 2.0
//     r = y.median(dim=1); r.values.sum().backward(); print(r.values.tolist(), r.indices.tolist(), y.grad.tolist())
//     r = y.nanmedian(dim=1); r.values.sum().backward(); print(r.values.tolist(), r.indices.tolist(), y.grad.tolist())
//     [torch.full((n,), nan).nanmedian(0).indices.item() for n in range(1, 12)]   # 0 0 0 2 2 3 5 6 7 8 8
//     torch.tensor([2., 1., 2., 1., 2., 1.]).median(0), torch.tensor([5, 3, 3, 5, 1, 1]).median(0)  # (1., 5), (3, 1)
//     torch.tensor([[1, 5, 2], [7, 7, 3]]).median(dim=1, keepdim=True)   # [[2], [7]], [[2], [0]]
//     torch.tensor([[3., 1.], [1., 2.], [2., 5.]]).t().median(dim=1), ....t().nanmedian(dim=1), ....t().mode(dim=1)
//     m = torch.tensor([[1., 2., 2., 1., 3.], [4., 4., 5., 5., 5.], [7., 6., 8., 9., 0.]], dtype=torch.float64, requires_grad=True)
//     r = m.mode(dim=1); r.values.sum().backward(); print(r.values.grad_fn.name(), r.values.tolist(), r.indices.tolist(), m.grad.tolist())
//     torch.tensor([nan, 1., nan, 1.]).mode(), torch.tensor([3, 3, 1, 1, 2]).mode(), torch.tensor([True, False, True]).mode()
//     torch.tensor([5., 1., 4., 1., 5., 9., 2., 6., 5., 3., 5., 8., 9., 7., 9., 3., 2., 3., 8., 4., 6., 2., 6., 4., 3., 3.]).mode()  # 3., 9
//     torch.tensor([float(i % 5) for i in range(40)]).mode()   # 0., 15
//     torch.tensor([True, False]).median(); torch.zeros(2, 0).median(dim=1); torch.zeros(2, 0).mode(dim=1)   # errors below
//     torch.tensor([]).median(), torch.tensor([], dtype=torch.int64).median()   # nan, -9223372036854775808

import Testing
import Ember
import EmberTestSupport

@Suite struct MediansTests {
    static func sample() -> Tensor { Tensor([[3.0, 1, 4, 1], [5, 9, 2, 6]], dtype: .float64, requiresGrad: true) }
    static func withNaN() -> Tensor {
        Tensor([[1.0, .nan, 3, 2], [.nan, .nan, 0, 7], [.nan, .nan, .nan, .nan]], dtype: .float64, requiresGrad: true)
    }

    @Test func wholeTensorMedian() throws {
        let x = Self.sample()
        let r = x.median()
        #expect(r.gradFn?.name == "MedianBackward0")
        expectClose(r, shape: [], [3])
        try r.backward()
        expectGrad(x.grad, shape: [2, 4], [1, 0, 0, 0, 0, 0, 0, 0])
        let y = Self.withNaN()
        let n = y.median()
        expectClose(n, shape: [], [.nan])
        try n.backward()
        let seventh = 1.0 / 7
        expectGrad(y.grad, shape: [3, 4], [0, seventh, 0, 0, seventh, seventh, 0, 0, seventh, seventh, seventh, seventh])
        let z = Self.withNaN()
        let nm = z.nanmedian()
        #expect(nm.gradFn?.name == "NanmedianBackward0")
        expectClose(nm, shape: [], [2])
        try nm.backward()
        expectGrad(z.grad, shape: [3, 4], [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        expectInts(Tensor([1, 2, 3, 4]).median(), shape: [], [2], dtype: .int64)
        expectClose(Tensor.zeros([0]).median(), shape: [], [.nan], dtype: .float32)
        expectClose(Tensor.zeros([0, 3]).nanmedian(), shape: [], [.nan], dtype: .float32)
        expectInts(Tensor.zeros([0], dtype: .int64).median(), shape: [], [Int64.min], dtype: .int64)
    }

    @Test func medianAlongADim() throws {
        let x = Self.sample()
        let r = x.median(dim: 1)
        #expect(r.values.gradFn?.name == "MedianBackward1")
        expectClose(r.values, shape: [2], [1, 5])
        expectInts(r.indices, shape: [2], [3, 0])
        try r.values.sum().backward()
        expectGrad(x.grad, shape: [2, 4], [0, 0, 0, 1, 1, 0, 0, 0])
        let k = Self.sample().nanmedian(dim: 0, keepdim: true)
        #expect(k.values.gradFn?.name == "NanmedianBackward1")
        expectClose(k.values, shape: [1, 4], [3, 1, 2, 1])
        expectInts(k.indices, shape: [1, 4], [0, 0, 1, 0])
        // Ties: the middle one in index order.
        let ties = Tensor([2.0, 1, 2, 1, 2, 1]).median(dim: 0)
        expectFloats(ties.values, shape: [], [1])
        expectInts(ties.indices, shape: [], [5])
        let ints = Tensor([5, 3, 3, 5, 1, 1]).median(dim: 0)
        expectInts(ints.values, shape: [], [3])
        expectInts(ints.indices, shape: [], [1])
        let kept = Tensor([[1, 5, 2], [7, 7, 3]]).median(dim: 1, keepdim: true)
        expectInts(kept.values, shape: [2, 1], [2, 7])
        expectInts(kept.indices, shape: [2, 1], [2, 0])
    }

    @Test func medianAlongADimWithNaN() throws {
        let y = Self.withNaN()
        let r = y.median(dim: 1)
        expectClose(r.values, shape: [3], [.nan, .nan, .nan])
        expectInts(r.indices, shape: [3], [1, 0, 0])
        try r.values.sum().backward()
        expectGrad(y.grad, shape: [3, 4], [0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0])
        let z = Self.withNaN()
        let n = z.nanmedian(dim: 1)
        expectClose(n.values, shape: [3], [2, 0, .nan])
        expectInts(n.indices, shape: [3], [3, 2, 2])
        try n.values.sum().backward()
        expectGrad(z.grad, shape: [3, 4], [0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0])
    }

    @Test(arguments: [(1, 0), (2, 0), (3, 0), (4, 2), (5, 2), (6, 3), (7, 5), (8, 6), (9, 7), (10, 8), (11, 8)])
    func nanmedianOfNaNOnly(count: Int, index: Int64) {
        let r = Tensor.full([count], .float(.nan)).nanmedian(dim: 0)
        expectInts(r.indices, shape: [], [index])
    }

    @Test func mediansOfATransposedInput() {
        let t = Tensor([[3.0, 1], [1, 2], [2, 5]]).t()
        let m = t.median(dim: 1)
        expectFloats(m.values, shape: [2], [2, 2])
        expectInts(m.indices, shape: [2], [2, 1])
        let n = t.nanmedian(dim: 1)
        expectInts(n.indices, shape: [2], [2, 1])
        expectFloats(t.median(), shape: [], [2])
        let mode = t.mode(dim: 1)
        expectFloats(mode.values, shape: [2], [1, 1])
        expectInts(mode.indices, shape: [2], [1, 0])
    }

    @Test func mode() throws {
        let m = Tensor([[1.0, 2, 2, 1, 3], [4, 4, 5, 5, 5], [7, 6, 8, 9, 0]], dtype: .float64, requiresGrad: true)
        let r = m.mode(dim: 1)
        #expect(r.values.gradFn?.name == "ModeBackward0")
        expectClose(r.values, shape: [3], [1, 5, 0])
        expectInts(r.indices, shape: [3], [3, 4, 4])
        try r.values.sum().backward()
        expectGrad(m.grad, shape: [3, 5], [0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
        let nan = Tensor([Double.nan, 1, .nan, 1]).mode()
        expectClose(nan.values, shape: [], [.nan])
        expectInts(nan.indices, shape: [], [0])
        let ints = Tensor([3, 3, 1, 1, 2]).mode()
        expectInts(ints.values, shape: [], [1])
        expectInts(ints.indices, shape: [], [3])
        let bools = Tensor([true, false, true]).mode()
        expectBools(bools.values, shape: [], [true])
        expectInts(bools.indices, shape: [], [2])
        let kept = Tensor([[1, 1], [2, 2]]).mode(dim: 0, keepdim: true)
        expectInts(kept.values, shape: [1, 2], [1, 1])
        expectInts(kept.indices, shape: [1, 2], [0, 0])
        expectInts(Tensor(3.0).mode().indices, shape: [], [0])
        #expect(Tensor.zeros([0, 2]).mode(dim: 1).values.shape == [0])
    }

    /// More than 16 elements: libstdc++'s introsort reorders equal values, so the index is not
    /// simply the last occurrence.
    @Test func modeOfLongSlices() {
        let long = Tensor([5.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4, 3, 3]).mode()
        expectFloats(long.values, shape: [], [3])
        expectInts(long.indices, shape: [], [9])
        let cycle = Tensor((0..<40).map { Double($0 % 5) }).mode()
        expectFloats(cycle.values, shape: [], [0])
        expectInts(cycle.indices, shape: [], [15])
        let pairs = Tensor([Double](repeating: 0, count: 12).enumerated().flatMap { _ in [1.0, 2.0] } + [3.0]).mode()
        expectFloats(pairs.values, shape: [], [1])
        expectInts(pairs.indices, shape: [], [0])
    }

    @Test func errors() {
        expectTensorError(.notImplementedError, "\"median_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true, false]).median()
        }
        expectTensorError(.notImplementedError, "\"median_out\" not implemented for 'Bool'") {
            _ = Tensor([true, false]).median(dim: 0)
        }
        expectTensorError(.indexError, "median(): Expected reduction dim 1 to have non-zero size.") {
            _ = Tensor.zeros([2, 0]).median(dim: 1)
        }
        expectTensorError(.indexError, "nanmedian(): Expected reduction dim 1 to have non-zero size.") {
            _ = Tensor.zeros([2, 0]).nanmedian(dim: 1)
        }
        expectTensorError(.indexError, "mode(): Expected reduction dim 1 to have non-zero size.") {
            _ = Tensor.zeros([2, 0]).mode(dim: 1)
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0]).median(dim: 1)
        }
    }
}
