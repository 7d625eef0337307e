import EmberBackend

// MARK: - Binary engine

extension BinaryOp {
    /// The ops defined on integer and bool bits only.
    var isBitwise: Bool {
        switch self {
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .bitwiseLeftShift, .bitwiseRightShift: true
        default: false
        }
    }

    /// The name of PyTorch's CPU kernel, as its "not implemented for" messages give it.
    var kernelName: String {
        switch self {
        case .hypot: "hypot_cpu"
        case .logaddexp: "logaddexp_cpu"
        case .logaddexp2: "logaddexp2_cpu"
        default: "\(self)_cpu"
        }
    }
}

/// One side of a binary op as the front end sees it.
package enum BinaryArgument {
    case tensor(Tensor)
    case scalar(Scalar)

    var requiresGrad: Bool {
        if case .tensor(let t) = self { return t.history.requiresGrad }
        return false
    }
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
        case .floorDivide where promoted == .bool:
            throw TensorError.notImplemented("\"div_floor_cpu\" not implemented for 'Bool'")
        case .remainder where promoted == .bool:
            throw TensorError.notImplemented("\"remainder_cpu\" not implemented for 'Bool'")
        case .fmod where promoted == .bool:
            throw TensorError.notImplemented("\"fmod_cpu\" not implemented for 'Bool'")
        case .pow where promoted == .bool:
            throw TensorError.notImplemented("\"pow\" not implemented for 'Bool'")
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            if promoted.isFloatingPoint {
                let name = op == .bitwiseAnd ? "bitwise_and" : op == .bitwiseOr ? "bitwise_or" : "bitwise_xor"
                throw TensorError.notImplemented("\"\(name)_cpu\" not implemented for '\(promoted.scalarTypeName)'")
            }
            return promoted
        case .bitwiseLeftShift, .bitwiseRightShift:
            if promoted.category != .integer {
                let name = op == .bitwiseLeftShift ? "lshift_cpu" : "rshift_cpu"
                throw TensorError.notImplemented("\"\(name)\" not implemented for '\(promoted.scalarTypeName)'")
            }
            return promoted
        case .hypot, .logaddexp, .logaddexp2:
            // No integer kernels, and no promotion to float either (PyTorch's message).
            if !promoted.isFloatingPoint {
                throw TensorError.notImplemented("\"\(op.kernelName)\" not implemented for '\(promoted.scalarTypeName)'")
            }
            return promoted
        case .copysign:
            return promoted.isFloatingPoint ? promoted : .float32
        default:
            return promoted
        }
    }

    /// PyTorch's `sub_check`: subtraction with a bool operand (tensor or number) is refused.
    static func checkSubtraction(_ op: BinaryOp, _ lhs: BinaryArgument, _ rhs: BinaryArgument) throws(TensorError) {
        guard op == .sub else { return }
        func isBool(_ argument: BinaryArgument) -> Bool {
            switch argument {
            case .tensor(let t): t.dtype == .bool
            case .scalar(let s): s.category == .bool
            }
        }
        let l = isBool(lhs), r = isBool(rhs)
        if l && r {
            throw TensorError.notImplemented(
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        }
        if l || r {
            throw TensorError.notImplemented(
                "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        }
    }

    /// Whether `op` on two tensors of `dtype` computes in `dtype` with no check that can fail
    /// (no promotion to float, no integer divisor or power check, no bool subtraction): the
    /// condition of the fast paths, out of place and in place.
    static func keepsOperandDType(_ op: BinaryOp, _ dtype: DType) -> Bool {
        if dtype.isFloatingPoint { return !op.isBitwise }
        if dtype == .bool && (op == .sub || op == .bitwiseLeftShift || op == .bitwiseRightShift) { return false }
        switch op {
        case .div, .floorDivide, .remainder, .fmod, .atan2, .pow, .hypot, .logaddexp, .logaddexp2, .copysign:
            return false
        default:
            return true
        }
    }

    /// `a op b` of two tensors, recorded for autograd: `binary(op, .tensor(a), .tensor(b))`, with
    /// the commonest case (same shape, dtype and op that keeps it, on the CPU) taken first without
    /// wrapping the operands, whose copies cost reference counting on the hottest path of small
    /// steps (see Note [CPU fast paths]).
    package static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        guard let out = try flatCPUBinary(op, a, b) else { return try binary(op, .tensor(a), .tensor(b)) }
        if (a.history.requiresGrad || b.history.requiresGrad) && isGradEnabled && !recordArithmetic(op, a, b, result: out) {
            recordBinary(op, .tensor(a), .tensor(b), result: out)
        }
        return out
    }

    /// `a op b` as flat loops over the elements, when both are on the CPU with one shape and dtype,
    /// the op keeps that dtype with no check, and each is contiguous or one value repeated (most
    /// small ops, and the gradients of sums): the CPU called directly, no existential and no
    /// layouts. `nil` otherwise.
    @inline(__always)
    static func flatCPUBinary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor? {
        guard a.dtype == b.dtype && a.storage.device.kind == .cpu && b.storage.device.kind == .cpu
                && a.layout.shape == b.layout.shape && keepsOperandDType(op, a.dtype) else { return nil }
        let aOne = !a.isContiguous && a.layout.isOneLocation
        let bOne = !b.isContiguous && b.layout.isOneLocation
        guard (a.isContiguous || aOne) && (b.isContiguous || bOne) else { return nil }
        let dtype = op.producesBool ? DType.bool : a.dtype
        let cpu = Backends.cpu
        // A row-major operand's layout serves the result as it is (no strides to compute).
        let out = a.layout.isRowMajor || b.layout.isRowMajor
            ? Tensor(storage: try cpu.makeStorage(byteCount: a.layout.count * dtype.itemSize, device: .cpu),
                     layout: (a.layout.isRowMajor ? a : b).layout.withOffset(0), dtype: dtype)
            : try uninitialized(a.layout.shape, dtype: dtype, device: .cpu)
        cpu.binary(op, contiguous: a.dataStart, b.dataStart, into: out.dataStart, count: a.layout.count,
                   dtype: a.dtype, lhsOneValue: aOne, rhsOneValue: bOne)
        return out
    }

    /// `self op= b` as one flat loop, without the checks and the recording of `binaryInPlace`:
    /// when both are on the CPU with one shape and dtype that the op keeps, this one contiguous
    /// (so it cannot overlap itself), `b` contiguous or one value repeated, in other memory.
    /// Bumps the version; returns false, having written nothing, otherwise. The caller makes sure
    /// that nothing is to be recorded (grad mode off, or neither tensor takes part in autograd):
    /// the engine's gradient sums and `AccumulateGrad`'s `.grad += g`.
    @inline(__always)
    package func flatCPUInPlace(_ op: BinaryOp, _ b: Tensor) -> Bool {
        guard dtype == b.dtype && !op.producesBool && Tensor.keepsOperandDType(op, dtype)
                && storage.device.kind == .cpu && b.storage.device.kind == .cpu && storage !== b.storage
                && isContiguous && layout.shape == b.layout.shape else { return false }
        let bOne = !b.isContiguous && b.layout.isOneLocation
        guard b.isContiguous || bOne else { return false }
        Backends.cpu.binary(op, contiguous: dataStart, b.dataStart, into: dataStart, count: layout.count,
                            dtype: dtype, lhsOneValue: false, rhsOneValue: bOne)
        bumpVersion()
        return true
    }

    /// `lhs op rhs` with broadcasting and type promotion, into a new tensor, recorded for autograd.
    package static func binary(_ op: BinaryOp, _ lhs: BinaryArgument, _ rhs: BinaryArgument) throws(TensorError) -> Tensor {
        if op == .div, case .scalar = lhs, case .tensor(let b) = rhs, b.requiresGrad, isGradEnabled {
            // As PyTorch computes `2 / x`: `reciprocal(x) * 2` (MulBackward0, then ReciprocalBackward0).
            return try binary(.mul, .tensor(try b.unary(.reciprocal, floatingOnly: true)), lhs)
        }
        let out = try binaryForward(op, lhs, rhs)
        if lhs.requiresGrad || rhs.requiresGrad, isGradEnabled { recordBinary(op, lhs, rhs, result: out) }
        return out
    }

    /// `lhs op rhs` without recording.
    static func binaryForward(_ op: BinaryOp, _ lhs: BinaryArgument, _ rhs: BinaryArgument) throws(TensorError) -> Tensor {
        switch (lhs, rhs) {
        case (.tensor(let a), .tensor(let b)):
            if let out = try flatCPUBinary(op, a, b) { return out }
            // Fast paths: same dtype and device, and an op that needs no promotion or check.
            if a.dtype == b.dtype && a.storage.device == b.storage.device && keepsOperandDType(op, a.dtype) {
                let dtype = op.producesBool ? DType.bool : a.dtype
                let isCPU = a.storage.device.kind == .cpu
                let sameShape = a.layout.shape == b.layout.shape
                if !isCPU && sameShape && a.isContiguous && b.isContiguous {
                    let out = try a.emptyContiguousLike(dtype: dtype)
                    out.backend.binary(op, .buffer(a.buffer), .buffer(b.buffer), into: out.buffer)
                    return out
                }
                if isCPU {
                    // Broadcast or strided operands on the CPU.
                    if sameShape {
                        let out = try uninitialized(a.layout.shape, dtype: dtype, device: .cpu)
                        Backends.cpu.binary(op, .buffer(a.buffer), .buffer(b.buffer), into: out.buffer)
                        return out
                    }
                    let shape = try broadcastShapes(a.layout.shape, b.layout.shape)
                    let out = try uninitialized(shape, dtype: dtype, device: .cpu)
                    Backends.cpu.binary(op, .buffer(a.buffer.with(layout: a.layout.broadcast(to: shape)!)),
                                             .buffer(b.buffer.with(layout: b.layout.broadcast(to: shape)!)),
                                             into: out.buffer)
                    return out
                }
            }
            try checkSubtraction(op, lhs, rhs)
            try a.checkSameDevice(b)
            let compute = try computeType(op, resultType(a, b))
            let shape = try broadcastShapes(a.layout.shape, b.layout.shape)
            let device = a.dim == 0 && a.device == .cpu ? b.device : a.device
            let ca = try a.casted(compute).onDevice(device), cb = try b.casted(compute).onDevice(device)
            if shape.product > 0 { try checkIntegerDivisor(op, compute, .tensor(cb)) }
            let out = try uninitialized(shape, dtype: op.producesBool ? .bool : compute, device: device)
            out.backend.binary(op, .buffer(ca.buffer.with(layout: ca.layout.broadcast(to: shape)!)),
                               .buffer(cb.buffer.with(layout: cb.layout.broadcast(to: shape)!)), into: out.buffer)
            return out
        case (.tensor(let a), .scalar(let s)):
            // Fast path: a floating tensor on the CPU and a number (not a bool), which keeps the
            // tensor's dtype and needs no check (`y * 1.0001 + 0.0001`).
            if a.dtype.isFloatingPoint && s.category != .bool && a.storage.device.kind == .cpu && !op.isBitwise {
                let dtype = op.producesBool ? DType.bool : a.dtype
                if a.isContiguous && (op == .add || op == .sub || op == .mul || op == .div) {
                    return try contiguousArithmetic(op, a, s)
                }
                let out = try uninitialized(a.layout.shape, dtype: dtype, device: .cpu)
                Backends.cpu.binary(op, .buffer(a.buffer), .scalar(s), into: out.buffer)
                return out
            }
            if op == .pow && a.dtype == .bool && s.category == .bool {
                // PyTorch's pow(Tensor, Scalar) copies for an exponent of 1 and fills ones for 0
                // before it looks for a kernel, so a bool tensor to a bool power stays bool.
                if s.converted(to: Bool.self) { return try a.cloned() }
                let ones = try a.uninitializedLike()
                ones.backend.fill(ones.buffer, with: .bool(true))
                return ones
            }
            try checkSubtraction(op, lhs, rhs)
            let compute = try computeType(op, resultType(a, s))
            // PyTorch checks divisors element by element, so an empty result never raises.
            if a.numel > 0 { try checkIntegerDivisor(op, compute, .scalar(s)) }
            try checkIntegerPower(op, compute, .scalar(s))
            let ca = try a.casted(compute)
            let out = try ca.uninitializedLike(dtype: op.producesBool ? .bool : compute)
            out.backend.binary(op, .buffer(ca.buffer), .scalar(s), into: out.buffer)
            return out
        case (.scalar(let s), .tensor(let b)):
            try checkSubtraction(op, lhs, rhs)
            let compute = try computeType(op, resultType(b, s))
            if b.numel > 0 { try checkIntegerDivisor(op, compute, .tensor(b)) }
            let cb = try b.casted(compute)
            let out = try cb.uninitializedLike(dtype: op.producesBool ? .bool : compute)
            out.backend.binary(op, .scalar(s), .buffer(cb.buffer), into: out.buffer)
            return out
        case (.scalar, .scalar):
            throw TensorError.runtime("a binary tensor op needs at least one tensor")
        }
    }

    /// `a op s` for a contiguous floating `a` on the CPU and a number, `op` one of add, sub, mul
    /// and div: the flat loop with the number as a one-value operand (the same element function
    /// and converted number as the strided loop's), with no layouts passed around. Not inlined,
    /// so that `binaryForward`'s tensor-tensor path keeps its code.
    @inline(never)
    static func contiguousArithmetic(_ op: BinaryOp, _ a: Tensor, _ s: Scalar) throws(TensorError) -> Tensor {
        // `a`'s own contiguous layout and byte count, already checked when `a` was made: no size
        // arithmetic, layout construction or backend lookup per call.
        let out = Tensor(storage: try Backends.cpu.makeStorage(byteCount: a.layout.count * a.dtype.itemSize, device: .cpu),
                         layout: a.layout.withOffset(0), dtype: a.dtype)
        if a.dtype == .float32 {
            var value: Float = s.converted()
            Backends.cpu.binary(op, contiguous: a.dataStart, &value, into: out.dataStart, count: a.layout.count,
                                dtype: .float32, rhsOneValue: true)
        } else {
            var value: Double = s.converted()
            Backends.cpu.binary(op, contiguous: a.dataStart, &value, into: out.dataStart, count: a.layout.count,
                                dtype: .float64, rhsOneValue: true)
        }
        return out
    }

    /// `self op= other`, writing into this tensor's storage (PyTorch's `add_` family).
    package func binaryInPlace(_ op: BinaryOp, _ other: BinaryArgument) throws(TensorError) {
        try checkInplace()
        // Fast path: a same-dtype, same-shape operand in other memory, on the CPU, with nothing
        // to record (`.grad += g` in AccumulateGrad, optimizer updates).
        if case .tensor(let b) = other, b.dtype == dtype, !op.producesBool, Tensor.keepsOperandDType(op, dtype),
           storage.device.kind == .cpu, b.storage.device.kind == .cpu, b.storage !== storage,
           layout.shape == b.layout.shape,
           !(isGradEnabled && (requiresGrad || b.requiresGrad || viewBase?.requiresGrad == true))
        {
            if flatCPUInPlace(op, b) { return }
            Backends.cpu.binary(op, .buffer(buffer), .buffer(b.buffer), into: buffer)
            bumpVersion()
            return
        }
        if op == .pow, dtype == .bool, case .scalar(let s) = other, s.category == .bool {
            // `pow_(True)` leaves a bool tensor as it is, `pow_(False)` fills it with ones (see `binaryForward`).
            if !s.converted(to: Bool.self) { backend.fill(buffer, with: .bool(true)) }
            bumpVersion()
            return
        }
        try Tensor.checkSubtraction(op, .tensor(self), other)
        let promoted: DType
        switch other {
        case .tensor(let b):
            try checkSameDevice(b)
            try checkNoPartialOverlap(with: b)
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
        // PyTorch refuses a negative integer exponent before it looks at the output's dtype.
        if case .scalar(let s) = other { try Tensor.checkIntegerPower(op, compute, .scalar(s)) }
        if resultDType.category > dtype.category {
            throw TensorError.runtime(
                "result type \(resultDType.scalarTypeName) can't be cast to the desired output type \(dtype.scalarTypeName)")
        }
        if requiresGrad || other.requiresGrad || viewBase?.requiresGrad == true, isGradEnabled {
            // Recorded in-place op: compute out of place (recording the node), write the values
            // back, and make the new node this tensor's creator. A formula that reads `self`
            // gets a copy of the values before the write.
            let result = try Tensor.binary(op, .tensor(try originalForInPlace(op, other)), other)
            try adoptResult(result)
            return
        }
        let lhs = try casted(compute)
        let rhs: BinaryOperand
        // The tensor whose memory `rhs` points into: kept alive until the kernel has run (a
        // converted copy freed earlier could be handed to another thread and overwritten).
        var rhsOwner: Tensor?
        switch other {
        case .tensor(let b):
            let cb = try b.casted(compute).onDevice(device)
            if numel > 0 { try Tensor.checkIntegerDivisor(op, compute, .tensor(cb)) }
            // Read a right side that overlaps this storage from a copy.
            let source = cb.storage === storage ? try cb.cloned() : cb
            rhsOwner = source
            rhs = .buffer(source.buffer.with(layout: source.layout.broadcast(to: layout.shape)!))
        case .scalar(let s):
            if numel > 0 { try Tensor.checkIntegerDivisor(op, compute, .scalar(s)) }
            rhs = .scalar(s)
        }
        try withExtendedLifetime((lhs, rhsOwner)) { () throws(TensorError) in
            if resultDType == dtype {
                backend.binary(op, .buffer(lhs.buffer), rhs, into: buffer)
            } else {
                let temporary = try lhs.uninitializedLike(dtype: resultDType)
                backend.binary(op, .buffer(lhs.buffer), rhs, into: temporary.buffer)
                backend.copy(temporary.buffer, into: buffer)
            }
        }
        bumpVersion()
    }

    /// Integer division and remainder by zero raise `ZeroDivisionError`, as PyTorch's CPU kernels
    /// do: a number divisor on every device (a check that needs no wait; PyTorch's CUDA kernels
    /// skip it, see the CUDA article), a tensor divisor only where it is on the CPU.
    static func checkIntegerDivisor(_ op: BinaryOp, _ compute: DType, _ divisor: BinaryArgument) throws(TensorError) {
        guard compute.category != .floating, op == .floorDivide || op == .remainder || op == .fmod || op == .div else { return }
        switch divisor {
        case .scalar(let s):
            // The number as the kernel sees it: an int32 computation truncates it (1 << 40 is 0).
            let value = s.converted(to: Int64.self)
            if (compute == .int32 ? Int64(Int32(truncatingIfNeeded: value)) : value) == 0 {
                throw TensorError.runtime("ZeroDivisionError")
            }
        case .tensor(let t):
            // Only on the CPU: PyTorch's CUDA kernels divide without looking (reading the divisor
            // back would wait for the device), so a zero gives the device's value, not an error.
            // `t` is the divisor on the device that computes, so a CPU 0-dim divisor of a CUDA
            // tensor is not checked either (ATen passes it to the kernel as a number).
            if t.device == .cpu, try t.containsZero() { throw TensorError.runtime("ZeroDivisionError") }
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

    /// Writes an out-of-place result into this tensor and takes over its autograd node (how a
    /// recorded in-place op rewrites `gradFn`, e.g. `relu_()` giving `ReluBackward0`). The
    /// result's node must have this tensor as its input 0. Written through a view, the node
    /// goes into the base's history instead (`CopySlices`, see `rebaseHistory`).
    package func adoptResult(_ result: Tensor) throws(TensorError) {
        let source = try result.onDevice(device)
        withExtendedLifetime(source) { backend.copy(source.buffer, into: buffer) }
        bumpVersion()
        if let base = viewBase, let node = result.history.gradFn {
            rebaseHistory(onto: base, node)
        } else if let node = result.history.gradFn {
            history.requiresGrad = true
            history.gradFn = node
            history.outputIndex = result.history.outputIndex
        }
    }
}
