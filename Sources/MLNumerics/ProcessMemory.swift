#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The memory the process has used, as the kernel counts it.
public enum ProcessMemory {
    /// The largest resident set the process has had so far (`getrusage`'s `ru_maxrss`), in
    /// bytes; `nil` where the call is unavailable or fails.
    ///
    /// A fit may free memory before it ends (a tree drops the rows' doubles once they are
    /// binned), so the peak, not the memory at the end, is what bounds the machine it needs.
    public static var peakResidentBytes: Int? {
        #if canImport(Glibc) || canImport(Darwin)
            var usage = rusage()
            #if canImport(Darwin)
                guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
                return Int(usage.ru_maxrss)  // bytes on Darwin
            #else
                // glibc declares the `who` argument as its enum's raw type.
                guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
                return Int(usage.ru_maxrss) * 1024  // kilobytes on Linux
            #endif
        #else
            return nil
        #endif
    }
}
