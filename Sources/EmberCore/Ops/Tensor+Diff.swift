import EmberBackend

// MARK: - diff

extension Tensor {
    /// The `n`-th forward difference along `dim` (`torch.diff(input, n=1, dim=-1, prepend=None,
    /// append=None)`): `out[i] = self[i + 1] - self[i]`, applied `n` times, each time one entry
    /// shorter (bool tensors take `logicalXor`). `prepend` and `append`, when given, are joined
    /// to this tensor along `dim` first (`cat`, with its type promotion); they have this
    /// tensor's rank and sizes but along `dim`. An `n` of at least the size gives an empty dim;
    /// `n` 0 gives a copy. Differentiable (`SubBackward0` of `SliceBackward0`s).
    public func diff(n: Int = 1, dim: Int = -1, prepend: Tensor? = nil, append: Tensor? = nil) -> Tensor {
        attempt {
            guard self.dim >= 1 else { throw TensorError.runtime("diff expects input to be at least one-dimensional") }
            guard n >= 0 else { throw TensorError.runtime("order must be non-negative but got \(n)") }
            for other in [prepend, append].compactMap({ $0 }) {
                let d = try normalizeDim(dim, rank: self.dim)
                guard other.dim == self.dim else {
                    throw TensorError.runtime("diff expects prepend or append to be the same dimension as input")
                }
                for i in 0..<other.dim where i != d && other.layout.shape[i] != layout.shape[i] {
                    throw TensorError.runtime(
                        "diff expects the shape of tensor to prepend or append to match that of input except along the differencing dimension; input.size(\(i)) = \(layout.shape[i]), but got tensor.size(\(i)) = \(other.layout.shape[i])")
                }
            }
            let d = try normalizeDim(dim, rank: self.dim)
            if n == 0 {
                // PyTorch's `zeros_like(self).copy_(self)` (`CopyBackwards`); `prepend` and `append` are ignored.
                let copy = Tensor.zeros(like: self)
                copy.copy_(self)
                return copy
            }
            var result = prepend == nil && append == nil ? self : Tensor.cat([prepend, self, append].compactMap { $0 }, dim: d)
            var length = result.layout.shape[d] - 1
            for _ in 0..<Swift.min(n, result.layout.shape[d]) {
                let upper = result.narrow(dim: d, start: 1, length: length)
                let lower = result.narrow(dim: d, start: 0, length: length)
                result = result.dtype == .bool ? upper.logicalXor(lower) : upper - lower
                length -= 1
            }
            return result
        }
    }
}
