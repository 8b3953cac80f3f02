import CBLAS
import Synchronization

/// OpenBLAS's own thread pool, which must be set to one thread while mlfit's workers run
/// chunks in parallel (two levels of threads would oversubscribe the cores), and may use all
/// cores for a single large solve.
public enum BLASThreads {
    /// The number of threads OpenBLAS uses for one call.
    public static var count: Int {
        Int(openblas_get_num_threads())
    }

    /// Sets the number of threads OpenBLAS uses for one call. The setting is process-wide.
    public static func set(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// Runs `body` with OpenBLAS single-threaded, for code that runs BLAS on several threads
    /// of its own. The setting is process-wide, so overlapping callers (passes running at
    /// the same time) are counted: the first one in saves the thread count, the last one out
    /// restores it.
    ///
    /// An iterative fit runs whole inside it, its small solves between passes included: after
    /// a multi-threaded call OpenBLAS's pool threads spin (`sched_yield`) for a while, on the
    /// cores the next pass's workers need (a fifth of a 5-class logistic fit's time).
    public static func singleThreaded<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        singleThreadedUsers.withLock { state in
            if state.users == 0 {
                state.saved = count
                set(1)
            }
            state.users += 1
        }
        defer {
            singleThreadedUsers.withLock { state in
                state.users -= 1
                if state.users == 0 { set(state.saved) }
            }
        }
        return try body()
    }

    private static let singleThreadedUsers = Mutex((users: 0, saved: 1))

    /// The name of the CPU kernel OpenBLAS selected (e.g. "Haswell"), which the
    /// `OPENBLAS_CORETYPE` environment variable overrides.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's build configuration string.
    public static var configuration: String {
        guard let text = openblas_get_config() else { return "unknown" }
        return String(cString: text)
    }
}
