// ParallelTests.swift
//
// Ember's thread pool (see Note [A spinning thread pool] in Pool.c): every piece runs exactly once,
// on more than one thread when there are cores for it, nested and concurrent jobs included.

import Dispatch
import Glibc
import Synchronization
import Testing
@testable import EmberCPU
@testable import EmberBackend

@Suite("thread pool")
struct ParallelTests {
    /// Counts of how often each index ran.
    final class Tally: Sendable {
        let counts: Mutex<[Int]>
        init(_ n: Int) { counts = Mutex([Int](repeating: 0, count: n)) }
        func hit(_ i: Int) { counts.withLock { $0[i] += 1 } }
        var values: [Int] { counts.withLock { $0 } }
    }

    @Test("every index once", arguments: [0, 1, 2, 3, 17, 1000])
    func everyIndexOnce(_ count: Int) {
        let tally = Tally(count)
        for _ in 0..<50 { Parallel.perform(count) { tally.hit($0) } }
        #expect(tally.values == [Int](repeating: 50, count: count))
    }

    /// `forRange` covers `0..<count` with disjoint chunks of at least `grain`.
    @Test func forRangeCoversTheRange() {
        let tally = Tally(10_001)
        let shortest = Atomic(Int.max)
        Parallel.forRange(10_001, grain: 100) { range in
            shortest.min(range.count, ordering: .relaxed)
            for i in range { tally.hit(i) }
        }
        #expect(tally.values == [Int](repeating: 1, count: 10_001))
        #expect(shortest.load(ordering: .relaxed) >= 100)
    }

    /// Pieces run on more than one thread when the machine has more than one core. (A job that
    /// finds the pool busy with another test's job runs inline, so this tries a few times.)
    @Test func piecesShareTheCores() {
        guard Parallel.threadCount > 1 else { return }
        var most = 0
        for _ in 0..<100 where most < 2 {
            let threads = Mutex(Set<pthread_t>())
            // Each piece takes about a millisecond, so that one thread cannot run them all first.
            Parallel.perform(8) { _ in
                threads.withLock { _ = $0.insert(pthread_self()) }
                let start = DispatchTime.now().uptimeNanoseconds
                while DispatchTime.now().uptimeNanoseconds - start < 1_000_000 {}
            }
            most = max(most, threads.withLock { $0.count })
        }
        #expect(most > 1)
    }

    /// A job started from inside a piece runs its pieces on that thread, and both finish.
    @Test func nestedJobs() {
        let tally = Tally(64)
        Parallel.perform(8) { outer in
            Parallel.perform(8) { inner in tally.hit(outer * 8 + inner) }
        }
        #expect(tally.values == [Int](repeating: 1, count: 64))
    }

    /// Jobs from several threads at once all complete (one holds the pool, the others run inline).
    @Test func concurrentJobs() {
        let tally = Tally(400)
        DispatchQueue.concurrentPerform(iterations: 4) { caller in
            for _ in 0..<25 { Parallel.perform(100) { tally.hit(caller * 100 + $0) } }
        }
        #expect(tally.values == [Int](repeating: 25, count: 400))
    }
}
