// NumPy.swift
//
// NumPy's `.npy` format (numpy/lib/format.py): the magic `\x93NUMPY`, a version byte pair, the
// header's length (2 bytes in version 1.0, 4 in 2.0 and 3.0), the header (a Python dict literal
// with `descr`, `fortran_order` and `shape`, padded with spaces and a newline so that the data
// starts at a multiple of 64), then the elements. See Note [Reading .npy].

import EmberCore
import Foundation
import OrderedCollections

// MARK: - NumPy

/// Reads and writes NumPy's `.npy` files (`np.save`, `np.load`) and `.npz` archives of them
/// (`np.savez`, `np.savez_compressed`).
///
/// ```swift
/// try NumPy.save(x, to: URL(fileURLWithPath: "x.npy"))
/// let y = try NumPy.load(from: URL(fileURLWithPath: "x.npy"))
///
/// try NumPy.savez(["weight": w, "bias": b], to: URL(fileURLWithPath: "arrays.npz"))
/// let arrays = try NumPy.loadz(from: URL(fileURLWithPath: "arrays.npz"))
/// ```
///
/// Ember's dtypes are written as `|b1`, `<i4`, `<i8`, `<f4` and `<f8`, in C order, in the
/// format version 1.0 that `np.save` writes (2.0 for a header too long for it), byte for byte as
/// NumPy writes them. Reading takes either byte order and C or Fortran order; `uint8`, `int8`,
/// `int16`, `uint16` read as `int32`, `uint32` as `int64`, `float16` as `float32`, all exactly.
/// Unlike `np.save`, the file name is used as given (no `.npy` added). Writes replace the file
/// atomically; a malformed file throws a `ValueError` with NumPy's message.
public enum NumPy {
    /// The longest header read (`np.load`'s `max_header_size`).
    public static let maximumHeaderSize = 10_000

    /// Writes `tensor` to `url` as a `.npy` file (`np.save(file, array)`), replacing any file
    /// there atomically. Throws Python's `OSError` when the file cannot be written.
    public static func save(_ tensor: Tensor, to url: URL) throws {
        try AtomicFile.replace(url) { temporary in
            let writer = try FileWriter(creating: temporary)
            try writer.write(headerBytes(dtype: tensor.dtype, shape: tensor.shape))
            let host = try hostContiguous(tensor)
            try withElementBytes(of: host) { try writer.write($0) }
            try writer.close()
        }
    }

    /// The array of the `.npy` file at `url` (`np.load(file)`), as a new CPU tensor; an array in
    /// Fortran order comes back as a transposed view with the same shape (as `torch.from_numpy`
    /// gives it).
    ///
    /// Throws NumPy's `ValueError`s for a malformed file (bad magic, version or header, data
    /// shorter than the shape, and, unlike NumPy, bytes after the data), a `TypeError` for a
    /// dtype Ember cannot hold (`uint64`, complex, strings, objects...), `FileNotFoundError` or
    /// `OSError` when it cannot be read.
    public static func load(from url: URL) throws -> Tensor {
        let file = try MappedFile(url)
        let bytes = file.bytes
        guard let headerEnd = try prefixLength(bytes, name: file.path) else {
            throw TensorError.value("EOF: reading array header, expected \(bytes.count < 10 ? 10 : 12) bytes got \(bytes.count) ('\(file.path)')")
        }
        guard headerEnd <= bytes.count else {
            throw TensorError.value("EOF: reading array header, expected \(headerEnd) bytes got \(bytes.count) ('\(file.path)')")
        }
        let header = try parseHeader(UnsafeRawBufferPointer(rebasing: bytes[..<headerEnd]), name: file.path)
        let available = bytes.count - headerEnd
        guard available >= header.dataByteCount else {
            throw TensorError.value("EOF: reading array data, expected \(header.dataByteCount) bytes got \(available) ('\(file.path)')")
        }
        guard available == header.dataByteCount else {
            throw TensorError.value("'\(file.path)' has \(available - header.dataByteCount) bytes after the array's \(header.dataByteCount) bytes of data")
        }
        return try header.makeTensor(UnsafeRawBufferPointer(rebasing: bytes[headerEnd...]), name: file.path)
    }

    // MARK: - Writing headers

