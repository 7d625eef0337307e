import EmberBackend

// MARK: - Tensor indices in subscripts

extension Tensor: TensorIndexConvertible {
    /// An integer or bool tensor used in a subscript (PyTorch's advanced indexing):
    /// `t[Tensor([0, 2])]`, `t[mask]`, `t[mask] = 0`, `t[1..., Tensor([0, 3])]`.
    public var tensorIndex: TensorIndex { TensorIndex(.tensor(self)) }
}

extension Array: TensorIndexConvertible where Element == Int {
    /// A Swift array of integers used in a subscript, as Python's list index: `t[[0, 2]]` is
    /// PyTorch's `t[[0, 2]]`, advanced indexing along that dim with an int64 index tensor
    /// (negative entries count from the end); it mixes with the other entries (`t[1..., [0, -1]]`)
    /// and assigns (`t[[0, 2]] = value`).
    public var tensorIndex: TensorIndex {
        TensorIndex(.tensor(Tensor(shape: [count], data: map { Int64($0) }, dtype: .int64)))
    }
}

extension Tensor {
    /// How many dims a tensor index consumes in a subscript.
    package var indexedDimCount: Int { dtype == .bool ? dim : 1 }

    /// Applies one tensor entry of a subscript at dim `d` of `result`, as PyTorch's `applySlicing`
    /// does: a 0-dim integer tensor selects like an integer, a 0-dim bool adds a dim of size 1
    /// (kept when true, emptied when false), and any other tensor is recorded in `advanced` at
    /// the dims it covers, for `advancedIndexed` / `advancedIndexPut` to apply afterwards.
    package static func applyTensorIndex(_ index: Tensor, to result: inout Tensor, dim d: inout Int,
                                         advanced: inout [Tensor?], recorded: Bool = false) throws(TensorError) {
        func record(_ t: Tensor) {
            while advanced.count < d { advanced.append(nil) }
            advanced.append(t)
        }
        if index.dim == 0 && index.dtype != .bool {
            guard index.dtype.category == .integer else {
                throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
            }
            let i = Int(try index.scalarArray(as: Int64.self)[0])
            let size = result.layout.shape[d]
            guard i >= -size && i < size else {
                throw TensorError.index("index \(i) is out of bounds for dimension \(d) with size \(size)")
            }
            result = recorded ? result.select(dim: d, index: i) : result.selected(d, i < 0 ? i + size : i)
            return
        }
        if index.dim == 0 {
            // `t[True]` / `t[False]`: a new dim of size 1, indexed by [0] or by nothing.
            if recorded {
                result = result.unsqueeze(dim: d)
            } else {
                var shape = result.layout.shape, strides = result.layout.strides
                shape.insert(1, at: d)
                strides.insert(0, at: d)
                result = try result.makeView(Layout(shape: shape, strides: strides, offset: result.layout.offset))
            }
            let keep = try index.scalarArray(as: Bool.self)[0]
            record(try Tensor.uninitialized(keep ? [1] : [0], dtype: .int64, device: result.device).filledWithZero())
            d += 1
            return
        }
        record(index)
        d += index.indexedDimCount
    }

    private func filledWithZero() -> Tensor {
        backend.fill(buffer, with: 0)
        return self
    }
}

// MARK: - Advanced indexing

/// The inputs of an advanced-index kernel: the (possibly permuted) tensor, its layout seen in
/// the result's shape, one `IndexOperand` per indexed dim, and the index tensors to keep alive.
struct AdvancedIndexPlan {
    var source: Tensor
    var resultShape: Dims
    var restrided: Layout
    var operands: [IndexOperand]
    var keep: [Tensor]
}

extension Tensor {
    /// `self[indices]` with tensor indices, recorded as `IndexBackward0`.
    package func advancedIndexedRecording(_ indices: [Tensor?]) throws(TensorError) -> Tensor {
        let out = try advancedIndexed(indices)
        if Tensor.recording(self) && out.dtype.isFloatingPoint { recordIndex(out, indices) }
        return out
    }

    /// `self[indices] = value` with tensor indices, recorded as `IndexPutBackward0` (or
    /// `MaskedFillBackward0` for a plain number written through one mask, as PyTorch does) when
    /// this tensor, its base or the value takes part in autograd.
    package func advancedIndexPutRecording(_ indices: [Tensor?], _ value: Tensor) throws(TensorError) {
        guard Tensor.recordsInPlace(self, value) else { return try advancedIndexPut(indices, value) }
        try checkInplace(allowingOverlap: true)
        let result = try cloned()
        try result.advancedIndexPut(indices, value)
        try recordIndexPut(result, indices, value)
        try adoptResult(result)
    }

