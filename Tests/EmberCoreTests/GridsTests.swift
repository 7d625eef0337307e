// GridsTests.swift
//
// meshgrid, cartesianProd, combinations, trilIndices and triuIndices against what PyTorch 2.15
// printed (E prints "OK", the shape, dtype and flattened values (and strides for lists), or the
// exception's kind and message):
//
//     import torch
//     a = torch.tensor([1, 2, 3]); b = torch.tensor([4, 5])
//     E(lambda: torch.meshgrid(a, b, indexing='ij'))
//     E(lambda: torch.meshgrid(a, b, indexing='xy'))
//     E(lambda: torch.meshgrid(a, b, torch.tensor([7, 8, 9, 10]), indexing='xy'))
//     E(lambda: torch.meshgrid(a, indexing='xy'))
//     E(lambda: torch.meshgrid(torch.tensor(3), b, indexing='ij'))
//     E(lambda: torch.meshgrid(torch.zeros(0), torch.tensor([4., 5]), indexing='xy'))
//     E(lambda: torch.meshgrid(torch.tensor([[1, 2], [3, 4]]).t()[0], b, indexing='xy'))
//     E(lambda: torch.meshgrid(a, b, indexing='foo'))
//     E(lambda: torch.meshgrid([], indexing='ij'))
//     E(lambda: torch.meshgrid(a, torch.tensor([4., 5]), indexing='ij'))
//     x = torch.tensor([1., 2, 3], dtype=torch.float64, requires_grad=True)
//     y = torch.tensor([4., 5], dtype=torch.float64, requires_grad=True)
//     g = torch.meshgrid(x, y, indexing='xy'); print([t.grad_fn.name() for t in g], [t.grad_fn.next_functions[0][0].name() for t in g])
//     (g[0] * g[1]).sum().backward(); print(x.grad.tolist(), y.grad.tolist())
//     E(lambda: torch.cartesian_prod(a, b))
//     E(lambda: torch.cartesian_prod(a))
//     E(lambda: torch.cartesian_prod(a, torch.tensor([4, 5]), torch.tensor([6, 7])))
//     E(lambda: torch.cartesian_prod(torch.zeros(0), torch.tensor([1., 2])))
//     E(lambda: torch.cartesian_prod())
//     E(lambda: torch.cartesian_prod(torch.tensor(2), a))
//     E(lambda: torch.cartesian_prod(torch.tensor([[2]]), a))
//     E(lambda: torch.cartesian_prod(a, torch.tensor([4., 5])))
//     r = torch.cartesian_prod(x, y); print(r.grad_fn.name())   # (grads reset)
//     r.backward(torch.arange(12., dtype=torch.float64).reshape(6, 2)); print(x.grad.tolist(), y.grad.tolist())
//     print(torch.cartesian_prod(x) is x)
//     c = torch.tensor([1, 2, 3, 4])
//     E(lambda: torch.combinations(c))
//     E(lambda: torch.combinations(c, r=3))
//     E(lambda: torch.combinations(c, with_replacement=True))
//     E(lambda: torch.combinations(c, r=1))
//     E(lambda: torch.combinations(c, r=0))
//     E(lambda: torch.combinations(c, r=5))
//     E(lambda: torch.combinations(torch.zeros(0)))
//     E(lambda: torch.combinations(torch.tensor([1., 2]), r=3, with_replacement=True))
//     E(lambda: torch.combinations(torch.tensor([True, False])))
//     E(lambda: torch.combinations(torch.tensor([[1, 2], [3, 4]]).t()[1]))
//     E(lambda: torch.combinations(c, r=-1))
//     E(lambda: torch.combinations(torch.tensor(3)))
//     E(lambda: torch.combinations(torch.tensor([[3]])))
//     r = torch.combinations(x, 2); print(r.grad_fn.name())   # (grad reset)
//     r.backward(torch.arange(6., dtype=torch.float64).reshape(3, 2)); print(x.grad.tolist())
//     print(torch.combinations(x, 0).requires_grad, torch.combinations(x, 4).grad_fn.name())
//     for args in [(3, 3), (3, 4, 1), (4, 3, -1), (3, 3, -5), (3, 3, 10), (0, 3), (1, 0)]:
//         print(args, torch.tril_indices(*args).tolist(), torch.triu_indices(*args).tolist())
//     E(lambda: torch.tril_indices(3, 3, dtype=torch.int32))
//     E(lambda: torch.tril_indices(-1, 3)); E(lambda: torch.tril_indices(3, -1))
//     E(lambda: torch.triu_indices(-2, 3)); E(lambda: torch.triu_indices(3, -2))
//     E(lambda: torch.tril_indices(3, 3, dtype=torch.float32)); E(lambda: torch.triu_indices(2, 3, dtype=torch.float64))
//     E(lambda: torch.triu_indices(2, 3, dtype=torch.bool))
//     for o in [2**62, -2**62]: print(torch.tril_indices(3, 3, o).tolist(), torch.triu_indices(3, 3, o).tolist())

