import EmberBackend

// MARK: - Binary element-wise methods

extension Tensor {
    /// Element-wise sum, broadcasting (`torch.add`).
    public func add(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.add, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `add` (`Tensor.add_`); returns `self`.
    @discardableResult
    public func add_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.add, other.operandValue.argument) }
        return self
    }

    /// Element-wise difference, broadcasting (`torch.sub`).
    public func sub(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.sub, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `sub` (`Tensor.sub_`); returns `self`.
    @discardableResult
    public func sub_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.sub, other.operandValue.argument) }
        return self
    }

    /// Element-wise product, broadcasting (`torch.mul`).
    public func mul(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.mul, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `mul` (`Tensor.mul_`); returns `self`.
    @discardableResult
    public func mul_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.mul, other.operandValue.argument) }
        return self
    }

    /// Division rounded down (Python's `//`) (`torch.floor_divide`).
    public func floorDivide(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.floorDivide, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `floorDivide` (`Tensor.floor_divide_`); returns `self`.
    @discardableResult
    public func floorDivide_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.floorDivide, other.operandValue.argument) }
        return self
    }

    /// Python's `%`: the remainder with the divisor's sign (`torch.remainder`).
    public func remainder(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.remainder, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `remainder` (`Tensor.remainder_`); returns `self`.
    @discardableResult
    public func remainder_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.remainder, other.operandValue.argument) }
        return self
    }

    /// C's `fmod`: the remainder with the dividend's sign (`torch.fmod`).
    public func fmod(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.fmod, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `fmod` (`Tensor.fmod_`); returns `self`.
    @discardableResult
    public func fmod_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.fmod, other.operandValue.argument) }
        return self
    }

    /// Element-wise power (`torch.pow`).
    public func pow(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.pow, .tensor(self), other.operandValue.argument) }
    }

    /// A number raised to each element's power (`torch.pow(self, exponent)` with a number as
    /// `self`, and Python's `base ** tensor`): `Tensor.pow(2, x)`.
    public static func pow<S: TensorScalar & TensorOperand>(_ base: S, _ exponent: Tensor) -> Tensor {
        attempt { try Tensor.binary(.pow, base.operandValue.argument, .tensor(exponent)) }
    }

    /// In-place `pow` (`Tensor.pow_`); returns `self`.
    @discardableResult
    public func pow_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.pow, other.operandValue.argument) }
        return self
    }

    /// The angle of (other, self), element-wise (`torch.atan2`).
    public func atan2(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.atan2, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `atan2` (`Tensor.atan2_`); returns `self`.
    @discardableResult
    public func atan2_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.atan2, other.operandValue.argument) }
        return self
    }

    /// The larger of each pair; NaN propagates (`torch.maximum`).
    public func maximum(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.maximum, .tensor(self), other.operandValue.argument) }
    }

    /// The smaller of each pair; NaN propagates (`torch.minimum`).
    public func minimum(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.minimum, .tensor(self), other.operandValue.argument) }
    }

    /// `self == other` element-wise, as bool (`torch.eq`).
    public func eq(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.eq, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `eq` (`Tensor.eq_`); returns `self`.
    @discardableResult
    public func eq_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.eq, other.operandValue.argument) }
        return self
    }

    /// `self != other` element-wise, as bool (`torch.ne`).
    public func ne(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.ne, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `ne` (`Tensor.ne_`); returns `self`.
    @discardableResult
    public func ne_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.ne, other.operandValue.argument) }
        return self
    }

    /// `self < other` element-wise, as bool (`torch.lt`).
    public func lt(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.lt, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `lt` (`Tensor.lt_`); returns `self`.
    @discardableResult
    public func lt_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.lt, other.operandValue.argument) }
        return self
    }

    /// `self <= other` element-wise, as bool (`torch.le`).
    public func le(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.le, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `le` (`Tensor.le_`); returns `self`.
    @discardableResult
    public func le_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.le, other.operandValue.argument) }
        return self
    }

    /// `self > other` element-wise, as bool (`torch.gt`).
    public func gt(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.gt, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `gt` (`Tensor.gt_`); returns `self`.
    @discardableResult
    public func gt_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.gt, other.operandValue.argument) }
        return self
    }

    /// `self >= other` element-wise, as bool (`torch.ge`).
    public func ge(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.ge, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `ge` (`Tensor.ge_`); returns `self`.
    @discardableResult
    public func ge_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.ge, other.operandValue.argument) }
        return self
    }

    /// Both nonzero, as bool (`torch.logical_and`).
    public func logicalAnd(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.logicalAnd, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `logicalAnd` (`Tensor.logical_and_`); returns `self`.
    @discardableResult
    public func logicalAnd_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.logicalAnd, other.operandValue.argument) }
        return self
    }

    /// Either nonzero, as bool (`torch.logical_or`).
    public func logicalOr(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.logicalOr, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `logicalOr` (`Tensor.logical_or_`); returns `self`.
    @discardableResult
    public func logicalOr_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.logicalOr, other.operandValue.argument) }
        return self
    }

    /// Exactly one nonzero, as bool (`torch.logical_xor`).
    public func logicalXor(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.logicalXor, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `logicalXor` (`Tensor.logical_xor_`); returns `self`.
    @discardableResult
    public func logicalXor_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.logicalXor, other.operandValue.argument) }
        return self
    }

    /// Bitwise and of integer or bool tensors (`torch.bitwise_and`).
    public func bitwiseAnd(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.bitwiseAnd, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `bitwiseAnd` (`Tensor.bitwise_and_`); returns `self`.
    @discardableResult
    public func bitwiseAnd_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.bitwiseAnd, other.operandValue.argument) }
        return self
    }

    /// Bitwise or of integer or bool tensors (`torch.bitwise_or`).
    public func bitwiseOr(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.bitwiseOr, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `bitwiseOr` (`Tensor.bitwise_or_`); returns `self`.
    @discardableResult
    public func bitwiseOr_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.bitwiseOr, other.operandValue.argument) }
        return self
    }

    /// Bitwise xor of integer or bool tensors (`torch.bitwise_xor`).
    public func bitwiseXor(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.bitwiseXor, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `bitwiseXor` (`Tensor.bitwise_xor_`); returns `self`.
    @discardableResult
    public func bitwiseXor_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.bitwiseXor, other.operandValue.argument) }
        return self
    }

    /// `self + alpha * other` (`torch.add(self, other, alpha=alpha)`).
    public func add(_ other: some TensorOperand, alpha: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.add, .tensor(self), alphaScaled(other.operandValue, alpha.operandValue)) }
    }

    /// `self - alpha * other` (`torch.sub(self, other, alpha=alpha)`).
    public func sub(_ other: some TensorOperand, alpha: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.sub, .tensor(self), alphaScaled(other.operandValue, alpha.operandValue)) }
    }

    /// `alpha * other`, computed in the dtype of `self op other` with `alpha` cast to it, as
    /// PyTorch does (`alpha_check`): the result's dtype is that of `self op other`.
    func alphaScaled(_ other: OperandValue, _ alpha: OperandValue) throws(TensorError) -> BinaryArgument {
        let a: Scalar
        switch alpha {
        case .scalar(let s): a = s
        case .tensor(let t):
            guard t.numel == 1 else {
                throw TensorError.runtime("a Tensor with \(t.numel) elements cannot be converted to Scalar")
            }
            a = t.dtype.isFloatingPoint ? .float(t.item()) : t.dtype == .bool ? .bool(t.item() != 0)
                : .int(t.item(as: Int64.self))
        }
        let result: DType
        switch other {
        case .tensor(let b): result = resultType(self, b)
        case .scalar(let s): result = resultType(self, s)
        }
        if a.category == .bool && result != .bool {
            throw TensorError.runtime("Boolean alpha only supported for Boolean results.")
        }
        if a.category == .floating && !result.isFloatingPoint {
            throw TensorError.runtime("For integral input tensors, argument alpha must not be a floating point number.")
        }
        switch other {
        case .tensor(let b):
            let factor: Scalar = result == .bool ? .bool(a.converted(to: Bool.self)) : a
            return .tensor(try Tensor.binary(.mul, .tensor(b.casted(result)), .scalar(factor)))
        case .scalar(let s):
            if s.category == .floating || a.category == .floating { return .scalar(.float(s.doubleValue * a.doubleValue)) }
            if s.category == .integer || a.category == .integer {
                return .scalar(.int(s.converted(to: Int64.self) &* a.converted(to: Int64.self)))
            }
            return .scalar(.bool(s.converted(to: Bool.self) && a.converted(to: Bool.self)))
        }
    }

    /// True division: integer inputs give float32 (`torch.div`); `roundingMode` `.trunc` or
    /// `.floor` (or PyTorch's string, `"floor"`) rounds the quotient
    /// (`torch.div(a, b, rounding_mode='floor')`), whose gradient is zero (`DivBackward2`, as in
    /// PyTorch).
    public func div(_ other: some TensorOperand, roundingMode: RoundingMode? = nil) -> Tensor {
        attempt {
            let argument = other.operandValue.argument
            guard let roundingMode else { return try Tensor.binary(.div, .tensor(self), argument) }
            // Computed from detached inputs, so that the steps record nothing, and recorded as one node.
            let otherTensor: Tensor? = if case .tensor(let t) = argument { t } else { nil }
            let result = try detach().roundedDivision(otherTensor.map { .tensor($0.detach()) } ?? argument, mode: roundingMode)
            if Tensor.recording([self, otherTensor]) { Tensor.recordRoundedDivision(self, otherTensor, result: result) }
            return result
        }
    }

    /// `self / argument` rounded by `mode` (`.floor` or `.trunc`).
    private func roundedDivision(_ argument: BinaryArgument, mode: RoundingMode) throws(TensorError) -> Tensor {
        switch mode {
        case .floor:
            return try Tensor.binary(.floorDivide, .tensor(self), argument)
        case .trunc:
            let promoted: DType
            switch argument {
            case .tensor(let o): promoted = resultType(self, o)
            case .scalar(let s): promoted = resultType(self, s)
            }
            if promoted.isFloatingPoint {
                return try Tensor.binary(.div, .tensor(self), argument).unary(.trunc, floatingOnly: false)
            }
            if promoted == .bool { throw TensorError.notImplemented("\"div_trunc_cpu\" not implemented for 'Bool'") }
            // Integers: (a - fmod(a, b)) // b is exact (no trip through float32); fmod and
            // floor division raise PyTorch's ZeroDivisionError.
            let a = try casted(promoted)
            let remainder = try Tensor.binary(.fmod, .tensor(a), argument)
            let exact = try Tensor.binary(.sub, .tensor(a), .tensor(remainder))
            return try Tensor.binary(.floorDivide, .tensor(exact), argument)
        case .unrecognized:
            throw TensorError.runtime(
                "div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode)'")
        }
    }

    /// In-place true division (`Tensor.div_`); returns `self`.
    @discardableResult
    public func div_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.div, other.operandValue.argument) }
        return self
    }

    /// A tensor operand as a tensor (scalars become 0-dim tensors of their default dtype).
    static func binaryOperand(_ value: some TensorOperand) -> Tensor {
        switch value.operandValue {
        case .tensor(let t): return t
        case .scalar(let s): return Tensor.full([], s)
        }
    }
}
