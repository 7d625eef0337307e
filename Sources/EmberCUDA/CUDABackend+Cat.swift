import EmberBackend

// MARK: - Joining (unverified on a GPU)

extension CUDABackend {
    /// One strided copy kernel per non-empty input into its slab of the output (as the CPU
    /// backend's strided path does); the copy kernel converts the dtype where they differ.
    package func cat(_ inputs: [StridedBuffer], dim: Int, into output: StridedBuffer) {
        guard output.layout.count > 0 else { return }
        for (input, slab) in zip(inputs, Self.catSlabs(inputs.map(\.layout.shape), dim: dim, output: output.layout))
        where input.layout.count > 0 {
            copy(input, into: output.with(layout: slab))
        }
    }

    /// The slab of `output` that each input of `shapes` fills when they are joined along `dim`:
    /// the output's strides, the input's size at `dim`, the offset advanced past the inputs
    /// before it.
    package static func catSlabs(_ shapes: [Dims], dim: Int, output: Layout) -> [Layout] {
        var position = 0
        return shapes.map { shape in
            var slab = output.shape
            slab[dim] = shape[dim]
            defer { position += shape[dim] }
            return Layout(shape: slab, strides: output.strides, offset: output.offset + position * output.strides[dim])
        }
    }
}
