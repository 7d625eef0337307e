import Testing
import EmberTestSupport
@testable import EmberCore

/// First and second derivatives of the binary element-wise ops: tensor with tensor (same shape
/// and broadcasting both ways), tensor with a number on either side, and the ternary ops
/// (lerp, where, clamp with tensor bounds), by finite differences in float64 over every layout.
@Suite struct GradcheckBinaryTests {
    /// Shape pairs every tensor-tensor op is checked with: equal, a row broadcast against a
    /// matrix (either side), and an outer broadcast of a column and a row.
    static let broadcasts: [[[Int]]] = [[[2, 3], [2, 3]], [[2, 3], [3]], [[3], [2, 3]], [[2, 1], [1, 3]]]

    /// The tensor-tensor ops; `ranges` keep divisors away from zero, bases positive, and
    /// quotients of remainder and fmod away from integers.
    static let pairs: [GradientCase] = [
        GradientCase("add", node: "AddBackward0") { $0[0] + $0[1] },
        GradientCase("add alpha", node: "AddBackward0") { $0[0].add($0[1], alpha: 2.5) },
        GradientCase("sub", node: "SubBackward0") { $0[0] - $0[1] },
        GradientCase("sub alpha", node: "SubBackward0") { $0[0].sub($0[1], alpha: 2.5) },
        GradientCase("mul", node: "MulBackward0") { $0[0] * $0[1] },
        GradientCase("div", ranges: [-1.5...1.5, 0.5...2], node: "DivBackward0") { $0[0] / $0[1] },
        GradientCase("pow", ranges: [0.3...2, -1.5...1.5], node: "PowBackward1") { $0[0].pow($0[1]) },
        GradientCase("atan2", ranges: [-1.5...1.5, 0.3...2], node: "Atan2Backward0") { $0[0].atan2($0[1]) },
        GradientCase("atan2 negative x", ranges: [-1.5...1.5, -2 ... -0.3]) { $0[0].atan2($0[1]) },
        GradientCase("maximum", node: "MaximumBackward0") { $0[0].maximum($0[1]) },
        GradientCase("minimum", node: "MinimumBackward0") { $0[0].minimum($0[1]) },
        GradientCase("remainder", ranges: [1.2...1.9, 1.0...1.1], node: "RemainderBackward1") { $0[0] % $0[1] },
        GradientCase("remainder negative", ranges: [1.2...1.9, 1.0...1.1]) { -$0[0] % $0[1] },
        GradientCase("fmod", ranges: [1.2...1.9, 1.0...1.1], node: "FmodBackward1") { $0[0].fmod($0[1]) },
        GradientCase("fmod negative", ranges: [1.2...1.9, 1.0...1.1]) { (-$0[0]).fmod($0[1]) },
        GradientCase("lerp scalar weight", node: "LerpBackward0") { $0[0].lerp($0[1], 0.3) },
        GradientCase("lerp large scalar weight", node: "LerpBackward0") { $0[0].lerp($0[1], 0.8) },
        GradientCase("where", node: "WhereBackward0") { Tensor.where(GradcheckBinaryTests.pattern(), $0[0], $0[1]) },
    ]

    @Test(arguments: pairs, broadcasts)
    func tensorTensor(_ c: GradientCase, shapes: [[Int]]) {
        expectGradients(c.name, shapes: shapes, ranges: c.ranges, secondOrder: true, node: c.node, c.op)
    }

    /// A fixed condition of shape [2, 3] for `where`.
    static func pattern() -> Tensor {
        Tensor(shape: [2, 3], data: [true, false, false, true, true, false])
    }

