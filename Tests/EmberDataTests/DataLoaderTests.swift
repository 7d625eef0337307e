// Batching, collation, samplers and the errors of the data sets and the loader, with PyTorch's
// messages (DataLoadingReference.errors, written by Scripts/data-loading-reference.py).

import Ember
import EmberData
import EmberTestSupport
import Foundation
import Testing

/// PyTorch's kind and message for a named error case of the reference.
private func reference(_ name: String) -> (kind: TensorError.Kind, message: String) {
    guard let e = DataLoadingReference.errors[name], let kind = TensorError.Kind(rawValue: e.kind) else {
        fatalError("no reference error \(name)")
    }
    return (kind, e.message)
}

private func errorCase(_ name: String, _ body: @escaping @Sendable () -> Void) -> OpErrorCase {
    let r = reference(name)
    return OpErrorCase(name, r.kind, r.message, body)
}

/// The first element of a sequence (a loader's first batch).
private func first<S: Sequence>(_ s: S) -> S.Element? {
    var iterator = s.makeIterator()
    return iterator.next()
}

private func ints(_ t: Tensor) -> [Int] { t.scalars(as: Int64.self).map { Int($0) } }

/// The errors of the loader's and the samplers' options, and of the data sets.
enum DataErrors: OpErrorTable {
    static let all: [OpErrorCase] = [
        errorCase("batchSizeZero") { _ = DataLoader([1, 2, 3], batchSize: 0) },
        errorCase("batchSizeNegative") { _ = DataLoader([1, 2, 3], batchSize: -2) },
        errorCase("numWorkersNegative") { _ = DataLoader([1, 2, 3], numWorkers: -1) },
        errorCase("prefetchWithoutWorkers") { _ = DataLoader([1, 2, 3], prefetchFactor: 2) },
        errorCase("prefetchNegative") { _ = DataLoader([1, 2, 3], numWorkers: 1, prefetchFactor: -1) },
        errorCase("samplerAndShuffle") { _ = DataLoader([1, 2, 3], shuffle: true, sampler: SequentialSampler(count: 3)) },
        errorCase("batchSamplerAndBatchSize") {
            _ = DataLoader([1, 2, 3], batchSize: 3,
                           batchSampler: BatchSampler(SequentialSampler(count: 3), batchSize: 3, dropLast: false))
        },
        errorCase("batchSamplerAndDropLast") {
            _ = DataLoader([1, 2, 3], batchSampler: BatchSampler(SequentialSampler(count: 3), batchSize: 3, dropLast: false),
                           dropLast: true)
        },
        errorCase("tensorDatasetSizes") { _ = TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)) },
        errorCase("concatEmpty") { _ = ConcatDataset([[Int]]()) },
        errorCase("randomSamplerNumSamples") { _ = RandomSampler(count: 10, numSamples: 0) },
        errorCase("batchSamplerBatchSize") { _ = BatchSampler(SequentialSampler(count: 10), batchSize: 0, dropLast: false) },
        errorCase("weightedNumSamples") { _ = WeightedRandomSampler([1, 2], numSamples: 0) },
        errorCase("weightedNegative") { _ = Array(WeightedRandomSampler([1, -2], numSamples: 3)) },
        errorCase("weightedNegativeFast") { _ = Array(WeightedRandomSampler([1, -2], numSamples: 1)) },
        errorCase("weightedInfinite") { _ = Array(WeightedRandomSampler([1, .infinity], numSamples: 3)) },
        errorCase("weightedZeroSum") { _ = Array(WeightedRandomSampler([0, 0], numSamples: 3)) },
        errorCase("weightedZeroSumFast") { _ = Array(WeightedRandomSampler([0, 0], numSamples: 2, replacement: false)) },
        errorCase("weightedTooMany") { _ = Array(WeightedRandomSampler([1, 2], numSamples: 3, replacement: false)) },
        errorCase("randomSplitSum") { _ = randomSplit(Array(0..<10), lengths: [3, 3]) },
        errorCase("randomSplitFraction") { _ = randomSplit(Array(0..<10), fractions: [1.5, -0.5]) },
        // A shuffled empty data set: RandomSampler's num_samples is 0.
        OpErrorCase("shuffleEmpty", .valueError, "num_samples should be a positive integer value, but got num_samples=0") {
            _ = DataLoader([Int](), shuffle: true)
        },
    ]
}

