// ErrorScopeFuzzTests.swift
//
// The error scope holds for every input: random and extreme arguments (huge, negative,
// Int.min/Int.max, empty tensors, NaN and infinities, mismatched dtypes, a device with no
// backend) thrown at the public operations inside `withErrorCapture`. Whatever an operation
// makes of them, PyTorch's error or a result, the process must survive, the scope must end
// cleanly, and later work in a new scope must be normal. A trap anywhere stops this test's
// process, which fails the run.
//
// The draws come from swift-property-based's generators with a fixed seed (its `Xoshiro`) and
// a bounded count, so a CI run is repeatable: a failure names its draw number, and the same
// seed replays it.

import Testing
import PropertyBased
import Ember

/// One draw: two tensors from the catalog, three integers and two doubles.
struct FuzzArguments: CustomStringConvertible {
    var a: Tensor
    var b: Tensor
    var i: Int
    var j: Int
    var k: Int
    var x: Double
    var y: Double
    var description: String { "a: \(a.dtype) \(a.shape), b: \(b.dtype) \(b.shape), i: \(i), j: \(j), k: \(k), x: \(x), y: \(y)" }
}

/// One public operation, called with a draw's arguments.
struct FuzzOperation: Sendable {
    let name: String
    let body: @Sendable (FuzzArguments) throws -> Void
    init(_ name: String, _ body: @escaping @Sendable (FuzzArguments) throws -> Void) {
        self.name = name
        self.body = body
    }
}

@Suite struct ErrorScopeFuzzTests {
    /// Integers at the edges and a few ordinary ones. Sizes drawn from here are either small or
    /// at least 2^40, so a call that accepts them either does little work or fails to allocate.
    static let integers: [Int] = [
        Int.min, Int.min + 1, -(1 << 62) - 1, -(1 << 62), -(1 << 40), -3, -2, -1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 7,
        1 << 40, 1 << 62, Int.max - 1, Int.max,
    ]
    static let doubles: [Double] = [
        0, -0.0, 1, -1, 0.5, 2.5, -3, .nan, .infinity, -.infinity, 1e308, -1e308, 3e38, 5e-324, 1e-12,
    ]

    /// Fresh tensors for each draw: every dtype, empty, 0-dim, transposed, expanded, with and
    /// without gradients, with NaN and infinities.
    static let tensors: [@Sendable () -> Tensor] = [
        { Tensor([[1.0, -2, 3], [4, 5, -6]]) },
        { Tensor([Double.nan, .infinity, -1], dtype: .float64) },
        { Tensor([1, -2, 3]) },
        { Tensor([[1, 2], [3, 4]], dtype: .int32) },
        { Tensor([[true, false], [false, true]]) },
        { Tensor.zeros(0, 3) },
        { Tensor(2.5, dtype: .float64) },
        { Tensor([[1.0, -2, 3], [4, 5, -6]]).t() },
        { Tensor.ones(1, 3).expand(4, 3) },
        { Tensor([[0.5, -1.5, 2], [3, -4, 0]], dtype: .float64, requiresGrad: true) },
        { Tensor([1.0, 2, 3], requiresGrad: true) * 2 },
        { Tensor([0, 1]) },
        { Tensor.zeros(0, dtype: .int64) },
        { Tensor.ones(2, 3, 4) },
    ]

    @Test func everyOperationSurvivesExtremeArguments() {
        let count = Self.operations.count
        var rng = Xoshiro(seed: (0x45_6D_62_65_72, 14, 2026, 12))  // fixed: a CI run is repeatable
        let pick = Gen.int(in: 0...(count - 1))
        let integer = Gen.element(of: Self.integers)
        let double = Gen.element(of: Self.doubles)
        let tensor = Gen.int(in: 0...(Self.tensors.count - 1))
        // Every operation with its first arguments, then random draws.
        let draws = count * 100
        for draw in 0..<draws {
            let operation = Self.operations[draw < count ? draw : pick.run(using: &rng)]
            let arguments = FuzzArguments(
                a: Self.tensors[tensor.run(using: &rng)](), b: Self.tensors[tensor.run(using: &rng)](),
                i: integer.run(using: &rng)!, j: integer.run(using: &rng)!, k: integer.run(using: &rng)!,
                x: double.run(using: &rng)!, y: double.run(using: &rng)!)
            _ = try? withErrorCapture { try operation.body(arguments) }
            #expect(!isCapturingErrors, "draw \(draw): \(operation.name)(\(arguments)) left a capture scope open")
            // Later work in a new scope is normal.
            let check = try? withErrorCapture { (Tensor([1.0, 2]) * 2).sum().item() }
            #expect(check == 6, "draw \(draw): work after \(operation.name)(\(arguments)) was not normal")
        }
    }
}
