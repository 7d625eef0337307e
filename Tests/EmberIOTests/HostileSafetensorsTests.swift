// HostileSafetensorsTests.swift
//
// Truncated, corrupt and hostile safetensors files: each throws a clear error (safetensors' own
// message where it has one) before anything is allocated for its tensors, and loading one into a
// module leaves the module as it was.

import Ember
import EmberTestSupport
import Foundation
import Testing

/// One malformed file and what its error says.
struct HostileFile: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: @Sendable () -> [UInt8]
    let kind: TensorError.Kind
    let parts: [String]

    init(_ name: String, _ kind: TensorError.Kind, _ parts: String..., bytes: @escaping @Sendable () -> [UInt8]) {
        self.name = name
        self.kind = kind
        self.parts = parts
        self.bytes = bytes
    }

    /// A file whose error is a `SafetensorError`.
    init(_ name: String, _ parts: String..., bytes: @escaping @Sendable () -> [UInt8]) {
        self.name = name
        self.kind = .safetensorError
        self.parts = parts
        self.bytes = bytes
    }

    var testDescription: String { name }
}

/// A tensor entry of a header.
private func entry(_ name: String, _ dtype: String = "F32", _ shape: String, _ begin: Int, _ end: Int) -> String {
    "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
}

/// A valid file of two float32 tensors, `a` [2] and `b` [1], and its 12 bytes of data.
private let validHeader = "{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[1]", 8, 12) + "}"
private let validData = floatBytes([1, 2, 3])

