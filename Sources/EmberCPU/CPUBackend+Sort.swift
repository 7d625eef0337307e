// MARK: - Sorting family

import EmberBackend
extension CPUBackend {
    @usableFromInline package func sort(_ input: StridedBuffer, dim: Int, descending: Bool, values: StridedBuffer, indices: StridedBuffer) {
        if values.layout.count == 0 || input.layout.count == 0 { return }
        // A 0-dim tensor sorts as a 1-element vector.
        let input = input.atLeast1D, values = values.atLeast1D, indices = indices.atLeast1D
        switch input.dtype {
        case .float32: SortKernels.sort(Float.self, input, dim, descending, values, indices)
        case .float64: SortKernels.sort(Double.self, input, dim, descending, values, indices)
        case .int32: SortKernels.sort(Int32.self, input, dim, descending, values, indices)
        case .int64: SortKernels.sort(Int64.self, input, dim, descending, values, indices)
        case .bool: SortKernels.sort(Bool.self, input, dim, descending, values, indices)
        }
    }

    @usableFromInline package func kthvalue(_ input: StridedBuffer, dim: Int, k: Int, values: StridedBuffer, indices: StridedBuffer) {
        if values.layout.count == 0 { return }
        let input = input.atLeast1D, values = values.atLeast1D, indices = indices.atLeast1D
        switch input.dtype {
        case .float32: SortKernels.kthvalue(Float.self, input, dim, k, values, indices)
        case .float64: SortKernels.kthvalue(Double.self, input, dim, k, values, indices)
        case .int32: SortKernels.kthvalue(Int32.self, input, dim, k, values, indices)
        case .int64: SortKernels.kthvalue(Int64.self, input, dim, k, values, indices)
        case .bool: SortKernels.kthvalue(Bool.self, input, dim, k, values, indices)
        }
    }

    @usableFromInline package func searchsorted(_ boundaries: StridedBuffer, _ values: StridedBuffer, sorter: StridedBuffer?,
                             right: Bool, into output: StridedBuffer) {
        if output.layout.count == 0 { return }
        switch values.dtype {
        case .float32: SortKernels.searchsorted(Float.self, boundaries, values, sorter, right, output)
        case .float64: SortKernels.searchsorted(Double.self, boundaries, values, sorter, right, output)
        case .int32: SortKernels.searchsorted(Int32.self, boundaries, values, sorter, right, output)
        case .int64: SortKernels.searchsorted(Int64.self, boundaries, values, sorter, right, output)
        case .bool: fatalError("Ember internal error: searchsorted on bool")
        }
    }

    @usableFromInline package func uniqueConsecutive(_ input: StridedBuffer, values: StridedBuffer, groups: StridedBuffer?,
                                  counts: StridedBuffer?) -> Int {
        if input.layout.count == 0 { return 0 }
        return input.dtype.dispatch(UniqueConsecutiveVisitor(input: input, values: values, groups: groups, counts: counts))
    }
}

extension StridedBuffer {
    /// A 0-dim buffer seen as a 1-element vector; others unchanged.
    fileprivate var atLeast1D: StridedBuffer {
        layout.rank > 0 ? self : with(layout: Layout(shape: [1], strides: [1], offset: layout.offset))
    }
}

