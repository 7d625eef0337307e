import EmberBackend
import EmberCore

// MARK: - randomSplit

/// Splits `dataset` into non-overlapping subsets of the given lengths, in a random order drawn
/// from `generator` (`torch.utils.data.random_split(dataset, lengths, generator)`).
///
/// The positions are `Tensor.randperm(dataset.count, generator:)` cut into consecutive runs, so a
/// seed gives PyTorch's split:
///
/// ```swift
/// let parts = randomSplit(data, lengths: [80, 20], generator: Generator(seed: 42))
/// let (train, test) = (parts[0], parts[1])
/// ```
/// Fails with PyTorch's `ValueError` when the lengths do not add up to `dataset.count`.
public func randomSplit<D: Dataset>(_ dataset: D, lengths: [Int], generator: Generator = .default) -> [Subset<D>] {
    attempt {
        guard lengths.reduce(0, +) == dataset.count, !lengths.contains(where: { $0 < 0 }) else {
            throw TensorError.value("Sum of input lengths does not equal the length of the input dataset!")
        }
        let order = Tensor.randperm(dataset.count, generator: generator).scalars(as: Int64.self)
        var offset = 0
        return lengths.map { length in
            defer { offset += length }
            return Subset(dataset, indices: order[offset..<offset + length].map { Int($0) })
        }
    }
}

/// Splits `dataset` into non-overlapping subsets holding the given fractions of it, in a random
/// order drawn from `generator` (`random_split(dataset, [0.8, 0.2], generator)`).
///
/// As in PyTorch, when the fractions add up to 1 each split gets `floor(count * fraction)`
/// elements and what is left over goes one by one to the splits in turn, from the first; then
/// the split is ``randomSplit(_:lengths:generator:)``'s. Fractions that do not add up to 1 are
/// taken as lengths, as PyTorch takes them (and fail unless they are whole numbers adding up to
/// the count). Fails with PyTorch's `ValueError` for a fraction outside [0, 1].
public func randomSplit<D: Dataset>(_ dataset: D, fractions: [Double], generator: Generator = .default) -> [Subset<D>] {
    let total = fractions.reduce(0, +)
    // math.isclose(sum(lengths), 1) and sum(lengths) <= 1
    guard abs(total - 1) <= 1e-9 * max(abs(total), 1), total <= 1 else {
        let lengths: [Int]? = attempt {
            guard fractions.allSatisfy({ $0 == $0.rounded() && abs($0) < 0x1p62 }) else {
                throw TensorError.value("Sum of input lengths does not equal the length of the input dataset!")
            }
            return fractions.map { Int($0) }
        }
        return lengths.map { randomSplit(dataset, lengths: $0, generator: generator) } ?? []
    }
    let lengths: [Int] = attempt {
        var lengths: [Int] = []
        for (i, fraction) in fractions.enumerated() {
            guard fraction >= 0 && fraction <= 1 else {
                throw TensorError.value("Fraction at index \(i) is not between 0 and 1")
            }
            lengths.append(Int((Double(dataset.count) * fraction).rounded(.down)))
        }
        let remainder = dataset.count - lengths.reduce(0, +)
        if !lengths.isEmpty, remainder > 0 {
            for i in 0..<remainder { lengths[i % lengths.count] += 1 }
        }
        return lengths
    }
    guard !isCapturingErrors || lengths.count == fractions.count else { return [] }
    return randomSplit(dataset, lengths: lengths, generator: generator)
}
