// HistogramsAndRunsTests.swift
//
// msort, histc, bincount, bucketize and unique_consecutive against what PyTorch 2.15 printed:
//
//     import torch; nan, inf = float('nan'), float('inf')
//     m = torch.tensor([[3., 1.], [1., 2.], [2., 0.]], dtype=torch.float64, requires_grad=True)
//     r = m.msort(); (r * torch.tensor([[1., 2.], [3., 4.], [5., 6.]], dtype=torch.float64)).sum().backward()
//     print(r.grad_fn.name(), r.tolist(), m.grad.tolist())
//     torch.histc(torch.tensor([1., 2., 1., 2.5, 4., 0.]), bins=4, min=0, max=3), torch.histc(..., bins=4)
//     torch.histc(torch.tensor([2., 2.]), bins=3), torch.histc(torch.tensor([0.1, 0.2, 0.3, nan]), bins=3, min=0, max=1)
//     torch.histc(torch.tensor([[1., 5.], [3., 2.]]), bins=2, min=1, max=5), torch.histc(torch.tensor([0.99999999, 1.0, 0.0]), bins=3, min=0, max=1)
//     torch.bincount(torch.tensor([0, 1, 1, 3])), (..., minlength=6), (..., weights=torch.tensor([0.5, 1., 2., 0.25]))
//     torch.bincount(torch.tensor([0, 1]), weights=torch.tensor([1, 2])).dtype    # float64
//     b = torch.tensor([1., 3., 5., 7.]); v = torch.tensor([[0., 3., 6.], [7., 9., 1.]])
//     torch.bucketize(v, b), torch.bucketize(v, b, right=True), torch.bucketize(torch.tensor([1, 4, nan]), b)
//     u = torch.tensor([1, 1, 2, 2, 3, 1, 1, 2]); torch.unique_consecutive(u, return_inverse=True, return_counts=True)
//     x2 = torch.tensor([[1, 1, 2], [1, 1, 2], [3, 3, 4], [1, 1, 2]])
//     torch.unique_consecutive(x2, dim=0, return_inverse=True, return_counts=True), (..., dim=1, ...)
//     torch.unique_consecutive(torch.tensor([nan, nan, 1., 1.]), return_counts=True)
//     (the errors below, each printed by PyTorch)

import Testing
import Ember
import EmberTestSupport

@Suite struct HistogramsAndRunsTests {
    @Test func msort() throws {
        let m = Tensor([[3.0, 1], [1, 2], [2, 0]], dtype: .float64, requiresGrad: true)
        let r = m.msort()
        #expect(r.gradFn?.name == "SortBackward0")
        expectClose(r, shape: [3, 2], [1, 0, 2, 1, 3, 2])
        try (r * Tensor([[1.0, 2], [3, 4], [5, 6]], dtype: .float64)).sum().backward()
        expectGrad(m.grad, shape: [3, 2], [5, 4, 1, 6, 3, 2])
        expectInts(Tensor([3, 1, 2]).msort(), shape: [3], [1, 2, 3])
        expectFloats(Tensor(5.0).msort(), shape: [], [5])
    }

    @Test func histc() {
        let x = Tensor([1.0, 2, 1, 2.5, 4, 0])
        expectFloats(x.histc(bins: 4, min: 0, max: 3), shape: [4], [1, 2, 1, 1])
        expectFloats(x.histc(bins: 4), shape: [4], [1, 2, 2, 1])
        expectFloats(Tensor([2.0, 2]).histc(bins: 3), shape: [3], [0, 2, 0])
        expectFloats(Tensor([0.1, 0.2, 0.3, .nan]).histc(bins: 3, min: 0, max: 1), shape: [3], [3, 0, 0])
        expectFloats(Tensor([[1.0, 5], [3, 2]]).t().histc(bins: 2, min: 1, max: 5), shape: [2], [2, 2])
        expectFloats(Tensor([0.99999999, 1.0, 0.0]).histc(bins: 3, min: 0, max: 1), shape: [3], [1, 0, 2])
        expectFloats(Tensor.zeros([0]).histc(bins: 3), shape: [3], [0, 0, 0])
        #expect(Tensor([1.0, 1, 3], dtype: .float64).histc(bins: 2).dtype == .float64)
        #expect(!Tensor([1.0, 2], requiresGrad: true).histc(bins: 2).requiresGrad)
    }

