// PythonRoundTripTests.swift
//
// Files through Python and back: Ember writes, Scripts/io-roundtrip.py checks them with
// safetensors, NumPy (and PyTorch where it is installed) and writes its own, which Ember reads.

import Ember
import Foundation
import OrderedCollections
import Testing

/// The Python interpreter of the round trip: `EMBER_PYTHON`, which .ci/run sets to a venv with
/// numpy and safetensors (locally: `EMBER_PYTHON=/opt/torch-reference/bin/python swift test`).
private let python = ProcessInfo.processInfo.environment["EMBER_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }

@Suite struct PythonRoundTripTests {
    // Runs only where EMBER_PYTHON names an interpreter with numpy and safetensors: CI always
    // sets it, and a local `swift test` without it reports this test as skipped, not passed.
    @Test(.enabled(if: python != nil, "EMBER_PYTHON is not set: no Python to run the round trip with"))
    func pythonRoundTrip() throws {
        let dir = try ScratchDirectory()

        // What Ember writes (io-roundtrip.py holds the same values).
        try Safetensors.save([
            "f32": Tensor.arange(6, dtype: .float32).reshape(2, 3) * 0.5,
            "f64": Tensor([1.0 / 3, -2.5, .infinity], dtype: .float64),
            "i32": Tensor([Int32(-7), 8]),
            "i64": Tensor([[Int64(1) << 40]]),
            "bool": Tensor([true, false]),
            "scalar": Tensor(4.25, dtype: .float32),
            "empty": Tensor.zeros(0, 2),
        ], to: dir.file("ember.safetensors"), metadata: ["epoch": "3", "note": "héllo \"x\""])
        let (w, b) = problemParameters()
        let adam = Adam([w, b], lr: 0.1, betas: (0.8, 0.9), weightDecay: 0.1, amsgrad: true)
        try train(adam, w, b, steps: 2)
        try Safetensors.save(adam.stateDict(), to: dir.file("ember_optimizer.safetensors"))
        try NumPy.save(Tensor.arange(12, dtype: .float64).reshape(3, 4) / 8, to: dir.file("ember.npy"))
        let arrays: OrderedDictionary<String, Tensor> = ["a": Tensor.arange(5), "b": Tensor([[true], [false]])]
        try NumPy.savez(arrays, to: dir.file("ember.npz"))
        try NumPy.savez(arrays, to: dir.file("ember_compressed.npz"), compressed: true)

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/io-roundtrip.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python!)
        process.arguments = [script.path, dir.url.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "io-roundtrip.py: \(text)")

        // What Python wrote.
        let file = try SafetensorsFile(contentsOf: dir.file("python.safetensors"))
        #expect(file.metadata == ["from": "python"])
        let tensors = try file.tensors()
        #expect(tensors["x"]?.dtype == .float32 && tensors["x"]?.shape == [2, 2])
        #expect(tensors["x"]?.scalars(as: Double.self) == [1, 2, 3, 4])
        #expect(tensors["n"]?.dtype == .int64 && tensors["n"]?.scalars(as: Int64.self) == [-3, 9])
        #expect(tensors["h"]?.dtype == .float32 && tensors["h"]?.scalars(as: Double.self) == [0.5, -2])
        let npy = try NumPy.load(from: dir.file("python.npy"))
        #expect(npy.dtype == .int32 && npy.shape == [2, 3] && npy.scalars(as: Int64.self) == [1, 2, 3, 4, 5, 6])
        let npz = try NumPy.loadz(from: dir.file("python.npz"))
        #expect(Array(npz.keys) == ["first", "second"])
        #expect(npz["first"]?.scalars(as: Bool.self) == [true, false])
        #expect(npz["second"]?.dtype == .float64 && npz["second"]?.shape == [1, 1] && npz["second"]?.item() == 2.5)
    }
}
