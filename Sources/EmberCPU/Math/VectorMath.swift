import CEmberSIMD
import CSleef
import EmberBackend

// MARK: - Vectorized element-wise math

/// The element-wise kernels of `VectorMath.c` (see Note [Vector math kernels] there): SLEEF's
/// vector functions and vector arithmetic over float32 and float64, for the unary ops, the binary
/// ops that call libm, and the first-order backward formulas of the activations. Each entry point
/// returns `false`, having written nothing, where it does not apply (no AVX2, an integer dtype,
/// an op without a kernel); the caller then runs its scalar loop.
@usableFromInline
enum VectorMath {
    /// The instruction set of the kernels this CPU runs, or `nil` without AVX2 and FMA.
    enum InstructionSet { case avx2, avx512 }

    static let instructionSet: InstructionSet? =
        CPUFeatures.avx512Level > 0 ? .avx512 : (CPUFeatures.avx2FMA ? .avx2 : nil)

    /// Elements per thread: a transcendental function costs several times a load, so work is
    /// split earlier than for `Elementwise` loops.
    static let grain = 8192

    /// Elements gathered into a contiguous chunk when an operand's inner stride is not 1.
    static let chunk = 256

    // MARK: Entry points

    /// `output = op(input)` for float32 and float64, or `false`.
    static func unary<T: FloatingScalar>(_ op: UnaryOp, _ input: StridedBuffer, _ output: StridedBuffer,
                                         _: T.Type) -> Bool {
        guard let isa = instructionSet, let (code, params) = unaryCode(op, T.self) else { return false }
        var p = params
        run(output, input, nil, T.self) { x, _, out, n in
            call(isa, T.self, unary: code, &p, x, out, n)
        }
        return true
    }

    /// `output = op(lhs, rhs)` for pow, atan2, fmod, remainder and hypot, or `false`.
    static func binary<T: FloatingScalar>(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand,
                                          _ output: StridedBuffer, _: T.Type) -> Bool {
        guard let isa = instructionSet, let code = binaryCode(op) else { return false }
        switch (lhs, rhs) {
        case (.buffer(let a), .buffer(let b)):
            if b.layout.isOneLocation && !a.layout.isOneLocation {
                return withScalar(b.pointer(as: T.self).pointee, code, isa, a, output, right: true)
            }
            if a.layout.isOneLocation && !b.layout.isOneLocation {
                return withScalar(a.pointer(as: T.self).pointee, code, isa, b, output, right: false)
            }
            run(output, a, b, T.self) { x, y, out, n in
                call(isa, T.self, binary: code, EMBER_VM_BOTH_ARRAYS, x, y!, out, n)
            }
            return true
        case (.buffer(let a), .scalar(let s)):
            if op == .pow && BinaryKernels.powExponentHasProductForm(s.doubleValue) { return false }
            return withScalar(s.converted() as T, code, isa, a, output, right: true)
        case (.scalar(let s), .buffer(let b)):
            return withScalar(s.converted() as T, code, isa, b, output, right: false)
        case (.scalar, .scalar):
            return false
        }
    }

    /// The gradient of a unary op's input from its output gradient `gradient` and the tensor its
    /// derivative saved (see `ember_vm_backward_*`), or `false`.
    static func backward<T: FloatingScalar>(_ op: UnaryOp, _ gradient: StridedBuffer, _ saved: StridedBuffer,
                                            _ output: StridedBuffer, _: T.Type) -> Bool {
        guard let isa = instructionSet, let (code, params) = backwardCode(op, T.self) else { return false }
        var p = params
        run(output, gradient, saved, T.self) { g, s, out, n in
            call(isa, T.self, backward: code, &p, g, s!, out, n)
        }
        return true
    }

    /// `out[i] = exp(x[i])` for `count` contiguous floats on the calling thread (`x == out`
    /// allowed), or `false`.
    static func exp(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) -> Bool {
        guard let isa = instructionSet else { return false }
        var p = ember_vm_params(a: 0, b: 0, c: 0)
        call(isa, Float.self, unary: code(EMBER_VM_EXP), &p, x, out, count)
        return true
    }

    /// `binary(_:_:_:_:_:)` over raw contiguous operands (`CPUBackend.binary(_:contiguous:...)`),
    /// a side marked `oneValue` being one element repeated.
    static func binary(_ op: BinaryOp, contiguous a: UnsafeRawPointer, _ b: UnsafeRawPointer,
                       into output: UnsafeMutableRawPointer, count: Int, dtype: DType,
                       lhsOneValue: Bool, rhsOneValue: Bool) -> Bool {
        guard dtype.isFloatingPoint, binaryCode(op) != nil else { return false }
        let shape = Dims(repeating: count, count: 1), one = Dims(repeating: 0, count: 1)
        let flat = Dims(repeating: 1, count: 1)
        func buffer(_ p: UnsafeRawPointer, _ oneValue: Bool) -> StridedBuffer {
            StridedBuffer(base: UnsafeMutableRawPointer(mutating: p),
                          layout: Layout(shape: shape, strides: oneValue ? one : flat), dtype: dtype)
        }
        let out = StridedBuffer(base: output, layout: Layout(contiguous: shape), dtype: dtype)
        let lhs = BinaryOperand.buffer(buffer(a, lhsOneValue)), rhs = BinaryOperand.buffer(buffer(b, rhsOneValue))
        return dtype == .float32 ? binary(op, lhs, rhs, out, Float.self) : binary(op, lhs, rhs, out, Double.self)
    }

