import EmberCore

// MARK: - Parameter

/// A tensor that a module registers as a learnable parameter (PyTorch's `nn.Parameter`).
/// It requires grad by default and prints as `Parameter containing:` followed by the tensor.
///
/// A parameter shares the storage of the tensor it wraps; a module's stored `Parameter`
/// properties are its parameters (see ``Module``).
public final class Parameter: Tensor, @unchecked Sendable {
    /// Wraps `tensor`'s storage as a parameter (`nn.Parameter(tensor, requires_grad)`).
    public convenience init(_ tensor: Tensor, requiresGrad: Bool = true) {
        self.init(storage: tensor.storage, layout: tensor.layout, dtype: tensor.dtype)
        if requiresGrad { attemptVoid { try setRequiresGrad(true, fromFactory: true) } }
    }
}

extension Parameter: TensorReprHeading {
    /// `Parameter containing:`, the line PyTorch prints before a parameter's tensor.
    package var reprHeading: String { "Parameter containing:" }
}
