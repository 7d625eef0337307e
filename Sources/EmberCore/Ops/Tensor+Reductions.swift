import EmberBackend

// MARK: - Sums and products

extension Tensor {
    /// The sum of all elements, as a 0-dim tensor (`torch.sum(input, dtype=None)`).
    ///
    /// Integer and bool tensors sum in int64 and give int64; `dtype` converts the input first.
    /// Float32 sums are accumulated blockwise in double, so they are accurate for any length.
    public func sum(dtype: DType? = nil) -> Tensor {
        attempt { try sumOrProduct(.sum, dims: [], keepdim: false, dtype: dtype) }
    }

    /// The sum over one dim (`torch.sum(input, dim, keepdim=False, dtype=None)`).
    public func sum(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try sumOrProduct(.sum, dims: [dim], keepdim: keepdim, dtype: dtype) }
    }

    /// The sum over several dims; as in PyTorch, an empty list sums everything
    /// (`torch.sum(input, dim=(0, 1), keepdim=False, dtype=None)`).
    public func sum(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try sumOrProduct(.sum, dims: dims, keepdim: keepdim, dtype: dtype) }
    }

    /// The product of all elements (`torch.prod(input, dtype=None)`); integer and bool tensors give int64.
    public func prod(dtype: DType? = nil) -> Tensor {
        attempt { try sumOrProduct(.prod, dims: [], keepdim: false, dtype: dtype) }
    }

    /// The product over one dim (`torch.prod(input, dim, keepdim=False, dtype=None)`).
    public func prod(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try sumOrProduct(.prod, dims: [dim], keepdim: keepdim, dtype: dtype) }
    }

    /// The mean of all elements (`torch.mean(input, dtype=None)`). Floating tensors only, as in
    /// PyTorch; the mean of no elements is NaN.
    public func mean(dtype: DType? = nil) -> Tensor {
        attempt { try meanOver([], keepdim: false, dtype: dtype) }
    }

    /// The mean over one dim (`torch.mean(input, dim, keepdim=False, dtype=None)`).
    public func mean(dim: Int, keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try meanOver([dim], keepdim: keepdim, dtype: dtype) }
    }

    /// The mean over several dims; as in PyTorch, an empty list means all
    /// (`torch.mean(input, dim=(0, 1), keepdim=False, dtype=None)`).
    public func mean(dims: [Int], keepdim: Bool = false, dtype: DType? = nil) -> Tensor {
        attempt { try meanOver(dims, keepdim: keepdim, dtype: dtype) }
    }

    func sumOrProduct(_ op: ReduceOp, dims: [Int], keepdim: Bool, dtype requested: DType?) throws(TensorError) -> Tensor {
        let mask = try reductionMask(dims)
        let input = try casted(requested ?? dtype)
        let output = requested ?? (dtype.isFloatingPoint ? dtype : .int64)
        // A bool result is a logical reduction (`sum(dtype=torch.bool)` is `any`).
        let kernelOp = output != .bool ? op : (op == .sum ? ReduceOp.any : .all)
        let result = try input.reduced(kernelOp, mask: mask, keepdim: keepdim, dtype: output)
        // Recorded on this tensor even when `dtype` converted it: the engine casts the gradient back.
        if op == .sum && Tensor.recording(self) && output.isFloatingPoint {
            recordSum(result, mask: mask, allDims: dims.isEmpty)
        }
        if op == .prod && Tensor.recording(self) && output.isFloatingPoint {
            recordProd(result, mask: mask, dim: dims.isEmpty ? nil : try normalizeDim(dims[0], rank: Swift.max(self.dim, 1)))
        }
        return result
    }

    func meanOver(_ dims: [Int], keepdim: Bool, dtype requested: DType?) throws(TensorError) -> Tensor {
        if let requested, !requested.isFloatingPoint {
            throw TensorError.notImplemented(
                "mean(): could not infer output dtype. Optional dtype must be either a floating point or complex dtype. Got: \(requested.scalarTypeName)")
        }
        if requested == nil && !dtype.isFloatingPoint {
            throw TensorError.notImplemented(
                "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(dtype.scalarTypeName)")
        }
        let mask = try reductionMask(dims)
        let input = try casted(requested ?? dtype)
        let result = try input.reduced(.mean, mask: mask, keepdim: keepdim, dtype: input.dtype)
        if Tensor.recording(self) {  // on this tensor even when `dtype` converted it, as for sum
            recordMean(result, mask: mask, allDims: dims.isEmpty)
        }
        return result
    }
}

