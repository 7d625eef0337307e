import EmberBackend

// MARK: - Random fills: Philox4x32-10

// Note [CUDA random numbers]
// Random fills draw from Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC 2011), as torch.cuda does, written out here rather than taken from curand's
// header: a 128-bit counter and a 64-bit key (the seed) give four 32-bit words in ten rounds.
// Each thread of a launch draws from its own subsequence, as `curand_init(seed, idx, offset)`
// sets it up: the key is the seed's two halves, the counter's high 64 bits are the thread's
// global index and its low 64 bits start at `offset / 4`, advancing by one per four words.
//
// The fill follows PyTorch's `distribution_nullary_kernel`: thread `idx` of `threads` draws one
// Philox block per step and writes `unroll` elements from it, element `base + threads * j` for
// the `j`-th word group, `base` stepping from `idx` by `threads * unroll`. So a thread draws at
// most `4 * ceil(n / (threads * unroll))` words, which is how far the launch moves the device's
// offset (Note [CUDA generator state]). The grid is capped at `KernelRandom.maxBlocks` blocks
// whatever the device, so a seed gives the same numbers on every GPU.
//
// Words become values as curand's do: a float32 uniform is `x * 2^-32 + 2^-33` (in (0, 1]), a
// float64 one `(x ^ (y << 21)) * 2^-53 + 2^-54` from two words; normals come from curand's
// Box-Muller (two float32 normals from two words, two float64 normals from four words, through
// `sincospi`). As in PyTorch, a uniform sample that lands on `to` becomes `from`, a Bernoulli
// draw compares a float64 uniform with `p`, and an integer in `[low, low + range)` is `low + x %
// range` with one word (range below 2^32) or two (a 64-bit draw). Only the generator and the
// layout are PyTorch's: which draws feed which element differs from ATen's kernels, so the
// values are not torch.cuda's bit for bit.

/// A random fill the CUDA kernels make.
package enum KernelRandomKind: String, CaseIterable, Sendable {
    case uniform, normal, bernoulli
    /// Integers with a range below 2^32: one word per element.
    case integers
    /// Integers with a wider range (0 meaning 2^64): two words per element.
    case integers64

    /// Elements written from each Philox block of four words.
    package func unroll(_ dtype: DType) -> Int {
        switch self {
        case .uniform, .normal: dtype == .float64 ? 2 : 4
        case .bernoulli, .integers64: 2
        case .integers: 4
        }
    }

    /// Whether the fill exists for `dtype` (uniform and normal fill floating dtypes only).
    package func supports(_ dtype: DType) -> Bool {
        switch self {
        case .uniform, .normal: dtype.isFloatingPoint
        default: true
        }
    }
}

extension KernelSources {
    /// The random fill kernel of `kind` for `dtype` (`nil` where it does not exist).
    package static func randomKernel(_ kind: KernelRandomKind, _ dtype: DType) -> String? {
        kind.supports(dtype) ? entry("random", kind.rawValue, dtype) : nil
    }

    /// The Philox4x32-10 rounds as C text, for the device (`qualifiers` `__device__
    /// __forceinline__`) or for a host compiler (`static`): `c` holds the counter and becomes
    /// the four output words, `k` the key.
    package static func philoxRoundsText(qualifiers: String) -> String {
        """
        // Philox4x32-10: ten rounds of two 32x32->64 multiplications, the key bumped by the
        // Weyl constants between rounds.
        \(qualifiers) void ember_philox_rounds(unsigned int* c, const unsigned int* key) {
            unsigned int k0 = key[0], k1 = key[1];
            for (int r = 0; r < 10; ++r) {
                const unsigned long long p0 = (unsigned long long)0xD2511F53u * c[0];
                const unsigned long long p1 = (unsigned long long)0xCD9E8D57u * c[2];
                const unsigned int hi0 = (unsigned int)(p0 >> 32), lo0 = (unsigned int)p0;
                const unsigned int hi1 = (unsigned int)(p1 >> 32), lo1 = (unsigned int)p1;
                c[0] = hi1 ^ c[1] ^ k0;
                c[1] = lo1;
                c[2] = hi0 ^ c[3] ^ k1;
                c[3] = lo0;
                k0 += 0x9E3779B9u;
                k1 += 0xBB67AE85u;
            }
        }

        """
    }

