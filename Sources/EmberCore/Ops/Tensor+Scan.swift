import EmberBackend

// MARK: - Cumulative sums and products

extension Tensor {
    /// Running sums along `dim` (`torch.cumsum(input, dim, dtype=None)`). Integer and bool
    /// tensors give int64; `dtype` converts the input first. Floating sums accumulate in double.
    public func cumsum(dim: Int, dtype: DType? = nil) -> Tensor {
        attempt { try scanned(.sum, "cumsum", dim: dim, dtype: dtype) }
    }

    /// Running products along `dim` (`torch.cumprod(input, dim, dtype=None)`). Integer and bool
    /// tensors give int64.
    public func cumprod(dim: Int, dtype: DType? = nil) -> Tensor {
        attempt { try scanned(.prod, "cumprod", dim: dim, dtype: dtype) }
    }

    func scanned(_ op: ScanOp, _ name: String, dim: Int, dtype requested: DType?) throws(TensorError) -> Tensor {
        let d = try normalizeDim(dim, rank: self.dim)
        if requested == .bool {
            throw TensorError.notImplemented("\"\(name)_out_cpu\" not implemented for 'Bool'")
        }
        let input = try casted(requested ?? dtype)
        let output = requested ?? (dtype.isFloatingPoint ? dtype : .int64)
        let out = try input.uninitializedLike(dtype: output)
        // A 0-dim tensor is one slice of one element.
        let shape: Dims = self.dim == 0 ? [1] : input.layout.shape
        let source = self.dim == 0
            ? input.buffer.with(layout: Layout(shape: [1], strides: [1], offset: input.layout.offset)) : input.buffer
        if out.numel > 0 {
            backend.scan(op, source, dim: d, into: out.buffer.with(layout: Layout(contiguous: shape)))
        }
        if Tensor.recording(self) && output.isFloatingPoint { recordScan(op, input: input, result: out, dim: d) }
        return out
    }
}
