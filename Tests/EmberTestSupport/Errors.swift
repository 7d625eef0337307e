// Errors.swift
//
// The two ways a failure can be observed: inside `withErrorCapture` it is thrown as a
// `TensorError` with PyTorch's exception kind and message; outside, it stops the process, which
// an exit test sees (the message is on the child's standard error). Tables of `OpErrorCase`
// rows are checked both ways with `expectCaptured` and `expectStops`.

import Ember
import Testing

/// One failing call and PyTorch's exception for it (its Python type and message).
public struct OpErrorCase: Sendable, CustomTestStringConvertible {
    /// The case's name, unique in its table (an exit test finds the case by it).
    public let name: String
    /// PyTorch's exception type.
    public let kind: TensorError.Kind
    /// PyTorch's message (`str(exception)`).
    public let message: String
    /// For known bugs: what Ember does differently.
    public let bug: String?
    /// Whether the case needs a machine where CUDA cannot be used.
    public let needsNoCUDA: Bool
    /// The failing call.
    public let body: @Sendable () -> Void

    /// A case whose `body` should fail with `kind` and `message`.
    public init(_ name: String, _ kind: TensorError.Kind, _ message: String, bug: String? = nil,
                needsNoCUDA: Bool = false, _ body: @escaping @Sendable () -> Void) {
        self.name = name
        self.kind = kind
        self.message = message
        self.bug = bug
        self.needsNoCUDA = needsNoCUDA
        self.body = body
    }

    /// A case whose `body` should fail with a `RuntimeError`.
    public init(_ name: String, _ message: String, bug: String? = nil, needsNoCUDA: Bool = false,
                _ body: @escaping @Sendable () -> Void) {
        self.init(name, .runtimeError, message, bug: bug, needsNoCUDA: needsNoCUDA, body)
    }

    /// Whether the case can run on this machine.
    public var applies: Bool { !needsNoCUDA || !Device.cuda.isAvailable }

    public var testDescription: String { name }
}

/// A table of error cases, in which an exit test's child process finds a case again by name.
public protocol OpErrorTable {
    /// Every case of the table.
    static var all: [OpErrorCase] { get }
}

extension OpErrorTable {
    /// The case called `name`; stops the process when there is none.
    public static func named(_ name: String) -> OpErrorCase {
        guard let c = all.first(where: { $0.name == name }) else { fatalError("no error case named \(name)") }
        return c
    }
}

/// Expects `c` to fail inside `withErrorCapture` with PyTorch's exception kind and message.
public func expectCaptured(_ c: OpErrorCase, sourceLocation: SourceLocation = #_sourceLocation) {
    guard c.applies else { return }
    expectTensorError(c.kind, c.message, sourceLocation: sourceLocation) { c.body() }
}

/// Expects `c`, a case of `table`, to stop the process with PyTorch's message on its standard
/// error when it runs outside a capture scope (in an exit test's child process, which finds the
/// case again through the table's mangled type name and the case's name).
public func expectStops(
    _ c: OpErrorCase, in table: any OpErrorTable.Type, sourceLocation: SourceLocation = #_sourceLocation
) async {
    guard c.applies else { return }
    guard let tableName = _mangledTypeName(table) else {
        Issue.record("no mangled name for \(table)", sourceLocation: sourceLocation)
        return
    }
    let result = await #expect(
        processExitsWith: .failure, observing: [\.standardErrorContent], sourceLocation: sourceLocation
    ) { [tableName = tableName as String, name = c.name as String] in
        guard let table = _typeByName(tableName) as? any OpErrorTable.Type else {
            fatalError("no error table \(tableName)")
        }
        table.named(name).body()
    }
    expectStopped(result, with: c.message, sourceLocation: sourceLocation)
}

/// Runs `body` with failures captured and returns the first one, or `nil` if none.
public func capturedError(_ body: () -> Void) -> TensorError? {
    do {
        try withErrorCapture { body() }
        return nil
    } catch {
        return error as? TensorError
    }
}

/// Expects `body` to fail with exactly PyTorch's message (and exception kind).
public func expectTensorError(
    _ kind: TensorError.Kind = .runtimeError, _ message: String,
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void
) {
    let error = #expect(throws: TensorError.self, sourceLocation: sourceLocation) {
        try withErrorCapture { body() }
    }
    guard let error else { return }
    #expect(error.message == message, sourceLocation: sourceLocation)
    #expect(error.kind == kind, sourceLocation: sourceLocation)
}

/// Expects `body` to finish without a captured failure.
public func expectNoTensorError(sourceLocation: SourceLocation = #_sourceLocation, _ body: () -> Void) {
    #expect(throws: Never.self, sourceLocation: sourceLocation) { try withErrorCapture { body() } }
}

/// The standard error of an exit test, as text.
public func standardErrorText(_ result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}

/// Checks that a stopped process wrote `message` on its standard error (the bytes of the
/// `Fatal error: <message>` line).
public func expectStopped(
    _ result: ExitTest.Result?, with message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let result else {
        Issue.record("the process did not stop as expected", sourceLocation: sourceLocation)
        return
    }
    let stderr = result.standardErrorContent
    let found = stderr.count >= message.utf8.count && contains(stderr, Array(message.utf8))
    #expect(found, "standard error does not contain \"\(message)\": \(standardErrorText(result))",
            sourceLocation: sourceLocation)
}

/// Checks that an exit test's child process wrote nothing on its standard error.
public func expectSilent(_ result: ExitTest.Result?, sourceLocation: SourceLocation = #_sourceLocation) {
    if let result, !result.standardErrorContent.isEmpty {
        Issue.record("child wrote: \(standardErrorText(result))", sourceLocation: sourceLocation)
    }
}

private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    guard haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}
