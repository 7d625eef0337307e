// The indexing, sorting and searching kernels on the GPU against the CPU backend: advanced
// indexing (with an out-of-range index, which must throw the same error), index_put with every
// reduction, count_nonzero, nonzero, masked_select, sort (in shared memory and in global
// scratch), kthvalue and searchsorted.

import EmberBackend
import EmberCPU
import EmberCUDA

// MARK: - Helpers

/// An int64 index of `values` on both backends, broadcast to `shape` through `strides`.
@MainActor func indexOperand(_ values: [Double], shape: Dims, strides: Dims, stride: Int, size: Int) -> (Pair, [IndexOperand]) {
    let p = pair(.int64, [values.count], values: values)
    let layout = Layout(shape: shape, strides: strides)
    return (p, [IndexOperand(indices: p.host.with(layout: layout), stride: stride, size: size),
                IndexOperand(indices: p.device.with(layout: layout), stride: stride, size: size)])
}

/// Both backends' results of an advanced-index `body` that may throw: a mismatch when one
/// throws and the other does not, or when they throw different errors.
@MainActor func sameFailure(_ what: String, _ body: (any Backend, Bool) throws(IndexOutOfRange) -> Void) -> Bool {
    var errors: [IndexOutOfRange?] = []
    for (backend, onDevice) in [(cpu as any Backend, false), (cuda as any Backend, true)] {
        do throws(IndexOutOfRange) { try body(backend, onDevice); errors.append(nil) } catch { errors.append(error) }
    }
    if errors[0] != errors[1] {
        failures += 1
        print("MISMATCH \(what): cpu \(String(describing: errors[0])), cuda \(String(describing: errors[1]))")
    }
    return errors[0] == nil
}

// MARK: - Checks

