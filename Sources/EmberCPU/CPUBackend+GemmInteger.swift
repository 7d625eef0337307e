import EmberBackend

// MARK: - Integer matrix products

extension GemmKernels {
    /// Column and depth block sizes of the integer kernel (a 64 x 256 block of `b` is 128 KiB in int64).
    static let integerColumnBlock = 256
    static let integerDepthBlock = 64

    /// The integer product: per output row, `c[i, :] += (alpha * a[i, p]) * b[p, :]`, in blocks of
    /// `b` that stay in cache, with wrapping arithmetic. Rows are split across threads.
    static func integer<T: IntegerScalar>(_ p: GemmProblem, alpha: T, beta: T) {
        if p.k == 0 {
            scaleOutput(p, beta: beta, &*)
            return
        }
        let rows = p.batchCount * p.m
        let rowWork = max(p.n * p.k, 1)
        let grain = max(1, parallelWork / rowWork)
        Parallel.forRange(rows, grain: grain) { range in
            var row = range.lowerBound
            while row < range.upperBound {
                let batch = row / p.m, i0 = row % p.m
                let i1 = min(p.m, i0 + (range.upperBound - row))
                let (oa, ob, oc) = p.offsets(ofBatch: batch)
                integerBlock(p, alpha, beta, oa, ob, oc, i0..<i1)
                row += i1 - i0
            }
        }
    }

    /// Rows `rows` of one matrix of an integer product.
    static func integerBlock<T: IntegerScalar>(_ p: GemmProblem, _ alpha: T, _ beta: T, _ oa: Int, _ ob: Int,
                                               _ oc: Int, _ rows: Range<Int>) {
        let a = p.a.assumingMemoryBound(to: T.self) + oa
        let b = p.b.assumingMemoryBound(to: T.self) + ob
        let c = p.c.assumingMemoryBound(to: T.self) + oc
        let sa = p.sa, sb = p.sb, sc = p.sc
        for i in rows {
            let ci = c + i * sc.rows
            for j in 0..<p.n { ci[j * sc.cols] = beta == 0 ? 0 : beta &* ci[j * sc.cols] }
        }
        var j0 = 0
        while j0 < p.n {
            let j1 = min(p.n, j0 + integerColumnBlock)
            var p0 = 0
            while p0 < p.k {
                let p1 = min(p.k, p0 + integerDepthBlock)
                for i in rows {
                    let ai = a + i * sa.rows
                    let ci = c + i * sc.rows
                    for q in p0..<p1 {
                        let x = alpha &* ai[q * sa.cols]
                        if x == 0 { continue }
                        let bq = b + q * sb.rows
                        if sb.cols == 1 && sc.cols == 1 {
                            for j in j0..<j1 { ci[j] &+= x &* bq[j] }
                        } else {
                            for j in j0..<j1 { ci[j * sc.cols] &+= x &* bq[j * sb.cols] }
                        }
                    }
                }
                p0 = p1
            }
            j0 = j1
        }
    }
}
