import EmberCore

// MARK: - Padding layers

/// What the padding layers share (PyTorch's `_ConstantPadNd`, `_ReflectionPadNd`,
/// `_ReplicationPadNd` and `_CircularPadNd`): a fixed `padding` and mode handed to
/// `Tensor.pad(_:mode:value:)`, the amounts listed from the last dim back, `(left, right, top,
/// bottom, front, back)`.
open class PaddingLayer: Module {
    /// The (before, after) amounts per padded dim, from the last dim back (`padding`).
    public let padding: [Int]
    /// How the border is filled.
    public let mode: Tensor.PaddingMode
    /// The fill value of constant padding (`value`); 0 for the other modes.
    public let value: Double

    /// A layer padding `padding` with `mode`; `padding` is used as given, as PyTorch's layers
    /// take a tuple.
    public init(padding: [Int], mode: Tensor.PaddingMode, value: Double = 0) {
        self.padding = padding
        self.mode = mode
        self.value = value
        super.init()
    }

    /// `F.pad(input, padding, mode, value)`.
    open override func forward(_ input: Tensor) -> Tensor { input.pad(padding, mode: mode, value: value) }

    /// `padding=(1, 1), value=3.5` for constant padding, `(1, 1)` for the other modes.
    open override var extraRepr: String {
        mode == .constant ? "padding=\(pythonTuple(padding)), value=\(value)" : pythonTuple(padding)
    }
}

/// The amounts of a layer over `spatialDims` dims given one number (`_pair`, `_quadruple`,
/// `_ntuple(6)` in PyTorch).
private func repeated(_ amount: Int, spatialDims: Int) -> [Int] { Array(repeating: amount, count: 2 * spatialDims) }

// MARK: Constant

/// Pads the last dim with a constant (PyTorch's `nn.ConstantPad1d`).
open class ConstantPad1d: PaddingLayer {
    /// `nn.ConstantPad1d(padding, value)` with the same amount on both sides.
    public convenience init(_ padding: Int, value: Double) { self.init(repeated(padding, spatialDims: 1), value: value) }
    /// `nn.ConstantPad1d((left, right), value)`.
    public init(_ padding: [Int], value: Double) { super.init(padding: padding, mode: .constant, value: value) }
}

/// Pads the last two dims with a constant (PyTorch's `nn.ConstantPad2d`).
open class ConstantPad2d: PaddingLayer {
    /// `nn.ConstantPad2d(padding, value)` with the same amount on every side.
    public convenience init(_ padding: Int, value: Double) { self.init(repeated(padding, spatialDims: 2), value: value) }
    /// `nn.ConstantPad2d((left, right, top, bottom), value)`.
    public init(_ padding: [Int], value: Double) { super.init(padding: padding, mode: .constant, value: value) }
}

/// Pads the last three dims with a constant (PyTorch's `nn.ConstantPad3d`).
open class ConstantPad3d: PaddingLayer {
    /// `nn.ConstantPad3d(padding, value)` with the same amount on every side.
    public convenience init(_ padding: Int, value: Double) { self.init(repeated(padding, spatialDims: 3), value: value) }
    /// `nn.ConstantPad3d((left, right, top, bottom, front, back), value)`.
    public init(_ padding: [Int], value: Double) { super.init(padding: padding, mode: .constant, value: value) }
}

// MARK: Zero

/// Pads the last dim with zeros (PyTorch's `nn.ZeroPad1d`).
open class ZeroPad1d: ConstantPad1d {
    /// `nn.ZeroPad1d((left, right))`.
    public init(_ padding: [Int]) { super.init(padding, value: 0) }
    /// `nn.ZeroPad1d(padding)` with the same amount on both sides.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 1)) }
    /// `(1, 1)`.
    open override var extraRepr: String { pythonTuple(padding) }
}

/// Pads the last two dims with zeros (PyTorch's `nn.ZeroPad2d`).
open class ZeroPad2d: ConstantPad2d {
    /// `nn.ZeroPad2d((left, right, top, bottom))`.
    public init(_ padding: [Int]) { super.init(padding, value: 0) }
    /// `nn.ZeroPad2d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 2)) }
    /// `(1, 1, 2, 0)`.
    open override var extraRepr: String { pythonTuple(padding) }
}

