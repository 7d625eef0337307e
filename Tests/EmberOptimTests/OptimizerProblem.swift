// OptimizerProblem.swift
//
// The small problem every optimizer test runs (the `run` of the scripts at the top of
// OptimizerTests.swift and OptimizerAlgorithmTests.swift): two float64 parameters, `w` [2, 3] and
// `b` [3], and a fixed loss whose gradient changes from step to step.

import Testing
import Ember
import EmberTestSupport

/// What the tests call on an optimizer, whatever its options type.
protocol Stepping {
    func step()
    func zeroGrad(setToNone: Bool)
    func stateDict() -> OptimizerStateDict
    func loadStateDict(_ stateDict: OptimizerStateDict)
}

extension Optimizer: Stepping {}

/// The parameters of the script: `w` [2, 3] and `b` [3], float64.
func parameters() -> (w: Parameter, b: Parameter) {
    (Parameter(Tensor([[0.5, -1.0, 1.5], [2.0, -0.5, 0.25]], dtype: .float64)),
     Parameter(Tensor([0.1, -0.2, 0.3], dtype: .float64)))
}

/// The script's loss, whose gradient changes from step to step.
func loss(_ w: Tensor, _ b: Tensor) -> Tensor {
    let c = Tensor([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]], dtype: .float64)
    return (w * c).sum() + (w * w * b).sum() + (b * b * b).sum() * 0.5 + (w * w).sum()
}

/// Runs `steps` steps of the script's loop with `opt` on `w` and `b`.
func train(_ opt: any Stepping, _ w: Tensor, _ b: Tensor, steps: Int) throws {
    for _ in 0..<steps {
        opt.zeroGrad(setToNone: true)
        try loss(w, b).backward()
        opt.step()
    }
}

/// Runs `steps` steps of the script's loop and returns `w` and `b` flattened, one after the other.
func run(_ make: ([Tensor]) -> any Stepping, steps: Int = 5) throws -> [Double] {
    let (w, b) = parameters()
    try train(make([w, b]), w, b, steps: steps)
    return w.scalars(as: Double.self) + b.scalars(as: Double.self)
}

/// One optimizer configuration and PyTorch's `w` and `b` after `steps` steps (five unless given).
struct OptimCase: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: [Double]
    let steps: Int
    let make: @Sendable ([Tensor]) -> any Stepping

    init(_ name: String, _ expected: [Double], steps: Int = 5,
         _ make: @escaping @Sendable ([Tensor]) -> any Stepping) {
        self.name = name
        self.expected = expected
        self.steps = steps
        self.make = make
    }

    var testDescription: String { name }
}

/// Expects `got` to equal `expected` element by element within `tolerance`. Ember and PyTorch
/// agree to the last bit or two: PyTorch's kernels fuse `p + alpha * g` and `lerp` into
/// multiply-adds, which round once where Ember's separate operations round twice.
func expectValues(_ got: [Double], _ expected: [Double], tolerance: Double = 1e-12,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.count == expected.count, sourceLocation: sourceLocation)
    for (i, (g, e)) in zip(got, expected).enumerated() where !(abs(g - e) <= tolerance) {
        Issue.record("element \(i): got \(g), expected \(e) (all: \(got))", sourceLocation: sourceLocation)
        return
    }
}
