import EmberBackend
import Foundation
import EmberCore

// MARK: - Sampler

/// A sequence of data-set positions (`Sampler<Int>`) or of batches of positions
/// (`Sampler<[Int]>`) with a known length (`torch.utils.data.Sampler`).
///
/// A `DataLoader` makes a new iterator of its sampler for every epoch. A custom sampler is any
/// `Sequence` with a `count`; an array of positions is one:
///
/// ```swift
/// struct EvenFirst: Sampler {
///     let count: Int
///     func makeIterator() -> some IteratorProtocol<Int> {
///         (Array(stride(from: 0, to: count, by: 2)) + Array(stride(from: 1, to: count, by: 2))).makeIterator()
///     }
/// }
/// let loader = DataLoader(data, batchSize: 8, sampler: EvenFirst(count: data.count))
/// ```
/// Samplers run on the thread that iterates the loader, never on its workers, so they need not
/// be `Sendable`.
public protocol Sampler<Element>: Sequence {
    /// What the sampler yields: a position, or a batch of positions.
    associatedtype Element
    /// How many elements one pass yields (`len(sampler)`).
    var count: Int { get }
}

/// An array of positions is a sampler that yields them in order, as a Python list is one.
extension Array: Sampler {}

/// `random_()` on an int64 tensor: one 64-bit draw, reduced to `0..<2^63`
/// (`torch.empty((), dtype=torch.int64).random_(generator=g).item()`).
func drawSeed(_ generator: Generator) -> UInt64 {
    generator.random64() % (1 << 63)
}

/// The values of an int64 tensor as `Int`s.
func ints(_ tensor: Tensor) -> [Int] {
    tensor.scalars(as: Int64.self).map { Int($0) }
}

// MARK: - SequentialSampler

/// The positions `0..<count` in order (`torch.utils.data.SequentialSampler`).
public struct SequentialSampler: Sampler {
    /// The number of positions (`len(sampler)`).
    public let count: Int

    /// The positions of a data set of `count` elements.
    public init(count: Int) { self.count = count }

    /// The positions of `dataset` (`SequentialSampler(dataset)`).
    public init(_ dataset: some Dataset) { count = dataset.count }

    /// `0..<count`.
    public func makeIterator() -> Range<Int>.Iterator { (0..<count).makeIterator() }
}

// MARK: - RandomSampler

/// Positions in a random order: a permutation, or draws with replacement
/// (`torch.utils.data.RandomSampler`), exactly as PyTorch draws them.
///
/// Without replacement each pass yields `torch.randperm(n, generator)`, again and again until
/// `numSamples` positions are out (the last permutation cut short; PyTorch draws that last
/// permutation even when it yields none of it, and so does this sampler). With replacement it
/// yields `torch.randint(high: n, [32], generator)` in blocks of 32. Without a generator, each
/// pass starts a new generator seeded from the default one, as PyTorch's does; with one, the
/// passes continue its stream, so the order differs from epoch to epoch and repeats from run
/// to run.
public struct RandomSampler: Sampler {
    /// The number of positions to draw from (`len(data_source)`).
    public let populationCount: Int
    /// Whether positions are drawn with replacement (`sampler.replacement`).
    public let replacement: Bool
    /// How many positions a pass yields (`sampler.num_samples`).
    public let count: Int
    /// The generator of the draws (`sampler.generator`); `nil` draws a new seed from
    /// `Generator.default` for every pass.
    public let generator: EmberBackend.Generator?

    /// A sampler over `count` positions (`RandomSampler(data_source, replacement, num_samples,
    /// generator)`).
    ///
    /// Fails with PyTorch's `ValueError` when `numSamples` (by default `count`) is not positive.
    public init(count: Int, replacement: Bool = false, numSamples: Int? = nil, generator: EmberBackend.Generator? = nil) {
        let samples = numSamples ?? count
        attemptVoid {
            guard samples > 0 else {
                throw TensorError.value("num_samples should be a positive integer value, but got num_samples=\(samples)")
            }
        }
        populationCount = count
        self.replacement = replacement
        self.count = samples
        self.generator = generator
    }

    /// A sampler over the positions of `dataset`.
    public init(_ dataset: some Dataset, replacement: Bool = false, numSamples: Int? = nil, generator: EmberBackend.Generator? = nil) {
        self.init(count: dataset.count, replacement: replacement, numSamples: numSamples, generator: generator)
    }

    /// One pass, drawn as it is read.
    public func makeIterator() -> Iterator { Iterator(sampler: self) }

    /// One pass of a `RandomSampler`; it draws each block of positions when the previous one
    /// is used up, as PyTorch's generator function does.
    public struct Iterator: IteratorProtocol {
        let sampler: RandomSampler
        var generator: EmberBackend.Generator?
        var block: [Int] = []
        var position = 0
        var fullBlocks = 0
        var finished = false

