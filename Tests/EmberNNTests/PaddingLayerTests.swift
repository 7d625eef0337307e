// PaddingLayerTests.swift
//
// The padding layers (ZeroPad, ConstantPad, ReflectionPad, ReplicationPad and CircularPad in 1, 2
// and 3 dims) against PyTorch: repr, output, input gradient and node, from
// Scripts/padding-layer-reference.py; the circular layers' ValueError for a wrong rank.

import Testing
import EmberCore
import EmberNN
import EmberTestSupport

/// One padding layer applied to an arange input, `(y * arange(y.numel)).sum()` backpropagated.
struct PadCase: CustomTestStringConvertible, @unchecked Sendable {
    enum Input { case x1, x2, x3 }
    let layer: PaddingLayer, repr: String, input: Input, shape: [Int], node: String?, y: [Double], grad: [Double]
    init(_ layer: PaddingLayer, _ repr: String, input: Input, shape: [Int], node: String?, y: [Double], grad: [Double]) {
        (self.layer, self.repr, self.input, self.shape, self.node, self.y, self.grad) = (layer, repr, input, shape, node, y, grad)
    }
    var testDescription: String { repr }

    /// `torch.arange(n, dtype=torch.float32)` in the input's shape.
    func makeInput() -> Tensor {
        switch input {
        case .x1: Tensor.arange(8, dtype: .float32).view(1, 2, 4)
        case .x2: Tensor.arange(18, dtype: .float32).view(1, 2, 3, 3)
        case .x3: Tensor.arange(8, dtype: .float32).view(1, 1, 2, 2, 2)
        }
    }
}

