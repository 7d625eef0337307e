import EmberBackend
import Synchronization

// MARK: - Matrix products through cuBLAS (unverified on a GPU)

// Note [cuBLAS from row-major]
// cuBLAS is column-major. A row-major `[r, c]` matrix with row stride `ld` is, read column-major,
// its transpose `[c, r]` with leading dimension `ld`; a matrix with column stride `ld` and row
// stride 1 (a transposed view) is itself column-major. So `C = A @ B` (row-major) is computed as
// `C^T = B^T @ A^T`: cuBLAS's `m, n` are Ember's `n, m`, its first operand is B and its second A,
// each transposed by flag (`CUBLAS_OP_T` for a transposed view, no copy) — the same trick as
// PyTorch's `at::cuda::blas::gemm`. The batch dims must step by one stride per matrix (stride 0
// for a broadcast batch); other layouts are first copied into contiguous scratch buffers.

extension CUDABackend {
    package func gemm(_ a: StridedBuffer, _ b: StridedBuffer, into c: StridedBuffer, alpha: Scalar, beta: Scalar) {
        if KernelSources.gemmKernel(c.dtype) != nil { return integerGemm(a, b, into: c, alpha: alpha, beta: beta) }
        guard c.dtype == .float32 || c.dtype == .float64 else { let _: Int = unsupported("mm"); return }
        guard case .success(let cublas) = CUDALibraries.cublas else {
            attemptVoid {
                if case .failure(let failure) = CUDALibraries.cublas { throw TensorError.runtime("cuBLAS is not available: \(failure.reason)") }
            }
            return
        }
        let rank = c.layout.rank
        let m = c.layout.shape[rank - 2], n = c.layout.shape[rank - 1], k = a.layout.shape[rank - 1]
        let batch = c.layout.count / max(m * n, 1)
        guard m > 0, n > 0, batch > 0 else { return }
        let device = device(of: c.start)
        // Operands that cuBLAS cannot read in place, and a result it cannot write in place, go
        // through contiguous scratch copies (see Note [cuBLAS from row-major]).
        let (a2, aScratch) = matrixOperand(a, device: device)
        let (b2, bScratch) = matrixOperand(b, device: device)
        let (c2, cScratch) = matrixOperand(c, device: device, requireRowMajor: true)
        if cScratch != nil, !isZero(beta) { copy(c, into: c2) }
        defer {
            for scratch in [aScratch, bScratch, cScratch] { scratch.map { device.allocator.deallocate($0.pointer, byteCount: $0.bytes) } }
        }
        let (opA, ldA, strideA) = operation(a2)
        let (opB, ldB, strideB) = operation(b2)
        let ldC = c2.layout.strides[rank - 2], strideC = batchStride(c2.layout) ?? 0
        let handle = device.cublasHandle(cublas)
        let status: CUBLASStatus
        if c.dtype == .float32 {
            var alphaValue: Float = alpha.converted(), betaValue: Float = beta.converted()
            status = device.withContext {
                cublas.cublasSgemmStridedBatched(handle, opB, opA, Int32(n), Int32(m), Int32(k), &alphaValue,
                    UnsafeRawPointer(b2.start), Int32(ldB), Int64(strideB), UnsafeRawPointer(a2.start), Int32(ldA), Int64(strideA),
                    &betaValue, c2.start, Int32(ldC), Int64(strideC), Int32(batch))
            }
        } else {
            var alphaValue: Double = alpha.converted(), betaValue: Double = beta.converted()
            status = device.withContext {
                cublas.cublasDgemmStridedBatched(handle, opB, opA, Int32(n), Int32(m), Int32(k), &alphaValue,
                    UnsafeRawPointer(b2.start), Int32(ldB), Int64(strideB), UnsafeRawPointer(a2.start), Int32(ldA), Int64(strideA),
                    &betaValue, c2.start, Int32(ldC), Int64(strideC), Int32(batch))
            }
        }
        if status != 0 { fatalError("CUDA error: cuBLAS gemm failed with status \(status)") }
        if cScratch != nil { copy(c2, into: c) }
    }

