import EmberBackend
import EmberCore
import Foundation

// MARK: - WorkerInfo

/// Which loader worker the current thread is (`torch.utils.data.get_worker_info()`).
///
/// ``current`` is `nil` on every thread but a `DataLoader`'s workers. An ``IterableDataset``
/// reads it in `makeIterator()` to give each worker its own share of the stream; a data set
/// that draws random numbers can seed a generator of its own from ``seed``.
public struct WorkerInfo: Sendable, Equatable {
    /// The worker's number, in `0..<numWorkers` (`info.id`).
    public let id: Int
    /// How many workers the loader runs (`info.num_workers`).
    public let numWorkers: Int
    /// The epoch's base seed plus ``id`` (`info.seed`). PyTorch seeds each worker process's
    /// default generator with it; Ember's workers share the process's default generator, so a
    /// data set that wants per-worker random streams makes a `Generator(seed: info.seed)`.
    public let seed: UInt64

    /// Information about worker `id` of `numWorkers`, whose seed is `seed`.
    public init(id: Int, numWorkers: Int, seed: UInt64) {
        self.id = id
        self.numWorkers = numWorkers
        self.seed = seed
    }

    /// The worker the calling thread is, or `nil` outside a `DataLoader` worker
    /// (`torch.utils.data.get_worker_info()`).
    public static var current: WorkerInfo? {
        guard let raw = pthread_getspecific(workerInfoKey) else { return nil }
        return Unmanaged<WorkerInfoBox>.fromOpaque(raw).takeUnretainedValue().info
    }

    /// Runs `body` with ``current`` set to `info` on this thread.
    static func with<R>(_ info: WorkerInfo, _ body: () throws -> R) rethrows -> R {
        let box = Unmanaged.passRetained(WorkerInfoBox(info))
        pthread_setspecific(workerInfoKey, box.toOpaque())
        defer {
            pthread_setspecific(workerInfoKey, nil)
            box.release()
        }
        return try body()
    }
}

private final class WorkerInfoBox {
    let info: WorkerInfo
    init(_ info: WorkerInfo) { self.info = info }
}

private let workerInfoKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
}()

// MARK: - Epoch

/// What a worker hands back for one task.
enum Outcome<Batch: Sendable>: Sendable {
    case batch(Batch)
    case failure(any Error)
    /// The worker's stream has ended (iterable data sets).
    case exhausted(worker: Int)
}

/// One pass over a `DataLoader`: the sampler's iterator, and either the fetching done on the
/// calling thread or the worker pool and its bookkeeping (PyTorch's `_SingleProcessDataLoaderIter`
/// and `_MultiProcessingDataLoaderIter`). Owned by the iterator alone, so its `deinit` is the
/// moment an abandoned epoch stops its workers.
final class Epoch<Sample: Sendable, Batch: Sendable> {
    let baseSeed: UInt64
    private let collate: @Sendable ([Sample]) throws -> Batch
    private let batchSize: Int
    private let dropLast: Bool
    private var finished = false

    // The positions, drawn on this thread (both modes).
    private var batches: AnyIterator<[Int]>?
    private var fetch: (@Sendable ([Int]) throws -> [Sample])?
    // A stream read on this thread (no workers).
    private var stream: AnyIterator<Sample>?

    // Workers (see Note [Loading ahead in order]).
    private var pool: WorkerPool<Batch>?
    private var sendIndex = 0
    private var receiveIndex = 0
    private var active: [Bool] = []
    private var nextWorker = 0
    private var samplerDone = false
    private var maxTasks = 0

