import EmberBackend

// MARK: - where, masked_fill, lerp

extension Tensor {
    /// Elements of `input` where `condition` is true and of `other` elsewhere, broadcasting all
    /// three (`torch.where(condition, input, other)`). Either side may be a number; the result
    /// type is PyTorch's `result_type(input, other)`.
    ///
    /// ```swift
    /// Tensor.where(x .> 0, x, 0)   // torch.where(x > 0, x, 0)
    /// ```
    public static func `where`(_ condition: Tensor, _ input: some TensorOperand, _ other: some TensorOperand) -> Tensor {
        attempt { try whereSelect(condition, input.operandValue, other.operandValue) }
    }

    /// The positions of the true (nonzero) elements, one int64 tensor per dim
    /// (`torch.where(condition)`, the same as `condition.nonzero(as_tuple=True)`).
    public static func `where`(_ condition: Tensor) -> [Tensor] {
        condition.nonzero(asTuple: true)
    }

    /// This tensor where `condition` is true and `other` elsewhere (`tensor.where(condition, other)`).
    public func `where`(_ condition: Tensor, _ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.whereSelect(condition, .tensor(self), other.operandValue) }
    }

    static func whereSelect(_ condition: Tensor, _ input: OperandValue, _ other: OperandValue) throws(TensorError) -> Tensor {
        guard condition.dtype == .bool else {
            throw TensorError.runtime(
                "where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)")
        }
        var state = ResultTypeState()
        var shape = condition.layout.shape
        for operand in [input, other] {
            switch operand {
            case .tensor(let t):
                try condition.checkSameDevice(t)
                state.add(t)
                shape = try broadcastShapes(shape, t.layout.shape)
            case .scalar(let s):
                state.add(s)
            }
        }
        let dtype = state.result
        let device = condition.device
        let out = try uninitialized(shape, dtype: dtype, device: device)
        var keep: [Tensor] = [condition]
        func operand(_ value: OperandValue) throws(TensorError) -> BinaryOperand {
            switch value {
            case .tensor(let t):
                let c = try t.casted(dtype).onDevice(device)
                keep.append(c)
                return .buffer(c.buffer.with(layout: c.layout.broadcast(to: shape)!))
            case .scalar(let s):
                return .scalar(s)
            }
        }
        let a = try operand(input), b = try operand(other)
        withExtendedLifetime(keep) {
            out.backend.select(condition.buffer.with(layout: condition.layout.broadcast(to: shape)!), a, b, into: out.buffer)
        }
        func tensor(_ value: OperandValue) -> Tensor? {
            if case .tensor(let t) = value { return t }
            return nil
        }
        if recording([tensor(input), tensor(other)]) { recordWhere(condition, tensor(input), tensor(other), result: out) }
        return out
    }
}

extension Tensor {
    /// `value` where `mask` is true, this tensor's elements elsewhere; the result has the
    /// broadcast shape of this tensor and `mask`, and this tensor's dtype (`torch.masked_fill`).
    /// `value` is a number or a 0-dim tensor, converted to this tensor's dtype.
    public func maskedFill(_ mask: Tensor, _ value: some TensorOperand) -> Tensor {
        attempt {
            let fill = try maskFillValue(mask, value.operandValue)
            try checkSameDevice(mask)
            let shape = try broadcastShapes(mask.layout.shape, layout.shape)
            let out = try Tensor.uninitialized(shape, dtype: dtype, device: device)
            withExtendedLifetime((self, mask)) {
                out.backend.select(mask.buffer.with(layout: mask.layout.broadcast(to: shape)!), .scalar(fill),
                                   .buffer(buffer.with(layout: layout.broadcast(to: shape)!)), into: out.buffer)
            }
            recordMaskedFill(out, mask, value.operandValue)
            return out
        }
    }

    /// In-place `maskedFill`: writes `value` where `mask` (broadcast to this tensor's shape) is
    /// true (`Tensor.masked_fill_`). Returns `self`.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: some TensorOperand) -> Tensor {
        attemptVoid {
            var valueTensor: Tensor?
            if case .tensor(let t) = value.operandValue { valueTensor = t }
            if Tensor.recordsInPlace(self, valueTensor) {
                // Recorded: computed out of place, then written back (the node goes to `self`,
                // or through a view to its base).
                try checkInplace(allowingOverlap: true)
                let result = maskedFill(mask, value)
                guard result.shape == shape else {
                    throw TensorError.runtime("output with shape \(layout.shape) doesn't match the broadcast shape \(result.layout.shape)")
                }
                return try adoptResult(result)
            }
            let fill = try maskFillValue(mask, value.operandValue)
            try checkSameDevice(mask)
            try checkInplace(allowingOverlap: true)
            let maskLayout = try mask.broadcastLayout(to: layout.shape)
            withExtendedLifetime(mask) {
                backend.select(mask.buffer.with(layout: maskLayout), .scalar(fill), .buffer(buffer), into: buffer)
            }
            bumpVersion()
        }
        return self
    }

    /// The checks `masked_fill` makes on its mask and value; the value as a scalar.
    private func maskFillValue(_ mask: Tensor, _ value: OperandValue) throws(TensorError) -> Scalar {
        guard mask.dtype == .bool else {
            throw TensorError.runtime(
                "masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.torchCppName)")
        }
        switch value {
        case .scalar(let s):
            try Tensor.checkFillValue(s, fits: dtype)  // 1 << 40 into int32 raises, as in PyTorch
            return s
        case .tensor(let t):
            guard t.dim == 0 else {
                throw TensorError.runtime(
                    "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with \(t.dim) dimension(s).")
            }
            return try t.scalarValue()
        }
    }

    /// The one element of a tensor, keeping its category (read on the host).
    package func scalarValue() throws(TensorError) -> Scalar {
        switch dtype.category {
        case .bool: return .bool(try scalarArray(as: Bool.self)[0])
        case .integer: return .int(try scalarArray(as: Int64.self)[0])
        case .floating: return .float(try scalarArray(as: Double.self)[0])
        }
    }
}

