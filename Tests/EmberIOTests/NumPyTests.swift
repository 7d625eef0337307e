// NumPyTests.swift
//
// `.npy` and `.npz` files: round trips, the files NumPy wrote (Scripts/make-io-fixtures.py, whose
// values are the literals here), the bytes `np.save` writes, and malformed files.

import Ember
import EmberTestSupport
import Foundation
import OrderedCollections
import Testing
import ZIPFoundation

@Suite struct NumPyTests {
    // MARK: - .npy

    /// Every dtype, 0-d, empty and non-contiguous tensors come back as they were.
    @Test func npyRoundTrip() throws {
        let dir = try ScratchDirectory()
        let cases: [Tensor] = [
            Tensor([true, false, true]),
            Tensor([[Int32.min, 5], [0, Int32.max]]),
            Tensor([Int64.min, Int64.max]),
            Tensor([[1.5, -.infinity, .nan]], dtype: .float32),
            Tensor(0.1, dtype: .float64),
            Tensor.zeros(3, 0, 2, dtype: .float64),
            Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], dtype: .float64).t(),
        ]
        for (i, t) in cases.enumerated() {
            let url = dir.file("t\(i).npy")
            try NumPy.save(t, to: url)
            let back = try NumPy.load(from: url)
            #expect(back.dtype == t.dtype && back.shape == t.shape, "case \(i)")
            #expect(back.scalars(as: Double.self).map(\.bitPattern) == t.scalars(as: Double.self).map(\.bitPattern),
                    "case \(i)")
        }
        #expect(try dir.contents() == (0..<cases.count).map { "t\($0).npy" }.sorted())
    }

    /// Ember writes what `np.save` writes, byte for byte (header padding to 64 bytes included).
    @Test func writesNumPyBytes() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("x.npy")
        try NumPy.save(Tensor.arange(6, dtype: .float64).reshape(2, 3) / 8, to: url)
        #expect(try bytes(url) == bytes(fixture("f8_2x3.npy")))
        #expect(try bytes(url).count % 64 == 48)  // 128 header bytes, then 48 of data
    }

    /// The files NumPy wrote: Ember's dtypes as themselves, narrower ones widened, Fortran order
    /// as a transposed view, big-endian swapped, format 2.0, 0-d and empty arrays.
    @Test func readsNumPyFiles() throws {
        expectFloats(try NumPy.load(from: fixture("f4.npy")), shape: [2, 3], [1.5, -2.0, 3.25, 0.0, -0.0, 1e-3])
        #expect(try NumPy.load(from: fixture("f4.npy")).scalars(as: Float.self)[4].sign == .minus)
        let fortran = try NumPy.load(from: fixture("f8_fortran.npy"))
        expectTensor(fortran, shape: [2, 3], values: [0, 0.25, 0.5, 0.75, 1.0, 1.25], dtype: .float64)
        #expect(fortran.strides == [1, 2] && !fortran.isContiguous)
        expectInts(try NumPy.load(from: fixture("i8.npy")), shape: [3], [.min, .max, 5], dtype: .int64)
        expectInts(try NumPy.load(from: fixture("i4.npy")), shape: [2, 1], [-(1 << 31), (1 << 31) - 1], dtype: .int32)
        expectBools(try NumPy.load(from: fixture("b1.npy")), shape: [4], [true, false, false, true])
        expectInts(try NumPy.load(from: fixture("u1.npy")), shape: [3], [0, 200, 255], dtype: .int32)
        expectTensor(try NumPy.load(from: fixture("f2.npy")), shape: [3], values: [0.5, -65504, 0x1p-24], dtype: .float32)
        expectTensor(try NumPy.load(from: fixture("be_f8.npy")), shape: [3], values: [1, -2.5, 1e300], dtype: .float64)
        expectTensor(try NumPy.load(from: fixture("scalar.npy")), shape: [], values: [3.5], dtype: .float64)
        expectTensor(try NumPy.load(from: fixture("empty.npy")), shape: [0, 4], values: [], dtype: .float32)
        expectInts(try NumPy.load(from: fixture("v2.npy")), shape: [3], [1, 2, 3], dtype: .int64)
    }

    /// Bool bytes other than 0 and 1 read as `true`; the other widened integer encodings keep
    /// their signs; a header written by Python 2 (`L` suffixes, double quotes) reads.
    @Test func unusualButValidNpy() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("x.npy")
        try write(npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", data: [0, 2, 255]), to: url)
        #expect(try NumPy.load(from: url).scalars(as: Int64.self) == [0, 1, 1])
        try write(npyFile("{\"descr\": '<i2', \"fortran_order\": False, \"shape\": (2L,)}", data: [0xFF, 0xFF, 0x01, 0x80]), to: url)
        expectInts(try NumPy.load(from: url), shape: [2], [-1, -32767], dtype: .int32)
        try write(npyFile("{'descr': '>u4', 'fortran_order': True, 'shape': (1, 1)}", data: [0xFF, 0, 0, 1]), to: url)
        expectInts(try NumPy.load(from: url), shape: [1, 1], [4_278_190_081], dtype: .int64)
    }

    /// Dtypes Ember cannot hold: a `TypeError` naming it; object arrays: NumPy's own `ValueError`.
    @Test func unreadableNumPyDTypes() {
        expectFileError(.typeError, "NumPy's dtype '<c8' has no Ember dtype") { _ = try NumPy.load(from: fixture("c8.npy")) }
        expectFileError(.valueError, "Object arrays cannot be loaded when allow_pickle=False") {
            _ = try NumPy.load(from: fixture("object.npy"))
        }
    }

    // MARK: - .npz

    /// `np.savez` and `np.savez_compressed` archives read the same, in the archive's order.
    @Test(arguments: ["arrays.npz", "arrays_compressed.npz"]) func readsNumPyArchives(_ name: String) throws {
        let arrays = try NumPy.loadz(from: fixture(name))
        #expect(Array(arrays.keys) == ["a", "b", "c"])
        expectInts(arrays["a"]!, shape: [5], [0, 1, 2, 3, 4], dtype: .int64)
        expectBools(arrays["b"]!, shape: [2, 1], [true, false])
        expectFloats(arrays["c"]!, shape: [1, 2], [0.25, -1.0])
    }

    /// Archives Ember writes, stored or deflated, read back in order; members are `<name>.npy`
    /// files that are themselves what `NumPy.save` writes.
    @Test(arguments: [false, true]) func npzRoundTrip(_ compressed: Bool) throws {
        let dir = try ScratchDirectory()
        let url = dir.file("arrays.npz")
        let big = Tensor.arange(100_000, dtype: .float32)  // several chunks of the zip library
        let arrays: OrderedDictionary<String, Tensor> = [
            "weight": Tensor([[1.0, 2.0], [3.0, 4.0]], dtype: .float64).t(),
            "mask": Tensor([true, false]),
            "big": big,
            "scalar": Tensor(Int64(-3)),
            "émpty": Tensor.zeros(0, dtype: .int32),
        ]
        try NumPy.savez(arrays, to: url, compressed: compressed)
        let back = try NumPy.loadz(from: url)
        #expect(Array(back.keys) == Array(arrays.keys))
        for (name, t) in arrays {
            #expect(back[name]!.dtype == t.dtype && back[name]!.shape == t.shape, "\(name)")
            #expect(back[name]!.scalars(as: Double.self) == t.scalars(as: Double.self), "\(name)")
        }
        let archive = try Archive(url: url, accessMode: .read)
        #expect(archive.map(\.path) == ["weight.npy", "mask.npy", "big.npy", "scalar.npy", "émpty.npy"])
        #expect(archive.allSatisfy { $0.isCompressed == compressed })
        #expect(try dir.contents() == ["arrays.npz"])
    }

    /// Names that cannot be members.
    @Test func npzNames() throws {
        let dir = try ScratchDirectory()
        expectFileError(.valueError, "cannot name an array ''") { try NumPy.savez(["": Tensor([1.0])], to: dir.file("a.npz")) }
        expectFileError(.valueError, "cannot name an array 'a\\x00b'") {
            try NumPy.savez(["a\0b": Tensor([1.0])], to: dir.file("a.npz"))
        }
        #expect(try dir.contents().isEmpty)
    }
}

