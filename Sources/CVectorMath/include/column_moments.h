// The second pass of a block's column moments: centred squares and ranges, vectorized.
#ifndef MLFIT_COLUMN_MOMENTS_H
#define MLFIT_COLUMN_MOMENTS_H

#ifdef __cplusplus
extern "C" {
#endif

/// For each column j < columns of the row-major block x (rows × columns, rows `stride`
/// doubles apart), over the rows i with weights[i] > 0 (every row, with weight 1, when
/// weights is NULL):
///   squares[j] += Σ (weights[i]·(x[i][j] − mean[j]))·(x[i][j] − mean[j]), in row order,
///   minimum[j] = min(minimum[j], x[i][j]), maximum[j] = max(maximum[j], x[i][j]).
/// The values must not be NaN. The results are the same, bit for bit, with or without AVX2.
void mlfit_centered_squares(
    const double *x, long rows, long columns, long stride, const double *weights, const double *mean,
    double *squares, double *minimum, double *maximum);

#ifdef __cplusplus
}
#endif

#endif
