import EmberBackend

// MARK: - cat, stack

extension Tensor {
    /// The tensors joined along `dim` (`torch.cat`). Their sizes must match except along `dim`;
    /// the result type is PyTorch's `result_type` of all of them. As in PyTorch, 1-D empty tensors
    /// (shape `[0]`) are skipped whatever their rank. Contiguous inputs are copied with `memcpy`.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        attempt {
            let out = try concatenated(tensors, dim: dim)
            // Recorded only after every check passed: a failed cat leaves no node behind.
            if recording(tensors) { recordCat(tensors, dim: dim, out) }
            return out
        }
    }

    static func concatenated(_ tensors: [Tensor], dim: Int) throws(TensorError) -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.value("torch.cat(): expected a non-empty list of Tensors")
        }
        func skipped(_ t: Tensor) -> Bool { t.dim == 1 && t.layout.shape[0] == 0 }
        let reference = tensors.first { !skipped($0) }
        let d = reference == nil ? dim : try normalizeDim(dim, rank: reference!.dim)
        for (i, t) in tensors.enumerated() where t.dim == 0 {
            throw TensorError.runtime("zero-dimensional tensor (at position \(i)) cannot be concatenated")
        }
        var state = ResultTypeState()
        for t in tensors {
            try first.checkSameDevice(t)
            state.add(t)
        }
        let dtype = state.result
        guard let reference else {
            return try uninitialized([0], dtype: dtype, device: first.device)
        }
        var shape = reference.layout.shape
        var total = 0
        var inputs: [Tensor] = []
        for (i, t) in tensors.enumerated() where !skipped(t) {
            guard t.dim == reference.dim else {
                throw TensorError.runtime("Tensors must have same number of dimensions: got \(reference.dim) and \(t.dim)")
            }
            for k in 0..<t.dim where k != d && t.layout.shape[k] != shape[k] {
                throw TensorError.runtime(
                    "Sizes of tensors must match except in dimension \(d). Expected size \(shape[k]) but got size \(t.layout.shape[k]) for tensor number \(i) in the list.")
            }
            total += t.layout.shape[d]
            inputs.append(t)
        }
        shape[d] = total
        let out = try uninitialized(shape, dtype: dtype, device: reference.device)
        withExtendedLifetime(inputs) {
            out.backend.cat(inputs.map(\.buffer), dim: d, into: out.buffer)
        }
        return out
    }

    /// The tensors, all of one shape, joined along a new dim `dim` (`torch.stack`).
    public static func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        attempt {
            guard let first = tensors.first else { throw TensorError.runtime("stack expects a non-empty TensorList") }
            let d = try normalizeDim(dim, rank: first.dim + 1)
            for (i, t) in tensors.enumerated() where t.layout.shape != first.layout.shape {
                throw TensorError.runtime(
                    "stack expects each tensor to be equal size, but got \(first.layout.shape) at entry 0 and \(t.layout.shape) at entry \(i)")
            }
            let out = try concatenated(tensors.map { $0.unsqueezed(d) }, dim: d)
            if recording(tensors) { recordStack(tensors, dim: d, out) }
            return out
        }
    }

    /// `unsqueeze` without the error scope (the dim is already checked).
    func unsqueezed(_ d: Int) -> Tensor {
        var shape = layout.shape, strides = layout.strides
        shape.insert(1, at: d)
        strides.insert(d >= dim ? 1 : layout.shape[d] * layout.strides[d], at: d)
        return makeDerivedView(Layout(shape: shape, strides: strides, offset: layout.offset))
    }
}

// MARK: - split, chunk, unbind

