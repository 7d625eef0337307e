// DeviceChecksTests.swift
//
// Device checks that need a second device, run against a stand-in "CUDA" backend: the CPU's
// kernels on host memory, reporting device kind cuda. It is registered only inside exit tests
// (child processes), so every other test still sees a machine without CUDA. PyTorch 2.15 on a
// CUDA machine:
//
//     x = torch.ones(3, device='cuda', requires_grad=True); y = x * 2
//     y.backward(torch.ones(3))   # RuntimeError: invalid gradient at index 0 - expected device cuda:0 but got cpu
//     torch.autograd.grad([y], [x], [torch.ones(3)])   # the same message
//     t = torch.arange(6., device='cuda').reshape(2, 3)
//     t[torch.tensor([1, 0])]              # tensor([[3., 4., 5.], [0., 1., 2.]], device='cuda:0')
//     t[torch.tensor([True, False])]       # tensor([[0., 1., 2.]], device='cuda:0')
//     t[torch.tensor([0]), torch.tensor([2])] = 9.   # t[0, 2] is 9
//
// Integer division by a zero tensor element raises ZeroDivisionError only in the CPU kernels
// (ATen's div_floor_kernel_cuda and friends divide without a check, and reading the divisor back
// would wait for the device); quantile checks q's range only where the input is on the CPU.

import Synchronization
import Testing
import Ember
import EmberBackend
import EmberCPU
import EmberTestSupport

/// The CPU's kernels on host memory, standing in for a CUDA device.
final class HostCUDABackend: Backend {
    /// How many device-to-host copies any stand-in has made (a check that reads values back).
    static let copiesToHost = Atomic<Int>(0)
    private let cpu = CPUBackend.shared
    var kind: Device.Kind { .cuda }
    var deviceCount: Int { 1 }
    func allocator(for device: Device) -> any DeviceAllocator { cpu.allocator(for: .cpu) }
    func copy(_ source: StridedBuffer, into destination: StridedBuffer) { cpu.copy(source, into: destination) }
    func fill(_ destination: StridedBuffer, with value: Scalar) { cpu.fill(destination, with: value) }
    func unary(_ op: UnaryOp, _ input: StridedBuffer, into output: StridedBuffer) { cpu.unary(op, input, into: output) }
    func binary(_ op: BinaryOp, _ lhs: BinaryOperand, _ rhs: BinaryOperand, into output: StridedBuffer) {
        cpu.binary(op, lhs, rhs, into: output)
    }
    func reduce(_ op: ReduceOp, _ input: StridedBuffer, into output: StridedBuffer) { cpu.reduce(op, input, into: output) }
    func argReduce(_ op: ArgReduceOp, _ input: StridedBuffer, dim: Int, values: StridedBuffer?, indices: StridedBuffer) {
        cpu.argReduce(op, input, dim: dim, values: values, indices: indices)
    }
    func select(_ condition: StridedBuffer, _ a: BinaryOperand, _ b: BinaryOperand, into output: StridedBuffer) {
        cpu.select(condition, a, b, into: output)
    }
    func index(_ input: StridedBuffer, _ indices: [IndexOperand], into output: StridedBuffer) throws(IndexOutOfRange) {
        try cpu.index(input, indices, into: output)
    }
    func indexPut(_ values: BinaryOperand, _ indices: [IndexOperand], into output: StridedBuffer,
                  reduce: IndexReduction) throws(IndexOutOfRange) {
        try cpu.indexPut(values, indices, into: output, reduce: reduce)
    }
    func countNonzero(_ input: StridedBuffer) -> Int { cpu.countNonzero(input) }
    func nonzero(_ input: StridedBuffer, into output: StridedBuffer) { cpu.nonzero(input, into: output) }
    func maskedSelect(_ input: StridedBuffer, mask: StridedBuffer, into output: StridedBuffer) {
        cpu.maskedSelect(input, mask: mask, into: output)
    }
    func cat(_ inputs: [StridedBuffer], dim: Int, into output: StridedBuffer) { cpu.cat(inputs, dim: dim, into: output) }
    func sort(_ input: StridedBuffer, dim: Int, descending: Bool, values: StridedBuffer, indices: StridedBuffer) {
        cpu.sort(input, dim: dim, descending: descending, values: values, indices: indices)
    }
    func gemm(_ a: StridedBuffer, _ b: StridedBuffer, into c: StridedBuffer, alpha: Scalar, beta: Scalar) {
        cpu.gemm(a, b, into: c, alpha: alpha, beta: beta)
    }
    func copyFromHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        cpu.copyFromHost(source, to: destination, byteCount: byteCount)
    }
    func copyToHost(_ source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, byteCount: Int) {
        Self.copiesToHost.add(1, ordering: .relaxed)
        cpu.copyToHost(source, to: destination, byteCount: byteCount)
    }
    func synchronize() {}
}

