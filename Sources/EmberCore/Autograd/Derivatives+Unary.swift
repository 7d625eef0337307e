import EmberBackend

// MARK: - Derivatives of the unary element-wise ops
//
// One entry per op, as PyTorch's derivatives.yaml: the node name, what is saved (the input `x`,
// the result `y`, or both), and the formula, written with differentiable tensor ops so that
// backward with `createGraph: true` records a graph of its own.
//
// Note [Fused first-order backward]
// A formula written with tensor ops runs one kernel and allocates one tensor per operation
// (`g * (1 - y * y)` is three of each). The activations and the libm functions therefore have a
// second, fused form: one backend kernel that reads the output gradient and the saved tensor and
// writes the input gradient in one pass (`Backend.unaryBackward`; on the CPU, VectorMath.c). The
// engine runs a backward pass with grad mode set to `createGraph`, so grad mode off means nobody
// will differentiate the gradient, and the fused kernel is used; with `createGraph` the composite
// formula runs and records its graph, as PyTorch's derivatives.yaml switches on
// `GradMode::is_enabled()`. Where both forms exist, they compute in the same operation order (the
// fused kernels follow PyTorch's tanh_backward, sigmoid_backward, gelu_backward, ... kernels),
// except where PyTorch's own two forms differ (mish and softplus: the kernel uses exp and log1p,
// the composite form softplus and sigmoid).