extension Tensor {
    /// Pieces of `splitSize` entries along `dim` (the last may be smaller); views of this
    /// tensor (`torch.split(tensor, split_size, dim)`).
    public func split(_ splitSize: Int, dim: Int = 0) -> [Tensor] {
        attempt {
            guard self.dim != 0 else { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
            guard splitSize >= 0 else {
                throw TensorError.runtime("split expects split_size be non-negative, but got split_size=\(splitSize)")
            }
            let d = try normalizeDim(dim, rank: self.dim)
            let size = layout.shape[d]
            guard splitSize > 0 || size == 0 else {
                throw TensorError.runtime(
                    "split_size can only be 0 if dimension size is 0, but got dimension size of \(size)")
            }
            // Wrapping, as PyTorch computes it (see Note [Checked size arithmetic]): a split size
            // near Int.max gives one piece, the whole tensor.
            let count = splitSize == 0 ? 1 : Swift.max((size &+ splitSize &- 1) / splitSize, 1)
            let pieces = try (0..<count).map { i throws(TensorError) in
                let start = i &* splitSize
                return try slice(d, start: start, end: Swift.min(start &+ splitSize, size), step: 1)
            }
            recordSplit(pieces, dim: d, withSizes: false)
            return pieces
        }
    }

    /// Pieces of the given sizes along `dim`, which must add up to its size; views of this
    /// tensor (`torch.split(tensor, split_sizes, dim)`).
    public func split(_ sizes: [Int], dim: Int = 0) -> [Tensor] {
        attempt {
            guard self.dim != 0 else { throw TensorError.runtime("split expects at least a 1-dimensional tensor") }
            let d = try normalizeDim(dim, rank: self.dim)
            let size = layout.shape[d]
            var pieces: [Tensor] = []
            var start = 0
            for length in sizes {
                guard length >= 0 else {
                    throw TensorError.runtime(
                        "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(Dims(sizes))")
                }
                pieces.append(try slice(d, start: start, end: Swift.min(start &+ length, size), step: 1))
                start &+= length
            }
            guard start == size else {
                throw TensorError.runtime(
                    "split_with_sizes expects split_sizes to sum exactly to \(size) (input tensor's size at dimension \(dim)), but got split_sizes=\(Dims(sizes))")
            }
            recordSplit(pieces, dim: d, withSizes: true)
            return pieces
        }
    }

    /// `chunks` pieces of (nearly) equal size along `dim`, as views; there may be fewer when the
    /// size does not divide evenly (`torch.chunk`).
    public func chunk(_ chunks: Int, dim: Int = 0) -> [Tensor] {
        attempt {
            guard self.dim > 0 else { throw TensorError.runtime("chunk expects at least a 1-dimensional tensor") }
            guard chunks > 0 else { throw TensorError.runtime("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
            let d = try normalizeDim(dim, rank: self.dim)
            let size = layout.shape[d]
            // Wrapping as in PyTorch: `chunk(Int.max)` gives split's error for a size of -1.
            let splitSize = (size &+ chunks &- 1) / chunks
            if splitSize == 0 && size == 0 {
                try SizeArithmetic.checkListCount(chunks)
                return try (0..<chunks).map { _ throws(TensorError) in try slice(d, start: 0, end: 0, step: 1) }
            }
            return split(splitSize, dim: d)
        }
    }

    /// `sections` pieces along `dim`, the first `size % sections` one entry longer, as views
    /// (`torch.tensor_split(tensor, sections, dim)`).
    public func tensorSplit(_ sections: Int, dim: Int = 0) -> [Tensor] {
        attempt {
            guard self.dim > 0 else {
                throw TensorError.runtime(
                    "tensor_split expected at least a 1-dimensional tensor, but got a tensor with \(self.dim) dims")
            }
            let d = try normalizeDim(dim, rank: self.dim)
            guard sections > 0 else {
                throw TensorError.runtime("number of sections must be larger than 0, got \(sections)")
            }
            try SizeArithmetic.checkListCount(sections)
            let size = layout.shape[d]
            let base = size / sections, extra = size % sections
            var start = 0
            return (0..<sections).map { i in
                let length = base + (i < extra ? 1 : 0)
                defer { start += length }
                return narrow(dim: d, start: start, length: length)  // SliceBackward0 under autograd
            }
        }
    }

    /// Pieces cut before each of `indices` along `dim`, as views; indices past the end give
    /// empty pieces (`torch.tensor_split(tensor, indices, dim)`).
    public func tensorSplit(indices: [Int], dim: Int = 0) -> [Tensor] {
        attempt {
            guard self.dim > 0 else {
                throw TensorError.runtime(
                    "tensor_split expected at least a 1-dimensional tensor, but got a tensor with \(self.dim) dims")
            }
            let d = try normalizeDim(dim, rank: self.dim)
            return try splitAt(indices, d)
        }
    }

    private func splitAt(_ indices: [Int], _ d: Int) throws(TensorError) -> [Tensor] {
        let size = layout.shape[d]
        func clamp(_ i: Int) -> Int { Swift.min(Swift.max(i < 0 ? i + size : i, 0), size) }
        var pieces: [Tensor] = []
        var start = 0
        for index in indices + [size] {
            let end = clamp(index)
            pieces.append(narrow(dim: d, start: start, length: Swift.max(start, end) - start))  // SliceBackward0 under autograd
            start = end
        }
        return pieces
    }

    /// `sections` equal pieces along dim 0 (`torch.vsplit`); the tensor must be at least 2-D.
    public func vsplit(_ sections: Int) -> [Tensor] { attempt { try directionalSplit("vsplit", minDims: 2, .sections(sections)) } }
    /// Pieces cut before each of `indices` along dim 0 (`torch.vsplit(tensor, indices)`).
    public func vsplit(_ indices: [Int]) -> [Tensor] { attempt { try directionalSplit("vsplit", minDims: 2, .indices(indices)) } }
    /// `sections` equal pieces along dim 1, or dim 0 of a vector (`torch.hsplit`).
    public func hsplit(_ sections: Int) -> [Tensor] { attempt { try directionalSplit("hsplit", minDims: 1, .sections(sections)) } }
    /// Pieces cut before each of `indices` along dim 1, or dim 0 of a vector (`torch.hsplit(tensor, indices)`).
    public func hsplit(_ indices: [Int]) -> [Tensor] { attempt { try directionalSplit("hsplit", minDims: 1, .indices(indices)) } }
    /// `sections` equal pieces along dim 2 (`torch.dsplit`); the tensor must be at least 3-D.
    public func dsplit(_ sections: Int) -> [Tensor] { attempt { try directionalSplit("dsplit", minDims: 3, .sections(sections)) } }
    /// Pieces cut before each of `indices` along dim 2 (`torch.dsplit(tensor, indices)`).
    public func dsplit(_ indices: [Int]) -> [Tensor] { attempt { try directionalSplit("dsplit", minDims: 3, .indices(indices)) } }

    private enum SplitSpec { case sections(Int), indices([Int]) }

    private func directionalSplit(_ name: String, minDims: Int, _ spec: SplitSpec) throws(TensorError) -> [Tensor] {
        guard dim >= minDims else {
            throw TensorError.runtime(
                "torch.\(name) requires a tensor with at least \(minDims) dimension, but got a tensor with \(dim) dimensions!")
        }
        let d = name == "vsplit" ? 0 : name == "dsplit" ? 2 : (dim == 1 ? 0 : 1)
        switch spec {
        case .sections(let sections):
            guard sections != 0 && layout.shape[d] % sections == 0 else {
                throw TensorError.runtime(
                    "torch.\(name) attempted to split along dimension \(d), but the size of the dimension \(layout.shape[d]) is not divisible by the split_size \(sections)!")
            }
            return tensorSplit(sections, dim: d)
        case .indices(let indices):
            return try splitAt(indices, d)
        }
    }

    /// The slices along `dim`, each with that dim removed; views (`torch.unbind`).
    public func unbind(dim: Int = 0) -> [Tensor] {
        attempt {
            guard self.dim > 0 else {
                throw TensorError.index("Dimension specified as \(dim) but tensor has no dimensions")
            }
            let d = try normalizeDim(dim, rank: self.dim)
            let pieces = (0..<layout.shape[d]).map { selected(d, $0) }
            if Tensor.recording(self) && !pieces.isEmpty { recordUnbind(pieces, dim: d) }
            return pieces
        }
    }
}

// MARK: - flip, roll, repeat, tile

extension Tensor {
    /// A copy with the order of entries reversed along each of `dims` (`torch.flip(input, dims)`).
    public func flip(dims: Int...) -> Tensor { flip(dims: dims) }

    /// A copy with the order of entries reversed along each of `dims` (`torch.flip(input, dims)`).
    public func flip(dims: [Int]) -> Tensor {
        attempt {
            var flipped = [Bool](repeating: false, count: Swift.max(dim, 1))
            for d in dims {
                let n = try normalizeDim(d, rank: dim)
                guard !flipped[n] else { throw TensorError.runtime("dim \(n) appears multiple times in the list of dims") }
                flipped[n] = true
            }
            // Read through a layout with negated strides, starting at the last entry of each flipped dim.
            var strides = layout.strides
            var offset = layout.offset
            for d in 0..<dim where flipped[d] && layout.shape[d] > 0 {
                offset += (layout.shape[d] - 1) * strides[d]
                strides[d] = -strides[d]
            }
            let out = try uninitializedLike()
            backend.copy(buffer.with(layout: Layout(shape: layout.shape, strides: strides, offset: offset)), into: out.buffer)
            if Tensor.recording(self) { recordFlip(out, dims: (0..<dim).filter { flipped[$0] }) }
            return out
        }
    }

    /// A copy with the elements shifted by `shifts` positions as if flattened, wrapping around,
    /// in this tensor's shape (`torch.roll(input, shifts)`, `dims=None`).
    public func roll(_ shifts: Int) -> Tensor {
        roll([shifts], dims: [])
    }

    /// A copy with entries shifted by `shifts` along `dim`, wrapping around
    /// (`torch.roll(input, shifts, dims)` with one dim).
    public func roll(_ shifts: Int, dim: Int) -> Tensor {
        roll([shifts], dims: [dim])
    }

    /// A copy rolled by `shifts[i]` along `dims[i]` (`torch.roll(input, shifts, dims)`). As in
    /// PyTorch, empty `dims` rolls the flattened tensor by a single shift.
    public func roll(_ shifts: [Int], dims: [Int]) -> Tensor {
        attempt {
            let out = try rolledCopy(shifts, dims: dims)
            if Tensor.recording(self) { recordRoll(out, shifts: shifts, dims: dims) }
            return out
        }
    }

    private func rolledCopy(_ shifts: [Int], dims: [Int]) throws(TensorError) -> Tensor {
        guard !shifts.isEmpty else { throw TensorError.runtime("`shifts` required") }
        try SizeArithmetic.checkInlineSizes(shifts)
        if dims.isEmpty && shifts.count == 1 {
            let source = try contiguousCopyOrSelf()
            let flat = try source.makeView(Layout(shape: [numel], strides: [1], offset: source.layout.offset))
            let rolled = try flat.rolled(shifts[0], 0)
            return Tensor(storage: rolled.storage, layout: Layout(contiguous: layout.shape), dtype: dtype)
        }
        guard shifts.count == dims.count else {
            throw TensorError.runtime("shifts and dimensions must align. shifts: \(shifts.count), dims:\(dims.count)")
        }
        var result = self
        for (shift, d) in zip(shifts, dims) {
            result = try result.rolled(shift, try normalizeDim(d, rank: dim))
        }
        return result === self ? try cloned() : result
    }

    private func contiguousCopyOrSelf() throws(TensorError) -> Tensor {
        isContiguous ? self : try cloned()
    }

    /// Rolled along one (checked) dim: two slabs concatenated.
    private func rolled(_ shift: Int, _ d: Int) throws(TensorError) -> Tensor {
        let size = dim == 0 ? 1 : layout.shape[d]
        if dim == 0 || size == 0 { return try cloned() }
        let s = ((shift % size) + size) % size
        if s == 0 { return try cloned() }
        let tail = try slice(d, start: size - s, end: size, step: 1)
        let head = try slice(d, start: 0, end: size - s, step: 1)
        let out = try uninitializedLike()
        withExtendedLifetime((tail, head)) {
            backend.cat([tail.buffer, head.buffer], dim: d, into: out.buffer)
        }
        return out
    }

    /// The tensor tiled `repeats[i]` times along each dim; extra leading repeats add dims
    /// (`tensor.repeat(*repeats)`).
    public func `repeat`(_ repeats: Int...) -> Tensor { self.repeat(repeats) }

    /// The tensor tiled `repeats[i]` times along each dim (`tensor.repeat(repeats)`).
    public func `repeat`(_ repeats: [Int]) -> Tensor {
        attempt {
            guard repeats.count >= dim else {
                throw TensorError.runtime(
                    "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
            }
            return try repeated(repeats)
        }
    }

    /// The tensor tiled `reps[i]` times along each dim; fewer reps than dims count as leading
    /// 1s (`torch.tile`).
    public func tile(_ reps: Int...) -> Tensor { tile(reps) }

    /// The tensor tiled `reps[i]` times along each dim (`torch.tile(tensor, reps)`).
    public func tile(_ reps: [Int]) -> Tensor {
        attempt {
            let padded = [Int](repeating: 1, count: Swift.max(dim - reps.count, 0)) + reps
            return try repeated(padded)
        }
    }

    private func repeated(_ repeats: [Int]) throws(TensorError) -> Tensor {
        try SizeArithmetic.checkInlineSizes(repeats)
        let lead = repeats.count - dim
        var target = Dims(), interleavedShape = Dims(), interleavedStrides = Dims()
        for (i, r) in repeats.enumerated() {
            let size = i < lead ? 1 : layout.shape[i - lead]
            let stride = i < lead ? 0 : layout.strides[i - lead]
            target.append(size &* r)  // wrapping: the allocation's checks give PyTorch's error
            interleavedShape.append(r)
            interleavedStrides.append(0)
            interleavedShape.append(size)
            interleavedStrides.append(stride)
        }
        let out = try Tensor.uninitialized(target, dtype: dtype, device: device)
        if out.numel > 0 {
            backend.copy(buffer.with(layout: Layout(shape: interleavedShape, strides: interleavedStrides, offset: layout.offset)),
                         into: out.buffer.with(layout: Layout(contiguous: interleavedShape)))
        }
        if Tensor.recording(self) { recordRepeat(out, interleavedShape: Array(interleavedShape)) }
        return out
    }
}

// MARK: - tril, triu

extension Tensor {
    /// A copy keeping the elements on and below the `diagonal`-th diagonal of the last two
    /// dims and zeroing the rest (`torch.tril(input, diagonal=0)`).
    public func tril(diagonal: Int = 0) -> Tensor {
        attempt { try triangle(diagonal, lower: true, inPlace: false) }
    }

    /// In-place `tril(diagonal:)` (`Tensor.tril_`). Returns `self`.
    @discardableResult
    public func tril_(diagonal: Int = 0) -> Tensor {
        attemptVoid { _ = try triangle(diagonal, lower: true, inPlace: true) }
        return self
    }

    /// A copy keeping the elements on and above the `diagonal`-th diagonal of the last two
    /// dims and zeroing the rest (`torch.triu(input, diagonal=0)`).
    public func triu(diagonal: Int = 0) -> Tensor {
        attempt { try triangle(diagonal, lower: false, inPlace: false) }
    }

    /// In-place `triu(diagonal:)` (`Tensor.triu_`). Returns `self`.
    @discardableResult
    public func triu_(diagonal: Int = 0) -> Tensor {
        attemptVoid { _ = try triangle(diagonal, lower: false, inPlace: true) }
        return self
    }

    private func triangle(_ diagonal: Int, lower: Bool, inPlace: Bool) throws(TensorError) -> Tensor {
        guard dim >= 2 else {
            throw TensorError.runtime("\(lower ? "tril" : "triu"): input tensor must have at least 2 dimensions")
        }
        if inPlace { try checkInplace() }
        let rows = layout.shape[dim - 2], cols = layout.shape[dim - 1]
        // keep[i][j] = (j - i <= diagonal) for tril, (j - i >= diagonal) for triu.
        let offsets = Tensor.arange(cols, device: device).sub(Tensor.arange(rows, device: device).unsqueeze(dim: 1))
        let keep = lower ? offsets.le(diagonal) : offsets.ge(diagonal)
        let maskLayout = keep.layout.broadcast(to: layout.shape)!
        let out = inPlace ? self : try uninitializedLike()
        withExtendedLifetime(keep) {
            backend.select(keep.buffer.with(layout: maskLayout), .buffer(buffer), .scalar(0), into: out.buffer)
        }
        if inPlace { bumpVersion() }
        if !inPlace && Tensor.recording(self) { recordTriangle(out, diagonal, lower: lower) }
        return out
    }
}
