// AllocatorTests.swift
//
// The CPU caching allocator: size classes, reuse of a freed block (same address, counted as a
// cache hit), the figures its `stats()` reports, the cache limit and `emptyCache()`. The shared
// allocator seen through tensors is tested in EmberCoreTests (TensorMemoryTests.swift).

import Testing
@testable import EmberCPU
#if canImport(Glibc)
import Glibc
#endif
@testable import EmberBackend

@Suite struct AllocatorSizeClassTests {
    /// Multiples of 64 bytes up to 1 KiB, then four classes per power of two.
    @Test(arguments: [
        (0, 0, 64), (1, 0, 64), (64, 0, 64), (65, 1, 128), (1000, 15, 1024), (1024, 15, 1024),
        (1025, 16, 1280), (1280, 16, 1280), (1281, 17, 1536), (2048, 19, 2048), (2049, 20, 2560),
        (4 << 20, 63, 4 << 20), ((4 << 20) + 1, 64, 5 << 20), (6 << 20, 65, 6 << 20),
    ])
    func sizeClass(_ request: Int, _ index: Int, _ bytes: Int) {
        let c = CPUAllocator.sizeClass(for: request)
        #expect(c.index == index)
        #expect(c.bytes == bytes)
        #expect(c.bytes >= request)
    }

    /// Rounding is at most 25% above 1 KiB.
    @Test func roundingIsBounded() {
        for n in stride(from: 1025, to: 1 << 22, by: 4093) {
            let c = CPUAllocator.sizeClass(for: n)
            #expect(c.bytes >= n && Double(c.bytes) <= Double(n) * 1.25 + 1, "\(n)")
        }
    }
}

