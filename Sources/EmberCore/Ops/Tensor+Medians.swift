import EmberBackend

// MARK: - median, nanmedian, mode

extension Tensor {
    /// The median of all elements: the lower of the two middle values for an even count, NaN
    /// if any element is NaN (PyTorch's `torch.median(input)`). An empty tensor gives NaN (the
    /// smallest value for an integer dtype, as PyTorch's CPU kernel). The gradient is shared
    /// evenly among the elements equal to the result (`MedianBackward0`).
    public func median() -> Tensor {
        attempt { try wholeMedian(ignoreNan: false) }
    }

    /// The median of the elements that are not NaN, the lower middle value for an even count;
    /// NaN if all are (PyTorch's `torch.nanmedian(input)`, node `NanmedianBackward0`).
    public func nanmedian() -> Tensor {
        attempt { try wholeMedian(ignoreNan: true) }
    }

    /// The medians along `dim` (the lower middle value for an even count) and their int64
    /// positions (PyTorch's `torch.median(input, dim, keepdim=False)`). A slice holding NaN
    /// gives NaN and the position of its first NaN; among equal values the position is the one
    /// PyTorch's CPU kernel gives (the middle one in index order).
    public func median(dim: Int, keepdim: Bool = false) -> (values: Tensor, indices: Tensor) {
        attempt { try medianAlong(dim: dim, keepdim: keepdim, ignoreNan: false) }.tuple
    }

    /// The medians along `dim` of the elements that are not NaN, and their int64 positions
    /// (PyTorch's `torch.nanmedian(input, dim, keepdim=False)`). A slice of NaN only gives NaN at
    /// the position PyTorch's CPU kernel (libstdc++'s `nth_element`) reports.
    public func nanmedian(dim: Int, keepdim: Bool = false) -> (values: Tensor, indices: Tensor) {
        attempt { try medianAlong(dim: dim, keepdim: keepdim, ignoreNan: true) }.tuple
    }

    /// The most frequent value along `dim` (the smallest of the most frequent ones) and an
    /// int64 position where it occurs (PyTorch's `torch.mode(input, dim=-1, keepdim=False)`).
    /// The position is the one PyTorch's CPU kernel reports: the last of the value's run after
    /// libstdc++'s (unstable) `std::sort`, which Ember reproduces; each NaN counts as distinct.
    public func mode(dim: Int = -1, keepdim: Bool = false) -> (values: Tensor, indices: Tensor) {
        attempt { try modeAlong(dim: dim, keepdim: keepdim) }.tuple
    }

    func wholeMedian(ignoreNan: Bool) throws(TensorError) -> Tensor {
        guard dtype != .bool else { throw TensorError.notImplemented("\"median_cpu\" not implemented for 'Bool'") }
        let flat = detach().reshape([-1])
        let value: Tensor
        if numel == 0 {
            // PyTorch fills a NaN and converts it (an int64 result is its smallest value).
            value = dtype == .int64 ? Tensor.full([], .int(Int64.min), dtype: dtype, device: device)
                : Tensor.full([], .float(.nan), dtype: .float64, device: device).to(dtype)
        } else {
            value = try flat.medianAlong(dim: 0, keepdim: false, ignoreNan: ignoreNan).values
        }
        if Tensor.recording(self) { recordMedian(value, ignoreNan: ignoreNan) }
        return value
    }

