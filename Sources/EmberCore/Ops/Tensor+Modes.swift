import EmberBackend

// MARK: - Option enums
//
// The options PyTorch spells as strings (`reduce='amax'`, `rounding_mode='floor'`,
// `approximate='tanh'`) are enums here. Each also takes a string literal, so `reduce: "amax"` reads
// as in PyTorch while `reduce: .amax` is checked at compile time. A literal that names no option
// becomes `unrecognized`, which the operation rejects with PyTorch's own error (thrown inside
// `withErrorCapture`, as every other failed check).

/// An option PyTorch spells as a string (`reduce='amax'`): written `.amax` or `"amax"`, printed
/// as PyTorch's string. A string that names no option becomes `unrecognized`, which the operation
/// taking it rejects with PyTorch's message.
public protocol PyTorchStringOption: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Every option with PyTorch's string for it.
    static var spellings: [(option: Self, name: String)] { get }
    /// A string that names no option.
    static func unrecognized(_ name: String) -> Self
}

extension PyTorchStringOption {
    /// The option PyTorch's string names, or `unrecognized` when it names none.
    public init(stringLiteral value: String) {
        self = Self.spellings.first { $0.name == value }?.option ?? .unrecognized(value)
    }

    /// PyTorch's string for the option (an unrecognized one as it was written).
    public var description: String {
        if let known = Self.spellings.first(where: { $0.option == self }) { return known.name }
        // `unrecognized(name)`: the case's one payload.
        return Mirror(reflecting: self).children.first?.value as? String ?? ""
    }
}

extension Tensor {
    /// How `scatter(dim:index:src:reduce:)` and `scatter(dim:index:value:reduce:)` combine a
    /// scattered value with the one already in place (PyTorch's `reduce='add'` or
    /// `reduce='multiply'` of `torch.scatter`).
    public enum ScatterReduction: PyTorchStringOption {
        /// The scattered value is added (`reduce='add'`).
        case add
        /// The scattered value multiplies (`reduce='multiply'`).
        case multiply
        /// A string literal that names no reduction; the scatter fails with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [(.add, "add"), (.multiply, "multiply")]
    }

    /// The reduction `scatterReduce(dim:index:src:reduce:includeSelf:)` applies at each scattered
    /// position (PyTorch's `reduce` of `torch.scatter_reduce`: `'sum'`, `'prod'`, `'mean'`,
    /// `'amax'` or `'amin'`).
    public enum Reduction: PyTorchStringOption {
        /// The values are summed (`reduce='sum'`).
        case sum
        /// The values are multiplied (`reduce='prod'`).
        case prod
        /// The values are averaged; integers round down (`reduce='mean'`).
        case mean
        /// The largest value is kept; NaN wins (`reduce='amax'`).
        case amax
        /// The smallest value is kept; NaN wins (`reduce='amin'`).
        case amin
        /// A string literal that names no reduction; the scatter fails with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [(.sum, "sum"), (.prod, "prod"), (.mean, "mean"), (.amax, "amax"), (.amin, "amin")]
    }

    /// How `div(_:roundingMode:)` rounds the quotient (PyTorch's `rounding_mode='trunc'` or
    /// `rounding_mode='floor'` of `torch.div`; leaving it out is `rounding_mode=None`, true division).
    public enum RoundingMode: PyTorchStringOption {
        /// Toward zero, as C's integer division (`rounding_mode='trunc'`).
        case trunc
        /// Toward negative infinity, as Python's `//` (`rounding_mode='floor'`).
        case floor
        /// A string literal that names no rounding mode; the division fails with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [(.trunc, "trunc"), (.floor, "floor")]
    }

    /// The formula `gelu(approximate:)` uses (PyTorch's `approximate='none'` or
    /// `approximate='tanh'` of `torch.nn.functional.gelu`).
    public enum GeluApproximation: PyTorchStringOption {
        /// The exact `x * Φ(x)`, with the error function (`approximate='none'`).
        case none
        /// The tanh approximation `0.5 * x * (1 + tanh(√(2/π) * (x + 0.044715 * x³)))`
        /// (`approximate='tanh'`).
        case tanh
        /// A string literal that names no approximation; `gelu` fails with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [(.none, "none"), (.tanh, "tanh")]
    }
}
