import EmberCore

// MARK: - Initialization

/// The `torch.nn.init` functions: they fill a tensor in place without recording autograd,
/// drawing from Ember's generator in PyTorch's order, so a seeded layer holds PyTorch's values.
public enum Init {
    /// The fan-in and fan-out of a weight (`_calculate_fan_in_and_fan_out`): `size(1)` and `size(0)`
    /// times the size of one receptive field (the product of the dims after the first two).
    public static func fans(of tensor: Tensor) -> (fanIn: Int, fanOut: Int) {
        let receptive: Int = attempt {
            guard tensor.dim >= 2 else {
                throw TensorError.value("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
            }
            return tensor.shape.dropFirst(2).reduce(1, *)
        }
        guard tensor.dim >= 2 else { return (0, 0) }
        return (tensor.size(1) * receptive, tensor.size(0) * receptive)
    }

    /// Fills with uniform samples from `[low, high)` (`nn.init.uniform_`).
    @discardableResult
    public static func uniform_(_ tensor: Tensor, low: Double = 0, high: Double = 1, generator: Generator? = nil) -> Tensor {
        withNoGrad { tensor.uniform_(from: low, to: high, generator: generator) }
    }

    /// Kaiming He's uniform initialization for `leaky_relu` with negative slope `a`
    /// (`nn.init.kaiming_uniform_(tensor, a, mode='fan_in')`): uniform on `[-bound, bound]` with
    /// `bound = sqrt(3) * sqrt(2 / (1 + a^2)) / sqrt(fan_in)`, computed as PyTorch computes it.
    @discardableResult
    public static func kaimingUniform_(_ tensor: Tensor, a: Double = 0, generator: Generator? = nil) -> Tensor {
        if tensor.shape.contains(0) { return tensor }  // PyTorch warns and leaves an empty tensor alone
        let fan = Double(fans(of: tensor).fanIn)
        let gain = (2.0 / (1 + a * a)).squareRoot()
        let std = gain / fan.squareRoot()
        let bound = 3.0.squareRoot() * std
        return uniform_(tensor, low: -bound, high: bound, generator: generator)
    }
}
