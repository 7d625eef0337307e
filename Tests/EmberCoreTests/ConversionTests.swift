// ConversionTests.swift
//
// `clone`, `detach`, `to(dtype)`, `to(device)`, `float/double/int/long/bool`, `to` returning
// `self` when nothing changes, `item()`, `scalars(as:)` and `withUnsafeBufferPointer`.
// Expected values were printed by PyTorch 2.15 for the same calls.

import Testing
import Ember
import EmberTestSupport

@Suite struct CloneDetachTests {
    @Test func cloneCopiesStorage() {
        let a = Tensor([[1.0, 2], [3, 4]])
        let c = a.clone()
        #expect(c !== a)
        #expect(!sharesStorage(c, a))
        #expect(!c.isView)
        #expect(c.dtype == .float32)
        expectTensor(c, shape: [2, 2], values: [1, 2, 3, 4])
        a.fill_(0)
        expectTensor(c, shape: [2, 2], values: [1, 2, 3, 4])
        expectInts(Tensor([1, 2], dtype: .int32).clone(), shape: [2], [1, 2], dtype: .int32)
        // clone of a view with an offset starts its own storage at 0.
        let rows = Tensor.arange(12.0).reshape(3, 4)[1...]
        let rc = rows.clone()
        expectLayout(rc, shape: [2, 4], strides: [4, 1], offset: 0, contiguous: true)
        expectTensor(rc, shape: [2, 4], values: [4, 5, 6, 7, 8, 9, 10, 11])
        // Not dense: a row-major copy, as PyTorch (`b[:, ::2].clone().stride() == (2, 1)`).
        expectLayout(Tensor.arange(12.0).reshape(3, 4)[.all, .slice(nil, nil, step: 2)].clone(), shape: [3, 2],
                     strides: [2, 1], offset: 0, contiguous: true)
        expectLayout(Tensor.arange(4.0).reshape(1, 4).expand(2, 4).clone(), shape: [2, 4], strides: [4, 1], offset: 0)
    }

    /// `clone()` and `to(dtype)` keep the strides of a dense, non-overlapping input
    /// (`memory_format=torch.preserve_format`): `b.t().clone().stride() == (1, 4)`.
    @Test func clonePreservesDenseStrides() {
        let b = Tensor.arange(12.0).reshape(3, 4)
        let t = b.t()
        #expect(t.clone().strides == [1, 4])
        #expect(t.double().strides == [1, 4])
        #expect(t.to(device: .cpu, dtype: .float32, copy: true).strides == [1, 4])
        #expect(Tensor.ones(2, 3, 4).permute(2, 0, 1).clone().strides == [1, 12, 4])
        // Values are right either way.
        expectTensor(t.clone(), shape: [4, 3], values: [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11])
        // contiguous() is always row-major.
        #expect(t.contiguous().strides == [3, 1])
    }

    @Test func detach() {
        let a = Tensor([1.0, 2], requiresGrad: true)
        let d = a.detach()
        #expect(d !== a)
        #expect(sharesStorage(d, a))
        #expect(!d.requiresGrad)
        #expect(d.isLeaf)
        #expect(!d.isView)
        #expect(d.grad == nil)
        #expect(d.version == a.version)
        #expect(a.requiresGrad, "detach leaves the original alone")
        let t = Tensor.arange(6.0).reshape(2, 3).t().detach()
        expectLayout(t, shape: [3, 2], strides: [1, 3], offset: 0)
    }
}

@Suite struct ToConversionTests {
    /// `to` returns the same object when neither dtype nor device changes (`t.to('cpu') is t`).
    @Test func toReturnsSelfWhenNothingChanges() {
        let f = Tensor([1.0, 2])
        #expect(f.to(.float32) === f)
        #expect(f.to(Device.cpu) === f)
        #expect(f.to(device: .cpu, dtype: .float32) === f)
        #expect(f.float() === f)
        #expect(f.cpu() === f)
        let l = Tensor([1, 2])
        #expect(l.long() === l)
        #expect(Tensor([1, 2], dtype: .int32).int().dtype == .int32)
        let i = Tensor([1, 2], dtype: .int32)
        #expect(i.int() === i)
        let d = Tensor([1.0], dtype: .float64)
        #expect(d.double() === d)
        let b = Tensor([true])
        #expect(b.bool() === b)
        // A transposed view is returned as is too (no copy, not made contiguous).
        let t = Tensor.arange(6.0).reshape(2, 3).t()
        #expect(t.to(.float32) === t)
    }