import Testing
import Ember
import EmberTestSupport

@Suite struct MeshgridTests {
    let a = Tensor([1, 2, 3]), b = Tensor([4, 5])

    @Test func grids() {
        let ij = Tensor.meshgrid([a, b], indexing: .ij)
        expectInts(ij[0], shape: [3, 2], [1, 1, 2, 2, 3, 3], dtype: .int64)
        expectInts(ij[1], shape: [3, 2], [4, 5, 4, 5, 4, 5], dtype: .int64)
        let xy = Tensor.meshgrid([a, b], indexing: "xy")
        expectInts(xy[0], shape: [2, 3], [1, 2, 3, 1, 2, 3], dtype: .int64)
        expectInts(xy[1], shape: [2, 3], [4, 4, 4, 5, 5, 5], dtype: .int64)
        let three = Tensor.meshgrid([a, b, Tensor([7, 8, 9, 10])], indexing: .xy)
        expectInts(three[0], shape: [2, 3, 4], [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3])
        expectInts(three[1], shape: [2, 3, 4], [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5])
        expectInts(three[2], shape: [2, 3, 4], [7, 8, 9, 10, 7, 8, 9, 10, 7, 8, 9, 10, 7, 8, 9, 10, 7, 8, 9, 10, 7, 8, 9, 10])
        let one = Tensor.meshgrid([a], indexing: .xy)
        #expect(one.count == 1)
        expectInts(one[0], shape: [3], [1, 2, 3])
        let scalar = Tensor.meshgrid([Tensor(3), b])
        expectInts(scalar[0], shape: [1, 2], [3, 3])
        expectInts(scalar[1], shape: [1, 2], [4, 5])
        let empty = Tensor.meshgrid([Tensor.zeros(0), Tensor([4.0, 5])], indexing: .xy)
        #expect(empty[0].shape == [2, 0] && empty[1].shape == [2, 0])
        let strided = Tensor.meshgrid([Tensor([[1, 2], [3, 4]]).t()[0], b], indexing: .xy)
        expectInts(strided[0], shape: [2, 2], [1, 3, 1, 3])
        expectInts(strided[1], shape: [2, 2], [4, 4, 5, 5])
    }

    @Test func gridsAreViews() {
        let x = Tensor([1.0, 2, 3])
        let grids = Tensor.meshgrid([x, Tensor([4.0, 5])])
        x[0] = 10.0
        expectFloats(grids[0], shape: [3, 2], [10, 10, 2, 2, 3, 3])
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: foo") {
            _ = Tensor.meshgrid([a, b], indexing: "foo")
        }
        expectTensorError(.runtimeError, "meshgrid expects a non-empty TensorList") { _ = Tensor.meshgrid([], indexing: .ij) }
        expectTensorError(.runtimeError, "meshgrid expects all tensors to have the same dtype") {
            _ = Tensor.meshgrid([a, Tensor([4.0, 5])], indexing: .ij)
        }
    }

    @Test func gradients() throws {
        let x = Tensor([1.0, 2, 3], dtype: .float64, requiresGrad: true)
        let y = Tensor([4.0, 5], dtype: .float64, requiresGrad: true)
        let g = Tensor.meshgrid([x, y], indexing: .xy)
        #expect(g.map { $0.gradFn?.name } == ["ExpandBackward0", "ExpandBackward0"])
        #expect(g.map { $0.gradFn?.nextFunctions.first??.node.name } == ["ViewBackward0", "ViewBackward0"])
        try (g[0] * g[1]).sum().backward()
        expectGrad(x.grad, shape: [3], [9, 9, 9])
        expectGrad(y.grad, shape: [2], [6, 6])
    }
}

