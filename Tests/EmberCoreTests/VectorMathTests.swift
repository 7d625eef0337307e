// The vectorized element-wise kernels (SLEEF and vector arithmetic, VectorMath.c) against
// PyTorch: VectorMathReference.swift holds PyTorch 2.15's results for edge values and seeded
// random inputs, written by Scripts/vector-math-reference.py with the ulps each element allows
// (1, or as far as PyTorch itself is from the exact value, plus 1). NaN, infinities and the sign
// of zero must match exactly.

import EmberCore
import EmberTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// One unary op's inputs and PyTorch's results, as bit patterns of `dtype`.
struct VectorMathCase: Sendable, CustomTestStringConvertible {
    let op: String, dtype: DType, inputs: [UInt64], expected: [UInt64], ulps: [UInt64]
    var testDescription: String { "\(op) \(dtype)" }
}

/// One binary op's operands and PyTorch's results.
struct VectorMathBinaryCase: Sendable, CustomTestStringConvertible {
    let op: String, dtype: DType, lhs: [UInt64], rhs: [UInt64], expected: [UInt64], ulps: [UInt64]
    var testDescription: String { "\(op) \(dtype)" }
}

/// One op's input, output gradient and PyTorch's input gradient.
struct VectorMathBackwardCase: Sendable, CustomTestStringConvertible {
    let op: String, dtype: DType, inputs: [UInt64], gradient: [UInt64], expected: [UInt64]
    var testDescription: String { "\(op) \(dtype)" }
}

// MARK: - Helpers

/// The Ember op a reference case names.
func vectorMathOp(_ name: String) -> (Tensor) -> Tensor {
    switch name {
    case "exp": { $0.exp() }
    case "exp2": { $0.exp2() }
    case "expm1": { $0.expm1() }
    case "log": { $0.log() }
    case "log2": { $0.log2() }
    case "log10": { $0.log10() }
    case "log1p": { $0.log1p() }
    case "sqrt": { $0.sqrt() }
    case "rsqrt": { $0.rsqrt() }
    case "reciprocal": { $0.reciprocal() }
    case "sin": { $0.sin() }
    case "cos": { $0.cos() }
    case "tan": { $0.tan() }
    case "asin": { $0.asin() }
    case "acos": { $0.acos() }
    case "atan": { $0.atan() }
    case "sinh": { $0.sinh() }
    case "cosh": { $0.cosh() }
    case "tanh": { $0.tanh() }
    case "asinh": { $0.asinh() }
    case "acosh": { $0.acosh() }
    case "atanh": { $0.atanh() }
    case "erf": { $0.erf() }
    case "erfc": { $0.erfc() }
    case "sigmoid": { $0.sigmoid() }
    case "logit": { $0.logit() }
    case "softplus": { $0.softplus() }
    case "gelu": { $0.gelu() }
    case "geluTanh": { $0.gelu(approximate: .tanh) }
    case "silu": { $0.silu() }
    case "mish": { $0.mish() }
    case "elu": { $0.elu() }
    case "leakyRelu": { $0.leakyRelu(negativeSlope: 0.01) }
    case "hardtanh": { $0.hardtanh() }
    case "relu": { $0.relu() }
    case "abs": { $0.abs() }
    case "neg": { $0.neg() }
    case "sign": { $0.sign() }
    case "floor": { $0.floor() }
    case "ceil": { $0.ceil() }
    case "round": { $0.round() }
    case "trunc": { $0.trunc() }
    case "frac": { $0.frac() }
    case "square": { $0.square() }
    case "nanToNum": { $0.nanToNum() }
    case "clamp": { $0.clamp(min: -1.0, max: 2.0) }
    case "pow2.5": { $0.pow(2.5) }
    case "scalarPow": { Tensor.pow(1.5, $0) }
    default: fatalError("no op \(name)")
    }
}