    /// NumPy's descriptor of an Ember dtype.
    static func descr(_ dtype: DType) -> String {
        switch dtype {
        case .bool: "|b1"
        case .int32: "<i4"
        case .int64: "<i8"
        case .float32: "<f4"
        case .float64: "<f8"
        }
    }

    /// The magic, version, length and header that `np.save` writes for a C-order array
    /// (`_write_array_header`): the dict with its keys sorted, 21 spare spaces less the digits of
    /// the first size (room to grow it in place), then padding to 64 bytes and a newline; version
    /// 1.0 unless the header needs more than its 2-byte length.
    static func headerBytes(dtype: DType, shape: [Int]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr(dtype))', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first { header += String(repeating: " ", count: max(0, 21 - String(first).count)) }
        let body = Array(header.utf8)
        func wrapped(lengthBytes: Int, major: UInt8) -> [UInt8]? {
            let withNewline = body.count + 1
            let padding = 64 - ((6 + 2 + lengthBytes + withNewline) % 64)
            let length = withNewline + padding
            guard lengthBytes == 4 || length <= Int(UInt16.max) else { return nil }
            var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
            for i in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: length >> (8 * i))) }
            return out + body + [UInt8](repeating: UInt8(ascii: " "), count: padding) + [UInt8(ascii: "\n")]
        }
        if let v1 = wrapped(lengthBytes: 2, major: 1) { return v1 }
        return wrapped(lengthBytes: 4, major: 2)!
    }

    // MARK: - Reading headers

    // Note [Reading .npy]
    // -------------------
    // NumPy's `read_array` checks, in its order and with its messages: the magic; the version,
    // one of (1, 0), (2, 0), (3, 0); the header length, at most `max_header_size` (10,000)
    // characters, checked before the header is read; the header, a dict literal (parsed here by a
    // small parser of Python literals that takes what `ast.literal_eval` takes of dicts, tuples,
    // lists, strings, ints, `True`, `False` and `None`, nested at most 32 deep) with exactly the
    // keys `descr`, `fortran_order` and `shape`; a tuple of ints for the shape, a bool for the
    // order, and a descriptor. Then, beyond NumPy: no size is negative, the element and byte
    // counts do not overflow, a dict gives no key twice, and no more than 64 dimensions. So the
    // data's size is known, and checked against the file (or the zip member) before anything is
    // allocated for it.

    /// A parsed `.npy` header.
    struct Header {
        var element: StoredElement
        var byteSwapped: Bool
        var shape: [Int]
        var fortranOrder: Bool
        var count: Int
        var dataByteCount: Int

        /// The tensor of `bytes` (exactly `dataByteCount` of them).
        func makeTensor(_ bytes: UnsafeRawBufferPointer, name: String) throws -> Tensor {
            let stored = fortranOrder ? Array(shape.reversed()) : shape
            let tensor = try EmberIO.makeTensor(shape: stored, element: element, byteSwapped: byteSwapped,
                                                bytes: bytes, name: name)
            guard fortranOrder && shape.count > 1 else { return tensor }
            return try withErrorCapture { tensor.permute(Array((0..<shape.count).reversed())) }
        }
    }

    /// The number of bytes before the data (magic, version, length and header), from the first
    /// 10 or 12 bytes; `nil` when `bytes` is shorter than those. Checks the magic, the version and
    /// the header-size limit.
    static func prefixLength(_ bytes: UnsafeRawBufferPointer, name: String) throws(TensorError) -> Int? {
        let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)
        if bytes.count < 8 {
            // Too short to know the version; a wrong start is still reported as such.
            if !zip(bytes, magic).allSatisfy({ $0 == $1 }) { throw badMagic(bytes, name: name) }
            return nil
        }
        guard Array(bytes[0..<6]) == magic else { throw badMagic(bytes, name: name) }
        let (major, minor) = (bytes[6], bytes[7])
        guard minor == 0, (1...3).contains(major) else {
            throw TensorError.value("we only support format version (1,0), (2,0), and (3,0), not (\(major), \(minor)) ('\(name)')")
        }
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { return nil }
        var length = 0
        for i in 0..<lengthBytes { length |= Int(bytes[8 + i]) << (8 * i) }
        // NumPy counts characters; a version 3.0 (UTF-8) header may have up to 4 bytes a character,
        // which `parseHeader` checks again once it has the text.
        guard length <= maximumHeaderSize * (major == 3 ? 4 : 1) else {
            throw headerTooLarge(length, name: name)
        }
        return 8 + lengthBytes + length
    }

    private static func headerTooLarge(_ length: Int, name: String) -> TensorError {
        TensorError.value("Header info length (\(length)) is large and may not be safe to load securely. To allow loading, adjust `max_header_size` or fully trust the `.npy` file using `allow_pickle=True`. ('\(name)')")
    }

    private static func badMagic(_ bytes: UnsafeRawBufferPointer, name: String) -> TensorError {
        let shown = bytes.prefix(6).map { b -> String in
            (0x20..<0x7F).contains(b) && b != UInt8(ascii: "'") && b != UInt8(ascii: "\\")
                ? String(UnicodeScalar(b)) : "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
        }.joined()
        return TensorError.value("the magic string is not correct; expected b'\\x93NUMPY', got b'\(shown)' ('\(name)')")
    }

    /// Parses the bytes before the data (`prefix`, of the length `prefixLength` gave).
    static func parseHeader(_ prefix: UnsafeRawBufferPointer, name: String) throws(TensorError) -> Header {
        let major = prefix[6]
        let start = major == 1 ? 10 : 12
        let raw = UnsafeRawBufferPointer(rebasing: prefix[start...])
        let text: String
        if major == 3 {
            guard let utf8 = String(validating: raw, as: UTF8.self) else {
                throw TensorError.value("Cannot parse header: it is not UTF-8 ('\(name)')")
            }
            guard utf8.count <= maximumHeaderSize else { throw headerTooLarge(utf8.count, name: name) }
            text = utf8
        } else {
            text = String(raw.map { Character(UnicodeScalar($0)) })  // latin-1
        }
        let dict: PythonLiteral
        do {
            dict = try PythonLiteralParser.parse(text)
        } catch {
            throw TensorError.value("Cannot parse header: \(PythonLiteral.string(text).repr) (\(error)) ('\(name)')")
        }
        guard case .dict(let members) = dict else {
            throw TensorError.value("Header is not a dictionary: \(dict.repr) ('\(name)')")
        }
        var values: [String: PythonLiteral] = [:]
        var keysRepr: [String] = []
        for (key, value) in members {
            keysRepr.append(key.repr)
            guard case .string(let k) = key, values.updateValue(value, forKey: k) == nil else {
                if case .string(let k) = key { throw TensorError.value("Header gives the key '\(k)' twice ('\(name)')") }
                continue
            }
        }
        guard values.count == members.count, Set(values.keys) == ["descr", "fortran_order", "shape"] else {
            throw TensorError.value("Header does not contain the correct keys: [\(keysRepr.sorted().joined(separator: ", "))] ('\(name)')")
        }
        guard case .tuple(let sizes) = values["shape"]!,
              let shape = Optional(sizes.compactMap({ if case .int(let n) = $0 { n } else { nil } })),
              shape.count == sizes.count else {
            throw TensorError.value("shape is not valid: \(values["shape"]!.repr) ('\(name)')")
        }
        guard case .bool(let fortranOrder) = values["fortran_order"]! else {
            throw TensorError.value("fortran_order is not a valid bool: \(values["fortran_order"]!.repr) ('\(name)')")
        }
        let (element, byteSwapped) = try decodeDescr(values["descr"]!, name: name)
        guard shape.count <= maximumRank else {
            throw TensorError.value("maximum supported dimension for an ndarray is currently \(maximumRank), found \(shape.count) ('\(name)')")
        }
        if let negative = shape.first(where: { $0 < 0 }) {
            throw TensorError.value("negative dimensions are not allowed: shape \(values["shape"]!.repr) has \(negative) ('\(name)')")
        }
        var count = 1
        for size in shape {
            let (p, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw TensorError.value("array is too big; the shape \(values["shape"]!.repr) overflows ('\(name)')") }
            count = p
        }
        let (bytes, overflow) = count.multipliedReportingOverflow(by: element.byteCount)
        guard !overflow else { throw TensorError.value("array is too big; the shape \(values["shape"]!.repr) overflows ('\(name)')") }
        return Header(element: element, byteSwapped: byteSwapped, shape: shape, fortranOrder: fortranOrder,
                      count: count, dataByteCount: bytes)
    }

    /// The encoding of a `descr` value, and whether its bytes are swapped (big-endian).
    static func decodeDescr(_ descr: PythonLiteral, name: String) throws(TensorError) -> (StoredElement, Bool) {
        guard case .string(let text) = descr else {
            if case .list = descr {
                throw TensorError.type("structured NumPy dtypes (descr \(descr.repr)) have no Ember dtype ('\(name)')")
            }
            throw TensorError.value("descr is not a valid dtype descriptor: \(descr.repr) ('\(name)')")
        }
        var code = Substring(text)
        var byteOrder: Character = "="
        if let first = code.first, "<>|=".contains(first) {
            byteOrder = first
            code = code.dropFirst()
        }
        let elements: [String: StoredElement] = [
            "b1": .bool, "?": .bool, "u1": .uint8, "i1": .int8, "i2": .int16, "u2": .uint16, "i4": .int32,
            "u4": .uint32, "i8": .int64, "u8": .uint64, "f2": .float16, "f4": .float32, "f8": .float64,
        ]
        if let element = elements[String(code)] {
            guard element.dtype != nil else {
                throw TensorError.type("NumPy's \(text) (\(element.torchName)) has no Ember dtype that holds every value ('\(name)')")
            }
            return (element, element.byteCount > 1 && byteOrder == ">")
        }
        if code == "O" || code.hasPrefix("O") {
            throw TensorError.value("Object arrays cannot be loaded when allow_pickle=False ('\(name)')")
        }
        if let kind = code.first, "cfiubUSVaMmg".contains(kind), code.dropFirst().allSatisfy({ $0.isNumber || "[]smhDWYnuspfa".contains($0) }) {
            throw TensorError.type("NumPy's dtype '\(text)' has no Ember dtype (Ember reads bool, the integers but uint64, float16, float32 and float64) ('\(name)')")
        }
        throw TensorError.value("descr is not a valid dtype descriptor: \(descr.repr) ('\(name)')")
    }
}

