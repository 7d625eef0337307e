// MARK: - Fused optimizer steps

extension Tensor {
    // Note [Fused optimizer steps]
    // An optimizer's update of one parameter is a chain of element-wise ops in PyTorch's
    // single-tensor path (Adam's is about ten, each a pass over memory and most a temporary).
    // EmberOptim first offers the whole update to the parameter's backend as one fused step
    // (`Backend.optimizerStep`), which does the chain's arithmetic per element in one pass; when
    // the backend has no kernel for the buffers (another dtype, a non-contiguous gradient, a
    // device without one) nothing is written and the optimizer runs the chain of ops instead. The
    // fused step is not recorded by autograd: optimizers update under no-grad, as PyTorch's do.

    /// Runs `step` on this parameter in place from `grad` and the state tensors as one fused
    /// kernel (see Note [Fused optimizer steps]); returns `false`, having changed nothing, when
    /// the tensors' backend has no such kernel for them. Bumps the version of everything written.
    package func fusedOptimizerStep_(_ step: OptimizerStep, grad: Tensor, state: [Tensor]) -> Bool {
        let device = self.device
        guard grad.device == device, grad.layout.shape == layout.shape,
              state.allSatisfy({ $0.device == device && $0.layout.shape == layout.shape })
        else { return false }
        guard backend.optimizerStep(step, param: buffer, grad: grad.buffer, state: state.map(\.buffer)) else {
            return false
        }
        bumpVersion()
        for tensor in state { tensor.bumpVersion() }
        return true
    }
}

extension Tensor {
    /// Adds 1 to this one-element step counter in place and returns its new value (the `step_t
    /// += 1` and `step_t.item()` of PyTorch's optimizers). A CPU float32 or float64 counter is
    /// updated directly, without an op's checks and dispatch, which would cost as much as a
    /// small parameter's whole fused update.
    package func incrementStep_() -> Double {
        if device.kind == .cpu && layout.count == 1 && (dtype == .float32 || dtype == .float64) {
            let value: Double
            if dtype == .float32 {
                let p = dataStart.assumingMemoryBound(to: Float.self)
                p.pointee += 1
                value = Double(p.pointee)
            } else {
                let p = dataStart.assumingMemoryBound(to: Double.self)
                p.pointee += 1
                value = p.pointee
            }
            bumpVersion()
            return value
        }
        add_(1)
        return item()
    }
}