/// Pads the last three dims with zeros (PyTorch's `nn.ZeroPad3d`).
open class ZeroPad3d: ConstantPad3d {
    /// `nn.ZeroPad3d((left, right, top, bottom, front, back))`.
    public init(_ padding: [Int]) { super.init(padding, value: 0) }
    /// `nn.ZeroPad3d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 3)) }
    /// `(1, 1, 1, 1, 1, 1)`.
    open override var extraRepr: String { pythonTuple(padding) }
}

// MARK: Reflection

/// Pads the last dim with its reflection, the edge not repeated (PyTorch's `nn.ReflectionPad1d`).
open class ReflectionPad1d: PaddingLayer {
    /// `nn.ReflectionPad1d((left, right))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .reflect) }
    /// `nn.ReflectionPad1d(padding)` with the same amount on both sides.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 1)) }
}

/// Pads the last two dims with their reflection (PyTorch's `nn.ReflectionPad2d`).
open class ReflectionPad2d: PaddingLayer {
    /// `nn.ReflectionPad2d((left, right, top, bottom))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .reflect) }
    /// `nn.ReflectionPad2d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 2)) }
}

/// Pads the last three dims with their reflection (PyTorch's `nn.ReflectionPad3d`).
open class ReflectionPad3d: PaddingLayer {
    /// `nn.ReflectionPad3d((left, right, top, bottom, front, back))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .reflect) }
    /// `nn.ReflectionPad3d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 3)) }
}

// MARK: Replication

/// Pads the last dim by repeating its edge values (PyTorch's `nn.ReplicationPad1d`).
open class ReplicationPad1d: PaddingLayer {
    /// `nn.ReplicationPad1d((left, right))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .replicate) }
    /// `nn.ReplicationPad1d(padding)` with the same amount on both sides.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 1)) }
}

/// Pads the last two dims by repeating their edge values (PyTorch's `nn.ReplicationPad2d`).
open class ReplicationPad2d: PaddingLayer {
    /// `nn.ReplicationPad2d((left, right, top, bottom))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .replicate) }
    /// `nn.ReplicationPad2d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 2)) }
}

/// Pads the last three dims by repeating their edge values (PyTorch's `nn.ReplicationPad3d`).
open class ReplicationPad3d: PaddingLayer {
    /// `nn.ReplicationPad3d((left, right, top, bottom, front, back))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .replicate) }
    /// `nn.ReplicationPad3d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 3)) }
}

// MARK: Circular

/// The circular layers' input check: PyTorch's ValueError for an input that is not
/// `spatialDims + 1` or `spatialDims + 2` dimensional.
private func circularPadded(_ input: Tensor, _ padding: [Int], spatialDims n: Int) -> Tensor {
    attempt {
        guard input.dim == n + 1 || input.dim == n + 2 else {
            throw TensorError.value("expected \(n + 1)D or \(n + 2)D input (got \(input.dim)D input)")
        }
        return input.pad(padding, mode: .circular)
    }
}

/// Pads the last dim by wrapping the input around (PyTorch's `nn.CircularPad1d`).
open class CircularPad1d: PaddingLayer {
    /// `nn.CircularPad1d((left, right))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .circular) }
    /// `nn.CircularPad1d(padding)` with the same amount on both sides.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 1)) }
    /// The padded 2-D or 3-D input; PyTorch's ValueError for another rank.
    open override func forward(_ input: Tensor) -> Tensor { circularPadded(input, padding, spatialDims: 1) }
}

/// Pads the last two dims by wrapping the input around (PyTorch's `nn.CircularPad2d`).
open class CircularPad2d: PaddingLayer {
    /// `nn.CircularPad2d((left, right, top, bottom))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .circular) }
    /// `nn.CircularPad2d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 2)) }
    /// The padded 3-D or 4-D input; PyTorch's ValueError for another rank.
    open override func forward(_ input: Tensor) -> Tensor { circularPadded(input, padding, spatialDims: 2) }
}

/// Pads the last three dims by wrapping the input around (PyTorch's `nn.CircularPad3d`).
open class CircularPad3d: PaddingLayer {
    /// `nn.CircularPad3d((left, right, top, bottom, front, back))`.
    public init(_ padding: [Int]) { super.init(padding: padding, mode: .circular) }
    /// `nn.CircularPad3d(padding)` with the same amount on every side.
    public convenience init(_ padding: Int) { self.init(repeated(padding, spatialDims: 3)) }
    /// The padded 4-D or 5-D input; PyTorch's ValueError for another rank.
    open override func forward(_ input: Tensor) -> Tensor { circularPadded(input, padding, spatialDims: 3) }
}
