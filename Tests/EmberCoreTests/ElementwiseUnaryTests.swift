// ElementwiseUnaryTests.swift
//
// Every unary element-wise op (`neg abs sign exp ... nanToNum`, `clamp` with scalar bounds,
// `pow` with a scalar exponent, the activations) on float32, float64, int32, int64 and bool
// inputs where PyTorch supports the combination, on every layout of the same logical tensor.
// Expected values and result dtypes were printed by PyTorch 2.15 for
// `x = torch.tensor(<base>, dtype=...).reshape(2, 6)`, e.g.
// `torch.nn.functional.gelu(x, approximate='tanh').tolist()`. Integer and bool inputs of the
// floating ops give float32; the 12 base values are stacked twice (shape [2, 2, 6]) so that an
// expanded (stride-0) layout exists too.

import Testing
@testable import EmberCore
import EmberTestSupport

/// One unary op on one input dtype, with PyTorch's result dtype and values for the base input.
struct EWUnaryCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: DType
    let op: @Sendable (Tensor) -> Tensor
    let output: DType
    let expected: [Double]
    /// A looser absolute tolerance where PyTorch's own float32 results vary (see `gelu`).
    let atol: Double?
    init(_ name: String, _ input: DType, _ op: @escaping @Sendable (Tensor) -> Tensor, _ output: DType, _ expected: [Double],
         atol: Double? = nil) {
        self.name = name
        self.input = input
        self.op = op
        self.output = output
        self.expected = expected
        self.atol = atol
    }
    var testDescription: String { "\(name) \(input)" }
}

typealias EWUnaryErrorCase = OpErrorCase

extension OpErrorCase {
    /// A unary op on an input dtype PyTorch has no kernel for, with its exception kind and
    /// message; the op runs on `EWUnaryInputs.base(input)` in shape [2, 6].
    init(_ name: String, _ input: DType, _ op: @escaping @Sendable (Tensor) -> Void, _ error: TensorError) {
        self.init("\(name) \(input)", error.kind, error.message) {
            op(Tensor(shape: [2, 6], data: EWUnaryInputs.base(input), dtype: input))
        }
    }
}

enum EWUnaryInputs {
    static let float: [Double] = [-3.0, -1.5, -0.75, -0.25, 0.0, 0.2, 0.5, 0.9, 1.0, 2.5, 4.0, 9.5]
    static let int: [Double] = [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]
    static let bool: [Double] = [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]
    /// NaN, +inf, -inf, -0.0, 0.0, 1.0 (shape [6]).
    static let special: [Double] = [.nan, .infinity, -.infinity, -0.0, 0.0, 1.0]

    static func base(_ dtype: DType) -> [Double] {
        switch dtype {
        case .float32, .float64: float
        case .int32, .int64: int
        case .bool: bool
        }
    }
}

enum EWUnaryCases {
    static let all: [EWUnaryCase] = makeAll()
    static let special: [EWUnaryCase] = makeSpecial()
    static let unsupported: [EWUnaryErrorCase] = makeUnsupported()

