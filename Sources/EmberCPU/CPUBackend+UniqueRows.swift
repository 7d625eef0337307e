// MARK: - Unique rows (the kernel of unique(dim:))

import EmberBackend
extension CPUBackend {
    @usableFromInline package func uniqueRows(_ input: StridedBuffer, order: StridedBuffer, groups: StridedBuffer) -> Int {
        let n = input.layout.shape[0]
        if n == 0 { return 0 }
        let m = input.layout.shape[1]
        let po = order.pointer(as: Int64.self), pg = groups.pointer(as: Int64.self)
        switch input.dtype {
        case .float32: return UniqueRowsKernel.run(input.pointer(as: Float.self), n, m, po, pg)
        case .float64: return UniqueRowsKernel.run(input.pointer(as: Double.self), n, m, po, pg)
        case .int32: return UniqueRowsKernel.run(input.pointer(as: Int32.self), n, m, po, pg)
        case .int64: return UniqueRowsKernel.run(input.pointer(as: Int64.self), n, m, po, pg)
        // A bool is stored as one byte, 0 or 1, which orders as false < true.
        case .bool: return UniqueRowsKernel.run(UnsafeMutableRawPointer(input.start).assumingMemoryBound(to: UInt8.self), n, m, po, pg)
        }
    }
}

/// PyTorch's `_unique_dim_cpu_template`: the row indices are sorted with `std::sort` under a
/// lexicographic `<` (which a NaN makes no strict weak order), then runs of rows equal (`==`,
/// so a row with a NaN equals no other) to the run's first row are collapsed.
///
/// The sort reproduces libstdc++'s `std::sort` step by step (introsort with a median-of-three
/// pivot, heapsort past the depth limit, then insertion sort), so rows that compare neither less
/// nor greater, and NaN rows in particular, come out in the order PyTorch gives them.
enum UniqueRowsKernel {
    static func run<T: Comparable>(_ p: UnsafeMutablePointer<T>, _ n: Int, _ m: Int,
                                   _ order: UnsafeMutablePointer<Int64>, _ groups: UnsafeMutablePointer<Int64>) -> Int {
        var rows = (0..<n).map { $0 }
        func less(_ a: Int, _ b: Int) -> Bool {
            let x = p + a * m, y = p + b * m
            for i in 0..<m {
                if x[i] < y[i] { return true }
                if x[i] > y[i] { return false }
            }
            return false
        }
        rows.withUnsafeMutableBufferPointer { libstdcxxSort($0, less) }
        func equal(_ a: Int, _ b: Int) -> Bool {
            let x = p + a * m, y = p + b * m
            for i in 0..<m where !(x[i] == y[i]) { return false }
            return true
        }
        var group = 0, first = rows[0]
        for (i, row) in rows.enumerated() {
            if i > 0 && !equal(row, first) {
                group += 1
                first = row
            }
            order[i] = Int64(row)
            groups[i] = Int64(group)
        }
        return group + 1
    }

    /// libstdc++'s `std::sort(first, last, comp)`.
    static func libstdcxxSort(_ a: UnsafeMutableBufferPointer<Int>, _ less: (Int, Int) -> Bool) {
        let n = a.count
        if n < 2 { return }
        var depth = 0
        while (1 << (depth + 1)) <= n { depth += 1 }  // floor(log2(n))
        introsortLoop(a, 0, n, 2 * depth, less)
        // __final_insertion_sort
        if n > 16 {
            insertionSort(a, 0, 16, less)
            for i in 16..<n { unguardedLinearInsert(a, i, less) }
        } else {
            insertionSort(a, 0, n, less)
        }
    }

    private static func introsortLoop(_ a: UnsafeMutableBufferPointer<Int>, _ first: Int, _ last: Int, _ depth: Int,
                                      _ less: (Int, Int) -> Bool) {
        var last = last, depth = depth
        while last - first > 16 {
            if depth == 0 {
                heapSort(a, first, last, less)
                return
            }
            depth -= 1
            // __unguarded_partition_pivot: median of (first + 1, mid, last - 1) moved to first.
            let mid = first + (last - first) / 2
            moveMedianToFirst(a, first, first + 1, mid, last - 1, less)
            let cut = unguardedPartition(a, first + 1, last, pivot: first, less)
            introsortLoop(a, cut, last, depth, less)
            last = cut
        }
    }

