// MatmulKernelTests.swift
//
// The float32 product kernel (see Note [The float32 product kernel] in Gemm.c) through the tensor ops,
// at the sizes where its blocking changes: edge tiles (rows not a multiple of the tile's height,
// columns not a multiple of its width), B read in place (at most 128 x 128) or packed, several
// depth blocks (k > 256), several row blocks (m > 144), several column blocks (n > 3072), one
// product split into column pieces across the threads (151 x 70 x 100: a ragged last piece;
// 100 x 256 x 64: four pieces, each reading its B in place), and the threaded batch path. Inputs
// are small multiples of 0.5, so every product is exact in float32 whatever the summation order,
// and the expected values come from a plain Double triple loop (referenceProduct, in
// EmberBackendTestSupport's Products.swift).

import Testing
import Ember
import EmberTestSupport

// MARK: - Layouts

/// The logical matrix `values` (rows x cols, row-major) stored transposed and viewed back.
private func transposedView(_ values: [Float], rows: Int, cols: Int) -> Tensor {
    var t = [Float](repeating: 0, count: values.count)
    for i in 0..<rows { for j in 0..<cols { t[j * rows + i] = values[i * cols + j] } }
    return Tensor(shape: [cols, rows], data: t).t()
}

// MARK: - Tests

@Suite("float32 product kernel")
struct MatmulKernelTests {
    struct Size: CustomTestStringConvertible, Sendable {
        let m: Int, n: Int, k: Int
        var testDescription: String { "\(m)x\(n)x\(k)" }
    }

    static let sizes: [Size] = [
        Size(m: 2, n: 2, k: 1), Size(m: 5, n: 15, k: 3), Size(m: 6, n: 16, k: 7), Size(m: 7, n: 17, k: 9),
        Size(m: 13, n: 33, k: 31), Size(m: 64, n: 64, k: 64), Size(m: 64, n: 48, k: 64), Size(m: 65, n: 64, k: 64),
        Size(m: 64, n: 70, k: 64), Size(m: 19, n: 40, k: 257), Size(m: 150, n: 20, k: 10), Size(m: 300, n: 37, k: 600),
        Size(m: 3, n: 3090, k: 5), Size(m: 151, n: 70, k: 100), Size(m: 100, n: 256, k: 64),
    ]

    /// Row-major operands against the Double reference, exactly.
    @Test("contiguous operands", arguments: sizes)
    func contiguous(_ s: Size) {
        let a = exactProductValues(s.m * s.k, seed: 0), b = exactProductValues(s.k * s.n, seed: 1)
        let product = Tensor(shape: [s.m, s.k], data: a)
            .matmul(Tensor(shape: [s.k, s.n], data: b))
        #expect(product.shape == [s.m, s.n] && product.dtype == .float32)
        #expect(product.scalars(as: Float.self) == referenceProduct(a, b, nil, m: s.m, n: s.n, k: s.k))
    }

    /// Transposed and sliced operands are read through their strides, with the same result.
    @Test("strided operands", arguments: [Size(m: 7, n: 17, k: 9), Size(m: 64, n: 64, k: 64), Size(m: 70, n: 50, k: 300)])
    func strided(_ s: Size) {
        let a = exactProductValues(s.m * s.k, seed: 2), b = exactProductValues(s.k * s.n, seed: 3)
        let expected = referenceProduct(a, b, nil, m: s.m, n: s.n, k: s.k)
        let lefts = [transposedView(a, rows: s.m, cols: s.k),
                     Tensor(shape: [s.m, 2 * s.k], data: a.flatMap { [$0, -777] })[..., .slice(nil, nil, step: 2)]]
        let rights = [transposedView(b, rows: s.k, cols: s.n),
                      Tensor(shape: [s.k, 2 * s.n], data: b.flatMap { [$0, -777] })[..., .slice(nil, nil, step: 2)]]
        for left in lefts {
            for right in rights {
                #expect(left.matmul(right).scalars(as: Float.self) == expected)
            }
        }
    }

    /// `alpha` and `beta` (addmm), across depth blocks, where the second block adds to the first.
    @Test func alphaAndBeta() {
        let m = 20, n = 35, k = 300
        let a = exactProductValues(m * k, seed: 4), b = exactProductValues(k * n, seed: 5), c = exactProductValues(m * n, seed: 6)
        let result = Tensor(shape: [m, n], data: c)
            .addmm(Tensor(shape: [m, k], data: a), Tensor(shape: [k, n], data: b),
                   beta: 0.5, alpha: 2)
        #expect(result.scalars(as: Float.self) == referenceProduct(a, b, c, m: m, n: n, k: k, alpha: 2, beta: 0.5))
    }

    /// A batch large enough to be handed out to the threads gives what each product gives alone.
    @Test func threadedBatch() {
        let batch = 9, m = 70, n = 66, k = 64
        let a = exactProductValues(batch * m * k, seed: 7), b = exactProductValues(batch * k * n, seed: 8)
        let product = Tensor(shape: [batch, m, k], data: a)
            .bmm(Tensor(shape: [batch, k, n], data: b))
        var expected: [Float] = []
        for i in 0..<batch {
            expected += referenceProduct(Array(a[(i * m * k)..<((i + 1) * m * k)]),
                                         Array(b[(i * k * n)..<((i + 1) * k * n)]), nil, m: m, n: n, k: k)
        }
        #expect(product.scalars(as: Float.self) == expected)
    }

    /// NaN and infinity stay in their own rows and columns: padding and repeated edge rows leak nothing.
    @Test func nonFiniteValuesStayPut() {
        let m = 13, n = 21, k = 70
        var a = exactProductValues(m * k, seed: 9), b = exactProductValues(k * n, seed: 10)
        a[12 * k + 3] = .nan  // the last row, in an edge tile
        b[5 * n + 20] = .infinity  // the last column, in an edge panel
        let product = Tensor(shape: [m, k], data: a).matmul(Tensor(shape: [k, n], data: b))
        let values = product.scalars(as: Float.self)
        for i in 0..<m {
            for j in 0..<n {
                let v = values[i * n + j]
                if i == 12 || j == 20 {
                    #expect(!v.isFinite, "(\(i), \(j)) should not be finite")
                } else {
                    #expect(v.isFinite, "(\(i), \(j)) should be finite")
                }
            }
        }
    }
}