@usableFromInline
enum SortKernels {
    /// Sorts every slice along `dim` (stable: equal elements keep their order) and writes the
    /// first `values.shape[dim]` entries. Each element becomes an unsigned key whose order is the
    /// sort order (NaN largest, -0.0 equal to 0.0; complemented when descending), and the keys
    /// are sorted with a stable LSD radix sort (insertion sort for short slices).
    static func sort<T: RadixSortable>(_: T.Type, _ input: StridedBuffer, _ dim: Int, _ descending: Bool,
                                       _ values: StridedBuffer, _ indices: StridedBuffer) {
        let n = input.layout.shape[dim], k = values.layout.shape[dim]
        var outer = input.layout.shape, si = input.layout.strides, sv = values.layout.strides, sx = indices.layout.strides
        outer.remove(at: dim)
        si.remove(at: dim)
        sv.remove(at: dim)
        sx.remove(at: dim)
        let walk = StridedWalk(shape: outer, strides: [si, sv, sx])
        let di = input.layout.strides[dim], dv = values.layout.strides[dim], dx = indices.layout.strides[dim]
        let ii = walk.innerStride(0), iv = walk.innerStride(1), ix = walk.innerStride(2)
        let box = UnsafeSendableBox((input.pointer(as: T.self), values.pointer(as: T.self), indices.pointer(as: Int64.self)))
        walk.forEachRowParallel(grain: max(1, 32_768 / max(n, 1))) { offsets, count in
            let (pi, pv, px) = box.value
            var sorter = RadixSorter<T.SortKey>(capacity: n)
            for slice in 0..<count {
                let src = pi + offsets[0] + slice * ii
                sorter.sort(n) { j in
                    let key = T.sortKey(src[j * di])
                    return descending ? ~key : key
                }
                let v = pv + offsets[1] + slice * iv, x = px + offsets[2] + slice * ix
                sorter.withOrder { order in
                    for j in 0..<k {
                        let p = Int(order[j])
                        v[j * dv] = src[p * di]
                        x[j * dx] = Int64(p)
                    }
                }
            }
        }
    }

    /// The `k`-th smallest element of every slice along `dim` and its position, by PyTorch's
    /// `quick_select_template` (SortingUtils.h), step for step, so that among equal values the
    /// same position is returned: a median-of-three quickselect over the slice's sort keys (NaN
    /// largest, as PyTorch's `gt_or_nan`), carrying the positions along.
    static func kthvalue<T: RadixSortable>(_: T.Type, _ input: StridedBuffer, _ dim: Int, _ k: Int,
                                           _ values: StridedBuffer, _ indices: StridedBuffer) {
        let n = input.layout.shape[dim]
        var outer = input.layout.shape, si = input.layout.strides, sv = values.layout.strides, sx = indices.layout.strides
        outer.remove(at: dim)
        si.remove(at: dim)
        sv.remove(at: dim)
        sx.remove(at: dim)
        let walk = StridedWalk(shape: outer, strides: [si, sv, sx])
        let di = input.layout.strides[dim]
        let ii = walk.innerStride(0), iv = walk.innerStride(1), ix = walk.innerStride(2)
        let box = UnsafeSendableBox((input.pointer(as: T.self), values.pointer(as: T.self), indices.pointer(as: Int64.self)))
        walk.forEachRowParallel(grain: max(1, 32_768 / max(n, 1))) { offsets, count in
            let (pi, pv, px) = box.value
            var keys = [T.SortKey](repeating: 0, count: n), positions = [Int](repeating: 0, count: n)
            for slice in 0..<count {
                let src = pi + offsets[0] + slice * ii
                for j in 0..<n {
                    keys[j] = T.sortKey(src[j * di])
                    positions[j] = j
                }
                quickSelect(&keys, &positions, k)
                pv[offsets[1] + slice * iv] = src[positions[k] * di]
                px[offsets[2] + slice * ix] = Int64(positions[k])
            }
        }
    }

    /// PyTorch's `quick_select_template` on `keys` (with `positions` swapped alongside): afterwards
    /// `keys[k]` is the `k`-th smallest.
    static func quickSelect<Key: Comparable>(_ keys: inout [Key], _ positions: inout [Int], _ k: Int) {
        func swapAt(_ i: Int, _ j: Int) {
            keys.swapAt(i, j)
            positions.swapAt(i, j)
        }
        var low = 0, high = keys.count - 1
        while true {
            if high <= low { return }
            if high == low + 1 {
                if keys[low] > keys[high] { swapAt(low, high) }
                return
            }
            // Median of three for the pivot, which ends at `low`.
            swapAt(low + (high - low) / 2, low + 1)
            if keys[low + 1] > keys[high] { swapAt(low + 1, high) }
            if keys[low] > keys[high] { swapAt(low, high) }
            if keys[low + 1] > keys[low] { swapAt(low + 1, low) }
            var i = low + 1, j = high
            let pivot = keys[low]
            while true {
                repeat { i += 1 } while pivot > keys[i]
                repeat { j -= 1 } while keys[j] > pivot
                if j < i { break }
                swapAt(i, j)
            }
            swapAt(low, j)
            if j <= k { low = i }
            if j >= k { high = j - 1 }
        }
    }

