// PyTorch-compatible CPU random number generator.
//
// This reproduces the stream of `torch.Generator` on the CPU (ATen's
// `CPUGeneratorImpl`): a 32-bit Mersenne Twister (`at::mt19937`) seeded with
// the standard MT19937 `init_genrand` recurrence from the low 32 bits of the
// seed. The distribution algorithms that turn its words into tensors live in
// `Generator+Distributions.swift`.

import Synchronization

// MARK: - MT19937 engine

/// The mutable state of one generator: the MT19937 words plus PyTorch's
/// cached Box-Muller samples. Always accessed under the generator's mutex.
///
/// `left` and `next` follow `at::mt19937_engine` exactly (after seeding
/// `left == 1, next == 0`; each draw decrements `left` and regenerates all 624
/// words when it reaches 0), so the state maps one-to-one onto PyTorch's.
@usableFromInline
package struct MT19937State: ~Copyable {
    @usableFromInline package static let n = 624
    package static let m = 397

    /// The 624 state words (heap-allocated, owned by this value).
    @usableFromInline package let words: UnsafeMutablePointer<UInt32>
    /// Draws left before the next regeneration, plus one (PyTorch's `left_`).
    @usableFromInline package var left: Int
    /// Index of the next word to temper (PyTorch's `next_`).
    @usableFromInline package var next: Int
    /// The seed last passed to `reseed` (PyTorch's `seed_`).
    @usableFromInline package var seed: UInt64
    /// Cached second Box-Muller sample of `normal_distribution<double>`.
    @usableFromInline package var nextDoubleNormal: Double?
    /// Cached sample of `normal_distribution<float>` (unused by the CPU
    /// kernels, kept so that the state mirrors PyTorch's).
    @usableFromInline package var nextFloatNormal: Float?
    /// The Philox offset of each CUDA device's stream of this generator, by device ordinal
    /// (see `philoxState(device:increment:)`); cleared by `reseed`.
    package var philoxOffsets: [Int: UInt64] = [:]

    @usableFromInline package init(seed: UInt64) {
        words = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.n)
        left = 1
        next = 0
        self.seed = seed
        reseed(seed)
    }

    deinit { words.deallocate() }

    /// `CPUGeneratorImpl::set_current_seed`: MT19937 `init_genrand` on the
    /// low 32 bits of `seed`, and both normal caches cleared.
    @usableFromInline package mutating func reseed(_ seed: UInt64) {
        self.seed = seed
        var x = UInt32(truncatingIfNeeded: seed)
        words[0] = x
        for j in 1..<Self.n {
            x = 1_812_433_253 &* (x ^ (x >> 30)) &+ UInt32(j)
            words[j] = x
        }
        left = 1
        next = 0
        nextDoubleNormal = nil
        nextFloatNormal = nil
        philoxOffsets = [:]
    }

    /// Regenerates all 624 words at once (the MT19937 "twist").
    @usableFromInline
    package mutating func twist() {
        let p = words
        let upper: UInt32 = 0x8000_0000
        let lower: UInt32 = 0x7fff_ffff
        let matrixA: UInt32 = 0x9908_b0df
        @inline(__always) func mix(_ u: UInt32, _ v: UInt32) -> UInt32 {
            let y = (u & upper) | (v & lower)
            return (y >> 1) ^ ((v & 1) != 0 ? matrixA : 0)
        }
        var i = 0
        while i < Self.n - Self.m {
            p[i] = p[i + Self.m] ^ mix(p[i], p[i + 1])
            i += 1
        }
        while i < Self.n - 1 {
            p[i] = p[i + Self.m - Self.n] ^ mix(p[i], p[i + 1])
            i += 1
        }
        p[Self.n - 1] = p[Self.m - 1] ^ mix(p[Self.n - 1], p[0])
        left = Self.n
        next = 0
    }

    /// One tempered 32-bit word: `CPUGeneratorImpl::random()`.
    @inlinable @inline(__always)
    package mutating func next32() -> UInt32 {
        left -= 1
        if left == 0 { twist() }
        var y = words[next]
        next += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// `CPUGeneratorImpl::random64()`: two draws, the first one high.
    @inlinable @inline(__always)
    package mutating func next64() -> UInt64 {
        let hi = UInt64(next32())
        let lo = UInt64(next32())
        return (hi << 32) | lo
    }
}