    /// A binary kernel with one side a number.
    private static func withScalar<T: FloatingScalar>(_ value: T, _ code: Int32, _ isa: InstructionSet,
                                                      _ other: StridedBuffer, _ output: StridedBuffer,
                                                      right: Bool) -> Bool {
        var fixed = value
        let operands = right ? EMBER_VM_RIGHT_SCALAR : EMBER_VM_LEFT_SCALAR
        withUnsafePointer(to: &fixed) { v in
            let number = UnsafeSendableBox(v)
            run(output, other, nil, T.self) { x, _, out, n in
                if right {
                    call(isa, T.self, binary: code, operands, x, number.value, out, n)
                } else {
                    call(isa, T.self, binary: code, operands, number.value, x, out, n)
                }
            }
        }
        return true
    }

    // MARK: Walking the operands

    /// Calls `kernel(a, b, out, n)` over runs of contiguous elements covering `output`, on several
    /// threads for large outputs: the whole arrays when every operand is contiguous, else each
    /// inner row, gathered into contiguous chunks where an operand's inner stride is not 1.
    static func run<T>(_ output: StridedBuffer, _ a: StridedBuffer, _ b: StridedBuffer?, _: T.Type,
                       _ kernel: (UnsafePointer<T>, UnsafePointer<T>?, UnsafeMutablePointer<T>, Int) -> Void) {
        let n = output.layout.count
        if n == 0 { return }
        let pa = UnsafeSendableBox(UnsafePointer(a.pointer(as: T.self)))
        let pb = UnsafeSendableBox(b.map { UnsafePointer($0.pointer(as: T.self)) })
        let po = UnsafeSendableBox(output.pointer(as: T.self))
        if a.layout.isContiguous && output.layout.isContiguous && (b?.layout.isContiguous ?? true) {
            Parallel.forRange(n, grain: grain) { r in
                kernel(pa.value + r.lowerBound, pb.value.map { $0 + r.lowerBound }, po.value + r.lowerBound, r.count)
            }
            return
        }
        let plan = b.map { LoopPlan(shape: output.layout.shape, strides: output.layout.strides, a.layout.strides,
                                    $0.layout.strides) }
            ?? LoopPlan(shape: output.layout.shape, strides: output.layout.strides, a.layout.strides)
        let so = plan.innerStride(0), sa = plan.innerStride(1), sb = b == nil ? 1 : plan.innerStride(2)
        plan.forEachRowParallel(grain: grain) { offsets, count in
            let o = po.value + offsets[0], x = pa.value + offsets[1], y = pb.value.map { $0 + offsets[2] }
            if so == 1 && sa == 1 && sb == 1 {
                kernel(x, y, o, count)
                return
            }
            withUnsafeTemporaryAllocation(of: T.self, capacity: 3 * chunk) { buffer in
                let bx = buffer.baseAddress!, by = bx + chunk, bo = by + chunk
                var start = 0
                while start < count {
                    let m = Swift.min(chunk, count - start)
                    for i in 0..<m { bx[i] = x[(start + i) * sa] }
                    if let y { for i in 0..<m { by[i] = y[(start + i) * sb] } }
                    kernel(bx, y == nil ? nil : UnsafePointer(by), bo, m)
                    for i in 0..<m { o[(start + i) * so] = bo[i] }
                    start += m
                }
            }
        }
    }

    // MARK: Calling the C kernels