    /// PyTorch's `cus_lower_bound` / `cus_upper_bound` for each value (NaN goes to the end).
    static func searchsorted<T: TensorScalar & Comparable>(
        _: T.Type, _ boundaries: StridedBuffer, _ values: StridedBuffer, _ sorter: StridedBuffer?,
        _ right: Bool, _ output: StridedBuffer
    ) {
        let shape = values.layout.shape
        let rank = shape.count
        let bRank = boundaries.layout.rank
        let n = boundaries.layout.shape[bRank - 1]
        // Where each value's boundary row starts: shared for 1-D boundaries, else the leading dims.
        var rowStrides = Dims(repeating: 0, count: rank)
        var sorterStrides = Dims(repeating: 0, count: rank)
        if bRank > 1 {
            for d in 0..<(rank - 1) {
                rowStrides[d] = boundaries.layout.strides[d]
                if let sorter { sorterStrides[d] = sorter.layout.strides[d] }
            }
        }
        let walk = StridedWalk(shape: shape, strides: [output.layout.strides, values.layout.strides, rowStrides, sorterStrides])
        let so = walk.innerStride(0), sv = walk.innerStride(1), sb = walk.innerStride(2), ss = walk.innerStride(3)
        let bStep = boundaries.layout.strides[bRank - 1]
        let sStep = sorter.map { $0.layout.strides[bRank - 1] } ?? 0
        let pb = boundaries.pointer(as: T.self), pv = values.pointer(as: T.self)
        let ps = sorter?.pointer(as: Int64.self)
        let outputIsInt32 = output.dtype == .int32
        let po32 = output.pointer(as: Int32.self), po64 = output.pointer(as: Int64.self)
        let box = UnsafeSendableBox((pb, pv, ps, po32, po64))
        walk.forEachRowParallel { offsets, count in
            let (pb, pv, ps, po32, po64) = box.value
            for i in 0..<count {
                let value = pv[offsets[1] + i * sv]
                let row = pb + offsets[2] + i * sb
                let sortRow = ps.map { $0 + offsets[3] + i * ss }
                var low = 0, high = n
                while low < high {
                    let mid = low + (high - low) >> 1
                    let position = sortRow.map { Int($0[mid * sStep]) } ?? mid
                    let m = row[position * bStep]
                    let goRight = right ? !(m > value) : !(m >= value)
                    if goRight { low = mid + 1 } else { high = mid }
                }
                let o = offsets[0] + i * so
                if outputIsInt32 { po32[o] = Int32(low) } else { po64[o] = Int64(low) }
            }
        }
    }
}

private struct UniqueConsecutiveVisitor: ScalarTypeVisitor {
    let input: StridedBuffer
    let values: StridedBuffer
    let groups: StridedBuffer?
    let counts: StridedBuffer?

    func visit<T: TensorScalar>(_ type: T.Type) -> Int {
        let n = input.layout.count
        let step = input.layout.strides[0]
        let pi = input.pointer(as: T.self), pv = values.pointer(as: T.self)
        let vStep = values.layout.strides[0]
        let pg = groups?.pointer(as: Int64.self), gStep = groups?.layout.strides[0] ?? 0
        let pc = counts?.pointer(as: Int64.self), cStep = counts?.layout.strides[0] ?? 0
        var runs = 0
        var runStart = 0
        var previous = pi[0]
        pv[0] = previous
        for j in 0..<n {
            let x = pi[j * step]
            if j > 0 && !(x == previous) {
                pc?[(runs) * cStep] = Int64(j - runStart)
                runs += 1
                runStart = j
                pv[runs * vStep] = x
            }
            previous = x
            pg?[j * gStep] = Int64(runs)
        }
        pc?[runs * cStep] = Int64(n - runStart)
        return runs + 1
    }
}

// MARK: - Radix sort

/// A value with an unsigned key whose integer order is PyTorch's sort order.
protocol RadixSortable: TensorScalar {
    associatedtype SortKey: FixedWidthInteger & UnsignedInteger
    static func sortKey(_ value: Self) -> SortKey
}

