#include "cpu_features.h"

#include <stdatomic.h>

#if defined(__x86_64__)
#include <cpuid.h>

// AVX2 in the processor (CPUID leaf 7, EBX bit 5) and the YMM state enabled by the operating
// system (OSXSAVE, then XCR0 bits 1 and 2).
static int detect_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX)) return 0;
    unsigned low, high;
    __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6) != 6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX2) != 0;
}
#else
static int detect_avx2(void) { return 0; }
#endif

// -1 until the first call; then 0 or 1. A race only repeats the detection.
static atomic_int has_avx2 = -1;

int mlfit_cpu_has_avx2(void) {
    int state = atomic_load_explicit(&has_avx2, memory_order_relaxed);
    if (state < 0) {
        state = detect_avx2();
        atomic_store_explicit(&has_avx2, state, memory_order_relaxed);
    }
    return state;
}
