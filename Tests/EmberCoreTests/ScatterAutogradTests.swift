// ScatterAutogradTests.swift
//
// Derivatives of `scatterReduce`, `scatter`, `indexCopy`, `indexFill` and `maskedScatter`:
// node names, gradients against PyTorch 2.15 (float64, backward with the weights `w` below),
// gradcheck, and double backward. In `scatterReduce`, `x`, `i`, `s` are those of
// ScatterReduceTests.swift.

import Testing
import Ember
import EmberTestSupport

/// The backward weights: `torch.tensor([[1., 2, 3], [4, 5, 6]])`.
let scatterW: [Double] = [1, 2, 3, 4, 5, 6]

struct ScatterGradCase: Sendable, CustomTestStringConvertible {
    let name: String
    let x: [Double], index: [Double], s: [Double]
    let reduce: Tensor.Reduction, includeSelf: Bool
    let gx: [Double], gs: [Double]
    var testDescription: String { "\(name) \(reduce) includeSelf: \(includeSelf)" }
}

let scatterGradCases: [ScatterGradCase] = {
    let basic: [(Tensor.Reduction, Bool, [Double], [Double])] = [
        ("sum", true, [1, 2, 3, 4, 5, 6], [1, 5, 3, 4, 2, 3]),
        ("sum", false, [0, 0, 0, 0, 0, 6], [1, 5, 3, 4, 2, 3]),
        ("prod", true, [10, 100, 5400, 160, 100, 6], [1, 25, 540, 16, 4, 270]),
        ("prod", false, [0, 0, 0, 0, 0, 6], [1, 5, 180, 4, 2, 90]),
        ("mean", true, [0.5, 1, 1, 2, 2.5, 6], [0.5, 2.5, 1, 2, 1, 1]),
        ("mean", false, [0, 0, 0, 0, 0, 6], [1, 5, 1.5, 4, 2, 1.5]),
        ("amax", true, [0, 0, 0, 0, 0, 6], [1, 5, 0, 4, 2, 3]),
        ("amax", false, [0, 0, 0, 0, 0, 6], [1, 5, 0, 4, 2, 3]),
        ("amin", true, [1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0]),
        ("amin", false, [0, 0, 0, 0, 0, 6], [1, 5, 3, 4, 2, 0]),
    ]
    var cases = basic.map {
        ScatterGradCase(name: "basic", x: scatterX, index: scatterI, s: scatterS, reduce: $0.0, includeSelf: $0.1, gx: $0.2, gs: $0.3)
    }
    // Ties: the gradient is split evenly among the values equal to the result.
    let ties: [(Tensor.Reduction, Bool, [Double], [Double])] = [
        ("amax", true, [0.5, 0, 1, 2, 5, 6], [0.5, 0, 1, 2, 2, 1]),
        ("amax", false, [0, 0, 0, 0, 5, 6], [0.5, 0, 1, 2, 2, 1]),
        ("amin", true, [0.5, 1, 1, 2, 5, 6], [0.5, 1, 1, 2, 0, 1]),
        ("amin", false, [0, 0, 0, 0, 5, 6], [0.5, 1, 1, 2, 0, 1]),
    ]
    cases += ties.map {
        ScatterGradCase(name: "ties", x: [5, 1, 7, 2, 3, 4], index: [0, 0, 0, 1, 0, 0], s: [5, 1, 7, 2, 9, 7],
                        reduce: $0.0, includeSelf: $0.1, gx: $0.2, gs: $0.3)
    }
    // Zeros in a product: a single zero gets the product of the others.
    cases.append(ScatterGradCase(name: "zeros", x: [0, 2, 3, 4, 5, 6], index: scatterI, s: [10, 0, 0, 40, 50, 0], reduce: "prod",
                                 includeSelf: true, gx: [10, 100, 0, 160, 0, 6], gs: [0, 25, 0, 16, 4, 0]))
    cases.append(ScatterGradCase(name: "zeros", x: [0, 2, 3, 4, 5, 6], index: scatterI, s: [10, 0, 0, 40, 50, 0], reduce: "prod",
                                 includeSelf: false, gx: [0, 0, 0, 0, 0, 6], gs: [1, 5, 0, 4, 2, 0]))
    return cases
}()

