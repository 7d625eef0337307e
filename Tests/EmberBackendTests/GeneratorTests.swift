// Tests for the PyTorch-compatible CPU generator.
//
// Every expected value below was printed by real PyTorch (2.15.0, CPU, x86-64
// with AVX2, the kernels every x86-64 machine with AVX2 or AVX-512 runs), e.g.
//
//     torch.manual_seed(0); torch.rand(5).view(torch.int32)
//
// Floating-point results are compared by bit pattern: they must be identical.
//
// These tests never touch `Generator.default`, so they cannot disturb (or be
// disturbed by) other suites that use the default generator in parallel.

import Testing
@testable import EmberCPU
@testable import EmberBackend

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Helpers

/// `n` values written by `fill` into a buffer that starts as `initial` everywhere.
private func filled<T>(_ n: Int, _ initial: T, _ fill: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
    var out = [T](repeating: initial, count: n)
    out.withUnsafeMutableBufferPointer { fill($0) }
    return out
}

private func rand(_ g: Generator, _ n: Int, from: Double = 0, to: Double = 1) -> [Float] {
    filled(n, .nan) { g.fillUniform($0, from: from, to: to) }
}

private func randDouble(_ g: Generator, _ n: Int, from: Double = 0, to: Double = 1) -> [Double] {
    filled(n, .nan) { g.fillUniform($0, from: from, to: to) }
}

private func randn(_ g: Generator, _ n: Int, mean: Double = 0, std: Double = 1) -> [Float] {
    filled(n, .nan) { g.fillNormal($0, mean: mean, std: std) }
}

private func randnDouble(_ g: Generator, _ n: Int, mean: Double = 0, std: Double = 1) -> [Double] {
    filled(n, .nan) { g.fillNormal($0, mean: mean, std: std) }
}

private func randint(_ g: Generator, _ low: Int64, _ high: Int64, _ n: Int) -> [Int64] {
    filled(n, 0) { g.fillRandint($0, low: low, high: high) }
}

private func bits(_ x: [Float]) -> [UInt32] { x.map(\.bitPattern) }
private func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

/// FNV-1a over the little-endian bytes of the values (as PyTorch's
/// `tensor.numpy().tobytes()` lays them out).
private func fnv1a<T: FixedWidthInteger>(_ words: [T]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for w in words {
        for k in 0..<(T.bitWidth / 8) {
            h = (h ^ UInt64(truncatingIfNeeded: w >> (8 * k)) & 0xff) &* 0x100_0000_01b3
        }
    }
    return h
}

// MARK: - Engine

@Suite("Generator: mt19937 engine")
struct GeneratorEngineTests {
    @Test("Seed 5489 gives the standard mt19937 sequence (C++ std::mt19937)")
    func standardSequence() {
        let g = Generator(seed: 5489)
        #expect(g.random32() == 3_499_211_612)
        for _ in 2..<10_000 { _ = g.random32() }
        // The C++ standard requires the 10000th output of a default std::mt19937 to be 4123659995.
        #expect(g.random32() == 4_123_659_995)
    }

    @Test("random64 joins two draws, first one high")
    func random64Order() {
        let a = Generator(seed: 1), b = Generator(seed: 1)
        for _ in 0..<5 {
            let hi = UInt64(a.random32()), lo = UInt64(a.random32())
            #expect(b.random64() == (hi << 32) | lo)
        }
    }

    @Test("Only the low 32 bits of the seed reach the engine; initialSeed keeps all 64")
    func seedTruncation() {
        // torch.manual_seed(2**32 + 5) and torch.manual_seed(5) both give rand(2) = [0.8303, 0.1261].
        let a = Generator(seed: (1 << 32) + 5), b = Generator(seed: 5)
        #expect(bits(rand(a, 2)) == bits(rand(b, 2)))
        #expect(a.initialSeed == (1 << 32) + 5)
        #expect(b.initialSeed == 5)
    }

    @Test("A negative seed is taken as its two's complement, like torch.manual_seed(-1)")
    func negativeSeed() {
        let g = Generator(seed: 0)
        g.manualSeed(UInt64(bitPattern: -1))
        #expect(g.initialSeed == UInt64.max)  // torch.initial_seed() == 18446744073709551615
        #expect(bits(rand(g, 2)) == bits(rand(Generator(seed: UInt64.max), 2)))
    }