    /// The random fills of `dtype` (Note [CUDA random numbers]).
    package static func randomModule(_ dtype: DType) -> KernelModule {
        let kinds = KernelRandomKind.allCases.filter { $0.supports(dtype) }
        var text = prelude(dtype) + philoxRoundsText(qualifiers: "__device__ __forceinline__")
        text += """
        // One thread's Philox stream: curand_init(seed, subsequence, offset) with offset a
        // multiple of 4.
        struct EmberPhilox {
            unsigned int counter[4];
            unsigned int key[2];
        };
        __device__ __forceinline__ EmberPhilox ember_philox_init(u64 seed, u64 subsequence, u64 offset) {
            const u64 block = offset / 4;
            EmberPhilox s;
            s.counter[0] = (unsigned int)block;
            s.counter[1] = (unsigned int)(block >> 32);
            s.counter[2] = (unsigned int)subsequence;
            s.counter[3] = (unsigned int)(subsequence >> 32);
            s.key[0] = (unsigned int)seed;
            s.key[1] = (unsigned int)(seed >> 32);
            return s;
        }
        // The next four words; the 128-bit counter moves on by one.
        __device__ __forceinline__ void ember_philox_next(EmberPhilox& s, unsigned int* r) {
            for (int w = 0; w < 4; ++w) r[w] = s.counter[w];
            ember_philox_rounds(r, s.key);
            for (int w = 0; w < 4; ++w) {
                if (++s.counter[w] != 0u) break;
            }
        }
        // curand's float64 uniform in (0, 1] from two words.
        __device__ __forceinline__ double ember_uniform_double(unsigned int x, unsigned int y) {
            const u64 z = (u64)x ^ ((u64)y << 21);
            return (double)z * 0x1p-53 + 0x1p-54;
        }
        // The fill loop of Note [CUDA random numbers]: `emit(r, j)` is element j's value from
        // the Philox block r.
        template <int UNROLL, class Emit>
        __device__ __forceinline__ void ember_random_fill(T* out, i64 n, u64 seed, u64 offset, Emit emit) {
            const i64 idx = (i64)blockIdx.x * blockDim.x + threadIdx.x;
            const i64 threads = (i64)gridDim.x * blockDim.x;
            EmberPhilox s = ember_philox_init(seed, (u64)idx, offset);
            for (i64 base = idx; base < n; base += threads * UNROLL) {
                unsigned int r[4];
                ember_philox_next(s, r);
                #pragma unroll
                for (int j = 0; j < UNROLL; ++j) {
                    const i64 i = base + threads * j;
                    if (i < n) out[i] = emit(r, j);
                }
            }
        }

        """
        for kind in kinds {
            text += randomKernelText(kind, dtype, name: entry("random", kind.rawValue, dtype))
        }
        return KernelModule(name: "random_\(dtype.kernelName)", kernels: kinds.map { entry("random", $0.rawValue, dtype) },
                            source: text)
    }

