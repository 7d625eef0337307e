import EmberBackend
import EmberCore

// MARK: - DataLoader

/// Batches of a data set, one epoch per iteration (`torch.utils.data.DataLoader`).
///
/// ```swift
/// let loader = DataLoader(TensorDataset(x, y), batchSize: 32, shuffle: true,
///                         generator: EmberBackend.Generator(seed: 0))
/// for epoch in 1...10 {
///     for batch in loader {                 // batch: [xBatch, yBatch]
///         let loss = lossFunction(model(batch[0]), batch[1])
///         ...
///     }
/// }
/// ```
///
/// Each `makeIterator()` (each `for` loop) is one epoch. A shuffled loader draws its order as
/// PyTorch's does for the same seed: every epoch first draws a base seed from `generator` (or
/// `Generator.default`), then the sampler draws its permutation, so a `Generator(seed: s)` gives
/// PyTorch's batches for `torch.Generator().manual_seed(s)`, epoch after epoch, and after
/// `manualSeed(s)` a loader without a generator gives PyTorch's batches after
/// `torch.manual_seed(s)`. Like PyTorch's, an unshuffled loader also draws that base seed, so
/// an epoch moves the default generator on by one 64-bit draw.
///
/// With `numWorkers > 0`, batches are read and collated ahead on background threads, up to
/// `prefetchFactor` batches per worker, and still arrive in the sampler's order. Worker threads
/// run with grad mode off (see the Data loading article).
///
/// Errors: an element that cannot be read (the data set's subscript throws, or a tensor operation
/// in it fails) or a batch that cannot be collated reaches the loop that reads that batch.
/// ``Iterator/nextBatch()`` throws it; a `for` loop, which cannot throw, stops the program with
/// the error's message as an uncaught PyTorch exception does, or, inside `withErrorCapture`,
/// ends the loop and has the scope throw it.
public struct DataLoader<Sample: Sendable, Batch: Sendable>: Sequence, KnownLength {
    /// The number of elements in a batch (`loader.batch_size`); `nil` when a batch sampler
    /// decides.
    public let batchSize: Int?
    /// Whether the last, short batch is left out (`loader.drop_last`).
    public let dropLast: Bool
    /// The number of background threads that load batches (`loader.num_workers`); 0 loads on
    /// the iterating thread.
    public let numWorkers: Int
    /// The number of batches each worker loads ahead (`loader.prefetch_factor`); `nil` without
    /// workers.
    public let prefetchFactor: Int?
    /// The generator of the base seed and of the shuffle (`loader.generator`); `nil` uses
    /// `Generator.default`.
    public let generator: EmberBackend.Generator?
    /// The number of batches in an epoch (`len(loader)`). For an ``IterableDataset`` it is
    /// computed from the sequence's `underestimatedCount`, as PyTorch computes it from
    /// `len(dataset)`.
    public let count: Int

    let source: Source
    let collate: @Sendable ([Sample]) throws -> Batch

    /// Where the elements come from.
    enum Source {
        /// A map-style data set: batches of positions from a batch sampler, then a fetch.
        case positions(batches: () -> AnyIterator<[Int]>, fetch: @Sendable ([Int]) throws -> [Sample])
        /// An iterable data set: a new stream per epoch (per worker).
        case stream(make: @Sendable () -> AnyIterator<Sample>)
    }

    // MARK: Map-style data sets

    /// A loader of batches of `dataset`, joined by `collate`
    /// (`DataLoader(dataset, batch_size, shuffle, sampler, batch_sampler, num_workers,
    /// collate_fn, drop_last, generator=, prefetch_factor=)`).
    ///
    /// - Parameters:
    ///   - dataset: the data set to read.
    ///   - batchSize: elements per batch.
    ///   - shuffle: draw a new random order every epoch (a ``RandomSampler``).
    ///   - sampler: the order of the positions; excludes `shuffle`.
    ///   - batchSampler: the batches of positions; excludes `batchSize`, `shuffle`, `sampler`
    ///     and `dropLast`.
    ///   - numWorkers: background threads that load batches ahead.
    ///   - collate: joins the elements of a batch.
    ///   - dropLast: leave out the last batch when it is short.
    ///   - generator: the generator of the base seed and the shuffle.
    ///   - prefetchFactor: batches loaded ahead per worker (2 by default with workers).
    ///
    /// Fails with PyTorch's `ValueError`s for a negative `numWorkers`, a `prefetchFactor` without
    /// workers or below 1, `sampler` with `shuffle`, `batchSampler` with the options it
    /// excludes, and a `batchSize` below 1.
    public init<D: Dataset & Sendable>(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false, sampler: (any Sampler<Int>)? = nil,
        batchSampler: (any Sampler<[Int]>)? = nil, numWorkers: Int = 0,
        collate: @escaping @Sendable ([Sample]) throws -> Batch, dropLast: Bool = false,
        generator: EmberBackend.Generator? = nil, prefetchFactor: Int? = nil
    ) where D.Element == Sample {
        let prefetch = Self.checkWorkers(numWorkers, prefetchFactor)
        let options: (batchSize: Int?, dropLast: Bool)? = attempt {
            if sampler != nil && shuffle { throw TensorError.value("sampler option is mutually exclusive with shuffle") }
            if batchSampler != nil && (batchSize != 1 || shuffle || sampler != nil || dropLast) {
                throw TensorError.value(
                    "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last")
            }
            return batchSampler == nil ? (batchSize, dropLast) : (nil, false)
        }
        let batchSource: (batches: () -> AnyIterator<[Int]>, count: Int)
        if let batchSampler {
            batchSource = Self.batches(of: batchSampler)
        } else {
            let order: any Sampler<Int> = sampler
                ?? (shuffle ? RandomSampler(count: dataset.count, generator: generator) : SequentialSampler(count: dataset.count))
            batchSource = Self.batches(of: order, batchSize: batchSize, dropLast: dropLast)
        }
        self.batchSize = options?.batchSize ?? nil
        self.dropLast = options?.dropLast ?? false
        self.numWorkers = Swift.max(numWorkers, 0)
        self.prefetchFactor = prefetch
        self.generator = generator
        count = batchSource.count
        source = .positions(batches: batchSource.batches, fetch: { try dataset.elements(at: $0) })
        self.collate = collate
    }

