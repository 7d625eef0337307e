import EmberBackend

// MARK: - Max pooling backward (unverified on a GPU)

extension CUDABackend {
    package func maxPoolBackward(_ gradient: StridedBuffer, indices: StridedBuffer, into output: StridedBuffer) -> Bool {
        guard let (planes, outputs, plane) = Self.poolPlanes(gradient: gradient, output: output) else { return false }
        guard planes > 0, plane > 0 else { return true }
        let dtype = output.dtype
        let device = device(of: output.start)
        let function = device.function(KernelSources.maxPoolBackwardKernel(dtype), in: KernelSources.poolModule(dtype))
        device.launch(function, count: planes, [[address(gradient)], [address(indices)], [address(output)],
                                                [UInt64(planes)], [UInt64(outputs)], [UInt64(plane)]])
        return true
    }

    /// Max pooling backward's planes: their number (`N * C` of the output), the gradients of one
    /// plane and the output elements of one plane; `nil` (no kernel) unless the output has at
    /// least two dims and one floating dtype with the gradient.
    package static func poolPlanes(gradient: StridedBuffer, output: StridedBuffer) -> (planes: Int, outputs: Int, plane: Int)? {
        let shape = output.layout.shape
        guard shape.count >= 2, output.dtype.isFloatingPoint, gradient.dtype == output.dtype else { return nil }
        let planes = shape[0] * shape[1]
        return (planes, gradient.layout.count / max(planes, 1), output.layout.count / max(planes, 1))
    }
}
