import EmberBackend

// MARK: - Activations composed of other ops
//
// The activations PyTorch has a kernel and a backward node of their own for, which Ember builds
// from its element-wise ops: the forward runs the composite without recording, in PyTorch's
// kernel's operation order, and the result is recorded under PyTorch's node with its backward
// formula (Derivatives+Activations.swift), so `gradFn` prints what PyTorch prints and higher
// derivatives flow through the formula's ops. Those that are Python-level composites in PyTorch
// (`softsign`, `tanhshrink`) are recorded op by op, as there.

extension Tensor {
    /// `min(max(x, 0), 6)` (`torch.nn.functional.relu6`, recorded as `HardtanhBackward0`);
    /// integer inputs stay integers.
    public func relu6() -> Tensor { hardtanh(minValue: 0, maxValue: 6) }

    /// `min(max(x + 3, 0), 6) / 6` (`torch.nn.functional.hardsigmoid`).
    public func hardsigmoid() -> Tensor {
        activation("hardsigmoid_cpu") { x in (x + 3).clamp(min: 0, max: 6) / 6 } record: { x, out in
            x.recordHardsigmoid(out)
        }
    }

    /// `x * min(max(x + 3, 0), 6) / 6` (`torch.nn.functional.hardswish`).
    public func hardswish() -> Tensor {
        activation("hardswish_cpu") { x in x * (x + 3).clamp(min: 0, max: 6) / 6 } record: { x, out in
            x.recordHardswish(out)
        }
    }

    /// `scale * elu(x, alpha)` with PyTorch's constants (`torch.nn.functional.selu`, recorded as
    /// `EluBackward0`).
    public func selu() -> Tensor {
        let alpha = 1.6732632423543772848170429916717, scale = 1.0507009873554804934193349852946
        return activation("elu_cpu") { x in x.scaledElu(alpha: alpha, scale: scale, inputScale: 1) } record: { x, out in
            x.recordSelu(out, alpha: alpha, scale: scale)
        }
    }

    /// `max(0, x) + min(0, alpha * (exp(x / alpha) - 1))` (`torch.nn.functional.celu`).
    public func celu(alpha: Double = 1) -> Tensor {
        guard alpha != 0 else { return attempt { throw TensorError.runtime("ZeroDivisionError: alpha cannot be 0 for CELU") } }
        return activation("elu_cpu") { x in x.scaledElu(alpha: alpha, scale: 1, inputScale: 1 / alpha) } record: { x, out in
            x.recordCelu(out, alpha: alpha)
        }
    }

    /// `x / (1 + |x|)` (`torch.nn.functional.softsign`).
    public func softsign() -> Tensor { self / (abs() + 1) }

    /// `x - tanh(x)` (`torch.nn.functional.tanhshrink`).
    public func tanhshrink() -> Tensor { self - tanh() }

    /// `x - lambd` above `lambd`, `x + lambd` below `-lambd`, zero between
    /// (`torch.nn.functional.softshrink`).
    public func softshrink(lambd: Double = 0.5) -> Tensor {
        activation("softshrink_check", check: { x throws(TensorError) in try x.checkShrinkLambda(lambd) }) { x in
            // PyTorch's kernel: `a > l ? a - l : (a < -l ? a + l : a * 0)`, so NaN stays NaN.
            Tensor.where(x .> lambd, x - lambd, Tensor.where(x .< -lambd, x + lambd, x * 0))
        } record: { x, out in
            x.recordSoftshrink(out, lambd: lambd)
        }
    }

    /// `x` outside `[-lambd, lambd]`, zero inside (`torch.nn.functional.hardshrink`).
    public func hardshrink(lambd: Double = 0.5) -> Tensor {
        activation("hardshrink_cpu") { x in
            Tensor.where((x .>= -lambd).logicalAnd(x .<= lambd), 0, x)
        } record: { x, out in
            x.recordHardshrink(out, lambd: lambd)
        }
    }

    /// `value` where `x <= threshold`, `x` elsewhere (`torch.nn.functional.threshold`); integer
    /// inputs stay integers.
    public func threshold(_ threshold: Double, value: Double) -> Tensor {
        let out: Tensor = attempt {
            guard dtype != .bool else {
                throw TensorError.notImplemented("\"threshold_cpu\" not implemented for 'Bool'")
            }
            let fill: Scalar = dtype.isFloatingPoint ? .float(value) : .int(Int64(value.rounded(.towardZero)))
            return withNoGrad { Tensor.where(self .<= threshold, Tensor.full([], fill, dtype: dtype, device: device), self) }
        }
        if Tensor.recording(self) { recordThreshold(out, threshold: threshold) }
        return out
    }

