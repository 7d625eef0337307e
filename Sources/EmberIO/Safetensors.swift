// Safetensors.swift
//
// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte little-endian
// header length N, N bytes of JSON header, then the tensors' bytes back to back. The reader
// follows the checks of safetensors' own (Rust) reader, and a few more; see Note [Reading
// safetensors].

import EmberCore
import Foundation
import OrderedCollections

// MARK: - Safetensors

/// Reads and writes safetensors files, the format of Hugging Face's `safetensors` library
/// (`safetensors.torch.save_file` / `load_file`).
///
/// ```swift
/// try Safetensors.save(model.stateDict(), to: url, metadata: ["epoch": "3"])
/// try model.loadStateDict(Safetensors.load(from: url))
///
/// try Safetensors.save(optimizer.stateDict(), to: optimizerURL)
/// optimizer.loadStateDict(try Safetensors.loadOptimizerStateDict(from: optimizerURL))
/// ```
///
/// Saving replaces the file atomically: a save that fails leaves the previous file as it was.
/// Loading maps the file into memory, checks the whole header before it makes any tensor, and
/// copies each tensor's bytes once, into a new tensor. A file that is not a well-formed
/// safetensors file throws a `SafetensorError`. ``SafetensorsFile`` opens a file to read its
/// metadata or single tensors (`safe_open`).
public enum Safetensors {
    /// The largest header accepted or written (safetensors' `MAX_HEADER_SIZE`, 100 MB).
    public static let maximumHeaderSize = 100_000_000

    /// Writes `tensors` to `url` in their order, with `metadata` (`save_file(tensors, filename,
    /// metadata)`), replacing any file there atomically.
    ///
    /// Each tensor is written as its dtype (`BOOL`, `I32`, `I64`, `F32`, `F64`) and shape, in
    /// row-major order whatever its strides, from whatever device it is on; tensors that share
    /// storage are written once each. In the data they are ordered by element size, largest
    /// first and otherwise as given, so that every tensor is aligned in the file; the header
    /// keeps the given order, which ``load(from:)`` returns.
    ///
    /// Fails with a `SafetensorError` for the reserved name `__metadata__` or a header over
    /// ``maximumHeaderSize``, and with Python's `OSError` when the file cannot be written; the
    /// file at `url` is then unchanged.
    public static func save(_ tensors: OrderedDictionary<String, Tensor>, to url: URL,
                            metadata: [String: String] = [:]) throws {
        try save(tensors, to: url, metadata: metadata, beforeWriting: { _ in })
    }