    private static func moveMedianToFirst(_ a: UnsafeMutableBufferPointer<Int>, _ result: Int, _ x: Int, _ y: Int, _ z: Int,
                                          _ less: (Int, Int) -> Bool) {
        let pick: Int
        if less(a[x], a[y]) {
            pick = less(a[y], a[z]) ? y : less(a[x], a[z]) ? z : x
        } else {
            pick = less(a[x], a[z]) ? x : less(a[y], a[z]) ? z : y
        }
        a.swapAt(result, pick)
    }

    /// `__unguarded_partition`; the scans are bounded here (libstdc++ relies on the pivot as a
    /// sentinel, which an inconsistent comparison could run past).
    private static func unguardedPartition(_ a: UnsafeMutableBufferPointer<Int>, _ first: Int, _ last: Int, pivot: Int,
                                           _ less: (Int, Int) -> Bool) -> Int {
        var first = first, last = last
        let lower = pivot, upper = last
        while true {
            while first < upper - 1 && less(a[first], a[pivot]) { first += 1 }
            last -= 1
            while last > lower && less(a[pivot], a[last]) { last -= 1 }
            if !(first < last) { return first }
            a.swapAt(first, last)
            first += 1
        }
    }

    private static func insertionSort(_ a: UnsafeMutableBufferPointer<Int>, _ first: Int, _ last: Int,
                                      _ less: (Int, Int) -> Bool) {
        if first == last { return }
        for i in (first + 1)..<last {
            if less(a[i], a[first]) {
                let value = a[i]
                var j = i
                while j > first {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[first] = value
            } else {
                unguardedLinearInsert(a, i, less)
            }
        }
    }

    /// `__unguarded_linear_insert`, bounded at 0.
    private static func unguardedLinearInsert(_ a: UnsafeMutableBufferPointer<Int>, _ position: Int,
                                              _ less: (Int, Int) -> Bool) {
        let value = a[position]
        var last = position
        while last > 0 && less(value, a[last - 1]) {
            a[last] = a[last - 1]
            last -= 1
        }
        a[last] = value
    }

    /// `std::__partial_sort(first, last, last)`: `make_heap`, then `sort_heap`.
    private static func heapSort(_ a: UnsafeMutableBufferPointer<Int>, _ first: Int, _ last: Int,
                                 _ less: (Int, Int) -> Bool) {
        let len = last - first
        if len < 2 { return }
        var parent = (len - 2) / 2
        while true {
            adjustHeap(a, first, parent, len, a[first + parent], less)
            if parent == 0 { break }
            parent -= 1
        }
        var end = last
        while end - first > 1 {
            end -= 1
            let value = a[end]
            a[end] = a[first]
            adjustHeap(a, first, 0, end - first, value, less)
        }
    }

    /// `std::__adjust_heap` (with its `__push_heap`).
    private static func adjustHeap(_ a: UnsafeMutableBufferPointer<Int>, _ first: Int, _ hole: Int, _ len: Int, _ value: Int,
                                   _ less: (Int, Int) -> Bool) {
        let top = hole
        var hole = hole, child = hole
        while child < (len - 1) / 2 {
            child = 2 * (child + 1)
            if less(a[first + child], a[first + child - 1]) { child -= 1 }
            a[first + hole] = a[first + child]
            hole = child
        }
        if len & 1 == 0 && child == (len - 2) / 2 {
            child = 2 * (child + 1)
            a[first + hole] = a[first + child - 1]
            hole = child - 1
        }
        var parent = (hole - 1) / 2
        while hole > top && less(a[first + parent], value) {
            a[first + hole] = a[first + parent]
            hole = parent
            parent = (hole - 1) / 2
        }
        a[first + hole] = value
    }
}
