import Testing
import EmberTestSupport
@testable import EmberCore

/// Derivatives of `norm` (`LinalgVectorNormBackward0`, with PyTorch's subgradients at zero) and
/// `baddbmm` (`BaddbmmBackward0`). Every expected value comes from PyTorch 2.15.
@Suite struct AutogradNormTests {
    static let layouts = ["contiguous", "transposed", "sliced", "offset", "transposedSliced"]

    /// A matrix with a zero row, ties and signs: `[[3, -4, 0], [0, 0, 0], [1, -2, 2]]`.
    private func matrix() -> Tensor {
        Tensor([[3.0, -4.0, 0.0], [0.0, 0.0, 0.0], [1.0, -2.0, 2.0]], dtype: .float64, requiresGrad: true)
    }

    struct NormCase: CustomTestStringConvertible, Sendable {
        let p: Tensor.NormOrder
        let dim: Int?
        let keepdim: Bool
        let value: [Double]
        let grad: [Double]
        var testDescription: String { "p=\(p) dim=\(dim.map(String.init) ?? "None") keepdim=\(keepdim)" }
    }

    // PyTorch: `o = x.norm(p, dim, keepdim)`; `(o * arange(1, 4).reshape(o.shape)).sum().backward()`
    // (`o.backward()` when dim is None).
    static let normCases: [NormCase] = [
        NormCase(p: 1, dim: nil, keepdim: false, value: [12], grad: [1, -1, 0, 0, 0, 0, 1, -1, 1]),
        NormCase(p: 1, dim: 1, keepdim: false, value: [7, 0, 5], grad: [1, -1, 0, 0, 0, 0, 3, -3, 3]),
        NormCase(p: 1, dim: 0, keepdim: true, value: [4, 6, 2], grad: [1, -2, 0, 0, 0, 0, 1, -2, 3]),
        NormCase(p: 2, dim: nil, keepdim: false, value: [5.830951894845301],
                 grad: [0.5144957554275265, -0.6859943405700353, 0, 0, 0, 0, 0.17149858514250882,
                        -0.34299717028501764, 0.34299717028501764]),
        NormCase(p: 2, dim: 1, keepdim: false, value: [5, 0, 3], grad: [0.6, -0.8, 0, 0, 0, 0, 1, -2, 2]),
        NormCase(p: 2, dim: 0, keepdim: true, value: [3.1622776601683795, 4.47213595499958, 2],
                 grad: [0.9486832980505138, -1.7888543819998317, 0, 0, 0, 0, 0.31622776601683794,
                        -0.8944271909999159, 3]),
        NormCase(p: .infinity, dim: nil, keepdim: false, value: [4], grad: [0, -1, 0, 0, 0, 0, 0, -0.0, 0]),
        NormCase(p: .infinity, dim: 1, keepdim: false, value: [4, 0, 2], grad: [0, -1, 0, 0, 0, 0, 0, -1.5, 1.5]),
        NormCase(p: .infinity, dim: 0, keepdim: true, value: [3, 4, 2], grad: [1, -2, 0, 0, 0, 0, 0, -0.0, 3]),
        NormCase(p: .fro, dim: nil, keepdim: false, value: [5.830951894845301],
                 grad: [0.5144957554275265, -0.6859943405700353, 0, 0, 0, 0, 0.17149858514250882,
                        -0.34299717028501764, 0.34299717028501764]),
        NormCase(p: .fro, dim: 1, keepdim: false, value: [5, 0, 3], grad: [0.6, -0.8, 0, 0, 0, 0, 1, -2, 2]),
        NormCase(p: 3, dim: nil, keepdim: false, value: [4.762203155904598],
                 grad: [0.39685026299204995, -0.7055115786525332, 0, 0, 0, 0, 0.044094473665783326,
                        -0.1763778946631333, 0.1763778946631333]),
        NormCase(p: 3, dim: 1, keepdim: false, value: [4.497941445275415, 0, 2.571281590658235],
                 grad: [0.4448513517305356, -0.7908468475209521, 0, 0, 0, 0, 0.4537555748220416,
                        -1.8150222992881664, 1.8150222992881664]),
    ]

    @Test(arguments: normCases)
    func normGradients(_ c: NormCase) throws {
        let x = matrix()
        let o = c.dim.map { x.norm(c.p, dim: $0, keepdim: c.keepdim) } ?? x.norm(c.p)
        #expect(o.gradFn?.name == "LinalgVectorNormBackward0")
        expectGrad(o, shape: o.shape, c.value)
        if c.dim == nil {
            try o.backward()
        } else {
            try (o * Tensor(shape: o.shape, data: [1.0, 2.0, 3.0], dtype: .float64)).sum().backward()
        }
        expectGrad(x.grad, shape: [3, 3], c.grad)
        // Signed zeros as PyTorch has them (-0.0 for a negative element that is not the maximum).
        for (g, e) in zip(x.grad!.scalars(as: Double.self), c.grad) where e == 0 {
            #expect(g.sign == e.sign)
        }
    }

