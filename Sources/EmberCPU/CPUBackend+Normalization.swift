import EmberBackend
import CEmberSIMD

// MARK: - Batch norm and max pooling, fused
//
// Note [Fused batch norm and pooling kernels]
// Composed from tensor ops, a training batch norm is about fifteen kernels forward and twenty
// backward, each a pass over the activations with broadcast per-channel operands, and a max pool
// pads, unfolds, reduces and gathers. On the small activations of a CNN step the per-kernel cost
// dominates. These loops do the same work in two passes per direction, as PyTorch's
// `batch_norm_cpu_*_contiguous` and `cpu_max_pool` kernels do: the input is seen as `[N, C, S]`
// (S the spatial elements of one channel), one task per channel, sums accumulated in Double (as
// PyTorch's CPU kernels accumulate float in double), four partial sums per row so that the adds
// overlap. Each channel's sums run in the same order whatever the thread count. The max pool's
// loop is in C (`ember_max_pool_plane_*` in Windows.c), one call per (batch, channel) plane.

extension CPUBackend {
    @usableFromInline package func batchNormStatistics(_ input: StridedBuffer, eps: Double, mean: StridedBuffer,
                                                        variance: StridedBuffer, invstd: StridedBuffer) -> Bool {
        switch input.dtype {
        case .float32: NormalizationKernels.statistics(input, eps, mean, variance, invstd, Float.self)
        case .float64: NormalizationKernels.statistics(input, eps, mean, variance, invstd, Double.self)
        default: return false
        }
        return true
    }

    @usableFromInline package func batchNormApply(_ input: StridedBuffer, mean: StridedBuffer, invstd: StridedBuffer,
                                                   weight: StridedBuffer?, bias: StridedBuffer?,
                                                   into output: StridedBuffer) -> Bool {
        switch input.dtype {
        case .float32: NormalizationKernels.apply(input, mean, invstd, weight, bias, output, Float.self)
        case .float64: NormalizationKernels.apply(input, mean, invstd, weight, bias, output, Double.self)
        default: return false
        }
        return true
    }

    @usableFromInline package func batchNormBackward(_ gradient: StridedBuffer, input: StridedBuffer, mean: StridedBuffer,
                                                      invstd: StridedBuffer, weight: StridedBuffer?, training: Bool,
                                                      gradInput: StridedBuffer?, gradWeight: StridedBuffer?,
                                                      gradBias: StridedBuffer?) -> Bool {
        switch input.dtype {
        case .float32:
            NormalizationKernels.backward(gradient, input, mean, invstd, weight, training, gradInput, gradWeight,
                                          gradBias, Float.self)
        case .float64:
            NormalizationKernels.backward(gradient, input, mean, invstd, weight, training, gradInput, gradWeight,
                                          gradBias, Double.self)
        default: return false
        }
        return true
    }

    @usableFromInline package func maxPool(_ input: StridedBuffer, window: SlidingWindow, values: StridedBuffer,
                                            indices: StridedBuffer) -> Bool {
        guard window.kernel.count == 2 else { return false }
        switch input.dtype {
        case .float32: NormalizationKernels.maxPool(input, window, values, indices, Float.self)
        case .float64: NormalizationKernels.maxPool(input, window, values, indices, Double.self)
        default: return false
        }
        return true
    }
}

extension CPUBackend {
    @usableFromInline package func maxPoolBackward(_ gradient: StridedBuffer, indices: StridedBuffer,
                                                    into output: StridedBuffer) -> Bool {
        let shape = output.layout.shape
        guard shape.count >= 2, output.dtype == gradient.dtype else { return false }
        let planes = shape[0] * shape[1], plane = output.layout.count / max(planes, 1)
        let outputs = gradient.layout.count / max(planes, 1)
        let ix = UnsafeSendableBox(UnsafePointer(indices.pointer(as: Int64.self)))
        switch output.dtype {
        case .float32:
            let g = UnsafeSendableBox(UnsafePointer(gradient.pointer(as: Float.self))), o = UnsafeSendableBox(output.pointer(as: Float.self))
            Parallel.forRange(planes, grain: max(1, 32768 / max(plane + outputs, 1))) { range in
                for p in range { ember_max_pool_backward_plane_f32(g.value + p * outputs, ix.value + p * outputs, o.value + p * plane, outputs, plane) }
            }
        case .float64:
            let g = UnsafeSendableBox(UnsafePointer(gradient.pointer(as: Double.self))), o = UnsafeSendableBox(output.pointer(as: Double.self))
            Parallel.forRange(planes, grain: max(1, 32768 / max(plane + outputs, 1))) { range in
                for p in range { ember_max_pool_backward_plane_f64(g.value + p * outputs, ix.value + p * outputs, o.value + p * plane, outputs, plane) }
            }
        default: return false
        }
        return true
    }
}

