import EmberBackend

// MARK: - Index ops

extension Tensor {
    /// The entries of `index` along `dim`, in `index`'s order
    /// (`torch.index_select(input, dim, index)`). `index` is a 1-D (or 0-dim) int64 or int32
    /// tensor; the result is a copy.
    public func indexSelect(dim: Int, index: Tensor) -> Tensor {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            guard index.dim <= 1 else { throw TensorError.index("index_select(): Index is supposed to be a vector") }
            guard index.dtype == .int64 || index.dtype == .int32 else {
                throw TensorError.runtime("index_select(): Expected dtype int32 or int64 for index")
            }
            try checkSameDevice(index)
            if self.dim == 0 && index.numel != 1 {
                throw TensorError.runtime("index_select(): Index to scalar can have only 1 value, got \(index.numel) value(s)")
            }
            let source = asAtLeast1D()
            let idx = try index.casted(.int64)
            var shape = source.layout.shape
            shape[d] = idx.numel
            var strides = source.layout.strides
            strides[d] = 0
            var idxStrides = Dims(repeating: 0, count: shape.count)
            idxStrides[d] = idx.dim == 0 ? 0 : idx.layout.strides[0]
            let operand = IndexOperand(
                indices: idx.buffer.with(layout: Layout(shape: shape, strides: idxStrides, offset: idx.layout.offset)),
                stride: source.layout.strides[d], size: source.layout.shape[d], allowsNegative: false)
            let out = try Tensor.uninitialized(self.dim == 0 ? [] : shape, dtype: dtype, device: device)
            defer { withExtendedLifetime(idx) {} }
            do throws(IndexOutOfRange) {
                try backend.index(buffer.with(layout: Layout(shape: shape, strides: strides, offset: layout.offset)),
                                  [operand], into: out.buffer.with(layout: Layout(contiguous: shape)))
            } catch {
                throw TensorError.index("index out of range in self")
            }
            if Tensor.recording(self) && self.dim > 0 { recordIndexSelect(out, dim: d, index: idx) }
            return out
        }
    }

    /// Values picked along `dim` by `index`: `out[i][j] = self[index[i][j]][j]` for `dim` 0
    /// (`torch.gather(input, dim, index)`). `index` has this tensor's rank and no larger sizes
    /// except along `dim`; the result has `index`'s shape.
    public func gather(dim: Int, index: Tensor) -> Tensor {
        attempt {
            let d = try normalizeDim(dim, rank: self.dim)
            if index.numel == 0 {
                // As in PyTorch, an empty index is not checked, and the empty result is recorded.
                let out = try Tensor.uninitialized(index.layout.shape, dtype: dtype, device: device)
                if Tensor.recording(self) && self.dim > 0 { recordGather(out, dim: d, index: index) }
                return out
            }
            guard index.dtype == .int64 || index.dtype == .int32 else {
                throw TensorError.runtime("gather(): Expected dtype int32/int64 for index")
            }
            try checkSameDevice(index)
            let rank = Swift.max(self.dim, 1)
            guard rank == Swift.max(index.dim, 1) else {
                throw TensorError.runtime("Index tensor must have the same number of dimensions as input tensor")
            }
            let source = asAtLeast1D(), idx = try index.casted(.int64).asAtLeast1D()
            for i in 0..<rank where i != d && idx.layout.shape[i] > source.layout.shape[i] {
                throw TensorError.runtime(
                    "Size does not match at dimension \(i) expected index \(index.layout.shape) to be no larger than self \(layout.shape) apart from dimension \(d)")
            }
            let shape = idx.layout.shape
            var strides = source.layout.strides
            strides[d] = 0
            let operand = IndexOperand(indices: idx.buffer, stride: source.layout.strides[d],
                                       size: source.layout.shape[d], allowsNegative: false)
            let out = try Tensor.uninitialized(index.layout.shape, dtype: dtype, device: device)
            defer { withExtendedLifetime(idx) {} }
            do throws(IndexOutOfRange) {
                try backend.index(buffer.with(layout: Layout(shape: shape, strides: strides, offset: layout.offset)),
                                  [operand], into: out.buffer.with(layout: Layout(contiguous: shape)))
            } catch {
                throw TensorError.runtime("index \(error.value) is out of bounds for dimension \(d) with size \(error.size)")
            }
            if Tensor.recording(self) && self.dim > 0 { recordGather(out, dim: d, index: idx) }
            return out
        }
    }

    /// A copy with `src`'s values written at the positions `index` gives along `dim`:
    /// `out[index[i][j]][j] = src[i][j]` for `dim` 0 (`torch.scatter(input, dim, index, src)`).
    /// `src` has this tensor's dtype; `reduce` `.add` or `.multiply` (or PyTorch's string,
    /// `"add"`) combines with the values already there (`reduce='add'`).
    /// Differentiable without `reduce` (`ScatterBackward0`); with it, as in PyTorch, backward
    /// fails (`derivative for aten::scatter is not implemented`).
    public func scatter(dim: Int, index: Tensor, src: Tensor, reduce: ScatterReduction? = nil) -> Tensor {
        scatterCopy(dim, index, .tensor(src), reduce: reduce)
    }

    /// A copy with the number `value` written at the positions `index` gives along `dim`
    /// (`torch.scatter(input, dim, index, value)`), converted to this tensor's dtype (2.7 scatters
    /// as 2 into int64); `reduce` as in `scatter(dim:index:src:reduce:)`. Differentiable without
    /// `reduce` (`ScatterBackward1`).
    public func scatter(dim: Int, index: Tensor, value: Scalar, reduce: ScatterReduction? = nil) -> Tensor {
        scatterCopy(dim, index, .scalar(value), reduce: reduce)
    }

    /// In-place `scatter(dim:index:src:reduce:)` (`Tensor.scatter_(dim, index, src)`). Returns `self`.
    @discardableResult
    public func scatter_(dim: Int, index: Tensor, src: Tensor, reduce: ScatterReduction? = nil) -> Tensor {
        scatterInPlace(dim, index, .tensor(src), reduce: reduce)
    }

    /// In-place `scatter(dim:index:value:reduce:)` (`Tensor.scatter_(dim, index, value)`). Returns `self`.
    @discardableResult
    public func scatter_(dim: Int, index: Tensor, value: Scalar, reduce: ScatterReduction? = nil) -> Tensor {
        scatterInPlace(dim, index, .scalar(value), reduce: reduce)
    }

    private func scatterCopy(_ dim: Int, _ index: Tensor, _ value: OperandValue, reduce: ScatterReduction?) -> Tensor {
        attempt {
            let out = try cloned()
            try out.scattered(dim, index, value, reduce: reduce)
            try recordScatter(out, dim, index, value, reduce: reduce)
            return out
        }
    }

    private func scatterInPlace(_ dim: Int, _ index: Tensor, _ value: OperandValue, reduce: ScatterReduction?) -> Tensor {
        attemptVoid {
            let source: Tensor? = if case .tensor(let t) = value { t } else { nil }
            guard Tensor.recordsInPlace(self, source) else { return try scattered(dim, index, value, reduce: reduce) }
            try checkInplace()
            try adoptResult(scatterCopy(dim, index, value, reduce: reduce))
        }
        return self
    }

    /// A copy with `src`'s values added at the positions `index` gives along `dim`; repeated
    /// positions accumulate (`torch.scatter_add(input, dim, index, src)`).
    public func scatterAdd(dim: Int, index: Tensor, src: Tensor) -> Tensor {
        attempt {
            let out = try cloned()
            try out.scattered(dim, index, .tensor(src), reduce: .add)
            if Tensor.recording(self, src) { try recordScatterAdd(out, dim, index, src) }
            return out
        }
    }

    /// In-place `scatterAdd(dim:index:src:)` (`Tensor.scatter_add_`). Returns `self`.
    @discardableResult
    public func scatterAdd_(dim: Int, index: Tensor, src: Tensor) -> Tensor {
        attemptVoid {
            guard Tensor.recordsInPlace(self, src) else { return try scattered(dim, index, .tensor(src), reduce: .add) }
            try checkInplace()
            try adoptResult(scatterAdd(dim: dim, index: index, src: src))
        }
        return self
    }

    private func scattered(_ dim: Int, _ index: Tensor, _ src: OperandValue, reduce: ScatterReduction?) throws(TensorError) {
        let d = try checkScatterArguments(dim, index, src)
        if case .scalar(let value) = src { try Tensor.checkFillValue(value, fits: dtype) }
        let reduction: IndexReduction
        switch reduce {
        case nil: reduction = .none
        case .add: reduction = .add
        case .multiply: reduction = .multiply
        case .unrecognized: throw TensorError.runtime("reduce argument must be either add or multiply.")
        }
        try checkInplace()
        try scatterApply(d, index, src, reduce: reduction)
    }

    /// The checks `scatter`, `scatter_add` and `scatter_reduce` make on their arguments
    /// (PyTorch's `scatter_gather_dtype_check` and `scatter_shape_check`); the normalized dim.
    package func checkScatterArguments(_ dim: Int, _ index: Tensor, _ src: OperandValue) throws(TensorError) -> Int {
        let d = try normalizeDim(dim, rank: self.dim)
        if index.numel != 0 && index.dtype != .int64 && index.dtype != .int32 {
            throw TensorError.runtime("scatter(): Expected dtype int32/int64 for index")
        }
        var srcTensor: Tensor?
        if case .tensor(let s) = src {
            guard s.dtype == dtype else { throw TensorError.runtime("scatter(): Expected self.dtype to be equal to src.dtype") }
            try checkSameDevice(s)
            srcTensor = s
        }
        try checkSameDevice(index)
        let rank = Swift.max(self.dim, 1)
        if index.numel != 0 {
            guard rank == Swift.max(index.dim, 1) else {
                throw TensorError.runtime("Index tensor must have the same number of dimensions as self tensor")
            }
            var wrongShape = false
            for i in 0..<rank where i != d && index.nonemptySize(i) > nonemptySize(i) { wrongShape = true }
            if let s = srcTensor {
                if !wrongShape {
                    for i in 0..<rank where index.nonemptySize(i) > (try s.checkedNonemptySize(i)) {
                        wrongShape = true
                        break
                    }
                }
                guard Swift.max(s.dim, 1) == rank else {
                    throw TensorError.runtime("Index tensor must have the same number of dimensions as src tensor")
                }
                guard !wrongShape else {
                    throw TensorError.runtime(
                        "Expected index \(index.layout.shape) to be no larger than self \(layout.shape) apart from dimension \(d) and to be no larger size than src \(s.layout.shape)")
                }
            } else if wrongShape {
                throw TensorError.runtime(
                    "Expected index \(index.layout.shape) to be no larger than self \(layout.shape) apart from dimension \(d)")
            }
        }
        return d
    }

    /// The scatter kernel, on checked arguments: `self[index[i][j]][j] (reduce)= src[i][j]` for
    /// dim 0, over `index`'s shape. Writes in place and bumps the version.
    package func scatterApply(_ d: Int, _ index: Tensor, _ src: OperandValue, reduce reduction: IndexReduction) throws(TensorError) {
        if index.numel == 0 { return }
        let target = asAtLeast1D(), idx = try index.casted(.int64).asAtLeast1D()
        let shape = idx.layout.shape
        var strides = target.layout.strides
        strides[d] = 0
        let values: BinaryOperand
        var source: Tensor?
        switch src {
        case .scalar(let s):
            // A number is converted to this tensor's dtype (2.7 scatters as 2 into int64), as in PyTorch.
            values = .scalar(s)
        case .tensor(let s):
            let s1 = s.storage === storage ? try s.cloned().asAtLeast1D() : s.asAtLeast1D()
            source = s1
            values = .buffer(s1.buffer.with(layout: Layout(shape: shape, strides: s1.layout.strides, offset: s1.layout.offset)))
        }
        let operand = IndexOperand(indices: idx.buffer, stride: target.layout.strides[d], size: target.layout.shape[d],
                                   allowsNegative: false)
        defer { withExtendedLifetime((idx, source)) {} }
        do throws(IndexOutOfRange) {
            try backend.indexPut(values, [operand], into: buffer.with(layout: Layout(shape: shape, strides: strides, offset: layout.offset)),
                                 reduce: reduction)
        } catch {
            throw TensorError.runtime("index \(error.value) is out of bounds for dimension \(d) with size \(error.size)")
        }
        bumpVersion()
    }

    /// A copy with `alpha * source` added at the entries `index` gives along `dim`; repeated
    /// entries accumulate (`torch.index_add(input, dim, index, source, alpha=1)`). `source` has
    /// this tensor's dtype and shape except along `dim`, where its size is `index`'s length.
    public func indexAdd(dim: Int, index: Tensor, source: Tensor, alpha: Scalar = 1) -> Tensor {
        attempt {
            let out = try cloned()
            try out.indexAdded(dim, index, source, alpha: alpha)
            if Tensor.recording(self, source) { try recordIndexAdd(out, dim, index, source, alpha: alpha) }
            return out
        }
    }

    /// In-place `indexAdd(dim:index:source:alpha:)` (`Tensor.index_add_`). Returns `self`.
    @discardableResult
    public func indexAdd_(dim: Int, index: Tensor, source: Tensor, alpha: Scalar = 1) -> Tensor {
        attemptVoid {
            guard Tensor.recordsInPlace(self, source) else { return try indexAdded(dim, index, source, alpha: alpha) }
            try checkInplace()
            try adoptResult(indexAdd(dim: dim, index: index, source: source, alpha: alpha))
        }
        return self
    }

    private func indexAdded(_ dim: Int, _ index: Tensor, _ source: Tensor, alpha: Scalar) throws(TensorError) {
        let d = try checkIndexFuncArguments("index_add", dim, index, source)
        let count = index.numel
        try checkInplace()
        if count == 0 || source.numel == 0 { return }
        // alpha is taken in this tensor's dtype (an integer tensor truncates it, a bool ignores it).
        var scaled = source
        if dtype != .bool {
            let a: Scalar = dtype.isFloatingPoint ? .float(alpha.doubleValue) : .int(alpha.converted(to: Int64.self))
            if a != .float(1) && a != .int(1) { scaled = source.mul(a) }
        }
        if scaled.storage === storage { scaled = try scaled.cloned() }
        let src = scaled.asAtLeast1D()
        defer { withExtendedLifetime(src) {} }
        try putAlongDim(d, index, .buffer(src.buffer), shape: src.layout.shape, reduce: .add, allowsNegative: false) { _ in
            TensorError.index("index out of range in self")
        }
    }

    /// PyTorch's `index_func_meta_impl`: the checks `index_add_` and `index_reduce_` (`name`) make
    /// on their arguments, in its order; the normalized dim.
    package func checkIndexFuncArguments(_ name: String, _ dim: Int, _ index: Tensor, _ source: Tensor) throws(TensorError) -> Int {
        let d = try normalizeDim(dim, rank: self.dim)
        let count = index.numel
        guard index.dim <= 1 else {
            throw TensorError.index(
                "\(name)_(): Index is supposed to be a vector, but got dim: \(index.dim) with type: \(index.dtype.scalarTypeName) and size: \(index.layout.shape)")
        }
        guard index.dtype == .int64 || index.dtype == .int32 else {
            throw TensorError.runtime("\(name)_(): Expected dtype int32/int64 for index but got: \(index.dtype.scalarTypeName)")
        }
        guard dtype == source.dtype else {
            throw TensorError.runtime(
                "\(name)_(): self (\(dtype.scalarTypeName)) and source (\(source.dtype.scalarTypeName)) must have the same scalar type")
        }
        guard d == 0 || d < source.dim else {
            throw TensorError.runtime(
                "\(name)_(): Indexing dim \(d) is out of bounds of the source tensor with dim \(source.dim)")
        }
        guard count == (source.dim == 0 ? 1 : source.layout.shape[d]) else {
            guard source.dim > 0 else {
                throw TensorError.index("Dimension specified as 0 but tensor has no dimensions")
            }
            throw TensorError.runtime(
                "\(name)_(): Number of indices (\(count)) should be equal to source.size(dim): (\(source.layout.shape[d])), for dim: \(d)")
        }
        var selfSizes = Array(layout.shape), sourceSizes = Array(source.layout.shape)
        if source.dim != 0 && self.dim != 0 {
            selfSizes.remove(at: d)
            sourceSizes.remove(at: d)
        }
        guard selfSizes == sourceSizes else {
            throw TensorError.runtime(
                "source tensor shape must match self tensor shape, excluding the specified dimension. Got self.shape = \(layout.shape) source.shape = \(source.layout.shape)")
        }
        try checkSameDevice(index)
        try checkSameDevice(source)
        return d
    }

    /// The kernel of `index_add_`, `index_copy_` and `index_fill_`, on checked arguments: combines
    /// `values` (laid out in `shape`, which is this tensor's shape with the length of the 1-D or
    /// 0-dim int64/int32 `index` at dim `d`) into the slices `index` gives along `d`, then bumps
    /// the version. A position out of range writes nothing and throws `outOfRange`'s error.
    package func putAlongDim(_ d: Int, _ index: Tensor, _ values: BinaryOperand, shape: Dims, reduce: IndexReduction,
                             allowsNegative: Bool, outOfRange: (IndexOutOfRange) -> TensorError) throws(TensorError) {
        let target = asAtLeast1D(), idx = try index.casted(.int64)
        var strides = target.layout.strides
        strides[d] = 0
        var idxStrides = Dims(repeating: 0, count: shape.count)
        idxStrides[d] = idx.dim == 0 ? 0 : idx.layout.strides[0]
        let operand = IndexOperand(
            indices: idx.buffer.with(layout: Layout(shape: shape, strides: idxStrides, offset: idx.layout.offset)),
            stride: target.layout.strides[d], size: target.layout.shape[d], allowsNegative: allowsNegative)
        defer { withExtendedLifetime(idx) {} }
        do throws(IndexOutOfRange) {
            try backend.indexPut(values, [operand],
                                 into: buffer.with(layout: Layout(shape: shape, strides: strides, offset: target.layout.offset)),
                                 reduce: reduce)
        } catch {
            throw outOfRange(error)
        }
        bumpVersion()
    }
}

// MARK: - Helpers

extension Tensor {
    /// A 0-dim tensor seen as a 1-element vector (a view); any other tensor as it is.
    package func asAtLeast1D() -> Tensor {
        dim > 0 ? self : makeDerivedView(Layout(shape: [1], strides: [1], offset: layout.offset))
    }

    /// PyTorch's `ensure_nonempty_size`: the size of dim `d`, or 1 for a 0-dim tensor.
    func nonemptySize(_ d: Int) -> Int { dim == 0 ? 1 : layout.shape[d] }

    /// `nonemptySize` that fails as PyTorch's `size(d)` does for a dim beyond the rank.
    func checkedNonemptySize(_ d: Int) throws(TensorError) -> Int {
        dim == 0 ? 1 : layout.shape[try normalizeDim(d, rank: dim)]
    }
}
