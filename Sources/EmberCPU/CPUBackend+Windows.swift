import EmberBackend
import CEmberSIMD

// MARK: - Sliding windows (im2col and col2im)
//
// Note [Sliding windows]
// Convolution and pooling run on `unfold` (im2col) and `fold` (col2im): a window's elements laid
// out as rows, so that a convolution is one matrix product per group (OpenBLAS), its input
// gradient a product and a fold, and a pooling a reduction over the kernel dim. Both kernels
// treat one to three spatial dims as three, the missing leading ones of size 1, and run one
// (batch, channel) plane per task: an unfold writes, and a fold accumulates into, only that
// plane, so the threads never share an output element and a fold's sums are always added in the
// same order (results do not depend on the thread count). The innermost loop walks one output
// row: zeros where it reads the padding, a copy (or a sum) of the input row between. The loops
// are in C (Windows.c): a small feature map makes the cost per row, not per element, and the C
// loops keep that to a few compares.

extension CPUBackend {
    @usableFromInline package func unfold(_ input: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        switch input.dtype.itemSize {
        case 1: WindowKernels.unfold(input, output, window, UInt8.self)
        case 4: WindowKernels.unfold(input, output, window, UInt32.self)
        default: WindowKernels.unfold(input, output, window, UInt64.self)
        }
    }

    @usableFromInline package func fold(_ columns: StridedBuffer, window: SlidingWindow, into output: StridedBuffer) {
        switch output.dtype {
        case .float32: WindowKernels.fold(columns, output, window, Float.self)
        case .float64: WindowKernels.fold(columns, output, window, Double.self)
        default: fatalError("Ember internal error: fold of \(output.dtype)")
        }
    }
}

/// The loops of Note [Sliding windows]: one C call per plane (Windows.c in CEmberSIMD).
enum WindowKernels {
    /// The window padded to three spatial dims, as the C loops take it.
    static func geometry(_ w: SlidingWindow) -> ember_window {
        let missing = 3 - w.kernel.count
        func three(_ a: [Int], _ fill: Int) -> (Int, Int, Int) {
            let v = Array(repeating: fill, count: missing) + a
            return (v[0], v[1], v[2])
        }
        return ember_window(kernel: three(w.kernel, 1), dilation: three(w.dilation, 1), padding: three(w.padding, 0),
                            stride: three(w.stride, 1), input: three(w.inputSize, 1), output: three(w.outputSize, 1))
    }

