import EmberBackend
import CEmberSIMD
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Sums

/// Floating sum or mean: SIMD lanes within blocks of 2048 elements, block sums added in double,
/// so that float32 sums are accurate (2^24 ones sum to 16777216 exactly).
struct FloatSum<T: FloatingScalar & SIMDScalar>: Reducer {
    let mean: Bool
    var identity: Double { 0 }
    @inline(__always) func combine(_ acc: Double, _ x: T) -> Double { acc + Double(x) }
    @inline(__always) func merge(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) func finish(_ acc: Double, count: Int) -> T {
        // The sum rounds to T before the division, as PyTorch's mean does.
        mean ? T(acc) / T(count) : T(acc)
    }
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<T>, _ n: Int, _ acc: Double) -> Double {
        if T.self == Float.self && CPUFeatures.avx2FMA {
            // The same order in AVX2 (see Note [Float sums in blocks] in SIMD.c), read as one
            // stream or four (Note [Streams per thread in float sums]).
            let floats = UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
            return CPUFeatures.avx512Level > 0
                ? ember_simd_sum_f32_avx512(floats, n, acc) : ember_simd_sum_f32_avx2(floats, n, acc)
        }
        var total = acc
        var start = 0
        while start < n {
            let count = Swift.min(2048, n - start)
            total += Double(blockSum(p + start, count))
            start += count
        }
        return total
    }

    /// Four input rows per pass: their sum in T (a short pairwise tree), then one double add,
    /// so the row of double accumulators is loaded and stored a quarter as often.
    @inline(__always) func accumulateRows(_ acc: UnsafeMutablePointer<Double>, _ p: UnsafePointer<T>, rowStride: Int,
                                          rows: Int, stride: Int, _ n: Int) {
        var r = 0
        if stride == 1 && T.self == Float.self && CPUFeatures.avx2FMA {
            ember_simd_accumulate_rows_f32_avx2(acc, UnsafeRawPointer(p).assumingMemoryBound(to: Float.self),
                                                rowStride, rows, n)
            return
        }
        if stride == 1 {
            while r + 4 <= rows {
                let p0 = p + r * rowStride, p1 = p0 + rowStride, p2 = p1 + rowStride, p3 = p2 + rowStride
                for j in 0..<n { acc[j] += Double((p0[j] + p1[j]) + (p2[j] + p3[j])) }
                r += 4
            }
        }
        while r < rows {
            accumulateRow(acc, p + r * rowStride, stride, n)
            r += 1
        }
    }

    @inline(__always) func blockSum(_ p: UnsafePointer<T>, _ n: Int) -> T {
        let raw = UnsafeRawPointer(p)
        let width = MemoryLayout<SIMD8<T>>.stride
        var a0 = SIMD8<T>(), a1 = SIMD8<T>(), a2 = SIMD8<T>(), a3 = SIMD8<T>()
        var i = 0
        while i + 32 <= n {
            let base = i * MemoryLayout<T>.stride
            a0 += raw.loadUnaligned(fromByteOffset: base, as: SIMD8<T>.self)
            a1 += raw.loadUnaligned(fromByteOffset: base + width, as: SIMD8<T>.self)
            a2 += raw.loadUnaligned(fromByteOffset: base + 2 * width, as: SIMD8<T>.self)
            a3 += raw.loadUnaligned(fromByteOffset: base + 3 * width, as: SIMD8<T>.self)
            i += 32
        }
        while i + 8 <= n {
            a0 += raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.stride, as: SIMD8<T>.self)
            i += 8
        }
        let lanes = (a0 + a1) + (a2 + a3)
        var s = ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]))
        while i < n {
            s += p[i]
            i += 1
        }
        return s
    }
}