    /// `self[indices]` with `indices[d]` the integer or bool tensor indexing dim `d` (nil for a
    /// whole dim), following PyTorch's `index`: bool masks become their `nonzero` columns, the
    /// indices broadcast together, and their dims replace the indexed dims (moved to the front
    /// when the indexed dims are not adjacent). Always a copy.
    package func advancedIndexed(_ indices: [Tensor?]) throws(TensorError) -> Tensor {
        if let (position, mask) = try singleMask(indices) {
            // One bool mask: select straight from the elements where it is true.
            var shape = Dims()
            for d in 0..<position { shape.append(layout.shape[d]) }
            shape.append(backend.countNonzero(mask.buffer))
            for d in (position + mask.dim)..<dim { shape.append(layout.shape[d]) }
            let out = try Tensor.uninitialized(shape, dtype: dtype, device: device)
            withExtendedLifetime(mask) {
                backend.maskedSelect(buffer, mask: mask.buffer.with(layout: maskLayout(mask, at: position)), into: out.buffer)
            }
            return out
        }
        let plan = try advancedIndexPlan(indices)
        let out = try Tensor.uninitialized(plan.resultShape, dtype: dtype, device: device)
        defer { withExtendedLifetime(plan.keep) {} }
        do throws(IndexOutOfRange) {
            try out.backend.index(plan.source.buffer.with(layout: plan.restrided), plan.operands, into: out.buffer)
        } catch {
            throw Tensor.advancedIndexError(error)
        }
        return out
    }

    /// `self[indices] = value` (PyTorch's `index_put_`): writes into this tensor's storage. A 0-dim
    /// `value` is converted to this tensor's dtype; any other must have it, and must broadcast
    /// to the indexing result's shape. For repeated positions the last write wins, or with
    /// `accumulate` the values add up (`index_put_(..., accumulate=True)`).
    package func advancedIndexPut(_ indices: [Tensor?], _ value: Tensor, accumulate: Bool = false) throws(TensorError) {
        if value.dim == 0, !accumulate, let (position, mask) = try singleMask(indices) {
            // `t[mask] = scalar` is PyTorch's `masked_fill_`.
            try checkInplace(allowingOverlap: true)
            let fill = try value.casted(dtype).onDevice(device)
            withExtendedLifetime((mask, fill)) {
                backend.select(mask.buffer.with(layout: maskLayout(mask, at: position)),
                               .buffer(fill.buffer.with(layout: fill.layout.broadcast(to: layout.shape)!)),
                               .buffer(buffer), into: buffer)
            }
            bumpVersion()
            return
        }
        let plan = try advancedIndexPlan(indices)
        var value = value
        if value.dim == 0 {
            value = try value.casted(dtype)
        } else if value.dtype != dtype {
            throw TensorError.runtime(
                "Index put requires the source and destination dtypes match, got \(dtype.scalarTypeName) for the destination and \(value.dtype.scalarTypeName) for the source.")
        }
        value = try value.onDevice(device)
        // Leading size-1 dims of the value beyond the result's rank are dropped, as PyTorch does.
        var valueLayout = value.layout
        while valueLayout.rank > plan.resultShape.count && valueLayout.shape[0] == 1 {
            var shape = valueLayout.shape, strides = valueLayout.strides
            shape.remove(at: 0)
            strides.remove(at: 0)
            valueLayout = Layout(shape: shape, strides: strides, offset: valueLayout.offset)
        }
        guard var broadcast = valueLayout.broadcast(to: plan.resultShape) else {
            throw TensorError.runtime(
                "shape mismatch: value tensor of shape \(value.layout.shape) cannot be broadcast to indexing result of shape \(plan.resultShape)")
        }
        try checkInplace(allowingOverlap: true)
        if value.storage === storage {
            value = try value.makeView(valueLayout).cloned()
            broadcast = value.layout.broadcast(to: plan.resultShape)!
        }
        defer { withExtendedLifetime((plan.keep, value)) {} }
        do throws(IndexOutOfRange) {
            try backend.indexPut(.buffer(value.buffer.with(layout: broadcast)), plan.operands,
                                 into: plan.source.buffer.with(layout: plan.restrided), reduce: accumulate ? .add : .none)
        } catch {
            throw Tensor.advancedIndexError(error)
        }
        bumpVersion()
    }

