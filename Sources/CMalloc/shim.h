// glibc's allocator tuning (mallopt), for applications that want freed large blocks reused.
#if defined(__linux__)
#include <malloc.h>
#endif
