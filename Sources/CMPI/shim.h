// MPI's handles (MPI_COMM_WORLD, MPI_BYTE, MPI_INT64_T, …) are macros, which Swift cannot
// import: these functions return them. Only MLDistributed includes this header.
#ifndef _GNU_SOURCE
#define _GNU_SOURCE  // sched_getaffinity, CPU_SETSIZE
#endif
#include <mpi.h>
#include <sched.h>

static inline MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Comm cmpi_comm_null(void) { return MPI_COMM_NULL; }
static inline MPI_Datatype cmpi_byte(void) { return MPI_BYTE; }
static inline MPI_Datatype cmpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Info cmpi_info_null(void) { return MPI_INFO_NULL; }
static inline MPI_Status *cmpi_status_ignore(void) { return MPI_STATUS_IGNORE; }
static inline int cmpi_comm_type_shared(void) { return MPI_COMM_TYPE_SHARED; }
static inline int cmpi_thread_serialized(void) { return MPI_THREAD_SERIALIZED; }
static inline int cmpi_success(void) { return MPI_SUCCESS; }

// The CPUs this process may run on (its affinity mask), as a bit set of `words` 64-bit words;
// returns the count, or -1 when the mask cannot be read.
static inline int cmpi_affinity(unsigned long long *bits, int words) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return -1;
    int count = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE && cpu < 64 * words; cpu++) {
        if (CPU_ISSET(cpu, &set)) {
            bits[cpu / 64] |= 1ULL << (cpu % 64);
            count++;
        }
    }
    return count;
}
