import CMalloc

/// Process-wide allocator settings that an application may opt into.
public enum AllocatorTuning {
    /// Keeps freed large blocks in the heap for reuse instead of returning them to the kernel.
    ///
    /// Each chunk of a pass allocates a few MiB (the text block, its parsed rows, the centred
    /// copy). glibc serves blocks above 128 KiB with `mmap` and unmaps them on `free`, so every
    /// chunk page-faults its memory in afresh, and the kernel's page-table lock serializes the
    /// workers doing so. Measured on a 300 MB CSV with 2 threads: 40,000 page faults and a
    /// 1.5× speed-up over 1 thread, against 9,000 faults and 1.9× with blocks reused. The
    /// library never changes the allocator by itself (it is the application's to set); the
    /// `mlfit` tool calls this at start. No effect outside glibc.
    public static func reuseFreedBlocks() {
        #if os(Linux)
            _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
            _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
        #endif
    }
}