    @inline(__always)
    private static func call<T>(_ isa: InstructionSet, _: T.Type, unary code: Int32,
                                _ p: UnsafePointer<ember_vm_params>, _ x: UnsafePointer<T>,
                                _ out: UnsafeMutablePointer<T>, _ n: Int) {
        if T.self == Float.self {
            let x = UnsafeRawPointer(x).assumingMemoryBound(to: Float.self)
            let out = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
            _ = isa == .avx512 ? ember_vm_unary_f32_avx512(code, p, x, out, n) : ember_vm_unary_f32_avx2(code, p, x, out, n)
        } else {
            let x = UnsafeRawPointer(x).assumingMemoryBound(to: Double.self)
            let out = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Double.self)
            _ = isa == .avx512 ? ember_vm_unary_f64_avx512(code, p, x, out, n) : ember_vm_unary_f64_avx2(code, p, x, out, n)
        }
    }

    @inline(__always)
    private static func call<T>(_ isa: InstructionSet, _: T.Type, binary code: Int32, _ operands: ember_vm_operands,
                                _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                _ n: Int) {
        let mode = Int32(operands.rawValue)
        if T.self == Float.self {
            let a = UnsafeRawPointer(a).assumingMemoryBound(to: Float.self)
            let b = UnsafeRawPointer(b).assumingMemoryBound(to: Float.self)
            let out = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
            _ = isa == .avx512 ? ember_vm_binary_f32_avx512(code, mode, a, b, out, n)
                : ember_vm_binary_f32_avx2(code, mode, a, b, out, n)
        } else {
            let a = UnsafeRawPointer(a).assumingMemoryBound(to: Double.self)
            let b = UnsafeRawPointer(b).assumingMemoryBound(to: Double.self)
            let out = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Double.self)
            _ = isa == .avx512 ? ember_vm_binary_f64_avx512(code, mode, a, b, out, n)
                : ember_vm_binary_f64_avx2(code, mode, a, b, out, n)
        }
    }

    @inline(__always)
    private static func call<T>(_ isa: InstructionSet, _: T.Type, backward code: Int32,
                                _ p: UnsafePointer<ember_vm_params>, _ g: UnsafePointer<T>, _ s: UnsafePointer<T>,
                                _ out: UnsafeMutablePointer<T>, _ n: Int) {
        if T.self == Float.self {
            let g = UnsafeRawPointer(g).assumingMemoryBound(to: Float.self)
            let s = UnsafeRawPointer(s).assumingMemoryBound(to: Float.self)
            let out = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self)
            _ = isa == .avx512 ? ember_vm_backward_f32_avx512(code, p, g, s, out, n)
                : ember_vm_backward_f32_avx2(code, p, g, s, out, n)
        } else {
            let g = UnsafeRawPointer(g).assumingMemoryBound(to: Double.self)
            let s = UnsafeRawPointer(s).assumingMemoryBound(to: Double.self)
            let out = UnsafeMutableRawPointer(out).assumingMemoryBound(to: Double.self)
            _ = isa == .avx512 ? ember_vm_backward_f64_avx512(code, p, g, s, out, n)
                : ember_vm_backward_f64_avx2(code, p, g, s, out, n)
        }
    }
}

// MARK: - Op codes

extension VectorMath {
    private static func code(_ op: ember_vm_unary_op) -> Int32 { Int32(op.rawValue) }

    /// The kernel and its numbers (in `T`'s precision) for a unary op, or `nil` for the ops that
    /// keep their scalar loop: erfinv, lgamma, digamma and polygamma (libm-based, as PyTorch
    /// computes them per element), the predicates, `round(decimals:)`, a NaN clamp bound, and
    /// `powScalar`/`scalarPow`, which the front end never records (pow is a binary op there).
    static func unaryCode<T: FloatingScalar>(_ op: UnaryOp, _: T.Type) -> (Int32, ember_vm_params)? {
        var p = ember_vm_params(a: 0, b: 0, c: 0)
        let c: ember_vm_unary_op
        switch op {
        case .neg: c = EMBER_VM_NEG
        case .abs: c = EMBER_VM_ABS
        case .sign, .sgn: c = EMBER_VM_SIGN
        case .square: c = EMBER_VM_SQUARE
        case .reciprocal: c = EMBER_VM_RECIPROCAL
        case .sqrt: c = EMBER_VM_SQRT
        case .rsqrt: c = EMBER_VM_RSQRT
        case .exp: c = EMBER_VM_EXP
        case .exp2: c = EMBER_VM_EXP2
        case .expm1: c = EMBER_VM_EXPM1
        case .log: c = EMBER_VM_LOG
        case .log2: c = EMBER_VM_LOG2
        case .log10: c = EMBER_VM_LOG10
        case .log1p: c = EMBER_VM_LOG1P
        case .sin: c = EMBER_VM_SIN
        case .cos: c = EMBER_VM_COS
        case .tan: c = EMBER_VM_TAN
        case .asin: c = EMBER_VM_ASIN
        case .acos: c = EMBER_VM_ACOS
        case .atan: c = EMBER_VM_ATAN
        case .sinh: c = EMBER_VM_SINH
        case .cosh: c = EMBER_VM_COSH
        case .tanh: c = EMBER_VM_TANH
        case .asinh: c = EMBER_VM_ASINH
        case .acosh: c = EMBER_VM_ACOSH
        case .atanh: c = EMBER_VM_ATANH
        case .erf: c = EMBER_VM_ERF
        case .erfc: c = EMBER_VM_ERFC
        case .sigmoid: c = EMBER_VM_SIGMOID
        case .silu: c = EMBER_VM_SILU
        case .mish: c = EMBER_VM_MISH
        case .relu: c = EMBER_VM_RELU
        case .floor: c = EMBER_VM_FLOOR
        case .ceil: c = EMBER_VM_CEIL
        case .round: c = EMBER_VM_ROUND
        case .trunc: c = EMBER_VM_TRUNC
        case .frac: c = EMBER_VM_FRAC
        case .gelu(let approximate): c = approximate ? EMBER_VM_GELU_TANH : EMBER_VM_GELU
        case .softplus(let beta, let threshold):
            c = EMBER_VM_SOFTPLUS
            p.a = Double(T(beta)); p.b = Double(T(threshold))
        case .elu(let alpha): c = EMBER_VM_ELU; p.a = Double(T(alpha))
        case .leakyRelu(let slope): c = EMBER_VM_LEAKY_RELU; p.a = Double(T(slope))
        case .nanToNum(let nan, let posinf, let neginf):
            c = EMBER_VM_NAN_TO_NUM
            p.a = Double(T(nan)); p.b = Double(T(posinf)); p.c = Double(T(neginf))
        case .clamp(let lo, let hi):
            let l: T = lo?.converted() ?? -T.infinity, h: T = hi?.converted() ?? T.infinity
            if l.isNaN || h.isNaN { return nil }
            c = EMBER_VM_CLAMP
            p.a = Double(l); p.b = Double(h)
        case .logit(let eps):
            if let eps {
                c = EMBER_VM_LOGIT_EPS
                p.a = Double(T(eps)); p.b = Double(1 - T(eps))
            } else {
                c = EMBER_VM_LOGIT
            }
        case .isnan, .isinf, .isfinite, .logicalNot, .erfinv, .lgamma, .digamma, .polygamma, .signbit,
             .bitwiseNot, .roundDecimals, .powScalar, .scalarPow:
            return nil
        }
        return (code(c), p)
    }

