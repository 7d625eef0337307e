// Gradients.swift
//
// Helpers for autograd tests: gradients compared with PyTorch's to a tolerance, and float64
// layout variants that require grad, ready for `gradcheck`.

import Ember
import Testing

/// Checks a gradient's shape and row-major values against PyTorch's, to a relative
/// `tolerance` (float64 results differ from PyTorch's in the last bits at most). A missing
/// gradient is an issue.
public func expectGrad(
    _ t: Tensor?, shape: [Int], _ values: [Double], tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let t else {
        Issue.record("no gradient", sourceLocation: sourceLocation)
        return
    }
    #expect(t.shape == shape, "shape", sourceLocation: sourceLocation)
    let got = t.scalars(as: Double.self)
    #expect(got.count == values.count, "element count", sourceLocation: sourceLocation)
    for (i, (g, v)) in zip(got, values).enumerated() where !(abs(g - v) <= tolerance * max(1, abs(v))) {
        Issue.record("element \(i): got \(g), expected \(v) (all: \(got))", sourceLocation: sourceLocation)
        break
    }
}

/// The float64 layout variants of `values` in `shape` (see `layoutVariants`) except the
/// expanded one, each made a leaf that requires grad, for `gradcheck`.
public func gradcheckInputs(shape: [Int], values: [Double]) -> [LayoutVariant] {
    layoutVariants(shape: shape, values: values, dtype: .float64)
        .filter { $0.name != "expanded" }
        .map { variant in
            variant.tensor.requiresGrad = true
            return variant
        }
}
