// The layers of real models (Benchmarks/README.md: conv2d_resnet_block): one forward and backward
// per call. Also runs on CUDA.

import Ember

extension Workloads {
    static var layers: [Workload] {
        [
            Workload("conv2d_resnet_block", .millisecondsPerIteration, onAnyDevice: { device in
                // Conv2d(64, 64, 3, padding=1) on x [16, 64, 32, 32] requiring grad: forward,
                // `.sum().backward()`. Made on the CPU, then moved.
                let conv = Conv2d(64, 64, kernelSize: 3, padding: 1).to(device: device)
                let x = Tensor.randn([16, 64, 32, 32]).to(device).requiresGrad_()
                return { try conv(x).sum().backward() }
            }),
        ]
    }
}