// MARK: - Malformed .npy files

/// The bytes of a `.npy` file of version `major`.0 with `header` (padded as NumPy pads it) and
/// `data`.
func npyFile(_ header: String, data: [UInt8] = [], major: UInt8 = 1) -> [UInt8] {
    let lengthBytes = major == 1 ? 2 : 4
    var body = Array(header.utf8)
    while (10 + (lengthBytes - 2) + body.count + 1) % 64 != 0 { body.append(UInt8(ascii: " ")) }
    body.append(UInt8(ascii: "\n"))
    var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, 0]
    for i in 0..<lengthBytes { out.append(UInt8(truncatingIfNeeded: body.count >> (8 * i))) }
    return out + body + data
}

/// An npy header for `descr` and `shape`.
private func header(_ descr: String = "'<f4'", fortran: String = "False", shape: String) -> String {
    "{'descr': \(descr), 'fortran_order': \(fortran), 'shape': \(shape), }"
}

private let hostileNpy: [HostileFile] = [
    HostileFile("empty", .valueError, "EOF: reading array header") { [] },
    HostileFile("badMagic", .valueError, "the magic string is not correct; expected b'\\x93NUMPY', got b'PK\\x03\\x04") {
        [0x50, 0x4B, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0]
    },
    HostileFile("truncatedMagic", .valueError, "EOF: reading array header, expected 10 bytes got 4") { [0x93, 78, 85, 77] },
    HostileFile("badVersion", .valueError, "we only support format version (1,0), (2,0), and (3,0), not (4, 0)") {
        var b = npyFile(header(shape: "(1,)"), data: floatBytes([1]))
        b[6] = 4
        return b
    },
    HostileFile("headerLengthPastTheEnd", .valueError, "EOF: reading array header, expected 1010 bytes got") {
        var b = npyFile(header(shape: "(1,)"), data: floatBytes([1]))
        (b[8], b[9]) = (0xE8, 0x03)
        return b
    },
    HostileFile("hugeHeaderLength", .valueError, "Header info length (4294967295) is large and may not be safe") {
        var b = npyFile(header(shape: "(1,)"), data: floatBytes([1]), major: 2)
        (b[8], b[9], b[10], b[11]) = (0xFF, 0xFF, 0xFF, 0xFF)
        return b
    },
    HostileFile("headerOverTheLimit", .valueError, "Header info length (10100) is large") {
        npyFile(header(shape: "(1,)") + String(repeating: " ", count: 10_000), data: floatBytes([1]), major: 2)
    },
    HostileFile("headerNotALiteral", .valueError, "Cannot parse header") { npyFile("{'descr': open('x')}") },
    HostileFile("headerUnterminated", .valueError, "Cannot parse header", "never closed") { npyFile("{'descr': '<f4'") },
    HostileFile("headerNotADict", .valueError, "Header is not a dictionary: [1, 2]") { npyFile("[1, 2]") },
    HostileFile("headerDeeplyNested", .valueError, "Cannot parse header", "too deeply nested") {
        npyFile(String(repeating: "(", count: 2_000))
    },
    HostileFile("wrongKeys", .valueError, "Header does not contain the correct keys: ['descr', 'shape']") {
        npyFile("{'descr': '<f4', 'shape': (1,)}", data: floatBytes([1]))
    },
    HostileFile("duplicateKey", .valueError, "Header gives the key 'shape' twice") {
        npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'shape': (2,)}", data: floatBytes([1, 2]))
    },
    HostileFile("shapeNotATuple", .valueError, "shape is not valid: [1]") {
        npyFile(header(shape: "[1]"), data: floatBytes([1]))
    },
    HostileFile("shapeOfStrings", .valueError, "shape is not valid: ('1',)") {
        npyFile(header(shape: "('1',)"), data: floatBytes([1]))
    },
    HostileFile("negativeShape", .valueError, "negative dimensions are not allowed") {
        npyFile(header(shape: "(-4,)"), data: floatBytes([1]))
    },
    HostileFile("overflowingShape", .valueError, "array is too big") {
        npyFile(header(shape: "(4611686018427387904, 4)"))
    },
    HostileFile("overflowingByteCount", .valueError, "array is too big") {
        npyFile(header(shape: "(4611686018427387904,)"))
    },
    HostileFile("shapeBeyondInt64", .valueError, "Cannot parse header", "integer too large") {
        npyFile(header(shape: "(99999999999999999999,)"))
    },
    HostileFile("tooManyDimensions", .valueError, "found 65") {
        npyFile(header(shape: "(" + Array(repeating: "1", count: 65).joined(separator: ", ") + ")"), data: floatBytes([1]))
    },
    HostileFile("fortranOrderNotABool", .valueError, "fortran_order is not a valid bool: 'no'") {
        npyFile(header(fortran: "'no'", shape: "(1,)"), data: floatBytes([1]))
    },
    HostileFile("invalidDescr", .valueError, "descr is not a valid dtype descriptor: 'zz9'") {
        npyFile(header("'zz9'", shape: "(1,)"), data: floatBytes([1]))
    },
    HostileFile("descrNotAString", .valueError, "descr is not a valid dtype descriptor: 4") {
        npyFile(header("4", shape: "(1,)"), data: floatBytes([1]))
    },
    HostileFile("structuredDescr", .typeError, "structured NumPy dtypes") {
        npyFile(header("[('x', '<f4')]", shape: "(1,)"), data: floatBytes([1]))
    },
    HostileFile("uint64", .typeError, "NumPy's <u8 (torch.uint64) has no Ember dtype") {
        npyFile(header("'<u8'", shape: "(1,)"), data: floatBytes([1, 2]))
    },
    HostileFile("dataTruncated", .valueError, "EOF: reading array data, expected 80 bytes got 8") {
        npyFile(header("'<f8'", shape: "(10,)"), data: floatBytes([1, 2]))
    },
    HostileFile("hugeShapeSmallFile", .valueError, "EOF: reading array data, expected 4398046511104 bytes got 4") {
        npyFile(header(shape: "(1099511627776,)"), data: floatBytes([1]))
    },
    HostileFile("trailingBytes", .valueError, "has 4 bytes after the array's 4 bytes of data") {
        npyFile(header(shape: "(1,)"), data: floatBytes([1, 2]))
    },
    HostileFile("version3NotUTF8", .valueError, "Cannot parse header: it is not UTF-8") {
        var b = npyFile(header(shape: "(1,)"), data: floatBytes([1]), major: 3)
        b[20] = 0xFF
        return b
    },
]

