// TranscriptRandomTests.swift
//
// Random numbers and creation: seeded samples (the contiguous and scalar normal paths around 16
// elements, float64, draws in sequence, randint, randperm, in-place fills of strided views, which
// PyTorch visits in stride order), arange's float steps, linspace, eye, full, and their errors.
//
// Transcript tests (EmberTestSupport's Transcripts.swift): each case is a line of PyTorch, what
// PyTorch 2.15 printed for it, and the same line in Ember, which must print the same. The Python
// lines use `T = torch.tensor`; the seeded ones start from `torch.manual_seed(0)`, which Ember's
// cases match with a fresh `Generator(seed: 0)` of their own, so that cases running at the same
// time do not share the default generator.

import Testing
import Ember
import EmberTestSupport

/// `body` with a generator in the state `torch.manual_seed(0)` leaves PyTorch's default one in.
private func seeded(_ body: (Generator) -> Printed) -> Printed { body(Generator(seed: 0)) }

/// A stride tuple as Python prints it.
private func tuple(_ v: [Int]) -> String { "(" + v.map(String.init).joined(separator: ", ") + ")" }

@Suite struct TranscriptRandomTests {
    static let cases: [TranscriptCase] = [
        transcript("randn15", "torch.manual_seed(0); torch.randn(15)",
                   "tensor([ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845, -1.3986,  0.4033,  0.8380,\n        -0.7193, -0.4033, -0.5966,  0.1820, -0.8567,  1.1006, -1.0712])") { seeded { g in .t(Tensor.randn(15, generator: g)) } },
        transcript("randn16", "torch.manual_seed(0); torch.randn(16)",
                   "tensor([-1.1258, -1.1524, -0.2506, -0.4339,  0.8487,  0.6920, -0.3160, -2.1152,\n         0.3223, -1.2633,  0.3500,  0.3081,  0.1198,  1.2377,  1.1168, -0.2473])") { seeded { g in .t(Tensor.randn(16, generator: g)) } },
        transcript("randn17", "torch.manual_seed(0); torch.randn(17)",
                   "tensor([-1.1258, -1.6959,  0.5667,  0.7935,  0.5988, -1.5551, -0.3414,  1.8530,\n         0.4681, -0.5855, -0.1734,  0.1835,  1.3894,  1.5863,  0.9463, -0.8437,\n         0.9318])") { seeded { g in .t(Tensor.randn(17, generator: g)) } },
        transcript("randn_2x10", "torch.manual_seed(0); torch.randn(2, 10)",
                   "tensor([[-1.1258, -1.1524, -0.2506, -0.4339,  0.5988, -1.5551, -0.3414,  1.8530,\n          0.4681, -0.1577],\n        [ 1.4437,  0.2660,  1.3894,  1.5863,  0.9463, -0.8437,  0.9318,  1.2590,\n          2.0050,  0.0537]])") { seeded { g in .t(Tensor.randn(2, 10, generator: g)) } },
        transcript("randn_f64_3", "torch.manual_seed(0); torch.randn(3, dtype=torch.float64)",
                   "tensor([ 1.5410, -0.2934, -2.1788], dtype=torch.float64)") { seeded { g in .t(Tensor.randn(3, dtype: .float64, generator: g)) } },
        transcript("randn_f64_20", "torch.manual_seed(0); torch.randn(20, dtype=torch.float64)",
                   "tensor([-2.3104, -0.3733, -1.0608,  0.9995, -0.0200,  0.2103,  0.1772, -0.8305,\n         0.2387,  0.7335, -1.3219,  1.3148, -0.6870,  1.4881, -0.4484, -0.8910,\n         0.6749,  1.0469,  0.1543, -0.7499], dtype=torch.float64)") { seeded { g in .t(Tensor.randn(20, dtype: .float64, generator: g)) } },
        transcript("rand_5", "torch.manual_seed(0); torch.rand(5)",
                   "tensor([0.4963, 0.7682, 0.0885, 0.1320, 0.3074])") { seeded { g in .t(Tensor.rand(5, generator: g)) } },
        transcript("rand_f64", "torch.manual_seed(0); torch.rand(3, dtype=torch.float64)",
                   "tensor([0.9701, 0.7078, 0.4594], dtype=torch.float64)") { seeded { g in .t(Tensor.rand(3, dtype: .float64, generator: g)) } },
        transcript("rand_then_randn", "torch.manual_seed(0); (torch.rand(2), torch.randn(2))",
                   "tensor([0.4963, 0.7682])\ntensor([-0.2905, -1.0704])") { seeded { g in .pair(Tensor.rand(2, generator: g), Tensor.randn(2, generator: g)) } },
        transcript("randn_then_randn", "torch.manual_seed(0); (torch.randn(3), torch.randn(3))",
                   "tensor([ 1.5410, -0.2934, -2.1788])\ntensor([ 0.5684, -1.0845, -1.3986])") { seeded { g in .pair(Tensor.randn(3, generator: g), Tensor.randn(3, generator: g)) } },
        transcript("randint", "torch.manual_seed(0); torch.randint(0, 10, (8,))",
                   "tensor([4, 9, 3, 0, 3, 9, 7, 3])") { seeded { g in .t(Tensor.randint(low: 0, high: 10, [8], generator: g)) } },
        transcript("randint_neg", "torch.manual_seed(0); torch.randint(-5, 5, (2, 3))",
                   "tensor([[-1,  4, -2],\n        [-5, -2,  4]])") { seeded { g in .t(Tensor.randint(low: -5, high: 5, [2, 3], generator: g)) } },
        transcript("randint_big", "torch.manual_seed(0); torch.randint(0, 2**40, (3,))",
                   "tensor([741280623151, 506137267392, 291447657211])") { seeded { g in .t(Tensor.randint(low: 0, high: 1 << 40, [3], generator: g)) } },
        transcript("randperm5", "torch.manual_seed(0); torch.randperm(5)",
                   "tensor([4, 0, 1, 3, 2])") { seeded { g in .t(Tensor.randperm(5, generator: g)) } },
        transcript("randperm20", "torch.manual_seed(0); torch.randperm(20)",
                   "tensor([ 4,  5, 13, 19,  7, 14,  3,  6,  9, 17, 11,  2, 16, 18, 10, 12, 15,  8,\n         1,  0])") { seeded { g in .t(Tensor.randperm(20, generator: g)) } },
        transcript("uniform_", "torch.manual_seed(0); torch.zeros(4).uniform_(-2, 3)",
                   "tensor([ 0.4813,  1.8411, -1.5576, -1.3398])") { seeded { g in .t(Tensor.zeros(4).uniform_(from: -2, to: 3, generator: g)) } },
        transcript("normal_", "torch.manual_seed(0); torch.zeros(4).normal_(1, 0.5)",
                   "tensor([ 1.7705,  0.8533, -0.0894,  1.2842])") { seeded { g in .t(Tensor.zeros(4).normal_(mean: 1, std: 0.5, generator: g)) } },
        transcript("normal_big", "torch.manual_seed(0); torch.zeros(18).normal_(1, 0.5)",
                   "tensor([0.4371, 0.4238, 1.2833, 1.3968, 1.2994, 0.2225, 0.8293, 1.9265, 1.2340,\n        0.9211, 0.9133, 1.0917, 1.6947, 1.7932, 1.4731, 0.5782, 1.4659, 1.6295])") { seeded { g in .t(Tensor.zeros(18).normal_(mean: 1, std: 0.5, generator: g)) } },
        transcript("randn_0", "torch.manual_seed(0); torch.randn(0)",
                   "tensor([])") { seeded { g in .t(Tensor.randn(0, generator: g)) } },
        transcript("rand_noncontig", "torch.manual_seed(0); torch.zeros(4, 4).t().uniform_()",
                   "tensor([[0.4963, 0.3074, 0.4556, 0.0223],\n        [0.7682, 0.6341, 0.6323, 0.1689],\n        [0.0885, 0.4901, 0.3489, 0.2939],\n        [0.1320, 0.8964, 0.4017, 0.5185]])") { seeded { g in .t(Tensor.zeros(4, 4).t().uniform_(generator: g)) } },
        transcript("normal_t_20", "torch.manual_seed(0); torch.zeros(4, 5).t().normal_()",
                   "tensor([[ 1.5410, -1.3986, -0.5966,  0.1227],\n        [-0.2934,  0.4033,  0.1820, -0.5663],\n        [-2.1788,  0.8380, -0.8567,  0.3731],\n        [ 0.5684, -0.7193,  1.1006, -0.8920],\n        [-1.0845, -0.4033, -1.0712, -1.5091]])") { seeded { g in .t(Tensor.zeros(4, 5).t().normal_(generator: g)) } },
        transcript("normal_step_slice", "torch.manual_seed(0); torch.zeros(6, 4)[:, ::2].normal_()",
                   "tensor([[ 1.5410, -0.2934],\n        [-2.1788,  0.5684],\n        [-1.0845, -1.3986],\n        [ 0.4033,  0.8380],\n        [-0.7193, -0.4033],\n        [-0.5966,  0.1820]])") { seeded { g in .t(Tensor.zeros(6, 4)[.all, .slice(nil, nil, step: 2)].normal_(generator: g)) } },
        transcript("uniform_permute3", "torch.manual_seed(0); torch.zeros(2, 3, 4).permute(2, 0, 1).uniform_()",
                   "tensor([[[0.4963, 0.3074, 0.4556],\n         [0.0223, 0.6977, 0.6816]],\n\n        [[0.7682, 0.6341, 0.6323],\n         [0.1689, 0.8000, 0.9152]],\n\n        [[0.0885, 0.4901, 0.3489],\n         [0.2939, 0.1610, 0.3971]],\n\n        [[0.1320, 0.8964, 0.4017],\n         [0.5185, 0.2823, 0.8742]]])") { seeded { g in .t(Tensor.zeros(2, 3, 4).permute(2, 0, 1).uniform_(generator: g)) } },
        transcript("normal_step_10", "torch.manual_seed(0); torch.zeros(20)[::2].normal_()",
                   "tensor([ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845, -1.3986,  0.4033,  0.8380,\n        -0.7193, -0.4033])") { seeded { g in .t(Tensor.zeros(20)[.slice(nil, nil, step: 2)].normal_(generator: g)) } },
        transcript("normal_step_20", "torch.manual_seed(0); torch.zeros(40)[::2].normal_()",
                   "tensor([ 1.5410, -0.2934, -2.1788,  0.5684, -1.0845, -1.3986,  0.4033,  0.8380,\n        -0.7193, -0.4033, -0.5966,  0.1820, -0.8567,  1.1006, -1.0712,  0.1227,\n        -0.5663,  0.3731, -0.8920, -1.5091])") { seeded { g in .t(Tensor.zeros(40)[.slice(nil, nil, step: 2)].normal_(generator: g)) } },
        transcript("normal_offset_40", "torch.manual_seed(0); torch.zeros(3, 20)[1:].normal_()",
                   "tensor([[-1.1258, -1.1524, -0.2506, -0.4339,  0.8487,  0.6920, -0.3160, -2.1152,\n          0.3223, -1.2633,  0.3500,  0.3081,  0.1198,  1.2377,  1.1168, -0.2473,\n         -1.3527, -1.6959,  0.5667,  0.7935],\n        [ 0.5988, -1.5551, -0.3414,  1.8530, -0.2159, -0.7425,  0.5627,  0.2596,\n         -0.1740, -0.6787,  0.9383,  0.4889,  1.2032,  0.0845, -1.2001, -0.0048,\n         -0.5181, -0.3067, -1.5810,  1.7066]])") { seeded { g in .t(Tensor.zeros(3, 20)[1...].normal_(generator: g)) } },
        transcript("normal_f64_t", "torch.manual_seed(0); torch.zeros(4, 5, dtype=torch.float64).t().normal_(2, 3)",
                   "tensor([[ 6.6230, -2.1958,  0.2101,  2.3681],\n        [ 1.1197,  3.2100,  2.5461,  0.3010],\n        [-4.5364,  4.5141, -0.5700,  3.1193],\n        [ 3.7053, -0.1578,  5.3018, -0.6760],\n        [-1.2536,  0.7900, -1.2136, -2.5273]], dtype=torch.float64)") { seeded { g in .t(Tensor.zeros(4, 5, dtype: .float64).t().normal_(mean: 2, std: 3, generator: g)) } },
        transcript("uniform_size1", "torch.manual_seed(0); torch.zeros(4, 1, 3).permute(1, 2, 0).uniform_()",
                   "tensor([[[0.4963, 0.1320, 0.4901, 0.6323],\n         [0.7682, 0.3074, 0.8964, 0.3489],\n         [0.0885, 0.6341, 0.4556, 0.4017]]])") { seeded { g in .t(Tensor.zeros(4, 1, 3).permute(1, 2, 0).uniform_(generator: g)) } },
        transcript("uniform_col", "torch.manual_seed(0); torch.zeros(3, 4)[:, 1].uniform_()",
                   "tensor([0.4963, 0.7682, 0.0885])") { seeded { g in .t(Tensor.zeros(3, 4)[.all, 1].uniform_(generator: g)) } },
        transcript("arange_float", "torch.arange(0, 1, 0.1)",
                   "tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000,\n        0.9000])") { .t(Tensor.arange(0.0, 1.0, step: 0.1)) },
        transcript("arange_float_neg", "torch.arange(1, 0, -0.3)",
                   "tensor([1.0000, 0.7000, 0.4000, 0.1000])") { .t(Tensor.arange(1.0, 0.0, step: -0.3)) },
        transcript("arange_err", "torch.arange(0, 1, -0.1)",
                   "ERROR: upper bound and lower bound inconsistent with step sign") { .t(Tensor.arange(0.0, 1.0, step: -0.1)) },
        transcript("arange_zero_step", "torch.arange(0, 1, 0)",
                   "ERROR: step must be nonzero") { .t(Tensor.arange(0, 1, step: 0)) },
        transcript("arange_f64", "torch.arange(0.5, 3, dtype=torch.float64)",
                   "tensor([0.5000, 1.5000, 2.5000], dtype=torch.float64)") { .t(Tensor.arange(0.5, 3.0, dtype: .float64)) },
        transcript("arange_int_step", "torch.arange(10, 0, -3)",
                   "tensor([10,  7,  4,  1])") { .t(Tensor.arange(10, 0, step: -3)) },
        transcript("linspace_1", "torch.linspace(2, 3, 1)",
                   "tensor([2.])") { .t(Tensor.linspace(2, 3, steps: 1)) },
        transcript("linspace_0", "torch.linspace(2, 3, 0)",
                   "tensor([])") { .t(Tensor.linspace(2, 3, steps: 0)) },
        transcript("linspace_rev", "torch.linspace(1, -1, 5)",
                   "tensor([ 1.0000,  0.5000,  0.0000, -0.5000, -1.0000])") { .t(Tensor.linspace(1, -1, steps: 5)) },
        transcript("linspace_int", "torch.linspace(0, 10, 4, dtype=torch.int64)",
                   "tensor([ 0,  3,  6, 10])") { .t(Tensor.linspace(0, 10, steps: 4, dtype: .int64)) },
        transcript("eye_rect", "torch.eye(2, 3)",
                   "tensor([[1., 0., 0.],\n        [0., 1., 0.]])") { .t(Tensor.eye(2, 3)) },
        transcript("eye_int", "torch.eye(2, dtype=torch.int32)",
                   "tensor([[1, 0],\n        [0, 1]], dtype=torch.int32)") { .t(Tensor.eye(2, dtype: .int32)) },
        transcript("full_int", "torch.full((2,), 7)",
                   "tensor([7, 7])") { .t(Tensor.full([2], 7)) },
        transcript("full_bool", "torch.full((2,), True)",
                   "tensor([True, True])") { .t(Tensor.full([2], true)) },
        transcript("full_float", "torch.full((1, 2), 1.5)",
                   "tensor([[1.5000, 1.5000]])") { .t(Tensor.full([1, 2], 1.5)) },
        transcript("zeros_like_dtype", "torch.zeros_like(T([1, 2]), dtype=torch.float64)",
                   "tensor([0., 0.], dtype=torch.float64)") { .t(Tensor.zeros(like: Tensor([1, 2]), dtype: .float64)) },
        transcript("ones_neg_err", "torch.ones(-1)",
                   "ERROR: Trying to create tensor with negative dimension -1: [-1]") { .t(Tensor.ones(-1)) },
        transcript("tensor_ragged_err", "T([[1, 2], [3]])",
                   "ERROR: expected sequence of length 2 at dim 1 (got 1)") { .t(Tensor([[1, 2], [3]])) },
        transcript("tensor_empty_nested", "T([[], []])",
                   "tensor([], size=(2, 0))") { .t(Tensor([[Double](), []])) },
        transcript("fill_int_float", "T([1, 2]).fill_(2.7)",
                   "tensor([2, 2])") { .t(Tensor([1, 2]).fill_(2.7)) },
        transcript("zero_", "T([1., 2.]).zero_()",
                   "tensor([0., 0.])") { .t(Tensor([1.0, 2]).zero_()) },
        transcript("clone_contig", "torch.arange(6).view(2, 3).t().clone().is_contiguous()",
                   "False") { .text(Tensor.arange(6).view(2, 3).t().clone().isContiguous ? "True" : "False") },
        transcript("contig_stride", "torch.arange(6).view(2, 3).t().contiguous().stride()",
                   "(2, 1)") { .text(tuple(Tensor.arange(6).view(2, 3).t().contiguous().strides)) },
        transcript("stride_expand", "torch.ones(3, 1).expand(3, 4).stride()",
                   "(1, 0)") { .text(tuple(Tensor.ones(3, 1).expand(3, 4).strides)) },
        transcript("item_err", "T([1, 2]).item()",
                   "ERROR: a Tensor with 2 elements cannot be converted to Scalar") { .text("\(Tensor([1, 2]).item())") },
    ]

    @Test(arguments: cases) func matchesPyTorch(_ c: TranscriptCase) {
        expectTranscript(c)
    }
}
