import EmberCore

// MARK: - Packed sequences

// Note [Packed sequences]
//
// A batch of sequences of different lengths is packed time step by time step: `data` holds the
// first element of every sequence, then the second element of every sequence that has one, and so
// on, so `data` is `[sum(lengths), *]` and `batchSizes[t]` is how many sequences have a step
// `t`. The sequences are ordered by decreasing length, so the sequences alive at step `t` are
// always the first `batchSizes[t]` rows; a recurrent layer then runs each step on a prefix of its
// hidden state. When the caller's batch was not sorted (`enforceSorted: false`),
// `sortedIndices[k]` is the caller's index of the `k`-th longest sequence and `unsortedIndices`
// is its inverse permutation; the layers take the initial state in the caller's order, permute it
// by `sortedIndices`, and give the final state back in the caller's order by `unsortedIndices`,
// exactly as PyTorch's `torch.nn.utils.rnn` does.

/// A batch of variable-length sequences packed step by step (PyTorch's
/// `torch.nn.utils.rnn.PackedSequence`); see ``Functional/packPaddedSequence(_:lengths:batchFirst:enforceSorted:)``.
///
/// The recurrent layers (``LSTM``, ``GRU``, ``RNN``) accept one and return one.
public struct PackedSequence {
    /// The packed steps, `[sum(lengths), *]` (`data`).
    public var data: Tensor
    /// How many sequences have each step, non-increasing (`batch_sizes`, an int64 tensor on the CPU).
    public var batchSizes: Tensor
    /// The caller's index of each sequence in packed order, or `nil` when the batch was given sorted
    /// (`sorted_indices`).
    public var sortedIndices: Tensor?
    /// The packed position of each of the caller's sequences, the inverse of ``sortedIndices``
    /// (`unsorted_indices`).
    public var unsortedIndices: Tensor?

    /// A packed sequence from its parts (`PackedSequence(data, batch_sizes, sorted_indices,
    /// unsorted_indices)`); `unsortedIndices` is computed from `sortedIndices` when not given.
    public init(data: Tensor, batchSizes: Tensor, sortedIndices: Tensor? = nil, unsortedIndices: Tensor? = nil) {
        self.data = data
        self.batchSizes = batchSizes
        self.sortedIndices = sortedIndices
        self.unsortedIndices = unsortedIndices ?? sortedIndices.map(PackedSequence.invertPermutation)
    }

    /// The batch sizes as Swift integers.
    var steps: [Int] { batchSizes.scalars(as: Int64.self).map { Int($0) } }

    /// The same packing with other data (the output of a layer).
    func replacingData(_ newData: Tensor) -> PackedSequence {
        PackedSequence(data: newData, batchSizes: batchSizes, sortedIndices: sortedIndices, unsortedIndices: unsortedIndices)
    }

    /// The inverse of a permutation (`invert_permutation`).
    static func invertPermutation(_ permutation: Tensor) -> Tensor {
        let p = permutation.scalars(as: Int64.self)
        var inverse = [Int64](repeating: 0, count: p.count)
        for (k, v) in p.enumerated() { inverse[Int(v)] = Int64(k) }
        return Tensor(shape: [p.count], data: inverse.map(Double.init), dtype: .int64, device: permutation.device)
    }
}

// MARK: - Packing

