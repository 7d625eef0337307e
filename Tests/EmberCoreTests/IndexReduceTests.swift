// IndexReduceTests.swift
//
// indexReduce / indexReduce_: values for every reduction with and without includeSelf,
// integer, 0-dim, empty, NaN and non-contiguous inputs, PyTorch's errors, and gradients
// (`IndexReduceBackward0`, float64) against what PyTorch 2.15 printed (E prints "OK", the shape,
// dtype and values, or the exception's kind and message):
//
//     import torch
//     t = torch.tensor([[1., 2, 3], [4, 5, 6], [7, 8, 9]])
//     src = torch.tensor([[2., 3, 4], [10, 1, 0], [5, 5, 5], [-1, 2, 7]])
//     idx = torch.tensor([0, 2, 0, 0])
//     for red in ['prod', 'mean', 'amax', 'amin']:
//         for inc in [True, False]:
//             print(red, inc, t.index_reduce(0, idx, src, red, include_self=inc).flatten().tolist())
//     E(lambda: t.index_reduce(0, idx.int(), src, 'prod'))
//     E(lambda: t.index_reduce(-1, torch.tensor([0, 0, 2]), src[:3], 'amax'))
//     E(lambda: t.t().index_reduce(1, torch.tensor([2, 2, 0]), src[:3].t(), 'prod'))
//     E(lambda: torch.tensor([1, 2, 3]).index_reduce(0, torch.tensor([0, 0]), torch.tensor([4, 5]), 'mean'))
//     E(lambda: torch.tensor([1, 2, 3]).index_reduce(0, torch.tensor([0, 0]), torch.tensor([4, 5]), 'mean', include_self=False))
//     E(lambda: torch.tensor(5.).index_reduce(0, torch.tensor([0]), torch.tensor(2.), 'prod'))
//     E(lambda: torch.tensor(5.).index_reduce(0, torch.tensor(0), torch.tensor(2.), 'prod'))
//     E(lambda: t.index_reduce(0, torch.tensor([], dtype=torch.long), torch.zeros(0, 3), 'amin'))
//     E(lambda: torch.tensor([1., float('nan'), 3]).index_reduce(0, torch.tensor([0, 0, 2]), torch.tensor([float('nan'), 2., 1]), 'amax'))
//     E(lambda: torch.tensor([1., float('nan'), 3]).index_reduce(0, torch.tensor([1, 0, 2]), torch.tensor([5, 2., 1]), 'amin'))
//     (errors: see `errors`)
//     w = t.clone(); w.index_reduce_(0, idx, src, 'amax'); print(w.flatten().tolist())
//     g = torch.arange(1., 10., dtype=torch.float64).reshape(3, 3)
//     for red in ['prod', 'mean', 'amax', 'amin']:
//         for inc in [True, False]:
//             x = t.double().requires_grad_(); s = src.double().requires_grad_()
//             r = x.index_reduce(0, idx, s, red, include_self=inc)
//             r.backward(gradient: g); print(red, inc, r.grad_fn.name(), x.grad.flatten().tolist(), s.grad.flatten().tolist())
//     x = torch.tensor([[5., 0], [1, 2]], dtype=torch.float64, requires_grad=True)
//     s = torch.tensor([[5., 0], [3, 0], [5, 7]], dtype=torch.float64, requires_grad=True)
//     r = x.index_reduce(0, torch.tensor([0, 0, 0]), s, 'amax'); r.backward(torch.ones(2, 2, dtype=torch.float64))
//     r = x.index_reduce(0, torch.tensor([0, 0, 1]), s, 'prod'); r.backward(torch.ones(2, 2, dtype=torch.float64))  # (grads reset)
//     y = x * 1; y.index_reduce_(0, idx, s, 'mean'); print(y.grad_fn.name()); y.backward(gradient: g)   # x, s as in the loop

import Testing
import Ember
import EmberTestSupport

struct IndexReduceCase: Sendable, CustomTestStringConvertible {
    let reduce: Tensor.Reduction
    let includeSelf: Bool
    let values: [Float]
    let gx: [Double], gs: [Double]
    var testDescription: String { "\(reduce) includeSelf: \(includeSelf)" }
}