    private static func makeUnsupported() -> [EWUnaryErrorCase] {
        var c: [EWUnaryErrorCase] = []
        c.append(EWUnaryErrorCase("leakyRelu", .int64, { x in _ = x.leakyRelu() }, .init(.notImplementedError, "\"leaky_relu_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("leakyRelu(0.2)", .int64, { x in _ = x.leakyRelu(negativeSlope: 0.2) }, .init(.notImplementedError, "\"leaky_relu_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("elu", .int64, { x in _ = x.elu() }, .init(.notImplementedError, "\"elu_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("elu(0.5)", .int64, { x in _ = x.elu(alpha: 0.5) }, .init(.notImplementedError, "\"elu_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("gelu", .int64, { x in _ = x.gelu() }, .init(.notImplementedError, "\"GeluKernelImpl\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("gelu(tanh)", .int64, { x in _ = x.gelu(approximate: "tanh") }, .init(.notImplementedError, "\"GeluKernelImpl\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("silu", .int64, { x in _ = x.silu() }, .init(.notImplementedError, "\"silu_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("softplus", .int64, { x in _ = x.softplus() }, .init(.notImplementedError, "\"softplus_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("softplus(2,3)", .int64, { x in _ = x.softplus(beta: 2, threshold: 3) }, .init(.notImplementedError, "\"softplus_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("frac", .int64, { x in _ = x.frac() }, .init(.notImplementedError, "\"frac_cpu\" not implemented for 'Long'")))
        c.append(EWUnaryErrorCase("leakyRelu", .int32, { x in _ = x.leakyRelu() }, .init(.notImplementedError, "\"leaky_relu_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("leakyRelu(0.2)", .int32, { x in _ = x.leakyRelu(negativeSlope: 0.2) }, .init(.notImplementedError, "\"leaky_relu_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("elu", .int32, { x in _ = x.elu() }, .init(.notImplementedError, "\"elu_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("elu(0.5)", .int32, { x in _ = x.elu(alpha: 0.5) }, .init(.notImplementedError, "\"elu_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("gelu", .int32, { x in _ = x.gelu() }, .init(.notImplementedError, "\"GeluKernelImpl\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("gelu(tanh)", .int32, { x in _ = x.gelu(approximate: "tanh") }, .init(.notImplementedError, "\"GeluKernelImpl\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("silu", .int32, { x in _ = x.silu() }, .init(.notImplementedError, "\"silu_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("softplus", .int32, { x in _ = x.softplus() }, .init(.notImplementedError, "\"softplus_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("softplus(2,3)", .int32, { x in _ = x.softplus(beta: 2, threshold: 3) }, .init(.notImplementedError, "\"softplus_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("frac", .int32, { x in _ = x.frac() }, .init(.notImplementedError, "\"frac_cpu\" not implemented for 'Int'")))
        c.append(EWUnaryErrorCase("neg", .bool, { x in _ = -x }, .init(.notImplementedError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        c.append(EWUnaryErrorCase("neg()", .bool, { x in _ = x.neg() }, .init(.notImplementedError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        c.append(EWUnaryErrorCase("abs", .bool, { x in _ = x.abs() }, .init(.notImplementedError, "\"abs_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("relu", .bool, { x in _ = x.relu() }, .init(.notImplementedError, "Boolean inputs not supported for relu")))
        c.append(EWUnaryErrorCase("leakyRelu", .bool, { x in _ = x.leakyRelu() }, .init(.notImplementedError, "\"leaky_relu_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("leakyRelu(0.2)", .bool, { x in _ = x.leakyRelu(negativeSlope: 0.2) }, .init(.notImplementedError, "\"leaky_relu_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("elu", .bool, { x in _ = x.elu() }, .init(.notImplementedError, "\"elu_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("elu(0.5)", .bool, { x in _ = x.elu(alpha: 0.5) }, .init(.notImplementedError, "\"elu_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("gelu", .bool, { x in _ = x.gelu() }, .init(.notImplementedError, "\"GeluKernelImpl\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("gelu(tanh)", .bool, { x in _ = x.gelu(approximate: "tanh") }, .init(.notImplementedError, "\"GeluKernelImpl\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("silu", .bool, { x in _ = x.silu() }, .init(.notImplementedError, "\"silu_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("softplus", .bool, { x in _ = x.softplus() }, .init(.notImplementedError, "\"softplus_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("softplus(2,3)", .bool, { x in _ = x.softplus(beta: 2, threshold: 3) }, .init(.notImplementedError, "\"softplus_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("hardtanh", .bool, { x in _ = x.hardtanh() }, .init(.notImplementedError, "Bool inputs not supported for hardtanh")))
        c.append(EWUnaryErrorCase("hardtanh(-0.5,2)", .bool, { x in _ = x.hardtanh(minValue: -0.5, maxValue: 2) }, .init(.notImplementedError, "Bool inputs not supported for hardtanh")))
        c.append(EWUnaryErrorCase("floor", .bool, { x in _ = x.floor() }, .init(.notImplementedError, "\"floor_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("ceil", .bool, { x in _ = x.ceil() }, .init(.notImplementedError, "\"ceil_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("round", .bool, { x in _ = x.round() }, .init(.notImplementedError, "\"round_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("trunc", .bool, { x in _ = x.trunc() }, .init(.notImplementedError, "\"trunc_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWUnaryErrorCase("frac", .bool, { x in _ = x.frac() }, .init(.notImplementedError, "\"frac_cpu\" not implemented for 'Bool'")))
        return c
    }

    private static func makeAll() -> [EWUnaryCase] {
        var c: [EWUnaryCase] = []
        c.append(EWUnaryCase("neg", .float32, { x in -x }, .float32, [3, 1.5, 0.75, 0.25, -0.0, -0.20000000298023224, -0.5, -0.8999999761581421, -1, -2.5, -4, -9.5]))
        c.append(EWUnaryCase("neg()", .float32, { x in x.neg() }, .float32, [3, 1.5, 0.75, 0.25, -0.0, -0.20000000298023224, -0.5, -0.8999999761581421, -1, -2.5, -4, -9.5]))
        c.append(EWUnaryCase("abs", .float32, { x in x.abs() }, .float32, [3, 1.5, 0.75, 0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("sign", .float32, { x in x.sign() }, .float32, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("exp", .float32, { x in x.exp() }, .float32, [0.049787066876888275, 0.22313016653060913, 0.4723665416240692, 0.7788007855415344, 1, 1.2214027643203735, 1.6487212181091309, 2.4596030712127686, 2.7182817459106445, 12.182494163513184, 54.598148345947266, 13359.7265625]))
        c.append(EWUnaryCase("exp2", .float32, { x in x.exp2() }, .float32, [0.125, 0.3535533845424652, 0.5946035385131836, 0.8408964276313782, 1, 1.148698329925537, 1.4142135381698608, 1.8660659790039062, 2, 5.656854152679443, 16, 724.0773315429688]))
        c.append(EWUnaryCase("expm1", .float32, { x in x.expm1() }, .float32, [-0.9502129554748535, -0.7768698334693909, -0.5276334285736084, -0.22119921445846558, 0, 0.22140276432037354, 0.6487212777137756, 1.4596030712127686, 1.718281865119934, 11.182494163513184, 53.598148345947266, 13358.7265625]))
        c.append(EWUnaryCase("log", .float32, { x in x.log() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, -1.6094379425048828, -0.6931471824645996, -0.10536053776741028, 0, 0.9162907600402832, 1.3862943649291992, 2.2512917518615723]))
        c.append(EWUnaryCase("log2", .float32, { x in x.log2() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, -2.321928024291992, -1, -0.15200312435626984, 0, 1.3219281435012817, 2, 3.24792742729187]))
        c.append(EWUnaryCase("log10", .float32, { x in x.log10() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, -0.6989700198173523, -0.3010300099849701, -0.04575750231742859, 0, 0.3979400098323822, 0.6020600199699402, 0.9777235984802246]))
        c.append(EWUnaryCase("log1p", .float32, { x in x.log1p() }, .float32, [.nan, .nan, -1.3862943649291992, -0.28768208622932434, 0, 0.18232156336307526, 0.40546509623527527, 0.6418538689613342, 0.6931471824645996, 1.2527629137039185, 1.6094379425048828, 2.3513753414154053]))
        c.append(EWUnaryCase("sqrt", .float32, { x in x.sqrt() }, .float32, [.nan, .nan, .nan, .nan, 0, 0.44721361994743347, 0.7071067690849304, 0.9486833214759827, 1, 1.5811388492584229, 2, 3.082206964492798]))
        c.append(EWUnaryCase("rsqrt", .float32, { x in x.rsqrt() }, .float32, [.nan, .nan, .nan, .nan, .infinity, 2.2360680103302, 1.4142135381698608, 1.0540926456451416, 1, 0.6324555277824402, 0.5, 0.3244428336620331]))
        c.append(EWUnaryCase("square", .float32, { x in x.square() }, .float32, [9, 2.25, 0.5625, 0.0625, 0, 0.04000000283122063, 0.25, 0.809999942779541, 1, 6.25, 16, 90.25]))
        c.append(EWUnaryCase("reciprocal", .float32, { x in x.reciprocal() }, .float32, [-0.3333333432674408, -0.6666666865348816, -1.3333333730697632, -4, .infinity, 5, 2, 1.1111111640930176, 1, 0.4000000059604645, 0.25, 0.10526315867900848]))
        c.append(EWUnaryCase("sin", .float32, { x in x.sin() }, .float32, [-0.14112000167369843, -0.9974949955940247, -0.681638777256012, -0.24740396440029144, 0, 0.19866932928562164, 0.4794255495071411, 0.7833268642425537, 0.8414709568023682, 0.5984721183776855, -0.756802499294281, -0.07515112310647964]))
        c.append(EWUnaryCase("cos", .float32, { x in x.cos() }, .float32, [-0.9899924993515015, 0.07073719799518585, 0.7316888570785522, 0.9689124226570129, 1, 0.9800665974617004, 0.8775825500488281, 0.6216099858283997, 0.5403023362159729, -0.8011435866355896, -0.6536436080932617, -0.9971721768379211]))
        c.append(EWUnaryCase("tan", .float32, { x in x.tan() }, .float32, [0.14254654943943024, -14.101419448852539, -0.9315964579582214, -0.25534191727638245, 0, 0.20271004736423492, 0.5463024973869324, 1.2601581811904907, 1.5574077367782593, -0.7470223307609558, 1.1578212976455688, 0.07536423951387405]))
        c.append(EWUnaryCase("asin", .float32, { x in x.asin() }, .float32, [.nan, .nan, -0.8480620980262756, -0.252680242061615, 0, 0.20135793089866638, 0.5235987901687622, 1.1197694540023804, 1.5707963705062866, .nan, .nan, .nan]))
        c.append(EWUnaryCase("acos", .float32, { x in x.acos() }, .float32, [.nan, .nan, 2.418858528137207, 1.8234765529632568, 1.5707963705062866, 1.3694384098052979, 1.0471975803375244, 0.4510268568992615, 0, .nan, .nan, .nan]))
        c.append(EWUnaryCase("atan", .float32, { x in x.atan() }, .float32, [-1.249045729637146, -0.9827936887741089, -0.6435011029243469, -0.244978666305542, 0, 0.19739556312561035, 0.46364760398864746, 0.7328150868415833, 0.7853981852531433, 1.1902899742126465, 1.3258177042007446, 1.4659193754196167]))
        c.append(EWUnaryCase("sinh", .float32, { x in x.sinh() }, .float32, [-10.017874717712402, -2.129279375076294, -0.8223167061805725, -0.25261232256889343, 0, 0.20133601129055023, 0.5210952758789062, 1.0265166759490967, 1.175201177597046, 6.050204753875732, 27.289918899536133, 6679.86328125]))
        c.append(EWUnaryCase("cosh", .float32, { x in x.cosh() }, .float32, [10.067662239074707, 2.352409601211548, 1.2946833372116089, 1.0314130783081055, 1, 1.020066738128662, 1.1276259422302246, 1.4330863952636719, 1.5430805683135986, 6.132289409637451, 27.308231353759766, 6679.86328125]))
        c.append(EWUnaryCase("tanh", .float32, { x in x.tanh() }, .float32, [-0.9950547814369202, -0.9051482677459717, -0.6351489424705505, -0.24491865932941437, 0, 0.1973753273487091, 0.46211716532707214, 0.7162978649139404, 0.7615941762924194, 0.9866142868995667, 0.9993293285369873, 1]))
        c.append(EWUnaryCase("sigmoid", .float32, { x in x.sigmoid() }, .float32, [0.04742587357759476, 0.18242552876472473, 0.32082128524780273, 0.43782350420951843, 0.5, 0.5498339533805847, 0.622459352016449, 0.7109494805335999, 0.7310585975646973, 0.9241418242454529, 0.9820137619972229, 0.9999251365661621]))
        c.append(EWUnaryCase("erf", .float32, { x in x.erf() }, .float32, [-0.9999778866767883, -0.9661051630973816, -0.7111556529998779, -0.27632638812065125, 0, 0.22270259261131287, 0.5204998850822449, 0.7969081997871399, 0.8427007794380188, 0.9995930194854736, 1, 1]))
        c.append(EWUnaryCase("logit", .float32, { x in x.logit() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, -1.3862943649291992, 0, 2.1972243785858154, .infinity, .nan, .nan, .nan]))
        c.append(EWUnaryCase("logit(eps: 0.25)", .float32, { x in x.logit(eps: 0.25) }, .float32, [-1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, 0, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973]))
        c.append(EWUnaryCase("relu", .float32, { x in x.relu() }, .float32, [0, 0, 0, 0, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("leakyRelu", .float32, { x in x.leakyRelu() }, .float32, [-0.029999999329447746, -0.014999999664723873, -0.007499999832361937, -0.0024999999441206455, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("leakyRelu(0.2)", .float32, { x in x.leakyRelu(negativeSlope: 0.2) }, .float32, [-0.6000000238418579, -0.30000001192092896, -0.15000000596046448, -0.05000000074505806, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("elu", .float32, { x in x.elu() }, .float32, [-0.9502129554748535, -0.7768698334693909, -0.5276334285736084, -0.22119921445846558, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("elu(0.5)", .float32, { x in x.elu(alpha: 0.5) }, .float32, [-0.47510647773742676, -0.38843491673469543, -0.2638167142868042, -0.11059960722923279, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("gelu", .float32, { x in x.gelu() }, .float32, [-0.004049867391586304, -0.10021086037158966, -0.16997046768665314, -0.10032343119382858, 0, 0.11585195362567902, 0.3457311987876892, 0.7343459129333496, 0.8413447141647339, 2.48447585105896, 3.999873161315918, 9.5], atol: 1e-6))
        c.append(EWUnaryCase("gelu(tanh)", .float32, { x in x.gelu(approximate: "tanh") }, .float32, [-0.0036374330520629883, -0.10042843222618103, -0.17003947496414185, -0.10032464563846588, 0, 0.11585142463445663, 0.3457140028476715, 0.7342284917831421, 0.8411920070648193, 2.4849157333374023, 3.999929904937744, 9.5]))
        c.append(EWUnaryCase("silu", .float32, { x in x.silu() }, .float32, [-0.14227761328220367, -0.2736382782459259, -0.24061596393585205, -0.10945587605237961, 0, 0.10996679961681366, 0.3112296760082245, 0.6398544907569885, 0.7310585975646973, 2.310354471206665, 3.9280550479888916, 9.499288558959961]))
        c.append(EWUnaryCase("softplus", .float32, { x in x.softplus() }, .float32, [0.04858735203742981, 0.20141328871250153, 0.38687101006507874, 0.575939416885376, 0.6931471824645996, 0.7981388568878174, 0.9740769863128662, 1.2411538362503052, 1.31326162815094, 2.578889846801758, 4.0181498527526855, 9.50007438659668]))
        c.append(EWUnaryCase("softplus(2,3)", .float32, { x in x.softplus(beta: 2, threshold: 3) }, .float32, [0.0012378426035866141, 0.024293676018714905, 0.10070664435625076, 0.2370384931564331, 0.3465735912322998, 0.4565076231956482, 0.65663081407547, 0.9764888286590576, 1.0634640455245972, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("hardtanh", .float32, { x in x.hardtanh() }, .float32, [-1, -1, -0.75, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 1, 1, 1]))
        c.append(EWUnaryCase("hardtanh(-0.5,2)", .float32, { x in x.hardtanh(minValue: -0.5, maxValue: 2) }, .float32, [-0.5, -0.5, -0.5, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(-1,1)", .float32, { x in x.clamp(min: -1, max: 1) }, .float32, [-1, -1, -0.75, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 1, 1, 1]))
        c.append(EWUnaryCase("clamp(-0.5,2.5)", .float32, { x in x.clamp(min: -0.5, max: 2.5) }, .float32, [-0.5, -0.5, -0.5, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 2.5, 2.5]))
        c.append(EWUnaryCase("clamp(min:0.5)", .float32, { x in x.clamp(min: 0.5) }, .float32, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("clamp(max:2)", .float32, { x in x.clamp(max: 2) }, .float32, [-3, -1.5, -0.75, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(3,1)", .float32, { x in x.clamp(min: 3, max: 1) }, .float32, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("floor", .float32, { x in x.floor() }, .float32, [-3, -2, -1, -1, 0, 0, 0, 0, 1, 2, 4, 9]))
        c.append(EWUnaryCase("ceil", .float32, { x in x.ceil() }, .float32, [-3, -1, -0.0, -0.0, 0, 1, 1, 1, 1, 3, 4, 10]))
        c.append(EWUnaryCase("round", .float32, { x in x.round() }, .float32, [-3, -2, -1, -0.0, 0, 0, 0, 1, 1, 2, 4, 10]))
        c.append(EWUnaryCase("trunc", .float32, { x in x.trunc() }, .float32, [-3, -1, -0.0, -0.0, 0, 0, 0, 0, 1, 2, 4, 9]))
        c.append(EWUnaryCase("frac", .float32, { x in x.frac() }, .float32, [0, -0.5, -0.75, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 0, 0.5, 0, 0.5]))
        c.append(EWUnaryCase("isnan", .float32, { x in x.isnan() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isinf", .float32, { x in x.isinf() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isfinite", .float32, { x in x.isfinite() }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("logicalNot", .float32, { x in x.logicalNot() }, .bool, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("nanToNum", .float32, { x in x.nanToNum() }, .float32, [-3, -1.5, -0.75, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("nanToNum(1,2,-3)", .float32, { x in x.nanToNum(nan: 1, posinf: 2, neginf: -3) }, .float32, [-3, -1.5, -0.75, -0.25, 0, 0.20000000298023224, 0.5, 0.8999999761581421, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("pow(2)", .float32, { x in x.pow(2) }, .float32, [9, 2.25, 0.5625, 0.0625, 0, 0.04000000283122063, 0.25, 0.809999942779541, 1, 6.25, 16, 90.25]))
        c.append(EWUnaryCase("pow(3)", .float32, { x in x.pow(3) }, .float32, [-27, -3.375, -0.421875, -0.015625, 0, 0.00800000037997961, 0.125, 0.7289999127388, 1, 15.625, 64, 857.375]))
        c.append(EWUnaryCase("pow(0)", .float32, { x in x.pow(0) }, .float32, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("pow(0.5)", .float32, { x in x.pow(0.5) }, .float32, [.nan, .nan, .nan, .nan, 0, 0.44721361994743347, 0.7071067690849304, 0.9486833214759827, 1, 1.5811388492584229, 2, 3.082206964492798]))
        c.append(EWUnaryCase("pow(1.5)", .float32, { x in x.pow(1.5) }, .float32, [.nan, .nan, .nan, .nan, 0, 0.08944272249937057, 0.3535533845424652, 0.853814959526062, 1, 3.9528470039367676, 8, 29.28096580505371]))
        c.append(EWUnaryCase("pow(-1.0)", .float32, { x in x.pow(-1.0) }, .float32, [-0.3333333432674408, -0.6666666865348816, -1.3333333730697632, -4, .infinity, 5, 2, 1.1111111640930176, 1, 0.4000000059604645, 0.25, 0.10526315867900848]))
        c.append(EWUnaryCase("pow(-2.0)", .float32, { x in x.pow(-2.0) }, .float32, [0.1111111119389534, 0.4444444477558136, 1.7777777910232544, 16, .infinity, 24.999998092651367, 4, 1.2345679998397827, 1, 0.1599999964237213, 0.0625, 0.011080332100391388]))
        c.append(EWUnaryCase("neg", .float64, { x in -x }, .float64, [3, 1.5, 0.75, 0.25, -0.0, -0.2, -0.5, -0.9, -1, -2.5, -4, -9.5]))
        c.append(EWUnaryCase("neg()", .float64, { x in x.neg() }, .float64, [3, 1.5, 0.75, 0.25, -0.0, -0.2, -0.5, -0.9, -1, -2.5, -4, -9.5]))
        c.append(EWUnaryCase("abs", .float64, { x in x.abs() }, .float64, [3, 1.5, 0.75, 0.25, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("sign", .float64, { x in x.sign() }, .float64, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("exp", .float64, { x in x.exp() }, .float64, [0.049787068367863944, 0.22313016014842982, 0.4723665527410147, 0.7788007830714049, 1, 1.2214027581601699, 1.6487212707001282, 2.45960311115695, 2.718281828459045, 12.182493960703473, 54.598150033144236, 13359.726829661873]))
        c.append(EWUnaryCase("exp2", .float64, { x in x.exp2() }, .float64, [0.125, 0.35355339059327373, 0.5946035575013605, 0.8408964152537146, 1, 1.148698354997035, 1.414213562373095, 1.8660659830736148, 2, 5.656854249492381, 16, 724.0773439350247]))
        c.append(EWUnaryCase("expm1", .float64, { x in x.expm1() }, .float64, [-0.950212931632136, -0.7768698398515702, -0.5276334472589853, -0.22119921692859512, 0, 0.22140275816016985, 0.6487212707001282, 1.4596031111569496, 1.7182818284590453, 11.182493960703473, 53.598150033144236, 13358.726829661873]))
        c.append(EWUnaryCase("log", .float64, { x in x.log() }, .float64, [.nan, .nan, .nan, .nan, -.infinity, -1.6094379124341003, -0.6931471805599453, -0.10536051565782628, 0, 0.9162907318741551, 1.3862943611198906, 2.2512917986064953]))
        c.append(EWUnaryCase("log2", .float64, { x in x.log2() }, .float64, [.nan, .nan, .nan, .nan, -.infinity, -2.321928094887362, -1, -0.15200309344504995, 0, 1.3219280948873624, 2, 3.2479275134435857]))
        c.append(EWUnaryCase("log10", .float64, { x in x.log10() }, .float64, [.nan, .nan, .nan, .nan, -.infinity, -0.6989700043360187, -0.3010299956639812, -0.045757490560675115, 0, 0.3979400086720376, 0.6020599913279624, 0.9777236052888477]))
        c.append(EWUnaryCase("log1p", .float64, { x in x.log1p() }, .float64, [.nan, .nan, -1.3862943611198906, -0.2876820724517809, 0, 0.18232155679395465, 0.4054651081081644, 0.6418538861723948, 0.6931471805599453, 1.252762968495368, 1.6094379124341003, 2.3513752571634776]))
        c.append(EWUnaryCase("sqrt", .float64, { x in x.sqrt() }, .float64, [.nan, .nan, .nan, .nan, 0, 0.4472135954999579, 0.7071067811865476, 0.9486832980505138, 1, 1.5811388300841898, 2, 3.082207001484488]))
        c.append(EWUnaryCase("rsqrt", .float64, { x in x.rsqrt() }, .float64, [.nan, .nan, .nan, .nan, .infinity, 2.23606797749979, 1.414213562373095, 1.0540925533894598, 1, 0.6324555320336759, 0.5, 0.3244428422615251]))
        c.append(EWUnaryCase("square", .float64, { x in x.square() }, .float64, [9, 2.25, 0.5625, 0.0625, 0, 0.04000000000000001, 0.25, 0.81, 1, 6.25, 16, 90.25]))
        c.append(EWUnaryCase("reciprocal", .float64, { x in x.reciprocal() }, .float64, [-0.3333333333333333, -0.6666666666666666, -1.3333333333333333, -4, .infinity, 5, 2, 1.1111111111111112, 1, 0.4, 0.25, 0.10526315789473684]))
        c.append(EWUnaryCase("sin", .float64, { x in x.sin() }, .float64, [-0.1411200080598672, -0.9974949866040544, -0.6816387600233341, -0.24740395925452294, 0, 0.19866933079506122, 0.479425538604203, 0.7833269096274834, 0.8414709848078965, 0.5984721441039565, -0.7568024953079282, -0.0751511204618093]))
        c.append(EWUnaryCase("cos", .float64, { x in x.cos() }, .float64, [-0.9899924966004454, 0.0707372016677029, 0.7316888688738209, 0.9689124217106447, 1, 0.9800665778412416, 0.8775825618903728, 0.6216099682706644, 0.5403023058681398, -0.8011436155469337, -0.6536436208636119, -0.9971721561963784]))
        c.append(EWUnaryCase("tan", .float64, { x in x.tan() }, .float64, [0.1425465430742778, -14.101419947171719, -0.9315964599440725, -0.25534192122103627, 0, 0.2027100355086725, 0.5463024898437905, 1.2601582175503392, 1.5574077246549023, -0.7470222972386603, 1.1578212823495775, 0.07536423875739406]))
        c.append(EWUnaryCase("asin", .float64, { x in x.asin() }, .float64, [.nan, .nan, -0.848062078981481, -0.25268025514207865, 0, 0.2013579207903308, 0.5235987755982989, 1.1197695149986342, 1.5707963267948966, .nan, .nan, .nan]))
        c.append(EWUnaryCase("acos", .float64, { x in x.acos() }, .float64, [.nan, .nan, 2.4188584057763776, 1.8234765819369754, 1.5707963267948966, 1.369438406004566, 1.0471975511965976, 0.45102681179626236, 0, .nan, .nan, .nan]))
        c.append(EWUnaryCase("atan", .float64, { x in x.atan() }, .float64, [-1.2490457723982544, -0.982793723247329, -0.6435011087932844, -0.24497866312686414, 0, 0.19739555984988078, 0.4636476090008061, 0.7328151017865066, 0.7853981633974483, 1.1902899496825317, 1.3258176636680326, 1.4659193880646628]))
        c.append(EWUnaryCase("sinh", .float64, { x in x.sinh() }, .float64, [-10.017874927409903, -2.1292794550948173, -0.82231673193583, -0.2526123168081683, 0, 0.201336002541094, 0.5210953054937474, 1.0265167257081753, 1.1752011936438014, 6.0502044810397875, 27.28991719712775, 6679.86337740502]))
        c.append(EWUnaryCase("cosh", .float64, { x in x.cosh() }, .float64, [10.067661995777765, 2.352409615243247, 1.2946832846768448, 1.0314130998795732, 1, 1.020066755619076, 1.1276259652063807, 1.4330863854487743, 1.5430806348152437, 6.132289479663686, 27.308232836016487, 6679.863452256852]))
        c.append(EWUnaryCase("tanh", .float64, { x in x.tanh() }, .float64, [-0.9950547536867305, -0.9051482536448664, -0.6351489523872873, -0.24491866240370913, 0, 0.197375320224904, 0.46211715726000974, 0.7162978701990245, 0.7615941559557649, 0.9866142981514303, 0.999329299739067, 0.9999999887944072]))
        c.append(EWUnaryCase("sigmoid", .float64, { x in x.sigmoid() }, .float64, [0.04742587317756678, 0.18242552380635635, 0.320821300824607, 0.43782349911420193, 0.5, 0.549833997312478, 0.6224593312018546, 0.7109495026250039, 0.7310585786300049, 0.9241418199787566, 0.9820137900379085, 0.9999251537724895]))
        c.append(EWUnaryCase("erf", .float64, { x in x.erf() }, .float64, [-0.9999779095030014, -0.9661051464753108, -0.7111556336535151, -0.27632639016823696, 0, 0.22270258921047847, 0.5204998778130465, 0.7969082124228322, 0.8427007929497149, 0.999593047982555, 0.9999999845827421, 1]))
        c.append(EWUnaryCase("logit", .float64, { x in x.logit() }, .float64, [.nan, .nan, .nan, .nan, -.infinity, -1.3862943611198906, 0, 2.1972245773362196, .infinity, .nan, .nan, .nan]))
        c.append(EWUnaryCase("logit(eps: 0.25)", .float64, { x in x.logit(eps: 0.25) }, .float64, [-1.0986122886681098, -1.0986122886681098, -1.0986122886681098, -1.0986122886681098, -1.0986122886681098, -1.0986122886681098, 0, 1.0986122886681098, 1.0986122886681098, 1.0986122886681098, 1.0986122886681098, 1.0986122886681098]))
        c.append(EWUnaryCase("relu", .float64, { x in x.relu() }, .float64, [0, 0, 0, 0, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("leakyRelu", .float64, { x in x.leakyRelu() }, .float64, [-0.03, -0.015, -0.0075, -0.0025, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("leakyRelu(0.2)", .float64, { x in x.leakyRelu(negativeSlope: 0.2) }, .float64, [-0.6000000000000001, -0.30000000000000004, -0.15000000000000002, -0.05, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("elu", .float64, { x in x.elu() }, .float64, [-0.950212931632136, -0.7768698398515702, -0.5276334472589853, -0.22119921692859512, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("elu(0.5)", .float64, { x in x.elu(alpha: 0.5) }, .float64, [-0.475106465816068, -0.3884349199257851, -0.26381672362949266, -0.11059960846429756, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("gelu", .float64, { x in x.gelu() }, .float64, [-0.00404969409489031, -0.10021080190328704, -0.16997051428265111, -0.10032341857926907, 0, 0.11585194188782061, 0.34573123063700656, 0.7343458871879165, 0.841344746068543, 2.4844758366855597, 3.9998733150326675, 9.5]))
        c.append(EWUnaryCase("gelu(tanh)", .float64, { x in x.gelu(approximate: "tanh") }, .float64, [-0.0036373920817729943, -0.10042842301976707, -0.17003944483437966, -0.100324649298315, 0, 0.11585142978210627, 0.34571400982514394, 0.7342284887097207, 0.8411919906082768, 2.484915733910001, 3.9999297540518075, 9.5]))
        c.append(EWUnaryCase("silu", .float64, { x in x.silu() }, .float64, [-0.14227761953270035, -0.2736382857095345, -0.24061597561845527, -0.10945587477855048, 0, 0.1099667994624956, 0.3112296656009273, 0.6398545523625035, 0.7310585786300049, 2.3103545499468914, 3.928055160151634, 9.49928896083865]))
        c.append(EWUnaryCase("softplus", .float64, { x in x.softplus() }, .float64, [0.04858735157374206, 0.2014132779827524, 0.38687100611489994, 0.5759394198788436, 0.6931471805599453, 0.7981388693815918, 0.9740769841801067, 1.2411538747320878, 1.3132616875182228, 2.5788897342925496, 4.0181499279178094, 9.50007484902863]))
        c.append(EWUnaryCase("softplus(2,3)", .float64, { x in x.softplus(beta: 2, threshold: 3) }, .float64, [0.0012378425688652247, 0.02429367578687103, 0.1007066389913762, 0.23703849209005334, 0.34657359027997264, 0.4565076261999763, 0.6566308437591114, 0.976488805263037, 1.0634640055214863, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("hardtanh", .float64, { x in x.hardtanh() }, .float64, [-1, -1, -0.75, -0.25, 0, 0.2, 0.5, 0.9, 1, 1, 1, 1]))
        c.append(EWUnaryCase("hardtanh(-0.5,2)", .float64, { x in x.hardtanh(minValue: -0.5, maxValue: 2) }, .float64, [-0.5, -0.5, -0.5, -0.25, 0, 0.2, 0.5, 0.9, 1, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(-1,1)", .float64, { x in x.clamp(min: -1, max: 1) }, .float64, [-1, -1, -0.75, -0.25, 0, 0.2, 0.5, 0.9, 1, 1, 1, 1]))
        c.append(EWUnaryCase("clamp(-0.5,2.5)", .float64, { x in x.clamp(min: -0.5, max: 2.5) }, .float64, [-0.5, -0.5, -0.5, -0.25, 0, 0.2, 0.5, 0.9, 1, 2.5, 2.5, 2.5]))
        c.append(EWUnaryCase("clamp(min:0.5)", .float64, { x in x.clamp(min: 0.5) }, .float64, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("clamp(max:2)", .float64, { x in x.clamp(max: 2) }, .float64, [-3, -1.5, -0.75, -0.25, 0, 0.2, 0.5, 0.9, 1, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(3,1)", .float64, { x in x.clamp(min: 3, max: 1) }, .float64, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("floor", .float64, { x in x.floor() }, .float64, [-3, -2, -1, -1, 0, 0, 0, 0, 1, 2, 4, 9]))
        c.append(EWUnaryCase("ceil", .float64, { x in x.ceil() }, .float64, [-3, -1, -0.0, -0.0, 0, 1, 1, 1, 1, 3, 4, 10]))
        c.append(EWUnaryCase("round", .float64, { x in x.round() }, .float64, [-3, -2, -1, -0.0, 0, 0, 0, 1, 1, 2, 4, 10]))
        c.append(EWUnaryCase("trunc", .float64, { x in x.trunc() }, .float64, [-3, -1, -0.0, -0.0, 0, 0, 0, 0, 1, 2, 4, 9]))
        c.append(EWUnaryCase("frac", .float64, { x in x.frac() }, .float64, [0, -0.5, -0.75, -0.25, 0, 0.2, 0.5, 0.9, 0, 0.5, 0, 0.5]))
        c.append(EWUnaryCase("isnan", .float64, { x in x.isnan() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isinf", .float64, { x in x.isinf() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isfinite", .float64, { x in x.isfinite() }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("logicalNot", .float64, { x in x.logicalNot() }, .bool, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("nanToNum", .float64, { x in x.nanToNum() }, .float64, [-3, -1.5, -0.75, -0.25, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("nanToNum(1,2,-3)", .float64, { x in x.nanToNum(nan: 1, posinf: 2, neginf: -3) }, .float64, [-3, -1.5, -0.75, -0.25, 0, 0.2, 0.5, 0.9, 1, 2.5, 4, 9.5]))
        c.append(EWUnaryCase("pow(2)", .float64, { x in x.pow(2) }, .float64, [9, 2.25, 0.5625, 0.0625, 0, 0.04000000000000001, 0.25, 0.81, 1, 6.25, 16, 90.25]))
        c.append(EWUnaryCase("pow(3)", .float64, { x in x.pow(3) }, .float64, [-27, -3.375, -0.421875, -0.015625, 0, 0.008000000000000002, 0.125, 0.7290000000000001, 1, 15.625, 64, 857.375]))
        c.append(EWUnaryCase("pow(0)", .float64, { x in x.pow(0) }, .float64, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("pow(0.5)", .float64, { x in x.pow(0.5) }, .float64, [.nan, .nan, .nan, .nan, 0, 0.4472135954999579, 0.7071067811865476, 0.9486832980505138, 1, 1.5811388300841898, 2, 3.082207001484488]))
        c.append(EWUnaryCase("pow(1.5)", .float64, { x in x.pow(1.5) }, .float64, [.nan, .nan, .nan, .nan, 0, 0.0894427190999916, 0.35355339059327373, 0.8538149682454624, 1, 3.952847075210474, 8, 29.280966514102637]))
        c.append(EWUnaryCase("pow(-1.0)", .float64, { x in x.pow(-1.0) }, .float64, [-0.3333333333333333, -0.6666666666666666, -1.3333333333333333, -4, .infinity, 5, 2, 1.1111111111111112, 1, 0.4, 0.25, 0.10526315789473684]))
        c.append(EWUnaryCase("pow(-2.0)", .float64, { x in x.pow(-2.0) }, .float64, [0.1111111111111111, 0.4444444444444444, 1.7777777777777777, 16, .infinity, 24.999999999999996, 4, 1.2345679012345678, 1, 0.16, 0.0625, 0.0110803324099723]))
        c.append(EWUnaryCase("neg", .int64, { x in -x }, .int64, [7, 3, 2, 1, 0, -1, -2, -3, -5, -8, -10, -100]))
        c.append(EWUnaryCase("neg()", .int64, { x in x.neg() }, .int64, [7, 3, 2, 1, 0, -1, -2, -3, -5, -8, -10, -100]))
        c.append(EWUnaryCase("abs", .int64, { x in x.abs() }, .int64, [7, 3, 2, 1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("sign", .int64, { x in x.sign() }, .int64, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("exp", .int64, { x in x.exp() }, .float32, [0.0009118819725699723, 0.049787066876888275, 0.1353352814912796, 0.3678794503211975, 1, 2.7182817459106445, 7.389056205749512, 20.08553695678711, 148.4131622314453, 2980.9580078125, 22026.46484375, .infinity]))
        c.append(EWUnaryCase("exp2", .int64, { x in x.exp2() }, .float32, [0.0078125, 0.125, 0.25, 0.5, 1, 2, 4, 8, 32, 256, 1024, 1.2676506002282294e+30]))
        c.append(EWUnaryCase("expm1", .int64, { x in x.expm1() }, .float32, [-0.9990881085395813, -0.9502129554748535, -0.8646647334098816, -0.6321205496788025, 0, 1.718281865119934, 6.389056205749512, 19.08553695678711, 147.4131622314453, 2979.9580078125, 22025.46484375, .infinity]))
        c.append(EWUnaryCase("log", .int64, { x in x.log() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, 0, 0.6931471824645996, 1.0986123085021973, 1.6094379425048828, 2.079441547393799, 2.3025851249694824, 4.605170249938965]))
        c.append(EWUnaryCase("log2", .int64, { x in x.log2() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, 0, 1, 1.5849624872207642, 2.321928024291992, 3, 3.321928024291992, 6.643856048583984]))
        c.append(EWUnaryCase("log10", .int64, { x in x.log10() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, 0, 0.3010300099849701, 0.4771212637424469, 0.6989700198173523, 0.9030900001525879, 1, 2]))
        c.append(EWUnaryCase("log1p", .int64, { x in x.log1p() }, .float32, [.nan, .nan, .nan, -.infinity, 0, 0.6931471824645996, 1.0986123085021973, 1.3862943649291992, 1.7917594909667969, 2.1972246170043945, 2.397895336151123, 4.6151204109191895]))
        c.append(EWUnaryCase("sqrt", .int64, { x in x.sqrt() }, .float32, [.nan, .nan, .nan, .nan, 0, 1, 1.4142135381698608, 1.7320507764816284, 2.2360680103302, 2.8284270763397217, 3.1622776985168457, 10]))
        c.append(EWUnaryCase("rsqrt", .int64, { x in x.rsqrt() }, .float32, [.nan, .nan, .nan, .nan, .infinity, 1, 0.7071067690849304, 0.5773502588272095, 0.4472135901451111, 0.3535533845424652, 0.3162277638912201, 0.10000000149011612]))
        c.append(EWUnaryCase("square", .int64, { x in x.square() }, .int64, [49, 9, 4, 1, 0, 1, 4, 9, 25, 64, 100, 10000]))
        c.append(EWUnaryCase("reciprocal", .int64, { x in x.reciprocal() }, .float32, [-0.1428571492433548, -0.3333333432674408, -0.5, -1, .infinity, 1, 0.5, 0.3333333432674408, 0.20000000298023224, 0.125, 0.10000000149011612, 0.009999999776482582]))
        c.append(EWUnaryCase("sin", .int64, { x in x.sin() }, .float32, [-0.6569865942001343, -0.14112000167369843, -0.9092974066734314, -0.8414709568023682, 0, 0.8414709568023682, 0.9092974066734314, 0.14112000167369843, -0.9589242935180664, 0.9893582463264465, -0.5440211296081543, -0.5063656568527222]))
        c.append(EWUnaryCase("cos", .int64, { x in x.cos() }, .float32, [0.7539022564888, -0.9899924993515015, -0.416146844625473, 0.5403023362159729, 1, 0.5403023362159729, -0.416146844625473, -0.9899924993515015, 0.28366219997406006, -0.1455000340938568, -0.83907151222229, 0.8623188734054565]))
        c.append(EWUnaryCase("tan", .int64, { x in x.tan() }, .float32, [-0.8714479804039001, 0.14254654943943024, 2.185039758682251, -1.5574077367782593, 0, 1.5574077367782593, -2.185039758682251, -0.14254654943943024, -3.3805148601531982, -6.799711227416992, 0.6483608484268188, -0.587213933467865]))
        c.append(EWUnaryCase("asin", .int64, { x in x.asin() }, .float32, [.nan, .nan, .nan, -1.5707963705062866, 0, 1.5707963705062866, .nan, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWUnaryCase("acos", .int64, { x in x.acos() }, .float32, [.nan, .nan, .nan, 3.1415927410125732, 1.5707963705062866, 0, .nan, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWUnaryCase("atan", .int64, { x in x.atan() }, .float32, [-1.4288992881774902, -1.249045729637146, -1.1071487665176392, -0.7853981852531433, 0, 0.7853981852531433, 1.1071487665176392, 1.249045729637146, 1.3734008073806763, 1.4464412927627563, 1.4711276292800903, 1.5607966184616089]))
        c.append(EWUnaryCase("sinh", .int64, { x in x.sinh() }, .float32, [-548.316162109375, -10.017874717712402, -3.6268603801727295, -1.175201177597046, 0, 1.175201177597046, 3.6268603801727295, 10.017874717712402, 74.20320892333984, 1490.4788818359375, 11013.232421875, .infinity]))
        c.append(EWUnaryCase("cosh", .int64, { x in x.cosh() }, .float32, [548.3170166015625, 10.067662239074707, 3.7621958255767822, 1.5430805683135986, 1, 1.5430805683135986, 3.7621958255767822, 10.067662239074707, 74.20995330810547, 1490.4791259765625, 11013.232421875, .infinity]))
        c.append(EWUnaryCase("tanh", .int64, { x in x.tanh() }, .float32, [-0.9999983310699463, -0.9950547814369202, -0.9640275835990906, -0.7615941762924194, 0, 0.7615941762924194, 0.9640275835990906, 0.9950547814369202, 0.9999092221260071, 0.9999997615814209, 1, 1]))
        c.append(EWUnaryCase("sigmoid", .int64, { x in x.sigmoid() }, .float32, [0.0009110511746257544, 0.04742587357759476, 0.11920291930437088, 0.2689414322376251, 0.5, 0.7310585975646973, 0.8807970285415649, 0.9525741338729858, 0.9933071732521057, 0.9996646642684937, 0.9999545812606812, 1]))
        c.append(EWUnaryCase("erf", .int64, { x in x.erf() }, .float32, [-1, -0.9999778866767883, -0.9953222870826721, -0.8427007794380188, 0, 0.8427007794380188, 0.9953222870826721, 0.9999778866767883, 1, 1, 1, 1]))
        c.append(EWUnaryCase("logit", .int64, { x in x.logit() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, .infinity, .nan, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWUnaryCase("logit(eps: 0.25)", .int64, { x in x.logit(eps: 0.25) }, .float32, [-1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973]))
        c.append(EWUnaryCase("relu", .int64, { x in x.relu() }, .int64, [0, 0, 0, 0, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("hardtanh", .int64, { x in x.hardtanh() }, .int64, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("hardtanh(-0.5,2)", .int64, { x in x.hardtanh(minValue: -0.5, maxValue: 2) }, .int64, [0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(-1,1)", .int64, { x in x.clamp(min: -1, max: 1) }, .int64, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("clamp(-0.5,2.5)", .int64, { x in x.clamp(min: -0.5, max: 2.5) }, .float32, [-0.5, -0.5, -0.5, -0.5, 0, 1, 2, 2.5, 2.5, 2.5, 2.5, 2.5]))
        c.append(EWUnaryCase("clamp(min:0.5)", .int64, { x in x.clamp(min: 0.5) }, .float32, [0.5, 0.5, 0.5, 0.5, 0.5, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("clamp(max:2)", .int64, { x in x.clamp(max: 2) }, .int64, [-7, -3, -2, -1, 0, 1, 2, 2, 2, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(3,1)", .int64, { x in x.clamp(min: 3, max: 1) }, .int64, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("floor", .int64, { x in x.floor() }, .int64, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("ceil", .int64, { x in x.ceil() }, .int64, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("round", .int64, { x in x.round() }, .int64, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("trunc", .int64, { x in x.trunc() }, .int64, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("isnan", .int64, { x in x.isnan() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isinf", .int64, { x in x.isinf() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isfinite", .int64, { x in x.isfinite() }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("logicalNot", .int64, { x in x.logicalNot() }, .bool, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("nanToNum", .int64, { x in x.nanToNum() }, .int64, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("nanToNum(1,2,-3)", .int64, { x in x.nanToNum(nan: 1, posinf: 2, neginf: -3) }, .int64, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("pow(2)", .int64, { x in x.pow(2) }, .int64, [49, 9, 4, 1, 0, 1, 4, 9, 25, 64, 100, 10000]))
        c.append(EWUnaryCase("pow(3)", .int64, { x in x.pow(3) }, .int64, [-343, -27, -8, -1, 0, 1, 8, 27, 125, 512, 1000, 1000000]))
        c.append(EWUnaryCase("pow(0)", .int64, { x in x.pow(0) }, .int64, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("pow(0.5)", .int64, { x in x.pow(0.5) }, .float32, [.nan, .nan, .nan, .nan, 0, 1, 1.4142135381698608, 1.7320507764816284, 2.2360680103302, 2.8284270763397217, 3.1622776985168457, 10]))
        c.append(EWUnaryCase("pow(1.5)", .int64, { x in x.pow(1.5) }, .float32, [.nan, .nan, .nan, .nan, 0, 1, 2.8284270763397217, 5.196152210235596, 11.180339813232422, 22.627416610717773, 31.62277603149414, 1000]))
        c.append(EWUnaryCase("pow(-1.0)", .int64, { x in x.pow(-1.0) }, .float32, [-0.1428571492433548, -0.3333333432674408, -0.5, -1, .infinity, 1, 0.5, 0.3333333432674408, 0.20000000298023224, 0.125, 0.10000000149011612, 0.009999999776482582]))
        c.append(EWUnaryCase("pow(-2.0)", .int64, { x in x.pow(-2.0) }, .float32, [0.020408162847161293, 0.1111111119389534, 0.25, 1, .infinity, 1, 0.25, 0.1111111119389534, 0.03999999910593033, 0.015625, 0.009999999776482582, 9.999999747378752e-05]))
        c.append(EWUnaryCase("neg", .int32, { x in -x }, .int32, [7, 3, 2, 1, 0, -1, -2, -3, -5, -8, -10, -100]))
        c.append(EWUnaryCase("neg()", .int32, { x in x.neg() }, .int32, [7, 3, 2, 1, 0, -1, -2, -3, -5, -8, -10, -100]))
        c.append(EWUnaryCase("abs", .int32, { x in x.abs() }, .int32, [7, 3, 2, 1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("sign", .int32, { x in x.sign() }, .int32, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("exp", .int32, { x in x.exp() }, .float32, [0.0009118819725699723, 0.049787066876888275, 0.1353352814912796, 0.3678794503211975, 1, 2.7182817459106445, 7.389056205749512, 20.08553695678711, 148.4131622314453, 2980.9580078125, 22026.46484375, .infinity]))
        c.append(EWUnaryCase("exp2", .int32, { x in x.exp2() }, .float32, [0.0078125, 0.125, 0.25, 0.5, 1, 2, 4, 8, 32, 256, 1024, 1.2676506002282294e+30]))
        c.append(EWUnaryCase("expm1", .int32, { x in x.expm1() }, .float32, [-0.9990881085395813, -0.9502129554748535, -0.8646647334098816, -0.6321205496788025, 0, 1.718281865119934, 6.389056205749512, 19.08553695678711, 147.4131622314453, 2979.9580078125, 22025.46484375, .infinity]))
        c.append(EWUnaryCase("log", .int32, { x in x.log() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, 0, 0.6931471824645996, 1.0986123085021973, 1.6094379425048828, 2.079441547393799, 2.3025851249694824, 4.605170249938965]))
        c.append(EWUnaryCase("log2", .int32, { x in x.log2() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, 0, 1, 1.5849624872207642, 2.321928024291992, 3, 3.321928024291992, 6.643856048583984]))
        c.append(EWUnaryCase("log10", .int32, { x in x.log10() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, 0, 0.3010300099849701, 0.4771212637424469, 0.6989700198173523, 0.9030900001525879, 1, 2]))
        c.append(EWUnaryCase("log1p", .int32, { x in x.log1p() }, .float32, [.nan, .nan, .nan, -.infinity, 0, 0.6931471824645996, 1.0986123085021973, 1.3862943649291992, 1.7917594909667969, 2.1972246170043945, 2.397895336151123, 4.6151204109191895]))
        c.append(EWUnaryCase("sqrt", .int32, { x in x.sqrt() }, .float32, [.nan, .nan, .nan, .nan, 0, 1, 1.4142135381698608, 1.7320507764816284, 2.2360680103302, 2.8284270763397217, 3.1622776985168457, 10]))
        c.append(EWUnaryCase("rsqrt", .int32, { x in x.rsqrt() }, .float32, [.nan, .nan, .nan, .nan, .infinity, 1, 0.7071067690849304, 0.5773502588272095, 0.4472135901451111, 0.3535533845424652, 0.3162277638912201, 0.10000000149011612]))
        c.append(EWUnaryCase("square", .int32, { x in x.square() }, .int32, [49, 9, 4, 1, 0, 1, 4, 9, 25, 64, 100, 10000]))
        c.append(EWUnaryCase("reciprocal", .int32, { x in x.reciprocal() }, .float32, [-0.1428571492433548, -0.3333333432674408, -0.5, -1, .infinity, 1, 0.5, 0.3333333432674408, 0.20000000298023224, 0.125, 0.10000000149011612, 0.009999999776482582]))
        c.append(EWUnaryCase("sin", .int32, { x in x.sin() }, .float32, [-0.6569865942001343, -0.14112000167369843, -0.9092974066734314, -0.8414709568023682, 0, 0.8414709568023682, 0.9092974066734314, 0.14112000167369843, -0.9589242935180664, 0.9893582463264465, -0.5440211296081543, -0.5063656568527222]))
        c.append(EWUnaryCase("cos", .int32, { x in x.cos() }, .float32, [0.7539022564888, -0.9899924993515015, -0.416146844625473, 0.5403023362159729, 1, 0.5403023362159729, -0.416146844625473, -0.9899924993515015, 0.28366219997406006, -0.1455000340938568, -0.83907151222229, 0.8623188734054565]))
        c.append(EWUnaryCase("tan", .int32, { x in x.tan() }, .float32, [-0.8714479804039001, 0.14254654943943024, 2.185039758682251, -1.5574077367782593, 0, 1.5574077367782593, -2.185039758682251, -0.14254654943943024, -3.3805148601531982, -6.799711227416992, 0.6483608484268188, -0.587213933467865]))
        c.append(EWUnaryCase("asin", .int32, { x in x.asin() }, .float32, [.nan, .nan, .nan, -1.5707963705062866, 0, 1.5707963705062866, .nan, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWUnaryCase("acos", .int32, { x in x.acos() }, .float32, [.nan, .nan, .nan, 3.1415927410125732, 1.5707963705062866, 0, .nan, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWUnaryCase("atan", .int32, { x in x.atan() }, .float32, [-1.4288992881774902, -1.249045729637146, -1.1071487665176392, -0.7853981852531433, 0, 0.7853981852531433, 1.1071487665176392, 1.249045729637146, 1.3734008073806763, 1.4464412927627563, 1.4711276292800903, 1.5607966184616089]))
        c.append(EWUnaryCase("sinh", .int32, { x in x.sinh() }, .float32, [-548.316162109375, -10.017874717712402, -3.6268603801727295, -1.175201177597046, 0, 1.175201177597046, 3.6268603801727295, 10.017874717712402, 74.20320892333984, 1490.4788818359375, 11013.232421875, .infinity]))
        c.append(EWUnaryCase("cosh", .int32, { x in x.cosh() }, .float32, [548.3170166015625, 10.067662239074707, 3.7621958255767822, 1.5430805683135986, 1, 1.5430805683135986, 3.7621958255767822, 10.067662239074707, 74.20995330810547, 1490.4791259765625, 11013.232421875, .infinity]))
        c.append(EWUnaryCase("tanh", .int32, { x in x.tanh() }, .float32, [-0.9999983310699463, -0.9950547814369202, -0.9640275835990906, -0.7615941762924194, 0, 0.7615941762924194, 0.9640275835990906, 0.9950547814369202, 0.9999092221260071, 0.9999997615814209, 1, 1]))
        c.append(EWUnaryCase("sigmoid", .int32, { x in x.sigmoid() }, .float32, [0.0009110511746257544, 0.04742587357759476, 0.11920291930437088, 0.2689414322376251, 0.5, 0.7310585975646973, 0.8807970285415649, 0.9525741338729858, 0.9933071732521057, 0.9996646642684937, 0.9999545812606812, 1]))
        c.append(EWUnaryCase("erf", .int32, { x in x.erf() }, .float32, [-1, -0.9999778866767883, -0.9953222870826721, -0.8427007794380188, 0, 0.8427007794380188, 0.9953222870826721, 0.9999778866767883, 1, 1, 1, 1]))
        c.append(EWUnaryCase("logit", .int32, { x in x.logit() }, .float32, [.nan, .nan, .nan, .nan, -.infinity, .infinity, .nan, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWUnaryCase("logit(eps: 0.25)", .int32, { x in x.logit(eps: 0.25) }, .float32, [-1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973, 1.0986123085021973]))
        c.append(EWUnaryCase("relu", .int32, { x in x.relu() }, .int32, [0, 0, 0, 0, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("hardtanh", .int32, { x in x.hardtanh() }, .int32, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("hardtanh(-0.5,2)", .int32, { x in x.hardtanh(minValue: -0.5, maxValue: 2) }, .int32, [0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(-1,1)", .int32, { x in x.clamp(min: -1, max: 1) }, .int32, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("clamp(-0.5,2.5)", .int32, { x in x.clamp(min: -0.5, max: 2.5) }, .float32, [-0.5, -0.5, -0.5, -0.5, 0, 1, 2, 2.5, 2.5, 2.5, 2.5, 2.5]))
        c.append(EWUnaryCase("clamp(min:0.5)", .int32, { x in x.clamp(min: 0.5) }, .float32, [0.5, 0.5, 0.5, 0.5, 0.5, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("clamp(max:2)", .int32, { x in x.clamp(max: 2) }, .int32, [-7, -3, -2, -1, 0, 1, 2, 2, 2, 2, 2, 2]))
        c.append(EWUnaryCase("clamp(3,1)", .int32, { x in x.clamp(min: 3, max: 1) }, .int32, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("floor", .int32, { x in x.floor() }, .int32, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("ceil", .int32, { x in x.ceil() }, .int32, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("round", .int32, { x in x.round() }, .int32, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("trunc", .int32, { x in x.trunc() }, .int32, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("isnan", .int32, { x in x.isnan() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isinf", .int32, { x in x.isinf() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isfinite", .int32, { x in x.isfinite() }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("logicalNot", .int32, { x in x.logicalNot() }, .bool, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("nanToNum", .int32, { x in x.nanToNum() }, .int32, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("nanToNum(1,2,-3)", .int32, { x in x.nanToNum(nan: 1, posinf: 2, neginf: -3) }, .int32, [-7, -3, -2, -1, 0, 1, 2, 3, 5, 8, 10, 100]))
        c.append(EWUnaryCase("pow(2)", .int32, { x in x.pow(2) }, .int32, [49, 9, 4, 1, 0, 1, 4, 9, 25, 64, 100, 10000]))
        c.append(EWUnaryCase("pow(3)", .int32, { x in x.pow(3) }, .int32, [-343, -27, -8, -1, 0, 1, 8, 27, 125, 512, 1000, 1000000]))
        c.append(EWUnaryCase("pow(0)", .int32, { x in x.pow(0) }, .int32, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("pow(0.5)", .int32, { x in x.pow(0.5) }, .float32, [.nan, .nan, .nan, .nan, 0, 1, 1.4142135381698608, 1.7320507764816284, 2.2360680103302, 2.8284270763397217, 3.1622776985168457, 10]))
        c.append(EWUnaryCase("pow(1.5)", .int32, { x in x.pow(1.5) }, .float32, [.nan, .nan, .nan, .nan, 0, 1, 2.8284270763397217, 5.196152210235596, 11.180339813232422, 22.627416610717773, 31.62277603149414, 1000]))
        c.append(EWUnaryCase("pow(-1.0)", .int32, { x in x.pow(-1.0) }, .float32, [-0.1428571492433548, -0.3333333432674408, -0.5, -1, .infinity, 1, 0.5, 0.3333333432674408, 0.20000000298023224, 0.125, 0.10000000149011612, 0.009999999776482582]))
        c.append(EWUnaryCase("pow(-2.0)", .int32, { x in x.pow(-2.0) }, .float32, [0.020408162847161293, 0.1111111119389534, 0.25, 1, .infinity, 1, 0.25, 0.1111111119389534, 0.03999999910593033, 0.015625, 0.009999999776482582, 9.999999747378752e-05]))
        c.append(EWUnaryCase("sign", .bool, { x in x.sign() }, .bool, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("exp", .bool, { x in x.exp() }, .float32, [2.7182817459106445, 1, 2.7182817459106445, 2.7182817459106445, 1, 1, 2.7182817459106445, 1, 2.7182817459106445, 1, 1, 2.7182817459106445]))
        c.append(EWUnaryCase("exp2", .bool, { x in x.exp2() }, .float32, [2, 1, 2, 2, 1, 1, 2, 1, 2, 1, 1, 2]))
        c.append(EWUnaryCase("expm1", .bool, { x in x.expm1() }, .float32, [1.718281865119934, 0, 1.718281865119934, 1.718281865119934, 0, 0, 1.718281865119934, 0, 1.718281865119934, 0, 0, 1.718281865119934]))
        c.append(EWUnaryCase("log", .bool, { x in x.log() }, .float32, [0, -.infinity, 0, 0, -.infinity, -.infinity, 0, -.infinity, 0, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log2", .bool, { x in x.log2() }, .float32, [0, -.infinity, 0, 0, -.infinity, -.infinity, 0, -.infinity, 0, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log10", .bool, { x in x.log10() }, .float32, [0, -.infinity, 0, 0, -.infinity, -.infinity, 0, -.infinity, 0, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log1p", .bool, { x in x.log1p() }, .float32, [0.6931471824645996, 0, 0.6931471824645996, 0.6931471824645996, 0, 0, 0.6931471824645996, 0, 0.6931471824645996, 0, 0, 0.6931471824645996]))
        c.append(EWUnaryCase("sqrt", .bool, { x in x.sqrt() }, .float32, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("rsqrt", .bool, { x in x.rsqrt() }, .float32, [1, .infinity, 1, 1, .infinity, .infinity, 1, .infinity, 1, .infinity, .infinity, 1]))
        c.append(EWUnaryCase("square", .bool, { x in x.square() }, .int64, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("reciprocal", .bool, { x in x.reciprocal() }, .float32, [1, .infinity, 1, 1, .infinity, .infinity, 1, .infinity, 1, .infinity, .infinity, 1]))
        c.append(EWUnaryCase("sin", .bool, { x in x.sin() }, .float32, [0.8414709568023682, 0, 0.8414709568023682, 0.8414709568023682, 0, 0, 0.8414709568023682, 0, 0.8414709568023682, 0, 0, 0.8414709568023682]))
        c.append(EWUnaryCase("cos", .bool, { x in x.cos() }, .float32, [0.5403023362159729, 1, 0.5403023362159729, 0.5403023362159729, 1, 1, 0.5403023362159729, 1, 0.5403023362159729, 1, 1, 0.5403023362159729]))
        c.append(EWUnaryCase("tan", .bool, { x in x.tan() }, .float32, [1.5574077367782593, 0, 1.5574077367782593, 1.5574077367782593, 0, 0, 1.5574077367782593, 0, 1.5574077367782593, 0, 0, 1.5574077367782593]))
        c.append(EWUnaryCase("asin", .bool, { x in x.asin() }, .float32, [1.5707963705062866, 0, 1.5707963705062866, 1.5707963705062866, 0, 0, 1.5707963705062866, 0, 1.5707963705062866, 0, 0, 1.5707963705062866]))
        c.append(EWUnaryCase("acos", .bool, { x in x.acos() }, .float32, [0, 1.5707963705062866, 0, 0, 1.5707963705062866, 1.5707963705062866, 0, 1.5707963705062866, 0, 1.5707963705062866, 1.5707963705062866, 0]))
        c.append(EWUnaryCase("atan", .bool, { x in x.atan() }, .float32, [0.7853981852531433, 0, 0.7853981852531433, 0.7853981852531433, 0, 0, 0.7853981852531433, 0, 0.7853981852531433, 0, 0, 0.7853981852531433]))
        c.append(EWUnaryCase("sinh", .bool, { x in x.sinh() }, .float32, [1.175201177597046, 0, 1.175201177597046, 1.175201177597046, 0, 0, 1.175201177597046, 0, 1.175201177597046, 0, 0, 1.175201177597046]))
        c.append(EWUnaryCase("cosh", .bool, { x in x.cosh() }, .float32, [1.5430805683135986, 1, 1.5430805683135986, 1.5430805683135986, 1, 1, 1.5430805683135986, 1, 1.5430805683135986, 1, 1, 1.5430805683135986]))
        c.append(EWUnaryCase("tanh", .bool, { x in x.tanh() }, .float32, [0.7615941762924194, 0, 0.7615941762924194, 0.7615941762924194, 0, 0, 0.7615941762924194, 0, 0.7615941762924194, 0, 0, 0.7615941762924194]))
        c.append(EWUnaryCase("sigmoid", .bool, { x in x.sigmoid() }, .float32, [0.7310585975646973, 0.5, 0.7310585975646973, 0.7310585975646973, 0.5, 0.5, 0.7310585975646973, 0.5, 0.7310585975646973, 0.5, 0.5, 0.7310585975646973]))
        c.append(EWUnaryCase("erf", .bool, { x in x.erf() }, .float32, [0.8427007794380188, 0, 0.8427007794380188, 0.8427007794380188, 0, 0, 0.8427007794380188, 0, 0.8427007794380188, 0, 0, 0.8427007794380188]))
        c.append(EWUnaryCase("logit", .bool, { x in x.logit() }, .float32, [.infinity, -.infinity, .infinity, .infinity, -.infinity, -.infinity, .infinity, -.infinity, .infinity, -.infinity, -.infinity, .infinity]))
        c.append(EWUnaryCase("logit(eps: 0.25)", .bool, { x in x.logit(eps: 0.25) }, .float32, [1.0986123085021973, -1.0986123085021973, 1.0986123085021973, 1.0986123085021973, -1.0986123085021973, -1.0986123085021973, 1.0986123085021973, -1.0986123085021973, 1.0986123085021973, -1.0986123085021973, -1.0986123085021973, 1.0986123085021973]))
        c.append(EWUnaryCase("clamp(-1,1)", .bool, { x in x.clamp(min: -1, max: 1) }, .int64, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("clamp(-0.5,2.5)", .bool, { x in x.clamp(min: -0.5, max: 2.5) }, .float32, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("clamp(min:0.5)", .bool, { x in x.clamp(min: 0.5) }, .float32, [1, 0.5, 1, 1, 0.5, 0.5, 1, 0.5, 1, 0.5, 0.5, 1]))
        c.append(EWUnaryCase("clamp(max:2)", .bool, { x in x.clamp(max: 2) }, .int64, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("clamp(3,1)", .bool, { x in x.clamp(min: 3, max: 1) }, .int64, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("isnan", .bool, { x in x.isnan() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isinf", .bool, { x in x.isinf() }, .bool, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isfinite", .bool, { x in x.isfinite() }, .bool, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("logicalNot", .bool, { x in x.logicalNot() }, .bool, [0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0]))
        c.append(EWUnaryCase("nanToNum", .bool, { x in x.nanToNum() }, .bool, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("nanToNum(1,2,-3)", .bool, { x in x.nanToNum(nan: 1, posinf: 2, neginf: -3) }, .bool, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("pow(2)", .bool, { x in x.pow(2) }, .int64, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("pow(3)", .bool, { x in x.pow(3) }, .int64, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("pow(0)", .bool, { x in x.pow(0) }, .int64, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("pow(0.5)", .bool, { x in x.pow(0.5) }, .float32, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("pow(1.5)", .bool, { x in x.pow(1.5) }, .float32, [1, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1]))
        c.append(EWUnaryCase("pow(-1.0)", .bool, { x in x.pow(-1.0) }, .float32, [1, .infinity, 1, 1, .infinity, .infinity, 1, .infinity, 1, .infinity, .infinity, 1]))
        c.append(EWUnaryCase("pow(-2.0)", .bool, { x in x.pow(-2.0) }, .float32, [1, .infinity, 1, 1, .infinity, .infinity, 1, .infinity, 1, .infinity, .infinity, 1]))
        c.append(EWUnaryCase("logicalNot .!", .bool, { x in .!x }, .bool, [0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0]))
        return c
    }

    /// PyTorch's results for `EWUnaryInputs.special`.
    private static func makeSpecial() -> [EWUnaryCase] {
        var c: [EWUnaryCase] = []
        c.append(EWUnaryCase("neg", .float32, { x in -x }, .float32, [.nan, -.infinity, .infinity, 0, -0.0, -1]))
        c.append(EWUnaryCase("neg()", .float32, { x in x.neg() }, .float32, [.nan, -.infinity, .infinity, 0, -0.0, -1]))
        c.append(EWUnaryCase("abs", .float32, { x in x.abs() }, .float32, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("sign", .float32, { x in x.sign() }, .float32, [0, 1, -1, 0, 0, 1]))
        c.append(EWUnaryCase("exp", .float32, { x in x.exp() }, .float32, [.nan, .infinity, 0, 1, 1, 2.7182817459106445]))
        c.append(EWUnaryCase("exp2", .float32, { x in x.exp2() }, .float32, [.nan, .infinity, 0, 1, 1, 2]))
        c.append(EWUnaryCase("expm1", .float32, { x in x.expm1() }, .float32, [.nan, .infinity, -1, -0.0, 0, 1.718281865119934]))
        c.append(EWUnaryCase("log", .float32, { x in x.log() }, .float32, [.nan, .infinity, .nan, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log2", .float32, { x in x.log2() }, .float32, [.nan, .infinity, .nan, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log10", .float32, { x in x.log10() }, .float32, [.nan, .infinity, .nan, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log1p", .float32, { x in x.log1p() }, .float32, [.nan, .infinity, .nan, -0.0, 0, 0.6931471824645996]))
        c.append(EWUnaryCase("sqrt", .float32, { x in x.sqrt() }, .float32, [.nan, .infinity, .nan, -0.0, 0, 1]))
        c.append(EWUnaryCase("rsqrt", .float32, { x in x.rsqrt() }, .float32, [.nan, 0, .nan, -.infinity, .infinity, 1]))
        c.append(EWUnaryCase("square", .float32, { x in x.square() }, .float32, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("reciprocal", .float32, { x in x.reciprocal() }, .float32, [.nan, 0, -0.0, -.infinity, .infinity, 1]))
        c.append(EWUnaryCase("sin", .float32, { x in x.sin() }, .float32, [.nan, .nan, .nan, -0.0, 0, 0.8414709568023682]))
        c.append(EWUnaryCase("cos", .float32, { x in x.cos() }, .float32, [.nan, .nan, .nan, 1, 1, 0.5403023362159729]))
        c.append(EWUnaryCase("tan", .float32, { x in x.tan() }, .float32, [.nan, .nan, .nan, -0.0, 0, 1.5574077367782593]))
        c.append(EWUnaryCase("asin", .float32, { x in x.asin() }, .float32, [.nan, .nan, .nan, -0.0, 0, 1.5707963705062866]))
        c.append(EWUnaryCase("acos", .float32, { x in x.acos() }, .float32, [.nan, .nan, .nan, 1.5707963705062866, 1.5707963705062866, 0]))
        c.append(EWUnaryCase("atan", .float32, { x in x.atan() }, .float32, [.nan, 1.5707963705062866, -1.5707963705062866, -0.0, 0, 0.7853981852531433]))
        c.append(EWUnaryCase("sinh", .float32, { x in x.sinh() }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1.175201177597046]))
        c.append(EWUnaryCase("cosh", .float32, { x in x.cosh() }, .float32, [.nan, .infinity, .infinity, 1, 1, 1.5430805683135986]))
        c.append(EWUnaryCase("tanh", .float32, { x in x.tanh() }, .float32, [.nan, 1, -1, -0.0, 0, 0.7615941762924194]))
        c.append(EWUnaryCase("sigmoid", .float32, { x in x.sigmoid() }, .float32, [.nan, 1, 0, 0.5, 0.5, 0.7310585975646973]))
        c.append(EWUnaryCase("erf", .float32, { x in x.erf() }, .float32, [.nan, 1, -1, -0.0, 0, 0.8427007794380188]))
        c.append(EWUnaryCase("logit", .float32, { x in x.logit() }, .float32, [.nan, .nan, .nan, -.infinity, -.infinity, .infinity]))
        c.append(EWUnaryCase("logit(eps: 0.25)", .float32, { x in x.logit(eps: 0.25) }, .float32, [.nan, 1.0986123085021973, -1.0986123085021973, -1.0986123085021973, -1.0986123085021973, 1.0986123085021973]))
        c.append(EWUnaryCase("relu", .float32, { x in x.relu() }, .float32, [.nan, .infinity, 0, -0.0, 0, 1]))
        c.append(EWUnaryCase("leakyRelu", .float32, { x in x.leakyRelu() }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("leakyRelu(0.2)", .float32, { x in x.leakyRelu(negativeSlope: 0.2) }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("elu", .float32, { x in x.elu() }, .float32, [.nan, .infinity, -1, -0.0, 0, 1]))
        c.append(EWUnaryCase("elu(0.5)", .float32, { x in x.elu(alpha: 0.5) }, .float32, [.nan, .infinity, -0.5, -0.0, 0, 1]))
        c.append(EWUnaryCase("gelu", .float32, { x in x.gelu() }, .float32, [.nan, .infinity, .nan, 0, 0, 0.8413447141647339], atol: 1e-6))
        c.append(EWUnaryCase("gelu(tanh)", .float32, { x in x.gelu(approximate: "tanh") }, .float32, [.nan, .infinity, .nan, -0.0, 0, 0.8411920070648193]))
        c.append(EWUnaryCase("silu", .float32, { x in x.silu() }, .float32, [.nan, .infinity, .nan, -0.0, 0, 0.7310585975646973]))
        c.append(EWUnaryCase("softplus", .float32, { x in x.softplus() }, .float32, [.nan, .infinity, 0, 0.6931471824645996, 0.6931471824645996, 1.31326162815094]))
        c.append(EWUnaryCase("softplus(2,3)", .float32, { x in x.softplus(beta: 2, threshold: 3) }, .float32, [.nan, .infinity, 0, 0.3465735912322998, 0.3465735912322998, 1.0634640455245972]))
        c.append(EWUnaryCase("hardtanh", .float32, { x in x.hardtanh() }, .float32, [.nan, 1, -1, -0.0, 0, 1]))
        c.append(EWUnaryCase("hardtanh(-0.5,2)", .float32, { x in x.hardtanh(minValue: -0.5, maxValue: 2) }, .float32, [.nan, 2, -0.5, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(-1,1)", .float32, { x in x.clamp(min: -1, max: 1) }, .float32, [.nan, 1, -1, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(-0.5,2.5)", .float32, { x in x.clamp(min: -0.5, max: 2.5) }, .float32, [.nan, 2.5, -0.5, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(min:0.5)", .float32, { x in x.clamp(min: 0.5) }, .float32, [.nan, .infinity, 0.5, 0.5, 0.5, 1]))
        c.append(EWUnaryCase("clamp(max:2)", .float32, { x in x.clamp(max: 2) }, .float32, [.nan, 2, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(3,1)", .float32, { x in x.clamp(min: 3, max: 1) }, .float32, [.nan, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("floor", .float32, { x in x.floor() }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("ceil", .float32, { x in x.ceil() }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("round", .float32, { x in x.round() }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("trunc", .float32, { x in x.trunc() }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("frac", .float32, { x in x.frac() }, .float32, [.nan, .nan, .nan, 0, 0, 0]))
        c.append(EWUnaryCase("isnan", .float32, { x in x.isnan() }, .bool, [1, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isinf", .float32, { x in x.isinf() }, .bool, [0, 1, 1, 0, 0, 0]))
        c.append(EWUnaryCase("isfinite", .float32, { x in x.isfinite() }, .bool, [0, 0, 0, 1, 1, 1]))
        c.append(EWUnaryCase("logicalNot", .float32, { x in x.logicalNot() }, .bool, [0, 0, 0, 1, 1, 0]))
        c.append(EWUnaryCase("nanToNum", .float32, { x in x.nanToNum() }, .float32, [0, 3.4028234663852886e+38, -3.4028234663852886e+38, -0.0, 0, 1]))
        c.append(EWUnaryCase("nanToNum(1,2,-3)", .float32, { x in x.nanToNum(nan: 1, posinf: 2, neginf: -3) }, .float32, [1, 2, -3, -0.0, 0, 1]))
        c.append(EWUnaryCase("pow(2)", .float32, { x in x.pow(2) }, .float32, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("pow(3)", .float32, { x in x.pow(3) }, .float32, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("pow(0)", .float32, { x in x.pow(0) }, .float32, [1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("pow(0.5)", .float32, { x in x.pow(0.5) }, .float32, [.nan, .infinity, .nan, -0.0, 0, 1]))
        c.append(EWUnaryCase("pow(1.5)", .float32, { x in x.pow(1.5) }, .float32, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("pow(-1.0)", .float32, { x in x.pow(-1.0) }, .float32, [.nan, 0, -0.0, -.infinity, .infinity, 1]))
        c.append(EWUnaryCase("pow(-2.0)", .float32, { x in x.pow(-2.0) }, .float32, [.nan, 0, 0, .infinity, .infinity, 1]))
        c.append(EWUnaryCase("neg", .float64, { x in -x }, .float64, [.nan, -.infinity, .infinity, 0, -0.0, -1]))
        c.append(EWUnaryCase("neg()", .float64, { x in x.neg() }, .float64, [.nan, -.infinity, .infinity, 0, -0.0, -1]))
        c.append(EWUnaryCase("abs", .float64, { x in x.abs() }, .float64, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("sign", .float64, { x in x.sign() }, .float64, [0, 1, -1, 0, 0, 1]))
        c.append(EWUnaryCase("exp", .float64, { x in x.exp() }, .float64, [.nan, .infinity, 0, 1, 1, 2.718281828459045]))
        c.append(EWUnaryCase("exp2", .float64, { x in x.exp2() }, .float64, [.nan, .infinity, 0, 1, 1, 2]))
        c.append(EWUnaryCase("expm1", .float64, { x in x.expm1() }, .float64, [.nan, .infinity, -1, -0.0, 0, 1.7182818284590453]))
        c.append(EWUnaryCase("log", .float64, { x in x.log() }, .float64, [.nan, .infinity, .nan, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log2", .float64, { x in x.log2() }, .float64, [.nan, .infinity, .nan, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log10", .float64, { x in x.log10() }, .float64, [.nan, .infinity, .nan, -.infinity, -.infinity, 0]))
        c.append(EWUnaryCase("log1p", .float64, { x in x.log1p() }, .float64, [.nan, .infinity, .nan, -0.0, 0, 0.6931471805599453]))
        c.append(EWUnaryCase("sqrt", .float64, { x in x.sqrt() }, .float64, [.nan, .infinity, .nan, -0.0, 0, 1]))
        c.append(EWUnaryCase("rsqrt", .float64, { x in x.rsqrt() }, .float64, [.nan, 0, .nan, -.infinity, .infinity, 1]))
        c.append(EWUnaryCase("square", .float64, { x in x.square() }, .float64, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("reciprocal", .float64, { x in x.reciprocal() }, .float64, [.nan, 0, -0.0, -.infinity, .infinity, 1]))
        c.append(EWUnaryCase("sin", .float64, { x in x.sin() }, .float64, [.nan, .nan, .nan, -0.0, 0, 0.8414709848078965]))
        c.append(EWUnaryCase("cos", .float64, { x in x.cos() }, .float64, [.nan, .nan, .nan, 1, 1, 0.5403023058681398]))
        c.append(EWUnaryCase("tan", .float64, { x in x.tan() }, .float64, [.nan, .nan, .nan, -0.0, 0, 1.5574077246549023]))
        c.append(EWUnaryCase("asin", .float64, { x in x.asin() }, .float64, [.nan, .nan, .nan, -0.0, 0, 1.5707963267948966]))
        c.append(EWUnaryCase("acos", .float64, { x in x.acos() }, .float64, [.nan, .nan, .nan, 1.5707963267948966, 1.5707963267948966, 0]))
        c.append(EWUnaryCase("atan", .float64, { x in x.atan() }, .float64, [.nan, 1.5707963267948966, -1.5707963267948966, -0.0, 0, 0.7853981633974483]))
        c.append(EWUnaryCase("sinh", .float64, { x in x.sinh() }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1.1752011936438014]))
        c.append(EWUnaryCase("cosh", .float64, { x in x.cosh() }, .float64, [.nan, .infinity, .infinity, 1, 1, 1.5430806348152437]))
        c.append(EWUnaryCase("tanh", .float64, { x in x.tanh() }, .float64, [.nan, 1, -1, -0.0, 0, 0.7615941559557649]))
        c.append(EWUnaryCase("sigmoid", .float64, { x in x.sigmoid() }, .float64, [.nan, 1, 0, 0.5, 0.5, 0.7310585786300049]))
        c.append(EWUnaryCase("erf", .float64, { x in x.erf() }, .float64, [.nan, 1, -1, -0.0, 0, 0.8427007929497149]))
        c.append(EWUnaryCase("logit", .float64, { x in x.logit() }, .float64, [.nan, .nan, .nan, -.infinity, -.infinity, .infinity]))
        c.append(EWUnaryCase("logit(eps: 0.25)", .float64, { x in x.logit(eps: 0.25) }, .float64, [.nan, 1.0986122886681098, -1.0986122886681098, -1.0986122886681098, -1.0986122886681098, 1.0986122886681098]))
        c.append(EWUnaryCase("relu", .float64, { x in x.relu() }, .float64, [.nan, .infinity, 0, -0.0, 0, 1]))
        c.append(EWUnaryCase("leakyRelu", .float64, { x in x.leakyRelu() }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("leakyRelu(0.2)", .float64, { x in x.leakyRelu(negativeSlope: 0.2) }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("elu", .float64, { x in x.elu() }, .float64, [.nan, .infinity, -1, -0.0, 0, 1]))
        c.append(EWUnaryCase("elu(0.5)", .float64, { x in x.elu(alpha: 0.5) }, .float64, [.nan, .infinity, -0.5, -0.0, 0, 1]))
        c.append(EWUnaryCase("gelu", .float64, { x in x.gelu() }, .float64, [.nan, .infinity, .nan, -0.0, 0, 0.841344746068543]))
        c.append(EWUnaryCase("gelu(tanh)", .float64, { x in x.gelu(approximate: "tanh") }, .float64, [.nan, .infinity, .nan, -0.0, 0, 0.8411919906082768]))
        c.append(EWUnaryCase("silu", .float64, { x in x.silu() }, .float64, [.nan, .infinity, .nan, -0.0, 0, 0.7310585786300049]))
        c.append(EWUnaryCase("softplus", .float64, { x in x.softplus() }, .float64, [.nan, .infinity, 0, 0.6931471805599453, 0.6931471805599453, 1.3132616875182228]))
        c.append(EWUnaryCase("softplus(2,3)", .float64, { x in x.softplus(beta: 2, threshold: 3) }, .float64, [.nan, .infinity, 0, 0.34657359027997264, 0.34657359027997264, 1.0634640055214863]))
        c.append(EWUnaryCase("hardtanh", .float64, { x in x.hardtanh() }, .float64, [.nan, 1, -1, -0.0, 0, 1]))
        c.append(EWUnaryCase("hardtanh(-0.5,2)", .float64, { x in x.hardtanh(minValue: -0.5, maxValue: 2) }, .float64, [.nan, 2, -0.5, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(-1,1)", .float64, { x in x.clamp(min: -1, max: 1) }, .float64, [.nan, 1, -1, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(-0.5,2.5)", .float64, { x in x.clamp(min: -0.5, max: 2.5) }, .float64, [.nan, 2.5, -0.5, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(min:0.5)", .float64, { x in x.clamp(min: 0.5) }, .float64, [.nan, .infinity, 0.5, 0.5, 0.5, 1]))
        c.append(EWUnaryCase("clamp(max:2)", .float64, { x in x.clamp(max: 2) }, .float64, [.nan, 2, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("clamp(3,1)", .float64, { x in x.clamp(min: 3, max: 1) }, .float64, [.nan, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("floor", .float64, { x in x.floor() }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("ceil", .float64, { x in x.ceil() }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("round", .float64, { x in x.round() }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("trunc", .float64, { x in x.trunc() }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("frac", .float64, { x in x.frac() }, .float64, [.nan, .nan, .nan, 0, 0, 0]))
        c.append(EWUnaryCase("isnan", .float64, { x in x.isnan() }, .bool, [1, 0, 0, 0, 0, 0]))
        c.append(EWUnaryCase("isinf", .float64, { x in x.isinf() }, .bool, [0, 1, 1, 0, 0, 0]))
        c.append(EWUnaryCase("isfinite", .float64, { x in x.isfinite() }, .bool, [0, 0, 0, 1, 1, 1]))
        c.append(EWUnaryCase("logicalNot", .float64, { x in x.logicalNot() }, .bool, [0, 0, 0, 1, 1, 0]))
        c.append(EWUnaryCase("nanToNum", .float64, { x in x.nanToNum() }, .float64, [0, 1.7976931348623157e+308, -1.7976931348623157e+308, -0.0, 0, 1]))
        c.append(EWUnaryCase("nanToNum(1,2,-3)", .float64, { x in x.nanToNum(nan: 1, posinf: 2, neginf: -3) }, .float64, [1, 2, -3, -0.0, 0, 1]))
        c.append(EWUnaryCase("pow(2)", .float64, { x in x.pow(2) }, .float64, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("pow(3)", .float64, { x in x.pow(3) }, .float64, [.nan, .infinity, -.infinity, -0.0, 0, 1]))
        c.append(EWUnaryCase("pow(0)", .float64, { x in x.pow(0) }, .float64, [1, 1, 1, 1, 1, 1]))
        c.append(EWUnaryCase("pow(0.5)", .float64, { x in x.pow(0.5) }, .float64, [.nan, .infinity, .nan, -0.0, 0, 1]))
        c.append(EWUnaryCase("pow(1.5)", .float64, { x in x.pow(1.5) }, .float64, [.nan, .infinity, .infinity, 0, 0, 1]))
        c.append(EWUnaryCase("pow(-1.0)", .float64, { x in x.pow(-1.0) }, .float64, [.nan, 0, -0.0, -.infinity, .infinity, 1]))
        c.append(EWUnaryCase("pow(-2.0)", .float64, { x in x.pow(-2.0) }, .float64, [.nan, 0, 0, .infinity, .infinity, 1]))
        return c
    }
}

@Suite struct ElementwiseUnaryTests {
    /// The op on every layout of the stacked base tensor gives PyTorch's dtype and values, in a
    /// new contiguous tensor, and leaves the input alone.
    @Test(arguments: EWUnaryCases.all)
    func values(_ c: EWUnaryCase) throws {
        let data = ewRepeated(EWUnaryInputs.base(c.input), 2)
        let expected = ewRepeated(c.expected, 2)
        for variant in layoutVariants(shape: [2, 2, 6], values: data, dtype: c.input) {
            let x = variant.tensor
            let version = x.version
            let r = try withErrorCapture { c.op(x) }
            ewExpect(r, shape: [2, 2, 6], dtype: c.output, expected, variant.name, atol: c.atol)
            #expect(r.storage !== x.storage, "\(variant.name): the result has its own storage")
            #expect(r.isContiguous, "\(variant.name)")
            #expect(x.version == version, "\(variant.name): the input is not written")
            ewExpect(x, shape: [2, 2, 6], dtype: c.input, data, "\(variant.name): input unchanged")
        }
    }

    /// NaN, infinities and signed zeros (float32 and float64).
    @Test(arguments: EWUnaryCases.special)
    func specialValues(_ c: EWUnaryCase) throws {
        for variant in layoutVariants(shape: [6], values: EWUnaryInputs.special, dtype: c.input) {
            let r = try withErrorCapture { c.op(variant.tensor) }
            ewExpect(r, shape: [6], dtype: c.output, c.expected, variant.name)
        }
    }

    /// Input dtypes PyTorch has no kernel for raise its NotImplementedError (and `-bool` its
    /// NotImplementedError text about `~`).
    @Test(arguments: EWUnaryCases.unsupported)
    func unsupportedDTypes(_ c: EWUnaryErrorCase) { expectCaptured(c) }

    /// Exact `gelu` in float32 is PyTorch's vectorized kernel, `h + h * erf(x / sqrt(2))` with its
    /// fast `erf` (Abramowitz and Stegun 7.1.26): `F.gelu(torch.tensor([-3.0, -1.5] * 8))[:2]`.
    /// PyTorch computes the elements of a tensor's last partial vector with its scalar code
    /// instead (`std::erf`), so its one-element `F.gelu(torch.tensor([-3.0]))` is
    /// -0.0040496885776519775; Ember gives every element the vector formula, wherever it sits.
    @Test func geluMatchesPyTorchVectorKernel() throws {
        let r = try withErrorCapture { (Tensor([-3.0]).gelu(), Tensor([-1.5, -3.0]).gelu()) }
        ewExpect(r.0, shape: [1], dtype: .float32, [-0.004049867391586304], atol: 0)
        ewExpect(r.1, shape: [2], dtype: .float32, [-0.10021086037158966, -0.004049867391586304], atol: 0)
    }

    /// A 0-dim input gives a 0-dim result.
    @Test func zeroDim() throws {
        try withErrorCapture {
            ewExpect(Tensor(2.0).exp(), shape: [], dtype: .float32, [7.389056205749512])
            ewExpect(Tensor(Int64(4)).sqrt(), shape: [], dtype: .float32, [2])
            ewExpect(-Tensor(Int32(3)), shape: [], dtype: .int32, [-3])
            ewExpect(Tensor(-0.5, dtype: .float64).relu(), shape: [], dtype: .float64, [0])
            ewExpect(Tensor(true).logicalNot(), shape: [], dtype: .bool, [0])
        }
    }

    /// The float32 `exp` kernel vectorizes contiguous runs of eight; lanes near the ends of its
    /// range, beyond it, and NaN must still match PyTorch
    /// (`torch.tensor([...]).exp().tolist()`).
    @Test func float32ExpAcrossTheRange() throws {
        let x: [Double] = [-100, -88, -87.5, -87.30000305175781, -87, -86.5, -50.25, -20, -10.5, -5, -2.5, -1, -0.5, -0.125, -9.999999974752427e-07, 0, 9.999999974752427e-07, 0.125, 0.5, 1, 2.5, 5, 10.5, 20, 50.25, 80, 86.5, 87, 88, 88.30000305175781, 88.5, 88.69999694824219, 88.72000122070312, 88.75, 89, 100, .nan, .infinity, -.infinity, 3, 0.693359375, -0.693359375, 1.4426950216293335, 7.25, 15.75, 31.5, 42, 63]
        let expected: [Double] = [3.783505853677006e-44, 6.054601485195952e-39, 9.982351397596697e-39, 1.2192433092680476e-38, 1.6458114537543937e-38, 2.713484435667519e-38, 1.502111953922614e-22, 2.06115369216775e-09, 2.753644912445452e-05, 0.0067379469983279705, 0.08208499848842621, 0.3678794503211975, 0.6065306663513184, 0.8824968934059143, 0.9999989867210388, 1, 1.0000009536743164, 1.133148431777954, 1.6487212181091309, 2.7182817459106445, 12.182494163513184, 148.4131622314453, 36315.50390625, 485165184, 6.657293589723059e+21, 5.540622484676759e+34, 3.685298613176306e+37, 6.076030347399616e+37, 1.6516362661361307e+38, 2.229482622804407e+38, 2.723087918012828e+38, 3.325976864406685e+38, 3.3931806003874245e+38, .infinity, .infinity, .infinity, .nan, .infinity, 0, 20.08553695678711, 2.000424385070801, 0.4998939037322998, 4.232086181640625, 1408.1048583984375, 6920510, 47893457141760, 1.7392749753422316e+18, 2.293783118234113e+27]
        let t = Tensor(shape: [x.count], data: x, dtype: .float32)
        let r = try withErrorCapture { t.exp() }
        ewExpect(r, shape: [x.count], dtype: .float32, expected, "contiguous (vector path)")
        // The same values read with a stride take the scalar path.
        let wide = Tensor(shape: [x.count, 2], data: Array(x.map { [$0, -777] }.joined()), dtype: .float32)
        let strided = try withErrorCapture { wide.select(dim: 1, index: 0).exp() }
        ewExpect(strided, shape: [x.count], dtype: .float32, expected, "strided (scalar path)")
        // In place, contiguous.
        let inPlace = Tensor(shape: [x.count], data: x, dtype: .float32)
        _ = try withErrorCapture { inPlace.exp_() }
        ewExpect(inPlace, shape: [x.count], dtype: .float32, expected, "exp_")
    }
}
