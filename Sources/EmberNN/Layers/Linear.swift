import EmberCore

// MARK: - Linear

/// `y = x @ weight^T + bias` (PyTorch's `nn.Linear`), on the last dim of the input.
///
/// `weight` is `[outFeatures, inFeatures]`; both it and `bias` start as PyTorch starts them,
/// uniform on `±1/sqrt(inFeatures)` drawn in PyTorch's order, so `manualSeed(0); Linear(3, 2)`
/// holds the values `torch.manual_seed(0); nn.Linear(3, 2)` holds.
open class Linear: Module {
    /// The size of each input sample (`in_features`).
    public let inFeatures: Int
    /// The size of each output sample (`out_features`).
    public let outFeatures: Int
    /// The learnable weights, `[outFeatures, inFeatures]`.
    public var weight: Parameter
    /// The learnable bias, `[outFeatures]`, or `nil` for a layer made with `bias: false`.
    public var bias: Parameter?

    /// A layer from `inFeatures` to `outFeatures` (`nn.Linear(in_features, out_features, bias)`).
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32, device: Device = .cpu) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weight = Parameter(Tensor.empty([outFeatures, inFeatures], dtype: dtype, device: device))
        self.bias = bias ? Parameter(Tensor.empty([outFeatures], dtype: dtype, device: device)) : nil
        super.init()
        resetParameters()
    }

    /// Draws new weights and bias as PyTorch's `reset_parameters` does: `weight` by
    /// `kaiming_uniform_(a=sqrt(5))`, then `bias` uniform on `±1/sqrt(fan_in)`.
    open func resetParameters() {
        Init.resetWeightAndBias(weight, bias)
    }

    /// `input @ weight^T + bias`; a matrix input goes through one `addmm`, as in PyTorch.
    open override func forward(_ input: Tensor) -> Tensor {
        if let bias {
            return input.dim == 2 ? bias.addmm(input, weight.t()) : input.matmul(weight.t()) + bias
        }
        return input.matmul(weight.t())
    }

    /// `in_features=3, out_features=2, bias=True`.
    open override var extraRepr: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True")"
    }
}
