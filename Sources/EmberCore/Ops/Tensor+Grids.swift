import EmberBackend

// MARK: - meshgrid, cartesian_prod, combinations, tril_indices, triu_indices

extension Tensor {
    /// How `meshgrid(_:indexing:)` lays out its grids (PyTorch's `indexing='ij'` or
    /// `indexing='xy'` of `torch.meshgrid`).
    public enum MeshgridIndexing: PyTorchStringOption {
        /// Matrix indexing: grid `i` varies along dim `i` (`indexing='ij'`).
        case ij
        /// Cartesian indexing: the first two dims are swapped, so the first grid varies along
        /// dim 1 and the second along dim 0 (`indexing='xy'`).
        case xy
        /// A string literal that names no indexing; `meshgrid` fails with PyTorch's message.
        case unrecognized(String)

        /// PyTorch's string for each option.
        public static let spellings: [(option: Self, name: String)] = [(.ij, "ij"), (.xy, "xy")]
    }

    /// One grid per tensor, each of shape `[n0, n1, ...]` (the tensors' lengths; `[n1, n0, ...]`
    /// with `.xy`), holding tensor `i`'s values along its dim (`torch.meshgrid(*tensors,
    /// indexing)`). The tensors are 0-D or 1-D, of one dtype and device; the grids are expanded
    /// views (`ExpandBackward0` of `ViewBackward0`), so writing into one writes into its tensor.
    public static func meshgrid(_ tensors: [Tensor], indexing: MeshgridIndexing = .ij) -> [Tensor] {
        attempt {
            guard !tensors.isEmpty else { throw TensorError.runtime("meshgrid expects a non-empty TensorList") }
            for (a, b) in zip(tensors, tensors.dropFirst()) {
                guard a.dtype == b.dtype else { throw TensorError.runtime("meshgrid expects all tensors to have the same dtype") }
                guard a.device == b.device else { throw TensorError.runtime("meshgrid expects all tensors to have the same device") }
            }
            var ordered = tensors
            let swap: Bool
            switch indexing {
            case .ij: swap = false
            case .xy: swap = tensors.count >= 2
            case .unrecognized(let name):
                throw TensorError.runtime("torch.meshgrid: indexing must be one of \"xy\" or \"ij\", but received: \(name)")
            }
            if swap { ordered.swapAt(0, 1) }
            for t in ordered where t.dim > 1 {
                throw TensorError.runtime("torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got: \(t)")
            }
            let shape = ordered.map(\.numel)
            var grids = ordered.indices.map { i in
                var viewShape = [Int](repeating: 1, count: ordered.count)
                viewShape[i] = -1
                return ordered[i].view(viewShape).expand(shape)
            }
            if swap { grids.swapAt(0, 1) }
            return grids
        }
    }

    /// Every combination of one element from each 1-D tensor, as rows of an `[n0 * n1 * ...,
    /// count]` tensor in row-major order (`torch.cartesian_prod(*tensors)`); a single tensor comes
    /// back as it is. The tensors share a dtype. Differentiable (`StackBackward0`).
    public static func cartesianProd(_ tensors: [Tensor]) -> Tensor {
        attempt {
            for t in tensors where t.dim != 1 {
                throw TensorError.runtime("Expect a 1D vector, but got shape \(t.layout.shape)")
            }
            if tensors.count == 1 { return tensors[0] }
            return stack(meshgrid(tensors, indexing: .ij).map { $0.flatten() }, dim: 1)
        }
    }

    /// The `r`-element combinations of this 1-D tensor's elements, as rows of an `[N, r]` tensor
    /// in lexicographic order of positions (`torch.combinations(input, r=2,
    /// with_replacement=False)`, Python's `itertools.combinations`, or
    /// `combinations_with_replacement` with `withReplacement`). `r` 0 gives an empty 1-D tensor.
    /// Differentiable (`IndexBackward0`).
    public func combinations(r: Int = 2, withReplacement: Bool = false) -> Tensor {
        attempt {
            guard dim == 1 else { throw TensorError.runtime("Expect a 1D vector, but got shape \(layout.shape)") }
            guard r >= 0 else { throw TensorError.runtime("Expect a non-negative number, but got \(r)") }
            if r == 0 { return try Tensor.uninitialized([0], dtype: dtype, device: device) }
            let n = numel
            // PyTorch selects the rows from a grid of `r` copies of the input (n^r entries): its
            // errors when that grid cannot be made, without making it.
            try SizeArithmetic.checkListCount(r)
            if n > 1 {
                var gridCount = 1
                for _ in 0..<r {
                    let (product, overflow) = gridCount.multipliedReportingOverflow(by: n)
                    guard !overflow else { throw TensorError.runtime("numel: integer multiplication overflow") }
                    gridCount = product
                }
            }
            var rows: [Int64] = []
            var current = [Int](repeating: 0, count: r)
            // Positions in increasing order (non-decreasing with replacement), lexicographically.
            func fill(_ k: Int, from start: Int) {
                if k == r {
                    rows.append(contentsOf: current.map(Int64.init))
                    return
                }
                guard start < n else { return }
                for i in start..<n {
                    current[k] = i
                    fill(k + 1, from: withReplacement ? i : i + 1)
                }
            }
            fill(0, from: 0)
            let index = Tensor(shape: [rows.count / r, r], data: rows, dtype: .int64, device: device)
            return try advancedIndexedRecording([index])
        }
    }

