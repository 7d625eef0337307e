// ReluKernelTests.swift
//
// The vectorized relu (VectorMath.c) against relu's definition, `x < 0 ? +0 : x`, which is
// PyTorch's `clamp_min(x, 0)` (NaN and -0 pass: `torch.relu(torch.tensor([-0.0]))` prints
// `tensor([-0.])` in PyTorch 2.15), on lengths that leave a tail after the vector lanes, in place
// and not, and through a non-contiguous view.

import Testing
import Ember
import EmberTestSupport

@Suite struct ReluKernelTests {
    static let values: [Double] = [-0.0, 0.0, .nan, -.nan, .infinity, -.infinity, 1.5, -1.5, 1e-40, -1e-40,
                                   3, -2, 0.25, -0.25, 7, -7, 1e30, -1e30, 42]

    /// The bits relu must produce for `v` stored in `dtype`.
    static func expectedBits(_ v: Double, _ dtype: DType) -> UInt64 {
        if dtype == .float32 {
            let x = Float(v)
            return UInt64((x < 0 ? 0 : x).bitPattern)
        }
        return (v < 0 ? 0 : v).bitPattern
    }

    static func bits(_ t: Tensor) -> [UInt64] {
        t.dtype == .float32 ? t.scalars(as: Float.self).map { UInt64($0.bitPattern) }
                            : t.scalars(as: Double.self).map(\.bitPattern)
    }

    @Test(arguments: [DType.float32, .float64], [1, 3, 4, 8, 9, 19])
    func matchesTheDefinition(_ dtype: DType, _ count: Int) {
        let input = Array(Self.values.prefix(count))
        let expected = input.map { Self.expectedBits($0, dtype) }
        #expect(Self.bits(Tensor(input, dtype: dtype).relu()) == expected)
        let inPlace = Tensor(input, dtype: dtype)
        inPlace.relu_()
        #expect(Self.bits(inPlace) == expected)
    }

    @Test(arguments: [DType.float32, .float64])
    func nonContiguousAgrees(_ dtype: DType) {
        let input = Array(Self.values.prefix(18))
        let transposed = Tensor(input, dtype: dtype).reshape(3, 6).t()
        // Row-major order of the [6, 3] transpose: element (i, j) is input[j * 6 + i].
        let expected = (0..<6).flatMap { i in (0..<3).map { j in Self.expectedBits(input[j * 6 + i], dtype) } }
        #expect(Self.bits(transposed.relu().contiguous()) == expected)
    }

    /// ReluBackward0 is PyTorch's `threshold_backward`: `x = [nan, -1, 2, 0]`, `x.relu()`
    /// backward with `[1, inf, 3, 4]` gives `x.grad` `[1., 0., 3., 0.]` in PyTorch 2.15.
    @Test func backwardAtNaNAndInfinity() throws {
        let x = Tensor([.nan, -1, 2, 0], requiresGrad: true)
        let y = x.relu()
        #expect(y.gradFn?.name == "ReluBackward0")
        try y.backward(gradient: Tensor([1, .infinity, 3, 4]))
        #expect(x.grad?.scalars(as: Float.self) == [1, 0, 3, 0])
    }
}
