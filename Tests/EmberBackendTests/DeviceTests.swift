// DeviceTests.swift
//
// Device parsing, printing, equality and availability (PyTorch's `torch.device`). One documented
// difference: `Device("cuda")` is `cuda:0`, since Ember has no current device to defer to. The
// stopping forms of the parse errors are in EmberCoreTests/ErrorsTests.swift.

import Testing
@testable import EmberCPU
import EmberBackend

@Suite struct DeviceTests {
    @Test func parsing() throws {
        #expect(try Device.parse("cpu") == .cpu)
        #expect(try Device.parse("cuda:0") == .cuda)
        #expect(try Device.parse("cuda:3") == .cuda(3))
        #expect(try Device.parse("cuda:10").index == 10)
        #expect(try Device.parse("cuda").kind == .cuda)
        #expect(Device("cuda:1") == .cuda(1))
        let literal: Device = "cuda:2"
        #expect(literal.kind == .cuda && literal.index == 2)
        #expect(Device("cpu").kind == .cpu && Device("cpu").index == 0)
    }

    /// `str(torch.device('cuda:3')) == 'cuda:3'`, `str(torch.device('cpu')) == 'cpu'`.
    @Test func printing() {
        #expect(Device.cpu.description == "cpu")
        #expect(Device.cuda.description == "cuda:0")
        #expect(Device.cuda(3).description == "cuda:3")
        #expect("\(Device("cuda:2"))" == "cuda:2")
    }

    /// `cuda:1 == cuda(1)`, `cuda:1 != cuda:2`, `cpu != cuda:0`.
    @Test func equality() {
        #expect(Device("cuda:1") == Device.cuda(1))
        #expect(Device("cuda:1") != Device("cuda:2"))
        #expect(Device.cpu != Device.cuda)
        #expect(Set([Device.cpu, .cpu, .cuda, .cuda(0), .cuda(1)]).count == 3)
    }

    /// (`Device.isAvailable` is the front end's, which loads CUDA: EmberCUDATests test it.)
    @Test func registry() {
        // The registry holds loadable backends only; the front end serves the CPU itself.
        #expect(BackendRegistry.backend(for: .cpu) == nil)
    }

    /// The thrown form of PyTorch's parse errors.
    @Test func parseErrors() {
        let types = "cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone"
        for (string, message) in [
            ("gpu", "Expected one of \(types) device type at start of device string: gpu"),
            ("CUDA", "Expected one of \(types) device type at start of device string: CUDA"),
            ("cuda:-1", "Invalid device string: 'cuda:-1'"),
            ("cuda:01", "Invalid device string: 'cuda:01'"),
            ("cuda:x", "Invalid device string: 'cuda:x'"),
            ("cuda:", "Invalid device string: 'cuda:'"),
        ] {
            let error = #expect(throws: TensorError.self) { try Device.parse(string) }
            #expect(error?.message == message, "\(string)")
            #expect(error?.kind == .runtimeError)
        }
    }
}
