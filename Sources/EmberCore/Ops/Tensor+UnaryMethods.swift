import EmberBackend

// MARK: - Unary element-wise methods

extension Tensor {
    /// Negation (`torch.neg`).
    public func neg() -> Tensor { attempt { try unary(.neg, floatingOnly: false) } }
    /// In-place `neg` (`Tensor.neg_`); returns `self`.
    @discardableResult public func neg_() -> Tensor { attemptVoid { try unaryInPlace(.neg, floatingOnly: false) }; return self }

    /// Absolute value (`torch.abs`).
    public func abs() -> Tensor { attempt { try unary(.abs, floatingOnly: false) } }
    /// In-place `abs` (`Tensor.abs_`); returns `self`.
    @discardableResult public func abs_() -> Tensor { attemptVoid { try unaryInPlace(.abs, floatingOnly: false) }; return self }

    /// -1, 0 or 1 by sign (`torch.sign`).
    public func sign() -> Tensor { attempt { try unary(.sign, floatingOnly: false) } }
    /// In-place `sign` (`Tensor.sign_`); returns `self`.
    @discardableResult public func sign_() -> Tensor { attemptVoid { try unaryInPlace(.sign, floatingOnly: false) }; return self }

    /// e to the power of each element (`torch.exp`).
    public func exp() -> Tensor { attempt { try unary(.exp, floatingOnly: true) } }
    /// In-place `exp` (`Tensor.exp_`); returns `self`.
    @discardableResult public func exp_() -> Tensor { attemptVoid { try unaryInPlace(.exp, floatingOnly: true) }; return self }

    /// 2 to the power of each element (`torch.exp2`).
    public func exp2() -> Tensor { attempt { try unary(.exp2, floatingOnly: true) } }
    /// In-place `exp2` (`Tensor.exp2_`); returns `self`.
    @discardableResult public func exp2_() -> Tensor { attemptVoid { try unaryInPlace(.exp2, floatingOnly: true) }; return self }

    /// `exp(x) - 1`, accurate near 0 (`torch.expm1`).
    public func expm1() -> Tensor { attempt { try unary(.expm1, floatingOnly: true) } }
    /// In-place `expm1` (`Tensor.expm1_`); returns `self`.
    @discardableResult public func expm1_() -> Tensor { attemptVoid { try unaryInPlace(.expm1, floatingOnly: true) }; return self }

    /// Natural logarithm (`torch.log`).
    public func log() -> Tensor { attempt { try unary(.log, floatingOnly: true) } }
    /// In-place `log` (`Tensor.log_`); returns `self`.
    @discardableResult public func log_() -> Tensor { attemptVoid { try unaryInPlace(.log, floatingOnly: true) }; return self }

    /// Base-2 logarithm (`torch.log2`).
    public func log2() -> Tensor { attempt { try unary(.log2, floatingOnly: true) } }
    /// In-place `log2` (`Tensor.log2_`); returns `self`.
    @discardableResult public func log2_() -> Tensor { attemptVoid { try unaryInPlace(.log2, floatingOnly: true) }; return self }

    /// Base-10 logarithm (`torch.log10`).
    public func log10() -> Tensor { attempt { try unary(.log10, floatingOnly: true) } }
    /// In-place `log10` (`Tensor.log10_`); returns `self`.
    @discardableResult public func log10_() -> Tensor { attemptVoid { try unaryInPlace(.log10, floatingOnly: true) }; return self }

    /// `log(1 + x)`, accurate near 0 (`torch.log1p`).
    public func log1p() -> Tensor { attempt { try unary(.log1p, floatingOnly: true) } }
    /// In-place `log1p` (`Tensor.log1p_`); returns `self`.
    @discardableResult public func log1p_() -> Tensor { attemptVoid { try unaryInPlace(.log1p, floatingOnly: true) }; return self }

    /// Square root (`torch.sqrt`).
    public func sqrt() -> Tensor { attempt { try unary(.sqrt, floatingOnly: true) } }
    /// In-place `sqrt` (`Tensor.sqrt_`); returns `self`.
    @discardableResult public func sqrt_() -> Tensor { attemptVoid { try unaryInPlace(.sqrt, floatingOnly: true) }; return self }

    /// `1 / sqrt(x)` (`torch.rsqrt`).
    public func rsqrt() -> Tensor { attempt { try unary(.rsqrt, floatingOnly: true) } }
    /// In-place `rsqrt` (`Tensor.rsqrt_`); returns `self`.
    @discardableResult public func rsqrt_() -> Tensor { attemptVoid { try unaryInPlace(.rsqrt, floatingOnly: true) }; return self }

