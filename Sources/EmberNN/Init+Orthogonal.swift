import EmberCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Orthogonal

extension Init {
    /// Fills with a (semi-)orthogonal matrix (`nn.init.orthogonal_(tensor, gain=1)`), the trailing
    /// dims flattened: as PyTorch, standard normal samples drawn into a `[rows, cols]` matrix (so a
    /// seed gives PyTorch's draws), transposed when `rows < cols`, factored `QR`, `Q`'s columns
    /// multiplied by the signs of `R`'s diagonal, transposed back and scaled by `gain`.
    ///
    /// The factorization is a Householder QR with LAPACK's conventions computed in float64, where
    /// PyTorch calls LAPACK in the tensor's dtype: the values agree with PyTorch's to about 1e-6
    /// for float32, not bit for bit.
    @discardableResult
    public static func orthogonal_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil) -> Tensor {
        attemptVoid {
            guard tensor.dim >= 2 else { throw TensorError.value("Only tensors with 2 or more dimensions are supported") }
        }
        guard tensor.numel > 0 else { return tensor }
        let rows = tensor.size(0), cols = tensor.numel / rows
        let samples = Tensor.empty([rows, cols], dtype: tensor.dtype, device: tensor.device)
            .normal_(mean: 0, std: 1, generator: generator)
        let tall = rows < cols ? samples.t() : samples
        let q = householderQ(tall.scalars(as: Double.self), rows: tall.size(0), cols: tall.size(1))
        var matrix = Tensor(shape: tall.shape, data: q, dtype: tensor.dtype, device: tensor.device)
        if rows < cols { matrix = matrix.t() }
        withNoGrad {
            tensor.view(matrix.shape).copy_(matrix)
            tensor.mul_(gain)
        }
        return tensor
    }

    /// The `m x n` (`m >= n`) orthonormal factor `Q` of the row-major matrix `a`, each column
    /// multiplied by the sign of `R`'s diagonal entry (0 where it is 0), row-major.
    ///
    /// LAPACK's `geqrf` and `orgqr`: column `k`'s reflector is `I - tau v v^T` with `v[k] = 1`,
    /// `beta = -sign(a[k, k]) * norm(a[k..., k])`, `tau = (beta - a[k, k]) / beta`; a column
    /// already zero below the diagonal gets `tau = 0` (no reflection). `Q` is the product of the
    /// reflectors applied to the first `n` columns of the identity.
    static func householderQ(_ a: [Double], rows m: Int, cols n: Int) -> [Double] {
        var r = a
        var vectors = [[Double]](), taus = [Double]()
        for k in 0..<n {
            let alpha = r[k * n + k]
            var tailNorm = 0.0
            for i in (k + 1)..<max(m, k + 1) { tailNorm = hypot(tailNorm, r[i * n + k]) }
            var v = [Double](repeating: 0, count: m)
            v[k] = 1
            guard tailNorm != 0 else {
                vectors.append(v)
                taus.append(0)
                continue
            }
            let beta = -(alpha >= 0 ? 1.0 : -1.0) * hypot(alpha, tailNorm)
            let tau = (beta - alpha) / beta
            let scale = 1 / (alpha - beta)
            for i in (k + 1)..<m { v[i] = r[i * n + k] * scale }
            // Apply H = I - tau v v^T to the remaining columns of r.
            for j in k..<n {
                var dot = 0.0
                for i in k..<m { dot += v[i] * r[i * n + j] }
                for i in k..<m { r[i * n + j] -= tau * v[i] * dot }
            }
            r[k * n + k] = beta
            vectors.append(v)
            taus.append(tau)
        }
        // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity, last reflector first.
        var q = [Double](repeating: 0, count: m * n)
        for i in 0..<n { q[i * n + i] = 1 }
        for k in stride(from: n - 1, through: 0, by: -1) where taus[k] != 0 {
            let v = vectors[k], tau = taus[k]
            for j in 0..<n {
                var dot = 0.0
                for i in k..<m { dot += v[i] * q[i * n + j] }
                for i in k..<m { q[i * n + j] -= tau * v[i] * dot }
            }
        }
        for j in 0..<n {
            let d = r[j * n + j]
            let sign: Double = d > 0 ? 1 : (d < 0 ? -1 : 0)
            for i in 0..<m { q[i * n + j] *= sign }
        }
        return q
    }
}
