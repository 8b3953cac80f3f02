// A hint to the processor to start reading memory that a kernel will read soon.
#ifndef MLFIT_PREFETCH_H
#define MLFIT_PREFETCH_H

#ifdef __cplusplus
extern "C" {
#endif

/// Asks the processor to bring the bytes [address, address + count) into its L2 cache, one
/// prefetch per 64-byte line; no effect on results, and no fault on any address.
void mlfit_prefetch(const void *address, long count);

#ifdef __cplusplus
}
#endif

#endif
