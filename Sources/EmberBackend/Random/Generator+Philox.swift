// The state of the counter-based Philox streams that CUDA fills draw from.

// MARK: - Philox state per device

// Note [CUDA generator state]
// PyTorch keeps one CUDA generator per device, a Philox4x32-10 `(seed, offset)`: a launch asks
// `philox_cuda_state(increment)` for the current pair and moves the offset on by the 32-bit
// values each thread may draw, rounded up to a multiple of 4; `torch.manual_seed(s)` seeds every
// CUDA generator with `s` and resets its offset to 0. Ember passes one `Generator` to every fill
// (the default one unless the caller names another), so the devices' offsets live in that
// generator's state, keyed by device ordinal: the seed is the generator's `initialSeed` (all 64
// bits, as `torch.cuda.manual_seed` keeps them), and `manualSeed` restarts every device's offset
// at 0. So a seed gives the same CUDA numbers in every run; `getState`/`setState` carry the CPU
// stream only, as `torch.get_rng_state` does.

extension Generator {
    /// The `(seed, offset)` for a launch on CUDA device `device` whose threads each draw at most
    /// `increment` 32-bit values, moving the device's offset past them (rounded up to a multiple
    /// of 4, as PyTorch's `philox_cuda_state` does); see Note [CUDA generator state].
    package func philoxState(device: Int, increment: UInt64) -> (seed: UInt64, offset: UInt64) {
        withEngine { s -> (seed: UInt64, offset: UInt64) in
            let offset = s.philoxOffsets[device, default: 0]
            s.philoxOffsets[device] = offset &+ (increment &+ 3) / 4 &* 4
            return (s.seed, offset)
        }
    }
}

// MARK: - Integer bounds of a floating fill

/// PyTorch's `update_from` / `update_to` (native/DistributionTemplates.h): the bounds of
/// `random_(from, to)` on a floating dtype, moved inwards where the dtype cannot hold them.
package enum RandintBounds {
    /// `[low, high)` adjusted for a floating type with `digits` significand bits, where
    /// `roundTrip(v)` is `int64_t(scalar_t(v))`.
    package static func floating(low: Int64, high: Int64, digits: Int, roundTrip: (Int64) -> Int64) -> (Int64, Int64) {
        @inline(__always) func bitLengthMinusOne(_ v: Int64) -> Int {
            let m = v.magnitude
            return m == 0 ? 0 : (63 - m.leadingZeroBitCount)
        }
        var from = low
        let fromPlus1 = roundTrip(from &+ 1)
        if fromPlus1 < from {
            let n = bitLengthMinusOne(from &+ 1)
            from = fromPlus1 &+ (Int64(1) << (n - digits + 1))
        }
        var to = high
        let toMinus1 = roundTrip(to &- 1)
        if toMinus1 >= to {
            let n = bitLengthMinusOne(to &- 1)
            to = toMinus1 &- (Int64(1) << (n - digits + 1))
        }
        precondition(from < to, "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=\(from) >= to=\(to)")
        return (from, to)
    }

    /// The bounds for `dtype`: adjusted for `float32` and `float64`, unchanged for the others.
    package static func adjusted(low: Int64, high: Int64, for dtype: DType) -> (Int64, Int64) {
        switch dtype {
        case .float32: floating(low: low, high: high, digits: Float.significandBitCount + 1) { Float($0).exactInt64 }
        case .float64: floating(low: low, high: high, digits: Double.significandBitCount + 1) { Double($0).exactInt64 }
        default: (low, high)
        }
    }
}

extension BinaryFloatingPoint {
    /// `static_cast<int64_t>(x)` as x86-64 executes it for an integral `x`: out-of-range values
    /// give `Int64.min` (`cvttss2si`'s "integer indefinite").
    package var exactInt64: Int64 {
        if self >= 0x1p63 || self < -0x1p63 || self.isNaN { return Int64.min }
        return Int64(self)
    }
}