    init(loader: DataLoader<Sample, Batch>) {
        // PyTorch's _BaseDataLoaderIter draws the base seed before anything else.
        baseSeed = drawSeed(loader.generator ?? .default)
        collate = loader.collate
        batchSize = loader.batchSize ?? 1
        dropLast = loader.dropLast
        let collate = loader.collate
        let workers = loader.numWorkers
        switch loader.source {
        case .positions(let makeBatches, let fetch):
            batches = makeBatches()
            self.fetch = fetch
            if workers > 0 {
                pool = WorkerPool(workers: workers, baseSeed: baseSeed) { _ in
                    { indices in try collate(try fetch(indices)) }
                }
            }
        case .stream(let make):
            if workers > 0 {
                let (batchSize, dropLast) = (self.batchSize, self.dropLast)
                pool = WorkerPool(workers: workers, baseSeed: baseSeed) { _ in
                    var stream = make()
                    var ended = false
                    return { _ in
                        if ended { return nil }
                        let elements: [Sample]
                        do {
                            elements = try Self.take(batchSize, from: &stream)
                        } catch {
                            ended = true
                            throw error
                        }
                        if elements.isEmpty || (dropLast && elements.count < batchSize) {
                            ended = true
                            return nil
                        }
                        return try collate(elements)
                    }
                }
            } else {
                stream = make()
            }
        }
        if let pool {
            active = Array(repeating: true, count: pool.workers)
            maxTasks = (loader.prefetchFactor ?? 2) * pool.workers
            for _ in 0..<maxTasks { putTask() }
        }
    }

    deinit { pool?.shutDown() }

    /// Up to `count` elements of `stream`; a failed tensor operation in the stream is thrown.
    private static func take(_ count: Int, from stream: inout AnyIterator<Sample>) throws -> [Sample] {
        var elements: [Sample] = []
        while elements.count < count, let element = try withErrorCapture({ stream.next() }) {
            elements.append(element)
        }
        return elements
    }

    /// The next batch, `nil` at the end; throws a batch's error.
    func next() throws -> Batch? {
        if finished { return nil }
        if pool != nil { return try nextFromWorkers() }
        if let batches, let fetch {
            let indices: [Int]?
            do {
                indices = try withErrorCapture { batches.next() }
            } catch {
                finish()
                throw error
            }
            guard let indices else { finish(); return nil }
            return try withErrorCapture { try collate(try fetch(indices)) }
        }
        guard stream != nil else { return nil }
        let elements: [Sample]
        do {
            elements = try Self.take(batchSize, from: &stream!)
        } catch {
            finish()
            throw error
        }
        if elements.isEmpty || (dropLast && elements.count < batchSize) { finish(); return nil }
        return try withErrorCapture { try collate(elements) }
    }

    private func finish() {
        finished = true
        pool?.shutDown()
        pool = nil
        batches = nil
        stream = nil
    }

    // Note [Loading ahead in order]
    // As PyTorch's _MultiProcessingDataLoaderIter: the batches of positions are drawn on the
    // iterating thread, numbered, and handed to the workers in turn, `prefetchFactor` per worker
    // ahead (the first ones when the epoch starts); each batch received hands out the next.
    // Batches come back in any order and wait, by number, until the loop asks for them, so the
    // loop sees the sampler's order whatever the threads do. The sampler, and so the generator,
    // is advanced at the same moments as PyTorch's, which keeps the generator's stream the same.
    // An iterable data set has no positions: a task asks its worker for the next batch of the
    // worker's own stream, and a worker whose stream has ended leaves the rotation.

    /// Hands the next batch of positions to the next active worker (`_try_put_index`).
    private func putTask() {
        guard let pool, sendIndex - receiveIndex < maxTasks else { return }
        var indices: [Int] = []
        if let batches {
            if samplerDone { return }
            do {
                guard let next = try withErrorCapture({ batches.next() }) else { samplerDone = true; return }
                indices = next
            } catch {
                // The sampler failed: that failure takes this batch's place in the order.
                pool.deliver(sendIndex, .failure(error))
                sendIndex += 1
                samplerDone = true
                return
            }
        }
        var worker: Int?
        for _ in 0..<pool.workers {
            let w = nextWorker
            nextWorker = (nextWorker + 1) % pool.workers
            if active[w] { worker = w; break }
        }
        guard let worker else { return }
        pool.enqueue(worker: worker, id: sendIndex, indices: indices)
        sendIndex += 1
    }

