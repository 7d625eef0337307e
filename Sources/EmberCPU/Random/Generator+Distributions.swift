// The distributions of PyTorch's CPU generator, reproduced bit for bit.
//
// Sources followed (ATen): core/DistributionsHelper.h, core/TransformationHelper.h,
// native/cpu/DistributionTemplates.h, native/cpu/DistributionKernels.cpp,
// native/cpu/avx_mathfun.h and native/TensorFactories.cpp (randperm).
//
// Floating-point detail that matters for bit-exactness: PyTorch's x86-64
// wheels compile the distribution kernels once per CPU capability with GCC,
// whose default `-ffp-contract=fast` fuses `a * b + c` into one FMA in the
// AVX2 build (the one every AVX2/AVX-512 machine runs; `normal_stub` is never
// dispatched to AVX-512). Where PyTorch's arithmetic is fused, the code here
// uses `fusedMultiplyAdd` (a single rounding) so that the results agree to the
// last bit.

import EmberBackend
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Public fills

extension Generator {
    /// Fills `buffer` with uniform samples in `[from, to)` exactly as
    /// `torch.rand` / `Tensor.uniform_(from, to)` fills a contiguous `float32`
    /// tensor with as many elements: one 32-bit draw per element, in order.
    ///
    /// Bit-exact with PyTorch (x86-64 builds).
    @usableFromInline package func fillUniform(_ buffer: UnsafeMutableBufferPointer<Float>, from: Double = 0, to: Double = 1) {
        precondition(from <= to, "uniform_ expects from <= to, got from=\(from) to=\(to)")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let lo = Float(from)
        let range = Float(to) - lo
        withEngine { s in
            for i in 0..<buffer.count {
                base[i] = s.uniformFloat(from: lo, range: range)
            }
        }
    }

