import EmberBackend

// MARK: - Special functions in CUDA C

extension KernelSources {
    /// PyTorch's special functions as device functions of `T`, written from the CPU backend's
    /// (EmberCPU, Math/SpecialFunctions.swift): `calc_erfinv`, `calc_digamma`, `trigamma` and
    /// `calc_polygamma` through the Hurwitz zeta function in double, so that CUDA gives the same
    /// algorithms (not CUDA's own `erfinv`).
    static func specialFunctions(_ dtype: DType) -> String {
        let m = dtype.math
        let isFloat = dtype == .float32
        // Float digamma's reflection term is computed in double and rounded once, as PyTorch's.
        let reflection = isFloat
            ? "const double r = (double)x - trunc((double)x); return ember_digamma(1 - x) - (T)(3.14159265358979323846 / tan(3.14159265358979323846 * r));"
            : "const double r = x - trunc(x); return ember_digamma(1 - x) - 3.14159265358979323846 / tan(3.14159265358979323846 * r);"
        let pi = isFloat ? "3.14159265358979323846f" : "3.14159265358979323846"
        return """
        __device__ double ember_zeta(double x, double q) {
            const double machep = 1.11022302462515654042E-16;
            const double a[12] = {12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
                -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15,
                1.8152105401943546773e17, -7.1661652561756670113e18};
            if (x == 1) return __longlong_as_double(0x7ff0000000000000LL);
            if (x < 1) return __longlong_as_double(0x7ff8000000000000LL);
            if (q <= 0) {
                if (q == floor(q)) return __longlong_as_double(0x7ff0000000000000LL);
                if (x != floor(x)) return __longlong_as_double(0x7ff8000000000000LL);
            }
            double s = pow(q, -x), aa = q, b = 0.0;
            int i = 0;
            while (i < 9 || aa <= 9) {
                i += 1;
                aa += 1;
                b = pow(aa, -x);
                s += b;
                if (-machep * s < b && b < machep * s) return s;
            }
            const double w = aa;
            s += b * w / (x - 1);
            s -= 0.5 * b;
            double f = 1.0, k = 0.0;
            for (int j = 0; j < 12; ++j) {
                f *= x + k;
                b /= w;
                double t = f * b / a[j];
                s = s + t;
                t = fabs(t / s);
                if (t < machep) return s;
                k += 1;
                f *= x + k;
                b /= w;
                k += 1;
            }
            return s;
        }
        __device__ T ember_erfinv(T y) {
            const T magnitude = \(m("fabs"))(y);
            if (magnitude > (T)1) return EMBER_NAN;
            if (magnitude == (T)1) return \(m("copysign"))(EMBER_INF, y);
            T x;
            if (magnitude <= (T)0.7) {
                const T z = y * y;
                const T num = (((T)-0.140543331 * z + (T)0.914624893) * z + (T)-1.645349621) * z + (T)0.886226899;
                const T dem = ((((T)0.012229801 * z + (T)-0.329097515) * z + (T)1.442710462) * z + (T)-2.118377725) * z + (T)1;
                x = y * num / dem;
            } else {
                const T z = \(m("sqrt"))(-\(m("log"))(((T)1 - magnitude) / (T)2));
                const T num = (((T)1.641345311 * z + (T)3.429567803) * z + (T)-1.624906493) * z + (T)-1.970840454;
                const T dem = ((T)1.637067800 * z + (T)3.543889200) * z + (T)1;
                x = \(m("copysign"))(num, y) / dem;
            }
            const T twoOverSqrtPi = (T)2 * (T)0.564189583547756286948;
            x = x - (\(m("erf"))(x) - y) / (twoOverSqrtPi * \(m("exp"))(-x * x));
            x = x - (\(m("erf"))(x) - y) / (twoOverSqrtPi * \(m("exp"))(-x * x));
            return x;
        }
        __device__ T ember_digamma(T x) {
            if (x == (T)0) return \(m("copysign"))(EMBER_INF, -x);
            if (x < (T)0) {
                if (x == \(m("trunc"))(x)) return EMBER_NAN;
                \(reflection)
            }
            T result = 0;
            while (x < (T)10) {
                result -= (T)1 / x;
                x += (T)1;
            }
            if (x == (T)10) return result + (T)2.25175258906672110764;
            T y = 0;
            if (x < (T)1.0e17) {
                const T c[7] = {(T)8.33333333333333333333E-2, (T)-2.10927960927960927961E-2, (T)7.57575757575757575758E-3,
                    (T)-4.16666666666666666667E-3, (T)3.96825396825396825397E-3, (T)-8.33333333333333333333E-3,
                    (T)8.33333333333333333333E-2};
                const T z = (T)1 / (x * x);
                T poly = 0;
                for (int k = 0; k < 7; ++k) poly = poly * z + c[k];
                y = z * poly;
            }
            return result + \(m("log"))(x) - ((T)0.5 / x) - y;
        }
        __device__ T ember_trigamma(T x) {
            T sign = 1, result = 0;
            if (x < (T)0.5) {
                sign = -1;
                const T sinPiX = \(m("sin"))(\(pi) * x);
                result -= (\(pi) * \(pi)) / (sinPiX * sinPiX);
                x = (T)1 - x;
            }
            for (int k = 0; k < 6; ++k) {
                result += (T)1 / (x * x);
                x += (T)1;
            }
            const T ixx = (T)1 / (x * x);
            result += ((T)1 + (T)1 / ((T)2 * x) + ixx * ((T)1 / (T)6 - ixx * ((T)1 / (T)30 - ixx * ((T)1 / (T)42)))) / x;
            return sign * result;
        }
        __device__ T ember_polygamma(int n, T x) {
            if (n == 1) return ember_trigamma(x);
            const T sign = n % 2 == 1 ? (T)1 : (T)-1;
            return sign * \(m("exp"))(\(m("lgamma"))((T)n + (T)1)) * (T)ember_zeta((double)(n + 1), (double)x);
        }

        """
    }
}
