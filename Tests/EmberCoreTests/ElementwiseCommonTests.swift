// ElementwiseCommonTests.swift
//
// Shared pieces of the element-wise test files (`Elementwise*Tests.swift`, `TypePromotionTests`):
// a tolerant value check for floating results, and tests that run every op family over empty
// tensors and zero-size dims.
//
// Expected values in these files were printed by PyTorch 2.15 (in Python,
// `tensor.tolist()`; float32 results as their exact float32 values) on contiguous inputs. Ember's
// result must match them on every layout `layoutVariants` builds (contiguous, transposed, sliced,
// offset, transposedSliced and, where the values allow it, expanded with stride 0).

import Testing
@testable import EmberCore
import EmberTestSupport

// MARK: - Value checks

/// Relative and absolute tolerance for a floating dtype. float32 results may differ from
/// PyTorch's by a few ulp (libm versus PyTorch's vectorized kernels, and the vectorized float32
/// `exp`, within ~2 ulp of libm); float64 results by about one.
func ewTolerance(_ dtype: DType) -> (rtol: Double, atol: Double) {
    switch dtype {
    case .float32: (1e-6, 1e-7)
    case .float64: (1e-12, 1e-15)
    default: (0, 0)
    }
}

/// Whether `got` matches PyTorch's `expected` for `dtype`: equal (NaN matching NaN, infinities
/// exactly) for integer and bool dtypes, within `ewTolerance` for floating ones. The sign of a
/// zero is not checked here.
func ewClose(_ got: Double, _ expected: Double, _ dtype: DType, atol: Double? = nil) -> Bool {
    if got.isNaN || expected.isNaN { return got.isNaN && expected.isNaN }
    if got.isInfinite || expected.isInfinite { return got == expected }
    let (rtol, defaultAtol) = ewTolerance(dtype)
    return Swift.abs(got - expected) <= (atol ?? defaultAtol) + rtol * Swift.abs(expected)
}

/// Checks shape, dtype and row-major values against PyTorch's, with `ewClose` (`atol`
/// replaces the dtype's absolute tolerance).
func ewExpect(
    _ t: Tensor, shape: [Int], dtype: DType, _ values: [Double], _ note: @autoclosure () -> String = "",
    atol: Double? = nil, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(t.shape == shape, "shape \(note())", sourceLocation: sourceLocation)
    #expect(t.dtype == dtype, "dtype \(note())", sourceLocation: sourceLocation)
    guard t.shape == shape, t.dtype == dtype else { return }
    let got = t.scalars(as: Double.self)
    #expect(got.count == values.count, "element count \(note())", sourceLocation: sourceLocation)
    guard got.count == values.count else { return }
    for (i, (g, v)) in zip(got, values).enumerated() where !ewClose(g, v, dtype, atol: atol) {
        Issue.record("\(note()): element \(i): got \(g), expected \(v)\n  got:      \(got)\n  expected: \(values)",
                     sourceLocation: sourceLocation)
        return
    }
}

/// `values` repeated `times` times (the data of a tensor stacked along a new leading dim).
func ewRepeated(_ values: [Double], _ times: Int) -> [Double] {
    Array([[Double]](repeating: values, count: times).joined())
}

// MARK: - Empty tensors and zero-size dims

/// An empty input for one op family: the op and PyTorch's result shape and dtype.
struct EWEmptyCase: Sendable, CustomTestStringConvertible {
    let name: String
    let op: @Sendable () -> Tensor
    let shape: [Int]
    let dtype: DType
    init(_ name: String, _ op: @escaping @Sendable () -> Tensor, shape: [Int], dtype: DType) {
        self.name = name
        self.op = op
        self.shape = shape
        self.dtype = dtype
    }
    var testDescription: String { name }
}

