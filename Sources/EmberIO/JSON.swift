// JSON.swift
//
// The JSON of safetensors headers and of the optimizer entries in their metadata: a strict parser
// over bytes that keeps what the readers above it check (every member of an object in order, so
// that a duplicate name is seen; a number's text, so that `1` and `1.0` stay an int and a float,
// as Python reads them), with a nesting limit, and the writer's string escaping.

// MARK: - Values

/// A parsed JSON value.
enum JSONValue: Equatable {
    /// An object's members in the order the text has them; a repeated name appears twice.
    case object([JSONMember])
    case array([JSONValue])
    case string(String)
    /// A number as its text (`12`, `-0.5`, `1e-08`; `NaN`, `Infinity` and `-Infinity` where
    /// non-finite numbers are allowed).
    case number(String)
    case bool(Bool)
    case null

    /// The kind of value, for messages.
    var kindName: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a bool"
        case .null: "null"
        }
    }
}

/// One member of a JSON object.
struct JSONMember: Equatable {
    var name: String
    var value: JSONValue
}

/// Why a text is not JSON, and the byte where the parser stopped.
struct JSONSyntaxError: Error, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "\(message) at byte \(offset)" }
}

// MARK: - Parser

/// A strict JSON parser (RFC 8259) over UTF-8 bytes.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted (serde_json's recursion limit).
    static let depthLimit = 128

    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var depth = 0
    /// Whether `NaN`, `Infinity` and `-Infinity` are numbers (Python's `json` writes them).
    private let allowNonFinite: Bool

    private init(_ bytes: UnsafeRawBufferPointer, allowNonFinite: Bool) {
        self.bytes = bytes
        self.allowNonFinite = allowNonFinite
    }

    /// Parses one value that fills `bytes` but for white space around it.
    static func parse(_ bytes: UnsafeRawBufferPointer, allowNonFinite: Bool = false) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes, allowNonFinite: allowNonFinite)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("trailing characters") }
        return value
    }

    /// Parses a string's UTF-8 text.
    static func parse(_ text: String, allowNonFinite: Bool = false) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        do {
            return try text.withUTF8 { utf8 in try parse(UnsafeRawBufferPointer(utf8), allowNonFinite: allowNonFinite) }
        } catch {
            throw error as! JSONSyntaxError  // the closure throws nothing else
        }
    }

    private func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, offset: position) }

    private var atEnd: Bool { position >= bytes.count }
    private var current: UInt8 { bytes[position] }

    private mutating func skipWhitespace() {
        while !atEnd, current == 0x20 || current == 0x0A || current == 0x0D || current == 0x09 { position += 1 }
    }

    private mutating func expect(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        guard bytes.count - position >= count else { throw error("expected `\(literal)`") }
        for i in 0..<count where bytes[start + i] != literal.utf8Start[i] {
            position = start + i
            throw error("expected `\(literal)`")
        }
        position += count
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard !atEnd else { throw error("EOF while parsing a value") }
        switch current {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "N") where allowNonFinite: try expect("NaN"); return .number("NaN")
        case UInt8(ascii: "I") where allowNonFinite: try expect("Infinity"); return .number("Infinity")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("expected value")
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.depthLimit else { throw error("recursion limit exceeded") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if !atEnd && current == UInt8(ascii: "}") {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard !atEnd, current == UInt8(ascii: "\"") else { throw error("key must be a string") }
            let name = try parseString()
            skipWhitespace()
            guard !atEnd, current == UInt8(ascii: ":") else { throw error("expected `:`") }
            position += 1
            skipWhitespace()
            members.append(JSONMember(name: name, value: try parseValue()))
            skipWhitespace()
            guard !atEnd else { throw error("EOF while parsing an object") }
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected `,` or `}`")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if !atEnd && current == UInt8(ascii: "]") {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard !atEnd else { throw error("EOF while parsing a list") }
            if current == UInt8(ascii: ",") { position += 1; continue }
            if current == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw error("expected `,` or `]`")
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if current == UInt8(ascii: "-") {
            position += 1
            if allowNonFinite, !atEnd, current == UInt8(ascii: "I") {
                try expect("Infinity")
                return "-Infinity"
            }
        }
        func digits(_ parser: inout JSONParser) -> Int {
            let from = parser.position
            while !parser.atEnd, parser.current >= UInt8(ascii: "0"), parser.current <= UInt8(ascii: "9") { parser.position += 1 }
            return parser.position - from
        }
        guard !atEnd, current >= UInt8(ascii: "0"), current <= UInt8(ascii: "9") else { throw error("invalid number") }
        if current == UInt8(ascii: "0") {
            position += 1
            if !atEnd, current >= UInt8(ascii: "0"), current <= UInt8(ascii: "9") { throw error("invalid number") }
        } else {
            _ = digits(&self)
        }
        if !atEnd, current == UInt8(ascii: ".") {
            position += 1
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        if !atEnd, current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            if !atEnd, current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    private mutating func hexQuad() throws(JSONSyntaxError) -> UInt32 {
        guard bytes.count - position >= 4 else { throw error("EOF while parsing a string") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = current
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw error("invalid escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// A string; the bytes must be valid UTF-8 (checked by the callers for whole headers, and
    /// here for each run of unescaped bytes).
    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1
        var scalars = String.UnicodeScalarView()
        var runStart = position
        func flush(_ parser: JSONParser, _ scalars: inout String.UnicodeScalarView, to end: Int) throws(JSONSyntaxError) {
            guard end > runStart else { return }
            let run = UnsafeRawBufferPointer(rebasing: parser.bytes[runStart..<end])
            guard let text = String(validating: run, as: UTF8.self) else {
                throw JSONSyntaxError(message: "invalid UTF-8 in a string", offset: runStart)
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard !atEnd else { throw error("EOF while parsing a string") }
            let c = current
            if c == UInt8(ascii: "\"") {
                try flush(self, &scalars, to: position)
                position += 1
                return String(scalars)
            }
            if c < 0x20 { throw error("control character (\\u\(String(c, radix: 16))) found while parsing a string") }
            if c != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            try flush(self, &scalars, to: position)
            position += 1
            guard !atEnd else { throw error("EOF while parsing a string") }
            let escape = current
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append("\"")
            case UInt8(ascii: "\\"): scalars.append("\\")
            case UInt8(ascii: "/"): scalars.append("/")
            case UInt8(ascii: "b"): scalars.append("\u{08}")
            case UInt8(ascii: "f"): scalars.append("\u{0C}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "u"):
                var code = try hexQuad()
                if (0xD800..<0xDC00).contains(code) {
                    guard bytes.count - position >= 2, current == UInt8(ascii: "\\"),
                          bytes[position + 1] == UInt8(ascii: "u") else { throw error("lone leading surrogate in hex escape") }
                    position += 2
                    let low = try hexQuad()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("lone leading surrogate in hex escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw error("lone trailing surrogate in hex escape") }
                scalars.append(scalar)
            default:
                position -= 1
                throw error("invalid escape")
            }
            runStart = position
        }
    }
}

// MARK: - Writer

enum JSONWriter {
    /// `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    /// A float as Python's `json.dumps` writes it: the shortest text that reads back as the same
    /// double, always with a `.` or an exponent (so that it reads back as a float), and `NaN`,
    /// `Infinity`, `-Infinity` for the non-finite values.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        let text = "\(x)"  // Swift's shortest round-trip form: "0.001", "1e-08", "1e+16", "2.0"
        return text
    }
}