    /// `copy: true` always makes a new tensor with its own storage.
    @Test func toWithCopy() {
        let f = Tensor([1.0, 2])
        let c = f.to(device: .cpu, dtype: .float32, copy: true)
        #expect(c !== f)
        #expect(!sharesStorage(c, f))
        expectTensor(c, shape: [2], values: [1, 2], dtype: .float32)
    }

    @Test func toDTypeConverts() {
        let f = Tensor([-1.7, 0, 2.5, 3.9])
        let i = f.int()
        #expect(!sharesStorage(i, f))
        expectInts(i, shape: [4], [-1, 0, 2, 3], dtype: .int32)
        expectInts(f.long(), shape: [4], [-1, 0, 2, 3], dtype: .int64)
        expectBools(Tensor([-1.7, 0, 0.5, .nan]).bool(), shape: [4], [true, false, true, true], dtype: .bool)
        expectTensor(Tensor([true, false]).float(), shape: [2], values: [1, 0], dtype: .float32)
        expectTensor(Tensor([true, false]).double(), shape: [2], values: [1, 0], dtype: .float64)
        expectBools(Tensor([0, -3, 2]).bool(), shape: [3], [false, true, true])
        #expect(Tensor([1.0 / 3.0], dtype: .float64).float().scalars(as: Double.self) == [0.3333333432674408])
        #expect(Tensor([Float(1.0 / 3.0)]).double().scalars(as: Double.self) == [0.3333333432674408])
        expectInts(Tensor([(Int64(1) << 33) + 5, -(Int64(1) << 31) - 1]).to(.int32), shape: [2], [5, 2_147_483_647])
        expectInts(Tensor([Double.nan, .infinity, -1e30, 1e30]).long(), shape: [4],
                   [Int64.min, Int64.min, Int64.min, Int64.min])
        // The shape of a view survives conversion, values in logical order.
        let t = Tensor.arange(6.0).reshape(2, 3).t()
        expectInts(t.long(), shape: [3, 2], [0, 3, 1, 4, 2, 5], dtype: .int64)
        #expect(t.long().version == 0)
    }

    /// float to int32 in PyTorch is a direct 32-bit conversion: NaN, inf and out-of-range values
    /// give int32 min (`tensor([nan, inf, -1e30, 1e30, 3e9]).int()` is all -2147483648).
    @Test
    func floatToInt32OutOfRange() {
        let t = Tensor([Double.nan, .infinity, -1e30, 1e30, 3e9])
        expectInts(t.int(), shape: [5], [Int64(Int32.min), Int64(Int32.min), Int64(Int32.min), Int64(Int32.min),
                                         Int64(Int32.min)], dtype: .int32)
        // In-range values convert exactly either way.
        expectInts(Tensor([2_147_483_520.0, -2_147_483_648]).int(), shape: [2], [2_147_483_520, -2_147_483_648])
    }

    /// Moving to CUDA without a driver stops with PyTorch's message (see ErrorsTests for the exit test).
    @Test func toCudaWithoutDriver() {
        guard !Device.cuda.isAvailable else { return }  // only meaningful where CUDA cannot be used
        expectTensorError(.runtimeError,
            "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"
        ) { _ = Tensor.ones(2).to(Device.cuda) }
    }
}

@Suite struct ScalarAccessTests {
    @Test func item() {
        #expect(Tensor(3.5).item() == 3.5)
        #expect(Tensor([[7]]).item(as: Int64.self) == 7)
        #expect(Tensor([[7]]).item(as: Int.self) == 7)
        #expect(Tensor([true]).item(as: Bool.self) == true)
        #expect(Tensor(1.0 / 3.0).item() == 0.3333333432674408)
        #expect(Tensor(1.0 / 3.0, dtype: .float64).item() == 0.3333333333333333)
        #expect(Tensor(1.0 / 3.0, dtype: .float64).item(as: Float.self) == Float(1.0 / 3.0))
        #expect(Tensor(-2.9).item(as: Int32.self) == -2)
        #expect(Tensor(Int32(-5)).item() == -5)
        // The one element of a view.
        let b = Tensor.arange(12.0).reshape(3, 4)
        #expect(b[2, 1].item() == 9)
        #expect(b.t()[3, 2].item() == 11)
        #expect(b[1..<2, 2...2].item() == 6)
        #expect(b[0..<1].expand(3, 4)[2, 3].item() == 3)
    }

