import EmberBackend

// MARK: - A right-hand side packed once

/// The right side of many matrix products, packed once where the backend packs
/// (`Backend.packForProducts`; float32 on the CPU): a recurrent layer's weight, multiplied at
/// every step. Elsewhere the products read `matrix` itself. Nothing is recorded for autograd.
package struct PackedProductOperand {
    /// The `[k, n]` matrix.
    package let matrix: Tensor
    private let packed: (any PackedMatrix)?

    package init(_ matrix: Tensor) {
        self.matrix = matrix
        let source = matrix
        packed = source.backend.packForProducts(source.buffer)
    }

    /// `out = a @ matrix` (or `out += a @ matrix` when `accumulating`) into `out`, contiguous of
    /// the product's shape.
    package func multiply(_ a: Tensor, into out: Tensor, accumulating: Bool = false) {
        let backend = out.backend, beta: Scalar = accumulating ? 1 : 0
        if let packed, backend.gemm(a.buffer, packed: packed, into: out.buffer, alpha: 1, beta: beta) { return }
        backend.gemm(a.buffer, matrix.buffer, into: out.buffer, alpha: 1, beta: beta)
    }

    /// `a @ matrix`, in a new tensor.
    package func multiply(_ a: Tensor) -> Tensor {
        let out = Tensor.empty([a.size(0), matrix.size(1)], dtype: matrix.dtype, device: matrix.device)
        multiply(a, into: out)
        return out
    }
}
