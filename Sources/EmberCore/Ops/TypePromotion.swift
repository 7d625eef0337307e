import EmberBackend

// MARK: - Type promotion

/// PyTorch's `result_type` over tensors and scalars (`torch.result_type`).
///
/// Operands rank by priority: tensors with dims, then 0-dim tensors, then scalars. A lower rank
/// changes the result only when its category (bool < integer < floating) is higher; a floating
/// scalar then gives float32 (the default dtype), an integer scalar int64.
package struct ResultTypeState {
    var dimResult: DType?
    var zeroDimResult: DType?
    var scalarResult: DType?

    package init() {}

    package mutating func add(_ tensor: Tensor) {
        if tensor.dim > 0 {
            dimResult = dimResult.map { DType.promote($0, tensor.dtype) } ?? tensor.dtype
        } else {
            zeroDimResult = zeroDimResult.map { DType.promote($0, tensor.dtype) } ?? tensor.dtype
        }
    }

    package mutating func add(_ scalar: Scalar) {
        let dtype = scalar.defaultDType
        scalarResult = scalarResult.map { DType.promote($0, dtype) } ?? dtype
    }

    package var result: DType {
        ResultTypeState.combine(dimResult, ResultTypeState.combine(zeroDimResult, scalarResult)) ?? .float32
    }

    /// PyTorch's `combine_categories(higher, lower)`.
    static func combine(_ higher: DType?, _ lower: DType?) -> DType? {
        guard let higher else { return lower }
        guard let lower else { return higher }
        if higher.isFloatingPoint { return higher }
        if higher == .bool || lower.isFloatingPoint { return DType.promote(higher, lower) }
        return higher
    }
}

/// The dtype PyTorch computes `a op b` in (`torch.result_type(a, b)`).
package func resultType(_ a: Tensor, _ b: Tensor) -> DType {
    if a.dtype == b.dtype { return a.dtype }
    var state = ResultTypeState()
    state.add(a)
    state.add(b)
    return state.result
}

/// The dtype PyTorch computes `tensor op scalar` in.
package func resultType(_ a: Tensor, _ b: Scalar) -> DType {
    if b.category <= a.dtype.category { return a.dtype }
    var state = ResultTypeState()
    state.add(a)
    state.add(b)
    return state.result
}

extension Tensor {
    /// PyTorch's check that every operand of an op sits on one device.
    package func checkSameDevice(_ other: Tensor) throws(TensorError) {
        guard other.device != device else { return }
        // A 0-dim CPU tensor may take part in an op on another device, as a scalar.
        if other.dim == 0 && other.device == .cpu || dim == 0 && device == .cpu { return }
        throw TensorError.runtime(
            "Expected all tensors to be on the same device, but found at least two devices, \(device) and \(other.device)!")
    }

    /// This tensor with `dtype`, converting only when needed.
    package func casted(_ dtype: DType) throws(TensorError) -> Tensor {
        dtype == self.dtype ? self : try converted(dtype: dtype)
    }
}