@Suite struct HostileNumPyTests {
    /// Each malformed `.npy` file throws NumPy's error (or Ember's where NumPy has none), and
    /// the same bytes as an `.npz` member throw it too.
    @Test(arguments: hostileNpy) func malformedNpyThrows(_ c: HostileFile) throws {
        let dir = try ScratchDirectory()
        let url = dir.file("hostile.npy")
        let content = c.bytes()
        try write(content, to: url)
        expectFileError(c.kind, c.parts) { _ = try NumPy.load(from: url) }
        #expect(try bytes(url) == content)

        // In an archive, stored: the member's own errors, or its size disagreeing with its header.
        let npz = dir.file("hostile.npz")
        let archive = try Archive(url: npz, accessMode: .create)
        try archive.addEntry(with: "x.npy", type: .file, uncompressedSize: Int64(content.count),
                             provider: { (position: Int64, size: Int) -> Data in Data(content[Int(position)..<(Int(position) + size)]) })
        let error = #expect(throws: TensorError.self) { _ = try NumPy.loadz(from: npz) }
        #expect(error?.kind == c.kind, "\(String(describing: error))")
    }

    /// Every single-byte corruption of a valid file reads (a changed value) or throws; none
    /// crashes.
    @Test func everyByteFlipped() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("flipped.npy")
        let valid = npyFile(header(shape: "(2,)"), data: floatBytes([1, 2]))
        for i in valid.indices {
            for pattern: UInt8 in [0xFF, 0x01, 0x80, 0x20] {
                var corrupt = valid
                corrupt[i] ^= pattern
                try write(corrupt, to: url)
                do { _ = try NumPy.load(from: url) } catch { #expect(error is TensorError) }
            }
        }
    }
}