    /// `x * x` (`torch.square`); bool gives int64, as `pow(x, 2)` does.
    public func square() -> Tensor {
        attempt {
            if dtype == .bool { return try Tensor.binary(.pow, .tensor(self), .scalar(.int(2))) }
            return try unary(.square, floatingOnly: false)
        }
    }
    /// In-place `square` (`Tensor.square_`); returns `self`.
    @discardableResult public func square_() -> Tensor {
        attemptVoid {
            if dtype == .bool {
                try checkInplace()
                throw TensorError.runtime("result type Long can't be cast to the desired output type Bool")
            }
            try unaryInPlace(.square, floatingOnly: false)
        }
        return self
    }

    /// `1 / x` (`torch.reciprocal`).
    public func reciprocal() -> Tensor { attempt { try unary(.reciprocal, floatingOnly: true) } }
    /// In-place `reciprocal` (`Tensor.reciprocal_`); returns `self`.
    @discardableResult public func reciprocal_() -> Tensor { attemptVoid { try unaryInPlace(.reciprocal, floatingOnly: true) }; return self }

    /// Sine (`torch.sin`).
    public func sin() -> Tensor { attempt { try unary(.sin, floatingOnly: true) } }
    /// In-place `sin` (`Tensor.sin_`); returns `self`.
    @discardableResult public func sin_() -> Tensor { attemptVoid { try unaryInPlace(.sin, floatingOnly: true) }; return self }

    /// Cosine (`torch.cos`).
    public func cos() -> Tensor { attempt { try unary(.cos, floatingOnly: true) } }
    /// In-place `cos` (`Tensor.cos_`); returns `self`.
    @discardableResult public func cos_() -> Tensor { attemptVoid { try unaryInPlace(.cos, floatingOnly: true) }; return self }

    /// Tangent (`torch.tan`).
    public func tan() -> Tensor { attempt { try unary(.tan, floatingOnly: true) } }
    /// In-place `tan` (`Tensor.tan_`); returns `self`.
    @discardableResult public func tan_() -> Tensor { attemptVoid { try unaryInPlace(.tan, floatingOnly: true) }; return self }

    /// Arcsine (`torch.asin`).
    public func asin() -> Tensor { attempt { try unary(.asin, floatingOnly: true) } }
    /// In-place `asin` (`Tensor.asin_`); returns `self`.
    @discardableResult public func asin_() -> Tensor { attemptVoid { try unaryInPlace(.asin, floatingOnly: true) }; return self }

    /// Arccosine (`torch.acos`).
    public func acos() -> Tensor { attempt { try unary(.acos, floatingOnly: true) } }
    /// In-place `acos` (`Tensor.acos_`); returns `self`.
    @discardableResult public func acos_() -> Tensor { attemptVoid { try unaryInPlace(.acos, floatingOnly: true) }; return self }

    /// Arctangent (`torch.atan`).
    public func atan() -> Tensor { attempt { try unary(.atan, floatingOnly: true) } }
    /// In-place `atan` (`Tensor.atan_`); returns `self`.
    @discardableResult public func atan_() -> Tensor { attemptVoid { try unaryInPlace(.atan, floatingOnly: true) }; return self }

    /// Hyperbolic sine (`torch.sinh`).
    public func sinh() -> Tensor { attempt { try unary(.sinh, floatingOnly: true) } }
    /// In-place `sinh` (`Tensor.sinh_`); returns `self`.
    @discardableResult public func sinh_() -> Tensor { attemptVoid { try unaryInPlace(.sinh, floatingOnly: true) }; return self }

    /// Hyperbolic cosine (`torch.cosh`).
    public func cosh() -> Tensor { attempt { try unary(.cosh, floatingOnly: true) } }
    /// In-place `cosh` (`Tensor.cosh_`); returns `self`.
    @discardableResult public func cosh_() -> Tensor { attemptVoid { try unaryInPlace(.cosh, floatingOnly: true) }; return self }

    /// Hyperbolic tangent (`torch.tanh`).
    public func tanh() -> Tensor { attempt { try unary(.tanh, floatingOnly: true) } }
    /// In-place `tanh` (`Tensor.tanh_`); returns `self`.
    @discardableResult public func tanh_() -> Tensor { attemptVoid { try unaryInPlace(.tanh, floatingOnly: true) }; return self }

