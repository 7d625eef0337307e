// TranscriptGradientsTests.swift
//
// Gradients at the awkward points: ties in max, min and maximum, zeros in abs, relu, sqrt, pow,
// norm and prod, clamp's edges, atan2 at the origin, infinities, duplicate indices, broadcasting.
//
// Transcript tests (EmberTestSupport's Transcripts.swift): each case is a line of PyTorch, what
// PyTorch 2.15 printed for it, and the same line in Ember, which must print the same. The Python
// lines use `T = torch.tensor` and `nan, inf = float('nan'), float('inf')`, and `g(f, *values)`,
// which makes leaf tensors of `values` with `requires_grad=True`, runs `y = f(*xs)` and
// `y.backward(torch.ones_like(y))`, and prints `y.grad_fn.name()` and each leaf's `.grad`.

import Testing
import Ember
import EmberTestSupport

private let nan = Double.nan, inf = Double.infinity
private func T(_ v: [Double]) -> Tensor { Tensor(v) }
private func I(_ v: [Int]) -> Tensor { Tensor(v) }

/// `g` of the Python side: leaves from `inputs` (1-D or 2-D), `f` on them, backward with ones,
/// then the node's name and each leaf's gradient, one per line.
private func g(_ f: ([Tensor]) -> Tensor, _ inputs: [Any]) throws -> String {
    let xs: [Tensor] = inputs.map { v in
        if let d = v as? [Double] { return Tensor(d, requiresGrad: true) }
        return Tensor(v as! [[Double]], requiresGrad: true)
    }
    let y = f(xs)
    try y.backward(gradient: Tensor.ones(like: y))
    var lines = [y.gradFn.map { "'\($0.name)'" } ?? "None"]
    for x in xs { lines.append(x.grad.map { "\($0)" } ?? "None") }
    return lines.joined(separator: "\n")
}

