// Transcripts.swift
//
// Transcript tests: a line of PyTorch, what PyTorch 2.15 printed for it, and the same line in
// Ember, whose printed form must be identical, character for character. One check covers the
// values, the dtype, the shape, the printing and the error message at once, so a suite can sweep
// many ops and their edge cases (NaN, infinities, empty tensors, mixed dtypes) cheaply.
//
// The Python side printed `repr(result)` (a tuple one element per line, a `torch.Size` as a
// list), or `ERROR: ` and the first line of the exception's message; the Swift side prints
// `"\(tensor)"` and the first line of the `TensorError`'s message in the same way.

import Ember
import Testing

// MARK: - The Python side's names

/// `T` of the Python lines (`torch.tensor`) on a list of floats: a float32 tensor.
public func T(_ v: [Double]) -> Tensor { Tensor(v) }

/// `T` of the Python lines on a list of integers: an int64 tensor.
public func I(_ v: [Int]) -> Tensor { Tensor(v) }

/// `nan` of the Python lines (`float('nan')`).
public let nan = Double.nan

/// `inf` of the Python lines (`float('inf')`).
public let inf = Double.infinity

// MARK: - Cases

/// One line of a PyTorch session, what PyTorch printed for it, and Ember's version of the line.
public struct TranscriptCase: Sendable, CustomTestStringConvertible {
    /// A short name for the test report.
    public let name: String
    /// The PyTorch expression or statements (`T` is `torch.tensor`; each suite's header names
    /// its other Python helpers).
    public let pytorch: String
    /// What PyTorch printed.
    public let printed: String
    /// Ember's version, returning what it prints.
    public let body: @Sendable () throws -> String

    /// A case named `name` whose `body`, Ember's version of `pytorch`, should print `printed`.
    public init(_ name: String, _ pytorch: String, printed: String, _ body: @escaping @Sendable () throws -> String) {
        self.name = name
        self.pytorch = pytorch
        self.printed = printed
        self.body = body
    }

    public var testDescription: String { name }
}

/// What an Ember line produced, printed the way the Python side printed its result.
public enum Printed {
    /// A tensor.
    case t(Tensor)
    /// Several tensors (a tuple or a list of tensors), one per line.
    case ts([Tensor])
    /// A shape, as a Python list.
    case shape([Int])
    /// Text already in Python's form.
    case text(String)

    /// A pair of tensors (`values`, `indices`), one per line.
    public static func pair(_ a: Tensor, _ b: Tensor) -> Printed { .ts([a, b]) }

    /// Three results, one per line, `None` for a missing one.
    public static func triple(_ a: Tensor, _ b: Tensor?, _ c: Tensor?) -> Printed {
        .text(["\(a)", b.map { "\($0)" } ?? "None", c.map { "\($0)" } ?? "None"].joined(separator: "\n"))
    }

    /// A list of shapes or of integer lists, as Python prints a list of lists.
    public static func lists(_ values: [[Int]]) -> Printed { .text("\(values)") }

    /// The printed form.
    public var rendered: String {
        switch self {
        case .t(let t): "\(t)"
        case .ts(let ts): ts.map { "\($0)" }.joined(separator: "\n")
        case .shape(let s): "\(s)"
        case .text(let s): s
        }
    }
}

/// A case whose Ember line returns its printed form.
public func transcript(_ name: String, _ pytorch: String, _ printed: String,
                       _ body: @escaping @Sendable () throws -> String) -> TranscriptCase {
    TranscriptCase(name, pytorch, printed: printed, body)
}

/// A case whose Ember line returns results to print as the Python side printed them.
public func transcript(_ name: String, _ pytorch: String, _ printed: String,
                       _ body: @escaping @Sendable () throws -> Printed) -> TranscriptCase {
    TranscriptCase(name, pytorch, printed: printed) { try body().rendered }
}

/// Runs `c`'s Ember line with failures captured and checks that it prints what PyTorch printed.
public func expectTranscript(_ c: TranscriptCase, sourceLocation: SourceLocation = #_sourceLocation) {
    let got: String
    do {
        got = try withErrorCapture { try c.body() }
    } catch let error as TensorError {
        got = "ERROR: " + (error.message.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? "")
    } catch {
        got = "ERROR: \(error)"
    }
    #expect(got == c.printed, "PyTorch: \(c.pytorch)", sourceLocation: sourceLocation)
}
