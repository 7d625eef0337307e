import EmberCore

// MARK: - Initialization

/// The `torch.nn.init` functions: they fill a tensor in place without recording autograd,
/// drawing from Ember's generator in PyTorch's order, so a seeded layer holds PyTorch's values.
public enum Init {
    /// The fan-in and fan-out of a weight (`_calculate_fan_in_and_fan_out`): `size(1)` and `size(0)`
    /// times the size of one receptive field (the product of the dims after the first two).
    public static func fans(of tensor: Tensor) -> (fanIn: Int, fanOut: Int) {
        let fans: [Int] = attempt {
            let (fanIn, fanOut) = try checkedFans(of: tensor)
            return [fanIn, fanOut]
        }
        return fans.count == 2 ? (fans[0], fans[1]) : (0, 0)
    }

    /// The default initialization of `Linear` and the convolution layers (their PyTorch
    /// `reset_parameters`): `weight` by `kaiming_uniform_(a=sqrt(5))`, then `bias` uniform on
    /// `±1/sqrt(fan_in)` of the weight.
    static func resetWeightAndBias(_ weight: Tensor, _ bias: Tensor?) {
        kaimingUniform_(weight, a: 5.0.squareRoot())
        if let bias {
            let fanIn = fans(of: weight).fanIn
            let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
            uniform_(bias, low: -bound, high: bound)
        }
    }

    /// Fills with uniform samples from `[low, high)` (`nn.init.uniform_`).
    @discardableResult
    public static func uniform_(_ tensor: Tensor, low: Double = 0, high: Double = 1, generator: Generator? = nil) -> Tensor {
        withNoGrad { tensor.uniform_(from: low, to: high, generator: generator) }
    }