// MARK: - Extremes

extension Tensor {
    /// The largest element, as a 0-dim tensor; NaN if any element is NaN (`torch.max(input)`).
    public func max() -> Tensor { attempt { try extreme(.max, "max", dims: [], keepdim: false) } }

    /// The smallest element, as a 0-dim tensor; NaN if any element is NaN (`torch.min(input)`).
    public func min() -> Tensor { attempt { try extreme(.min, "min", dims: [], keepdim: false) } }

    /// The largest elements along `dim` and their indices (`torch.max(input, dim, keepdim=False)`).
    /// The first occurrence wins ties; a NaN is the maximum (its first index is reported).
    public func max(dim: Int, keepdim: Bool = false) -> (values: Tensor, indices: Tensor) {
        attempt { try extremeWithIndices(.max, "max", dim: dim, keepdim: keepdim) }.tuple
    }

    /// The smallest elements along `dim` and their indices (`torch.min(input, dim, keepdim=False)`).
    public func min(dim: Int, keepdim: Bool = false) -> (values: Tensor, indices: Tensor) {
        attempt { try extremeWithIndices(.min, "min", dim: dim, keepdim: keepdim) }.tuple
    }

    /// The maximum of all elements; with `keepdim` every dim is kept with size 1
    /// (`torch.amax(input, dim=(), keepdim=False)`).
    public func amax(keepdim: Bool = false) -> Tensor {
        attempt { try extreme(.max, "amax", dims: [], keepdim: keepdim) }
    }

    /// The maximum over several dims; as in PyTorch, an empty list means all
    /// (`torch.amax(input, dim=(0, 1), keepdim=False)`).
    public func amax(dims: [Int], keepdim: Bool = false) -> Tensor {
        attempt { try extreme(.max, "amax", dims: dims, keepdim: keepdim) }
    }

