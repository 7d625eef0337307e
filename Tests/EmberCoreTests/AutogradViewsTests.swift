import Testing
import EmberTestSupport
@testable import EmberCore

/// Autograd through views: writes through views (`CopySlices`), views whose base changed,
/// `unfold` and `asStrided`, and double backward through slicing. Every expected value, name and
/// message comes from PyTorch 2.15.
@Suite struct AutogradViewsTests {
    static let layouts = ["contiguous", "transposed", "sliced", "offset", "transposedSliced"]

    /// The float64 variant `name` of `values` in `shape`, a leaf that requires grad.
    private func input(_ name: String, shape: [Int], _ values: [Double]) -> Tensor {
        gradcheckInputs(shape: shape, values: values).first { $0.name == name }!.tensor
    }

    private func vector() -> Tensor { Tensor([1.0, 2.0, 3.0], dtype: .float64, requiresGrad: true) }

    // MARK: CopySlices

    @Test func inPlaceThroughViewOfNonLeaf() throws {
        let x = vector()
        let a = x.clone()
        let v = a[0..<2]
        v.mul_(2)
        #expect(a.gradFn?.name == "torch::autograd::CopySlices")
        #expect(v.gradFn?.name == "AsStridedBackward0")
        #expect(a.gradFn?.nextFunctions.count == 2)
        #expect(a.gradFn?.nextFunctions[0]?.node.name == "CloneBackward0")
        #expect(a.gradFn?.nextFunctions[1] == nil)
        #expect(v.gradFn?.nextFunctions[0]?.node === a.gradFn)
        try a.sum().backward()
        expectGrad(x.grad, shape: [3], [2, 2, 1])
    }

    @Test func copyIntoViewOfPlainTensor() throws {
        let w = Tensor([5.0, 6.0], dtype: .float64, requiresGrad: true)
        let z = Tensor.zeros([3], dtype: .float64)
        z[0..<2].copy_(w)
        #expect(z.gradFn?.name == "torch::autograd::CopySlices")
        #expect(z.gradFn?.nextFunctions[0] == nil)
        #expect(z.gradFn?.nextFunctions[1]?.node.name == "torch::autograd::AccumulateGrad")
        try (z * Tensor([1.0, 2.0, 3.0], dtype: .float64)).sum().backward()
        expectGrad(w.grad, shape: [2], [1, 2])
    }

    @Test func subscriptAssignmentOfValueThatRequiresGrad() throws {
        let x = vector(), v0 = Tensor(4.0, dtype: .float64, requiresGrad: true)
        let a = x * 1
        a[1] = v0
        #expect(a.gradFn?.name == "torch::autograd::CopySlices")
        #expect(a.gradFn?.nextFunctions[0]?.node.name == "MulBackward0")
        #expect(a.gradFn?.nextFunctions[1]?.node.name == "torch::autograd::AccumulateGrad")
        try (a * a).sum().backward()
        expectGrad(x.grad, shape: [3], [2, 0, 6])
        expectGrad(v0.grad, shape: [], [8])
    }

