// MARK: - Element-wise op families

/// Element-wise operations of one input (the unary kernel family).
///
/// Each is computed in the input's dtype; `isnan`, `isinf`, `isfinite` and `logicalNot` write bool.
@usableFromInline package enum UnaryOp: Sendable, Hashable {
    case neg, abs, sign, exp, exp2, expm1, log, log2, log10, log1p, sqrt, rsqrt, square, reciprocal
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, sigmoid, relu, silu, erf
    /// `x * tanh(softplus(x))`.
    case mish
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
    /// elementwise-ops: inverse hyperbolic functions, erfc, erfinv, lgamma, digamma, `sgn`,
    /// `signbit` (bool), `bitwise_not`, `round(decimals:)`, and `polygamma(n, x)` for `n >= 1`
    /// (digamma's derivatives).
    case asinh, acosh, atanh, erfc, erfinv, lgamma, digamma, sgn, signbit, bitwiseNot
    case roundDecimals(Int)
    case polygamma(Int)

    /// Whether the result is bool whatever the input.
    @usableFromInline package var producesBool: Bool {
        switch self {
        case .isnan, .isinf, .isfinite, .logicalNot, .signbit: true
        default: false
        }
    }
}

/// Element-wise operations of two inputs (the binary kernel family). Both inputs arrive in the
/// computation dtype; comparisons and logical ops write bool.
@usableFromInline package enum BinaryOp: Sendable, Hashable {
    case add, sub, mul, div, floorDivide, remainder, fmod, pow, atan2, maximum, minimum
    case eq, ne, lt, le, gt, ge
    case logicalAnd, logicalOr, logicalXor
    case bitwiseAnd, bitwiseOr, bitwiseXor
    /// elementwise-ops: NaN-ignoring max/min, hypot, stable log-add-exp (base e and 2), copysign
    /// and the bit shifts (PyTorch's rules for counts outside `0..<width`).
    case fmax, fmin, hypot, logaddexp, logaddexp2, copysign, bitwiseLeftShift, bitwiseRightShift

    /// Whether the result is bool whatever the inputs.
    @usableFromInline package var producesBool: Bool {
        switch self {
        case .eq, .ne, .lt, .le, .gt, .ge, .logicalAnd, .logicalOr, .logicalXor: true
        default: false
        }
    }
}

/// One side of a binary kernel: a strided buffer or a scalar already in the computation type's category.
@usableFromInline package enum BinaryOperand: @unchecked Sendable {
    case buffer(StridedBuffer)
    case scalar(Scalar)
}

// MARK: - Reduction op family

/// Reductions of one input over some of its dims (the reduce kernel family).
///
/// The kernel reduces the dims where the output (laid out with the input's rank) has size 1 and
/// the input does not. Output dtypes: `sum` and `prod` give int64 for integer and bool inputs
/// (int32 when the front end asks for it with an int32 input), the input's dtype otherwise;
/// `max`/`min` keep the input's dtype; `any`/`all` write bool; `countNonzero` writes int64;
/// `mean`, `norm`, `variance` and `logSumExp` take and give floating dtypes only.
@usableFromInline package enum ReduceOp: Sendable, Hashable {
    case sum, prod, mean
    /// The largest or smallest element; NaN propagates (`amax`, `amin`).
    case max, min
    case any, all, countNonzero
    /// `sum(|x|^p)^(1/p)`; `p` may be 0 (count of nonzeros), `.infinity` or `-.infinity`.
    case norm(p: Double)
    /// `sum((x - mean)^2) / max(0, n - correction)`, or its square root when `std`.
    case variance(correction: Double, std: Bool)
    /// `log(sum(exp(x)))`, computed stably (`logsumexp`).
    case logSumExp
}

/// Which extreme a reduction with indices looks for (`max(dim)`, `argmax`). The first
/// occurrence wins ties; a NaN counts as the extreme, the first one found.
@usableFromInline package enum ArgReduceOp: Sendable, Hashable {
    case max, min
}

/// Cumulative reductions along one dim (the scan family: `cumsum`, `cumprod`).
@usableFromInline package enum ScanOp: Sendable, Hashable {
    case sum, prod
}

// MARK: - Indexing family: shared types

/// One advanced index of an `index` / `indexPut` kernel: int64 positions along one dim of the data.
@usableFromInline package struct IndexOperand: @unchecked Sendable {
    /// The int64 positions, laid out in the iteration shape (stride 0 where broadcast).
    @usableFromInline package var indices: StridedBuffer
    /// Elements to step in the data's storage for one step of the index.
    @usableFromInline package var stride: Int
    /// The size of the indexed dim: valid positions are `0..<size`, and `-size..<0` (counted from
    /// the end) when `allowsNegative`.
    @usableFromInline package var size: Int
    /// Whether negative positions count from the end (advanced indexing, `take`) or are out of
    /// range (`gather`, `scatter`, `index_select`, `index_add`).
    @usableFromInline package var allowsNegative: Bool

    /// An index tensor's buffer applied to a dim with the given stride and size.
    @usableFromInline package init(indices: StridedBuffer, stride: Int, size: Int, allowsNegative: Bool = true) {
        self.indices = indices
        self.stride = stride
        self.size = size
        self.allowsNegative = allowsNegative
    }

    /// The lowest valid position.
    @usableFromInline package var lowest: Int64 { allowsNegative ? -Int64(size) : 0 }
}