    /// One fill kernel: its parameters are those of `KernelRandom.parameters`.
    private static func randomKernelText(_ kind: KernelRandomKind, _ dtype: DType, name: String) -> String {
        let unroll = kind.unroll(dtype)
        let body: String
        switch (kind, dtype) {
        case (.uniform, .float32):
            body = """
            const float u = (float)r[j] * 0x1p-32f + 0x1p-33f;
                        const float v = u * (float)p.f[1] + (float)p.f[0];
                        return v == (float)p.f[2] ? (float)p.f[0] : v;
            """
        case (.uniform, _):
            body = """
            const double u = ember_uniform_double(r[2 * j], r[2 * j + 1]);
                        const double v = u * p.f[1] + p.f[0];
                        return v == p.f[2] ? p.f[0] : v;
            """
        case (.normal, .float32):
            body = """
            const float u = (float)r[j & 2] * 0x1p-32f + 0x1p-33f;
                        const float v = (float)r[(j & 2) + 1] * 0x1.921fb54442d18p-30f + 0x1.921fb54442d18p-31f;
                        const float s = sqrtf(-2.0f * logf(u));
                        float sn, cs;
                        sincosf(v, &sn, &cs);
                        return ((j & 1) ? cs : sn) * s * (float)p.f[1] + (float)p.f[0];
            """
        case (.normal, _):
            body = """
            const double u = ember_uniform_double(r[0], r[1]);
                        const u64 zy = (u64)r[2] ^ ((u64)r[3] << 21);
                        const double v = (double)zy * 0x1p-52 + 0x1p-53;
                        const double s = sqrt(-2.0 * log(u));
                        double sn, cs;
                        sincospi(v, &sn, &cs);
                        return (j ? cs : sn) * s * p.f[1] + p.f[0];
            """
        case (.bernoulli, _):
            body = """
            const double u = ember_uniform_double(r[2 * j], r[2 * j + 1]);
                        return (T)((u == 1.0 ? 0.0 : u) < p.f[0]);
            """
        case (.integers, _):
            body = """
            return (T)(i64)((u64)p.i[0] + (u64)r[j] % (u64)p.i[1]);
            """
        case (.integers64, _):
            body = """
            const u64 x = ((u64)r[2 * j] << 32) | r[2 * j + 1];
                        const u64 range = (u64)p.i[1];
                        return (T)(i64)((u64)p.i[0] + (range == 0 ? x : x % range));
            """
        }
        return """
        extern "C" __global__ void \(name)(T* __restrict__ out, i64 n, u64 seed, u64 offset, EmberParams p) {
            ember_random_fill<\(unroll)>(out, n, seed, offset, [&](const unsigned int* r, int j) -> T {
                        \(body)
            });
        }

        """
    }
}

// MARK: - Launch geometry and arguments

/// How one random fill launches (Note [CUDA random numbers]): its grid, and how far it moves
/// the device's Philox offset.
package struct KernelRandom: Equatable, Sendable {
    /// The most blocks of a fill, on every device.
    package static let maxBlocks = 1024
    /// Elements written per Philox block.
    package var unroll: Int
    /// Blocks of `KernelSources.blockSize` threads.
    package var blocks: Int
    /// The 32-bit words each thread may draw, a multiple of 4: the offset's advance.
    package var increment: UInt64

    /// The geometry of a fill of `count` elements (at least one), `unroll` per Philox block.
    package init(count: Int, unroll: Int) {
        let threadsPerBlock = KernelSources.blockSize
        self.unroll = unroll
        blocks = min(max((count + threadsPerBlock * unroll - 1) / (threadsPerBlock * unroll), 1), Self.maxBlocks)
        let threads = blocks * threadsPerBlock
        increment = UInt64((count - 1) / (threads * unroll) + 1) * 4
    }

    /// The kernel kind and `EmberParams` of `distribution` on `dtype` (`nil` for a permutation
    /// or a dtype the distribution does not fill): uniform `f = [from, to - from, to]` and normal
    /// `f = [mean, std]`, both in the dtype's precision; bernoulli `f[0] = p`; integers `i =
    /// [low, range]` (range 0 meaning 2^64), with a floating dtype's bounds moved inwards as
    /// PyTorch's `update_from`/`update_to` do.
    package static func arguments(_ distribution: RandomDistribution, _ dtype: DType)
        -> (kind: KernelRandomKind, parameters: KernelParameters)? {
        var parameters = KernelParameters()
        switch distribution {
        case .uniform(let from, let to):
            guard dtype.isFloatingPoint else { return nil }
            parameters.set(0, .float(from), as: dtype)
            parameters.set(1, .float(to - from), as: dtype)
            parameters.set(2, .float(to), as: dtype)
            return (.uniform, parameters)
        case .normal(let mean, let std, _):
            guard dtype.isFloatingPoint else { return nil }
            parameters.set(0, .float(mean), as: dtype)
            parameters.set(1, .float(std), as: dtype)
            return (.normal, parameters)
        case .bernoulli(let p):
            parameters.f[0] = p
            return (.bernoulli, parameters)
        case .integers(let low, let high):
            let (from, to) = RandintBounds.adjusted(low: low, high: high, for: dtype)
            let range = UInt64(bitPattern: to) &- UInt64(bitPattern: from)
            parameters.i[0] = from
            parameters.i[1] = Int64(bitPattern: range)
            return (range != 0 && range < 1 << 32 ? .integers : .integers64, parameters)
        case .permutation:
            return nil
        }
    }
}