    private static func batches<S: Sampler<Int>>(of sampler: S, batchSize: Int, dropLast: Bool)
        -> (batches: () -> AnyIterator<[Int]>, count: Int) {
        let batches = BatchSampler(sampler, batchSize: batchSize, dropLast: dropLast)
        return ({ AnyIterator(batches.makeIterator()) }, batches.count)
    }

    private static func batches<S: Sampler<[Int]>>(of sampler: S) -> (batches: () -> AnyIterator<[Int]>, count: Int) {
        ({ AnyIterator(sampler.makeIterator()) }, sampler.count)
    }

    /// PyTorch's checks of `num_workers` and `prefetch_factor`; the prefetch factor to use.
    private static func checkWorkers(_ numWorkers: Int, _ prefetchFactor: Int?) -> Int? {
        let checked: Int?? = attempt {
            if numWorkers < 0 {
                throw TensorError.value(
                    "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
            }
            if numWorkers == 0, prefetchFactor != nil {
                throw TensorError.value(
                    "prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None.")
            }
            if let prefetchFactor, prefetchFactor < 0 {
                throw TensorError.value("prefetch_factor option should be non-negative")
            }
            if let prefetchFactor, prefetchFactor == 0 {
                throw TensorError(.assertionError, "prefetch_factor must be greater than 0 for MultiProcessingDataLoaderIter")
            }
            return numWorkers > 0 ? prefetchFactor ?? 2 : nil
        }
        return checked ?? nil
    }

    // MARK: Iterable data sets

    /// A loader of batches of a stream, joined by `collate` (`DataLoader(iterable_dataset,
    /// batch_size, num_workers, collate_fn, drop_last, generator=, prefetch_factor=)`).
    ///
    /// Every worker reads its own pass of `dataset` (see ``IterableDataset``) and batches it;
    /// the loader takes a batch from each worker in turn, and `dropLast` leaves out the short
    /// last batch of each worker, as PyTorch does.
    public init<D: IterableDataset & Sendable>(
        _ dataset: D, batchSize: Int = 1, numWorkers: Int = 0,
        collate: @escaping @Sendable ([Sample]) throws -> Batch, dropLast: Bool = false,
        generator: EmberBackend.Generator? = nil, prefetchFactor: Int? = nil
    ) where D.Element == Sample {
        self.prefetchFactor = Self.checkWorkers(numWorkers, prefetchFactor)
        attemptVoid {
            guard batchSize > 0 else {
                throw TensorError.value("batch_size should be a positive integer value, but got batch_size=\(batchSize)")
            }
        }
        self.batchSize = Swift.max(batchSize, 1)
        self.dropLast = dropLast
        self.numWorkers = Swift.max(numWorkers, 0)
        self.generator = generator
        let length = dataset.underestimatedCount
        count = dropLast ? length / Swift.max(batchSize, 1) : (length + Swift.max(batchSize, 1) - 1) / Swift.max(batchSize, 1)
        source = .stream(make: { AnyIterator(dataset.makeIterator()) })
        self.collate = collate
    }

    // MARK: Iteration

    /// One epoch: the base seed is drawn now, the workers (if any) start now.
    public func makeIterator() -> Iterator {
        Iterator(epoch: Epoch(loader: self))
    }

    /// The number of batches in an epoch; 0 for an ``IterableDataset``, whose length is a guess.
    public var underestimatedCount: Int {
        if case .positions = source { return count }
        return 0
    }

    /// One epoch of a `DataLoader`. Dropping it midway stops its workers.
    public struct Iterator: IteratorProtocol {
        let epoch: Epoch<Sample, Batch>

        /// The next batch, or `nil` at the end of the epoch.
        ///
        /// A batch that cannot be loaded stops the program with its error's message, or, inside
        /// `withErrorCapture`, ends the epoch and has the scope throw the error. Use
        /// ``nextBatch()`` to receive it as a thrown error.
        public mutating func next() -> Batch? {
            attempt { try epoch.next() }
        }

        /// The next batch, or `nil` at the end of the epoch; throws the error of a batch that
        /// could not be loaded (the data set's own error, or a `TensorError`), after which the
        /// epoch goes on with the next batch, as PyTorch's iterator does.
        ///
        /// ```swift
        /// var batches = loader.makeIterator()
        /// while let batch = try batches.nextBatch() { ... }
        /// ```
        public mutating func nextBatch() throws -> Batch? {
            try epoch.next()
        }

        /// The base seed drawn for this epoch (`iterator._base_seed`); worker `i` sees
        /// `baseSeed + i` as ``WorkerInfo/seed``.
        public var baseSeed: UInt64 { epoch.baseSeed }
    }
}

// MARK: - Default collate

extension DataLoader where Sample: Collatable, Batch == Sample.Collated {
    /// A loader of batches of `dataset` joined by `defaultCollate(_:)` (`DataLoader(dataset,
    /// batch_size, shuffle, sampler, batch_sampler, num_workers, drop_last, generator=,
    /// prefetch_factor=)`): a `TensorDataset`'s batches are `[Tensor]`, one stacked tensor per
    /// tensor of the data set.
    public init<D: Dataset & Sendable>(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false, sampler: (any Sampler<Int>)? = nil,
        batchSampler: (any Sampler<[Int]>)? = nil, numWorkers: Int = 0, dropLast: Bool = false,
        generator: EmberBackend.Generator? = nil, prefetchFactor: Int? = nil
    ) where D.Element == Sample {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers, collate: { try defaultCollate($0) }, dropLast: dropLast,
                  generator: generator, prefetchFactor: prefetchFactor)
    }