    @Test func scalarsConvert() {
        let f = Tensor([1.5, -2.5, 0])
        #expect(f.scalars(as: Float.self) == [1.5, -2.5, 0])
        #expect(f.scalars(as: Double.self) == [1.5, -2.5, 0])
        #expect(f.scalars(as: Int64.self) == [1, -2, 0])
        #expect(f.scalars(as: Int.self) == [1, -2, 0])
        #expect(f.scalars(as: Int32.self) == [1, -2, 0])
        #expect(f.scalars(as: Bool.self) == [true, true, false])
        #expect(Tensor([true, false]).scalars(as: Double.self) == [1, 0])
        #expect(Tensor.zeros(0, 3).scalars(as: Float.self) == [])
        #expect(Tensor(4).scalars(as: Int.self) == [4])
    }

    /// `scalars` reads every layout in logical (row-major) order.
    @Test func scalarsOfEveryLayout() {
        let values: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]
        for dtype in DType.allCases where dtype != .bool {
            for v in layoutVariants(shape: [2, 3, 4], values: values, dtype: dtype) {
                #expect(v.tensor.shape == [2, 3, 4], "\(dtype) \(v.name)")
                #expect(v.tensor.scalars(as: Double.self) == values, "\(dtype) \(v.name)")
                #expect(v.tensor.scalars(as: Int64.self) == values.map { Int64($0) }, "\(dtype) \(v.name)")
            }
        }
        let bools = [true, false, false, true, true, true]
        for v in layoutVariants(shape: [2, 3], values: bools.map { $0 ? 1 : 0 }, dtype: .bool) {
            #expect(v.tensor.scalars(as: Bool.self) == bools, "\(v.name)")
        }
    }

    /// A contiguous tensor of the asked dtype lends its storage; anything else lends a copy in logical order.
    @Test func withUnsafeBufferPointer() {
        let a = Tensor([1.0, 2, 3, 4])
        let (address, values) = a.withUnsafeBufferPointer(as: Float.self) { ($0.baseAddress, Array($0)) }
        #expect(address == UnsafePointer(a.storage.data.assumingMemoryBound(to: Float.self)))
        #expect(values == [1, 2, 3, 4])
        // A sliced contiguous view starts at its offset.
        let rows = Tensor.arange(12.0).reshape(3, 4)[1...]
        let rowAddress = rows.withUnsafeBufferPointer(as: Float.self) { $0.baseAddress }
        #expect(rowAddress == UnsafePointer(rows.storage.data.assumingMemoryBound(to: Float.self) + 4))
        #expect(rows.withUnsafeBufferPointer(as: Float.self) { $0.count } == 8)
        // A transposed view: a copy in logical order.
        let t = Tensor.arange(6.0).reshape(2, 3).t()
        #expect(t.withUnsafeBufferPointer(as: Float.self) { Array($0) } == [0, 3, 1, 4, 2, 5])
        // Another dtype: converted.
        #expect(a.withUnsafeBufferPointer(as: Int64.self) { Array($0) } == [1, 2, 3, 4])
        #expect(a.withUnsafeBufferPointer(as: Double.self) { $0.count } == 4)
        // Errors thrown by the body pass through.
        struct Stop: Error {}
        #expect(throws: Stop.self) { try a.withUnsafeBufferPointer(as: Float.self) { _ in throw Stop() } }
    }

    @Test func withUnsafeMutableBufferPointer() {
        let a = Tensor.zeros(4)
        let v = a.version
        a.withUnsafeMutableBufferPointer(as: Float.self) { buffer in
            for i in buffer.indices { buffer[i] = Float(i) * 2 }
        }
        expectTensor(a, shape: [4], values: [0, 2, 4, 6])
        #expect(a.version == v + 1)
    }
}