/// A data set whose elements take a while, in an order that finishes later positions first.
final class SlowDataset: Dataset, @unchecked Sendable {
    let count: Int
    let failing: Set<Int>
    private let lock = NSLockBox()
    private var fetched: Set<Int> = []

    init(count: Int, failing: Set<Int> = []) {
        self.count = count
        self.failing = failing
    }

    struct Failure: Error, Equatable { let index: Int }

    subscript(index: Int) -> (Tensor, Int) {
        get throws {
            usleep(UInt32((count - index) % 4) * 2_000)
            _ = lock.run { fetched.insert(index) }
            if failing.contains(index) { throw Failure(index: index) }
            return (Tensor([Double(index), Double(-index)]), index)
        }
    }

    var fetchedSoFar: Set<Int> { lock.run { fetched } }
}

/// A mutex for the test data sets.
final class NSLockBox: @unchecked Sendable {
    private let lock = NSLock()
    func run<R>(_ body: () throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}

/// Waits (without a time limit that a slow machine could reach) until `condition` holds.
private func eventually(_ condition: () -> Bool) -> Bool {
    for _ in 0..<6000 {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}

@Suite struct DataLoaderTests {
    @Test func tensorDatasetBatches() {
        let x = Tensor.arange(30.0).reshape(10, 3)
        let y = Tensor.arange(10)
        let data = TensorDataset(x, y)
        #expect(data.count == 10)
        #expect(ints(data[-1][1]) == [9])
        let loader = DataLoader(data, batchSize: 4)
        #expect(loader.count == 3)
        let batches = Array(loader)
        #expect(batches.map { $0.map(\.shape) } == [[[4, 3], [4]], [[4, 3], [4]], [[2, 3], [2]]])
        #expect(batches[2][0].scalars(as: Float.self) == [24, 25, 26, 27, 28, 29])
        #expect(batches[1][1].dtype == .int64 && ints(batches[1][1]) == [4, 5, 6, 7])
        #expect(DataLoader(data, batchSize: 4, dropLast: true).map { $0[1].shape } == [[4], [4]])
        #expect(DataLoader(data, batchSize: 4, dropLast: true).count == 2)
    }

    @Test func numbersBecomeTensors() throws {
        let doubles = try #require(first(DataLoader([1.5, 2.5, 3.5], batchSize: 2)))
        #expect(doubles.dtype == .float64 && doubles.scalars(as: Double.self) == [1.5, 2.5])
        let floats = try #require(first(DataLoader([Float(1), 2], batchSize: 2)))
        #expect(floats.dtype == .float32)
        let integers = try #require(first(DataLoader([7, 8, 9], batchSize: 3)))
        #expect(integers.dtype == .int64 && ints(integers) == [7, 8, 9])
        let small = try #require(first(DataLoader([Int32(1), 2], batchSize: 2)))
        #expect(small.dtype == .int32)
        let flags = try #require(first(DataLoader([true, false], batchSize: 2)))
        #expect(flags.dtype == .bool && flags.scalars(as: Bool.self) == [true, false])
        #expect(Array(DataLoader(["a", "b", "c"], batchSize: 2)) == [["a", "b"], ["c"]])
    }

    @Test func collateRecursesIntoArraysDictionariesAndTuples() throws {
        // A list sample is collated position by position.
        let rows = try #require(first(DataLoader([[1, 2], [3, 4], [5, 6]], batchSize: 3)))
        #expect(rows.map(ints) == [[1, 3, 5], [2, 4, 6]])
        let records: [[String: Double]] = [["a": 1, "b": 2], ["a": 3, "b": 4]]
        let dict = try #require(first(DataLoader(records, batchSize: 2)))
        #expect(dict["a"]?.scalars(as: Double.self) == [1, 3] && dict["b"]?.scalars(as: Double.self) == [2, 4])
        // (image, label) pairs become (images, labels).
        let pairs = (0..<5).map { (Tensor.ones(2, 2).mul(Double($0)), $0) }
        let (images, labels) = try #require(first(DataLoader(pairs, batchSize: 3)))
        #expect(images.shape == [3, 2, 2] && ints(labels) == [0, 1, 2])
        let triples = [(Tensor([1.0]), 1, "x"), (Tensor([2.0]), 2, "y")]
        let (a, b, c) = try #require(first(DataLoader(triples, batchSize: 2)))
        #expect(a.shape == [2, 1] && ints(b) == [1, 2] && c == ["x", "y"])
        // Nested: arrays of tensors.
        let nested = try defaultCollate([[Tensor.zeros(3), Tensor.ones(2)], [Tensor.zeros(3), Tensor.ones(2)]])
        #expect(nested.map(\.shape) == [[2, 3], [2, 2]])
    }

    @Test func collateErrors() {
        let unequal = reference("collateUnequal")
        #expect(throws: TensorError(unequal.kind, unequal.message)) { try defaultCollate([[1, 2], [3]]) }
        let stack = reference("collateStack")
        #expect(throws: TensorError(stack.kind, stack.message)) { try defaultCollate([Tensor.zeros(2), Tensor.zeros(3)]) }
        #expect(throws: TensorError(.keyError, "'b'")) { try defaultCollate([["a": 1, "b": 2], ["a": 3]]) }
        // In a loader, the batch's error reaches the loop.
        var batches = DataLoader([Tensor.zeros(2), Tensor.zeros(3), Tensor.zeros(3)], batchSize: 2).makeIterator()
        #expect(throws: TensorError(stack.kind, stack.message)) { try batches.nextBatch() }
        #expect((try? batches.nextBatch())??.shape == [1, 3])
    }

    @Test func customCollate() {
        let words = ["a", "bb", "ccc", "dddd", "eeeee"]
        let loader = DataLoader(words, batchSize: 2, collate: { batch in batch.map(\.count).reduce(0, +) })
        #expect(Array(loader) == [3, 7, 5])
    }

    @Test func samplers() {
        let data = Array(10..<20)
        #expect(Array(SequentialSampler(data)) == Array(0..<10))
        #expect(Array(BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: false))
                == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
        #expect(Array(BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: true))
                == [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
        #expect(BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: true).count == 3)
        // An array of positions is a sampler; a batch sampler replaces batchSize.
        #expect(Array(DataLoader(data, batchSize: 2, sampler: [9, 0, 5])).map(ints) == [[19, 10], [15]])
        let byBatches = DataLoader(data, batchSampler: [[3, 1], [4, 1, 5], [9]])
        #expect(byBatches.batchSize == nil && byBatches.count == 3)
        #expect(Array(byBatches).map(ints) == [[13, 11], [14, 11, 15], [19]])
        // A custom sampler.
        struct EvenFirst: Sampler {
            let count: Int
            func makeIterator() -> IndexingIterator<[Int]> {
                (Array(stride(from: 0, to: count, by: 2)) + Array(stride(from: 1, to: count, by: 2))).makeIterator()
            }
        }
        #expect(Array(DataLoader(data, batchSize: 4, sampler: EvenFirst(count: 10))).map(ints)
                == [[10, 12, 14, 16], [18, 11, 13, 15], [17, 19]])
    }

    @Test func subsetAndConcat() throws {
        let subset = Subset(Array(100..<110), indices: [4, 2, 8])
        #expect(subset.count == 3)
        #expect(try subset[0] == 104 && subset[-1] == 108)
        #expect(throws: TensorError.index("list index out of range")) { try subset[3] }
        let concat = ConcatDataset([[0, 1, 2], [3, 4], [], [5]])
        #expect(concat.count == 6 && concat.cumulativeSizes == [3, 5, 5, 6])
        #expect(try (0..<6).map { try concat[$0] } == [0, 1, 2, 3, 4, 5])
        #expect(try concat[-1] == 5 && concat[-6] == 0)
        let negative = reference("concatNegativeIndex")
        #expect(throws: TensorError(negative.kind, negative.message)) { try concat[-7] }
        #expect(throws: TensorError.index("list index out of range")) { try concat[6] }
    }

    @Test(arguments: DataErrors.all)
    func errorsAreCaptured(_ c: OpErrorCase) { expectCaptured(c) }

    @Test(arguments: DataErrors.all.filter { ["batchSizeZero", "tensorDatasetSizes", "weightedNegative"].contains($0.name) })
    func errorsStop(_ c: OpErrorCase) async { await expectStops(c, in: DataErrors.self) }

    // MARK: Workers

    @Test(arguments: [1, 2, 3])
    func workersKeepTheSamplersOrder(workers: Int) {
        let data = SlowDataset(count: 23)
        for shuffle in [false, true] {
            let single = DataLoader(data, batchSize: 3, shuffle: shuffle, generator: Generator(seed: 5))
            let threaded = DataLoader(data, batchSize: 3, shuffle: shuffle, numWorkers: workers,
                                      generator: Generator(seed: 5), prefetchFactor: 3)
            let expected = single.map { ints($0.1) }
            let seen = threaded.map { ints($0.1) }
            #expect(seen == expected)
            #expect(Set(seen.flatMap { $0 }) == Set(0..<23))
            // The contents belong to their labels.
            for (x, labels) in threaded {
                #expect(x.scalars(as: Double.self) == ints(labels).flatMap { [Double($0), Double(-$0)] })
            }
        }
    }

    @Test func workersLoadAheadWhileTheLoopWorks() throws {
        let data = SlowDataset(count: 40)
        let loader = DataLoader(data, batchSize: 2, numWorkers: 2, prefetchFactor: 2)
        var batches = loader.makeIterator()
        let first = try #require(try batches.nextBatch())
        #expect(ints(first.1) == [0, 1])
        // While the loop holds the first batch, the workers load the next ones (up to 2 per
        // worker), without being asked.
        #expect(eventually { data.fetchedSoFar.isSuperset(of: Set(2..<8)) })
        #expect(!data.fetchedSoFar.contains(20))
    }

    @Test func aWorkersErrorReachesTheLoop() throws {
        let data = SlowDataset(count: 12, failing: [5])
        var batches = DataLoader(data, batchSize: 2, numWorkers: 2).makeIterator()
        var seen: [[Int]] = []
        var failures: [SlowDataset.Failure] = []
        while true {
            do {
                guard let batch = try batches.nextBatch() else { break }
                seen.append(ints(batch.1))
            } catch let failure as SlowDataset.Failure {
                failures.append(failure)
            }
        }
        #expect(failures == [SlowDataset.Failure(index: 5)])
        #expect(seen == [[0, 1], [2, 3], [6, 7], [8, 9], [10, 11]])
    }

    @Test func aFailedTensorOperationInAWorkerIsThrown() {
        struct BadView: Dataset {
            var count: Int { 4 }
            subscript(index: Int) -> Tensor { Tensor.arange(12.0).view(5, 3) }
        }
        for workers in [0, 2] {
            var batches = DataLoader(BadView(), batchSize: 2, numWorkers: workers).makeIterator()
            #expect(throws: TensorError.runtime("shape '[5, 3]' is invalid for input of size 12")) {
                try batches.nextBatch()
            }
        }
    }

    @Test func aForLoopEndsAndTheCaptureScopeThrows() {
        let data = SlowDataset(count: 8, failing: [3])
        var seen: [Int] = []
        #expect(throws: TensorError.runtime("Failure(index: 3)")) {
            try withErrorCapture {
                for (_, labels) in DataLoader(data, batchSize: 2, numWorkers: 2) { seen += ints(labels) }
            }
        }
        #expect(seen == [0, 1])
    }

