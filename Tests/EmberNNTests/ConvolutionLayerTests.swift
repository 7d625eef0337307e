// ConvolutionLayerTests.swift
//
// The convolution, pooling and resampling layers: PyTorch's initial values for a seed, reprs,
// padding modes, and errors. The ops themselves are tested in EmberCoreTests/ConvolutionTests.

import Ember
import EmberTestSupport
import Testing

@Suite("Convolution and pooling layers")
struct ConvolutionLayerTests {
    /// The weights come from the process-wide generator: checked in a child process.
    @Test("initial values as PyTorch's for the same seed")
    func initialization() async {
        await #expect(processExitsWith: .success) {
            func close(_ t: Tensor, _ values: [Double]) -> Bool {
                zip(t.scalars(as: Double.self), values).allSatisfy { abs($0 - $1) < 1e-7 }
            }
            // torch.manual_seed(0); c = nn.Conv2d(2, 3, 3, padding=1)
            manualSeed(0)
            let conv = Conv2d(2, 3, kernelSize: 3, padding: 1)
            precondition(conv.weight.shape == [3, 2, 3, 3])
            precondition(close(conv.weight.flatten()[0..<4], [-0.00176466, 0.12644097, -0.1939936, -0.1734625]))
            precondition(close(conv.bias!, [0.15803514420986176, -0.13878203928470612, 0.043921709060668945]))
            // torch.manual_seed(0); nn.ConvTranspose2d(2, 4, (2, 3), stride=2, groups=2, bias=False)
            manualSeed(0)
            let transposed = ConvTranspose2d(2, 4, kernelSize: [2, 3], stride: 2, groups: 2, bias: false)
            precondition(transposed.weight.shape == [2, 2, 2, 3] && transposed.bias == nil)
            precondition(close(transposed.weight.flatten()[0..<3], [-0.00216126, 0.15485792, -0.23759267]))
            precondition(Array(conv.stateDict().keys) == ["weight", "bias"])
            // x = [[-1, 2.5], [0.5, -1.5]] tiled to [1, 2, 4, 4]; torch.manual_seed(0);
            // nn.Conv2d(2, 3, 3, padding=1, padding_mode='reflect')(x)
            let x = Tensor(shape: [1, 1, 2, 2], data: [-1.0, 2.5, 0.5, -1.5] as [Double], dtype: .float32).tile([1, 2, 2, 2])
            manualSeed(0)
            let y = Conv2d(2, 3, kernelSize: 3, padding: 1, paddingMode: .reflect)(x)
            precondition(y.shape == [1, 3, 4, 4])
            precondition(zip(y.flatten()[0..<6].scalars(as: Double.self),
                             [-0.4262130856513977, -0.5570639967918396, -0.4262130856513977, -0.5570639967918396,
                              0.21034157276153564, 1.2053998708724976]).allSatisfy { abs($0 - $1) < 1e-6 })
        }
    }

    @Test("reprs")
    func reprs() {
        let cases: [(Module, String)] = [
        (Conv2d(2, 3, kernelSize: 3, padding: 1) as Module, "Conv2d(2, 3, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))"),
        (ConvTranspose2d(2, 4, kernelSize: [2, 3], stride: 2, groups: 2, bias: false),
         "ConvTranspose2d(2, 4, kernel_size=(2, 3), stride=(2, 2), groups=2, bias=False)"),
        (Conv1d(4, 4, kernelSize: 3, padding: .same, dilation: 2, groups: 2, paddingMode: .reflect),
         "Conv1d(4, 4, kernel_size=(3,), stride=(1,), padding=same, dilation=(2,), groups=2, padding_mode=reflect)"),
        (Conv3d(1, 2, kernelSize: [1, 2, 3], stride: [1, 2, 1]), "Conv3d(1, 2, kernel_size=(1, 2, 3), stride=(1, 2, 1))"),
        (MaxPool2d(2), "MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)"),
        (MaxPool2d([2, 3], stride: 1, padding: 1, ceilMode: true),
         "MaxPool2d(kernel_size=(2, 3), stride=1, padding=1, dilation=1, ceil_mode=True)"),
        (MaxPool1d(3), "MaxPool1d(kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=False)"),
        (AvgPool2d(2), "AvgPool2d(kernel_size=2, stride=2, padding=0)"),
        (AvgPool1d(3, stride: 2), "AvgPool1d(kernel_size=(3,), stride=(2,), padding=(0,))"),
        (AdaptiveAvgPool2d([1, 1]), "AdaptiveAvgPool2d(output_size=(1, 1))"),
        (AdaptiveAvgPool2d(3), "AdaptiveAvgPool2d(output_size=3)"),
        (AdaptiveMaxPool2d([2, 3]), "AdaptiveMaxPool2d(output_size=(2, 3))"),
        (AdaptiveAvgPool1d(4), "AdaptiveAvgPool1d(output_size=4)"),
        (Upsample(scaleFactor: [2]), "Upsample(scale_factor=2.0, mode='nearest')"),
        (Upsample(size: [3, 4], mode: .bilinear, alignCorners: true), "Upsample(size=(3, 4), mode='bilinear')"),
        (PixelShuffle(2), "PixelShuffle(upscale_factor=2)"),
        (PixelUnshuffle(2), "PixelUnshuffle(downscale_factor=2)"),
        (Unfold(kernelSize: 2), "Unfold(kernel_size=2, dilation=1, padding=0, stride=1)"),
        (Fold(outputSize: [4, 5], kernelSize: 2), "Fold(output_size=(4, 5), kernel_size=2, dilation=1, padding=0, stride=1)"),
        ]
        for (module, text) in cases { #expect(module.description == text) }
    }

    /// `nn.PixelUnshuffle(2)(torch.arange(48.).reshape(2, 1, 4, 6))`: shape and `[0, :, 0, :]`,
    /// and `PixelShuffle` undoing it.
    @Test func pixelUnshuffleLayer() {
        let x = Tensor.arange(48, dtype: .float32).reshape([2, 1, 4, 6])
        let y = PixelUnshuffle(2)(x)
        #expect(y.shape == [2, 4, 2, 3])
        #expect(y[0, 0..., 0, 0...].scalars(as: Float.self) == [0, 2, 4, 1, 3, 5, 6, 8, 10, 7, 9, 11])
        #expect(Functional.pixelUnshuffle(x, downscaleFactor: 2).scalars(as: Float.self) == y.scalars(as: Float.self))
        #expect(PixelShuffle(2)(y).scalars(as: Float.self) == x.scalars(as: Float.self))
    }

    @Test("invalid layer arguments raise PyTorch's ValueError")
    func invalidArguments() {
        expectTensorError(.valueError, "in_channels must be divisible by groups") { _ = Conv2d(3, 4, kernelSize: 3, groups: 2) }
        expectTensorError(.valueError, "groups must be a positive integer") { _ = Conv2d(3, 4, kernelSize: 3, groups: 0) }
        expectTensorError(.valueError, "padding='same' is not supported for transposed convolutions") {
            _ = ConvolutionLayer(spatialDims: 2, 2, 2, kernelSize: 3, stride: 1, padding: .same, dilation: 1, groups: 1,
                                 bias: true, paddingMode: .zeros, transposed: true, outputPadding: 0, dtype: .float32, device: .cpu)
        }
    }

    @Test("a small CNN trains: its loss goes down")
    func smallNetworkTrains() throws {
        // Its own generator, so that the run does not depend on other tests' use of the global one.
        let generator = Generator(seed: 16)
        let model = Sequential(Conv2d(1, 4, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(2), Flatten(), Linear(16, 2))
        for p in model.parameters() { Init.uniform_(p, low: -0.5, high: 0.5, generator: generator) }
        let x = Tensor.randn([8, 1, 4, 4], generator: generator), target = Tensor([0, 1, 0, 1, 1, 0, 1, 0])
        let optimizer = SGD(model.parameters(), lr: 0.1, momentum: 0.9)
        var losses: [Double] = []
        for _ in 0..<30 {
            optimizer.zeroGrad()
            let loss = Functional.crossEntropy(model(x), target)
            try loss.backward()
            optimizer.step()
            losses.append(loss.item())
        }
        #expect(losses.last! < losses.first! * 0.5)
    }
}
