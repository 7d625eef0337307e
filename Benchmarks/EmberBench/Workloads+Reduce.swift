// Reductions (Benchmarks/README.md: sum_16M, sum_dim0_4096): memory-bound, so the figure is the bytes
// read per second.

import Ember

extension Workloads {
    static var reduce: [Workload] {
        [
            Workload("sum_16M", .gigabytesPerSecond(bytes: 4 * Double(1 << 24))) {
                let a = Tensor.randn(1 << 24)
                return { a.sum() }
            },
            Workload("sum_dim0_4096", .gigabytesPerSecond(bytes: 4 * 4096 * 4096)) {
                let a = Tensor.randn(4096, 4096)
                return { a.sum(dim: 0) }
            },
        ]
    }
}