    /// A tensor and a number, on either side.
    static let scalars: [GradientCase] = [
        GradientCase("x + 2", node: "AddBackward0") { $0[0] + 2 },
        GradientCase("2 + x", node: "AddBackward0") { 2 + $0[0] },
        GradientCase("x - 2", node: "SubBackward0") { $0[0] - 2 },
        GradientCase("2 - x", node: "RsubBackward1") { 2 - $0[0] },
        GradientCase("x * 2", node: "MulBackward0") { $0[0] * 2 },
        GradientCase("2 * x", node: "MulBackward0") { 2 * $0[0] },
        GradientCase("x / 2", node: "DivBackward0") { $0[0] / 2 },
        GradientCase("2 / x", range: 0.4...2, node: "MulBackward0") { 2 / $0[0] },
        GradientCase("2 / x negative", range: -2 ... -0.4) { 2 / $0[0] },
        GradientCase("x ** 2", node: "PowBackward0") { $0[0].pow(2) },
        GradientCase("x ** 0.5", range: 0.2...2, node: "PowBackward0") { $0[0].pow(0.5) },
        GradientCase("atan2(x, 2)", node: "Atan2Backward0") { $0[0].atan2(2) },
        GradientCase("maximum(x, 0.1)", node: "MaximumBackward0") { $0[0].maximum(0.1) },
        GradientCase("minimum(x, 0.1)", node: "MinimumBackward0") { $0[0].minimum(0.1) },
        GradientCase("x % 1.3", range: -2...2, node: "RemainderBackward0") { $0[0] % 1.3 },
        GradientCase("fmod(x, 1.3)", range: -2...2, node: "FmodBackward0") { $0[0].fmod(1.3) },
        GradientCase("where(c, x, 0.5)", node: "WhereBackward0") { Tensor.where(GradcheckBinaryTests.pattern(), $0[0], 0.5) },
        GradientCase("where(c, 0.5, x)", node: "WhereBackward0") { Tensor.where(GradcheckBinaryTests.pattern(), 0.5, $0[0]) },
    ]

    @Test(arguments: scalars) func tensorScalar(_ c: GradientCase) {
        expectGradients(c.name, shapes: c.shapes, range: c.range, secondOrder: true, node: c.node, c.op)
    }

    /// Ties share the gradient half and half (values from PyTorch 2.x): maximum, and clamp with
    /// tensor bounds (a tie with a bound splits it between the input and that bound).
    @Test func tiesFollowPyTorch() throws {
        let x = Tensor([0.0, 1, 0.5], dtype: .float64, requiresGrad: true)
        let lo = Tensor([0.0, 0, 0], dtype: .float64, requiresGrad: true)
        let hi = Tensor([1.0, 1, 1], dtype: .float64, requiresGrad: true)
        try x.clamp(min: lo, max: hi).sum().backward()
        expectTensor(try #require(x.grad), shape: [3], values: [0.5, 0.5, 1])
        expectTensor(try #require(lo.grad), shape: [3], values: [0.5, 0, 0])
        expectTensor(try #require(hi.grad), shape: [3], values: [0, 0.5, 0])

        let a = Tensor([1.0, 3, 2], dtype: .float64, requiresGrad: true)
        try a.maximum(Tensor([1.0, 0, 2], dtype: .float64)).sum().backward()
        expectTensor(try #require(a.grad), shape: [3], values: [0.5, 1, 0.5])
    }

    /// atan2's gradient is 0 at the origin, not NaN (values from PyTorch 2.15, whose
    /// `atan2_backward` zeroes the reciprocal where x^2 + y^2 == 0); the scalar form likewise.
    @Test func atan2AtTheOrigin() throws {
        let y = Tensor([0.0, 0, 1], dtype: .float64, requiresGrad: true)
        let x = Tensor([0.0, 2, 0], dtype: .float64, requiresGrad: true)
        try y.atan2(x).sum().backward()
        expectTensor(try #require(y.grad), shape: [3], values: [0, 0.5, 0])
        expectTensor(try #require(x.grad), shape: [3], values: [-0.0, -0.0, -1])
        let z = Tensor([0.0, 1], dtype: .float64, requiresGrad: true)
        try z.atan2(0).sum().backward()
        expectTensor(try #require(z.grad), shape: [2], values: [0, 0])
    }

    /// Ops of three tensors, broadcasting.
    @Test func ternary() {
        expectGradients("lerp tensor weight", shapes: [[2, 3], [3], [2, 1]], ranges: [-1.5...1.5, -1.5...1.5, 0...1],
                        secondOrder: true, node: "LerpBackward1") { $0[0].lerp($0[1], $0[2]) }
        expectGradients("clamp tensor bounds", shapes: [[2, 3], [3], [2, 1]], ranges: [-1.5...1.5, -1 ... -0.2, 0.2...1],
                        secondOrder: true, node: "ClampBackward0") { $0[0].clamp(min: $0[1], max: $0[2]) }
        expectGradients("clamp tensor min", shapes: [[2, 3], [3]], secondOrder: true, node: "ClampBackward0") {
            $0[0].clamp(min: $0[1])
        }
        expectGradients("clamp tensor max", shapes: [[2, 3], [2, 1]], secondOrder: true, node: "ClampBackward0") {
            $0[0].clamp(max: $0[1])
        }
        expectGradients("mixed expression", shapes: [[2, 3], [3]], ranges: [0.3...2, 0.3...2], secondOrder: true) {
            ($0[0] * $0[1]).sin() / ($0[1] + 1) - $0[0].pow($0[1]) * 0.5
        }
    }
}
