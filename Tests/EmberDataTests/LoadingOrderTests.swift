// The orders PyTorch's data loading draws for a seed (DataLoadingReference.swift, written by
// Scripts/data-loading-reference.py), matched exactly, and where the generator stands after.

import Ember
import EmberData
import Testing

/// Five draws that show where a generator stands (`torch.randint(0, 1000000, (5,), generator=g)`).
private func after(_ generator: Generator? = nil) -> [Int] {
    Tensor.randint(high: 1_000_000, [5], generator: generator).scalars(as: Int64.self).map { Int($0) }
}

/// The first column of every batch of one epoch, as lists of positions.
private func epoch(_ loader: DataLoader<[Tensor], [Tensor]>) -> [[Int]] {
    loader.map { $0[0].scalars(as: Int64.self).map { Int($0) } }
}

private func arange(_ n: Int) -> TensorDataset { TensorDataset(Tensor.arange(n)) }

@Suite struct LoadingOrderTests {
    @Test func randpermMatchesPyTorch() {
        for c in DataLoadingReference.randperm {
            let p = Tensor.randperm(c.n, generator: Generator(seed: c.seed)).scalars(as: Int64.self).map { Int($0) }
            #expect(p == c.permutation, "seed \(c.seed), n \(c.n)")
        }
    }

    @Test(arguments: [0, 2])
    func shuffledWithGenerator(workers: Int) {
        for c in DataLoadingReference.shuffled {
            let g = Generator(seed: c.seed)
            let loader = DataLoader(arange(c.n), batchSize: c.batchSize, shuffle: true, numWorkers: workers,
                                    dropLast: c.dropLast, generator: g)
            let label = "seed \(c.seed), n \(c.n), batch \(c.batchSize), dropLast \(c.dropLast), workers \(workers)"
            #expect(loader.count == c.epochs[0].count, "\(label)")
            #expect([epoch(loader), epoch(loader)] == c.epochs, "\(label)")
            #expect(after(g) == c.after, "\(label)")
        }
    }

    /// Loaders and splits without a generator draw from the process-wide generator, so they run
    /// in a child process where no other test draws at the same time.
    @Test func defaultGenerator() async {
        await #expect(processExitsWith: .success) {
            for c in DataLoadingReference.shuffledDefault {
                manualSeed(c.seed)
                let loader = DataLoader(arange(c.n), batchSize: c.batchSize, shuffle: true)
                precondition([epoch(loader), epoch(loader)] == c.epochs, "seed \(c.seed), n \(c.n)")
                precondition(after() == c.after, "seed \(c.seed), n \(c.n)")
            }
            // An unshuffled epoch draws a base seed too.
            for c in DataLoadingReference.sequentialDefault {
                manualSeed(c.seed)
                let loader = DataLoader(arange(10), batchSize: 4)
                precondition(epoch(loader) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
                _ = epoch(loader)
                precondition(after() == c.after, "seed \(c.seed)")
            }
            for c in DataLoadingReference.randomSplitDefault {
                manualSeed(c.seed)
                precondition(randomSplit(Array(0..<10), lengths: [4, 6]).map { $0.indices } == c.splits)
            }
        }
    }

    @Test func randomSampler() {
        for c in DataLoadingReference.randomSampler {
            let g = Generator(seed: c.seed)
            let sampler = RandomSampler(count: c.n, replacement: c.replacement, numSamples: c.numSamples, generator: g)
            let label = "seed \(c.seed), n \(c.n), replacement \(c.replacement), numSamples \(String(describing: c.numSamples))"
            #expect(sampler.count == c.epochs[0].count, "\(label)")
            #expect([Array(sampler), Array(sampler)] == c.epochs, "\(label)")
            #expect(after(g) == c.after, "\(label)")
        }
    }

    @Test func subsetRandomSampler() {
        for c in DataLoadingReference.subsetRandomSampler {
            #expect(Array(SubsetRandomSampler(c.indices, generator: Generator(seed: c.seed))) == c.order)
        }
    }

    @Test func weightedRandomSampler() {
        for c in DataLoadingReference.weightedRandomSampler {
            let g = Generator(seed: c.seed)
            let sampler = WeightedRandomSampler(c.weights, numSamples: c.numSamples, replacement: c.replacement, generator: g)
            let label = "seed \(c.seed), weights \(c.weights), n \(c.numSamples), replacement \(c.replacement)"
            #expect([Array(sampler), Array(sampler)] == c.epochs, "\(label)")
            #expect(after(g) == c.after, "\(label)")
        }
    }

    @Test func weightedRandomSamplerInALoader() {
        // The sampler's draws pick the positions of the batches.
        let c = DataLoadingReference.weightedRandomSampler[0]
        let sampler = WeightedRandomSampler(c.weights, numSamples: c.numSamples, replacement: c.replacement,
                                            generator: Generator(seed: c.seed))
        let loader = DataLoader(arange(c.weights.count), batchSize: 5, sampler: sampler)
        #expect(epoch(loader).flatMap { $0 } == c.epochs[0])
    }

    @Test func randomSplitByLengths() {
        for c in DataLoadingReference.randomSplitLengths {
            let parts = randomSplit(Array(0..<c.n), lengths: c.lengths, generator: Generator(seed: c.seed))
            #expect(parts.map { $0.indices } == c.splits, "seed \(c.seed), lengths \(c.lengths)")
            #expect(parts.map { (try? $0.elements(at: Array(0..<$0.count))) ?? [] } == c.splits)
        }
    }

    @Test func randomSplitByFractions() {
        for c in DataLoadingReference.randomSplitFractions {
            let parts = randomSplit(Array(0..<c.n), fractions: c.fractions, generator: Generator(seed: c.seed))
            #expect(parts.map { $0.indices } == c.splits, "seed \(c.seed), n \(c.n), fractions \(c.fractions)")
        }
    }
}
