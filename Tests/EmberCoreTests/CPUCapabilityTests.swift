// CPUCapabilityTests.swift
//
// Which instruction set the CPU kernels use (`torch.backends.cpu.get_cpu_capability()`), its cap
// `EMBER_CPU_CAPABILITY` (see Note [Capping the CPU capability]), and the kernels' thread count
// (`torch.get_num_threads()` / `set_num_threads`).

import Foundation
import Testing
@testable import EmberCore
@testable import EmberCPU
import EmberTestSupport

@Suite(.serialized) struct CPUCapabilityTests {
    /// The capability the processor reports in /proc/cpuinfo, read independently of CPUID.
    static func capabilityFromProcCPUInfo() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(line.split(separator: " ").map(String.init))
        if ["avx512f", "avx512dq", "avx512bw", "avx512vl"].allSatisfy(flags.contains) { return "AVX512" }
        if ["avx2", "fma"].allSatisfy(flags.contains) { return "AVX2" }
        return "DEFAULT"
    }

    @Test func detectedMatchesTheProcessorsFlags() throws {
        let expected = try #require(Self.capabilityFromProcCPUInfo(), "no /proc/cpuinfo flags line")
        #expect(CPUFeatures.detected.name == expected)
    }

    /// What `cpuCapability()` reports: the detected one, lowered by the environment variable.
    @Test func capabilityIsTheDetectedOneCappedByTheEnvironment() {
        let ranks = ["DEFAULT": 0, "AVX2": 1, "AVX512": 2]
        let detected = ranks[CPUFeatures.detected.name]!
        let requested = ProcessInfo.processInfo.environment["EMBER_CPU_CAPABILITY"].flatMap {
            ["default": 0, "avx2": 1, "avx512": 2][$0.lowercased()]
        }
        let expected = min(detected, requested ?? detected)
        #expect(ranks[cpuCapability()] == expected)
        #expect(CPUFeatures.avx2FMA == (expected >= 1))
        #expect((CPUFeatures.avx512Level > 0) == (expected >= 2))
    }

    @Test(arguments: [
        ("default", CPUFeatures.Capability.baseline), ("DEFAULT", .baseline), ("avx2", .avx2),
        ("AVX2", .avx2), ("avx512", .avx512), ("Avx512", .avx512),
    ])
    func capNames(value: String, cap: CPUFeatures.Capability) {
        #expect(CPUFeatures.requestedCap(value) == cap)
    }

    /// An unset or unknown value caps nothing (PyTorch warns and ignores it).
    @Test(arguments: [nil, "", "sse4", "avx512_bf16", "2"] as [String?])
    func unknownValuesAreIgnored(value: String?) {
        #expect(CPUFeatures.requestedCap(value) == nil)
    }

    /// An unknown value, set before the first kernel choice (in a fresh process): PyTorch's
    /// warning, and the detected capability.
    @Test func unknownValueWarns() async {
        let detected = CPUFeatures.detected.name
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) { [detected = detected as String] in
            setenv("EMBER_CPU_CAPABILITY", "avx1024", 1)
            guard cpuCapability() == detected else { fatalError("capability \(cpuCapability())") }
        }
        let stderr = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(stderr.contains("UserWarning: ignoring invalid value for EMBER_CPU_CAPABILITY: avx1024"))
    }

    /// The baseline kernels, chosen in a fresh process, give the values of an independent
    /// computation (the vector kernels are checked the same way by the whole suite).
    @Test func baselineKernels() async {
        await #expect(processExitsWith: .success) {
            setenv("EMBER_CPU_CAPABILITY", "default", 1)
            guard cpuCapability() == "DEFAULT", !CPUFeatures.avx2FMA, CPUFeatures.avx512Level == 0 else {
                fatalError("not capped: \(cpuCapability())")
            }
            let values = (0..<1000).map { Float($0) / 100 - 5 }
            let x = Tensor(values)
            let y = (x.tanh() + x.exp() * 0.5).scalars(as: Float.self)
            let a = Tensor.arange(64 * 64, dtype: .float32).view(64, 64) / 100
            let product = a.matmul(a).scalars(as: Float.self)
            for (i, v) in values.enumerated() where abs(y[i] - (tanh(v) + exp(v) * 0.5)) > 1e-5 * max(1, abs(y[i])) {
                fatalError("element \(i): \(y[i])")
            }
            // PyTorch's float gelu on every CPU (its vector formula; see Note [Scalar fallbacks of
            // the vector kernels]): F.gelu(torch.tensor([-0.0, -3.0, -1.5] * 8))[:3], +0 first.
            let gelu = Tensor([-0.0, -3.0, -1.5]).gelu().scalars(as: Float.self)
            guard gelu.map(\.bitPattern) == [Float(0), -0.004049867391586304, -0.10021086037158966].map(\.bitPattern) else {
                fatalError("gelu \(gelu)")
            }
            for i in 0..<64 {
                for j in 0..<64 {
                    var sum = 0.0
                    for k in 0..<64 { sum += Double(i * 64 + k) / 100 * Double(k * 64 + j) / 100 }
                    if abs(Double(product[i * 64 + j]) - sum) > 1e-5 * sum { fatalError("product [\(i), \(j)]") }
                }
            }
        }
    }

    /// A float32 sum adds in one order at every capability (Note [Float sums in blocks] and Note
    /// [Streams per thread in float sums] in SIMD.c): the kernels read one stream, four, or none
    /// at all, and the result is, bit for bit, the documented order computed here independently
    /// (blocks of 2048 in four 8-lane float accumulators, lanes folded pairwise, the tail in
    /// order, block sums added in double). 60,001 values keep the sum on one thread.
    @Test(arguments: ["default", "avx2", "avx512"])
    func floatSumOrder(capability: String) async {
        await #expect(processExitsWith: .success) { [capability = capability as String] in
            setenv("EMBER_CPU_CAPABILITY", capability, 1)
            // Large values of alternating sign: each lane and block sum rounds, the total
            // cancels, so any other order shows in the result's bits.
            let values = (0..<60_001).map { Float(sin(Double($0)) * 1000 + ($0 % 2 == 0 ? 3e5 : -3e5)) }
            var expected = 0.0
            for start in stride(from: 0, to: values.count, by: 2048) {
                let block = values[start..<min(start + 2048, values.count)]
                var lanes = [[Float]](repeating: [Float](repeating: 0, count: 8), count: 4)
                var i = block.startIndex
                while i + 32 <= block.endIndex {
                    for k in 0..<4 { for l in 0..<8 { lanes[k][l] += block[i + 8 * k + l] } }
                    i += 32
                }
                while i + 8 <= block.endIndex {
                    for l in 0..<8 { lanes[0][l] += block[i + l] }
                    i += 8
                }
                let lane = (0..<8).map { (lanes[0][$0] + lanes[1][$0]) + (lanes[2][$0] + lanes[3][$0]) }
                var sum = ((lane[0] + lane[4]) + (lane[1] + lane[5])) + ((lane[2] + lane[6]) + (lane[3] + lane[7]))
                while i < block.endIndex {
                    sum += block[i]
                    i += 1
                }
                expected += Double(sum)
            }
            let got = Tensor(values).sum().item(as: Float.self)
            guard got.bitPattern == Float(expected).bitPattern else {
                fatalError("\(cpuCapability()): \(got) against \(Float(expected))")
            }
        }
    }

    @Test func capabilitiesAreOrdered() {
        #expect(CPUFeatures.Capability.baseline < .avx2 && CPUFeatures.Capability.avx2 < .avx512)
    }

    /// One thread or several, the same sum; the count is restored afterwards.
    @Test func settingTheThreadCount() {
        let saved = numThreads()
        defer { setNumThreads(saved) }
        let environment = ProcessInfo.processInfo.environment["EMBER_NUM_THREADS"].flatMap { Int($0) }
        #expect(saved == (environment ?? sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let x = Tensor.arange(1 << 20, dtype: .float64)
        let expected = Double(1 << 20) * Double((1 << 20) - 1) / 2
        setNumThreads(1)
        #expect(numThreads() == 1)
        #expect(x.sum().item() == expected)
        setNumThreads(0)
        #expect(numThreads() == 1)
        setNumThreads(3)
        #expect(numThreads() == 3)
        #expect(x.sum().item() == expected)
    }
}
