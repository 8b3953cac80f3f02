import MLFit

#if canImport(Glibc)
    import Glibc
#endif
#if MPI
    import MLDistributed
#endif

/// The processes this run of mlfit is one of: itself alone, or — in a build with the trait
/// `MPI` — the ranks `mpirun` started. Rank 0 writes the model and is the only rank that
/// prints; the others' standard output and error go to /dev/null, so every message appears
/// once. Every error after the data are opened is the same on every rank (see `RankReduction`).
enum ProcessGroup {
    #if MPI
        private static let world = MPICommunicator.initialize()
        static var communicator: any Communicator { world }
        /// The cores this rank's affinity gives it, shared with the other ranks on its node.
        static let defaultThreads: Int? = world.isDistributed ? world.defaultThreads() : nil
        static func finish() { world.finalize() }
    #else
        static var communicator: any Communicator { LocalCommunicator.shared }
        static let defaultThreads: Int? = nil
        static func finish() {}
    #endif

    static var isLeader: Bool { communicator.rank == 0 }

    /// Starts MPI (in an MPI build), fixes the default thread count (a collective, so every
    /// rank computes it here, at the same point) and silences the ranks other than 0.
    static func start() {
        _ = defaultThreads
        guard !isLeader else { return }
        let null = open("/dev/null", O_WRONLY)
        if null >= 0 {
            dup2(null, STDOUT_FILENO)
            dup2(null, STDERR_FILENO)
            close(null)
        }
    }
}