    /// `1 / (1 + exp(-x))` (`torch.sigmoid`).
    public func sigmoid() -> Tensor { attempt { try unary(.sigmoid, floatingOnly: true) } }
    /// In-place `sigmoid` (`Tensor.sigmoid_`); returns `self`.
    @discardableResult public func sigmoid_() -> Tensor { attemptVoid { try unaryInPlace(.sigmoid, floatingOnly: true) }; return self }

    /// `max(x, 0)` (`torch.relu`).
    public func relu() -> Tensor { attempt { try unary(.relu, floatingOnly: false) } }
    /// In-place `relu` (`Tensor.relu_`); returns `self`.
    @discardableResult public func relu_() -> Tensor { attemptVoid { try unaryInPlace(.relu, floatingOnly: false) }; return self }

    /// `x * sigmoid(x)` (`torch.nn.functional.silu`).
    public func silu() -> Tensor { attempt { try unary(.silu, floatingOnly: true) } }
    /// In-place `silu` (`Tensor.silu_`); returns `self`.
    @discardableResult public func silu_() -> Tensor { attemptVoid { try unaryInPlace(.silu, floatingOnly: true) }; return self }

    /// `x * tanh(softplus(x))` (`torch.nn.functional.mish`).
    public func mish() -> Tensor { attempt { try unary(.mish, floatingOnly: true) } }
    /// In-place `mish` (`F.mish(x, inplace=True)`); returns `self`.
    @discardableResult public func mish_() -> Tensor { attemptVoid { try unaryInPlace(.mish, floatingOnly: true) }; return self }

    /// The error function (`torch.erf`).
    public func erf() -> Tensor { attempt { try unary(.erf, floatingOnly: true) } }
    /// In-place `erf` (`Tensor.erf_`); returns `self`.
    @discardableResult public func erf_() -> Tensor { attemptVoid { try unaryInPlace(.erf, floatingOnly: true) }; return self }

    /// Rounded down (`torch.floor`).
    public func floor() -> Tensor { attempt { try unary(.floor, floatingOnly: false) } }
    /// In-place `floor` (`Tensor.floor_`); returns `self`.
    @discardableResult public func floor_() -> Tensor { attemptVoid { try unaryInPlace(.floor, floatingOnly: false) }; return self }

    /// Rounded up (`torch.ceil`).
    public func ceil() -> Tensor { attempt { try unary(.ceil, floatingOnly: false) } }
    /// In-place `ceil` (`Tensor.ceil_`); returns `self`.
    @discardableResult public func ceil_() -> Tensor { attemptVoid { try unaryInPlace(.ceil, floatingOnly: false) }; return self }

    /// Rounded to nearest, halves to even (`torch.round`).
    public func round() -> Tensor { attempt { try unary(.round, floatingOnly: false) } }
    /// In-place `round` (`Tensor.round_`); returns `self`.
    @discardableResult public func round_() -> Tensor { attemptVoid { try unaryInPlace(.round, floatingOnly: false) }; return self }

    /// Rounded toward zero (`torch.trunc`).
    public func trunc() -> Tensor { attempt { try unary(.trunc, floatingOnly: false) } }
    /// In-place `trunc` (`Tensor.trunc_`); returns `self`.
    @discardableResult public func trunc_() -> Tensor { attemptVoid { try unaryInPlace(.trunc, floatingOnly: false) }; return self }

    /// `x - trunc(x)` (`torch.frac`).
    public func frac() -> Tensor { attempt { try unary(.frac, floatingOnly: false) } }
    /// In-place `frac` (`Tensor.frac_`); returns `self`.
    @discardableResult public func frac_() -> Tensor { attemptVoid { try unaryInPlace(.frac, floatingOnly: false) }; return self }

    /// Whether each element is NaN, as bool (`torch.isnan`).
    public func isnan() -> Tensor { attempt { try unary(.isnan, floatingOnly: false) } }

    /// Whether each element is infinite, as bool (`torch.isinf`).
    public func isinf() -> Tensor { attempt { try unary(.isinf, floatingOnly: false) } }

    /// Whether each element is finite, as bool (`torch.isfinite`).
    public func isfinite() -> Tensor { attempt { try unary(.isfinite, floatingOnly: false) } }

    /// Whether each element is zero, as bool (`torch.logical_not`).
    public func logicalNot() -> Tensor { attempt { try unary(.logicalNot, floatingOnly: false) } }

