import EmberBackend

// MARK: - TensorLiteral

/// Swift values a tensor can be made from: scalars and (nested) arrays of them
/// (what `torch.tensor(data)` accepts).
///
/// The dtype is inferred as PyTorch infers it from Python data: `Int` gives int64, `Double` and
/// `Float` give float32 (PyTorch's default float), `Bool` gives bool, `Int32` int32.
public protocol TensorLiteral {
    /// The storage type the leaves are collected as.
    associatedtype Leaf: TensorScalar
    /// The dtype PyTorch would infer.
    static var inferredDType: DType { get }
    /// Appends this value's leaves in row-major order, recording or checking the size at each depth.
    func collect(into leaves: inout [Leaf], shape: inout [Int], depth: Int) throws(TensorError)
}

extension TensorLiteral where Self: TensorScalar, Leaf == Self {
    public func collect(into leaves: inout [Leaf], shape: inout [Int], depth: Int) throws(TensorError) {
        if depth < shape.count {
            throw TensorError.value("expected sequence of length \(shape[depth]) at dim \(depth) (got a scalar)")
        }
        leaves.append(self)
    }
}

extension Float: TensorLiteral {
    public typealias Leaf = Float
    public static var inferredDType: DType { .float32 }
}
extension Double: TensorLiteral {
    public typealias Leaf = Double
    public static var inferredDType: DType { .float32 }
}
extension Int64: TensorLiteral {
    public typealias Leaf = Int64
    public static var inferredDType: DType { .int64 }
}
extension Int32: TensorLiteral {
    public typealias Leaf = Int32
    public static var inferredDType: DType { .int32 }
}
extension Bool: TensorLiteral {
    public typealias Leaf = Bool
    public static var inferredDType: DType { .bool }
}
extension Int: TensorLiteral {
    public typealias Leaf = Int64
    public static var inferredDType: DType { .int64 }
    public func collect(into leaves: inout [Int64], shape: inout [Int], depth: Int) throws(TensorError) {
        if depth < shape.count {
            throw TensorError.value("expected sequence of length \(shape[depth]) at dim \(depth) (got a scalar)")
        }
        leaves.append(Int64(self))
    }
}

extension Array: TensorLiteral where Element: TensorLiteral {
    public typealias Leaf = Element.Leaf
    public static var inferredDType: DType { Element.inferredDType }

    public func collect(into leaves: inout [Leaf], shape: inout [Int], depth: Int) throws(TensorError) {
        if depth == shape.count {
            // The first sequence reached at this depth fixes its size, as PyTorch does.
            if !leaves.isEmpty {
                throw TensorError.value("expected a scalar at dim \(depth) (got a sequence of length \(count))")
            }
            shape.append(count)
        } else if shape[depth] != count {
            throw TensorError.value("expected sequence of length \(shape[depth]) at dim \(depth) (got \(count))")
        }
        for element in self { try element.collect(into: &leaves, shape: &shape, depth: depth + 1) }
    }
}

// MARK: - Initializers

extension Tensor {
    /// A tensor holding a copy of Swift data (`torch.tensor(data)`), with the shape of the nesting.
    ///
    /// ```swift
    /// Tensor([[1, 2], [3, 4]])                 // int64, shape [2, 2]
    /// Tensor([[1.0, 2], [3, 4]])               // float32
    /// Tensor(2.0, requiresGrad: true)          // float32 scalar
    /// Tensor([1, 2], dtype: .float64)
    /// ```
    public convenience init<L: TensorLiteral>(
        _ data: L, dtype: DType? = nil, device: Device = .cpu, requiresGrad: Bool = false
    ) {
        var leaves: [L.Leaf] = []
        var shape: [Int] = []
        let made: Tensor = attempt {
            try data.collect(into: &leaves, shape: &shape, depth: 0)
            return try Tensor.fromLeaves(leaves, shape: Dims(shape), dtype: dtype ?? L.inferredDType,
                                         device: device, requiresGrad: requiresGrad)
        }
        self.init(storage: made.storage, layout: made.layout, dtype: made.dtype)
        history = made.history
        autograd = made.autograd
    }

    /// A tensor of the given shape holding a copy of `data` in row-major order
    /// (`torch.tensor(data).reshape(shape)`).
    public convenience init<T: TensorScalar>(
        shape: [Int], data: [T], dtype: DType? = nil, device: Device = .cpu, requiresGrad: Bool = false
    ) {
        let made: Tensor = attempt {
            let dims = Dims(shape)
            guard !shape.contains(where: { $0 < 0 }) else {
                throw TensorError.runtime("Trying to create tensor with negative dimension: \(dims)")
            }
            guard dims.product == data.count else {
                throw TensorError.runtime("shape '\(dims)' is invalid for input of size \(data.count)")
            }
            return try Tensor.fromLeaves(data, shape: dims, dtype: dtype ?? T.dtype, device: device,
                                         requiresGrad: requiresGrad)
        }
        self.init(storage: made.storage, layout: made.layout, dtype: made.dtype)
        history = made.history
        autograd = made.autograd
    }

    static func fromLeaves<T: TensorScalar>(
        _ leaves: [T], shape: Dims, dtype: DType, device: Device, requiresGrad: Bool
    ) throws(TensorError) -> Tensor {
        try checkLeavesFit(leaves, dtype)
        let source = try Tensor.uninitialized(shape, dtype: T.dtype, device: .cpu)
        leaves.withUnsafeBytes { bytes in
            if let from = bytes.baseAddress, bytes.count > 0 {
                source.storage.data.copyMemory(from: from, byteCount: bytes.count)
            }
        }
        let result = try source.converted(dtype: dtype, device: device)
        if requiresGrad { try result.setRequiresGrad(true, fromFactory: true) }
        return result
    }

    /// `torch.tensor`'s check that numbers fit an integer dtype (NaN never does).
    private static func checkLeavesFit<T: TensorScalar>(_ leaves: [T], _ dtype: DType) throws(TensorError) {
        guard dtype == .int32 || dtype == .int64, T.dtype.category != .bool, T.dtype != dtype else { return }
        let limit = dtype == .int32 ? 2_147_483_648.0 : 9_223_372_036_854_775_808.0
        for leaf in leaves {
            let fits = T.dtype.category == .integer
                ? (dtype == .int64 || Int64(Int32.min)...Int64(Int32.max) ~= leaf.int64Value)
                : (leaf.doubleValue >= -limit && leaf.doubleValue < limit)
            if !fits {
                throw TensorError.runtime("value cannot be converted to type \(dtype == .int32 ? "int32" : "int64") without overflow")
            }
        }
    }
}