    @Test("A fresh generator starts like a fresh torch.Generator(), seed 67280421310721")
    func defaultSeed() {
        #expect(Generator.defaultSeed == 67_280_421_310_721)
        #expect(Generator.default === Generator.default)
        let g = Generator()
        #expect(g.initialSeed == 67_280_421_310_721)
        // torch.rand(5, generator=torch.Generator()) (a fresh, unseeded torch.Generator has
        // initial_seed() == 67280421310721) -> [0.2673, 0.8725, 0.3353, 0.4030, 0.7871]
        #expect(bits(rand(g, 5)) == [0x3e88_daec, 0x3f5f_5e04, 0x3eab_aafa, 0x3ece_5818, 0x3f49_80ad])
        // torch.randn(4, generator=torch.Generator()) -> [0.9773, 1.1569, -0.3807, 1.2525]
        #expect(bits(randn(Generator(), 4)) == [0x3f7a_2deb, 0x3f94_13ef, 0xbec2_e509, 0x3fa0_51fa])
    }

    @Test("Two generators with the same seed give the same stream", arguments: [0, 42, 123_456_789] as [UInt64])
    func sameSeedSameStream(seed: UInt64) {
        let a = Generator(seed: seed), b = Generator(seed: seed)
        #expect(bits(rand(a, 7)) == bits(rand(b, 7)))
        #expect(bits(randn(a, 3)) == bits(randn(b, 3)))
        #expect(bits(randn(a, 40)) == bits(randn(b, 40)))
        #expect(randint(a, -3, 1000, 9) == randint(b, -3, 1000, 9))
        #expect(a.randperm(25) == b.randperm(25))
        #expect(a.random64() == b.random64())
        #expect(bits(rand(Generator(seed: seed &+ 1), 4)) != bits(rand(Generator(seed: seed), 4)))
    }

    @Test("manualSeed restarts the stream and drops the cached normal sample")
    func manualSeedResets() {
        let g = Generator(seed: 0)
        let first = bits(randn(g, 3))
        _ = randn(g, 1)  // leaves a cached Box-Muller sample behind
        g.manualSeed(0)
        #expect(bits(randn(g, 3)) == first)
        #expect(g.initialSeed == 0)
    }

    @Test("seed() reseeds non-deterministically and reports the new seed")
    func nondeterministicSeed() {
        let g = Generator(seed: 0)
        let s = g.seed()
        #expect(g.initialSeed == s)
        #expect(bits(rand(g, 4)) == bits(rand(Generator(seed: s), 4)))
        let t = g.seed()
        #expect(t != s)  // 64 random bits: a collision is a 2^-64 event
    }

    @Test("Empty buffers draw nothing")
    func emptyFills() {
        let g = Generator(seed: 3)
        _ = rand(g, 0); _ = randn(g, 0); _ = randnDouble(g, 0); _ = randint(g, 0, 5, 0)
        var empty: [Float] = []
        empty.withUnsafeMutableBufferPointer { g.fillBernoulli($0, p: 0.5) { $0 ? 1 : 0 } }
        #expect(g.randperm(0).isEmpty)
        #expect(bits(rand(g, 3)) == bits(rand(Generator(seed: 3), 3)))
    }
}

// MARK: - torch.rand

@Suite("Generator: uniform (torch.rand, uniform_)")
struct GeneratorUniformTests {
    @Test("torch.rand matches bit for bit", arguments: [
        (0, [0x3efe_1558, 0x3f44_aa2f, 0x3db5_33a8, 0x3e07_3300, 0x3e9d_6686]),
        (0, [0x3efe_1558, 0x3f44_aa2f, 0x3db5_33a8, 0x3e07_3300, 0x3e9d_6686, 0x3f22_52fb, 0x3efa_ed86,
             0x3f65_7d67, 0x3ee9_4812, 0x3f21_ded3, 0x3eb2_a22a, 0x3ecd_ade4, 0x3cb6_e480, 0x3e2c_e95c,
             0x3e96_788c, 0x3f04_bdd8, 0x3f32_9a58, 0x3f4c_cd8c, 0x3e24_e4e8, 0x3e90_8582]),
        (42, [0x3f61_dc66, 0x3f6a_3db3, 0x3ec4_06b8, 0x3f75_950e, 0x3ec7_e8d4]),
        (42, [0x3f61_dc66, 0x3f6a_3db3, 0x3ec4_06b8, 0x3f75_950e, 0x3ec7_e8d4, 0x3f19_d447, 0x3e83_5d78,
              0x3f4b_2c14, 0x3f70_d666, 0x3e08_61e4, 0x3f6f_41d2, 0x3f17_f4d6, 0x3f5e_914a, 0x3f11_55ca,
              0x3f3d_b857, 0x3edb_dae8, 0x3f62_ac63, 0x3f12_eb67, 0x3e88_7d2e, 0x3f20_a082]),
    ] as [(UInt64, [UInt32])])
    func rand32(seed: UInt64, expected: [UInt32]) {
        #expect(bits(rand(Generator(seed: seed), expected.count)) == expected)
    }

