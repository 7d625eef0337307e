import EmberBackend

// MARK: - Variance and standard deviation

extension Tensor {
    /// The variance of all elements, `sum((x - mean)^2) / (n - correction)`
    /// (`torch.var(input, correction=1)`). Floating tensors only.
    public func `var`(correction: Double = 1) -> Tensor {
        attempt { try variance(dims: [], correction: correction, keepdim: false, std: false) }
    }

    /// The variance along one dim (`torch.var(input, dim, correction=1, keepdim=False)`).
    public func `var`(dim: Int, correction: Double = 1, keepdim: Bool = false) -> Tensor {
        attempt { try variance(dims: [dim], correction: correction, keepdim: keepdim, std: false) }
    }

    /// The variance over several dims; as in PyTorch, an empty list means all
    /// (`torch.var(input, dim=(0, 1), correction=1, keepdim=False)`).
    public func `var`(dims: [Int], correction: Double = 1, keepdim: Bool = false) -> Tensor {
        attempt { try variance(dims: dims, correction: correction, keepdim: keepdim, std: false) }
    }

    /// The standard deviation of all elements (`torch.std(input, correction=1)`).
    public func std(correction: Double = 1) -> Tensor {
        attempt { try variance(dims: [], correction: correction, keepdim: false, std: true) }
    }

    /// The standard deviation along one dim (`torch.std(input, dim, correction=1, keepdim=False)`).
    public func std(dim: Int, correction: Double = 1, keepdim: Bool = false) -> Tensor {
        attempt { try variance(dims: [dim], correction: correction, keepdim: keepdim, std: true) }
    }

    /// The standard deviation over several dims; as in PyTorch, an empty list means all
    /// (`torch.std(input, dim=(0, 1), correction=1, keepdim=False)`).
    public func std(dims: [Int], correction: Double = 1, keepdim: Bool = false) -> Tensor {
        attempt { try variance(dims: dims, correction: correction, keepdim: keepdim, std: true) }
    }

    func variance(dims: [Int], correction: Double, keepdim: Bool, std: Bool) throws(TensorError) -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("std and var only support floating point and complex dtypes")
        }
        let mask = try reductionMask(dims)
        let out = try reduced(.variance(correction: correction, std: std), mask: mask, keepdim: keepdim, dtype: dtype)
        if Tensor.recording(self) { recordVariance(out, mask: mask, allDims: dims.isEmpty, correction: correction, std: std) }
        return out
    }
}
