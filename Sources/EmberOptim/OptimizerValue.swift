import EmberCore

// MARK: - OptimizerValue

/// One value of a parameter group in an optimizer's state dict: the Python objects PyTorch puts in
/// `state_dict()["param_groups"]` (a float such as `lr`, a flag such as `amsgrad`, a tuple of
/// floats such as `betas`, the list of parameter indices under `params`).
///
/// Literals make one: `0.01`, `true`, `[0.9, 0.999]`.
public enum OptimizerValue: Sendable, Hashable, CustomStringConvertible, ExpressibleByFloatLiteral,
                            ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    /// A Python `float` (`lr`, `eps`, `weight_decay`, ...).
    case double(Double)
    /// A Python `int`; read as a float where the option is one (PyTorch's default `weight_decay`
    /// is the int `0`).
    case int(Int)
    /// A Python `bool` (`amsgrad`, `maximize`, `nesterov`, ...).
    case bool(Bool)
    /// A tuple of floats (`betas`).
    case doubles([Double])
    /// A list of ints (`params`, the indices of the group's parameters).
    case ints([Int])

    /// `.double(value)`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// `.int(value)`.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// `.bool(value)`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `.doubles(elements)`.
    public init(arrayLiteral elements: Double...) { self = .doubles(elements) }

    /// The value as Python prints it (`0.001`, `True`, `(0.9, 0.999)`, `[0, 1]`).
    public var description: String {
        switch self {
        case .double(let x): "\(x)"
        case .int(let i): "\(i)"
        case .bool(let b): b ? "True" : "False"
        case .doubles(let xs): "(" + xs.map { OptimizerValue.double($0).description }.joined(separator: ", ")
            + (xs.count == 1 ? ",)" : ")")
        case .ints(let xs): "[" + xs.map(String.init).joined(separator: ", ") + "]"
        }
    }

    /// The value as a float: a `double`, or an `int` widened; `nil` otherwise.
    public var doubleValue: Double? {
        switch self {
        case .double(let x): x
        case .int(let i): Double(i)
        default: nil
        }
    }
}

// MARK: - Reading options

extension Dictionary where Key == String, Value == OptimizerValue {
    /// Sets `value` from the float (or int) under `key`; leaves it when there is none.
    package func read(_ key: String, into value: inout Double) throws(TensorError) {
        guard let entry = self[key] else { return }
        guard let x = entry.doubleValue else { throw mismatch(key, entry, "a float") }
        value = x
    }

    /// Sets `value` from the flag under `key`; leaves it when there is none.
    package func read(_ key: String, into value: inout Bool) throws(TensorError) {
        guard let entry = self[key] else { return }
        guard case .bool(let b) = entry else { throw mismatch(key, entry, "a bool") }
        value = b
    }

    /// Sets `value` from the pair of floats under `key`; leaves it when there is none.
    package func read(_ key: String, into value: inout (Double, Double)) throws(TensorError) {
        guard let entry = self[key] else { return }
        guard case .doubles(let xs) = entry, xs.count == 2 else { throw mismatch(key, entry, "a tuple of 2 floats") }
        value = (xs[0], xs[1])
    }

    private func mismatch(_ key: String, _ entry: OptimizerValue, _ expected: String) -> TensorError {
        TensorError.type("param_groups option '\(key)' must be \(expected), not \(entry)")
    }
}