    /// `x` where positive, `slope * x` elsewhere (`torch.nn.functional.leaky_relu`).
    public func leakyRelu(negativeSlope: Double = 0.01) -> Tensor {
        attempt { try unary(.leakyRelu(slope: negativeSlope), floatingOnly: true) }
    }

    /// `x` where positive, `alpha * (exp(x) - 1)` elsewhere (`torch.nn.functional.elu`).
    public func elu(alpha: Double = 1) -> Tensor {
        attempt { try unary(.elu(alpha: alpha), floatingOnly: true) }
    }

    /// The Gaussian error linear unit; `approximate: .tanh` (or PyTorch's string, `"tanh"`) uses
    /// the tanh formula (`torch.nn.functional.gelu(input, approximate='none')`).
    public func gelu(approximate: GeluApproximation = .none) -> Tensor {
        attempt {
            if case .unrecognized = approximate {
                throw TensorError.runtime("approximate argument must be either none or tanh.")
            }
            return try unary(.gelu(tanhApproximation: approximate == .tanh), floatingOnly: true)
        }
    }

    /// `log(1 + exp(beta * x)) / beta`, linear above `threshold` (`torch.nn.functional.softplus`).
    public func softplus(beta: Double = 1, threshold: Double = 20) -> Tensor {
        attempt { try unary(.softplus(beta: beta, threshold: threshold), floatingOnly: true) }
    }

    /// `x` clamped to `[minValue, maxValue]` (`torch.nn.functional.hardtanh`). The result keeps
    /// the input's dtype: integer inputs clamp to the bounds truncated to integers.
    public func hardtanh(minValue: Double = -1, maxValue: Double = 1) -> Tensor {
        attempt {
            switch dtype.category {
            case .bool: throw TensorError.notImplemented("Bool inputs not supported for hardtanh")
            case .integer:
                return try clamped(min: .int(truncatingInt64(minValue)), max: .int(truncatingInt64(maxValue)), inPlace: false)
            case .floating:
                return try clamped(min: .float(minValue), max: .float(maxValue), inPlace: false, asHardtanh: true)
            }
        }
    }

    /// `log(x / (1 - x))`, with `x` clamped to `[eps, 1 - eps]` when `eps` is given (`torch.logit`).
    public func logit(eps: Double? = nil) -> Tensor {
        attempt { try unary(.logit(eps: eps), floatingOnly: true) }
    }

    /// NaN, +inf and -inf replaced by finite values; by default 0 and the dtype's extremes (`torch.nan_to_num`).
    public func nanToNum(nan: Double = 0, posinf: Double? = nil, neginf: Double? = nil) -> Tensor {
        attempt {
            let big = dtype == .float32 ? Double(Float.greatestFiniteMagnitude) : Double.greatestFiniteMagnitude
            guard dtype.isFloatingPoint else { return try cloned() }
            return try unary(.nanToNum(nan: nan, posinf: posinf ?? big, neginf: neginf ?? -big), floatingOnly: true)
        }
    }

    /// Elements limited to `[min, max]`; either bound may be omitted; NaN stays NaN (`torch.clamp`).
    public func clamp(min: Scalar? = nil, max: Scalar? = nil) -> Tensor {
        attempt { try clamped(min: min, max: max, inPlace: false) }
    }

    /// Elements raised to at least `min`; NaN stays NaN (`torch.clamp_min`). The values are
    /// `clamp(min:)`'s, but the node is `ClampMinBackward0`, as PyTorch records `clamp_min`
    /// (the losses composed of it, such as `margin_ranking_loss`, carry that name).
    public func clampMin(_ min: Scalar) -> Tensor {
        let result = withNoGrad { clamp(min: min) }
        if Tensor.recording(self) { Tensor.recordClampMin(self, min: min, result: result) }
        return result
    }

    /// In-place `clamp` (`Tensor.clamp_`); returns `self`.
    @discardableResult
    public func clamp_(min: Scalar? = nil, max: Scalar? = nil) -> Tensor {
        attemptVoid { _ = try clamped(min: min, max: max, inPlace: true) }
        return self
    }

    /// Elements limited by tensor bounds, broadcasting (`torch.clamp(x, min_tensor, max_tensor)`).
    @_disfavoredOverload
    public func clamp(min: Tensor? = nil, max: Tensor? = nil) -> Tensor {
        attempt {
            guard min != nil || max != nil else {
                throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
            }
            let result = withNoGrad {
                var result = self
                if let min { result = result.maximum(min) }
                if let max { result = result.minimum(max) }
                return result
            }
            if Tensor.recording([self, min, max]) { Tensor.recordClamp(self, min: min, max: max, result: result) }
            return result
        }
    }

