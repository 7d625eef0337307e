import EmberBackend

// MARK: - Derivatives of dist and cdist
//
// Each built from differentiable ops, so that a second derivative can be taken.

extension Tensor {
    /// `dist`: `DistBackward0`, PyTorch's `norm_backward` of the difference for `self` and its
    /// negation for `other`. For p = 0 PyTorch's formula has no gradient to negate and fails;
    /// so does Ember, with its message.
    package static func recordDist(_ a: Tensor, _ b: Tensor, p: Double, _ out: Tensor) {
        record("DistBackward0", inputs: [a, b], outputs: [out], saving: [a, b, out]) { g, s in
            let diff = s[0] - s[1]
            let dims = Array(0..<diff.dim)
            guard let grad = normBackward(g[0], diff, norm: s[2], order: p, dims: dims) else {
                throw TensorError.runtime(
                    "Expected a proper Tensor but got None (or an undefined Tensor in C++) for argument #0 'self'")
            }
            return [grad, -grad]
        }
    }

    /// `cdist`: `CdistBackward0`, with PyTorch's `_cdist_backward` per pair of rows: zero for
    /// p = 0 and where the distance is 0, `sign(d)` for p = 1, `d / dist` for p = 2, the full
    /// gradient to every coordinate whose difference is the distance for p = inf, and
    /// `d |d|^(p-2) / dist^(p-1)` otherwise (`d` the coordinates' difference).
    package static func recordCdist(_ x1: Tensor, _ x2: Tensor, p: Double, _ out: Tensor) {
        record("CdistBackward0", inputs: [x1, x2], outputs: [out], saving: [x1, x2, out]) { g, s in
            let (a, b) = pairedRows(s[0], s[1])
            let diff = a - b
            let distance = s[2].unsqueeze(dim: s[2].dim), grad = g[0].unsqueeze(dim: g[0].dim)
            let zeroDistance = distance .== 0
            let term: Tensor
            switch p {
            case 0:
                term = Tensor.zeros(like: diff)
            case 1:
                term = grad * diff.sign()
            case 2:
                term = Tensor.where(zeroDistance, 0.0, grad * diff / distance)
            case .infinity:
                term = grad * diff.sign() * (diff.abs() .== distance).to(diff.dtype)
            case ..<2:
                let skip = p < 1 ? zeroDistance .| (diff .== 0) : zeroDistance
                term = Tensor.where(skip, 0.0, diff.sign() * diff.abs().pow(p - 1) * grad / distance.pow(p - 1))
            default:
                term = Tensor.where(zeroDistance, 0.0, diff * diff.abs().pow(p - 2) * grad / distance.pow(p - 1))
            }
            return [term.sum(dim: -2), -term.sum(dim: -3)]
        }
    }

    /// The matrix-product route of `cdist` for p = 2: `EuclideanDistBackward0`, PyTorch's
    /// `_euclidean_dist_backward` (`ratio = grad / dist`, 0 where the distance is 0).
    package static func recordEuclideanDistance(_ x1: Tensor, _ x2: Tensor, _ out: Tensor) {
        record("EuclideanDistBackward0", inputs: [x1, x2], outputs: [out], saving: [x1, x2, out]) { g, s in
            let ratio = Tensor.where(s[2] .== 0, 0.0, g[0] / s[2])
            return [s[0] * ratio.sum(dim: -1, keepdim: true) - ratio.matmul(s[1]),
                    s[1] * ratio.sum(dim: -2).unsqueeze(dim: -1) - ratio.mT.matmul(s[0])]
        }
    }
}
