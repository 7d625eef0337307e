import EmberBackend

// MARK: - dist

extension Tensor {
    /// The `p`-norm of `self - other`, broadcasting and promoting, as a 0-dim tensor
    /// (`torch.dist(input, other, p=2)`). Recorded as `DistBackward0`.
    ///
    /// ```swift
    /// Tensor([0.0, 0.0]).dist(Tensor([3.0, 4.0]))   // 5
    /// ```
    public func dist(_ other: Tensor, p: Double = 2) -> Tensor {
        attempt {
            let diff = try withNoGrad { try Tensor.binary(.sub, .tensor(self), .tensor(other)) }
            guard diff.dtype.isFloatingPoint else {
                throw TensorError.notImplemented(
                    "norm(): input dtype should be either floating point or complex. Got \(diff.dtype.scalarTypeName) instead.")
            }
            let out = try withNoGrad { try diff.vectorNorm(.p(p), dims: nil, keepdim: false) }
            if Tensor.recording(self, other) { Tensor.recordDist(self, other, p: p, out) }
            return out
        }
    }
}

// MARK: - cdist

extension Tensor {
    /// The `p`-norm distance between each row of `self` (`[..., P, M]`) and each row of `x2`
    /// (`[..., R, M]`), as `[..., P, R]`; the batch dims broadcast (`torch.cdist(x1, x2, p=2)`).
    ///
    /// `p` is any order `>= 0`: 0 counts the differing coordinates, `.infinity` takes the
    /// largest difference. Recorded as `CdistBackward0`; with `p == 2` and more than 25 rows on
    /// either side, PyTorch's default `compute_mode` computes the distances through one matrix
    /// product (`ViewBackward0` over `EuclideanDistBackward0`, values within rounding), and so
    /// does Ember.
    public func cdist(_ x2: Tensor, p: Double = 2) -> Tensor {
        attempt {
            let x1 = self
            guard x1.dim >= 2 else { throw TensorError.runtime("cdist only supports at least 2D tensors, X1 got: \(x1.dim)D") }
            guard x2.dim >= 2 else { throw TensorError.runtime("cdist only supports at least 2D tensors, X2 got: \(x2.dim)D") }
            let columns = x1.layout.shape[x1.dim - 1]
            guard columns == x2.layout.shape[x2.dim - 1] else {
                throw TensorError.runtime(
                    "X1 and X2 must have the same number of columns. X1: \(columns) X2: \(x2.layout.shape[x2.dim - 1])")
            }
            for (name, t) in [("X1", x1), ("X2", x2)] where !t.dtype.isFloatingPoint {
                throw TensorError.runtime("cdist only supports floating-point dtypes, \(name) got: \(t.dtype.scalarTypeName)")
            }
            guard p >= 0 else { throw TensorError.runtime("cdist only supports non-negative p values") }
            let batch = try broadcastShapes(Dims(x1.layout.shape.dropLast(2)), Dims(x2.layout.shape.dropLast(2)))
            let rows1 = x1.layout.shape[x1.dim - 2], rows2 = x2.layout.shape[x2.dim - 2]
            let empty = x1.numel == 0 || x2.numel == 0
            if !empty && x1.dtype != x2.dtype {
                throw TensorError.runtime("expected scalar type \(x1.dtype.scalarTypeName) but found \(x2.dtype.scalarTypeName)")
            }
            if !empty && p == 2 && (rows1 > 25 || rows2 > 25) {
                return Tensor.euclideanDistance(x1, x2, batch: Array(batch), rows: (rows1, rows2), columns: columns)
            }
            let out = withNoGrad { Tensor.pairwiseDistance(x1, x2, p: p, batch: Array(batch), rows: (rows1, rows2)) }
            if Tensor.recording(x1, x2) { Tensor.recordCdist(x1, x2, p: p, out) }
            return out
        }
    }

    /// `x1` and `x2` as `[batch..., P, 1, M]` and `[batch..., 1, R, M]`, whose difference holds
    /// every pair.
    package static func pairedRows(_ x1: Tensor, _ x2: Tensor) -> (Tensor, Tensor) {
        (x1.unsqueeze(dim: x1.dim - 1), x2.unsqueeze(dim: x2.dim - 2))
    }

    /// The distances of `cdist` from the differences of every pair (PyTorch's `_cdist_forward`).
    private static func pairwiseDistance(_ x1: Tensor, _ x2: Tensor, p: Double, batch: [Int],
                                         rows: (Int, Int)) -> Tensor {
        let outShape = batch + [rows.0, rows.1]
        let (a, b) = pairedRows(x1, x2)
        let diff = a - b
        guard diff.numel > 0 else { return Tensor.zeros(outShape, dtype: x1.dtype, device: x1.device) }
        return diff.norm(.p(p), dim: -1)
    }

    /// `cdist` for p = 2 through one matrix product, as PyTorch's `_euclidean_dist`:
    /// `sqrt(max(|x1|² - 2 x1·x2 + |x2|², 1e-30))` over the broadcast batch, recorded as
    /// `EuclideanDistBackward0` and viewed in the result's shape (`ViewBackward0`).
    private static func euclideanDistance(_ x1: Tensor, _ x2: Tensor, batch: [Int], rows: (Int, Int),
                                          columns: Int) -> Tensor {
        let count = batch.reduce(1, *)
        let a = x1.expand(batch + [rows.0, columns]).reshape([count, rows.0, columns])
        let b = x2.expand(batch + [rows.1, columns]).reshape([count, rows.1, columns])
        let distances: Tensor = withNoGrad {
            let aNorm = a.pow(2).sum(dim: -1, keepdim: true), bNorm = b.pow(2).sum(dim: -1, keepdim: true)
            let left = Tensor.cat([a * -2, aNorm, Tensor.ones(like: aNorm)], dim: -1)
            let right = Tensor.cat([b, Tensor.ones(like: bNorm), bNorm], dim: -1)
            return left.matmul(right.mT).clampMin(1e-30).sqrt()
        }
        if recording(a, b) { recordEuclideanDistance(a, b, distances) }
        return distances.view(batch + [rows.0, rows.1])
    }
}
