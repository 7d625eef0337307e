// Memory-bound element-wise ops (Benchmarks/README.md: add_16M, add_transposed_4096, exp_16M,
// tanh_16M, sigmoid_16M, gelu_16M, relu_16M, log_16M): the figure is bytes read and written per second.
// add_16M also runs on CUDA.

import Ember

extension Workloads {
    static var elementwise: [Workload] {
        [
            Workload("add_16M", .gigabytesPerSecond(bytes: 3 * 4 * Double(1 << 24)), onAnyDevice: { device in
                let a = Tensor.randn(1 << 24).to(device), b = Tensor.randn(1 << 24).to(device)
                return { a + b }
            }),
            Workload("add_transposed_4096", .gigabytesPerSecond(bytes: 3 * 4 * 4096 * 4096)) {
                let a = Tensor.randn(4096, 4096), b = Tensor.randn(4096, 4096)
                return { a + b.t() }
            },
            Workload("exp_16M", .gigabytesPerSecond(bytes: 2 * 4 * Double(1 << 24))) {
                let a = Tensor.randn(1 << 24)
                return { a.exp() }
            },
            unary("tanh_16M") { $0.tanh() },
            unary("sigmoid_16M") { $0.sigmoid() },
            unary("gelu_16M") { $0.gelu() },
            unary("relu_16M") { $0.relu() },
            // The log of a positive tensor made beforehand.
            Workload("log_16M", .gigabytesPerSecond(bytes: 2 * 4 * Double(1 << 24))) {
                let a = Tensor.randn(1 << 24).abs() + 0.1
                return { a.log() }
            },
        ]
    }

    /// A one-input op on 2^24 float32 normal values.
    static func unary(_ name: String, _ op: @escaping (Tensor) -> Tensor) -> Workload {
        Workload(name, .gigabytesPerSecond(bytes: 2 * 4 * Double(1 << 24))) {
            let a = Tensor.randn(1 << 24)
            return { op(a) }
        }
    }
}
