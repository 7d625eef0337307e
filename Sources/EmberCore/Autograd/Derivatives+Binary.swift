import EmberBackend

// MARK: - Derivatives of the binary and ternary element-wise ops
//
// The binary ops, rounded division, clamp with tensor bounds, where and lerp. Gradients come back
// in the broadcast shape; the engine sums them down to each input's shape (see Note [Broadcast
// gradients] in Engine.swift).

extension Tensor {
    /// Records the node of `a op b` for the arithmetic of small steps (`+ - * /` of two tensors)
    /// with its built-in formula, no arrays (see Note [Built-in backward formulas]); `false`, having
    /// recorded nothing, for other ops.
    package static func recordArithmetic(_ op: BinaryOp, _ a: Tensor, _ b: Tensor, result y: Tensor) -> Bool {
        switch op {
        case .add: record("AddBackward0", inputs: SmallList(a, b), output: y, formula: .add)
        case .sub: record("SubBackward0", inputs: SmallList(a, b), output: y, formula: .sub)
        case .mul: record("MulBackward0", inputs: SmallList(a, b), output: y, saving: SmallList(a, b), formula: .mul)
        case .div: record("DivBackward0", inputs: SmallList(a, b), output: y, saving: SmallList(a, b), formula: .div)
        default: return false
        }
        return true
    }

    /// Records the node of `lhs op rhs` (either side may be a scalar) that produced `result`.
    package static func recordBinary(_ op: BinaryOp, _ lhs: BinaryArgument, _ rhs: BinaryArgument, result y: Tensor) {
        func mask(_ m: Tensor, like g: Tensor) -> Tensor { m.to(g.dtype) }
        switch (lhs, rhs) {
        case (.tensor(let a), .tensor(let b)):
            if recordArithmetic(op, a, b, result: y) { return }
            let name: String
            var saving: [Tensor] = []
            let formula: FunctionNode.Backward
            switch op {
            case .pow:
                name = "PowBackward1"; saving = [a, b, y]
                formula = { g, s in
                    let base = s[0], exponent = s[1], result = s[2]
                    // PyTorch's pow_backward_self and pow_backward_exponent: d/da = b * a^(b-1),
                    // 0 where b == 0; d/db = a^b * log(a) (the base in the result's dtype, a bool
                    // base included), 0 where a == 0 and b >= 0, so 0^-1 gives -inf, not NaN.
                    let da = Tensor.where(exponent .== 0, 0.0, g[0] * (exponent * base.pow(exponent - 1)))
                    let logBase = base.to(result.dtype).log()
                    let db = g[0] * Tensor.where((base .== 0) .& (exponent .>= 0), 0.0, result * logBase)
                    return [da, db]
                }
            case .fmax, .fmin:
                // The gradient goes to the side the result came from, half to each on a tie; a
                // NaN side loses to a number (both NaN: to `self`).
                name = op == .fmax ? "FmaxBackward0" : "FminBackward0"; saving = [a, b]
                let isMax = op == .fmax
                formula = { g, s in
                    let x = s[0], other = s[1]
                    let shared = Tensor.where(x .== other, g[0] * 0.5, g[0])
                    let selfWins = (isMax ? x .>= other : x .<= other) .| other.isnan()
                    let otherWins = (isMax ? x .<= other : x .>= other) .| (x.isnan() .& other.isnan().logicalNot())
                    return [Tensor.where(selfWins, shared, 0.0), Tensor.where(otherWins, shared, 0.0)]
                }
            case .hypot:
                name = "HypotBackward0"; saving = [a, b, y]
                formula = { g, s in [g[0] * s[0] / s[2], g[0] * s[1] / s[2]] }
            case .logaddexp:
                name = "LogaddexpBackward0"; saving = [a, b]
                formula = { g, s in [g[0] / ((s[1] - s[0]).exp() + 1), g[0] / ((s[0] - s[1]).exp() + 1)] }
            case .logaddexp2:
                name = "Logaddexp2Backward0"; saving = [a, b]
                formula = { g, s in [g[0] / (Tensor.pow(2, s[1] - s[0]) + 1), g[0] / (Tensor.pow(2, s[0] - s[1]) + 1)] }
            case .copysign:
                name = "CopysignBackward0"; saving = [a, y]
                formula = { g, s in [Tensor.copysignSelfGradient(g[0], s[0], s[1]), Tensor.zeros(like: g[0])] }
            case .atan2:
                name = "Atan2Backward0"; saving = [a, b]
                formula = { g, s in
                    let recip = Tensor.atan2Reciprocal(s[0] * s[0] + s[1] * s[1])
                    return [g[0] * s[1] * recip, g[0] * -s[0] * recip]
                }
            case .maximum, .minimum:
                name = op == .maximum ? "MaximumBackward0" : "MinimumBackward0"; saving = [a, b]
                let isMax = op == .maximum
                formula = { g, s in
                    let wins = mask(isMax ? s[0] .> s[1] : s[0] .< s[1], like: g[0])
                    let ties = mask(s[0] .== s[1], like: g[0]) * 0.5
                    let loses = mask(isMax ? s[0] .< s[1] : s[0] .> s[1], like: g[0])
                    return [g[0] * (wins + ties), g[0] * (loses + ties)]
                }
            case .remainder:
                name = "RemainderBackward1"; saving = [a, b]
                formula = { g, s in [g[0], -g[0] * s[0].div(s[1], roundingMode: "floor")] }
            case .fmod:
                name = "FmodBackward1"; saving = [a, b]
                formula = { g, s in [g[0], -g[0] * s[0].div(s[1], roundingMode: "trunc")] }
            case .floorDivide:
                recordFloorDivide([a, b], y)
                return
            default:
                return  // comparisons, logical and bitwise ops have no gradient
            }
            record(name, inputs: [a, b], outputs: [y], saving: saving, backward: formula)

        case (.tensor(let a), .scalar(let c)):
            // PyTorch lists the scalar as an input with no edge: next_functions ((x, 0), (None, 0)),
            // so each formula below returns a nil gradient for it.
            switch op {
            case .add: record("AddBackward0", inputs: SmallList(a, nil), output: y, formula: .passFirst); return
            case .sub: record("SubBackward0", inputs: SmallList(a, nil), output: y, formula: .passFirst); return
            case .mul: record("MulBackward0", inputs: SmallList(a, nil), output: y, formula: .scaleFirst(c)); return
            case .div: record("DivBackward0", inputs: SmallList(a, nil), output: y, formula: .divideFirst(c)); return
            case .remainder, .fmod:
                record(op == .remainder ? "RemainderBackward0" : "FmodBackward0", inputs: SmallList(a, nil), output: y,
                       formula: .passFirst)
                return
            default: break
            }
            let name: String
            var saving: [Tensor] = []
            let formula: FunctionNode.Backward
            switch op {
            case .pow:
                name = "PowBackward0"; saving = [a]
                formula = { g, s in
                    let e = c.doubleValue
                    if e == 0 { return [Tensor.zeros(like: g[0]), nil] }
                    return [g[0] * s[0].pow(e - 1) * e, nil]
                }
            case .maximum, .minimum, .atan2:
                record(op == .atan2 ? "Atan2Backward0" : op == .maximum ? "MaximumBackward0" : "MinimumBackward0",
                       inputs: [a], outputs: [y], saving: [a]) { g, s in
                    let other = Tensor.full(like: s[0], c)
                    switch op {
                    case .atan2: return [g[0] * other * Tensor.atan2Reciprocal(s[0] * s[0] + other * other)]
                    case .maximum:
                        return [g[0] * (mask(s[0] .> other, like: g[0]) + mask(s[0] .== other, like: g[0]) * 0.5)]
                    default:
                        return [g[0] * (mask(s[0] .< other, like: g[0]) + mask(s[0] .== other, like: g[0]) * 0.5)]
                    }
                }
                return
            case .floorDivide:
                recordFloorDivide([a, nil], y)
                return
            case .copysign:
                name = "CopysignBackward1"; saving = [a, y]
                formula = { g, s in [Tensor.copysignSelfGradient(g[0], s[0], s[1]), nil] }
            default: return
            }
            record(name, inputs: [a, nil], outputs: [y], saving: saving, backward: formula)

        case (.scalar(let c), .tensor(let b)):
            switch op {
            case .add: record("AddBackward0", inputs: SmallList(b, nil), output: y, formula: .passFirst); return
            case .sub: record("RsubBackward1", inputs: SmallList(b, nil), output: y, formula: .negateFirst); return
            case .mul: record("MulBackward0", inputs: SmallList(b, nil), output: y, formula: .scaleFirst(c)); return
            default: break
            }
            let name: String
            var saving: [Tensor] = []
            let formula: FunctionNode.Backward
            switch op {
            case .pow:
                // PyTorch's pow_backward_exponent: grad * (result * log(base)), and 0 where the
                // base is 0 and the exponent is not negative (0^x has no log to speak of there).
                name = "PowBackward2"
                let logBase = naturalLog(c.doubleValue)
                if c.doubleValue == 0 {
                    saving = [y, b]
                    formula = { g, s in [g[0] * Tensor.where(s[1] .>= 0, 0.0, s[0] * logBase), nil] }
                } else {
                    saving = [y]
                    formula = { g, s in [g[0] * (s[0] * logBase), nil] }
                }
            case .floorDivide:
                // `5 // x`: PyTorch's node has the tensor as its one input.
                recordFloorDivide([b], y)
                return
            case .remainder:
                // `1.5 % x`: no derivative in PyTorch, a node whose backward fails.
                record("torch::autograd::NotImplemented", inputs: [b], outputs: [y]) { _, _ in
                    throw TensorError.runtime("derivative for aten::remainder is not implemented")
                }
                return
            default: return
            }
            record(name, inputs: [b, nil], outputs: [y], saving: saving, backward: formula)

        case (.scalar, .scalar):
            return
        }
    }

