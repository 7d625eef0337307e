// TraceCrossDistanceTests.swift
//
// trace, cross, dist and cdist against what PyTorch 2.15 printed (float64 leaves, backward with
// the gradient `arange(1., n + 1).reshape(shape) * 0.5`, or the number shown):
//
//     import torch; D = torch.float64
//     a = [0.5, -1.25, 2.0, 3.5, -0.75, 1.5]; b = [1.0, 2.0, -0.5, 0.25, -3.0, 1.75]
//     x = torch.tensor(a, dtype=D).reshape(2, 3).requires_grad_()
//     r = torch.trace(x); r.backward(torch.tensor(0.5, dtype=D)); print(r.grad_fn.name(), r.item(), x.grad.tolist())
//     torch.trace(torch.tensor([[1, 2], [3, 4]], dtype=torch.int32))   # tensor(5) (int64)
//     y = torch.tensor(b, dtype=D).reshape(2, 3).requires_grad_()
//     r = torch.cross(x, y)                   # LinalgCrossBackward0, the first dim of size 3 (dim 1)
//     torch.cross(x.reshape(3, 2), y.reshape(3, 2))   # dim 0;  torch.linalg.cross(x[:1], y, dim=-1) broadcasts
//     torch.dist(x, torch.tensor(b[:3], dtype=D), p)  # for p in 2, 1, inf, 3.5 (backward 1.5); p=0 gives 6.0
//     x1 = torch.tensor([0., 0., 1., 1., 2., -1.], dtype=D).reshape(3, 2)
//     x2 = torch.tensor([1., 1., 2., 3., 0., 0., -1., 2.], dtype=D).reshape(4, 2)
//     torch.cdist(x1, x2, p=p)                # for p in 0, 1, 2, 3, 0.5, inf: CdistBackward0
//     torch.cdist(torch.tensor(a + b, dtype=D).reshape(2, 3, 2), torch.tensor([1., 1., 2., 3.], dtype=D).reshape(1, 2, 2))
//     torch.cdist(torch.randn(30, 2), torch.randn(4, 2)).grad_fn   # ViewBackward0 over EuclideanDistBackward0
//     t = torch.tensor([0., 1, 2, 0, 1, -1], dtype=D).reshape(2, 3).t(); torch.cdist(t, x2[:2])   # a transposed input
//     (errors: see each `expectTensorError` below, printed by the same PyTorch)

import Testing
import Ember
import EmberTestSupport

private let a: [Double] = [0.5, -1.25, 2.0, 3.5, -0.75, 1.5]
private let b: [Double] = [1.0, 2.0, -0.5, 0.25, -3.0, 1.75]

/// A float64 leaf of `shape` holding `values`.
private func leaf(_ values: [Double], _ shape: [Int]) -> Tensor {
    Tensor(shape: shape, data: values, dtype: .float64, requiresGrad: true)
}

/// PyTorch's `arange(1., n + 1).reshape(shape) * 0.5` for an output.
private func halfRamp(_ out: Tensor) -> Tensor {
    Tensor(shape: out.shape, data: (0..<out.numel).map { Double($0 + 1) * 0.5 }, dtype: .float64)
}

@Suite struct TraceTests {
    @Test func valuesAndGradient() throws {
        let x = leaf(a, [2, 3])
        let r = x.trace()
        #expect(r.gradFn?.name == "TraceBackward0")
        expectClose(r, shape: [], [-0.25])
        try r.backward(gradient: Tensor(0.5, dtype: .float64))
        expectGrad(x.grad, shape: [2, 3], [0.5, 0, 0, 0, 0.5, 0])

        let y = leaf(a, [3, 2])
        try y.t().trace().backward(gradient: Tensor(0.5, dtype: .float64))
        expectGrad(y.grad, shape: [3, 2], [0.5, 0, 0, 0.5, 0, 0])
        expectInts(Tensor([[1, 2], [3, 4]], dtype: .int32).trace(), shape: [], [5], dtype: .int64)
        expectGradients("trace", shapes: [[3, 4]], secondOrder: true, node: "TraceBackward0") { $0[0].trace() }
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "trace: expected a matrix, but got tensor with dim 1") { _ = Tensor.ones(3).trace() }
        expectTensorError(.runtimeError, "trace: expected a matrix, but got tensor with dim 0") { _ = Tensor(1.0).trace() }
        expectTensorError(.notImplementedError, "\"trace\" not implemented for 'Bool'") {
            _ = Tensor.ones(2, 2, dtype: .bool).trace()
        }
        expectClose(Tensor.zeros(0, 3).trace(), shape: [], [0])
    }
}

