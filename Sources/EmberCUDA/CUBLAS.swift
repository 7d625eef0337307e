// MARK: - cuBLAS (libcublas.so.*)

/// `cublasStatus_t`: 0 is `CUBLAS_STATUS_SUCCESS`.
package typealias CUBLASStatus = Int32

/// The cuBLAS functions Ember calls, resolved with `dlsym`.
package struct CUBLASAPI: @unchecked Sendable {
    /// `cublasOperation_t`: `CUBLAS_OP_N` and `CUBLAS_OP_T`.
    package static let noTranspose: Int32 = 0, transpose: Int32 = 1
    /// `cublas{S,D}gemmStridedBatched(handle, transa, transb, m, n, k, alpha, A, lda, strideA, B,
    /// ldb, strideB, beta, C, ldc, strideC, batchCount)`, with the element pointers untyped
    /// (`float*` or `double*`; alpha and beta are host pointers).
    package typealias GemmStridedBatched = @convention(c) (
        OpaquePointer?, Int32, Int32, Int32, Int32, Int32,
        UnsafeRawPointer, UnsafeRawPointer?, Int32, Int64, UnsafeRawPointer?, Int32, Int64,
        UnsafeRawPointer, UnsafeMutableRawPointer?, Int32, Int64, Int32
    ) -> CUBLASStatus

    package let library: OpenedLibrary
    package let cublasCreate: @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> CUBLASStatus
    package let cublasSetStream: @convention(c) (OpaquePointer?, OpaquePointer?) -> CUBLASStatus
    package let cublasSgemmStridedBatched: GemmStridedBatched
    package let cublasDgemmStridedBatched: GemmStridedBatched

    /// Resolves every function of `library`.
    package init(_ library: OpenedLibrary) throws(CUDALoadFailure) {
        self.library = library
        cublasCreate = try library.function("cublasCreate_v2")
        cublasSetStream = try library.function("cublasSetStream_v2")
        cublasSgemmStridedBatched = try library.function("cublasSgemmStridedBatched")
        cublasDgemmStridedBatched = try library.function("cublasDgemmStridedBatched")
    }
}
