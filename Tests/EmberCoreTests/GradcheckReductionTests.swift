import Testing
import EmberTestSupport
@testable import EmberCore

/// First derivatives of the reductions, scans, softmax and sorting ops, by finite differences in
/// float64 over every layout. Inputs have distinct values, so extremes and sorted orders have
/// no ties (except along an expanded dim, where the tied copies share one leaf element).
@Suite struct GradcheckReductionTests {
    /// The first input value, so `x - firstValue` has an exact zero at `[0, 0]` in every layout.
    static let firstValue = gradientTestValues(count: 1, range: -1.5...1.5)[0]

    static let reductions: [GradientCase] = [
        GradientCase("sum", node: "SumBackward0") { $0[0].sum() },
        GradientCase("sum dim", node: "SumBackward1") { $0[0].sum(dim: 1) },
        GradientCase("sum dim keepdim", node: "SumBackward1") { $0[0].sum(dim: 0, keepdim: true) },
        GradientCase("sum dims", shapes: [[2, 3, 2]], node: "SumBackward1") { $0[0].sum(dims: [0, 2]) },
        GradientCase("sum negative dims keepdim", shapes: [[2, 3, 2]]) { $0[0].sum(dims: [-1, 1], keepdim: true) },
        GradientCase("mean", node: "MeanBackward0") { $0[0].mean() },
        GradientCase("mean dim", node: "MeanBackward1") { $0[0].mean(dim: 1) },
        GradientCase("mean dims keepdim", shapes: [[2, 3, 2]]) { $0[0].mean(dims: [0, 2], keepdim: true) },
        GradientCase("prod", range: 0.5...1.5, node: "ProdBackward0") { $0[0].prod() },
        GradientCase("prod negatives", node: "ProdBackward0") { $0[0].prod() },
        GradientCase("prod dim", node: "ProdBackward1") { $0[0].prod(dim: 1) },
        GradientCase("prod dim keepdim", shapes: [[2, 3, 2]]) { $0[0].prod(dim: 1, keepdim: true) },
        GradientCase("prod with a zero") { ($0[0] - firstValue).prod() },
        GradientCase("prod dim with a zero") { ($0[0] - firstValue).prod(dim: 1) },
        GradientCase("prod dim 0 with a zero") { ($0[0] - firstValue).prod(dim: 0) },
        GradientCase("max", node: "MaxBackward1") { $0[0].max() },
        GradientCase("min", node: "MinBackward1") { $0[0].min() },
        GradientCase("max dim", node: "MaxBackward0") { $0[0].max(dim: 1).values },
        GradientCase("min dim keepdim", node: "MinBackward0") { $0[0].min(dim: 0, keepdim: true).values },
        GradientCase("amax", node: "AmaxBackward0") { $0[0].amax(dim: 1) },
        GradientCase("amin keepdim", node: "AminBackward0") { $0[0].amin(dim: 0, keepdim: true) },
        GradientCase("amax dims", shapes: [[2, 3, 2]]) { $0[0].amax(dims: [0, 2]) },
        GradientCase("amin all") { $0[0].amin() },
        GradientCase("var", node: "VarBackward0") { $0[0].var() },
        GradientCase("var dim", node: "VarBackward0") { $0[0].var(dim: 1) },
        GradientCase("var correction 0 keepdim") { $0[0].var(dim: 1, correction: 0, keepdim: true) },
        GradientCase("var dims correction 2", shapes: [[2, 3, 2]]) { $0[0].var(dims: [1, 2], correction: 2) },
        GradientCase("std", node: "StdBackward0") { $0[0].std() },
        GradientCase("std dim", node: "StdBackward0") { $0[0].std(dim: 1) },
        GradientCase("std correction 0 keepdim") { $0[0].std(dim: 1, correction: 0, keepdim: true) },
        GradientCase("std dims", shapes: [[2, 3, 2]]) { $0[0].std(dims: [1, 2]) },
        GradientCase("logsumexp", node: "LogsumexpBackward0") { $0[0].logsumexp(dim: 1) },
        GradientCase("logsumexp dims keepdim", shapes: [[2, 3, 2]]) { $0[0].logsumexp(dims: [0, 2], keepdim: true) },
        GradientCase("softmax", node: "SoftmaxBackward0") { $0[0].softmax(dim: 1) },
        GradientCase("softmax dim 0") { $0[0].softmax(dim: 0) },
        GradientCase("logSoftmax", node: "LogSoftmaxBackward0") { $0[0].logSoftmax(dim: 1) },
        GradientCase("logSoftmax 3-D", shapes: [[2, 3, 2]]) { $0[0].logSoftmax(dim: 1) },
        GradientCase("cumsum", node: "CumsumBackward0") { $0[0].cumsum(dim: 1) },
        GradientCase("cumsum dim 0") { $0[0].cumsum(dim: 0) },
        GradientCase("cumsum 3-D", shapes: [[2, 3, 2]]) { $0[0].cumsum(dim: 1) },
        GradientCase("cumprod", node: "CumprodBackward0") { $0[0].cumprod(dim: 1) },
        GradientCase("cumprod dim 0") { $0[0].cumprod(dim: 0) },
        GradientCase("cumprod with a zero") { ($0[0] - firstValue).cumprod(dim: 1) },
        GradientCase("cumprod 3-D", shapes: [[2, 3, 2]]) { $0[0].cumprod(dim: 1) },
        GradientCase("sort", node: "SortBackward0") { $0[0].sort(dim: 1).values },
        GradientCase("sort descending dim 0") { $0[0].sort(dim: 0, descending: true).values },
        GradientCase("topk", node: "TopkBackward0") { $0[0].topk(2).values },
        GradientCase("topk smallest dim 0") { $0[0].topk(1, dim: 0, largest: false).values },
        GradientCase("kthvalue", node: "KthvalueBackward0") { $0[0].kthvalue(2).values },
        GradientCase("kthvalue keepdim dim 0") { $0[0].kthvalue(1, dim: 0, keepdim: true).values },
    ]

