import EmberBackend

// MARK: - TensorIndex

/// One entry of a tensor subscript, as in a PyTorch indexing expression.
///
/// Integers select (`x[0]`), ranges slice (`x[1...]`, `x[..<2]`, `x[-3..<(-1)]`),
/// `.slice(start, end, step:)` is Python's `start:end:step`, `.all` is `:`, `.ellipsis` (or a
/// leading `...`) is Python's `...`, and `.newAxis` is `None`.
public struct TensorIndex: Sendable {
    package enum Kind: Sendable {
        case index(Int)
        case slice(start: Int?, end: Int?, step: Int)
        case ellipsis
        case newAxis
        /// An integer or bool tensor (advanced indexing; see `Tensor+Indexing.swift`).
        case tensor(Tensor)
    }
    package let kind: Kind
    package init(_ kind: Kind) { self.kind = kind }
}

/// A value usable in a tensor subscript: `Int`, the range types, `TensorIndex`, and `Tensor`
/// (an integer or bool index tensor).
public protocol TensorIndexConvertible {
    /// The index entry this value stands for.
    var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { self }
}
extension Int: TensorIndexConvertible {
    public var tensorIndex: TensorIndex { TensorIndex(.index(self)) }
}
extension Range: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(.slice(start: lowerBound, end: upperBound, step: 1)) }
}
extension ClosedRange: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex {
        TensorIndex(.slice(start: lowerBound, end: upperBound == -1 ? nil : upperBound + 1, step: 1))
    }
}
extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(.slice(start: lowerBound, end: nil, step: 1)) }
}
extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(.slice(start: nil, end: upperBound, step: 1)) }
}
extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(.slice(start: nil, end: upperBound == -1 ? nil : upperBound + 1, step: 1)) }
}

extension TensorIndexConvertible where Self == TensorIndex {
    /// Python's `i`: select one entry, removing the dim.
    public static func index(_ i: Int) -> TensorIndex { TensorIndex(.index(i)) }
    /// Python's `:`.
    public static var all: TensorIndex { TensorIndex(.slice(start: nil, end: nil, step: 1)) }
    /// Python's `...`: as many `:` as needed.
    public static var ellipsis: TensorIndex { TensorIndex(.ellipsis) }
    /// Python's `None`: a new dim of size 1.
    public static var newAxis: TensorIndex { TensorIndex(.newAxis) }
    /// Python's `start:end:step`; `nil` bounds mean the ends.
    public static func slice(_ start: Int? = nil, _ end: Int? = nil, step: Int = 1) -> TensorIndex {
        TensorIndex(.slice(start: start, end: end, step: step))
    }
}

// MARK: - Subscripts

extension Tensor {
    /// A view selected by integers, ranges, `.all`, `.ellipsis` and `.newAxis` (PyTorch's `t[...]`).
    /// Assigning writes into this tensor's storage, broadcasting the value (`t[0] = 5`).
    public subscript(_ indices: any TensorIndexConvertible...) -> Tensor {
        get { attempt { try indexedRecording(indices.map(\.tensorIndex)) } }
        set { attemptVoid { try assignIndexed(indices.map(\.tensorIndex), newValue) } }
    }

    // Note [Why tensors are not literals]
    // If `Tensor` were `ExpressibleByIntegerLiteral`, every `x * 2` would have two readings
    // (tensor times tensor, tensor times number) and mixed expressions would take the type
    // checker exponential time. Numbers reach tensors through the subscript below and through the
    // generic `TensorScalar` operator overloads instead.

    /// A number written into (or read from) the selected elements: `t[0] = 5`, `t[mask] = 0`
    /// (PyTorch's assignment of a Python number). Reading needs a one-element selection and stops
    /// with `item()`'s error otherwise, so `t[mask] += 1`, which Swift reads as a number, cannot
    /// silently write the first selected element's sum everywhere: write `t[mask] += Tensor(1.0)`.
    /// Numbers reach tensors here because tensors are not literals (see Note [Why tensors are not literals]).
    public subscript<S: TensorScalar & ErrorPlaceholder>(_ indices: any TensorIndexConvertible...) -> S {
        get { attempt { try indexed(indices.map(\.tensorIndex)).checkedItem(as: S.self) } }
        set { attemptVoid { try assignIndexed(indices.map(\.tensorIndex), Tensor.full([], Scalar(newValue), dtype: dtype, device: device)) } }
    }

    /// `t[..., i] = 5`: a number written through a leading Ellipsis.
    public subscript<S: TensorScalar & ErrorPlaceholder>(_ ellipsis: UnboundedRange, _ rest: any TensorIndexConvertible...) -> S {
        get { attempt { try indexed([TensorIndex.ellipsis] + rest.map(\.tensorIndex)).checkedItem(as: S.self) } }
        set { attemptVoid { try assignIndexed([TensorIndex.ellipsis] + rest.map(\.tensorIndex), Tensor.full([], Scalar(newValue), dtype: dtype, device: device)) } }
    }

    /// `t[..., i]`: Swift's `...` stands for Python's Ellipsis when it comes first.
    public subscript(_ ellipsis: UnboundedRange, _ rest: any TensorIndexConvertible...) -> Tensor {
        get { attempt { try indexedRecording([TensorIndex.ellipsis] + rest.map(\.tensorIndex)) } }
        set { attemptVoid { try assignIndexed([TensorIndex.ellipsis] + rest.map(\.tensorIndex), newValue) } }
    }

