// MARK: - Optimizer kernels

import CEmberSIMD
import EmberBackend

extension CPUBackend {
    /// Runs a fused optimizer update (SGD and Adam here, the others in
    /// CPUBackend+OptimMore.swift) on contiguous float32 or float64 buffers (Optim.c; see
    /// Note [Fused optimizer arithmetic] there), split across the thread pool for large
    /// parameters. Returns `false` for anything else.
    @usableFromInline package func optimizerStep(_ step: OptimizerStep, param: StridedBuffer, grad: StridedBuffer,
                                                  state: [StridedBuffer]) -> Bool {
        let count = param.layout.count
        let dtype = param.dtype
        guard dtype == .float32 || dtype == .float64 else { return false }
        func fits(_ buffer: StridedBuffer) -> Bool {
            buffer.dtype == dtype && buffer.layout.isContiguous && buffer.layout.count == count
        }
        guard fits(param), fits(grad), state.allSatisfy(fits) else { return false }
        let size = dtype.itemSize
        let p = UnsafeSendableBox(param.start), g = UnsafeSendableBox(grad.start)
        let s = state.map { UnsafeSendableBox($0.start) }
        let avx2 = CPUFeatures.avx2FMA
        switch step {
        case let .sgd(lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep):
            guard s.count == (momentum == 0 ? 0 : 1) else { return false }
            let config = ember_sgd_config(lr: lr, momentum: momentum, dampening: dampening, weight_decay: weightDecay,
                                          nesterov: nesterov ? 1 : 0, maximize: maximize ? 1 : 0,
                                          first_step: firstStep ? 1 : 0)
            withUnsafePointer(to: config) { configPointer in
                let c = UnsafeSendableBox(configPointer)
                Parallel.forRange(count, grain: Self.optimizerGrain) { r in
                    let o = r.lowerBound * size, n = r.count
                    let buf = s.first.map { $0.value + o }
                    if dtype == .float32 {
                        let args = (p.value.advanced(by: o).assumingMemoryBound(to: Float.self),
                                    g.value.advanced(by: o).assumingMemoryBound(to: Float.self),
                                    buf?.assumingMemoryBound(to: Float.self))
                        if avx2 { ember_sgd_step_f32_avx2(args.0, args.1, args.2, n, c.value) }
                        else { ember_sgd_step_f32(args.0, args.1, args.2, n, c.value) }
                    } else {
                        let args = (p.value.advanced(by: o).assumingMemoryBound(to: Double.self),
                                    g.value.advanced(by: o).assumingMemoryBound(to: Double.self),
                                    buf?.assumingMemoryBound(to: Double.self))
                        if avx2 { ember_sgd_step_f64_avx2(args.0, args.1, args.2, n, c.value) }
                        else { ember_sgd_step_f64(args.0, args.1, args.2, n, c.value) }
                    }
                }
            }
        case let .adam(lr, beta1, beta2, eps, weightDecay, decoupled, maximize, stepSize, biasCorrection2Sqrt):
            guard s.count == 2 || s.count == 3 else { return false }
            let config = ember_adam_config(lr: lr, beta1: beta1, beta2: beta2, eps: eps, weight_decay: weightDecay,
                                           step_size: stepSize, bias_correction2_sqrt: biasCorrection2Sqrt,
                                           decoupled: decoupled ? 1 : 0, maximize: maximize ? 1 : 0)
            withUnsafePointer(to: config) { configPointer in
                let c = UnsafeSendableBox(configPointer)
                Parallel.forRange(count, grain: Self.optimizerGrain) { r in
                    let o = r.lowerBound * size, n = r.count
                    let (m, v) = (s[0].value + o, s[1].value + o)
                    let vmax = s.count == 3 ? s[2].value + o : nil
                    if dtype == .float32 {
                        func f(_ x: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Float> { x.assumingMemoryBound(to: Float.self) }
                        if avx2 { ember_adam_step_f32_avx2(f(p.value + o), f(g.value + o), f(m), f(v), vmax.map(f), n, c.value) }
                        else { ember_adam_step_f32(f(p.value + o), f(g.value + o), f(m), f(v), vmax.map(f), n, c.value) }
                    } else {
                        func f(_ x: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Double> { x.assumingMemoryBound(to: Double.self) }
                        if avx2 { ember_adam_step_f64_avx2(f(p.value + o), f(g.value + o), f(m), f(v), vmax.map(f), n, c.value) }
                        else { ember_adam_step_f64(f(p.value + o), f(g.value + o), f(m), f(v), vmax.map(f), n, c.value) }
                    }
                }
            }
        case .adamax, .nadam, .radam, .adadelta, .adagrad, .rmsprop:
            guard let (kernels, config, slots) = optimMoreKernel(step, stateCount: state.count) else { return false }
            runOptimMoreKernel(kernels, config: config, slots: slots, count: count, dtype: dtype, param: param.start,
                               grad: grad.start, state: state.map(\.start))
        }
        return true
    }

    /// Elements per task of an optimizer update: below it a parameter is updated on one thread.
    static let optimizerGrain = 1 << 15
}
