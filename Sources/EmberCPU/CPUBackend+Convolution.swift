import EmberBackend
import CEmberSIMD
import Synchronization

// MARK: - Convolutions without unfolding (float32)

extension CPUBackend {
    @usableFromInline package func convolution(_ input: StridedBuffer, weight: StridedBuffer, window: SlidingWindow,
                                                groups: Int, into output: StridedBuffer) -> Bool {
        guard input.dtype == .float32, let kernel = Float32Kernel.best else { return false }
        return ConvolutionKernels.float32(kernel, input, weight, window, groups, output)
    }
}

/// The threads of Note [Convolutions without unfolding] (Gemm.c).
enum ConvolutionKernels {
    /// Each (image, group) is one product of the group's weight `[Co / groups, C / groups * K]`
    /// with that image's unfolded channels: a batch of them goes to the pool's threads a product at
    /// a time, as `GemmKernels.float32` hands out a batch; fewer are each split by columns.
    static func float32(_ kernel: Float32Kernel, _ input: StridedBuffer, _ weight: StridedBuffer,
                        _ window: SlidingWindow, _ groups: Int, _ output: StridedBuffer) -> Bool {
        let n = output.layout.shape[0], outChannels = output.layout.shape[1]
        let inChannels = input.layout.shape[1] / groups, m = outChannels / groups
        let k = inChannels * window.kernelCount, l = window.outputCount, inPlane = window.inputCount
        guard n > 0, m > 0, k > 0, l > 0 else { return false }
        let tasks = n * groups, threads = Parallel.threadCount, work = m * k * l
        let x = UnsafeSendableBox(UnsafePointer(input.pointer(as: Float.self)))
        let w = UnsafeSendableBox(UnsafePointer(weight.pointer(as: Float.self)))
        let y = UnsafeSendableBox(output.pointer(as: Float.self))
        var geometry = WindowKernels.geometry(window)
        return withUnsafePointer(to: &geometry) { gp in
            let g = UnsafeSendableBox(gp)
            func run(_ task: Int, columns: Range<Int>, _ workspace: UnsafeMutablePointer<Float>?) {
                let image = task / groups, group = task % groups
                let xs = x.value + (image * groups + group) * inChannels * inPlane
                let c = y.value + (image * outChannels + group * m) * l + columns.lowerBound
                kernel.convolve(m: m, n: columns.count, k: k, w.value + group * m * k, k, xs, g.value,
                                jBegin: columns.lowerBound, beta: 0, c, l, workspace: workspace)
            }
            if threads > 1 && tasks >= 2 * threads && work * tasks >= GemmKernels.parallelWork {
                let next = Atomic<Int>(0)
                let floats = kernel.convolutionWorkspace(n: l, k: k)
                return GemmKernels.withWorkspaces(floats: floats, count: threads) { spaces in
                    Parallel.perform(threads) { worker in
                        while case let task = next.add(1, ordering: .relaxed).oldValue, task < tasks {
                            run(task, columns: 0..<l, spaces.value[worker])
                        }
                    }
                }
            }
            // Product by product, each split by whole tiles of columns, two pieces per thread.
            let grain = kernel.tileColumns, tiles = (l + grain - 1) / grain
            let workers = threads > 1 && work >= GemmKernels.parallelWork ? min(threads, tiles) : 1
            let pieces = GemmKernels.Pieces(extent: l, grain: grain,
                                            count: workers > 1 ? GemmKernels.float32ColumnPiecesPerThread * workers : 1)
            let widest = (0..<pieces.count).map { pieces[$0].count }.max() ?? l
            let floats = kernel.convolutionWorkspace(n: widest, k: k)
            return GemmKernels.withWorkspaces(floats: floats, count: workers) { spaces in
                for task in 0..<tasks {
                    let next = Atomic<Int>(0)
                    Parallel.perform(workers) { worker in
                        while case let part = next.add(1, ordering: .relaxed).oldValue, part < pieces.count {
                            run(task, columns: pieces[part], spaces.value[worker])
                        }
                    }
                }
            }
        }
    }
}