    /// The mask and the dim it starts at, when `indices` is one bool mask of at least one dim and
    /// nothing else; its shape is checked against this tensor's.
    package func singleMask(_ indices: [Tensor?]) throws(TensorError) -> (Int, Tensor)? {
        let defined = indices.indices.filter { indices[$0] != nil }
        guard defined.count == 1, let given = indices[defined[0]], given.dtype == .bool, given.dim > 0 else { return nil }
        let position = defined[0]
        let mask = try onIndexedDevice(given)
        guard position + mask.dim <= dim else { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
        for j in 0..<mask.dim where mask.layout.shape[j] != layout.shape[position + j] {
            throw TensorError.index(
                "The shape of the mask \(mask.layout.shape) at index \(j) does not match the shape of the indexed tensor \(layout.shape) at index \(position + j)")
        }
        return (position, mask)
    }

    /// An index tensor on this tensor's device: PyTorch accepts CPU indices for a tensor on any
    /// device (they are copied over); other devices must match.
    private func onIndexedDevice(_ index: Tensor) throws(TensorError) -> Tensor {
        if index.device != device && index.device == .cpu { return try index.onDevice(device) }
        try checkSameDevice(index)
        return index
    }

    /// A mask covering dims `position...` seen in this tensor's shape (stride 0 elsewhere).
    private func maskLayout(_ mask: Tensor, at position: Int) -> Layout {
        var strides = Dims(repeating: 0, count: dim)
        for j in 0..<mask.dim { strides[position + j] = mask.layout.strides[j] }
        return Layout(shape: layout.shape, strides: strides, offset: mask.layout.offset)
    }

    static func advancedIndexError(_ error: IndexOutOfRange) -> TensorError {
        if error.size == 0 { return TensorError.index("index is out of bounds for dimension with size 0") }
        return TensorError.index(
            "index \(error.value) is out of bounds for dimension \(error.operand) with size \(error.size)")
    }

    func advancedIndexPlan(_ indices: [Tensor?]) throws(TensorError) -> AdvancedIndexPlan {
        // Bool masks become one int64 column per mask dim; integer indices become int64.
        var perDim: [Tensor?] = []
        var keep: [Tensor] = []
        for entry in indices {
            guard let entry else {
                perDim.append(nil)
                continue
            }
            let t = try onIndexedDevice(entry)
            switch t.dtype {
            case .bool:
                let d = perDim.count
                guard d + t.dim <= dim else { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
                for j in 0..<t.dim where t.layout.shape[j] != layout.shape[d + j] {
                    throw TensorError.index(
                        "The shape of the mask \(t.layout.shape) at index \(j) does not match the shape of the indexed tensor \(layout.shape) at index \(d + j)")
                }
                let positions = try t.nonzeroMatrix()
                keep.append(positions)
                for j in 0..<t.dim { perDim.append(positions.selected(1, j)) }
            case .int32, .int64:
                let index = try t.casted(.int64)
                keep.append(index)
                perDim.append(index)
            default:
                throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
            }
        }
        guard perDim.count <= dim else { throw TensorError.index("too many indices for tensor of dimension \(dim)") }
        while perDim.count < dim { perDim.append(nil) }
        let positions = perDim.indices.filter { perDim[$0] != nil }
        let defined = positions.map { perDim[$0]! }
        precondition(!defined.isEmpty, "Ember internal error: advanced indexing without an index tensor")

        // The indices broadcast together.
        var indexShape = defined[0].layout.shape
        for t in defined.dropFirst() {
            do {
                indexShape = try broadcastShapes(indexShape, t.layout.shape)
            } catch {
                throw TensorError.index(
                    "shape mismatch: indexing tensors could not be broadcast together with shapes "
                        + defined.map { $0.layout.shape.description }.joined(separator: ", "))
            }
        }

        // Indexed dims that are not adjacent move to the front (PyTorch's `transposeToFront`).
        var source = self
        var order = perDim
        if positions.last! - positions.first! + 1 != positions.count {
            let permutation = positions + perDim.indices.filter { perDim[$0] == nil }
            var shape = Dims(), strides = Dims()
            for d in permutation {
                shape.append(layout.shape[d])
                strides.append(layout.strides[d])
            }
            source = try makeView(Layout(shape: shape, strides: strides, offset: layout.offset))
            order = permutation.map { perDim[$0] }
        }
        let first = order.firstIndex { $0 != nil }!
        let last = first + defined.count - 1
        let sourceShape = source.layout.shape, sourceStrides = source.layout.strides

        var resultShape = Dims(), restrided = Dims()
        for d in 0..<first {
            resultShape.append(sourceShape[d])
            restrided.append(sourceStrides[d])
        }
        for size in indexShape {
            resultShape.append(size)
            restrided.append(0)
        }
        for d in (last + 1)..<max(last + 1, sourceShape.count) {
            resultShape.append(sourceShape[d])
            restrided.append(sourceStrides[d])
        }
        let after = sourceShape.count - last - 1
        var operands: [IndexOperand] = []
        for d in first...last {
            let t = order[d]!
            let broadcast = t.layout.broadcast(to: indexShape)!
            var strides = Dims(repeating: 0, count: first)
            for s in broadcast.strides { strides.append(s) }
            for _ in 0..<after { strides.append(0) }
            operands.append(IndexOperand(
                indices: t.buffer.with(layout: Layout(shape: resultShape, strides: strides, offset: broadcast.offset)),
                stride: sourceStrides[d], size: sourceShape[d]))
        }
        return AdvancedIndexPlan(source: source, resultShape: resultShape,
                                 restrided: Layout(shape: resultShape, strides: restrided, offset: source.layout.offset),
                                 operands: operands, keep: keep + defined)
    }
}