private let hostileFiles: [HostileFile] = [
    HostileFile("emptyFile", "header too small") { [] },
    HostileFile("shorterThanTheLength", "header too small", "5 bytes") { [1, 2, 3, 4, 5] },
    HostileFile("headerLengthPastTheEnd", "invalid header length", "1000 bytes declared") {
        safetensorsFile(validHeader, data: validData, declaredLength: 1000)
    },
    HostileFile("hugeDeclaredHeader", "header too large", "18446744073709551615 bytes declared") {
        safetensorsFile(validHeader, data: validData, declaredLength: .max)
    },
    HostileFile("headerOverTheLimit", "header too large", "100000001 bytes declared") {
        safetensorsFile(validHeader, data: validData, declaredLength: 100_000_001)
    },
    HostileFile("invalidUTF8", "invalid UTF-8 in header") {
        safetensorsFile("{\"\u{FF}\":1}", data: []).map { $0 == 0xC3 ? 0xFF : $0 }
    },
    HostileFile("invalidJSON", "invalid JSON in header") { safetensorsFile("{\"a\":{\"dtype\":", data: []) },
    HostileFile("trailingGarbageInHeader", "invalid JSON in header", "trailing characters") {
        safetensorsFile(validHeader + "x", data: validData)
    },
    HostileFile("headerNotAnObject", "expected an object, found an array") { safetensorsFile("[1,2]") },
    HostileFile("deeplyNested", "recursion limit exceeded") {
        safetensorsFile("{\"a\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}")
    },
    HostileFile("tensorNotAnObject", "tensor `a` is a string") { safetensorsFile("{\"a\":\"x\"}") },
    HostileFile("missingField", "missing field `data_offsets` in tensor `a`") {
        safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", data: floatBytes([1, 2]))
    },
    HostileFile("unknownDType", "unknown dtype `F17` for tensor `a`") {
        safetensorsFile("{" + entry("a", "F17", "[2]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("dtypeNotAString", "`dtype` of tensor `a` is a number") {
        safetensorsFile("{\"a\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[0,8]}}", data: floatBytes([1, 2]))
    },
    HostileFile("negativeShape", "`shape` of tensor `a` holds", "non-negative integers") {
        safetensorsFile("{" + entry("a", "F32", "[-2]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("fractionalShape", "non-negative integers") {
        safetensorsFile("{" + entry("a", "F32", "[1.5]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("shapeBeyondInt64", "non-negative integers") {
        safetensorsFile("{" + entry("a", "F32", "[18446744073709551617]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("overflowingShapeProduct", "overflow computing buffer size", "tensor `a`") {
        safetensorsFile("{" + entry("a", "F32", "[4294967296,4294967296,16]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("overflowingByteCount", "overflow computing buffer size") {
        safetensorsFile("{" + entry("a", "F64", "[4611686018427387904]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("tooManyDimensions", "65 dimensions, at most 64") {
        let shape = "[" + Array(repeating: "1", count: 65).joined(separator: ",") + "]"
        return safetensorsFile("{" + entry("a", "F32", shape, 0, 4) + "}", data: floatBytes([1]))
    },
    HostileFile("shapeDisagreesWithOffsets", "invalid shape, data type, or offset for tensor `a`", "is 12 bytes",
                "hold 8") {
        safetensorsFile("{" + entry("a", "F32", "[3]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("hugeShapeSmallFile", "invalid shape, data type, or offset for tensor `a`") {
        safetensorsFile("{" + entry("a", "F32", "[1099511627776]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("hugeOffsetsSmallFile", "incomplete metadata, file not fully covered", "end at byte 4398046511104") {
        safetensorsFile("{" + entry("a", "F32", "[1099511627776]", 0, 4_398_046_511_104) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("overlappingOffsets", "invalid offset for tensor `b`") {
        safetensorsFile("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 4, 12) + "}",
                        data: validData)
    },
    HostileFile("gapBetweenTensors", "invalid offset for tensor `b`", "starts at 8", "ends at 4") {
        safetensorsFile("{" + entry("a", "F32", "[1]", 0, 4) + "," + entry("b", "F32", "[1]", 8, 12) + "}",
                        data: validData)
    },
    HostileFile("dataNotFromTheStart", "invalid offset for tensor `a`") {
        safetensorsFile("{" + entry("a", "F32", "[1]", 4, 8) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("offsetsReversed", "invalid offset for tensor `a`", "before its start") {
        safetensorsFile("{" + entry("a", "F32", "[0]", 8, 4) + "}", data: floatBytes([1, 2]))
    },
    HostileFile("oneOffset", "`data_offsets` of tensor `a` has 1 elements, expected 2") {
        safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", data: floatBytes([1, 2]))
    },
    HostileFile("offsetsOutsideTheData", "incomplete metadata, file not fully covered", "end at byte 16", "has 12") {
        safetensorsFile("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("b", "F32", "[2]", 8, 16) + "}",
                        data: validData)
    },
    HostileFile("dataNotCovered", "incomplete metadata, file not fully covered", "end at byte 8", "has 12") {
        safetensorsFile("{" + entry("a", "F32", "[2]", 0, 8) + "}", data: validData)
    },
    HostileFile("subByteDTypeOffBoundary", "do not end at a byte boundary") {
        safetensorsFile("{" + entry("a", "F4", "[3]", 0, 2) + "}", data: [0, 0])
    },
    HostileFile("duplicateTensorNames", "duplicate tensor name `a`") {
        safetensorsFile("{" + entry("a", "F32", "[2]", 0, 8) + "," + entry("a", "F32", "[1]", 8, 12) + "}",
                        data: validData)
    },
    HostileFile("duplicateFieldInATensor", "duplicate field `shape` in tensor `a`") {
        safetensorsFile("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"shape\":[1],\"data_offsets\":[0,8]}}",
                        data: floatBytes([1, 2]))
    },
    HostileFile("duplicateMetadata", "duplicate field `__metadata__`") {
        safetensorsFile("{\"__metadata__\":{},\"__metadata__\":{}}")
    },
    HostileFile("duplicateMetadataKey", "duplicate metadata key `k`") {
        safetensorsFile("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}")
    },
    HostileFile("metadataNotStrings", "metadata `epoch` is a number, expected a string") {
        safetensorsFile("{\"__metadata__\":{\"epoch\":3}}")
    },
    HostileFile("metadataNotAnObject", "`__metadata__` is an array") { safetensorsFile("{\"__metadata__\":[]}") },
    HostileFile("truncatedInTheData", "incomplete metadata, file not fully covered") {
        Array(safetensorsFile(validHeader, data: validData).dropLast())
    },
    HostileFile("truncatedInTheHeader", "invalid header length") {
        Array(safetensorsFile(validHeader, data: validData).prefix(20))
    },
    HostileFile("lengthFieldCut", "header too small") { Array(safetensorsFile(validHeader, data: validData).prefix(7)) },
    HostileFile("unreadableDType", .typeError, "tensor `a` is C64, which has no Ember dtype") {
        safetensorsFile("{" + entry("a", "C64", "[1]", 0, 8) + "}", data: floatBytes([1, 2]))
    },
]

@Suite struct HostileSafetensorsTests {
    /// Each malformed file throws its error from `load(from:)`.
    @Test(arguments: hostileFiles) func malformedFileThrows(_ c: HostileFile) throws {
        let dir = try ScratchDirectory()
        let url = dir.file("hostile.safetensors")
        let content = c.bytes()
        try write(content, to: url)
        let error = expectFileError(c.kind, c.parts) { _ = try Safetensors.load(from: url) }
        if c.kind == .safetensorError {
            #expect(error?.message.hasPrefix("Error while deserializing header: ") == true)
            #expect(error?.message.hasSuffix("(file '\(url.standardizedFileURL.path)')") == true
                    || error?.message.hasSuffix("(file '\(url.path)')") == true)
        }
        #expect(try bytes(url) == content, "the file is not changed")
    }

    /// Loading a malformed file into a module throws and leaves every parameter as it was, even
    /// when the file's first tensors are well formed.
    @Test func malformedFileLeavesTheModule() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("model.safetensors")
        let model = Linear(2, 1)
        let before = model.stateDict().mapValues { $0.clone() }
        // A good `weight`, then a `bias` whose dtype Ember cannot read.
        try write(safetensorsFile("{" + entry("weight", "F32", "[1,2]", 0, 8) + "," + entry("bias", "U64", "[1]", 8, 16) + "}",
                                  data: floatBytes([5, 6, 7, 8])), to: url)
        #expect(throws: TensorError.self) { try model.loadStateDict(Safetensors.load(from: url)) }
        // A good `weight` and a `bias` past the end of the file.
        try write(Array(safetensorsFile("{" + entry("weight", "F32", "[1,2]", 0, 8) + "," + entry("bias", "F32", "[1]", 8, 12) + "}",
                                        data: floatBytes([5, 6, 7])).dropLast(2)), to: url)
        #expect(throws: TensorError.self) { try model.loadStateDict(Safetensors.load(from: url)) }
        for (name, t) in model.stateDict() {
            #expect(t.scalars(as: Float.self) == before[name]!.scalars(as: Float.self), "\(name) unchanged")
        }
    }

    /// Every single-byte corruption of a valid file either still reads (a changed value) or
    /// throws a `SafetensorError`; none crashes.
    @Test func everyByteFlipped() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("flipped.safetensors")
        let valid = safetensorsFile("{\"__metadata__\":{\"k\":\"v\"}," + entry("a", "F32", "[2]", 0, 8) + ","
                                    + entry("b", "I64", "[1]", 8, 16) + "}",
                                    data: floatBytes([1, 2]) + [1, 0, 0, 0, 0, 0, 0, 0])
        for i in valid.indices {
            for pattern: UInt8 in [0xFF, 0x01, 0x80] {
                var corrupt = valid
                corrupt[i] ^= pattern
                try write(corrupt, to: url)
                do {
                    _ = try Safetensors.load(from: url)
                } catch let error as TensorError {
                    #expect(error.kind == .safetensorError || error.kind == .typeError, "byte \(i): \(error)")
                }
            }
        }
    }

    /// What safetensors accepts and Ember does too: `__metadata__: null`, fields it does not
    /// know, white space, escapes (a surrogate pair among them) in names, tensors listed out of
    /// offset order, bool bytes other than 0 and 1 (read as `true`, never as an invalid Bool).
    @Test func unusualButValidFiles() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("unusual.safetensors")
        try write(safetensorsFile(" { \"__metadata__\" : null ,\n \"b\\u00e9\\ud83d\\ude00\" : {\"dtype\":\"BOOL\", \"shape\":[3],"
                                  + " \"data_offsets\":[4,7], \"extra\": {\"x\": [1, 2.5e-3]}},"
                                  + entry("a", "F32", "[1]", 0, 4) + "}\t",
                                  data: floatBytes([1.5]) + [0, 2, 255]), to: url)
        let file = try SafetensorsFile(contentsOf: url)
        #expect(file.metadata.isEmpty)
        #expect(file.keys == ["bé😀", "a"])
        let t = try Safetensors.load(from: url)
        expectBools(t["bé😀"]!, shape: [3], [false, true, true])
        #expect(t["bé😀"]!.scalars(as: Int64.self) == [0, 1, 1])
        expectTensor(t["a"]!, shape: [1], values: [1.5], dtype: .float32)
    }

    /// A missing file, a directory.
    @Test func missingFileAndDirectory() throws {
        let dir = try ScratchDirectory()
        expectFileError(.fileNotFoundError, "[Errno 2] No such file or directory", "nope.safetensors") {
            _ = try Safetensors.load(from: dir.file("nope.safetensors"))
        }
        expectFileError(.osError, "[Errno 21] Is a directory") { _ = try Safetensors.load(from: dir.url) }
    }
}
