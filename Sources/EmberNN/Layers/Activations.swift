import EmberCore

// MARK: - Activations

/// `max(0, x)` element-wise (PyTorch's `nn.ReLU`).
open class ReLU: Module {
    /// The layer.
    public override init() { super.init() }

    /// `input.relu()`.
    open override func forward(_ input: Tensor) -> Tensor { input.relu() }
}
