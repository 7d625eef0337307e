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
        if Tensor.recording(input) {
            let rd = self.dim == 0 ? nil : d as Int?
            func total(_ t: Tensor) -> Tensor { rd.map { t.sum(dim: $0, keepdim: true) } ?? t }
            if log {
                Tensor.record("LogSoftmaxBackward0", inputs: [input], outputs: [out], saving: [out]) { g, s in
                    [g[0] - s[0].exp() * total(g[0])]
                }
            } else {
                Tensor.record("SoftmaxBackward0", inputs: [input], outputs: [out], saving: [out]) { g, s in
                    let gy = g[0] * s[0]
                    return [gy - s[0] * total(gy)]
                }
            }
        }
        return out
    }

    func logSumExp(dims: [Int], keepdim: Bool) throws(TensorError) -> Tensor {
        let mask = try reductionMask(dims)
        let input = dtype.isFloatingPoint ? self : try converted(dtype: .float32)
        let out = try input.reduced(.logSumExp, mask: mask, keepdim: keepdim, dtype: input.dtype)
        if Tensor.recording(input) {
            let keptShape = input.shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
            Tensor.record("LogsumexpBackward0", inputs: [input], outputs: [out], saving: [input, out]) { g, s in
                [g[0].reshape(keptShape) * (s[0] - s[1].reshape(keptShape)).exp()]
            }
        }
        return out
    }
}

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
        if Tensor.recording(self) {
            let keptShape = shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
            let reducedDims = (0..<self.dim).filter { mask.contains($0) }
            let count = shape.enumerated().reduce(1) { mask.contains($1.offset) ? $0 * $1.element : $0 }
            let scale = 1 / Swift.max(Double(count) - correction, 0)
            Tensor.record(std ? "StdBackward0" : "VarBackward0", inputs: [self], outputs: [out],
                          saving: std ? [self, out] : [self]) { g, s in
                let mean = reducedDims.isEmpty ? s[0].mean() : s[0].mean(dims: reducedDims, keepdim: true)
                let centered = s[0] - mean
                let gk = g[0].reshape(keptShape)
                if std {
                    // Zero where the deviation is zero (a constant slice), as PyTorch's std_backward.
                    let deviation = s[1].reshape(keptShape)
                    return [Tensor.where(deviation .== 0, 0.0, gk * centered * scale / deviation)]
                }
                return [gk * centered * (2 * scale)]
            }
        }
        return out
    }
}

// MARK: - Norms

extension Tensor {
    /// The order of a vector norm: a number `p` (`0`, `1`, `2`, `2.5`, `.infinity`,
    /// `.negativeInfinity`), or `.fro` (the Frobenius norm, the 2-norm over at most two dims).
    public enum NormOrder: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
        CustomStringConvertible
    {
        /// `sum(|x|^p)^(1/p)`; `0` counts nonzeros, `.infinity` is `max(|x|)`, `-.infinity` `min(|x|)`.
        case p(Double)
        /// The Frobenius norm (`p='fro'`).
        case fro

        /// `max(|x|)` (`p=float('inf')`).
        public static var infinity: NormOrder { .p(.infinity) }
        /// `min(|x|)` (`p=float('-inf')`).
        public static var negativeInfinity: NormOrder { .p(-.infinity) }

        public init(integerLiteral value: Int) { self = .p(Double(value)) }
        public init(floatLiteral value: Double) { self = .p(value) }

        /// The order as PyTorch prints it in messages: `2`, `-1.5`, `inf`, `fro`.
        public var description: String {
            switch self {
            case .fro: return "fro"
            case .p(let p):
                if p.isInfinite { return p > 0 ? "inf" : "-inf" }
                if p == p.rounded() && Swift.abs(p) < 1e15 { return String(Int64(p)) }
                return String(p)
            }
        }
    }

    /// The `p`-norm of all elements; with `keepdim` every dim is kept with size 1
    /// (`torch.norm(input, p=2, dim=None, keepdim=False)`).
    ///
    /// ```swift
    /// x.norm()                   // 2-norm of everything
    /// x.norm(1, dim: 0)          // 1-norms of the columns
    /// x.norm(.infinity)          // max |x|
    /// x.norm(.fro, dims: [0, 1])
    /// ```
    /// Floating tensors only. Negative and infinite orders have no identity, so they fail on an
    /// empty reduction with PyTorch's message.
    public func norm(_ p: NormOrder = 2, keepdim: Bool = false) -> Tensor {
        attempt { try vectorNorm(p, dims: nil, keepdim: keepdim) }
    }