// MARK: - Generator

/// PyTorch's CPU generator (`torch.Generator`): mt19937, thread-safe.
///
/// A `Generator` produces bit-for-bit the same stream of 32-bit words as a
/// `torch.Generator()` (or the default CPU generator) given the same seed,
/// and the CPU backend turns that stream into values exactly as ATen's CPU
/// kernels fill a tensor. So after `manualSeed(0)`, `Tensor.rand(3)` gives
/// the values of `torch.manual_seed(0); torch.rand(3)`.
///
/// Every method takes the generator's lock (a `Synchronization.Mutex`) once
/// for its whole call, like ATen's `std::lock_guard<std::mutex>
/// lock(generator->mutex_)`, so a fill is never interleaved with draws from
/// another thread; inside a fill the engine regenerates its 624 words in one
/// block and draws without further locking.
public final class Generator: Sendable {
    /// PyTorch's default CPU seed, `c10::detail::default_rng_seed_val`
    /// (67280421310721).
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    @usableFromInline package let state: Mutex<MT19937State>

    /// Creates a generator seeded with `seed`, like
    /// `torch.Generator().manual_seed(seed)`.
    ///
    /// The default, 67280421310721 (``defaultSeed``), is the seed a
    /// `torch.Generator()` starts with when it is not seeded explicitly.
    public init(seed: UInt64 = 67_280_421_310_721) {
        state = Mutex(MT19937State(seed: seed))
    }

    /// The process-wide default generator, PyTorch's
    /// `torch.default_generator` (what `torch.manual_seed`, `torch.rand`,
    /// `torch.randn`, … use when no generator is given).
    ///
    /// It starts seeded with ``defaultSeed``, so a program that never calls
    /// `manualSeed` is reproducible from run to run. (Recent PyTorch releases,
    /// 2.15 among them, instead seed their default CPU generator from
    /// `/dev/urandom` at start-up, so `torch.initial_seed()` differs in every
    /// process; a PyTorch script only gives repeatable numbers after
    /// `torch.manual_seed`, and after `manualSeed` Ember gives the same ones.)
    public static let `default` = Generator(seed: defaultSeed)

    /// Reseeds the generator and clears the cached normal sample:
    /// `torch.Generator.manual_seed(seed)` / `torch.manual_seed(seed)`.
    ///
    /// Only the low 32 bits of the seed reach the Mersenne Twister (as in
    /// PyTorch); ``initialSeed`` still reports the full value. A negative
    /// Python seed `-n` corresponds to `UInt64(bitPattern: -n)`, which is what
    /// `torch.manual_seed(-n)` stores.
    public func manualSeed(_ seed: UInt64) {
        state.withLock { $0.reseed(seed) }
    }

    /// The seed this generator was last seeded with:
    /// `torch.Generator.initial_seed()` / `torch.initial_seed()`.
    public var initialSeed: UInt64 {
        state.withLock { $0.seed }
    }

    /// Reseeds the generator from a non-deterministic source and returns the
    /// new seed: `torch.Generator.seed()` / `torch.seed()`.
    ///
    /// Like PyTorch on Linux (64 bits read from `/dev/urandom`), the seed is a
    /// full 64-bit value from the system's secure random source.
    @discardableResult
    public func seed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        let s = system.next()
        manualSeed(s)
        return s
    }

    /// One raw 32-bit draw: ATen's `CPUGeneratorImpl::random()`.
    ///
    /// For kernels outside this file that need PyTorch's exact consumption
    /// pattern (one word per element, e.g. `random_()` on 32-bit types).
    public func random32() -> UInt32 {
        state.withLock { $0.next32() }
    }

    /// One raw 64-bit draw: ATen's `CPUGeneratorImpl::random64()`, two
    /// 32-bit words combined as `(first << 32) | second`.
    public func random64() -> UInt64 {
        state.withLock { $0.next64() }
    }

    /// Runs `body` with exclusive access to the engine state, for fills that
    /// must not interleave with other threads' draws.
    @inlinable @inline(__always)
    package func withEngine<R: Sendable>(_ body: (inout MT19937State) -> R) -> R {
        state.withLock { (s: inout MT19937State) -> R in body(&s) }
    }
}

