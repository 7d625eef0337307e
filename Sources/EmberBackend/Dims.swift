import Synchronization

// MARK: - Dims

/// A short list of sizes or strides: a plain value with no heap storage, so layouts copy as bits.
///
/// Up to 8 entries live inline. Longer lists (rare: 9-D tensors and up) are interned in a
/// process-wide table and the inline storage holds their id, which keeps `Dims` a trivial type;
/// See Note [Long shapes] below.
@usableFromInline package struct Dims: RandomAccessCollection, MutableCollection, Hashable, Sendable,
    ExpressibleByArrayLiteral, CustomStringConvertible
{
    /// The number of entries stored inline.
    @usableFromInline package static let inlineCapacity = 8

    @usableFromInline var inline: InlineArray<8, Int>
    @usableFromInline var _count: Int
    /// The number of entries.
    @inlinable package var count: Int { _count }

    /// An empty list (the shape of a 0-dim tensor).
    @inlinable package init() {
        inline = InlineArray(repeating: 0)
        _count = 0
    }

    /// `count` copies of `value`.
    @inlinable package init(repeating value: Int, count: Int) {
        if count <= 8 {
            inline = InlineArray(repeating: value)
            _count = count
        } else {
            inline = InlineArray(repeating: 0)
            _count = count
            inline[0] = LongDims.intern(Array(repeating: value, count: count))
        }
    }

    /// The entries of any integer sequence.
    @inlinable package init<S: Sequence>(_ values: S) where S.Element == Int {
        self.init()
        var overflow: [Int]? = nil
        for v in values {
            if _count < 8 {
                inline[_count] = v
            } else {
                if overflow == nil { overflow = (0..<8).map { inline[$0] } }
                overflow!.append(v)
            }
            _count += 1
        }
        if let overflow { inline[0] = LongDims.intern(overflow) }
    }

    @usableFromInline package init(arrayLiteral elements: Int...) { self.init(elements) }

    @inlinable package var startIndex: Int { 0 }
    @inlinable package var endIndex: Int { _count }

    @inlinable package subscript(position: Int) -> Int {
        @inline(__always) get { _count <= 8 ? inline[position] : LongDims.values(inline[0])[position] }
        @inline(__always) set {
            if _count <= 8 {
                inline[position] = newValue
            } else {
                var values = LongDims.values(inline[0])
                values[position] = newValue
                inline[0] = LongDims.intern(values)
            }
        }
    }

    /// Appends an entry.
    @inlinable package mutating func append(_ value: Int) {
        if _count < 8 {
            inline[_count] = value
            _count += 1
        } else {
            self = Dims(Array(self) + [value])
        }
    }

    /// Inserts an entry at `index`.
    @inlinable package mutating func insert(_ value: Int, at index: Int) {
        var values = Array(self)
        values.insert(value, at: index)
        self = Dims(values)
    }

    /// Removes the entry at `index`.
    @inlinable @discardableResult package mutating func remove(at index: Int) -> Int {
        var values = Array(self)
        let removed = values.remove(at: index)
        self = Dims(values)
        return removed
    }

    /// The product of the entries (1 for an empty list).
    @inlinable package var product: Int {
        var p = 1
        for i in 0..<_count { p &*= self[i] }
        return p
    }

    @inlinable package static func == (lhs: Dims, rhs: Dims) -> Bool {
        guard lhs._count == rhs._count else { return false }
        if lhs._count > 8 { return lhs.inline[0] == rhs.inline[0] }  // interned: equal lists share an id
        for i in 0..<lhs._count where lhs.inline[i] != rhs.inline[i] { return false }
        return true
    }

    @usableFromInline package func hash(into hasher: inout Hasher) {
        hasher.combine(_count)
        for v in self { hasher.combine(v) }
    }

    /// `[2, 3]`, as PyTorch prints sizes in messages.
    @usableFromInline package var description: String { "[" + map(String.init).joined(separator: ", ") + "]" }
}

// Note [Long shapes]
//
// Ember keeps `Dims` (and so `Layout`, `StridedBuffer` and every kernel argument) free of
// references: a reference would make each copy a retain and release, which costs more than
// the small operation itself. Lists longer than 8 entries are therefore interned here: each
// distinct list is stored once, for the life of the process, and `Dims` carries its id. The
// table grows with the number of distinct long shapes a program uses, which is small in practice.

/// The process-wide table of interned long `Dims` lists.
@usableFromInline
enum LongDims {
    private struct Table {
        var lists: [[Int]] = []
        var ids: [[Int]: Int] = [:]
    }
    private static let table = Mutex(Table())

    /// The id of `values`, adding it to the table on first use.
    @usableFromInline static func intern(_ values: [Int]) -> Int {
        table.withLock { table in
            if let id = table.ids[values] { return id }
            table.lists.append(values)
            table.ids[values] = table.lists.count - 1
            return table.lists.count - 1
        }
    }

    /// The list with the given id.
    @usableFromInline static func values(_ id: Int) -> [Int] {
        table.withLock { $0.lists[id] }
    }
}
