// AtomicSaveTests.swift
//
// Saves replace the file whole or not at all (Note [Atomic saves]): a save that fails half-way,
// whether Ember stops it or the file system refuses a write, and a process that dies in the
// middle of one, leave the previous checkpoint byte for byte as it was.

import Ember
import EmberIO
import Foundation
import Glibc
import OrderedCollections
import Testing

@Suite struct AtomicSaveTests {
    /// A state dict of `n` float32 tensors of `size` elements, with values from `seed`.
    private static func state(_ n: Int, size: Int, seed: Double) -> OrderedDictionary<String, Tensor> {
        var dict = OrderedDictionary<String, Tensor>()
        for i in 0..<n { dict["t\(i)"] = Tensor.full([size], .float(seed + Double(i))) }
        return dict
    }

    @Test func successfulSavesLeaveOnlyTheirFiles() throws {
        let dir = try ScratchDirectory()
        try Safetensors.save(Self.state(2, size: 3, seed: 1), to: dir.file("a.safetensors"))
        try Safetensors.save(Self.state(3, size: 3, seed: 2), to: dir.file("a.safetensors"))  // replaces it
        try NumPy.save(Tensor([1.0]), to: dir.file("b.npy"))
        try NumPy.savez(["x": Tensor([1.0])], to: dir.file("c.npz"), compressed: true)
        try NumPy.savez(["x": Tensor([2.0])], to: dir.file("c.npz"))
        #expect(try dir.contents() == ["a.safetensors", "b.npy", "c.npz"])
        #expect(try Safetensors.load(from: dir.file("a.safetensors")).count == 3)
        expectTensorValues(try NumPy.loadz(from: dir.file("c.npz"))["x"]!, [2])
    }

    /// A save that fails before its third tensor is written leaves the old file byte for byte
    /// and removes its temporary file.
    @Test func failedSaveKeepsTheOldFile() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("model.safetensors")
        try Safetensors.save(Self.state(2, size: 4, seed: 1), to: url, metadata: ["epoch": "1"])
        let old = try bytes(url)

        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            try Safetensors.save(Self.state(4, size: 5000, seed: 7), to: url, metadata: ["epoch": "2"]) { name in
                if name == "t2" { throw Interrupted() }
            }
        }
        #expect(try bytes(url) == old)
        #expect(try dir.contents() == ["model.safetensors"])
        #expect(try SafetensorsFile(contentsOf: url).metadata["epoch"] == "1")
    }

    /// The file system refuses a write half-way (a file-size limit, as a full disk would): each
    /// format's save throws Python's `OSError`, the old files are as they were, and no temporary
    /// file is left. In a child process, whose limit the other tests do not share.
    @Test func writeRefusedHalfWay() async throws {
        let dir = try ScratchDirectory()
        let old = Self.state(2, size: 4, seed: 1)
        try Safetensors.save(old, to: dir.file("model.safetensors"))
        try NumPy.save(old["t0"]!, to: dir.file("x.npy"))
        try NumPy.savez(old, to: dir.file("x.npz"))
        try NumPy.savez(old, to: dir.file("y.npz"), compressed: true)
        let before = try dir.contents().map { try bytes(dir.file($0)) }

        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) { [path = dir.url.path as String] in
            signal(SIGXFSZ, SIG_IGN)
            var limit = rlimit(rlim_cur: 64 * 1024, rlim_max: rlim_t.max)
            guard setrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit) == 0 else { fatalError("setrlimit") }
            let dir = URL(fileURLWithPath: path)
            let big = Tensor.arange(Double(1 << 18), dtype: .float64)  // 2 MiB
            let saves: [(String, () throws -> Void)] = [
                ("safetensors", { try Safetensors.save(["t0": big, "t1": big], to: dir.appendingPathComponent("model.safetensors")) }),
                ("npy", { try NumPy.save(big, to: dir.appendingPathComponent("x.npy")) }),
                ("npz", { try NumPy.savez(["t0": big], to: dir.appendingPathComponent("x.npz")) }),
                ("npz compressed", { try NumPy.savez(["t0": Tensor.randn(1 << 18)], to: dir.appendingPathComponent("y.npz"), compressed: true) }),
            ]
            for (name, save) in saves {
                do {
                    try save()
                    fatalError("the \(name) save did not fail")
                } catch let error as TensorError where error.kind == .osError {
                    continue
                } catch {
                    fatalError("the \(name) save failed with \(error)")
                }
            }
        }
        if let result, !result.standardErrorContent.isEmpty {
            Issue.record("child: \(String(decoding: result.standardErrorContent, as: UTF8.self))")
        }
        #expect(try dir.contents() == ["model.safetensors", "x.npy", "x.npz", "y.npz"])
        #expect(try dir.contents().map { try bytes(dir.file($0)) } == before)
    }

    /// A process that dies in the middle of a save (after the header, before a tensor) leaves
    /// the old checkpoint as it was; only a hidden temporary file may remain beside it.
    @Test func interruptedSaveKeepsTheOldFile() async throws {
        let dir = try ScratchDirectory()
        let url = dir.file("model.safetensors")
        try Safetensors.save(Self.state(2, size: 4, seed: 1), to: url)
        let old = try bytes(url)
        await #expect(processExitsWith: .exitCode(42)) { [path = url.path as String] in
            let state = OrderedDictionary(uniqueKeysWithValues: (0..<3).map { ("t\($0)", Tensor.ones(100_000)) })
            try Safetensors.save(state, to: URL(fileURLWithPath: path), metadata: [:]) { name in
                if name == "t1" { _exit(42) }
            }
        }
        #expect(try bytes(url) == old)
        let others = try dir.contents().filter { $0 != "model.safetensors" }
        #expect(others.allSatisfy { $0.hasPrefix(".model.safetensors.") && $0.hasSuffix(".tmp") }, "\(others)")
    }

    @Test func missingDirectory() throws {
        let dir = try ScratchDirectory()
        let url = dir.url.appendingPathComponent("no-such-dir/model.safetensors")
        expectFileError(.fileNotFoundError, "[Errno 2] No such file or directory", "no-such-dir/model.safetensors") {
            try Safetensors.save(["a": Tensor([1.0])], to: url)
        }
        expectFileError(.fileNotFoundError) { try NumPy.save(Tensor([1.0]), to: url) }
        expectFileError(.fileNotFoundError) { try NumPy.savez(["a": Tensor([1.0])], to: url) }
        #expect(try dir.contents().isEmpty)
    }

    @Test func destinationIsADirectory() throws {
        let dir = try ScratchDirectory()
        try FileManager.default.createDirectory(at: dir.file("sub"), withIntermediateDirectories: false)
        expectFileError(.osError, "[Errno 21] Is a directory") { try Safetensors.save(["a": Tensor([1.0])], to: dir.file("sub")) }
        #expect(try dir.contents() == ["sub"])
    }

    /// A replaced file keeps its permissions.
    @Test func modeIsKept() throws {
        let dir = try ScratchDirectory()
        let url = dir.file("model.safetensors")
        try Safetensors.save(["a": Tensor([1.0])], to: url)
        chmod(url.path, 0o600)
        try Safetensors.save(["a": Tensor([2.0])], to: url)
        var info = stat()
        stat(url.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }
}

/// Expects `t`'s values, as doubles.
private func expectTensorValues(_ t: Tensor, _ values: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(t.scalars(as: Double.self) == values, sourceLocation: sourceLocation)
}