    /// `save(_:to:metadata:)`, with `beforeWriting` called with each tensor's name before its
    /// bytes are written (a test's way to make a save fail half-way).
    package static func save(_ tensors: OrderedDictionary<String, Tensor>, to url: URL, metadata: [String: String],
                             beforeWriting: (String) throws -> Void) throws {
        if tensors.keys.contains(metadataKey) {
            throw TensorError(.safetensorError, "Error while serializing: `\(metadataKey)` is reserved for the metadata and cannot name a tensor")
        }
        // The data: largest elements first (each tensor then starts at a multiple of its element
        // size, the header being padded to 8 bytes), stable otherwise.
        let order = tensors.values.indices.sorted {
            let (a, b) = (tensors.values[$0].elementSize, tensors.values[$1].elementSize)
            return a != b ? a > b : $0 < $1
        }
        var offsets = [Range<Int>](repeating: 0..<0, count: tensors.count)
        var end = 0
        for i in order {
            let t = tensors.values[i]
            let bytes = t.numel * t.elementSize
            offsets[i] = end..<(end + bytes)
            end += bytes
        }
        var header = "{"
        var first = true
        if !metadata.isEmpty {
            header += JSONWriter.quoted(metadataKey) + ":{"
            header += metadata.sorted { $0.key < $1.key }
                .map { JSONWriter.quoted($0.key) + ":" + JSONWriter.quoted($0.value) }.joined(separator: ",")
            header += "}"
            first = false
        }
        for (i, (name, t)) in tensors.enumerated() {
            if !first { header += "," }
            first = false
            header += JSONWriter.quoted(name) + ":{\"dtype\":\"" + code(for: t.dtype)
                + "\",\"shape\":[" + t.shape.map(String.init).joined(separator: ",")
                + "],\"data_offsets\":[\(offsets[i].lowerBound),\(offsets[i].upperBound)]}"
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
        guard headerBytes.count <= maximumHeaderSize else {
            throw TensorError(.safetensorError, "Error while serializing: header too large (\(headerBytes.count) bytes, at most \(maximumHeaderSize))")
        }

        try AtomicFile.replace(url) { temporary in
            let writer = try FileWriter(creating: temporary)
            var length = UInt64(headerBytes.count).littleEndian
            try withUnsafeBytes(of: &length) { try writer.write(Array($0)) }
            try writer.write(headerBytes)
            for i in order {
                let (name, t) = (tensors.keys[i], tensors.values[i])
                try beforeWriting(name)
                let host = try hostContiguous(t)
                try withElementBytes(of: host) { try writer.write($0) }
            }
            try writer.close()
        }
    }

    /// Every tensor of the file at `url`, in the header's order (`load_file(filename)`); the file's
    /// metadata is ``SafetensorsFile/metadata``.
    ///
    /// The whole header is checked before any tensor is made, and every tensor is made before
    /// this returns, so a file that fails gives nothing. Tensors of Ember's dtypes read as
    /// themselves; `U8`, `I8`, `I16`, `U16` read as `int32`, `U32` as `int64`, `F16` and `BF16`
    /// as `float32`, all exactly; `U64`, `C64` and the 8-, 6- and 4-bit floats have no Ember
    /// dtype and throw a `TypeError`.
    public static func load(from url: URL) throws -> OrderedDictionary<String, Tensor> {
        try SafetensorsFile(contentsOf: url).tensors()
    }

    /// The header key of the metadata.
    static let metadataKey = "__metadata__"

    /// The safetensors code of an Ember dtype.
    static func code(for dtype: DType) -> String {
        switch dtype {
        case .bool: "BOOL"
        case .int32: "I32"
        case .int64: "I64"
        case .float32: "F32"
        case .float64: "F64"
        }
    }

    /// Every dtype code safetensors defines, with its size in bits and the encoding Ember reads
    /// it as (`nil` where Ember has none).
    static let codes: [String: (bits: Int, element: StoredElement?)] = [
        "BOOL": (8, .bool), "U8": (8, .uint8), "I8": (8, .int8), "I16": (16, .int16), "U16": (16, .uint16),
        "F16": (16, .float16), "BF16": (16, .bfloat16), "I32": (32, .int32), "U32": (32, .uint32),
        "F32": (32, .float32), "F64": (64, .float64), "I64": (64, .int64), "U64": (64, .uint64),
        "C64": (64, nil), "F8_E5M2": (8, nil), "F8_E4M3": (8, nil), "F8_E8M0": (8, nil),
        "F8_E4M3FNUZ": (8, nil), "F8_E5M2FNUZ": (8, nil), "F4": (4, nil), "F6_E2M3": (6, nil), "F6_E3M2": (6, nil),
    ]
}

// MARK: - SafetensorsFile

// Note [Reading safetensors]
// --------------------------
// Opening a file maps it (nothing is read until used) and checks all of the header, in the order
// of safetensors' `SafeTensors::read_metadata` and with its messages (prefixed, as the Python
// binding's are, with "Error while deserializing header: "):
//
//  - at least 8 bytes ("header too small"); a declared header length of at most 100,000,000
//    ("header too large"), checked before anything is allocated; the header inside the file
//    ("invalid header length");
//  - UTF-8 ("invalid UTF-8 in header") and JSON ("invalid JSON in header"), nested at most 128
//    deep; an object whose `__metadata__` is an object of strings, and whose other members are
//    objects with a known `dtype` code, a `shape` of non-negative integers (at most 64 of them)
//    and two non-negative `data_offsets`. Unlike serde's map, a name given twice is an error,
//    not the last one winning;
//  - in the order of their offsets, the tensors cover the data from its first byte, each
//    starting where the previous one ends ("invalid offset for tensor"), the byte count of each
//    shape and dtype computed without overflow ("overflow computing buffer size") and equal to
//    its offsets ("invalid shape, data type, or offset for tensor"), and the last ending at the
//    end of the file ("incomplete metadata, file not fully covered": no trailing bytes either).
//
// So every tensor's bytes lie inside the file, no two overlap, and a tensor's allocation is at
// most a few times its bytes in the file (the widened encodings), whatever the header declares.

/// An open safetensors file (`safe_open(filename, framework="pt")`): its names, metadata and the
/// dtype and shape of each tensor, read from the header; a tensor's bytes are read and copied only
/// when ``tensor(_:)`` asks for it. See ``Safetensors``.
public final class SafetensorsFile: @unchecked Sendable {
    /// What the header says of one tensor.
    public struct TensorInfo: Sendable, Hashable {
        /// The tensor's name.
        public let name: String
        /// safetensors' dtype code: `F32`, `I64`, `BF16`...
        public let dtype: String
        /// The tensor's shape.
        public let shape: [Int]
        /// Where its bytes are, counted from the start of the data (after the header).
        public let dataOffsets: Range<Int>
        /// The dtype ``SafetensorsFile/tensor(_:)`` gives it; `nil` when Ember has none.
        public var emberDType: DType? { Safetensors.codes[dtype]?.element?.dtype }
    }

