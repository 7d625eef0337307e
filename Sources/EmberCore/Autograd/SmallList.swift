// MARK: - SmallList

// Note [Small lists in nodes]
// Almost every node has one or two inputs and one output, and saves at most two tensors. Arrays
// for its edges, metadata and saved tensors would cost an allocation each, per recorded op, and
// again for the gradients passed in and out of its backward. A `SmallList` keeps up to two
// elements inside the value (so inside the node's own allocation, or on the stack) and moves
// them into an array only from the third on: a one- or two-input op allocates nothing for them.

/// A list whose first two elements live inline; longer lists are kept in an array
/// (see Note [Small lists in nodes]).
package struct SmallList<Element>: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral {
    /// Elements 0 and 1 while `count <= 2`; unused (nil) otherwise.
    @usableFromInline var slot0: Element?
    @usableFromInline var slot1: Element?
    /// Every element once `count > 2`; empty (no allocation) otherwise.
    @usableFromInline var spill: [Element]
    /// The number of elements.
    package private(set) var count: Int

    /// An empty list.
    @inlinable package init() {
        slot0 = nil
        slot1 = nil
        spill = []
        count = 0
    }

    /// A list of one element.
    @inlinable package init(_ a: Element) {
        slot0 = a
        slot1 = nil
        spill = []
        count = 1
    }

    /// A list of two elements.
    @inlinable package init(_ a: Element, _ b: Element) {
        slot0 = a
        slot1 = b
        spill = []
        count = 2
    }

    /// The elements of `elements`, in order.
    @inlinable package init<S: Sequence>(_ elements: S) where S.Element == Element {
        self.init()
        for element in elements { append(element) }
    }

    /// The elements of an array, which a long list keeps as it is.
    @inlinable package init(_ elements: [Element]) {
        switch elements.count {
        case 0: self.init()
        case 1: self.init(elements[0])
        case 2: self.init(elements[0], elements[1])
        default:
            self.init()
            spill = elements
            count = elements.count
        }
    }

    @inlinable package init(arrayLiteral elements: Element...) { self.init(elements) }

    @inlinable package var startIndex: Int { 0 }
    @inlinable package var endIndex: Int { count }

    @inlinable package subscript(position: Int) -> Element {
        get {
            if count > 2 { return spill[position] }
            precondition(position >= 0 && position < count, "SmallList index out of range")
            return position == 0 ? slot0! : slot1!
        }
        set {
            if count > 2 {
                spill[position] = newValue
                return
            }
            precondition(position >= 0 && position < count, "SmallList index out of range")
            if position == 0 { slot0 = newValue } else { slot1 = newValue }
        }
    }

    /// Appends an element.
    @inlinable package mutating func append(_ element: Element) {
        switch count {
        case 0: slot0 = element
        case 1: slot1 = element
        case 2:
            spill = [slot0.take()!, slot1.take()!, element]
        default: spill.append(element)
        }
        count += 1
    }

    /// Removes every element.
    @inlinable package mutating func removeAll() { self = SmallList() }

    /// The elements as an array.
    @inlinable package var array: [Element] { count > 2 ? spill : Array(self) }
}

extension SmallList {
    /// Moves element `position` out of an optional list, leaving `nil` (without the retain and
    /// release that reading it and then clearing it would cost).
    @inlinable package mutating func take<Wrapped>(_ position: Int) -> Wrapped? where Element == Wrapped? {
        if count > 2 { return spill[position].take() }
        precondition(position >= 0 && position < count, "SmallList index out of range")
        return position == 0 ? slot0!.take() : slot1!.take()
    }
}

// MARK: - MetadataList

/// The metadata of a node's inputs (`nil` for an input that needs no gradient) or outputs, the
/// first two inline (see Note [Small lists in nodes]). Not a `SmallList`: a generic list of a
/// value as large as `TensorMetadata` is copied and destroyed through its type's generic value
/// operations, which cost more than the rest of a small op's recording.
package struct MetadataList: RandomAccessCollection {
    @usableFromInline var first: TensorMetadata? = nil
    @usableFromInline var second: TensorMetadata? = nil
    /// Every entry once `count > 2`; empty (no allocation) otherwise.
    @usableFromInline var spill: [TensorMetadata?] = []
    /// The number of entries.
    package private(set) var count = 0

    /// An empty list.
    @inlinable package init() {}

    /// A list of one entry.
    @inlinable package init(_ metadata: TensorMetadata?) {
        self.init()
        append(metadata)
    }

    /// The entries of `entries`, in order.
    @inlinable package init<S: Sequence>(_ entries: S) where S.Element == TensorMetadata? {
        self.init()
        for entry in entries { append(entry) }
    }

    @inlinable package var startIndex: Int { 0 }
    @inlinable package var endIndex: Int { count }

    @inlinable package subscript(position: Int) -> TensorMetadata? {
        if count > 2 { return spill[position] }
        precondition(position >= 0 && position < count, "MetadataList index out of range")
        return position == 0 ? first : second
    }

    /// Appends an entry.
    @inlinable package mutating func append(_ metadata: TensorMetadata?) {
        switch count {
        case 0: first = metadata
        case 1: second = metadata
        case 2: spill = [first, second, metadata]
        default: spill.append(metadata)
        }
        count += 1
    }
}

// MARK: - SavedTensors

/// The tensors a node saved, the first two inline (see Note [Small lists in nodes]); concrete
/// for the same reason as `MetadataList`.
package struct SavedTensors {
    @usableFromInline var first: SavedTensor? = nil
    @usableFromInline var second: SavedTensor? = nil
    /// The tensors after the first two (rarely any: no allocation then).
    @usableFromInline var rest: [SavedTensor] = []

    /// No tensors.
    @inlinable package init() {}

    /// Whether no tensor is saved.
    @inlinable package var isEmpty: Bool { first == nil }

    /// The number of tensors.
    @inlinable package var count: Int { first == nil ? 0 : second == nil ? 1 : 2 + rest.count }

    /// Appends a tensor.
    @inlinable package mutating func append(_ saved: SavedTensor) {
        if first == nil {
            first = saved
        } else if second == nil {
            second = saved
        } else {
            rest.append(saved)
        }
    }

    /// Drops every tensor, in place.
    @inlinable package mutating func removeAll() {
        first = nil
        second = nil
        if !rest.isEmpty { rest = [] }
    }

    /// Runs `body` on each saved tensor in order, in place.
    @inlinable package mutating func forEach<E: Error>(_ body: (inout SavedTensor) throws(E) -> Void) throws(E) {
        if first != nil { try body(&first!) }
        if second != nil { try body(&second!) }
        // Guarded: a mutable walk of the shared empty array would copy it first.
        if !rest.isEmpty { for i in rest.indices { try body(&rest[i]) } }
    }
}
