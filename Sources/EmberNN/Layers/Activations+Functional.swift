import EmberCore

// MARK: - Functional activations
//
// PyTorch's `F.*` spellings of the activations. Each runs the tensor method that holds the op's
// one implementation (its in-place form for `inplace: true`), as the layers do.

extension Functional {
    /// `max(0, x)` (`F.relu(input, inplace=False)`).
    public static func relu(_ input: Tensor, inplace: Bool = false) -> Tensor {
        inplace ? input.relu_() : input.relu()
    }

    /// `x` where positive, `negativeSlope * x` elsewhere (`F.leaky_relu(input, negative_slope=0.01)`).
    public static func leakyRelu(_ input: Tensor, negativeSlope: Double = 0.01) -> Tensor {
        input.leakyRelu(negativeSlope: negativeSlope)
    }

    /// The Gaussian error linear unit (`F.gelu(input, approximate='none')`).
    public static func gelu(_ input: Tensor, approximate: Tensor.GeluApproximation = .none) -> Tensor {
        input.gelu(approximate: approximate)
    }

    /// `x * sigmoid(x)` (`F.silu(input, inplace=False)`).
    public static func silu(_ input: Tensor, inplace: Bool = false) -> Tensor {
        inplace ? input.silu_() : input.silu()
    }

    /// `x * tanh(softplus(x))` (`F.mish(input, inplace=False)`), recorded as `MishBackward0`.
    public static func mish(_ input: Tensor, inplace: Bool = false) -> Tensor {
        inplace ? input.mish_() : input.mish()
    }

    /// `1 / (1 + exp(-x))` (`F.sigmoid(input)`).
    public static func sigmoid(_ input: Tensor) -> Tensor { input.sigmoid() }

    /// The hyperbolic tangent (`F.tanh(input)`).
    public static func tanh(_ input: Tensor) -> Tensor { input.tanh() }

    /// Softmax along `dim` (`F.softmax(input, dim, dtype=None)`).
    public static func softmax(_ input: Tensor, dim: Int, dtype: DType? = nil) -> Tensor {
        input.softmax(dim: dim, dtype: dtype)
    }

    /// The softmax of `-input` along `dim` (`F.softmin(input, dim)`): `NegBackward0`, then
    /// `SoftmaxBackward0`.
    public static func softmin(_ input: Tensor, dim: Int, dtype: DType? = nil) -> Tensor {
        softmax(-input, dim: dim, dtype: dtype)
    }

    /// Log-softmax along `dim` (`F.log_softmax(input, dim, dtype=None)`).
    public static func logSoftmax(_ input: Tensor, dim: Int, dtype: DType? = nil) -> Tensor {
        input.logSoftmax(dim: dim, dtype: dtype)
    }

    /// `x` where positive, `alpha * (exp(x) - 1)` elsewhere (`F.elu(input, alpha=1.0)`).
    public static func elu(_ input: Tensor, alpha: Double = 1) -> Tensor { input.elu(alpha: alpha) }

    /// `log(1 + exp(beta * x)) / beta`, linear above `threshold` (`F.softplus(input, beta=1.0,
    /// threshold=20.0)`).
    public static func softplus(_ input: Tensor, beta: Double = 1, threshold: Double = 20) -> Tensor {
        input.softplus(beta: beta, threshold: threshold)
    }

    /// `x` clamped to `[minValue, maxValue]` (`F.hardtanh(input, min_val=-1.0, max_val=1.0)`).
    public static func hardtanh(_ input: Tensor, minValue: Double = -1, maxValue: Double = 1) -> Tensor {
        input.hardtanh(minValue: minValue, maxValue: maxValue)
    }

    /// `min(max(x, 0), 6)` (`F.relu6(input)`).
    public static func relu6(_ input: Tensor) -> Tensor { input.relu6() }

    /// `min(max(x + 3, 0), 6) / 6` (`F.hardsigmoid(input)`).
    public static func hardsigmoid(_ input: Tensor) -> Tensor { input.hardsigmoid() }

    /// `x * min(max(x + 3, 0), 6) / 6` (`F.hardswish(input)`).
    public static func hardswish(_ input: Tensor) -> Tensor { input.hardswish() }

    /// The scaled exponential linear unit (`F.selu(input)`).
    public static func selu(_ input: Tensor) -> Tensor { input.selu() }

    /// `max(0, x) + min(0, alpha * (exp(x / alpha) - 1))` (`F.celu(input, alpha=1.0)`).
    public static func celu(_ input: Tensor, alpha: Double = 1) -> Tensor { input.celu(alpha: alpha) }

    /// `x / (1 + |x|)` (`F.softsign(input)`).
    public static func softsign(_ input: Tensor) -> Tensor { input.softsign() }

    /// `log(sigmoid(x))`, computed without overflow as `min(x, 0) - log1p(exp(-|x|))`
    /// (`F.logsigmoid(input)`), recorded as `LogSigmoidBackward0`.
    public static func logsigmoid(_ input: Tensor) -> Tensor { Tensor.logSigmoid(input) }

    /// `x - tanh(x)` (`F.tanhshrink(input)`).
    public static func tanhshrink(_ input: Tensor) -> Tensor { input.tanhshrink() }

    /// The soft shrinkage (`F.softshrink(input, lambd=0.5)`).
    public static func softshrink(_ input: Tensor, lambd: Double = 0.5) -> Tensor { input.softshrink(lambd: lambd) }

    /// The hard shrinkage (`F.hardshrink(input, lambd=0.5)`).
    public static func hardshrink(_ input: Tensor, lambd: Double = 0.5) -> Tensor { input.hardshrink(lambd: lambd) }

    /// `value` where `x <= threshold`, `x` elsewhere (`F.threshold(input, threshold, value)`).
    public static func threshold(_ input: Tensor, _ threshold: Double, _ value: Double) -> Tensor {
        input.threshold(threshold, value: value)
    }

    /// The gated linear unit (`F.glu(input, dim=-1)`).
    public static func glu(_ input: Tensor, dim: Int = -1) -> Tensor { input.glu(dim: dim) }

    /// The parametric ReLU (`F.prelu(input, weight)`).
    public static func prelu(_ input: Tensor, weight: Tensor) -> Tensor { input.prelu(weight: weight) }
}
