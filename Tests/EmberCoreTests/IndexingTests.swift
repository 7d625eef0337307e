// IndexingTests.swift
//
// Advanced indexing through subscripts (integer and bool index tensors, read and assigned,
// mixed with basic indices), `indexSelect`, `gather`, `scatter` / `scatter_` (with `reduce`),
// `scatterAdd`, `indexAdd`, `take`, `maskedSelect`, `nonzero` and `oneHot`: values, dtypes,
// layouts, duplicates, empty tensors and every error path (captured and as a stopped process).
// Expected values are PyTorch 2.15's, from running the same expressions with
// `x = torch.tensor([[3., -1., 2., 7.], [0., 5., -4., 1.], [2., 2., 8., -3.]])`,
// `a = torch.arange(12.).reshape(3, 4)` and `c = torch.arange(24).reshape(2, 3, 4)`.

import Testing
import Ember
import EmberTestSupport

/// `x` above, row-major.
let indexingX: [Double] = [3, -1, 2, 7, 0, 5, -4, 1, 2, 2, 8, -3]

func indexingA() -> Tensor { Tensor.arange(12.0).reshape(3, 4) }
func indexingC() -> Tensor { Tensor.arange(24).reshape(2, 3, 4) }

// MARK: - Subscripts

@Suite struct AdvancedIndexingTests {
    @Test func reads() {
        let a = indexingA()
        expectTensor(a[Tensor([2, 0])], shape: [2, 4], values: [8, 9, 10, 11, 0, 1, 2, 3] as [Double], dtype: .float32)
        expectTensor(a[.all, Tensor([3, 1])], shape: [3, 2], values: [3, 1, 7, 5, 11, 9] as [Double])
        expectTensor(a[Tensor([-1, 0]), Tensor([-4, 3])], shape: [2], values: [8, 3] as [Double])
        expectTensor(a[Tensor([[0, 1], [2, 0]])], shape: [2, 2, 4],
                     values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0, 1, 2, 3] as [Double])
        expectTensor(a[Tensor([[0, 1], [2, 0]]), 1..<3], shape: [2, 2, 2], values: [1, 2, 5, 6, 9, 10, 1, 2] as [Double])
        expectTensor(a[1..., Tensor([0, 3])], shape: [2, 2], values: [4, 7, 8, 11] as [Double])
        expectTensor(a[Tensor([0, 2]), Tensor(1)], shape: [2], values: [1, 9] as [Double])
        expectTensor(a[1, Tensor([0, 2])], shape: [2], values: [4, 6] as [Double])
        expectTensor(a[..., Tensor([0, 2])], shape: [3, 2], values: [0, 2, 4, 6, 8, 10] as [Double])
        expectTensor(a[.newAxis, Tensor([0, 2])], shape: [1, 2, 4], values: [0, 1, 2, 3, 8, 9, 10, 11] as [Double])
        expectTensor(a[Tensor([0, 2]), .newAxis], shape: [2, 1, 4], values: [0, 1, 2, 3, 8, 9, 10, 11] as [Double])
        expectTensor(a[Tensor([0, 0]), Tensor([1, 1])], shape: [2], values: [1, 1] as [Double])
        expectTensor(a[Tensor([1, 2], dtype: .int32)], shape: [2, 4], values: [4, 5, 6, 7, 8, 9, 10, 11] as [Double])
    }

    @Test func separatedAndAdjacentIndices() {
        let c = indexingC()
        expectInts(c[Tensor([0, 1]), .all, Tensor([0, 3])], shape: [2, 3], [0, 4, 8, 15, 19, 23])
        expectInts(c[.all, Tensor([0, 2]), Tensor([1, 3])], shape: [2, 2], [1, 11, 13, 23])
        expectInts(c[Tensor([1]), 1..., Tensor([[0], [3]])], shape: [2, 1, 2], [16, 20, 19, 23])
        expectInts(c[0, .all, Tensor([0, 3])], shape: [3, 2], [0, 3, 4, 7, 8, 11])
        expectInts(c[Tensor([0, 1]), 0], shape: [2, 4], [0, 1, 2, 3, 12, 13, 14, 15])
        expectInts(c[.all, .slice(nil, nil, step: 2), Tensor([1, 2])], shape: [2, 2, 2],
                     [1, 2, 9, 10, 13, 14, 21, 22])
    }

    @Test func masks() {
        let x = Tensor(shape: [3, 4], data: indexingX, dtype: .float32)
        expectTensor(x[x .> 1], shape: [7], values: [3, 2, 7, 5, 2, 2, 8] as [Double])
        expectTensor(x[(x .> 0) .& (x .< 5)], shape: [5], values: [3, 2, 1, 2, 2] as [Double])
        expectTensor(x[Tensor([true, false, true])], shape: [2, 4], values: [3, -1, 2, 7, 2, 2, 8, -3] as [Double])
        expectTensor(x[.all, Tensor([false, true, true, false])], shape: [3, 2], values: [-1, 2, 5, -4, 2, 8] as [Double])
        let c = indexingC()
        expectInts(c[c .> 20], shape: [3], [21, 22, 23])
        expectInts(c[Tensor([true, false]), .all, 1], shape: [1, 3], [1, 5, 9])
        let mask2 = Tensor([[true, false, true, false], [false, false, false, false], [true, true, true, true]])
        expectInts(c[.all, mask2], shape: [2, 6], [0, 2, 8, 9, 10, 11, 12, 14, 20, 21, 22, 23])
        expectInts(Tensor([10, 20, 30])[Tensor([true, false, true])], shape: [2], [10, 30])
    }

    @Test func zeroDimBoolAndEmpty() {
        let a = indexingA()
        expectTensor(a[Tensor(true)], shape: [1, 3, 4], values: (0..<12).map(Double.init))
        expectTensor(a[Tensor(false)], shape: [0, 3, 4], values: [] as [Double])
        expectTensor(Tensor(5.0)[Tensor(true)], shape: [1], values: [5] as [Double])
        let none = Tensor.zeros(0, dtype: .int64)
        expectTensor(a[none], shape: [0, 4], values: [] as [Double])
        expectTensor(a[none, none], shape: [0], values: [] as [Double])
        expectTensor(Tensor.zeros(0, 3)[none], shape: [0, 3], values: [] as [Double])
        // A 0-dim integer tensor selects like an integer: a view.
        let row = a[Tensor(1)]
        expectTensor(row, shape: [4], values: [4, 5, 6, 7] as [Double])
        #expect(sharesStorage(row, a))
        // An advanced-index read is a copy.
        let copy = a[Tensor([0])]
        #expect(!sharesStorage(copy, a))
    }

    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func layouts(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: indexingX, dtype: dtype) {
            let x = variant.tensor
            let rows = x[Tensor([2, 0])]
            #expect(rows.dtype == dtype, "\(variant)")
            expectTensor(rows, shape: [2, 4], values: [2, 2, 8, -3, 3, -1, 2, 7] as [Double])
            expectTensor(x[.all, Tensor([3, 1])], shape: [3, 2], values: [7, -1, 1, 5, -3, 2] as [Double])
            expectTensor(x[x .> 1], shape: [7], values: [3, 2, 7, 5, 2, 2, 8] as [Double])
            expectTensor(x[Tensor([0, 2]), Tensor([3, 3])], shape: [2], values: [7, -3] as [Double])
        }
        let expanded = Tensor([1.0, 2, 3, 4], dtype: dtype).expand(3, 4)
        expectTensor(expanded[Tensor([2, 0]), Tensor([1, 3])], shape: [2], values: [2, 4] as [Double])
    }

    @Test func assignments() {
        let a = indexingA()
        var t = a.clone(); t[Tensor([0, 2])] = 0
        expectTensor(t, shape: [3, 4], values: [0, 0, 0, 0, 4, 5, 6, 7, 0, 0, 0, 0] as [Double])
        t = a.clone(); t[Tensor([0, 2])] = Tensor([1.0, 2, 3, 4])
        expectTensor(t, shape: [3, 4], values: [1, 2, 3, 4, 4, 5, 6, 7, 1, 2, 3, 4] as [Double])
        t = a.clone(); t[Tensor([0, 2])] = Tensor([[1.0], [2]])
        expectTensor(t, shape: [3, 4], values: [1, 1, 1, 1, 4, 5, 6, 7, 2, 2, 2, 2] as [Double])
        t = a.clone(); t[Tensor([0, 2])] = Tensor([[[1.0, 2, 3, 4]]])
        expectTensor(t, shape: [3, 4], values: [1, 2, 3, 4, 4, 5, 6, 7, 1, 2, 3, 4] as [Double])
        t = a.clone(); t[Tensor([0, 0]), Tensor([1, 1])] = Tensor([5.0, 6])
        expectTensor(t, shape: [3, 4], values: [0, 6, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as [Double])
        t = a.clone(); t[.all, Tensor([1, 3])] = Tensor([5.0, 6])
        expectTensor(t, shape: [3, 4], values: [0, 5, 2, 6, 4, 5, 6, 6, 8, 5, 10, 6] as [Double])
        t = a.clone(); t[1, Tensor([1, 3])] = 7
        expectTensor(t, shape: [3, 4], values: [0, 1, 2, 3, 4, 7, 6, 7, 8, 9, 10, 11] as [Double])
        t = a.clone(); t.t()[Tensor([0])] = 100
        expectTensor(t, shape: [3, 4], values: [100, 1, 2, 3, 100, 5, 6, 7, 100, 9, 10, 11] as [Double])
        t = a.clone().long(); t[t .> 5] = Tensor(2.7)
        expectInts(t, shape: [3, 4], [0, 1, 2, 3, 4, 5, 2, 2, 2, 2, 2, 2])
        let c = indexingC().clone()
        c[Tensor([0, 1]), .all, Tensor([0, 3])] = Tensor([[-1], [-2]])
        expectInts(c, shape: [2, 3, 4],
                     [-1, 1, 2, 3, -1, 5, 6, 7, -1, 9, 10, 11, 12, 13, 14, -2, 16, 17, 18, -2, 20, 21, 22, -2])
    }

    @Test func maskAssignments() {
        let x = Tensor(shape: [3, 4], data: indexingX, dtype: .float32)
        var t = x.clone()
        let version = t.version
        t[t .> 1] = 0
        #expect(t.version == version + 1)
        expectTensor(t, shape: [3, 4], values: [0, -1, 0, 0, 0, 0, -4, 1, 0, 0, 0, -3] as [Double])
        t = x.clone(); t[(t .> 0) .& (t .< 5)] = -1
        expectTensor(t, shape: [3, 4], values: [-1, -1, -1, 7, 0, 5, -4, -1, -1, -1, 8, -3] as [Double])
        t = x.clone(); t[t .> 1] = Tensor.arange(7.0)
        expectTensor(t, shape: [3, 4], values: [0, -1, 1, 2, 0, 3, -4, 1, 4, 5, 6, -3] as [Double])
        // Through a view of a larger tensor, in every layout.
        for variant in layoutVariants(shape: [3, 4], values: indexingX, dtype: .float32) {
            let v = variant.tensor
            v[v .> 1] = 0
            expectTensor(v, shape: [3, 4], values: [0, -1, 0, 0, 0, 0, -4, 1, 0, 0, 0, -3] as [Double])
        }
        // PyTorch allows (with a warning) assigning into an expanded tensor.
        let base = Tensor.zeros(3)
        let expanded = base.expand(2, 3)
        expanded[Tensor([0])] = Tensor([1.0, 2, 3])
        expectTensor(base, shape: [3], values: [1, 2, 3] as [Double])
    }
}

