import Testing
import EmberTestSupport
@testable import EmberCore

/// First derivatives of the joining, splitting, reordering and view ops, by finite differences
/// in float64 over every layout; second derivatives too for the views that only reshape or
/// reorder (the slicing views' double backward is not supported yet).
@Suite struct GradcheckShapeTests {
    /// Several outputs as one tensor for `gradcheck`: the pieces flattened and joined.
    static func joined(_ pieces: [Tensor]) -> Tensor { Tensor.cat(pieces.map { $0.reshape([-1]) }) }

    static let joining: [GradientCase] = [
        GradientCase("cat", shapes: [[2, 3], [2, 2]], node: "CatBackward0") { Tensor.cat([$0[0], $0[1]], dim: 1) },
        GradientCase("cat dim 0 repeated input", shapes: [[2, 3], [1, 3]]) { Tensor.cat([$0[0], $0[1], $0[0]]) },
        GradientCase("stack", shapes: [[2, 3], [2, 3]], node: "StackBackward0") { Tensor.stack([$0[0], $0[1]], dim: 1) },
        GradientCase("stack last dim", shapes: [[2, 3], [2, 3]]) { Tensor.stack([$0[1], $0[0]], dim: -1) },
        GradientCase("split", shapes: [[5, 3]]) { joined($0[0].split(2)) },
        GradientCase("split sizes dim 1", shapes: [[2, 5]]) { joined($0[0].split([1, 3, 1], dim: 1)) },
        GradientCase("split first piece only", shapes: [[5, 3]]) { $0[0].split(2)[1] * 2 },
        GradientCase("chunk", shapes: [[2, 5]]) { joined($0[0].chunk(3, dim: 1)) },
        GradientCase("unbind", shapes: [[2, 3]]) { joined($0[0].unbind(dim: 1)) },
        GradientCase("unbind one piece") { $0[0].unbind()[1] },
        GradientCase("tensorSplit", shapes: [[2, 5]]) { joined($0[0].tensorSplit(3, dim: 1)) },
        GradientCase("tensorSplit indices", shapes: [[5, 2]]) { joined($0[0].tensorSplit(indices: [1, 3])) },
        GradientCase("vstack", shapes: [[3], [2, 3]]) { Tensor.vstack([$0[0], $0[1]]) },
        GradientCase("hstack", shapes: [[2, 3], [2, 2]]) { Tensor.hstack([$0[0], $0[1]]) },
        GradientCase("dstack", shapes: [[2, 3], [2, 3]]) { Tensor.dstack([$0[0], $0[1]]) },
        GradientCase("flip", node: "FlipBackward0") { $0[0].flip(dims: 1) },
        GradientCase("flip both dims", shapes: [[2, 3, 2]]) { $0[0].flip(dims: [0, 2]) },
        GradientCase("roll", node: "RollBackward0") { $0[0].roll(1, dim: 1) },
        GradientCase("roll flattened") { $0[0].roll(4) },
        GradientCase("roll two dims", shapes: [[2, 3, 2]]) { $0[0].roll([1, -2], dims: [0, 1]) },
        GradientCase("repeat", node: "RepeatBackward0") { $0[0].repeat(2, 1) },
        GradientCase("repeat new dims", shapes: [[3]]) { $0[0].repeat(2, 1, 2) },
        GradientCase("tile", node: "RepeatBackward0") { $0[0].tile(2) },
        GradientCase("tril", shapes: [[3, 4]], node: "TrilBackward0") { $0[0].tril() },
        GradientCase("tril offset batched", shapes: [[2, 3, 3]]) { $0[0].tril(diagonal: -1) },
        GradientCase("triu", shapes: [[3, 4]], node: "TriuBackward0") { $0[0].triu(diagonal: 1) },
    ]

    @Test(arguments: joining) func joiningAndReordering(_ c: GradientCase) { c.check() }