    /// The maximum over one dim (`torch.amax(input, dim, keepdim=False)`).
    public func amax(dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try extreme(.max, "amax", dims: [dim], keepdim: keepdim) }
    }

    /// The minimum of all elements; with `keepdim` every dim is kept with size 1
    /// (`torch.amin(input, dim=(), keepdim=False)`).
    public func amin(keepdim: Bool = false) -> Tensor {
        attempt { try extreme(.min, "amin", dims: [], keepdim: keepdim) }
    }

    /// The minimum over several dims; as in PyTorch, an empty list means all
    /// (`torch.amin(input, dim=(0, 1), keepdim=False)`).
    public func amin(dims: [Int], keepdim: Bool = false) -> Tensor {
        attempt { try extreme(.min, "amin", dims: dims, keepdim: keepdim) }
    }

    /// The minimum over one dim (`torch.amin(input, dim, keepdim=False)`).
    public func amin(dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try extreme(.min, "amin", dims: [dim], keepdim: keepdim) }
    }

    /// The int64 index of the maximum in the flattened tensor; with `keepdim` every dim is kept
    /// with size 1 (`torch.argmax(input, dim=None, keepdim=False)`). NaN counts as the maximum.
    public func argmax(keepdim: Bool = false) -> Tensor {
        attempt { try argExtreme(.max, "argmax", dim: nil, keepdim: keepdim) }
    }

    /// The int64 indices of the maxima along `dim` (`torch.argmax(input, dim, keepdim=False)`).
    /// NaN counts as the maximum; the first occurrence wins ties.
    public func argmax(dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try argExtreme(.max, "argmax", dim: dim, keepdim: keepdim) }
    }

    /// The int64 index of the minimum in the flattened tensor; with `keepdim` every dim is kept
    /// with size 1 (`torch.argmin(input, dim=None, keepdim=False)`). NaN counts as the minimum.
    public func argmin(keepdim: Bool = false) -> Tensor {
        attempt { try argExtreme(.min, "argmin", dim: nil, keepdim: keepdim) }
    }

    /// The int64 indices of the minima along `dim` (`torch.argmin(input, dim, keepdim=False)`).
    /// NaN counts as the minimum; the first occurrence wins ties.
    public func argmin(dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try argExtreme(.min, "argmin", dim: dim, keepdim: keepdim) }
    }

    func extreme(_ op: ReduceOp, _ name: String, dims: [Int], keepdim: Bool) throws(TensorError) -> Tensor {
        let mask = try reductionMask(dims)
        try checkReductionNotEmpty(name, mask: mask, allDims: dims.isEmpty)
        let out = try reduced(op, mask: mask, keepdim: keepdim, dtype: dtype)
        if Tensor.recording(self) { recordExtreme(name, out, mask: mask) }
        return out
    }

    func extremeWithIndices(_ op: ArgReduceOp, _ name: String, dim: Int, keepdim: Bool) throws(TensorError)
        -> ReductionValuesAndIndices
    {
        let d = try normalizeDim(dim, rank: self.dim)
        try checkReductionNotEmpty(name, mask: .single(d), allDims: false)
        let (values, indices) = try argReduced(op, dim: d, keepdim: keepdim, values: true)
        if Tensor.recording(self), let values { recordExtreme(op, values: values, indices: indices, dim: d) }
        return ReductionValuesAndIndices(values: values!, indices: indices)
    }

    func argExtreme(_ op: ArgReduceOp, _ name: String, dim: Int?, keepdim: Bool) throws(TensorError) -> Tensor {
        if dtype == .bool { throw TensorError.notImplemented("\(name)(): does not support bool input") }
        if let dim {
            let d = try normalizeDim(dim, rank: self.dim)
            try checkReductionNotEmpty(name, mask: .single(d), allDims: false)
            return try argReduced(op, dim: d, keepdim: keepdim, values: false).indices
        }
        try checkReductionNotEmpty(name, mask: ReductionDimSet(), allDims: true)
        let dense = isContiguous ? self : try cloned()
        let flat = Tensor(storage: dense.storage, layout: Layout(contiguous: [numel], offset: dense.layout.offset), dtype: dtype)
        let index = try flat.argReduced(op, dim: 0, keepdim: false, values: false).indices
        let shape = keepdim ? Dims(repeating: 1, count: self.dim) : Dims()
        return Tensor(storage: index.storage, layout: Layout(contiguous: shape), dtype: .int64)
    }

    /// PyTorch's checks before a reduction without an identity (max, min, argmax...).
    func checkReductionNotEmpty(_ name: String, mask: ReductionDimSet, allDims: Bool) throws(TensorError) {
        guard numel == 0 else { return }
        if allDims {
            if name.hasPrefix("arg") {
                throw TensorError.index("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
            }
            throw TensorError.runtime(
                "\(name)(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.")
        }
        for d in 0..<self.dim where mask.contains(d) && layout.shape[d] == 0 {
            throw TensorError.index("\(name)(): Expected reduction dim \(d) to have non-zero size.")
        }
    }

    /// Runs the arg-reduce kernel along `d`: int64 indices and, when asked, the values.
    package func argReduced(_ op: ArgReduceOp, dim d: Int, keepdim: Bool, values wantValues: Bool)
        throws(TensorError) -> (values: Tensor?, indices: Tensor)
    {
        // A 0-dim tensor is seen as one element along dim 0.
        let source = self.dim > 0 ? self : Tensor(storage: storage, layout: Layout(shape: [1], strides: [1], offset: layout.offset), dtype: dtype)
        var keep = source.layout.shape
        keep[d] = 1
        var final = keep
        if self.dim == 0 { final = [] } else if !keepdim { final.remove(at: d) }
        let indices = try Tensor.uninitialized(final, dtype: .int64, device: device)
        let values = wantValues ? try Tensor.uninitialized(final, dtype: dtype, device: device) : nil
        if indices.numel > 0 {
            backend.argReduce(op, source.buffer, dim: d,
                              values: values.map { $0.buffer.with(layout: Layout(contiguous: keep)) },
                              indices: indices.buffer.with(layout: Layout(contiguous: keep)))
        }
        return (values, indices)
    }
}