// MARK: - Index ops

@Suite struct IndexOpTests {
    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func indexSelect(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: indexingX, dtype: dtype) {
            let x = variant.tensor
            let r = x.indexSelect(dim: 0, index: Tensor([2, 0, 2]))
            #expect(r.dtype == dtype, "\(variant)")
            expectTensor(r, shape: [3, 4], values: [2, 2, 8, -3, 3, -1, 2, 7, 2, 2, 8, -3] as [Double])
            expectTensor(x.indexSelect(dim: 1, index: Tensor([3, 0])), shape: [3, 2], values: [7, 3, 1, 0, -3, 2] as [Double])
            expectTensor(x.indexSelect(dim: -1, index: Tensor([1], dtype: .int32)), shape: [3, 1], values: [-1, 5, 2] as [Double])
            expectTensor(x.indexSelect(dim: 1, index: Tensor(2)), shape: [3, 1], values: [2, -4, 8] as [Double])
        }
        expectTensor(Tensor(5.0).indexSelect(dim: 0, index: Tensor([0])), shape: [], values: [5] as [Double])
        expectTensor(Tensor.zeros(3, 4).indexSelect(dim: 0, index: Tensor.zeros(0, dtype: .int64)), shape: [0, 4], values: [] as [Double])
        expectBools(Tensor([true, false]).indexSelect(dim: 0, index: Tensor([1, 1, 0])), shape: [3], [false, false, true])
        // An expanded index (stride 0) works like any other.
        expectTensor(Tensor([1.0, 2, 3]).indexSelect(dim: 0, index: Tensor([2]).expand(3)), shape: [3], values: [3, 3, 3] as [Double])
    }

    @Test(arguments: [DType.float32, .float64, .int32, .int64])
    func gather(_ dtype: DType) {
        for variant in layoutVariants(shape: [3, 4], values: indexingX, dtype: dtype) {
            let x = variant.tensor
            expectTensor(x.gather(dim: 1, index: Tensor([[0, 3], [2, 2], [1, 0]])), shape: [3, 2], values: [3, 7, -4, -4, 2, 2] as [Double],
                         dtype: dtype)
            expectTensor(x.gather(dim: 0, index: Tensor([[2, 1, 0, 0], [0, 0, 1, 2]])), shape: [2, 4],
                         values: [2, 5, 2, 7, 3, -1, -4, -3] as [Double])
            expectTensor(x.gather(dim: 1, index: Tensor([[3], [0]])), shape: [2, 1], values: [7, 0] as [Double])
            // A transposed index.
            expectTensor(x.gather(dim: 1, index: Tensor([[0, 2, 1], [3, 2, 0]]).t()), shape: [3, 2], values: [3, 7, -4, -4, 2, 2] as [Double])
        }
        expectTensor(Tensor(5.0).gather(dim: 0, index: Tensor(0)), shape: [], values: [5] as [Double])
        expectTensor(Tensor(5.0).gather(dim: 0, index: Tensor([0])), shape: [1], values: [5] as [Double])
        expectTensor(Tensor.zeros(3).gather(dim: 0, index: Tensor.zeros(0, dtype: .int64)), shape: [0], values: [] as [Double])
        // An empty index is not checked at all, as in PyTorch.
        expectTensor(Tensor.zeros(0).gather(dim: 0, index: Tensor.zeros(0)), shape: [0], values: [] as [Double])
    }

    @Test func scatter() {
        let x = Tensor(shape: [3, 4], data: indexingX, dtype: .float32)
        expectTensor(Tensor.zeros(3, 4).scatter(dim: 1, index: Tensor([[0, 3], [2, 2], [1, 0]]), src: x), shape: [3, 4],
                     values: [3, 0, 0, -1, 0, 0, 5, 0, 2, 2, 0, 0] as [Double])
        expectTensor(Tensor.zeros(3, 4).scatter(dim: 0, index: Tensor([[2, 1, 0, 0]]), src: x), shape: [3, 4],
                     values: [0, 0, 2, 7, 0, -1, 0, 0, 3, 0, 0, 0] as [Double])
        expectTensor(x.scatter(dim: 1, index: Tensor([[0], [3], [1]]), value: -1.0), shape: [3, 4],
                     values: [-1, -1, 2, 7, 0, 5, -4, -1, 2, -1, 8, -3] as [Double])
        expectTensor(x.scatter(dim: 1, index: Tensor([[0, 0], [3, 3], [1, 2]]), src: x, reduce: "add"), shape: [3, 4],
                     values: [5, -1, 2, 7, 0, 5, -4, 6, 2, 4, 10, -3] as [Double])
        let v = Tensor([1.0, 2, 3])
        expectTensor(v.scatter(dim: 0, index: Tensor([0, 0, 2]), src: Tensor([5.0, 6, 7]), reduce: "multiply"), shape: [3], values: [30, 2, 21] as [Double])
        expectTensor(v.scatter(dim: 0, index: Tensor([0, 0, 2]), value: 2.0, reduce: "multiply"), shape: [3], values: [4, 2, 6] as [Double])
        expectTensor(v.scatter(dim: 0, index: Tensor([0, 0, 2]), value: 2.0, reduce: "add"), shape: [3], values: [5, 2, 5] as [Double])
        expectInts(Tensor([1, 2]).scatter(dim: 0, index: Tensor([0, 1]), value: 2.7), shape: [2], [2, 2], dtype: .int64)
        expectTensor(x.scatter(dim: 1, index: Tensor.zeros(0, dtype: .int64), value: 1.0), shape: [3, 4], values: indexingX)
        // The source is unchanged; scatter_ writes in place and bumps the version.
        expectTensor(v, shape: [3], values: [1, 2, 3] as [Double])
        let w = Tensor.zeros(3)
        let version = w.version
        let returned = w.scatter_(dim: 0, index: Tensor([2, 0], dtype: .int32), src: Tensor([5.0, 6]))
        #expect(returned === w)
        #expect(w.version == version + 1)
        expectTensor(w, shape: [3], values: [6, 0, 5] as [Double])
        // Into a transposed view.
        let base = Tensor.zeros(2, 3)
        base.t().scatter_(dim: 0, index: Tensor([[2, 0]]), value: 1.0)
        expectTensor(base, shape: [2, 3], values: [0, 0, 1, 1, 0, 0] as [Double])
    }

    @Test func scatterAddDuplicates() {
        expectTensor(Tensor.zeros(3).scatterAdd(dim: 0, index: Tensor([0, 0, 2]), src: Tensor([5.0, 6, 7])), shape: [3], values: [11, 0, 7] as [Double])
        expectTensor(Tensor.ones(2, 3).scatterAdd(dim: 0, index: Tensor([[1, 1, 0], [1, 0, 0]]), src: Tensor([[1.0, 2, 3], [4, 5, 6]])),
                     shape: [2, 3], values: [1, 6, 10, 6, 3, 1] as [Double])
        expectBools(Tensor([true, false]).scatterAdd(dim: 0, index: Tensor([0, 0]), src: Tensor([true, true])), shape: [2], [true, false])
        expectInts(Tensor([1, 2, 3], dtype: .int32).scatterAdd(dim: 0, index: Tensor([2, 2]), src: Tensor([10, 20], dtype: .int32)),
                     shape: [3], [1, 2, 33], dtype: .int32)
        let t = Tensor.zeros(4, dtype: .float64)
        t.scatterAdd_(dim: 0, index: Tensor([3, 3, 3, 1]), src: Tensor([0.5, 0.25, 0.125, 1], dtype: .float64))
        expectTensor(t, shape: [4], values: [0, 1, 0, 0.875], dtype: .float64)
    }

    @Test func indexAddDuplicates() {
        let v = Tensor([1.0, 2, 3])
        expectTensor(v.indexAdd(dim: 0, index: Tensor([0, 0, 2]), source: Tensor([5.0, 6, 7]), alpha: 2), shape: [3], values: [23, 2, 17] as [Double])
        expectTensor(v.indexAdd(dim: 0, index: Tensor([0, 0, 2]), source: Tensor([5.0, 6, 7]), alpha: 2.5), shape: [3], values: [28.5, 2, 20.5] as [Double])
        expectInts(Tensor([1, 2, 3]).indexAdd(dim: 0, index: Tensor([0, 0, 2]), source: Tensor([5, 6, 7]), alpha: 2.5), shape: [3],
                     [23, 2, 17], dtype: .int64)
        let x = Tensor(shape: [3, 4], data: indexingX, dtype: .float32)
        expectTensor(x.indexAdd(dim: 1, index: Tensor([0, 0]), source: Tensor.ones(3, 2)), shape: [3, 4],
                     values: [5, -1, 2, 7, 2, 5, -4, 1, 4, 2, 8, -3] as [Double])
        expectTensor(x.t().indexAdd(dim: 0, index: Tensor([0, 0], dtype: .int32), source: Tensor.ones(2, 3)), shape: [4, 3],
                     values: [5, 2, 4, -1, 5, 2, 2, -4, 8, 7, 1, -3] as [Double])
        expectBools(Tensor([true, false]).indexAdd(dim: 0, index: Tensor([0, 1]), source: Tensor([true, true])), shape: [2], [true, true])
        expectTensor(Tensor(5.0).indexAdd(dim: 0, index: Tensor(0), source: Tensor(2.0)), shape: [], values: [7] as [Double])
        // In place through a view.
        let base = Tensor.zeros(2, 3)
        let version = base.version
        base[1].indexAdd_(dim: 0, index: Tensor([2, 2, 0]), source: Tensor([1.0, 2, 3]))
        #expect(base.version == version + 1)
        expectTensor(base, shape: [2, 3], values: [0, 0, 0, 3, 0, 3] as [Double])
    }

    @Test func take() {
        let x = Tensor(shape: [3, 4], data: indexingX, dtype: .float32)
        for variant in layoutVariants(shape: [3, 4], values: indexingX, dtype: .float64) {
            expectTensor(variant.tensor.take(Tensor([[0, 11], [-1, 5]])), shape: [2, 2], values: [3, -3, -3, 5] as [Double],
                         dtype: .float64)
        }
        expectTensor(x.t().take(Tensor([0, 1, 2, 3, -1])), shape: [5], values: [3, 0, 2, -1, -3] as [Double])
        expectInts(Tensor([1, 2]).take(Tensor(1)), shape: [], [2])
        expectTensor(Tensor.zeros(0).take(Tensor.zeros(0, dtype: .int64)), shape: [0], values: [] as [Double])
    }

    @Test func maskedSelect() {
        for variant in layoutVariants(shape: [3, 4], values: indexingX, dtype: .int32) {
            let x = variant.tensor
            expectInts(x.maskedSelect(x .> 1), shape: [7], [3, 2, 7, 5, 2, 2, 8], dtype: .int32)
            expectInts(x.maskedSelect(Tensor([true, false, false, true])), shape: [6], [3, 7, 0, 1, 2, -3])
        }
        expectTensor(Tensor(5.0).maskedSelect(Tensor([true, false, true])), shape: [2], values: [5, 5] as [Double])
        expectTensor(Tensor(5.0).maskedSelect(Tensor(true)), shape: [1], values: [5] as [Double])
        expectTensor(Tensor.zeros(0, 2).maskedSelect(Tensor([true, false])), shape: [0], values: [] as [Double])
    }

    @Test func nonzero() {
        let x = Tensor(shape: [3, 4], data: indexingX, dtype: .float32)
        expectInts(x.nonzero(), shape: [11, 2],
                     [0, 0, 0, 1, 0, 2, 0, 3, 1, 1, 1, 2, 1, 3, 2, 0, 2, 1, 2, 2, 2, 3], dtype: .int64)
        expectInts(x.t().nonzero(), shape: [11, 2],
                     [0, 0, 0, 2, 1, 0, 1, 1, 1, 2, 2, 0, 2, 1, 2, 2, 3, 0, 3, 1, 3, 2])
        expectInts(Tensor([Double.nan, 0, -0.0, 2]).nonzero(), shape: [2, 1], [0, 3])
        expectInts(Tensor(5.0).nonzero(), shape: [1, 0], [])
        expectInts(Tensor(0.0).nonzero(), shape: [0, 0], [])
        expectInts(Tensor.zeros(2, 0).nonzero(), shape: [0, 2], [])
        let c = indexingC()
        expectInts((c % 5 .== 0).nonzero(), shape: [5, 3], [0, 0, 0, 0, 1, 1, 0, 2, 2, 1, 0, 3, 1, 2, 0])
        let parts = Tensor([[1, 0], [0, 2]]).nonzero(asTuple: true)
        #expect(parts.count == 2)
        expectInts(parts[0], shape: [2], [0, 1])
        expectInts(parts[1], shape: [2], [0, 1])
        let scalar = Tensor(5.0).nonzero(asTuple: true)
        #expect(scalar.count == 1)
        expectInts(scalar[0], shape: [1], [0])
    }

    @Test func oneHot() {
        expectInts(Tensor([1, 0, 3]).oneHot(), shape: [3, 4], [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1],
                     dtype: .int64)
        expectInts(Tensor([[1, 0], [2, 4]]).oneHot(numClasses: 5), shape: [2, 2, 5],
                     [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
        expectInts(Tensor(2).oneHot(numClasses: 3), shape: [3], [0, 0, 1])
        expectInts(Tensor.zeros(0, dtype: .int64).oneHot(numClasses: 3), shape: [0, 3], [])
        expectInts(Tensor([[1, 0], [2, 4]]).t().oneHot(numClasses: 5), shape: [2, 2, 5],
                     [0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
    }
}

// MARK: - Errors

enum IndexingErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        // Subscripts
        OpErrorCase("subscript out of range", .indexError, "index 5 is out of bounds for dimension 0 with size 3") {
            _ = indexingA()[Tensor([0, 5])]
        },
        OpErrorCase("subscript negative out of range", .indexError, "index -4 is out of bounds for dimension 0 with size 3") {
            _ = indexingA()[Tensor([0, -4])]
        },
        OpErrorCase("subscript column out of range", .indexError, "index 5 is out of bounds for dimension 0 with size 4") {
            _ = indexingA()[.all, Tensor([0, 5])]
        },
        OpErrorCase("subscript second index out of range", .indexError, "index 5 is out of bounds for dimension 1 with size 4") {
            _ = indexingA()[Tensor([0, 1]), Tensor([0, 5])]
        },
        OpErrorCase("subscript broadcast", .indexError,
                    "shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]") {
            _ = indexingA()[Tensor([0, 1]), Tensor([0, 1, 2])]
        },
        OpErrorCase("subscript float index", .indexError, "tensors used as indices must be long, int, byte or bool tensors") {
            _ = indexingA()[Tensor([0.0, 1])]
        },
        OpErrorCase("subscript float scalar index", .indexError, "tensors used as indices must be long, int, byte or bool tensors") {
            _ = indexingA()[Tensor(1.0)]
        },
        OpErrorCase("subscript mask shape", .indexError,
                    "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0") {
            _ = indexingA()[Tensor([true, false])]
        },
        OpErrorCase("subscript column mask shape", .indexError,
                    "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 1") {
            _ = indexingA()[.all, Tensor([true, false])]
        },
        OpErrorCase("subscript 2-D mask shape", .indexError,
                    "The shape of the mask [3, 3] at index 1 does not match the shape of the indexed tensor [3, 4] at index 1") {
            _ = indexingA()[Tensor.ones([3, 3], dtype: .bool)]
        },
        OpErrorCase("subscript too many", .indexError, "too many indices for tensor of dimension 3") {
            _ = indexingC()[Tensor([0]), Tensor([0]), Tensor([0]), Tensor([0])]
        },
        OpErrorCase("subscript 0-dim", .indexError, "too many indices for tensor of dimension 0") {
            _ = Tensor(5.0)[Tensor([0])]
        },
        OpErrorCase("subscript empty dim", .indexError, "index is out of bounds for dimension with size 0") {
            _ = Tensor.zeros(0, 3)[Tensor([0])]
        },
        OpErrorCase("assign out of range", .indexError, "index 5 is out of bounds for dimension 0 with size 3") {
            let t = indexingA()
            t[Tensor([0, 5])] = Tensor.ones(2, 4)
        },
        OpErrorCase("assign value shape", .runtimeError,
                    "shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2, 4]") {
            let t = indexingA()
            t[Tensor([0, 2])] = Tensor([1.0, 2, 3])
        },
        OpErrorCase("assign mask value shape", .runtimeError,
                    "shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [6]") {
            let t = indexingA()
            t[t .> 5] = Tensor([1.0, 2])
        },
        OpErrorCase("assign value dtype", .runtimeError,
                    "Index put requires the source and destination dtypes match, got Long for the destination and Float for the source.") {
            let t = indexingA().long()
            t[Tensor([0])] = Tensor([2.7])
        },
        OpErrorCase("assign value bool", .runtimeError,
                    "Index put requires the source and destination dtypes match, got Float for the destination and Bool for the source.") {
            let t = indexingA()
            t[Tensor([0])] = Tensor([true])
        },
        OpErrorCase("assign leaf", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            let t = Tensor.ones([3], requiresGrad: true)
            t[Tensor([0])] = Tensor([2.0])
        },
        OpErrorCase("assign mask leaf", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            let t = Tensor.ones([3], requiresGrad: true)
            t[t .> 0] = 0
        },
        // index_select
        OpErrorCase("indexSelect out of range", .indexError, "index out of range in self") {
            _ = Tensor([1.0, 2, 3]).indexSelect(dim: 0, index: Tensor([5]))
        },
        OpErrorCase("indexSelect negative", .indexError, "index out of range in self") {
            _ = Tensor([1.0, 2, 3]).indexSelect(dim: 0, index: Tensor([-1]))
        },
        OpErrorCase("indexSelect empty source", .indexError, "index out of range in self") {
            _ = Tensor.zeros(0).indexSelect(dim: 0, index: Tensor([0]))
        },
        OpErrorCase("indexSelect not a vector", .indexError, "index_select(): Index is supposed to be a vector") {
            _ = Tensor([1.0, 2, 3]).indexSelect(dim: 0, index: Tensor([[0]]))
        },
        OpErrorCase("indexSelect float index", .runtimeError, "index_select(): Expected dtype int32 or int64 for index") {
            _ = Tensor([1.0, 2, 3]).indexSelect(dim: 0, index: Tensor([0.0]))
        },
        OpErrorCase("indexSelect dim", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = Tensor([1.0, 2, 3]).indexSelect(dim: 1, index: Tensor([0]))
        },
        OpErrorCase("indexSelect scalar", .runtimeError, "index_select(): Index to scalar can have only 1 value, got 2 value(s)") {
            _ = Tensor(5.0).indexSelect(dim: 0, index: Tensor([0, 0]))
        },
        // gather
        OpErrorCase("gather out of range", .runtimeError, "index 5 is out of bounds for dimension 0 with size 3") {
            _ = Tensor([1.0, 2, 3]).gather(dim: 0, index: Tensor([5]))
        },
        OpErrorCase("gather negative", .runtimeError, "index -1 is out of bounds for dimension 0 with size 3") {
            _ = Tensor([1.0, 2, 3]).gather(dim: 0, index: Tensor([-1]))
        },
        OpErrorCase("gather dim 1 out of range", .runtimeError, "index 4 is out of bounds for dimension 1 with size 4") {
            _ = indexingA().gather(dim: 1, index: Tensor([[0], [4], [1]]))
        },
        OpErrorCase("gather scalar", .runtimeError, "index 1 is out of bounds for dimension 0 with size 1") {
            _ = Tensor(5.0).gather(dim: 0, index: Tensor(1))
        },
        OpErrorCase("gather empty source", .runtimeError, "index 0 is out of bounds for dimension 0 with size 0") {
            _ = Tensor.zeros(0).gather(dim: 0, index: Tensor([0]))
        },
        OpErrorCase("gather rank", .runtimeError, "Index tensor must have the same number of dimensions as input tensor") {
            _ = indexingA().gather(dim: 1, index: Tensor([0, 1]))
        },
        OpErrorCase("gather size", .runtimeError,
                    "Size does not match at dimension 1 expected index [1, 5] to be no larger than self [3, 4] apart from dimension 0") {
            _ = indexingA().gather(dim: 0, index: Tensor([[0, 1, 2, 3, 0]]))
        },
        OpErrorCase("gather size dim 0", .runtimeError,
                    "Size does not match at dimension 0 expected index [4, 1] to be no larger than self [3, 4] apart from dimension 1") {
            _ = indexingA().gather(dim: 1, index: Tensor([[0], [1], [2], [3]]))
        },
        OpErrorCase("gather float index", .runtimeError, "gather(): Expected dtype int32/int64 for index") {
            _ = indexingA().gather(dim: 1, index: Tensor([[0.0]]))
        },
        OpErrorCase("gather dim", .indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = indexingA().gather(dim: 2, index: Tensor([[0]]))
        },
        // scatter
        OpErrorCase("scatter out of range", .runtimeError, "index 5 is out of bounds for dimension 0 with size 3") {
            _ = Tensor.zeros(3).scatter(dim: 0, index: Tensor([5]), src: Tensor.ones(1))
        },
        OpErrorCase("scatter negative", .runtimeError, "index -1 is out of bounds for dimension 0 with size 3") {
            _ = Tensor.zeros(3).scatter(dim: 0, index: Tensor([-1]), value: 1.0)
        },
        OpErrorCase("scatter_ out of range", .runtimeError, "index 5 is out of bounds for dimension 0 with size 3") {
            Tensor.zeros(3).scatter_(dim: 0, index: Tensor([0, 5]), value: 1.0)
        },
        OpErrorCase("scatter src dtype", .runtimeError, "scatter(): Expected self.dtype to be equal to src.dtype") {
            _ = Tensor.zeros(3).scatter(dim: 0, index: Tensor([0]), src: Tensor.ones([1], dtype: .float64))
        },
        OpErrorCase("scatter index dtype", .runtimeError, "scatter(): Expected dtype int32/int64 for index") {
            _ = Tensor.zeros(3).scatter(dim: 0, index: Tensor([0.0]), value: 1.0)
        },
        OpErrorCase("scatter rank", .runtimeError, "Index tensor must have the same number of dimensions as self tensor") {
            _ = indexingA().scatter(dim: 0, index: Tensor([0]), value: 1.0)
        },
        OpErrorCase("scatter src size", .runtimeError,
                    "Expected index [2] to be no larger than self [3] apart from dimension 0 and to be no larger size than src [1]") {
            _ = Tensor.zeros(3).scatter(dim: 0, index: Tensor([0, 1]), src: Tensor.ones(1))
        },
        OpErrorCase("scatter self size", .runtimeError,
                    "Expected index [1, 5] to be no larger than self [3, 4] apart from dimension 0") {
            _ = indexingA().scatter(dim: 0, index: Tensor([[0, 1, 2, 0, 1]]), value: 1.0)
        },
        OpErrorCase("scatter src rank", .indexError, "Dimension out of range (expected to be in range of [-1, 0], but got 1)") {
            _ = indexingA().scatter(dim: 0, index: Tensor([[0]]), src: Tensor.ones(3))
        },
        OpErrorCase("scatter reduce", .runtimeError, "reduce argument must be either add or multiply.") {
            _ = Tensor.zeros(3).scatter(dim: 0, index: Tensor([0]), value: 2.0, reduce: "sum")
        },
        OpErrorCase("scatter_ expanded", .runtimeError,
                    "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.") {
            Tensor.zeros(3).expand(2, 3).scatter_(dim: 1, index: Tensor([[0]]), value: 1.0)
        },
        OpErrorCase("scatter_ leaf", .runtimeError, "a leaf Variable that requires grad is being used in an in-place operation.") {
            Tensor.ones([3], requiresGrad: true).scatter_(dim: 0, index: Tensor([0]), value: 1.0)
        },
        OpErrorCase("scatterAdd out of range", .runtimeError, "index 5 is out of bounds for dimension 0 with size 3") {
            _ = Tensor.zeros(3).scatterAdd(dim: 0, index: Tensor([5]), src: Tensor.ones(1))
        },
        OpErrorCase("scatterAdd src dtype", .runtimeError, "scatter(): Expected self.dtype to be equal to src.dtype") {
            _ = Tensor.zeros(3).scatterAdd(dim: 0, index: Tensor([0]), src: Tensor.ones([1], dtype: .float64))
        },
        // index_add
        OpErrorCase("indexAdd out of range", .indexError, "index out of range in self") {
            _ = Tensor.zeros(3).indexAdd(dim: 0, index: Tensor([5]), source: Tensor.ones(1))
        },
        OpErrorCase("indexAdd negative", .indexError, "index out of range in self") {
            _ = Tensor.zeros(3).indexAdd(dim: 0, index: Tensor([-1]), source: Tensor.ones(1))
        },
        OpErrorCase("indexAdd_ out of range", .indexError, "index out of range in self") {
            Tensor.zeros(3).indexAdd_(dim: 0, index: Tensor([0, 5]), source: Tensor.ones(2))
        },
        OpErrorCase("indexAdd count", .runtimeError,
                    "index_add_(): Number of indices (2) should be equal to source.size(dim): (1), for dim: 0") {
            _ = Tensor.zeros(3).indexAdd(dim: 0, index: Tensor([0, 1]), source: Tensor.ones(1))
        },
        OpErrorCase("indexAdd not a vector", .indexError,
                    "index_add_(): Index is supposed to be a vector, but got dim: 2 with type: Long and size: [1, 1]") {
            _ = Tensor.zeros(3).indexAdd(dim: 0, index: Tensor([[0]]), source: Tensor.ones(1))
        },
        OpErrorCase("indexAdd source dtype", .runtimeError,
                    "index_add_(): self (Float) and source (Double) must have the same scalar type") {
            _ = Tensor.zeros(3).indexAdd(dim: 0, index: Tensor([0]), source: Tensor.ones([1], dtype: .float64))
        },
        OpErrorCase("indexAdd index dtype", .runtimeError, "index_add_(): Expected dtype int32/int64 for index but got: Float") {
            _ = Tensor.zeros(3).indexAdd(dim: 0, index: Tensor([0.0]), source: Tensor.ones(1))
        },
        OpErrorCase("indexAdd source shape", .runtimeError,
                    "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = [3, 2] source.shape = [1, 3]") {
            _ = Tensor.zeros(3, 2).indexAdd(dim: 0, index: Tensor([0]), source: Tensor.ones(1, 3))
        },
        OpErrorCase("indexAdd source rank", .runtimeError,
                    "index_add_(): Number of indices (1) should be equal to source.size(dim): (2), for dim: 0") {
            _ = Tensor.zeros(3, 2).indexAdd(dim: 0, index: Tensor([0]), source: Tensor.ones(2))
        },
        OpErrorCase("indexAdd scalar count", .indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(5.0).indexAdd(dim: 0, index: Tensor([0, 0]), source: Tensor(2.0))
        },
        OpErrorCase("indexAdd scalar source shape", .runtimeError,
                    "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = [] source.shape = [1]") {
            _ = Tensor(5.0).indexAdd(dim: 0, index: Tensor([0]), source: Tensor([2.0]))
        },
        OpErrorCase("indexAdd_ expanded", .runtimeError,
                    "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.") {
            Tensor.zeros(3).expand(2, 3).indexAdd_(dim: 1, index: Tensor([0]), source: Tensor.ones(2, 1))
        },
        // take
        OpErrorCase("take out of range", .indexError, "out of range: tried to access index 5 on a tensor of 3 elements.") {
            _ = Tensor([1.0, 2, 3]).take(Tensor([5]))
        },
        OpErrorCase("take negative out of range", .indexError, "out of range: tried to access index -4 on a tensor of 3 elements.") {
            _ = Tensor([1.0, 2, 3]).take(Tensor([-4]))
        },
        OpErrorCase("take int32 index", .runtimeError, "take(): Expected a long tensor for index, but got Int") {
            _ = Tensor([1.0, 2, 3]).take(Tensor([0], dtype: .int32))
        },
        OpErrorCase("take float index", .runtimeError, "take(): Expected a long tensor for index, but got Float") {
            _ = Tensor([1.0, 2, 3]).take(Tensor([0.0]))
        },
        OpErrorCase("take from empty", .indexError, "take(): tried to take from an empty tensor") {
            _ = Tensor.zeros(0).take(Tensor([0]))
        },
        // masked_select
        OpErrorCase("maskedSelect mask dtype", .runtimeError, "masked_select: expected BoolTensor for mask") {
            _ = Tensor([1.0, 2, 3]).maskedSelect(Tensor([1, 0, 1]))
        },
        OpErrorCase("maskedSelect shape", .runtimeError,
                    "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            _ = Tensor([1.0, 2, 3]).maskedSelect(Tensor([true, false]))
        },
        // one_hot
        OpErrorCase("oneHot dtype", .runtimeError, "one_hot is only applicable to index tensor of type LongTensor.") {
            _ = Tensor([1.0]).oneHot()
        },
        OpErrorCase("oneHot int32", .runtimeError, "one_hot is only applicable to index tensor of type LongTensor.") {
            _ = Tensor([0, 1], dtype: .int32).oneHot(numClasses: 3)
        },
        OpErrorCase("oneHot negative", .runtimeError, "Class values must be non-negative.") {
            _ = Tensor([1, -1]).oneHot()
        },
        OpErrorCase("oneHot too large", .runtimeError, "Class values must be smaller than num_classes.") {
            _ = Tensor([1, 3]).oneHot(numClasses: 3)
        },
        OpErrorCase("oneHot zero classes", .runtimeError, "Class values must be smaller than num_classes.") {
            _ = Tensor([0, 1]).oneHot(numClasses: 0)
        },
        OpErrorCase("oneHot empty", .runtimeError, "Can not infer total number of classes from empty tensor.") {
            _ = Tensor.zeros(0, dtype: .int64).oneHot()
        },
    ]
}

@Suite struct IndexingErrorTests {
    @Test(arguments: IndexingErrors.all)
    func captured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: IndexingErrors.all)
    func stops(_ c: OpErrorCase) async { await expectStops(c, in: IndexingErrors.self) }

    @Test func nothingWrittenOnFailure() {
        // Indices are checked before any write.
        let t = Tensor.zeros(3)
        let error = capturedError { t.scatter_(dim: 0, index: Tensor([0, 1, 5]), value: 1.0) }
        #expect(error?.message == "index 5 is out of bounds for dimension 0 with size 3")
        expectTensor(t, shape: [3], values: [0, 0, 0] as [Double])
        let u = Tensor.zeros(3)
        _ = capturedError { u[Tensor([0, 1, 7])] = Tensor.ones(3) }
        expectTensor(u, shape: [3], values: [0, 0, 0] as [Double])
    }
}