let indexReduceCases: [IndexReduceCase] = [
    IndexReduceCase(reduce: "prod", includeSelf: true, values: [-10, 60, 420, 4, 5, 6, 70, 8, 0],
                    gx: [-10, 60, 420, 4, 5, 6, 70, 8, 0], gs: [-5, 40, 315, 49, 64, 81, -2, 24, 252, 10, 60, 180]),
    IndexReduceCase(reduce: "prod", includeSelf: false, values: [-10, 30, 140, 4, 5, 6, 10, 1, 0],
                    gx: [0, 0, 0, 4, 5, 6, 0, 0, 0], gs: [-5, 20, 105, 7, 8, 9, -2, 12, 84, 10, 30, 60]),
    IndexReduceCase(reduce: "mean", includeSelf: true, values: [1.75, 3, 4.75, 4, 5, 6, 8.5, 4.5, 4.5],
                    gx: [0.25, 0.5, 0.75, 4, 5, 6, 3.5, 4, 4.5], gs: [0.25, 0.5, 0.75, 3.5, 4, 4.5, 0.25, 0.5, 0.75, 0.25, 0.5, 0.75]),
    IndexReduceCase(reduce: "mean", includeSelf: false, values: [2, 3.3333332538604736, 5.333333492279053, 4, 5, 6, 10, 1, 0],
                    gx: [0, 0, 0, 4, 5, 6, 0, 0, 0],
                    gs: [1.0 / 3, 2.0 / 3, 1, 7, 8, 9, 1.0 / 3, 2.0 / 3, 1, 1.0 / 3, 2.0 / 3, 1]),
    IndexReduceCase(reduce: "amax", includeSelf: true, values: [5, 5, 7, 4, 5, 6, 10, 8, 9],
                    gx: [0, 0, 0, 4, 5, 6, 0, 8, 9], gs: [0, 0, 0, 7, 0, 0, 1, 2, 0, 0, 0, 3]),
    IndexReduceCase(reduce: "amax", includeSelf: false, values: [5, 5, 7, 4, 5, 6, 10, 1, 0],
                    gx: [0, 0, 0, 4, 5, 6, 0, 0, 0], gs: [0, 0, 0, 7, 8, 9, 1, 2, 0, 0, 0, 3]),
    IndexReduceCase(reduce: "amin", includeSelf: true, values: [-1, 2, 3, 4, 5, 6, 7, 1, 0],
                    gx: [0, 1, 3, 4, 5, 6, 7, 0, 0], gs: [0, 0, 0, 0, 8, 9, 0, 0, 0, 1, 1, 0]),
    IndexReduceCase(reduce: "amin", includeSelf: false, values: [-1, 2, 4, 4, 5, 6, 10, 1, 0],
                    gx: [0, 0, 0, 4, 5, 6, 0, 0, 0], gs: [0, 0, 3, 7, 8, 9, 0, 0, 0, 1, 1, 0]),
]

@Suite struct IndexReduceTests {
    static let x: [[Double]] = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    static let s: [[Double]] = [[2, 3, 4], [10, 1, 0], [5, 5, 5], [-1, 2, 7]]
    let t = Tensor(IndexReduceTests.x, dtype: .float32)
    let src = Tensor(IndexReduceTests.s, dtype: .float32)
    let idx = Tensor([0, 2, 0, 0])

    @Test(arguments: indexReduceCases)
    func values(_ c: IndexReduceCase) {
        expectFloats(t.indexReduce(dim: 0, index: idx, source: src, reduce: c.reduce, includeSelf: c.includeSelf), shape: [3, 3], c.values)
    }

    @Test(arguments: indexReduceCases)
    func gradients(_ c: IndexReduceCase) throws {
        let x = Tensor(Self.x, dtype: .float64, requiresGrad: true)
        let s = Tensor(Self.s, dtype: .float64, requiresGrad: true)
        let r = x.indexReduce(dim: 0, index: idx, source: s, reduce: c.reduce, includeSelf: c.includeSelf)
        #expect(r.gradFn?.name == "IndexReduceBackward0")
        try r.backward(gradient: Tensor.arange(1.0, 10.0, dtype: .float64).reshape(3, 3))
        expectGrad(x.grad, shape: [3, 3], c.gx)
        expectGrad(s.grad, shape: [4, 3], c.gs)
    }