@Suite struct CrossTests {
    @Test func defaultDimIsTheFirstOfSizeThree() throws {
        let x = leaf(a, [2, 3]), y = leaf(b, [2, 3])
        let r = x.cross(y)
        #expect(r.gradFn?.name == "LinalgCrossBackward0")
        expectClose(r, shape: [2, 3], [-3.375, 2.25, 2.25, 3.1875, -5.75, -10.3125])
        try r.backward(gradient: halfRamp(r))
        expectGrad(x.grad, shape: [2, 3], [3.5, -1.75, 0.0, -13.375, 2.75, 6.625])
        expectGrad(y.grad, shape: [2, 3], [3.875, -0.25, -1.125, 6.0, 7.5, -10.25])

        let u = leaf(a, [3, 2]), v = leaf(b, [3, 2])
        let s = u.cross(v)
        expectClose(s, shape: [3, 2], [-6.375, 5.75, 0.75, 5.1875, -2.25, -7.3125])
        try s.backward(gradient: halfRamp(s))
        expectGrad(u.grad, shape: [3, 2], [3.25, -2.75, -4.0, -4.25, 1.75, 3.75])
        expectGrad(v.grad, shape: [3, 2], [-6.125, -7.5, 1.625, -5.25, 0.25, 6.0])
    }

    @Test func broadcastAlongOtherDims() throws {
        let x = leaf(Array(a.prefix(3)), [1, 3]), y = leaf(b, [2, 3])
        let r = x.cross(y, dim: -1)
        expectClose(r, shape: [2, 3], [-3.375, 2.25, 2.25, 3.8125, -0.375, -1.1875])
        try r.backward(gradient: halfRamp(r))
        expectGrad(x.grad, shape: [1, 3], [-9.875, 1.0, 6.625])
        expectGrad(y.grad, shape: [2, 3], [3.875, -0.25, -1.125, 8.75, -2.5, -3.75])
        expectInts(Tensor([1, 2, 3], dtype: .int32).cross(Tensor([4, 5, 6], dtype: .int32), dim: 0), shape: [3], [-3, 6, -3],
                   dtype: .int32)
        expectGradients("cross", shapes: [[4, 3], [4, 3]], secondOrder: true, node: "LinalgCrossBackward0") {
            $0[0].cross($0[1], dim: 1)
        }
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "no dimension of size 3 in input") { _ = Tensor.ones(2, 4).cross(Tensor.ones(2, 4)) }
        expectTensorError(.runtimeError, "linalg.cross: inputs dimension 0 must have length 3. Got 2 and 2") {
            _ = Tensor.ones(2, 3).cross(Tensor.ones(2, 3), dim: 0)
        }
        expectTensorError(.runtimeError, "linalg.cross: inputs dimension -1 must have length 3. Got 2 and 2") {
            _ = Tensor.ones(3, 2).cross(Tensor.ones(3, 2), dim: -1)
        }
        expectTensorError(.runtimeError, "linalg.cross: inputs dimension 1 must have length 3. Got 3 and 2") {
            _ = Tensor.ones(2, 3).cross(Tensor.ones(2, 2), dim: 1)
        }
        expectTensorError(.runtimeError, "The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0") {
            _ = Tensor.ones(2, 3).cross(Tensor.ones(4, 3, dtype: .float64))
        }
        expectTensorError(.runtimeError, "linalg.cross: inputs must have the same number of dimensions.") {
            _ = Tensor.ones(3).cross(Tensor.ones(2, 3))
        }
        expectTensorError(.indexError, "Dimension out of range (expected to be in range of [-2, 1], but got 2)") {
            _ = Tensor.ones(2, 3).cross(Tensor.ones(2, 3), dim: 2)
        }
        expectTensorError(.indexError, "Dimension specified as 0 but tensor has no dimensions") {
            _ = Tensor(1.0).cross(Tensor(1.0), dim: 0)
        }
        expectTensorError(.runtimeError, "expected scalar type Float but found Double") {
            _ = Tensor.ones(2, 3).cross(Tensor.ones(2, 3, dtype: .float64))
        }
        expectTensorError(.runtimeError, "expected scalar type Long but found Float") {
            _ = Tensor.ones(0, 3, dtype: .int64).cross(Tensor.ones(0, 3))
        }
        expectTensorError(.notImplementedError, "\"cross\" not implemented for 'Bool'") {
            _ = Tensor.ones(3, dtype: .bool).cross(Tensor.ones(3, dtype: .bool))
        }
    }
}