@Suite struct ScatterReduceGradientTests {
    @Test(arguments: scatterGradCases)
    func weightedGradients(_ c: ScatterGradCase) throws {
        let index = Tensor(shape: [2, 3], data: c.index, dtype: .int64)
        for xv in layoutVariants(shape: [2, 3], values: c.x, dtype: .float64) {
            let x = xv.tensor.detach().requiresGrad_()
            let s = Tensor(shape: [2, 3], data: c.s, dtype: .float64, requiresGrad: true)
            let y = x.scatterReduce(dim: 0, index: index, src: s, reduce: c.reduce, includeSelf: c.includeSelf)
            #expect(y.gradFn?.name == "ScatterReduceBackward0")
            try y.backward(gradient: Tensor(shape: [2, 3], data: scatterW, dtype: .float64))
            expectTensor(try #require(x.grad), shape: [2, 3], values: c.gx)
            expectTensor(try #require(s.grad), shape: [2, 3], values: c.gs)
        }
    }

    @Test(arguments: ["sum", "prod", "mean", "amax", "amin"] as [Tensor.Reduction], [true, false])
    func gradcheckEachReduction(reduce: Tensor.Reduction, includeSelf: Bool) throws {
        // Distinct values, so amax / amin are differentiable; a zero for prod.
        let x = Tensor(shape: [2, 3], data: [1.5, -2, 0.25, 4, 0, 6] as [Double], dtype: .float64, requiresGrad: true)
        let s = Tensor(shape: [2, 3], data: [10, -0.5, 3, 0.75, 5, -6] as [Double], dtype: .float64, requiresGrad: true)
        let index = Tensor(shape: [2, 3], data: scatterI, dtype: .int64)
        try gradcheck({ t in t[0].scatterReduce(dim: 0, index: index, src: t[1], reduce: reduce, includeSelf: includeSelf) }, inputs: [x, s])
        try gradcheck({ t in t[0].t().scatterReduce(dim: 1, index: Tensor([[1, 0], [0, 1], [1, 1]]), src: t[1].t(), reduce: reduce,
                                                    includeSelf: includeSelf) },
                      inputs: [x, s])
    }

    @Test func doubleBackwardOfProd() throws {
        // gx, gs = autograd.grad(y, [x, s], w, create_graph=True); autograd.grad(gx.sum() + gs.sum(), [x, s])
        let x = Tensor(shape: [2, 3], data: scatterX, dtype: .float64, requiresGrad: true)
        let s = Tensor(shape: [2, 3], data: scatterS, dtype: .float64, requiresGrad: true)
        let y = x.scatterReduce(dim: 0, index: Tensor(shape: [2, 3], data: scatterI, dtype: .int64), src: s, reduce: "prod")
        let first = try gradients(of: [y], with: [x, s], gradOutputs: [Tensor(shape: [2, 3], data: scatterW, dtype: .float64)],
                                  createGraph: true)
        let gx = try #require(first[0]), gs = try #require(first[1])
        expectClose(gx, shape: [2, 3], [10, 100, 5400, 160, 100, 6])
        expectClose(gs, shape: [2, 3], [1, 25, 540, 16, 4, 270])
        let second = try gradients(of: [gx.sum() + gs.sum()], with: [x, s])
        expectClose(second[0], shape: [2, 3], [1, 2, 270.00000000000006, 4, 5, 0])
        expectClose(second[1], shape: [2, 3], [1, 5, 189, 4, 2, 99])
    }

    @Test func inPlaceRecords() throws {
        let x = Tensor(shape: [2, 3], data: scatterX, dtype: .float64, requiresGrad: true)
        let s = Tensor(shape: [2, 3], data: scatterS, dtype: .float64, requiresGrad: true)
        let h = x * 1
        h.scatterReduce_(dim: 0, index: Tensor(shape: [2, 3], data: scatterI, dtype: .int64), src: s, reduce: "prod")
        #expect(h.gradFn?.name == "ScatterReduceBackward0")
        try h.backward(gradient: Tensor(shape: [2, 3], data: scatterW, dtype: .float64))
        expectTensor(try #require(x.grad), shape: [2, 3], values: [10, 100, 5400, 160, 100, 6])
        expectTensor(try #require(s.grad), shape: [2, 3], values: [1, 25, 540, 16, 4, 270])
    }
}

@Suite struct IndexCopyFillScatterGradientTests {
    /// `torch.arange(12.).reshape(3, 4)` and the weights `arange(12.).reshape(3, 4) + 1`.
    static func a() -> Tensor { Tensor.arange(12.0, dtype: .float64).reshape(3, 4) }
    static func w() -> Tensor { Tensor.arange(12.0, dtype: .float64).reshape(3, 4) + 1 }
    static let mask = Tensor([[true, false, true, false], [false, true, true, true], [false, false, false, true]])

    @Test func indexCopy() throws {
        let x = Self.a().requiresGrad_()
        let src = (Tensor.arange(8.0, dtype: .float64).reshape(2, 4) + 100).requiresGrad_()
        let y = x.indexCopy(dim: 0, index: Tensor([2, 0]), source: src)
        #expect(y.gradFn?.name == "IndexCopyBackward0")
        try y.backward(gradient: Self.w())
        expectTensor(try #require(x.grad), shape: [3, 4], values: [0, 0, 0, 0, 5, 6, 7, 8, 0, 0, 0, 0])
        expectTensor(try #require(src.grad), shape: [2, 4], values: [9, 10, 11, 12, 1, 2, 3, 4])
        try gradcheck({ t in t[0].indexCopy(dim: 1, index: Tensor([3, 0]), source: t[1]) },
                      inputs: [Self.a().requiresGrad_(), Tensor.arange(6.0, dtype: .float64).reshape(3, 2).requiresGrad_()])
        try gradcheck({ t in t[0].indexCopy(dim: 0, index: Tensor(1), source: t[1]) },
                      inputs: [Tensor([5.0, 6], dtype: .float64, requiresGrad: true), Tensor(3.0, dtype: .float64, requiresGrad: true)])
    }

    /// `scatter` with a tensor (`ScatterBackward0`: `self` loses the gradient where it was
    /// overwritten, `src` gathers it, twice for a repeated position) or a number
    /// (`ScatterBackward1`), out of place and in place; with `reduce`, PyTorch's `NotImplemented`
    /// node, whose backward fails. Values from PyTorch 2.15.
    @Test func scatter() throws {
        let index = Tensor([[3, 0, 1], [2, 2, 0]])
        let x = Self.a().requiresGrad_()
        let src = (Tensor.arange(6.0, dtype: .float64).reshape(2, 3) + 100).requiresGrad_()
        let y = x.scatter(dim: 1, index: index, src: src)
        #expect(y.gradFn?.name == "ScatterBackward0")
        try y.backward(gradient: Self.w())
        expectTensor(try #require(x.grad), shape: [3, 4], values: [0, 0, 3, 0, 0, 6, 0, 8, 9, 10, 11, 12])
        expectTensor(try #require(src.grad), shape: [2, 3], values: [4, 1, 2, 7, 7, 5])

        let x2 = Self.a().requiresGrad_()
        let y2 = x2.scatter(dim: 1, index: index, value: 2.5)
        #expect(y2.gradFn?.name == "ScatterBackward1")
        try y2.backward(gradient: Self.w())
        expectTensor(try #require(x2.grad), shape: [3, 4], values: [0, 0, 3, 0, 0, 6, 0, 8, 9, 10, 11, 12])

        let x3 = Self.a().requiresGrad_()
        let y3 = x3.clone()
        y3.scatter_(dim: 0, index: Tensor([[2, 0]]), value: -1.0)
        #expect(y3.gradFn?.name == "ScatterBackward1")
        try y3.backward(gradient: Self.w())
        expectTensor(try #require(x3.grad), shape: [3, 4], values: [1, 0, 3, 4, 5, 6, 7, 8, 0, 10, 11, 12])

        let y4 = Self.a().requiresGrad_().scatter(dim: 1, index: index, src: src.detach(), reduce: "add")
        #expect(y4.gradFn?.name == "torch::autograd::NotImplemented")
        #expect(throws: TensorError.runtime("derivative for aten::scatter is not implemented")) {
            try y4.backward(gradient: Self.w())
        }
        try gradcheck({ t in t[0].scatter(dim: 1, index: Tensor([[3, 0, 1], [2, 1, 0]]), src: t[1]) },
                      inputs: [Self.a().requiresGrad_(), Tensor.arange(6.0, dtype: .float64).reshape(2, 3).requiresGrad_()])
    }

    /// `take` (`TakeBackward0`, repeated and negative positions accumulate) and `maskedSelect`
    /// (`MaskedSelectBackward0`, a mask broadcast over a row sums back), by finite differences.
    @Test func takeAndMaskedSelect() throws {
        try gradcheck({ t in t[0].take(Tensor([[3, -1], [0, 3]])) }, inputs: [Self.a().requiresGrad_()])
        try gradcheck({ t in t[0].maskedSelect(Self.mask) }, inputs: [Self.a().requiresGrad_()])
        try gradcheck({ t in t[0].maskedSelect(Self.mask) }, inputs: [Self.a()[1].requiresGrad_()])
        let y = Self.a().requiresGrad_().take(Tensor([1]))
        #expect(y.gradFn?.name == "TakeBackward0")
    }

    @Test func indexFill() throws {
        let x = Self.a().requiresGrad_()
        let y = x.indexFill(dim: 1, index: Tensor([3, 0, 3]), value: 2.0)
        #expect(y.gradFn?.name == "IndexFillBackward0")
        try y.backward(gradient: Self.w())
        expectTensor(try #require(x.grad), shape: [3, 4], values: [0, 2, 3, 0, 0, 6, 7, 0, 0, 10, 11, 0])

        let x2 = Self.a().requiresGrad_()
        let v = Tensor(2.0, dtype: .float64, requiresGrad: true)
        let y2 = x2.indexFill(dim: 1, index: Tensor([3, 0, 3]), value: v)
        #expect(y2.gradFn?.name == "IndexFillBackward1")
        try y2.backward(gradient: Self.w())
        expectTensor(try #require(x2.grad), shape: [3, 4], values: [0, 2, 3, 0, 0, 6, 7, 0, 0, 10, 11, 0])
        expectTensor(try #require(v.grad), shape: [], values: [39])
        try gradcheck({ t in t[0].indexFill(dim: 0, index: Tensor([1]), value: t[1]) },
                      inputs: [Self.a().requiresGrad_(), Tensor(-3.0, dtype: .float64, requiresGrad: true)])
    }

    @Test func maskedScatter() throws {
        let x = Self.a().requiresGrad_()
        let src = (Tensor.arange(10.0, dtype: .float64).reshape(2, 5) * 10).requiresGrad_()
        let y = x.maskedScatter(Self.mask, src)
        #expect(y.gradFn?.name == "MaskedScatterBackward0")
        try y.backward(gradient: Self.w())
        expectTensor(try #require(x.grad), shape: [3, 4], values: [0, 2, 0, 4, 5, 0, 0, 0, 9, 10, 11, 0])
        expectTensor(try #require(src.grad), shape: [2, 5], values: [1, 3, 6, 7, 8, 12, 0, 0, 0, 0])
        // self broadcast against the mask: its gradient is summed back.
        let row = Self.a()[0].requiresGrad_()
        let src2 = (Tensor.arange(10.0, dtype: .float64).reshape(2, 5) * 10).requiresGrad_()
        try row.maskedScatter(Self.mask, src2).backward(gradient: Self.w())
        expectTensor(try #require(row.grad), shape: [4], values: [14, 12, 11, 4])
        expectTensor(try #require(src2.grad), shape: [2, 5], values: [1, 3, 6, 7, 8, 12, 0, 0, 0, 0])
        try gradcheck({ t in t[0].maskedScatter(Self.mask, t[1]) },
                      inputs: [Self.a().requiresGrad_(), Tensor.arange(7.0, dtype: .float64).requiresGrad_()])
    }

    @Test func maskedScatterDoubleBackward() throws {
        // The gradients are linear in the incoming gradient: differentiating them again gives zeros.
        let x = Self.a().requiresGrad_()
        let src = Tensor.arange(6.0, dtype: .float64).requiresGrad_()
        let y = x.maskedScatter(Self.mask, src)
        let w = Self.w().requiresGrad_()
        let first = try gradients(of: [y], with: [x, src], gradOutputs: [w], createGraph: true)
        let gs = try #require(first[1])
        let second = try gradients(of: [(gs * gs).sum()], with: [w])
        // d/dw sum(gs^2) = 2 * gs scattered back to w's masked positions.
        expectTensor(try #require(second[0]), shape: [3, 4], values: [2, 0, 6, 0, 0, 12, 14, 16, 0, 0, 0, 24])
    }
}