    @Test("torch.manual_seed(0); torch.rand(5) is the familiar [0.4963, 0.7682, 0.0885, 0.1320, 0.3074]")
    func familiarValues() {
        let x = rand(Generator(seed: 0), 5)
        #expect(x == [0.49625658988952637, 0.7682217955589294, 0.08847743272781372,
                      0.13203048706054688, 0.30742281675338745])
    }

    @Test("Long fills match (FNV-1a of the bit patterns)", arguments: [
        (1000, 0xfd45_d9e8_345f_8403), (1003, 0xe76b_a408_0e91_4cb4),
    ] as [(Int, UInt64)])
    func longRand(n: Int, hash: UInt64) {
        #expect(fnv1a(bits(rand(Generator(seed: 0), n))) == hash)
    }

    @Test("rand(dtype=float64) uses 53 bits of random64")
    func rand64() {
        // torch.manual_seed(0); torch.rand(4, dtype=torch.float64)
        #expect(bits(randDouble(Generator(seed: 0), 4)) ==
                [0x3fef_0aac_97c4_aa2f, 0x3fe6_a675_d821_ccc0, 0x3fdd_6687_b744_a5f6, 0x3fed_76c3_d8e5_7d67])
    }

    @Test("uniform_(-2, 3) reproduces the fused x * (to - from) + from")
    func uniformRange() {
        // torch.manual_seed(0); torch.empty(6).uniform_(-2, 3)
        #expect(bits(rand(Generator(seed: 0), 6, from: -2, to: 3)) ==
                [0x3ef6_6ab8, 0x3feb_a976, 0xbfc7_5fdc, 0xbfab_8020, 0xbeec_ff62, 0x3f95_cf74])
        // torch.manual_seed(0); torch.empty(6, dtype=torch.float64).uniform_(-2, 3)
        #expect(bits(randDouble(Generator(seed: 0), 6, from: -2, to: 3)) ==
                [0x4006_cd57_bdb5_d4bb, 0x3ff8_a026_9c54_7fe0, 0x3fd3_00a6_9457_3dce,
                 0x4004_d474_cf1e_dcc1, 0x3ff3_9a18_0f14_ad10, 0x3fff_4ab5_7601_195d])
    }
}

// MARK: - torch.randn

@Suite("Generator: normal (torch.randn, normal_)")
struct GeneratorNormalTests {
    @Test("torch.randn (float32) matches bit for bit: scalar path below 16, normal_fill from 16", arguments: [
        (0, [0x3fc5_3f5c, 0xbe96_3c50, 0xc00b_7149, 0x3f11_84b6, 0xbf8a_d1a1]),
        (0, [0xbf90_1b85, 0xbf93_808a, 0xbe80_4bd6, 0xbede_255d, 0x3f59_4515, 0x3f31_2783, 0xbea1_cc6d,
             0xc007_5fc1, 0x3ea5_0138, 0xbfa1_b4f4, 0x3eb3_30ff, 0x3e9d_c3bb, 0x3df5_6f77, 0x3f9e_6b93,
             0x3f8e_f28e, 0xbe7d_367c]),
        (0, [0xbf90_1b85, 0xbf93_808a, 0xbe80_4bd6, 0xbede_255d, 0x3f19_4d8b, 0xbfc7_0d5b, 0xbeae_c6ca,
             0x3fed_2f4e, 0x3eef_aa55, 0xbe21_7f5f, 0x3fb8_c9db, 0x3e88_37a1, 0x3fb1_d6c0, 0x3fcb_0d00,
             0x3f72_409c, 0xbf57_fb33, 0x3f6e_8c30, 0x3fa1_2737, 0x4000_519a, 0x3d5c_1b3a]),
        (42, [0x3eac_62ae, 0x3e03_e69d, 0x3e70_16e7, 0x3e6b_dc6c, 0xbf8f_b9c2]),
        (42, [0x3ff6_a529, 0x3fbe_5f53, 0x3f66_9567, 0xc006_c0db, 0x3f2d_acd5, 0xbf9e_0591, 0xbd30_6786,
              0xbfcd_65ba, 0xbf40_8bf0, 0x3fd3_095b, 0xbec8_f2f6, 0xbfb3_a966, 0xbf3a_566e, 0xbf0f_36d1,
              0xbf44_d2a0, 0x3f43_2f9f]),
        (42, [0x3ff6_a529, 0x3fbe_5f53, 0x3f66_9567, 0xc006_c0db, 0xbf42_14e2, 0x3f8a_0650, 0x3f4d_0144,
              0x3fd7_1e93, 0x3eb6_3345, 0xbf2f_c686, 0xbefc_9934, 0x3e77_4893, 0xbe6d_2eed, 0x3d2b_0c00,
              0xbe80_ce7a, 0x3f5c_1fb0, 0xbe9e_9482, 0xbeca_9a91, 0x3f4d_ac3c, 0xbf1f_20e0]),
    ] as [(UInt64, [UInt32])])
    func randn32(seed: UInt64, expected: [UInt32]) {
        #expect(bits(randn(Generator(seed: seed), expected.count)) == expected)
    }