    /// Fills `buffer` with uniform samples in `[from, to)` exactly as
    /// `torch.rand(..., dtype=torch.float64)` / `Tensor.uniform_(from, to)`
    /// fills a contiguous `float64` tensor: one `random64()` per element.
    ///
    /// Bit-exact with PyTorch.
    @usableFromInline package func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, from: Double = 0, to: Double = 1) {
        precondition(from <= to, "uniform_ expects from <= to, got from=\(from) to=\(to)")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let range = to - from
        withEngine { s in
            for i in 0..<buffer.count {
                base[i] = s.uniformDouble(from: from, range: range)
            }
        }
    }

    /// Fills `buffer` with normal samples exactly as `torch.randn` /
    /// `Tensor.normal_(mean, std)` fills a contiguous `float32` tensor with as
    /// many elements.
    ///
    /// - With 16 or more elements PyTorch's `normal_fill_AVX2` is followed:
    ///   all elements are first filled with 24-bit uniforms, then converted in
    ///   blocks of 16 by Box-Muller using `avx_mathfun.h`'s Cephes `log` and
    ///   `sincos`; when the count is not a multiple of 16 the last 16 elements
    ///   are redrawn and converted again.
    /// - With fewer than 16 elements each element comes from the scalar
    ///   `normal_distribution<double>` (two `random64()` per pair, with the
    ///   second sample cached in the generator), rounded to `Float`.
    ///
    /// Bit-exact with PyTorch on x86-64 (AVX2 or AVX-512 CPUs). PyTorch on a
    /// CPU without AVX2 (e.g. ARM) uses libm's `logf`/`cosf`/`sinf` for the
    /// 16-or-more path instead, which can differ by about one ulp.
    ///
    /// `contiguous: false` gives what PyTorch gives a tensor that is not
    /// contiguous, whatever its size: the scalar path for every element, in
    /// the order of `buffer` (the caller lays the elements out in PyTorch's
    /// visiting order).
    @usableFromInline package func fillNormal(_ buffer: UnsafeMutableBufferPointer<Float>, mean: Double = 0, std: Double = 1,
                           contiguous: Bool = true) {
        precondition(std >= 0, "normal expects std >= 0.0, but found std \(std)")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let n = buffer.count
        if n >= 16 && contiguous {
            let meanF = Float(mean)
            let stdF = Float(std)
            withEngine { s in
                for i in 0..<n { base[i] = s.uniformFloat(from: 0, range: 1) }
                var i = 0
                while i + 16 <= n {
                    RandomKernels.normalFill16(base + i, mean: meanF, std: stdF)
                    i += 16
                }
                if n % 16 != 0 {
                    let tail = base + (n - 16)
                    for k in 0..<16 { tail[k] = s.uniformFloat(from: 0, range: 1) }
                    RandomKernels.normalFill16(tail, mean: meanF, std: stdF)
                }
            }
        } else {
            withEngine { s in
                for i in 0..<n {
                    base[i] = Float(RandomKernels.fusedMultiplyAdd(s.standardNormalDouble(), std, mean))
                }
            }
        }
    }

    /// Fills `buffer` with normal samples exactly as `torch.randn(...,
    /// dtype=torch.float64)` / `Tensor.normal_(mean, std)` fills a contiguous
    /// `float64` tensor: for 16 or more elements, `normal_fill<double>`
    /// (uniforms first, Box-Muller in blocks of 16 with the last 16 redrawn
    /// when needed); for fewer, the cached scalar `normal_distribution<double>`.
    ///
    /// Bit-exact with PyTorch as long as the platform's libm `log`, `log1p`,
    /// `sin` and `cos` agree with glibc's (they do on Linux). `contiguous` as
    /// for `Float`.
    @usableFromInline package func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double = 0, std: Double = 1,
                           contiguous: Bool = true) {
        precondition(std >= 0, "normal expects std >= 0.0, but found std \(std)")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let n = buffer.count
        withEngine { s in
            if n >= 16 && contiguous {
                for i in 0..<n { base[i] = s.uniformDouble(from: 0, range: 1) }
                var i = 0
                while i + 16 <= n {
                    RandomKernels.normalFill16(base + i, mean: mean, std: std)
                    i += 16
                }
                if n % 16 != 0 {
                    let tail = base + (n - 16)
                    for k in 0..<16 { tail[k] = s.uniformDouble(from: 0, range: 1) }
                    RandomKernels.normalFill16(tail, mean: mean, std: std)
                }
            } else {
                for i in 0..<n {
                    base[i] = RandomKernels.fusedMultiplyAdd(s.standardNormalDouble(), std, mean)
                }
            }
        }
    }

    /// The shared body of the `fillRandint` overloads:
    /// `uniform_int_from_to_distribution` — `(draw % range) + low`, where the
    /// draw is one `random64()` when `range >= 2^28`, else one 32-bit
    /// `random()`, for every dtype.
    ///
    /// (The 2^28 threshold is current PyTorch's, "allow approx 5% skew";
    /// older releases used `random64()` only for ranges of 2^32 or more and
    /// only for 64-bit and floating dtypes, so for ranges in [2^28, 2^32) they
    /// give other numbers.)
    @inline(__always)
    private func fillRandintValues<T>(_ buffer: UnsafeMutableBufferPointer<T>, low: Int64, high: Int64,
                                      convert: (Int64) -> T) {
        precondition(low < high, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        let range = UInt64(bitPattern: high) &- UInt64(bitPattern: low)
        let offset = UInt64(bitPattern: low)
        withEngine { s in
            if range >= (1 << 28) {
                for i in 0..<buffer.count {
                    base[i] = convert(Int64(bitPattern: s.next64() % range &+ offset))
                }
            } else {
                for i in 0..<buffer.count {
                    base[i] = convert(Int64(bitPattern: UInt64(s.next32()) % range &+ offset))
                }
            }
        }
    }

    /// Fills `buffer` with integers uniform in `[low, high)` exactly as
    /// `torch.randint(low, high, size)` (`int64`, the default dtype) /
    /// `Tensor.random_(low, high)` fills a contiguous tensor: `random() %
    /// (high - low) + low` per element, or `random64() % (high - low) + low`
    /// when the range is `2^28` or wider. Bit-exact with PyTorch.
    @usableFromInline package func fillRandint(_ buffer: UnsafeMutableBufferPointer<Int64>, low: Int64, high: Int64) {
        fillRandintValues(buffer, low: low, high: high) { $0 }
    }

    /// Fills an `int32` buffer like `torch.randint(low, high, size,
    /// dtype=torch.int32)`: the same draws as the `int64` case, truncated to
    /// 32 bits. Bit-exact.
    ///
    /// - Precondition: `[low, high)` fits in `Int32`.
    @usableFromInline package func fillRandint(_ buffer: UnsafeMutableBufferPointer<Int32>, low: Int64, high: Int64) {
        precondition(low >= Int64(Int32.min) && high <= Int64(Int32.max) + 1,
                     "randint range [\(low), \(high)) does not fit in int32")
        fillRandintValues(buffer, low: low, high: high) { Int32(truncatingIfNeeded: $0) }
    }

    /// Fills a `float32` buffer like `torch.randint(low, high, size,
    /// dtype=torch.float32)`: the integer draw of the `int64` case converted to
    /// `Float` (round to nearest). Bit-exact.
    ///
    /// As in PyTorch (`update_from` / `update_to`), bounds that `Float` cannot
    /// represent exactly (beyond 2^24) are first moved inwards to the nearest
    /// values that cannot round outside `[low, high)`, which changes the range
    /// and therefore the samples.
    @usableFromInline package func fillRandint(_ buffer: UnsafeMutableBufferPointer<Float>, low: Int64, high: Int64) {
        precondition(low < high, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        let (lo, hi) = RandintBounds.adjusted(low: low, high: high, for: .float32)
        fillRandintValues(buffer, low: lo, high: hi) { Float($0) }
    }

    /// Fills a `float64` buffer like `torch.randint(low, high, size,
    /// dtype=torch.float64)`, with the same bound adjustment beyond 2^53.
    /// Bit-exact.
    @usableFromInline package func fillRandint(_ buffer: UnsafeMutableBufferPointer<Double>, low: Int64, high: Int64) {
        precondition(low < high, "random_ expects 'from' to be less than 'to', but got from=\(low) >= to=\(high)")
        let (lo, hi) = RandintBounds.adjusted(low: low, high: high, for: .float64)
        fillRandintValues(buffer, low: lo, high: hi) { Double($0) }
    }

    /// A random permutation of `0..<n`, exactly as `torch.randperm(n)` on the
    /// CPU.
    ///
    /// For `n < 2^32 / 20` (PyTorch's threshold `UINT32_MAX / 20`) this is
    /// PyTorch's forward Fisher-Yates: for `i` in `0..<n-1`, swap element `i`
    /// with element `i + random() % (n - i)`. Larger `n` use PyTorch's
    /// "inside-out" variant with `random64() % (i + 1)`. Bit-exact.
    @usableFromInline package func randperm(_ n: Int) -> [Int64] {
        precondition(n >= 0, "n must be non-negative, got \(n)")
        if n == 0 { return [] }
        var result = [Int64](repeating: 0, count: n)
        result.withUnsafeMutableBufferPointer { r in
            withEngine { s in
                if UInt64(n) < UInt64(UInt32.max) / 20 {
                    for i in 0..<n { r[i] = Int64(i) }
                    var i = 0
                    while i < n - 1 {
                        // n - i < 2^32 here, so 32-bit division gives the same remainder.
                        let z = Int(s.next32() % UInt32(truncatingIfNeeded: n - i))
                        r.swapAt(i, z + i)
                        i += 1
                    }
                } else {
                    for i in 0..<n {
                        let z = Int(s.next64() % UInt64(i + 1))
                        r[i] = r[z]
                        r[z] = Int64(i)
                    }
                }
            }
        }
        return result
    }

    /// Fills `buffer` with 0/1 samples of a Bernoulli(`p`) distribution
    /// exactly as `Tensor.bernoulli_(p)` fills a contiguous tensor of any
    /// dtype on the CPU (`templates::cpu::bernoulli_kernel`): one
    /// `random64()` per element, `convert(true)` when its 53-bit uniform in
    /// [0, 1) is `< p`.
    ///
    /// Dropout uses this: `torch.nn.functional.dropout(x, p, training=True)`
    /// on the CPU keeps element `i` where `bernoulli_(1 - p)` drew `1`.
    /// Bit-exact with current PyTorch on every CPU. (Old PyTorch releases
    /// built with MKL drew `bernoulli_(p)` from an MKL VSL stream on Intel
    /// CPUs instead; the 2.15 reference build links no VSL stream code.)
    @usableFromInline package func fillBernoulli<T>(_ buffer: UnsafeMutableBufferPointer<T>, p: Double,
                                                    convert: (Bool) -> T) {
        precondition(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=\(p)")
        guard let base = buffer.baseAddress, buffer.count > 0 else { return }
        withEngine { s in
            for i in 0..<buffer.count { base[i] = convert(s.uniformDouble(from: 0, range: 1) < p) }
        }
    }
}
