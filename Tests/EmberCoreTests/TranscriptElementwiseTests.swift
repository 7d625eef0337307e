// TranscriptElementwiseTests.swift
//
// Transcript tests (EmberTestSupport's Transcripts.swift) of the element-wise ops added for
// issue 14 and of their edges: each case is a line of PyTorch, what PyTorch 2.15 printed for
// it, and the same line in Ember, which must print the same. The Python lines use
// `T = torch.tensor`, `I = lambda v: torch.tensor(v)` (int64), `nan, inf = float('nan'),
// float('inf')`, and `gx(f, *values)`, which makes float64 leaves of `values` with
// `requires_grad=True`, runs `y = f(*xs)` and `y.backward(torch.ones_like(y))`, and prints
// `repr(y.grad_fn.name())` and each leaf's `repr(.grad)`, one per line.

import Testing
import Ember
import EmberTestSupport

/// `gx` of the Python side: float64 leaves from `inputs`, `f` on them, backward with ones, then
/// the node's name and each leaf's gradient, one per line.
private func gx(_ f: ([Tensor]) -> Tensor, _ inputs: [[Double]]) throws -> String {
    let xs = inputs.map { Tensor($0, dtype: .float64, requiresGrad: true) }
    let y = f(xs)
    try y.backward(gradient: Tensor.ones(like: y))
    return ([y.gradFn.map { "'\($0.name)'" } ?? "None"] + xs.map { $0.grad.map { "\($0)" } ?? "None" })
        .joined(separator: "\n")
}