    /// floor_divide has no derivative in PyTorch: it records a `NotImplemented` node whose
    /// backward fails, rather than cutting the graph.
    private static func recordFloorDivide(_ inputs: [Tensor?], _ y: Tensor) {
        record("torch::autograd::NotImplemented", inputs: inputs, outputs: [y]) { _, _ in
            throw TensorError.runtime("derivative for aten::floor_divide is not implemented")
        }
    }

    /// copysign's gradient for its first input (PyTorch's `copysign_tensor_self_backward`):
    /// `g * result / self`, 0 where `self` is 0.
    fileprivate static func copysignSelfGradient(_ g: Tensor, _ x: Tensor, _ result: Tensor) -> Tensor {
        g * (result / x).maskedFill(x .== 0, 0)
    }

    /// `1 / denominator` with 0 where the denominator is 0, so that atan2's gradient at the origin
    /// is 0 rather than NaN (PyTorch's `atan2_backward`: `recip.masked_fill_(denom == 0, 0)`).
    fileprivate static func atan2Reciprocal(_ denominator: Tensor) -> Tensor {
        denominator.reciprocal().maskedFill(denominator .== 0, 0)
    }
}

// MARK: Rounded division, clamp, where, lerp

extension Tensor {
    /// `div(other, roundingMode:)`: `DivBackward2`, whose gradient is zero, as in PyTorch.
    package static func recordRoundedDivision(_ input: Tensor, _ other: Tensor?, result: Tensor) {
        let hasOther = other != nil
        record("DivBackward2", inputs: [input, other], outputs: [result]) { g, _ in
            [g[0] * 0, hasOther ? g[0] * 0 : nil]
        }
    }

    /// `clamp(min:max:)` with tensor bounds: `ClampBackward0`, `minimum(maximum(x, min), max)`'s
    /// chain rule, a tie sharing the gradient half and half between the two sides, as PyTorch does.
    package static func recordClamp(_ input: Tensor, min: Tensor?, max: Tensor?, result: Tensor) {
        let hasMin = min != nil, hasMax = max != nil
        let saving = [input] + [min, max].compactMap { $0 }
        record("ClampBackward0", inputs: [input, min, max], outputs: [result], saving: saving) { g, s in
            func share(_ wins: Tensor, _ ties: Tensor) -> Tensor { wins.to(g[0].dtype) + ties.to(g[0].dtype) * 0.5 }
            let x = s[0], lo = hasMin ? s[1] : nil, hi = hasMax ? s[hasMin ? 2 : 1] : nil
            let m = withNoGrad { lo.map { x.maximum($0) } ?? x }
            let toM = hi.map { share(m .< $0, m .== $0) }, toHi = hi.map { share(m .> $0, m .== $0) }
            let gm = toM.map { g[0] * $0 } ?? g[0]
            return [lo.map { gm * share(x .> $0, x .== $0) } ?? gm, lo.map { gm * share(x .< $0, x .== $0) },
                    toHi.map { g[0] * $0 }]
        }
    }

    /// `where(condition, input, other)`: `WhereBackward0`, the gradient goes to the side each
    /// element came from (nil for a side that is a number).
    package static func recordWhere(_ condition: Tensor, _ input: Tensor?, _ other: Tensor?, result out: Tensor) {
        record("WhereBackward0", inputs: [input, other], outputs: [out], saving: [condition]) { g, s in
            let taken = s[0].to(g[0].dtype)
            return [g[0] * taken, g[0] * (1 - taken)]
        }
    }

    /// LerpBackward0 (a number weight `w`): `g * (1 - w)` and `g * w`. LerpBackward1 (a tensor
    /// weight, 0-dim included): the same with the weight's values, and `g * (end - self)` for it.
    package func recordLerp(_ end: Tensor, _ weight: OperandValue, _ out: Tensor) {
        switch weight {
        case .scalar(let s):
            guard Tensor.recording(self, end) else { return }
            let w = s.doubleValue
            Tensor.record("LerpBackward0", inputs: [self, end], outputs: [out]) { g, _ in [g[0] * (1 - w), g[0] * w] }
        case .tensor(let w):
            guard Tensor.recording([self, end, w]) else { return }
            Tensor.record("LerpBackward1", inputs: [self, end, w], outputs: [out], saving: [self, end, w]) { g, s in
                [g[0] * (1 - s[2]), g[0] * s[2], g[0] * (s[1] - s[0])]
            }
        }
    }
}

// MARK: xlogy

extension Tensor {
    /// `xlogy(self, other)`: `XlogyBackward0`, `xlogy(g, other)` for `self` (0 where `self` is 0
    /// and `other` is not positive) and `g * self / other` for `other`, as PyTorch's
    /// derivatives.yaml gives them.
    package static func recordXlogy(_ input: Tensor, _ other: Tensor, result: Tensor) {
        record("XlogyBackward0", inputs: [input, other], outputs: [result], saving: [input, other]) { g, s in
            [g[0].xlogy(s[1]).maskedFill((s[0] .== 0) .& (s[1] .<= 0), 0), g[0] * s[0] / s[1]]
        }
    }
}
