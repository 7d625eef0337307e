// Gradients.swift
//
// The one helper through which every differentiable op's forward and backward is checked
// (tinygrad's style): float64 inputs in every layout, `gradcheck` for first derivatives and,
// when asked, `gradgradcheck` for second derivatives.

import Ember
import Testing

/// The layouts `expectGradients` checks every input in (see `layoutVariants`).
public let gradientLayouts = ["contiguous", "transposed", "sliced", "offset", "transposedSliced", "expanded"]

/// Checks `op`'s gradients against finite differences (`torch.autograd.gradcheck`, and
/// `torch.autograd.gradgradcheck` when `secondOrder`), once per layout in `gradientLayouts`, all
/// inputs taking that layout at once:
///
/// - `contiguous`, `transposed`, `sliced`, `offset` and `transposedSliced` pass the float64 views
///   of `layoutVariants` (leaves that require grad) to `op`;
/// - `expanded` cannot be perturbed element by element (its elements alias), so the leaf has
///   size 1 in the first dim of size > 1 and `op` receives it expanded to `shapes[i]`.
///
/// Input `i` has `shapes[i]` and distinct values spread over `ranges[i]` (else `range`), never
/// evenly spaced, so that inputs can be kept inside an op's domain and away from its kinks and
/// ties. `node`, when given, is the expected `gradFn?.name` of the output (PyTorch's name).
public func expectGradients(
    _ name: String, shapes: [[Int]], range: ClosedRange<Double> = -1.5...1.5, ranges: [ClosedRange<Double>]? = nil,
    secondOrder: Bool = false, node: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ op: @escaping ([Tensor]) -> Tensor
) {
    let values = shapes.indices.map { i in
        gradientTestValues(count: shapes[i].reduce(1, *), range: ranges?[i] ?? range, salt: i)
    }
    for layout in gradientLayouts {
        var inputs: [Tensor] = []
        var expandTo: [[Int]?] = []
        for (shape, data) in zip(shapes, values) {
            if layout == "expanded", let d = shape.firstIndex(where: { $0 > 1 }) {
                var small = shape
                small[d] = 1
                let base = Tensor(shape: shape, data: data, dtype: .float64).narrow(dim: d, start: 0, length: 1)
                inputs.append(Tensor(shape: small, data: base.scalars(as: Double.self), dtype: .float64).requiresGrad_())
                expandTo.append(shape)
                continue
            }
            let variants = layoutVariants(shape: shape, values: data, dtype: .float64)
            let variant = variants.first { $0.name == layout } ?? variants[0]
            inputs.append(variant.tensor.detach().requiresGrad_())
            expandTo.append(nil)
        }
        let function: ([Tensor]) -> Tensor = { xs in
            op(zip(xs, expandTo).map { x, shape in shape.map { x.expand($0) } ?? x })
        }
        if let node, layout == "contiguous" {
            #expect(function(inputs).gradFn?.name == node, "\(name): node name", sourceLocation: sourceLocation)
        }
        do {
            try gradcheck(function, inputs: inputs)
        } catch {
            Issue.record("\(name) [\(layout)] gradcheck: \(error)", sourceLocation: sourceLocation)
        }
        guard secondOrder else { continue }
        do {
            try gradgradcheck(function, inputs: inputs)
        } catch {
            Issue.record("\(name) [\(layout)] gradgradcheck: \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// `count` distinct values inside `range`, from the golden-ratio sequence (never evenly spaced,
/// never exactly at the middle of the range); `salt` gives each input its own sequence.
public func gradientTestValues(count: Int, range: ClosedRange<Double>, salt: Int = 0) -> [Double] {
    (0..<count).map { k in
        let u = (Double(k + 1) * 0.6180339887498949 + Double(salt) * 0.2928932188134524)
            .truncatingRemainder(dividingBy: 1)
        return range.lowerBound + (range.upperBound - range.lowerBound) * (0.05 + 0.9 * u)
    }
}

/// One row of a parameterized gradient test: an op and the inputs `expectGradients` checks it with.
public struct GradientCase: Sendable, CustomTestStringConvertible {
    /// The case's name in the test report.
    public let name: String
    /// The inputs' shapes.
    public let shapes: [[Int]]
    /// The range of every input's values, unless `ranges` gives one per input.
    public let range: ClosedRange<Double>
    /// The range of each input's values.
    public let ranges: [ClosedRange<Double>]?
    /// Whether second derivatives are checked too.
    public let secondOrder: Bool
    /// PyTorch's name of the output's node, when checked.
    public let node: String?
    /// The op, on the inputs in order.
    public let op: @Sendable ([Tensor]) -> Tensor

    /// A case checking `op` on inputs of `shapes` (the other parameters as `expectGradients`'s).
    public init(
        _ name: String, shapes: [[Int]] = [[2, 3]], range: ClosedRange<Double> = -1.5...1.5,
        ranges: [ClosedRange<Double>]? = nil, secondOrder: Bool = false, node: String? = nil,
        _ op: @escaping @Sendable ([Tensor]) -> Tensor
    ) {
        self.name = name
        self.shapes = shapes
        self.range = range
        self.ranges = ranges
        self.secondOrder = secondOrder
        self.node = node
        self.op = op
    }

    public var testDescription: String { name }

    /// Runs `expectGradients` on this case.
    public func check(sourceLocation: SourceLocation = #_sourceLocation) {
        expectGradients(name, shapes: shapes, range: range, ranges: ranges, secondOrder: secondOrder, node: node,
                        sourceLocation: sourceLocation, op)
    }
}

// MARK: - Gradients against PyTorch's values

/// Checks a gradient's shape and row-major values against PyTorch's to a relative `tolerance`
/// (float64 results differ from PyTorch's in the last bits at most), as `expectClose` does; a
/// missing gradient is an issue.
public func expectGrad(
    _ t: Tensor?, shape: [Int], _ values: [Double], tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard t != nil else {
        Issue.record("no gradient", sourceLocation: sourceLocation)
        return
    }
    expectClose(t, shape: shape, values, tolerance: tolerance, sourceLocation: sourceLocation)
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