    @Test(arguments: reductions) func firstOrder(_ c: GradientCase) { c.check() }

    /// Second derivatives of the smooth reductions (beyond what the issue requires, but cheap).
    static let smooth: [GradientCase] = [
        GradientCase("sum dim", secondOrder: true) { $0[0].sum(dim: 1) },
        GradientCase("mean", secondOrder: true) { $0[0].mean() },
        GradientCase("prod dim", range: 0.5...1.5, secondOrder: true) { $0[0].prod(dim: 1) },
        GradientCase("var dim", secondOrder: true) { $0[0].var(dim: 1) },
        GradientCase("std", secondOrder: true) { $0[0].std() },
        GradientCase("logsumexp", secondOrder: true) { $0[0].logsumexp(dim: 1) },
        GradientCase("softmax", secondOrder: true) { $0[0].softmax(dim: 1) },
        GradientCase("logSoftmax", secondOrder: true) { $0[0].logSoftmax(dim: 0) },
        GradientCase("cumsum", secondOrder: true) { $0[0].cumsum(dim: 1) },
        GradientCase("cumprod", range: 0.5...1.5, secondOrder: true) { $0[0].cumprod(dim: 1) },
    ]

    @Test(arguments: smooth) func secondOrder(_ c: GradientCase) { c.check() }

    /// A `dtype` argument converts the input without cutting it off the graph: the gradient comes
    /// back in the input's dtype (values from PyTorch).
    @Test(arguments: [
        ("SumBackward0", [1, 1, 1, 1, 1, 1]),
        ("SumBackward1", [1, 1, 1, -2, -2, -2]),
        ("MeanBackward0", [0.1666666716337204, 0.1666666716337204, 0.1666666716337204, 0.1666666716337204,
                           0.1666666716337204, 0.1666666716337204]),
        ("ProdBackward0", [720, 360, 240, 180, 144, 120]),
        ("CumsumBackward0", [2, 1, 3, 1.5, 1, -1]),
        ("SoftmaxBackward0", [-0.053684916347265244, -0.8801161646842957, 0.9338010549545288, 0.05678847059607506,
                              0.5214597582817078, -0.5782482624053955]),
    ] as [(String, [Double])])
    func dtypeArgumentKeepsTheGraph(node: String, expected: [Double]) throws {
        let x = Tensor([[1.0, 2, 3], [4, 5, 6]], requiresGrad: true)
        let y: Tensor = switch node {
        case "SumBackward0": x.sum(dtype: .float64)
        case "SumBackward1": x.sum(dim: 1, dtype: .float64)
        case "MeanBackward0": x.mean(dtype: .float64)
        case "ProdBackward0": x.prod(dtype: .float64)
        case "CumsumBackward0": x.cumsum(dim: 1, dtype: .float64)
        default: x.softmax(dim: 1, dtype: .float64)
        }
        #expect(y.gradFn?.name == node)
        #expect(y.dtype == .float64)
        let w = Tensor([[1.0, -2, 3], [0.5, 2, -1]], dtype: .float64)
        let weights = y.dim == 2 ? w : y.dim == 1 ? w[0, ..<2] : Tensor(1.0, dtype: .float64)
        try (y * weights).sum().backward()
        let grad = try #require(x.grad)
        #expect(grad.dtype == .float32)
        for (g, e) in zip(grad.scalars(as: Double.self), expected) { #expect(Swift.abs(g - e) <= 1e-6 * Swift.max(1, Swift.abs(e))) }
    }

    /// std of a constant slice: PyTorch's gradient is zero there, not 0 / 0.
    @Test func stdOfConstantSlice() throws {
        let x = Tensor([[1.0, 1.0, 1.0], [1.0, 2.0, 3.0]], dtype: .float64, requiresGrad: true)
        try x.std(dim: 1).sum().backward()
        expectTensor(try #require(x.grad), shape: [2, 3], values: [0, 0, 0, -0.5, 0, 0.5], dtype: .float64)
    }
}
