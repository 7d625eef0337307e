// ElementwiseInPlaceTests.swift
//
// In-place element-wise ops (`add_ sub_ mul_ div_ ...`, `+= -= *= /=`, `clamp_`, the comparison
// and logical `eq_ ... logicalXor_`, every unary `exp_ ... frac_`) on float32, float64, int32,
// int64 and bool targets in every non-overlapping layout: the result is written into the target's
// existing storage (a view writes into its base, filler around it untouched), `version` goes up
// by one, and nothing else changes. Combinations PyTorch rejects (an int target with a float
// result, bool subtraction, ...) raise its message and leave the target and its version alone.
// Expected values were printed by PyTorch 2.15 for `a.clone().add_(b)` etc., with `a` and `b` the
// operands of ElementwiseBinaryTests.

import Testing
@testable import EmberCore
import EmberTestSupport

/// One in-place op on a target of one dtype; `op(a, b)` gets the target and the `b` operand of
/// the same dtype (unused by the scalar and unary forms). `expected` is the target afterwards.
struct EWInPlaceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: DType
    let op: @Sendable (Tensor, Tensor) -> Void
    let expected: [Double]
    init(_ name: String, _ input: DType, _ op: @escaping @Sendable (Tensor, Tensor) -> Void, _ expected: [Double]) {
        self.name = name
        self.input = input
        self.op = op
        self.expected = expected
    }
    var testDescription: String { "\(name) \(input)" }
}

/// An in-place op PyTorch rejects for this target dtype, with its exception kind and message.
struct EWInPlaceErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: DType
    let op: @Sendable (Tensor, Tensor) -> Void
    let error: TensorError
    init(_ name: String, _ input: DType, _ op: @escaping @Sendable (Tensor, Tensor) -> Void, _ error: TensorError) {
        self.name = name
        self.input = input
        self.op = op
        self.error = error
    }
    var testDescription: String { "\(name) \(input)" }
}

enum EWInPlaceCases {
    static let accepted: [EWInPlaceCase] = makeAccepted()
    static let rejected: [EWInPlaceErrorCase] = makeRejected()

