import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Special functions
//
// PyTorch's own algorithms (aten/src/ATen/native/Math.h), written again here so that Ember's
// values are PyTorch's: `calc_digamma` and `trigamma` (from the Cephes Math Library, with a
// float version that keeps PyTorch's float rounding), `calc_erfinv` (a rational first guess and
// two Newton steps), and `round(decimals:)`'s scaling.

/// The special functions of `FloatingScalar`, one implementation per floating type.
@usableFromInline package protocol SpecialFunctions {
    /// The inverse error function: NaN outside [-1, 1], ±inf at ±1 (`torch.erfinv`).
    static func erfinv(_ y: Self) -> Self
    /// The digamma function: ∓inf at ±0, NaN at negative integers and -inf (`torch.digamma`).
    static func digamma(_ x: Self) -> Self
    /// The trigamma function, `polygamma(1, x)` (digamma's derivative).
    static func trigamma(_ x: Self) -> Self
    /// `polygamma(n, x)` for `n >= 1`: trigamma for 1, PyTorch's `calc_polygamma` (a Hurwitz
    /// zeta value computed in double) above.
    static func polygamma(_ n: Int, _ x: Self) -> Self
}

/// The Hurwitz zeta function `zeta(x, q)` (Cephes' `zeta`, as PyTorch's `zeta` in
/// aten/src/ATen/native/Math.h computes it in double).
private func hurwitzZeta(_ x: Double, _ q: Double) -> Double {
    let machep = 1.11022302462515654042E-16
    let a: [Double] = [
        12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
        -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15,
        1.8152105401943546773e17, -7.1661652561756670113e18,
    ]
    if x == 1 { return .infinity }
    if x < 1 { return .nan }
    if q <= 0 {
        if q == Glibc.floor(q) { return .infinity }
        if x != Glibc.floor(x) { return .nan }
    }
    var s = Glibc.pow(q, -x), aa = q, b = 0.0, i = 0
    while i < 9 || aa <= 9 {
        i += 1
        aa += 1
        b = Glibc.pow(aa, -x)
        s += b
        if -machep * s < b && b < machep * s { return s }
    }
    let w = aa
    s += b * w / (x - 1)
    s -= 0.5 * b
    var f = 1.0, k = 0.0
    for j in 0..<12 {
        f *= x + k
        b /= w
        var t = f * b / a[j]
        s = s + t
        t = Glibc.fabs(t / s)
        if t < machep { return s }
        k += 1
        f *= x + k
        b /= w
        k += 1
    }
    return s
}

/// Evaluates `coefficients[0] * z^n + ... + coefficients[n]` by Horner's rule (Cephes' `polevl`).
@inline(__always)
private func polevl<T: BinaryFloatingPoint>(_ z: T, _ coefficients: [T]) -> T {
    var result: T = 0
    for c in coefficients { result = result * z + c }
    return result
}

/// The asymptotic series' coefficients of digamma (Cephes' `psi`).
private let digammaSeries: [Double] = [
    8.33333333333333333333E-2, -2.10927960927960927961E-2, 7.57575757575757575758E-3,
    -4.16666666666666666667E-3, 3.96825396825396825397E-3, -8.33333333333333333333E-3,
    8.33333333333333333333E-2,
]
private let digammaSeriesFloat: [Float] = digammaSeries.map { Float($0) }

/// `calc_erfinv`'s rational approximation, then two Newton steps, in `T`'s precision.
@inline(__always)
private func erfinvPavlis<T: FloatingScalar>(_ y: T) -> T {
    // The coefficients as tuples: arrays here were allocated for every element.
    let a: (T, T, T, T) = (0.886226899, -1.645349621, 0.914624893, -0.140543331)
    let b: (T, T, T, T) = (-2.118377725, 1.442710462, -0.329097515, 0.012229801)
    let c: (T, T, T, T) = (-1.970840454, -1.624906493, 3.429567803, 1.641345311)
    let d: (T, T) = (3.543889200, 1.637067800)
    let magnitude = y.magnitude
    if magnitude > 1 { return .nan }
    if magnitude == 1 { return T(signOf: y, magnitudeOf: .infinity) }
    var x: T
    if magnitude <= T(0.7) {
        let z = y * y
        let num = ((a.3 * z + a.2) * z + a.1) * z + a.0
        let dem = (((b.3 * z + b.2) * z + b.1) * z + b.0) * z + 1
        x = y * num / dem
    } else {
        let z = T.sqrt(-T.log((1 - magnitude) / 2))
        let num = ((c.3 * z + c.2) * z + c.1) * z + c.0
        let dem = (d.1 * z + d.0) * z + 1
        x = T(signOf: y, magnitudeOf: num) / dem
    }
    let twoOverSqrtPi = 2 * T(0.564189583547756286948)
    x = x - (T.erf(x) - y) / (twoOverSqrtPi * T.exp(-x * x))
    x = x - (T.erf(x) - y) / (twoOverSqrtPi * T.exp(-x * x))
    return x
}

