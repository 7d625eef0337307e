import Testing
import EmberTestSupport
import Ember

// The option enums (`Tensor.ScatterReduction`, `Tensor.Reduction`, `Tensor.RoundingMode`,
// `Tensor.GeluApproximation`): each case gives what PyTorch's string gives, a string literal names
// its case, and an unknown string fails with PyTorch's message, thrown inside `withErrorCapture`.

@Suite struct OptionEnumTests {
    @Test func stringLiteralsNameTheirCases() {
        let scatter: [Tensor.ScatterReduction] = ["add", "multiply", "sum"]
        #expect(scatter == [.add, .multiply, .unrecognized("sum")])
        let reductions: [Tensor.Reduction] = ["sum", "prod", "mean", "amax", "amin", "max"]
        #expect(reductions == [.sum, .prod, .mean, .amax, .amin, .unrecognized("max")])
        let modes: [Tensor.RoundingMode] = ["trunc", "floor", "round"]
        #expect(modes == [.trunc, .floor, .unrecognized("round")])
        let approximations: [Tensor.GeluApproximation] = ["none", "tanh", "erf"]
        #expect(approximations == [.none, .tanh, .unrecognized("erf")])
        #expect(reductions.map(\.description) == ["sum", "prod", "mean", "amax", "amin", "max"])
        #expect(scatter.map(\.description) == ["add", "multiply", "sum"])
        #expect(modes.map(\.description) == ["trunc", "floor", "round"])
        #expect(approximations.map(\.description) == ["none", "tanh", "erf"])
    }

    @Test func casesMatchTheirStrings() {
        let x = Tensor([[1.0, 2, 3], [4, 5, 6]])
        let index = Tensor([[1, 0, 1], [0, 0, 1]])
        let src = Tensor([[10.0, 50, 30], [40, 20, 60]])
        let reductions: [(Tensor.Reduction, String)] = [(.sum, "sum"), (.prod, "prod"), (.mean, "mean"), (.amax, "amax"), (.amin, "amin")]
        for (reduction, name) in reductions {
            let typed = x.scatterReduce(dim: 0, index: index, src: src, reduce: reduction, includeSelf: false)
            let literal = x.scatterReduce(dim: 0, index: index, src: src, reduce: Tensor.Reduction(stringLiteral: name), includeSelf: false)
            #expect(typed.scalars(as: Double.self) == literal.scalars(as: Double.self), "\(name)")
        }
        // torch.ones(3).scatter(0, [0, 0, 2], [2., 3., 4.], reduce='multiply') -> [6., 1., 4.]
        let multiplied = Tensor.ones(3).scatter(dim: 0, index: Tensor([0, 0, 2]), src: Tensor([2.0, 3, 4]), reduce: .multiply)
        expectTensor(multiplied, shape: [3], values: [6, 1, 4])
        let added = Tensor.ones(3).scatter(dim: 0, index: Tensor([0, 0, 2]), value: 2, reduce: .add)
        expectTensor(added, shape: [3], values: [5, 1, 3])
        // torch.div(T([-7, 7]), 2, rounding_mode='floor' / 'trunc') -> [-4, 3] / [-3, 3]
        expectInts(Tensor([-7, 7]).div(2, roundingMode: .floor), shape: [2], [-4, 3], dtype: .int64)
        expectInts(Tensor([-7, 7]).div(2, roundingMode: .trunc), shape: [2], [-3, 3], dtype: .int64)
        let y = Tensor([-1.0, 0.5, 2])
        #expect(y.gelu(approximate: .tanh).scalars(as: Double.self) == y.gelu(approximate: "tanh").scalars(as: Double.self))
        #expect(y.gelu(approximate: .none).scalars(as: Double.self) == y.gelu().scalars(as: Double.self))
    }

    @Test func unknownStringsThrowInsideACaptureScope() {
        let x = Tensor.zeros(3)
        let index = Tensor([0, 1])
        #expect(capturedError { _ = x.scatter(dim: 0, index: index, value: 1, reduce: "sum") }?.message
            == "reduce argument must be either add or multiply.")
        #expect(capturedError { x.scatter_(dim: 0, index: index, src: Tensor([1.0, 2]), reduce: .unrecognized("mul")) }?.message
            == "reduce argument must be either add or multiply.")
        #expect(capturedError { _ = x.scatterReduce(dim: 0, index: index, src: Tensor([1.0, 2]), reduce: "max") }?.message
            == "reduce argument must be either sum, prod, mean, amax or amin, got max")
        #expect(capturedError { _ = x.div(2, roundingMode: "round") }?.message
            == "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'")
        #expect(capturedError { _ = x.gelu(approximate: "erf") }?.message == "approximate argument must be either none or tanh.")
    }
}
