// LAPACK's C interface. OpenBLAS on Debian is built without LAPACKE, so liblapacke is linked
// separately; it calls the LAPACK routines that libopenblas provides.
#include <lapacke.h>