    @Test("torch.randn (float64) matches bit for bit", arguments: [
        (0, [0x3ff8_a7eb_8902_be3a, 0xbfd2_c78a_087c_6fea, 0xc001_6e29_20a7_0ee5]),
        (42, [0x3fd5_8c55_b33d_44cc, 0x3fc0_7cd3_9b3d_4b85, 0x3fce_02dc_db63_ec41]),
        (0, [0xc002_7bb9_2e92_62dc, 0xbfd7_e357_9493_9460, 0xbff0_f91a_e8d6_85b6, 0x3fef_fbfb_0ada_994b,
             0xbf94_71a3_c0e2_f22a, 0x3fca_eb1b_572b_6a04, 0x3fc6_ae24_02b7_b62b, 0xbfea_9389_d082_941d,
             0x3fce_8e50_3666_016d, 0x3fe7_7910_7c30_69d9, 0xbff5_266d_8f95_7969, 0x3ff5_0977_a45e_e462,
             0xbfe5_fbef_2bc4_be3b, 0x3ff7_cf27_0386_ca66, 0xbfdc_b2d8_340f_b171, 0xbfec_8318_cc16_3de5,
             0x3fe5_986e_d8e6_3e98, 0x3ff0_bff5_e8d7_33a2, 0x3fc3_bff1_c51b_d9a4, 0xbfe7_ff1c_81c4_8b11]),
        (42, [0x3fd3_2bee_22cc_b503, 0x3fcf_063c_4666_8b78, 0x3fd2_2011_e840_abbd, 0xbfcd_d10c_e0b8_c5a4,
              0xbfa3_0c45_c714_5abe, 0x3ff0_905f_784f_7792, 0xbf84_a7b7_ceff_41c7, 0x3fb6_e82b_fad7_3187,
              0x3fa3_adc8_96b5_cc6a, 0xbfbe_4538_c092_60c9, 0xbffb_e9b4_3ed6_02a1, 0xbfde_0ba2_8e54_87fe,
              0x3fd9_1cd5_51d1_ca00, 0x3ff1_bc41_cab3_82c5, 0x3feb_af80_4309_bfb6, 0x3feb_5ded_dd31_4d28,
              0x3fcf_ecba_7d41_2db7, 0x3fd0_bdc9_8531_685d, 0xbff8_6cb9_522f_4ff6, 0xbfd5_3162_f2f5_ea4f]),
    ] as [(UInt64, [UInt64])])
    func randn64(seed: UInt64, expected: [UInt64]) {
        #expect(bits(randnDouble(Generator(seed: seed), expected.count)) == expected)
    }

    @Test("Long fills match, including the redrawn tail when numel % 16 != 0", arguments: [
        (1000, 0x31ae_6782_1ca5_077e, 0xd6d6_b1df_372a_5a00),
        (1003, 0x6258_4b74_749a_7daf, 0x1507_c463_0c9d_d7f7),
    ] as [(Int, UInt64, UInt64)])
    func longRandn(n: Int, hash32: UInt64, hash64: UInt64) {
        #expect(fnv1a(bits(randn(Generator(seed: 0), n))) == hash32)
        #expect(fnv1a(bits(randnDouble(Generator(seed: 0), n))) == hash64)
    }