/// The loops of Note [Fused batch norm and pooling kernels].
enum NormalizationKernels {
    /// Channels per task: about 32K elements of work each.
    @inline(__always)
    static func channelGrain(_ perChannel: Int) -> Int { max(1, 32768 / max(perChannel, 1)) }

    /// Adds the sum of `x[0..<count]` to `sum` and of `(x[i] - center)^2` to `squares`, in
    /// Double: eight partial sums each with AVX2 for float32 (Normalization.c), else four.
    @inline(__always)
    static func sums<T: FloatingScalar>(_ x: UnsafePointer<T>, _ count: Int, center: Double, _ sum: inout Double,
                                        _ squares: inout Double) {
        if T.self == Float.self && CPUFeatures.avx2FMA {
            ember_bn_sums_f32_avx2(UnsafeRawPointer(x).assumingMemoryBound(to: Float.self), count, center, &sum, &squares)
            return
        }
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0
        var i = 0
        while i + 4 <= count {
            let a = Double(x[i]), b = Double(x[i + 1]), c = Double(x[i + 2]), d = Double(x[i + 3])
            s0 += a; s1 += b; s2 += c; s3 += d
            q0 += (a - center) * (a - center); q1 += (b - center) * (b - center)
            q2 += (c - center) * (c - center); q3 += (d - center) * (d - center)
            i += 4
        }
        while i < count {
            let a = Double(x[i])
            s0 += a
            q0 += (a - center) * (a - center)
            i += 1
        }
        sum += (s0 + s1) + (s2 + s3)
        squares += (q0 + q1) + (q2 + q3)
    }

    static func statistics<T: FloatingScalar>(_ input: StridedBuffer, _ eps: Double, _ mean: StridedBuffer,
                                              _ variance: StridedBuffer, _ invstd: StridedBuffer, _: T.Type) {
        let shape = input.layout.shape
        let n = shape[0], c = shape[1], s = input.layout.count / max(n * c, 1)
        let x = UnsafeSendableBox(UnsafePointer(input.pointer(as: T.self)))
        let m = UnsafeSendableBox(mean.pointer(as: T.self)), v = UnsafeSendableBox(variance.pointer(as: T.self))
        let r = UnsafeSendableBox(invstd.pointer(as: T.self))
        let count = Double(n * s)
        Parallel.forRange(c, grain: channelGrain(n * s)) { channels in
            for ch in channels {
                var total = 0.0, ignored = 0.0
                for b in 0..<n { sums(x.value + (b * c + ch) * s, s, center: 0, &total, &ignored) }
                let mu = total / count
                var squares = 0.0
                for b in 0..<n { sums(x.value + (b * c + ch) * s, s, center: mu, &ignored, &squares) }
                let sigma2 = squares / count
                m.value[ch] = T(mu)
                v.value[ch] = T(sigma2)
                r.value[ch] = T(1 / (sigma2 + eps).squareRoot())
            }
        }
    }

    static func apply<T: FloatingScalar>(_ input: StridedBuffer, _ mean: StridedBuffer, _ invstd: StridedBuffer,
                                         _ weight: StridedBuffer?, _ bias: StridedBuffer?, _ output: StridedBuffer,
                                         _: T.Type) {
        let shape = input.layout.shape
        let n = shape[0], c = shape[1], s = input.layout.count / max(n * c, 1)
        let x = UnsafeSendableBox(UnsafePointer(input.pointer(as: T.self))), y = UnsafeSendableBox(output.pointer(as: T.self))
        let m = UnsafeSendableBox(UnsafePointer(mean.pointer(as: T.self)))
        let r = UnsafeSendableBox(UnsafePointer(invstd.pointer(as: T.self)))
        let w = UnsafeSendableBox(weight.map { UnsafePointer($0.pointer(as: T.self)) })
        let bi = UnsafeSendableBox(bias.map { UnsafePointer($0.pointer(as: T.self)) })
        Parallel.forRange(c, grain: channelGrain(n * s)) { channels in
            for ch in channels {
                // PyTorch's batch_norm_cpu_transform_input: y = x * alpha + beta.
                let alpha = r.value[ch] * (w.value?[ch] ?? 1)
                let beta = (bi.value?[ch] ?? 0) - m.value[ch] * alpha
                for b in 0..<n {
                    let from = x.value + (b * c + ch) * s, to = y.value + (b * c + ch) * s
                    for i in 0..<s { to[i] = from[i] * alpha + beta }
                }
            }
        }
    }