    @Test func otherInputs() {
        expectFloats(t.indexReduce(dim: 0, index: idx.int(), source: src, reduce: "prod"), shape: [3, 3], [-10, 60, 420, 4, 5, 6, 70, 8, 0])
        expectFloats(t.indexReduce(dim: -1, index: Tensor([0, 0, 2]), source: src[..<3], reduce: .amax), shape: [3, 3],
                     [3, 2, 4, 10, 5, 6, 7, 8, 9])
        expectFloats(t.t().indexReduce(dim: 1, index: Tensor([2, 2, 0]), source: src[..<3].t(), reduce: .prod), shape: [3, 3],
                     [5, 4, 140, 10, 5, 24, 15, 6, 0])
        expectInts(Tensor([1, 2, 3]).indexReduce(dim: 0, index: Tensor([0, 0]), source: Tensor([4, 5]), reduce: .mean),
                   shape: [3], [3, 2, 3], dtype: .int64)
        expectInts(Tensor([1, 2, 3]).indexReduce(dim: 0, index: Tensor([0, 0]), source: Tensor([4, 5]), reduce: .mean, includeSelf: false),
                   shape: [3], [4, 2, 3], dtype: .int64)
        expectFloats(Tensor(5.0).indexReduce(dim: 0, index: Tensor([0]), source: Tensor(2.0), reduce: .prod), shape: [], [10])
        expectFloats(Tensor(5.0).indexReduce(dim: 0, index: Tensor(0), source: Tensor(2.0), reduce: .prod), shape: [], [10])
        expectFloats(t.indexReduce(dim: 0, index: Tensor.zeros([0], dtype: .int64), source: Tensor.zeros(0, 3), reduce: .amin),
                     shape: [3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9])
        expectClose(Tensor([1.0, .nan, 3]).indexReduce(dim: 0, index: Tensor([0, 0, 2]), source: Tensor([.nan, 2.0, 1]), reduce: .amax),
                    shape: [3], [.nan, .nan, 3], dtype: .float32)
        expectClose(Tensor([1.0, .nan, 3]).indexReduce(dim: 0, index: Tensor([1, 0, 2]), source: Tensor([5.0, 2, 1]), reduce: .amin),
                    shape: [3], [1, .nan, 1], dtype: .float32)
    }

    @Test func inPlace() throws {
        let w = t.clone()
        #expect(w.indexReduce_(dim: 0, index: idx, source: src, reduce: .amax) === w)
        expectFloats(w, shape: [3, 3], [5, 5, 7, 4, 5, 6, 10, 8, 9])
        let x = Tensor(Self.x, dtype: .float64, requiresGrad: true)
        let s = Tensor(Self.s, dtype: .float64, requiresGrad: true)
        let y = x * 1
        y.indexReduce_(dim: 0, index: idx, source: s, reduce: .mean)
        #expect(y.gradFn?.name == "IndexReduceBackward0")
        try y.backward(gradient: Tensor.arange(1.0, 10.0, dtype: .float64).reshape(3, 3))
        expectGrad(x.grad, shape: [3, 3], [0.25, 0.5, 0.75, 4, 5, 6, 3.5, 4, 4.5])
        expectGrad(s.grad, shape: [4, 3], [0.25, 0.5, 0.75, 3.5, 4, 4.5, 0.25, 0.5, 0.75, 0.25, 0.5, 0.75])
    }

    @Test func tiesAndZeros() throws {
        let x = Tensor([[5.0, 0], [1, 2]], dtype: .float64, requiresGrad: true)
        let s = Tensor([[5.0, 0], [3, 0], [5, 7]], dtype: .float64, requiresGrad: true)
        let r = x.indexReduce(dim: 0, index: Tensor([0, 0, 0]), source: s, reduce: .amax)
        expectClose(r, shape: [2, 2], [5, 7, 1, 2])
        try r.backward(gradient: Tensor.ones([2, 2], dtype: .float64))
        expectGrad(x.grad, shape: [2, 2], [1.0 / 3, 0, 1, 1])
        expectGrad(s.grad, shape: [3, 2], [1.0 / 3, 0, 0, 0, 1.0 / 3, 1])
        x.grad = nil
        s.grad = nil
        let p = x.indexReduce(dim: 0, index: Tensor([0, 0, 1]), source: s, reduce: .prod)
        expectClose(p, shape: [2, 2], [75, 0, 5, 14])
        try p.backward(gradient: Tensor.ones([2, 2], dtype: .float64))
        expectGrad(x.grad, shape: [2, 2], [15, 0, 5, 7])
        expectGrad(s.grad, shape: [3, 2], [15, 0, 25, 0, 1, 2])
    }

    @Test func gradcheck() {
        let index = Tensor([2, 0, 2, 1])
        for reduce: Tensor.Reduction in [.prod, .mean, .amax, .amin] {
            for includeSelf in [true, false] {
                expectGradients("indexReduce \(reduce) \(includeSelf)", shapes: [[3, 2], [4, 2]], secondOrder: reduce == .mean,
                                node: "IndexReduceBackward0") {
                    $0[0].indexReduce(dim: 0, index: index, source: $0[1], reduce: reduce, includeSelf: includeSelf)
                }
            }
        }
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got sum.") {
            _ = t.indexReduce(dim: 0, index: idx, source: src, reduce: .sum)
        }
        expectTensorError(.runtimeError, "index_reduce(): Expected reduce to be one of prod, mean, amax or amin but got foo.") {
            _ = t.indexReduce(dim: 0, index: idx, source: src, reduce: "foo")
        }
        expectTensorError(.runtimeError, "index_reduce_(): Expected dtype int32/int64 for index but got: Float") {
            _ = t.indexReduce(dim: 0, index: idx.float(), source: src, reduce: .prod)
        }
        expectTensorError(.runtimeError, "index_reduce_(): Number of indices (3) should be equal to source.size(dim): (4), for dim: 0") {
            _ = t.indexReduce(dim: 0, index: idx[..<3], source: src, reduce: .prod)
        }
        expectTensorError(.indexError, "index_reduce_(): Index is supposed to be a vector, but got dim: 2 with type: Long and size: [1, 2]") {
            _ = t.indexReduce(dim: 0, index: Tensor([[0, 1]]), source: src, reduce: .prod)
        }
        expectTensorError(.indexError, "index out of range in self") {
            _ = t.indexReduce(dim: 0, index: Tensor([3, 0, 0, 0]), source: src, reduce: .prod)
        }
        expectTensorError(.indexError, "index out of range in self") {
            _ = t.indexReduce(dim: 0, index: Tensor([-1, 0, 0, 0]), source: src, reduce: .prod)
        }
        expectTensorError(.runtimeError, "index_reduce_(): self (Float) and source (Double) must have the same scalar type") {
            _ = t.indexReduce(dim: 0, index: idx, source: src.double(), reduce: .prod)
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = t.indexReduce(dim: 2, index: idx, source: src, reduce: .prod)
        }
        expectTensorError(.runtimeError,
                          "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = [3, 3] source.shape = [4, 3]") {
            _ = t.indexReduce(dim: 1, index: Tensor([0, 0, 2]), source: src, reduce: .prod)
        }
        expectTensorError(.notImplementedError, "\"index_func_\" not implemented for 'Bool'") {
            _ = Tensor([true, false]).indexReduce(dim: 0, index: Tensor([0, 0]), source: Tensor([true, false]), reduce: .amax)
        }
        expectTensorError(.runtimeError,
                          "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = [] source.shape = [2]") {
            _ = Tensor(5.0).indexReduce(dim: 0, index: Tensor([0, 0]), source: Tensor([2.0, 3]), reduce: .prod)
        }
        expectTensorError(.runtimeError, "index_reduce_(): Indexing dim 1 is out of bounds of the source tensor with dim 1") {
            _ = Tensor.zeros(2, 2).indexReduce(dim: 1, index: Tensor([0]), source: Tensor.zeros(2), reduce: .prod)
        }
        // A failed in-place reduction writes nothing.
        let w = t.clone()
        expectTensorError(.indexError, "index out of range in self") {
            w.indexReduce_(dim: 0, index: Tensor([0, 0, 0, 3]), source: src, reduce: .amax)
        }
        expectFloats(w, shape: [3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9])
    }

}

@Suite struct ReduceProductDoubleBackwardTests {
    @Test func twoZerosAtOnePosition() throws {
        let x = Tensor([[2.0, 3]], dtype: .float64, requiresGrad: true)
        let s = Tensor([[0.0, 1], [0, 2]], dtype: .float64, requiresGrad: true)
        let products = [
            ("scatter_reduce(): Double backward is unsupported for src when >1 zeros in src are scattered to the same position in self",
             x.scatterReduce(dim: 0, index: Tensor([[0, 0], [0, 0]]), src: s, reduce: .prod)),
            ("index_reduce(): Double backward is unsupported for source when >1 zeros in source are scattered to the same position in self",
             x.indexReduce(dim: 0, index: Tensor([0, 0]), source: s, reduce: .prod)),
        ]
        for (message, r) in products {
            let g = try #require(try gradients(of: [r.sum()], with: [s], createGraph: true)[0])
            expectClose(g, shape: [2, 2], [0, 6, 0, 3])
            #expect(g.gradFn?.name == "torch::autograd::Error")
            let error = #expect(throws: TensorError.self) { try g.sum().backward() }
            #expect(error?.message == message)
            #expect(error?.kind == .runtimeError)
        }
    }
}