/// Runs every indexing and searching check.
@MainActor func checkIndexing() {
    for dtype in DType.allCases {
        let x = pair(dtype, [5, 4], values: samples(dtype, 20, seed: 15))
        // x[idx] with idx = [4, -1, 0, 2]: rows of x, the output [4, 4].
        let (rowIndex, rows) = indexOperand([4, -1, 0, 2], shape: [4, 4], strides: [1, 0], stride: 4, size: 5)
        let gathered = output(dtype, [4, 4])
        let restrided = Layout(shape: [4, 4], strides: [0, 1])
        if sameFailure("index \(dtype)", { backend, onDevice throws(IndexOutOfRange) in
            try backend.index((onDevice ? x.device : x.host).with(layout: restrided), [onDevice ? rows[1] : rows[0]],
                              into: onDevice ? gathered.device : gathered.host)
        }) { check("index \(dtype)", [gathered], tolerance: 0) }
        // x[i, j] with two indexes of shape [3], one out of range in the second position.
        let (iPair, i) = indexOperand([1, 4, -5], shape: [3], strides: [1], stride: 4, size: 5)
        for jValues in [[0.0, 3, -4], [0, 4, 9]] {
            let (jPair, j) = indexOperand(jValues, shape: [3], strides: [1], stride: 1, size: 4)
            let picked = output(dtype, [3])
            if sameFailure("index \(dtype) two indexes \(jValues)", { backend, onDevice throws(IndexOutOfRange) in
                try backend.index((onDevice ? x.device : x.host).with(layout: Layout(shape: [3], strides: [0])),
                                  onDevice ? [i[1], j[1]] : [i[0], j[0]], into: onDevice ? picked.device : picked.host)
            }) { check("index \(dtype) two indexes", [picked], tolerance: 0) }
            _ = jPair
        }
        // index_put along rows: unique rows for a plain store, repeated ones for the reductions.
        let source = pair(dtype, [4, 4], values: samples(dtype, 16, seed: 16))
        for reduce in KernelSources.indexReductions {
            let target = pair(dtype, [5, 4], values: samples(dtype, 20, seed: 17))
            let (putPair, put) = indexOperand(reduce == .none ? [3, 0, -1, 1] : [3, 1, 3, 3], shape: [4, 4],
                                              strides: [1, 0], stride: 4, size: 5)
            for scalar in [false, true] {
                _ = sameFailure("index_put \(reduce) \(dtype)", { backend, onDevice throws(IndexOutOfRange) in
                    let values: BinaryOperand = scalar ? .scalar(.float(1.5)) : .buffer(onDevice ? source.device : source.host)
                    try backend.indexPut(values, [onDevice ? put[1] : put[0]],
                                         into: (onDevice ? target.device : target.host).with(layout: restrided), reduce: reduce)
                })
                check("index_put \(reduce) \(dtype) scalar \(scalar)", [target],
                      tolerance: dtype == .float32 ? 1e-5 : dtype == .float64 ? 1e-12 : 0)
            }
            _ = putPair
        }
        let (badPair, bad) = indexOperand([0, 1, 5, -6], shape: [4, 4], strides: [1, 0], stride: 4, size: 5)
        let untouched = pair(dtype, [5, 4], values: samples(dtype, 20, seed: 18))
        _ = sameFailure("index_put out of range \(dtype)", { backend, onDevice throws(IndexOutOfRange) in
            try backend.indexPut(.buffer(onDevice ? source.device : source.host), [onDevice ? bad[1] : bad[0]],
                                 into: (onDevice ? untouched.device : untouched.host).with(layout: restrided), reduce: .add)
        })
        check("index_put out of range writes nothing \(dtype)", [untouched], tolerance: 0)
        _ = (rowIndex, iPair, badPair)

        // count_nonzero, nonzero and masked_select over a transposed input (with NaN, -0.0 and
        // infinities) and a broadcast mask.
        let input = pair(dtype, shape, values: samples(dtype, 33 * 17, seed: 0), transposed: true)  // NaN, ±0, ±inf
        let count = cpu.countNonzero(input.host), counted = cuda.countNonzero(input.device)
        if count != counted { failures += 1; print("MISMATCH count_nonzero \(dtype): cpu \(count), cuda \(counted)") }
        let positions = output(.int64, [count, 2])
        cpu.nonzero(input.host, into: positions.host)
        cuda.nonzero(input.device, into: positions.device)
        check("nonzero \(dtype)", [positions], tolerance: 0)
        let maskRow = pair(.bool, [17], values: samples(.bool, 17, seed: 20))
        let mask = StridedBuffer(base: maskRow.host.base, layout: Layout(shape: Dims(shape), strides: [0, 1]), dtype: .bool)
        let deviceMask = maskRow.device.with(layout: mask.layout)
        let selected = output(dtype, [cpu.countNonzero(mask)])
        cpu.maskedSelect(input.host, mask: mask, into: selected.host)
        cuda.maskedSelect(input.device, mask: deviceMask, into: selected.device)
        check("masked_select \(dtype)", [selected], tolerance: 0)

        // sort: ascending and descending, full and the first 5 (as topk), short slices sorted in
        // shared memory and slices of 3,000 in global scratch; kthvalue along both dims.
        for descending in [false, true] {
            for dim in 0..<2 {
                for kept in [shape[dim], 5] {
                    var kShape = shape
                    kShape[dim] = kept
                    let sortedValues = output(dtype, kShape), sortedAt = output(.int64, kShape)
                    cpu.sort(input.host, dim: dim, descending: descending, values: sortedValues.host, indices: sortedAt.host)
                    cuda.sort(input.device, dim: dim, descending: descending, values: sortedValues.device,
                              indices: sortedAt.device)
                    check("sort \(dtype) dim \(dim) descending \(descending) kept \(kept)", [sortedValues, sortedAt], tolerance: 0)
                }
            }
            let long = pair(dtype, [2, 3000], values: samples(dtype, 6000, seed: 23))
            let longValues = output(dtype, [2, 3000]), longAt = output(.int64, [2, 3000])
            cpu.sort(long.host, dim: 1, descending: descending, values: longValues.host, indices: longAt.host)
            cuda.sort(long.device, dim: 1, descending: descending, values: longValues.device, indices: longAt.device)
            check("sort long slices \(dtype) descending \(descending)", [longValues, longAt], tolerance: 0)
        }
        for (dim, k) in [(0, 0), (0, 10), (0, 32), (1, 5), (1, 16)] {
            var reduced = shape
            reduced[dim] = 1
            let kth = output(dtype, reduced), kthAt = output(.int64, reduced)
            cpu.kthvalue(input.host, dim: dim, k: k, values: kth.host, indices: kthAt.host)
            cuda.kthvalue(input.device, dim: dim, k: k, values: kth.device, indices: kthAt.device)
            check("kthvalue \(dtype) dim \(dim) k \(k)", [kth, kthAt], tolerance: 0)
        }

        // searchsorted: shared sorted boundaries, the same reversed through a sorter, and 2-D rows.
        guard dtype != .bool else { continue }
        let sorted = samples(dtype, 10, seed: 21).sorted()
        let boundaries = pair(dtype, [10], values: sorted)
        let reversed = pair(dtype, [10], values: sorted.reversed()), sorter = pair(.int64, [10], values: (0..<10).map { Double(9 - $0) })
        let rowsOfBoundaries = pair(dtype, [33, 6], values: (0..<33).flatMap { r in samples(dtype, 6, seed: 22 + r).sorted() })
        for right in [false, true] {
            for target in [DType.int64, .int32] {
                let found = output(target, shape)
                cpu.searchsorted(boundaries.host, input.host, sorter: nil, right: right, into: found.host)
                cuda.searchsorted(boundaries.device, input.device, sorter: nil, right: right, into: found.device)
                check("searchsorted \(dtype) right \(right) to \(target)", [found], tolerance: 0)
                cpu.searchsorted(reversed.host, input.host, sorter: sorter.host, right: right, into: found.host)
                cuda.searchsorted(reversed.device, input.device, sorter: sorter.device, right: right, into: found.device)
                check("searchsorted \(dtype) sorter right \(right) to \(target)", [found], tolerance: 0)
                cpu.searchsorted(rowsOfBoundaries.host, input.host, sorter: nil, right: right, into: found.host)
                cuda.searchsorted(rowsOfBoundaries.device, input.device, sorter: nil, right: right, into: found.device)
                check("searchsorted rows \(dtype) right \(right) to \(target)", [found], tolerance: 0)
            }
        }
    }
}
