import EmberCore

// MARK: - Embedding

extension Functional {
    /// The rows of `weight` that `input` names (`F.embedding(input, weight, padding_idx)`): the
    /// result has `input`'s shape plus `weight`'s row width, recorded as `EmbeddingBackward0`; the
    /// row `paddingIndex` gets no gradient.
    public static func embedding(_ input: Tensor, _ weight: Tensor, paddingIndex: Int? = nil) -> Tensor {
        attempt {
            guard weight.dim == 2 else { throw TensorError.runtime("'weight' must be 2-D") }
            let rows = try withErrorCapture {
                withNoGrad { weight.indexSelect(dim: 0, index: input.reshape(-1)) }
            }
            let result = rows.reshape(input.shape + [weight.size(1)])
            if Tensor.recording(weight) {
                Tensor.recordEmbedding(weight, indices: input, result: result, paddingIndex: paddingIndex)
            }
            return result
        }
    }
}

/// A table of `numEmbeddings` vectors of size `embeddingDim`, looked up by index (PyTorch's
/// `nn.Embedding`). The weights start as standard normal samples drawn in PyTorch's order, with
/// the padding row, if any, zero.
open class Embedding: Module {
    /// The number of rows (`num_embeddings`).
    public let numEmbeddings: Int
    /// The size of each row (`embedding_dim`).
    public let embeddingDim: Int
    /// The row that is all zeros and gets no gradient (`padding_idx`), counted from 0.
    public let paddingIndex: Int?
    /// The table, `[numEmbeddings, embeddingDim]`.
    public var weight: Parameter

    /// A table (`nn.Embedding(num_embeddings, embedding_dim, padding_idx)`); a negative
    /// `paddingIndex` counts from the end.
    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIndex: Int? = nil, dtype: DType = .float32,
                device: Device = .cpu) {
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIndex = Embedding.paddingRow(paddingIndex, rows: numEmbeddings,
                                                 TensorError.runtime("Padding_idx must be within num_embeddings"))
        weight = Parameter(Tensor.empty([numEmbeddings, embeddingDim], dtype: dtype, device: device))
        super.init()
        resetParameters()
    }

    /// Draws new weights as PyTorch's `reset_parameters` does: `normal_`, then the padding row zeroed.
    open func resetParameters() { Embedding.resetTable(weight, paddingRow: paddingIndex) }

    /// A padding index counted from 0 (a negative one counts from the end), or `error` when it
    /// is outside the table (the text differs between PyTorch's embedding modules).
    static func paddingRow(_ index: Int?, rows: Int, _ error: @autoclosure () -> TensorError) -> Int? {
        attempt {
            guard let index else { return nil }
            guard index < rows && index >= -rows else { throw error() }
            return index < 0 ? index + rows : index
        }
    }

    /// Fills a table as PyTorch's embedding modules' `reset_parameters` do: `normal_`, then the
    /// padding row zeroed.
    static func resetTable(_ weight: Tensor, paddingRow: Int?) {
        Init.normal_(weight)
        if let paddingRow { withNoGrad { _ = weight[paddingRow].fill_(0) } }
    }

    /// `F.embedding(input, weight, padding_idx)`.
    open override func forward(_ input: Tensor) -> Tensor {
        Functional.embedding(input, weight, paddingIndex: paddingIndex)
    }

    /// `5, 3, padding_idx=1`.
    open override var extraRepr: String {
        "\(numEmbeddings), \(embeddingDim)" + (paddingIndex.map { ", padding_idx=\($0)" } ?? "")
    }
}
