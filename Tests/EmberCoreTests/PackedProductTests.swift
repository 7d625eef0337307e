// PackedProductTests.swift
//
// Products by a right-hand side packed once (`PackedProductOperand`, the CPU's `PackedPanels`:
// see GemmKernels+Panels.swift) against the definition in Double. The inputs are halves, so
// every sum is exact in float32 in any order and the results must be equal. The shapes cover
// depths past one block of k (256), widths that end inside a panel, one row and many, an A read
// through strides (which the kernel packs), a B packed from a transposed view, products split
// across threads by columns, and the float64 and empty-depth cases, which multiply by the matrix
// itself.

import Testing
import EmberCore

struct PackedProductCase: CustomTestStringConvertible, Sendable {
    var m: Int, k: Int, n: Int
    var transposedA = false, transposedB = false
    var dtype: DType = .float32
    var testDescription: String { "\(m)x\(k)x\(n) tA=\(transposedA) tB=\(transposedB) \(dtype)" }
}

@Suite struct PackedProductTests {
    static let cases: [PackedProductCase] = [
        PackedProductCase(m: 1, k: 1, n: 1),
        PackedProductCase(m: 32, k: 256, n: 1024),
        PackedProductCase(m: 32, k: 1024, n: 256),
        PackedProductCase(m: 7, k: 300, n: 70),
        PackedProductCase(m: 13, k: 40, n: 33, transposedA: true),
        PackedProductCase(m: 50, k: 257, n: 96, transposedB: true),
        PackedProductCase(m: 150, k: 20, n: 17, transposedA: true, transposedB: true),
        PackedProductCase(m: 9, k: 30, n: 40, dtype: .float64),
        PackedProductCase(m: 4, k: 0, n: 5),
    ]

    /// A `rows x cols` matrix of halves in [-2, 2], possibly a transposed view.
    static func halves(_ rows: Int, _ cols: Int, transposed: Bool, dtype: DType) -> Tensor {
        let t = (Tensor.randint(low: -4, high: 5, transposed ? [cols, rows] : [rows, cols]).to(dtype) / 2)
        return transposed ? t.t() : t
    }

    @Test(arguments: cases)
    func matchesDefinition(_ c: PackedProductCase) {
        manualSeed(11)
        let a = Self.halves(c.m, c.k, transposed: c.transposedA, dtype: c.dtype)
        let b = Self.halves(c.k, c.n, transposed: c.transposedB, dtype: c.dtype)
        let packed = PackedProductOperand(b)
        let out = packed.multiply(a)
        // Into an existing tensor too, over what it held (NaN must not leak in).
        let into = Tensor.full([c.m, c.n], .float(.nan), dtype: c.dtype)
        packed.multiply(a, into: into)

        let av = a.to(.float64).contiguous().scalars(as: Double.self)
        let bv = b.to(.float64).contiguous().scalars(as: Double.self)
        var expected = [Double](repeating: 0, count: c.m * c.n)
        for i in 0..<c.m {
            for j in 0..<c.n {
                var sum = 0.0
                for q in 0..<c.k { sum += av[i * c.k + q] * bv[q * c.n + j] }
                expected[i * c.n + j] = sum
            }
        }
        #expect(out.shape == [c.m, c.n] && out.dtype == c.dtype)
        #expect(out.to(.float64).scalars(as: Double.self) == expected)
        #expect(into.to(.float64).scalars(as: Double.self) == expected)
    }
}