    private static func makeAccepted() -> [EWInPlaceCase] {
        var c: [EWInPlaceCase] = []
        c.append(EWInPlaceCase("add_", .float32, { a, b in _ = a.add_(b) }, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWInPlaceCase("+=", .float32, { a, b in a += b }, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWInPlaceCase("sub_", .float32, { a, b in _ = a.sub_(b) }, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWInPlaceCase("-=", .float32, { a, b in a -= b }, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWInPlaceCase("mul_", .float32, { a, b in _ = a.mul_(b) }, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWInPlaceCase("*=", .float32, { a, b in a *= b }, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWInPlaceCase("div_", .float32, { a, b in _ = a.div_(b) }, [-1.75, 1, -1.6666666269302368, 0.3333333432674408, .nan, -2, 1, -0.375, 1.5, 6, -2.3333332538604736, -3.5]))
        c.append(EWInPlaceCase("/=", .float32, { a, b in a /= b }, [-1.75, 1, -1.6666666269302368, 0.3333333432674408, .nan, -2, 1, -0.375, 1.5, 6, -2.3333332538604736, -3.5]))
        c.append(EWInPlaceCase("floorDivide_", .float32, { a, b in _ = a.floorDivide_(b) }, [-2, 1, -2, 0, .nan, -2, 1, -1, 1, 6, -3, -4]))
        c.append(EWInPlaceCase("remainder_", .float32, { a, b in _ = a.remainder_(b) }, [0.5, -0.0, 0.25, -0.5, .nan, 0, 0, -2.5, 0.75, 0, -2, 1]))
        c.append(EWInPlaceCase("fmod_", .float32, { a, b in _ = a.fmod_(b) }, [-1.5, -0.0, -0.5, -0.5, .nan, 0, 0, 1.5, 0.75, 0, 1, -1]))
        c.append(EWInPlaceCase("pow_", .float32, { a, b in _ = a.pow_(b) }, [12.25, 0.25, .nan, .nan, 1, 1.1892070770263672, 1, 0.1975308656692505, 3.375, 1.7320507764816284, 0.0029154520016163588, 49]))
        c.append(EWInPlaceCase("atan2_", .float32, { a, b in _ = a.atan2_(b) }, [-1.0516501665115356, -2.356194496154785, -1.0303767919540405, -2.8198421001434326, 0, 2.0344438552856445, 0.7853981852531433, 2.7828218936920166, 0.9827937483787537, 1.4056476354599, 1.975688099861145, -1.292496681213379]))
        c.append(EWInPlaceCase("eq_", .float32, { a, b in _ = a.eq_(b) }, [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("ne_", .float32, { a, b in _ = a.ne_(b) }, [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("lt_", .float32, { a, b in _ = a.lt_(b) }, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]))
        c.append(EWInPlaceCase("le_", .float32, { a, b in _ = a.le_(b) }, [1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1]))
        c.append(EWInPlaceCase("gt_", .float32, { a, b in _ = a.gt_(b) }, [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("ge_", .float32, { a, b in _ = a.ge_(b) }, [0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("logicalAnd_", .float32, { a, b in _ = a.logicalAnd_(b) }, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalOr_", .float32, { a, b in _ = a.logicalOr_(b) }, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalXor_", .float32, { a, b in _ = a.logicalXor_(b) }, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("add_(2)", .float32, { a, _ in _ = a.add_(2) }, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWInPlaceCase("add_(2.5)", .float32, { a, _ in _ = a.add_(2.5) }, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWInPlaceCase("add_(true)", .float32, { a, _ in _ = a.add_(true) }, [-2.5, -1, -0.25, 0.5, 1, 1.5, 2, 2.5, 3.25, 4, 8, -6]))
        c.append(EWInPlaceCase("+= 2", .float32, { a, _ in a += 2 }, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWInPlaceCase("+= 2.5", .float32, { a, _ in a += 2.5 }, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWInPlaceCase("sub_(1)", .float32, { a, _ in _ = a.sub_(1) }, [-4.5, -3, -2.25, -1.5, -1, -0.5, 0, 0.5, 1.25, 2, 6, -8]))
        c.append(EWInPlaceCase("-= 1.5", .float32, { a, _ in a -= 1.5 }, [-5, -3.5, -2.75, -2, -1.5, -1, -0.5, 0, 0.75, 1.5, 5.5, -8.5]))
        c.append(EWInPlaceCase("mul_(-2)", .float32, { a, _ in _ = a.mul_(-2) }, [7, 4, 2.5, 1, -0.0, -1, -2, -3, -4.5, -6, -14, 14]))
        c.append(EWInPlaceCase("*= 3", .float32, { a, _ in a *= 3 }, [-10.5, -6, -3.75, -1.5, 0, 1.5, 3, 4.5, 6.75, 9, 21, -21]))
        c.append(EWInPlaceCase("mul_(0.5)", .float32, { a, _ in _ = a.mul_(0.5) }, [-1.75, -1, -0.625, -0.25, 0, 0.25, 0.5, 0.75, 1.125, 1.5, 3.5, -3.5]))
        c.append(EWInPlaceCase("div_(4)", .float32, { a, _ in _ = a.div_(4) }, [-0.875, -0.5, -0.3125, -0.125, 0, 0.125, 0.25, 0.375, 0.5625, 0.75, 1.75, -1.75]))
        c.append(EWInPlaceCase("/= 2", .float32, { a, _ in a /= 2 }, [-1.75, -1, -0.625, -0.25, 0, 0.25, 0.5, 0.75, 1.125, 1.5, 3.5, -3.5]))
        c.append(EWInPlaceCase("floorDivide_(2)", .float32, { a, _ in _ = a.floorDivide_(2) }, [-2, -1, -1, -1, 0, 0, 0, 0, 1, 1, 3, -4]))
        c.append(EWInPlaceCase("floorDivide_(-2)", .float32, { a, _ in _ = a.floorDivide_(-2) }, [1, 1, 0, 0, -0.0, -1, -1, -1, -2, -2, -4, 3]))
        c.append(EWInPlaceCase("remainder_(3)", .float32, { a, _ in _ = a.remainder_(3) }, [2.5, 1, 1.75, 2.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, 2]))
        c.append(EWInPlaceCase("remainder_(-3)", .float32, { a, _ in _ = a.remainder_(-3) }, [-0.5, -2, -1.25, -0.5, 0, -2.5, -2, -1.5, -0.75, 0, -2, -1]))
        c.append(EWInPlaceCase("fmod_(-3)", .float32, { a, _ in _ = a.fmod_(-3) }, [-0.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, -1]))
        c.append(EWInPlaceCase("pow_(2)", .float32, { a, _ in _ = a.pow_(2) }, [12.25, 4, 1.5625, 0.25, 0, 0.25, 1, 2.25, 5.0625, 9, 49, 49]))
        c.append(EWInPlaceCase("pow_(0.5)", .float32, { a, _ in _ = a.pow_(0.5) }, [.nan, .nan, .nan, .nan, 0, 0.7071067690849304, 1, 1.2247449159622192, 1.5, 1.7320507764816284, 2.6457512378692627, .nan]))
        c.append(EWInPlaceCase("pow_(-1)", .float32, { a, _ in _ = a.pow_(-1) }, [-0.2857142984867096, -0.5, -0.800000011920929, -2, .infinity, 2, 1, 0.6666666865348816, 0.4444444477558136, 0.3333333432674408, 0.1428571492433548, -0.1428571492433548]))
        c.append(EWInPlaceCase("clamp_(-1,1)", .float32, { a, _ in _ = a.clamp_(min: -1, max: 1) }, [-1, -1, -1, -0.5, 0, 0.5, 1, 1, 1, 1, 1, -1]))
        c.append(EWInPlaceCase("clamp_(min: 0)", .float32, { a, _ in _ = a.clamp_(min: 0) }, [0, 0, 0, 0, 0, 0.5, 1, 1.5, 2.25, 3, 7, 0]))
        c.append(EWInPlaceCase("clamp_(max: 2)", .float32, { a, _ in _ = a.clamp_(max: 2) }, [-3.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2, 2, 2, -7]))
        c.append(EWInPlaceCase("clamp_(-0.5,2.5)", .float32, { a, _ in _ = a.clamp_(min: -0.5, max: 2.5) }, [-0.5, -0.5, -0.5, -0.5, 0, 0.5, 1, 1.5, 2.25, 2.5, 2.5, -0.5]))
        c.append(EWInPlaceCase("clamp_(min: 0.5)", .float32, { a, _ in _ = a.clamp_(min: 0.5) }, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1.5, 2.25, 3, 7, 0.5]))
        c.append(EWInPlaceCase("lt_(1)", .float32, { a, _ in _ = a.lt_(1) }, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWInPlaceCase("eq_(0)", .float32, { a, _ in _ = a.eq_(0) }, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("ge_(0.5)", .float32, { a, _ in _ = a.ge_(0.5) }, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("neg_", .float32, { a, _ in _ = a.neg_() }, [3.5, 2, 1.25, 0.5, -0.0, -0.5, -1, -1.5, -2.25, -3, -7, 7]))
        c.append(EWInPlaceCase("abs_", .float32, { a, _ in _ = a.abs_() }, [3.5, 2, 1.25, 0.5, 0, 0.5, 1, 1.5, 2.25, 3, 7, 7]))
        c.append(EWInPlaceCase("sign_", .float32, { a, _ in _ = a.sign_() }, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, -1]))
        c.append(EWInPlaceCase("exp_", .float32, { a, _ in _ = a.exp_() }, [0.03019738383591175, 0.1353352814912796, 0.2865048050880432, 0.6065306663513184, 1, 1.6487212181091309, 2.7182817459106445, 4.481688976287842, 9.487735748291016, 20.08553695678711, 1096.6331787109375, 0.0009118819725699723]))
        c.append(EWInPlaceCase("exp2_", .float32, { a, _ in _ = a.exp2_() }, [0.0883883461356163, 0.25, 0.4204482138156891, 0.7071067690849304, 1, 1.4142135381698608, 2, 2.8284270763397217, 4.756828308105469, 8, 128, 0.0078125]))
        c.append(EWInPlaceCase("expm1_", .float32, { a, _ in _ = a.expm1_() }, [-0.9698026180267334, -0.8646647334098816, -0.7134951949119568, -0.39346933364868164, 0, 0.6487212777137756, 1.718281865119934, 3.481688976287842, 8.487735748291016, 19.08553695678711, 1095.6331787109375, -0.9990881085395813]))
        c.append(EWInPlaceCase("log_", .float32, { a, _ in _ = a.log_() }, [.nan, .nan, .nan, .nan, -.infinity, -0.6931471824645996, 0, 0.40546512603759766, 0.8109301924705505, 1.0986123085021973, 1.9459102153778076, .nan]))
        c.append(EWInPlaceCase("log2_", .float32, { a, _ in _ = a.log2_() }, [.nan, .nan, .nan, .nan, -.infinity, -1, 0, 0.5849624872207642, 1.1699249744415283, 1.5849624872207642, 2.8073549270629883, .nan]))
        c.append(EWInPlaceCase("log10_", .float32, { a, _ in _ = a.log10_() }, [.nan, .nan, .nan, .nan, -.infinity, -0.3010300099849701, 0, 0.1760912537574768, 0.3521825075149536, 0.4771212637424469, 0.8450980186462402, .nan]))
        c.append(EWInPlaceCase("log1p_", .float32, { a, _ in _ = a.log1p_() }, [.nan, .nan, .nan, -0.6931471824645996, 0, 0.40546509623527527, 0.6931471824645996, 0.9162907600402832, 1.1786550283432007, 1.3862943649291992, 2.079441547393799, .nan]))
        c.append(EWInPlaceCase("sqrt_", .float32, { a, _ in _ = a.sqrt_() }, [.nan, .nan, .nan, .nan, 0, 0.7071067690849304, 1, 1.2247449159622192, 1.5, 1.7320507764816284, 2.6457512378692627, .nan]))
        c.append(EWInPlaceCase("rsqrt_", .float32, { a, _ in _ = a.rsqrt_() }, [.nan, .nan, .nan, .nan, .infinity, 1.4142135381698608, 1, 0.8164965510368347, 0.6666666865348816, 0.5773502588272095, 0.37796449661254883, .nan]))
        c.append(EWInPlaceCase("square_", .float32, { a, _ in _ = a.square_() }, [12.25, 4, 1.5625, 0.25, 0, 0.25, 1, 2.25, 5.0625, 9, 49, 49]))
        c.append(EWInPlaceCase("reciprocal_", .float32, { a, _ in _ = a.reciprocal_() }, [-0.2857142984867096, -0.5, -0.800000011920929, -2, .infinity, 2, 1, 0.6666666865348816, 0.4444444477558136, 0.3333333432674408, 0.1428571492433548, -0.1428571492433548]))
        c.append(EWInPlaceCase("sin_", .float32, { a, _ in _ = a.sin_() }, [0.35078322887420654, -0.9092974066734314, -0.9489846229553223, -0.4794255495071411, 0, 0.4794255495071411, 0.8414709568023682, 0.9974949955940247, 0.7780731916427612, 0.14112000167369843, 0.6569865942001343, -0.6569865942001343]))
        c.append(EWInPlaceCase("cos_", .float32, { a, _ in _ = a.cos_() }, [-0.9364566802978516, -0.416146844625473, 0.3153223693370819, 0.8775825500488281, 1, 0.8775825500488281, 0.5403023362159729, 0.07073719799518585, -0.6281736493110657, -0.9899924993515015, 0.7539022564888, 0.7539022564888]))
        c.append(EWInPlaceCase("tan_", .float32, { a, _ in _ = a.tan_() }, [-0.37458565831184387, 2.185039758682251, -3.0095696449279785, -0.5463024973869324, 0, 0.5463024973869324, 1.5574077367782593, 14.101419448852539, -1.238627552986145, -0.14254654943943024, 0.8714479804039001, -0.8714479804039001]))
        c.append(EWInPlaceCase("asin_", .float32, { a, _ in _ = a.asin_() }, [.nan, .nan, .nan, -0.5235987901687622, 0, 0.5235987901687622, 1.5707963705062866, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWInPlaceCase("acos_", .float32, { a, _ in _ = a.acos_() }, [.nan, .nan, .nan, 2.094395160675049, 1.5707963705062866, 1.0471975803375244, 0, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWInPlaceCase("atan_", .float32, { a, _ in _ = a.atan_() }, [-1.292496681213379, -1.1071487665176392, -0.8960554003715515, -0.46364760398864746, 0, 0.46364760398864746, 0.7853981852531433, 0.9827936887741089, 1.1525720357894897, 1.249045729637146, 1.4288992881774902, -1.4288992881774902]))
        c.append(EWInPlaceCase("sinh_", .float32, { a, _ in _ = a.sinh_() }, [-16.542627334594727, -3.6268603801727295, -1.601919174194336, -0.5210952758789062, 0, 0.5210952758789062, 1.175201177597046, 2.129279375076294, 4.691168308258057, 10.017874717712402, 548.316162109375, -548.316162109375]))
        c.append(EWInPlaceCase("cosh_", .float32, { a, _ in _ = a.cosh_() }, [16.572824478149414, 3.7621958255767822, 1.8884238004684448, 1.1276259422302246, 1, 1.1276259422302246, 1.5430805683135986, 2.352409601211548, 4.796567440032959, 10.067662239074707, 548.3170166015625, 548.3170166015625]))
        c.append(EWInPlaceCase("tanh_", .float32, { a, _ in _ = a.tanh_() }, [-0.9981778860092163, -0.9640275835990906, -0.8482836484909058, -0.46211716532707214, 0, 0.46211716532707214, 0.7615941762924194, 0.9051482677459717, 0.9780260920524597, 0.9950547814369202, 0.9999983310699463, -0.9999983310699463]))
        c.append(EWInPlaceCase("sigmoid_", .float32, { a, _ in _ = a.sigmoid_() }, [0.02931223064661026, 0.11920291930437088, 0.22270013391971588, 0.3775406777858734, 0.5, 0.622459352016449, 0.7310585975646973, 0.8175744414329529, 0.9046505093574524, 0.9525741338729858, 0.9990890026092529, 0.0009110511746257544]))
        c.append(EWInPlaceCase("relu_", .float32, { a, _ in _ = a.relu_() }, [0, 0, 0, 0, 0, 0.5, 1, 1.5, 2.25, 3, 7, 0]))
        c.append(EWInPlaceCase("erf_", .float32, { a, _ in _ = a.erf_() }, [-0.9999992847442627, -0.9953222870826721, -0.9229001402854919, -0.5204998850822449, 0, 0.5204998850822449, 0.8427007794380188, 0.9661051630973816, 0.9985373020172119, 0.9999778866767883, 1, -1]))
        c.append(EWInPlaceCase("floor_", .float32, { a, _ in _ = a.floor_() }, [-4, -2, -2, -1, 0, 0, 1, 1, 2, 3, 7, -7]))
        c.append(EWInPlaceCase("ceil_", .float32, { a, _ in _ = a.ceil_() }, [-3, -2, -1, -0.0, 0, 1, 1, 2, 3, 3, 7, -7]))
        c.append(EWInPlaceCase("round_", .float32, { a, _ in _ = a.round_() }, [-4, -2, -1, -0.0, 0, 0, 1, 2, 2, 3, 7, -7]))
        c.append(EWInPlaceCase("trunc_", .float32, { a, _ in _ = a.trunc_() }, [-3, -2, -1, -0.0, 0, 0, 1, 1, 2, 3, 7, -7]))
        c.append(EWInPlaceCase("frac_", .float32, { a, _ in _ = a.frac_() }, [-0.5, 0, -0.25, -0.5, 0, 0.5, 0, 0.5, 0.25, 0, 0, 0]))
        c.append(EWInPlaceCase("silu_", .float32, { a, _ in _ = a.silu_() }, [-0.10259281098842621, -0.23840583860874176, -0.27837517857551575, -0.1887703388929367, 0, 0.3112296760082245, 0.7310585975646973, 1.226361632347107, 2.035463571548462, 2.857722520828247, 6.993622779846191, -0.006377358455210924]))
        c.append(EWInPlaceCase("add_", .float64, { a, b in _ = a.add_(b) }, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWInPlaceCase("+=", .float64, { a, b in a += b }, [-1.5, -4, -0.5, -2, 0, 0.25, 2, -2.5, 3.75, 3.5, 4, -5]))
        c.append(EWInPlaceCase("sub_", .float64, { a, b in _ = a.sub_(b) }, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWInPlaceCase("-=", .float64, { a, b in a -= b }, [-5.5, 0, -2, 1, 0, 0.75, 0, 5.5, 0.75, 2.5, 10, -9]))
        c.append(EWInPlaceCase("mul_", .float64, { a, b in _ = a.mul_(b) }, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWInPlaceCase("*=", .float64, { a, b in a *= b }, [-7, 4, -0.9375, 0.75, 0, -0.125, 1, -6, 3.375, 1.5, -21, -14]))
        c.append(EWInPlaceCase("div_", .float64, { a, b in _ = a.div_(b) }, [-1.75, 1, -1.6666666666666667, 0.3333333333333333, .nan, -2, 1, -0.375, 1.5, 6, -2.3333333333333335, -3.5]))
        c.append(EWInPlaceCase("/=", .float64, { a, b in a /= b }, [-1.75, 1, -1.6666666666666667, 0.3333333333333333, .nan, -2, 1, -0.375, 1.5, 6, -2.3333333333333335, -3.5]))
        c.append(EWInPlaceCase("floorDivide_", .float64, { a, b in _ = a.floorDivide_(b) }, [-2, 1, -2, 0, .nan, -2, 1, -1, 1, 6, -3, -4]))
        c.append(EWInPlaceCase("remainder_", .float64, { a, b in _ = a.remainder_(b) }, [0.5, -0.0, 0.25, -0.5, .nan, 0, 0, -2.5, 0.75, 0, -2, 1]))
        c.append(EWInPlaceCase("fmod_", .float64, { a, b in _ = a.fmod_(b) }, [-1.5, -0.0, -0.5, -0.5, .nan, 0, 0, 1.5, 0.75, 0, 1, -1]))
        c.append(EWInPlaceCase("pow_", .float64, { a, b in _ = a.pow_(b) }, [12.25, 0.25, .nan, .nan, 1, 1.189207115002721, 1, 0.19753086419753085, 3.375, 1.7320508075688772, 0.0029154518950437317, 49]))
        c.append(EWInPlaceCase("atan2_", .float64, { a, b in _ = a.atan2_(b) }, [-1.0516502125483738, -2.356194490192345, -1.0303768265243125, -2.819842099193151, 0, 2.0344439357957027, 0.7853981633974483, 2.782821983319221, 0.982793723247329, 1.4056476493802699, 1.97568811307998, -1.2924966677897853]))
        c.append(EWInPlaceCase("eq_", .float64, { a, b in _ = a.eq_(b) }, [0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("ne_", .float64, { a, b in _ = a.ne_(b) }, [1, 0, 1, 1, 0, 1, 0, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("lt_", .float64, { a, b in _ = a.lt_(b) }, [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1]))
        c.append(EWInPlaceCase("le_", .float64, { a, b in _ = a.le_(b) }, [1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 1]))
        c.append(EWInPlaceCase("gt_", .float64, { a, b in _ = a.gt_(b) }, [0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("ge_", .float64, { a, b in _ = a.ge_(b) }, [0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("logicalAnd_", .float64, { a, b in _ = a.logicalAnd_(b) }, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalOr_", .float64, { a, b in _ = a.logicalOr_(b) }, [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalXor_", .float64, { a, b in _ = a.logicalXor_(b) }, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("add_(2)", .float64, { a, _ in _ = a.add_(2) }, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWInPlaceCase("add_(2.5)", .float64, { a, _ in _ = a.add_(2.5) }, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWInPlaceCase("add_(true)", .float64, { a, _ in _ = a.add_(true) }, [-2.5, -1, -0.25, 0.5, 1, 1.5, 2, 2.5, 3.25, 4, 8, -6]))
        c.append(EWInPlaceCase("+= 2", .float64, { a, _ in a += 2 }, [-1.5, 0, 0.75, 1.5, 2, 2.5, 3, 3.5, 4.25, 5, 9, -5]))
        c.append(EWInPlaceCase("+= 2.5", .float64, { a, _ in a += 2.5 }, [-1, 0.5, 1.25, 2, 2.5, 3, 3.5, 4, 4.75, 5.5, 9.5, -4.5]))
        c.append(EWInPlaceCase("sub_(1)", .float64, { a, _ in _ = a.sub_(1) }, [-4.5, -3, -2.25, -1.5, -1, -0.5, 0, 0.5, 1.25, 2, 6, -8]))
        c.append(EWInPlaceCase("-= 1.5", .float64, { a, _ in a -= 1.5 }, [-5, -3.5, -2.75, -2, -1.5, -1, -0.5, 0, 0.75, 1.5, 5.5, -8.5]))
        c.append(EWInPlaceCase("mul_(-2)", .float64, { a, _ in _ = a.mul_(-2) }, [7, 4, 2.5, 1, -0.0, -1, -2, -3, -4.5, -6, -14, 14]))
        c.append(EWInPlaceCase("*= 3", .float64, { a, _ in a *= 3 }, [-10.5, -6, -3.75, -1.5, 0, 1.5, 3, 4.5, 6.75, 9, 21, -21]))
        c.append(EWInPlaceCase("mul_(0.5)", .float64, { a, _ in _ = a.mul_(0.5) }, [-1.75, -1, -0.625, -0.25, 0, 0.25, 0.5, 0.75, 1.125, 1.5, 3.5, -3.5]))
        c.append(EWInPlaceCase("div_(4)", .float64, { a, _ in _ = a.div_(4) }, [-0.875, -0.5, -0.3125, -0.125, 0, 0.125, 0.25, 0.375, 0.5625, 0.75, 1.75, -1.75]))
        c.append(EWInPlaceCase("/= 2", .float64, { a, _ in a /= 2 }, [-1.75, -1, -0.625, -0.25, 0, 0.25, 0.5, 0.75, 1.125, 1.5, 3.5, -3.5]))
        c.append(EWInPlaceCase("floorDivide_(2)", .float64, { a, _ in _ = a.floorDivide_(2) }, [-2, -1, -1, -1, 0, 0, 0, 0, 1, 1, 3, -4]))
        c.append(EWInPlaceCase("floorDivide_(-2)", .float64, { a, _ in _ = a.floorDivide_(-2) }, [1, 1, 0, 0, -0.0, -1, -1, -1, -2, -2, -4, 3]))
        c.append(EWInPlaceCase("remainder_(3)", .float64, { a, _ in _ = a.remainder_(3) }, [2.5, 1, 1.75, 2.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, 2]))
        c.append(EWInPlaceCase("remainder_(-3)", .float64, { a, _ in _ = a.remainder_(-3) }, [-0.5, -2, -1.25, -0.5, 0, -2.5, -2, -1.5, -0.75, 0, -2, -1]))
        c.append(EWInPlaceCase("fmod_(-3)", .float64, { a, _ in _ = a.fmod_(-3) }, [-0.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2.25, 0, 1, -1]))
        c.append(EWInPlaceCase("pow_(2)", .float64, { a, _ in _ = a.pow_(2) }, [12.25, 4, 1.5625, 0.25, 0, 0.25, 1, 2.25, 5.0625, 9, 49, 49]))
        c.append(EWInPlaceCase("pow_(0.5)", .float64, { a, _ in _ = a.pow_(0.5) }, [.nan, .nan, .nan, .nan, 0, 0.7071067811865476, 1, 1.224744871391589, 1.5, 1.7320508075688772, 2.6457513110645907, .nan]))
        c.append(EWInPlaceCase("pow_(-1)", .float64, { a, _ in _ = a.pow_(-1) }, [-0.2857142857142857, -0.5, -0.8, -2, .infinity, 2, 1, 0.6666666666666666, 0.4444444444444444, 0.3333333333333333, 0.14285714285714285, -0.14285714285714285]))
        c.append(EWInPlaceCase("clamp_(-1,1)", .float64, { a, _ in _ = a.clamp_(min: -1, max: 1) }, [-1, -1, -1, -0.5, 0, 0.5, 1, 1, 1, 1, 1, -1]))
        c.append(EWInPlaceCase("clamp_(min: 0)", .float64, { a, _ in _ = a.clamp_(min: 0) }, [0, 0, 0, 0, 0, 0.5, 1, 1.5, 2.25, 3, 7, 0]))
        c.append(EWInPlaceCase("clamp_(max: 2)", .float64, { a, _ in _ = a.clamp_(max: 2) }, [-3.5, -2, -1.25, -0.5, 0, 0.5, 1, 1.5, 2, 2, 2, -7]))
        c.append(EWInPlaceCase("clamp_(-0.5,2.5)", .float64, { a, _ in _ = a.clamp_(min: -0.5, max: 2.5) }, [-0.5, -0.5, -0.5, -0.5, 0, 0.5, 1, 1.5, 2.25, 2.5, 2.5, -0.5]))
        c.append(EWInPlaceCase("clamp_(min: 0.5)", .float64, { a, _ in _ = a.clamp_(min: 0.5) }, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1.5, 2.25, 3, 7, 0.5]))
        c.append(EWInPlaceCase("lt_(1)", .float64, { a, _ in _ = a.lt_(1) }, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1]))
        c.append(EWInPlaceCase("eq_(0)", .float64, { a, _ in _ = a.eq_(0) }, [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("ge_(0.5)", .float64, { a, _ in _ = a.ge_(0.5) }, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("neg_", .float64, { a, _ in _ = a.neg_() }, [3.5, 2, 1.25, 0.5, -0.0, -0.5, -1, -1.5, -2.25, -3, -7, 7]))
        c.append(EWInPlaceCase("abs_", .float64, { a, _ in _ = a.abs_() }, [3.5, 2, 1.25, 0.5, 0, 0.5, 1, 1.5, 2.25, 3, 7, 7]))
        c.append(EWInPlaceCase("sign_", .float64, { a, _ in _ = a.sign_() }, [-1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1, -1]))
        c.append(EWInPlaceCase("exp_", .float64, { a, _ in _ = a.exp_() }, [0.0301973834223185, 0.1353352832366127, 0.2865047968601901, 0.6065306597126334, 1, 1.6487212707001282, 2.718281828459045, 4.4816890703380645, 9.487735836358526, 20.085536923187668, 1096.6331584284585, 0.0009118819655545162]))
        c.append(EWInPlaceCase("exp2_", .float64, { a, _ in _ = a.exp2_() }, [0.08838834764831843, 0.25, 0.4204482076268573, 0.7071067811865475, 1, 1.414213562373095, 2, 2.82842712474619, 4.756828460010884, 8, 128, 0.0078125]))
        c.append(EWInPlaceCase("expm1_", .float64, { a, _ in _ = a.expm1_() }, [-0.9698026165776815, -0.8646647167633873, -0.7134952031398099, -0.3934693402873666, 0, 0.6487212707001282, 1.7182818284590453, 3.481689070338065, 8.487735836358526, 19.085536923187668, 1095.6331584284585, -0.9990881180344455]))
        c.append(EWInPlaceCase("log_", .float64, { a, _ in _ = a.log_() }, [.nan, .nan, .nan, .nan, -.infinity, -0.6931471805599453, 0, 0.4054651081081644, 0.8109302162163288, 1.0986122886681098, 1.9459101490553132, .nan]))
        c.append(EWInPlaceCase("log2_", .float64, { a, _ in _ = a.log2_() }, [.nan, .nan, .nan, .nan, -.infinity, -1, 0, 0.5849625007211562, 1.1699250014423124, 1.584962500721156, 2.807354922057604, .nan]))
        c.append(EWInPlaceCase("log10_", .float64, { a, _ in _ = a.log10_() }, [.nan, .nan, .nan, .nan, -.infinity, -0.3010299956639812, 0, 0.17609125905568124, 0.3521825181113625, 0.47712125471966244, 0.8450980400142568, .nan]))
        c.append(EWInPlaceCase("log1p_", .float64, { a, _ in _ = a.log1p_() }, [.nan, .nan, .nan, -0.6931471805599453, 0, 0.4054651081081644, 0.6931471805599453, 0.9162907318741551, 1.1786549963416462, 1.3862943611198906, 2.0794415416798357, .nan]))
        c.append(EWInPlaceCase("sqrt_", .float64, { a, _ in _ = a.sqrt_() }, [.nan, .nan, .nan, .nan, 0, 0.7071067811865476, 1, 1.224744871391589, 1.5, 1.7320508075688772, 2.6457513110645907, .nan]))
        c.append(EWInPlaceCase("rsqrt_", .float64, { a, _ in _ = a.rsqrt_() }, [.nan, .nan, .nan, .nan, .infinity, 1.414213562373095, 1, 0.8164965809277261, 0.6666666666666666, 0.5773502691896258, 0.3779644730092272, .nan]))
        c.append(EWInPlaceCase("square_", .float64, { a, _ in _ = a.square_() }, [12.25, 4, 1.5625, 0.25, 0, 0.25, 1, 2.25, 5.0625, 9, 49, 49]))
        c.append(EWInPlaceCase("reciprocal_", .float64, { a, _ in _ = a.reciprocal_() }, [-0.2857142857142857, -0.5, -0.8, -2, .infinity, 2, 1, 0.6666666666666666, 0.4444444444444444, 0.3333333333333333, 0.14285714285714285, -0.14285714285714285]))
        c.append(EWInPlaceCase("sin_", .float64, { a, _ in _ = a.sin_() }, [0.35078322768961984, -0.9092974268256817, -0.9489846193555862, -0.479425538604203, 0, 0.479425538604203, 0.8414709848078965, 0.9974949866040544, 0.7780731968879212, 0.1411200080598672, 0.6569865987187891, -0.6569865987187891]))
        c.append(EWInPlaceCase("cos_", .float64, { a, _ in _ = a.cos_() }, [-0.9364566872907963, -0.4161468365471424, 0.3153223623952687, 0.8775825618903728, 1, 0.8775825618903728, 0.5403023058681398, 0.0707372016677029, -0.6281736227227391, -0.9899924966004454, 0.7539022543433046, 0.7539022543433046]))
        c.append(EWInPlaceCase("tan_", .float64, { a, _ in _ = a.tan_() }, [-0.3745856401585947, 2.185039863261519, -3.0095696738628313, -0.5463024898437905, 0, 0.5463024898437905, 1.5574077246549023, 14.101419947171719, -1.2386276162240966, -0.1425465430742778, 0.8714479827243188, -0.8714479827243188]))
        c.append(EWInPlaceCase("asin_", .float64, { a, _ in _ = a.asin_() }, [.nan, .nan, .nan, -0.5235987755982989, 0, 0.5235987755982989, 1.5707963267948966, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWInPlaceCase("acos_", .float64, { a, _ in _ = a.acos_() }, [.nan, .nan, .nan, 2.0943951023931957, 1.5707963267948966, 1.0471975511965976, 0, .nan, .nan, .nan, .nan, .nan]))
        c.append(EWInPlaceCase("atan_", .float64, { a, _ in _ = a.atan_() }, [-1.2924966677897853, -1.1071487177940904, -0.8960553845713439, -0.4636476090008061, 0, 0.4636476090008061, 0.7853981633974483, 0.982793723247329, 1.1525719972156676, 1.2490457723982544, 1.4288992721907328, -1.4288992721907328]))
        c.append(EWInPlaceCase("sinh_", .float64, { a, _ in _ = a.sinh_() }, [-16.542627287634996, -3.6268604078470186, -1.6019190803008256, -0.5210953054937474, 0, 0.5210953054937474, 1.1752011936438014, 2.1292794550948173, 4.691168305898331, 10.017874927409903, 548.3161232732465, -548.3161232732465]))
        c.append(EWInPlaceCase("cosh_", .float64, { a, _ in _ = a.cosh_() }, [16.572824671057315, 3.7621956910836314, 1.8884238771610158, 1.1276259652063807, 1, 1.1276259652063807, 1.5430806348152437, 2.352409615243247, 4.796567530460195, 10.067661995777765, 548.317035155212, 548.317035155212]))
        c.append(EWInPlaceCase("tanh_", .float64, { a, _ in _ = a.tanh_() }, [-0.9981778976111987, -0.9640275800758169, -0.8482836399575129, -0.46211715726000974, 0, 0.46211715726000974, 0.7615941559557649, 0.9051482536448664, 0.9780261147388136, 0.9950547536867305, 0.9999983369439447, -0.9999983369439447]))
        c.append(EWInPlaceCase("sigmoid_", .float64, { a, _ in _ = a.sigmoid_() }, [0.02931223075135632, 0.11920292202211755, 0.22270013882530884, 0.3775406687981454, 0.5, 0.6224593312018546, 0.7310585786300049, 0.8175744761936437, 0.9046505351008906, 0.9525741268224334, 0.9990889488055994, 0.0009110511944006454]))
        c.append(EWInPlaceCase("relu_", .float64, { a, _ in _ = a.relu_() }, [0, 0, 0, 0, 0, 0.5, 1, 1.5, 2.25, 3, 7, 0]))
        c.append(EWInPlaceCase("erf_", .float64, { a, _ in _ = a.erf_() }, [-0.9999992569016276, -0.9953222650189527, -0.9229001282564583, -0.5204998778130465, 0, 0.5204998778130465, 0.8427007929497149, 0.9661051464753108, 0.9985372834133188, 0.9999779095030014, 1, -1]))
        c.append(EWInPlaceCase("floor_", .float64, { a, _ in _ = a.floor_() }, [-4, -2, -2, -1, 0, 0, 1, 1, 2, 3, 7, -7]))
        c.append(EWInPlaceCase("ceil_", .float64, { a, _ in _ = a.ceil_() }, [-3, -2, -1, -0.0, 0, 1, 1, 2, 3, 3, 7, -7]))
        c.append(EWInPlaceCase("round_", .float64, { a, _ in _ = a.round_() }, [-4, -2, -1, -0.0, 0, 0, 1, 2, 2, 3, 7, -7]))
        c.append(EWInPlaceCase("trunc_", .float64, { a, _ in _ = a.trunc_() }, [-3, -2, -1, -0.0, 0, 0, 1, 1, 2, 3, 7, -7]))
        c.append(EWInPlaceCase("frac_", .float64, { a, _ in _ = a.frac_() }, [-0.5, 0, -0.25, -0.5, 0, 0.5, 0, 0.5, 0.25, 0, 0, 0]))
        c.append(EWInPlaceCase("silu_", .float64, { a, _ in _ = a.silu_() }, [-0.10259280762974712, -0.2384058440442351, -0.27837517353163604, -0.1887703343990727, 0, 0.3112296656009273, 0.7310585786300049, 1.2263617142904655, 2.035463703977004, 2.8577223804672998, 6.993622641639196, -0.006377358360804518]))
        c.append(EWInPlaceCase("add_", .int32, { a, b in _ = a.add_(b) }, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4]))
        c.append(EWInPlaceCase("+=", .int32, { a, b in a += b }, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4]))
        c.append(EWInPlaceCase("sub_", .int32, { a, b in _ = a.sub_(b) }, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14]))
        c.append(EWInPlaceCase("-=", .int32, { a, b in a -= b }, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14]))
        c.append(EWInPlaceCase("mul_", .int32, { a, b in _ = a.mul_(b) }, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45]))
        c.append(EWInPlaceCase("*=", .int32, { a, b in a *= b }, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45]))
        c.append(EWInPlaceCase("floorDivide_", .int32, { a, b in _ = a.floorDivide_(b) }, [-4, 3, -2, 1, -1, 0, -1, 0, 1, 2, 2, -2]))
        c.append(EWInPlaceCase("remainder_", .int32, { a, b in _ = a.remainder_(b) }, [1, 0, 1, 0, 3, 0, -3, 2, 0, 1, 1, -1]))
        c.append(EWInPlaceCase("fmod_", .int32, { a, b in _ = a.fmod_(b) }, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 1, 1, 4]))
        c.append(EWInPlaceCase("pow_", .int32, { a, b in _ = a.pow_(b) }, [49, 0, -125, 0, 1, 0, 1, 8, 27, 25, 343, 0]))
        c.append(EWInPlaceCase("eq_", .int32, { a, b in _ = a.eq_(b) }, [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("ne_", .int32, { a, b in _ = a.ne_(b) }, [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1]))
        c.append(EWInPlaceCase("lt_", .int32, { a, b in _ = a.lt_(b) }, [1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("le_", .int32, { a, b in _ = a.le_(b) }, [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("gt_", .int32, { a, b in _ = a.gt_(b) }, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1]))
        c.append(EWInPlaceCase("ge_", .int32, { a, b in _ = a.ge_(b) }, [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalAnd_", .int32, { a, b in _ = a.logicalAnd_(b) }, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalOr_", .int32, { a, b in _ = a.logicalOr_(b) }, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalXor_", .int32, { a, b in _ = a.logicalXor_(b) }, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("bitwiseAnd_", .int32, { a, b in _ = a.bitwiseAnd_(b) }, [0, -6, 3, -3, 4, 0, 0, 2, 3, 0, 3, 9]))
        c.append(EWInPlaceCase("bitwiseOr_", .int32, { a, b in _ = a.bitwiseOr_(b) }, [-5, -2, -5, -3, -1, 5, -3, 3, 3, 7, 7, -5]))
        c.append(EWInPlaceCase("bitwiseXor_", .int32, { a, b in _ = a.bitwiseXor_(b) }, [-5, 4, -8, 0, -5, 5, -3, 1, 0, 7, 4, -14]))
        c.append(EWInPlaceCase("add_(2)", .int32, { a, _ in _ = a.add_(2) }, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWInPlaceCase("add_(true)", .int32, { a, _ in _ = a.add_(true) }, [-6, -5, -4, -2, 0, 1, 2, 3, 4, 6, 8, 10]))
        c.append(EWInPlaceCase("+= 2", .int32, { a, _ in a += 2 }, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWInPlaceCase("sub_(1)", .int32, { a, _ in _ = a.sub_(1) }, [-8, -7, -6, -4, -2, -1, 0, 1, 2, 4, 6, 8]))
        c.append(EWInPlaceCase("mul_(-2)", .int32, { a, _ in _ = a.mul_(-2) }, [14, 12, 10, 6, 2, 0, -2, -4, -6, -10, -14, -18]))
        c.append(EWInPlaceCase("*= 3", .int32, { a, _ in a *= 3 }, [-21, -18, -15, -9, -3, 0, 3, 6, 9, 15, 21, 27]))
        c.append(EWInPlaceCase("floorDivide_(2)", .int32, { a, _ in _ = a.floorDivide_(2) }, [-4, -3, -3, -2, -1, 0, 0, 1, 1, 2, 3, 4]))
        c.append(EWInPlaceCase("floorDivide_(-2)", .int32, { a, _ in _ = a.floorDivide_(-2) }, [3, 3, 2, 1, 0, 0, -1, -1, -2, -3, -4, -5]))
        c.append(EWInPlaceCase("remainder_(3)", .int32, { a, _ in _ = a.remainder_(3) }, [2, 0, 1, 0, 2, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWInPlaceCase("remainder_(-3)", .int32, { a, _ in _ = a.remainder_(-3) }, [-1, 0, -2, 0, -1, 0, -2, -1, 0, -1, -2, 0]))
        c.append(EWInPlaceCase("fmod_(-3)", .int32, { a, _ in _ = a.fmod_(-3) }, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWInPlaceCase("pow_(2)", .int32, { a, _ in _ = a.pow_(2) }, [49, 36, 25, 9, 1, 0, 1, 4, 9, 25, 49, 81]))
        c.append(EWInPlaceCase("clamp_(-1,1)", .int32, { a, _ in _ = a.clamp_(min: -1, max: 1) }, [-1, -1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("clamp_(min: 0)", .int32, { a, _ in _ = a.clamp_(min: 0) }, [0, 0, 0, 0, 0, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("clamp_(max: 2)", .int32, { a, _ in _ = a.clamp_(max: 2) }, [-7, -6, -5, -3, -1, 0, 1, 2, 2, 2, 2, 2]))
        c.append(EWInPlaceCase("lt_(1)", .int32, { a, _ in _ = a.lt_(1) }, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("eq_(0)", .int32, { a, _ in _ = a.eq_(0) }, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("ge_(0.5)", .int32, { a, _ in _ = a.ge_(0.5) }, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("neg_", .int32, { a, _ in _ = a.neg_() }, [7, 6, 5, 3, 1, 0, -1, -2, -3, -5, -7, -9]))
        c.append(EWInPlaceCase("abs_", .int32, { a, _ in _ = a.abs_() }, [7, 6, 5, 3, 1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("sign_", .int32, { a, _ in _ = a.sign_() }, [-1, -1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("square_", .int32, { a, _ in _ = a.square_() }, [49, 36, 25, 9, 1, 0, 1, 4, 9, 25, 49, 81]))
        c.append(EWInPlaceCase("relu_", .int32, { a, _ in _ = a.relu_() }, [0, 0, 0, 0, 0, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("floor_", .int32, { a, _ in _ = a.floor_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("ceil_", .int32, { a, _ in _ = a.ceil_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("round_", .int32, { a, _ in _ = a.round_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("trunc_", .int32, { a, _ in _ = a.trunc_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("add_", .int64, { a, b in _ = a.add_(b) }, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4]))
        c.append(EWInPlaceCase("+=", .int64, { a, b in a += b }, [-5, -8, -2, -6, 3, 5, -3, 5, 6, 7, 10, 4]))
        c.append(EWInPlaceCase("sub_", .int64, { a, b in _ = a.sub_(b) }, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14]))
        c.append(EWInPlaceCase("-=", .int64, { a, b in a -= b }, [-9, -4, -8, 0, -5, -5, 5, -1, 0, 3, 4, 14]))
        c.append(EWInPlaceCase("mul_", .int64, { a, b in _ = a.mul_(b) }, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45]))
        c.append(EWInPlaceCase("*=", .int64, { a, b in a *= b }, [-14, 12, -15, 9, -4, 0, -4, 6, 9, 10, 21, -45]))
        c.append(EWInPlaceCase("floorDivide_", .int64, { a, b in _ = a.floorDivide_(b) }, [-4, 3, -2, 1, -1, 0, -1, 0, 1, 2, 2, -2]))
        c.append(EWInPlaceCase("remainder_", .int64, { a, b in _ = a.remainder_(b) }, [1, 0, 1, 0, 3, 0, -3, 2, 0, 1, 1, -1]))
        c.append(EWInPlaceCase("fmod_", .int64, { a, b in _ = a.fmod_(b) }, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 1, 1, 4]))
        c.append(EWInPlaceCase("pow_", .int64, { a, b in _ = a.pow_(b) }, [49, 0, -125, 0, 1, 0, 1, 8, 27, 25, 343, 0]))
        c.append(EWInPlaceCase("eq_", .int64, { a, b in _ = a.eq_(b) }, [0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("ne_", .int64, { a, b in _ = a.ne_(b) }, [1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1, 1]))
        c.append(EWInPlaceCase("lt_", .int64, { a, b in _ = a.lt_(b) }, [1, 1, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("le_", .int64, { a, b in _ = a.le_(b) }, [1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("gt_", .int64, { a, b in _ = a.gt_(b) }, [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1]))
        c.append(EWInPlaceCase("ge_", .int64, { a, b in _ = a.ge_(b) }, [0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalAnd_", .int64, { a, b in _ = a.logicalAnd_(b) }, [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalOr_", .int64, { a, b in _ = a.logicalOr_(b) }, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("logicalXor_", .int64, { a, b in _ = a.logicalXor_(b) }, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("bitwiseAnd_", .int64, { a, b in _ = a.bitwiseAnd_(b) }, [0, -6, 3, -3, 4, 0, 0, 2, 3, 0, 3, 9]))
        c.append(EWInPlaceCase("bitwiseOr_", .int64, { a, b in _ = a.bitwiseOr_(b) }, [-5, -2, -5, -3, -1, 5, -3, 3, 3, 7, 7, -5]))
        c.append(EWInPlaceCase("bitwiseXor_", .int64, { a, b in _ = a.bitwiseXor_(b) }, [-5, 4, -8, 0, -5, 5, -3, 1, 0, 7, 4, -14]))
        c.append(EWInPlaceCase("add_(2)", .int64, { a, _ in _ = a.add_(2) }, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWInPlaceCase("add_(true)", .int64, { a, _ in _ = a.add_(true) }, [-6, -5, -4, -2, 0, 1, 2, 3, 4, 6, 8, 10]))
        c.append(EWInPlaceCase("+= 2", .int64, { a, _ in a += 2 }, [-5, -4, -3, -1, 1, 2, 3, 4, 5, 7, 9, 11]))
        c.append(EWInPlaceCase("sub_(1)", .int64, { a, _ in _ = a.sub_(1) }, [-8, -7, -6, -4, -2, -1, 0, 1, 2, 4, 6, 8]))
        c.append(EWInPlaceCase("mul_(-2)", .int64, { a, _ in _ = a.mul_(-2) }, [14, 12, 10, 6, 2, 0, -2, -4, -6, -10, -14, -18]))
        c.append(EWInPlaceCase("*= 3", .int64, { a, _ in a *= 3 }, [-21, -18, -15, -9, -3, 0, 3, 6, 9, 15, 21, 27]))
        c.append(EWInPlaceCase("floorDivide_(2)", .int64, { a, _ in _ = a.floorDivide_(2) }, [-4, -3, -3, -2, -1, 0, 0, 1, 1, 2, 3, 4]))
        c.append(EWInPlaceCase("floorDivide_(-2)", .int64, { a, _ in _ = a.floorDivide_(-2) }, [3, 3, 2, 1, 0, 0, -1, -1, -2, -3, -4, -5]))
        c.append(EWInPlaceCase("remainder_(3)", .int64, { a, _ in _ = a.remainder_(3) }, [2, 0, 1, 0, 2, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWInPlaceCase("remainder_(-3)", .int64, { a, _ in _ = a.remainder_(-3) }, [-1, 0, -2, 0, -1, 0, -2, -1, 0, -1, -2, 0]))
        c.append(EWInPlaceCase("fmod_(-3)", .int64, { a, _ in _ = a.fmod_(-3) }, [-1, 0, -2, 0, -1, 0, 1, 2, 0, 2, 1, 0]))
        c.append(EWInPlaceCase("pow_(2)", .int64, { a, _ in _ = a.pow_(2) }, [49, 36, 25, 9, 1, 0, 1, 4, 9, 25, 49, 81]))
        c.append(EWInPlaceCase("clamp_(-1,1)", .int64, { a, _ in _ = a.clamp_(min: -1, max: 1) }, [-1, -1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("clamp_(min: 0)", .int64, { a, _ in _ = a.clamp_(min: 0) }, [0, 0, 0, 0, 0, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("clamp_(max: 2)", .int64, { a, _ in _ = a.clamp_(max: 2) }, [-7, -6, -5, -3, -1, 0, 1, 2, 2, 2, 2, 2]))
        c.append(EWInPlaceCase("lt_(1)", .int64, { a, _ in _ = a.lt_(1) }, [1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("eq_(0)", .int64, { a, _ in _ = a.eq_(0) }, [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]))
        c.append(EWInPlaceCase("ge_(0.5)", .int64, { a, _ in _ = a.ge_(0.5) }, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("neg_", .int64, { a, _ in _ = a.neg_() }, [7, 6, 5, 3, 1, 0, -1, -2, -3, -5, -7, -9]))
        c.append(EWInPlaceCase("abs_", .int64, { a, _ in _ = a.abs_() }, [7, 6, 5, 3, 1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("sign_", .int64, { a, _ in _ = a.sign_() }, [-1, -1, -1, -1, -1, 0, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("square_", .int64, { a, _ in _ = a.square_() }, [49, 36, 25, 9, 1, 0, 1, 4, 9, 25, 49, 81]))
        c.append(EWInPlaceCase("relu_", .int64, { a, _ in _ = a.relu_() }, [0, 0, 0, 0, 0, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("floor_", .int64, { a, _ in _ = a.floor_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("ceil_", .int64, { a, _ in _ = a.ceil_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("round_", .int64, { a, _ in _ = a.round_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("trunc_", .int64, { a, _ in _ = a.trunc_() }, [-7, -6, -5, -3, -1, 0, 1, 2, 3, 5, 7, 9]))
        c.append(EWInPlaceCase("add_", .bool, { a, b in _ = a.add_(b) }, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("+=", .bool, { a, b in a += b }, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("mul_", .bool, { a, b in _ = a.mul_(b) }, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("*=", .bool, { a, b in a *= b }, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("eq_", .bool, { a, b in _ = a.eq_(b) }, [1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1]))
        c.append(EWInPlaceCase("ne_", .bool, { a, b in _ = a.ne_(b) }, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWInPlaceCase("lt_", .bool, { a, b in _ = a.lt_(b) }, [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0]))
        c.append(EWInPlaceCase("le_", .bool, { a, b in _ = a.le_(b) }, [1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1]))
        c.append(EWInPlaceCase("gt_", .bool, { a, b in _ = a.gt_(b) }, [0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0]))
        c.append(EWInPlaceCase("ge_", .bool, { a, b in _ = a.ge_(b) }, [1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1]))
        c.append(EWInPlaceCase("logicalAnd_", .bool, { a, b in _ = a.logicalAnd_(b) }, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("logicalOr_", .bool, { a, b in _ = a.logicalOr_(b) }, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("logicalXor_", .bool, { a, b in _ = a.logicalXor_(b) }, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWInPlaceCase("bitwiseAnd_", .bool, { a, b in _ = a.bitwiseAnd_(b) }, [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]))
        c.append(EWInPlaceCase("bitwiseOr_", .bool, { a, b in _ = a.bitwiseOr_(b) }, [1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0]))
        c.append(EWInPlaceCase("bitwiseXor_", .bool, { a, b in _ = a.bitwiseXor_(b) }, [0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0]))
        c.append(EWInPlaceCase("add_(true)", .bool, { a, _ in _ = a.add_(true) }, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]))
        c.append(EWInPlaceCase("lt_(1)", .bool, { a, _ in _ = a.lt_(1) }, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]))
        c.append(EWInPlaceCase("eq_(0)", .bool, { a, _ in _ = a.eq_(0) }, [0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]))
        c.append(EWInPlaceCase("ge_(0.5)", .bool, { a, _ in _ = a.ge_(0.5) }, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        c.append(EWInPlaceCase("sign_", .bool, { a, _ in _ = a.sign_() }, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]))
        return c
    }

    private static func makeRejected() -> [EWInPlaceErrorCase] {
        var c: [EWInPlaceErrorCase] = []
        c.append(EWInPlaceErrorCase("bitwiseAnd_", .float32, { a, b in _ = a.bitwiseAnd_(b) }, .init(.notImplementedError, "\"bitwise_and_cpu\" not implemented for 'Float'")))
        c.append(EWInPlaceErrorCase("bitwiseOr_", .float32, { a, b in _ = a.bitwiseOr_(b) }, .init(.notImplementedError, "\"bitwise_or_cpu\" not implemented for 'Float'")))
        c.append(EWInPlaceErrorCase("bitwiseXor_", .float32, { a, b in _ = a.bitwiseXor_(b) }, .init(.notImplementedError, "\"bitwise_xor_cpu\" not implemented for 'Float'")))
        c.append(EWInPlaceErrorCase("bitwiseAnd_", .float64, { a, b in _ = a.bitwiseAnd_(b) }, .init(.notImplementedError, "\"bitwise_and_cpu\" not implemented for 'Double'")))
        c.append(EWInPlaceErrorCase("bitwiseOr_", .float64, { a, b in _ = a.bitwiseOr_(b) }, .init(.notImplementedError, "\"bitwise_or_cpu\" not implemented for 'Double'")))
        c.append(EWInPlaceErrorCase("bitwiseXor_", .float64, { a, b in _ = a.bitwiseXor_(b) }, .init(.notImplementedError, "\"bitwise_xor_cpu\" not implemented for 'Double'")))
        c.append(EWInPlaceErrorCase("div_", .int32, { a, b in _ = a.div_(b) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("/=", .int32, { a, b in a /= b }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("atan2_", .int32, { a, b in _ = a.atan2_(b) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("add_(2.5)", .int32, { a, _ in _ = a.add_(2.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("+= 2.5", .int32, { a, _ in a += 2.5 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("-= 1.5", .int32, { a, _ in a -= 1.5 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("mul_(0.5)", .int32, { a, _ in _ = a.mul_(0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("div_(4)", .int32, { a, _ in _ = a.div_(4) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("/= 2", .int32, { a, _ in a /= 2 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("pow_(0.5)", .int32, { a, _ in _ = a.pow_(0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("pow_(-1)", .int32, { a, _ in _ = a.pow_(-1) }, .init(.runtimeError, "Integers to negative integer powers are not allowed.")))
        c.append(EWInPlaceErrorCase("clamp_(-0.5,2.5)", .int32, { a, _ in _ = a.clamp_(min: -0.5, max: 2.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type int")))
        c.append(EWInPlaceErrorCase("clamp_(min: 0.5)", .int32, { a, _ in _ = a.clamp_(min: 0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type int")))
        c.append(EWInPlaceErrorCase("exp_", .int32, { a, _ in _ = a.exp_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("exp2_", .int32, { a, _ in _ = a.exp2_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("expm1_", .int32, { a, _ in _ = a.expm1_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("log_", .int32, { a, _ in _ = a.log_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("log2_", .int32, { a, _ in _ = a.log2_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("log10_", .int32, { a, _ in _ = a.log10_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("log1p_", .int32, { a, _ in _ = a.log1p_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("sqrt_", .int32, { a, _ in _ = a.sqrt_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("rsqrt_", .int32, { a, _ in _ = a.rsqrt_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("reciprocal_", .int32, { a, _ in _ = a.reciprocal_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("sin_", .int32, { a, _ in _ = a.sin_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("cos_", .int32, { a, _ in _ = a.cos_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("tan_", .int32, { a, _ in _ = a.tan_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("asin_", .int32, { a, _ in _ = a.asin_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("acos_", .int32, { a, _ in _ = a.acos_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("atan_", .int32, { a, _ in _ = a.atan_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("sinh_", .int32, { a, _ in _ = a.sinh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("cosh_", .int32, { a, _ in _ = a.cosh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("tanh_", .int32, { a, _ in _ = a.tanh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("sigmoid_", .int32, { a, _ in _ = a.sigmoid_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("erf_", .int32, { a, _ in _ = a.erf_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Int")))
        c.append(EWInPlaceErrorCase("frac_", .int32, { a, _ in _ = a.frac_() }, .init(.notImplementedError, "\"frac_cpu\" not implemented for 'Int'")))
        c.append(EWInPlaceErrorCase("silu_", .int32, { a, _ in _ = a.silu_() }, .init(.notImplementedError, "\"silu_cpu\" not implemented for 'Int'")))
        c.append(EWInPlaceErrorCase("div_", .int64, { a, b in _ = a.div_(b) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("/=", .int64, { a, b in a /= b }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("atan2_", .int64, { a, b in _ = a.atan2_(b) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("add_(2.5)", .int64, { a, _ in _ = a.add_(2.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("+= 2.5", .int64, { a, _ in a += 2.5 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("-= 1.5", .int64, { a, _ in a -= 1.5 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("mul_(0.5)", .int64, { a, _ in _ = a.mul_(0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("div_(4)", .int64, { a, _ in _ = a.div_(4) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("/= 2", .int64, { a, _ in a /= 2 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("pow_(0.5)", .int64, { a, _ in _ = a.pow_(0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("pow_(-1)", .int64, { a, _ in _ = a.pow_(-1) }, .init(.runtimeError, "Integers to negative integer powers are not allowed.")))
        c.append(EWInPlaceErrorCase("clamp_(-0.5,2.5)", .int64, { a, _ in _ = a.clamp_(min: -0.5, max: 2.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type long int")))
        c.append(EWInPlaceErrorCase("clamp_(min: 0.5)", .int64, { a, _ in _ = a.clamp_(min: 0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type long int")))
        c.append(EWInPlaceErrorCase("exp_", .int64, { a, _ in _ = a.exp_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("exp2_", .int64, { a, _ in _ = a.exp2_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("expm1_", .int64, { a, _ in _ = a.expm1_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("log_", .int64, { a, _ in _ = a.log_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("log2_", .int64, { a, _ in _ = a.log2_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("log10_", .int64, { a, _ in _ = a.log10_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("log1p_", .int64, { a, _ in _ = a.log1p_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("sqrt_", .int64, { a, _ in _ = a.sqrt_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("rsqrt_", .int64, { a, _ in _ = a.rsqrt_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("reciprocal_", .int64, { a, _ in _ = a.reciprocal_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("sin_", .int64, { a, _ in _ = a.sin_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("cos_", .int64, { a, _ in _ = a.cos_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("tan_", .int64, { a, _ in _ = a.tan_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("asin_", .int64, { a, _ in _ = a.asin_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("acos_", .int64, { a, _ in _ = a.acos_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("atan_", .int64, { a, _ in _ = a.atan_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("sinh_", .int64, { a, _ in _ = a.sinh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("cosh_", .int64, { a, _ in _ = a.cosh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("tanh_", .int64, { a, _ in _ = a.tanh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("sigmoid_", .int64, { a, _ in _ = a.sigmoid_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("erf_", .int64, { a, _ in _ = a.erf_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Long")))
        c.append(EWInPlaceErrorCase("frac_", .int64, { a, _ in _ = a.frac_() }, .init(.notImplementedError, "\"frac_cpu\" not implemented for 'Long'")))
        c.append(EWInPlaceErrorCase("silu_", .int64, { a, _ in _ = a.silu_() }, .init(.notImplementedError, "\"silu_cpu\" not implemented for 'Long'")))
        c.append(EWInPlaceErrorCase("sub_", .bool, { a, b in _ = a.sub_(b) }, .init(.notImplementedError, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")))
        c.append(EWInPlaceErrorCase("-=", .bool, { a, b in a -= b }, .init(.notImplementedError, "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")))
        c.append(EWInPlaceErrorCase("div_", .bool, { a, b in _ = a.div_(b) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("/=", .bool, { a, b in a /= b }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("floorDivide_", .bool, { a, b in _ = a.floorDivide_(b) }, .init(.notImplementedError, "\"div_floor_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("remainder_", .bool, { a, b in _ = a.remainder_(b) }, .init(.notImplementedError, "\"remainder_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("fmod_", .bool, { a, b in _ = a.fmod_(b) }, .init(.notImplementedError, "\"fmod_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("pow_", .bool, { a, b in _ = a.pow_(b) }, .init(.notImplementedError, "\"pow\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("atan2_", .bool, { a, b in _ = a.atan2_(b) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("add_(2)", .bool, { a, _ in _ = a.add_(2) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("add_(2.5)", .bool, { a, _ in _ = a.add_(2.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("+= 2", .bool, { a, _ in a += 2 }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("+= 2.5", .bool, { a, _ in a += 2.5 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("sub_(1)", .bool, { a, _ in _ = a.sub_(1) }, .init(.notImplementedError, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        c.append(EWInPlaceErrorCase("-= 1.5", .bool, { a, _ in a -= 1.5 }, .init(.notImplementedError, "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        c.append(EWInPlaceErrorCase("mul_(-2)", .bool, { a, _ in _ = a.mul_(-2) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("*= 3", .bool, { a, _ in a *= 3 }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("mul_(0.5)", .bool, { a, _ in _ = a.mul_(0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("div_(4)", .bool, { a, _ in _ = a.div_(4) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("/= 2", .bool, { a, _ in a /= 2 }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("floorDivide_(2)", .bool, { a, _ in _ = a.floorDivide_(2) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("floorDivide_(-2)", .bool, { a, _ in _ = a.floorDivide_(-2) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("remainder_(3)", .bool, { a, _ in _ = a.remainder_(3) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("remainder_(-3)", .bool, { a, _ in _ = a.remainder_(-3) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("fmod_(-3)", .bool, { a, _ in _ = a.fmod_(-3) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("pow_(2)", .bool, { a, _ in _ = a.pow_(2) }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("pow_(0.5)", .bool, { a, _ in _ = a.pow_(0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("pow_(-1)", .bool, { a, _ in _ = a.pow_(-1) }, .init(.runtimeError, "Integers to negative integer powers are not allowed.")))
        c.append(EWInPlaceErrorCase("clamp_(-1,1)", .bool, { a, _ in _ = a.clamp_(min: -1, max: 1) }, .init(.runtimeError, "result type Long can't be cast to the desired output type bool")))
        c.append(EWInPlaceErrorCase("clamp_(min: 0)", .bool, { a, _ in _ = a.clamp_(min: 0) }, .init(.runtimeError, "result type Long can't be cast to the desired output type bool")))
        c.append(EWInPlaceErrorCase("clamp_(max: 2)", .bool, { a, _ in _ = a.clamp_(max: 2) }, .init(.runtimeError, "result type Long can't be cast to the desired output type bool")))
        c.append(EWInPlaceErrorCase("clamp_(-0.5,2.5)", .bool, { a, _ in _ = a.clamp_(min: -0.5, max: 2.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type bool")))
        c.append(EWInPlaceErrorCase("clamp_(min: 0.5)", .bool, { a, _ in _ = a.clamp_(min: 0.5) }, .init(.runtimeError, "result type Float can't be cast to the desired output type bool")))
        c.append(EWInPlaceErrorCase("neg_", .bool, { a, _ in _ = a.neg_() }, .init(.notImplementedError, "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")))
        c.append(EWInPlaceErrorCase("abs_", .bool, { a, _ in _ = a.abs_() }, .init(.notImplementedError, "\"abs_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("exp_", .bool, { a, _ in _ = a.exp_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("exp2_", .bool, { a, _ in _ = a.exp2_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("expm1_", .bool, { a, _ in _ = a.expm1_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("log_", .bool, { a, _ in _ = a.log_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("log2_", .bool, { a, _ in _ = a.log2_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("log10_", .bool, { a, _ in _ = a.log10_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("log1p_", .bool, { a, _ in _ = a.log1p_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("sqrt_", .bool, { a, _ in _ = a.sqrt_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("rsqrt_", .bool, { a, _ in _ = a.rsqrt_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("square_", .bool, { a, _ in _ = a.square_() }, .init(.runtimeError, "result type Long can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("reciprocal_", .bool, { a, _ in _ = a.reciprocal_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("sin_", .bool, { a, _ in _ = a.sin_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("cos_", .bool, { a, _ in _ = a.cos_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("tan_", .bool, { a, _ in _ = a.tan_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("asin_", .bool, { a, _ in _ = a.asin_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("acos_", .bool, { a, _ in _ = a.acos_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("atan_", .bool, { a, _ in _ = a.atan_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("sinh_", .bool, { a, _ in _ = a.sinh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("cosh_", .bool, { a, _ in _ = a.cosh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("tanh_", .bool, { a, _ in _ = a.tanh_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("sigmoid_", .bool, { a, _ in _ = a.sigmoid_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("relu_", .bool, { a, _ in _ = a.relu_() }, .init(.notImplementedError, "Boolean inputs not supported for relu")))
        c.append(EWInPlaceErrorCase("erf_", .bool, { a, _ in _ = a.erf_() }, .init(.runtimeError, "result type Float can't be cast to the desired output type Bool")))
        c.append(EWInPlaceErrorCase("floor_", .bool, { a, _ in _ = a.floor_() }, .init(.notImplementedError, "\"floor_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("ceil_", .bool, { a, _ in _ = a.ceil_() }, .init(.notImplementedError, "\"ceil_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("round_", .bool, { a, _ in _ = a.round_() }, .init(.notImplementedError, "\"round_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("trunc_", .bool, { a, _ in _ = a.trunc_() }, .init(.notImplementedError, "\"trunc_vml_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("frac_", .bool, { a, _ in _ = a.frac_() }, .init(.notImplementedError, "\"frac_cpu\" not implemented for 'Bool'")))
        c.append(EWInPlaceErrorCase("silu_", .bool, { a, _ in _ = a.silu_() }, .init(.notImplementedError, "\"silu_cpu\" not implemented for 'Bool'")))
        return c
    }
}

/// The number of `-777` fillers in a tensor's whole storage (what `layoutVariants` puts around
/// the data of a view).
func ewFillerCount(_ t: Tensor) -> Int {
    let whole = (t.viewBase ?? t).contiguous().flatten()
    return whole.scalars(as: Double.self).filter { $0 == -777 }.count
}

@Suite struct ElementwiseInPlaceTests {
    /// Every layout but the expanded one: values written in place, the storage and layout kept,
    /// the version bumped once, the base of a view holding the new values.
    @Test(arguments: EWInPlaceCases.accepted)
    func writesInPlace(_ c: EWInPlaceCase) throws {
        let shape = [2, 2, 6]
        let expected = ewRepeated(c.expected, 2)
        let b = Tensor(shape: shape, data: ewRepeated(EWBinaryInputs.b(c.input), 2), dtype: c.input)
        for variant in layoutVariants(shape: shape, values: ewRepeated(EWBinaryInputs.a(c.input), 2), dtype: c.input)
        where variant.name != "expanded" {
            let a = variant.tensor
            let storage = a.storage, strides = a.strides, offset = a.storageOffset
            let version = a.version, fillers = ewFillerCount(a)
            try withErrorCapture { c.op(a, b) }
            ewExpect(a, shape: shape, dtype: c.input, expected, variant.name)
            #expect(a.storage === storage, "\(variant.name): same storage")
            #expect(a.strides == strides && a.storageOffset == offset, "\(variant.name): same layout")
            #expect(a.version == version + 1, "\(variant.name): version bumped once")
            #expect(ewFillerCount(a) == fillers, "\(variant.name): nothing written outside the view")
            if let base = a.viewBase {
                #expect(base.version == a.version, "\(variant.name): the base shares the version counter")
                let again = base.asStrided(shape, strides, storageOffset: offset)
                ewExpect(again, shape: shape, dtype: c.input, expected, "\(variant.name): read back through the base")
            }
        }
    }

    /// Rejected combinations: PyTorch's message, and the target and its version unchanged.
    @Test(arguments: EWInPlaceCases.rejected)
    func rejected(_ c: EWInPlaceErrorCase) {
        let data = EWBinaryInputs.a(c.input)
        let a = Tensor(shape: [2, 6], data: data, dtype: c.input)
        let b = Tensor(shape: [2, 6], data: EWBinaryInputs.b(c.input), dtype: c.input)
        expectTensorError(c.error.kind, c.error.message) { c.op(a, b) }
        #expect(a.version == 0)
        ewExpect(a, shape: [2, 6], dtype: c.input, data, "target unchanged")
    }

    /// `add_` and friends return the target itself.
    @Test func returnsSelf() throws {
        let a = Tensor([1.0, 2.0, 3.0])
        try withErrorCapture {
            #expect(a.add_(1) === a)
            #expect(a.mul_(Tensor([2.0])) === a)
            #expect(a.clamp_(min: 0, max: 5) === a)
            #expect(a.exp_() === a)
            #expect(a.neg_() === a)
        }
        #expect(a.version == 5)
    }

    /// `b = arange(12.).reshape(3,4)`; `b.t().add_(tensor([10.,20.,30.]))` broadcasts the row
    /// over the transposed view and writes into `b`; `b[:, ::2] *= 2` and `b[1] -= 1` too.
    @Test func viewsWriteIntoTheirBase() throws {
        let b = Tensor.arange(12.0).reshape(3, 4)
        try withErrorCapture {
            let t = b.t()
            t.add_(Tensor([10.0, 20.0, 30.0]))
            #expect(b.version == 1 && t.version == 1)
            ewExpect(b, shape: [3, 4], dtype: .float32, [10, 11, 12, 13, 24, 25, 26, 27, 38, 39, 40, 41])
            let every2 = try b.slice(1, start: 0, end: 4, step: 2)
            every2 *= 2
            let row = b.select(0, 1)
            row -= 1
            row.clamp_(max: 25)
        }
        // torch: b.t().add_(...); b[:, ::2] *= 2; b[1] -= 1; b[1].clamp_(max=25)
        ewExpect(b, shape: [3, 4], dtype: .float32, [20, 11, 24, 13, 25, 24, 25, 25, 76, 39, 80, 41])
        // Four in-place ops. (Python's `b[:, ::2] *= 2` is `imul_` plus a `__setitem__` copy, two
        // bumps; here the views are held in constants, so each line is one op.)
        #expect(b.version == 4)
    }

    /// An operand that is the target itself (same elements, same strides) is fine:
    /// `x = arange(4.); x += x[:]` gives [0, 2, 4, 6]. One that partly overlaps it is refused:
    /// `y[1:].add_(y[:3])`, and `m += m.t()` for a square `m` (same elements, other strides).
    @Test func overlappingOperand() throws {
        let x = Tensor.arange(4.0)
        try withErrorCapture { x += x.narrow(0, start: 0, length: 4) }
        ewExpect(x, shape: [4], dtype: .float32, [0, 2, 4, 6])
        let message = "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation."
        let y = Tensor.arange(4.0)
        expectTensorError(.runtimeError, message) { y.narrow(0, start: 1, length: 3).add_(y.narrow(0, start: 0, length: 3)) }
        ewExpect(y, shape: [4], dtype: .float32, [0, 1, 2, 3])
        #expect(y.version == 0)
        let m = Tensor.arange(4.0).reshape(2, 2)
        expectTensorError(.runtimeError, message) { m += m.t() }
        // A copy does not overlap: x += x.flip(0) in PyTorch; here x + a contiguous clone.
        let z = Tensor.arange(4.0)
        _ = try withErrorCapture { z.add_(z.clone()) }
        ewExpect(z, shape: [4], dtype: .float32, [0, 2, 4, 6])
    }

    /// `float_t.add_(int_t)` is fine, the float target keeps its dtype; `x.lt_(1.5)` on int64
    /// writes 1 and 0; `float_t.clamp_(min=float64 0-dim)` keeps float32.
    @Test func targetKeepsItsDType() throws {
        let f = Tensor([1.5, 2.5])
        _ = try withErrorCapture { f.add_(Tensor([1, 2])) }
        ewExpect(f, shape: [2], dtype: .float32, [2.5, 4.5])
        let i = Tensor([1, 2])
        _ = try withErrorCapture { i.lt_(1.5) }
        ewExpect(i, shape: [2], dtype: .int64, [1, 0])
        let d = Tensor([1.0, 2.0], dtype: .float64)
        _ = try withErrorCapture { d.mul_(Tensor(2.5)) }
        ewExpect(d, shape: [2], dtype: .float64, [2.5, 5])
        let g = Tensor([1.5, 0.0])
        _ = try withErrorCapture { g.logicalAnd_(Tensor([true, true])) }
        ewExpect(g, shape: [2], dtype: .float32, [1, 0])
    }

    /// `torch.tensor([1, 2]).div_(2, rounding_mode='floor')` is allowed where plain `div_` is not.
    @Test func integerFloorDivisionInPlace() throws {
        let i = Tensor([1, 2, -3])
        _ = try withErrorCapture { i.floorDivide_(2) }
        ewExpect(i, shape: [3], dtype: .int64, [0, 1, -2])
    }
}
