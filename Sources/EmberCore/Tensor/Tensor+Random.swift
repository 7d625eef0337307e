import EmberBackend

// MARK: - Seeding

/// Seeds the default generator (`torch.manual_seed(seed)`): the same seed gives the same numbers
/// as PyTorch's CPU generator gives for the same calls.
public func manualSeed(_ seed: Int) {
    Generator.default.manualSeed(UInt64(truncatingIfNeeded: seed))
}

// MARK: - Random tensors

extension Tensor {
    /// Uniform samples from [0, 1) (`torch.rand(*size)`).
    public static func rand(_ shape: Int..., dtype: DType = .float32, device: Device = .cpu, generator: Generator? = nil, requiresGrad: Bool = false) -> Tensor {
        rand(shape, dtype: dtype, device: device, generator: generator, requiresGrad: requiresGrad)
    }

    /// Uniform samples from [0, 1) (`torch.rand(size)`).
    public static func rand(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu, generator: Generator? = nil, requiresGrad: Bool = false) -> Tensor {
        attempt {
            try sampled(shape, dtype: dtype, device: device, requiresGrad: requiresGrad, floatingOnly: "\"check_uniform_bounds\"") { t in
                t.backend.random(.uniform(from: 0, to: 1), into: t.buffer, generator: generator ?? .default)
            }
        }
    }

    /// Standard normal samples (`torch.randn(*size)`).
    public static func randn(_ shape: Int..., dtype: DType = .float32, device: Device = .cpu, generator: Generator? = nil, requiresGrad: Bool = false) -> Tensor {
        randn(shape, dtype: dtype, device: device, generator: generator, requiresGrad: requiresGrad)
    }

    /// Standard normal samples (`torch.randn(size)`).
    public static func randn(_ shape: [Int], dtype: DType = .float32, device: Device = .cpu, generator: Generator? = nil, requiresGrad: Bool = false) -> Tensor {
        attempt {
            try sampled(shape, dtype: dtype, device: device, requiresGrad: requiresGrad, floatingOnly: "\"normal_kernel_cpu\"") { t in
                t.backend.random(.normal(mean: 0, std: 1, stridedPath: false), into: t.buffer, generator: generator ?? .default)
            }
        }
    }

