import Testing
import EmberTestSupport
@testable import EmberCore

/// First and second derivatives of the matrix products (every `matmul` route, `mm`, `bmm`,
/// `mv`, `dot`, `outer`, `addmm`) and first derivatives of `einsum`, by finite differences in
/// float64 over every layout.
@Suite struct GradcheckLinearAlgebraTests {
    static let products: [GradientCase] = [
        GradientCase("matmul 1-D x 1-D", shapes: [[3], [3]], secondOrder: true, node: "DotBackward0") { $0[0].matmul($0[1]) },
        GradientCase("matmul 2-D x 1-D", shapes: [[2, 3], [3]], secondOrder: true, node: "MvBackward0") { $0[0].matmul($0[1]) },
        GradientCase("matmul 1-D x 2-D", shapes: [[2], [2, 3]], secondOrder: true, node: "SqueezeBackward4") {
            $0[0].matmul($0[1])
        },
        GradientCase("matmul 2-D x 2-D", shapes: [[2, 3], [3, 2]], secondOrder: true, node: "MmBackward0") { $0[0].matmul($0[1]) },
        GradientCase("matmul 3-D x 2-D", shapes: [[2, 2, 3], [3, 2]], secondOrder: true, node: "UnsafeViewBackward0") {
            $0[0].matmul($0[1])
        },
        GradientCase("matmul 2-D x 3-D", shapes: [[2, 3], [2, 3, 2]], secondOrder: true) { $0[0].matmul($0[1]) },
        GradientCase("matmul 3-D x 1-D", shapes: [[2, 2, 3], [3]], secondOrder: true) { $0[0].matmul($0[1]) },
        GradientCase("matmul 1-D x 3-D", shapes: [[2], [2, 2, 3]], secondOrder: true) { $0[0].matmul($0[1]) },
        GradientCase("matmul 3-D x 3-D", shapes: [[2, 2, 3], [2, 3, 2]], secondOrder: true) { $0[0].matmul($0[1]) },
        GradientCase("matmul broadcast batch", shapes: [[2, 1, 2, 3], [3, 3, 2]], secondOrder: true) { $0[0].matmul($0[1]) },
        GradientCase("matmul broadcast batch of one", shapes: [[1, 2, 3], [2, 3, 2]], secondOrder: true) { $0[0].matmul($0[1]) },
        GradientCase("mm", shapes: [[2, 3], [3, 2]], secondOrder: true, node: "MmBackward0") { $0[0].mm($0[1]) },
        GradientCase("bmm", shapes: [[2, 2, 3], [2, 3, 2]], secondOrder: true, node: "BmmBackward0") { $0[0].bmm($0[1]) },
        GradientCase("mv", shapes: [[2, 3], [3]], secondOrder: true, node: "MvBackward0") { $0[0].mv($0[1]) },
        GradientCase("dot", shapes: [[3], [3]], secondOrder: true, node: "DotBackward0") { $0[0].dot($0[1]) },
        GradientCase("outer", shapes: [[2], [3]], secondOrder: true, node: "MulBackward0") { $0[0].outer($0[1]) },
        GradientCase("addmm", shapes: [[2, 2], [2, 3], [3, 2]], secondOrder: true, node: "AddmmBackward0") {
            $0[0].addmm($0[1], $0[2])
        },
        GradientCase("addmm broadcast bias, beta and alpha", shapes: [[2], [2, 3], [3, 2]], secondOrder: true) {
            $0[0].addmm($0[1], $0[2], beta: 0.5, alpha: 2)
        },
        GradientCase("addmm beta 0", shapes: [[2, 2], [2, 3], [3, 2]], secondOrder: true) {
            $0[0].addmm($0[1], $0[2], beta: 0)
        },
        GradientCase("matmul chain", shapes: [[2, 3], [3, 3], [3]], secondOrder: true) {
            ($0[0].matmul($0[1]).tanh()).matmul($0[2])
        },
    ]

    @Test(arguments: products) func matrixProducts(_ c: GradientCase) { c.check() }

    static let einsums: [GradientCase] = [
        GradientCase("einsum ij,jk->ik", shapes: [[2, 3], [3, 2]]) { Tensor.einsum("ij,jk->ik", $0[0], $0[1]) },
        GradientCase("einsum bij,bjk->bik", shapes: [[2, 2, 3], [2, 3, 2]]) { Tensor.einsum("bij,bjk->bik", $0[0], $0[1]) },
        GradientCase("einsum i,j->ij", shapes: [[2], [3]]) { Tensor.einsum("i,j->ij", $0[0], $0[1]) },
        GradientCase("einsum ij,ij->i", shapes: [[2, 3], [2, 3]]) { Tensor.einsum("ij,ij->i", $0[0], $0[1]) },
        GradientCase("einsum ij->ji", shapes: [[2, 3]]) { Tensor.einsum("ij->ji", $0[0]) },
        GradientCase("einsum ij->", shapes: [[2, 3]]) { Tensor.einsum("ij->", $0[0]) },
        GradientCase("einsum ii->i", shapes: [[3, 3]]) { Tensor.einsum("ii->i", $0[0]) },
        GradientCase("einsum ii", shapes: [[3, 3]]) { Tensor.einsum("ii", $0[0]) },
        GradientCase("einsum ...ij,...jk", shapes: [[2, 2, 3], [3, 2]]) { Tensor.einsum("...ij,...jk", $0[0], $0[1]) },
        GradientCase("einsum ij,jk,kl->il", shapes: [[2, 3], [3, 2], [2, 2]]) {
            Tensor.einsum("ij,jk,kl->il", $0[0], $0[1], $0[2])
        },
        GradientCase("einsum bi,bi->b with a summed-only label", shapes: [[2, 3], [2, 2]]) {
            Tensor.einsum("bi,bj->b", $0[0], $0[1])
        },
    ]

    @Test(arguments: einsums) func einsum(_ c: GradientCase) { c.check() }

    /// Einsum without repeated labels is built from differentiable ops, so it has second derivatives.
    @Test func einsumSecondOrder() {
        expectGradients("einsum ij,jk->ik", shapes: [[2, 3], [3, 2]], secondOrder: true) {
            Tensor.einsum("ij,jk->ik", $0[0], $0[1])
        }
        expectGradients("einsum bij,bjk->bik", shapes: [[2, 2, 3], [2, 3, 2]], secondOrder: true) {
            Tensor.einsum("bij,bjk->bik", $0[0], $0[1])
        }
    }
}