// MARK: - Python literals

/// A Python literal of the kinds a `.npy` header holds.
indirect enum PythonLiteral: Equatable {
    case dict([(PythonLiteral, PythonLiteral)])
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case string(String)
    case int(Int)
    case bool(Bool)
    case none

    static func == (a: PythonLiteral, b: PythonLiteral) -> Bool { a.repr == b.repr }

    /// Python's `repr`.
    var repr: String {
        switch self {
        case .dict(let members): "{" + members.map { "\($0.0.repr): \($0.1.repr)" }.joined(separator: ", ") + "}"
        case .tuple(let xs): xs.count == 1 ? "(\(xs[0].repr),)" : "(" + xs.map(\.repr).joined(separator: ", ") + ")"
        case .list(let xs): "[" + xs.map(\.repr).joined(separator: ", ") + "]"
        case .string(let s):
            "'" + s.unicodeScalars.map { c -> String in
                switch c {
                case "'": "\\'"
                case "\\": "\\\\"
                case "\n": "\\n"
                case "\r": "\\r"
                case "\t": "\\t"
                default: c.value < 0x20 || c.value == 0x7F ? "\\x" + (c.value < 16 ? "0" : "") + String(c.value, radix: 16) : String(c)
                }
            }.joined() + "'"
        case .int(let n): String(n)
        case .bool(let b): b ? "True" : "False"
        case .none: "None"
        }
    }
}