    @Test("The cached Box-Muller sample carries over between calls: randn(3) then randn(3)")
    func cachedSampleFloat() {
        let g = Generator(seed: 0)
        let a = randn(g, 3), b = randn(g, 3)
        #expect(bits(a + b) == [0x3fc5_3f5c, 0xbe96_3c50, 0xc00b_7149, 0x3f11_84b6, 0xbf8a_d1a1, 0xbfb3_052d])
    }

    @Test("The cached sample is shared by float64 and float32 small fills")
    func cachedSampleDouble() {
        let g = Generator(seed: 0)
        let a = randnDouble(g, 3), b = randnDouble(g, 3)
        #expect(bits(a + b) == [0x3ff8_a7eb_8902_be3a, 0xbfd2_c78a_087c_6fea, 0xc001_6e29_20a7_0ee5,
                                0x3fe2_3096_ca3e_350d, 0xbff1_5a34_1987_e136, 0xbff6_60a5_90b7_4404])
        // A float32 fill below 16 elements draws from the same double stream and cache.
        let h = Generator(seed: 0)
        _ = randn(h, 1)
        #expect(bits(randnDouble(h, 1)) == [0xbfd2_c78a_087c_6fea])
    }

    @Test("The cache survives uniform draws and the >= 16 normal_fill path")
    func cacheSurvivesOtherFills() {
        // torch.manual_seed(0); randn(1), rand(2), randn(1)
        let g = Generator(seed: 0)
        #expect(bits(randn(g, 1) + rand(g, 2) + randn(g, 1)) == [0x3fc5_3f5c, 0x3e9d_6686, 0x3f22_52fb, 0xbe96_3c50])
        // torch.manual_seed(0); randn(1), randn(20), randn(1)
        let h = Generator(seed: 0)
        let values = randn(h, 1) + randn(h, 20) + randn(h, 1)
        #expect(bits(values) == [0x3fc5_3f5c, 0x3f59_4515, 0x3f31_2783, 0xbea1_cc6d, 0xc007_5fc1, 0x3eef_aa55,
                                 0xbe21_7f5f, 0x3fb8_c9db, 0x3e88_37a1, 0x3e2a_7345, 0x3f5f_d77d, 0xbe12_eacf,
                                 0xbde4_936f, 0x3f6e_8c30, 0x3fa1_2737, 0x4000_519a, 0x3d5c_1b3a, 0x3f1e_38f6,
                                 0xbed3_5ad0, 0xbf57_5006, 0xc014_3a08, 0xbe96_3c50])
    }

    @Test("normal_(mean, std) applies the fused val * std + mean")
    func meanAndStd() {
        // torch.manual_seed(0); torch.empty(20).normal_(0.5, 2)
        #expect(bits(randn(Generator(seed: 0), 20, mean: 0.5, std: 2)) ==
                [0xbfe0_370a, 0xbfe7_0114, 0xba97_ac00, 0xbebc_4aba, 0x3fd9_4d8b, 0xc027_0d5b, 0xbe3b_1b28,
                 0x4086_97a7, 0x3fb7_d52a, 0x3e3d_0142, 0x4058_c9db, 0x3f84_1bd0, 0x4051_d6c0, 0x406b_0d00,
                 0x4019_204e, 0xbf97_fb33, 0x4017_4618, 0x4041_2737, 0x4090_519a, 0x3f1b_8367])
        // torch.manual_seed(0); torch.empty(5).normal_(0.5, 2)
        #expect(bits(randn(Generator(seed: 0), 5, mean: 0.5, std: 2)) ==
                [0x4065_3f5c, 0xbdb1_e282, 0xc076_e292, 0x3fd1_84b6, 0xbfd5_a342])
        // torch.manual_seed(0); torch.empty(17, dtype=torch.float64).normal_(-1, 0.25)
        #expect(bits(randnDouble(Generator(seed: 0), 17, mean: -1, std: 0.25)) ==
                [0xbff9_3ddc_9749_316e, 0xbff2_8879_2399_e480, 0xbff5_0b2f_d53c_23e4, 0xbff2_e865_dbf5_7421,
                 0xbff0_1471_a3c0_e2f2, 0xbfee_514e_4a8d_4960, 0xbfee_951d_bfd4_849d, 0xbff3_5271_3a10_5284,
                 0xbfee_171a_fc99_9fe9, 0xbff0_f880_f1ac_4c0d, 0xbff3_1790_44ad_b2eb, 0xbff6_6177_4189_ec7c,
                 0xbff2_bf7d_e578_97c7, 0xbfe4_186c_7e3c_9acd, 0xbff1_cb2d_8340_fb17, 0xbff3_9063_1982_c7bd,
                 0xbfea_99e4_49c6_705a])
    }
}