    /// A loader of batches of a stream joined by `defaultCollate(_:)`.
    public init<D: IterableDataset & Sendable>(
        _ dataset: D, batchSize: Int = 1, numWorkers: Int = 0, dropLast: Bool = false,
        generator: EmberBackend.Generator? = nil, prefetchFactor: Int? = nil
    ) where D.Element == Sample {
        self.init(dataset, batchSize: batchSize, numWorkers: numWorkers, collate: { try defaultCollate($0) },
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor)
    }
}

extension DataLoader {
    /// A loader of a data set of pairs, whose batches are pairs of batches
    /// (`for (images, labels) in loader`), each side joined by `defaultCollate(_:)`.
    public init<D: Dataset & Sendable, A: Collatable, B: Collatable>(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false, sampler: (any Sampler<Int>)? = nil,
        batchSampler: (any Sampler<[Int]>)? = nil, numWorkers: Int = 0, dropLast: Bool = false,
        generator: EmberBackend.Generator? = nil, prefetchFactor: Int? = nil
    ) where D.Element == (A, B), Sample == (A, B), Batch == (A.Collated, B.Collated) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers, collate: { try defaultCollate($0) }, dropLast: dropLast,
                  generator: generator, prefetchFactor: prefetchFactor)
    }

    /// A loader of a data set of triples, whose batches are triples of batches.
    public init<D: Dataset & Sendable, A: Collatable, B: Collatable, C: Collatable>(
        _ dataset: D, batchSize: Int = 1, shuffle: Bool = false, sampler: (any Sampler<Int>)? = nil,
        batchSampler: (any Sampler<[Int]>)? = nil, numWorkers: Int = 0, dropLast: Bool = false,
        generator: EmberBackend.Generator? = nil, prefetchFactor: Int? = nil
    ) where D.Element == (A, B, C), Sample == (A, B, C), Batch == (A.Collated, B.Collated, C.Collated) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
                  numWorkers: numWorkers, collate: { try defaultCollate($0) }, dropLast: dropLast,
                  generator: generator, prefetchFactor: prefetchFactor)
    }

    /// A loader of a stream of pairs, whose batches are pairs of batches.
    public init<D: IterableDataset & Sendable, A: Collatable, B: Collatable>(
        _ dataset: D, batchSize: Int = 1, numWorkers: Int = 0, dropLast: Bool = false,
        generator: EmberBackend.Generator? = nil, prefetchFactor: Int? = nil
    ) where D.Element == (A, B), Sample == (A, B), Batch == (A.Collated, B.Collated) {
        self.init(dataset, batchSize: batchSize, numWorkers: numWorkers, collate: { try defaultCollate($0) },
                  dropLast: dropLast, generator: generator, prefetchFactor: prefetchFactor)
    }
}

/// A sequence whose length is known before it is read (a `DataLoader`'s `len`), for the
/// progress bar's total.
protocol KnownLength {
    var count: Int { get }
}
