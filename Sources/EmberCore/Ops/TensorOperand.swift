import EmberBackend

// MARK: - TensorOperand

/// The other side of a binary op: a tensor, or a Swift number (PyTorch's `Tensor | Number`).
public enum OperandValue {
    /// A tensor operand.
    case tensor(Tensor)
    /// A number, which takes part in type promotion through its category only (as a Python scalar).
    case scalar(Scalar)
}

/// A value that can stand on either side of `+`, `add(_:)`, `maximum(_:)`... : `Tensor`, `Int`,
/// `Double`, `Float`, `Bool`, `Int32`, `Int64` and `Scalar`.
public protocol TensorOperand {
    /// The tensor or scalar this value stands for.
    var operandValue: OperandValue { get }
}

extension Tensor: TensorOperand {
    public var operandValue: OperandValue { .tensor(self) }
}
extension Scalar: TensorOperand {
    public var operandValue: OperandValue { .scalar(self) }
}
extension Int: TensorOperand {
    public var operandValue: OperandValue { .scalar(.int(Int64(self))) }
}
extension Int64: TensorOperand {
    public var operandValue: OperandValue { .scalar(.int(self)) }
}
extension Int32: TensorOperand {
    public var operandValue: OperandValue { .scalar(.int(Int64(self))) }
}
extension Double: TensorOperand {
    public var operandValue: OperandValue { .scalar(.float(self)) }
}
extension Float: TensorOperand {
    public var operandValue: OperandValue { .scalar(.float(Double(self))) }
}
extension Bool: TensorOperand {
    public var operandValue: OperandValue { .scalar(.bool(self)) }
}

extension OperandValue {
    var argument: BinaryArgument {
        switch self {
        case .tensor(let t): .tensor(t)
        case .scalar(let s): .scalar(s)
        }
    }
}
