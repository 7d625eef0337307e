// The arithmetic under the distributions of PyTorch's CPU generator, reproduced bit for bit.
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

// MARK: - Fused multiply-add

/// The internal arithmetic of the distributions: FMA emulation and the ports of
/// ATen's `avx_mathfun.h`. (A namespace, so that these helpers cannot clash
/// with other code in the module.)
enum RandomKernels {
    // PyTorch's kernels compute `a * b + c` on floats as hardware FMAs. Swift on
    // x86-64 is compiled for the baseline ISA (no FMA instruction), where
    // `addingProduct` becomes a call to libm's `fmaf`: correct, but several times
    // slower than everything around it. These helpers compute the same correctly
    // rounded result with plain SSE2 arithmetic instead:
    //
    // the product of two floats is exact in `Double`; the sum with `c` is rounded
    // to `Double` and its exact error recovered with TwoSum; the `Double` is then
    // nudged to round-to-odd (when inexact and even, one ulp towards the error),
    // after which a single rounding to `Float` is correct (Boldo & Melquiond,
    // "Emulation of FMA and correctly rounded sums: proved algorithms using
    // rounding to odd", 2008: 53 >= 24 + 2 bits suffice, subnormals included).

    /// `a * b + c` with a single rounding, for `Float` (see above).
    @inline(__always)
    static func fusedMultiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
        let product = Double(a) * Double(b)
        let addend = Double(c)
        let sum = product + addend
        let bv = sum - product
        let error = (product - (sum - bv)) + (addend - bv)
        var bits = sum.bitPattern
        if error != 0 && bits & 1 == 0 {
            // Towards the exact value: up in magnitude when the error has the sign of the sum.
            bits = (sum.sign == error.sign) ? bits &+ 1 : bits &- 1
        }
        return Float(Double(bitPattern: bits))
    }

    /// Eight lanes of ``fusedMultiplyAdd(_:_:_:)-(Float,Float,Float)``.
    ///
    /// Fast path: rounding the `Double` sum straight to `Float` is already
    /// correct unless that sum lies exactly halfway between two floats (its low
    /// 29 bits are `0x10000000`), which one 32-bit compare per lane detects;
    /// lanes in that case (about one in 2^29) take the round-to-odd route.
    @inline(__always)
    static func fusedMultiplyAdd(_ a: SIMD8<Float>, _ b: SIMD8<Float>, _ c: SIMD8<Float>) -> SIMD8<Float> {
        let sum = SIMD8<Double>(a) * SIMD8<Double>(b) + SIMD8<Double>(c)
        // The low 32-bit word of each double, in the even lanes (little-endian).
        let words = unsafeBitCast(sum, to: SIMD16<UInt32>.self)
        let lowMask = SIMD16<UInt32>(0x1fff_ffff, 0, 0x1fff_ffff, 0, 0x1fff_ffff, 0, 0x1fff_ffff, 0,
                                     0x1fff_ffff, 0, 0x1fff_ffff, 0, 0x1fff_ffff, 0, 0x1fff_ffff, 0)
        let halfway = SIMD16<UInt32>(0x1000_0000, 1, 0x1000_0000, 1, 0x1000_0000, 1, 0x1000_0000, 1,
                                     0x1000_0000, 1, 0x1000_0000, 1, 0x1000_0000, 1, 0x1000_0000, 1)
        var result = SIMD8<Float>(sum)
        if any((words & lowMask) .== halfway) {
            for i in 0..<8 { result[i] = fusedMultiplyAdd(a[i], b[i], c[i]) }
        }
        return result
    }

    /// `a * b + c` with a single rounding, for `Double`. With `b == 1` (the
    /// default `std` / `to - from`) the product is exact, so this is just
    /// `a + c` and the `fma` library call is skipped.
    @inline(__always)
    static func fusedMultiplyAdd(_ a: Double, _ b: Double, _ c: Double) -> Double {
        b == 1 ? a + c : c.addingProduct(a, b)
    }
}

// MARK: - Scalar transformations (TransformationHelper.h)

extension MT19937State {
    /// `uniform_real_distribution<float>(from, to)`: 24 random bits of one
    /// 32-bit draw scaled to [0, 1), then `x * (to - from) + from` (fused).
    @inline(__always)
    mutating func uniformFloat(from: Float, range: Float) -> Float {
        let x = Float(next32() & 0x00ff_ffff) * 0x1p-24
        return range == 1 ? x + from : RandomKernels.fusedMultiplyAdd(x, range, from)
    }

