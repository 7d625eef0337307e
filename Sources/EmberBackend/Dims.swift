// MARK: - Dims

/// A short list of sizes or strides, stored inline up to 8 entries (no heap allocation per tensor);
/// longer lists spill to an array.
public struct Dims: RandomAccessCollection, MutableCollection, Hashable, Sendable,
    ExpressibleByArrayLiteral, CustomStringConvertible
{
    /// The number of entries stored inline.
    public static let inlineCapacity = 8

    @usableFromInline var inline: InlineArray<8, Int>
    @usableFromInline var spill: [Int]
    @usableFromInline var _count: Int
    /// The number of entries.
    @inlinable public var count: Int { _count }

    /// An empty list (the shape of a 0-dim tensor).
    @inlinable public init() {
        inline = InlineArray(repeating: 0)
        spill = []
        _count = 0
    }

    /// `count` copies of `value`.
    @inlinable public init(repeating value: Int, count: Int) {
        self.init()
        for _ in 0..<count { append(value) }
    }

    /// The entries of any integer sequence.
    @inlinable public init<S: Sequence>(_ values: S) where S.Element == Int {
        self.init()
        for v in values { append(v) }
    }

    public init(arrayLiteral elements: Int...) { self.init(elements) }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable public subscript(position: Int) -> Int {
        @inline(__always) get { count <= 8 ? inline[position] : spill[position] }
        @inline(__always) set {
            if count <= 8 { inline[position] = newValue } else { spill[position] = newValue }
        }
    }

    /// Appends an entry.
    @inlinable public mutating func append(_ value: Int) {
        if count < 8 {
            inline[count] = value
        } else {
            if count == 8 { spill = (0..<8).map { inline[$0] } }
            spill.append(value)
        }
        _count += 1
    }

    /// Inserts an entry at `index`.
    @inlinable public mutating func insert(_ value: Int, at index: Int) {
        var copy = Dims()
        for i in 0..<count {
            if i == index { copy.append(value) }
            copy.append(self[i])
        }
        if index == count { copy.append(value) }
        self = copy
    }

    /// Removes the entry at `index`.
    @inlinable @discardableResult public mutating func remove(at index: Int) -> Int {
        let removed = self[index]
        var copy = Dims()
        for i in 0..<count where i != index { copy.append(self[i]) }
        self = copy
        return removed
    }

    /// The product of the entries (1 for an empty list).
    @inlinable public var product: Int {
        var p = 1
        for i in 0..<count { p &*= self[i] }
        return p
    }

    @inlinable public static func == (lhs: Dims, rhs: Dims) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for i in 0..<lhs.count where lhs[i] != rhs[i] { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for v in self { hasher.combine(v) }
    }

    /// `[2, 3]`, as PyTorch prints sizes in messages.
    public var description: String { "[" + map(String.init).joined(separator: ", ") + "]" }
}