/// Stops the child process with `message` unless `condition` holds (an exit test's check).
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

@Suite struct DeviceChecksTests {
    @Test func cpuGradientForACUDAOutput() async {
        await #expect(processExitsWith: .success) {
            BackendRegistry.register(HostCUDABackend())
            let x = Tensor.ones(3, device: .cuda, requiresGrad: true)
            let y = x * 2
            require(y.device == .cuda, "y is on \(y.device)")
            let message = "invalid gradient at index 0 - expected device cuda:0 but got cpu"
            do {
                try y.backward(gradient: Tensor.ones(3))
                require(false, "backward accepted a CPU gradient")
            } catch let error as TensorError {
                require(error.kind == .runtimeError && error.message == message, "got \(error)")
            } catch {
                require(false, "got \(error)")
            }
            do {
                _ = try gradients(of: [y], with: [x], gradOutputs: [Tensor.ones(3)])
                require(false, "gradients accepted a CPU gradient")
            } catch let error as TensorError {
                require(error.message == message, "got \(error)")
            } catch {
                require(false, "got \(error)")
            }
            // A gradient on the right device works.
            do {
                try y.backward(gradient: Tensor.ones(3, device: .cuda))
            } catch {
                require(false, "got \(error)")
            }
            require(x.grad?.device == .cuda && x.grad?.cpu().scalars(as: Float.self) == [2, 2, 2], "grad \(String(describing: x.grad))")
        }
    }

    @Test func cpuIndicesIndexACUDATensor() async {
        await #expect(processExitsWith: .success) {
            BackendRegistry.register(HostCUDABackend())
            let t = Tensor.arange(6.0, device: .cuda).reshape(2, 3)
            let rows = t[Tensor([1, 0])]
            require(rows.device == .cuda, "rows on \(rows.device)")
            require(rows.cpu().scalars(as: Float.self) == [3, 4, 5, 0, 1, 2], "rows \(rows.cpu())")
            let masked = t[Tensor([true, false])]
            require(masked.cpu().scalars(as: Float.self) == [0, 1, 2], "masked \(masked.cpu())")
            t[Tensor([0]), Tensor([2])] = Tensor(9.0, device: .cuda)
            require(t.cpu().scalars(as: Float.self) == [0, 1, 9, 3, 4, 5], "written \(t.cpu())")
        }
    }

    @Test func integerDivisionReadsNoCUDADivisorBack() async {
        await #expect(processExitsWith: .success) {
            BackendRegistry.register(HostCUDABackend())
            let a = Tensor([Int64(7), -8, 9]).to(.cuda), b = Tensor([Int64(2), 3, -4]).to(.cuda)
            let copies = HostCUDABackend.copiesToHost.load(ordering: .relaxed)
            let results = [a.floorDivide(b), a.remainder(b), a.fmod(b), a.div(b, roundingMode: .trunc),
                           a.floorDivide(Tensor(Int64(2))), Tensor.floorDivide(Int64(5), b), a.clone().floorDivide_(b)]
            require(HostCUDABackend.copiesToHost.load(ordering: .relaxed) == copies, "a CUDA divisor was copied to the host")
            require(results.allSatisfy { $0.device == .cuda }, "results on \(results.map(\.device))")
            require(results[0].cpu().scalars(as: Int64.self) == [3, -3, -3], "floor division \(results[0].cpu())")
            // A number is checked on every device: it needs no copy.
            do {
                _ = try withErrorCapture { a.floorDivide(0) }
                require(false, "a CUDA tensor divided by the number 0 did not raise")
            } catch let error as TensorError {
                require(error.message == "ZeroDivisionError", "got \(error)")
            } catch {
                require(false, "got \(error)")
            }
            // On the CPU a zero element still raises.
            do {
                _ = try withErrorCapture { Tensor([Int64(1), 2]).floorDivide(Tensor([Int64(1), 0])) }
                require(false, "a CPU divisor holding 0 did not raise")
            } catch let error as TensorError {
                require(error.message == "ZeroDivisionError", "got \(error)")
            } catch {
                require(false, "got \(error)")
            }
        }
    }

    @Test func quantileChecksQOnlyOnTheCPU() async {
        await #expect(processExitsWith: .success) {
            BackendRegistry.register(HostCUDABackend())
            let x = Tensor([1.0, 2, 3, 4]).to(.cuda), q = Tensor([0.25, 0.5]).to(.cuda)
            let copies = HostCUDABackend.copiesToHost.load(ordering: .relaxed)
            // `.lower`: the stand-in has no lerp kernel.
            let result = x.quantile(q, interpolation: .lower)
            require(HostCUDABackend.copiesToHost.load(ordering: .relaxed) == copies, "q was copied to the host")
            require(result.cpu().scalars(as: Float.self) == [1, 2], "quantile \(result.cpu())")
        }
    }
}