    func medianAlong(dim: Int, keepdim: Bool, ignoreNan: Bool) throws(TensorError) -> ReductionValuesAndIndices {
        let d = try normalizeDim(dim, rank: self.dim)
        guard dtype != .bool else { throw TensorError.notImplemented("\"median_out\" not implemented for 'Bool'") }
        let name = ignoreNan ? "nanmedian" : "median"
        try checkReductionNotEmpty(name, mask: .single(d), allDims: false)
        let source = self.dim == 0 ? detach().reshape([1]) : detach()
        let n = source.shape[d]
        var values: Tensor, indices: Tensor
        if source.numel == 0 {
            var kept = source.shape
            kept[d] = 1
            values = try Tensor.uninitialized(Dims(kept), dtype: dtype, device: device)
            indices = try Tensor.uninitialized(Dims(kept), dtype: .int64, device: device)
        } else {
            let sorted = source.sort(dim: d, stable: true)  // NaN last, equal values in index order
            let nans = dtype.isFloatingPoint ? source.isnan().sum(dim: d, keepdim: true)
                : Tensor.zeros(sorted.values.select(dim: d, index: 0).unsqueeze(dim: d).shape, dtype: .int64, device: device)
            let counted = nans * -1 + n  // the elements that are not NaN
            let position = ignoreNan
                ? Tensor.where(counted .> 0, (counted - 1).floorDivide(2), Int64(LibstdcxxAlgorithms.nthOfEquivalents(n)))
                : Tensor.where(nans .> 0, counted, Int64((n - 1) / 2))
            values = sorted.values.gather(dim: d, index: position)
            indices = sorted.indices.gather(dim: d, index: position)
        }
        if self.dim == 0 {
            values = values.reshape([])
            indices = indices.reshape([])
        } else if !keepdim {
            values = values.squeeze(dim: d)
            indices = indices.squeeze(dim: d)
        }
        values = values.detach()
        recordSelection(ignoreNan ? "NanmedianBackward1" : "MedianBackward1", values: values, indices: indices, dim: d,
                        keepdim: keepdim)
        return ReductionValuesAndIndices(values: values, indices: indices)
    }

    func modeAlong(dim: Int, keepdim: Bool) throws(TensorError) -> ReductionValuesAndIndices {
        let d = try normalizeDim(dim, rank: self.dim)
        try checkReductionNotEmpty("mode", mask: .single(d), allDims: false)
        let source = self.dim == 0 ? detach().reshape([1]) : detach()
        let n = source.shape[d]
        var kept = source.shape
        kept[d] = 1
        var indices: Tensor
        if source.numel == 0 {
            indices = try Tensor.uninitialized(Dims(kept), dtype: .int64, device: device)
        } else {
            // Each slice along `d` as a contiguous row.
            let rows = source.movedim(d, -1).contiguous()
            let positions: [Int64]
            if dtype.isFloatingPoint {
                positions = LibstdcxxAlgorithms.modePositions(try rows.scalarArray(as: Double.self), rowLength: n)
            } else {
                positions = LibstdcxxAlgorithms.modePositions(try rows.to(.int64).scalarArray(as: Int64.self), rowLength: n)
            }
            var rowShape = rows.shape
            rowShape[rowShape.count - 1] = 1
            indices = try Tensor.fromLeaves(positions, shape: Dims(rowShape), dtype: .int64, device: device, requiresGrad: false)
                .movedim(-1, d).contiguous()
        }
        var values = source.gather(dim: d, index: indices)
        if self.dim == 0 {
            values = values.reshape([])
            indices = indices.reshape([])
        } else if !keepdim {
            values = values.squeeze(dim: d)
            indices = indices.squeeze(dim: d)
        }
        values = values.detach()
        recordSelection("ModeBackward0", values: values, indices: indices, dim: d, keepdim: keepdim)
        return ReductionValuesAndIndices(values: values, indices: indices)
    }
}

// MARK: - libstdc++'s selection and sort

/// PyTorch's CPU kernels for `nanmedian(dim:)` and `mode` use libstdc++'s `std::nth_element`
/// and `std::sort`, whose results among equivalent elements depend on their exact steps; these
/// are those steps (introselect and introsort: median-of-three pivot, unguarded partition,
/// insertion sort below 16 elements), so Ember reports the same positions.
enum LibstdcxxAlgorithms {
    /// The position `std::nth_element(first, first, last)` leaves first among `n` elements that
    /// are all equivalent (PyTorch's `nanmedian` of a slice of NaN only).
    static func nthOfEquivalents(_ n: Int) -> Int {
        var order = Array(0..<n)
        nthElement(&order, 0) { _, _ in false }
        return order[0]
    }