    /// Views that reshape or reorder without dropping elements: first and second derivatives.
    static let reshaping: [GradientCase] = [
        GradientCase("view", shapes: [[2, 4]], secondOrder: true, node: "ViewBackward0") { $0[0].view(2, 2, 2) },
        GradientCase("reshape", shapes: [[2, 4]], secondOrder: true) { $0[0].reshape(4, 2) },
        GradientCase("reshape flatten", shapes: [[2, 3, 2]], secondOrder: true) { $0[0].flatten() },
        GradientCase("permute", shapes: [[2, 3, 2]], secondOrder: true, node: "PermuteBackward0") { $0[0].permute(2, 0, 1) },
        GradientCase("transpose", shapes: [[2, 3, 2]], secondOrder: true, node: "TransposeBackward0") { $0[0].transpose(0, 2) },
        GradientCase("t", secondOrder: true, node: "TBackward0") { $0[0].t() },
        GradientCase("expand", shapes: [[2, 1, 3]], secondOrder: true, node: "ExpandBackward0") { $0[0].expand(2, 4, 3) },
        GradientCase("expand new dims", shapes: [[3]], secondOrder: true) { $0[0].expand(2, 2, 3) },
        GradientCase("squeeze", shapes: [[2, 1, 3]], secondOrder: true, node: "SqueezeBackward0") { $0[0].squeeze() },
        GradientCase("squeeze dim", shapes: [[2, 1, 3]], secondOrder: true, node: "SqueezeBackward1") { $0[0].squeeze(dim: 1) },
        GradientCase("unsqueeze", secondOrder: true, node: "UnsqueezeBackward0") { $0[0].unsqueeze(dim: 1) },
    ]

    @Test(arguments: reshaping) func reshapingViews(_ c: GradientCase) { c.check() }

    /// Views that select part of a tensor: first derivatives.
    static let slicing: [GradientCase] = [
        GradientCase("narrow", node: "SliceBackward0") { $0[0].narrow(dim: 1, start: 1, length: 2) },
        GradientCase("narrow dim 0 negative start", shapes: [[3, 2]]) { $0[0].narrow(dim: 0, start: -2, length: 2) },
        GradientCase("select", node: "SelectBackward0") { $0[0].select(dim: 1, index: 2) },
        GradientCase("select negative index") { $0[0].select(dim: 0, index: -1) },
        GradientCase("diagonal", shapes: [[3, 4]], node: "DiagonalBackward0") { $0[0].diagonal() },
        GradientCase("diagonal offset", shapes: [[3, 4]]) { $0[0].diagonal(offset: 1) },
        GradientCase("diagonal negative offset dims", shapes: [[2, 3, 3]]) { $0[0].diagonal(offset: -1, dim1: 1, dim2: 2) },
        GradientCase("reshape of a slice", shapes: [[2, 4]]) { $0[0].narrow(dim: 1, start: 1, length: 2).reshape(4) },
        GradientCase("subscript x[1]", node: "SelectBackward0") { $0[0][1] },
        GradientCase("subscript x[:, 1:]", node: "SliceBackward0") { $0[0][.all, 1...] },
        GradientCase("subscript x[..., 0:3:2]", shapes: [[2, 2, 3]]) { $0[0][..., .slice(0, 3, step: 2)] },
        GradientCase("subscript x[None, 0, -1]") { $0[0][.newAxis, 0, -1] },
    ]

    @Test(arguments: slicing) func slicingViews(_ c: GradientCase) { c.check() }

    /// float64 -> float32 -> float64: the node names, and a gradient that comes back in float64.
    @Test func dtypeRoundTrip() throws {
        let x = Tensor(shape: [2, 3], data: gradientTestValues(count: 6, range: -1.5...1.5), dtype: .float64).requiresGrad_()
        let y = x.to(.float32)
        #expect(y.gradFn?.name == "ToCopyBackward0")
        let z = y.to(.float64) * Tensor([1.0, 2.0, 3.0], dtype: .float64)
        #expect(z.gradFn?.nextFunctions.first??.node.name == "ToCopyBackward0")
        try z.sum().backward()
        let grad = try #require(x.grad)
        expectTensor(grad, shape: [2, 3], values: [1, 2, 3, 1, 2, 3], dtype: .float64)
    }
}