/// Integer and bool sums (and products) in int64, wrapping on overflow as PyTorch does.
struct IntegerSum<I: FixedWidthInteger, O: FixedWidthInteger>: Reducer {
    let product: Bool
    var identity: Int64 { product ? 1 : 0 }
    @inline(__always) func combine(_ acc: Int64, _ x: I) -> Int64 {
        product ? acc &* Int64(truncatingIfNeeded: x) : acc &+ Int64(truncatingIfNeeded: x)
    }
    @inline(__always) func merge(_ a: Int64, _ b: Int64) -> Int64 { product ? a &* b : a &+ b }
    @inline(__always) func finish(_ acc: Int64, count: Int) -> O { O(truncatingIfNeeded: acc) }
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<I>, _ n: Int, _ acc: Int64) -> Int64 {
        var a = acc
        if product {
            for i in 0..<n { a = a &* Int64(truncatingIfNeeded: p[i]) }
        } else {
            for i in 0..<n { a = a &+ Int64(truncatingIfNeeded: p[i]) }
        }
        return a
    }
}

/// Floating product, accumulated in the input's type as PyTorch does.
struct FloatProd<T: FloatingScalar>: Reducer {
    var identity: T { 1 }
    @inline(__always) func combine(_ acc: T, _ x: T) -> T { acc * x }
    @inline(__always) func merge(_ a: T, _ b: T) -> T { a * b }
    @inline(__always) func finish(_ acc: T, count: Int) -> T { acc }
}

// MARK: - Extremes

/// `amax`/`amin` (and the infinity norms when `magnitude`): NaN propagates.
struct FloatExtreme<T: FloatingScalar & SIMDScalar>: Reducer {
    let max: Bool
    let magnitude: Bool
    var identity: T { max ? -T.infinity : T.infinity }
    @inline(__always) func combine(_ acc: T, _ x: T) -> T {
        let v = magnitude ? x.magnitude : x
        if max { return v > acc || v.isNaN ? v : acc }
        return v < acc || v.isNaN ? v : acc
    }
    @inline(__always) func merge(_ a: T, _ b: T) -> T {
        if a.isNaN { return a }
        if b.isNaN { return b }
        return max ? (b > a ? b : a) : (b < a ? b : a)
    }
    @inline(__always) func finish(_ acc: T, count: Int) -> T { acc }
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<T>, _ n: Int, _ acc: T) -> T {
        // Lanes start from 0 for the largest magnitude, so that merging them needs no `magnitude`.
        switch (max, magnitude) {
        case (true, false): return merge(acc, Self.lanes(p, n, identity) { $0 > $1 ? $0 : $1 })
        case (false, false): return merge(acc, Self.lanes(p, n, identity) { $0 < $1 ? $0 : $1 })
        case (true, true): return merge(acc, Self.lanes(p, n, 0) { $0.magnitude > $1 ? $0.magnitude : $1 })
        case (false, true): return merge(acc, Self.lanes(p, n, identity) { $0.magnitude < $1 ? $0.magnitude : $1 })
        }
    }

    /// Eight independent lanes of plain compare-and-select (which x86 turns into max/min
    /// instructions), with NaN flags kept beside them; a NaN anywhere gives NaN.
    @inline(__always)
    static func lanes(_ p: UnsafePointer<T>, _ n: Int, _ identity: T, _ pick: (T, T) -> T) -> T {
        var b0 = identity, b1 = identity, b2 = identity, b3 = identity
        var b4 = identity, b5 = identity, b6 = identity, b7 = identity
        var n0 = false, n1 = false, n2 = false, n3 = false
        var i = 0
        while i + 8 <= n {
            let v0 = p[i], v1 = p[i + 1], v2 = p[i + 2], v3 = p[i + 3]
            let v4 = p[i + 4], v5 = p[i + 5], v6 = p[i + 6], v7 = p[i + 7]
            b0 = pick(v0, b0); b1 = pick(v1, b1); b2 = pick(v2, b2); b3 = pick(v3, b3)
            b4 = pick(v4, b4); b5 = pick(v5, b5); b6 = pick(v6, b6); b7 = pick(v7, b7)
            n0 = n0 || v0 != v0 || v4 != v4
            n1 = n1 || v1 != v1 || v5 != v5
            n2 = n2 || v2 != v2 || v6 != v6
            n3 = n3 || v3 != v3 || v7 != v7
            i += 8
        }
        while i < n {
            b0 = pick(p[i], b0)
            n0 = n0 || p[i] != p[i]
            i += 1
        }
        if n0 || n1 || n2 || n3 { return T.nan }
        return pick(pick(pick(b0, b1), pick(b2, b3)), pick(pick(b4, b5), pick(b6, b7)))
    }
}

