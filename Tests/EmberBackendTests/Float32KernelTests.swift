// Float32KernelTests.swift
//
// Every instance of Ember's float32 product kernel that this CPU runs (see Note [The float32 product kernel] in Gemm.c), called directly, so that the AVX2 instance stays tested on a machine whose
// products go to the AVX-512 one: sizes where the blocking changes (edge tiles of either tile
// shape, the two smaller tiles for the last rows, B in place or packed, several depth, row and
// column blocks), strided operands, alpha and beta. Inputs are small multiples of 0.5, so every
// product is exact in float32 whatever the summation order; the reference is a Double triple loop.

import EmberBackendTestSupport
import Testing
@testable import EmberCPU
@testable import EmberBackend

@Suite("float32 kernel instances")
struct Float32KernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let kernel: Float32Kernel, m: Int, n: Int, k: Int
        var testDescription: String { "\(kernel) \(m)x\(n)x\(k)" }
    }

    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (4, 32, 5), (5, 15, 3), (6, 16, 7), (8, 33, 9), (9, 31, 2), (12, 32, 12), (13, 48, 31),
        (25, 64, 64), (64, 64, 64), (65, 96, 40), (128, 128, 128), (129, 130, 20), (19, 40, 257), (150, 20, 10),
        (300, 37, 600), (3, 3090, 5),
    ]

    static let cases: [Case] = Float32Kernel.allCases.filter(\.isSupported).flatMap { kernel in
        shapes.map { Case(kernel: kernel, m: $0.0, n: $0.1, k: $0.2) }
    }

    /// Runs the kernel on a(i, q) = av[i * k + q] and b(q, j) = bv[q * n + j], laid out in memory as
    /// `transposeA` / `transposeB` say, into an m x n C with row stride ldc = n + 3 whose padding must
    /// survive; returns C's valid part.
    static func run(_ c: Case, _ av: [Float], _ bv: [Float], transposeA: Bool, transposeB: Bool,
                    alpha: Float = 1, beta: Float = 0, initial: [Float]? = nil) -> (values: [Float], padIntact: Bool) {
        let (m, n, k) = (c.m, c.n, c.k)
        var a = av, b = bv
        if transposeA { for i in 0..<m { for q in 0..<k { a[q * m + i] = av[i * k + q] } } }
        if transposeB { for q in 0..<k { for j in 0..<n { b[j * k + q] = bv[q * n + j] } } }
        let (ars, acs) = transposeA ? (1, m) : (k, 1)
        let (brs, bcs) = transposeB ? (1, k) : (n, 1)
        let ldc = n + 3
        var out = [Float](repeating: -99, count: m * ldc)
        if let initial { for i in 0..<m { for j in 0..<n { out[i * ldc + j] = initial[i * n + j] } } }
        var workspace = [Float](repeating: .nan, count: max(1, c.kernel.workspace(m: m, n: n, k: k, acs, bcs)))
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                out.withUnsafeMutableBufferPointer { pc in
                    workspace.withUnsafeMutableBufferPointer { pw in
                        c.kernel.multiply(m: m, n: n, k: k, alpha: alpha, pa.baseAddress!, ars, acs, pb.baseAddress!,
                                          brs, bcs, beta: beta, pc.baseAddress!, ldc, workspace: pw.baseAddress)
                    }
                }
            }
        }
        var values: [Float] = [], padIntact = true
        for i in 0..<m {
            values += out[(i * ldc)..<(i * ldc + n)]
            padIntact = padIntact && out[(i * ldc + n)..<(i * ldc + ldc)].allSatisfy { $0 == -99 }
        }
        return (values, padIntact)
    }

    /// Row-major and transposed operands, in all four combinations, against the reference exactly;
    /// C's row padding untouched.
    @Test("layouts", arguments: cases)
    func layouts(_ c: Case) {
        let a = exactProductValues(c.m * c.k, seed: 0), b = exactProductValues(c.k * c.n, seed: 1)
        let expected = referenceProduct(a, b, nil, m: c.m, n: c.n, k: c.k)
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let result = Self.run(c, a, b, transposeA: ta, transposeB: tb)
            #expect(result.values == expected, "transposeA \(ta), transposeB \(tb)")
            #expect(result.padIntact)
        }
    }

    /// alpha and beta, with k past one depth block so that the second block adds to the first.
    @Test("alpha and beta", arguments: Float32Kernel.allCases.filter(\.isSupported))
    func alphaAndBeta(_ kernel: Float32Kernel) {
        let c = Case(kernel: kernel, m: 20, n: 35, k: 300)
        let a = exactProductValues(c.m * c.k, seed: 4), b = exactProductValues(c.k * c.n, seed: 5), initial = exactProductValues(c.m * c.n, seed: 6)
        let result = Self.run(c, a, b, transposeA: false, transposeB: false, alpha: 2, beta: 0.5, initial: initial)
        #expect(result.values == referenceProduct(a, b, initial, m: c.m, n: c.n, k: c.k, alpha: 2, beta: 0.5))
    }

    /// With beta == 0, C is not read: NaN already in C does not reach the result.
    @Test("beta zero ignores C", arguments: Float32Kernel.allCases.filter(\.isSupported))
    func betaZeroIgnoresC(_ kernel: Float32Kernel) {
        let c = Case(kernel: kernel, m: 13, n: 33, k: 7)
        let a = exactProductValues(c.m * c.k, seed: 7), b = exactProductValues(c.k * c.n, seed: 8)
        let result = Self.run(c, a, b, transposeA: false, transposeB: false,
                              initial: [Float](repeating: .nan, count: c.m * c.n))
        #expect(result.values == referenceProduct(a, b, nil, m: c.m, n: c.n, k: c.k))
    }

    /// Products 16 columns wide or narrower take AVX2's 16-column tiles, wider ones the widest
    /// instance; the narrow instance leaves AVX2 as it is.
    @Test("narrow products take the narrow tile", arguments: [(1, Float32Kernel.avx2), (16, .avx2), (17, .avx512),
                                                                (32, .avx512), (1000, .avx512)])
    func narrowest(columns: Int, expected: Float32Kernel) {
        #expect(Float32Kernel.avx512.narrowest(forColumns: columns) == expected)
        #expect(Float32Kernel.avx2.narrowest(forColumns: columns) == .avx2)
    }
}