    /// `self[indices]`: basic indices give a view; tensor indices then index it (a copy).
    package func indexed(_ indices: [TensorIndex]) throws(TensorError) -> Tensor {
        let (view, advanced) = try sliced(indices)
        return advanced.isEmpty ? view : try view.advancedIndexed(advanced)
    }

    /// `indexed`, recorded for autograd as PyTorch records it: one view node per basic index
    /// that changes the view (`SelectBackward0`, `SliceBackward0`, `UnsqueezeBackward0`), then
    /// `IndexBackward0` for tensor indices; `AliasBackward0` when nothing changes.
    func indexedRecording(_ indices: [TensorIndex]) throws(TensorError) -> Tensor {
        guard Tensor.recording(self) else { return try indexed(indices) }
        let (view, advanced) = try sliced(indices, recorded: true)
        if !advanced.isEmpty { return try view.advancedIndexedRecording(advanced) }
        return view === self ? recordAlias(try makeView(layout)) : view
    }

    /// `self[indices] = value`: a copy into the view, or PyTorch's `index_put_` with tensor indices.
    package func assignIndexed(_ indices: [TensorIndex], _ value: Tensor) throws(TensorError) {
        let (selection, advanced) = try sliced(indices)
        // Indices that select everything (`...`, `.all`) write into `self`, not a view, as in PyTorch.
        let view = selection.layout == layout ? self : selection
        guard advanced.isEmpty else { try view.advancedIndexPutRecording(advanced, value); return }
        // PyTorch's `copy_to`: the value loses its leading size-1 dims, then is expanded to the view.
        var source = value
        if source.layout.shape != view.layout.shape && source.dim > 0 {
            while source.dim > 0 && source.layout.shape[0] == 1 { source = source.squeeze(dim: 0) }
            source = try source.expanded(Array(view.layout.shape))
        }
        try view.copyIn(source)
    }

    /// Applies basic indices left to right, as PyTorch's `applySlicing` does; tensor indices are
    /// collected by the dim of the view they apply to (empty when there are none).
    /// With `recorded`, each step is a recorded view op, and in a subscript of several entries
    /// slices that keep the whole dim are skipped (as PyTorch skips them); `self` comes back
    /// when nothing changes.
    private func sliced(_ indices: [TensorIndex], recorded: Bool = false) throws(TensorError) -> (Tensor, [Tensor?]) {
        var consumed = 0
        for index in indices {
            switch index.kind {
            case .index, .slice: consumed += 1
            case .ellipsis: break
            case .newAxis: break
            case .tensor(let t): consumed += t.indexedDimCount
            }
        }
        guard consumed <= dim else {
            if dim == 0, indices.contains(where: { if case .index = $0.kind { true } else { false } }) {
                throw TensorError.index(
                    "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
            }
            throw TensorError.index("too many indices for tensor of dimension \(dim)")
        }
        var result = recorded ? self : try makeView(layout)
        var advanced: [Tensor?] = []
        // The dim of `result` the next index applies to. As in PyTorch, every ellipsis skips the
        // unindexed dims, so with more than one it can pass the end: the next index then fails.
        var d = 0
        for (position, index) in indices.enumerated() {
            switch index.kind {
            case .index(let i):
                let size = d < result.dim ? result.layout.shape[d] : 0
                guard i >= -size && i < size else {
                    // PyTorch names the index's position in the subscript (its `real_dim`).
                    throw TensorError.index("index \(i) is out of bounds for dimension \(position) with size \(size)")
                }
                result = recorded ? result.select(dim: d, index: i) : result.selected(d, i < 0 ? i + size : i)
            case .slice(let start, let end, let step):
                if d >= result.dim { _ = try normalizeDim(d, rank: result.dim) }
                let size = result.layout.shape[d]
                guard step != 0 else { throw TensorError.value("slice step cannot be zero") }
                guard step > 0 else { throw TensorError.value("step must be greater than zero") }
                let s = clampSliceBound(start ?? 0, size), e = clampSliceBound(end ?? size, size)
                if !recorded {
                    result = try result.slice(d, start: s, end: max(s, e), step: step)
                } else if s != 0 || e != size || step != 1 || indices.count == 1 {
                    result = try result.slicing(d, start: s, end: max(s, e), step: step)
                }
                d += 1
            case .ellipsis:
                d += dim - consumed
            case .newAxis:
                if d > result.dim { _ = try normalizeDim(d, rank: result.dim + 1) }
                if recorded {
                    result = result.unsqueeze(dim: d)
                    d += 1
                    continue
                }
                var shape = result.layout.shape, strides = result.layout.strides
                // unsqueeze's stride: size * stride of the dim after it (1 at the end).
                let stride = d >= shape.count ? 1 : shape[d] * strides[d]
                shape.insert(1, at: d)
                strides.insert(stride, at: d)
                result = try makeView(Layout(shape: shape, strides: strides, offset: result.layout.offset))
                d += 1
            case .tensor(let t):
                if t.indexedDimCount > 0 && d >= result.dim { _ = try normalizeDim(d, rank: result.dim) }
                try Tensor.applyTensorIndex(t, to: &result, dim: &d, advanced: &advanced, recorded: recorded)
            }
        }
        return (result, advanced)
    }

    private func clampSliceBound(_ bound: Int, _ size: Int) -> Int {
        let b = bound < 0 ? bound + size : bound
        return min(max(b, 0), size)
    }
}
