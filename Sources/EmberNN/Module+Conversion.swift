import EmberCore

// MARK: - Conversion

extension Module {
    /// Converts the floating parameters, their gradients and the floating buffers of this module
    /// and every submodule to `dtype`, in place (`module.to(dtype)`); returns `self`.
    ///
    /// Parameters keep their identity, as PyTorch's `param.data = ...` keeps it, so an optimizer
    /// made before still updates them; buffers are replaced. Integer and boolean tensors keep
    /// their dtype. `dtype` must be floating (PyTorch's `TypeError` otherwise).
    @discardableResult
    public func to(dtype: DType) -> Self {
        guard dtype.isFloatingPoint else {
            attemptVoid {
                throw TensorError(.typeError,
                    "nn.Module.to only accepts floating point or complex dtypes, but got desired dtype=\(dtype)")
            }
            return self
        }
        return convertTensors { $0.isFloatingPoint ? $0.to(dtype) : $0 }
    }

    /// Moves the parameters, their gradients and the buffers of this module and every submodule
    /// to `device`, in place (`module.to(device)`); parameters keep their identity. Returns `self`.
    @discardableResult
    public func to(device: Device) -> Self { convertTensors { $0.to(device) } }

    /// Converts the floating parameters and buffers to float64 (`module.double()`); returns `self`.
    @discardableResult
    public func double() -> Self { to(dtype: .float64) }

    /// Converts the floating parameters and buffers to float32 (`module.float()`); returns `self`.
    @discardableResult
    public func float() -> Self { to(dtype: .float32) }

    /// Applies `convert` to every parameter (in place), its gradient (in place) and buffer
    /// (replaced) of every module (PyTorch's `Module._apply`), without recording.
    private func convertTensors(_ convert: (Tensor) -> Tensor) -> Self {
        withNoGrad {
            for module in modules() {
                for (_, p) in module.ownParameters() {
                    let converted = convert(p)
                    if converted !== p { p.replaceData(with: converted) }
                    if let grad = p.grad {
                        let convertedGrad = convert(grad)
                        if convertedGrad !== grad { grad.replaceData(with: convertedGrad) }
                    }
                }
                for (name, buffer) in module.registeredBuffers {
                    if let buffer { module.registeredBuffers[name] = convert(buffer) }
                }
            }
        }
        return self
    }
}