/// Integer and bool `amax`/`amin`.
struct IntegerExtreme<I: FixedWidthInteger>: Reducer {
    let max: Bool
    var identity: I { max ? I.min : I.max }
    @inline(__always) func combine(_ acc: I, _ x: I) -> I { max ? Swift.max(acc, x) : Swift.min(acc, x) }
    @inline(__always) func merge(_ a: I, _ b: I) -> I { combine(a, b) }
    @inline(__always) func finish(_ acc: I, count: Int) -> I { acc }
}

// MARK: - Logical and counting

/// `any`/`all`: whether any (every) element is nonzero; NaN is nonzero.
struct AnyAll<T: Numeric>: Reducer {
    let any: Bool
    var identity: Bool { !any }
    @inline(__always) func combine(_ acc: Bool, _ x: T) -> Bool { any ? (acc || x != 0) : (acc && x != 0) }
    @inline(__always) func merge(_ a: Bool, _ b: Bool) -> Bool { any ? (a || b) : (a && b) }
    @inline(__always) func finish(_ acc: Bool, count: Int) -> Bool { acc }
}

/// The number of nonzero elements, as int64.
struct CountNonzero<T: Numeric>: Reducer {
    var identity: Int64 { 0 }
    @inline(__always) func combine(_ acc: Int64, _ x: T) -> Int64 { acc &+ (x != 0 ? 1 : 0) }
    @inline(__always) func merge(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    @inline(__always) func finish(_ acc: Int64, count: Int) -> Int64 { acc }
}

// MARK: - Norms, variance, logsumexp

/// `sum(|x|^p)^(1/p)` for finite `p`; each term is computed in T (so float32 squares overflow
/// and underflow as PyTorch's do) and summed in double.
struct PowerSum<T: FloatingScalar>: Reducer {
    enum Kind { case square, abs, nonzero, power }
    let kind: Kind
    let p: Double
    var identity: Double { 0 }
    @inline(__always) func combine(_ acc: Double, _ x: T) -> Double {
        switch kind {
        case .square: acc + Double(x * x)
        case .abs: acc + Double(x.magnitude)
        case .nonzero: acc + (x != 0 ? 1 : 0)
        case .power: acc + Double(T.pow(x.magnitude, T(p)))
        }
    }
    @inline(__always) func merge(_ a: Double, _ b: Double) -> Double { a + b }
    @inline(__always) func finish(_ acc: Double, count: Int) -> T {
        switch kind {
        case .square: T(acc).squareRoot()
        case .abs, .nonzero: T(acc)
        case .power: T.pow(T(acc), T(1 / p))
        }
    }
}

/// Welford's running mean and sum of squared deviations, in double (PyTorch's `WelfordOps`).
struct WelfordAcc {
    var n: Double
    var mean: Double
    var m2: Double
}

/// Variance or standard deviation with a correction (`var`, `std`).
struct Welford<T: FloatingScalar & SIMDScalar>: Reducer {
    let correction: Double
    let std: Bool
    var identity: WelfordAcc { WelfordAcc(n: 0, mean: 0, m2: 0) }
    @inline(__always) func combine(_ acc: WelfordAcc, _ x: T) -> WelfordAcc {
        let v = Double(x)
        let n = acc.n + 1
        let delta = v - acc.mean
        let mean = acc.mean + delta / n
        return WelfordAcc(n: n, mean: mean, m2: acc.m2 + delta * (v - mean))
    }
    @inline(__always) func merge(_ a: WelfordAcc, _ b: WelfordAcc) -> WelfordAcc {
        if a.n == 0 { return b }
        if b.n == 0 { return a }
        let n = a.n + b.n
        let delta = b.mean - a.mean
        let wb = b.n / n
        return WelfordAcc(n: n, mean: a.mean + delta * wb, m2: a.m2 + b.m2 + delta * delta * a.n * wb)
    }
    @inline(__always) func finish(_ acc: WelfordAcc, count: Int) -> T {
        let divisor = Swift.max(0, acc.n - correction)
        let v = acc.m2 / divisor
        return T(std ? v.squareRoot() : v)
    }
    /// Blocks of 1024: the block's mean from its sum, then its squared deviations (two passes over
    /// data in cache), merged into the running accumulator.
    @inline(__always) func reduceContiguous(_ p: UnsafePointer<T>, _ n: Int, _ acc: WelfordAcc) -> WelfordAcc {
        var total = acc
        var start = 0
        while start < n {
            let count = Swift.min(1024, n - start)
            let block = p + start
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 4 <= count {
                s0 += Double(block[i]); s1 += Double(block[i + 1])
                s2 += Double(block[i + 2]); s3 += Double(block[i + 3])
                i += 4
            }
            while i < count { s0 += Double(block[i]); i += 1 }
            let mean = ((s0 + s1) + (s2 + s3)) / Double(count)
            var q0 = 0.0, q1 = 0.0
            i = 0
            while i + 2 <= count {
                let d0 = Double(block[i]) - mean, d1 = Double(block[i + 1]) - mean
                q0 += d0 * d0; q1 += d1 * d1
                i += 2
            }
            if i < count { let d = Double(block[i]) - mean; q0 += d * d }
            total = merge(total, WelfordAcc(n: Double(count), mean: mean, m2: q0 + q1))
            start += count
        }
        return total
    }
}

/// The running maximum and the sum of `exp(x - ref)`, where `ref` is the maximum, or 0 when the
/// maximum is infinite (PyTorch's masking of infinite maxima).
struct LogSumExpAcc<T> {
    var max: T
    var sum: Double
}

/// `log(sum(exp(x)))` in one pass, rescaling the sum when the maximum grows.
struct LogSumExp<T: FloatingScalar>: Reducer {
    var identity: LogSumExpAcc<T> { LogSumExpAcc(max: -T.infinity, sum: 0) }
    @inline(__always) func ref(_ m: T) -> T { m.isInfinite ? 0 : m }
    @inline(__always) func combine(_ acc: LogSumExpAcc<T>, _ x: T) -> LogSumExpAcc<T> {
        var a = acc
        if x > a.max || x.isNaN {
            if a.max.isNaN { return a }
            if a.sum != 0 { a.sum *= Double(T.exp(ref(a.max) - ref(x))) }
            a.max = x
        }
        if a.max.isNaN { return a }
        a.sum += Double(T.exp(x - ref(a.max)))
        return a
    }
    @inline(__always) func merge(_ a: LogSumExpAcc<T>, _ b: LogSumExpAcc<T>) -> LogSumExpAcc<T> {
        if a.max.isNaN { return a }
        if b.max.isNaN { return b }
        let m = b.max > a.max ? b.max : a.max
        let r = ref(m)
        var s = 0.0
        if a.sum != 0 { s += a.sum * Double(T.exp(ref(a.max) - r)) }
        if b.sum != 0 { s += b.sum * Double(T.exp(ref(b.max) - r)) }
        return LogSumExpAcc(max: m, sum: s)
    }
    @inline(__always) func finish(_ acc: LogSumExpAcc<T>, count: Int) -> T {
        if acc.max.isNaN { return acc.max }
        return T(Glibc.log(acc.sum) + Double(ref(acc.max)))
    }
}
