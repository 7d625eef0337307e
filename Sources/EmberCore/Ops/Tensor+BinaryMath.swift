import EmberBackend

// MARK: - fmax, fmin, hypot, logaddexp, copysign, float_power, clip

extension Tensor {
    /// The larger of each pair, broadcasting, where a NaN loses to a number (NaN only where both
    /// are NaN) (PyTorch's `torch.fmax`). Any dtype; the result has PyTorch's promoted type.
    /// Recorded as `FmaxBackward0`.
    ///
    /// ```swift
    /// Tensor([1.0, .nan]).fmax(Tensor([.nan, 2.0]))   // [1, 2]
    /// ```
    public func fmax(_ other: Tensor) -> Tensor {
        attempt { try Tensor.binary(.fmax, .tensor(self), .tensor(other)) }
    }

    /// The smaller of each pair, broadcasting, where a NaN loses to a number (PyTorch's
    /// `torch.fmin`). Recorded as `FminBackward0`.
    public func fmin(_ other: Tensor) -> Tensor {
        attempt { try Tensor.binary(.fmin, .tensor(self), .tensor(other)) }
    }

    /// `sqrt(self^2 + other^2)` without overflow, broadcasting (PyTorch's `torch.hypot`).
    /// Floating results only: integer and bool inputs are refused, as in PyTorch. Recorded as
    /// `HypotBackward0`.
    public func hypot(_ other: Tensor) -> Tensor {
        attempt { try Tensor.binary(.hypot, .tensor(self), .tensor(other)) }
    }

    /// In-place `hypot` (PyTorch's `Tensor.hypot_`); returns `self`.
    @discardableResult
    public func hypot_(_ other: Tensor) -> Tensor {
        attemptVoid { try binaryInPlace(.hypot, .tensor(other)) }
        return self
    }

    /// `log(exp(self) + exp(other))`, computed stably; two equal infinities give themselves
    /// (`-inf`, `-inf` gives `-inf`) (PyTorch's `torch.logaddexp`). Floating results only.
    /// Recorded as `LogaddexpBackward0`.
    public func logaddexp(_ other: Tensor) -> Tensor {
        attempt { try Tensor.binary(.logaddexp, .tensor(self), .tensor(other)) }
    }

    /// `log2(2^self + 2^other)`, computed stably (PyTorch's `torch.logaddexp2`). Floating
    /// results only. Recorded as `Logaddexp2Backward0`.
    public func logaddexp2(_ other: Tensor) -> Tensor {
        attempt { try Tensor.binary(.logaddexp2, .tensor(self), .tensor(other)) }
    }

    /// The magnitude of `self` with the sign of `other` (a tensor or a number), broadcasting;
    /// `-0.0` counts as negative (PyTorch's `torch.copysign`). Integer and bool inputs give
    /// float32. Recorded as `CopysignBackward0` (`CopysignBackward1` for a number).
    public func copysign(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.copysign, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `copysign` (PyTorch's `Tensor.copysign_`); returns `self`.
    @discardableResult
    public func copysign_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.copysign, other.operandValue.argument) }
        return self
    }

    /// `self ** exponent` computed in float64 whatever the inputs (PyTorch's `torch.float_power`);
    /// `exponent` is a tensor or a number. The inputs are converted first (`ToCopyBackward0`),
    /// then raised (`PowBackward0` or `PowBackward1`).
    public func floatPower(_ exponent: some TensorOperand) -> Tensor {
        attempt {
            switch exponent.operandValue {
            case .tensor(let e): return try Tensor.binary(.pow, .tensor(to(.float64)), .tensor(e.to(.float64)))
            case .scalar(let s): return try Tensor.binary(.pow, .tensor(to(.float64)), .scalar(.float(s.doubleValue)))
            }
        }
    }

    /// A number raised to each element's power, in float64 (PyTorch's `torch.float_power(self,
    /// exponent)` with a number as `self`): `Tensor.floatPower(2, x)`.
    public static func floatPower<S: TensorScalar & TensorOperand>(_ base: S, _ exponent: Tensor) -> Tensor {
        attempt { try Tensor.binary(.pow, .scalar(.float(base.doubleValue)), .tensor(exponent.to(.float64))) }
    }

    /// In-place `floatPower` (PyTorch's `Tensor.float_power_`): `self` must be float64; returns `self`.
    @discardableResult
    public func floatPower_(_ exponent: some TensorOperand) -> Tensor {
        attemptVoid {
            guard dtype == .float64 else {
                throw TensorError.runtime(
                    "the base given to float_power_ has dtype \(dtype.scalarTypeName) but the operation's result requires dtype Double")
            }
            switch exponent.operandValue {
            case .tensor(let e): try binaryInPlace(.pow, .tensor(e.to(.float64)))
            case .scalar(let s): try binaryInPlace(.pow, .scalar(.float(s.doubleValue)))
            }
        }
        return self
    }

    /// `clamp(min:max:)` under PyTorch's other name (`torch.clip`); recorded as `clamp` is.
    public func clip(min: Scalar? = nil, max: Scalar? = nil) -> Tensor { clamp(min: min, max: max) }

    /// `clamp(min:max:)` with tensor bounds under PyTorch's other name (`torch.clip`).
    @_disfavoredOverload
    public func clip(min: Tensor? = nil, max: Tensor? = nil) -> Tensor { clamp(min: min, max: max) }

    /// In-place `clip` (PyTorch's `Tensor.clip_`); returns `self`.
    @discardableResult
    public func clip_(min: Scalar? = nil, max: Scalar? = nil) -> Tensor { clamp_(min: min, max: max) }
}