    /// The first half of `dim` times the sigmoid of the second (`torch.nn.functional.glu`).
    public func glu(dim: Int = -1) -> Tensor {
        let out: Tensor = attempt {
            guard self.dim > 0 else { throw TensorError.runtime("glu does not support scalars because halving size must be even") }
            let d = try normalizeDim(dim, rank: self.dim)
            guard shape[d] % 2 == 0 else {
                throw TensorError.runtime("Halving dimension must be even, but dimension \(d) is size \(shape[d])")
            }
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"glu_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            let halves = chunk(2, dim: d)
            return withNoGrad { halves[0] * halves[1].sigmoid() }
        }
        if Tensor.recording(self) { recordGlu(out, dim: dim) }
        return out
    }

    /// `x` where positive, `weight * x` elsewhere, `weight` one value or one per channel (dim 1)
    /// (`torch.nn.functional.prelu`).
    public func prelu(weight: Tensor) -> Tensor {
        let out: Tensor = attempt {
            guard dtype == weight.dtype else {
                throw TensorError.runtime("prelu: Type promoting not supported. Got \(dtype.scalarTypeName) and \(weight.dtype.scalarTypeName)")
            }
            if weight.numel != 1 {
                guard self.dim > 0 else { throw TensorError.runtime("Not allow zero-dim input tensor.") }
                let channels = self.dim > 1 ? shape[1] : 1
                guard weight.numel == channels else {
                    throw TensorError.runtime("Mismatch of parameter numbers and input channel size. Found parameter numbers = \(weight.numel) and channel size = \(channels).")
                }
            }
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"prelu_cpu\" not implemented for '\(dtype.scalarTypeName)'")
            }
            let w = preluWeight(weight)
            return withNoGrad { Tensor.where(self .> 0, self, w * self) }
        }
        if Tensor.recording(self, weight) { recordPrelu(out, weight: weight) }
        return out
    }

    /// `weight` shaped to broadcast over this input's channel dim (dim 1, or every element of a
    /// 1-D input when it has one value).
    package func preluWeight(_ weight: Tensor) -> Tensor {
        guard weight.numel != 1, dim > 1 else { return weight.reshape([]) }
        return weight.reshape([shape[1]] + [Int](repeating: 1, count: dim - 2))
    }

    // MARK: - Helpers

    /// Runs `check`, then `forward` without recording, on a floating input (PyTorch's
    /// NotImplementedError naming `kernel` otherwise), then `record` when this tensor takes part
    /// in autograd.
    private func activation(_ kernel: String, check: ((Tensor) throws(TensorError) -> Void)? = nil,
                            _ forward: (Tensor) -> Tensor, record: (Tensor, Tensor) -> Void) -> Tensor {
        let out: Tensor = attempt {
            guard dtype.isFloatingPoint else {
                throw TensorError.notImplemented("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
            }
            try check?(self)
            return withNoGrad { forward(self) }
        }
        if Tensor.recording(self) { record(self, out) }
        return out
    }

    /// PyTorch's elu kernel with its three coefficients: `x <= 0 ? expm1(x * inputScale) *
    /// (alpha * scale) : x * scale`.
    private func scaledElu(alpha: Double, scale: Double, inputScale: Double) -> Tensor {
        Tensor.where(self .<= 0, (self * inputScale).expm1() * (alpha * scale), self * scale)
    }

    /// PyTorch's check of a shrink's `lambd`: from 0 to the dtype's largest value.
    private func checkShrinkLambda(_ lambd: Double) throws(TensorError) {
        let largest = dtype == .float64 ? "1.79769e+308" : "3.40282e+38"
        guard lambd >= 0 else {
            let shown = lambd == lambd.rounded() && Swift.abs(lambd) < 1e15 ? String(Int64(lambd)) : String(lambd)
            throw TensorError.runtime("lambda must be in range [0, \(largest)] for input dtype \(dtype.scalarTypeName), but found \(shown)")
        }
    }
}
