// Support.swift
//
// What the checkpoint tests share: a scratch directory per test, the committed fixtures (written
// by Scripts/make-io-fixtures.py), raw file bytes, and checks of thrown errors.

import Ember
import Foundation
import Testing

/// A new empty directory, removed with everything in it when the value goes away.
final class ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ember-io-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path of `name` in the directory.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// The names in the directory, hidden ones (temporary files) included, sorted.
    func contents() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() }
}

/// A committed fixture file.
func fixture(_ name: String) -> URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
}

/// A file's bytes.
func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

/// Writes `bytes` to `url`.
func write(_ bytes: [UInt8], to url: URL) throws { try Data(bytes).write(to: url) }

/// Expects `body` to throw a `TensorError` of `kind` whose message contains every one of `parts`;
/// returns the error.
@discardableResult
func expectFileError(_ kind: TensorError.Kind, _ parts: String..., sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Void) -> TensorError? {
    expectFileError(kind, parts, sourceLocation: sourceLocation, body)
}

/// `expectFileError` with the parts as an array.
@discardableResult
func expectFileError(_ kind: TensorError.Kind, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation,
                     _ body: () throws -> Void) -> TensorError? {
    let error = #expect(throws: TensorError.self, sourceLocation: sourceLocation) { try body() }
    guard let error else { return nil }
    #expect(error.kind == kind, "kind of \(error)", sourceLocation: sourceLocation)
    for part in parts {
        #expect(error.message.contains(part), "\"\(part)\" not in \"\(error.message)\"", sourceLocation: sourceLocation)
    }
    return error
}

/// A safetensors file from its parts: the header text padded with spaces to 8 bytes (unless
/// `pad` is false), the data, and a declared header length (the header's own unless given).
func safetensorsFile(_ header: String, data: [UInt8] = [], pad: Bool = true, declaredLength: UInt64? = nil) -> [UInt8] {
    var headerBytes = Array(header.utf8)
    while pad && headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }
    let length = declaredLength ?? UInt64(headerBytes.count)
    return withUnsafeBytes(of: length.littleEndian) { Array($0) } + headerBytes + data
}

/// The bytes of float32 values, little-endian.
func floatBytes(_ values: [Float]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } } }
