import Testing
import EmberTestSupport
@testable import EmberCore

/// Autograd through advanced indexing (`IndexBackward0`), index assignment (`IndexPutBackward0`),
/// the index ops and `maskedFill` with a value that requires grad. Every expected value, name and
/// message comes from PyTorch 2.15.
@Suite struct AutogradIndexingTests {
    static let layouts = ["contiguous", "transposed", "sliced", "offset", "transposedSliced"]

    private func matrix() -> Tensor {
        Tensor(shape: [3, 4], data: (1...12).map(Double.init), dtype: .float64, requiresGrad: true)
    }

    private func weights(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, data: (1...shape.reduce(1, *)).map(Double.init), dtype: .float64)
    }

    private let accumulate = "torch::autograd::AccumulateGrad"

    // MARK: IndexBackward0

    @Test func indexWithRepeatedPositionsSumsGradients() throws {
        let t = matrix()
        let o = t[Tensor([0, 2, 0])]
        #expect(o.gradFn?.name == "IndexBackward0")
        #expect(o.gradFn?.nextFunctions.count == 1)
        #expect(o.gradFn?.nextFunctions[0]?.node.name == accumulate)
        try (o * weights([3, 4])).sum().backward()
        expectGrad(t.grad, shape: [3, 4], [10, 12, 14, 16, 0, 0, 0, 0, 5, 6, 7, 8])
    }

    @Test func indexMixedWithSlices() throws {
        let t = matrix()
        let o = t[1..., Tensor([0, 3, 0])]
        #expect(o.gradFn?.name == "IndexBackward0")
        #expect(o.gradFn?.nextFunctions[0]?.node.name == "SliceBackward0")
        #expect(t[.all, Tensor([0, 3, 0])].gradFn?.nextFunctions[0]?.node.name == accumulate)
        try (o * weights([2, 3])).sum().backward()
        expectGrad(t.grad, shape: [3, 4], [0, 0, 0, 0, 4, 0, 0, 2, 10, 0, 0, 5])
    }

    @Test func indexWithMask() throws {
        let t = matrix()
        let o = t[t .> 6]
        #expect(o.gradFn?.name == "IndexBackward0")
        expectTensor(o, shape: [6], values: [7, 8, 9, 10, 11, 12])
        try (o * weights([6])).sum().backward()
        expectGrad(t.grad, shape: [3, 4], [0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6])
    }

    // MARK: Double backward through indexing

    static let indexCases: [DoubleBackwardCase] = [
        DoubleBackwardCase(name: "t[idx]", node: "IndexBackward0", gradNode: "IndexPutImplBackward0",
                  op: { $0[Tensor([0, 2, 0])] },
                  grad: [6, 24, 54, 96, 0, 0, 0, 0, 243, 300, 363, 432],
                  grad2: [12, 48, 108, 192, 0, 0, 0, 0, 486, 600, 726, 864]),
        DoubleBackwardCase(name: "t[1:, idx]", node: "IndexBackward0", gradNode: "SliceBackwardBackward0",
                  op: { $0[1..., Tensor([0, 3, 0])] },
                  grad: [0, 0, 0, 0, 150, 0, 0, 192, 486, 0, 0, 432],
                  grad2: [0, 0, 0, 0, 300, 0, 0, 384, 972, 0, 0, 864]),
        DoubleBackwardCase(name: "t[mask]", node: "IndexBackward0", gradNode: "IndexPutImplBackward0",
                  op: { $0[$0 .> 6] },
                  grad: [0, 0, 0, 0, 0, 0, 147, 192, 243, 300, 363, 432],
                  grad2: [0, 0, 0, 0, 0, 0, 294, 384, 486, 600, 726, 864]),
        DoubleBackwardCase(name: "indexSelect", node: "IndexSelectBackward0", gradNode: "IndexAddBackward0",
                  op: { $0.indexSelect(dim: 1, index: Tensor([3, 0, 3])) },
                  grad: [3, 0, 0, 96, 75, 0, 0, 384, 243, 0, 0, 864],
                  grad2: [6, 0, 0, 192, 150, 0, 0, 768, 486, 0, 0, 1728]),
        DoubleBackwardCase(name: "gather", node: "GatherBackward0", gradNode: "ScatterAddBackward0",
                  op: { $0.gather(dim: 1, index: Tensor([[0, 0], [1, 3], [2, 2]])) },
                  grad: [6, 0, 0, 0, 0, 108, 0, 192, 0, 0, 726, 0],
                  grad2: [12, 0, 0, 0, 0, 216, 0, 384, 0, 0, 1452, 0]),
    ]

    @Test(arguments: indexCases)
    func doubleBackwardThroughIndexing(_ c: DoubleBackwardCase) throws {
        try c.check()
    }

    @Test(arguments: layouts)
    func gradcheckIndexing(layout: String) throws {
        let t = gradcheckInputs(shape: [3, 4], values: (0..<12).map { 0.5 + Double($0) * 0.25 })
            .first { $0.name == layout }!.tensor
        try gradcheck({ i in i[0][Tensor([2, 0, 2])].pow(2) }, inputs: [t])
        try gradcheck({ i in i[0][1..., Tensor([3, 1, 3])].pow(2) }, inputs: [t])
        try gradcheck({ i in i[0][i[0] .> 2.1].pow(2) }, inputs: [t])
        try gradcheck({ i in
            let y = i[0] * 2
            y[Tensor([0, 2])] = i[0][1].pow(2)
            return y
        }, inputs: [t])
        try gradcheck({ i in i[0].indexSelect(dim: 0, index: Tensor([2, 2, 0])).pow(2) }, inputs: [t])
        try gradcheck({ i in i[0].gather(dim: 1, index: Tensor([[0, 3], [1, 1], [2, 0]])).pow(2) }, inputs: [t])
    }

    // MARK: IndexPutBackward0

    @Test func indexPutWithRepeatedPositions() throws {
        let x = Tensor([1.0, 2.0, 3.0], dtype: .float64, requiresGrad: true)
        let w = Tensor([5.0, 7.0], dtype: .float64, requiresGrad: true)
        let y = x * 1
        y[Tensor([0, 0])] = w
        #expect(y.gradFn?.name == "IndexPutBackward0")
        #expect(y.gradFn?.nextFunctions[0]?.node.name == "MulBackward0")
        #expect(y.gradFn?.nextFunctions[1]?.node.name == accumulate)
        expectTensor(y, shape: [3], values: [7, 2, 3])
        try (y * Tensor([1.0, 2.0, 3.0], dtype: .float64)).sum().backward()
        expectGrad(x.grad, shape: [3], [0, 2, 3])
        expectGrad(w.grad, shape: [2], [1, 1])
    }

    @Test func maskAssignment() throws {
        let x = Tensor([1.0, 2.0, 3.0], dtype: .float64, requiresGrad: true)
        let v = Tensor(4.0, dtype: .float64, requiresGrad: true)
        let mask = Tensor([true, false, true])
        let y = x * 1
        y[mask] = v
        #expect(y.gradFn?.name == "IndexPutBackward0")
        try (y * y).sum().backward()
        expectGrad(x.grad, shape: [3], [0, 4, 0])
        expectGrad(v.grad, shape: [], [16])

        let x2 = Tensor([1.0, 2.0, 3.0], dtype: .float64, requiresGrad: true)
        let y2 = x2 * 1
        y2[mask] = 3.0
        #expect(y2.gradFn?.name == "MaskedFillBackward0")
        #expect(y2.gradFn?.nextFunctions.count == 1)
        try (y2 * y2).sum().backward()
        expectGrad(x2.grad, shape: [3], [0, 4, 0])

        let z = Tensor.zeros([3], dtype: .float64)
        z[mask] = v
        #expect(z.gradFn?.name == "IndexPutBackward0")
        #expect(z.gradFn?.nextFunctions[0] == nil)
        #expect(z.gradFn?.nextFunctions[1]?.node.name == accumulate)
    }

    @Test func indexPutThroughSliceAndBroadcastValue() throws {
        let t = matrix()
        let y = t * 1
        y[1..., Tensor([0, 2])] = Tensor([10.0, 20.0], dtype: .float64, requiresGrad: true)
        #expect(y.gradFn?.name == "torch::autograd::CopySlices")
        #expect(y.gradFn?.nextFunctions[0]?.node.name == "MulBackward0")
        #expect(y.gradFn?.nextFunctions[1]?.node.name == accumulate)

        let x = Tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], dtype: .float64, requiresGrad: true)
        let r = Tensor([[10.0, 20.0]], dtype: .float64, requiresGrad: true)
        let y2 = x * 2
        y2[Tensor([0, 2])] = r
        try (y2 * y2).sum().backward()
        expectGrad(x.grad, shape: [3, 2], [0, 0, 24, 32, 0, 0])
        expectGrad(r.grad, shape: [1, 2], [40, 80])
    }

    // MARK: index_add and scatter_add

    @Test func indexAddAndScatterAdd() throws {
        let s = Tensor([[1.0, 2.0], [3.0, 4.0]], dtype: .float64, requiresGrad: true)
        let base = Tensor.zeros([3, 2], dtype: .float64, requiresGrad: true)
        let o = base.indexAdd(dim: 0, index: Tensor([2, 2]), source: s, alpha: 3)
        #expect(o.gradFn?.name == "IndexAddBackward0")
        try (o * weights([3, 2])).sum().backward()
        expectGrad(base.grad, shape: [3, 2], [1, 2, 3, 4, 5, 6])
        expectGrad(s.grad, shape: [2, 2], [15, 18, 15, 18])

        let src = Tensor([[1.0, 2.0], [4.0, 5.0]], dtype: .float64, requiresGrad: true)
        let base2 = Tensor.zeros([2, 3], dtype: .float64, requiresGrad: true)
        let o2 = base2.scatterAdd(dim: 1, index: Tensor([[0, 0], [2, 1]]), src: src)
        #expect(o2.gradFn?.name == "ScatterAddBackward0")
        try (o2 * weights([2, 3])).sum().backward()
        expectGrad(base2.grad, shape: [2, 3], [1, 2, 3, 4, 5, 6])
        expectGrad(src.grad, shape: [2, 2], [1, 1, 6, 5])
    }

    @Test func scatterAddWithSourceLargerThanIndexFailsInBackward() {
        let src = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype: .float64, requiresGrad: true)
        let o = Tensor.zeros([2, 3], dtype: .float64).scatterAdd(dim: 1, index: Tensor([[0, 0], [2, 1]]), src: src)
        #expect(throws: TensorError.runtime(
            "Function ScatterAddBackward0 returned an invalid gradient at index 1 - got [2, 2] but expected shape compatible with [2, 3]")) {
            try (o * weights([2, 3])).sum().backward()
        }
    }

    // MARK: maskedFill with a value that requires grad

    @Test func maskedFillValueGetsSumOverMask() throws {
        let t = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype: .float64, requiresGrad: true)
        let v = Tensor(10.0, dtype: .float64, requiresGrad: true)
        let mask = Tensor([true, false, true])
        let o = t.maskedFill(mask, v)
        #expect(o.gradFn?.name == "MaskedFillBackward1")
        #expect(o.gradFn?.nextFunctions.count == 2)
        expectTensor(o, shape: [2, 3], values: [10, 2, 10, 10, 5, 10])
        try (o * weights([2, 3])).sum().backward()
        expectGrad(t.grad, shape: [2, 3], [0, 2, 0, 0, 5, 0])
        expectGrad(v.grad, shape: [], [14])

        v.grad = nil
        let z = Tensor.zeros([2, 3], dtype: .float64).maskedFill(mask, v)
        #expect(z.gradFn?.nextFunctions[0] == nil)
        try (z * z).sum().backward()
        expectGrad(v.grad, shape: [], [80])

        v.grad = nil
        let y = t * 1
        y.maskedFill_(mask, v)
        #expect(y.gradFn?.name == "MaskedFillBackward1")
        try (y * weights([2, 3])).sum().backward()
        expectGrad(v.grad, shape: [], [14])

        let g = try #require(try gradients(of: [t.maskedFill(mask, v).pow(2).sum()], with: [v], createGraph: true)[0])
        expectGrad(g, shape: [], [80])
        expectGrad(try gradients(of: [g], with: [v])[0], shape: [], [8])
    }
}
