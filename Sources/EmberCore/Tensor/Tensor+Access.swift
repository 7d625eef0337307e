import EmberBackend

// MARK: - Reading values

extension Tensor {
    /// The value of a one-element tensor as a `Double` (`tensor.item()`).
    public func item() -> Double { item(as: Double.self) }

    /// The value of a one-element tensor, converted to `T` (`tensor.item()`).
    public func item<T: TensorScalar & ErrorPlaceholder>(as type: T.Type = T.self) -> T {
        attempt { try checkedItem(as: T.self) }
    }

    /// `item()` that throws its error.
    package func checkedItem<T: TensorScalar>(as type: T.Type) throws(TensorError) -> T {
        guard numel == 1 else {
            throw TensorError.runtime("a Tensor with \(numel) elements cannot be converted to Scalar")
        }
        return try scalarArray(as: T.self)[0]
    }

    /// All elements in row-major order, converted to `T` (`tensor.flatten().tolist()`).
    /// Reads straight from the strided storage into the array: one copy.
    public func scalars<T: TensorScalar>(as type: T.Type = T.self) -> [T] {
        attempt { try scalarArray(as: T.self) }
    }

    package func scalarArray<T: TensorScalar>(as type: T.Type) throws(TensorError) -> [T] {
        let source = device == .cpu ? self : try converted(dtype: dtype, device: .cpu)
        let count = numel
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let base = buffer.baseAddress {
                let destination = StridedBuffer(base: UnsafeMutableRawPointer(base),
                                                layout: Layout(contiguous: source.layout.shape), dtype: T.dtype)
                Backends.cpu.copy(source.buffer, into: destination)
            }
            initialized = count
        }
    }

    /// Calls `body` with the elements in row-major order as a typed buffer: the storage itself
    /// when this is a contiguous CPU tensor of `T`'s dtype, otherwise a converted copy.
    public func withUnsafeBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R
    ) rethrows -> R {
        if device == .cpu && isContiguous && dtype == T.dtype {
            return try body(UnsafeBufferPointer(start: buffer.pointer(as: T.self), count: numel))
        }
        let values = scalars(as: T.self)
        return try values.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the storage of a contiguous CPU tensor of `T`'s dtype, to write in place.
    /// Stops if the tensor is not such a tensor. Bumps the version counter.
    public func withUnsafeMutableBufferPointer<T: TensorScalar, R>(
        as type: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        attemptVoid {
            guard device == .cpu && isContiguous && dtype == T.dtype else {
                throw TensorError.runtime(
                    "withUnsafeMutableBufferPointer needs a contiguous CPU tensor of dtype \(T.dtype), got a \(isContiguous ? "" : "non-contiguous ")\(device) tensor of dtype \(dtype)")
            }
            try checkInplace()
        }
        bumpVersion()
        return try body(UnsafeMutableBufferPointer(start: buffer.pointer(as: T.self), count: device == .cpu && isContiguous && dtype == T.dtype ? numel : 0))
    }
}

// MARK: - Printing

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// PyTorch's `repr(tensor)`, character for character.
    public var description: String {
        // Printed from a host copy; a failed copy is reported (never read as host memory).
        let host = device == .cpu ? self : attempt { try converted(dtype: dtype, device: .cpu) }
        guard host.dtype == dtype, host.layout.shape == layout.shape else { return "" }
        let layout = host.layout
        let base = host.storage.data
        let elements: PrintElements
        switch dtype {
        case .float32:
            let p = base.assumingMemoryBound(to: Float.self)
            elements = .floating { Double(p[layout.offset(ofFlat: $0)]) }
        case .float64:
            let p = base.assumingMemoryBound(to: Double.self)
            elements = .floating { p[layout.offset(ofFlat: $0)] }
        case .int32:
            let p = base.assumingMemoryBound(to: Int32.self)
            elements = .integer { Int64(p[layout.offset(ofFlat: $0)]) }
        case .int64:
            let p = base.assumingMemoryBound(to: Int64.self)
            elements = .integer { p[layout.offset(ofFlat: $0)] }
        case .bool:
            let p = base.assumingMemoryBound(to: Bool.self)
            elements = .boolean { p[layout.offset(ofFlat: $0)] }
        }
        let options = TensorReprOptions(
            dtypeName: dtype.description,
            dtypeIsDefaultFloat: dtype == .float32,
            dtypeIsHidden: dtype == .float32 || dtype == .int64 || dtype == .bool,
            device: device == .cpu ? nil : device.description,
            gradFnName: gradFn?.name,
            requiresGrad: requiresGrad)
        let text = withExtendedLifetime(host) {
            TensorFormatter.repr(shape: shape, elements: elements, options: options)
        }
        return (self as? any TensorReprHeading).map { $0.reprHeading + "\n" + text } ?? text
    }

    public var debugDescription: String { description }
}

/// A tensor subclass that prints a line before its `tensor(...)` text, as `Parameter` prints
/// `Parameter containing:` (PyTorch's `Parameter.__repr__`).
package protocol TensorReprHeading: Tensor {
    /// The line printed before the tensor.
    var reprHeading: String { get }
}
