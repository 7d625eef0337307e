import EmberBackend

// MARK: - vstack, hstack, dstack, column_stack, row_stack
//
// Joins of tensors first given enough dims, as PyTorch composes them: the dims are added by
// `reshape` (a 0-dim tensor: `ViewBackward0`) or `unsqueeze` (`UnsqueezeBackward0`), a tensor
// that already has enough dims goes in as it is, then `cat` (`CatBackward0`).

extension Tensor {
    /// The tensors stacked as rows: 0-D and 1-D ones become rows first (`torch.vstack`).
    public static func vstack(_ tensors: [Tensor]) -> Tensor {
        attempt {
            guard !tensors.isEmpty else { throw TensorError.runtime("vstack expects a non-empty TensorList") }
            return cat(tensors.map { $0.atLeast2D() }, dim: 0)
        }
    }

    /// The tensors stacked as rows (`torch.row_stack`, PyTorch's alias of `torch.vstack`).
    public static func rowStack(_ tensors: [Tensor]) -> Tensor { vstack(tensors) }

    /// The tensors joined column-wise: along dim 1, or dim 0 for 1-D tensors (`torch.hstack`).
    public static func hstack(_ tensors: [Tensor]) -> Tensor {
        attempt {
            guard !tensors.isEmpty else { throw TensorError.runtime("hstack expects a non-empty TensorList") }
            let parts = tensors.map { $0.atLeast1D() }
            return cat(parts, dim: parts[0].dim == 1 ? 0 : 1)
        }
    }

    /// The tensors joined along a third dim, after making each at least 3-D (`torch.dstack`).
    public static func dstack(_ tensors: [Tensor]) -> Tensor {
        attempt {
            guard !tensors.isEmpty else { throw TensorError.runtime("dstack expects a non-empty TensorList") }
            return cat(tensors.map { $0.atLeast3D() }, dim: 2)
        }
    }

    /// The tensors joined as columns (`torch.column_stack`): a 0-D or 1-D tensor of `n`
    /// elements becomes an `[n, 1]` column first, then all are joined along dim 1.
    public static func columnStack(_ tensors: [Tensor]) -> Tensor {
        attempt {
            guard !tensors.isEmpty else { throw TensorError.runtime("column_stack expects a non-empty TensorList") }
            return hstack(tensors.map { $0.dim <= 1 ? $0.reshape([$0.numel, 1]) : $0 })
        }
    }

    /// `torch.atleast_1d`: a 0-dim tensor becomes `[1]` (recorded as `reshape`).
    private func atLeast1D() -> Tensor {
        dim == 0 ? reshape([1]) : self
    }

    /// `torch.atleast_2d`: a 0-dim tensor becomes `[1, 1]` (`reshape`), a vector `[1, n]` (`unsqueeze`).
    private func atLeast2D() -> Tensor {
        switch dim {
        case 0: reshape([1, 1])
        case 1: unsqueeze(dim: 0)
        default: self
        }
    }

    /// `torch.atleast_3d`: `[]` → `[1, 1, 1]` (`reshape`), `[n]` → `[1, n, 1]`, `[m, n]` → `[m, n, 1]` (`unsqueeze`).
    private func atLeast3D() -> Tensor {
        switch dim {
        case 0: reshape([1, 1, 1])
        case 1: unsqueeze(dim: 0).unsqueeze(dim: -1)
        case 2: unsqueeze(dim: -1)
        default: self
        }
    }
}