    @Test func columnWriteOfTwoDimensionalTensor() throws {
        let x = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype: .float64, requiresGrad: true)
        let a = x * 1
        a[.all, 1].mul_(x[.all, 2])
        try (a * a).sum().backward()
        expectGrad(x.grad, shape: [2, 3], [2, 36, 30, 8, 360, 312])
    }

    @Test func viewsOfLeavesStillRefuseInPlaceWrites() {
        let t = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
        let message = "a view of a leaf Variable that requires grad is being used in an in-place operation."
        expectTensorError(.runtimeError, message) { t[0..<1].add_(1) }
        expectTensorError(.runtimeError, message) { t.view(4).mul_(2) }
        expectTensorError(.runtimeError, message) { t[0] = Tensor([5.0, 6.0]) }
    }

    // MARK: Views taken before their base changed

    @Test func viewTakenBeforeBaseWasModified() throws {
        let x = vector()
        let a = x.clone()
        let v = a[1...]
        a.mul_(3)
        #expect(v.gradFn?.name == "AsStridedBackward0")
        try (v * v).sum().backward()
        expectGrad(x.grad, shape: [3], [0, 36, 54])
    }

    @Test func viewTakenBeforeAnotherViewWasWritten() throws {
        let x = vector()
        let a = x.clone()
        let v = a[1...]
        a[0..<2].mul_(3)
        #expect(v.gradFn?.name == "AsStridedBackward0")
        #expect(a.gradFn?.name == "torch::autograd::CopySlices")
        try (v * v).sum().backward()
        expectGrad(x.grad, shape: [3], [0, 36, 6])
    }

    // MARK: Double backward and gradcheck through writes

    @Test func doubleBackwardThroughCopySlices() throws {
        let x = vector()
        let a = x * 1
        a[0..<2].mul_(x[1..<3])
        let g = try #require(try gradients(of: [(a * a).sum()], with: [x], createGraph: true)[0])
        expectGrad(g, shape: [3], [8, 40, 30])
        let g2 = try gradients(of: [(g * Tensor([1.0, 2.0, 3.0], dtype: .float64)).sum()], with: [x])[0]
        expectGrad(g2, shape: [3], [24, 120, 78])
    }

    @Test(arguments: layouts)
    func gradcheckWritesThroughViews(layout: String) throws {
        let t = input(layout, shape: [2, 3], [0.5, -1.25, 2.0, 1.5, 0.75, -0.5])
        try gradcheck({ i in
            let a = i[0] * 1
            a[0].mul_(i[0][1])
            a[.all, 1...].mul_(i[0][.all, ..<2])
            return a
        }, inputs: [t])
    }

    // MARK: unfold and asStrided

    @Test func unfoldGradientAddsOverlappingWindows() throws {
        let t = Tensor.arange(6, dtype: .float64).requiresGrad_()
        let u = t.unfold(dim: 0, size: 3, step: 2)
        #expect(u.gradFn?.name == "UnfoldBackward0")
        try (u * Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype: .float64)).sum().backward()
        expectGrad(t.grad, shape: [6], [1, 2, 7, 5, 6, 0])
    }

    @Test func unfoldDoubleBackward() throws {
        let t = Tensor.arange(12, dtype: .float64).reshape(3, 4).requiresGrad_()
        let g = try #require(try gradients(of: [t.unfold(dim: 1, size: 2, step: 1).pow(2).sum()], with: [t], createGraph: true)[0])
        #expect(g.gradFn?.name == "UnfoldBackwardBackward0")
        expectGrad(g, shape: [3, 4], [0, 4, 8, 6, 8, 20, 24, 14, 16, 36, 40, 22])
        let g2 = try gradients(of: [(g * g).sum()], with: [t])[0]
        expectGrad(g2, shape: [3, 4], [0, 32, 64, 24, 32, 160, 192, 56, 64, 288, 320, 88])
    }

    @Test func asStridedGradientAddsOverlappingReads() throws {
        let t = Tensor([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], dtype: .float64, requiresGrad: true)
        let s = t.asStrided([2, 2], [1, 1], storageOffset: 1)
        #expect(s.gradFn?.name == "AsStridedBackward0")
        expectTensor(s, shape: [2, 2], values: [2, 3, 3, 4])
        try (s * Tensor([[1.0, 2.0], [3.0, 4.0]], dtype: .float64)).sum().backward()
        expectGrad(t.grad, shape: [6], [0, 1, 5, 4, 0, 0])
    }

    @Test(arguments: layouts)
    func gradcheckUnfoldAndAsStrided(layout: String) throws {
        let t = input(layout, shape: [3, 4], (0..<12).map { 0.25 + Double($0) * 0.5 })
        try gradcheck({ i in i[0].unfold(dim: 1, size: 2, step: 1).pow(2) }, inputs: [t])
        try gradcheck({ i in
            let c = i[0].contiguous()
            return c.asStrided([3, 3], [4, 1], storageOffset: c.storageOffset + 1).pow(2)
        }, inputs: [t])
    }

    // MARK: Double backward through slicing

    static let viewCases: [DoubleBackwardCase] = [
        DoubleBackwardCase(name: "narrow", node: "SliceBackward0", gradNode: "SliceBackwardBackward0",
                 op: { $0.narrow(dim: 1, start: 1, length: 2) },
                 grad: [0, 12, 27, 0, 0, 108, 147, 0, 0, 300, 363, 0],
                 grad2: [0, 24, 54, 0, 0, 216, 294, 0, 0, 600, 726, 0]),
        DoubleBackwardCase(name: "select", node: "SelectBackward0", gradNode: "SelectBackwardBackward0",
                 op: { $0.select(dim: 0, index: 1) },
                 grad: [0, 0, 0, 0, 75, 108, 147, 192, 0, 0, 0, 0],
                 grad2: [0, 0, 0, 0, 150, 216, 294, 384, 0, 0, 0, 0]),
        DoubleBackwardCase(name: "diagonal", node: "DiagonalBackward0", gradNode: "DiagonalBackwardBackward0",
                 op: { $0.diagonal(offset: 1) },
                 grad: [0, 12, 0, 0, 0, 0, 147, 0, 0, 0, 0, 432],
                 grad2: [0, 24, 0, 0, 0, 0, 294, 0, 0, 0, 0, 864]),
        DoubleBackwardCase(name: "t[1:, 2]", node: "SelectBackward0", gradNode: "SliceBackwardBackward0",
                 op: { $0[1..., 2] },
                 grad: [0, 0, 0, 0, 0, 0, 147, 0, 0, 0, 363, 0],
                 grad2: [0, 0, 0, 0, 0, 0, 294, 0, 0, 0, 726, 0]),
        DoubleBackwardCase(name: "t[None, 1]", node: "SelectBackward0", gradNode: "SqueezeBackward1",
                 op: { $0[.newAxis, 1] },
                 grad: [0, 0, 0, 0, 75, 108, 147, 192, 0, 0, 0, 0],
                 grad2: [0, 0, 0, 0, 150, 216, 294, 384, 0, 0, 0, 0]),
        DoubleBackwardCase(name: "t[:, ::2]", node: "SliceBackward0", gradNode: "SliceBackwardBackward0",
                 op: { $0[.all, .slice(nil, nil, step: 2)] },
                 grad: [3, 0, 27, 0, 75, 0, 147, 0, 243, 0, 363, 0],
                 grad2: [6, 0, 54, 0, 150, 0, 294, 0, 486, 0, 726, 0]),
    ]

    @Test(arguments: viewCases)
    func doubleBackwardThroughViews(_ c: DoubleBackwardCase) throws {
        try c.check()
    }

    @Test func subscriptNodeNames() {
        let t = Tensor([[1.0, 2.0], [3.0, 4.0]], requiresGrad: true)
        #expect(t[.all].gradFn?.name == "SliceBackward0")
        #expect(t[.all, .all].gradFn?.name == "AliasBackward0")
        #expect(t[.all, .all].gradFn?.nextFunctions[0]?.node.name == "torch::autograd::AccumulateGrad")
        #expect(t[.all, 1].gradFn?.nextFunctions[0]?.node.name == "torch::autograd::AccumulateGrad")
    }
}

