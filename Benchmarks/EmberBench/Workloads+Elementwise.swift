// Memory-bound element-wise ops (Benchmarks/README.md: add_16M, add_transposed_4096, exp_16M): the
// figure is bytes read and written per second.

import Ember

extension Workloads {
    static var elementwise: [Workload] {
        [
            Workload("add_16M", .gigabytesPerSecond(bytes: 3 * 4 * Double(1 << 24))) {
                let a = Tensor.randn(1 << 24), b = Tensor.randn(1 << 24)
                return { a + b }
            },
            Workload("add_transposed_4096", .gigabytesPerSecond(bytes: 3 * 4 * 4096 * 4096)) {
                let a = Tensor.randn(4096, 4096), b = Tensor.randn(4096, 4096)
                return { a + b.t() }
            },
            Workload("exp_16M", .gigabytesPerSecond(bytes: 2 * 4 * Double(1 << 24))) {
                let a = Tensor.randn(1 << 24)
                return { a.exp() }
            },
        ]
    }
}