    private func nextFromWorkers() throws -> Batch? {
        while let pool {
            if receiveIndex == sendIndex { break }
            let outcome = pool.wait(for: receiveIndex)
            receiveIndex += 1
            switch outcome {
            case .exhausted(let worker):
                active[worker] = false
                putTask()
            case .batch(let batch):
                putTask()
                return batch
            case .failure(let error):
                putTask()
                throw error
            case nil:
                break
            }
        }
        finish()
        return nil
    }
}

// MARK: - WorkerPool

/// The worker threads of one epoch and the queues between them and the iterating thread.
///
/// The workers hold the pool, never the epoch: when the epoch ends or its iterator is dropped,
/// `shutDown()` empties the queues and the workers return after the batch they are loading, so
/// no thread outlives its epoch by more than one batch and nothing waits for them.
final class WorkerPool<Batch: Sendable>: @unchecked Sendable {
    /// A batch of positions to load, numbered in the sampler's order.
    struct Task {
        let id: Int
        let indices: [Int]
    }

    let workers: Int
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queues: [[Task]]
    private var results: [Int: Outcome<Batch>] = [:]
    private var isShutDown = false

    /// Starts `workers` threads; each makes its job (on its own thread, so a stream's iterator
    /// never crosses threads) and runs it for every task it is given. A job returns `nil` when
    /// its stream has ended.
    init(workers: Int, baseSeed: UInt64,
         makeJob: @escaping @Sendable (WorkerInfo) -> ([Int]) throws -> Batch?) {
        self.workers = workers
        queues = Array(repeating: [], count: workers)
        for w in 0..<workers {
            let info = WorkerInfo(id: w, numWorkers: workers, seed: baseSeed &+ UInt64(w))
            let thread = Thread { [self] in
                WorkerInfo.with(info) {
                    // Workers never record autograd graphs (see the Data loading article).
                    withGrad(enabled: false) { run(worker: w, job: makeJob(info)) }
                }
            }
            thread.name = "ember-data-worker-\(w)"
            thread.start()
        }
    }

    private func run(worker: Int, job: ([Int]) throws -> Batch?) {
        while let task = take(worker: worker) {
            let outcome: Outcome<Batch>
            do {
                if let batch = try withErrorCapture({ try job(task.indices) }) {
                    outcome = .batch(batch)
                } else {
                    outcome = .exhausted(worker: worker)
                }
            } catch {
                outcome = .failure(error)
            }
            deliver(task.id, outcome)
        }
    }

    /// The worker's next task; `nil` once the pool is shut down.
    private func take(worker: Int) -> Task? {
        condition.lock()
        defer { condition.unlock() }
        while queues[worker].isEmpty && !isShutDown { condition.wait() }
        if isShutDown { return nil }
        return queues[worker].removeFirst()
    }

    func enqueue(worker: Int, id: Int, indices: [Int]) {
        condition.lock()
        queues[worker].append(Task(id: id, indices: indices))
        condition.broadcast()
        condition.unlock()
    }

    func deliver(_ id: Int, _ outcome: Outcome<Batch>) {
        condition.lock()
        if !isShutDown {
            results[id] = outcome
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Waits for the outcome of task `id`; `nil` if the pool was shut down.
    func wait(for id: Int) -> Outcome<Batch>? {
        condition.lock()
        defer { condition.unlock() }
        while results[id] == nil && !isShutDown { condition.wait() }
        return results.removeValue(forKey: id)
    }

    /// Stops the workers after their current batch and drops the batches loaded ahead.
    func shutDown() {
        condition.lock()
        isShutDown = true
        queues = Array(repeating: [], count: workers)
        results = [:]
        condition.broadcast()
        condition.unlock()
    }
}
