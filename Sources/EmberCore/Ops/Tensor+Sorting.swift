import EmberBackend

// MARK: - sort, argsort, topk, kthvalue

/// A `(values, indices)` pair, as `attempt` can return it.
private struct ValuesAndIndices: ErrorPlaceholder {
    var values: Tensor
    var indices: Tensor
    var tuple: (values: Tensor, indices: Tensor) { (values, indices) }
    static var errorPlaceholder: ValuesAndIndices { ValuesAndIndices(values: .errorPlaceholder, indices: .errorPlaceholder) }
}

/// The `(values, inverse, counts)` of `unique`, as `attempt` can return it.
private struct UniqueResult: ErrorPlaceholder {
    var values: Tensor
    var inverse: Tensor?
    var counts: Tensor?
    var tuple: (values: Tensor, inverse: Tensor?, counts: Tensor?) { (values, inverse, counts) }
    static var errorPlaceholder: UniqueResult { UniqueResult(values: .errorPlaceholder, inverse: nil, counts: nil) }
}

extension Tensor {
    /// The elements sorted along `dim`, ascending unless `descending`, and the int64 positions
    /// they came from (`torch.sort`). NaN sorts as the largest value. The sort is always stable
    /// (equal elements keep their order), which is what `stable: true` asks for in PyTorch;
    /// `stable: false` is accepted and gets the same stable result, which PyTorch's contract
    /// allows (it leaves the order of equal elements unspecified then).
    public func sort(dim: Int = -1, descending: Bool = false, stable: Bool = false) -> (values: Tensor, indices: Tensor) {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            let result = try sorted(dim: d, descending: descending, keep: self.dim == 0 ? 1 : layout.shape[d])
            recordSort(values: result.values, indices: result.indices, dim: d)
            return result
        }.tuple
    }

    /// The int64 positions that sort this tensor along `dim` (`torch.argsort`).
    public func argsort(dim: Int = -1, descending: Bool = false, stable: Bool = false) -> Tensor {
        sort(dim: dim, descending: descending, stable: stable).indices
    }

    /// The `k` largest (or, with `largest: false`, smallest) elements along `dim` and their
    /// int64 positions, in sorted order (`torch.topk`). NaN counts as the largest value.
    /// Equal elements come in their original order; PyTorch leaves that order unspecified.
    /// `sorted: false` is accepted and still gives sorted values: PyTorch then promises no
    /// order, so sorted order is a valid one.
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true, sorted: Bool = true) -> (values: Tensor, indices: Tensor) {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            let size = self.dim == 0 ? 1 : layout.shape[d]
            guard k >= 0 && k <= size else { throw TensorError.runtime("selected index k out of range") }
            guard dtype != .bool else { throw TensorError.notImplemented("topk does not support bool dtypes on CPU") }
            let result = try self.sorted(dim: d, descending: largest, keep: k)
            recordTopk(values: result.values, indices: result.indices, dim: d)
            return result
        }.tuple
    }

    /// The `k`-th smallest element (1-based) along `dim` and its int64 position, with `dim`
    /// removed unless `keepdim` (`torch.kthvalue`). NaN counts as the largest value; among equal
    /// values the position is the one PyTorch's quickselect returns.
    public func kthvalue(_ k: Int, dim: Int = -1, keepdim: Bool = false) -> (values: Tensor, indices: Tensor) {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            if self.dim > 0 && layout.shape[d] == 0 {
                throw TensorError.index("kthvalue(): Expected reduction dim \(d) to have non-zero size.")
            }
            let size = self.dim == 0 ? 1 : layout.shape[d]
            guard k >= 1 && k <= size else {
                throw TensorError.runtime("kthvalue(): selected number k out of range for dimension \(d)")
            }
            guard dtype != .bool else { throw TensorError.notImplemented("\"kthvalue_cpu\" not implemented for 'Bool'") }
            var kept = layout.shape
            if self.dim > 0 { kept[d] = 1 }
            var outShape = kept
            if self.dim > 0 && !keepdim { outShape.remove(at: d) }
            let values = try Tensor.uninitialized(outShape, dtype: dtype, device: device)
            let indices = try Tensor.uninitialized(outShape, dtype: .int64, device: device)
            // The kernel writes through `kept`, the input's shape with 1 at `d`.
            let keptLayout = Layout(contiguous: kept)
            backend.kthvalue(buffer, dim: self.dim == 0 ? 0 : d, k: k - 1, values: values.buffer.with(layout: keptLayout),
                             indices: indices.buffer.with(layout: keptLayout))
            let result = ValuesAndIndices(values: values, indices: indices)
            recordKthvalue(values: result.values, indices: result.indices, dim: d, keepdim: keepdim)
            return result
        }.tuple
    }

    /// The first `keep` entries of each sorted slice along `d`.
    private func sorted(dim d: Int, descending: Bool, keep: Int) throws(TensorError) -> ValuesAndIndices {
        var shape = layout.shape
        if self.dim > 0 { shape[d] = keep }
        let values = try Tensor.uninitialized(shape, dtype: dtype, device: device)
        let indices = try Tensor.uninitialized(shape, dtype: .int64, device: device)
        backend.sort(buffer, dim: self.dim == 0 ? 0 : d, descending: descending, values: values.buffer, indices: indices.buffer)
        return ValuesAndIndices(values: values, indices: indices)
    }
}

