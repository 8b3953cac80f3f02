// The vector ABI functions of glibc's libmvec (`_ZGVdN4v_exp`: AVX2, four doubles; glibc's
// documented error ≤ 4 ulp, measured ≤ 3 against libm's `exp`) called from functions compiled
// for AVX2 with a `target` attribute, so the package needs no compiler flags; chosen once at
// run time from CPUID, so the same binary runs on processors without AVX2.
//
// Every element goes through the same function whatever its position: a tail shorter than
// four is padded and computed four-wide too, so a value's result does not depend on how an
// array was split into calls (chunk and window boundaries).
#include "vector_math.h"

#include "cpu_features.h"

#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#include <immintrin.h>

__attribute__((target("avx2"))) extern __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2"))) extern __m256d _ZGVdN4v_log(__m256d);

typedef __m256d (*vector_function)(__m256d);

__attribute__((target("avx2"))) static void apply4(vector_function f, double *values, long count, double pad) {
    long i = 0;
    for (; i + 4 <= count; i += 4) _mm256_storeu_pd(values + i, f(_mm256_loadu_pd(values + i)));
    if (i < count) {
        double tail[4] = {pad, pad, pad, pad};
        memcpy(tail, values + i, (size_t)(count - i) * sizeof(double));
        _mm256_storeu_pd(tail, f(_mm256_loadu_pd(tail)));
        memcpy(values + i, tail, (size_t)(count - i) * sizeof(double));
    }
}

static int vectorized(void) { return mlfit_cpu_has_avx2(); }
#else
static int vectorized(void) { return 0; }
#endif

void mlfit_vector_exp(double *values, long count) {
#if defined(__x86_64__) && defined(__linux__)
    if (vectorized()) {
        apply4(_ZGVdN4v_exp, values, count, 0);
        return;
    }
#endif
    for (long i = 0; i < count; i++) values[i] = exp(values[i]);
}

void mlfit_vector_log(double *values, long count) {
#if defined(__x86_64__) && defined(__linux__)
    if (vectorized()) {
        apply4(_ZGVdN4v_log, values, count, 1);
        return;
    }
#endif
    for (long i = 0; i < count; i++) values[i] = log(values[i]);
}

int mlfit_vector_math_is_vectorized(void) { return vectorized(); }
