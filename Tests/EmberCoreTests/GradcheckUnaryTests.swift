import Testing
import EmberTestSupport
@testable import EmberCore

/// First and second derivatives of the unary element-wise ops, by finite differences in float64
/// over every layout (`expectGradients`). Inputs stay inside each op's domain and away from its
/// kinks; node names are PyTorch's.
@Suite struct GradcheckUnaryTests {
    static let smooth: [GradientCase] = [
        GradientCase("neg", secondOrder: true, node: "NegBackward0") { -$0[0] },
        GradientCase("abs", secondOrder: true, node: "AbsBackward0") { $0[0].abs() },
        GradientCase("exp", secondOrder: true, node: "ExpBackward0") { $0[0].exp() },
        GradientCase("exp2", secondOrder: true, node: "Exp2Backward0") { $0[0].exp2() },
        GradientCase("expm1", secondOrder: true, node: "Expm1Backward0") { $0[0].expm1() },
        GradientCase("log", range: 0.2...2, secondOrder: true, node: "LogBackward0") { $0[0].log() },
        GradientCase("log2", range: 0.2...2, secondOrder: true, node: "Log2Backward0") { $0[0].log2() },
        GradientCase("log10", range: 0.2...2, secondOrder: true, node: "Log10Backward0") { $0[0].log10() },
        GradientCase("log1p", range: -0.6...2, secondOrder: true, node: "Log1PBackward0") { $0[0].log1p() },
        GradientCase("sqrt", range: 0.2...2, secondOrder: true, node: "SqrtBackward0") { $0[0].sqrt() },
        GradientCase("rsqrt", range: 0.2...2, secondOrder: true, node: "RsqrtBackward0") { $0[0].rsqrt() },
        GradientCase("square", secondOrder: true, node: "PowBackward0") { $0[0].square() },
        GradientCase("reciprocal", range: 0.3...2, secondOrder: true, node: "ReciprocalBackward0") { $0[0].reciprocal() },
        GradientCase("reciprocal of negatives", range: -2 ... -0.3, secondOrder: true) { $0[0].reciprocal() },
        GradientCase("sin", range: -3...3, secondOrder: true, node: "SinBackward0") { $0[0].sin() },
        GradientCase("cos", range: -3...3, secondOrder: true, node: "CosBackward0") { $0[0].cos() },
        GradientCase("tan", range: -1.2...1.2, secondOrder: true, node: "TanBackward0") { $0[0].tan() },
        GradientCase("asin", range: -0.9...0.9, secondOrder: true, node: "AsinBackward0") { $0[0].asin() },
        GradientCase("acos", range: -0.9...0.9, secondOrder: true, node: "AcosBackward0") { $0[0].acos() },
        GradientCase("atan", range: -3...3, secondOrder: true, node: "AtanBackward0") { $0[0].atan() },
        GradientCase("sinh", secondOrder: true, node: "SinhBackward0") { $0[0].sinh() },
        GradientCase("cosh", secondOrder: true, node: "CoshBackward0") { $0[0].cosh() },
        GradientCase("tanh", secondOrder: true, node: "TanhBackward0") { $0[0].tanh() },
        GradientCase("sigmoid", range: -3...3, secondOrder: true, node: "SigmoidBackward0") { $0[0].sigmoid() },
        GradientCase("logit", range: 0.1...0.9, secondOrder: true, node: "LogitBackward0") { $0[0].logit() },
        GradientCase("logit eps", range: 0.02...0.98, secondOrder: true, node: "LogitBackward0") { $0[0].logit(eps: 0.15) },
        GradientCase("erf", secondOrder: true, node: "ErfBackward0") { $0[0].erf() },
        GradientCase("relu", secondOrder: true, node: "ReluBackward0") { $0[0].relu() },
        GradientCase("leakyRelu", secondOrder: true, node: "LeakyReluBackward0") { $0[0].leakyRelu(negativeSlope: 0.2) },
        GradientCase("elu", secondOrder: true, node: "EluBackward0") { $0[0].elu(alpha: 1.5) },
        GradientCase("gelu", range: -3...3, secondOrder: true, node: "GeluBackward0") { $0[0].gelu() },
        GradientCase("gelu tanh", range: -3...3, secondOrder: true, node: "GeluBackward0") { $0[0].gelu(approximate: "tanh") },
        GradientCase("silu", range: -3...3, secondOrder: true, node: "SiluBackward0") { $0[0].silu() },
        GradientCase("softplus", secondOrder: true, node: "SoftplusBackward0") { $0[0].softplus() },
        GradientCase("softplus beta threshold", secondOrder: true) { $0[0].softplus(beta: 2, threshold: 1.5) },
        GradientCase("hardtanh", secondOrder: true, node: "HardtanhBackward0") { $0[0].hardtanh(minValue: -0.8, maxValue: 0.9) },
        GradientCase("clamp", secondOrder: true, node: "ClampBackward1") { $0[0].clamp(min: -0.5, max: 0.7) },
        GradientCase("clamp min", secondOrder: true, node: "ClampBackward1") { $0[0].clamp(min: -0.5) },
        GradientCase("clamp max", secondOrder: true, node: "ClampBackward1") { $0[0].clamp(max: 0.7) },
        GradientCase("frac", range: -3...3, secondOrder: true, node: "FracBackward0") { $0[0].frac() },
        GradientCase("nanToNum", secondOrder: true, node: "NanToNumBackward0") { $0[0].nanToNum() },
        GradientCase("pow 3", secondOrder: true, node: "PowBackward0") { $0[0].pow(3) },
        GradientCase("pow 2.5", range: 0.2...2, secondOrder: true, node: "PowBackward0") { $0[0].pow(2.5) },
        GradientCase("pow -1.5", range: 0.2...2, secondOrder: true, node: "PowBackward0") { $0[0].pow(-1.5) },
        GradientCase("pow 1", secondOrder: true, node: "PowBackward0") { $0[0].pow(1) },
    ]