    /// The file's metadata (`metadata()`); empty when it has none.
    public let metadata: [String: String]
    /// The tensor names in the header's order (`keys()`).
    public let keys: [String]

    private let file: MappedFile
    private let infos: [String: TensorInfo]
    /// Where the data starts in the file.
    private let dataStart: Int

    /// Opens and checks the file at `url`; see Note [Reading safetensors]. Throws a
    /// `SafetensorError` for a malformed file, `FileNotFoundError` or `OSError` when it cannot be
    /// opened.
    public init(contentsOf url: URL) throws {
        file = try MappedFile(url)
        let bytes = file.bytes
        let path = file.path
        func failure(_ text: String) -> TensorError {
            TensorError(.safetensorError, "Error while deserializing header: \(text) (file '\(path)')")
        }
        guard bytes.count >= 8 else {
            throw failure("header too small: the file has \(bytes.count) bytes, fewer than the 8 of the header length")
        }
        let declared = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        guard declared <= UInt64(Safetensors.maximumHeaderSize) else {
            throw failure("header too large: \(declared) bytes declared, at most \(Safetensors.maximumHeaderSize)")
        }
        let headerLength = Int(declared)
        guard headerLength <= bytes.count - 8 else {
            throw failure("invalid header length: \(headerLength) bytes declared, \(bytes.count - 8) in the file after the length")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[8..<(8 + headerLength)])
        guard String(validating: headerBytes, as: UTF8.self) != nil else { throw failure("invalid UTF-8 in header") }
        let header: JSONValue
        do {
            header = try JSONParser.parse(headerBytes)
        } catch {
            throw failure("invalid JSON in header: \(error)")
        }
        guard case .object(let members) = header else {
            throw failure("invalid JSON in header: expected an object, found \(header.kindName)")
        }

        var metadata: [String: String]?
        var infos: [String: TensorInfo] = [:]
        var order: [TensorInfo] = []
        for member in members {
            if member.name == Safetensors.metadataKey {
                guard metadata == nil else { throw failure("invalid JSON in header: duplicate field `__metadata__`") }
                var values: [String: String] = [:]
                switch member.value {
                case .null: break
                case .object(let entries):
                    for entry in entries {
                        guard case .string(let value) = entry.value else {
                            throw failure("invalid JSON in header: metadata `\(entry.name)` is \(entry.value.kindName), expected a string")
                        }
                        guard values.updateValue(value, forKey: entry.name) == nil else {
                            throw failure("invalid JSON in header: duplicate metadata key `\(entry.name)`")
                        }
                    }
                default:
                    throw failure("invalid JSON in header: `__metadata__` is \(member.value.kindName), expected an object of strings")
                }
                metadata = values
                continue
            }
            let info = try Self.tensorInfo(member, failure)
            guard infos.updateValue(info, forKey: info.name) == nil else {
                throw failure("invalid JSON in header: duplicate tensor name `\(info.name)`")
            }
            order.append(info)
        }

        // In offset order (stable for empty tensors), the tensors tile the data exactly.
        let byOffset = order.indices.sorted {
            let (a, b) = (order[$0].dataOffsets, order[$1].dataOffsets)
            return (a.lowerBound, a.upperBound, $0) < (b.lowerBound, b.upperBound, $1)
        }
        var end = 0
        for i in byOffset {
            let info = order[i]
            guard info.dataOffsets.lowerBound == end else {
                throw failure("invalid offset for tensor `\(info.name)`: its data starts at \(info.dataOffsets.lowerBound), the previous tensor's ends at \(end)")
            }
            end = info.dataOffsets.upperBound
            let bits = Safetensors.codes[info.dtype]!.bits
            var count = 1
            var overflow = false
            for size in info.shape {
                let (p, o) = count.multipliedReportingOverflow(by: size)
                count = p
                overflow = overflow || o
            }
            let (totalBits, o) = count.multipliedReportingOverflow(by: bits)
            guard !overflow && !o else {
                throw failure("overflow computing buffer size from shape and/or element type for tensor `\(info.name)` of shape \(info.shape)")
            }
            guard totalBits % 8 == 0 else {
                throw failure("tensor `\(info.name)`: \(count) elements of \(info.dtype) do not end at a byte boundary")
            }
            guard totalBits / 8 == info.dataOffsets.count else {
                throw failure("invalid shape, data type, or offset for tensor `\(info.name)`: \(info.dtype) of shape \(info.shape) is \(totalBits / 8) bytes, its offsets [\(info.dataOffsets.lowerBound), \(info.dataOffsets.upperBound)] hold \(info.dataOffsets.count)")
            }
        }
        let dataStart = 8 + headerLength
        guard end == bytes.count - dataStart else {
            throw failure("incomplete metadata, file not fully covered: the tensors end at byte \(end) of the data, which has \(bytes.count - dataStart)")
        }
        self.metadata = metadata ?? [:]
        self.keys = order.map(\.name)
        self.infos = infos
        self.dataStart = dataStart
    }