@Suite struct DistTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let p: Double, value: Double, grad0: [Double], grad1: [Double]
        var testDescription: String { "p=\(p)" }
    }

    static let cases: [Case] = [
        Case(p: 2, value: 5.905505905508858,
             grad0: [-0.1270001270001905, -0.8255008255012384, 0.6350006350009526, 0.6350006350009526, -0.6985006985010478, 0.508000508000762],
             grad1: [-0.5080005080007621, 1.5240015240022862, -1.1430011430017146]),
        Case(p: 1, value: 13.5, grad0: [-1.5, -1.5, 1.5, 1.5, -1.5, 1.5], grad1: [0.0, 3.0, -3.0]),
        Case(p: .infinity, value: 3.25, grad0: [-0.0, -1.5, 0.0, 0.0, -0.0, 0.0], grad1: [0.0, 1.5, 0.0]),
        Case(p: 3.5, value: 4.241769462651486,
             grad0: [-0.00715564220416823, -0.7707827887620975, 0.40001255977966477, 0.40001255977966477, -0.5076394216120861, 0.22898055053338337],
             grad1: [-0.3928569175754965, 1.2784222103741836, -0.6289931103130482]),
    ]

    @Test(arguments: cases) func valuesAndGradients(_ c: Case) throws {
        let x = leaf(a, [2, 3]), y = leaf(Array(b.prefix(3)), [3])
        let r = x.dist(y, p: c.p)
        #expect(r.gradFn?.name == "DistBackward0")
        expectClose(r, shape: [], [c.value])
        try r.backward(gradient: Tensor(1.5, dtype: .float64))
        expectGrad(x.grad, shape: [2, 3], c.grad0)
        expectGrad(y.grad, shape: [3], c.grad1)
    }

    @Test func zeroOrderAndDtypes() throws {
        let x = leaf(a, [2, 3]), y = leaf(Array(b.prefix(3)), [3])
        let r = x.dist(y, p: 0)
        expectClose(r, shape: [], [6])
        // PyTorch's DistBackward0 has no gradient to negate for p = 0 and raises.
        #expect(throws: TensorError.runtime(
            "Expected a proper Tensor but got None (or an undefined Tensor in C++) for argument #0 'self'")) { try r.backward() }
        expectFloats(Tensor([1, 2]).dist(Tensor([4.0, 6.0])), shape: [], [5])
        #expect(Tensor.ones(3).dist(Tensor.ones(3, dtype: .float64)).dtype == .float64)
        expectFloats(Tensor.ones(0).dist(Tensor.ones(0)), shape: [], [0])
        expectGradients("dist", shapes: [[2, 3], [3]], secondOrder: true, node: "DistBackward0") { $0[0].dist($0[1]) }
        expectGradients("dist p=3", shapes: [[4], [4]]) { $0[0].dist($0[1], p: 3) }
    }

    @Test func errors() {
        expectTensorError(.notImplementedError, "norm(): input dtype should be either floating point or complex. Got Long instead.") {
            _ = Tensor.ones(3, dtype: .int64).dist(Tensor.ones(3, dtype: .int64))
        }
        expectTensorError(.runtimeError, "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0") {
            _ = Tensor.ones(3).dist(Tensor.ones(4))
        }
        expectTensorError(.runtimeError,
            "linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity") {
            _ = Tensor.ones(0).dist(Tensor.ones(0), p: .infinity)
        }
    }
}