/// The `(values, indices)` result of `max(dim:)` and `min(dim:)`, as `attempt` can return it.
struct ReductionValuesAndIndices: ErrorPlaceholder {
    var values: Tensor
    var indices: Tensor
    var tuple: (values: Tensor, indices: Tensor) { (values, indices) }
    static var errorPlaceholder: ReductionValuesAndIndices {
        ReductionValuesAndIndices(values: .errorPlaceholder, indices: .errorPlaceholder)
    }
}

// MARK: - Logical reductions and counting

extension Tensor {
    /// Whether any element is nonzero (NaN counts), as a 0-dim bool tensor (`torch.any(input)`).
    public func any() -> Tensor { attempt { try logical(.any, dims: [], all: true, keepdim: false) } }

    /// Whether any element along `dim` is nonzero (`torch.any(input, dim, keepdim=False)`).
    public func any(dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try logical(.any, dims: [dim], all: false, keepdim: keepdim) }
    }

    /// `any` over several dims (`torch.any(input, dim=(0, 1), keepdim=False)`); as in PyTorch,
    /// an empty list reduces nothing and gives each element's truth value.
    public func any(dims: [Int], keepdim: Bool = false) -> Tensor {
        attempt { try logical(.any, dims: dims, all: false, keepdim: keepdim) }
    }

    /// Whether every element is nonzero, as a 0-dim bool tensor; true for no elements (`torch.all(input)`).
    public func all() -> Tensor { attempt { try logical(.all, dims: [], all: true, keepdim: false) } }

    /// Whether every element along `dim` is nonzero (`torch.all(input, dim, keepdim=False)`).
    public func all(dim: Int, keepdim: Bool = false) -> Tensor {
        attempt { try logical(.all, dims: [dim], all: false, keepdim: keepdim) }
    }

    /// `all` over several dims (`torch.all(input, dim=(0, 1), keepdim=False)`); as in PyTorch,
    /// an empty list reduces nothing.
    public func all(dims: [Int], keepdim: Bool = false) -> Tensor {
        attempt { try logical(.all, dims: dims, all: false, keepdim: keepdim) }
    }

    /// The number of nonzero elements (NaN counts), as a 0-dim int64 tensor
    /// (`torch.count_nonzero(input, dim=None)`).
    public func countNonzero() -> Tensor {
        countNonzero(dims: [])
    }

    /// The number of nonzero elements (NaN counts) along `dim`, as int64
    /// (`torch.count_nonzero(input, dim)`).
    public func countNonzero(dim: Int) -> Tensor {
        countNonzero(dims: [dim])
    }

    /// The number of nonzero elements over several dims; as in PyTorch, an empty list counts all
    /// (`torch.count_nonzero(input, dim=(0, 1))`).
    public func countNonzero(dims: [Int]) -> Tensor {
        attempt { try reduced(.countNonzero, mask: try reductionMask(dims), keepdim: false, dtype: .int64) }
    }

    func logical(_ op: ReduceOp, dims: [Int], all: Bool, keepdim: Bool) throws(TensorError) -> Tensor {
        let mask = try reductionMask(dims, emptyMeansAll: all)
        return try reduced(op, mask: mask, keepdim: keepdim, dtype: .bool)
    }
}

// MARK: - Engine