// MARK: - torch.randint, torch.randperm, bernoulli_

@Suite("Generator: integers (torch.randint, torch.randperm) and bernoulli_")
struct GeneratorIntegerTests {
    @Test("torch.randint(0, 10, (8,))", arguments: [
        (0, [4, 9, 3, 0, 3, 9, 7, 3]),
        (42, [2, 7, 6, 4, 6, 5, 0, 4]),
    ] as [(UInt64, [Int64])])
    func randint0to10(seed: UInt64, expected: [Int64]) {
        #expect(randint(Generator(seed: seed), 0, 10, 8) == expected)
    }

    @Test("Ranges of 2^28 and more draw random64 (current PyTorch threshold)", arguments: [
        (0, 1 << 28, [130_329_135, 136_432_832, 195_187_451, 149_257_575]),
        (0, (1 << 28) - 1, [209_652_404, 130_329_144, 118_924_928, 136_432_845]),
        (-(1 << 40), 1 << 40, [-358_231_004_625, -593_374_360_384, 291_447_657_211, -258_354_086_553]),
    ] as [(Int64, Int64, [Int64])])
    func wideRanges(low: Int64, high: Int64, expected: [Int64]) {
        #expect(randint(Generator(seed: 0), low, high, 4) == expected)
    }

    @Test("randint into int32, float32 and float64 buffers")
    func otherDtypes() {
        var i32 = [Int32](repeating: 0, count: 6)
        i32.withUnsafeMutableBufferPointer { Generator(seed: 0).fillRandint($0, low: -5, high: 5) }
        #expect(i32 == [-1, 4, -2, -5, -2, 4])  // torch.randint(-5, 5, (6,), dtype=torch.int32)

        // torch.randint(0, 2**30, (4,), dtype=torch.float32): the bound 2^30 is first moved
        // to 2^30 - 64 (update_to), and the range is drawn with random64.
        var f32 = [Float](repeating: 0, count: 4)
        f32.withUnsafeMutableBufferPointer { Generator(seed: 0).fillRandint($0, low: 0, high: 1 << 30) }
        #expect(bits(f32) == [0x4db6_7f19, 0x4e3b_23e6, 0x4e29_58c4, 0x4db2_e665])

        var f64 = [Double](repeating: 0, count: 4)
        f64.withUnsafeMutableBufferPointer { Generator(seed: 0).fillRandint($0, low: 3, high: 9) }
        #expect(f64 == [5, 6, 8, 3])  // torch.randint(3, 9, (4,), dtype=torch.float64)
    }

    @Test("torch.randperm", arguments: [
        (0, [4, 1, 7, 5, 3, 9, 0, 8, 6, 2]),
        (42, [2, 6, 1, 8, 4, 5, 0, 9, 3, 7]),
        (0, [14, 13, 23, 27, 29, 9, 25, 4, 6, 21, 11, 12, 18, 22, 20, 26, 0, 10, 16, 7, 15, 2, 19, 8, 17,
             24, 3, 1, 5, 28]),
    ] as [(UInt64, [Int64])])
    func randperm(seed: UInt64, expected: [Int64]) {
        #expect(Generator(seed: seed).randperm(expected.count) == expected)
    }

    @Test("randperm(1) is [0] and draws nothing")
    func randpermOne() {
        let g = Generator(seed: 0)
        #expect(g.randperm(1) == [0])
        #expect(bits(rand(g, 1)) == [0x3efe_1558])  // torch: randperm(1) then rand(1)
    }

    @Test("bernoulli_(p) and dropout masks")
    func bernoulli() {
        var mask = [Float](repeating: .nan, count: 20)
        mask.withUnsafeMutableBufferPointer { Generator(seed: 0).fillBernoulli($0, p: 0.3) { $0 ? 1 : 0 } }
        // torch.manual_seed(0); torch.empty(20).bernoulli_(0.3)
        #expect(mask == [0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0])

        // torch.manual_seed(0); F.dropout(torch.ones(40), 0.3, training=True) != 0
        var keep = [Float](repeating: .nan, count: 40)
        keep.withUnsafeMutableBufferPointer { Generator(seed: 0).fillBernoulli($0, p: 1 - 0.3) { $0 ? 1 : 0 } }
        #expect(keep == [0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
                         1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1, 0, 1])

        var all = [Float](repeating: .nan, count: 50)
        all.withUnsafeMutableBufferPointer { Generator(seed: 1).fillBernoulli($0, p: 1) { $0 ? 1 : 0 } }
        #expect(all.allSatisfy { $0 == 1 })
        all.withUnsafeMutableBufferPointer { Generator(seed: 1).fillBernoulli($0, p: 0) { $0 ? 1 : 0 } }
        #expect(all.allSatisfy { $0 == 0 })
    }
}

