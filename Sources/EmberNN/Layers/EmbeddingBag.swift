import EmberCore

// MARK: - Embedding bags
//
// `embedding_bag` looks rows up and reduces each bag of them in one step, as PyTorch's fused
// kernel does: computed here without recording, then recorded as one `EmbeddingBagBackward0` node
// whose formula lives in the core (Derivatives+Indexing.swift).

/// How ``Functional/embeddingBag(_:_:offsets:mode:perSampleWeights:includeLastOffset:paddingIndex:)``
/// reduces a bag (PyTorch's `mode` strings).
public enum EmbeddingBagMode: String, Sendable {
    /// The sum of the bag's rows (`'sum'`).
    case sum
    /// Their mean (`'mean'`, the default).
    case mean
    /// Their element-wise maximum (`'max'`).
    case max
}

extension Functional {
    /// Sums, averages or takes the maximum of bags of table rows without making the rows
    /// (`F.embedding_bag(input, weight, offsets=None, mode='mean', per_sample_weights=None,
    /// include_last_offset=False, padding_idx=None)`).
    ///
    /// A 2-D `input` `[B, N]` is `B` bags of `N` indices; a 1-D `input` is split into bags at
    /// `offsets` (`[B]`, the start of each bag, the first 0; with `includeLastOffset`, `[B + 1]`
    /// and the last is the end). Entries equal to `paddingIndex` are left out of their bag (and of
    /// its size for a mean); an empty bag gives zeros. `perSampleWeights` (the input's shape, `.sum`
    /// only) scales each row before the sum and gets a gradient. The result is `[B, D]`, recorded
    /// as `EmbeddingBagBackward0`; in max mode each column's gradient goes to the first row that
    /// held its maximum.
    public static func embeddingBag(
        _ input: Tensor, _ weight: Tensor, offsets: Tensor? = nil, mode: EmbeddingBagMode = .mean,
        perSampleWeights: Tensor? = nil, includeLastOffset: Bool = false, paddingIndex: Int? = nil
    ) -> Tensor {
        attempt {
            guard weight.dim == 2 else { throw TensorError.runtime("'weight' must be 2-D") }
            let tableRows = weight.shape[0], width = weight.shape[1]
            if let perSampleWeights, perSampleWeights.shape != input.shape {
                throw TensorError.value(
                    "embedding_bag: If per_sample_weights (\(pythonSize(perSampleWeights.shape))) is not None, then it must have the same shape as the input (\(pythonSize(input.shape)))")
            }
            // The bags as [start, end) ranges of the flattened input.
            let indices: Tensor
            var bounds: [Int]
            switch input.dim {
            case 2:
                if offsets != nil {
                    throw TensorError.value(
                        "if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type <class 'torch.Tensor'>")
                }
                let (bags, length) = (input.shape[0], input.shape[1])
                bounds = (0...bags).map { $0 * length }
                indices = input.reshape(-1)
            case 1:
                guard let offsets else { throw TensorError.value("offsets has to be a 1D Tensor but got None") }
                guard offsets.dim == 1 else { throw TensorError.value("offsets has to be a 1D Tensor") }
                indices = input
                bounds = offsets.scalars(as: Int64.self).map { Int($0) }
                if let first = bounds.first, first != 0 {
                    throw TensorError.runtime(
                        "offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got \(first)")
                }
                if let last = bounds.last, last > input.numel {
                    throw TensorError.runtime(
                        "offsets[-1] can not be greater than input's length \(input.numel) but got offsets[-1] of \(last)")
                }
                // PyTorch reads out of bounds here (its error names a garbage index); Ember says why.
                if let k = bounds.indices.dropFirst().first(where: { bounds[$0] < bounds[$0 - 1] }) {
                    throw TensorError.runtime(
                        "embedding_bag: offsets must be non-decreasing, but offsets[\(k)] = \(bounds[k]) is less than offsets[\(k - 1)] = \(bounds[k - 1])")
                }
                if !includeLastOffset || bounds.isEmpty { bounds.append(input.numel) }
            default:
                throw TensorError.value("input has to be 1D or 2D Tensor, but got Tensor of dimension \(input.dim)")
            }
            if perSampleWeights != nil && mode != .sum {
                throw TensorError.notImplemented(
                    "embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='\(mode.rawValue)'). Please open a feature request on GitHub.")
            }
            guard indices.dtype == .int64 || indices.dtype == .int32 else {
                throw TensorError.runtime("Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got \(indices.dtype.legacyTensorTypeName) instead (while checking arguments for embedding_bag)")
            }
            let padding = paddingIndex.map { $0 < 0 ? $0 + tableRows : $0 }
            let values = indices.scalars(as: Int64.self).map { Int($0) }
            if let bad = values.first(where: { $0 < 0 || $0 >= tableRows }) {
                throw TensorError.runtime(
                    "embedding_bag: Expected idx >= 0 && idx < num_embeddings but found idx to be \(bad)")
            }
            let bagCount = bounds.count - 1
            var rows: [Int64] = [], bags: [Int64] = [], positions: [Int64] = [], counts = [Int](repeating: 0, count: bagCount)
            for bag in 0..<bagCount {
                for position in bounds[bag]..<bounds[bag + 1] where values[position] != padding {
                    rows.append(Int64(values[position]))
                    bags.append(Int64(bag))
                    positions.append(Int64(position))
                    counts[bag] += 1
                }
            }
            let device = weight.device
            let plan = EmbeddingBagPlan(rows: Tensor(rows).to(device), bags: Tensor(bags).to(device),
                                        positions: Tensor(positions).to(device), inputCount: values.count)
            let recording = Tensor.recording([weight, perSampleWeights])
            if mode == .max {
                // Each column's first maximum in input order (PyTorch's kernel replaces only on `>`).
                let table = withNoGrad { weight.indexSelect(dim: 0, index: plan.rows) }.to(.float64).scalars(as: Double.self)
                var best = [Int64](repeating: 0, count: bagCount * width), seen = [Bool](repeating: false, count: bagCount)
                var bestValue = [Double](repeating: 0, count: bagCount * width)
                for k in rows.indices {
                    let bag = Int(bags[k])
                    for d in 0..<width {
                        let v = table[k * width + d]
                        if !seen[bag] || v > bestValue[bag * width + d] {
                            bestValue[bag * width + d] = v
                            best[bag * width + d] = rows[k]
                        }
                    }
                    seen[bag] = true
                }
                let maxRows = Tensor(shape: [bagCount, width], data: best).to(device)
                let nonEmpty = Tensor(shape: [bagCount, 1], data: seen).to(device)
                let result = withNoGrad { Tensor.where(nonEmpty, weight.gather(dim: 0, index: maxRows), 0.0) }
                if recording { Tensor.recordEmbeddingBagMax(weight, maxRows: maxRows, nonEmpty: nonEmpty, result: result) }
                return result
            }
            let sizes = mode == .mean
                ? Tensor(shape: [bagCount, 1], data: counts.map { Double(Swift.max($0, 1)) }).to(weight.dtype).to(device) : nil
            let result: Tensor = withNoGrad {
                var entries = weight.indexSelect(dim: 0, index: plan.rows)
                if let perSampleWeights {
                    entries = entries * perSampleWeights.reshape(-1).indexSelect(dim: 0, index: plan.positions).unsqueeze(dim: 1)
                }
                let sums = Tensor.zeros([bagCount, width], dtype: weight.dtype, device: device)
                    .indexAdd(dim: 0, index: plan.bags, source: entries)
                return sizes.map { sums / $0 } ?? sums
            }
            if recording {
                Tensor.recordEmbeddingBag(weight, perSampleWeights: perSampleWeights, plan: plan, counts: sizes, result: result)
            }
            return result
        }
    }

