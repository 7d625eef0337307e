// KernelRandomHostTests.swift
//
// The host side of the random fills that runs without a GPU: a Swift Philox4x32-10 checked
// against the Random123 known-answer vectors, the generated C rounds compiled by the host's C
// compiler and checked against the same vectors, the launch geometry and offset advance, the
// generator's per-device (seed, offset) state and the packed parameters.

import Testing
@testable import EmberCUDA
import EmberBackend
#if canImport(Glibc)
import Glibc
#endif

// MARK: - Reference Philox

/// Philox4x32-10 written from the published algorithm (Salmon et al., SC 2011): a round maps
/// `(c0, c1, c2, c3)` to `(hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0))`, and
/// the key is bumped by the Weyl constants before every round but the first.
func referencePhilox(_ counter: [UInt32], _ key: [UInt32]) -> [UInt32] {
    var c = counter, k = key
    for round in 0..<10 {
        if round > 0 {
            k[0] &+= 0x9E37_79B9
            k[1] &+= 0xBB67_AE85
        }
        let p0 = UInt64(0xD251_1F53) * UInt64(c[0]), p1 = UInt64(0xCD9E_8D57) * UInt64(c[2])
        c = [UInt32(p1 >> 32) ^ c[1] ^ k[0], UInt32(truncatingIfNeeded: p1),
             UInt32(p0 >> 32) ^ c[3] ^ k[1], UInt32(truncatingIfNeeded: p0)]
    }
    return c
}

/// The Philox4x32-10 lines of Random123's `kat_vectors` (counter, key, expected output).
let philoxKnownAnswers: [(counter: [UInt32], key: [UInt32], output: [UInt32])] = [
    ([0, 0, 0, 0], [0, 0], [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8]),
    ([0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff], [0xffff_ffff, 0xffff_ffff],
     [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd]),
    ([0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], [0xa409_3822, 0x299f_31d0],
     [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1]),
]

/// Whether a host C compiler (`cc`) runs here.
let hostCompilerAvailable = system("command -v cc > /dev/null 2>&1") == 0

@Suite struct KernelRandomHostTests {
    // MARK: Philox

    /// The reference gives the published outputs.
    @Test func referenceMatchesKnownAnswers() {
        for kat in philoxKnownAnswers {
            #expect(referencePhilox(kat.counter, kat.key) == kat.output)
        }
    }

    /// The rounds the kernels run, generated as C, compiled for the host and run on the three
    /// known-answer inputs, print the published outputs.
    @Test(.enabled(if: hostCompilerAvailable, "no host C compiler")) func generatedRoundsMatchKnownAnswers() throws {
        var program = KernelSources.philoxRoundsText(qualifiers: "static") + "#include <stdio.h>\nint main(void) {\n"
        for kat in philoxKnownAnswers {
            let words = (kat.counter + kat.key).map { "0x\(String($0, radix: 16))u" }
            program += """
                {
                    unsigned int c[4] = {\(words[0...3].joined(separator: ", "))};
                    const unsigned int k[2] = {\(words[4...5].joined(separator: ", "))};
                    ember_philox_rounds(c, k);
                    printf("%08x %08x %08x %08x\\n", c[0], c[1], c[2], c[3]);
                }

            """
        }
        program += "    return 0;\n}\n"
        let base = "/tmp/ember-philox-\(getpid())"
        try #require(writeFile(program, to: base + ".c"))
        defer { for suffix in [".c", ".out", ".txt"] { unlink(base + suffix) } }
        try #require(system("cc -std=c99 -O1 -o \(base).out \(base).c && \(base).out > \(base).txt") == 0)
        let expected = philoxKnownAnswers.map { kat in
            kat.output.map { word in
                let hex = String(word, radix: 16)
                return String(repeating: "0", count: 8 - hex.count) + hex
            }.joined(separator: " ")
        }
        #expect(readLines(base + ".txt") == expected)
    }

    /// Every random module carries those rounds verbatim.
    @Test(arguments: DType.allCases)
    func modulesUseTheRounds(_ dtype: DType) {
        let rounds = KernelSources.philoxRoundsText(qualifiers: "__device__ __forceinline__")
        #expect(KernelSources.randomModule(dtype).source.contains(rounds))
    }

