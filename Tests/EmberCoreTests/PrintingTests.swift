// PrintingTests.swift
//
// `Tensor.description` compared character for character with `repr(t)` printed by PyTorch
// 2.15 for the same tensor: scalars and every dtype, 1-D to 4-D (and 10-D), transposed, sliced,
// expanded and other views (printed by their logical values), empty tensors, the
// `requires_grad=True` suffix, summarization, and `Parameter containing:`.

import Testing
import Ember
import EmberTestSupport

struct PrintCase: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () -> Tensor
    let expected: String
    init(_ name: String, _ make: @escaping @Sendable () -> Tensor, _ expected: String) {
        self.name = name
        self.make = make
        self.expected = expected
    }
    var testDescription: String { name }
}

enum PrintCases {
    static let all: [PrintCase] = [
        PrintCase("Tensor(3.5)", { Tensor(3.5) },
                  "tensor(3.5000)"),
        PrintCase("Tensor(3)", { Tensor(3) },
                  "tensor(3)"),
        PrintCase("Tensor(true)", { Tensor(true) },
                  "tensor(True)"),
        PrintCase("Tensor(1.0)", { Tensor(1.0) },
                  "tensor(1.)"),
        PrintCase("Tensor(-0.0)", { Tensor(-0.0) },
                  "tensor(-0.)"),
        PrintCase("Tensor(2.5, float64)", { Tensor(2.5, dtype: .float64) },
                  "tensor(2.5000, dtype=torch.float64)"),
        PrintCase("Tensor(1.0, float64)", { Tensor(1.0, dtype: .float64) },
                  "tensor(1., dtype=torch.float64)"),
        PrintCase("Tensor(Int32(-3))", { Tensor(Int32(-3)) },
                  "tensor(-3, dtype=torch.int32)"),
        PrintCase("Tensor(1e-5)", { Tensor(1e-5) },
                  "tensor(1.0000e-05)"),
        PrintCase("Tensor(123456.0)", { Tensor(123456.0) },
                  "tensor(123456.)"),
        PrintCase("Tensor(Double.nan)", { Tensor(Double.nan) },
                  "tensor(nan)"),
        PrintCase("[1., 2., 3.]", { Tensor([1.0, 2, 3]) },
                  "tensor([1., 2., 3.])"),
        PrintCase("[1.5, 2.25, 3]", { Tensor([1.5, 2.25, 3]) },
                  "tensor([1.5000, 2.2500, 3.0000])"),
        PrintCase("[1, 2, 3]", { Tensor([1, 2, 3]) },
                  "tensor([1, 2, 3])"),
        PrintCase("[true, false]", { Tensor([true, false]) },
                  "tensor([ True, False])"),
        PrintCase("[1, 2] float64", { Tensor([1.0, 2], dtype: .float64) },
                  "tensor([1., 2.], dtype=torch.float64)"),
        PrintCase("[1, 2] int32", { Tensor([1, 2], dtype: .int32) },
                  "tensor([1, 2], dtype=torch.int32)"),
        PrintCase("[-5, 10, 3]", { Tensor([-5, 10, 3]) },
                  "tensor([-5, 10,  3])"),
        PrintCase("[1, -100000]", { Tensor([1, -100000]) },
                  "tensor([      1, -100000])"),
        PrintCase("[1e-5, 1]", { Tensor([1e-5, 1]) },
                  "tensor([1.0000e-05, 1.0000e+00])"),
        PrintCase("[inf, nan, 1, -inf]", { Tensor([Double.infinity, .nan, 1, -.infinity]) },
                  "tensor([inf, nan, 1., -inf])"),
        PrintCase("[-1/3, 10]", { Tensor([-1.0 / 3.0, 10]) },
                  "tensor([-0.3333, 10.0000])"),
        PrintCase("bool 2-D", { Tensor([[true, false, true], [false, false, true]]) },
                  """
            tensor([[ True, False,  True],
                    [False, False,  True]])
            """),
        PrintCase("arange(6.).reshape(2, 3)", { Tensor.arange(6.0).reshape(2, 3) },
                  """
            tensor([[0., 1., 2.],
                    [3., 4., 5.]])
            """),
        PrintCase("arange(12.).reshape(2, 2, 3)", { Tensor.arange(12.0).reshape(2, 2, 3) },
                  """
            tensor([[[ 0.,  1.,  2.],
                     [ 3.,  4.,  5.]],

                    [[ 6.,  7.,  8.],
                     [ 9., 10., 11.]]])
            """),
        PrintCase("arange(16).reshape(2, 2, 2, 2)", { Tensor.arange(16).reshape(2, 2, 2, 2) },
                  """
            tensor([[[[ 0,  1],
                      [ 2,  3]],

                     [[ 4,  5],
                      [ 6,  7]]],


                    [[[ 8,  9],
                      [10, 11]],

                     [[12, 13],
                      [14, 15]]]])
            """),
        PrintCase("arange(8.).reshape(2,2,2) / 3 float64", { Tensor.arange(8.0, dtype: .float64).reshape(2, 2, 2, 1) },
                  """
            tensor([[[[0.],
                      [1.]],

                     [[2.],
                      [3.]]],


                    [[[4.],
                      [5.]],

                     [[6.],
                      [7.]]]], dtype=torch.float64)
            """),
        PrintCase("int32 3-D", { Tensor.arange(-6, 6, dtype: .int32).reshape(2, 3, 2) },
                  """
            tensor([[[-6, -5],
                     [-4, -3],
                     [-2, -1]],

                    [[ 0,  1],
                     [ 2,  3],
                     [ 4,  5]]], dtype=torch.int32)
            """),
        PrintCase("b.t()", { Tensor.arange(12.0).reshape(3, 4).t() },
                  """
            tensor([[ 0.,  4.,  8.],
                    [ 1.,  5.,  9.],
                    [ 2.,  6., 10.],
                    [ 3.,  7., 11.]])
            """),
        PrintCase("b[.all, .slice(1, nil, step: 2)]", { Tensor.arange(12.0).reshape(3, 4)[.all, .slice(1, nil, step: 2)] },
                  """
            tensor([[ 1.,  3.],
                    [ 5.,  7.],
                    [ 9., 11.]])
            """),
        PrintCase("b[1...]", { Tensor.arange(12.0).reshape(3, 4)[1...] },
                  """
            tensor([[ 4.,  5.,  6.,  7.],
                    [ 8.,  9., 10., 11.]])
            """),
        PrintCase("b.diagonal()", { Tensor.arange(12.0).reshape(3, 4).diagonal() },
                  "tensor([ 0.,  5., 10.])"),
        PrintCase("b[0..<1].expand(3, 4)", { Tensor.arange(12.0).reshape(3, 4)[0..<1].expand(3, 4) },
                  """
            tensor([[0., 1., 2., 3.],
                    [0., 1., 2., 3.],
                    [0., 1., 2., 3.]])
            """),
        PrintCase("b[1, 2]", { Tensor.arange(12.0).reshape(3, 4)[1, 2] },
                  "tensor(6.)"),
        PrintCase("b.t()[1...].unsqueeze(dim: 0)", { Tensor.arange(12.0).reshape(3, 4).t()[1...].unsqueeze(dim: 0) },
                  """
            tensor([[[ 1.,  5.,  9.],
                     [ 2.,  6., 10.],
                     [ 3.,  7., 11.]]])
            """),
        PrintCase("b.unfold(dim: 1, size: 2, step: 1)", { Tensor.arange(12.0).reshape(3, 4).unfold(dim: 1, size: 2, step: 1) },
                  """
            tensor([[[ 0.,  1.],
                     [ 1.,  2.],
                     [ 2.,  3.]],

                    [[ 4.,  5.],
                     [ 5.,  6.],
                     [ 6.,  7.]],

                    [[ 8.,  9.],
                     [ 9., 10.],
                     [10., 11.]]])
            """),
        PrintCase("zeros(0)", { Tensor.zeros(0) },
                  "tensor([])"),
        PrintCase("zeros(0) int64", { Tensor.zeros(0, dtype: .int64) },
                  "tensor([], dtype=torch.int64)"),
        PrintCase("zeros(0) bool", { Tensor.zeros(0, dtype: .bool) },
                  "tensor([], dtype=torch.bool)"),
        PrintCase("zeros(0) float64", { Tensor.zeros(0, dtype: .float64) },
                  "tensor([], dtype=torch.float64)"),
        PrintCase("zeros(0, 3)", { Tensor.zeros(0, 3) },
                  "tensor([], size=(0, 3))"),
        PrintCase("zeros(0, 3) int32", { Tensor.zeros(0, 3, dtype: .int32) },
                  "tensor([], size=(0, 3), dtype=torch.int32)"),
        PrintCase("zeros(2, 0, 1)", { Tensor.zeros(2, 0, 1) },
                  "tensor([], size=(2, 0, 1))"),
        PrintCase("b.narrow(dim: 1, start: 4, length: 0)", { Tensor.arange(12.0).reshape(3, 4).narrow(dim: 1, start: 4, length: 0) },
                  "tensor([], size=(3, 0))"),
        PrintCase("[1, 2] requiresGrad", { Tensor([1.0, 2], requiresGrad: true) },
                  "tensor([1., 2.], requires_grad=True)"),
        PrintCase("[1, 2] float64 requiresGrad", { Tensor([1.0, 2], dtype: .float64, requiresGrad: true) },
                  "tensor([1., 2.], dtype=torch.float64, requires_grad=True)"),
        PrintCase("scalar requiresGrad", { Tensor(2.0, requiresGrad: true) },
                  "tensor(2., requires_grad=True)"),
        PrintCase("zeros(0) requiresGrad", { Tensor.zeros(0, requiresGrad: true) },
                  "tensor([], requires_grad=True)"),
        PrintCase("zeros(0, 2) float64 requiresGrad", { Tensor.zeros(0, 2, dtype: .float64, requiresGrad: true) },
                  "tensor([], size=(0, 2), dtype=torch.float64, requires_grad=True)"),
        PrintCase("linspace(0, 3, 10)", { Tensor.linspace(0, 3, steps: 10) },
                  """
            tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,
                    3.0000])
            """),
        PrintCase("ones(30)", { Tensor.ones(30) },
                  """
            tensor([1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.,
                    1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1., 1.])
            """),
        PrintCase("linspace(0,7.5,6) requiresGrad (wrap)", { Tensor.linspace(0, 7.5, steps: 6, requiresGrad: true) },
                  "tensor([0.0000, 1.5000, 3.0000, 4.5000, 6.0000, 7.5000], requires_grad=True)"),
        PrintCase("arange(1001)", { Tensor.arange(1001) },
                  "tensor([   0,    1,    2,  ...,  998,  999, 1000])"),
        PrintCase("arange(1100).reshape(11,10,10)", { Tensor.arange(1100).reshape(11, 10, 10) },
                  SummarizedExpected.cube11x10x10),
        PrintCase("arange(2000.).reshape(40, 50).t()", { Tensor.arange(2000.0).reshape(40, 50).t() },
                  """
            tensor([[0.0000e+00, 5.0000e+01, 1.0000e+02,  ..., 1.8500e+03, 1.9000e+03,
                     1.9500e+03],
                    [1.0000e+00, 5.1000e+01, 1.0100e+02,  ..., 1.8510e+03, 1.9010e+03,
                     1.9510e+03],
                    [2.0000e+00, 5.2000e+01, 1.0200e+02,  ..., 1.8520e+03, 1.9020e+03,
                     1.9520e+03],
                    ...,
                    [4.7000e+01, 9.7000e+01, 1.4700e+02,  ..., 1.8970e+03, 1.9470e+03,
                     1.9970e+03],
                    [4.8000e+01, 9.8000e+01, 1.4800e+02,  ..., 1.8980e+03, 1.9480e+03,
                     1.9980e+03],
                    [4.9000e+01, 9.9000e+01, 1.4900e+02,  ..., 1.8990e+03, 1.9490e+03,
                     1.9990e+03]])
            """),
        PrintCase("rand(2,3) seed 0", { Tensor.rand(2, 3, generator: Generator(seed: 0)) },
                  """
            tensor([[0.4963, 0.7682, 0.0885],
                    [0.1320, 0.3074, 0.6341]])
            """),
        PrintCase("randn(2,3) seed 0", { Tensor.randn(2, 3, generator: Generator(seed: 0)) },
                  """
            tensor([[ 1.5410, -0.2934, -2.1788],
                    [ 0.5684, -1.0845, -1.3986]])
            """),
        PrintCase("randn(2,3) float64 seed 0", { Tensor.randn([2, 3], dtype: .float64, generator: Generator(seed: 0)) },
                  """
            tensor([[ 1.5410, -0.2934, -2.1788],
                    [ 0.5684, -1.0845, -1.3986]], dtype=torch.float64)
            """),
        PrintCase("eye(3) bool", { Tensor.eye(3, dtype: .bool) },
                  """
            tensor([[ True, False, False],
                    [False,  True, False],
                    [False, False,  True]])
            """),
        PrintCase("full([2, 2], 1e9)", { Tensor.full([2, 2], 1e9) },
                  """
            tensor([[1.0000e+09, 1.0000e+09],
                    [1.0000e+09, 1.0000e+09]])
            """),
        PrintCase("ones([1]*10)", { Tensor.ones([1, 1, 1, 1, 1, 1, 1, 1, 1, 1]) },
                  "tensor([[[[[[[[[[1.]]]]]]]]]])"),
        PrintCase("arange(4.).reshape(1,1,1,1,1,1,1,1,2,2)", { Tensor.arange(4.0).reshape(1, 1, 1, 1, 1, 1, 1, 1, 2, 2) },
                  """
            tensor([[[[[[[[[[0., 1.],
                            [2., 3.]]]]]]]]]])
            """),
    ]
}