func vectorMathBinaryOp(_ name: String) -> (Tensor, Tensor) -> Tensor {
    switch name {
    case "pow": { $0.pow($1) }
    case "atan2": { $0.atan2($1) }
    case "fmod": { $0.fmod($1) }
    case "remainder": { $0.remainder($1) }
    case "hypot": { $0.hypot($1) }
    default: fatalError("no op \(name)")
    }
}

/// A 1-D tensor from bit patterns of `dtype`.
func tensor(bits: [UInt64], _ dtype: DType, requiresGrad: Bool = false) -> Tensor {
    if dtype == .float32 {
        return Tensor(shape: [bits.count], data: bits.map { Float(bitPattern: UInt32($0)) }, requiresGrad: requiresGrad)
    }
    return Tensor(shape: [bits.count], data: bits.map { Double(bitPattern: $0) }, requiresGrad: requiresGrad)
}

/// A tensor's elements as bit patterns.
func bitPatterns(_ t: Tensor) -> [UInt64] {
    t.dtype == .float32 ? t.scalars(as: Float.self).map { UInt64($0.bitPattern) } : t.scalars(as: Double.self).map(\.bitPattern)
}

/// A value's position among its dtype's values: adjacent values differ by 1, both zeros are 0.
func orderedPosition(_ bits: UInt64, _ dtype: DType) -> Int64 {
    if dtype == .float32 {
        let i = Int32(bitPattern: UInt32(bits))
        return Int64(i >= 0 ? i : -(i & 0x7FFF_FFFF))
    }
    let i = Int64(bitPattern: bits)
    return i >= 0 ? i : -(i & 0x7FFF_FFFF_FFFF_FFFF)
}

/// Whether `actual` is within `ulps` of `expected`, with NaN, infinities and zeros matched exactly.
func withinUlps(_ actual: UInt64, _ expected: UInt64, _ ulps: UInt64, _ dtype: DType) -> Bool {
    let a = dtype == .float32 ? Double(Float(bitPattern: UInt32(actual))) : Double(bitPattern: actual)
    let e = dtype == .float32 ? Double(Float(bitPattern: UInt32(expected))) : Double(bitPattern: expected)
    if e.isNaN || a.isNaN { return e.isNaN && a.isNaN }
    if e.isInfinite || a.isInfinite || e == 0 || a == 0 {
        if e == a && e.sign == a.sign { return true }
        // A tolerance above 1 allows a neighbour (a tiny value for a zero, the largest for infinity).
        if ulps <= 1 { return false }
    }
    let distance = orderedPosition(actual, dtype) - orderedPosition(expected, dtype)
    return distance.magnitude <= ulps
}

// MARK: - Tests

@Suite("Vector math kernels against PyTorch")
struct VectorMathTests {
    @Test("unary ops within PyTorch's ulps, edge values exact", arguments: vectorMathUnaryCases)
    func unary(_ c: VectorMathCase) {
        let result = bitPatterns(vectorMathOp(c.op)(tensor(bits: c.inputs, c.dtype)))
        for i in c.inputs.indices where !withinUlps(result[i], c.expected[i], c.ulps[i], c.dtype) {
            Issue.record("\(c.op) \(c.dtype) input bits \(String(c.inputs[i], radix: 16)): got \(String(result[i], radix: 16)), PyTorch \(String(c.expected[i], radix: 16)) (\(c.ulps[i]) ulps allowed)")
        }
    }

