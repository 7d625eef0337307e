// Autograd overhead (Benchmarks/README.md: autograd_small, chain_1000_backward): recording, the engine
// and accumulation on tiny tensors, where PyTorch pays Python and dispatcher costs per op.

import Ember

extension Workloads {
    static var autograd: [Workload] {
        [
            Workload("autograd_small", .microsecondsPerIteration) {
                let a = Tensor.randn(4, requiresGrad: true), b = Tensor.randn(4, requiresGrad: true)
                return { try (a * b + a).sum().backward() }
            },
            Workload("chain_1000_backward", .millisecondsPerIteration) {
                let x = Tensor.randn(16, requiresGrad: true)
                return {
                    var y = x
                    for _ in 0..<1000 { y = y * 1.0001 + 0.0001 }
                    try y.sum().backward()
                }
            },
        ]
    }
}