    /// Integers drawn uniformly from `low..<high` (`torch.randint(low, high, size)`), int64 by default.
    public static func randint(low: Int = 0, high: Int, _ shape: [Int], dtype: DType = .int64, device: Device = .cpu, generator: Generator? = nil) -> Tensor {
        attempt {
            guard low < high else {
                throw TensorError.runtime("random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
            }
            // PyTorch's `check_from_to_in_range`: both ends must fit the integer dtype (a float
            // dtype takes any int64 range, with a warning PyTorch prints and Ember does not).
            if let bounds = dtype.integerBounds {
                guard bounds.contains(low) else { throw TensorError.runtime("from is out of bounds for \(dtype.cppTypeName)") }
                guard bounds.contains(high - 1) else {
                    throw TensorError.runtime("to - 1 is out of bounds for \(dtype.cppTypeName)")
                }
            }
            return try sampled(shape, dtype: dtype, device: device, requiresGrad: false, floatingOnly: nil) { t in
                t.backend.random(.integers(low: Int64(low), high: Int64(high)), into: t.buffer, generator: generator ?? .default)
            }
        }
    }

    /// A random permutation of `0..<n` (`torch.randperm(n)`).
    public static func randperm(_ n: Int, dtype: DType = .int64, device: Device = .cpu, generator: Generator? = nil) -> Tensor {
        attempt {
            guard n >= 0 else { throw TensorError.runtime("Trying to create tensor with negative dimension \(n): [\(n)]") }
            let permutation = try sampled([n], dtype: .int64, device: device, requiresGrad: false, floatingOnly: nil) { t in
                t.backend.random(.permutation, into: t.buffer, generator: generator ?? .default)
            }
            return dtype == .int64 ? permutation : try permutation.converted(dtype: dtype, device: device)
        }
    }

    /// Fills with uniform samples from [from, to) in place (`tensor.uniform_(from, to)`).
    @discardableResult
    public func uniform_(from: Double = 0, to: Double = 1, generator: Generator? = nil) -> Tensor {
        attemptVoid {
            try checkInplace()
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"check_uniform_bounds\" not implemented for '\(dtype.scalarTypeName)'")
            }
            // PyTorch's `uniform_impl_` checks, in its order.
            let largest = dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
            for (name, bound) in [("from", from), ("to", to)] where !(bound >= -largest && bound <= largest) {
                throw TensorError.runtime("\(name) is out of bounds for \(dtype.cppTypeName)")
            }
            guard from <= to else {
                throw TensorError.runtime(
                    "uniform_ expects to return a [from, to) range, but found from=\(cppStreamText(from)) > to=\(cppStreamText(to))")
            }
            guard to - from <= largest else {
                throw TensorError.runtime(
                    "uniform_ expects to-from <= std::numeric_limits<\(dtype.scalarTypeName)>::max(), but found to=\(cppStreamText(to)) and from=\(cppStreamText(from)) which result in to-from to exceed the limit")
            }
            try fillInPlace(.uniform(from: from, to: to), generator: generator ?? .default)
        }
        return self
    }

    /// Fills with normal samples in place (`tensor.normal_(mean, std)`).
    @discardableResult
    public func normal_(mean: Double = 0, std: Double = 1, generator: Generator? = nil) -> Tensor {
        attemptVoid {
            try checkInplace()
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"normal_kernel_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            guard std >= 0 else {  // false for NaN too, as in PyTorch
                throw TensorError.runtime("normal expects std >= 0.0, but found std \(cppStreamText(std))")
            }
            try fillInPlace(.normal(mean: mean, std: std, stridedPath: !isContiguous), generator: generator ?? .default)
        }
        return self
    }

    /// Fills with ones (probability `p`) and zeros in place (`tensor.bernoulli_(p)`), any dtype:
    /// one double-precision uniform draw per element, 1 where it is below `p`, in PyTorch's order,
    /// so a seed gives PyTorch's mask.
    @discardableResult
    public func bernoulli_(p: Double = 0.5, generator: Generator? = nil) -> Tensor {
        attemptVoid {
            try checkInplace()
            guard p >= 0 && p <= 1 else {
                throw TensorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=\(Scalar.float(p))")
            }
            try fillInPlace(.bernoulli(p: p), generator: generator ?? .default)
        }
        return self
    }

    // MARK: - Helpers

    private static func sampled(_ shape: [Int], dtype: DType, device: Device, requiresGrad: Bool,
                                floatingOnly kernel: String?, fill: (Tensor) -> Void) throws(TensorError) -> Tensor {
        if let kernel, !dtype.isFloatingPoint {
            throw TensorError.notImplemented("\(kernel) not implemented for '\(dtype.scalarTypeName)'")
        }
        let t = try uninitialized(Dims(shape), dtype: dtype, device: device)
        fill(t)
        if requiresGrad { try t.setRequiresGrad(true, fromFactory: true) }
        return t
    }

    /// Generates into this tensor when it is contiguous from its storage's start, else into a
    /// contiguous tensor on the same device (its dims in PyTorch's visiting order when this tensor
    /// is not contiguous, see Note [Random fills of strided tensors]) that is then copied in.
    private func fillInPlace(_ distribution: RandomDistribution, generator: Generator) throws(TensorError) {
        if isContiguous && layout.offset == 0 {
            backend.random(distribution, into: buffer, generator: generator)
        } else if isContiguous {
            let samples = try Tensor.uninitialized(layout.shape, dtype: dtype, device: device)
            backend.random(distribution, into: samples.buffer, generator: generator)
            // A buffer does not keep its storage alive: the tensors must outlive the copy.
            withExtendedLifetime(samples) { backend.copy(samples.buffer, into: buffer) }
        } else {
            // See Note [Random fills of strided tensors].
            let order = Tensor.visitingOrder(layout)
            let samples = try Tensor.uninitialized(Dims(order.map { layout.shape[$0] }), dtype: dtype, device: device)
            backend.random(distribution, into: samples.buffer, generator: generator)
            var position = [Int](repeating: 0, count: order.count)
            for (i, d) in order.enumerated() { position[d] = i }
            let source = samples.permute(position)
            withExtendedLifetime((samples, source)) { backend.copy(source.buffer, into: buffer) }
        }
        bumpVersion()
    }

    // Note [Random fills of strided tensors]
    //
    // A random fill hands out one sample after another, so which element gets which sample
    // depends on the order the elements are visited in. PyTorch visits a tensor that is not
    // contiguous through TensorIterator, which puts the dims in order of their strides (the
    // smallest stride innermost) before iterating, so `torch.zeros(4, 4).t().uniform_()` fills
    // memory in address order, not the view's rows. And `normal_` on such a tensor takes the
    // scalar Box-Muller path for every element, even past 16 elements, where a contiguous tensor
    // takes the blocked one. Ember fills a contiguous host tensor whose dims are the view's dims
    // in that order, then writes it through the view.

    /// The dims of `layout`, outermost first, in the order PyTorch's TensorIterator visits a
    /// single output (`TensorIteratorBase::reorder_dimensions`): an insertion sort from the last
    /// dim, moving a dim inward when its stride is smaller, or equal with a smaller size; dims
    /// with stride 0 compare as equal.
    static func visitingOrder(_ layout: Layout) -> [Int] {
        let rank = layout.rank
        var perm = Array((0..<rank).reversed())  // innermost first
        func shouldSwap(_ d0: Int, _ d1: Int) -> Int {
            let s0 = layout.strides[d0], s1 = layout.strides[d1]
            if s0 == 0 || s1 == 0 { return 0 }
            if s0 != s1 { return s0 < s1 ? -1 : 1 }
            return layout.shape[d0] > layout.shape[d1] ? 1 : 0
        }
        for i in 1..<max(rank, 1) {
            var d1 = i
            for d0 in (0..<i).reversed() {
                let comparison = shouldSwap(perm[d0], perm[d1])
                if comparison > 0 {
                    perm.swapAt(d0, d1)
                    d1 = d0
                } else if comparison < 0 {
                    break
                }
            }
        }
        return perm.reversed()
    }
}