/// A position outside its dim, found by `index` or `indexPut`: the value, which of the kernel's
/// `IndexOperand`s held it, and that dim's size. The front end turns it into the op's message.
@usableFromInline package struct IndexOutOfRange: Error, Sendable, Equatable {
    /// The position found.
    @usableFromInline package let value: Int64
    /// Which `IndexOperand` held it.
    @usableFromInline package let operand: Int
    /// The size of that operand's dim.
    @usableFromInline package let size: Int

    /// A report of `value`, found in operand `operand` over a dim of `size`.
    @usableFromInline package init(value: Int64, operand: Int, size: Int) {
        self.value = value
        self.operand = operand
        self.size = size
    }
}

/// How `indexPut` combines a value with the element already there (`scatter`'s and
/// `scatter_reduce`'s `reduce`).
@usableFromInline package enum IndexReduction: Sendable, Hashable {
    /// Overwrite (the last write wins for repeated positions).
    case none
    /// Add (logical or for bool).
    case add
    /// Multiply (logical and for bool).
    case multiply
    /// The larger (logical or for bool); a NaN on either side wins, as in PyTorch's `amax`.
    case maximum
    /// The smaller (logical and for bool); a NaN on either side wins, as in PyTorch's `amin`.
    case minimum
}

// MARK: - Random family

/// What a random fill draws (the random kernel family: `uniform_`, `normal_`, `random_(from, to)`,
/// `randperm`). The samples come from a `Generator` in the device's own order.
@usableFromInline package enum RandomDistribution: Sendable, Hashable {
    /// Uniform samples from `[from, to)` (floating dtypes).
    case uniform(from: Double, to: Double)
    /// Normal samples (floating dtypes). `stridedPath` picks the path PyTorch takes for a tensor
    /// that is not contiguous (see Note [Random fills of strided tensors]).
    case normal(mean: Double, std: Double, stridedPath: Bool)
    /// Integers drawn uniformly from `low..<high` (any dtype; bool stores whether a draw is nonzero).
    case integers(low: Int64, high: Int64)
    /// A random permutation of `0..<count` where `count` is the output's size (int64 output).
    case permutation
    /// 1 with probability `p`, else 0 (any dtype; bool stores `true` and `false`).
    case bernoulli(p: Double)
}

// MARK: - Optimizer steps

/// One fused optimizer update of a parameter (see `Backend.optimizerStep`): the parameter
/// group's options and, for Adam, the bias corrections of the parameter's step count.
@usableFromInline package enum OptimizerStep: Sendable, Hashable {
    /// SGD's update (`torch.optim.SGD`); `firstStep` when the momentum buffer is new and becomes
    /// the gradient.
    case sgd(lr: Double, momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool,
             maximize: Bool, firstStep: Bool)
    /// Adam's or AdamW's update (`torch.optim.Adam`); `stepSize` is `lr / (1 - beta1^t)` and
    /// `biasCorrection2Sqrt` is `sqrt(1 - beta2^t)` for the step count `t`.
    case adam(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, decoupled: Bool,
              maximize: Bool, stepSize: Double, biasCorrection2Sqrt: Double)
    /// Adamax's update (`torch.optim.Adamax`) of `exp_avg` and `exp_inf`; `stepSize` is
    /// `lr / (1 - beta1^t)`.
    case adamax(beta1: Double, beta2: Double, eps: Double, weightDecay: Double, maximize: Bool, stepSize: Double)
    /// NAdam's update (`torch.optim.NAdam`) of `exp_avg` and `exp_avg_sq`; `biasCorrection2` is
    /// `1 - beta2^t`, and the two coefficients are the values of its `addcdiv_`s:
    /// `-lr * (1 - mu) / (1 - mu_product)` and `-lr * mu_next / (1 - mu_product * mu_next)`.
    case nadam(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, decoupled: Bool,
               maximize: Bool, biasCorrection2: Double, gradCoefficient: Double, expAvgCoefficient: Double)
    /// RAdam's update (`torch.optim.RAdam`) of `exp_avg` and `exp_avg_sq`; `biasCorrection1` is
    /// `1 - beta1^t`, `biasCorrection2Sqrt` is `sqrt(1 - beta2^t)`, and `rect` is the
    /// rectification term when `rho_t > 5` (`nil` for the unrectified step).
    case radam(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, decoupled: Bool,
               maximize: Bool, biasCorrection1: Double, biasCorrection2Sqrt: Double, rect: Double?)
    /// Adadelta's update (`torch.optim.Adadelta`) of `square_avg` and `acc_delta`.
    case adadelta(lr: Double, rho: Double, eps: Double, weightDecay: Double, maximize: Bool)
    /// Adagrad's update (`torch.optim.Adagrad`) of `sum`; `clr` is `lr / (1 + (t - 1) * lr_decay)`.
    case adagrad(clr: Double, eps: Double, weightDecay: Double, maximize: Bool)
    /// RMSprop's update (`torch.optim.RMSprop`) of `square_avg`, then `momentum_buffer` when
    /// `momentum > 0`, then `grad_avg` when `centered`.
    case rmsprop(lr: Double, alpha: Double, eps: Double, weightDecay: Double, momentum: Double, centered: Bool,
                 maximize: Bool)

    /// The name of PyTorch's fused kernel for this update, or of its single-tensor function where
    /// PyTorch has no fused kernel.
    package var atenName: String {
        switch self {
        case .sgd: "_fused_sgd_"
        case .adam: "_fused_adam_"
        case .adamax: "_single_tensor_adamax"
        case .nadam: "_single_tensor_nadam"
        case .radam: "_single_tensor_radam"
        case .adadelta: "_single_tensor_adadelta"
        case .adagrad: "_fused_adagrad_"
        case .rmsprop: "_single_tensor_rmsprop"
        }
    }
}
