import EmberBackend

// MARK: - Softmax and logsumexp

extension Tensor {
    /// `exp(x) / sum(exp(x))` along `dim`, computed stably in one fused kernel
    /// (`torch.softmax(input, dim, dtype=None)`). `dtype` converts the input first.
    public func softmax(dim: Int, dtype: DType? = nil) -> Tensor {
        attempt { try softmaxed(dim: dim, log: false, dtype: dtype) }
    }

    /// `x - log(sum(exp(x)))` along `dim`, computed stably in one fused kernel
    /// (`torch.log_softmax(input, dim, dtype=None)`).
    public func logSoftmax(dim: Int, dtype: DType? = nil) -> Tensor {
        attempt { try softmaxed(dim: dim, log: true, dtype: dtype) }
    }

    /// `log(sum(exp(x)))` over one dim, without overflow (`torch.logsumexp(input, dim, keepdim=False)`).
    /// Integer and bool inputs are computed in float32.
    public func logsumexp(dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try logSumExp(dims: [dim], keepdim: keepdim) }
    }

    /// `log(sum(exp(x)))` over several dims; as in PyTorch, an empty list means all
    /// (`torch.logsumexp(input, dim=(0, 1), keepdim=False)`).
    public func logsumexp(dims: [Int], keepdim: Bool = false) -> Tensor {
        attempt { try logSumExp(dims: dims, keepdim: keepdim) }
    }

    func softmaxed(dim: Int, log: Bool, dtype requested: DType?) throws(TensorError) -> Tensor {
        let d = try normalizeDim(dim, rank: self.dim)
        // With autograd, a `dtype` conversion is recorded (ToCopyBackward0), as in PyTorch.
        let input = Tensor.recording(self) && requested != nil ? to(requested!) : try casted(requested ?? dtype)
        // An empty tensor of any dtype comes back empty in its dtype, as PyTorch returns before
        // its kernel's dtype check.
        if input.numel == 0 && !input.dtype.isFloatingPoint { return try input.uninitializedLike() }
        guard input.dtype.isFloatingPoint else {
            let lastDim = self.dim <= 1 || d == self.dim - 1
            let kernel = (log ? "log_softmax" : "softmax") + (lastDim ? "_lastdim" : "") + "_kernel_impl"
            throw TensorError.notImplemented("\"\(kernel)\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        let out = try input.uninitializedLike()
        // A 0-dim tensor is one slice of one element.
        let shape: Dims = self.dim == 0 ? [1] : input.layout.shape
        let source = self.dim == 0
            ? input.buffer.with(layout: Layout(shape: [1], strides: [1], offset: input.layout.offset)) : input.buffer
        if out.numel > 0 {
            backend.softmax(source, dim: d, log: log, into: out.buffer.with(layout: Layout(contiguous: shape)))
        }
        if Tensor.recording(input) { input.recordSoftmax(out, dim: self.dim == 0 ? nil : d, log: log) }
        return out
    }

    func logSumExp(dims: [Int], keepdim: Bool) throws(TensorError) -> Tensor {
        let mask = try reductionMask(dims)
        let input = dtype.isFloatingPoint ? self : try converted(dtype: .float32)
        let out = try input.reduced(.logSumExp, mask: mask, keepdim: keepdim, dtype: input.dtype)
        if Tensor.recording(input) { input.recordLogsumexp(out, mask: mask) }
        return out
    }
}
