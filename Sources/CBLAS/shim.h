// OpenBLAS's CBLAS interface plus its thread-control and identification functions
// (openblas_set_num_threads, openblas_get_corename), all declared in cblas.h.
#include <cblas.h>