// MARK: - Malformed .npz archives

@Suite struct HostileArchiveTests {
    /// The limit for tests that guard against a hang. Each runs in well under a second alone, but
    /// the clock of a time limit runs while the test waits for a thread of a loaded parallel run
    /// (CI once measured more than a minute for `everyByteFlipped`), so the limit is generous: a
    /// hang still fails the test long before CI's own limit.
    static let hangLimit: TimeLimitTrait = .timeLimit(.minutes(10))

    /// A valid stored archive written by NumPy, and where its members are.
    private func archiveBytes(_ name: String = "arrays.npz") throws -> [UInt8] { try bytes(fixture(name)) }

    private func load(_ content: [UInt8], in dir: ScratchDirectory) throws -> OrderedDictionary<String, Tensor> {
        let url = dir.file("hostile.npz")
        try write(content, to: url)
        return try NumPy.loadz(from: url)
    }

    /// The end-of-central-directory record's offset in `bytes`.
    private func eocd(_ bytes: [UInt8]) -> Int {
        var at = bytes.count - 22
        while !(bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == 5 && bytes[at + 3] == 6) { at -= 1 }
        return at
    }

    @Test func notAZipFile() throws {
        let dir = try ScratchDirectory()
        expectFileError(.valueError, "File is not a zip file") { _ = try load(Array("not a zip file at all".utf8), in: dir) }
        expectFileError(.valueError, "File is not a zip file") { _ = try load([], in: dir) }
    }

