import EmberBackend

// MARK: - trace

extension Tensor {
    /// The sum of a matrix's main diagonal, as a 0-dim tensor (`torch.trace`); integer inputs
    /// sum to int64, as in PyTorch. Recorded as `TraceBackward0`.
    ///
    /// ```swift
    /// Tensor([[1.0, 2.0], [3.0, 4.0]]).trace()   // 5
    /// ```
    public func trace() -> Tensor {
        attempt {
            guard dim == 2 else {
                throw TensorError.runtime("trace: expected a matrix, but got tensor with dim \(dim)")
            }
            guard dtype != .bool else { throw TensorError.notImplemented("\"trace\" not implemented for 'Bool'") }
            let out = withNoGrad { diagonal().sum(dtype: dtype.isFloatingPoint ? dtype : .int64) }
            if Tensor.recording(self) { recordTrace(out) }
            return out
        }
    }
}

// MARK: - cross

extension Tensor {
    /// The cross product of the 3-vectors along `dim` of two tensors of one rank and dtype,
    /// whose other dims broadcast (`torch.cross(input, other, dim)`, `torch.linalg.cross`).
    ///
    /// Without `dim`, the first dim of size 3 of `self`, as `torch.cross` chooses when its `dim`
    /// is omitted (`torch.linalg.cross` takes -1 instead: pass `dim: -1`). Recorded as
    /// `LinalgCrossBackward0`.
    ///
    /// ```swift
    /// Tensor([1.0, 0, 0]).cross(Tensor([0.0, 1, 0]))   // [0, 0, 1]
    /// ```
    public func cross(_ other: Tensor, dim: Int? = nil) -> Tensor {
        attempt {
            let d = try crossDim(other, dim)
            let out = withNoGrad { crossProduct(other, dim: d) }
            if Tensor.recording(self, other) { Tensor.recordCross(self, other, dim: d, out) }
            return out
        }
    }

    /// The checks of `linalg_cross`, in PyTorch's order; the dim, wrapped.
    private func crossDim(_ other: Tensor, _ requested: Int?) throws(TensorError) -> Int {
        let given: Int
        if let requested {
            given = requested
        } else {
            guard let first = shape.firstIndex(of: 3) else { throw TensorError.runtime("no dimension of size 3 in input") }
            given = first
        }
        guard dim == other.dim else {
            throw TensorError.runtime("linalg.cross: inputs must have the same number of dimensions.")
        }
        guard dim > 0 else { throw TensorError.index("Dimension specified as \(given) but tensor has no dimensions") }
        let d = try normalizeDim(given, rank: dim)
        let n1 = layout.shape[d], n2 = other.layout.shape[d]
        guard n1 == 3 && n2 == 3 else {
            throw TensorError.runtime("linalg.cross: inputs dimension \(given) must have length 3. Got \(n1) and \(n2)")
        }
        _ = try broadcastShapes(layout.shape, other.layout.shape)
        guard dtype == other.dtype else {
            throw TensorError.runtime("expected scalar type \(dtype.scalarTypeName) but found \(other.dtype.scalarTypeName)")
        }
        guard dtype != .bool else { throw TensorError.notImplemented("\"cross\" not implemented for 'Bool'") }
        return d
    }

    /// `self × other` along `d`, from the components (both checked).
    package func crossProduct(_ other: Tensor, dim d: Int) -> Tensor {
        let a = (0..<3).map { select(dim: d, index: $0) }
        let b = (0..<3).map { other.select(dim: d, index: $0) }
        return Tensor.stack([a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]], dim: d)
    }
}