    /// `torch.Size([3, 4])`, as PyTorch's messages print a size.
    private static func pythonSize(_ shape: [Int]) -> String {
        "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
    }
}

/// A table of vectors looked up and reduced in bags (PyTorch's `nn.EmbeddingBag`): the sum, mean
/// or maximum of each bag's rows, without making the rows. The weights start as standard normal
/// samples drawn in PyTorch's order, with the padding row, if any, zero.
open class EmbeddingBag: Module {
    /// The number of rows (`num_embeddings`).
    public let numEmbeddings: Int
    /// The size of each row (`embedding_dim`).
    public let embeddingDim: Int
    /// How a bag is reduced (`mode`).
    public let mode: EmbeddingBagMode
    /// Whether `offsets` ends with the end of the last bag (`include_last_offset`).
    public let includeLastOffset: Bool
    /// The index left out of every bag (`padding_idx`), counted from 0.
    public let paddingIndex: Int?
    /// The table, `[numEmbeddings, embeddingDim]`.
    public var weight: Parameter

    /// A table (`nn.EmbeddingBag(num_embeddings, embedding_dim, mode='mean',
    /// include_last_offset=False, padding_idx=None)`); a negative `paddingIndex` counts from the end.
    public init(_ numEmbeddings: Int, _ embeddingDim: Int, mode: EmbeddingBagMode = .mean,
                includeLastOffset: Bool = false, paddingIndex: Int? = nil, dtype: DType = .float32,
                device: Device = .cpu) {
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.mode = mode
        self.includeLastOffset = includeLastOffset
        self.paddingIndex = Embedding.paddingRow(paddingIndex, rows: numEmbeddings,
                                                 TensorError(.assertionError, "padding_idx must be within num_embeddings"))
        weight = Parameter(Tensor.empty([numEmbeddings, embeddingDim], dtype: dtype, device: device))
        super.init()
        resetParameters()
    }

    /// Draws new weights as PyTorch's `reset_parameters` does: `normal_`, then the padding row zeroed.
    open func resetParameters() { Embedding.resetTable(weight, paddingRow: paddingIndex) }

    /// The bags of a 2-D input (`embedding_bag(input)`).
    open override func forward(_ input: Tensor) -> Tensor { callAsFunction(input, offsets: nil) }

    /// `F.embedding_bag(input, weight, offsets, mode, per_sample_weights, include_last_offset,
    /// padding_idx)` (`embedding_bag(input, offsets, per_sample_weights)`); hooks see the tensors
    /// given.
    public func callAsFunction(_ input: Tensor, offsets: Tensor?, perSampleWeights: Tensor? = nil) -> Tensor {
        callWithOptionalInputs([input, offsets, perSampleWeights], outputCount: 1) { x in
            [Functional.embeddingBag(x[0]!, weight, offsets: x[1], mode: mode, perSampleWeights: x[2],
                                     includeLastOffset: includeLastOffset, paddingIndex: paddingIndex)]
        }[0]
    }

    /// `6, 4, mode='max', padding_idx=2`.
    open override var extraRepr: String {
        "\(numEmbeddings), \(embeddingDim), mode='\(mode.rawValue)'" + (paddingIndex.map { ", padding_idx=\($0)" } ?? "")
    }
}