// MARK: - State, threads

@Suite("Generator: state and thread safety")
struct GeneratorStateTests {
    @Test("getState has torch.get_rng_state()'s layout and bytes")
    func stateMatchesTorch() {
        let g = Generator(seed: 0)
        _ = rand(g, 3)
        _ = randnDouble(g, 3)  // leaves a cached double normal sample
        let state = g.getState()
        #expect(state.count == 5056)
        // torch.manual_seed(0); torch.rand(3); torch.randn(3, dtype=torch.float64); torch.get_rng_state()
        #expect(fnv1a(state) == 0x5e27_01ab_1977_1dc6)
    }

    @Test("setState restores the stream and the cached normal sample")
    func stateRoundTrip() {
        let g = Generator(seed: 11)
        _ = rand(g, 700)        // crosses a 624-word regeneration
        _ = randnDouble(g, 1)   // cached sample pending
        let saved = g.getState()
        let expected = bits(randnDouble(g, 5)) + bits(rand(g, 3).map(Double.init))

        let h = Generator(seed: 99)
        h.setState(saved)
        #expect(h.initialSeed == 11)
        #expect(bits(randnDouble(h, 5)) + bits(rand(h, 3).map(Double.init)) == expected)
        #expect(h.getState() == g.getState())
    }

    @Test("Concurrent fills never interleave: together they consume one serial stream")
    func concurrentFills() async {
        let g = Generator(seed: 5)
        let chunk = 1000, tasks = 8
        let parts = await withTaskGroup(of: [UInt32].self) { group in
            for _ in 0..<tasks {
                group.addTask { bits(rand(g, chunk)) }
            }
            var parts: [[UInt32]] = []
            for await part in group { parts.append(part) }
            return parts
        }
        let serial = bits(rand(Generator(seed: 5), chunk * tasks))
        let chunks = stride(from: 0, to: serial.count, by: chunk).map { Array(serial[$0..<$0 + chunk]) }
        // Each task received one contiguous block of the serial stream.
        #expect(Set(parts) == Set(chunks))
        #expect(bits(rand(g, 2)) == bits(rand(Generator(seed: 5), chunk * tasks + 2)).suffix(2).map { $0 })
    }
}

// MARK: - Internals: FMA emulation and the vectorized Box-Muller

@Suite("Generator internals: FMA emulation and avx_mathfun ports")
struct GeneratorInternalsTests {
    /// Deterministic test inputs: floats with varied signs and exponents.
    private func sampleFloats(_ n: Int, seed: UInt64) -> [Float] {
        let g = Generator(seed: seed)
        return (0..<n).map { _ in
            let w = g.random32()
            let exponent = Float(Int(w >> 24) % 60 - 30)
            let mantissa = Float(w & 0x00ff_ffff) * 0x1p-24 + 0.5
            return (w & 0x8000_0000 != 0 ? -1 : 1) * mantissa * Float(sign: .plus, exponent: Int(exponent), significand: 1)
        }
    }

