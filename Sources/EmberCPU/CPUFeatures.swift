import EmberBackend
import CEmberSIMD

#if canImport(Glibc)
import Glibc
#endif

// MARK: - CPU features

/// What the CPU can run beyond the baseline x86-64 that Swift code is compiled for; kernels in
/// `CEmberSIMD` that need more are chosen by these flags at run time, capped by
/// `EMBER_CPU_CAPABILITY` (see Note [Capping the CPU capability]).
@usableFromInline
package enum CPUFeatures {
    // Note [Capping the CPU capability]
    // Every kernel choice between baseline, AVX2+FMA and AVX-512 code reads the two flags below
    // and nothing else. `EMBER_CPU_CAPABILITY` (`default`, `avx2` or `avx512`, as PyTorch's
    // `ATEN_CPU_CAPABILITY`) lowers what they report, never raises it past the hardware, so one
    // AVX-512 machine can run the test suite through all three sets of kernels; CI does (the
    // `.ci/run` step "kernels at every capability"). An unknown value is ignored with PyTorch's
    // warning. The cap is read once, at the first kernel choice.

    /// The instruction sets the kernels choose between, in increasing order.
    package enum Capability: Int, Comparable, Sendable {
        case baseline, avx2, avx512

        /// PyTorch's spelling (`torch.backends.cpu.get_cpu_capability()`).
        package var name: String {
            switch self {
            case .baseline: "DEFAULT"
            case .avx2: "AVX2"
            case .avx512: "AVX512"
            }
        }

        package static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }
    }

    /// What the hardware and operating system support.
    package static let detected: Capability =
        ember_simd_avx512_level() > 0 ? .avx512 : (ember_simd_has_avx2_fma() != 0 ? .avx2 : .baseline)

    /// The cap a value of `EMBER_CPU_CAPABILITY` names, if it names one (in any letter case).
    package static func requestedCap(_ value: String?) -> Capability? {
        switch value?.lowercased() {
        case "default": .baseline
        case "avx2": .avx2
        case "avx512": .avx512
        default: nil
        }
    }

    /// What the kernels use: the detected capability, lowered by `EMBER_CPU_CAPABILITY`.
    package static let capability: Capability = {
        guard let value = getenv("EMBER_CPU_CAPABILITY").map({ String(cString: $0) }) else { return detected }
        guard let cap = requestedCap(value) else {
            let warning = "UserWarning: ignoring invalid value for EMBER_CPU_CAPABILITY: \(value)\n"
            _ = warning.withCString { write(2, $0, strlen($0)) }
            return detected
        }
        return min(detected, cap)
    }()

    /// AVX2 and FMA, with the operating system saving YMM state.
    @usableFromInline static let avx2FMA: Bool = capability >= .avx2

    /// AVX-512 F, DQ, BW and VL, with the operating system saving ZMM state: 0 without, 1 with,
    /// 2 with AVX512_BF16 as well.
    @usableFromInline static let avx512Level: Int = capability >= .avx512 ? Int(ember_simd_avx512_level()) : 0
}