extension Tensor {
    /// Records the node of a unary op: `input` went in, `result` came out. With `asHardtanh` a
    /// clamp is recorded under hardtanh's name (`hardtanh` is a clamp recorded as `HardtanhBackward0`).
    package static func recordUnary(_ op: UnaryOp, input x: Tensor, result y: Tensor, asHardtanh: Bool = false) {
        func mask(_ m: Tensor, like g: Tensor) -> Tensor { m.to(g.dtype) }
        // The fused kernel's gradient where it applies, else the composite formula.
        func fused(_ g: [Tensor], _ s: [Tensor], _ composite: () -> Tensor) -> [Tensor] {
            [fusedUnaryBackward(op, gradient: g[0], saved: s[0]) ?? composite()]
        }
        let name: String
        var saving: [Tensor] = []
        let formula: FunctionNode.Backward
        switch op {
        case .neg: name = "NegBackward0"; formula = { g, _ in [-g[0]] }
        case .abs: name = "AbsBackward0"; saving = [x]; formula = { g, s in [g[0] * s[0].sign()] }
        case .sign: name = "SignBackward0"; formula = { g, _ in [Tensor.zeros(like: g[0])] }
        case .exp: name = "ExpBackward0"; saving = [y]; formula = { g, s in [g[0] * s[0]] }
        case .exp2: name = "Exp2Backward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0] * s[0] * 0.6931471805599453 } }
        case .expm1: name = "Expm1Backward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0] * (s[0] + 1) } }
        case .log: name = "LogBackward0"; saving = [x]; formula = { g, s in [g[0] / s[0]] }
        case .log2: name = "Log2Backward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] / (s[0] * 0.6931471805599453) } }
        case .log10: name = "Log10Backward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] / (s[0] * 2.302585092994046) } }
        case .log1p: name = "Log1PBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] / (s[0] + 1) } }
        case .sqrt: name = "SqrtBackward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0] / (s[0] * 2) } }
        case .rsqrt: name = "RsqrtBackward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0] * s[0].pow(3) * -0.5 } }
        case .square: name = "PowBackward0"; saving = [x]; formula = { g, s in [g[0] * s[0] * 2] }
        case .reciprocal: name = "ReciprocalBackward0"; saving = [y]; formula = { g, s in fused(g, s) { -g[0] * s[0] * s[0] } }
        case .sin: name = "SinBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] * s[0].cos() } }
        case .cos: name = "CosBackward0"; saving = [x]; formula = { g, s in fused(g, s) { -g[0] * s[0].sin() } }
        case .tan: name = "TanBackward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0] * (s[0] * s[0] + 1) } }
        case .asin: name = "AsinBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] * (1 - s[0] * s[0]).rsqrt() } }
        case .acos: name = "AcosBackward0"; saving = [x]; formula = { g, s in fused(g, s) { -g[0] * (1 - s[0] * s[0]).rsqrt() } }
        case .atan: name = "AtanBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] / (s[0] * s[0] + 1) } }
        case .sinh: name = "SinhBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] * s[0].cosh() } }
        case .cosh: name = "CoshBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] * s[0].sinh() } }
        case .tanh: name = "TanhBackward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0] * (1 - s[0] * s[0]) } }
        case .sigmoid: name = "SigmoidBackward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0] * (1 - s[0]) * s[0] } }
        case .relu:
            // PyTorch's threshold_backward(grad, result, 0): zero where the result is <= 0, the
            // gradient elsewhere, NaN results included (a product with a 0/1 mask would give NaN
            // for an infinite gradient and 0 at a NaN result).
            name = "ReluBackward0"; saving = [y]; formula = { g, s in fused(g, s) { g[0].maskedFill(s[0] .<= 0, 0) } }
        case .silu:
            name = "SiluBackward0"; saving = [x]
            formula = { g, s in
                fused(g, s) {
                    let sig = s[0].sigmoid()
                    return g[0] * sig * (1 + s[0] * (1 - sig))
                }
            }
        case .mish:
            name = "MishBackward0"; saving = [x]
            // First order: PyTorch's mish_backward, tanh(log1p(exp(x))); with createGraph its
            // infinitely differentiable form through softplus (threshold 20), as PyTorch's.
            formula = { g, s in
                fused(g, s) {
                    let t = s[0].softplus(beta: 1, threshold: 20).tanh()
                    return g[0] * (t + s[0] * s[0].sigmoid() * (1 - t * t))
                }
            }
        case .erf:
            name = "ErfBackward0"; saving = [x]
            formula = { g, s in fused(g, s) { g[0] * (-(s[0] * s[0])).exp() * 1.1283791670955126 } }
        case .floor, .ceil, .round, .trunc:
            name = "\(op)".prefix(1).uppercased() + "\(op)".dropFirst() + "Backward0"
            formula = { g, _ in [Tensor.zeros(like: g[0])] }
        case .frac: name = "FracBackward0"; formula = { g, _ in [g[0]] }
        case .gelu(let approximate):
            name = "GeluBackward0"; saving = [x]
            // PyTorch's gelu_backward, in its operation order.
            formula = { g, s in
                fused(g, s) {
                    let x = s[0]
                    if approximate {
                        let beta = 0.7978845608028654, kappa = 0.044715
                        let square = x * x
                        let t = ((x + square * x * kappa) * beta).tanh()
                        let left = x * 0.5, leftDerivative = (t + 1) * 0.5
                        let innerDerivative = (square * (3 * kappa) + 1) * beta
                        return g[0] * (leftDerivative + left * (1 - t * t) * innerDerivative)
                    }
                    let cdf = ((x * 0.7071067811865476).erf() + 1) * 0.5
                    let pdf = (x * x * -0.5).exp() * 0.3989422804014327
                    return g[0] * (cdf + x * pdf)
                }
            }
        case .leakyRelu(let slope):
            name = "LeakyReluBackward0"; saving = [x]
            formula = { g, s in
                fused(g, s) {
                    let positive = mask(s[0] .> 0, like: g[0])
                    return g[0] * (positive + (1 - positive) * slope)
                }
            }
        case .elu(let alpha):
            // PyTorch's elu_backward from the result: `g * (y + alpha)` where y <= 0, `g`
            // elsewhere, so +inf and NaN results pass the gradient as it is.
            name = "EluBackward0"; saving = [y]
            formula = { g, s in fused(g, s) { Tensor.where(s[0] .<= 0, g[0] * (s[0] + alpha), g[0]) } }
        case .softplus(let beta, let threshold):
            name = "SoftplusBackward0"; saving = [x]
            // First order: PyTorch's softplus_backward, `g * z / (z + 1)` with z = exp(beta x).
            formula = { g, s in
                fused(g, s) {
                    let z = s[0] * beta
                    let linear = mask(z .> threshold, like: g[0])
                    return g[0] * (linear + (1 - linear) * z.sigmoid())
                }
            }
        case .clamp(let lo, let hi):
            name = "ClampBackward1"; saving = [x]
            formula = { g, s in
                // PyTorch's boundary convention: the gradient passes where min < x < max (none at a bound).
                var keep = Tensor.ones(like: g[0])
                if let lo { keep = keep * mask(s[0].gt(lo), like: g[0]) }
                if let hi { keep = keep * mask(s[0].lt(hi), like: g[0]) }
                return [g[0] * keep]
            }
        case .logit(let eps):
            name = "LogitBackward0"; saving = [x]
            formula = { g, s in
                // PyTorch's logit_backward: NaN outside [0, 1] without eps; with eps, 0 outside
                // [eps, 1 - eps] (a NaN input included).
                let d = g[0] / (s[0] * (1 - s[0]))
                if let eps {
                    let upper: Double = 1 - eps
                    return [Tensor.where((s[0] .>= eps) .& (s[0] .<= upper), d, 0.0)]
                }
                return [Tensor.where((s[0] .< 0) .| (s[0] .> 1), Double.nan, d)]
            }
        case .nanToNum:
            name = "NanToNumBackward0"; saving = [x]
            formula = { g, s in [g[0] * mask(s[0].isfinite(), like: g[0])] }
        case .powScalar(let exponent):
            name = "PowBackward0"; saving = [x]
            formula = { g, s in
                let e = exponent.doubleValue
                if e == 0 { return [Tensor.zeros(like: g[0])] }
                return [g[0] * s[0].pow(e - 1) * e]
            }
        case .scalarPow(let base):
            name = "PowBackward2"; saving = [y]
            formula = { g, s in [g[0] * s[0] * naturalLog(base.doubleValue)] }
        case .asinh: name = "AsinhBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] * (s[0] * s[0] + 1).rsqrt() } }
        case .acosh: name = "AcoshBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] * (s[0] * s[0] - 1).rsqrt() } }
        case .atanh: name = "AtanhBackward0"; saving = [x]; formula = { g, s in fused(g, s) { g[0] / (1 - s[0] * s[0]) } }
        case .erfc:
            name = "ErfcBackward0"; saving = [x]
            formula = { g, s in fused(g, s) { (-(s[0] * s[0])).exp() * -1.1283791670955126 * g[0] } }
        case .erfinv:
            // 0.5 * sqrt(pi) * exp(erfinv(x)^2), from the input as PyTorch saves it.
            name = "ErfinvBackward0"; saving = [x]
            formula = { g, s in
                let e = s[0].erfinv()
                return [(e * e).exp() * 0.886226925452758 * g[0]]
            }
        case .lgamma: name = "LgammaBackward0"; saving = [x]; formula = { g, s in [g[0] * s[0].digamma()] }
        case .digamma:
            name = "DigammaBackward0"; saving = [x]
            formula = { g, s in [g[0] * (try s[0].unary(.polygamma(1), floatingOnly: true))] }
        case .polygamma(let n):
            // digamma's derivatives: d/dx polygamma(n, x) = polygamma(n + 1, x).
            name = "PolygammaBackward0"; saving = [x]
            formula = { g, s in [g[0] * (try s[0].unary(.polygamma(n + 1), floatingOnly: true))] }
        case .sgn: name = "SgnBackward0"; formula = { g, _ in [Tensor.zeros(like: g[0])] }
        case .roundDecimals: name = "RoundBackward1"; formula = { g, _ in [Tensor.zeros(like: g[0])] }
        case .isnan, .isinf, .isfinite, .logicalNot, .signbit, .bitwiseNot:
            return
        }
        record(asHardtanh ? "HardtanhBackward0" : name, inputs: [x], outputs: [y], saving: saving, backward: formula)
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) func naturalLog(_ x: Double) -> Double { Glibc.log(x) }
#endif

extension Tensor {
    /// The input gradient of `op` from the fused backend kernel (see Note [Fused first-order
    /// backward]), or `nil` where it does not apply: grad mode on (`createGraph`), dtypes or
    /// shapes that differ, a backend without the kernel.
    static func fusedUnaryBackward(_ op: UnaryOp, gradient g: Tensor, saved: Tensor) -> Tensor? {
        guard !isGradEnabled, g.dtype == saved.dtype, g.dtype.isFloatingPoint, g.device == saved.device,
              g.layout.shape == saved.layout.shape, let out = try? saved.uninitializedLike() else { return nil }
        return g.backend.unaryBackward(op, gradient: g.buffer, saved: saved.buffer, into: out.buffer) ? out : nil
    }

    /// `clamp_min(min)`: `ClampMinBackward0`, the gradient where `x > min` (none at the bound).
    package static func recordClampMin(_ input: Tensor, min: Scalar, result: Tensor) {
        record("ClampMinBackward0", inputs: [input], outputs: [result], saving: [input]) { g, s in
            [g[0] * s[0].gt(min).to(g[0].dtype)]
        }
    }
}

extension UnaryOp {
    /// Whether the derivative recorded above saves the op's input (`saving = [x]`) rather than
    /// its result or nothing: a recorded in-place form must then keep the values it overwrites
    /// (see `originalForInPlace`). Keep in step with the formulas above.
    var derivativeReadsInput: Bool {
        switch self {
        case .neg, .exp, .exp2, .expm1, .sqrt, .rsqrt, .reciprocal, .tan, .tanh, .sigmoid, .relu, .elu,
             .sign, .floor, .ceil, .round, .trunc, .frac, .scalarPow, .isnan, .isinf, .isfinite, .logicalNot,
             .sgn, .signbit, .bitwiseNot, .roundDecimals:
            false
        default:
            true
        }
    }
}