    /// The activation a gain is computed for (PyTorch's `nonlinearity` strings).
    public enum Nonlinearity: PyTorchStringOption {
        /// The identity, and the linear and convolution layers (`'linear'`, `'conv2d'`...): gain 1.
        case linear, conv1d, conv2d, conv3d, convTranspose1d, convTranspose2d, convTranspose3d
        /// `'sigmoid'`: gain 1.
        case sigmoid
        /// `'tanh'`: gain 5/3.
        case tanh
        /// `'relu'`: gain `sqrt(2)`.
        case relu
        /// `'leaky_relu'`: gain `sqrt(2 / (1 + slope^2))`.
        case leakyRelu
        /// `'selu'`: gain 3/4.
        case selu
        /// A string that names no activation; the functions fail with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [
            (.linear, "linear"), (.conv1d, "conv1d"), (.conv2d, "conv2d"), (.conv3d, "conv3d"),
            (.convTranspose1d, "conv_transpose1d"), (.convTranspose2d, "conv_transpose2d"),
            (.convTranspose3d, "conv_transpose3d"), (.sigmoid, "sigmoid"), (.tanh, "tanh"), (.relu, "relu"),
            (.leakyRelu, "leaky_relu"), (.selu, "selu"),
        ]
    }

    /// Which fan Kaiming initialization keeps the variance of (`mode`).
    public enum FanMode: PyTorchStringOption {
        /// The forward pass's (`'fan_in'`).
        case fanIn
        /// The backward pass's (`'fan_out'`).
        case fanOut
        /// A string that names no mode; the functions fail with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [(.fanIn, "fan_in"), (.fanOut, "fan_out")]
    }

    /// The recommended gain for an activation (`nn.init.calculate_gain(nonlinearity, param)`);
    /// `param` is leaky ReLU's negative slope (0.01 when `nil`).
    public static func calculateGain(_ nonlinearity: Nonlinearity, param: Double? = nil) -> Double {
        attempt { try gain(nonlinearity, param: param) }
    }

    private static func gain(_ nonlinearity: Nonlinearity, param: Double?) throws(TensorError) -> Double {
        switch nonlinearity {
        case .linear, .conv1d, .conv2d, .conv3d, .convTranspose1d, .convTranspose2d, .convTranspose3d, .sigmoid: 1
        case .tanh: 5.0 / 3
        case .relu: 2.0.squareRoot()
        case .leakyRelu:
            (2.0 / (1 + (param ?? 0.01) * (param ?? 0.01))).squareRoot()
        case .selu: 3.0 / 4
        case .unrecognized(let name): throw TensorError.value("Unsupported nonlinearity \(name)")
        }
    }

    /// The fan `mode` names, with PyTorch's message for an unknown mode.
    private static func fan(of tensor: Tensor, _ mode: FanMode) throws(TensorError) -> Double {
        let fans = try checkedFans(of: tensor)
        switch mode {
        case .fanIn: return Double(fans.fanIn)
        case .fanOut: return Double(fans.fanOut)
        case .unrecognized(let name):
            throw TensorError.value("Mode \(name) not supported, please use one of ['fan_in', 'fan_out']")
        }
    }

    private static func checkedFans(of tensor: Tensor) throws(TensorError) -> (fanIn: Int, fanOut: Int) {
        guard tensor.dim >= 2 else {
            throw TensorError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptive = tensor.shape.dropFirst(2).reduce(1, *)
        return (tensor.size(1) * receptive, tensor.size(0) * receptive)
    }

    /// Fills with normal samples of mean `mean` and standard deviation `std` (`nn.init.normal_`).
    @discardableResult
    public static func normal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, generator: Generator? = nil) -> Tensor {
        withNoGrad { tensor.normal_(mean: mean, std: std, generator: generator) }
    }

    /// Fills with `value` (`nn.init.constant_`).
    @discardableResult
    public static func constant_(_ tensor: Tensor, _ value: Double) -> Tensor {
        withNoGrad { tensor.fill_(.float(value)) }
    }

    /// Fills with zeros (`nn.init.zeros_`).
    @discardableResult
    public static func zeros_(_ tensor: Tensor) -> Tensor { withNoGrad { tensor.zero_() } }

    /// Fills with ones (`nn.init.ones_`).
    @discardableResult
    public static func ones_(_ tensor: Tensor) -> Tensor { withNoGrad { tensor.fill_(1) } }

    /// Fills a matrix with the identity: ones on the diagonal (`nn.init.eye_`).
    @discardableResult
    public static func eye_(_ tensor: Tensor) -> Tensor {
        attemptVoid {
            guard tensor.dim == 2 else { throw TensorError.value("Only tensors with 2 dimensions are supported") }
            _ = withNoGrad { tensor.copy_(Tensor.eye(tensor.size(0), tensor.size(1), dtype: tensor.dtype)) }
        }
        return tensor
    }

    /// Xavier Glorot's uniform initialization (`nn.init.xavier_uniform_(tensor, gain)`): uniform on
    /// `±gain * sqrt(6 / (fan_in + fan_out))`, computed as PyTorch computes it.
    @discardableResult
    public static func xavierUniform_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil) -> Tensor {
        let bound: Double = attempt {
            let fans = try checkedFans(of: tensor)
            return 3.0.squareRoot() * (gain * (2.0 / Double(fans.fanIn + fans.fanOut)).squareRoot())
        }
        return uniform_(tensor, low: -bound, high: bound, generator: generator)
    }

    /// Xavier Glorot's normal initialization (`nn.init.xavier_normal_(tensor, gain)`): standard
    /// deviation `gain * sqrt(2 / (fan_in + fan_out))`.
    @discardableResult
    public static func xavierNormal_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil) -> Tensor {
        let std: Double = attempt {
            let fans = try checkedFans(of: tensor)
            return gain * (2.0 / Double(fans.fanIn + fans.fanOut)).squareRoot()
        }
        return normal_(tensor, mean: 0, std: std, generator: generator)
    }

    /// Kaiming He's uniform initialization (`nn.init.kaiming_uniform_(tensor, a, mode,
    /// nonlinearity)`): uniform on `±sqrt(3) * gain / sqrt(fan)`, computed as PyTorch computes it;
    /// `a` is leaky ReLU's negative slope.
    @discardableResult
    public static func kaimingUniform_(_ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn,
                                       nonlinearity: Nonlinearity = .leakyRelu, generator: Generator? = nil) -> Tensor {
        if tensor.shape.contains(0) { return tensor }  // PyTorch warns and leaves an empty tensor alone
        let bound: Double = attempt {
            let std = try gain(nonlinearity, param: a) / (try fan(of: tensor, mode)).squareRoot()
            return 3.0.squareRoot() * std
        }
        return uniform_(tensor, low: -bound, high: bound, generator: generator)
    }

    /// Kaiming He's normal initialization (`nn.init.kaiming_normal_(tensor, a, mode,
    /// nonlinearity)`): standard deviation `gain / sqrt(fan)`.
    @discardableResult
    public static func kaimingNormal_(_ tensor: Tensor, a: Double = 0, mode: FanMode = .fanIn,
                                      nonlinearity: Nonlinearity = .leakyRelu, generator: Generator? = nil) -> Tensor {
        if tensor.shape.contains(0) { return tensor }
        let std: Double = attempt { try gain(nonlinearity, param: a) / (try fan(of: tensor, mode)).squareRoot() }
        return normal_(tensor, mean: 0, std: std, generator: generator)
    }
}