    // MARK: Kernels and geometry

    /// Uniform and normal fill floating dtypes only; bernoulli and integers fill every dtype.
    @Test(arguments: DType.allCases)
    func kernelsPerDType(_ dtype: DType) {
        let module = KernelSources.randomModule(dtype)
        #expect(module.name == "random_\(dtype.kernelName)")
        for kind in KernelRandomKind.allCases {
            let name = KernelSources.randomKernel(kind, dtype)
            let expected = dtype.isFloatingPoint || [.bernoulli, .integers, .integers64].contains(kind)
            #expect((name != nil) == expected)
            if let name {
                #expect(name == "ember_random_\(kind.rawValue)_\(dtype.kernelName)")
                #expect(module.kernels.contains(name))
            }
        }
    }

    /// Blocks are `ceil(n / (256 * unroll))`, at most 1,024; each thread draws four words per
    /// step, `ceil(n / (threads * unroll))` steps.
    @Test func geometry() {
        func geometry(_ count: Int, _ unroll: Int) -> [Int] {
            let g = KernelRandom(count: count, unroll: unroll)
            #expect(g.unroll == unroll)
            return [g.blocks, Int(g.increment)]
        }
        // 1 element: one block, one step.
        #expect(geometry(1, 4) == [1, 4])
        // 1,000 float64 elements, 2 per block of words: 2 blocks of 256 threads (512 * 2 >= 1000), one step.
        #expect(geometry(1000, 2) == [2, 4])
        // 1024 * 256 * 4 = 1,048,576 elements fill the capped grid in one step; one more needs two.
        #expect(geometry(1_048_576, 4) == [1024, 4])
        #expect(geometry(1_048_577, 4) == [1024, 8])
        // 10,000,000 elements, 2 per step on 262,144 threads: ceil(10^7 / 524,288) = 20 steps.
        #expect(geometry(10_000_000, 2) == [1024, 80])
    }

    /// Elements per Philox block: four float32 values (one word each), two float64 values (two
    /// words each), two Bernoulli draws and two 64-bit integers, four 32-bit integers.
    @Test func unroll() {
        #expect(KernelRandomKind.uniform.unroll(.float32) == 4)
        #expect(KernelRandomKind.normal.unroll(.float32) == 4)
        #expect(KernelRandomKind.uniform.unroll(.float64) == 2)
        #expect(KernelRandomKind.normal.unroll(.float64) == 2)
        #expect(KernelRandomKind.bernoulli.unroll(.int32) == 2)
        #expect(KernelRandomKind.integers.unroll(.int64) == 4)
        #expect(KernelRandomKind.integers64.unroll(.float32) == 2)
    }

    // MARK: Generator state

    /// A launch gets the seed and the device's offset, which moves on by the increment rounded
    /// up to a multiple of 4; devices count apart; reseeding restarts every device at 0.
    @Test func philoxStatePerDevice() {
        let generator = Generator(seed: 42)
        #expect(generator.philoxState(device: 0, increment: 4) == (42, 0))
        #expect(generator.philoxState(device: 0, increment: 6) == (42, 4))
        #expect(generator.philoxState(device: 0, increment: 8) == (42, 12))
        #expect(generator.philoxState(device: 1, increment: 4) == (42, 0))
        #expect(generator.philoxState(device: 0, increment: 1) == (42, 20))
        generator.manualSeed(0x1_0000_0007)
        #expect(generator.philoxState(device: 0, increment: 4) == (0x1_0000_0007, 0))
        #expect(generator.philoxState(device: 1, increment: 4) == (0x1_0000_0007, 0))
        // Drawing from the CPU stream leaves the CUDA offsets alone.
        _ = generator.random32()
        #expect(generator.philoxState(device: 0, increment: 4) == (0x1_0000_0007, 4))
    }

    // MARK: Parameters

