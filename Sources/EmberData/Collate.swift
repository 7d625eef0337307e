import EmberBackend
import EmberCore

// MARK: - Collatable

/// A type whose values a `DataLoader` can join into a batch by default (the types
/// `torch.utils.data.default_collate` handles).
///
/// | Element | Batch | PyTorch |
/// | --- | --- | --- |
/// | `Tensor` | the tensors stacked along a new first dim | `torch.stack(batch)` |
/// | `Double` | a float64 tensor | `torch.tensor(batch, dtype=torch.float64)` |
/// | `Float` | a float32 tensor | a NumPy float32 scalar's `torch.as_tensor` |
/// | `Int`, `Int64`, `Int32` | an int64 (int32) tensor | `torch.tensor(batch)` |
/// | `Bool` | a bool tensor | `torch.tensor(batch)` |
/// | `String` | the array of strings | the list |
/// | `[T]` | one batch per position: `[T.Collated]` | a list of collated columns |
/// | `[K: V]` | one batch per key: `[K: V.Collated]` | a dict of collated values |
///
/// Pairs and triples of collatable values (a data set of `(image, label)`) are collated
/// position by position into a tuple by the `DataLoader` initializers and `defaultCollate(_:)`
/// overloads, as PyTorch collates a tuple element into a list. Conform your own element type by
/// saying how a batch of it is joined.
public protocol Collatable {
    /// What a batch of these values becomes.
    associatedtype Collated

    /// Joins a non-empty batch of values (`default_collate(batch)`).
    static func collate(_ batch: [Self]) throws -> Collated
}

extension Tensor: Collatable {
    /// The tensors stacked along a new first dimension (`torch.stack(batch, 0)`); fails with
    /// `stack`'s message when their shapes differ.
    public static func collate(_ batch: [Tensor]) throws -> Tensor {
        try withErrorCapture { Tensor.stack(batch) }
    }
}

extension Double: Collatable {
    /// A float64 tensor of the numbers (`torch.tensor(batch, dtype=torch.float64)`).
    public static func collate(_ batch: [Double]) throws -> Tensor { try withErrorCapture { Tensor(batch, dtype: .float64) } }
}

extension Float: Collatable {
    /// A float32 tensor of the numbers.
    public static func collate(_ batch: [Float]) throws -> Tensor { try withErrorCapture { Tensor(batch, dtype: .float32) } }
}

extension Int: Collatable {
    /// An int64 tensor of the numbers (`torch.tensor(batch)`).
    public static func collate(_ batch: [Int]) throws -> Tensor { try withErrorCapture { Tensor(batch) } }
}

extension Int64: Collatable {
    /// An int64 tensor of the numbers.
    public static func collate(_ batch: [Int64]) throws -> Tensor { try withErrorCapture { Tensor(batch) } }
}

extension Int32: Collatable {
    /// An int32 tensor of the numbers.
    public static func collate(_ batch: [Int32]) throws -> Tensor { try withErrorCapture { Tensor(batch) } }
}

extension Bool: Collatable {
    /// A bool tensor of the values (`torch.tensor(batch)`).
    public static func collate(_ batch: [Bool]) throws -> Tensor { try withErrorCapture { Tensor(batch) } }
}

extension String: Collatable {
    /// The strings themselves, as PyTorch leaves a batch of `str`.
    public static func collate(_ batch: [String]) throws -> [String] { batch }
}

extension Array: Collatable where Element: Collatable {
    /// One collated batch per position: `[collate(batch.map { $0[0] }), collate(batch.map { $0[1] }), ...]`.
    ///
    /// Throws PyTorch's `RuntimeError` "each element in list of batch should be of equal size"
    /// when the arrays' lengths differ.
    public static func collate(_ batch: [[Element]]) throws -> [Element.Collated] {
        guard let first = batch.first else { throw TensorError.index("list index out of range") }
        guard batch.allSatisfy({ $0.count == first.count }) else {
            throw TensorError.runtime("each element in list of batch should be of equal size")
        }
        return try first.indices.map { j in try Element.collate(batch.map { $0[j] }) }
    }
}

extension Dictionary: Collatable where Value: Collatable {
    /// One collated batch per key of the first element (`{key: collate([d[key] for d in batch])}`).
    ///
    /// Throws PyTorch's `KeyError` when an element lacks one of the first element's keys.
    public static func collate(_ batch: [[Key: Value]]) throws -> [Key: Value.Collated] {
        guard let first = batch.first else { throw TensorError.index("list index out of range") }
        var result: [Key: Value.Collated] = [:]
        for key in first.keys {
            let column = try batch.map { element in
                guard let value = element[key] else { throw TensorError(.keyError, "'\(key)'") }
                return value
            }
            result[key] = try Value.collate(column)
        }
        return result
    }
}

// MARK: - defaultCollate

/// Joins a batch of elements into one value (`torch.utils.data.default_collate(batch)`): tensors
/// are stacked, numbers become tensors, arrays and dictionaries are collated position by
/// position and key by key (see ``Collatable``).
///
/// Throws PyTorch's error when the elements do not fit together (tensors of different shapes,
/// arrays of different lengths), and an `IndexError` for an empty batch.
public func defaultCollate<T: Collatable>(_ batch: [T]) throws -> T.Collated {
    guard !batch.isEmpty else { throw TensorError.index("list index out of range") }
    return try T.collate(batch)
}

/// Joins a batch of pairs into a pair of batches (`default_collate` of `(a, b)` samples):
/// `(defaultCollate(batch.map(\.0)), defaultCollate(batch.map(\.1)))`.
public func defaultCollate<A: Collatable, B: Collatable>(_ batch: [(A, B)]) throws -> (A.Collated, B.Collated) {
    (try defaultCollate(batch.map(\.0)), try defaultCollate(batch.map(\.1)))
}

/// Joins a batch of triples into a triple of batches (`default_collate` of `(a, b, c)` samples).
public func defaultCollate<A: Collatable, B: Collatable, C: Collatable>(
    _ batch: [(A, B, C)]
) throws -> (A.Collated, B.Collated, C.Collated) {
    (try defaultCollate(batch.map(\.0)), try defaultCollate(batch.map(\.1)), try defaultCollate(batch.map(\.2)))
}
