import EmberBackend
import EmberCore

// MARK: - Dataset

/// A data set whose elements are reached by position (PyTorch's map-style
/// `torch.utils.data.Dataset`, with `__len__` and `__getitem__`).
///
/// Conform a type by giving it a `count` and a subscript; the subscript may throw (a file that
/// cannot be read), and a `DataLoader` hands that error to the loop that reads the batch:
///
/// ```swift
/// struct Squares: Dataset {
///     var count: Int { 100 }
///     subscript(index: Int) -> (Tensor, Int) { (Tensor([Double(index)]), index * index) }
/// }
/// ```
///
/// A data set is `Sendable`, and so are its elements: a `DataLoader` with `numWorkers > 0` reads
/// it from background threads, at the same time, under grad mode off (see the
/// Data loading article). `Tensor` is `Sendable`; a data set that holds tensors and
/// never writes to them is safe to share.
public protocol Dataset<Element> {
    /// What one position holds (PyTorch's sample).
    associatedtype Element

    /// The number of elements (`len(dataset)`).
    var count: Int { get }

    /// The element at `index`, in `0..<count` (`dataset[index]`).
    subscript(index: Int) -> Element { get throws }

    /// The elements at `indices`, in order (`dataset.__getitems__(indices)`): a data set that
    /// reads a batch faster than one element at a time implements it. By default it reads them
    /// one by one through the subscript.
    func elements(at indices: [Int]) throws -> [Element]
}

extension Dataset {
    /// The elements at `indices`, read one by one through the subscript.
    public func elements(at indices: [Int]) throws -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(indices.count)
        for i in indices { result.append(try self[i]) }
        return result
    }
}

/// An array is a data set of its elements, as a Python list is one for PyTorch
/// (`random_split([...], ...)`, `DataLoader([...])`).
extension Array: Dataset {}

// MARK: - IterableDataset

/// A data set that can only be read in order, as a stream (PyTorch's
/// `torch.utils.data.IterableDataset`): any `Sendable` sequence of `Sendable` elements.
///
/// With `numWorkers > 0`, every worker thread calls `makeIterator()` and reads the whole
/// sequence, as every PyTorch worker process reads its own copy of the data set; a data set that
/// should be read once in all splits the stream with ``WorkerInfo/current``:
///
/// ```swift
/// struct Lines: IterableDataset {
///     let lines: [String]
///     func makeIterator() -> some IteratorProtocol<String> {
///         let worker = WorkerInfo.current           // nil on the loop's own thread
///         let (id, n) = (worker?.id ?? 0, worker?.numWorkers ?? 1)
///         return lines.enumerated().lazy.filter { $0.offset % n == id }.map(\.element).makeIterator()
///     }
/// }
/// ```
public protocol IterableDataset<Element>: Sequence {}

// MARK: - TensorDataset

/// A data set of tensors that share their first dimension; element `i` is the `i`-th row of
/// each (`torch.utils.data.TensorDataset`).
///
/// ```swift
/// let data = TensorDataset(x, y)        // x: [100, 3], y: [100]
/// let row = data[5]                     // [x[5], y[5]]
/// ```
/// The rows are views of the tensors. The default collate of a `DataLoader` stacks them, so a
/// batch is `[xBatch, yBatch]`.
public struct TensorDataset: Dataset, Sendable {
    /// The tensors (`dataset.tensors`).
    public let tensors: [Tensor]

    /// A data set over `tensors`, which must share the size of their first dimension
    /// (`TensorDataset(*tensors)`).
    ///
    /// Fails with PyTorch's `AssertionError` "Size mismatch between tensors" when they do not.
    public init(_ tensors: Tensor...) { self.init(tensors) }

    /// A data set over an array of tensors that share the size of their first dimension.
    public init(_ tensors: [Tensor]) {
        attemptVoid {
            guard let first = tensors.first else { throw TensorError.index("tuple index out of range") }
            for t in tensors {
                guard t.dim > 0 else { throw TensorError.index("Dimension specified as 0 but tensor has no dimensions") }
            }
            if tensors.contains(where: { $0.shape[0] != first.shape[0] }) {
                throw TensorError(.assertionError, "Size mismatch between tensors")
            }
        }
        self.tensors = tensors
    }