    static func binaryCode(_ op: BinaryOp) -> Int32? {
        switch op {
        case .pow: Int32(EMBER_VM_POW.rawValue)
        case .atan2: Int32(EMBER_VM_ATAN2.rawValue)
        case .fmod: Int32(EMBER_VM_FMOD.rawValue)
        case .remainder: Int32(EMBER_VM_REMAINDER.rawValue)
        case .hypot: Int32(EMBER_VM_HYPOT.rawValue)
        default: nil
        }
    }

    /// The fused backward kernel of a unary op (see `Backend.unaryBackward`), or `nil`.
    static func backwardCode<T: FloatingScalar>(_ op: UnaryOp, _: T.Type) -> (Int32, ember_vm_params)? {
        var p = ember_vm_params(a: 0, b: 0, c: 0)
        let c: ember_vm_unary_op
        switch op {
        case .tanh: c = EMBER_VM_TANH
        case .sigmoid: c = EMBER_VM_SIGMOID
        case .relu: c = EMBER_VM_RELU
        case .gelu(let approximate): c = approximate ? EMBER_VM_GELU_TANH : EMBER_VM_GELU
        case .silu: c = EMBER_VM_SILU
        case .mish: c = EMBER_VM_MISH
        case .softplus(let beta, let threshold):
            c = EMBER_VM_SOFTPLUS
            p.a = Double(T(beta)); p.b = Double(T(threshold))
        case .elu(let alpha): c = EMBER_VM_ELU; p.a = Double(T(alpha))
        case .leakyRelu(let slope): c = EMBER_VM_LEAKY_RELU; p.a = Double(T(slope))
        case .sin: c = EMBER_VM_SIN
        case .cos: c = EMBER_VM_COS
        case .tan: c = EMBER_VM_TAN
        case .sinh: c = EMBER_VM_SINH
        case .cosh: c = EMBER_VM_COSH
        case .sqrt: c = EMBER_VM_SQRT
        case .rsqrt: c = EMBER_VM_RSQRT
        case .reciprocal: c = EMBER_VM_RECIPROCAL
        case .exp2: c = EMBER_VM_EXP2
        case .expm1: c = EMBER_VM_EXPM1
        case .log1p: c = EMBER_VM_LOG1P
        case .log2: c = EMBER_VM_LOG2
        case .log10: c = EMBER_VM_LOG10
        case .asin: c = EMBER_VM_ASIN
        case .acos: c = EMBER_VM_ACOS
        case .atan: c = EMBER_VM_ATAN
        case .asinh: c = EMBER_VM_ASINH
        case .acosh: c = EMBER_VM_ACOSH
        case .atanh: c = EMBER_VM_ATANH
        case .erf: c = EMBER_VM_ERF
        case .erfc: c = EMBER_VM_ERFC
        default: return nil
        }
        return (code(c), p)
    }
}