    /// Reads one tensor's entry of the header.
    private static func tensorInfo(_ member: JSONMember, _ failure: (String) -> TensorError) throws -> TensorInfo {
        let name = member.name
        guard case .object(let fields) = member.value else {
            throw failure("invalid JSON in header: tensor `\(name)` is \(member.value.kindName), expected an object")
        }
        var dtype: String?, shape: [Int]?, offsets: [Int]?
        func integers(_ value: JSONValue, _ field: String) throws -> [Int] {
            guard case .array(let elements) = value else {
                throw failure("invalid JSON in header: `\(field)` of tensor `\(name)` is \(value.kindName), expected an array")
            }
            return try elements.map { element in
                guard case .number(let text) = element, let n = Int(text), n >= 0,
                      text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                    throw failure("invalid JSON in header: `\(field)` of tensor `\(name)` holds \(element), expected non-negative integers")
                }
                return n
            }
        }
        for field in fields {
            switch field.name {
            case "dtype":
                guard dtype == nil else { throw failure("invalid JSON in header: duplicate field `dtype` in tensor `\(name)`") }
                guard case .string(let code) = field.value else {
                    throw failure("invalid JSON in header: `dtype` of tensor `\(name)` is \(field.value.kindName), expected a string")
                }
                guard Safetensors.codes[code] != nil else {
                    throw failure("invalid JSON in header: unknown dtype `\(code)` for tensor `\(name)`")
                }
                dtype = code
            case "shape":
                guard shape == nil else { throw failure("invalid JSON in header: duplicate field `shape` in tensor `\(name)`") }
                shape = try integers(field.value, "shape")
                guard shape!.count <= maximumRank else {
                    throw failure("invalid JSON in header: tensor `\(name)` has \(shape!.count) dimensions, at most \(maximumRank) are supported")
                }
            case "data_offsets":
                guard offsets == nil else { throw failure("invalid JSON in header: duplicate field `data_offsets` in tensor `\(name)`") }
                offsets = try integers(field.value, "data_offsets")
                guard offsets!.count == 2 else {
                    throw failure("invalid JSON in header: `data_offsets` of tensor `\(name)` has \(offsets!.count) elements, expected 2")
                }
                guard offsets![0] <= offsets![1] else {
                    throw failure("invalid offset for tensor `\(name)`: it ends at \(offsets![1]), before its start at \(offsets![0])")
                }
            default:
                continue  // safetensors ignores other fields too
            }
        }
        guard let dtype else { throw failure("invalid JSON in header: missing field `dtype` in tensor `\(name)`") }
        guard let shape else { throw failure("invalid JSON in header: missing field `shape` in tensor `\(name)`") }
        guard let offsets else { throw failure("invalid JSON in header: missing field `data_offsets` in tensor `\(name)`") }
        return TensorInfo(name: name, dtype: dtype, shape: shape, dataOffsets: offsets[0]..<offsets[1])
    }

    /// What the header says of the tensor called `name`; `nil` when there is none.
    public func info(_ name: String) -> TensorInfo? { infos[name] }

    /// A new CPU tensor holding the tensor called `name` (`get_tensor(name)`): its bytes copied
    /// (converted for the encodings Ember reads as a wider dtype). Throws a `SafetensorError` when
    /// there is no such tensor, and a `TypeError` when Ember has no dtype for it.
    public func tensor(_ name: String) throws -> Tensor {
        guard let info = infos[name] else {
            throw TensorError(.safetensorError, "File does not contain tensor \(name)")
        }
        guard let element = Safetensors.codes[info.dtype]?.element, element.dtype != nil else {
            throw TensorError.type("tensor `\(name)` is \(info.dtype), which has no Ember dtype (Ember reads BOOL, U8, I8, I16, U16, I32, U32, I64, F16, BF16, F32 and F64)")
        }
        let range = (dataStart + info.dataOffsets.lowerBound)..<(dataStart + info.dataOffsets.upperBound)
        return try makeTensor(shape: info.shape, element: element,
                              bytes: UnsafeRawBufferPointer(rebasing: file.bytes[range]), name: name)
    }

    /// Every tensor, in the header's order; throws before returning any if one cannot be read.
    public func tensors() throws -> OrderedDictionary<String, Tensor> {
        for name in keys {
            let info = infos[name]!
            if Safetensors.codes[info.dtype]?.element?.dtype == nil { _ = try tensor(name) }  // throws its error
        }
        var result = OrderedDictionary<String, Tensor>(minimumCapacity: keys.count)
        for name in keys { result[name] = try tensor(name) }
        return result
    }
}