        init(sampler: RandomSampler) { self.sampler = sampler }

        /// The next position, or `nil` after `count` of them.
        public mutating func next() -> Int? {
            while position == block.count {
                if finished { return nil }
                let n = sampler.populationCount
                if generator == nil { generator = sampler.generator ?? EmberBackend.Generator(seed: drawSeed(.default)) }
                position = 0
                if sampler.replacement {
                    if fullBlocks < sampler.count / 32 {
                        block = ints(Tensor.randint(high: n, [32], generator: generator))
                        fullBlocks += 1
                    } else {
                        block = ints(Tensor.randint(high: n, [sampler.count % 32], generator: generator))
                        finished = true
                    }
                } else {
                    guard n > 0 else { finished = true; return nil }
                    if fullBlocks < sampler.count / n {
                        block = ints(Tensor.randperm(n, generator: generator))
                        fullBlocks += 1
                    } else {
                        block = Array(ints(Tensor.randperm(n, generator: generator)).prefix(sampler.count % n))
                        finished = true
                    }
                }
            }
            defer { position += 1 }
            return block[position]
        }
    }
}

// MARK: - SubsetRandomSampler

/// The given positions in a random order (`torch.utils.data.SubsetRandomSampler`):
/// `indices[i]` for `i` in `torch.randperm(indices.count, generator)`.
public struct SubsetRandomSampler: Sampler {
    /// The positions to shuffle (`sampler.indices`).
    public let indices: [Int]
    /// The generator of the permutations (`nil`: `Generator.default`).
    public let generator: EmberBackend.Generator?

    /// A sampler of `indices` (`SubsetRandomSampler(indices, generator)`).
    public init(_ indices: [Int], generator: EmberBackend.Generator? = nil) {
        self.indices = indices
        self.generator = generator
    }

    /// The number of positions (`len(sampler)`).
    public var count: Int { indices.count }

    /// One pass: a new permutation of `indices`.
    public func makeIterator() -> some IteratorProtocol<Int> {
        LazyPass { [indices, generator] in
            ints(Tensor.randperm(indices.count, generator: generator)).map { indices[$0] }
        }
    }
}

/// An iterator that computes its whole pass when it is first read (as a Python generator
/// function runs its body at the first `next`).
struct LazyPass: IteratorProtocol {
    let make: () -> [Int]
    var values: [Int]?
    var position = 0

    init(_ make: @escaping () -> [Int]) { self.make = make }

    mutating func next() -> Int? {
        if values == nil { values = make() }
        guard let values, position < values.count else { return nil }
        defer { position += 1 }
        return values[position]
    }
}

// MARK: - WeightedRandomSampler

/// Positions `0..<weights.count` drawn with probabilities proportional to `weights`
/// (`torch.utils.data.WeightedRandomSampler`), as `torch.multinomial(weights, numSamples,
/// replacement, generator)` draws them on the CPU, to the bit.
///
/// With replacement, each draw is one uniform number looked up in the normalized cumulative
/// weights; without replacement (or for a single draw), the positions are those of the
/// `numSamples` largest `weights[i] / e[i]`, `e` exponential draws, largest first. Where
/// weights are zero and more positions are drawn without replacement than have non-zero
/// weights, the zero-weight positions come last in an order PyTorch leaves to its sort.
public struct WeightedRandomSampler: Sampler {
    /// The weights, not necessarily adding up to 1 (`sampler.weights`).
    public let weights: [Double]
    /// How many positions a pass yields (`sampler.num_samples`).
    public let count: Int
    /// Whether positions are drawn with replacement (`sampler.replacement`).
    public let replacement: Bool
    /// The generator of the draws (`nil`: `Generator.default`).
    public let generator: EmberBackend.Generator?

    /// A sampler of `numSamples` positions weighted by `weights` (`WeightedRandomSampler(weights,
    /// num_samples, replacement=True, generator)`).
    ///
    /// Fails with PyTorch's `ValueError` when `numSamples` is not positive. Weights that are
    /// negative, infinite or NaN, or that add up to zero, and more draws without replacement
    /// than there are weights, fail with PyTorch's `RuntimeError` when a pass starts.
    public init(_ weights: [Double], numSamples: Int, replacement: Bool = true, generator: EmberBackend.Generator? = nil) {
        attemptVoid {
            guard numSamples > 0 else {
                throw TensorError.value("num_samples should be a positive integer value, but got num_samples=\(numSamples)")
            }
        }
        self.weights = weights
        count = numSamples
        self.replacement = replacement
        self.generator = generator
    }

    /// One pass, drawn when it is first read.
    public func makeIterator() -> some IteratorProtocol<Int> {
        LazyPass { [self] in
            attempt { try multinomial(weights, count, replacement: replacement, generator: generator ?? .default) }
        }
    }
}

