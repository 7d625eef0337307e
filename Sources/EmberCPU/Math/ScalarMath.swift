import CSleef
import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - FloatingScalar

/// `Float` and `Double`, with the C math library's functions as generic requirements so that
/// kernels written once over `T` specialize to direct libm calls.
@usableFromInline package protocol FloatingScalar: TensorScalar, BinaryFloatingPoint, ErrorPlaceholder, SpecialFunctions {
    static func exp(_ x: Self) -> Self
    static func exp2(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log2(_ x: Self) -> Self
    static func log10(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func sqrt(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func tan(_ x: Self) -> Self
    static func asin(_ x: Self) -> Self
    static func acos(_ x: Self) -> Self
    static func atan(_ x: Self) -> Self
    static func sinh(_ x: Self) -> Self
    static func cosh(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func floor(_ x: Self) -> Self
    static func ceil(_ x: Self) -> Self
    static func trunc(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    static func erfc(_ x: Self) -> Self
    static func rint(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    static func atan2(_ x: Self, _ y: Self) -> Self
    static func fmod(_ x: Self, _ y: Self) -> Self
    static func asinh(_ x: Self) -> Self
    static func acosh(_ x: Self) -> Self
    static func atanh(_ x: Self) -> Self
    /// `log|Γ(x)|` (the reentrant `lgamma_r`, which leaves the global `signgam` alone).
    static func lgamma(_ x: Self) -> Self
    static func hypot(_ x: Self, _ y: Self) -> Self
    /// `tanh(log1p(exp(x)))`, mish's factor, with SLEEF's functions (see Note [Scalar fallbacks
    /// of the vector kernels]).
    static func tanhSoftplus(_ x: Self) -> Self
    /// Exact `gelu(x)` as PyTorch's vectorized CPU kernel computes it for this type.
    static func geluErf(_ x: Self) -> Self
}

// Note [Scalar fallbacks of the vector kernels]
// Without AVX2 (or with `EMBER_CPU_CAPABILITY=default`), the unary ops run the scalar loops of
// `UnaryKernels.floating` instead of `VectorMath.c`. PyTorch runs the same vectorized formulas on
// every CPU, so these loops must stay within PyTorch's tolerances too, and glibc alone does not:
// its `tanhf` and `tanh` are 2 ulps off at places, and the cancellation in `1 + tanh(...)` (gelu
// with tanh) and the chain in mish double such differences. So tanh and mish's factor call
// SLEEF's scalar 1.0-ulp functions, the algorithms of the vector ones PyTorch calls, and float
// `gelu` uses PyTorch's float formula (Abramowitz and Stegun's erf, `h + h * erf` fused, which makes
// gelu(-0) and gelu(-100) +0), as the vector kernel does (`vm_gelu_erf` in VectorMathTemplate.h).

extension Float: FloatingScalar {
    @inlinable @inline(__always) package static func exp(_ x: Float) -> Float { Glibc.expf(x) }
    @inlinable @inline(__always) package static func exp2(_ x: Float) -> Float { Glibc.exp2f(x) }
    @inlinable @inline(__always) package static func expm1(_ x: Float) -> Float { Glibc.expm1f(x) }
    @inlinable @inline(__always) package static func log(_ x: Float) -> Float { Glibc.logf(x) }
    @inlinable @inline(__always) package static func log2(_ x: Float) -> Float { Glibc.log2f(x) }
    @inlinable @inline(__always) package static func log10(_ x: Float) -> Float { Glibc.log10f(x) }
    @inlinable @inline(__always) package static func log1p(_ x: Float) -> Float { Glibc.log1pf(x) }
    @inlinable @inline(__always) package static func sqrt(_ x: Float) -> Float { Glibc.sqrtf(x) }
    @inlinable @inline(__always) package static func sin(_ x: Float) -> Float { Glibc.sinf(x) }
    @inlinable @inline(__always) package static func cos(_ x: Float) -> Float { Glibc.cosf(x) }
    @inlinable @inline(__always) package static func tan(_ x: Float) -> Float { Glibc.tanf(x) }
    @inlinable @inline(__always) package static func asin(_ x: Float) -> Float { Glibc.asinf(x) }
    @inlinable @inline(__always) package static func acos(_ x: Float) -> Float { Glibc.acosf(x) }
    @inlinable @inline(__always) package static func atan(_ x: Float) -> Float { Glibc.atanf(x) }
    @inlinable @inline(__always) package static func sinh(_ x: Float) -> Float { Glibc.sinhf(x) }
    @inlinable @inline(__always) package static func cosh(_ x: Float) -> Float { Glibc.coshf(x) }
    @inlinable @inline(__always) package static func tanh(_ x: Float) -> Float { Sleef_tanhf_u10(x) }
    @inlinable @inline(__always) package static func floor(_ x: Float) -> Float { Glibc.floorf(x) }
    @inlinable @inline(__always) package static func ceil(_ x: Float) -> Float { Glibc.ceilf(x) }
    @inlinable @inline(__always) package static func trunc(_ x: Float) -> Float { Glibc.truncf(x) }
    @inlinable @inline(__always) package static func erf(_ x: Float) -> Float { Glibc.erff(x) }
    @inlinable @inline(__always) package static func erfc(_ x: Float) -> Float { Glibc.erfcf(x) }
    @inlinable @inline(__always) package static func rint(_ x: Float) -> Float { Glibc.rintf(x) }
    @inlinable @inline(__always) package static func pow(_ x: Float, _ y: Float) -> Float { Glibc.powf(x, y) }
    @inlinable @inline(__always) package static func atan2(_ x: Float, _ y: Float) -> Float { Glibc.atan2f(x, y) }
    @inlinable @inline(__always) package static func fmod(_ x: Float, _ y: Float) -> Float { Glibc.fmodf(x, y) }
    @inlinable @inline(__always) package static func asinh(_ x: Float) -> Float { Glibc.asinhf(x) }
    @inlinable @inline(__always) package static func acosh(_ x: Float) -> Float { Glibc.acoshf(x) }
    @inlinable @inline(__always) package static func atanh(_ x: Float) -> Float { Glibc.atanhf(x) }
    @inlinable @inline(__always) package static func lgamma(_ x: Float) -> Float {
        var sign: Int32 = 0
        return Glibc.lgammaf_r(x, &sign)
    }
    @inlinable @inline(__always) package static func hypot(_ x: Float, _ y: Float) -> Float { Glibc.hypotf(x, y) }
    @inlinable package static func tanhSoftplus(_ x: Float) -> Float {
        Sleef_tanhf_u10(Sleef_log1pf_u10(Sleef_expf_u10(x)))
    }
    @inlinable package static func geluErf(_ x: Float) -> Float {
        let h = x * 0.5, v = x * Float(0.7071067811865476)
        // exp(-v * v), its argument held at -87 or above (NaN passes), as `vm_exp_erf_factor`.
        let z = -(v * v)
        let e = Glibc.expf(z < -87 ? -87 : z)
        let t = 1 / Float(1).addingProduct(0.3275911, v.magnitude)
        var r = Float(-1.453152027).addingProduct(1.061405429, t)
        r = Float(1.421413741).addingProduct(r, t)
        r = Float(-0.284496736).addingProduct(r, t)
        r = Float(0.254829592).addingProduct(r, t)
        let erf = Float(1).addingProduct(-e * t, r)
        return h.addingProduct(h, v.sign == .minus ? -erf : erf)
    }
}

extension Double: FloatingScalar {
    @inlinable @inline(__always) package static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inlinable @inline(__always) package static func exp2(_ x: Double) -> Double { Glibc.exp2(x) }
    @inlinable @inline(__always) package static func expm1(_ x: Double) -> Double { Glibc.expm1(x) }
    @inlinable @inline(__always) package static func log(_ x: Double) -> Double { Glibc.log(x) }
    @inlinable @inline(__always) package static func log2(_ x: Double) -> Double { Glibc.log2(x) }
    @inlinable @inline(__always) package static func log10(_ x: Double) -> Double { Glibc.log10(x) }
    @inlinable @inline(__always) package static func log1p(_ x: Double) -> Double { Glibc.log1p(x) }
    @inlinable @inline(__always) package static func sqrt(_ x: Double) -> Double { Glibc.sqrt(x) }
    @inlinable @inline(__always) package static func sin(_ x: Double) -> Double { Glibc.sin(x) }
    @inlinable @inline(__always) package static func cos(_ x: Double) -> Double { Glibc.cos(x) }
    @inlinable @inline(__always) package static func tan(_ x: Double) -> Double { Glibc.tan(x) }
    @inlinable @inline(__always) package static func asin(_ x: Double) -> Double { Glibc.asin(x) }
    @inlinable @inline(__always) package static func acos(_ x: Double) -> Double { Glibc.acos(x) }
    @inlinable @inline(__always) package static func atan(_ x: Double) -> Double { Glibc.atan(x) }
    @inlinable @inline(__always) package static func sinh(_ x: Double) -> Double { Glibc.sinh(x) }
    @inlinable @inline(__always) package static func cosh(_ x: Double) -> Double { Glibc.cosh(x) }
    @inlinable @inline(__always) package static func tanh(_ x: Double) -> Double { Sleef_tanh_u10(x) }
    @inlinable @inline(__always) package static func floor(_ x: Double) -> Double { Glibc.floor(x) }
    @inlinable @inline(__always) package static func ceil(_ x: Double) -> Double { Glibc.ceil(x) }
    @inlinable @inline(__always) package static func trunc(_ x: Double) -> Double { Glibc.trunc(x) }
    @inlinable @inline(__always) package static func erf(_ x: Double) -> Double { Glibc.erf(x) }
    @inlinable @inline(__always) package static func erfc(_ x: Double) -> Double { Glibc.erfc(x) }
    @inlinable @inline(__always) package static func rint(_ x: Double) -> Double { Glibc.rint(x) }
    @inlinable @inline(__always) package static func pow(_ x: Double, _ y: Double) -> Double { Glibc.pow(x, y) }
    @inlinable @inline(__always) package static func atan2(_ x: Double, _ y: Double) -> Double { Glibc.atan2(x, y) }
    @inlinable @inline(__always) package static func fmod(_ x: Double, _ y: Double) -> Double { Glibc.fmod(x, y) }
    @inlinable @inline(__always) package static func asinh(_ x: Double) -> Double { Glibc.asinh(x) }
    @inlinable @inline(__always) package static func acosh(_ x: Double) -> Double { Glibc.acosh(x) }
    @inlinable @inline(__always) package static func atanh(_ x: Double) -> Double { Glibc.atanh(x) }
    @inlinable @inline(__always) package static func lgamma(_ x: Double) -> Double {
        var sign: Int32 = 0
        return Glibc.lgamma_r(x, &sign)
    }
    @inlinable @inline(__always) package static func hypot(_ x: Double, _ y: Double) -> Double { Glibc.hypot(x, y) }
    @inlinable package static func tanhSoftplus(_ x: Double) -> Double {
        Sleef_tanh_u10(Sleef_log1p_u10(Sleef_exp_u10(x)))
    }
    @inlinable package static func geluErf(_ x: Double) -> Double { x * 0.5 * (1 + Glibc.erf(x * 0.7071067811865476)) }
}

// MARK: - IntegerScalar

/// `Int32` and `Int64`: the integer storage types.
@usableFromInline package protocol IntegerScalar: TensorScalar, FixedWidthInteger, SignedInteger, ErrorPlaceholder {}
extension Int32: IntegerScalar {}
extension Int64: IntegerScalar {}