    @Test("Emulated Float FMA equals the correctly rounded fmaf, including double-rounding traps")
    func fmaEmulation() {
        // Halfway traps: Double(a)*Double(b) + Double(c) rounds to exactly a float midpoint.
        let traps: [(Float, Float, Float)] = [
            (1 + 0x1p-15, 0x1p-24 * (1 - 0x1p-15), 1 + 0x1p-23),   // true value just below the midpoint
            (162_565, 6605 * 0x1p-54, 1),                           // (2^30 + 1) * 2^-54: just above
            (-(1 + 0x1p-15), 0x1p-24 * (1 - 0x1p-15), -(1 + 0x1p-23)),
            (0x1p-75, 0x1p-75, 0x1p-149),                            // subnormal result
            (3, 0x1p-140, -0x1p-139),
        ]
        for (a, b, c) in traps {
            #expect(RandomKernels.fusedMultiplyAdd(a, b, c).bitPattern == c.addingProduct(a, b).bitPattern)
            let v = RandomKernels.fusedMultiplyAdd(SIMD8<Float>(repeating: a), SIMD8<Float>(repeating: b), SIMD8<Float>(repeating: c))
            #expect(v[3].bitPattern == c.addingProduct(a, b).bitPattern)
        }
        // The naive double route really does fail on the first two traps.
        #expect(Float(Double(traps[0].0) * Double(traps[0].1) + Double(traps[0].2)) != traps[0].2.addingProduct(traps[0].0, traps[0].1))

        let xs = sampleFloats(3000, seed: 1), ys = sampleFloats(3000, seed: 2), zs = sampleFloats(3000, seed: 3)
        var mismatches = 0
        for i in 0..<3000 where RandomKernels.fusedMultiplyAdd(xs[i], ys[i], zs[i]).bitPattern != zs[i].addingProduct(xs[i], ys[i]).bitPattern {
            mismatches += 1
        }
        #expect(mismatches == 0)
        for i in stride(from: 0, to: 3000, by: 8) {
            let a = SIMD8<Float>(xs[i..<i + 8]), b = SIMD8<Float>(ys[i..<i + 8]), c = SIMD8<Float>(zs[i..<i + 8])
            let v = RandomKernels.fusedMultiplyAdd(a, b, c)
            for k in 0..<8 { #expect(v[k].bitPattern == c[k].addingProduct(a[k], b[k]).bitPattern) }
        }
    }

    @Test("Vector and lane-by-lane normal_fill_16 agree bit for bit")
    func vectorMatchesLanes() {
        let g = Generator(seed: 2024)
        var uniforms = rand(g, 16 * 64)
        // Edge values: 0 (log(1) = 0), values near 1 (tiny u1), near 0.5 and 1/sqrt(2) (log's branch).
        uniforms.replaceSubrange(0..<6, with: [0, 0x1p-24, 1 - 0x1p-24, 0.5, 1 - 0.70710677, 0.25])
        uniforms.replaceSubrange(8..<14, with: [0, 1 - 0x1p-24, 0.125, 0.25, 0.375, 0.999])
        var lanes = uniforms, vector = uniforms
        for (mean, std) in [(Float(0), Float(1)), (Float(0.5), Float(2))] {
            lanes = uniforms; vector = uniforms
            lanes.withUnsafeMutableBufferPointer { p in
                for i in stride(from: 0, to: p.count, by: 16) { RandomKernels.normalFill16Lanes(p.baseAddress! + i, mean: mean, std: std) }
            }
            vector.withUnsafeMutableBufferPointer { p in
                for i in stride(from: 0, to: p.count, by: 16) { RandomKernels.normalFill16Vector(p.baseAddress! + i, mean: mean, std: std) }
            }
            #expect(bits(lanes) == bits(vector))
        }
        #expect(lanes.allSatisfy { $0.isFinite })
    }

    @Test("avx_mathfun log and sincos: vector equals scalar, and both stay within a few ulp of libm")
    func mathfunAccuracy() {
        let g = Generator(seed: 77)
        let inputs = rand(g, 1024).map { max($0, 0x1p-24) }
        for i in stride(from: 0, to: inputs.count, by: 8) {
            let x = SIMD8<Float>(inputs[i..<i + 8])
            let theta = Float(2.0 * Double.pi) * x
            let logV = RandomKernels.avxMathfunLog(x)
            let (sinV, cosV) = RandomKernels.avxMathfunSinCos(theta)
            for k in 0..<8 {
                #expect(logV[k].bitPattern == RandomKernels.avxMathfunLog(x[k]).bitPattern)
                let (s, c) = RandomKernels.avxMathfunSinCos(theta[k])
                #expect(sinV[k].bitPattern == s.bitPattern)
                #expect(cosV[k].bitPattern == c.bitPattern)
                #expect(abs(Double(logV[k]) - log(Double(x[k]))) <= 4e-7 * max(1, abs(log(Double(x[k])))))
                #expect(abs(Double(s) - sin(Double(theta[k]))) <= 3e-7)
                #expect(abs(Double(c) - cos(Double(theta[k]))) <= 3e-7)
            }
        }
        #expect(RandomKernels.avxMathfunLog(Float(0)).isNaN)
        #expect(RandomKernels.avxMathfunLog(Float(-1)).isNaN)
        #expect(RandomKernels.avxMathfunLog(Float(1)) == 0)
    }
}
