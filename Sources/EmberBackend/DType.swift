// MARK: - DType

/// The element type of a tensor (PyTorch's `torch.dtype`).
///
/// `float32` is the default floating type and `int64` the default integer type, as in PyTorch.
/// A `DType` prints as PyTorch's name: `torch.float32`.
public enum DType: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Boolean (`torch.bool`), one byte per element.
    case bool
    /// 32-bit signed integer (`torch.int32`, `torch.int`).
    case int32
    /// 64-bit signed integer (`torch.int64`, `torch.long`), the default integer type.
    case int64
    /// 32-bit IEEE float (`torch.float32`, `torch.float`), the default floating type.
    case float32
    /// 64-bit IEEE float (`torch.float64`, `torch.double`).
    case float64

    /// The kind of number a dtype holds, ordered for type promotion (bool < integer < floating).
    @usableFromInline package enum Category: Int, Sendable, Comparable {
        case bool, integer, floating
        @usableFromInline package static func < (lhs: Category, rhs: Category) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Bytes per element (`torch.dtype.itemsize`).
    @inlinable public var itemSize: Int {
        switch self {
        case .bool: 1
        case .int32, .float32: 4
        case .int64, .float64: 8
        }
    }

    /// Whether the dtype is a floating type (`torch.dtype.is_floating_point`).
    @inlinable public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The promotion category of the dtype.
    @inlinable package var category: Category {
        switch self {
        case .bool: .bool
        case .int32, .int64: .integer
        case .float32, .float64: .floating
        }
    }

    /// PyTorch's name, e.g. `torch.float32`.
    public var description: String {
        switch self {
        case .bool: "torch.bool"
        case .int32: "torch.int32"
        case .int64: "torch.int64"
        case .float32: "torch.float32"
        case .float64: "torch.float64"
        }
    }

    /// The name PyTorch uses in legacy type strings and some messages: `Float`, `Double`, `Long`, `Int`, `Bool`.
    @usableFromInline package var scalarTypeName: String {
        switch self {
        case .bool: "Bool"
        case .int32: "Int"
        case .int64: "Long"
        case .float32: "Float"
        case .float64: "Double"
        }
    }

    /// PyTorch's legacy tensor type name, e.g. `torch.FloatTensor` (used in autograd messages).
    @usableFromInline package var legacyTensorTypeName: String { "torch.\(scalarTypeName)Tensor" }

    /// The result type of combining two dtypes of equal priority (`torch.promote_types`).
    public static func promote(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if a.category != b.category { return a.category > b.category ? a : b }
        return a.itemSize >= b.itemSize ? a : b
    }
}

// MARK: - TensorScalar

/// A Swift type whose values can be stored in, or read from, a tensor.
///
/// `Float`, `Double`, `Int32`, `Int64` and `Bool` are the storage types of the five dtypes; `Int` reads
/// and writes as `int64`. Conversions between them follow PyTorch's casts: floating to integer
/// truncates toward zero, integer narrowing wraps, anything nonzero (NaN included) is `true`.
public protocol TensorScalar: Sendable, Equatable {
    /// The dtype this type is stored as.
    static var dtype: DType { get }
    /// Converts with PyTorch's cast semantics.
    init<T: TensorScalar>(converting value: T)
    /// The value widened to `Double`.
    var doubleValue: Double { get }
    /// The value as `Int64` (floating values truncate; NaN and out-of-range give `Int64.min`, as x86 does).
    var int64Value: Int64 { get }
    /// The value as a truth value (nonzero is `true`).
    var boolValue: Bool { get }
}

/// Truncates a double toward zero without trapping: NaN and out-of-range values give `Int64.min`
/// (what x86's `cvttsd2si` gives for PyTorch's `static_cast`).
@inlinable @inline(__always)
package func truncatingInt64(_ d: Double) -> Int64 {
    (d > -9.223372036854775808e18 && d < 9.223372036854775808e18) ? Int64(d) : Int64.min
}

extension Float: TensorScalar {
    @inlinable public static var dtype: DType { .float32 }
    @inlinable @inline(__always) public init<T: TensorScalar>(converting v: T) {
        switch T.dtype.category {
        case .floating: self = Float(v.doubleValue)
        case .integer: self = Float(v.int64Value)
        case .bool: self = v.boolValue ? 1 : 0
        }
    }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { truncatingInt64(Double(self)) }
    @inlinable public var boolValue: Bool { self != 0 }
}

extension Double: TensorScalar {
    @inlinable public static var dtype: DType { .float64 }
    @inlinable @inline(__always) public init<T: TensorScalar>(converting v: T) {
        switch T.dtype.category {
        case .floating: self = v.doubleValue
        case .integer: self = Double(v.int64Value)
        case .bool: self = v.boolValue ? 1 : 0
        }
    }
    @inlinable public var doubleValue: Double { self }
    @inlinable public var int64Value: Int64 { truncatingInt64(self) }
    @inlinable public var boolValue: Bool { self != 0 }
}

