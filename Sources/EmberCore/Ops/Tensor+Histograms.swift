import EmberBackend

// MARK: - histc, bincount, bucketize

extension Tensor {
    /// A histogram of the elements in `bins` equal-width bins between `min` and `max`, of this
    /// tensor's dtype (PyTorch's `torch.histc(input, bins=100, min=0, max=0)`). With `min` equal
    /// to `max` the range is the elements' own (widened by one each side if they are all equal).
    /// Elements outside the range and NaN are not counted; one equal to `max` goes in the last
    /// bin. Floating tensors only; not differentiable, as in PyTorch.
    public func histc(bins: Int = 100, min: Double = 0, max: Double = 0) -> Tensor {
        attempt {
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"histogram_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            guard bins > 0 else {
                throw TensorError.runtime("torch.histogram(): bins must be > 0, but got \(bins) for dimension 0")
            }
            let values = try detach().contiguous().scalarArray(as: Double.self)
            // The range in the input's precision, as PyTorch's kernel holds it.
            let single = dtype == .float32
            func rounded(_ x: Double) -> Double { single ? Double(Float(x)) : x }
            var low = rounded(min), high = rounded(max)
            if low == high && !values.isEmpty {
                low = values.contains { $0.isNaN } ? .nan : values.min()!
                high = values.contains { $0.isNaN } ? .nan : values.max()!
            }
            if low == high {
                low = rounded(low - 1)
                high = rounded(high + 1)
            }
            guard low.isFinite && high.isFinite else {
                throw TensorError.runtime("torch.histc: range of [\(Self.cFormat(low)), \(Self.cFormat(high))] is not finite")
            }
            guard low < high else { throw TensorError.runtime("torch.histc: max must be larger than min") }
            // The output's allocation first: a bin count too large fails with PyTorch's error
            // instead of stopping in the host array below.
            _ = try Tensor.uninitialized([bins], dtype: dtype, device: device)
            var counts = [Double](repeating: 0, count: bins)
            for x in values where x >= low && x <= high {
                // (x - min) * bins / (max - min) in the input's precision, truncated.
                let position = single ? Double((Float(x) - Float(low)) * Float(bins) / (Float(high) - Float(low)))
                    : (x - low) * Double(bins) / (high - low)
                // A range wider than the largest double makes the position infinite or NaN:
                // such elements are not counted, as PyTorch's kernel does not count them.
                guard position.isFinite else { continue }
                counts[Swift.min(Int(position), bins - 1)] += 1
            }
            return try Tensor.fromLeaves(counts, shape: [bins], dtype: dtype, device: device, requiresGrad: false)
        }
    }

    /// How many times each non-negative integer occurs in this 1-D integer tensor, or the sum of
    /// `weights` at its positions (PyTorch's `torch.bincount(input, weights=None, minlength=0)`).
    /// The result has `max(input) + 1` entries, at least `minlength`; int64 without weights,
    /// float32 for float32 weights, else float64.
    public func bincount(weights: Tensor? = nil, minlength: Int = 0) -> Tensor {
        attempt {
            guard dtype != .bool && !dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"bincount_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            guard minlength >= 0 else { throw TensorError.runtime("minlength should be >= 0") }
            let outputType: DType = weights == nil ? .int64 : (weights!.dtype == .float32 ? .float32 : .float64)
            if self.dim == 1 && numel == 0 {
                return Tensor.zeros([minlength], dtype: outputType, device: device)
            }
            let bins = self.dim == 1 ? try contiguous().scalarArray(as: Int64.self) : []
            guard self.dim == 1, bins.min()! >= 0 else {
                throw TensorError.runtime("bincount only supports 1-d non-negative integral inputs.")
            }
            if let weights {
                guard weights.dim == 1 && weights.shape[0] == shape[0] else {
                    throw TensorError.runtime("weights should be 1-d and have the same length as input")
                }
                try checkSameDevice(weights)
            }
            let count = Swift.max(minlength, Int(bins.max()!) &+ 1)
            // The output's allocation first, as above in `histc`.
            _ = try Tensor.uninitialized([count], dtype: outputType, device: device)
            if let weights {
                let w = try weights.detach().to(.float64).contiguous().scalarArray(as: Double.self)
                let out: Tensor
                if outputType == .float32 {
                    var sums = [Float](repeating: 0, count: count)  // summed in float, as PyTorch does
                    for (bin, weight) in zip(bins, w) { sums[Int(bin)] += Float(weight) }
                    out = try Tensor.fromLeaves(sums, shape: [count], dtype: .float32, device: device, requiresGrad: false)
                } else {
                    var sums = [Double](repeating: 0, count: count)
                    for (bin, weight) in zip(bins, w) { sums[Int(bin)] += weight }
                    out = try Tensor.fromLeaves(sums, shape: [count], dtype: .float64, device: device, requiresGrad: false)
                }
                if Tensor.recording(weights) {
                    // No derivative in PyTorch: the result requires grad, and its backward fails.
                    Tensor.recordNotDifferentiable("torch::autograd::NotImplemented", inputs: [weights], outputs: [out],
                                                   .runtime("derivative for aten::bincount is not implemented"))
                }
                return out
            }
            var counts = [Int64](repeating: 0, count: count)
            for bin in bins { counts[Int(bin)] += 1 }
            return try Tensor.fromLeaves(counts, shape: [count], dtype: .int64, device: device, requiresGrad: false)
        }
    }

    /// For each element, the index of the bucket of the 1-D sorted `boundaries` it falls in:
    /// the first `i` with `x <= boundaries[i]`, or with `x < boundaries[i]` when `right`
    /// (PyTorch's `torch.bucketize(input, boundaries, *, out_int32=False, right=False)`).
    /// int64, or int32 with `outInt32`; NaN goes past the last boundary.
    public func bucketize(boundaries: Tensor, outInt32: Bool = false, right: Bool = false) -> Tensor {
        attempt {
            guard boundaries.dim == 1 else {
                throw TensorError.runtime("boundaries tensor must be 1 dimension, but got dim(\(boundaries.dim))")
            }
            return try Tensor.searchsortedImpl(boundaries, self, outInt32: outInt32, right: right, side: nil, sorter: nil)
        }
    }

    /// A double as C++'s `<<` prints it in PyTorch's messages (`1`, `2.5`, `inf`, `-nan`).
    static func cFormat(_ x: Double) -> String {
        if x.isNaN { return "-nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return x.rounded() == x && Swift.abs(x) < 1e15 ? "\(Int(x))" : "\(x)"
    }
}