    /// `(cuBLAS operation, leading dimension, batch stride)` of a matrix that `matrixOperand`
    /// accepted, read column-major (Note [cuBLAS from row-major]).
    private func operation(_ x: StridedBuffer) -> (Int32, Int, Int) {
        let rank = x.layout.rank
        let rows = x.layout.shape[rank - 2], cols = x.layout.shape[rank - 1]
        let rowStride = x.layout.strides[rank - 2], colStride = x.layout.strides[rank - 1]
        let batch = batchStride(x.layout) ?? 0
        if colStride == 1 && rowStride >= max(1, cols) { return (CUBLASAPI.noTranspose, rowStride, batch) }
        return (CUBLASAPI.transpose, max(colStride, max(1, rows)), batch)
    }

    /// The one stride that steps through the batch of a layout, if its batch dims have one
    /// (any stride for a batch of one matrix).
    private func batchStride(_ layout: Layout) -> Int? {
        let rank = layout.rank
        // Innermost batch dim first: each outer dim must step by the inner ones' span.
        var batch: Int?, expected = 0
        for d in stride(from: rank - 3, through: 0, by: -1) where layout.shape[d] != 1 {
            if batch == nil {
                batch = layout.strides[d]
            } else if layout.strides[d] != expected {
                return nil
            }
            expected = layout.strides[d] * layout.shape[d]
        }
        return batch ?? 0
    }

    /// `x` itself when cuBLAS can read it in place (rows or columns of stride 1, one batch
    /// stride), else a contiguous scratch copy and its allocation.
    private func matrixOperand(_ x: StridedBuffer, device: CUDADevice, requireRowMajor: Bool = false)
        -> (StridedBuffer, (pointer: UnsafeMutableRawPointer, bytes: Int)?)
    {
        let rank = x.layout.rank
        let rows = x.layout.shape[rank - 2], cols = x.layout.shape[rank - 1]
        let rowStride = x.layout.strides[rank - 2], colStride = x.layout.strides[rank - 1]
        // Exactly the layouts `operation` describes.
        let rowMajor = colStride == 1 && rowStride >= max(1, cols)
        let colMajor = rowStride == 1 && colStride >= max(1, rows)
        if batchStride(x.layout) != nil && (rowMajor || (!requireRowMajor && colMajor)) { return (x, nil) }
        let bytes = max(x.layout.count * x.dtype.itemSize, 1)
        guard let pointer = try? device.allocator.allocate(byteCount: bytes) else {
            fatalError("CUDA out of memory for a matrix product's scratch buffer")
        }
        let scratch = StridedBuffer(base: pointer, layout: Layout(contiguous: x.layout.shape), dtype: x.dtype)
        if !requireRowMajor { copy(x, into: scratch) }
        return (scratch, (pointer, bytes))
    }

    private func isZero(_ s: Scalar) -> Bool { s.converted(to: Double.self) == 0 }
}

extension CUDADevice {
    /// The device's cuBLAS handle, created on first use and bound to the device's stream.
    func cublasHandle(_ cublas: CUBLASAPI) -> OpaquePointer? {
        let address: UInt = CUDADevice.handles.withLock { handles in
            if let handle = handles[index] { return handle }
            return withContext {
                var handle: OpaquePointer?
                guard cublas.cublasCreate(&handle) == 0 else { fatalError("CUDA error: cublasCreate failed") }
                _ = cublas.cublasSetStream(handle, stream)
                handles[index] = UInt(bitPattern: handle)
                return UInt(bitPattern: handle)
            }
        }
        return OpaquePointer(bitPattern: address)
    }

    /// The cuBLAS handle of each device, as integers (Sendable).
    private static let handles = Mutex<[Int: UInt]>([:])
}
