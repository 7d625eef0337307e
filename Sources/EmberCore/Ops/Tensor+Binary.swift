import EmberBackend

// MARK: - Binary engine

/// One side of a binary op as the front end sees it.
package enum BinaryArgument {
    case tensor(Tensor)
    case scalar(Scalar)
}

extension Tensor {
    /// The dtype a binary op computes in, given the promoted input dtype.
    static func computeType(_ op: BinaryOp, _ promoted: DType) throws(TensorError) -> DType {
        switch op {
        case .div, .atan2:
            return promoted.isFloatingPoint ? promoted : .float32
        case .sub where promoted == .bool:
            throw TensorError.notImplemented(
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            if promoted.isFloatingPoint {
                let name = op == .bitwiseAnd ? "bitwise_and" : op == .bitwiseOr ? "bitwise_or" : "bitwise_xor"
                throw TensorError.runtime("\"\(name)_cpu\" not implemented for '\(promoted.scalarTypeName)'")
            }
            return promoted
        default:
            return promoted
        }
    }

    /// `lhs op rhs` with broadcasting and type promotion, into a new tensor.
    package static func binary(_ op: BinaryOp, _ lhs: BinaryArgument, _ rhs: BinaryArgument) throws(TensorError) -> Tensor {
        switch (lhs, rhs) {
        case (.tensor(let a), .tensor(let b)):
            // Fast path: same dtype, shape and device, both contiguous (most small ops).
            if a.dtype == b.dtype && a.isContiguous && b.isContiguous && a.storage.device == b.storage.device
                && a.layout.shape == b.layout.shape && !(a.dtype == .bool && op == .sub)
                && (a.dtype.isFloatingPoint || !(op == .div || op == .floorDivide || op == .remainder || op == .fmod || op == .atan2 || op == .pow))
                && !(a.dtype.isFloatingPoint && (op == .bitwiseAnd || op == .bitwiseOr || op == .bitwiseXor))
            {
                let out = try a.emptyContiguousLike(dtype: op.producesBool ? .bool : a.dtype)
                out.backend.binary(op, .buffer(a.buffer), .buffer(b.buffer), into: out.buffer)
                return out
            }
            try a.checkSameDevice(b)
            let compute = try computeType(op, resultType(a, b))
            let shape = try broadcastShapes(a.layout.shape, b.layout.shape)
            let device = a.dim == 0 && a.device == .cpu ? b.device : a.device
            let ca = try a.casted(compute).onDevice(device), cb = try b.casted(compute).onDevice(device)
            try checkIntegerDivisor(op, compute, .tensor(cb))
            let out = try uninitialized(shape, dtype: op.producesBool ? .bool : compute, device: device)
            out.backend.binary(op, .buffer(ca.buffer.with(layout: ca.layout.broadcast(to: shape)!)),
                               .buffer(cb.buffer.with(layout: cb.layout.broadcast(to: shape)!)), into: out.buffer)
            return out
        case (.tensor(let a), .scalar(let s)):
            let compute = try computeType(op, resultType(a, s))
            try checkIntegerDivisor(op, compute, .scalar(s))
            try checkIntegerPower(op, compute, .scalar(s))
            let ca = try a.casted(compute)
            let out = try ca.uninitializedLike(dtype: op.producesBool ? .bool : compute)
            out.backend.binary(op, .buffer(ca.buffer), .scalar(s), into: out.buffer)
            return out
        case (.scalar(let s), .tensor(let b)):
            let compute = try computeType(op, resultType(b, s))
            try checkIntegerDivisor(op, compute, .tensor(b))
            let cb = try b.casted(compute)
            let out = try cb.uninitializedLike(dtype: op.producesBool ? .bool : compute)
            out.backend.binary(op, .scalar(s), .buffer(cb.buffer), into: out.buffer)
            return out
        case (.scalar, .scalar):
            throw TensorError.runtime("a binary tensor op needs at least one tensor")
        }
    }

    /// `self op= other`, writing into this tensor's storage (PyTorch's `add_` family).
    package func binaryInPlace(_ op: BinaryOp, _ other: BinaryArgument) throws(TensorError) {
        try checkInplace()
        let promoted: DType
        switch other {
        case .tensor(let b):
            try checkSameDevice(b)
            promoted = resultType(self, b)
            let broadcast = try broadcastShapes(layout.shape, b.layout.shape)
            guard broadcast == layout.shape else {
                throw TensorError.runtime("output with shape \(layout.shape) doesn't match the broadcast shape \(broadcast)")
            }
        case .scalar(let s):
            promoted = resultType(self, s)
        }
        let compute = try Tensor.computeType(op, promoted)
        let resultDType = op.producesBool ? DType.bool : compute
        if resultDType.category > dtype.category {
            throw TensorError.runtime(
                "result type \(resultDType.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        let lhs = try casted(compute)
        let rhs: BinaryOperand
        switch other {
        case .tensor(let b):
            let cb = try b.casted(compute).onDevice(device)
            try Tensor.checkIntegerDivisor(op, compute, .tensor(cb))
            // Read a right side that overlaps this storage from a copy.
            let source = cb.storage === storage ? try cb.cloned() : cb
            rhs = .buffer(source.buffer.with(layout: source.layout.broadcast(to: layout.shape)!))
        case .scalar(let s):
            try Tensor.checkIntegerDivisor(op, compute, .scalar(s))
            try Tensor.checkIntegerPower(op, compute, .scalar(s))
            rhs = .scalar(s)
        }
        if resultDType == dtype {
            backend.binary(op, .buffer(lhs.buffer), rhs, into: buffer)
        } else {
            let temporary = try lhs.uninitializedLike(dtype: resultDType)
            backend.binary(op, .buffer(lhs.buffer), rhs, into: temporary.buffer)
            backend.copy(temporary.buffer, into: buffer)
        }
        bumpVersion()
    }

    /// Integer division and remainder by zero raise, as in PyTorch.
    static func checkIntegerDivisor(_ op: BinaryOp, _ compute: DType, _ divisor: BinaryArgument) throws(TensorError) {
        guard compute.category != .floating, op == .floorDivide || op == .remainder || op == .fmod || op == .div else { return }
        switch divisor {
        case .scalar(let s):
            if s.converted(to: Int64.self) == 0 { throw TensorError.runtime("ZeroDivisionError") }
        case .tensor(let t):
            if try t.containsZero() { throw TensorError.runtime("ZeroDivisionError") }
        }
    }

    /// Integer tensors cannot be raised to negative integer powers.
    static func checkIntegerPower(_ op: BinaryOp, _ compute: DType, _ exponent: BinaryArgument) throws(TensorError) {
        guard op == .pow, compute.category == .integer, case .scalar(let s) = exponent else { return }
        if s.category == .integer && s.converted(to: Int64.self) < 0 {
            throw TensorError.runtime("Integers to negative integer powers are not allowed.")
        }
    }

    /// Whether any element is zero (used for integer division checks).
    package func containsZero() throws(TensorError) -> Bool {
        let host = device == .cpu ? self : try converted(dtype: dtype, device: .cpu)
        return try host.scalarArray(as: Int64.self).contains(0)
    }

    /// This tensor on `device` (0-dim CPU scalars join other devices' ops).
    package func onDevice(_ device: Device) throws(TensorError) -> Tensor {
        device == self.device ? self : try converted(dtype: dtype, device: device)
    }
}