    @Test(arguments: smooth) func firstAndSecondOrder(_ c: GradientCase) { c.check() }

    /// Piecewise-constant ops (and `x ** 0`): zero gradients (their first-order gradient does not depend on the
    /// incoming gradient, so there is no second order to check).
    static let steps: [GradientCase] = [
        GradientCase("sign", node: "SignBackward0") { $0[0].sign() },
        GradientCase("floor", range: -3...3, node: "FloorBackward0") { $0[0].floor() },
        GradientCase("ceil", range: -3...3, node: "CeilBackward0") { $0[0].ceil() },
        GradientCase("round", range: -3...3, node: "RoundBackward0") { $0[0].round() },
        GradientCase("trunc", range: -3...3, node: "TruncBackward0") { $0[0].trunc() },
        GradientCase("pow 0", node: "PowBackward0") { $0[0].pow(0) },
    ]

    @Test(arguments: steps) func piecewiseConstant(_ c: GradientCase) { c.check() }

    /// Gradients at the kinks, where finite differences cannot decide: PyTorch's conventions
    /// (values from PyTorch 2.x): none at a clamp or hardtanh bound, relu's 0 and leaky relu's
    /// slope at 0, elu's negative branch at 0, abs's 0 at 0, softplus's sigmoid at its threshold,
    /// logit's bounds kept, nothing through NaN and infinities in nanToNum.
    @Test func kinksFollowPyTorch() throws {
        func grad(_ values: [Double], _ f: (Tensor) -> Tensor) throws -> [Double] {
            let x = Tensor(shape: [values.count], data: values, dtype: .float64).requiresGrad_()
            try f(x).sum().backward()
            return try #require(x.grad).scalars(as: Double.self)
        }
        let v = [-1.0, 0, 1]
        #expect(try grad(v) { $0.relu() } == [0, 0, 1])
        #expect(try grad(v) { $0.leakyRelu(negativeSlope: 0.2) } == [0.2, 0.2, 1])
        #expect(try grad(v) { $0.elu(alpha: 1.5) } == [0.5518191617571635, 1.5, 1])
        #expect(try grad(v) { $0.abs() } == [-1, 0, 1])
        #expect(try grad(v) { $0.sign() } == [0, 0, 0])
        #expect(try grad([0, 1, 0.5]) { $0.clamp(min: 0, max: 1) } == [0, 0, 1])
        #expect(try grad([0, 1, 0.5]) { $0.clamp(min: 0) } == [0, 1, 1])
        #expect(try grad([0, 1, 0.5]) { $0.clamp(max: 1) } == [1, 0, 1])
        #expect(try grad(v) { $0.hardtanh() } == [0, 1, 0])
        #expect(try grad([-0.5, 0, 1]) { $0.hardtanh(minValue: -0.5, maxValue: 1) } == [0, 1, 0])
        let softplus = try grad([1, 0.99, 1.01]) { $0.softplus(beta: 2, threshold: 2) }
        #expect(Swift.abs(softplus[0] - 0.8807970779778824) < 1e-15 && softplus[2] == 1)
        let logit = try grad([0.2, 0.5, 0.8, 0.1]) { $0.logit(eps: 0.2) }
        #expect(Swift.abs(logit[0] - 6.25) < 1e-12 && logit[1] == 4 && Swift.abs(logit[2] - 6.25) < 1e-12 && logit[3] == 0)
        #expect(try grad([.nan, .infinity, 1]) { $0.nanToNum() } == [0, 0, 1])
        #expect(try grad([0]) { $0.gelu() } == [0.5])
        #expect(try grad([0]) { $0.silu() } == [0.5])
    }

    /// Scalar shapes and a 3-D input go through the same checks.
    @Test func otherRanks() {
        expectGradients("exp 0-dim", shapes: [[]], secondOrder: true) { $0[0].exp() }
        expectGradients("tanh 3-D", shapes: [[2, 3, 2]], secondOrder: true) { $0[0].tanh() }
    }
}
