// Which vector instructions the processor and the operating system allow, detected once.
// Internal to this target: its kernels choose their implementation from it.
#ifndef MLFIT_CPU_FEATURES_H
#define MLFIT_CPU_FEATURES_H

/// 1 when AVX2 can run here (the processor has it and the OS saves YMM state), else 0.
int mlfit_cpu_has_avx2(void);

#endif