    @Test func aLoopThatStopsEarlyStopsTheWorkers() {
        weak var released: SlowDataset?
        do {
            let data = SlowDataset(count: 1000)
            released = data
            let loader = DataLoader(data, batchSize: 4, numWorkers: 3, prefetchFactor: 4)
            for (_, labels) in loader where ints(labels).contains(9) { break }
        }
        // The workers finish the element they are reading, then let go of the data set.
        #expect(eventually { released == nil })
    }

    @Test func aFinishedEpochStopsTheWorkers() {
        weak var released: SlowDataset?
        do {
            let data = SlowDataset(count: 10)
            released = data
            #expect(DataLoader(data, batchSize: 4, numWorkers: 2).count == 3)
            #expect(Array(DataLoader(data, batchSize: 4, numWorkers: 2)).count == 3)
        }
        #expect(eventually { released == nil })
    }

    @Test func workersRunWithoutGradMode() {
        struct GradMode: Dataset {
            var count: Int { 4 }
            subscript(index: Int) -> Bool { isGradEnabled }
        }
        #expect(Array(DataLoader(GradMode(), batchSize: 4)).flatMap { $0.scalars(as: Bool.self) } == [true, true, true, true])
        #expect(Array(DataLoader(GradMode(), batchSize: 4, numWorkers: 2)).flatMap { $0.scalars(as: Bool.self) }
                == [false, false, false, false])
    }

    // MARK: Iterable data sets

    /// 0..<count, each worker reading its share (every numWorkers-th element).
    struct Numbers: IterableDataset {
        let count: Int
        func makeIterator() -> IndexingIterator<[Int]> {
            let worker = WorkerInfo.current
            let (id, n) = (worker?.id ?? 0, worker?.numWorkers ?? 1)
            return Array(stride(from: id, to: count, by: n)).makeIterator()
        }
        var underestimatedCount: Int { count }
    }

    @Test func iterableDatasets() {
        #expect(Array(DataLoader(Numbers(count: 10), batchSize: 3)).map(ints) == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
        #expect(DataLoader(Numbers(count: 10), batchSize: 3).count == 4)
        #expect(Array(DataLoader(Numbers(count: 10), batchSize: 3, dropLast: true)).map(ints) == [[0, 1, 2], [3, 4, 5], [6, 7, 8]])
        // Batches from each worker in turn; an exhausted worker leaves the rotation.
        #expect(Array(DataLoader(Numbers(count: 10), batchSize: 2, numWorkers: 2)).map(ints)
                == [[0, 2], [1, 3], [4, 6], [5, 7], [8], [9]])
        #expect(Array(DataLoader(Numbers(count: 7), batchSize: 2, numWorkers: 3)).map(ints)
                == [[0, 3], [1, 4], [2, 5], [6]])
        #expect(Array(DataLoader(Numbers(count: 10), batchSize: 2, numWorkers: 2, dropLast: true)).map(ints)
                == [[0, 2], [1, 3], [4, 6], [5, 7]])
    }

    @Test func workerInfo() {
        struct Infos: IterableDataset {
            func makeIterator() -> IndexingIterator<[WorkerInfo?]> { [WorkerInfo.current].makeIterator() }
        }
        #expect(WorkerInfo.current == nil)
        let loader = DataLoader(Infos(), batchSize: 1, numWorkers: 3, collate: { $0[0] }, generator: Generator(seed: 7))
        var epoch = loader.makeIterator()
        let base = epoch.baseSeed
        var infos: [WorkerInfo?] = []
        while let info = epoch.next() { infos.append(info) }
        #expect(infos == (0..<3).map { WorkerInfo(id: $0, numWorkers: 3, seed: base + UInt64($0)) })
        // The base seed is the generator's first 64-bit draw, reduced to 63 bits.
        #expect(base == Generator(seed: 7).random64() % (1 << 63))
        #expect(Array(DataLoader(Infos(), batchSize: 1, collate: { $0[0] })) == [nil])
    }
}
