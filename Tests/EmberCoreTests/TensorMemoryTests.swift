// TensorMemoryTests.swift
//
// The backend's storage and layout seen through the front end: tensor storage comes from the
// CPU caching allocator (aligned, reused after a free, released with its last view, counted by
// `memoryStats()` and drained by `emptyCache()`), and a 10-D tensor works end to end (`Dims`
// past its 8 inline entries). Checks on the shared allocator run in a child process (an exit
// test), where no other test allocates at the same time. They are here rather than in
// EmberBackendTests because that target does not link the front end.

import Testing
import Ember
import EmberTestSupport
#if canImport(Glibc)
import Glibc
#endif

@Suite struct TensorAllocatorTests {
    /// Tensor storage is 64-byte aligned.
    @Test func tensorStorageIsAligned() {
        for n in [1, 3, 17, 1000] {
            let t = Tensor.zeros(n)
            #expect(Int(bitPattern: t.storage.data) % 64 == 0)
            #expect(t.storage.byteCount == n * 4)
            #expect(t.storage.device == .cpu)
        }
    }

    /// The shared allocator with tensors: a 4 MiB tensor freed and made again reuses the block
    /// (same address, one more cache hit); `bytesInUse` returns to its level; `emptyCache()`
    /// empties the cache. Run in a child process so nothing else allocates meanwhile.
    @Test(.disabled(if: getenv("EMBER_DEBUG_POISON_FREED") != nil, "freed blocks are quarantined, not reused"))
    func sharedAllocatorReusesTensorMemory() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            emptyCache()
            let start = memoryStats()
            var first: UnsafeMutableRawPointer?
            do {
                let t = Tensor.empty([1 << 20])  // 4 MiB of float32
                first = t.storage.data
                let during = memoryStats()
                precondition(during.bytesInUse == start.bytesInUse + (4 << 20), "in use while alive: \(during)")
                precondition(during.cacheMisses == start.cacheMisses + 1, "first allocation is a miss: \(during)")
            }
            let afterFree = memoryStats()
            precondition(afterFree.bytesInUse == start.bytesInUse, "in use after free: \(afterFree)")
            precondition(afterFree.bytesCached == start.bytesCached + (4 << 20), "cached after free: \(afterFree)")
            do {
                let t = Tensor.empty([1 << 20])
                precondition(t.storage.data == first, "the second tensor reuses the block")
                let during = memoryStats()
                precondition(during.cacheHits == start.cacheHits + 1, "second allocation is a hit: \(during)")
                precondition(during.bytesCached == start.bytesCached, "cache drained: \(during)")
            }
            precondition(memoryStats().bytesInUse == start.bytesInUse, "in use returns to its level")
            precondition(memoryStats().peakBytesInUse >= start.bytesInUse + (4 << 20), "peak")
            emptyCache()
            precondition(memoryStats().bytesCached == 0, "emptyCache empties the cache: \(memoryStats())")
        }
        expectSilent(result)
    }

    /// Views keep their storage alive; the memory goes back when the last one goes.
    @Test func viewsKeepStorageAlive() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            emptyCache()
            let start = memoryStats().bytesInUse
            var view: Tensor? = nil
            do {
                let t = Tensor.zeros(1 << 18)  // 1 MiB
                view = t[10...]
            }
            precondition(memoryStats().bytesInUse == start + (1 << 20), "the view keeps the storage: \(memoryStats())")
            precondition(view!.numel == (1 << 18) - 10)
            view = nil
            precondition(memoryStats().bytesInUse == start, "released with the last view: \(memoryStats())")
        }
        expectSilent(result)
    }
}

@Suite struct TensorDimsTests {
    /// A 10-D tensor: shape, strides, views and values (PyTorch's for `arange(1024.).reshape([2]*10)`).
    @Test func tenDimensionalTensor() {
        let t = Tensor.arange(1024.0).reshape([2, 2, 2, 2, 2, 2, 2, 2, 2, 2])
        #expect(t.dim == 10)
        #expect(t.strides == [512, 256, 128, 64, 32, 16, 8, 4, 2, 1])
        #expect(t.isContiguous)
        let p = t.permute(Array((0..<10).reversed()))
        #expect(p.strides == [1, 2, 4, 8, 16, 32, 64, 128, 256, 512])
        #expect(!p.isContiguous)
        #expect(Array(p.scalars(as: Double.self).prefix(6)) == [0, 512, 256, 768, 128, 640])
        #expect(p[1, 0, 0, 0, 0, 0, 0, 0, 0, 1].item() == 513)
        let u = t.unsqueeze(dim: 10)
        #expect(u.shape == [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1])
        #expect(u.strides == [512, 256, 128, 64, 32, 16, 8, 4, 2, 1, 1])
        let tt = t.transpose(0, 9)
        #expect(tt.strides == [1, 256, 128, 64, 32, 16, 8, 4, 2, 512])
        #expect(tt[1, 0, 0, 0, 0, 0, 0, 0, 0, 0].item() == 1)
        #expect(t[1, 1, 1, 1, 1, 1, 1, 1, 1].scalars(as: Double.self) == [1022, 1023])
        let last = t[..., 1]
        #expect(last.shape == [2, 2, 2, 2, 2, 2, 2, 2, 2])
        #expect(last.strides == [512, 256, 128, 64, 32, 16, 8, 4, 2])
        #expect(last.storageOffset == 1)
        #expect(t.view(4, 256).strides == [256, 1])
        #expect(t.view([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1024]).strides
                == [1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1])
        // A transposed 10-D copy gives PyTorch's order.
        #expect(Array(p.contiguous().scalars(as: Double.self).prefix(6)) == [0, 512, 256, 768, 128, 640])
        let s = Tensor.ones([1, 2, 1, 2, 1, 2, 1, 2, 1, 2])
        #expect(s.strides == [32, 16, 16, 8, 8, 4, 4, 2, 2, 1])
        #expect(s.squeeze().shape == [2, 2, 2, 2, 2])
        #expect(s.squeeze().strides == [16, 8, 4, 2, 1])
        let e = Tensor.arange(2.0).reshape(1, 1, 1, 1, 1, 1, 1, 1, 1, 2).expand(3, 1, 1, 1, 1, 1, 1, 1, 1, 2)
        #expect(e.strides == [0, 2, 2, 2, 2, 2, 2, 2, 2, 1])
        #expect(e.scalars(as: Double.self) == [0, 1, 0, 1, 0, 1])
    }
}
