import EmberBackend

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

    /// The `p`-norm of all elements, or over `dim` (`torch.norm(input, p=2, dim=None, keepdim=False)`).
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

    /// The norm behind `norm(_:...)`, recorded as `node` (see `NormNode`).
    package func vectorNorm(_ p: NormOrder, dims: [Int]?, keepdim: Bool,
                            node: NormNode = .linalgVectorNorm) throws(TensorError) -> Tensor {
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
        if Tensor.recording(self) { recordNorm(out, order: order, mask: mask, node: node) }
        return out
    }
}

// MARK: - Layer normalization

extension Tensor {
    /// Normalizes over the trailing dims `normalizedShape` names (`torch.layer_norm(input,
    /// normalized_shape, weight, bias, eps)`): `(x - mean) * rsqrt(var + eps) * weight + bias`,
    /// with the biased variance, each slice of the normalized dims on its own. Recorded as one
    /// `NativeLayerNormBackward0` node, differentiable again with `createGraph` (see
    /// Note [Layer norm backward]).
    public func layerNorm(normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                          eps: Double = 1e-5) -> Tensor {
        attempt {
            let dims = try layerNormDims(normalizedShape, weight: weight, bias: bias)
            let out: Tensor = withNoGrad {
                let xc = self - mean(dims: dims, keepdim: true)
                var y = xc * (xc.square().mean(dims: dims, keepdim: true) + eps).rsqrt()
                if let weight { y = y * weight }
                if let bias { y = y + bias }
                return y
            }
            if Tensor.recording([self, weight, bias]) {
                recordLayerNorm(out, dims: dims, weight: weight, bias: bias, eps: eps)
            }
            return out
        }
    }

    /// The normalized dims, after PyTorch's checks of the shapes (`_check_layer_norm_inputs`).
    private func layerNormDims(_ normalizedShape: [Int], weight: Tensor?, bias: Tensor?) throws(TensorError) -> [Int] {
        func list(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
        guard !normalizedShape.isEmpty else {
            throw TensorError.runtime(
                "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []")
        }
        for (name, tensor) in [("weight", weight), ("bias", bias)] {
            if let tensor, tensor.shape != normalizedShape {
                throw TensorError.runtime(
                    "Expected \(name) to be of same shape as normalized_shape, but got \(name) of shape \(list(tensor.shape)) and normalized_shape = \(list(normalizedShape))")
            }
        }
        guard dim >= normalizedShape.count, Array(shape.suffix(normalizedShape.count)) == normalizedShape else {
            throw TensorError.runtime(
                "Given normalized_shape=\(list(normalizedShape)), expected input with shape [*\(normalizedShape.map { ", \($0)" }.joined())], but got input of size\(list(shape))")
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"LayerNormKernelImpl\" not implemented for '\(dtype.scalarTypeName)'")
        }
        return Array((dim - normalizedShape.count)..<dim)
    }
}