    /// The size of the tensors' first dimension (`len(dataset)`).
    public var count: Int { tensors.first.map { $0.dim > 0 ? $0.shape[0] : 0 } ?? 0 }

    /// The `index`-th row of each tensor (`dataset[index]`); a negative index counts from the end.
    public subscript(index: Int) -> [Tensor] {
        tensors.map { $0[index] }
    }
}

// MARK: - Subset

/// The elements of a data set at the given positions (`torch.utils.data.Subset`).
public struct Subset<Base: Dataset>: Dataset {
    /// The whole data set (`subset.dataset`).
    public let dataset: Base
    /// The positions in `dataset` this subset holds, in order (`subset.indices`).
    public let indices: [Int]

    /// The elements of `dataset` at `indices` (`Subset(dataset, indices)`).
    public init(_ dataset: Base, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }

    /// The number of positions (`len(subset)`).
    public var count: Int { indices.count }

    /// The element of the whole data set at `indices[index]`; a negative index counts from the
    /// end. Throws PyTorch's `IndexError` for an index outside the subset.
    public subscript(index: Int) -> Base.Element {
        get throws { try dataset[position(index)] }
    }

    /// The elements at `indices` of the subset, read through the whole data set's
    /// `elements(at:)` (`subset.__getitems__`).
    public func elements(at indices: [Int]) throws -> [Base.Element] {
        try dataset.elements(at: indices.map(position))
    }

    /// The whole data set's position of the subset's `index`.
    private func position(_ index: Int) throws -> Int {
        guard index >= -indices.count && index < indices.count else {
            throw TensorError.index("list index out of range")
        }
        return indices[index < 0 ? index + indices.count : index]
    }
}

// MARK: - ConcatDataset

/// Several data sets one after another (`torch.utils.data.ConcatDataset`).
///
/// The parts share one element type; a data set whose parts differ can map them to a common
/// type first, or use an enum as its element.
public struct ConcatDataset<Part: Dataset>: Dataset {
    /// The parts, in order (`dataset.datasets`).
    public let datasets: [Part]
    /// The running totals of the parts' counts (`dataset.cumulative_sizes`).
    public let cumulativeSizes: [Int]

    /// The parts of `datasets` one after another (`ConcatDataset(datasets)`).
    ///
    /// Fails with PyTorch's `AssertionError` when `datasets` is empty.
    public init(_ datasets: [Part]) {
        attemptVoid {
            if datasets.isEmpty { throw TensorError(.assertionError, "datasets should not be an empty iterable") }
        }
        self.datasets = datasets
        var total = 0
        cumulativeSizes = datasets.map { total += $0.count; return total }
    }

    /// The sum of the parts' counts (`len(dataset)`).
    public var count: Int { cumulativeSizes.last ?? 0 }

    /// The element at `index` of the concatenation; a negative index counts from the end.
    ///
    /// Throws PyTorch's `ValueError` for a negative index past the start and an `IndexError`
    /// past the end.
    public subscript(index: Int) -> Part.Element {
        get throws {
            var idx = index
            if idx < 0 {
                if -idx > count {
                    throw TensorError.value("absolute value of index should not exceed dataset length")
                }
                idx += count
            }
            // bisect_right(cumulativeSizes, idx)
            var lo = 0, hi = cumulativeSizes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if idx < cumulativeSizes[mid] { hi = mid } else { lo = mid + 1 }
            }
            guard lo < datasets.count else { throw TensorError.index("list index out of range") }
            return try datasets[lo][lo == 0 ? idx : idx - cumulativeSizes[lo - 1]]
        }
    }
}

extension Subset: Sendable where Base: Sendable {}
extension ConcatDataset: Sendable where Part: Sendable {}