/// A differentiable op with PyTorch's node names and gradients: `g = d(op(t)^3).sum()/dt` with
/// `createGraph`, then `g2 = d(g * w).sum()/dt`, for `t` and `w` both `arange(1, 13)` in `[3, 4]`.
struct DoubleBackwardCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// `op(t).gradFn.name`.
    let node: String
    /// `g.gradFn.name`: the node that computed the first gradient.
    let gradNode: String
    let op: @Sendable (Tensor) -> Tensor
    let grad: [Double]
    let grad2: [Double]
    var testDescription: String { name }

    /// Runs the case and compares names and both gradients with PyTorch's.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let t = Tensor(shape: [3, 4], data: (1...12).map(Double.init), dtype: .float64, requiresGrad: true)
        let w = Tensor(shape: [3, 4], data: (1...12).map(Double.init), dtype: .float64)
        #expect(op(t).gradFn?.name == node, sourceLocation: sourceLocation)
        let g = try #require(try gradients(of: [op(t).pow(3).sum()], with: [t], createGraph: true)[0])
        #expect(g.gradFn?.name == gradNode, sourceLocation: sourceLocation)
        expectGrad(g, shape: [3, 4], grad, sourceLocation: sourceLocation)
        let g2 = try gradients(of: [(g * w).sum()], with: [t])[0]
        expectGrad(g2, shape: [3, 4], grad2, sourceLocation: sourceLocation)
    }
}