@Suite struct TranscriptGradientsTests {
    static let cases: [TranscriptCase] = [
        transcript("max_ties", "g(lambda x: x.max(), [1.0, 3.0, 3.0])",
                   "'MaxBackward1'\ntensor([0.0000, 0.5000, 0.5000])") { try g({ $0[0].max() }, [[1.0, 3, 3]]) },
        transcript("amax_ties", "g(lambda x: x.amax(), [1.0, 3.0, 3.0])",
                   "'AmaxBackward0'\ntensor([0.0000, 0.5000, 0.5000])") { try g({ $0[0].amax() }, [[1.0, 3, 3]]) },
        transcript("max_dim_ties", "g(lambda x: x.max(dim=0).values, [1.0, 3.0, 3.0])",
                   "'MaxBackward0'\ntensor([0., 1., 0.])") { try g({ $0[0].max(dim: 0).values }, [[1.0, 3, 3]]) },
        transcript("abs_zero", "g(lambda x: x.abs(), [-1.0, 0.0, 2.0])",
                   "'AbsBackward0'\ntensor([-1.,  0.,  1.])") { try g({ $0[0].abs() }, [[-1.0, 0, 2]]) },
        transcript("relu_zero", "g(lambda x: x.relu(), [-1.0, 0.0, 2.0])",
                   "'ReluBackward0'\ntensor([0., 0., 1.])") { try g({ $0[0].relu() }, [[-1.0, 0, 2]]) },
        transcript("clamp_edges", "g(lambda x: x.clamp(0, 1), [-1.0, 0.0, 0.5, 1.0, 2.0])",
                   "'ClampBackward1'\ntensor([0., 0., 1., 0., 0.])") { try g({ $0[0].clamp(min: 0, max: 1) }, [[-1.0, 0, 0.5, 1, 2]]) },
        transcript("sqrt_zero", "g(lambda x: x.sqrt(), [0.0, 4.0])",
                   "'SqrtBackward0'\ntensor([   inf, 0.2500])") { try g({ $0[0].sqrt() }, [[0.0, 4]]) },
        transcript("pow_zero_base", "g(lambda x: x.pow(2), [0.0, -3.0])",
                   "'PowBackward0'\ntensor([ 0., -6.])") { try g({ $0[0].pow(2) }, [[0.0, -3]]) },
        transcript("pow_frac_zero", "g(lambda x: x.pow(0.5), [0.0, 4.0])",
                   "'PowBackward0'\ntensor([   inf, 0.2500])") { try g({ $0[0].pow(0.5) }, [[0.0, 4]]) },
        transcript("pow_tensor_exp", "g(lambda x, y: x.pow(y), [0.0, 2.0], [2.0, 3.0])",
                   "'PowBackward1'\ntensor([ 0., 12.])\ntensor([0.0000, 5.5452])") { try g({ $0[0].pow($0[1]) }, [[0.0, 2], [2.0, 3]]) },
        transcript("norm_zero", "g(lambda x: x.norm(), [0.0, 0.0])",
                   "'LinalgVectorNormBackward0'\ntensor([0., 0.])") { try g({ $0[0].norm() }, [[0.0, 0]]) },
        transcript("norm_inf", "g(lambda x: x.norm(p=inf), [1.0, -3.0, 3.0])",
                   "'LinalgVectorNormBackward0'\ntensor([ 0.0000, -0.5000,  0.5000])") { try g({ $0[0].norm(.infinity) }, [[1.0, -3, 3]]) },
        transcript("std_single", "g(lambda x: x.std(), [1.0])",
                   "'StdBackward0'\ntensor([nan])") { try g({ $0[0].std() }, [[1.0]]) },
        transcript("prod_zeros", "g(lambda x: x.prod(), [0.0, 2.0, 0.0])",
                   "'ProdBackward0'\ntensor([0., 0., 0.])") { try g({ $0[0].prod() }, [[0.0, 2, 0]]) },
        transcript("prod_one_zero", "g(lambda x: x.prod(), [0.0, 2.0, 3.0])",
                   "'ProdBackward0'\ntensor([6., 0., 0.])") { try g({ $0[0].prod() }, [[0.0, 2, 3]]) },
        transcript("cumprod_zero", "g(lambda x: x.cumprod(0), [2.0, 0.0, 3.0])",
                   "'CumprodBackward0'\ntensor([1., 8., 0.])") { try g({ $0[0].cumprod(dim: 0) }, [[2.0, 0, 3]]) },
        transcript("logsumexp_inf", "g(lambda x: x.logsumexp(0), [-inf, 1.0])",
                   "'LogsumexpBackward0'\ntensor([0., 1.])") { try g({ $0[0].logsumexp(dim: 0) }, [[-inf, 1]]) },
        transcript("softmax_grad", "g(lambda x: x.softmax(0) * T([1.0, 2.0, 3.0]), [0.1, 0.2, 0.3])",
                   "'MulBackward0'\ntensor([-0.3206, -0.0221,  0.3427])") { try g({ $0[0].softmax(dim: 0) * T([1, 2, 3]) }, [[0.1, 0.2, 0.3]]) },
        transcript("where_grad", "g(lambda x, y: torch.where(x > 0, x, y), [1.0, -1.0], [5.0, 6.0])",
                   "'WhereBackward0'\ntensor([1., 0.])\ntensor([0., 1.])") { try g({ Tensor.where($0[0] .> 0, $0[0], $0[1]) }, [[1.0, -1], [5.0, 6]]) },
        transcript("maximum_ties", "g(lambda x, y: torch.maximum(x, y), [1.0, 2.0], [1.0, 0.0])",
                   "'MaximumBackward0'\ntensor([0.5000, 1.0000])\ntensor([0.5000, 0.0000])") { try g({ $0[0].maximum($0[1]) }, [[1.0, 2], [1.0, 0]]) },
        transcript("sort_grad", "g(lambda x: x.sort().values * T([1.0, 2.0, 3.0]), [3.0, 1.0, 2.0])",
                   "'MulBackward0'\ntensor([3., 1., 2.])") { try g({ $0[0].sort().values * T([1, 2, 3]) }, [[3.0, 1, 2]]) },
        transcript("topk_grad", "g(lambda x: x.topk(2).values, [3.0, 1.0, 2.0])",
                   "'TopkBackward0'\ntensor([1., 0., 1.])") { try g({ $0[0].topk(2).values }, [[3.0, 1, 2]]) },
        transcript("index_grad_dup", "g(lambda x: x[T([0, 0, 2])], [1.0, 2.0, 3.0])",
                   "'IndexBackward0'\ntensor([2., 0., 1.])") { try g({ $0[0][I([0, 0, 2])] }, [[1.0, 2, 3]]) },
        transcript("mask_grad", "g(lambda x: x[x > 1.5], [1.0, 2.0, 3.0])",
                   "'IndexBackward0'\ntensor([0., 1., 1.])") { try g({ $0[0][$0[0] .> 1.5] }, [[1.0, 2, 3]]) },
        transcript("expand_grad", "g(lambda x: x.expand(3, 2), [[1.0, 2.0]])",
                   "'ExpandBackward0'\ntensor([[3., 3.]])") { try g({ $0[0].expand(3, 2) }, [[[1.0, 2]]]) },
        transcript("bcast_mul", "g(lambda x, y: x * y, [[1.0], [2.0]], [3.0, 4.0, 5.0])",
                   "'MulBackward0'\ntensor([[12.],\n        [12.]])\ntensor([3., 3., 3.])") { try g({ $0[0] * $0[1] }, [[[1.0], [2.0]], [3.0, 4, 5]]) },
        transcript("matmul_1d", "g(lambda x, y: x @ y, [1.0, 2.0], [[1.0, 2.0], [3.0, 4.0]])",
                   "'SqueezeBackward4'\ntensor([3., 7.])\ntensor([[1., 1.],\n        [2., 2.]])") { try g({ $0[0].matmul($0[1]) }, [[1.0, 2], [[1.0, 2], [3, 4]]]) },
        transcript("gather_grad", "g(lambda x: x.gather(0, T([1, 1])), [1.0, 2.0])",
                   "'GatherBackward0'\ntensor([0., 2.])") { try g({ $0[0].gather(0, I([1, 1])) }, [[1.0, 2]]) },
        transcript("cat_grad", "g(lambda x, y: torch.cat([x, y]) * T([1.0, 2.0, 3.0]), [1.0], [2.0, 3.0])",
                   "'MulBackward0'\ntensor([1.])\ntensor([2., 3.])") { try g({ Tensor.cat([$0[0], $0[1]]) * T([1, 2, 3]) }, [[1.0], [2.0, 3]]) },
        transcript("var_grad", "g(lambda x: x.var(), [1.0, 2.0, 4.0])",
                   "'VarBackward0'\ntensor([-1.3333, -0.3333,  1.6667])") { try g({ $0[0].var() }, [[1.0, 2, 4]]) },
        transcript("atan2_grad", "g(lambda x, y: torch.atan2(x, y), [1.0, 0.0], [1.0, 0.0])",
                   "'Atan2Backward0'\ntensor([0.5000, 0.0000])\ntensor([-0.5000, -0.0000])") { try g({ $0[0].atan2($0[1]) }, [[1.0, 0], [1.0, 0]]) },
        transcript("div_grad", "g(lambda x, y: x / y, [1.0], [0.0])",
                   "'DivBackward0'\ntensor([inf])\ntensor([-inf])") { try g({ $0[0] / $0[1] }, [[1.0], [0.0]]) },
        transcript("log_softmax_grad", "g(lambda x: x.log_softmax(0)[0], [1.0, 2.0])",
                   "'SelectBackward0'\ntensor([ 0.7311, -0.7311])") { try g({ $0[0].logSoftmax(dim: 0)[0] }, [[1.0, 2]]) },
        transcript("lerp_grad", "g(lambda x, y: torch.lerp(x, y, 0.25), [1.0], [2.0])",
                   "'LerpBackward0'\ntensor([0.7500])\ntensor([0.2500])") { try g({ $0[0].lerp($0[1], 0.25) }, [[1.0], [2.0]]) },
        transcript("remainder_grad", "g(lambda x, y: x.remainder(y), [5.0], [3.0])",
                   "'RemainderBackward1'\ntensor([1.])\ntensor([-1.])") { try g({ $0[0].remainder($0[1]) }, [[5.0], [3.0]]) },
        transcript("fmod_grad", "g(lambda x, y: x.fmod(y), [-5.0], [3.0])",
                   "'FmodBackward1'\ntensor([1.])\ntensor([1.])") { try g({ $0[0].fmod($0[1]) }, [[-5.0], [3.0]]) },
        transcript("hardtanh_edges", "g(lambda x: torch.nn.functional.hardtanh(x), [-1.0, 1.0, 0.0])",
                   "'HardtanhBackward0'\ntensor([0., 0., 1.])") { try g({ $0[0].hardtanh() }, [[-1.0, 1, 0]]) },
        transcript("elu_zero", "g(lambda x: torch.nn.functional.elu(x), [0.0, -1.0])",
                   "'EluBackward0'\ntensor([1.0000, 0.3679])") { try g({ $0[0].elu() }, [[0.0, -1]]) },
        transcript("gelu_grad", "g(lambda x: torch.nn.functional.gelu(x), [0.5])",
                   "'GeluBackward0'\ntensor([0.8675])") { try g({ $0[0].gelu() }, [[0.5]]) },
        transcript("silu_grad", "g(lambda x: torch.nn.functional.silu(x), [0.5])",
                   "'SiluBackward0'\ntensor([0.7400])") { try g({ $0[0].silu() }, [[0.5]]) },
        transcript("softplus_grad", "g(lambda x: torch.nn.functional.softplus(x, beta=2, threshold=1), [0.1, 1.0])",
                   "'SoftplusBackward0'\ntensor([0.5498, 1.0000])") { try g({ $0[0].softplus(beta: 2, threshold: 1) }, [[0.1, 1.0]]) },
        transcript("leaky_zero", "g(lambda x: torch.nn.functional.leaky_relu(x, 0.2), [0.0, -1.0])",
                   "'LeakyReluBackward0'\ntensor([0.2000, 0.2000])") { try g({ $0[0].leakyRelu(negativeSlope: 0.2) }, [[0.0, -1]]) },
        transcript("logit_grad", "g(lambda x: x.logit(eps=0.2), [0.1, 0.5])",
                   "'LogitBackward0'\ntensor([0., 4.])") { try g({ $0[0].logit(eps: 0.2) }, [[0.1, 0.5]]) },
        transcript("tril_grad", "g(lambda x: x.tril(), [[1.0, 2.0], [3.0, 4.0]])",
                   "'TrilBackward0'\ntensor([[1., 0.],\n        [1., 1.]])") { try g({ $0[0].tril() }, [[[1.0, 2], [3, 4]]]) },
        transcript("roll_grad", "g(lambda x: x.roll(1) * T([1.0, 2.0, 3.0]), [1.0, 2.0, 3.0])",
                   "'MulBackward0'\ntensor([2., 3., 1.])") { try g({ $0[0].roll(1) * T([1, 2, 3]) }, [[1.0, 2, 3]]) },
        transcript("flip_grad", "g(lambda x: x.flip(0) * T([1.0, 2.0]), [1.0, 2.0])",
                   "'MulBackward0'\ntensor([2., 1.])") { try g({ $0[0].flip(0) * T([1, 2]) }, [[1.0, 2]]) },
        transcript("repeat_grad", "g(lambda x: x.repeat(2), [1.0, 2.0])",
                   "'RepeatBackward0'\ntensor([2., 2.])") { try g({ $0[0].repeat(2) }, [[1.0, 2]]) },
        transcript("einsum_grad", "g(lambda x, y: torch.einsum('i,j->ij', x, y), [1.0, 2.0], [3.0, 4.0])",
                   "'MulBackward0'\ntensor([7., 7.])\ntensor([3., 3.])") { try g({ Tensor.einsum("i,j->ij", $0[0], $0[1]) }, [[1.0, 2], [3.0, 4]]) },
        transcript("mean_dims", "g(lambda x: x.mean(dim=(0, 1)), [[1.0, 2.0], [3.0, 4.0]])",
                   "'MeanBackward1'\ntensor([[0.2500, 0.2500],\n        [0.2500, 0.2500]])") { try g({ $0[0].mean(dim: [0, 1]) }, [[[1.0, 2], [3, 4]]]) },
        transcript("amin_dim_ties", "g(lambda x: x.amin(dim=1), [[1.0, 1.0], [3.0, 4.0]])",
                   "'AminBackward0'\ntensor([[0.5000, 0.5000],\n        [1.0000, 0.0000]])") { try g({ $0[0].amin(dim: 1) }, [[[1.0, 1], [3, 4]]]) },
        transcript("rpow_zero_base", "g(lambda x: torch.pow(0, x), [0.0, 1.0, 2.0, -1.0])",
                   "'PowBackward2'\ntensor([0., 0., 0., -inf])") { try g({ Tensor.pow(0, $0[0]) }, [[0.0, 1, 2, -1]]) },
        transcript("rpow_two", "g(lambda x: torch.pow(2, x), [0.0, 1.0, 2.0, -1.0])",
                   "'PowBackward2'\ntensor([0.6931, 1.3863, 2.7726, 0.3466])") { try g({ Tensor.pow(2, $0[0]) }, [[0.0, 1, 2, -1]]) },
        transcript("rpow_neg_base", "g(lambda x: torch.pow(-2, x), [1.0, 2.0])",
                   "'PowBackward2'\ntensor([nan, nan])") { try g({ Tensor.pow(-2, $0[0]) }, [[1.0, 2]]) },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
