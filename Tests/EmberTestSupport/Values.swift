// Values.swift
//
// Checks of a tensor's shape, dtype and row-major values against PyTorch's, and the row type of
// parameterized tests that compare one call's result with PyTorch's.

import Ember
import Testing

/// One call and PyTorch's result for it: the shape, row-major values and dtype.
public struct TensorCase: Sendable, CustomTestStringConvertible {
    /// The case's name in the test report.
    public let name: String
    /// PyTorch's result's shape.
    public let shape: [Int]
    /// PyTorch's result's row-major values.
    public let values: [Double]
    /// PyTorch's result's dtype.
    public let dtype: DType
    /// Ember's version of the call.
    public let make: @Sendable () -> Tensor

    /// A case named `name` whose `make` should give `values` in `shape` and `dtype`.
    public init(_ name: String, _ shape: [Int], _ values: [Double], _ dtype: DType,
                _ make: @escaping @Sendable () -> Tensor) {
        self.name = name
        self.shape = shape
        self.values = values
        self.dtype = dtype
        self.make = make
    }

    public var testDescription: String { name }
}

/// Checks shape and row-major values; `dtype` too when given. Values are compared exactly
/// after widening to `Double` (float32 values must be written as their float32 roundings).
public func expectTensor(
    _ t: Tensor, shape: [Int], values: [Double], dtype: DType? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    if let dtype { #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation) }
    let got = t.scalars(as: Double.self)
    #expect(got.count == values.count, "element count", sourceLocation: sourceLocation)
    if got.count == values.count {
        for (i, (g, v)) in zip(got, values).enumerated() where !sameValue(g, v) {
            Issue.record("element \(i): got \(g), expected \(v) (all: \(got))", sourceLocation: sourceLocation)
            break
        }
    }
}

/// Checks shape and row-major integer values, read as `Int64`.
public func expectInts(
    _ t: Tensor, shape: [Int], _ values: [Int64], dtype: DType? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    if let dtype { #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation) }
    #expect(t.scalars(as: Int64.self) == values, sourceLocation: sourceLocation)
}

/// Checks shape, dtype (bool unless given) and row-major truth values.
public func expectBools(
    _ t: Tensor, shape: [Int], _ values: [Bool], dtype: DType = .bool,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation)
    #expect(t.scalars(as: Bool.self) == values, sourceLocation: sourceLocation)
}

/// Float32 values compared exactly (what PyTorch's `tolist()` gives, rounded to float32).
public func expectFloats(
    _ t: Tensor, shape: [Int], _ values: [Float], sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    #expect(t.dtype == .float32, "dtype", sourceLocation: sourceLocation)
    #expect(t.scalars(as: Float.self) == values, sourceLocation: sourceLocation)
}

/// Checks shape, dtype (when given) and row-major values to a relative `tolerance` (absolute
/// below magnitude 1), for results whose last bits depend on the order of operations; an expected
/// NaN or infinity must be matched exactly. A missing tensor is an issue.
public func expectClose(
    _ t: Tensor?, shape: [Int], _ values: [Double], dtype: DType? = nil, tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let t else {
        Issue.record("no tensor", sourceLocation: sourceLocation)
        return
    }
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    if let dtype { #expect(t.dtype == dtype, "dtype", sourceLocation: sourceLocation) }
    let got = t.scalars(as: Double.self)
    guard got.count == values.count else {
        Issue.record("\(got.count) elements, expected \(values.count)", sourceLocation: sourceLocation)
        return
    }
    for (i, (g, v)) in zip(got, values).enumerated() {
        let close = v.isNaN || v.isInfinite ? sameValue(g, v) : Swift.abs(g - v) <= tolerance * Swift.max(1, Swift.abs(v))
        if !close {
            Issue.record("element \(i): got \(g), expected \(v) (all: \(got))", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Equal, or both NaN; `0.0` and `-0.0` are told apart.
public func sameValue(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return a == b && a.sign == b.sign
}
