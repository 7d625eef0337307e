import EmberCore

// MARK: - Spatial size arguments

/// A size, stride, padding or dilation of a convolution or pooling layer: one number for every
/// spatial dim (`3`) or one per dim (`[3, 5]`), as PyTorch's layers take an `int` or a tuple.
/// It prints as it was given, as PyTorch's reprs do.
public struct SpatialSize: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The numbers given.
    public var values: [Int]

    /// One number or one per dim.
    public init(_ values: [Int]) { self.values = values }
    /// `kernelSize: 3`.
    public init(integerLiteral value: Int) { values = [value] }
    /// `kernelSize: [3, 5]`.
    public init(arrayLiteral elements: Int...) { values = elements }

    /// The numbers for `dims` spatial dims.
    public func expanded(to dims: Int) -> [Int] {
        values.count == 1 ? Array(repeating: values[0], count: dims) : values
    }

    /// `3` or `(3, 5)`.
    public var description: String { values.count == 1 ? "\(values[0])" : pythonTuple(values) }
}