    /// The row and column indices of the lower triangle of a `row` × `col` matrix, on and below
    /// diagonal `offset` (`torch.tril_indices(row, col, offset=0)`): a `[2, N]` tensor, row
    /// indices first, in row-major order. `dtype` is int64 (PyTorch's default) or int32.
    public static func trilIndices(row: Int, col: Int, offset: Int = 0, dtype: DType = .int64,
                                   device: Device = .cpu) -> Tensor {
        attempt { try triangleIndices(row, col, offset, dtype, device, lower: true) }
    }

    /// The row and column indices of the upper triangle of a `row` × `col` matrix, on and above
    /// diagonal `offset` (`torch.triu_indices(row, col, offset=0)`): a `[2, N]` tensor, row
    /// indices first, in row-major order. `dtype` is int64 (PyTorch's default) or int32.
    public static func triuIndices(row: Int, col: Int, offset: Int = 0, dtype: DType = .int64,
                                   device: Device = .cpu) -> Tensor {
        attempt { try triangleIndices(row, col, offset, dtype, device, lower: false) }
    }

    private static func triangleIndices(_ row: Int, _ col: Int, _ offset: Int, _ dtype: DType, _ device: Device,
                                        lower: Bool) throws(TensorError) -> Tensor {
        guard row >= 0 else { throw TensorError.runtime("row must be non-negative, got\(row)") }
        guard col >= 0 else { throw TensorError.runtime("col must be non-negative, got\(col)") }
        guard dtype == .int64 || dtype == .int32 else {
            throw TensorError.notImplemented("\"\(lower ? "tril" : "triu")_indices\" not implemented for '\(dtype.scalarTypeName)'")
        }
        // PyTorch sizes the output first, in wrapping arithmetic; a size that overflowed or came
        // out negative fails its allocation (see Note [Checked size arithmetic]). After that the
        // loop below visits only rows that hold indices, so it is bounded by the output's size.
        let size = lower ? trilSize(row, col, offset) : (row &* col) &- trilSize(row, col, offset &- 1)
        _ = try Tensor.uninitialized([2, size], dtype: dtype, device: device)
        var rows: [Int64] = [], cols: [Int64] = []
        if size == 0 { return Tensor(shape: [2, 0], data: rows, dtype: dtype, device: device) }
        // Beyond these bounds an offset changes nothing (and `i + offset` cannot overflow).
        let offset = Swift.min(Swift.max(offset, -row - 1), col < Int.max ? col + 1 : col)
        let firstRow = lower ? Swift.max(0, -offset) : 0
        let endRow = lower ? row : Swift.min(row, Swift.max(0, col - offset))
        // At most `size` indices: where PyTorch's size wrapped (a `col` near Int.max), its output
        // has that many elements and so does this one.
        rows: for i in firstRow..<Swift.max(firstRow, endRow) {
            // Columns j with j - i <= offset (lower) or j - i >= offset (upper), clamped to the matrix.
            let first = lower ? 0 : Swift.min(Swift.max(i &+ offset, 0), col)
            let end = lower ? Swift.min(Swift.max(i &+ offset &+ 1, 0), col) : col
            for j in first..<end {
                if rows.count == size { break rows }
                rows.append(Int64(i))
                cols.append(Int64(j))
            }
        }
        return Tensor(shape: [2, rows.count], data: rows + cols, dtype: dtype, device: device)
    }

    /// The number of indices of `trilIndices` (PyTorch's `get_tril_size`, in its wrapping
    /// arithmetic): a trapezoid of rows, then a rectangle of full rows.
    private static func trilSize(_ row: Int, _ col: Int, _ offset: Int) -> Int {
        let firstRowCount = offset > 0 ? Swift.min(col, 1 &+ offset) : (row &+ offset > 0 ? 1 : 0)
        let lastRowCount = Swift.max(0, Swift.min(col, row &+ offset))
        let rowCount = Swift.max(0, Swift.min(row, row &+ offset))
        let trapezoidRows = lastRowCount &- firstRowCount &+ 1
        var size = ((firstRowCount &+ lastRowCount) &* trapezoidRows) >> 1
        let rectangleRows = rowCount &- trapezoidRows
        if rectangleRows > 0 { size &+= rectangleRows &* col }
        return size
    }
}