@Suite struct CartesianProdTests {
    let a = Tensor([1, 2, 3])

    @Test func values() {
        expectInts(Tensor.cartesianProd([a, Tensor([4, 5])]), shape: [6, 2], [1, 4, 1, 5, 2, 4, 2, 5, 3, 4, 3, 5], dtype: .int64)
        #expect(Tensor.cartesianProd([a]) === a)
        expectInts(Tensor.cartesianProd([a, Tensor([4, 5]), Tensor([6, 7])]), shape: [12, 3],
                   [1, 4, 6, 1, 4, 7, 1, 5, 6, 1, 5, 7, 2, 4, 6, 2, 4, 7, 2, 5, 6, 2, 5, 7, 3, 4, 6, 3, 4, 7, 3, 5, 6, 3, 5, 7])
        expectFloats(Tensor.cartesianProd([Tensor.zeros(0), Tensor([1.0, 2])]), shape: [0, 2], [])
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "meshgrid expects a non-empty TensorList") { _ = Tensor.cartesianProd([]) }
        expectTensorError(.runtimeError, "Expect a 1D vector, but got shape []") { _ = Tensor.cartesianProd([Tensor(2), a]) }
        expectTensorError(.runtimeError, "Expect a 1D vector, but got shape [1, 1]") { _ = Tensor.cartesianProd([Tensor([[2]]), a]) }
        expectTensorError(.runtimeError, "meshgrid expects all tensors to have the same dtype") {
            _ = Tensor.cartesianProd([a, Tensor([4.0, 5])])
        }
    }

    @Test func gradients() throws {
        let x = Tensor([1.0, 2, 3], dtype: .float64, requiresGrad: true)
        let y = Tensor([4.0, 5], dtype: .float64, requiresGrad: true)
        let r = Tensor.cartesianProd([x, y])
        #expect(r.gradFn?.name == "StackBackward0")
        try r.backward(gradient: Tensor.arange(12.0, dtype: .float64).reshape(6, 2))
        expectGrad(x.grad, shape: [3], [2, 10, 18])
        expectGrad(y.grad, shape: [2], [15, 21])
        expectGradients("cartesianProd", shapes: [[3], [2]], secondOrder: true, node: "StackBackward0") { Tensor.cartesianProd($0) }
    }
}

@Suite struct CombinationsTests {
    let c = Tensor([1, 2, 3, 4])

    @Test func values() {
        expectInts(c.combinations(), shape: [6, 2], [1, 2, 1, 3, 1, 4, 2, 3, 2, 4, 3, 4], dtype: .int64)
        expectInts(c.combinations(r: 3), shape: [4, 3], [1, 2, 3, 1, 2, 4, 1, 3, 4, 2, 3, 4])
        expectInts(c.combinations(withReplacement: true), shape: [10, 2], [1, 1, 1, 2, 1, 3, 1, 4, 2, 2, 2, 3, 2, 4, 3, 3, 3, 4, 4, 4])
        expectInts(c.combinations(r: 1), shape: [4, 1], [1, 2, 3, 4])
        expectInts(c.combinations(r: 0), shape: [0], [], dtype: .int64)
        expectInts(c.combinations(r: 5), shape: [0, 5], [], dtype: .int64)
        expectFloats(Tensor.zeros(0).combinations(), shape: [0, 2], [])
        expectFloats(Tensor([1.0, 2]).combinations(r: 3, withReplacement: true), shape: [4, 3], [1, 1, 1, 1, 1, 2, 1, 2, 2, 2, 2, 2])
        expectBools(Tensor([true, false]).combinations(), shape: [1, 2], [true, false])
        expectInts(Tensor([[1, 2], [3, 4]]).t()[1].combinations(), shape: [1, 2], [2, 4])
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "Expect a non-negative number, but got -1") { _ = c.combinations(r: -1) }
        expectTensorError(.runtimeError, "Expect a 1D vector, but got shape []") { _ = Tensor(3).combinations() }
        expectTensorError(.runtimeError, "Expect a 1D vector, but got shape [1, 1]") { _ = Tensor([[3]]).combinations() }
    }

    @Test func gradients() throws {
        let x = Tensor([1.0, 2, 3], dtype: .float64, requiresGrad: true)
        let r = x.combinations(r: 2)
        #expect(r.gradFn?.name == "IndexBackward0")
        try r.backward(gradient: Tensor.arange(6.0, dtype: .float64).reshape(3, 2))
        expectGrad(x.grad, shape: [3], [2, 5, 8])
        #expect(!x.combinations(r: 0).requiresGrad)
        #expect(x.combinations(r: 4).gradFn?.name == "IndexBackward0")
        expectGradients("combinations", shapes: [[4]], secondOrder: true, node: "IndexBackward0") {
            $0[0].combinations(r: 3, withReplacement: true)
        }
    }
}

