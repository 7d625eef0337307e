// GradLayoutTests.swift
//
// Note [Gradient layout contract] and Note [Product gradient layouts]: a leaf's `.grad` has the
// leaf's strides; a Linear-style weight (used as `w.t()` in a product) gets its gradient without
// a copy when nothing else holds it, and with a copy when something does. Expected values are
// computed here from the definition: for `y = x.mm(w.t())`, `d y.sum() / d w[i, j]` is the sum
// of column j of x.

import Testing
import Ember
import EmberTestSupport

@Suite struct GradLayoutTests {
    static func columnSums(_ x: Tensor, rows: Int, cols: Int) -> [Double] {
        let v = x.scalars(as: Double.self)
        return (0..<cols).map { j in (0..<rows).reduce(0.0) { $0 + v[$1 * cols + j] } }
    }

    @Test func weightGradientIsTheWeightsLayout() throws {
        let w = Tensor.arange(12.0, dtype: .float64).reshape(3, 4).requiresGrad_()
        let x = Tensor.arange(20.0, dtype: .float64).reshape(5, 4).sin()
        try x.mm(w.t()).sum().backward()
        let grad = try #require(w.grad)
        #expect(!grad.isView && grad.isContiguous && grad.stride(0) == 4)
        let sums = Self.columnSums(x, rows: 5, cols: 4)
        expectClose(grad, shape: [3, 4], (0..<3).flatMap { _ in sums }, tolerance: 1e-12)
    }

    /// A hook that keeps the transposed weight's gradient holds the memory the weight's gradient
    /// is a view of: `.grad` must then be a copy, so that accumulating into it leaves the kept
    /// tensor alone.
    @Test func keptGradientIsNotShared() throws {
        let w = Tensor.arange(12.0, dtype: .float64).reshape(3, 4).requiresGrad_()
        let x = Tensor.arange(20.0, dtype: .float64).reshape(5, 4).cos()
        var kept: Tensor?
        let wt = w.t()
        wt.registerHook { g in kept = g; return nil }
        try x.mm(wt).sum().backward()
        let first = try #require(kept).scalars(as: Double.self)
        try x.mm(w.t()).sum().backward()          // accumulates into w.grad in place
        #expect(try #require(kept).scalars(as: Double.self) == first)
        let sums = Self.columnSums(x, rows: 5, cols: 4)
        expectClose(try #require(w.grad), shape: [3, 4], (0..<3).flatMap { _ in sums.map { 2 * $0 } }, tolerance: 1e-12)
    }

    /// A transposed leaf gets a transposed gradient (PyTorch: `w = torch.zeros(4, 3).t()
    /// .requires_grad_(); (w * 2).sum().backward(); w.grad.stride()` is `(1, 3)`).
    @Test func transposedLeafGetsTransposedGradient() throws {
        let w = Tensor.zeros(4, 3, dtype: .float64).t().requiresGrad_()
        try (w * 2).sum().backward()
        let grad = try #require(w.grad)
        #expect(grad.stride(0) == 1 && grad.stride(1) == 3)
        expectClose(grad, shape: [3, 4], Array(repeating: 2.0, count: 12), tolerance: 0)
    }
}
