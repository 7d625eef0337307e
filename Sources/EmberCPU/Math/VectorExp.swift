import EmberBackend
import CEmberSIMD

#if canImport(Glibc)
import Glibc
#endif

// MARK: - Vectorized exp for float32

/// `exp` over eight floats at once, within 2 ulp of libm's `expf` on [-87.3, 88.37] (Cephes'
/// polynomial after Cody-Waite reduction). Lanes outside that range, and NaN, must take the
/// scalar path; `VectorExp.apply` does that.
@usableFromInline
enum VectorExp {
    @usableFromInline static let lowerBound: Float = -87.3
    /// Above 127.5 * ln 2 (88.376) `x * log2(e)` rounds to 128, and the scale `2^n` built from the
    /// exponent bits would be infinity although `exp(x)` is finite up to 88.72.
    @usableFromInline static let upperBound: Float = 88.37

    @inlinable @inline(__always)
    static func exp8(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let log2e: Float = 1.44269504088896341
        let magic: Float = 12582912  // 1.5 * 2^23: adding it rounds to an integer in the low mantissa bits
        let t = x * log2e + magic
        let n = t - magic
        let k = unsafeBitCast(t, to: SIMD8<Int32>.self) &- Int32(bitPattern: magic.bitPattern)
        // r = x - n * ln2, in two parts for precision.
        var r = x - n * 0.693359375
        r = r - n * -2.12194440e-4
        var p = SIMD8<Float>(repeating: 1.9875691500e-4)
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * r * r + r + 1
        let scale = unsafeBitCast((k &+ 127) &<< 23, to: SIMD8<Float>.self)
        return y * scale
    }

    /// Outputs of at least this many bytes are written with non-temporal stores where the CPU
    /// has AVX-512 (see Note [Streaming exp] in SIMD.c): larger than any core's L2, so they would leave
    /// it anyway.
    @usableFromInline static let streamingBytes = 16 << 20

    /// `out[i] = exp(x[i])` for `count` contiguous floats (`x == out` allowed); `streaming` when
    /// the whole output is large (`streamingBytes`), `out` being a piece of it.
    @inlinable
    static func apply(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int,
                      streaming: Bool = false) {
        // AVX-512, or AVX2/FMA (eight lanes per instruction and fused multiply-adds, which Swift
        // code compiled for the baseline x86-64 cannot use), when the CPU has them.
        if CPUFeatures.avx512Level > 0 {
            ember_simd_exp_f32_avx512(x, out, count, streaming ? 1 : 0)
            return
        }
        if CPUFeatures.avx2FMA {
            ember_simd_exp_f32_avx2(x, out, count)
            return
        }
        var i = 0
        let lo = SIMD8<Float>(repeating: lowerBound), hi = SIMD8<Float>(repeating: upperBound)
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            // Comparisons with NaN are false, so NaN lanes also fail this test.
            if all((v .>= lo) .& (v .<= hi)) {
                UnsafeMutableRawPointer(out + i).storeBytes(of: exp8(v), as: SIMD8<Float>.self)
            } else {
                for j in i..<(i + 8) { out[j] = expf(x[j]) }
            }
            i += 8
        }
        while i < count {
            out[i] = expf(x[i])
            i += 1
        }
    }
}
