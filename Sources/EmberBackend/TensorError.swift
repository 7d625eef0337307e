#if canImport(Glibc)
import Glibc
#endif

// MARK: - TensorError

/// A failed check in a tensor operation: a bad shape, dim, index, dtype or device, or an allocation
/// that the system refused.
///
/// Outside an error-capturing scope such a failure stops the process with the message, as an
/// uncaught PyTorch exception would. Inside `withErrorCapture { }` the first failure is kept and
/// thrown when the scope ends, and nothing stops. `message` is PyTorch's text.
public struct TensorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Python exception type PyTorch would raise.
    public enum Kind: String, Sendable, Equatable {
        /// Python's `RuntimeError`, PyTorch's error for most failed checks.
        case runtimeError = "RuntimeError"
        /// Python's `IndexError`: an index or dim out of range.
        case indexError = "IndexError"
        /// Python's `ValueError`.
        case valueError = "ValueError"
        /// Python's `TypeError`: an argument of the wrong type.
        case typeError = "TypeError"
        /// Python's `NotImplementedError`: an op a dtype or device does not have.
        case notImplementedError = "NotImplementedError"
        /// `torch.OutOfMemoryError`: a device allocation failed (the CPU's allocator raises a
        /// `RuntimeError`, as PyTorch's does).
        case outOfMemory = "OutOfMemoryError"
        /// Python's `KeyError`: a name that cannot be used or is not there.
        case keyError = "KeyError"
        /// Python's `AttributeError`: a module has no attribute of that name or kind.
        case attributeError = "AttributeError"
        /// Python's `AssertionError`: a failed `assert`-style check in PyTorch's Python code
        /// (`TensorDataset`'s "Size mismatch between tensors").
        case assertionError = "AssertionError"
        /// Python's `OSError`: a file could not be opened, read, written, synced or renamed.
        case osError = "OSError"
        /// Python's `FileNotFoundError`: a file to read is not there.
        case fileNotFoundError = "FileNotFoundError"
        /// safetensors' `SafetensorError`: a safetensors file that cannot be read or written.
        case safetensorError = "SafetensorError"
    }

    /// The exception type PyTorch raises for this failure.
    public let kind: Kind
    /// PyTorch's message, without the `RuntimeError: ` prefix.
    public let message: String

    /// Makes an error of the given kind.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// A `RuntimeError`.
    public static func runtime(_ message: String) -> TensorError { TensorError(.runtimeError, message) }
    /// An `IndexError`.
    public static func index(_ message: String) -> TensorError { TensorError(.indexError, message) }
    /// A `ValueError`.
    public static func value(_ message: String) -> TensorError { TensorError(.valueError, message) }
    /// A `TypeError`.
    public static func type(_ message: String) -> TensorError { TensorError(.typeError, message) }
    /// A `NotImplementedError`.
    public static func notImplemented(_ message: String) -> TensorError {
        TensorError(.notImplementedError, message)
    }

    /// Wraps any error; a `TensorError` passes through unchanged.
    public init(_ error: any Error) {
        self = (error as? TensorError) ?? TensorError(.runtimeError, "\(error)")
    }

    /// `Kind: message`, as Python prints an uncaught exception's last line.
    public var description: String { "\(kind.rawValue): \(message)" }
}

// MARK: - Capture scope

/// A value an operation can return after a failed check inside `withErrorCapture`, so the scope's
/// code runs on safely until the scope ends and throws.
public protocol ErrorPlaceholder {
    /// A harmless stand-in value.
    static var errorPlaceholder: Self { get }
}

extension Int: ErrorPlaceholder { public static var errorPlaceholder: Int { 0 } }
extension Int64: ErrorPlaceholder { public static var errorPlaceholder: Int64 { 0 } }
extension Int32: ErrorPlaceholder { public static var errorPlaceholder: Int32 { 0 } }
extension Double: ErrorPlaceholder { public static var errorPlaceholder: Double { .nan } }
extension Float: ErrorPlaceholder { public static var errorPlaceholder: Float { .nan } }
extension Bool: ErrorPlaceholder { public static var errorPlaceholder: Bool { false } }
extension Array: ErrorPlaceholder { public static var errorPlaceholder: [Element] { [] } }
extension Optional: ErrorPlaceholder { public static var errorPlaceholder: Wrapped? { nil } }
extension Device: ErrorPlaceholder { public static var errorPlaceholder: Device { .cpu } }

/// Runs an operation's checks and body: the one place where a failed check becomes either a stop
/// (by default) or a captured error (inside `withErrorCapture`).
///
/// Every public operation wraps its work in `attempt`, and its checks `throw` a `TensorError`.
@inlinable @inline(__always)
package func attempt<T: ErrorPlaceholder>(_ body: () throws -> T) -> T {
    do {
        return try body()
    } catch {
        return reportFailure(TensorError(error))
    }
}

/// `attempt` for operations that return nothing: the mutations. Inside a capture scope that has
/// already failed, a mutation does nothing, so that a value standing in for a failed read (as in
/// `t[1...] += 1`, whose read of one number fails) is never written into a real tensor.
@inlinable @inline(__always)
package func attemptVoid(_ body: () throws -> Void) {
    if ThreadContext.current.hasCapturedFailure { return }
    do {
        try body()
    } catch {
        let _: Int = reportFailure(TensorError(error))
    }
}

/// Stops with the error's message, or records it and returns a placeholder inside a capture scope.
@usableFromInline @inline(never)
func reportFailure<T: ErrorPlaceholder>(_ error: TensorError) -> T {
    let context = ThreadContext.current
    guard context.captureDepth > 0 else {
        fatalError(error.message)
    }
    if context.capturedError == nil { context.capturedError = error }
    return T.errorPlaceholder
}

/// Runs `body` with tensor-operation failures captured instead of stopping the process; the
/// first failure is thrown as a `TensorError` when `body` returns.
///
/// ```swift
/// do {
///     let y = try withErrorCapture { x.view(5, 3) }
/// } catch let error as TensorError {
///     print(error.message)   // shape '[5, 3]' is invalid for input of size 12
/// }
/// ```
/// After a failure, the operations that follow in `body` receive placeholder results (empty
/// tensors) and do no work; nothing they produce should escape the scope. The scope is per
/// thread: code that hops threads inside `body` is not covered.
public func withErrorCapture<R>(_ body: () throws -> R) throws -> R {
    let context = ThreadContext.current
    let outer = context.capturedError
    context.capturedError = nil
    context.captureDepth += 1
    defer {
        context.captureDepth -= 1
        context.capturedError = outer
    }
    let result = try body()
    if let error = context.capturedError { throw error }
    return result
}

/// Whether failures on this thread are being captured by `withErrorCapture`.
public var isCapturingErrors: Bool { ThreadContext.current.captureDepth > 0 }
