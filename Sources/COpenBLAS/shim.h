#ifndef EMBER_COPENBLAS_SHIM_H
#define EMBER_COPENBLAS_SHIM_H
#include <cblas.h>
#endif