/// `torch.multinomial(weights, n, replacement, generator)` for a 1-D float64 `weights` on the
/// CPU (ATen's `multinomial_out` and `multinomial_with_replacement_apply`).
package func multinomial(_ weights: [Double], _ n: Int, replacement: Bool, generator: Generator) throws -> [Int] {
    guard n > 0 else { throw TensorError.runtime("cannot sample n_sample <= 0 samples") }
    guard replacement || n <= weights.count else {
        throw TensorError.runtime("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    }
    guard weights.count <= 1 << 24 else { throw TensorError.runtime("number of categories cannot exceed 2^24") }
    if !replacement || n == 1 {
        // The exponential trick: argmax / topk of p / q, q ~ Exp(1).
        guard weights.allSatisfy({ $0 < .infinity && $0 >= 0 }) else {
            throw TensorError.runtime("probability tensor contains either `inf`, `nan` or element < 0")
        }
        guard weights.reduce(0, +) != 0 else {
            throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)")
        }
        let uniforms: [Double] = generator.withEngine { s in
            (0..<weights.count).map { _ in Double(s.next64() & 0x001f_ffff_ffff_ffff) * 0x1p-53 }
        }
        // exponential_(1): -1 / lambda * log1p(-u), with glibc's log1p as ATen's std::log1p.
        let keys = zip(weights, uniforms).map { w, u in w / (-1.0 * log1p(-u)) }
        let order = keys.indices.sorted { keys[$0] > keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        return Array(order.prefix(n))
    }
    var cumulative = [Double](repeating: 0, count: weights.count)
    var sum = 0.0
    for (j, w) in weights.enumerated() {
        guard w >= 0 else {
            throw TensorError.runtime("invalid multinomial distribution (encountering probability entry < 0)")
        }
        guard w.isFinite else {
            throw TensorError.runtime("invalid multinomial distribution (encountering probability entry = infinity or NaN)")
        }
        sum += w
        cumulative[j] = sum
    }
    guard sum > 0 else { throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)") }
    for j in cumulative.indices { cumulative[j] /= sum }
    cumulative[cumulative.count - 1] = 1
    return generator.withEngine { s in
        (0..<n).map { _ in
            let u = Double(s.next64() & 0x001f_ffff_ffff_ffff) * 0x1p-53
            var left = 0, right = cumulative.count
            while right - left > 0 {
                let mid = left + (right - left) / 2
                if cumulative[mid] < u { left = mid + 1 } else { right = mid }
            }
            return left
        }
    }
}

// MARK: - BatchSampler

/// Batches of the positions of another sampler (`torch.utils.data.BatchSampler`).
///
/// ```swift
/// Array(BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: false))
/// // [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
/// ```
public struct BatchSampler<Base: Sequence>: Sampler where Base.Element == Int {
    /// The sampler of positions (`batch_sampler.sampler`).
    public let sampler: Base
    /// The number of positions in a batch (`batch_sampler.batch_size`).
    public let batchSize: Int
    /// Whether a last batch of fewer than `batchSize` positions is left out
    /// (`batch_sampler.drop_last`).
    public let dropLast: Bool
    private let baseCount: Int

    /// Batches of `batchSize` positions from `sampler` (`BatchSampler(sampler, batch_size,
    /// drop_last)`).
    ///
    /// Fails with PyTorch's `ValueError` when `batchSize` is not positive.
    public init(_ sampler: Base, batchSize: Int, dropLast: Bool) where Base: Sampler {
        self.init(sampler, count: sampler.count, batchSize: batchSize, dropLast: dropLast)
    }

    /// Batches of any sequence of positions, whose length is given.
    package init(_ sampler: Base, count: Int, batchSize: Int, dropLast: Bool) {
        attemptVoid {
            guard batchSize > 0 else {
                throw TensorError.value("batch_size should be a positive integer value, but got batch_size=\(batchSize)")
            }
        }
        self.sampler = sampler
        self.batchSize = Swift.max(batchSize, 1)
        self.dropLast = dropLast
        baseCount = count
    }

    /// The number of batches in a pass (`len(batch_sampler)`).
    public var count: Int { dropLast ? baseCount / batchSize : (baseCount + batchSize - 1) / batchSize }

    /// One pass.
    public func makeIterator() -> Iterator { Iterator(base: sampler.makeIterator(), batchSize: batchSize, dropLast: dropLast) }

    /// One pass of a `BatchSampler`.
    public struct Iterator: IteratorProtocol {
        var base: Base.Iterator
        let batchSize: Int
        let dropLast: Bool

        /// The next batch; the last may be short unless `dropLast`.
        public mutating func next() -> [Int]? {
            var batch: [Int] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let i = base.next() { batch.append(i) }
            if batch.isEmpty || (dropLast && batch.count < batchSize) { return nil }
            return batch
        }
    }
}
