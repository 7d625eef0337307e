// MARK: - Optimizer kernels of OptimMore.c

import CEmberSIMD
import EmberBackend

/// The float and double kernels, baseline and AVX2, of one optimizer in OptimMore.c.
struct OptimKernels: Sendable {
    typealias Float32Kernel = @convention(c) (
        UnsafeMutablePointer<Float>?, UnsafePointer<Float>?, UnsafeMutablePointer<Float>?,
        UnsafeMutablePointer<Float>?, UnsafeMutablePointer<Float>?, Int, UnsafePointer<ember_optim_config>?) -> Void
    typealias Float64Kernel = @convention(c) (
        UnsafeMutablePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?,
        UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int, UnsafePointer<ember_optim_config>?) -> Void

    let f32: Float32Kernel, f32AVX2: Float32Kernel, f64: Float64Kernel, f64AVX2: Float64Kernel
}

extension CPUBackend {
    /// The kernels, the settings and the state slots (`s0`, `s1`, `s2` of OptimMore.c) of an
    /// Adamax, NAdam, RAdam, Adadelta, Adagrad or RMSprop update with `stateCount` state buffers,
    /// or `nil` for SGD, Adam or a state count the update does not take.
    func optimMoreKernel(_ step: OptimizerStep, stateCount: Int)
        -> (kernels: OptimKernels, config: ember_optim_config, slots: [Int?])? {
        var c = ember_optim_config()
        let kernels: OptimKernels
        var slots: [Int?] = [0, 1, nil]
        switch step {
        case .sgd, .adam:
            return nil
        case let .adamax(beta1, beta2, eps, weightDecay, maximize, stepSize):
            guard stateCount == 2 else { return nil }
            (c.beta1, c.beta2, c.eps, c.weight_decay, c.step_size) = (beta1, beta2, eps, weightDecay, stepSize)
            c.maximize = maximize ? 1 : 0
            kernels = OptimKernels(f32: ember_adamax_step_f32, f32AVX2: ember_adamax_step_f32_avx2,
                                   f64: ember_adamax_step_f64, f64AVX2: ember_adamax_step_f64_avx2)
        case let .nadam(lr, beta1, beta2, eps, weightDecay, decoupled, maximize, biasCorrection2, gradCoefficient,
                        expAvgCoefficient):
            guard stateCount == 2 else { return nil }
            (c.lr, c.beta1, c.beta2, c.eps, c.weight_decay) = (lr, beta1, beta2, eps, weightDecay)
            (c.bias_correction2, c.grad_coefficient, c.avg_coefficient) =
                (biasCorrection2, gradCoefficient, expAvgCoefficient)
            (c.decoupled, c.maximize) = (decoupled ? 1 : 0, maximize ? 1 : 0)
            kernels = OptimKernels(f32: ember_nadam_step_f32, f32AVX2: ember_nadam_step_f32_avx2,
                                   f64: ember_nadam_step_f64, f64AVX2: ember_nadam_step_f64_avx2)
        case let .radam(lr, beta1, beta2, eps, weightDecay, decoupled, maximize, biasCorrection1,
                        biasCorrection2Sqrt, rect):
            guard stateCount == 2 else { return nil }
            (c.lr, c.beta1, c.beta2, c.eps, c.weight_decay) = (lr, beta1, beta2, eps, weightDecay)
            (c.bias_correction1, c.bias_correction2, c.rect) = (biasCorrection1, biasCorrection2Sqrt, rect ?? 0)
            (c.decoupled, c.maximize, c.rectified) = (decoupled ? 1 : 0, maximize ? 1 : 0, rect == nil ? 0 : 1)
            kernels = OptimKernels(f32: ember_radam_step_f32, f32AVX2: ember_radam_step_f32_avx2,
                                   f64: ember_radam_step_f64, f64AVX2: ember_radam_step_f64_avx2)
        case let .adadelta(lr, rho, eps, weightDecay, maximize):
            guard stateCount == 2 else { return nil }
            (c.lr, c.alpha, c.eps, c.weight_decay) = (lr, rho, eps, weightDecay)
            c.maximize = maximize ? 1 : 0
            kernels = OptimKernels(f32: ember_adadelta_step_f32, f32AVX2: ember_adadelta_step_f32_avx2,
                                   f64: ember_adadelta_step_f64, f64AVX2: ember_adadelta_step_f64_avx2)
        case let .adagrad(clr, eps, weightDecay, maximize):
            guard stateCount == 1 else { return nil }
            (c.step_size, c.eps, c.weight_decay) = (clr, eps, weightDecay)
            c.maximize = maximize ? 1 : 0
            slots = [0, nil, nil]
            kernels = OptimKernels(f32: ember_adagrad_step_f32, f32AVX2: ember_adagrad_step_f32_avx2,
                                   f64: ember_adagrad_step_f64, f64AVX2: ember_adagrad_step_f64_avx2)
        case let .rmsprop(lr, alpha, eps, weightDecay, momentum, centered, maximize):
            let hasMomentum = momentum > 0
            guard stateCount == 1 + (hasMomentum ? 1 : 0) + (centered ? 1 : 0) else { return nil }
            (c.lr, c.alpha, c.eps, c.weight_decay, c.momentum) = (lr, alpha, eps, weightDecay, momentum)
            c.maximize = maximize ? 1 : 0
            // State order: square_avg, momentum_buffer if any, grad_avg if centered.
            slots = [0, hasMomentum ? 1 : nil, centered ? (hasMomentum ? 2 : 1) : nil]
            kernels = OptimKernels(f32: ember_rmsprop_step_f32, f32AVX2: ember_rmsprop_step_f32_avx2,
                                   f64: ember_rmsprop_step_f64, f64AVX2: ember_rmsprop_step_f64_avx2)
        }
        return (kernels, c, slots)
    }

    /// Runs one of OptimMore.c's kernels over `count` elements of float32 or float64 buffers,
    /// split across the thread pool for large parameters; `slots` names the state buffer of each
    /// of the kernel's three state pointers (`nil` passes NULL).
    func runOptimMoreKernel(_ kernels: OptimKernels, config: ember_optim_config, slots: [Int?], count: Int,
                            dtype: DType, param: UnsafeMutableRawPointer, grad: UnsafeMutableRawPointer,
                            state: [UnsafeMutableRawPointer]) {
        let size = dtype.itemSize
        let p = UnsafeSendableBox(param), g = UnsafeSendableBox(grad)
        let s = slots.map { slot in slot.map { UnsafeSendableBox(state[$0]) } }
        let avx2 = CPUFeatures.avx2FMA
        withUnsafePointer(to: config) { configPointer in
            let c = UnsafeSendableBox(configPointer)
            Parallel.forRange(count, grain: Self.optimizerGrain) { r in
                let o = r.lowerBound * size, n = r.count
                let at = s.map { $0.map { $0.value + o } }
                if dtype == .float32 {
                    func f(_ x: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Float>? {
                        x?.assumingMemoryBound(to: Float.self)
                    }
                    let kernel = avx2 ? kernels.f32AVX2 : kernels.f32
                    kernel(f(p.value + o), UnsafePointer(f(g.value + o)), f(at[0]), f(at[1]), f(at[2]), n, c.value)
                } else {
                    func f(_ x: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<Double>? {
                        x?.assumingMemoryBound(to: Double.self)
                    }
                    let kernel = avx2 ? kernels.f64AVX2 : kernels.f64
                    kernel(f(p.value + o), UnsafePointer(f(g.value + o)), f(at[0]), f(at[1]), f(at[2]), n, c.value)
                }
            }
        }
    }
}
