import EmberBackend

// MARK: - Option enums
//
// The options PyTorch spells as strings (`reduce='amax'`, `rounding_mode='floor'`,
// `approximate='tanh'`) are enums here. Each also takes a string literal, so `reduce: "amax"` reads
// as in PyTorch while `reduce: .amax` is checked at compile time. A literal that names no option
// becomes `unrecognized`, which the operation rejects with PyTorch's own error (thrown inside
// `withErrorCapture`, as every other failed check).

extension Tensor {
    /// How `scatter(dim:index:src:reduce:)` and `scatter(dim:index:value:reduce:)` combine a
    /// scattered value with the one already in place (PyTorch's `reduce='add'` or
    /// `reduce='multiply'` of `torch.scatter`).
    public enum ScatterReduction: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The scattered value is added (`reduce='add'`).
        case add
        /// The scattered value multiplies (`reduce='multiply'`).
        case multiply
        /// A string literal that names no reduction; the scatter fails with PyTorch's message.
        case unrecognized(String)

        /// The reduction a PyTorch string names: `"add"` or `"multiply"`; any other string is
        /// kept as `unrecognized`.
        public init(stringLiteral value: String) {
            switch value {
            case "add": self = .add
            case "multiply": self = .multiply
            default: self = .unrecognized(value)
            }
        }

        /// The PyTorch string: `add` or `multiply` (or the unrecognized string).
        public var description: String {
            switch self {
            case .add: "add"
            case .multiply: "multiply"
            case .unrecognized(let name): name
            }
        }
    }

    /// The reduction `scatterReduce(dim:index:src:reduce:includeSelf:)` applies at each scattered
    /// position (PyTorch's `reduce` of `torch.scatter_reduce`: `'sum'`, `'prod'`, `'mean'`,
    /// `'amax'` or `'amin'`).
    public enum Reduction: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
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

        /// The reduction a PyTorch string names: `"sum"`, `"prod"`, `"mean"`, `"amax"` or
        /// `"amin"`; any other string is kept as `unrecognized`.
        public init(stringLiteral value: String) {
            switch value {
            case "sum": self = .sum
            case "prod": self = .prod
            case "mean": self = .mean
            case "amax": self = .amax
            case "amin": self = .amin
            default: self = .unrecognized(value)
            }
        }

        /// The PyTorch string: `sum`, `prod`, `mean`, `amax` or `amin` (or the unrecognized string).
        public var description: String {
            switch self {
            case .sum: "sum"
            case .prod: "prod"
            case .mean: "mean"
            case .amax: "amax"
            case .amin: "amin"
            case .unrecognized(let name): name
            }
        }
    }

    /// How `div(_:roundingMode:)` rounds the quotient (PyTorch's `rounding_mode='trunc'` or
    /// `rounding_mode='floor'` of `torch.div`; leaving it out is `rounding_mode=None`, true division).
    public enum RoundingMode: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// Toward zero, as C's integer division (`rounding_mode='trunc'`).
        case trunc
        /// Toward negative infinity, as Python's `//` (`rounding_mode='floor'`).
        case floor
        /// A string literal that names no rounding mode; the division fails with PyTorch's message.
        case unrecognized(String)

        /// The mode a PyTorch string names: `"trunc"` or `"floor"`; any other string is kept as
        /// `unrecognized`.
        public init(stringLiteral value: String) {
            switch value {
            case "trunc": self = .trunc
            case "floor": self = .floor
            default: self = .unrecognized(value)
            }
        }

        /// The PyTorch string: `trunc` or `floor` (or the unrecognized string).
        public var description: String {
            switch self {
            case .trunc: "trunc"
            case .floor: "floor"
            case .unrecognized(let name): name
            }
        }
    }

    /// The formula `gelu(approximate:)` uses (PyTorch's `approximate='none'` or
    /// `approximate='tanh'` of `torch.nn.functional.gelu`).
    public enum GeluApproximation: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The exact `x * Φ(x)`, with the error function (`approximate='none'`).
        case none
        /// The tanh approximation `0.5 * x * (1 + tanh(√(2/π) * (x + 0.044715 * x³)))`
        /// (`approximate='tanh'`).
        case tanh
        /// A string literal that names no approximation; `gelu` fails with PyTorch's message.
        case unrecognized(String)

        /// The approximation a PyTorch string names: `"none"` or `"tanh"`; any other string is
        /// kept as `unrecognized`.
        public init(stringLiteral value: String) {
            switch value {
            case "none": self = .none
            case "tanh": self = .tanh
            default: self = .unrecognized(value)
            }
        }

        /// The PyTorch string: `none` or `tanh` (or the unrecognized string).
        public var description: String {
            switch self {
            case .none: "none"
            case .tanh: "tanh"
            case .unrecognized(let name): name
            }
        }
    }
}