    @Test func truncatedArchive() throws {
        let dir = try ScratchDirectory()
        let valid = try archiveBytes()
        for cut in [valid.count / 3, valid.count / 2, valid.count - 30, valid.count - 1] {
            expectFileError(.valueError) { _ = try load(Array(valid.prefix(cut)), in: dir) }
        }
    }

    /// The central directory says there are more members than can be read.
    @Test func memberCountDisagrees() throws {
        let dir = try ScratchDirectory()
        var content = try archiveBytes()
        let at = eocd(content)
        content[at + 8] = 5
        content[at + 10] = 5
        expectFileError(.valueError, "the central directory lists 5 members, 3 of them could be read") {
            _ = try load(content, in: dir)
        }
    }

    /// A flipped byte in a stored member's data: its CRC-32 no longer matches.
    @Test func badChecksum() throws {
        let dir = try ScratchDirectory()
        var content = try archiveBytes()
        // The first member (`a`, int64) starts the archive; its data follows a 128-byte header.
        let dataAt = 30 + (Int(content[26]) | Int(content[27]) << 8) + (Int(content[28]) | Int(content[29]) << 8)
        content[dataAt + 128 + 3] ^= 0x40
        expectFileError(.valueError, "Bad CRC-32 for file 'a.npy'") { _ = try load(content, in: dir) }
    }