@Suite struct CdistTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let p: Double, values: [Double], grad1: [Double], grad2: [Double]
        var testDescription: String { "p=\(p)" }
    }

    static let cases: [Case] = [
        Case(p: 0, values: [2.0, 2.0, 0.0, 2.0, 0.0, 2.0, 2.0, 2.0, 2.0, 1.0, 2.0, 2.0],
             grad1: [0, 0, 0, 0, 0, 0], grad2: [0, 0, 0, 0, 0, 0, 0, 0]),
        Case(p: 1, values: [2.0, 5.0, 0.0, 3.0, 0.0, 3.0, 2.0, 3.0, 3.0, 4.0, 3.0, 6.0],
             grad1: [0.5, -3.5, 4.5, -3.5, 16.0, -21.0], grad2: [-4.0, 5.0, 4.0, 9.0, -9.0, 2.0, -12.0, 12.0]),
        Case(p: 2, values: [1.4142135623730951, 3.605551275463989, 0.0, 2.23606797749979, 0.0, 2.23606797749979,
                            1.4142135623730951, 2.23606797749979, 2.23606797749979, 4.0, 2.23606797749979, 4.242640687119285],
             grad1: [-0.013826395818587023, -2.974458066930949, 4.710941711652706, -1.997262220846663, 11.174451417368633, -15.727237821868675],
             grad2: [-1.658907789156537, 4.378475750092895, 1.896340982725103, 8.515331867337592, -7.394223284652453,
                     -0.015198958903147819, -8.714776642118865, 7.820349451118949]),
        Case(p: 3, values: [1.2599210498948732, 3.2710663101885897, 0.0, 2.080083823051904, 0.0, 2.080083823051904,
                            1.2599210498948732, 2.080083823051904, 2.080083823051904, 3.9999999999999996, 2.080083823051904, 3.7797631496846193],
             grad1: [-0.22657556264246725, -3.0050749976477147, 5.209427359502111, -1.4930649592206904, 9.90445440644856, -14.211093132097924],
             grad2: [-0.7250616490522338, 4.475147908577527, 1.0671974240864734, 8.614576434308177, -7.2895111825540155,
                     -0.933699501006531, -7.9399307957884275, 6.553208247087158]),
        Case(p: 0.5, values: [4.0, 9.898979485566358, 0.0, 5.82842712474619, 0.0, 5.82842712474619, 4.0, 5.82842712474619,
                              5.82842712474619, 4.0, 5.82842712474619, 11.999999999999998],
             grad1: [1.603682253354601, -6.230710143300821, 6.585786437626904, -7.778174593052022, 32.25304832720494, -37.96015510839149],
             grad2: [-9.863961030678928, 8.681980515339465, 9.467385558510875, 11.937816924487368, -16.38908729652601,
                     6.278174593052023, -23.656854249492376, 25.071067811865476]),
        Case(p: .infinity, values: [1.0, 3.0, 0.0, 2.0, 0.0, 2.0, 1.0, 2.0, 2.0, 4.0, 2.0, 3.0],
             grad1: [-0.5, -3.5, 7.5, 0.5, 11.5, -15.5], grad2: [0.5, 5.0, 0.0, 9.0, -9.0, -3.5, -10.0, 8.0]),
    ]

    @Test(arguments: cases) func valuesAndGradients(_ c: Case) throws {
        let x1 = leaf([0, 0, 1, 1, 2, -1], [3, 2]), x2 = leaf([1, 1, 2, 3, 0, 0, -1, 2], [4, 2])
        let r = x1.cdist(x2, p: c.p)
        #expect(r.gradFn?.name == "CdistBackward0")
        expectClose(r, shape: [3, 4], c.values)
        try r.backward(gradient: halfRamp(r))
        expectGrad(x1.grad, shape: [3, 2], c.grad1)
        expectGrad(x2.grad, shape: [4, 2], c.grad2)
    }

    @Test func batchedAndBroadcast() throws {
        let x1 = leaf(a + b, [2, 3, 2]), x2 = leaf([1, 1, 2, 3], [1, 2, 2])
        let r = x1.cdist(x2)
        expectClose(r, shape: [2, 3, 2], [2.3048861143232218, 4.5069390943299865, 2.692582403567252, 0.5, 1.8200274723201295,
                                          3.132491021535417, 1.0, 1.4142135623730951, 1.6770509831248424, 3.7165171868296265,
                                          4.0697051490249265, 5.153882032022076])
        try r.backward(gradient: halfRamp(r))
        expectGrad(x1.grad, shape: [2, 3, 2], [-0.44128534664446556, -1.431083863674866, 0.5570860145311556, 3.392715036327889,
                                              -5.037496587845212, -0.7497535722982748, -2.82842712474619, 0.6715728752538102,
                                              -7.388286329481184, -5.712161546729529, -11.226652029010761, -0.44162680744197824])
        expectGrad(x2.grad, shape: [1, 2, 2], [11.385908471118622, -4.092550089005567, 14.979152932078033, 8.362887967568515])
        // A transposed (non-contiguous) input and gradients against finite differences.
        let t = leaf([0, 1, 2, 0, 1, -1], [2, 3]).t()
        expectClose(t.cdist(leaf([1, 1, 2, 3], [2, 2])), shape: [3, 2], [1.4142135623730951, 3.605551275463989, 0.0,
                                                                          2.23606797749979, 2.23606797749979, 4.0])
        expectGradients("cdist", shapes: [[3, 2], [4, 2]], node: "CdistBackward0") { $0[0].cdist($0[1]) }
        expectGradients("cdist p=1", shapes: [[2, 3, 2], [3, 2]]) { $0[0].cdist($0[1], p: 1) }
    }

    /// Over 25 rows, p = 2 goes through a matrix product, as PyTorch's default compute mode.
    @Test func manyRowsUseTheMatrixProduct() throws {
        let values = (0..<60).map { Double($0 % 7) * 0.5 - Double($0 % 3) }
        let x1 = leaf(values, [30, 2]), x2 = leaf([1, 1, 2, 3, 0, 0, -1, 2], [4, 2])
        let r = x1.cdist(x2)
        #expect(r.gradFn?.name == "ViewBackward0")
        #expect(r.gradFn?.nextFunctions.first??.node.name == "EuclideanDistBackward0")
        let direct = withNoGrad { (x1.unsqueeze(dim: 1) - x2.unsqueeze(dim: 0)).norm(dim: -1) }
        expectClose(r.detach(), shape: [30, 4], direct.scalars(as: Double.self), tolerance: 1e-7)
        try r.sum().backward()
        expectGradients("cdist mm", shapes: [[27, 2], [3, 2]]) { $0[0].cdist($0[1]) }
    }

    @Test func emptyInputs() {
        expectTensor(Tensor.zeros(0, 2, dtype: .float64).cdist(Tensor.ones(4, 2, dtype: .float64)), shape: [0, 4], values: [])
        expectTensor(Tensor.ones(3, 0, dtype: .float64).cdist(Tensor.ones(4, 0, dtype: .float64), p: .infinity), shape: [3, 4],
                     values: Array(repeating: 0, count: 12))
        // PyTorch checks the dtypes only when there is something to compute.
        #expect(Tensor.ones(0, 2).cdist(Tensor.ones(4, 2, dtype: .float64)).dtype == .float32)
    }

    @Test func errors() {
        expectTensorError(.runtimeError, "X1 and X2 must have the same number of columns. X1: 2 X2: 3") {
            _ = Tensor.ones(3, 2).cdist(Tensor.ones(4, 3))
        }
        expectTensorError(.runtimeError, "cdist only supports at least 2D tensors, X1 got: 1D") {
            _ = Tensor.ones(3).cdist(Tensor.ones(4, 3))
        }
        expectTensorError(.runtimeError, "cdist only supports at least 2D tensors, X2 got: 1D") {
            _ = Tensor.ones(3, 2).cdist(Tensor.ones(4))
        }
        expectTensorError(.runtimeError, "cdist only supports non-negative p values") {
            _ = Tensor.ones(3, 2).cdist(Tensor.ones(4, 2), p: -1)
        }
        expectTensorError(.runtimeError, "cdist only supports non-negative p values") {
            _ = Tensor.ones(3, 2).cdist(Tensor.ones(4, 2), p: .nan)
        }
        expectTensorError(.runtimeError, "cdist only supports floating-point dtypes, X1 got: Long") {
            _ = Tensor.ones(3, 2, dtype: .int64).cdist(Tensor.ones(4, 2), p: -1)
        }
        expectTensorError(.runtimeError, "cdist only supports floating-point dtypes, X2 got: Long") {
            _ = Tensor.ones(3, 2).cdist(Tensor.ones(4, 2, dtype: .int64))
        }
        expectTensorError(.runtimeError, "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0") {
            _ = Tensor.ones(2, 3, 2).cdist(Tensor.ones(3, 4, 2, dtype: .float64))
        }
        expectTensorError(.runtimeError, "expected scalar type Double but found Float") {
            _ = Tensor.ones(3, 2, dtype: .float64).cdist(Tensor.ones(4, 2))
        }
    }
}
