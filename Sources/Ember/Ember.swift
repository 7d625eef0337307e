// `import Ember` gives the whole library: tensors, autograd, and (as they land) nn, optim, data and I/O.
@_exported import EmberCore
@_exported import EmberNN
@_exported import EmberOptim
@_exported import EmberData
@_exported import EmberIO