    /// The central directory declares a member far larger than its bytes could hold.
    @Test func impossibleMemberSize() throws {
        let dir = try ScratchDirectory()
        var content = try archiveBytes()
        let at = eocd(content)
        let directory = Int(content[at + 16]) | Int(content[at + 17]) << 8 | Int(content[at + 18]) << 16
        // The first central-directory record's uncompressed size (ZIP64 records keep it in an
        // extra field: NumPy forces ZIP64 in local headers only, so this one is the real size).
        for i in 0..<4 { content[directory + 24 + i] = 0x7F }
        expectFileError(.valueError, "are impossible") { _ = try load(content, in: dir) }
    }

    /// A member whose name is not `<key>.npy`, and two members of the same name.
    @Test func badMembers() throws {
        let dir = try ScratchDirectory()
        let member = npyFile(header(shape: "(1,)"), data: floatBytes([1]))
        func archive(_ names: [String]) throws -> URL {
            let url = dir.file("members-\(names.count)-\(names.first!).npz")
            let archive = try Archive(url: url, accessMode: .create)
            for name in names {
                try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(member.count),
                                     provider: { (p: Int64, s: Int) -> Data in Data(member[Int(p)..<(Int(p) + s)]) })
            }
            return url
        }
        let notNpy = try archive(["readme.txt"])
        expectFileError(.valueError, "the member 'readme.txt' is not an .npy file") { _ = try NumPy.loadz(from: notNpy) }
        let twice = try archive(["a.npy", "a.npy"])
        expectFileError(.valueError, "two members named 'a.npy'") { _ = try NumPy.loadz(from: twice) }
        let dirEntry = dir.file("dir.npz")
        let a = try Archive(url: dirEntry, accessMode: .create)
        try a.addEntry(with: "sub/", type: .directory, uncompressedSize: 0,
                       provider: { (_: Int64, _: Int) -> Data in Data() })
        expectFileError(.valueError, "the member 'sub/' is not an .npy file") { _ = try NumPy.loadz(from: dirEntry) }
    }

    /// A member whose header declares more data than the member holds.
    @Test func memberShorterThanItsHeader() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("short.npz")
        let member = npyFile(header(shape: "(1000,)"), data: floatBytes([1]))
        let archive = try Archive(url: url, accessMode: .create)
        try archive.addEntry(with: "x.npy", type: .file, uncompressedSize: Int64(member.count),
                             provider: { (p: Int64, s: Int) -> Data in Data(member[Int(p)..<(Int(p) + s)]) })
        expectFileError(.valueError, "the member holds 132 bytes, its header and the 4000 bytes of data it declares 4128") {
            _ = try NumPy.loadz(from: url)
        }
    }

    /// A deflated member whose stream does not end before the archive does: an error, not a hang
    /// (see Note [Reading .npz]). The time limit only catches a hang: see ``hangLimit``.
    @Test(Self.hangLimit) func unfinishedDeflateStream() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("deflated.npz")
        try NumPy.savez(["x": Tensor.arange(64, dtype: .float64)], to: url, compressed: true)
        var content = try bytes(url)
        let dataAt = 30 + (Int(content[26]) | Int(content[27]) << 8) + (Int(content[28]) | Int(content[29]) << 8)
        // A stored, non-final block of 65,535 bytes: it swallows the rest of the archive.
        content.replaceSubrange(dataAt..<(dataAt + 5), with: [0x00, 0xFF, 0xFF, 0x00, 0x00])
        expectFileError(.valueError) { _ = try load(content, in: dir) }
        // A stream of nothing but an unfinished dynamic block header.
        content = try bytes(url)
        content[dataAt] = 0x04
        expectFileError(.valueError) { _ = try load(content, in: dir) }
    }

    /// Every single-byte corruption of a small compressed archive throws or reads; none crashes
    /// or hangs (see ``hangLimit``).
    @Test(Self.hangLimit) func everyByteFlipped() throws {
        let dir = try ScratchDirectory()
        let valid = try archiveBytes("arrays_compressed.npz")
        for i in valid.indices {
            var corrupt = valid
            corrupt[i] ^= 0xFF
            do { _ = try load(corrupt, in: dir) } catch { #expect(error is TensorError, "byte \(i): \(error)") }
        }
    }
}
