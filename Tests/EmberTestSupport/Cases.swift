// Cases.swift
//
// Row types for parameterized tests that many suites share: an operation with PyTorch's result,
// and an operation with PyTorch's exception.

import Ember
import Testing

/// One call and PyTorch's result for it: the shape, row-major values and dtype.
public struct TensorCase: Sendable, CustomTestStringConvertible {
    public let name: String
    public let shape: [Int]
    public let values: [Double]
    public let dtype: DType
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

/// One failing call and PyTorch's exception for it (its Python type and message).
public struct OpErrorCase: Sendable, CustomTestStringConvertible {
    public let name: String
    public let kind: TensorError.Kind
    public let message: String
    public let body: @Sendable () -> Void

    /// A case whose `body` should fail with `kind` and `message`.
    public init(_ name: String, _ kind: TensorError.Kind, _ message: String, _ body: @escaping @Sendable () -> Void) {
        self.name = name
        self.kind = kind
        self.message = message
        self.body = body
    }

    /// A case whose `body` should fail with a `RuntimeError`.
    public init(_ name: String, _ message: String, _ body: @escaping @Sendable () -> Void) {
        self.init(name, .runtimeError, message, body)
    }

    public var testDescription: String { name }
}