    @Test("binary ops within PyTorch's ulps", arguments: vectorMathBinaryCases)
    func binary(_ c: VectorMathBinaryCase) {
        let a = tensor(bits: c.lhs, c.dtype), b = tensor(bits: c.rhs, c.dtype)
        let result = bitPatterns(vectorMathBinaryOp(c.op)(a, b))
        for i in c.lhs.indices where !withinUlps(result[i], c.expected[i], c.ulps[i], c.dtype) {
            Issue.record("\(c.op) \(c.dtype) #\(i): got \(String(result[i], radix: 16)), PyTorch \(String(c.expected[i], radix: 16))")
        }
        // A number on either side takes the kernel's scalar-operand path: the same bits. (Element 8
        // of the right operand is 1.5: pow's exponents 2, 3, 0.5, ... are products and square
        // roots when given as numbers, in PyTorch as here.)
        let j = 8
        let right = bitPatterns(vectorMathBinaryOp(c.op)(a, b[j].expand(c.lhs.count)))
        let rightNumber = c.dtype == .float32 ? Double(Float(bitPattern: UInt32(c.rhs[j]))) : Double(bitPattern: c.rhs[j])
        let rightScalar: [UInt64]
        switch c.op {
        case "pow": rightScalar = bitPatterns(a.pow(rightNumber))
        case "atan2": rightScalar = bitPatterns(a.atan2(rightNumber))
        case "fmod": rightScalar = bitPatterns(a.fmod(rightNumber))
        case "remainder": rightScalar = bitPatterns(a.remainder(rightNumber))
        default: rightScalar = right
        }
        #expect(right == rightScalar)
        let left = bitPatterns(vectorMathBinaryOp(c.op)(a[j].expand(c.rhs.count), b))
        for i in c.rhs.indices {
            let single = bitPatterns(vectorMathBinaryOp(c.op)(a[j ... j], b[i ... i]))[0]
            #expect(left[i] == single)
        }
    }

    /// Gradients agree with PyTorch's to a few rounding errors of the formula's terms: the
    /// formulas cancel (`1 - y * y` near y = 1, `y + alpha` near y = -alpha), so a 1-ulp
    /// difference in the forward value may move the gradient by eps * |g| whatever its size.
    static func gradientsAgree(_ actual: UInt64, _ expected: UInt64, gradient: UInt64, input: UInt64,
                               _ dtype: DType) -> Bool {
        func value(_ bits: UInt64) -> Double {
            dtype == .float32 ? Double(Float(bitPattern: UInt32(bits))) : Double(bitPattern: bits)
        }
        let a = value(actual), e = value(expected), g = value(gradient), x = value(input)
        if a.isNaN || e.isNaN { return a.isNaN && e.isNaN }
        if a.isInfinite || e.isInfinite { return a == e }
        let eps = dtype == .float32 ? Double(Float.ulpOfOne) : Double.ulpOfOne
        return (a - e).magnitude <= 16 * eps * (e.magnitude + g.magnitude * Swift.max(1, x.magnitude * x.magnitude))
    }