    @Test func histcErrors() {
        expectTensorError(.notImplementedError, "\"histogram_cpu\" not implemented for 'Long'") {
            _ = Tensor([1, 2]).histc(bins: 2)
        }
        expectTensorError(.runtimeError, "torch.histogram(): bins must be > 0, but got 0 for dimension 0") {
            _ = Tensor([1.0, 2]).histc(bins: 0)
        }
        expectTensorError(.runtimeError, "torch.histogram(): bins must be > 0, but got -1 for dimension 0") {
            _ = Tensor([1.0, 2]).histc(bins: -1)
        }
        expectTensorError(.runtimeError, "torch.histc: max must be larger than min") {
            _ = Tensor([1.0, 2]).histc(bins: 2, min: 3, max: 1)
        }
        expectTensorError(.runtimeError, "torch.histc: range of [-nan, -nan] is not finite") {
            _ = Tensor([1.0, .nan]).histc(bins: 2)
        }
        expectTensorError(.runtimeError, "torch.histc: range of [1, inf] is not finite") {
            _ = Tensor([1.0, .infinity]).histc(bins: 2)
        }
    }

    @Test func bincount() {
        let x = Tensor([0, 1, 1, 3])
        expectInts(x.bincount(), shape: [4], [1, 2, 0, 1], dtype: .int64)
        expectInts(x.bincount(minlength: 6), shape: [6], [1, 2, 0, 1, 0, 0])
        expectFloats(x.bincount(weights: Tensor([0.5, 1, 2, 0.25])), shape: [4], [0.5, 3, 0, 0.25])
        #expect(x.bincount(weights: Tensor([0.5, 1, 2, 0.25], dtype: .float64)).dtype == .float64)
        expectClose(Tensor([0, 1]).bincount(weights: Tensor([1, 2])), shape: [2], [1, 2], dtype: .float64)
        expectClose(Tensor([0, 1]).bincount(weights: Tensor([true, false])), shape: [2], [1, 0], dtype: .float64)
        expectInts(Tensor.zeros([0], dtype: .int64).bincount(), shape: [0], [])
        expectInts(Tensor.zeros([0], dtype: .int64).bincount(minlength: 3), shape: [3], [0, 0, 0])
        expectInts(Tensor([2, 0], dtype: .int32).bincount(), shape: [3], [1, 0, 1], dtype: .int64)
    }

    @Test func bincountErrors() {
        expectTensorError(.notImplementedError, "\"bincount_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true, true]).bincount()
        }
        expectTensorError(.notImplementedError, "\"bincount_cpu\" not implemented for 'Float'") {
            _ = Tensor([0.0, 1]).bincount()
        }
        expectTensorError(.runtimeError, "bincount only supports 1-d non-negative integral inputs.") {
            _ = Tensor([0, -1]).bincount()
        }
        expectTensorError(.runtimeError, "bincount only supports 1-d non-negative integral inputs.") {
            _ = Tensor([[0, 1]]).bincount()
        }
        expectTensorError(.runtimeError, "minlength should be >= 0") { _ = Tensor([0, 1]).bincount(minlength: -1) }
        expectTensorError(.runtimeError, "weights should be 1-d and have the same length as input") {
            _ = Tensor([0, 1]).bincount(weights: Tensor([1.0]))
        }
    }

    @Test func bucketize() {
        let b = Tensor([1.0, 3, 5, 7])
        let v = Tensor([[0.0, 3, 6], [7, 9, 1]])
        expectInts(v.bucketize(boundaries: b), shape: [2, 3], [0, 1, 3, 3, 4, 0], dtype: .int64)
        expectInts(v.bucketize(boundaries: b, right: true), shape: [2, 3], [0, 2, 3, 4, 4, 1])
        #expect(v.bucketize(boundaries: b, outInt32: true).dtype == .int32)
        expectInts(v.t().bucketize(boundaries: b), shape: [3, 2], [0, 3, 1, 4, 3, 0])
        expectInts(Tensor([1.0, 4, .nan]).bucketize(boundaries: b), shape: [3], [0, 2, 4])
        expectInts(Tensor([2, 6]).bucketize(boundaries: Tensor([1, 3, 5, 7])), shape: [2], [1, 3])
        expectInts(Tensor([2, 6]).bucketize(boundaries: Tensor([1.0, 3.5, 5, 7])), shape: [2], [1, 3])
        expectInts(Tensor(4.0).bucketize(boundaries: b), shape: [], [2])
        expectInts(Tensor([1.0]).bucketize(boundaries: Tensor.zeros([0])), shape: [1], [0])
        expectTensorError(.runtimeError, "boundaries tensor must be 1 dimension, but got dim(2)") {
            _ = v.bucketize(boundaries: Tensor([[1.0, 2]]))
        }
        expectTensorError(.notImplementedError, "\"searchsorted_out_cpu\" not implemented for 'Bool'") {
            _ = Tensor([true]).bucketize(boundaries: Tensor([true, false]))
        }
    }