    @Test func normSubgradientsAtZeroAndTies() throws {
        for p: Tensor.NormOrder in [1, 2, .infinity] {
            let x = Tensor.zeros([3], dtype: .float64, requiresGrad: true)
            try x.norm(p).backward()
            expectGrad(x.grad, shape: [3], [0, 0, 0])
        }
        let x = Tensor([2.0, -2.0, 1.0], dtype: .float64, requiresGrad: true)
        try x.norm(.infinity).backward()
        expectGrad(x.grad, shape: [3], [0.5, -0.5, 0])
    }

    @Test func normDoubleBackward() throws {
        let x = Tensor([[1.0, 2.0], [-3.0, 4.0]], dtype: .float64, requiresGrad: true)
        let g = try #require(try gradients(of: [x.norm()], with: [x], createGraph: true)[0])
        expectGrad(g, shape: [2, 2], [0.18257418583505536, 0.3651483716701107, -0.5477225575051661, 0.7302967433402214])
        let g2 = try gradients(of: [(g * Tensor([[1.0, 2.0], [3.0, 4.0]], dtype: .float64)).sum()], with: [x])[0]
        expectGrad(g2, shape: [2, 2], [0.10954451150103321, 0.21908902300206642, 0.7668115805072325, 0.43817804600413285])
    }

    @Test(arguments: layouts)
    func gradcheckNorms(layout: String) throws {
        let t = gradcheckInputs(shape: [3, 4], values: (0..<12).map { Double($0) * 0.37 - 2.1 })
            .first { $0.name == layout }!.tensor
        try gradcheck({ i in i[0].norm() }, inputs: [t])
        try gradcheck({ i in i[0].norm(1, dim: 1) }, inputs: [t])
        try gradcheck({ i in i[0].norm(.infinity, dim: 0, keepdim: true) }, inputs: [t])
        try gradcheck({ i in i[0].norm(3, dim: 1, keepdim: true) }, inputs: [t])
        try gradcheck({ i in i[0].norm(.fro, dims: [0, 1]) }, inputs: [t])
    }

    // MARK: baddbmm

    private func batches() -> (Tensor, Tensor, Tensor) {
        (Tensor([[[1.0, 2.0], [3.0, 4.0]]], dtype: .float64, requiresGrad: true),
         Tensor([[[1.0, 0.0, 2.0], [-1.0, 3.0, 1.0]], [[2.0, 1.0, 0.0], [0.0, 1.0, -1.0]]], dtype: .float64, requiresGrad: true),
         Tensor([[[1.0, 2.0], [0.0, 1.0], [3.0, -1.0]], [[2.0, 0.0], [1.0, 1.0], [-2.0, 3.0]]], dtype: .float64, requiresGrad: true))
    }

    @Test func baddbmmGradients() throws {
        let (m, b1, b2) = batches()
        let o = m.baddbmm(b1, b2, beta: 0.5, alpha: 2)
        #expect(o.gradFn?.name == "BaddbmmBackward0")
        expectTensor(o, shape: [2, 2, 2], values: [14.5, 1, 5.5, 2, 10.5, 3, 7.5, -2])
        try (o * Tensor(shape: [2, 2, 2], data: (1...8).map(Double.init), dtype: .float64)).sum().backward()
        expectGrad(m.grad, shape: [1, 2, 2], [3, 4, 5, 6])
        expectGrad(b1.grad, shape: [2, 2, 3], [10, 4, 2, 22, 8, 10, 20, 22, 16, 28, 30, 20])
        expectGrad(b2.grad, shape: [2, 3, 2], [-4, -4, 18, 24, 10, 16, 20, 24, 24, 28, -14, -16])

        m.grad = nil
        try m.baddbmm(b1, b2).sum().backward()
        expectGrad(m.grad, shape: [1, 2, 2], [2, 2, 2, 2])
    }

    @Test(arguments: layouts)
    func gradcheckBaddbmm(layout: String) throws {
        let m = gradcheckInputs(shape: [2, 3], values: [0.5, -1, 2, 1.5, 0.25, -0.75]).first { $0.name == layout }!.tensor
        let b1 = gradcheckInputs(shape: [2, 2, 4], values: (0..<16).map { Double($0) * 0.3 - 2 }).first { $0.name == layout }!.tensor
        let b2 = gradcheckInputs(shape: [2, 4, 3], values: (0..<24).map { 1.5 - Double($0) * 0.2 }).first { $0.name == layout }!.tensor
        try gradcheck({ i in i[0].baddbmm(i[1], i[2], beta: 0.5, alpha: -1.5) }, inputs: [m, b1, b2])
    }
}
