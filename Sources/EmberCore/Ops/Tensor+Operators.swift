import EmberBackend

// MARK: - Operators

extension Tensor {
    /// `lhs.add(rhs)`.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { attempt { try Tensor.binary(.add, lhs, rhs) } }
    /// `lhs.add(rhs)` with a number on the right.
    public static func + <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.add(rhs) }
    /// `add` with a number on the left (PyTorch's reflected operator).
    public static func + <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.add, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.sub(rhs)`.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { attempt { try Tensor.binary(.sub, lhs, rhs) } }
    /// `lhs.sub(rhs)` with a number on the right.
    public static func - <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.sub(rhs) }
    /// `sub` with a number on the left (PyTorch's reflected operator).
    public static func - <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.sub, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.mul(rhs)`.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { attempt { try Tensor.binary(.mul, lhs, rhs) } }
    /// `lhs.mul(rhs)` with a number on the right.
    public static func * <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.mul(rhs) }
    /// `mul` with a number on the left (PyTorch's reflected operator).
    public static func * <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.mul, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.div(rhs)`.
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { attempt { try Tensor.binary(.div, lhs, rhs) } }
    /// `lhs.div(rhs)` with a number on the right.
    public static func / <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.div(rhs) }
    /// `div` with a number on the left (PyTorch's reflected operator).
    public static func / <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.div, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.remainder(rhs)`.
    public static func % (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.remainder(rhs) }
    /// `lhs.remainder(rhs)` with a number on the right.
    public static func % <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.remainder(rhs) }
    /// `remainder` with a number on the left (PyTorch's reflected operator).
    public static func % <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.remainder, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.eq(rhs)`.
    public static func .== (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.eq(rhs) }
    /// `lhs.eq(rhs)` with a number on the right.
    public static func .== <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.eq(rhs) }
    /// `eq` with a number on the left (PyTorch's reflected operator).
    public static func .== <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.eq, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.ne(rhs)`.
    public static func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ne(rhs) }
    /// `lhs.ne(rhs)` with a number on the right.
    public static func .!= <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.ne(rhs) }
    /// `ne` with a number on the left (PyTorch's reflected operator).
    public static func .!= <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.ne, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.lt(rhs)`.
    public static func .< (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.lt(rhs) }
    /// `lhs.lt(rhs)` with a number on the right.
    public static func .< <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.lt(rhs) }
    /// `lt` with a number on the left (PyTorch's reflected operator).
    public static func .< <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.lt, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.le(rhs)`.
    public static func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.le(rhs) }
    /// `lhs.le(rhs)` with a number on the right.
    public static func .<= <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.le(rhs) }
    /// `le` with a number on the left (PyTorch's reflected operator).
    public static func .<= <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.le, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.gt(rhs)`.
    public static func .> (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.gt(rhs) }
    /// `lhs.gt(rhs)` with a number on the right.
    public static func .> <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.gt(rhs) }
    /// `gt` with a number on the left (PyTorch's reflected operator).
    public static func .> <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.gt, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.ge(rhs)`.
    public static func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ge(rhs) }
    /// `lhs.ge(rhs)` with a number on the right.
    public static func .>= <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.ge(rhs) }
    /// `ge` with a number on the left (PyTorch's reflected operator).
    public static func .>= <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.ge, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.logicalAnd(rhs)`.
    public static func .& (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.logicalAnd(rhs) }
    /// `lhs.logicalAnd(rhs)` with a number on the right.
    public static func .& <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.logicalAnd(rhs) }
    /// `logicalAnd` with a number on the left (PyTorch's reflected operator).
    public static func .& <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.logicalAnd, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.logicalOr(rhs)`.
    public static func .| (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.logicalOr(rhs) }
    /// `lhs.logicalOr(rhs)` with a number on the right.
    public static func .| <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.logicalOr(rhs) }
    /// `logicalOr` with a number on the left (PyTorch's reflected operator).
    public static func .| <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.logicalOr, lhs.operandValue.argument, .tensor(rhs)) }
    }

    /// `lhs.logicalXor(rhs)`.
    public static func .^ (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.logicalXor(rhs) }
    /// `lhs.logicalXor(rhs)` with a number on the right.
    public static func .^ <S: TensorScalar & TensorOperand>(lhs: Tensor, rhs: S) -> Tensor { lhs.logicalXor(rhs) }
    /// `logicalXor` with a number on the left (PyTorch's reflected operator).
    public static func .^ <S: TensorScalar & TensorOperand>(lhs: S, rhs: Tensor) -> Tensor {
        attempt { try Tensor.binary(.logicalXor, lhs.operandValue.argument, .tensor(rhs)) }
    }

    // Note [Compound assignment]
    // The compound operators take `lhs` inout, as Swift's own do, so
    // that `t[mask] += u` is read, updated in place and written back through the subscript, as
    // Python's `t[mask] += u` is (`__getitem__`, `__iadd__`, `__setitem__`): through an advanced
    // index the read is a copy, which the write-back lands. On a variable (`var a`; `a += b`) the
    // update is in place in `a`'s storage and the write-back stores the same tensor.

    /// In place: `lhs.add_(rhs)`; writes into `lhs`'s storage (see Note [Compound assignment]).
    public static func += (lhs: inout Tensor, rhs: Tensor) { lhs.add_(rhs) }
    /// In place with a number: `lhs.add_(rhs)`.
    public static func += <S: TensorScalar & TensorOperand>(lhs: inout Tensor, rhs: S) { lhs.add_(rhs) }

    /// In place: `lhs.sub_(rhs)`; writes into `lhs`'s storage.
    public static func -= (lhs: inout Tensor, rhs: Tensor) { lhs.sub_(rhs) }
    /// In place with a number: `lhs.sub_(rhs)`.
    public static func -= <S: TensorScalar & TensorOperand>(lhs: inout Tensor, rhs: S) { lhs.sub_(rhs) }

    /// In place: `lhs.mul_(rhs)`; writes into `lhs`'s storage.
    public static func *= (lhs: inout Tensor, rhs: Tensor) { lhs.mul_(rhs) }
    /// In place with a number: `lhs.mul_(rhs)`.
    public static func *= <S: TensorScalar & TensorOperand>(lhs: inout Tensor, rhs: S) { lhs.mul_(rhs) }

    /// In place: `lhs.div_(rhs)`; writes into `lhs`'s storage.
    public static func /= (lhs: inout Tensor, rhs: Tensor) { lhs.div_(rhs) }
    /// In place with a number: `lhs.div_(rhs)`.
    public static func /= <S: TensorScalar & TensorOperand>(lhs: inout Tensor, rhs: S) { lhs.div_(rhs) }

    /// Negation (`-tensor`); bool tensors cannot be negated.
    public static prefix func - (operand: Tensor) -> Tensor { operand.neg() }

    /// Logical not (`~mask`, `torch.logical_not`).
    public static prefix func .! (operand: Tensor) -> Tensor { operand.logicalNot() }
}