@Suite struct TensorDescriptionTests {
    @Test(arguments: PrintCases.all)
    func matchesPyTorchRepr(_ c: PrintCase) {
        let t = c.make()
        #expect(t.description == c.expected)
        #expect(t.debugDescription == c.expected)
        #expect("\(t)" == c.expected)
    }

    /// The same logical tensor prints the same in every layout.
    @Test func everyLayoutPrintsTheSame() {
        let expected = """
            tensor([[[ 0.5000, -1.0000],
                     [ 2.0000,  3.2500]],

                    [[ 4.0000, -5.5000],
                     [ 6.0000,  7.0000]]])
            """
        let values: [Double] = [0.5, -1, 2, 3.25, 4, -5.5, 6, 7]
        for v in layoutVariants(shape: [2, 2, 2], values: values) {
            #expect(v.tensor.description == expected, "\(v.name)")
        }
        let ints = """
            tensor([[ 7, -1,  3],
                    [ 7, -1,  3]], dtype=torch.int32)
            """
        let variants = layoutVariants(shape: [2, 3], values: [7, -1, 3, 7, -1, 3], dtype: .int32)
        #expect(variants.map(\.name).contains("expanded"))
        for v in variants {
            #expect(v.tensor.description == ints, "\(v.name)")
        }
    }