    static func backward<T: FloatingScalar>(_ gradient: StridedBuffer, _ input: StridedBuffer, _ mean: StridedBuffer,
                                            _ invstd: StridedBuffer, _ weight: StridedBuffer?, _ training: Bool,
                                            _ gradInput: StridedBuffer?, _ gradWeight: StridedBuffer?,
                                            _ gradBias: StridedBuffer?, _: T.Type) {
        let shape = input.layout.shape
        let n = shape[0], c = shape[1], s = input.layout.count / max(n * c, 1)
        let x = UnsafeSendableBox(UnsafePointer(input.pointer(as: T.self)))
        let g = UnsafeSendableBox(UnsafePointer(gradient.pointer(as: T.self)))
        let m = UnsafeSendableBox(UnsafePointer(mean.pointer(as: T.self)))
        let r = UnsafeSendableBox(UnsafePointer(invstd.pointer(as: T.self)))
        let w = UnsafeSendableBox(weight.map { UnsafePointer($0.pointer(as: T.self)) })
        let dx = UnsafeSendableBox(gradInput.map { $0.pointer(as: T.self) })
        let dw = UnsafeSendableBox(gradWeight.map { $0.pointer(as: T.self) })
        let db = UnsafeSendableBox(gradBias.map { $0.pointer(as: T.self) })
        let needsSums = training && dx.value != nil || dw.value != nil || db.value != nil
        Parallel.forRange(c, grain: channelGrain(n * s)) { channels in
            for ch in channels {
                let mu = m.value[ch], rstd = r.value[ch]
                // sum(dy) and sum((x - mean) * dy), PyTorch's `sum` and `dotp`.
                var sum = 0.0, dot = 0.0
                if needsSums {
                    let center = Double(mu)
                    for b in 0..<n {
                        let xs = x.value + (b * c + ch) * s, gs = g.value + (b * c + ch) * s
                        if T.self == Float.self && CPUFeatures.avx2FMA {
                            ember_bn_backward_sums_f32_avx2(UnsafeRawPointer(xs).assumingMemoryBound(to: Float.self),
                                                            UnsafeRawPointer(gs).assumingMemoryBound(to: Float.self),
                                                            s, center, &sum, &dot)
                            continue
                        }
                        var s0 = 0.0, s1 = 0.0, d0 = 0.0, d1 = 0.0
                        var i = 0
                        while i + 2 <= s {
                            let g0 = Double(gs[i]), g1 = Double(gs[i + 1])
                            s0 += g0; s1 += g1
                            d0 += (Double(xs[i]) - center) * g0; d1 += (Double(xs[i + 1]) - center) * g1
                            i += 2
                        }
                        if i < s {
                            let g0 = Double(gs[i])
                            s0 += g0
                            d0 += (Double(xs[i]) - center) * g0
                        }
                        sum += s0 + s1
                        dot += d0 + d1
                    }
                }
                let scale = rstd * (w.value?[ch] ?? 1)
                if let out = dx.value {
                    if training {
                        // PyTorch's batch_norm_cpu_backward: dx = (dy - mean(dy) - (x - mean) * k) * invstd * w,
                        // k = dotp * invstd^2 / count.
                        let count = Double(n * s)
                        let k = T(dot * Double(rstd) * Double(rstd) / count), gradMean = T(sum / count)
                        for b in 0..<n {
                            let xs = x.value + (b * c + ch) * s, gs = g.value + (b * c + ch) * s
                            let to = out + (b * c + ch) * s
                            for i in 0..<s { to[i] = (gs[i] - gradMean - (xs[i] - mu) * k) * scale }
                        }
                    } else {
                        for b in 0..<n {
                            let gs = g.value + (b * c + ch) * s, to = out + (b * c + ch) * s
                            for i in 0..<s { to[i] = gs[i] * scale }
                        }
                    }
                }
                dw.value?[ch] = T(dot * Double(rstd))
                db.value?[ch] = T(sum)
            }
        }
    }

    static func maxPool<T: FloatingScalar>(_ input: StridedBuffer, _ window: SlidingWindow, _ values: StridedBuffer,
                                           _ indices: StridedBuffer, _: T.Type) {
        var g = WindowKernels.geometry(window)
        let inPlane = window.inputCount, outPlane = window.outputCount
        let planes = input.layout.count / max(inPlane, 1)
        let x = UnsafeSendableBox(UnsafeRawPointer(input.pointer(as: T.self)))
        let v = UnsafeSendableBox(UnsafeMutableRawPointer(values.pointer(as: T.self)))
        let ix = UnsafeSendableBox(indices.pointer(as: Int64.self))
        withUnsafePointer(to: &g) { gp in
            let geometry = UnsafeSendableBox(gp)
            Parallel.forRange(planes, grain: max(1, 32768 / max(outPlane * window.kernelCount, 1))) { range in
                for plane in range {
                    let from = x.value + plane * inPlane * MemoryLayout<T>.size
                    let to = v.value + plane * outPlane * MemoryLayout<T>.size, at = ix.value + plane * outPlane
                    if T.self == Double.self {
                        ember_max_pool_plane_f64(from.assumingMemoryBound(to: Double.self), to.assumingMemoryBound(to: Double.self),
                                                 at, geometry.value)
                    } else {
                        ember_max_pool_plane_f32(from.assumingMemoryBound(to: Float.self), to.assumingMemoryBound(to: Float.self),
                                                 at, geometry.value)
                    }
                }
            }
        }
    }
}