    /// Uniform packs from, to - from and to in the dtype's precision; normal mean and std.
    @Test func floatingParameters() throws {
        let uniform = try #require(KernelRandom.arguments(.uniform(from: 0.1, to: 0.7), .float32))
        #expect(uniform.kind == .uniform)
        #expect(uniform.parameters.f == [Double(Float(0.1)), Double(Float(0.7 - 0.1)), Double(Float(0.7)), 0])
        let wide = try #require(KernelRandom.arguments(.uniform(from: 0.1, to: 0.7), .float64))
        #expect(wide.parameters.f == [0.1, 0.7 - 0.1, 0.7, 0])
        let normal = try #require(KernelRandom.arguments(.normal(mean: -1, std: 0.3, stridedPath: true), .float32))
        #expect(normal.kind == .normal)
        #expect(normal.parameters.f == [-1, Double(Float(0.3)), 0, 0])
        #expect(KernelRandom.arguments(.uniform(from: 0, to: 1), .int64) == nil)
        #expect(KernelRandom.arguments(.normal(mean: 0, std: 1, stridedPath: false), .bool) == nil)
        #expect(KernelRandom.arguments(.permutation, .int64) == nil)
    }

    /// Bernoulli packs p as a double for every dtype.
    @Test(arguments: DType.allCases)
    func bernoulliParameters(_ dtype: DType) throws {
        let bernoulli = try #require(KernelRandom.arguments(.bernoulli(p: 0.25), dtype))
        #expect(bernoulli.kind == .bernoulli)
        #expect(bernoulli.parameters.f[0] == 0.25)
    }

    /// Integers pack low and the range; a range of 2^32 or more (or all 2^64) takes two words.
    @Test func integerParameters() throws {
        let small = try #require(KernelRandom.arguments(.integers(low: -5, high: 10), .int64))
        #expect(small.kind == .integers)
        #expect(small.parameters.i == [-5, 15, 0, 0])
        let below = try #require(KernelRandom.arguments(.integers(low: 0, high: 0xffff_ffff), .int64))
        #expect(below.kind == .integers)
        let wide = try #require(KernelRandom.arguments(.integers(low: 0, high: 1 << 32), .int32))
        #expect(wide.kind == .integers64)
        #expect(wide.parameters.i == [0, 1 << 32, 0, 0])
        let all = try #require(KernelRandom.arguments(.integers(low: .min, high: .max), .int64))
        #expect(all.kind == .integers64)
        // 2^63 - 1 - (-2^63) = 2^64 - 1, stored as its bit pattern, -1.
        #expect(all.parameters.i == [.min, -1, 0, 0])
    }

    /// A float32 fill with a bound past 2^24 moves it inwards as PyTorch's update_to does: for
    /// high = 2^25 + 4, float(high - 1) rounds up to 2^25 + 4 (float32's spacing there is 4), not
    /// below high, so high becomes 2^25 + 4 - 2^(25 - 24 + 1) = 2^25. Float64 holds it exactly.
    @Test func floatingIntegerBounds() throws {
        let moved = try #require(KernelRandom.arguments(.integers(low: 0, high: (1 << 25) + 4), .float32))
        #expect(moved.parameters.i == [0, 1 << 25, 0, 0])
        let kept = try #require(KernelRandom.arguments(.integers(low: 0, high: (1 << 25) + 4), .float64))
        #expect(kept.parameters.i == [0, (1 << 25) + 4, 0, 0])
    }
}

// MARK: - Files

/// Writes `text` to `path`; whether it could.
private func writeFile(_ text: String, to path: String) -> Bool {
    guard let file = fopen(path, "w") else { return false }
    defer { fclose(file) }
    return fputs(text, file) >= 0
}

/// The lines of the file at `path` (empty when it cannot be read).
private func readLines(_ path: String) -> [String] {
    guard let file = fopen(path, "r") else { return [] }
    defer { fclose(file) }
    var lines: [String] = [], buffer = [CChar](repeating: 0, count: 256)
    while fgets(&buffer, Int32(buffer.count), file) != nil {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        lines.append(String(decoding: bytes, as: UTF8.self).trimmingSuffix("\n"))
    }
    return lines
}

extension String {
    /// The string without one trailing `suffix`.
    fileprivate func trimmingSuffix(_ suffix: String) -> String { hasSuffix(suffix) ? String(dropLast(suffix.count)) : self }
}