enum EWEmptyCases {
    static let all: [EWEmptyCase] = [
        // Broadcasting with a zero-size dim: (0,1)+(3,) -> (0,3), (0,3)+(3,) -> (0,3).
        EWEmptyCase("(0,1)+(3,)", { Tensor.ones(0, 1) + Tensor.ones(3) }, shape: [0, 3], dtype: .float32),
        EWEmptyCase("(0,3)+(3,)", { Tensor.ones(0, 3) + Tensor.ones(3) }, shape: [0, 3], dtype: .float32),
        EWEmptyCase("(2,0)*2", { Tensor.ones(2, 0) * 2 }, shape: [2, 0], dtype: .float32),
        EWEmptyCase("2-(2,0,3)", { 2 - Tensor.ones(2, 0, 3) }, shape: [2, 0, 3], dtype: .float32),
        EWEmptyCase("(0,) int64 / int64", { Tensor.zeros(0, dtype: .int64) / Tensor.ones(0, dtype: .int64) },
                    shape: [0], dtype: .float32),
        EWEmptyCase("(0,) int64 + 2.5", { Tensor.zeros(0, dtype: .int64) + 2.5 }, shape: [0], dtype: .float32),
        EWEmptyCase("(0,) bool + bool", { Tensor.zeros(0, dtype: .bool) + Tensor.zeros(0, dtype: .bool) },
                    shape: [0], dtype: .bool),
        EWEmptyCase("(0,) int64 // 0", { Tensor.zeros(0, dtype: .int64).floorDivide(0) }, shape: [0], dtype: .int64),
        EWEmptyCase("(0,) int64 % 0", { Tensor.zeros(0, dtype: .int64) % 0 }, shape: [0], dtype: .int64),
        EWEmptyCase("(0,) int64 fmod 0", { Tensor.zeros(0, dtype: .int64).fmod(0) }, shape: [0], dtype: .int64),
        EWEmptyCase("(2,0) remainder (0,)", { Tensor.ones(2, 0).remainder(Tensor.ones(0)) }, shape: [2, 0], dtype: .float32),
        EWEmptyCase("(0,) pow(-1.0)", { Tensor.zeros(0).pow(-1) }, shape: [0], dtype: .float32),
        EWEmptyCase("(0,3) atan2 (3,)", { Tensor.ones(0, 3).atan2(Tensor.ones(3)) }, shape: [0, 3], dtype: .float32),
        EWEmptyCase("(0,3) maximum (1,3)", { Tensor.ones(0, 3).maximum(Tensor.ones(1, 3)) }, shape: [0, 3], dtype: .float32),
        EWEmptyCase("(0,3) minimum (1,3)", { Tensor.ones(0, 3).minimum(Tensor.ones(1, 3)) }, shape: [0, 3], dtype: .float32),
        EWEmptyCase("(0,) < 1", { Tensor.ones(0) .< 1 }, shape: [0], dtype: .bool),
        EWEmptyCase("(0,2) == (0,2)", { Tensor.ones(0, 2) .== Tensor.ones(0, 2) }, shape: [0, 2], dtype: .bool),
        EWEmptyCase("(0,) & (0,)", { Tensor.zeros(0, dtype: .bool) .& Tensor.zeros(0, dtype: .bool) },
                    shape: [0], dtype: .bool),
        EWEmptyCase("logicalXor (2,0)", { Tensor.ones(2, 0).logicalXor(Tensor.ones(2, 0)) }, shape: [2, 0], dtype: .bool),
        EWEmptyCase(".! (0,)", { .!Tensor.zeros(0, dtype: .bool) }, shape: [0], dtype: .bool),
        EWEmptyCase("-(2,0)", { -Tensor.ones(2, 0) }, shape: [2, 0], dtype: .float32),
        EWEmptyCase("exp (2,0)", { Tensor.ones(2, 0).exp() }, shape: [2, 0], dtype: .float32),
        EWEmptyCase("exp (0,) contiguous float32", { Tensor.ones(0).exp() }, shape: [0], dtype: .float32),
        EWEmptyCase("sqrt int64 (0,)", { Tensor.ones(0, dtype: .int64).sqrt() }, shape: [0], dtype: .float32),
        EWEmptyCase("sigmoid (0,4)", { Tensor.ones(0, 4).sigmoid() }, shape: [0, 4], dtype: .float32),
        EWEmptyCase("gelu tanh (0,)", { Tensor.ones(0).gelu(approximate: "tanh") }, shape: [0], dtype: .float32),
        EWEmptyCase("clamp (0,2)", { Tensor.ones(0, 2).clamp(min: 0, max: 1) }, shape: [0, 2], dtype: .float32),
        EWEmptyCase("clamp tensor bounds (0,2)", { Tensor.ones(0, 2).clamp(min: Tensor.zeros(2), max: Tensor.ones(1)) },
                    shape: [0, 2], dtype: .float32),
        EWEmptyCase("round (3,0)", { Tensor.ones(3, 0).round() }, shape: [3, 0], dtype: .float32),
        EWEmptyCase("isnan (0,)", { Tensor.ones(0).isnan() }, shape: [0], dtype: .bool),
        EWEmptyCase("nanToNum (0,)", { Tensor.ones(0).nanToNum() }, shape: [0], dtype: .float32),
        EWEmptyCase("div trunc int64 (0,) by 0", { Tensor.zeros(0, dtype: .int64).div(0, roundingMode: "trunc") },
                    shape: [0], dtype: .int64),
        EWEmptyCase("transposed (3,0)+(0,)", { Tensor.ones(0, 3).t() + Tensor.ones(0) }, shape: [3, 0], dtype: .float32),
    ]
}

@Suite struct ElementwiseEmptyTests {
    @Test(arguments: EWEmptyCases.all)
    func emptyResult(_ c: EWEmptyCase) throws {
        let r = try withErrorCapture { c.op() }
        #expect(r.shape == c.shape)
        #expect(r.dtype == c.dtype)
        #expect(r.numel == 0)
        #expect(r.scalars(as: Double.self).isEmpty)
    }

    /// In-place ops on empty tensors succeed (even on an expanded empty tensor) and bump the version.
    @Test func inPlaceOnEmpty() throws {
        var a = Tensor.ones(2, 0)
        _ = try withErrorCapture {
            a.add_(1)
            a.mul_(Tensor.ones(0))
            a.clamp_(min: 0)
            a.exp_()
            a += 1
        }
        #expect(a.version == 5)
        #expect(a.shape == [2, 0])
        // torch.ones(1,0).expand(3,0).add_(1) is allowed: no element is written twice.
        let e = Tensor.ones(1, 0).expand(3, 0)
        _ = try withErrorCapture { e.add_(1) }
        #expect(e.shape == [3, 0])
    }

    /// `torch.ones(3,0).add_(torch.ones(2,3,0))`: the output still cannot grow.
    @Test func inPlaceOnEmptyCannotGrow() {
        expectTensorError(.runtimeError, "output with shape [3, 0] doesn't match the broadcast shape [2, 3, 0]") {
            Tensor.ones(3, 0).add_(Tensor.ones(2, 3, 0))
        }
    }

    /// `torch.zeros(0, dtype=torch.long).pow(-1)` still raises: the check is on the exponent.
    @Test func negativeIntegerPowerOnEmptyRaises() {
        expectTensorError(.runtimeError, "Integers to negative integer powers are not allowed.") {
            _ = Tensor.zeros(0, dtype: .int64).pow(-1)
        }
    }
}