// MARK: - unique

extension Tensor {
    /// The distinct elements, sorted, as a 1-D tensor (`torch.unique`). Each NaN counts as
    /// distinct. The result is sorted whatever `sorted` says (PyTorch's CPU kernel may be too).
    public func unique(sorted: Bool = true) -> Tensor {
        attempt { try uniqued(inverse: false, counts: false) }.values
    }

    /// `unique` with, when asked, the position of each element in the result (shaped like this
    /// tensor) and how many times each distinct element occurs (`torch.unique(return_inverse=,
    /// return_counts=)`).
    public func unique(sorted: Bool = true, returnInverse: Bool, returnCounts: Bool = false)
        -> (values: Tensor, inverse: Tensor?, counts: Tensor?)
    {
        attempt { try uniqued(inverse: returnInverse, counts: returnCounts) }.tuple
    }

    /// `unique` with the count of each distinct element (`torch.unique(return_counts=True)`).
    public func unique(sorted: Bool = true, returnCounts: Bool) -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
        attempt { try uniqued(inverse: false, counts: returnCounts) }.tuple
    }

    private func uniqued(inverse wantInverse: Bool, counts wantCounts: Bool) throws(TensorError) -> UniqueResult {
        let n = numel
        // Sort the flattened elements (a view when the layout allows, else a copy).
        let source = isContiguous ? try makeView(Layout(shape: [n], strides: [1], offset: layout.offset)) : try cloned().flatView()
        let sortedValues = try Tensor.uninitialized([n], dtype: dtype, device: device)
        let permutation = try Tensor.uninitialized([n], dtype: .int64, device: device)
        if n > 0 {
            backend.sort(source.buffer, dim: 0, descending: false, values: sortedValues.buffer, indices: permutation.buffer)
        }
        let values = try Tensor.uninitialized([n], dtype: dtype, device: device)
        let groups = wantInverse ? try Tensor.uninitialized([n], dtype: .int64, device: device) : nil
        let counts = wantCounts ? try Tensor.uninitialized([n], dtype: .int64, device: device) : nil
        let m = backend.uniqueConsecutive(sortedValues.buffer, values: values.buffer, groups: groups?.buffer,
                                          counts: counts?.buffer)
        var inverse: Tensor?
        if let groups {
            // inverse[permutation[i]] = groups[i]
            let out = try Tensor.uninitialized(layout.shape, dtype: .int64, device: device)
            if n > 0 {
                let operand = IndexOperand(indices: permutation.buffer, stride: 1, size: n)
                try? backend.indexPut(.buffer(groups.buffer), [operand],
                                      into: out.buffer.with(layout: Layout(shape: [n], strides: [0])), reduce: .none)
            }
            inverse = out
        }
        return UniqueResult(values: try values.slice(0, start: 0, end: m, step: 1).cloned(), inverse: inverse,
                            counts: try counts.map { c throws(TensorError) in try c.slice(0, start: 0, end: m, step: 1).cloned() })
    }

    /// The distinct slices along `dim`, sorted lexicographically (each slice compared in
    /// row-major order), stacked along `dim` (`torch.unique(t, dim=d)`). The result is sorted
    /// whatever `sorted` says, as PyTorch's is. A slice holding a NaN equals no other slice.
    /// Not differentiable (PyTorch's `UniqueDimBackward0` only raises).
    public func unique(sorted: Bool = true, dim: Int) -> Tensor {
        attempt { try uniqued(along: dim, inverse: false, counts: false) }.values
    }

    /// `unique(dim:)` with, when asked, the position of each slice in the result (int64, one
    /// per slice along `dim`) and how many times each distinct slice occurs
    /// (`torch.unique(t, dim=d, return_inverse=, return_counts=)`).
    public func unique(sorted: Bool = true, returnInverse: Bool, returnCounts: Bool = false, dim: Int)
        -> (values: Tensor, inverse: Tensor?, counts: Tensor?)
    {
        attempt { try uniqued(along: dim, inverse: returnInverse, counts: returnCounts) }.tuple
    }

    /// `unique(dim:)` with the count of each distinct slice (`torch.unique(t, dim=d, return_counts=True)`).
    public func unique(sorted: Bool = true, returnCounts: Bool, dim: Int) -> (values: Tensor, inverse: Tensor?, counts: Tensor?) {
        attempt { try uniqued(along: dim, inverse: false, counts: returnCounts) }.tuple
    }

    /// PyTorch's `_unique_dim_cpu_template`: the slices become the rows of a contiguous
    /// `[size(dim), rest]` copy, the backend sorts and groups the rows, and the first row of each
    /// group is moved back into place.
    private func uniqued(along dim: Int, inverse wantInverse: Bool, counts wantCounts: Bool) throws(TensorError) -> UniqueResult {
        guard self.dim > 0 else { throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions") }
        let d = try normalizeDim(dim, rank: self.dim)
        let n = layout.shape[d]
        func int64s(_ values: [Int64]) throws(TensorError) -> Tensor {
            try Tensor.fromLeaves(values, shape: [values.count], dtype: .int64, device: device, requiresGrad: false)
        }
        if numel == 0 {
            guard layout.shape.filter({ $0 == 0 }).count == 1 else {
                throw TensorError.runtime("Number of zero sized dimensions is more than one, so unique cannot be applied ")
            }
            guard n == 0 else {
                throw TensorError.runtime("There are 0 sized dimensions, and they aren't selected, so unique cannot be applied")
            }
            return UniqueResult(values: try cloned(), inverse: wantInverse ? try int64s([]) : nil,
                                counts: wantCounts ? try int64s([]) : nil)
        }
        // The slices as rows: dim `d` moved to the front, copied in row-major order.
        let moved = [d] + (0..<self.dim).filter { $0 != d }
        var movedShape = Dims(), movedStrides = Dims()
        for k in moved {
            movedShape.append(layout.shape[k])
            movedStrides.append(layout.strides[k])
        }
        let rows = try Tensor.uninitialized(movedShape, dtype: dtype, device: device)
        backend.copy(buffer.with(layout: Layout(shape: movedShape, strides: movedStrides, offset: layout.offset)), into: rows.buffer)
        let m = numel / n
        let order = try Tensor.uninitialized([n], dtype: .int64, device: device)
        let groups = try Tensor.uninitialized([n], dtype: .int64, device: device)
        let k = backend.uniqueRows(rows.buffer.with(layout: Layout(contiguous: [n, m])), order: order.buffer, groups: groups.buffer)
        let sortedRows = try order.scalarArray(as: Int64.self), groupOf = try groups.scalarArray(as: Int64.self)
        var firsts = [Int64](repeating: 0, count: k), counts = [Int64](repeating: 0, count: k)
        var inverse = [Int64](repeating: 0, count: n)
        for (row, group) in zip(sortedRows, groupOf) {
            if counts[Int(group)] == 0 { firsts[Int(group)] = row }
            counts[Int(group)] += 1
            inverse[Int(row)] = group
        }
        // The first row of each group, gathered, then seen with dim `d` back in place.
        let picks = try int64s(firsts)
        let picked = try Tensor.uninitialized([k, m], dtype: dtype, device: device)
        let operand = IndexOperand(indices: picks.buffer.with(layout: Layout(shape: [k, m], strides: [1, 0])), stride: m, size: n)
        try? backend.index(rows.buffer.with(layout: Layout(shape: [k, m], strides: [0, 1])), [operand], into: picked.buffer)
        var pickedShape = movedShape
        pickedShape[0] = k
        let pickedStrides = Layout(contiguous: pickedShape).strides
        var shape = layout.shape, strides = Dims(repeating: 0, count: self.dim)
        shape[d] = k
        for (position, k) in moved.enumerated() { strides[k] = pickedStrides[position] }
        let values = try Tensor.uninitialized(shape, dtype: dtype, device: device)
        backend.copy(picked.buffer.with(layout: Layout(shape: shape, strides: strides)), into: values.buffer)
        return UniqueResult(values: values, inverse: wantInverse ? try int64s(inverse) : nil,
                            counts: wantCounts ? try int64s(counts) : nil)
    }

    /// A contiguous tensor seen as 1-D.
    private func flatView() -> Tensor {
        makeDerivedView(Layout(shape: [numel], strides: [1], offset: layout.offset))
    }
}

