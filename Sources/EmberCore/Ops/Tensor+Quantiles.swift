import EmberBackend

// MARK: - quantile, nanquantile

extension Tensor {
    /// How `quantile` and `nanquantile` pick a value when the quantile falls between two
    /// elements (PyTorch's `interpolation='linear'`, `'lower'`, `'higher'`, `'midpoint'` or
    /// `'nearest'`).
    public enum QuantileInterpolation: PyTorchStringOption {
        /// The two elements interpolated linearly by the fractional rank (`'linear'`).
        case linear
        /// The lower of the two (`'lower'`).
        case lower
        /// The higher of the two (`'higher'`).
        case higher
        /// Their mean (`'midpoint'`).
        case midpoint
        /// The one whose rank is nearer, a half rank rounding to even (`'nearest'`).
        case nearest
        /// A string literal that names no mode; the quantile fails with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [
            (.linear, "linear"), (.lower, "lower"), (.higher, "higher"), (.midpoint, "midpoint"), (.nearest, "nearest"),
        ]
    }

    /// The `q`-th quantile (`q` in [0, 1]) of all elements, or along `dim` (PyTorch's
    /// `torch.quantile(input, q, dim=None, keepdim=False, *, interpolation='linear')`). Float32
    /// and float64 tensors only. A slice holding NaN gives NaN. Differentiable as PyTorch's
    /// (a sort, a gather and, for linear and midpoint, a lerp; the node is `SqueezeBackward4`).
    public func quantile(_ q: Double, dim: Int? = nil, keepdim: Bool = false,
                         interpolation: QuantileInterpolation = .linear) -> Tensor {
        attempt { try quantiled(scalar: q, dim: dim, keepdim: keepdim, interpolation: interpolation, ignoreNan: false) }
    }

    /// The quantiles for each of the 1-D (or 0-dim) `q`, of this tensor's dtype, stacked along a
    /// new first dim (PyTorch's `torch.quantile(input, q_tensor, dim=None, keepdim=False, *,
    /// interpolation='linear')`). With linear interpolation the gradient reaches `q` too, as in
    /// PyTorch.
    public func quantile(_ q: Tensor, dim: Int? = nil, keepdim: Bool = false,
                         interpolation: QuantileInterpolation = .linear) -> Tensor {
        attempt { try quantiled(q, dim: dim, keepdim: keepdim, interpolation: interpolation, ignoreNan: false) }
    }

    /// `quantile` of the elements that are not NaN; NaN for a slice of NaN only (PyTorch's
    /// `torch.nanquantile(input, q, dim=None, keepdim=False, *, interpolation='linear')`).
    public func nanquantile(_ q: Double, dim: Int? = nil, keepdim: Bool = false,
                            interpolation: QuantileInterpolation = .linear) -> Tensor {
        attempt { try quantiled(scalar: q, dim: dim, keepdim: keepdim, interpolation: interpolation, ignoreNan: true) }
    }

    /// `quantile` of the elements that are not NaN for each of the 1-D (or 0-dim) `q`
    /// (PyTorch's `torch.nanquantile(input, q_tensor, dim=None, keepdim=False, *,
    /// interpolation='linear')`).
    public func nanquantile(_ q: Tensor, dim: Int? = nil, keepdim: Bool = false,
                            interpolation: QuantileInterpolation = .linear) -> Tensor {
        attempt { try quantiled(q, dim: dim, keepdim: keepdim, interpolation: interpolation, ignoreNan: true) }
    }

    private func quantiled(scalar q: Double, dim: Int?, keepdim: Bool, interpolation: QuantileInterpolation,
                           ignoreNan: Bool) throws(TensorError) -> Tensor {
        guard q >= 0 && q <= 1 else {
            // C++'s `<<` of a double: an integral value prints without a fraction.
            let text = q.rounded() == q && Swift.abs(q) < 1e15 ? "\(Int(q))" : "\(q)"
            throw TensorError.runtime("quantile() q must be in the range [0, 1] but got \(text)")
        }
        let qTensor = Tensor.full([], .float(q), dtype: dtype.isFloatingPoint ? dtype : .float32, device: device)
        return try quantiled(qTensor, dim: dim, keepdim: keepdim, interpolation: interpolation, ignoreNan: ignoreNan)
    }

    /// PyTorch's `quantile_compute`: the sorted slices as rows, the rank of each quantile in its
    /// row (the last index in a row holding NaN for `quantile`; among the elements that are not
    /// NaN for `nanquantile`), adjusted to the mode, and the values gathered at it.
    private func quantiled(_ q: Tensor, dim: Int?, keepdim: Bool, interpolation: QuantileInterpolation,
                           ignoreNan: Bool) throws(TensorError) -> Tensor {
        if case .unrecognized(let name) = interpolation {
            throw TensorError.runtime(
                "quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, but got \(name)")
        }
        guard numel > 0 else { throw TensorError.runtime("quantile() input tensor must be non-empty") }
        guard q.dim <= 1 else { throw TensorError.runtime("quantile() q must be a scalar or 1D tensor") }
        guard dtype == .float32 || dtype == .float64 else {
            throw TensorError.runtime("quantile() input tensor must be either float or double dtype")
        }
        guard q.dtype == dtype else { throw TensorError.runtime("quantile() q tensor must be same dtype as the input tensor") }
        try checkSameDevice(q)
        let d = try dim.map { d throws(TensorError) in try normalizeDim(d, rank: self.dim) }
        // Only on the CPU, as in PyTorch: elsewhere reading the answer back would wait for the device.
        if device == .cpu {
            let inRange = q.detach().ge(0).logicalAnd(q.detach().le(1)).all().scalars(as: Bool.self).first ?? false
            guard inRange else { throw TensorError.runtime("quantile() q values must be in the range [0, 1]") }
        }

        // The shape of one quantile's result, and the sorted slices as rows of that shape.
        var rest: [Int]
        let sorted: Tensor
        if let d, self.dim > 0 {
            rest = shape
            if keepdim { rest[d] = 1 } else { rest.remove(at: d) }
            sorted = movedim(d, -1).sort(dim: -1, stable: true).values.reshape(rest + [shape[d]])
        } else {
            rest = keepdim ? [Int](repeating: 1, count: self.dim) : []
            sorted = reshape([-1]).sort(dim: -1, stable: true).values.reshape(rest + [numel])
        }
        let n = sorted.shape[sorted.dim - 1]
        let qRow = q.reshape([-1])  // linear interpolation differentiates through q, as in PyTorch
        var ranks: Tensor
        if ignoreNan {
            let count = sorted.detach().isnan().logicalNot().sum(dim: -1, keepdim: true)
            ranks = qRow * (count - 1)
            ranks = Tensor.where(ranks .< 0, 0.0, ranks)  // a row of NaN only: its first element, NaN
        } else {
            let hasNan = sorted.detach().isnan().any(dim: -1, keepdim: true)
            ranks = Tensor.where(hasNan, Double(n - 1), qRow * Double(n - 1))
        }
        switch interpolation {
        case .lower: ranks = ranks.floor()
        case .higher: ranks = ranks.ceil()
        case .nearest: ranks = ranks.round()
        default: break
        }
        let ranksBelow = ranks.to(.int64)
        var values = sorted.gather(dim: -1, index: ranksBelow)
        if interpolation == .linear || interpolation == .midpoint {
            let weights = interpolation == .midpoint ? Tensor.full(like: ranks, .float(0.5)) : ranks - ranksBelow
            let above = sorted.gather(dim: -1, index: ranks.ceil().to(.int64))
            values = values.lerp(above, weights)
        }
        // The quantiles' dim moves first (for a 1-D `q`), then the last dim goes, as PyTorch's
        // final `squeeze_(-1)` (`SqueezeBackward4`).
        if q.dim == 1 { values = values.unsqueeze(dim: 0).transpose(0, -1) }
        var squeezedShape = values.layout.shape, squeezedStrides = values.layout.strides
        squeezedShape.remove(at: squeezedShape.count - 1)
        squeezedStrides.remove(at: squeezedStrides.count - 1)
        let before = values.shape
        let view = values.makeDerivedView(Layout(shape: squeezedShape, strides: squeezedStrides, offset: values.layout.offset))
        return values.recordingView(view, "SqueezeBackward4") { $0.reshape(before) }
    }
}