    @Test func uniqueConsecutive() {
        let u = Tensor([1, 1, 2, 2, 3, 1, 1, 2])
        expectInts(u.uniqueConsecutive().values, shape: [5], [1, 2, 3, 1, 2])
        let r = u.uniqueConsecutive(returnInverse: true, returnCounts: true)
        expectInts(r.values, shape: [5], [1, 2, 3, 1, 2])
        expectInts(r.inverse!, shape: [8], [0, 0, 1, 1, 2, 3, 3, 4])
        expectInts(r.counts!, shape: [5], [2, 2, 1, 2, 1])
        let square = Tensor([[1, 1], [2, 2]]).uniqueConsecutive(returnInverse: true)
        expectInts(square.values, shape: [2], [1, 2])
        expectInts(square.inverse!, shape: [2, 2], [0, 0, 1, 1])
        #expect(square.counts == nil)
        let nan = Tensor([Double.nan, .nan, 1, 1]).uniqueConsecutive(returnCounts: true)
        expectClose(nan.values, shape: [3], [.nan, .nan, 1], dtype: .float32)
        expectInts(nan.counts!, shape: [3], [1, 1, 2])
        let empty = Tensor.zeros([0], dtype: .int64).uniqueConsecutive(returnInverse: true, returnCounts: true)
        expectInts(empty.values, shape: [0], [])
        expectInts(empty.inverse!, shape: [0], [])
        expectInts(empty.counts!, shape: [0], [])
        let scalar = Tensor(5).uniqueConsecutive(returnInverse: true, returnCounts: true)
        expectInts(scalar.values, shape: [1], [5])
        expectInts(scalar.inverse!, shape: [], [0])
        expectInts(scalar.counts!, shape: [1], [1])
        // x = torch.tensor([1., 1., 2.], requires_grad=True); u = torch.unique_consecutive(x)
        // u.grad_fn -> UniqueConsecutiveBackward0; u.sum().backward() -> NotImplementedError: the
        // derivative for 'unique_consecutive' is not implemented.
        let runs = Tensor([1.0, 1, 2], requiresGrad: true).uniqueConsecutive().values
        #expect(runs.requiresGrad)
        #expect(runs.gradFn?.name == "UniqueConsecutiveBackward0")
        let error = #expect(throws: TensorError.self) { try runs.sum().backward() }
        #expect(error == TensorError(.notImplementedError, "the derivative for 'unique_consecutive' is not implemented."))
    }

    /// w = torch.tensor([1., 2.], requires_grad=True); r = torch.tensor([0, 1]).bincount(weights=w)
    /// r.requires_grad -> True, r.grad_fn.name() -> torch::autograd::NotImplemented;
    /// r.sum().backward() -> RuntimeError: derivative for aten::bincount is not implemented
    @Test func bincountWeightsRequiringGrad() {
        let r = Tensor([0, 1]).bincount(weights: Tensor([1.0, 2], requiresGrad: true))
        #expect(r.requiresGrad)
        #expect(r.gradFn?.name == "torch::autograd::NotImplemented")
        let error = #expect(throws: TensorError.self) { try r.sum().backward() }
        #expect(error == TensorError(.runtimeError, "derivative for aten::bincount is not implemented"))
    }

    @Test func uniqueConsecutiveAlongADim() {
        let x = Tensor([[1, 1, 2], [1, 1, 2], [3, 3, 4], [1, 1, 2]])
        let rows = x.uniqueConsecutive(returnInverse: true, returnCounts: true, dim: 0)
        expectInts(rows.values, shape: [3, 3], [1, 1, 2, 3, 3, 4, 1, 1, 2])
        expectInts(rows.inverse!, shape: [4], [0, 0, 1, 2])
        expectInts(rows.counts!, shape: [3], [2, 1, 1])
        let columns = x.uniqueConsecutive(returnInverse: true, returnCounts: true, dim: 1)
        expectInts(columns.values, shape: [4, 2], [1, 2, 1, 2, 3, 4, 1, 2])
        expectInts(columns.inverse!, shape: [3], [0, 0, 1])
        expectInts(columns.counts!, shape: [2], [2, 1])
        expectFloats(Tensor([[1.0, 2], [1, 2]]).t().uniqueConsecutive(dim: 1).values, shape: [2, 1], [1, 2])
        let empty = Tensor.zeros([0, 2]).uniqueConsecutive(returnInverse: true, returnCounts: true, dim: 0)
        #expect(empty.values.shape == [0, 2])
        expectInts(empty.inverse!, shape: [0], [])
        expectInts(empty.counts!, shape: [0], [])
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = x.uniqueConsecutive(dim: 2)
        }
        expectTensorError(.runtimeError, "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied") {
            _ = Tensor.zeros([2, 0]).uniqueConsecutive(dim: 0)
        }
        expectTensorError(.runtimeError, "Number of zero sized dimensions is more than one, so unique cannot be applied ") {
            _ = Tensor.zeros([0, 0]).uniqueConsecutive(dim: 0)
        }
    }
}