    /// Runs `body(map, planes)` over runs of (batch, channel) planes, split across the threads by
    /// about 32K elements of columns, with the map of Note [Window maps for small planes]
    /// (Windows.c), and returns true, when the window's output rows are short (under 16 elements,
    /// where a walk's cost is per row) and its columns per plane few (at most 16K, the map in L1
    /// or L2); returns false, doing nothing, otherwise.
    static func withSmallPlaneMap(_ window: SlidingWindow, _ geometry: UnsafePointer<ember_window>, planes: Int,
                                  _ body: (UnsafePointer<Int32>, Range<Int>) -> Void) -> Bool {
        let count = window.kernelCount * window.outputCount
        guard (window.outputSize.last ?? 0) < 16, count > 0, count <= 16384, window.inputCount < Int(Int32.max) else {
            return false
        }
        let map = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
            ember_window_map(geometry, buffer.baseAddress!)
            initialized = count
        }
        map.withUnsafeBufferPointer { m in
            let start = UnsafeSendableBox(m.baseAddress!)
            Parallel.forRange(planes, grain: max(1, 32768 / count)) { run in body(start.value, run) }
        }
        return true
    }

    /// Runs `body(plane)` for every (batch, channel) plane, split across the threads by about 32K
    /// elements of columns.
    @inline(__always)
    static func forEachPlane(_ planes: Int, columnsPlane: Int, _ body: (Int) -> Void) {
        Parallel.forRange(planes, grain: max(1, 32768 / max(columnsPlane, 1))) { range in
            for plane in range { body(plane) }
        }
    }

    static func unfold<T: FixedWidthInteger>(_ input: StridedBuffer, _ output: StridedBuffer, _ window: SlidingWindow,
                                             _: T.Type) {
        var g = geometry(window)
        let inPlane = window.inputCount, columnsPlane = window.kernelCount * window.outputCount
        let planes = input.layout.count / max(inPlane, 1)
        let src = UnsafeSendableBox(UnsafePointer(input.pointer(as: T.self)))
        let dst = UnsafeSendableBox(output.pointer(as: T.self))
        withUnsafePointer(to: &g) { gp in
            let mapped = withSmallPlaneMap(window, gp, planes: planes) { map, run in
                let x = UnsafeRawPointer(src.value + run.lowerBound * inPlane)
                let y = UnsafeMutableRawPointer(dst.value + run.lowerBound * columnsPlane)
                switch MemoryLayout<T>.size {
                case 1: ember_unfold_mapped_u8(x.assumingMemoryBound(to: UInt8.self), y.assumingMemoryBound(to: UInt8.self), map, columnsPlane, run.count, inPlane)
                case 4: ember_unfold_mapped_u32(x.assumingMemoryBound(to: UInt32.self), y.assumingMemoryBound(to: UInt32.self), map, columnsPlane, run.count, inPlane)
                default: ember_unfold_mapped_u64(x.assumingMemoryBound(to: UInt64.self), y.assumingMemoryBound(to: UInt64.self), map, columnsPlane, run.count, inPlane)
                }
            }
            if mapped { return }
            let geometry = UnsafeSendableBox(gp)
            forEachPlane(planes, columnsPlane: columnsPlane) { plane in
                let x = UnsafeRawPointer(src.value + plane * inPlane), y = UnsafeMutableRawPointer(dst.value + plane * columnsPlane)
                switch MemoryLayout<T>.size {
                case 1: ember_unfold_plane_u8(x.assumingMemoryBound(to: UInt8.self), y.assumingMemoryBound(to: UInt8.self), geometry.value)
                case 4: ember_unfold_plane_u32(x.assumingMemoryBound(to: UInt32.self), y.assumingMemoryBound(to: UInt32.self), geometry.value)
                default: ember_unfold_plane_u64(x.assumingMemoryBound(to: UInt64.self), y.assumingMemoryBound(to: UInt64.self), geometry.value)
                }
            }
        }
    }

    static func fold<T: FloatingScalar>(_ columns: StridedBuffer, _ output: StridedBuffer, _ window: SlidingWindow,
                                        _: T.Type) {
        var g = geometry(window)
        let inPlane = window.inputCount, columnsPlane = window.kernelCount * window.outputCount
        let planes = output.layout.count / max(inPlane, 1)
        let src = UnsafeSendableBox(UnsafePointer(columns.pointer(as: T.self)))
        let dst = UnsafeSendableBox(output.pointer(as: T.self))
        withUnsafePointer(to: &g) { gp in
            let mapped = withSmallPlaneMap(window, gp, planes: planes) { map, run in
                let c = UnsafeRawPointer(src.value + run.lowerBound * columnsPlane)
                let y = UnsafeMutableRawPointer(dst.value + run.lowerBound * inPlane)
                if T.self == Double.self {
                    ember_fold_mapped_f64(c.assumingMemoryBound(to: Double.self), y.assumingMemoryBound(to: Double.self), map, columnsPlane, run.count, inPlane)
                } else {
                    ember_fold_mapped_f32(c.assumingMemoryBound(to: Float.self), y.assumingMemoryBound(to: Float.self), map, columnsPlane, run.count, inPlane)
                }
            }
            if mapped { return }
            let geometry = UnsafeSendableBox(gp)
            forEachPlane(planes, columnsPlane: columnsPlane) { plane in
                let c = UnsafeRawPointer(src.value + plane * columnsPlane), y = UnsafeMutableRawPointer(dst.value + plane * inPlane)
                if T.self == Double.self {
                    ember_fold_plane_f64(c.assumingMemoryBound(to: Double.self), y.assumingMemoryBound(to: Double.self), geometry.value)
                } else {
                    ember_fold_plane_f32(c.assumingMemoryBound(to: Float.self), y.assumingMemoryBound(to: Float.self), geometry.value)
                }
            }
        }
    }
}
