// SLEEF, the vectorized math library PyTorch's CPU kernels use (Debian's libsleef-dev).
// Swift code links it through this module; the kernels that call it are in CEmberSIMD, which
// declares the few functions it uses itself (sleef.h declares each ISA's functions only when the
// translation unit is compiled for that ISA, and Ember compiles per function instead).
#include <sleef.h>
