import EmberBackend

// MARK: - Sums and means that skip NaN

extension Tensor {
    /// The sum of all elements, NaN counted as zero, as a 0-dim tensor (PyTorch's
    /// `torch.nansum(input, dtype=None)`). Integer and bool tensors give int64; `dtype` converts
    /// the input first.
    public func nansum(dtype: DType? = nil) -> Tensor {
        attempt { try nanSummed(dims: [], keepdim: false, dtype: dtype) }
    }

    /// The sum over one dim, NaN counted as zero (PyTorch's
    /// `torch.nansum(input, dim, keepdim=False, dtype=None)`).
    public func nansum(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try nanSummed(dims: [dim], keepdim: keepdim, dtype: dtype) }
    }

    /// The sum over several dims, NaN counted as zero; an empty list sums everything (PyTorch's
    /// `torch.nansum(input, dim=(0, 1), keepdim=False, dtype=None)`).
    public func nansum(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try nanSummed(dims: dims, keepdim: keepdim, dtype: dtype) }
    }

    /// The mean of the elements that are not NaN; NaN when all are (PyTorch's
    /// `torch.nanmean(input, dtype=None)`). Floating tensors only. As in PyTorch it is `nansum`
    /// divided by the count, so its node is `DivBackward0`.
    public func nanmean(dtype: DType? = nil) -> Tensor {
        attempt { try nanMeaned(dims: [], keepdim: false, dtype: dtype) }
    }

    /// The mean over one dim of the elements that are not NaN (PyTorch's
    /// `torch.nanmean(input, dim, keepdim=False, dtype=None)`).
    public func nanmean(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try nanMeaned(dims: [dim], keepdim: keepdim, dtype: dtype) }
    }

    /// The mean over several dims of the elements that are not NaN; an empty list means all
    /// (PyTorch's `torch.nanmean(input, dim=(0, 1), keepdim=False, dtype=None)`).
    public func nanmean(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try nanMeaned(dims: dims, keepdim: keepdim, dtype: dtype) }
    }

    func nanSummed(dims: [Int], keepdim: Bool, dtype requested: DType?) throws(TensorError) -> Tensor {
        let mask = try reductionMask(dims)
        // NaN becomes zero on a detached copy; the node is recorded on this tensor below.
        let zeroed = dtype.isFloatingPoint ? detach().maskedFill(detach().isnan(), 0.0) : detach()
        let result = try zeroed.sumOrProduct(.sum, dims: dims, keepdim: keepdim, dtype: requested)
        if Tensor.recording(self) && result.dtype.isFloatingPoint { recordNansum(result, mask: mask) }
        return result
    }

    func nanMeaned(dims: [Int], keepdim: Bool, dtype requested: DType?) throws(TensorError) -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented(
                "nanmean(): expected input to have floating point or complex dtype but got \(dtype.scalarTypeName)")
        }
        if let requested, !requested.isFloatingPoint {
            throw TensorError.runtime(
                "nanmean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: \(requested.scalarTypeName)")
        }
        let count = try isnan().logicalNot().sumOrProduct(.sum, dims: dims, keepdim: keepdim, dtype: nil)
        return try nanSummed(dims: dims, keepdim: keepdim, dtype: requested).div(count)
    }
}

// MARK: - aminmax

/// The `(min, max)` result of `aminmax`, as `attempt` can return it.
struct MinAndMax: ErrorPlaceholder {
    var min: Tensor
    var max: Tensor
    var tuple: (min: Tensor, max: Tensor) { (min, max) }
    static var errorPlaceholder: MinAndMax { MinAndMax(min: .errorPlaceholder, max: .errorPlaceholder) }
}

extension Tensor {
    /// The smallest and the largest element, over all elements or along `dim`, in one call
    /// (PyTorch's `torch.aminmax(input, *, dim=None, keepdim=False)`, whose result has the
    /// fields `min` and `max`). NaN propagates; the gradient of each is shared evenly among the
    /// elements equal to it, as for `amin` and `amax`.
    public func aminmax(dim: Int? = nil, keepdim: Bool = false) -> (min: Tensor, max: Tensor) {
        attempt { () throws(TensorError) -> MinAndMax in
            let dims: [Int]
            if let dim {
                let d = try normalizeDim(dim, rank: self.dim)
                if self.dim > 0 && layout.shape[d] == 0 {
                    throw TensorError.index("aminmax: Expected reduction dim \(d) to have non-zero size.")
                }
                dims = [d]
            } else {
                if numel == 0 {
                    throw TensorError.runtime(
                        "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity.")
                }
                dims = []
            }
            let mask = try reductionMask(dims)
            let low = try reduced(.min, mask: mask, keepdim: keepdim, dtype: dtype)
            let high = try reduced(.max, mask: mask, keepdim: keepdim, dtype: dtype)
            if Tensor.recording(self) { recordAminmax(min: low, max: high, mask: mask) }
            return MinAndMax(min: low, max: high)
        }.tuple
    }
}