    func clamped(min: Scalar?, max: Scalar?, inPlace: Bool, asHardtanh: Bool = false) throws(TensorError) -> Tensor {
        guard min != nil || max != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var state = ResultTypeState()
        state.add(self)
        if let min { state.add(min) }
        if let max { state.add(max) }
        let compute = state.result
        if inPlace {
            try checkInplace()
            if compute.category > dtype.category {
                // clamp_ names the output type in C++ terms (`long int`), unlike the other ops.
                let output = switch dtype {
                case .bool: "bool"
                case .int32: "int"
                case .int64: "long int"
                case .float32: "float"
                case .float64: "double"
                }
                throw TensorError.runtime(
                    "result type \(compute.scalarTypeName) can't be cast to the desired output type \(output)")
            }
            if Tensor.recording(self) {
                try adoptResult(try clamped(min: min, max: max, inPlace: false))
                return self
            }
            backend.unary(.clamp(min: min, max: max), buffer, into: buffer)
            bumpVersion()
            return self
        }
        let input = try casted(compute)
        let out = try input.uninitializedLike()
        backend.unary(.clamp(min: min, max: max), input.buffer, into: out.buffer)
        if Tensor.recording(input) {
            Tensor.recordUnary(.clamp(min: min, max: max), input: input, result: out, asHardtanh: asHardtanh)
        }
        return out
    }

    // MARK: - Engine

    /// Runs a unary op into a new tensor; `floatingOnly` ops compute integer and bool inputs in float32.
    package func unary(_ op: UnaryOp, floatingOnly: Bool) throws(TensorError) -> Tensor {
        try checkUnarySupported(op)
        if op == .neg && dtype == .bool {
            throw TensorError.notImplemented(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        let input = floatingOnly && !dtype.isFloatingPoint ? try converted(dtype: .float32) : self
        let out = try input.uninitializedLike(dtype: op.producesBool ? .bool : input.dtype)
        backend.unary(op, input.buffer, into: out.buffer)
        if Tensor.recording(input) { Tensor.recordUnary(op, input: input, result: out) }
        return out
    }

    /// Runs a unary op in place.
    package func unaryInPlace(_ op: UnaryOp, floatingOnly: Bool) throws(TensorError) {
        try checkInplace()
        try checkUnarySupported(op)
        if floatingOnly && !dtype.isFloatingPoint {
            throw TensorError.runtime("result type Float can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        if op == .neg && dtype == .bool {
            throw TensorError.notImplemented(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
        if Tensor.recording(self) {
            // Computed out of place (recording the node) from the values before the write.
            try adoptResult(try originalForInPlace(op).unary(op, floatingOnly: floatingOnly))
            return
        }
        backend.unary(op, buffer, into: buffer)
        bumpVersion()
    }
}

extension Tensor {
    /// The unary ops PyTorch has no kernel for with integer or bool inputs raise its
    /// NotImplementedError (`"silu_cpu" not implemented for 'Long'`).
    func checkUnarySupported(_ op: UnaryOp) throws(TensorError) {
        guard !dtype.isFloatingPoint else { return }
        let kernel: String?
        switch op {
        case .leakyRelu: kernel = "leaky_relu_cpu"
        case .elu: kernel = "elu_cpu"
        case .gelu: kernel = "GeluKernelImpl"
        case .silu: kernel = "silu_cpu"
        case .mish: kernel = "mish_cpu"
        case .softplus: kernel = "softplus_cpu"
        case .frac: kernel = "frac_cpu"
        case .abs where dtype == .bool: kernel = "abs_cpu"
        case .floor where dtype == .bool: kernel = "floor_vml_cpu"
        case .ceil where dtype == .bool: kernel = "ceil_vml_cpu"
        case .round where dtype == .bool: kernel = "round_vml_cpu"
        case .trunc where dtype == .bool: kernel = "trunc_vml_cpu"
        case .relu where dtype == .bool: throw TensorError.notImplemented("Boolean inputs not supported for relu")
        case .roundDecimals(let decimals): kernel = decimals == 0 ? "round_vml_cpu" : "round_cpu"
        default: kernel = nil
        }
        if let kernel {
            throw TensorError.notImplemented("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }
}
