import EmberBackend

// MARK: - Inverse hyperbolic and special functions, sign bits, bitwise not, decimal rounding

extension Tensor {
    /// Inverse hyperbolic sine (PyTorch's `torch.asinh`, `torch.arcsinh`); integer and bool
    /// inputs give float32. Recorded as `AsinhBackward0`.
    public func asinh() -> Tensor { attempt { try unary(.asinh, floatingOnly: true) } }
    /// In-place `asinh` (PyTorch's `Tensor.asinh_`); returns `self`.
    @discardableResult public func asinh_() -> Tensor { attemptVoid { try unaryInPlace(.asinh, floatingOnly: true) }; return self }

    /// Inverse hyperbolic cosine, NaN below 1 (PyTorch's `torch.acosh`, `torch.arccosh`).
    public func acosh() -> Tensor { attempt { try unary(.acosh, floatingOnly: true) } }
    /// In-place `acosh` (PyTorch's `Tensor.acosh_`); returns `self`.
    @discardableResult public func acosh_() -> Tensor { attemptVoid { try unaryInPlace(.acosh, floatingOnly: true) }; return self }

    /// Inverse hyperbolic tangent: ±inf at ±1, NaN outside [-1, 1] (PyTorch's `torch.atanh`,
    /// `torch.arctanh`).
    public func atanh() -> Tensor { attempt { try unary(.atanh, floatingOnly: true) } }
    /// In-place `atanh` (PyTorch's `Tensor.atanh_`); returns `self`.
    @discardableResult public func atanh_() -> Tensor { attemptVoid { try unaryInPlace(.atanh, floatingOnly: true) }; return self }

    /// The complementary error function `1 - erf(x)`, accurate for large `x` (PyTorch's
    /// `torch.erfc`, `torch.special.erfc`).
    public func erfc() -> Tensor { attempt { try unary(.erfc, floatingOnly: true) } }
    /// In-place `erfc` (PyTorch's `Tensor.erfc_`); returns `self`.
    @discardableResult public func erfc_() -> Tensor { attemptVoid { try unaryInPlace(.erfc, floatingOnly: true) }; return self }

    /// The inverse error function: ±inf at ±1, NaN outside [-1, 1] (PyTorch's `torch.erfinv`,
    /// `torch.special.erfinv`), computed with PyTorch's algorithm.
    public func erfinv() -> Tensor { attempt { try unary(.erfinv, floatingOnly: true) } }
    /// In-place `erfinv` (PyTorch's `Tensor.erfinv_`); returns `self`.
    @discardableResult public func erfinv_() -> Tensor { attemptVoid { try unaryInPlace(.erfinv, floatingOnly: true) }; return self }

    /// The log of the absolute value of the gamma function; +inf at 0 and the negative integers
    /// (PyTorch's `torch.lgamma`, `torch.special.gammaln`).
    public func lgamma() -> Tensor { attempt { try unary(.lgamma, floatingOnly: true) } }
    /// In-place `lgamma` (PyTorch's `Tensor.lgamma_`); returns `self`.
    @discardableResult public func lgamma_() -> Tensor { attemptVoid { try unaryInPlace(.lgamma, floatingOnly: true) }; return self }

    /// The digamma function, the derivative of `lgamma`, with PyTorch's conventions at the
    /// poles: -inf at +0, +inf at -0, NaN at the negative integers and -inf (PyTorch's
    /// `torch.digamma`, `torch.special.psi`).
    public func digamma() -> Tensor { attempt { try unary(.digamma, floatingOnly: true) } }
    /// In-place `digamma` (PyTorch's `Tensor.digamma_`); returns `self`.
    @discardableResult public func digamma_() -> Tensor { attemptVoid { try unaryInPlace(.digamma, floatingOnly: true) }; return self }

    /// -1, 0 or 1 by sign, as `sign` for real tensors, in the input's dtype (PyTorch's
    /// `torch.sgn`); recorded as `SgnBackward0`.
    public func sgn() -> Tensor { attempt { try unary(.sgn, floatingOnly: false) } }
    /// In-place `sgn` (PyTorch's `Tensor.sgn_`); returns `self`.
    @discardableResult public func sgn_() -> Tensor { attemptVoid { try unaryInPlace(.sgn, floatingOnly: false) }; return self }

    /// Whether each element's sign bit is set, as bool: true for -0.0 and negative NaNs,
    /// false for integers >= 0 and for bool (PyTorch's `torch.signbit`).
    public func signbit() -> Tensor { attempt { try unary(.signbit, floatingOnly: false) } }

    /// Bitwise not of an integer tensor, logical not of a bool tensor (PyTorch's
    /// `torch.bitwise_not`, Python's `~t`); floating tensors are refused.
    public func bitwiseNot() -> Tensor {
        attempt {
            try checkBitwiseNot()
            return try unary(.bitwiseNot, floatingOnly: false)
        }
    }
    /// In-place `bitwiseNot` (PyTorch's `Tensor.bitwise_not_`); returns `self`.
    @discardableResult public func bitwiseNot_() -> Tensor {
        attemptVoid {
            try checkBitwiseNot()
            try unaryInPlace(.bitwiseNot, floatingOnly: false)
        }
        return self
    }

    /// Bitwise not (PyTorch's `~t`, `torch.bitwise_not`).
    public static prefix func ~ (operand: Tensor) -> Tensor { operand.bitwiseNot() }

    /// Rounded to `decimals` decimal places, halves to even (PyTorch's
    /// `torch.round(input, decimals=decimals)`): `x * 10^decimals` is rounded and scaled back;
    /// a negative `decimals` rounds to tens, hundreds... Floating tensors only, as in PyTorch.
    /// Recorded as `RoundBackward1`, whose gradient is zero.
    public func round(decimals: Int) -> Tensor { attempt { try unary(.roundDecimals(decimals), floatingOnly: false) } }
    /// In-place `round(decimals:)` (PyTorch's `Tensor.round_(decimals=decimals)`); returns `self`.
    @discardableResult public func round_(decimals: Int) -> Tensor {
        attemptVoid { try unaryInPlace(.roundDecimals(decimals), floatingOnly: false) }
        return self
    }

    private func checkBitwiseNot() throws(TensorError) {
        if dtype.isFloatingPoint {
            throw TensorError.notImplemented("\"bitwise_not_cpu\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }
}