/// Why a header is not a literal.
struct PythonSyntaxError: Error, CustomStringConvertible {
    var description: String
}

/// A parser of the Python literals of `.npy` headers: dicts, tuples, lists, strings (single or
/// double quotes, with the common escapes), ints (with Python 2's `L` suffix), `True`, `False`,
/// `None`.
struct PythonLiteralParser {
    static let depthLimit = 32
    private let scalars: [Unicode.Scalar]
    private var position = 0
    private var depth = 0

    static func parse(_ text: String) throws(PythonSyntaxError) -> PythonLiteral {
        var parser = PythonLiteralParser(scalars: Array(text.unicodeScalars))
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        guard parser.position == parser.scalars.count else { throw parser.error("unexpected text after the literal") }
        return value
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private func error(_ text: String) -> PythonSyntaxError { PythonSyntaxError(description: "\(text) at character \(position)") }
    private var atEnd: Bool { position >= scalars.count }

    private mutating func skipSpace() {
        while !atEnd, [" ", "\t", "\n", "\r", "\u{0C}"].contains(scalars[position]) { position += 1 }
    }

    private mutating func value() throws(PythonSyntaxError) -> PythonLiteral {
        guard !atEnd else { throw error("unexpected end") }
        let c = scalars[position]
        switch c {
        case "{": return try container(close: "}", dict: true)
        case "(": return try container(close: ")", dict: false)
        case "[": return try container(close: "]", dict: false)
        case "'", "\"": return .string(try string(quote: c))
        case "-", "+", "0"..."9": return .int(try integer())
        default:
            var word = ""
            while !atEnd, scalars[position].properties.isAlphabetic || scalars[position] == "_" {
                word.unicodeScalars.append(scalars[position])
                position += 1
            }
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            default: throw error(word.isEmpty ? "invalid syntax" : "'\(word)' is not a literal")
            }
        }
    }