// MARK: - searchsorted

extension Tensor {
    /// For each of `values`, the index in the last dim of `sortedSequence` where it would be
    /// inserted to keep it sorted: the first such index, or the last with `right: true` or
    /// `side: "right"` (`torch.searchsorted`). `sortedSequence` is 1-D, or has `values`' leading
    /// dims; `sorter` gives the int64 order that sorts an unsorted sequence. The result is int64,
    /// or int32 with `outInt32`. A number literal for `values` is a 0-dim tensor, so
    /// `Tensor.searchsorted(seq, 3.0)` gives a 0-dim result as in PyTorch.
    public static func searchsorted(_ sortedSequence: Tensor, _ values: Tensor, outInt32: Bool = false, right: Bool = false,
                                    side: String? = nil, sorter: Tensor? = nil) -> Tensor {
        attempt { try searchsortedImpl(sortedSequence, values, outInt32: outInt32, right: right, side: side, sorter: sorter) }
    }

    static func searchsortedImpl(_ boundaries: Tensor, _ values: Tensor, outInt32: Bool, right: Bool,
                                         side: String?, sorter: Tensor?) throws(TensorError) -> Tensor {
        if let side {
            guard side == "left" || side == "right" else {
                throw TensorError.runtime("torch.searchsorted(): side can only be 'left' or 'right' but got \(side)")
            }
            guard !right || side == "right" else {
                throw TensorError.runtime(
                    "torch.searchsorted(): side and right can't be set to opposites, got side of \(side) while right was True")
            }
        }
        try boundaries.checkSameDevice(values)
        if let sorter {
            try boundaries.checkSameDevice(sorter)
            guard sorter.layout.shape == boundaries.layout.shape else {
                throw TensorError.runtime(
                    "torch.searchsorted(): boundary and sorter must have the same size, but got boundary tensor \(boundaries.layout.shape)and got sorter tensor \(sorter.layout.shape)")
            }
            guard sorter.dtype == .int64 else {
                throw TensorError.runtime(
                    "torch.searchsorted(): sorter must be a tensor of long dtype but got dtype \(sorter.dtype.scalarTypeName)")
            }
            if sorter.numel > 0 {
                let positions = try sorter.scalarArray(as: Int64.self)
                guard positions.min()! >= 0 && positions.max()! < Int64(sorter.layout.shape[sorter.dim - 1]) else {
                    throw TensorError.runtime("torch.searchsorted(): sorter index out of range")
                }
            }
        }
        guard values.dim > 0 || boundaries.dim == 1 else {
            throw TensorError.runtime(
                "torch.searchsorted(): input value can be a scalar only when boundaries tensor dimension is 1, but we got boundaries tensor dim(\(boundaries.dim)) and input value's dim(\(values.dim)) numel(\(values.numel))")
        }
        guard boundaries.dim != 0 else {
            throw TensorError.runtime("torch.searchsorted(): boundaries tensor should have positive dimension, but got 0 dimension")
        }
        if boundaries.dim > 1 {
            let matched = boundaries.dim == values.dim
                && boundaries.layout.shape.dropLast().elementsEqual(values.layout.shape.dropLast())
            guard matched else {
                throw TensorError.runtime(
                    "torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 dimensions of boundaries tensor and input value tensor must match, but we got boundaries tensor \(boundaries.layout.shape) and input value tensor \(values.layout.shape)")
            }
        }
        let common = DType.promote(boundaries.dtype, values.dtype)
        guard common != .bool else {
            throw TensorError.notImplemented("\"searchsorted_out_cpu\" not implemented for 'Bool'")
        }
        let b = try boundaries.casted(common), v = try values.casted(common)
        let out = try Tensor.uninitialized(values.layout.shape, dtype: outInt32 ? .int32 : .int64, device: values.device)
        withExtendedLifetime((b, v, sorter)) {
            out.backend.searchsorted(b.buffer, v.buffer, sorter: sorter?.buffer, right: right || side == "right", into: out.buffer)
        }
        return out
    }
}