extension Int64: TensorScalar {
    @inlinable public static var dtype: DType { .int64 }
    @inlinable @inline(__always) public init<T: TensorScalar>(converting v: T) {
        switch T.dtype.category {
        case .floating: self = truncatingInt64(v.doubleValue)
        case .integer: self = v.int64Value
        case .bool: self = v.boolValue ? 1 : 0
        }
    }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { self }
    @inlinable public var boolValue: Bool { self != 0 }
}

extension Int: TensorScalar {
    @inlinable public static var dtype: DType { .int64 }
    @inlinable @inline(__always) public init<T: TensorScalar>(converting v: T) {
        self = Int(Int64(converting: v))
    }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { Int64(self) }
    @inlinable public var boolValue: Bool { self != 0 }
}

extension Int32: TensorScalar {
    @inlinable public static var dtype: DType { .int32 }
    @inlinable @inline(__always) public init<T: TensorScalar>(converting v: T) {
        if T.dtype.category == .floating {
            // A direct 32-bit conversion as on x86 (cvttsd2si): NaN, inf and out-of-range give Int32.min.
            let d = v.doubleValue
            self = d > -2_147_483_649.0 && d < 2_147_483_648.0 ? Int32(d) : .min
        } else {
            self = Int32(truncatingIfNeeded: Int64(converting: v))
        }
    }
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public var int64Value: Int64 { Int64(self) }
    @inlinable public var boolValue: Bool { self != 0 }
}

extension Bool: TensorScalar {
    @inlinable public static var dtype: DType { .bool }
    @inlinable @inline(__always) public init<T: TensorScalar>(converting v: T) { self = v.boolValue }
    @inlinable public var doubleValue: Double { self ? 1 : 0 }
    @inlinable public var int64Value: Int64 { self ? 1 : 0 }
    @inlinable public var boolValue: Bool { self }
}

// MARK: - Scalar

/// A number that is not a tensor: a fill value, a bound, the right side of `t + 2` (PyTorch's `Scalar`).
///
/// Swift literals convert: `2` is `.int(2)`, `2.5` is `.float(2.5)`, `true` is `.bool(true)`. As in
/// PyTorch, a Python-style scalar takes part in type promotion only through its category.
public enum Scalar: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, CustomStringConvertible
{
    /// A Python `bool` (`True`, `False`).
    case bool(Bool)
    /// A Python `int`.
    case int(Int64)
    /// A Python `float`.
    case float(Double)

    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// Wraps any tensor scalar, keeping its category.
    @inlinable public init<T: TensorScalar>(_ value: T) {
        switch T.dtype.category {
        case .bool: self = .bool(value.boolValue)
        case .integer: self = .int(value.int64Value)
        case .floating: self = .float(value.doubleValue)
        }
    }

    /// The category used for type promotion.
    @usableFromInline package var category: DType.Category {
        switch self {
        case .bool: .bool
        case .int: .integer
        case .float: .floating
        }
    }

    /// The dtype PyTorch gives a tensor made from this scalar alone (`torch.tensor(2.5)` is float32).
    @usableFromInline package var defaultDType: DType {
        switch self {
        case .bool: .bool
        case .int: .int64
        case .float: .float32
        }
    }

    /// Converts to a storage type with PyTorch's cast semantics.
    @inlinable public func converted<T: TensorScalar>(to: T.Type = T.self) -> T {
        switch self {
        case .bool(let b): T(converting: b)
        case .int(let i): T(converting: i)
        case .float(let d): T(converting: d)
        }
    }

    /// The value as a `Double`.
    public var doubleValue: Double { converted(to: Double.self) }

    public var description: String {
        switch self {
        case .bool(let b): b ? "True" : "False"
        case .int(let i): String(i)
        case .float(let d): String(d)
        }
    }
}

// MARK: - Dtype dispatch

/// A kernel generic over the element type, run by `DType.dispatch` with the storage type of a
/// dtype: the one `switch dtype` at a dispatch point, so inner loops are specialized.
@usableFromInline package protocol ScalarTypeVisitor {
    associatedtype Result
    func visit<T: TensorScalar>(_ type: T.Type) -> Result
}

extension DType {
    /// Runs `visitor` with this dtype's Swift storage type.
    @inlinable @inline(__always)
    package func dispatch<V: ScalarTypeVisitor>(_ visitor: V) -> V.Result {
        switch self {
        case .float32: visitor.visit(Float.self)
        case .float64: visitor.visit(Double.self)
        case .int32: visitor.visit(Int32.self)
        case .int64: visitor.visit(Int64.self)
        case .bool: visitor.visit(Bool.self)
        }
    }
}
