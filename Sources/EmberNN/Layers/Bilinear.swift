import EmberCore

// MARK: - Bilinear

extension Functional {
    /// `y = x1^T A x2 + b` for each output feature (`F.bilinear(input1, input2, weight, bias)`):
    /// `input1` `[*, in1]` and `input2` `[*, in2]` with the same leading dims, `weight` `[out, in1,
    /// in2]`, `bias` `[out]`; the result is `[*, out]`. Composed as PyTorch composes it: the inputs
    /// flattened to matrices, one `TrilinearBackward0` contraction, a reshape (`ViewBackward0`)
    /// and the bias added (`AddBackward0`).
    public static func bilinear(_ input1: Tensor, _ input2: Tensor, _ weight: Tensor, bias: Tensor? = nil) -> Tensor {
        attempt {
            guard input1.dim == input2.dim else {
                throw TensorError.runtime("bilinear(): input dimensions do not match: got \(input1.dim) and \(input2.dim)")
            }
            for d in 0..<max(input1.dim - 1, 0) where input1.size(d) != input2.size(d) {
                throw TensorError.runtime(
                    "bilinear(): input batch dimensions do not match at dim \(d): got \(input1.size(d)) and \(input2.size(d))")
            }
            guard weight.dim == 3 else {
                throw TensorError.runtime("bilinear(): weight must be 3-D, got \(weight.dim)-D")
            }
            guard input1.dim >= 1, input1.size(-1) == weight.size(1) else {
                throw TensorError.runtime(
                    "bilinear(): input1 size does not match weight size: got \(input1.dim == 0 ? 1 : input1.size(-1)) but expected \(weight.size(1))")
            }
            guard input2.size(-1) == weight.size(2) else {
                throw TensorError.runtime(
                    "bilinear(): input2 size does not match weight size: got \(input2.size(-1)) but expected \(weight.size(2))")
            }
            if let bias, bias.dim != 1 || bias.size(0) != weight.size(0) {
                throw TensorError.runtime(
                    "bilinear(): bias size does not match weight size: got \(bias.dim == 0 ? 1 : bias.size(0)) but expected \(weight.size(0))")
            }
            let outputShape = Array(input1.shape.dropLast()) + [weight.size(0)]
            let flat1 = input1.reshape(-1, input1.size(-1)), flat2 = input2.reshape(-1, input2.size(-1))
            let output = Tensor.trilinear(flat1, weight, flat2).reshape(outputShape)
            return bias.map { output + $0 } ?? output
        }
    }
}

/// `y = x1^T A x2 + b` (PyTorch's `nn.Bilinear`). `weight` is `[outFeatures, in1Features,
/// in2Features]`; weight and bias start uniform on `±1/sqrt(in1Features)`, drawn in PyTorch's
/// order (weight, then bias), so a seeded layer holds PyTorch's values.
open class Bilinear: Module {
    /// The size of each first input sample (`in1_features`).
    public let in1Features: Int
    /// The size of each second input sample (`in2_features`).
    public let in2Features: Int
    /// The size of each output sample (`out_features`).
    public let outFeatures: Int
    /// The learnable weights, `[outFeatures, in1Features, in2Features]`.
    public var weight: Parameter
    /// The learnable bias, `[outFeatures]`, or `nil` for a layer made with `bias: false`.
    public var bias: Parameter?

    /// The layer (`nn.Bilinear(in1_features, in2_features, out_features, bias=True)`).
    public init(_ in1Features: Int, _ in2Features: Int, _ outFeatures: Int, bias: Bool = true,
                dtype: DType = .float32, device: Device = .cpu) {
        self.in1Features = in1Features
        self.in2Features = in2Features
        self.outFeatures = outFeatures
        weight = Parameter(Tensor.empty([outFeatures, in1Features, in2Features], dtype: dtype, device: device))
        self.bias = bias ? Parameter(Tensor.empty([outFeatures], dtype: dtype, device: device)) : nil
        super.init()
        resetParameters()
    }

    /// Draws new weights and bias as PyTorch's `reset_parameters` does: both uniform on
    /// `±1/sqrt(weight.size(1))`, weight first.
    open func resetParameters() {
        let bound = 1 / Double(weight.size(1)).squareRoot()
        Init.uniform_(weight, low: -bound, high: bound)
        if let bias { Init.uniform_(bias, low: -bound, high: bound) }
    }

    /// `F.bilinear(input1, input2, weight, bias)` (`bilinear(input1, input2)`).
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor) -> Tensor {
        // Two inputs, one output: see Note [Modules with several inputs].
        callWithOneOutput([input1, input2]) { x in Functional.bilinear(x[0], x[1], weight, bias: bias) }
    }

    /// `in1_features=3, in2_features=2, out_features=4, bias=True`.
    open override var extraRepr: String {
        "in1_features=\(in1Features), in2_features=\(in2Features), out_features=\(outFeatures), "
            + "bias=\(bias == nil ? "False" : "True")"
    }
}