@Suite struct TranscriptElementwiseTests {
    static let cases: [TranscriptCase] = [
        transcript("asinh", "T([-2.0, 0.0, 0.5, inf, nan]).asinh()",
                   "tensor([-1.4436,  0.0000,  0.4812,     inf,     nan])") { "\(T([-2.0, 0.0, 0.5, inf, nan]).asinh())" },
        transcript("acosh", "T([0.5, 1.0, 3.0, inf]).acosh()",
                   "tensor([   nan, 0.0000, 1.7627,    inf])") { "\(T([0.5, 1.0, 3.0, inf]).acosh())" },
        transcript("atanh", "T([-1.0, -0.5, 0.0, 1.0, 2.0]).atanh()",
                   "tensor([   -inf, -0.5493,  0.0000,     inf,     nan])") { "\(T([-1.0, -0.5, 0.0, 1.0, 2.0]).atanh())" },
        transcript("erfc", "T([-inf, -1.0, 0.0, 3.0, 4.0]).erfc()",
                   "tensor([2.0000e+00, 1.8427e+00, 1.0000e+00, 2.2090e-05, 1.5417e-08])") { "\(T([-inf, -1.0, 0.0, 3.0, 4.0]).erfc())" },
        transcript("erfinv", "T([-1.0, -0.5, 0.0, 0.999, 1.5]).erfinv()",
                   "tensor([   -inf, -0.4769,  0.0000,  2.3268,     nan])") { "\(T([-1.0, -0.5, 0.0, 0.999, 1.5]).erfinv())" },
        transcript("lgamma", "T([-1.0, 0.0, 0.5, 3.0, 100.0]).lgamma()",
                   "tensor([     inf,      inf,   0.5724,   0.6931, 359.1342])") { "\(T([-1.0, 0.0, 0.5, 3.0, 100.0]).lgamma())" },
        transcript("digamma_poles", "T([-2.0, -0.0, 0.0, 1.0, -inf]).digamma()",
                   "tensor([    nan,     inf,    -inf, -0.5772,     nan])") { "\(T([-2.0, -0.0, 0.0, 1.0, -inf]).digamma())" },
        transcript("digamma_int", "I([1, 2, 3]).digamma()",
                   "tensor([-0.5772,  0.4228,  0.9228])") { "\(I([1, 2, 3]).digamma())" },
        transcript("sgn_int", "I([-3, 0, 4]).sgn()",
                   "tensor([-1,  0,  1])") { "\(I([-3, 0, 4]).sgn())" },
        transcript("signbit", "T([-0.0, 0.0, -1.0, nan]).signbit()",
                   "tensor([ True, False,  True, False])") { "\(T([-0.0, 0.0, -1.0, nan]).signbit())" },
        transcript("bitwise_not", "~I([0, 7, -8])",
                   "tensor([-1, -8,  7])") { "\(~I([0, 7, -8]))" },
        transcript("round_decimals", "T([1.2345, -2.5, 125.0]).round(decimals=2)",
                   "tensor([  1.2300,  -2.5000, 125.0000])") { "\(T([1.2345, -2.5, 125.0]).round(decimals: 2))" },
        transcript("round_negative_decimals", "T([1234.5, -25.0, 35.0]).round(decimals=-1)",
                   "tensor([1230.,  -20.,   40.])") { "\(T([1234.5, -25.0, 35.0]).round(decimals: -1))" },
        transcript("fmax_nan", "T([1.0, nan, nan]).fmax(T([nan, 2.0, nan]))",
                   "tensor([1., 2., nan])") { "\(T([1.0, nan, nan]).fmax(T([nan, 2.0, nan])))" },
        transcript("fmin_nan", "T([1.0, nan, nan]).fmin(T([nan, 2.0, nan]))",
                   "tensor([1., 2., nan])") { "\(T([1.0, nan, nan]).fmin(T([nan, 2.0, nan])))" },
        transcript("hypot", "T([3.0, 0.0, inf]).hypot(T([4.0, 0.0, nan]))",
                   "tensor([5., 0., inf])") { "\(T([3.0, 0.0, inf]).hypot(T([4.0, 0.0, nan])))" },
        transcript("logaddexp_neg_inf", "T([-inf, inf, 1000.0]).logaddexp(T([-inf, inf, 1000.0]))",
                   "tensor([     -inf,       inf, 1000.6932])") { "\(T([-inf, inf, 1000.0]).logaddexp(T([-inf, inf, 1000.0])))" },
        transcript("logaddexp2", "T([-inf, 0.0, 3.0]).logaddexp2(T([-inf, 0.0, 1.0]))",
                   "tensor([  -inf, 1.0000, 3.3219])") { "\(T([-inf, 0.0, 3.0]).logaddexp2(T([-inf, 0.0, 1.0])))" },
        transcript("copysign", "T([1.0, 2.0, 0.0]).copysign(T([-0.0, -1.0, -2.0]))",
                   "tensor([-1., -2., -0.])") { "\(T([1.0, 2.0, 0.0]).copysign(T([-0.0, -1.0, -2.0])))" },
        transcript("float_power", "I([2, 3]).float_power(-2)",
                   "tensor([0.2500, 0.1111], dtype=torch.float64)") { "\(I([2, 3]).floatPower(-2))" },
        transcript("lshift_overflow", "I([1, -1]) << I([64, -1])",
                   "tensor([0, 0])") { "\(I([1, -1]) << I([64, -1]))" },
        transcript("rshift_overflow", "I([-8, 8]) >> I([64, 64])",
                   "tensor([-1,  0])") { "\(I([-8, 8]) >> I([64, 64]))" },
        transcript("rfloordiv", "5 // I([2, -3])",
                   "tensor([ 2, -2])") { "\(Tensor.floorDivide(5, I([2, -3])))" },
        transcript("rand", "6 & I([3, 5])",
                   "tensor([2, 4])") { "\(6 & I([3, 5]))" },
        transcript("lshift_float", "T([1.0]) << 1",
                   "ERROR: \"lshift_cpu\" not implemented for 'Float'") { "\(T([1.0]) << 1)" },
        transcript("hypot_int", "I([3]).hypot(I([4]))",
                   "ERROR: \"hypot_cpu\" not implemented for 'Long'") { "\(I([3]).hypot(I([4])))" },
        transcript("elu_inf", "gx(lambda x: torch.nn.functional.elu(x), [inf, -inf, nan, 0.0])",
                   "'EluBackward0'\ntensor([1., 0., 1., 1.], dtype=torch.float64)") { try gx({ $0[0].elu() }, [[.infinity, -.infinity, .nan, 0.0]]) },
        transcript("logit_outside", "gx(lambda x: x.logit(), [-0.5, 0.0, 0.5, 1.5])",
                   "'LogitBackward0'\ntensor([nan, inf, 4., nan], dtype=torch.float64)") { try gx({ $0[0].logit() }, [[-0.5, 0.0, 0.5, 1.5]]) },
        transcript("relu_nan", "gx(lambda x: x.relu(), [nan, -1.0, 2.0])",
                   "'ReluBackward0'\ntensor([1., 0., 1.], dtype=torch.float64)") { try gx({ $0[0].relu() }, [[.nan, -1.0, 2.0]]) },
        transcript("pow_zero_base_negative", "gx(lambda x, y: x.pow(y), [0.0, 0.0], [-1.0, 0.0])",
                   "'PowBackward1'\ntensor([-inf, 0.], dtype=torch.float64)\ntensor([-inf, 0.], dtype=torch.float64)") { try gx({ $0[0].pow($0[1]) }, [[0.0, 0.0], [-1.0, 0.0]]) },
        transcript("lgamma_poles", "gx(lambda x: x.lgamma(), [-1.0, 0.0, 2.0])",
                   "'LgammaBackward0'\ntensor([   nan,   -inf, 0.4228], dtype=torch.float64)") { try gx({ $0[0].lgamma() }, [[-1.0, 0.0, 2.0]]) },
        transcript("fmax_ties", "gx(lambda x, y: x.fmax(y), [1.0, nan, 2.0], [1.0, 3.0, nan])",
                   "'FmaxBackward0'\ntensor([0.5000, 0.0000, 1.0000], dtype=torch.float64)\ntensor([0.5000, 1.0000, 0.0000], dtype=torch.float64)") { try gx({ $0[0].fmax($0[1]) }, [[1.0, .nan, 2.0], [1.0, 3.0, .nan]]) },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