    /// For each row of `rowLength` values, the position PyTorch's CPU `mode` reports: the
    /// elements sorted by value with `std::sort`, the last element of the first longest run.
    static func modePositions<T: Comparable>(_ values: [T], rowLength n: Int) -> [Int64] {
        var result = [Int64]()
        result.reserveCapacity(values.count / Swift.max(n, 1))
        var row = [(value: T, index: Int)]()
        for start in stride(from: 0, to: values.count, by: n) {
            row.removeAll(keepingCapacity: true)
            for k in 0..<n { row.append((values[start + k], k)) }
            sort(&row) { $0.value < $1.value }
            var best = 0, bestCount = 0, count = 0
            for i in 0..<n {
                count += 1
                if i == n - 1 || row[i].value != row[i + 1].value {
                    if count > bestCount {
                        best = row[i].index
                        bestCount = count
                    }
                    count = 0
                }
            }
            result.append(Int64(best))
        }
        return result
    }

    /// libstdc++'s `std::sort`: introsort down to runs of 16, then insertion sort.
    static func sort<T>(_ a: inout [T], by less: (T, T) -> Bool) {
        let n = a.count
        guard n > 1 else { return }
        introsort(&a, 0, n, 2 * floorLog2(n), less)
        if n > 16 {
            insertionSort(&a, 0, 16, less)
            for i in 16..<n { linearInsert(&a, i, less) }
        } else {
            insertionSort(&a, 0, n, less)
        }
    }

    /// libstdc++'s `std::nth_element` (introselect). Where its depth limit would switch to a
    /// heap selection this keeps partitioning, which only an adversarial order reaches.
    static func nthElement<T>(_ a: inout [T], _ nth: Int, by less: (T, T) -> Bool) {
        var first = 0, last = a.count
        guard nth < last else { return }
        while last - first > 3 {
            let cut = partitionAroundPivot(&a, first, last, less)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(&a, first, last, less)
    }

    private static func floorLog2(_ n: Int) -> Int { Int.bitWidth - 1 - n.leadingZeroBitCount }

    private static func introsort<T>(_ a: inout [T], _ first: Int, _ last: Int, _ depth: Int, _ less: (T, T) -> Bool) {
        var last = last, depth = depth
        while last - first > 16 {
            if depth == 0 {
                // libstdc++ heap-sorts here; a stable sort keeps the result sorted.
                let sorted = a[first..<last].enumerated().sorted { less($0.element, $1.element) || (!less($1.element, $0.element) && $0.offset < $1.offset) }
                a.replaceSubrange(first..<last, with: sorted.map(\.element))
                return
            }
            depth -= 1
            let cut = partitionAroundPivot(&a, first, last, less)
            introsort(&a, cut, last, depth, less)
            last = cut
        }
    }

    private static func partitionAroundPivot<T>(_ a: inout [T], _ first: Int, _ last: Int, _ less: (T, T) -> Bool) -> Int {
        let mid = first + (last - first) / 2
        moveMedianToFirst(&a, first, first + 1, mid, last - 1, less)
        var lo = first + 1, hi = last
        while true {
            while lo < last && less(a[lo], a[first]) { lo += 1 }
            hi -= 1
            while hi > first && less(a[first], a[hi]) { hi -= 1 }
            if !(lo < hi) { return lo }
            a.swapAt(lo, hi)
            lo += 1
        }
    }

    private static func moveMedianToFirst<T>(_ a: inout [T], _ result: Int, _ x: Int, _ y: Int, _ z: Int,
                                             _ less: (T, T) -> Bool) {
        if less(a[x], a[y]) {
            if less(a[y], a[z]) { a.swapAt(result, y) } else if less(a[x], a[z]) { a.swapAt(result, z) } else { a.swapAt(result, x) }
        } else if less(a[x], a[z]) {
            a.swapAt(result, x)
        } else if less(a[y], a[z]) {
            a.swapAt(result, z)
        } else {
            a.swapAt(result, y)
        }
    }

    private static func insertionSort<T>(_ a: inout [T], _ first: Int, _ last: Int, _ less: (T, T) -> Bool) {
        guard first < last else { return }
        for i in (first + 1)..<last {
            if less(a[i], a[first]) {
                let value = a[i]
                for k in stride(from: i, to: first, by: -1) { a[k] = a[k - 1] }
                a[first] = value
            } else {
                linearInsert(&a, i, less)
            }
        }
    }

    private static func linearInsert<T>(_ a: inout [T], _ i: Int, _ less: (T, T) -> Bool) {
        let value = a[i]
        var position = i
        while position > 0 && less(value, a[position - 1]) {
            a[position] = a[position - 1]
            position -= 1
        }
        a[position] = value
    }
}
