// Products.swift
//
// Inputs and a reference for matrix-product kernels: values that are small multiples of 0.5, so
// every product of them is exact in float32 whatever the summation order, and a plain Double
// triple loop to compare with.

/// Values `((7 i + 3 seed) % 11 - 5) / 2` for i in 0..<count (exact in float32).
public func exactProductValues(_ count: Int, seed: Int) -> [Float] {
    (0..<count).map { Float(($0 * 7 + seed * 3) % 11 - 5) / 2 }
}

/// `alpha * a @ b + beta * c` for row-major `a` (m x k), `b` (k x n) and `c` (m x n; read only
/// when beta is not zero), computed in Double.
public func referenceProduct(_ a: [Float], _ b: [Float], _ c: [Float]?, m: Int, n: Int, k: Int,
                             alpha: Double = 1, beta: Double = 0) -> [Float] {
    var out = [Float](repeating: 0, count: m * n)
    for i in 0..<m {
        for j in 0..<n {
            var s = 0.0
            for q in 0..<k { s += Double(a[i * k + q]) * Double(b[q * n + j]) }
            out[i * n + j] = Float(alpha * s + (beta == 0 ? 0 : beta * Double(c![i * n + j])))
        }
    }
    return out
}