// MARK: - var_mean and std_mean

/// The `(var, mean)` or `(std, mean)` result of `varMean` and `stdMean`, as `attempt` can return it.
struct SpreadAndMean: ErrorPlaceholder {
    var spread: Tensor
    var mean: Tensor
    static var errorPlaceholder: SpreadAndMean { SpreadAndMean(spread: .errorPlaceholder, mean: .errorPlaceholder) }
}

extension Tensor {
    /// The variance and the mean of all elements (PyTorch's `torch.var_mean(input, correction=1)`).
    /// Floating tensors only; the node of both is `VarMeanBackward0`.
    public func varMean(correction: Double = 1) -> (`var`: Tensor, mean: Tensor) {
        let r = attempt { try spreadAndMean(dims: [], correction: correction, keepdim: false, std: false) }
        return (r.spread, r.mean)
    }

    /// The variance and the mean along one dim (PyTorch's
    /// `torch.var_mean(input, dim, correction=1, keepdim=False)`).
    public func varMean(dim: Int, correction: Double = 1, keepdim: Bool = false) -> (`var`: Tensor, mean: Tensor) {
        let r = attempt { try spreadAndMean(dims: [dim], correction: correction, keepdim: keepdim, std: false) }
        return (r.spread, r.mean)
    }

    /// The variance and the mean over several dims; an empty list means all (PyTorch's
    /// `torch.var_mean(input, dim=(0, 1), correction=1, keepdim=False)`).
    public func varMean(dims: [Int], correction: Double = 1, keepdim: Bool = false) -> (`var`: Tensor, mean: Tensor) {
        let r = attempt { try spreadAndMean(dims: dims, correction: correction, keepdim: keepdim, std: false) }
        return (r.spread, r.mean)
    }

    /// The standard deviation and the mean of all elements (PyTorch's
    /// `torch.std_mean(input, correction=1)`). Floating tensors only; the node of both is
    /// `StdMeanBackward0`.
    public func stdMean(correction: Double = 1) -> (std: Tensor, mean: Tensor) {
        let r = attempt { try spreadAndMean(dims: [], correction: correction, keepdim: false, std: true) }
        return (r.spread, r.mean)
    }

    /// The standard deviation and the mean along one dim (PyTorch's
    /// `torch.std_mean(input, dim, correction=1, keepdim=False)`).
    public func stdMean(dim: Int, correction: Double = 1, keepdim: Bool = false) -> (std: Tensor, mean: Tensor) {
        let r = attempt { try spreadAndMean(dims: [dim], correction: correction, keepdim: keepdim, std: true) }
        return (r.spread, r.mean)
    }

    /// The standard deviation and the mean over several dims; an empty list means all
    /// (PyTorch's `torch.std_mean(input, dim=(0, 1), correction=1, keepdim=False)`).
    public func stdMean(dims: [Int], correction: Double = 1, keepdim: Bool = false) -> (std: Tensor, mean: Tensor) {
        let r = attempt { try spreadAndMean(dims: dims, correction: correction, keepdim: keepdim, std: true) }
        return (r.spread, r.mean)
    }

    func spreadAndMean(dims: [Int], correction: Double, keepdim: Bool, std: Bool) throws(TensorError) -> SpreadAndMean {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\(std ? "std" : "var")_mean only support floating point and complex dtypes")
        }
        let mask = try reductionMask(dims)
        let spread = try reduced(.variance(correction: correction, std: std), mask: mask, keepdim: keepdim, dtype: dtype)
        let mean = try reduced(.mean, mask: mask, keepdim: keepdim, dtype: dtype)
        if Tensor.recording(self) {
            recordSpreadAndMean(spread: spread, mean: mean, mask: mask, allDims: dims.isEmpty, correction: correction, std: std)
        }
        return SpreadAndMean(spread: spread, mean: mean)
    }
}