    /// `uniform_real_distribution<double>(from, to)`: 53 random bits of one
    /// `random64()` scaled to [0, 1), then `x * (to - from) + from` (fused).
    @inline(__always)
    mutating func uniformDouble(from: Double, range: Double) -> Double {
        let x = Double(next64() & 0x001f_ffff_ffff_ffff) * 0x1p-53
        return RandomKernels.fusedMultiplyAdd(x, range, from)
    }

    /// `at::normal_distribution<double>` (scalar Box-Muller with a cached
    /// second sample), standard normal before `* std + mean`.
    ///
    /// `u1 = uniform(), u2 = uniform()`, `r = sqrt(-2 log1p(-u2))`,
    /// `theta = 2 pi u1`; returns `r cos(theta)` and caches `r sin(theta)`
    /// for the next call. The cache survives across calls (and across
    /// tensors) until the generator is reseeded.
    @inline(__always)
    mutating func standardNormalDouble() -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return cached
        }
        let u1 = uniformDouble(from: 0, range: 1)
        let u2 = uniformDouble(from: 0, range: 1)
        let r = (-2.0 * log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        nextDoubleNormal = r * sin(theta)
        return r * cos(theta)
    }
}

// MARK: - avx_mathfun.h (Cephes-derived log / sincos used by normal_fill_AVX2)

extension RandomKernels {
    // Eight-lane ports of `log256_ps` and `sincos256_ps` from ATen's
    // `native/cpu/avx_mathfun.h`, operation for operation, with the FMA
    // contractions GCC makes in PyTorch's build (`y = y * x + p` steps and the
    // `x - y * DP` range reduction are fused; see the header comment). The
    // coefficients are the header's, and round to the same `Float`s as C's
    // double-to-float conversion of them.

    typealias Float8 = SIMD8<Float>

    @inline(__always)
    private static func fma8(_ a: Float8, _ b: Float8, _ c: Float) -> Float8 {
        fusedMultiplyAdd(a, b, Float8(repeating: c))
    }

    /// `log256_ps`: natural logarithm of eight floats (NaN for `x <= 0`).
    @inline(__always)
    static func avxMathfunLog(_ input: Float8) -> Float8 {
        let minNormPos = Float8(repeating: Float(bitPattern: 0x0080_0000))
        // _mm256_max_ps(x, min_norm_pos): the second operand wins unless x is greater.
        var x = minNormPos.replacing(with: input, where: input .> minNormPos)
        var bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        let exponent = unsafeBitCast(bits &>> 23, to: SIMD8<Int32>.self) &- 0x7f
        bits = (bits & ~0x7f80_0000) | 0x3f00_0000          // mantissa, as a float in [0.5, 1)
        x = unsafeBitCast(bits, to: Float8.self)
        var e = Float8(exponent) + 1
        let belowSqrtHalf = x .< Float8(repeating: 0.707106781186547524)
        let tmp = Float8(repeating: 0).replacing(with: x, where: belowSqrtHalf)
        x = x - 1
        e = e - Float8(repeating: 0).replacing(with: 1, where: belowSqrtHalf)
        x = x + tmp

        let z = x * x
        var y = Float8(repeating: 7.0376836292E-2)
        y = fma8(y, x, -1.1514610310E-1)
        y = fma8(y, x, 1.1676998740E-1)
        y = fma8(y, x, -1.2420140846E-1)
        y = fma8(y, x, 1.4249322787E-1)
        y = fma8(y, x, -1.6668057665E-1)
        y = fma8(y, x, 2.0000714765E-1)
        y = fma8(y, x, -2.4999993993E-1)
        y = fma8(y, x, 3.3333331174E-1)
        y = y * x
        y = fusedMultiplyAdd(y, z, e * Float8(repeating: -2.12194440e-4))
        // The next two products are exact (z * 0.5 is a power-of-two scaling of a
        // normal number; e is a small integer and 0.693359375 has 10 significant
        // bits), so the fused and unfused forms round identically.
        y = y - z * 0.5
        x = x + y
        x = x + e * 0.693359375
        return x.replacing(with: .nan, where: input .<= 0)
    }

