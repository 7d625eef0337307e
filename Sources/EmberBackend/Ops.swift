// MARK: - Element-wise op families

/// Element-wise operations of one input (the unary kernel family).
///
/// Each is computed in the input's dtype; `isnan`, `isinf`, `isfinite` and `logicalNot` write bool.
public enum UnaryOp: Sendable, Hashable {
    case neg, abs, sign, exp, exp2, expm1, log, log2, log10, log1p, sqrt, rsqrt, square, reciprocal
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, sigmoid, relu, silu, erf
    case floor, ceil, round, trunc, frac
    case isnan, isinf, isfinite, logicalNot
    /// `gelu(x)`; `tanhApproximation` selects PyTorch's `approximate='tanh'`.
    case gelu(tanhApproximation: Bool)
    case leakyRelu(slope: Double)
    case elu(alpha: Double)
    case softplus(beta: Double, threshold: Double)
    /// `clamp(x, min, max)`; NaN propagates; either bound may be absent.
    case clamp(min: Scalar?, max: Scalar?)
    /// `log(x / (1 - x))`, with `x` first clamped to `[eps, 1 - eps]` when `eps` is given.
    case logit(eps: Double?)
    case nanToNum(nan: Double, posinf: Double, neginf: Double)
    /// `x ** exponent` for a scalar exponent.
    case powScalar(Scalar)
    /// `base ** x` for a scalar base.
    case scalarPow(Scalar)

    /// Whether the result is bool whatever the input.
    public var producesBool: Bool {
        switch self {
        case .isnan, .isinf, .isfinite, .logicalNot: true
        default: false
        }
    }
}

/// Element-wise operations of two inputs (the binary kernel family). Both inputs arrive in the
/// computation dtype; comparisons and logical ops write bool.
public enum BinaryOp: Sendable, Hashable {
    case add, sub, mul, div, floorDivide, remainder, fmod, pow, atan2, maximum, minimum
    case eq, ne, lt, le, gt, ge
    case logicalAnd, logicalOr, logicalXor
    case bitwiseAnd, bitwiseOr, bitwiseXor

    /// Whether the result is bool whatever the inputs.
    public var producesBool: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge, .logicalAnd, .logicalOr, .logicalXor: true
        default: false
        }
    }
}

/// One side of a binary kernel: a strided buffer or a scalar already in the computation type's category.
public enum BinaryOperand: @unchecked Sendable {
    case buffer(StridedBuffer)
    case scalar(Scalar)
}