    /// The `p`-norm over several dims (`torch.norm(input, p, dim=(0, 1), keepdim=False)`).
    public func norm(_ p: NormOrder = 2, dims: [Int], keepdim: Bool = false) -> Tensor {
        attempt { try vectorNorm(p, dims: dims, keepdim: keepdim) }
    }

    /// The `p`-norm along one dim (`torch.norm(input, p, dim, keepdim=False)`).
    public func norm(_ p: NormOrder = 2, dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try vectorNorm(p, dims: [dim], keepdim: keepdim) }
    }

    func vectorNorm(_ p: NormOrder, dims: [Int]?, keepdim: Bool) throws(TensorError) -> Tensor {
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented(
                "linalg.vector_norm: Expected a floating point or complex tensor as input. Got \(dtype.scalarTypeName)")
        }
        let order: Double
        switch p {
        case .fro:
            if let dims, dims.count > 2 {
                throw TensorError.runtime(
                    "linalg.matrix_norm: dim must be a 2-tuple. Got \(dims.map(String.init).joined(separator: " "))")
            }
            order = 2
        case .p(let value):
            order = value
        }
        let mask = try reductionMask(dims ?? [])
        if numel == 0 && (order < 0 || order == .infinity) {
            let name = NormOrder.p(order).description
            if dims?.isEmpty ?? true {
                throw TensorError.runtime(
                    "linalg.vector_norm cannot compute the \(name) norm on an empty tensor because the operation does not have an identity")
            }
            for d in 0..<self.dim where mask.contains(d) && layout.shape[d] == 0 {
                throw TensorError.runtime(
                    "linalg.vector_norm cannot compute the \(name) norm on the dimension \(d)because this dimension is empty and the operation does not have an identity")
            }
        }
        let out = try reduced(.norm(p: order), mask: mask, keepdim: keepdim, dtype: dtype)
        if Tensor.recording(self) { recordNorm(out, order: order, mask: mask) }
        return out
    }

    /// Records a vector norm as `LinalgVectorNormBackward0` with PyTorch's `norm_backward`
    /// formulas and subgradients: zero where the norm is zero (p = 2 and general p), `sign(x)`
    /// for p = 1 (0 at 0), for p = ±inf the gradient shared evenly by the elements whose
    /// magnitude is the norm, and for p = 0 none at all (`.grad` stays nil, as in PyTorch).
    private func recordNorm(_ out: Tensor, order p: Double, mask: ReductionDimSet) {
        let keptShape = shape.enumerated().map { mask.contains($0.offset) ? 1 : $0.element }
        let dims = (0..<dim).filter { mask.contains($0) }
        Tensor.record("LinalgVectorNormBackward0", inputs: [self], outputs: [out], saving: [self, out]) { g, s in
            let x = s[0], norm = s[1].reshape(keptShape), grad = g[0].reshape(keptShape)
            let zeroNorm = norm .== 0
            switch p {
            case 0:
                return [nil]  // PyTorch's norm_backward returns no gradient for p = 0
            case 1:
                return [x.sign() * grad]
            case 2:
                return [grad * Tensor.where(zeroNorm, 0.0, x / norm)]
            case .infinity, -.infinity:
                let magnitude = x.abs()
                let hits = ((magnitude .== norm) .| magnitude.isnan()).to(x.dtype)
                let count = dims.isEmpty ? hits : hits.sum(dims: dims, keepdim: true)
                return [x.sign() * (grad / count) * hits]
            default:
                let scale = Tensor.where(zeroNorm, 0.0, grad / norm.pow(p - 1))
                if p < 1 {
                    let magnitude = Tensor.where(x .== 0, 0.0, x.abs().pow(p - 1))
                    return [x.sign() * magnitude * grad * norm.pow(1 - p)]
                }
                if p < 2 { return [x.sign() * x.abs().pow(p - 1) * scale] }
                return [x * x.abs().pow(p - 2) * scale]
            }
        }
    }
}