    /// `sincos256_ps`: sine and cosine of eight floats.
    ///
    /// Valid for `|x| < 2048` (the quadrant and the first two reduction products
    /// are exact in that range); the normal fill only passes `2 pi u` with `u`
    /// in [0, 1).
    @inline(__always)
    static func avxMathfunSinCos(_ input: Float8) -> (sin: Float8, cos: Float8) {
        let signMask: UInt32 = 0x8000_0000
        let inputBits = unsafeBitCast(input, to: SIMD8<UInt32>.self)
        var signSin = inputBits & signMask
        var x = unsafeBitCast(inputBits & ~signMask, to: Float8.self)

        // j = (int)(x * 4/pi) (truncation, _mm256_cvttps_epi32), then j = (j + 1) & ~1.
        var y = x * Float8(repeating: 1.27323954473516)
        let magic = Float8(repeating: 0x1p23)
        let nearest = (y + magic) - magic
        let truncated = nearest - Float8(repeating: 0).replacing(with: 1, where: nearest .> y)
        var j = unsafeBitCast(truncated + magic, to: SIMD8<UInt32>.self) & 0x007f_ffff
        j = (j &+ 1) & ~1
        y = Float8(unsafeBitCast(j, to: SIMD8<Int32>.self))
        let swapSignSin = (j & 4) &<< 29
        let usePolySin = (j & 2) .== 0

        // Extended precision modular arithmetic: x = ((x - y*DP1) - y*DP2) - y*DP3.
        // y is a small even integer and DP1, DP2 have at most 12 significant bits,
        // so only the DP3 product is inexact and needs the fused form.
        x = x + y * -0.78515625
        x = x + y * -2.4187564849853515625e-4
        x = fusedMultiplyAdd(y, Float8(repeating: -3.77489497744594108e-8), x)

        let signCos = (~(j &- 2) & 4) &<< 29
        signSin ^= swapSignSin

        let z = x * x
        var c = Float8(repeating: 2.443315711809948E-005)
        c = fma8(c, z, -1.388731625493765E-003)
        c = fma8(c, z, 4.166664568298827E-002)
        c = c * z
        c = fusedMultiplyAdd(c, z, -(z * 0.5))
        c = c + 1

        var s = Float8(repeating: -1.9515295891E-4)
        s = fma8(s, z, 8.3321608736E-3)
        s = fma8(s, z, -1.6666654611E-1)
        s = s * z
        s = fusedMultiplyAdd(s, x, x)

        // Select the polynomials exactly as the vector code does (adds of +0).
        let zero = Float8(repeating: 0)
        let sinFromS = zero.replacing(with: s, where: usePolySin)
        let sinFromC = zero.replacing(with: c, where: .!usePolySin)
        let cosFromS = s - sinFromS
        let cosFromC = c - sinFromC
        let sinValue = sinFromC + sinFromS
        let cosValue = cosFromC + cosFromS
        return (unsafeBitCast(unsafeBitCast(sinValue, to: SIMD8<UInt32>.self) ^ signSin, to: Float8.self),
                unsafeBitCast(unsafeBitCast(cosValue, to: SIMD8<UInt32>.self) ^ signCos, to: Float8.self))
    }

    // Single-lane versions of the two functions above, the same operations on
    // `Float`. Unoptimized (debug) builds use these, because generic `SIMD8`
    // arithmetic is not specialized there and runs a hundred times slower.

    /// One lane of ``avxMathfunLog(_:)-(Float8)``.
    @inline(__always)
    static func avxMathfunLog(_ input: Float) -> Float {
        let minNormPos = Float(bitPattern: 0x0080_0000)
        var x = input > minNormPos ? input : minNormPos
        var bits = x.bitPattern
        let exponent = Int32(bitPattern: bits >> 23) &- 0x7f
        bits = (bits & ~0x7f80_0000) | 0x3f00_0000
        x = Float(bitPattern: bits)
        var e = Float(exponent) + 1
        let belowSqrtHalf = x < 0.707106781186547524
        let tmp: Float = belowSqrtHalf ? x : 0
        x = x - 1
        e = e - (belowSqrtHalf ? 1 : 0)
        x = x + tmp

        let z = x * x
        var y: Float = 7.0376836292E-2
        y = fusedMultiplyAdd(y, x, -1.1514610310E-1)
        y = fusedMultiplyAdd(y, x, 1.1676998740E-1)
        y = fusedMultiplyAdd(y, x, -1.2420140846E-1)
        y = fusedMultiplyAdd(y, x, 1.4249322787E-1)
        y = fusedMultiplyAdd(y, x, -1.6668057665E-1)
        y = fusedMultiplyAdd(y, x, 2.0000714765E-1)
        y = fusedMultiplyAdd(y, x, -2.4999993993E-1)
        y = fusedMultiplyAdd(y, x, 3.3333331174E-1)
        y = y * x
        y = fusedMultiplyAdd(y, z, e * -2.12194440e-4)
        y = y - z * 0.5
        x = x + y
        x = x + e * 0.693359375
        return input <= 0 ? .nan : x
    }

