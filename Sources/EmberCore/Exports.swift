// The core re-exports the backend layer's value types (DType, Device, Layout, Scalar, TensorError...).
@_exported import EmberBackend
