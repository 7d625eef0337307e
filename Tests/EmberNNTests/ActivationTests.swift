// ActivationTests.swift
//
// The activation layers' printed forms and outputs against what PyTorch 2.15 printed for:
//
//     import torch, torch.nn as nn
//     x = torch.tensor([[-1.5, 0.0, 2.0], [0.5, -0.25, 3.0]], dtype=torch.float64)
//     for m in [nn.Identity(), nn.LeakyReLU(0.2), nn.GELU(), nn.GELU('tanh'), nn.SiLU(), nn.Sigmoid(),
//               nn.Tanh(), nn.Softmax(dim=1), nn.LogSoftmax(dim=0), nn.ELU(alpha=0.5),
//               nn.Softplus(beta=2., threshold=10.), nn.Hardtanh(-1., 1.), nn.Flatten(0)]:
//         print(repr(m), m(x).flatten().tolist(), list(m(x).shape))

import Testing
import Ember
import EmberTestSupport

/// A layer, PyTorch's repr of it, and its output on the input above.
struct ActivationCase: Sendable, CustomTestStringConvertible {
    let make: @Sendable () -> Module
    let repr: String
    let shape: [Int]
    let values: [Double]
    var testDescription: String { repr }
}

@Suite struct ActivationTests {
    static let cases: [ActivationCase] = [
        .init(make: { Identity() }, repr: "Identity()", shape: [2, 3], values: [-1.5, 0.0, 2.0, 0.5, -0.25, 3.0]),
        .init(make: { LeakyReLU(negativeSlope: 0.2) }, repr: "LeakyReLU(negative_slope=0.2)", shape: [2, 3],
              values: [-0.30000000000000004, 0.0, 2.0, 0.5, -0.05, 3.0]),
        .init(make: { GELU() }, repr: "GELU(approximate='none')", shape: [2, 3],
              values: [-0.10021080190328704, 0.0, 1.9544997361036416, 0.34573123063700656, -0.10032341857926907, 2.99595030590511]),
        .init(make: { GELU(approximate: "tanh") }, repr: "GELU(approximate='tanh')", shape: [2, 3],
              values: [-0.10042842301976707, 0.0, 1.954597694087775, 0.34571400982514394, -0.100324649298315, 2.996362607918227]),
        .init(make: { SiLU() }, repr: "SiLU()", shape: [2, 3],
              values: [-0.2736382857095345, 0.0, 1.7615941559557646, 0.3112296656009273, -0.10945587477855048, 2.8577223804672998]),
        .init(make: { Sigmoid() }, repr: "Sigmoid()", shape: [2, 3],
              values: [0.18242552380635635, 0.5, 0.8807970779778823, 0.6224593312018546, 0.43782349911420193, 0.9525741268224334]),
        .init(make: { Tanh() }, repr: "Tanh()", shape: [2, 3],
              values: [-0.9051482536448664, 0.0, 0.9640275800758169, 0.46211715726000974, -0.24491866240370913, 0.9950547536867305]),
        .init(make: { Softmax(dim: 1) }, repr: "Softmax(dim=1)", shape: [2, 3],
              values: [0.02590865471740153, 0.11611453467414118, 0.8579768106084573, 0.07323399598373095, 0.0345932902262843, 0.8921727137899846]),
        .init(make: { LogSoftmax(dim: 0) }, repr: "LogSoftmax(dim=0)", shape: [2, 3],
              values: [-2.1269280110429727, -0.5759394198788437, -1.3132616875182228, -0.1269280110429726, -0.8259394198788437, -0.31326168751822286]),
        .init(make: { ELU(alpha: 0.5) }, repr: "ELU(alpha=0.5)", shape: [2, 3],
              values: [-0.3884349199257851, 0.0, 2.0, 0.5, -0.11059960846429756, 3.0]),
        .init(make: { Softplus(beta: 2, threshold: 10) }, repr: "Softplus(beta=2.0, threshold=10.0)", shape: [2, 3],
              values: [0.02429367578687103, 0.34657359027997264, 2.0090749639589047, 0.6566308437591114, 0.23703849209005334, 3.001237842568865]),
        .init(make: { Hardtanh() }, repr: "Hardtanh(min_val=-1.0, max_val=1.0)", shape: [2, 3],
              values: [-1.0, 0.0, 1.0, 0.5, -0.25, 1.0]),
        .init(make: { Flatten(startDim: 0) }, repr: "Flatten(start_dim=0, end_dim=-1)", shape: [6],
              values: [-1.5, 0.0, 2.0, 0.5, -0.25, 3.0]),
    ]

    @Test(arguments: cases)
    func layer(_ c: ActivationCase) {
        let module = c.make()
        #expect(module.description == c.repr)
        let x = Tensor([[-1.5, 0.0, 2.0], [0.5, -0.25, 3.0]], dtype: .float64)
        expectClose(module(x), shape: c.shape, c.values, tolerance: 1e-15)
        #expect(module.parameters().isEmpty)
    }

    @Test func defaults() {
        #expect(Flatten().description == "Flatten(start_dim=1, end_dim=-1)")
        #expect(LeakyReLU().description == "LeakyReLU(negative_slope=0.01)")
        #expect(ELU().description == "ELU(alpha=1.0)")
        #expect(Softplus().description == "Softplus(beta=1.0, threshold=20.0)")
        #expect(Flatten()(Tensor.zeros(2, 3, 4)).shape == [2, 12])
    }

    /// `nn.ReLU(inplace=True)` and friends print `inplace=True` and return their input,
    /// overwritten (PyTorch: `relu(x) is x`, `x` now `[0., 2.]`; SiLU/Mish of 2 are
    /// 1.7615941559557646 and 1.9439589595339946).
    @Test(arguments: [("ReLU", 0.0, 2.0), ("SiLU", -0.2689414213699951, 1.7615941559557646),
                      ("Mish", -0.30340146137410895, 1.9439589595339946)])
    func inplace(_ name: String, _ first: Double, _ second: Double) {
        let module: Module = switch name {
        case "ReLU": ReLU(inplace: true)
        case "SiLU": SiLU(inplace: true)
        default: Mish(inplace: true)
        }
        #expect(module.description == "\(name)(inplace=True)")
        let x = Tensor([-1.0, 2.0], dtype: .float64)
        let y = module(x)
        #expect(y === x)
        expectClose(x, shape: [2], [first, second], tolerance: 1e-15)
    }
}