    /// One lane of ``avxMathfunSinCos(_:)-(Float8)`` (same domain, `|x| < 2048`).
    @inline(__always)
    static func avxMathfunSinCos(_ input: Float) -> (sin: Float, cos: Float) {
        let signMask: UInt32 = 0x8000_0000
        var signSin = input.bitPattern & signMask
        var x = Float(bitPattern: input.bitPattern & ~signMask)

        var y = x * 1.27323954473516
        var j = UInt32(y)                      // truncation, as _mm256_cvttps_epi32
        j = (j &+ 1) & ~1
        y = Float(j)
        let swapSignSin = (j & 4) << 29
        let usePolySin = (j & 2) == 0

        x = x + y * -0.78515625
        x = x + y * -2.4187564849853515625e-4
        x = fusedMultiplyAdd(y, -3.77489497744594108e-8, x)

        let signCos = (~(j &- 2) & 4) << 29
        signSin ^= swapSignSin

        let z = x * x
        var c: Float = 2.443315711809948E-005
        c = fusedMultiplyAdd(c, z, -1.388731625493765E-003)
        c = fusedMultiplyAdd(c, z, 4.166664568298827E-002)
        c = c * z
        c = fusedMultiplyAdd(c, z, -(z * 0.5))
        c = c + 1

        var s: Float = -1.9515295891E-4
        s = fusedMultiplyAdd(s, z, 8.3321608736E-3)
        s = fusedMultiplyAdd(s, z, -1.6666654611E-1)
        s = s * z
        s = fusedMultiplyAdd(s, x, x)

        let sinFromS: Float = usePolySin ? s : 0
        let sinFromC: Float = usePolySin ? 0 : c
        let cosFromS = s - sinFromS
        let cosFromC = c - sinFromC
        let sinValue = sinFromC + sinFromS
        let cosValue = cosFromC + cosFromS
        return (Float(bitPattern: sinValue.bitPattern ^ signSin),
                Float(bitPattern: cosValue.bitPattern ^ signCos))
    }

    // -- normal_fill (numel >= 16) --

    /// `normal_fill_16_AVX2`: Box-Muller over the 8 pairs `(data[j], data[j+8])`
    /// of uniforms, in place: `u1 = 1 - data[j]`, `u2 = data[j + 8]`,
    /// `radius = sqrt(-2 log u1)`, `theta = 2 pi u2`, then
    /// `data[j] = radius cos(theta) * std + mean`, `data[j + 8] = radius sin(theta) * std + mean`.
    @inline(__always)
    static func normalFill16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        #if DEBUG
        normalFill16Lanes(data, mean: mean, std: std)
        #else
        normalFill16Vector(data, mean: mean, std: std)
        #endif
    }

    /// ``normalFill16(_:mean:std:)-(UnsafeMutablePointer<Float>,_,_)`` on `SIMD8` vectors (optimized builds).
    @inline(__always)
    static func normalFill16Vector(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        let raw = UnsafeMutableRawPointer(data)
        let u1 = 1 - raw.loadUnaligned(as: Float8.self)
        let u2 = raw.loadUnaligned(fromByteOffset: 32, as: Float8.self)
        let radius = (-2 * avxMathfunLog(u1)).squareRoot()
        let theta = Float(2.0 * Double.pi) * u2
        let (sinTheta, cosTheta) = avxMathfunSinCos(theta)
        let meanV = Float8(repeating: mean)
        let stdV = Float8(repeating: std)
        raw.storeBytes(of: fusedMultiplyAdd(radius * cosTheta, stdV, meanV), as: Float8.self)
        raw.storeBytes(of: fusedMultiplyAdd(radius * sinTheta, stdV, meanV), toByteOffset: 32, as: Float8.self)
    }

    /// ``normalFill16(_:mean:std:)-(UnsafeMutablePointer<Float>,_,_)`` one lane at a time (debug builds).
    static func normalFill16Lanes(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        let twoPi = Float(2.0 * Double.pi)
        for j in 0..<8 {
            let u1 = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * avxMathfunLog(u1)).squareRoot()
            let (sinTheta, cosTheta) = avxMathfunSinCos(twoPi * u2)
            data[j] = fusedMultiplyAdd(radius * cosTheta, std, mean)
            data[j + 8] = fusedMultiplyAdd(radius * sinTheta, std, mean)
        }
    }

    /// `normal_fill_16<double>`: the same Box-Muller with libm's double
    /// `log`, `cos` and `sin`.
    @inline(__always)
    static func normalFill16(_ data: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
        for j in 0..<8 {
            let u1 = 1 - data[j]
            let u2 = data[j + 8]
            let radius = (-2 * log(u1)).squareRoot()
            let theta = 2.0 * Double.pi * u2
            data[j] = fusedMultiplyAdd(radius * cos(theta), std, mean)
            data[j + 8] = fusedMultiplyAdd(radius * sin(theta), std, mean)
        }
    }
}
