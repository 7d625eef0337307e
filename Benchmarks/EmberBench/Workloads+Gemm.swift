// Matrix products (Benchmarks/README.md: matmul_64, matmul_256, matmul_1024, bmm_32x128): float32,
// 2 * n^3 floating-point operations per n x n product, reported as GFLOP/s. matmul_1024 also runs
// on CUDA.

import Ember

extension Workloads {
    static var gemm: [Workload] {
        [64, 256].map { n in
            Workload("matmul_\(n)", .gigaflopsPerSecond(flops: 2 * Double(n) * Double(n) * Double(n))) {
                let a = Tensor.randn(n, n), b = Tensor.randn(n, n)
                return { a.matmul(b) }
            }
        } + [
            Workload("matmul_1024", .gigaflopsPerSecond(flops: 2 * 1024 * 1024 * 1024), onAnyDevice: { device in
                let a = Tensor.randn(1024, 1024).to(device), b = Tensor.randn(1024, 1024).to(device)
                return { a.matmul(b) }
            }),
            Workload("bmm_32x128", .gigaflopsPerSecond(flops: 2 * 32 * 128 * 128 * 128)) {
                let a = Tensor.randn(32, 128, 128), b = Tensor.randn(32, 128, 128)
                return { a.bmm(b) }
            },
        ]
    }
}