// MARK: - State snapshot (torch.get_rng_state / torch.set_rng_state)

extension Generator {
    /// Size in bytes of PyTorch's serialized CPU generator state
    /// (`sizeof(CPUGeneratorImplState)`): `torch.get_rng_state().numel()`.
    public static let stateByteCount = 5056

    /// The generator state in PyTorch's byte layout: `torch.Generator.get_state()`
    /// / `torch.get_rng_state()` (a `uint8` tensor's contents).
    ///
    /// The layout is `CPUGeneratorImplState` on a little-endian 64-bit
    /// machine: the legacy POD (initial seed, `left`, `seeded`, `next`, 624
    /// state words widened to 64 bits, the double normal cache) followed by
    /// the float normal cache.
    public func getState() -> [UInt8] {
        withEngine { s -> [UInt8] in
            var bytes = [UInt8](repeating: 0, count: Self.stateByteCount)
            bytes.withUnsafeMutableBytes { raw in
                raw.storeBytes(of: s.seed.littleEndian, toByteOffset: 0, as: UInt64.self)
                raw.storeBytes(of: Int32(s.left).littleEndian, toByteOffset: 8, as: Int32.self)
                raw.storeBytes(of: Int32(1).littleEndian, toByteOffset: 12, as: Int32.self)
                raw.storeBytes(of: UInt64(s.next).littleEndian, toByteOffset: 16, as: UInt64.self)
                for i in 0..<MT19937State.n {
                    raw.storeBytes(of: UInt64(s.words[i]).littleEndian, toByteOffset: 24 + 8 * i, as: UInt64.self)
                }
                // normal_x (5016) and normal_rho (5032) are always 0 in PyTorch.
                if let y = s.nextDoubleNormal {
                    raw.storeBytes(of: y.bitPattern.littleEndian, toByteOffset: 5024, as: UInt64.self)
                    raw.storeBytes(of: Int32(1).littleEndian, toByteOffset: 5040, as: Int32.self)
                }
                if let f = s.nextFloatNormal {
                    raw.storeBytes(of: f.bitPattern.littleEndian, toByteOffset: 5048, as: UInt32.self)
                    raw.storeBytes(of: UInt8(1), toByteOffset: 5052, as: UInt8.self)
                }
            }
            return bytes
        }
    }

    /// Restores a state produced by ``getState()`` or by PyTorch's
    /// `torch.get_rng_state()`: `torch.Generator.set_state()` /
    /// `torch.set_rng_state()`.
    ///
    /// - Precondition: `bytes.count == Generator.stateByteCount` and the
    ///   state is valid (`1 <= left <= 624`, `next <= 624`), as PyTorch checks.
    public func setState(_ bytes: [UInt8]) {
        precondition(bytes.count == Self.stateByteCount,
                     "Expected a CPU generator state of \(Self.stateByteCount) bytes, got \(bytes.count)")
        bytes.withUnsafeBytes { raw in
            let seed = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            let left = Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int32.self)))
            let next = Int(UInt32(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self))))
            precondition(left > 0 && left <= MT19937State.n && next <= MT19937State.n, "Invalid mt19937 state")
            let normalY = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 5024, as: UInt64.self))
            let normalValid = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 5040, as: Int32.self))
            let floatNormal = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 5048, as: UInt32.self))
            let floatValid = raw.load(fromByteOffset: 5052, as: UInt8.self)
            withEngine { s in
                s.seed = seed
                s.left = left
                s.next = next
                for i in 0..<MT19937State.n {
                    let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24 + 8 * i, as: UInt64.self))
                    s.words[i] = UInt32(truncatingIfNeeded: w)
                }
                s.nextDoubleNormal = normalValid != 0 ? Double(bitPattern: normalY) : nil
                s.nextFloatNormal = floatValid != 0 ? Float(bitPattern: floatNormal) : nil
            }
        }
    }
}