extension Float: RadixSortable {
    /// Sign-magnitude bits made monotonic; every NaN is the largest key, -0.0 is 0.0.
    @inline(__always) static func sortKey(_ value: Float) -> UInt32 {
        if value.isNaN { return .max }
        let bits = (value == 0 ? 0 : value).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }
}

extension Double: RadixSortable {
    @inline(__always) static func sortKey(_ value: Double) -> UInt64 {
        if value.isNaN { return .max }
        let bits = (value == 0 ? 0 : value).bitPattern
        return bits & 0x8000_0000_0000_0000 != 0 ? ~bits : bits | 0x8000_0000_0000_0000
    }
}

extension Int32: RadixSortable {
    @inline(__always) static func sortKey(_ value: Int32) -> UInt32 { UInt32(bitPattern: value) ^ 0x8000_0000 }
}

extension Int64: RadixSortable {
    @inline(__always) static func sortKey(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) ^ 0x8000_0000_0000_0000 }
}

extension Bool: RadixSortable {
    @inline(__always) static func sortKey(_ value: Bool) -> UInt8 { value ? 1 : 0 }
}

/// Stable sort of `(key, position)` pairs: LSD radix sort on bytes, skipping bytes that are the
/// same for every key; insertion sort for short inputs. Buffers are reused across calls.
struct RadixSorter<Key: FixedWidthInteger & UnsignedInteger> {
    private var keys: [Key]
    private var order: [UInt32]
    private var spareKeys: [Key]
    private var spareOrder: [UInt32]
    private var count = 0

    init(capacity: Int) {
        keys = [Key](repeating: 0, count: capacity)
        order = [UInt32](repeating: 0, count: capacity)
        spareKeys = keys
        spareOrder = order
    }

    /// Sorts positions `0..<n` by `key(position)`.
    mutating func sort(_ n: Int, key: (Int) -> Key) {
        count = n
        keys.withUnsafeMutableBufferPointer { keys in
            order.withUnsafeMutableBufferPointer { order in
                for j in 0..<n {
                    keys[j] = key(j)
                    order[j] = UInt32(truncatingIfNeeded: j)
                }
                if n <= 32 {
                    for j in 1..<max(n, 1) {
                        let k = keys[j], o = order[j]
                        var i = j
                        while i > 0 && keys[i - 1] > k {
                            keys[i] = keys[i - 1]
                            order[i] = order[i - 1]
                            i -= 1
                        }
                        keys[i] = k
                        order[i] = o
                    }
                }
            }
        }
        if n <= 32 { return }
        var inSpare = false
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { histogram in
            for shift in stride(from: 0, to: Key.bitWidth, by: 8) {
                let moved = keys.withUnsafeMutableBufferPointer { k0 in
                    spareKeys.withUnsafeMutableBufferPointer { k1 in
                        order.withUnsafeMutableBufferPointer { o0 in
                            spareOrder.withUnsafeMutableBufferPointer { o1 in
                                let (srcK, srcO, dstK, dstO) = inSpare ? (k1, o1, k0, o0) : (k0, o0, k1, o1)
                                histogram.initialize(repeating: 0)
                                for j in 0..<n { histogram[Int(truncatingIfNeeded: srcK[j] >> shift) & 255] += 1 }
                                // A byte that every key shares orders nothing.
                                if histogram[Int(truncatingIfNeeded: srcK[0] >> shift) & 255] == n { return false }
                                var total = 0
                                for b in 0..<256 {
                                    let c = histogram[b]
                                    histogram[b] = total
                                    total += c
                                }
                                for j in 0..<n {
                                    let b = Int(truncatingIfNeeded: srcK[j] >> shift) & 255
                                    let at = histogram[b]
                                    histogram[b] = at + 1
                                    dstK[at] = srcK[j]
                                    dstO[at] = srcO[j]
                                }
                                return true
                            }
                        }
                    }
                }
                if moved { inSpare.toggle() }
            }
        }
        if inSpare {
            swap(&keys, &spareKeys)
            swap(&order, &spareOrder)
        }
    }

    /// The sorted positions.
    func withOrder<R>(_ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        order.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[0..<count])) }
    }
}
