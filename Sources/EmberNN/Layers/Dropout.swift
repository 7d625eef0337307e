import EmberCore

// MARK: - Dropout

extension Functional {
    /// Zeroes each element with probability `p` and scales the rest by `1 / (1 - p)`
    /// (`F.dropout(input, p=0.5, training=True, inplace=False)`), as PyTorch's CPU path does
    /// (`_dropout_impl`): a noise tensor of the input's dtype filled by `bernoulli_(1 - p)` (PyTorch's
    /// mask for a seed), divided by `1 - p`, then `input * noise`, recorded as `MulBackward0`. Not
    /// training, `p == 0` or an empty input give `input` itself; `p == 1` gives `input * 0`.
    /// `inplace` multiplies `input` in place and returns it.
    public static func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, inplace: Bool = false) -> Tensor {
        attempt {
            guard p >= 0 && p <= 1 else {
                throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
            }
            if p == 0 || !training || input.numel == 0 { return input }
            let noise: Tensor
            if p == 1 {
                noise = Tensor.zeros([], dtype: input.dtype, device: input.device)
            } else {
                noise = Tensor.empty(like: input)  // keeps a dense input's dim order, as empty_like does
                noise.bernoulli_(p: 1 - p)
                noise.div_(1 - p)
            }
            return inplace ? input.mul_(noise) : input * noise
        }
    }
}

/// Zeroes random elements in training (PyTorch's `nn.Dropout`): each with probability `p`, the
/// others scaled by `1 / (1 - p)`; the identity in evaluation mode. See ``Functional/dropout(_:p:training:inplace:)``.
open class Dropout: Module {
    /// The probability of zeroing an element (`p`).
    public let p: Double
    /// Whether the input is overwritten (`inplace`).
    public let inplace: Bool

    /// The layer (`nn.Dropout(p=0.5, inplace=False)`); fails with PyTorch's ValueError for `p`
    /// outside [0, 1].
    public init(p: Double = 0.5, inplace: Bool = false) {
        attemptVoid {
            guard p >= 0 && p <= 1 else {
                throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
            }
        }
        self.p = p
        self.inplace = inplace
        super.init()
    }

    /// `F.dropout(input, p, training, inplace)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.dropout(input, p: p, training: isTraining, inplace: inplace)
    }

    /// `p=0.5, inplace=False`.
    open override var extraRepr: String { "p=\(p), inplace=\(inplace ? "True" : "False")" }
}