    private mutating func container(close: Unicode.Scalar, dict: Bool) throws(PythonSyntaxError) -> PythonLiteral {
        let open = scalars[position]
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.depthLimit else { throw error("too deeply nested") }
        position += 1
        var elements: [PythonLiteral] = []
        var members: [(PythonLiteral, PythonLiteral)] = []
        var sawComma = false
        while true {
            skipSpace()
            guard !atEnd else { throw error("'\(open)' was never closed") }
            if scalars[position] == close { position += 1; break }
            let first = try value()
            skipSpace()
            if dict {
                guard !atEnd, scalars[position] == ":" else { throw error("expected ':'") }
                position += 1
                skipSpace()
                members.append((first, try value()))
                skipSpace()
            } else {
                elements.append(first)
            }
            guard !atEnd else { throw error("'\(open)' was never closed") }
            if scalars[position] == "," {
                position += 1
                sawComma = true
                continue
            }
            guard scalars[position] == close else { throw error("expected ',' or '\(close)'") }
            position += 1
            break
        }
        if dict { return .dict(members) }
        if open == "[" { return .list(elements) }
        // `(x)` is x itself; `(x,)` and `()` are tuples.
        return elements.count == 1 && !sawComma ? elements[0] : .tuple(elements)
    }

    private mutating func integer() throws(PythonSyntaxError) -> Int {
        var negative = false
        if scalars[position] == "-" || scalars[position] == "+" {
            negative = scalars[position] == "-"
            position += 1
            skipSpace()
        }
        var value = 0
        var digits = 0
        while !atEnd, let d = scalars[position].properties.numericType == .decimal ? Int(String(scalars[position])) : nil,
              scalars[position].isASCII {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(d)
            guard !o1 && !o2 else { throw error("integer too large") }
            value = sum
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw error("invalid syntax") }
        if !atEnd, scalars[position] == "L" || scalars[position] == "l" { position += 1 }  // Python 2
        if !atEnd, scalars[position] == "." || scalars[position] == "e" || scalars[position] == "E" || scalars[position] == "j" {
            throw error("only integers are read")
        }
        return negative ? -value : value
    }

    private mutating func string(quote: Unicode.Scalar) throws(PythonSyntaxError) -> String {
        position += 1
        var out = String.UnicodeScalarView()
        while true {
            guard !atEnd else { throw error("unterminated string literal") }
            let c = scalars[position]
            position += 1
            if c == quote { return String(out) }
            if c == "\n" { throw error("unterminated string literal") }
            guard c == "\\" else { out.append(c); continue }
            guard !atEnd else { throw error("unterminated string literal") }
            let e = scalars[position]
            position += 1
            switch e {
            case "n": out.append("\n")
            case "t": out.append("\t")
            case "r": out.append("\r")
            case "0": out.append("\0")
            case "\\", "'", "\"": out.append(e)
            default: out.append("\\"); out.append(e)
            }
        }
    }
}