    @Test("fused backward agrees with PyTorch's gradient", arguments: vectorMathBackwardCases)
    func backward(_ c: VectorMathBackwardCase) throws {
        let x = tensor(bits: c.inputs, c.dtype, requiresGrad: true)
        try vectorMathOp(c.op)(x).backward(gradient: tensor(bits: c.gradient, c.dtype))
        let result = bitPatterns(try #require(x.grad))
        for i in c.inputs.indices
        where !Self.gradientsAgree(result[i], c.expected[i], gradient: c.gradient[i], input: c.inputs[i], c.dtype) {
            Issue.record("\(c.op)' \(c.dtype) #\(i): got \(String(result[i], radix: 16)), PyTorch \(String(c.expected[i], radix: 16))")
        }
    }

    /// Note [Fused first-order backward]: the fused kernel and the composite formula (run with
    /// createGraph) compute in the same order, except mish and softplus (PyTorch's two forms
    /// differ) and float gelu (PyTorch's fast erf in the kernel).
    @Test("fused backward matches the composite formula of createGraph", arguments: vectorMathBackwardCases)
    func fusedMatchesComposite(_ c: VectorMathBackwardCase) throws {
        let x = tensor(bits: c.inputs, c.dtype, requiresGrad: true)
        let g = tensor(bits: c.gradient, c.dtype)
        let fused = try gradients(of: [vectorMathOp(c.op)(x)], with: [x], gradOutputs: [g])[0]
        let composite = try gradients(of: [vectorMathOp(c.op)(x)], with: [x], gradOutputs: [g], createGraph: true)[0]
        let f = try #require(fused), k = try #require(composite)
        #expect(f.gradFn == nil)
        // relu's and leaky relu's gradients are the output gradient masked: nothing to differentiate.
        #expect((k.gradFn != nil) == !["relu", "leakyRelu"].contains(c.op))
        let exact = !["mish", "softplus"].contains(c.op) && !(c.op == "gelu" && c.dtype == .float32)
        let a = bitPatterns(f), b = bitPatterns(k)
        for i in a.indices {
            let agree = exact ? a[i] == b[i]
                : Self.gradientsAgree(a[i], b[i], gradient: c.gradient[i], input: c.inputs[i], c.dtype)
            if !agree {
                Issue.record("\(c.op)' \(c.dtype) #\(i): fused \(String(a[i], radix: 16)), composite \(String(b[i], radix: 16))")
            }
        }
    }

    /// The float32 exp, log and tanh are computed inline rather than by SLEEF (Note [Vector math
    /// kernels]); Scripts/math-exhaustive-check.c checks every float, this a sweep of every
    /// 4099th bit pattern against the correctly rounded value (libm's double function, rounded).
    @Test("float32 exp, log and tanh within 1 ulp of the correctly rounded value", arguments: ["exp", "log", "tanh"])
    func inlineSweep(_ op: String) {
        var inputs: [Float] = []
        var bits: UInt64 = 0
        while bits < 1 << 32 {
            let x = Float(bitPattern: UInt32(bits))
            let inDomain = op == "exp" ? x.magnitude < 110 : (op == "log" ? x > 0 && x.isFinite : !x.isNaN)
            if inDomain { inputs.append(x) }
            bits += 4099
        }
        let result = vectorMathOp(op)(Tensor(shape: [inputs.count], data: inputs)).scalars(as: Float.self)
        var worst: UInt64 = 0
        for (x, y) in zip(inputs, result) {
            let exact = Float(op == "exp" ? Glibc.exp(Double(x)) : (op == "log" ? Glibc.log(Double(x)) : Glibc.tanh(Double(x))))
            let distance = (orderedPosition(UInt64(y.bitPattern), .float32) - orderedPosition(UInt64(exact.bitPattern), .float32)).magnitude
            worst = Swift.max(worst, distance)
        }
        #expect(inputs.count > 500_000)
        #expect(worst <= 1)
    }

    @Test("a result does not depend on layout, position or thread",
          arguments: ["exp", "tanh", "sigmoid", "gelu", "geluTanh", "log", "sin", "erfc", "relu", "round", "softplus"],
          [DType.float32, .float64])
    func layoutIndependent(_ op: String, _ dtype: DType) {
        let n = 70_001
        let x = (Tensor.randn(n, generator: Generator(seed: 15)) * 4).to(dtype)
        let input = op == "log" ? x.abs() : x
        let contiguous = bitPatterns(vectorMathOp(op)(input))
        // Each element alone (the kernel's tail path), for a sample.
        for i in stride(from: 0, to: n, by: 997) {
            #expect(bitPatterns(vectorMathOp(op)(input[i ... i]))[0] == contiguous[i])
        }
        // Strided (every other element of a wider tensor) and transposed inputs.
        let wide = Tensor.stack([input, input], dim: 1)
        #expect(bitPatterns(vectorMathOp(op)(wide[0..., 0])) == contiguous)
        let square = input[0 ..< 70_000].view(280, 250)
        #expect(bitPatterns(vectorMathOp(op)(square.t()).t().contiguous()) == Array(contiguous[0 ..< 70_000]))
    }

    @Test("the fused backward of a broadcast gradient (sum's) equals the expanded one's")
    func broadcastGradient() throws {
        for op in ["tanh", "sigmoid", "gelu", "silu", "relu"] {
            let x = (Tensor.randn(1000, generator: Generator(seed: 3)) * 3).requiresGrad_()
            try vectorMathOp(op)(x).sum().backward()
            let viaSum = bitPatterns(try #require(x.grad))
            let y = x.detach().requiresGrad_()
            try vectorMathOp(op)(y).backward(gradient: Tensor.ones(1000))
            #expect(viaSum == bitPatterns(try #require(y.grad)), "\(op)")
        }
    }
}