extension Double: SpecialFunctions {
    @usableFromInline package static func polygamma(_ n: Int, _ x: Double) -> Double {
        if n == 1 { return trigamma(x) }
        let sign: Double = n % 2 == 1 ? 1 : -1
        return sign * Glibc.exp(lgamma(Double(n) + 1)) * hurwitzZeta(Double(n + 1), x)
    }

    @usableFromInline package static func erfinv(_ y: Double) -> Double { erfinvPavlis(y) }

    @usableFromInline package static func digamma(_ x: Double) -> Double {
        if x == 0 { return Double(signOf: -x, magnitudeOf: .infinity) }
        let isInteger = x == Glibc.trunc(x)
        if x < 0 {
            if isInteger { return .nan }
            // tan(pi * r) of the fractional part r is more accurate than tan(pi * x).
            let r = x - Glibc.trunc(x)
            return digamma(1 - x) - Double.pi / Glibc.tan(Double.pi * r)
        }
        var x = x, result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        if x == 10 { return result + 2.25175258906672110764 }
        var y = 0.0
        if x < 1.0e17 {
            let z = 1.0 / (x * x)
            y = z * polevl(z, digammaSeries)
        }
        return result + Glibc.log(x) - (0.5 / x) - y
    }

    @usableFromInline package static func trigamma(_ x: Double) -> Double {
        var x = x, sign = 1.0, result = 0.0
        if x < 0.5 {
            sign = -1
            let sinPiX = Glibc.sin(Double.pi * x)
            result -= (Double.pi * Double.pi) / (sinPiX * sinPiX)
            x = 1 - x
        }
        for _ in 0..<6 {
            result += 1 / (x * x)
            x += 1
        }
        let ixx = 1 / (x * x)
        result += (1 + 1 / (2 * x) + ixx * (1.0 / 6 - ixx * (1.0 / 30 - ixx * (1.0 / 42)))) / x
        return sign * result
    }
}

extension Float: SpecialFunctions {
    @usableFromInline package static func polygamma(_ n: Int, _ x: Float) -> Float {
        if n == 1 { return trigamma(x) }
        let sign: Float = n % 2 == 1 ? 1 : -1
        return sign * Glibc.expf(lgamma(Float(n) + 1)) * Float(hurwitzZeta(Double(n + 1), Double(x)))
    }

    @usableFromInline package static func erfinv(_ y: Float) -> Float { erfinvPavlis(y) }

    @usableFromInline package static func digamma(_ x: Float) -> Float {
        if x == 0 { return Float(signOf: -x, magnitudeOf: .infinity) }
        let isInteger = x == Glibc.truncf(x)
        if x < 0 {
            if isInteger { return .nan }
            // The reflection term in double, rounded once, as PyTorch's float version does.
            let r = Double(x) - Glibc.trunc(Double(x))
            let piOverTanPiX = Float(Double.pi / Glibc.tan(Double.pi * r))
            return digamma(1 - x) - piOverTanPiX
        }
        var x = x, result: Float = 0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        if x == 10 { return result + Float(2.25175258906672110764) }
        var y: Float = 0
        if x < 1.0e17 {
            let z = 1 / (x * x)
            y = z * polevl(z, digammaSeriesFloat)
        }
        return result + Glibc.logf(x) - (0.5 / x) - y
    }

    @usableFromInline package static func trigamma(_ x: Float) -> Float {
        var x = x, sign: Float = 1, result: Float = 0
        if x < 0.5 {
            sign = -1
            let sinPiX = Glibc.sinf(Float.pi * x)
            result -= (Float.pi * Float.pi) / (sinPiX * sinPiX)
            x = 1 - x
        }
        for _ in 0..<6 {
            result += 1 / (x * x)
            x += 1
        }
        let ixx = 1 / (x * x)
        result += (1 + 1 / (2 * x) + ixx * (Float(1) / 6 - ixx * (Float(1) / 30 - ixx * (Float(1) / 42)))) / x
        return sign * result
    }
}

/// `round(x, decimals)` as PyTorch computes it: `nearbyint(x * 10^d) / 10^d`, or
/// `nearbyint(x / 10^-d) * 10^-d` for negative `d`, with `10^|d|` computed in double and rounded
/// to `T` (so a large `|d|` gives inf and NaN results, as in PyTorch).
@inline(__always)
package func roundDecimals<T: FloatingScalar>(_ x: T, scale: T, negative: Bool) -> T {
    negative ? T.rint(x / scale) * scale : T.rint(x * scale) / scale
}
