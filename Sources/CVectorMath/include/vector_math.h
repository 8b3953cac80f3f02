// e^x and log x over arrays of doubles, four at a time through glibc's vector math library
// (libmvec) where the processor has AVX2, one at a time through libm elsewhere.
#ifndef MLFIT_VECTOR_MATH_H
#define MLFIT_VECTOR_MATH_H

#ifdef __cplusplus
extern "C" {
#endif

/// values[i] ← e^values[i] for i < count.
void mlfit_vector_exp(double *values, long count);

/// values[i] ← log(values[i]) for i < count.
void mlfit_vector_log(double *values, long count);

/// 1 when the calls above use libmvec's four-wide functions, 0 when they use libm's.
int mlfit_vector_math_is_vectorized(void);

#ifdef __cplusplus
}
#endif

#endif
