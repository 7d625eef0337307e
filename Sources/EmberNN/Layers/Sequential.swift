import EmberCore

// MARK: - Sequential

/// Modules run one after another, each on the previous one's output (PyTorch's
/// `nn.Sequential`); they are its children, named `0`, `1`, ...
open class Sequential: Module {
    /// The modules, in order.
    public let layers: [Module]

    /// The given modules in order (`nn.Sequential(a, b, c)`).
    public convenience init(_ layers: Module...) { self.init(layers) }

    /// The given modules in order (`nn.Sequential(*layers)`).
    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
        for (i, layer) in layers.enumerated() { registerModule(String(i), layer) }
    }

    /// Runs each module on the previous one's output.
    open override func forward(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }
}