extension Functional {
    /// Packs a padded batch of sequences (`torch.nn.utils.rnn.pack_padded_sequence`).
    ///
    /// `input` is `[T, B, *]` (`[B, T, *]` when `batchFirst`), `lengths` the length of each
    /// sequence. With `enforceSorted` the lengths must not increase; otherwise the batch is sorted
    /// and the permutation kept in ``PackedSequence/sortedIndices``.
    public static func packPaddedSequence(_ input: Tensor, lengths: [Int], batchFirst: Bool = false,
                                          enforceSorted: Bool = true) -> PackedSequence {
        let placeholder = PackedSequence(data: Tensor.errorPlaceholder, batchSizes: Tensor.zeros([0], dtype: .int64))
        return recurrentAttempt(placeholder) {
            var order = Array(lengths.indices)
            if enforceSorted {
                if zip(lengths, lengths.dropFirst()).contains(where: { $0 < $1 }) {
                    throw TensorError.runtime("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.")
                }
            } else {
                order.sort { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
            }
            if lengths.contains(where: { $0 <= 0 }) {
                throw TensorError.runtime("Length of all samples has to be greater than 0, but found an element in 'lengths' that is <= 0")
            }
            var x = batchFirst ? input.transpose(0, 1) : input
            let batch = x.size(1)
            guard lengths.count == batch else {
                throw TensorError.runtime("Expected `len(lengths)` to be equal to batch_size, but got \(lengths.count) (batch_size=\(batch))")
            }
            let sorted = enforceSorted ? nil : Tensor(shape: [order.count], data: order.map(Double.init), dtype: .int64)
            if let sorted { x = x.indexSelect(dim: 1, index: sorted) }
            let sortedLengths = order.map { lengths[$0] }
            let longest = sortedLengths.first ?? 0
            guard longest <= x.size(0) else {
                throw TensorError.runtime("Expected sequence length to be larger than or equal to \(longest), but got \(x.size(0))")
            }
            var steps: [Tensor] = []
            var batchSizes: [Double] = []
            for t in 0..<longest {
                let alive = sortedLengths.filter { $0 > t }.count
                steps.append(x.select(dim: 0, index: t).narrow(dim: 0, start: 0, length: alive))
                batchSizes.append(Double(alive))
            }
            return PackedSequence(data: Tensor.cat(steps, dim: 0),
                                  batchSizes: Tensor(shape: [batchSizes.count], data: batchSizes, dtype: .int64),
                                  sortedIndices: sorted)
        }
    }

    /// Pads a packed batch back into a rectangular tensor (`torch.nn.utils.rnn.pad_packed_sequence`).
    ///
    /// Returns `[T, B, *]` (`[B, T, *]` when `batchFirst`), `T` being `totalLength` or the longest
    /// length, with `paddingValue` after each sequence's end, in the caller's order; and the
    /// lengths in that order (an int64 tensor).
    public static func padPackedSequence(_ sequence: PackedSequence, batchFirst: Bool = false, paddingValue: Double = 0,
                                         totalLength: Int? = nil) -> (output: Tensor, lengths: Tensor) {
        recurrentAttempt((output: Tensor.errorPlaceholder, lengths: Tensor.zeros([0], dtype: .int64))) {
            let steps = sequence.steps
            let longest = steps.count
            if let totalLength, totalLength < longest {
                throw TensorError.value("Expected total_length to be at least the length of the longest sequence in input, but got total_length=\(totalLength) and max sequence length being \(longest)")
            }
            let length = totalLength ?? longest
            let batch = steps.first ?? 0
            let feature = Array(sequence.data.shape.dropFirst())
            var rows: [Tensor] = []
            var offset = 0
            for t in 0..<length {
                let alive = t < longest ? steps[t] : 0
                var parts: [Tensor] = []
                if alive > 0 { parts.append(sequence.data.narrow(dim: 0, start: offset, length: alive)) }
                if alive < batch {
                    parts.append(Tensor.full([batch - alive] + feature, .float(paddingValue), dtype: sequence.data.dtype,
                                             device: sequence.data.device))
                }
                rows.append(parts.count == 1 ? parts[0] : Tensor.cat(parts, dim: 0))
                offset += alive
            }
            var output = Tensor.stack(rows, dim: 0)
            var lengths = (0..<batch).map { b in steps.filter { $0 > b }.count }
            if let unsorted = sequence.unsortedIndices {
                output = output.indexSelect(dim: 1, index: unsorted)
                let u = unsorted.scalars(as: Int64.self)
                lengths = u.map { lengths[Int($0)] }
            }
            if batchFirst { output = output.transpose(0, 1) }
            return (output: output, lengths: Tensor(shape: [lengths.count], data: lengths.map(Double.init), dtype: .int64))
        }
    }

    /// Packs a list of sequences of different lengths, each `[L_k, *]`
    /// (`torch.nn.utils.rnn.pack_sequence`).
    public static func packSequence(_ sequences: [Tensor], enforceSorted: Bool = true) -> PackedSequence {
        let lengths = sequences.map { $0.size(0) }
        return packPaddedSequence(padSequence(sequences), lengths: lengths, enforceSorted: enforceSorted)
    }

    /// Pads a list of sequences, each `[L_k, *]`, to `[max L, B, *]` (`[B, max L, *]` when
    /// `batchFirst`) with `paddingValue` (`torch.nn.utils.rnn.pad_sequence`).
    public static func padSequence(_ sequences: [Tensor], batchFirst: Bool = false, paddingValue: Double = 0) -> Tensor {
        let longest = sequences.map { $0.size(0) }.max() ?? 0
        let padded = sequences.map { s -> Tensor in
            guard s.size(0) < longest else { return s }
            let fill = Tensor.full([longest - s.size(0)] + Array(s.shape.dropFirst()), .float(paddingValue), dtype: s.dtype,
                                   device: s.device)
            return Tensor.cat([s, fill], dim: 0)
        }
        return Tensor.stack(padded, dim: batchFirst ? 0 : 1)
    }
}

// MARK: - Errors with tuple results

/// Runs `body`; a failure is reported as `attempt` reports it (thrown inside `withErrorCapture`,
/// stopping the process outside), and `placeholder` stands in for the result.
func recurrentAttempt<T>(_ placeholder: @autoclosure () -> T, _ body: () throws -> T) -> T {
    do {
        return try body()
    } catch {
        attemptVoid { throw error }
        return placeholder()
    }
}