@Suite struct CPUAllocatorTests {
    /// Blocks of 2 MiB or more are 2 MiB aligned and, where the kernel's transparent huge pages
    /// are in `madvise` mode, advised for them: /proc/self/smaps marks the mapping eligible.
    @Test func largeBlocksAreAdvisedHugePages() throws {
        let a = CPUAllocator(poisonsFreedBlocks: false)
        let large = try a.allocate(byteCount: 8 << 20)
        defer {
            a.deallocate(large, byteCount: 8 << 20)
            a.emptyCache()
        }
        #expect(Int(bitPattern: large) % (2 << 20) == 0)
        #if os(Linux)
        guard readLines("/sys/kernel/mm/transparent_hugepage/enabled").first?.contains("[madvise]") == true else { return }
        let address = UInt(bitPattern: large)
        var inMapping = false
        var eligible: Bool?
        for line in readLines("/proc/self/smaps") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
                inMapping = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
            } else if inMapping, fields.first == "THPeligible:" {
                eligible = fields.last == "1"
            }
        }
        #expect(eligible == true)
        #endif
    }

    #if os(Linux)
    /// The lines of a file read with stdio (files under /proc report a size of 0).
    private func readLines(_ path: String) -> [String] {
        guard let file = fopen(path, "r") else { return [] }
        defer { fclose(file) }
        var lines: [String] = []
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        while getline(&buffer, &capacity, file) > 0, let buffer {
            var line = String(cString: buffer)
            if line.hasSuffix("\n") { line.removeLast() }
            lines.append(line)
        }
        free(buffer)
        return lines
    }
    #endif

    /// Note [Poisoned frees]: a freed block is filled with 0xFF bytes (NaN as a float) and not
    /// handed out again while it is in the quarantine.
    @Test func poisonedFreesAreFilledAndHeldBack() throws {
        let a = CPUAllocator(poisonsFreedBlocks: true)
        let p1 = try a.allocate(byteCount: 256)
        p1.initializeMemory(as: Float.self, repeating: 1.5, count: 64)
        a.deallocate(p1, byteCount: 256)
        let bytes = UnsafeBufferPointer(start: p1.assumingMemoryBound(to: UInt8.self), count: 256)
        #expect(bytes.allSatisfy { $0 == 0xFF })
        #expect(p1.load(as: Float.self).isNaN)
        let p2 = try a.allocate(byteCount: 256)
        #expect(p2 != p1)
        #expect(a.stats().bytesInUse == 256 && a.stats().bytesCached == 0)
        a.deallocate(p2, byteCount: 256)
    }

    /// A private allocator: a freed block is handed out again for the same size class.
    @Test func reusesFreedBlock() throws {
        let a = CPUAllocator(poisonsFreedBlocks: false)
        let p1 = try a.allocate(byteCount: 4 << 20)
        #expect(Int(bitPattern: p1) % 64 == 0)
        var s = a.stats()
        #expect(s.bytesInUse == 4 << 20 && s.cacheMisses == 1 && s.cacheHits == 0 && s.bytesCached == 0)
        a.deallocate(p1, byteCount: 4 << 20)
        s = a.stats()
        #expect(s.bytesInUse == 0 && s.bytesCached == 4 << 20)
        // Any request in the same class gets the same block.
        let p2 = try a.allocate(byteCount: (4 << 20) - 100)
        #expect(p2 == p1)
        s = a.stats()
        #expect(s.cacheHits == 1 && s.cacheMisses == 1 && s.bytesInUse == 4 << 20 && s.bytesCached == 0)
        #expect(s.peakBytesInUse == 4 << 20)
        a.deallocate(p2, byteCount: (4 << 20) - 100)
        // A different class does not take it.
        let p3 = try a.allocate(byteCount: 64)
        #expect(a.stats().cacheMisses == 2)
        a.deallocate(p3, byteCount: 64)
        #expect(a.stats().bytesCached == (4 << 20) + 64)
        a.emptyCache()
        s = a.stats()
        #expect(s.bytesCached == 0 && s.bytesInUse == 0)
        // After emptyCache the next request goes to the system.
        let p4 = try a.allocate(byteCount: 4 << 20)
        #expect(a.stats().cacheMisses == 3)
        a.deallocate(p4, byteCount: 4 << 20)
        a.emptyCache()
    }

    @Test func peakAndInUse() throws {
        let a = CPUAllocator(poisonsFreedBlocks: false)
        let p = try a.allocate(byteCount: 1000)  // 1024-byte class
        let q = try a.allocate(byteCount: 3000)  // 3072-byte class
        #expect(a.stats().bytesInUse == 1024 + 3072)
        a.deallocate(p, byteCount: 1000)
        #expect(a.stats().bytesInUse == 3072)
        #expect(a.stats().peakBytesInUse == 1024 + 3072)
        a.deallocate(q, byteCount: 3000)
        a.emptyCache()
        #expect(a.stats().description.hasPrefix("MemoryStats(inUse: 0, cached: 0, peak: 4096, hits: 0, misses: 2)"))
    }

    /// Beyond `cacheLimit` freed blocks go back to the system.
    @Test func cacheLimit() throws {
        let a = CPUAllocator(cacheLimit: 1 << 20, poisonsFreedBlocks: false)
        #expect(a.cacheLimit == 1 << 20)
        let big = try a.allocate(byteCount: 2 << 20)
        a.deallocate(big, byteCount: 2 << 20)
        #expect(a.stats().bytesCached == 0)
        let small = try a.allocate(byteCount: 512 << 10)
        a.deallocate(small, byteCount: 512 << 10)
        #expect(a.stats().bytesCached == 512 << 10)
        a.emptyCache()
    }

    /// An impossible request fails with PyTorch's out-of-memory text and changes no figures.
    @Test func refusedAllocation() {
        let a = CPUAllocator(poisonsFreedBlocks: false)
        let error = #expect(throws: TensorError.self) { try a.allocate(byteCount: 1 << 46) }
        #expect(error?.kind == .runtimeError)  // PyTorch's CPU allocator raises RuntimeError
        #expect(error?.message
                == "DefaultCPUAllocator: can't allocate memory: you tried to allocate 70368744177664 bytes. Error code 12 (Cannot allocate memory)")
        #expect(a.stats().bytesInUse == 0)
    }
}