    /// `nn.Parameter(t)` prints `Parameter containing:` on its own line before the tensor.
    @Test func parameter() {
        #expect(Parameter(Tensor.ones(2)).description == "Parameter containing:\ntensor([1., 1.], requires_grad=True)")
        #expect(Parameter(Tensor.ones(2), requiresGrad: false).description == "Parameter containing:\ntensor([1., 1.])")
        #expect(Parameter(Tensor.ones(2, dtype: .float64)).description
                == "Parameter containing:\ntensor([1., 1.], dtype=torch.float64, requires_grad=True)")
        #expect(Parameter(Tensor.arange(6.0).reshape(2, 3)).description == """
            Parameter containing:
            tensor([[0., 1., 2.],
                    [3., 4., 5.]], requires_grad=True)
            """)
        #expect(Parameter(Tensor(2.5)).description == "Parameter containing:\ntensor(2.5000, requires_grad=True)")
        #expect(Parameter(Tensor.ones(0)).description == "Parameter containing:\ntensor([], requires_grad=True)")
        #expect(Parameter(Tensor.ones(2, dtype: .int64), requiresGrad: false).description
                == "Parameter containing:\ntensor([1, 1])")
    }

    /// Turning `requiresGrad` on and off changes the suffix.
    @Test func requiresGradSuffixFollowsTheFlag() {
        let t = Tensor([1.0, 2])
        #expect(t.description == "tensor([1., 2.])")
        t.requiresGrad = true
        #expect(t.description == "tensor([1., 2.], requires_grad=True)")
        t.requiresGrad_(false)
        #expect(t.description == "tensor([1., 2.])")
        // detach() drops it.
        #expect(Tensor([3.0], requiresGrad: true).detach().description == "tensor([3.])")
    }

    /// Printing sees writes made after the tensor was created (no cached text).
    @Test func printsCurrentValues() {
        let b = Tensor.arange(4.0)
        let v = b[1...]
        #expect(v.description == "tensor([1., 2., 3.])")
        b[2] = 0.5
        #expect(v.description == "tensor([1.0000, 0.5000, 3.0000])")
    }
}
