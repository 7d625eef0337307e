import EmberBackend

// MARK: - Bit shifts, bitwise operators, and numbers on the left

extension Tensor {
    /// Each element shifted left by `other`'s bits, broadcasting; a count that is negative or at
    /// least the width gives 0 (PyTorch's `torch.bitwise_left_shift`, Python's `t << n`).
    /// Integer tensors only.
    public func bitwiseLeftShift(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.bitwiseLeftShift, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `bitwiseLeftShift` (PyTorch's `Tensor.bitwise_left_shift_`); returns `self`.
    @discardableResult
    public func bitwiseLeftShift_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.bitwiseLeftShift, other.operandValue.argument) }
        return self
    }

    /// Each element shifted right (arithmetically) by `other`'s bits, broadcasting; a count that
    /// is negative or at least the width gives -1 for negative elements and 0 for the others
    /// (PyTorch's `torch.bitwise_right_shift`, Python's `t >> n`). Integer tensors only.
    public func bitwiseRightShift(_ other: some TensorOperand) -> Tensor {
        attempt { try Tensor.binary(.bitwiseRightShift, .tensor(self), other.operandValue.argument) }
    }

    /// In-place `bitwiseRightShift` (PyTorch's `Tensor.bitwise_right_shift_`); returns `self`.
    @discardableResult
    public func bitwiseRightShift_(_ other: some TensorOperand) -> Tensor {
        attemptVoid { try binaryInPlace(.bitwiseRightShift, other.operandValue.argument) }
        return self
    }

    // MARK: A number on the left

    /// A number divided by each element, rounded down (PyTorch's `torch.floor_divide(5, t)`,
    /// Python's `5 // t`): `Tensor.floorDivide(5, t)`.
    public static func floorDivide<S: TensorScalar & TensorOperand>(_ lhs: S, _ rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.floorDivide, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// A number and each element, bitwise (PyTorch's `torch.bitwise_and(5, t)`, Python's `5 & t`).
    public static func bitwiseAnd<S: TensorScalar & TensorOperand>(_ lhs: S, _ rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.bitwiseAnd, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// A number or each element, bitwise (PyTorch's `torch.bitwise_or(5, t)`, Python's `5 | t`).
    public static func bitwiseOr<S: TensorScalar & TensorOperand>(_ lhs: S, _ rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.bitwiseOr, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// A number xor each element, bitwise (PyTorch's `torch.bitwise_xor(5, t)`, Python's `5 ^ t`).
    public static func bitwiseXor<S: TensorScalar & TensorOperand>(_ lhs: S, _ rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.bitwiseXor, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// A number shifted left by each element (PyTorch's `torch.bitwise_left_shift(5, t)`,
    /// Python's `5 << t`).
    public static func bitwiseLeftShift<S: TensorScalar & TensorOperand>(_ lhs: S, _ rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.bitwiseLeftShift, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// A number shifted right by each element (PyTorch's `torch.bitwise_right_shift(5, t)`,
    /// Python's `5 >> t`).
    public static func bitwiseRightShift<S: TensorScalar & TensorOperand>(_ lhs: S, _ rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.bitwiseRightShift, lhs.operandValue.argument, .tensor(rhs)) }
    }

    // MARK: Operators

    /// `lhs.bitwiseAnd(rhs)` (PyTorch's `&`; for bool tensors the same as `.&`).
    public static func & (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseAnd(rhs) }
    /// `lhs.bitwiseAnd(rhs)` with a number on the right (PyTorch's `t & 5`).
    public static func & <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseAnd(rhs) }
    /// `bitwiseAnd` with a number on the left (PyTorch's `5 & t`).
    public static func & <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor { bitwiseAnd(lhs, rhs) }

    /// `lhs.bitwiseOr(rhs)` (PyTorch's `|`).
    public static func | (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseOr(rhs) }
    /// `lhs.bitwiseOr(rhs)` with a number on the right (PyTorch's `t | 5`).
    public static func | <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseOr(rhs) }
    /// `bitwiseOr` with a number on the left (PyTorch's `5 | t`).
    public static func | <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor { bitwiseOr(lhs, rhs) }

    /// `lhs.bitwiseXor(rhs)` (PyTorch's `^`).
    public static func ^ (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseXor(rhs) }
    /// `lhs.bitwiseXor(rhs)` with a number on the right (PyTorch's `t ^ 5`).
    public static func ^ <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseXor(rhs) }
    /// `bitwiseXor` with a number on the left (PyTorch's `5 ^ t`).
    public static func ^ <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor { bitwiseXor(lhs, rhs) }

    /// `lhs.bitwiseLeftShift(rhs)` (PyTorch's `<<`).
    public static func << (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseLeftShift(rhs) }
    /// `lhs.bitwiseLeftShift(rhs)` with a number on the right (PyTorch's `t << 2`).
    public static func << <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseLeftShift(rhs) }
    /// `bitwiseLeftShift` with a number on the left (PyTorch's `5 << t`).
    public static func << <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor { bitwiseLeftShift(lhs, rhs) }

    /// `lhs.bitwiseRightShift(rhs)` (PyTorch's `>>`).
    public static func >> (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseRightShift(rhs) }
    /// `lhs.bitwiseRightShift(rhs)` with a number on the right (PyTorch's `t >> 2`).
    public static func >> <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseRightShift(rhs) }
    /// `bitwiseRightShift` with a number on the left (PyTorch's `5 >> t`).
    public static func >> <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor { bitwiseRightShift(lhs, rhs) }

    /// In place: `lhs.bitwiseAnd_(rhs)` (PyTorch's `&=`); `rhs` is a tensor or a number.
    public static func &= (lhs: inout Tensor, rhs: some TensorOperand) { lhs.bitwiseAnd_(rhs) }
    /// In place: `lhs.bitwiseOr_(rhs)` (PyTorch's `|=`).
    public static func |= (lhs: inout Tensor, rhs: some TensorOperand) { lhs.bitwiseOr_(rhs) }
    /// In place: `lhs.bitwiseXor_(rhs)` (PyTorch's `^=`).
    public static func ^= (lhs: inout Tensor, rhs: some TensorOperand) { lhs.bitwiseXor_(rhs) }
    /// In place: `lhs.bitwiseLeftShift_(rhs)` (PyTorch's `<<=`).
    public static func <<= (lhs: inout Tensor, rhs: some TensorOperand) { lhs.bitwiseLeftShift_(rhs) }
    /// In place: `lhs.bitwiseRightShift_(rhs)` (PyTorch's `>>=`).
    public static func >>= (lhs: inout Tensor, rhs: some TensorOperand) { lhs.bitwiseRightShift_(rhs) }
}
