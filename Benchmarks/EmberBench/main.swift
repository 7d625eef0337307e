import Ember
let b = Tensor.arange(12.0).reshape(3, 4).clone()
print(b)
print(b.t())
print(b[1..., .slice(step: 2)], b[1..., .slice(step: 2)].strides, b[1..., .slice(step: 2)].storageOffset)
print(b.t().reshape(12))
print(Tensor([[1, 2], [3, 4]]), Tensor([[1.0, 2], [3, 4]]), Tensor(2.0, requiresGrad: true))
print(Tensor([true, false]), Tensor([1, 2], dtype: .int32), Tensor.zeros(0, 3))
manualSeed(0); print(Tensor.rand(3)); print(Tensor.randn(2, 3))
print(Ember.memoryStats())
let x = Tensor.arange(9.0)
print(x.asStrided([2, 2], [1, 2], storageOffset: 1))
b[0] = 5
b[1..., 0] = Tensor([100.0, 200])
print(b, b.version)
print(Tensor.arange(1100).reshape(11, 10, 10))
do { _ = try withErrorCapture { b.view(5, 3) } } catch { print("caught:", error) }
