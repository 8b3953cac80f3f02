// Software prefetch: a pass that streams rows from memory computes on one cache window
// while its next window is still in memory. Prefetching the next window a row at a time
// from the loops over the current one overlaps the two; the processor's own prefetchers
// stop at the end of each streaming product.
#include "prefetch.h"

void mlfit_prefetch(const void *address, long count) {
    const char *bytes = (const char *)address;
    for (long offset = 0; offset < count; offset += 64) __builtin_prefetch(bytes + offset, 0, 2);
}