extension Tensor {
    /// Which dims a reduction over `dims` reduces; an empty list means all of them unless
    /// `emptyMeansAll` is false. Throws PyTorch's errors for dims out of range or repeated.
    package func reductionMask(_ dims: [Int], emptyMeansAll: Bool = true) throws(TensorError) -> ReductionDimSet {
        if dims.isEmpty { return emptyMeansAll ? .all(dim) : ReductionDimSet() }
        var mask = ReductionDimSet(), seen = ReductionDimSet()
        for d in dims {
            let n = try normalizeDim(d, rank: dim)
            guard seen.insert(n) else {
                throw TensorError.runtime("dim \(n) appears multiple times in the list of dims")
            }
            if n < dim { _ = mask.insert(n) }
        }
        return mask
    }

    /// Runs a reduce kernel over the dims in `mask` into a new `dtype` tensor; the reduced dims
    /// are kept with size 1 when `keepdim`, else removed.
    package func reduced(_ op: ReduceOp, mask: ReductionDimSet, keepdim: Bool, dtype: DType) throws(TensorError) -> Tensor {
        var keep = Dims(), final = Dims()
        for d in 0..<dim {
            if mask.contains(d) {
                keep.append(1)
                if keepdim { final.append(1) }
            } else {
                keep.append(layout.shape[d])
                final.append(layout.shape[d])
            }
        }
        let out = try Tensor.uninitialized(final, dtype: dtype, device: device)
        // A small contiguous tensor summed whole: the CPU's flat loop, without planning.
        if (op == .sum || op == .mean) && dtype == self.dtype && isContiguous && out.layout.count == 1
            && storage.device.kind == .cpu
            && Backends.cpu.sumContiguous(dataStart, count: layout.count, dtype: dtype, mean: op == .mean, into: out.dataStart) {
            return out
        }
        backend.reduce(op, buffer, into: out.buffer.with(layout: Layout(contiguous: keep)))
        return out
    }
}

// MARK: - Dim sets

/// The dims a reduction reduces, as a bit set (PyTorch's `DimMask`; tensors have at most 64 dims).
package struct ReductionDimSet: Sendable, Equatable {
    package var bits: UInt64 = 0
    package init() {}

    /// Every dim of a tensor of rank `rank`.
    package static func all(_ rank: Int) -> ReductionDimSet {
        var set = ReductionDimSet()
        set.bits = rank >= 64 ? ~0 : (UInt64(1) << UInt64(rank)) &- 1
        return set
    }

    /// One dim.
    package static func single(_ d: Int) -> ReductionDimSet {
        var set = ReductionDimSet()
        _ = set.insert(d)
        return set
    }

    package func contains(_ d: Int) -> Bool { d < 64 && bits >> UInt64(d) & 1 == 1 }

    /// Adds `d`; false when it was already there.
    package mutating func insert(_ d: Int) -> Bool {
        if contains(d) { return false }
        if d < 64 { bits |= UInt64(1) << UInt64(d) }
        return true
    }
}

// MARK: - Swift's max and min inside Tensor extensions

extension Tensor {
    // `Tensor.max()` and `Tensor.min()` hide the standard library's `max(_:_:)` and `min(_:_:)`
    // from unqualified calls inside Tensor's own methods. These forward such calls to the
    // standard library, so `max(a, b)` keeps working there (`Swift.max` is the explicit form).
    @inline(__always) func max<T: Comparable>(_ x: T, _ y: T, _ rest: T...) -> T { Swift.max(x, y, rest.max() ?? y) }
    @inline(__always) func min<T: Comparable>(_ x: T, _ y: T, _ rest: T...) -> T { Swift.min(x, y, rest.min() ?? y) }
    @inline(__always) static func max<T: Comparable>(_ x: T, _ y: T, _ rest: T...) -> T { Swift.max(x, y, rest.max() ?? y) }
    @inline(__always) static func min<T: Comparable>(_ x: T, _ y: T, _ rest: T...) -> T { Swift.min(x, y, rest.min() ?? y) }
}
