// Centred squares and ranges of a block's columns. Each column is summed on its own, row
// after row, with a multiply and an add (no fused multiply-add), so the four-wide AVX2 code
// and the scalar code round identically: a result does not depend on the processor's
// instruction set. The AVX2 code goes through sixteen columns at a time (four independent
// sums per quantity hide the adder's latency); the last columns of a row that does not
// divide by four go through masked loads and stores.
#include "column_moments.h"

#include "cpu_features.h"

static void centered_squares_scalar(
    const double *x, long rows, long columns, long stride, const double *weights, const double *mean,
    double *squares, double *minimum, double *maximum) {
    for (long i = 0; i < rows; i++) {
        double w = weights ? weights[i] : 1;
        if (!(w > 0)) continue;
        const double *row = x + i * stride;
        for (long j = 0; j < columns; j++) {
            double v = row[j], d = v - mean[j];
            squares[j] += (w * d) * d;
            minimum[j] = v < minimum[j] ? v : minimum[j];
            maximum[j] = v > maximum[j] ? v : maximum[j];
        }
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

// `_mm256_min_pd(v, low)` is `v < low ? v : low` lane by lane, as the scalar code.
#define MLFIT_ACCUMULATE(v, m, s, low, high, w)                         \
    do {                                                                \
        __m256d d_ = _mm256_sub_pd((v), (m));                           \
        (s) = _mm256_add_pd((s), _mm256_mul_pd(_mm256_mul_pd((w), d_), d_)); \
        (low) = _mm256_min_pd((v), (low));                              \
        (high) = _mm256_max_pd((v), (high));                            \
    } while (0)

__attribute__((target("avx2"))) static void centered_squares_avx2(
    const double *x, long rows, long columns, long stride, const double *weights, const double *mean,
    double *squares, double *minimum, double *maximum) {
    long j = 0;
    for (; j + 16 <= columns; j += 16) {
        __m256d s0 = _mm256_loadu_pd(squares + j), s1 = _mm256_loadu_pd(squares + j + 4);
        __m256d s2 = _mm256_loadu_pd(squares + j + 8), s3 = _mm256_loadu_pd(squares + j + 12);
        __m256d l0 = _mm256_loadu_pd(minimum + j), l1 = _mm256_loadu_pd(minimum + j + 4);
        __m256d l2 = _mm256_loadu_pd(minimum + j + 8), l3 = _mm256_loadu_pd(minimum + j + 12);
        __m256d h0 = _mm256_loadu_pd(maximum + j), h1 = _mm256_loadu_pd(maximum + j + 4);
        __m256d h2 = _mm256_loadu_pd(maximum + j + 8), h3 = _mm256_loadu_pd(maximum + j + 12);
        const double *m = mean + j;
        for (long i = 0; i < rows; i++) {
            double weight = weights ? weights[i] : 1;
            if (!(weight > 0)) continue;
            __m256d w = _mm256_set1_pd(weight);
            const double *row = x + i * stride + j;
            MLFIT_ACCUMULATE(_mm256_loadu_pd(row), _mm256_loadu_pd(m), s0, l0, h0, w);
            MLFIT_ACCUMULATE(_mm256_loadu_pd(row + 4), _mm256_loadu_pd(m + 4), s1, l1, h1, w);
            MLFIT_ACCUMULATE(_mm256_loadu_pd(row + 8), _mm256_loadu_pd(m + 8), s2, l2, h2, w);
            MLFIT_ACCUMULATE(_mm256_loadu_pd(row + 12), _mm256_loadu_pd(m + 12), s3, l3, h3, w);
        }
        _mm256_storeu_pd(squares + j, s0), _mm256_storeu_pd(squares + j + 4, s1);
        _mm256_storeu_pd(squares + j + 8, s2), _mm256_storeu_pd(squares + j + 12, s3);
        _mm256_storeu_pd(minimum + j, l0), _mm256_storeu_pd(minimum + j + 4, l1);
        _mm256_storeu_pd(minimum + j + 8, l2), _mm256_storeu_pd(minimum + j + 12, l3);
        _mm256_storeu_pd(maximum + j, h0), _mm256_storeu_pd(maximum + j + 4, h1);
        _mm256_storeu_pd(maximum + j + 8, h2), _mm256_storeu_pd(maximum + j + 12, h3);
    }
    for (; j < columns; j += 4) {
        // Lanes past the last column are masked out of every load and store.
        long valid = columns - j < 4 ? columns - j : 4;
        __m256i mask = _mm256_set_epi64x(valid > 3 ? -1 : 0, valid > 2 ? -1 : 0, valid > 1 ? -1 : 0, -1);
        __m256d s = _mm256_maskload_pd(squares + j, mask), m = _mm256_maskload_pd(mean + j, mask);
        __m256d low = _mm256_maskload_pd(minimum + j, mask), high = _mm256_maskload_pd(maximum + j, mask);
        for (long i = 0; i < rows; i++) {
            double weight = weights ? weights[i] : 1;
            if (!(weight > 0)) continue;
            __m256d w = _mm256_set1_pd(weight);
            MLFIT_ACCUMULATE(_mm256_maskload_pd(x + i * stride + j, mask), m, s, low, high, w);
        }
        _mm256_maskstore_pd(squares + j, mask, s);
        _mm256_maskstore_pd(minimum + j, mask, low);
        _mm256_maskstore_pd(maximum + j, mask, high);
    }
}
#endif

void mlfit_centered_squares(
    const double *x, long rows, long columns, long stride, const double *weights, const double *mean,
    double *squares, double *minimum, double *maximum) {
#if defined(__x86_64__)
    if (mlfit_cpu_has_avx2()) {
        centered_squares_avx2(x, rows, columns, stride, weights, mean, squares, minimum, maximum);
        return;
    }
#endif
    centered_squares_scalar(x, rows, columns, stride, weights, mean, squares, minimum, maximum);
}