@Suite struct PaddingLayerTests {
    static let cases: [PadCase] = [
        PadCase(ZeroPad2d([1, 0, 2, 1]), "ZeroPad2d((1, 0, 2, 1))", input: .x2, shape: [1, 2, 6, 4], node: "ConstantPadNdBackward0",
                y: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 3, 4, 5, 0, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 10, 11, 0, 12, 13, 14, 0, 15, 16, 17, 0, 0, 0, 0],
                grad: [9, 10, 11, 13, 14, 15, 17, 18, 19, 33, 34, 35, 37, 38, 39, 41, 42, 43]),
        PadCase(ConstantPad1d(2, value: 3.5), "ConstantPad1d(padding=(2, 2), value=3.5)", input: .x1, shape: [1, 2, 8], node: "ConstantPadNdBackward0",
                y: [3.5, 3.5, 0, 1, 2, 3, 3.5, 3.5, 3.5, 3.5, 4, 5, 6, 7, 3.5, 3.5],
                grad: [2, 3, 4, 5, 10, 11, 12, 13]),
        PadCase(ReflectionPad2d(1), "ReflectionPad2d((1, 1, 1, 1))", input: .x2, shape: [1, 2, 5, 5], node: "ReflectionPad2DBackward0",
                y: [4, 3, 4, 5, 4, 1, 0, 1, 2, 1, 4, 3, 4, 5, 4, 7, 6, 7, 8, 7, 4, 3, 4, 5, 4, 13, 12, 13, 14, 13, 10, 9, 10, 11, 10, 13, 12, 13, 14, 13, 16, 15, 16, 17, 16, 13, 12, 13, 14, 13],
                grad: [6, 21, 8, 33, 108, 39, 16, 51, 18, 31, 96, 33, 108, 333, 114, 41, 126, 43]),
        PadCase(ReplicationPad1d([2, 1]), "ReplicationPad1d((2, 1))", input: .x1, shape: [1, 2, 7], node: "ReplicationPad1DBackward0",
                y: [0, 0, 0, 1, 2, 3, 3, 4, 4, 4, 5, 6, 7, 7],
                grad: [3, 3, 4, 11, 24, 10, 11, 25]),
        PadCase(CircularPad2d([1, 1, 0, 1]), "CircularPad2d((1, 1, 0, 1))", input: .x2, shape: [1, 2, 4, 5], node: nil,
                y: [2, 0, 1, 2, 0, 5, 3, 4, 5, 3, 8, 6, 7, 8, 6, 2, 0, 1, 2, 0, 11, 9, 10, 11, 9, 14, 12, 13, 14, 12, 17, 15, 16, 17, 15, 11, 9, 10, 11, 9],
                grad: [40, 19, 36, 15, 7, 13, 25, 12, 23, 120, 59, 116, 55, 27, 53, 65, 32, 63]),
        PadCase(ReplicationPad3d(1), "ReplicationPad3d((1, 1, 1, 1, 1, 1))", input: .x3, shape: [1, 1, 4, 4, 4], node: "ReplicationPad3DBackward0",
                y: [0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 3, 3, 4, 4, 5, 5, 4, 4, 5, 5, 6, 6, 7, 7, 6, 6, 7, 7, 4, 4, 5, 5, 4, 4, 5, 5, 6, 6, 7, 7, 6, 6, 7, 7],
                grad: [84, 100, 148, 164, 340, 356, 404, 420]),
        PadCase(ZeroPad1d(-1), "ZeroPad1d((-1, -1))", input: .x1, shape: [1, 2, 2], node: "ConstantPadNdBackward0",
                y: [1, 2, 5, 6],
                grad: [0, 0, 1, 0, 0, 2, 3, 0]),
        PadCase(ConstantPad3d([1, 0, 0, 1, 1, 0], value: -2), "ConstantPad3d(padding=(1, 0, 0, 1, 1, 0), value=-2.0)", input: .x3, shape: [1, 1, 3, 3, 3], node: "ConstantPadNdBackward0",
                y: [-2, -2, -2, -2, -2, -2, -2, -2, -2, -2, 0, 1, -2, 2, 3, -2, -2, -2, -2, 4, 5, -2, 6, 7, -2, -2, -2],
                grad: [10, 11, 13, 14, 19, 20, 22, 23]),
        PadCase(ReflectionPad1d([3, 1]), "ReflectionPad1d((3, 1))", input: .x1, shape: [1, 2, 8], node: "ReflectionPad1DBackward0",
                y: [3, 2, 1, 0, 1, 2, 3, 2, 7, 6, 5, 4, 5, 6, 7, 6],
                grad: [3, 6, 13, 6, 11, 22, 37, 22]),
        PadCase(CircularPad1d(2), "CircularPad1d((2, 2))", input: .x1, shape: [1, 2, 8], node: nil,
                y: [2, 3, 0, 1, 2, 3, 0, 1, 6, 7, 4, 5, 6, 7, 4, 5],
                grad: [8, 10, 4, 6, 24, 26, 20, 22]),
        PadCase(ReflectionPad3d(1), "ReflectionPad3d((1, 1, 1, 1, 1, 1))", input: .x3, shape: [1, 1, 4, 4, 4], node: "ReflectionPad3DBackward0",
                y: [7, 6, 7, 6, 5, 4, 5, 4, 7, 6, 7, 6, 5, 4, 5, 4, 3, 2, 3, 2, 1, 0, 1, 0, 3, 2, 3, 2, 1, 0, 1, 0, 7, 6, 7, 6, 5, 4, 5, 4, 7, 6, 7, 6, 5, 4, 5, 4, 3, 2, 3, 2, 1, 0, 1, 0, 3, 2, 3, 2, 1, 0, 1, 0],
                grad: [336, 328, 304, 296, 208, 200, 176, 168]),
        PadCase(CircularPad3d([1, 0, 1, 0, 0, 1]), "CircularPad3d((1, 0, 1, 0, 0, 1))", input: .x3, shape: [1, 1, 3, 3, 3], node: nil,
                y: [3, 2, 3, 1, 0, 1, 3, 2, 3, 7, 6, 7, 5, 4, 5, 7, 6, 7, 3, 2, 3, 1, 0, 1, 3, 2, 3],
                grad: [26, 52, 52, 104, 13, 26, 26, 52]),
    ]

    @Test(arguments: cases)
    func matchesPyTorch(_ c: PadCase) throws {
        #expect(c.layer.description == c.repr)
        let x = c.makeInput().requiresGrad_()
        let y = try withErrorCapture { c.layer(x) }
        #expect(y.shape == c.shape)
        #expect(y.scalars(as: Double.self) == c.y)
        if let node = c.node { #expect(y.gradFn?.name == node) }
        let weights = Tensor.arange(y.numel, dtype: .float32).view(c.shape)
        try (y * weights).sum().backward()
        #expect(x.grad?.scalars(as: Double.self) == c.grad)
    }

    /// The circular layers check the input's rank first, with PyTorch's ValueError.
    @Test func circularRankErrors() {
        expectTensorError(.valueError, "expected 3D or 4D input (got 5D input)") {
            _ = CircularPad2d(1)(Tensor.zeros([2, 1, 3, 3, 3]))
        }
        expectTensorError(.valueError, "expected 2D or 3D input (got 1D input)") { _ = CircularPad1d(1)(Tensor.zeros([4])) }
        expectTensorError(.valueError, "expected 4D or 5D input (got 3D input)") { _ = CircularPad3d(1)(Tensor.zeros([1, 2, 2])) }
    }

    /// The layers' fields, and the amounts a single number stands for.
    @Test func fields() {
        let zero = ZeroPad2d(2)
        #expect(zero.padding == [2, 2, 2, 2] && zero.mode == .constant && zero.value == 0)
        #expect(ConstantPad3d(1, value: 0.5).padding == [1, 1, 1, 1, 1, 1])
        #expect(ReplicationPad1d(3).padding == [3, 3] && ReplicationPad1d(3).mode == .replicate)
        #expect(ReflectionPad3d(1).mode == .reflect && CircularPad1d(1).mode == .circular)
        #expect(ZeroPad3d(1).description == "ZeroPad3d((1, 1, 1, 1, 1, 1))")
        #expect(ConstantPad2d(0, value: 0).description == "ConstantPad2d(padding=(0, 0, 0, 0), value=0.0)")
    }
}
