// Per-op overhead: the cost of one small operation, where PyTorch pays its Python and dispatcher
// overhead (Benchmarks/README.md: add_small).

import Ember

extension Workloads {
    static var core: [Workload] {
        [
            Workload("add_small", .nanosecondsPerOp) {
                let a = Tensor.randn(4), b = Tensor.randn(4)
                return { a + b }
            },
        ]
    }
}