@Suite struct TriangleIndicesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let row: Int, col: Int, offset: Int
        let tril: [Int64], triu: [Int64]
        var testDescription: String { "\(row)x\(col) offset \(offset)" }
    }

    static let cases: [Case] = [
        Case(row: 3, col: 3, offset: 0, tril: [0, 1, 1, 2, 2, 2, 0, 0, 1, 0, 1, 2], triu: [0, 0, 0, 1, 1, 2, 0, 1, 2, 1, 2, 2]),
        Case(row: 3, col: 4, offset: 1, tril: [0, 0, 1, 1, 1, 2, 2, 2, 2, 0, 1, 0, 1, 2, 0, 1, 2, 3],
             triu: [0, 0, 0, 1, 1, 2, 1, 2, 3, 2, 3, 3]),
        Case(row: 4, col: 3, offset: -1, tril: [1, 2, 2, 3, 3, 3, 0, 0, 1, 0, 1, 2],
             triu: [0, 0, 0, 1, 1, 1, 2, 2, 3, 0, 1, 2, 0, 1, 2, 1, 2, 2]),
        Case(row: 3, col: 3, offset: -5, tril: [], triu: [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]),
        Case(row: 3, col: 3, offset: 10, tril: [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], triu: []),
        Case(row: 0, col: 3, offset: 0, tril: [], triu: []),
        Case(row: 1, col: 0, offset: 0, tril: [], triu: []),
        Case(row: 3, col: 3, offset: 1 << 62, tril: [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], triu: []),
        Case(row: 3, col: 3, offset: -(1 << 62), tril: [], triu: [0, 0, 0, 1, 1, 1, 2, 2, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2]),
    ]

    @Test(arguments: cases)
    func indices(_ c: Case) {
        expectInts(Tensor.trilIndices(row: c.row, col: c.col, offset: c.offset), shape: [2, c.tril.count / 2], c.tril, dtype: .int64)
        expectInts(Tensor.triuIndices(row: c.row, col: c.col, offset: c.offset), shape: [2, c.triu.count / 2], c.triu, dtype: .int64)
    }

    @Test func dtypesAndErrors() {
        expectInts(Tensor.trilIndices(row: 3, col: 3, dtype: .int32), shape: [2, 6], [0, 1, 1, 2, 2, 2, 0, 0, 1, 0, 1, 2], dtype: .int32)
        expectTensorError(.runtimeError, "row must be non-negative, got-1") { _ = Tensor.trilIndices(row: -1, col: 3) }
        expectTensorError(.runtimeError, "col must be non-negative, got-1") { _ = Tensor.trilIndices(row: 3, col: -1) }
        expectTensorError(.runtimeError, "row must be non-negative, got-2") { _ = Tensor.triuIndices(row: -2, col: 3) }
        expectTensorError(.runtimeError, "col must be non-negative, got-2") { _ = Tensor.triuIndices(row: 3, col: -2) }
        expectTensorError(.notImplementedError, "\"tril_indices\" not implemented for 'Float'") {
            _ = Tensor.trilIndices(row: 3, col: 3, dtype: .float32)
        }
        expectTensorError(.notImplementedError, "\"triu_indices\" not implemented for 'Double'") {
            _ = Tensor.triuIndices(row: 2, col: 3, dtype: .float64)
        }
        expectTensorError(.notImplementedError, "\"triu_indices\" not implemented for 'Bool'") {
            _ = Tensor.triuIndices(row: 2, col: 3, dtype: .bool)
        }
    }
}