extension Tensor {
    /// Linear interpolation `self + weight * (end - self)`, broadcasting, computed as PyTorch does:
    /// from `self` when `|weight| < 0.5`, else `end - (end - self) * (1 - weight)` (`torch.lerp`).
    /// `self` and `end` must be floating tensors of one dtype; `weight` is a number, a 0-dim
    /// tensor, or a tensor of that dtype.
    public func lerp(_ end: Tensor, _ weight: some TensorOperand) -> Tensor {
        attempt { try lerped(end, weight.operandValue, inPlace: false) }
    }

    /// In-place `lerp` (`Tensor.lerp_`); the broadcast shape must be this tensor's. Returns `self`.
    @discardableResult
    public func lerp_(_ end: Tensor, _ weight: some TensorOperand) -> Tensor {
        attemptVoid { _ = try lerped(end, weight.operandValue, inPlace: true) }
        return self
    }

    private func lerped(_ end: Tensor, _ weight: OperandValue, inPlace: Bool) throws(TensorError) -> Tensor {
        guard end.dtype == dtype else {
            throw TensorError.runtime("expected dtype \(dtype.torchCppName) for `end` but got dtype \(end.dtype.torchCppName)")
        }
        try checkSameDevice(end)
        var weightOperand: BinaryOperand
        var weightTensor: Tensor?
        switch weight {
        case .scalar(let s):
            weightOperand = .scalar(s)
        case .tensor(let w) where w.dim == 0:
            weightOperand = .scalar(try w.scalarValue())
        case .tensor(let w):
            guard w.dtype == dtype else {
                throw TensorError.runtime(
                    "expected dtype \(dtype.torchCppName) for `weight` but got dtype \(w.dtype.torchCppName)")
            }
            try checkSameDevice(w)
            weightTensor = w
            weightOperand = .scalar(0)
        }
        guard dtype.isFloatingPoint else {
            throw TensorError.notImplemented(
                "\"lerp_kernel_\(weightTensor == nil ? "scalar" : "tensor")\" not implemented for '\(dtype.scalarTypeName)'")
        }
        var shape = try broadcastShapes(layout.shape, end.layout.shape)
        if let w = weightTensor { shape = try broadcastShapes(shape, w.layout.shape) }
        let out: Tensor
        if inPlace {
            try checkInplace()
            guard shape == layout.shape else {
                throw TensorError.runtime("output with shape \(layout.shape) doesn't match the broadcast shape \(shape)")
            }
            out = self
        } else {
            out = try Tensor.uninitialized(shape, dtype: dtype, device: device)
        }
        // When writing in place, `end` and `weight` are read from copies if they share this
        // storage (each element of `self` is read just before it is written, so `self` needs none).
        let start = self
        let endInput = inPlace && end.storage === storage ? try end.cloned() : end
        if let w = weightTensor {
            let source = inPlace && w.storage === storage ? try w.cloned() : w
            weightTensor = source
            weightOperand = .buffer(source.buffer.with(layout: source.layout.broadcast(to: shape)!))
        }
        withExtendedLifetime((start, endInput, weightTensor)) {
            out.backend.lerp(start.buffer.with(layout: start.layout.broadcast(to: shape)!),
                             endInput.buffer.with(layout: endInput.layout.broadcast(to: shape)!),
                             weight: weightOperand, into: out.buffer)
        }
        if inPlace { bumpVersion() }
        if !inPlace { recordLerp(end, weight, out) }
        return out
    }
}

extension DType {
    /// The C++ name PyTorch's messages use for some dtypes: `float`, `double`, `long int`, `int`, `bool`.
    fileprivate var torchCppName: String {
        switch self {
        case .bool: "bool"
        case .int32: "int"
        case .int64: "long int"
        case .float32: "float"
        case .float64: "double"
        }
    }
}
