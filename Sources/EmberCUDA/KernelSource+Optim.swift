import EmberBackend

// MARK: - Optimizer family

// Note [CUDA optimizer arithmetic]
// The fused SGD and Adam updates do, element by element, what CEmberSIMD's Optim.c does (see
// Note [Fused optimizer arithmetic] there): the same operations in the same order in the element
// type, with the same scalars converted to it, and a fused multiply-add exactly where Optim.c
// (and PyTorch's kernels) fuse. NVRTC contracts a product feeding a sum by default, so every
// other product here is an explicitly rounded `__fmul_rn` / `__dmul_rn`, and divisions and
// square roots are IEEE-rounded (NVRTC's default `-prec-div`, `-prec-sqrt`).

extension KernelSources {
    /// `flags` bits of the SGD kernel.
    package static let sgdNesterov: Int64 = 1, sgdMaximize: Int64 = 2, sgdFirstStep: Int64 = 4
    /// `flags` bits of the Adam kernel.
    package static let adamDecoupled: Int64 = 1, adamMaximize: Int64 = 2, adamAMSGrad: Int64 = 4

    /// The SGD kernel of a floating `dtype`.
    package static func sgdKernel(_ dtype: DType) -> String { entry("optim", "sgd", dtype) }
    /// The Adam / AdamW kernel of a floating `dtype`.
    package static func adamKernel(_ dtype: DType) -> String { entry("optim", "adam", dtype) }

    /// The module of the fused SGD and Adam updates of a floating `dtype` (Note [CUDA optimizer
    /// arithmetic]): one thread per element, contiguous buffers.
    ///
    /// SGD's arguments: `p`, `grad`, the momentum buffer (unused when `momentum` is 0), `n`,
    /// then `lr`, `momentum`, `dampening`, `weight_decay` (doubles) and the `sgd*` flags. Adam's:
    /// `p`, `grad`, `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq` (with `adamAMSGrad`), `n`, then
    /// `lr`, `beta1`, `beta2`, `eps`, `weight_decay`, `step_size`, `bias_correction2_sqrt` and
    /// the `adam*` flags.
    package static func optimModule(_ dtype: DType) -> KernelModule {
        precondition(dtype.isFloatingPoint, "optimizer kernels are floating")
        let m = dtype.math
        let mul = dtype == .float32 ? "__fmul_rn" : "__dmul_rn"
        var text = prelude(dtype)
        text += """

        extern "C" __global__ void \(sgdKernel(dtype))(T* __restrict__ p, const T* __restrict__ grad, T* __restrict__ buf, i64 n,
                double lr_, double momentum_, double dampening_, double weightDecay_, i64 flags) {
            const T lr = (T)lr_, momentum = (T)momentum_, dampen = (T)(1 - dampening_), wd = (T)weightDecay_;
            const bool hasMomentum = momentum_ != 0, decay = weightDecay_ != 0;
            const bool nesterov = (flags & \(sgdNesterov)) != 0, maximize = (flags & \(sgdMaximize)) != 0;
            const bool first = (flags & \(sgdFirstStep)) != 0;
            EMBER_GRID_STRIDE_LOOP(i, n) {
                T g = maximize ? -grad[i] : grad[i];
                if (decay) g = \(m("fma"))(p[i], wd, g);
                if (hasMomentum) {
                    const T b = first ? g : \(m("fma"))(g, dampen, \(mul)(buf[i], momentum));
                    buf[i] = b;
                    g = nesterov ? \(m("fma"))(b, momentum, g) : b;
                }
                p[i] = \(m("fma"))(g, -lr, p[i]);
            }
        }

        extern "C" __global__ void \(adamKernel(dtype))(T* __restrict__ p, const T* __restrict__ grad, T* __restrict__ m,
                T* __restrict__ v, T* __restrict__ vmax, i64 n, double lr_, double beta1_, double beta2_, double eps_,
                double weightDecay_, double stepSize_, double biasCorrection2Sqrt_, i64 flags) {
            const T wd = (T)weightDecay_, decay = (T)(1 - __dmul_rn(lr_, weightDecay_));
            const T w = (T)(1 - beta1_), beta2 = (T)beta2_, oneMinusBeta2 = (T)(1 - beta2_);
            const T bc2 = (T)biasCorrection2Sqrt_, eps = (T)eps_, negStep = (T)(-stepSize_);
            const bool small = w < (T)0.5;
            const T coeff = small ? w : w - (T)1;
            const bool maximize = (flags & \(adamMaximize)) != 0, hasDecay = weightDecay_ != 0;
            const bool decoupled = (flags & \(adamDecoupled)) != 0, amsgrad = (flags & \(adamAMSGrad)) != 0;
            EMBER_GRID_STRIDE_LOOP(i, n) {
                T g = maximize ? -grad[i] : grad[i];
                T x = p[i];
                if (hasDecay) {
                    if (decoupled) x = \(mul)(x, decay);
                    else g = \(m("fma"))(x, wd, g);
                }
                const T diff = g - m[i];
                const T mNew = \(m("fma"))(coeff, diff, small ? m[i] : g);
                m[i] = mNew;
                const T vNew = \(m("fma"))(\(mul)(oneMinusBeta2, g), g, \(mul)(v[i], beta2));
                v[i] = vNew;
                T second = vNew;
                if (amsgrad) {
                    const T old = vmax[i];
                    second = (old != old || old > vNew) ? old : vNew;
                    vmax[i] = second;
                }
                const T denom = \(m("sqrt"))(second) / bc2 + eps;
                p[i] = x + \(mul)(negStep, mNew) / denom;
            }
        }

        """
        return KernelModule(name: "optim_\(dtype.kernelName)", kernels: [sgdKernel(dtype), adamKernel(dtype)], source: text)
    }

    /// The kernel and its scalar arguments (each one word: doubles as their bits, then the
    /// flags) of a fused update of `dtype` with `stateCount` state buffers, or `nil` where there
    /// is no CUDA kernel for it (the caller then composes the update).
    package static func optimizerArguments(_ step: OptimizerStep, _ dtype: DType,
                                           stateCount: Int) -> (kernel: String, scalars: [UInt64])? {
        guard dtype.isFloatingPoint else { return nil }
        switch step {
        case let .sgd(lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep):
            guard stateCount == (momentum == 0 ? 0 : 1) else { return nil }
            let flags = (nesterov ? sgdNesterov : 0) | (maximize ? sgdMaximize : 0) | (firstStep ? sgdFirstStep : 0)
            return (sgdKernel(dtype), [lr, momentum, dampening, weightDecay].map(\.bitPattern) + [UInt64(flags)])
        case let .adam(lr, beta1, beta2, eps, weightDecay, decoupled, maximize, stepSize, biasCorrection2Sqrt):
            guard stateCount == 2 || stateCount == 3 else { return nil }
            let flags = (decoupled ? adamDecoupled : 0) | (maximize ? adamMaximize : 0) | (stateCount == 3 ? adamAMSGrad : 0)
            return (adamKernel(dtype), [lr, beta1, beta2, eps, weightDecay, stepSize, biasCorrection2Sqrt].map(\.bitPattern)
                        + [UInt64(flags)])
        case .adamax, .nadam, .radam, .adadelta, .adagrad, .rmsprop:
            return nil
        }
    }
}
