import ArgumentParser
import MLFit

/// Threads and console output, shared by every command that reads data.
struct RunOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores; under mpirun, this rank's share of its cores). Results are identical for any count.")
    var threads: Int?

    @Flag(help: "Print no progress or report on stderr.")
    var quiet = false

    func validate() throws {
        if let threads, threads < 1 || threads > 1024 {
            throw ValidationError("--threads must be in 1...1024; got \(threads)")
        }
    }

    /// This process's threads (by default its share of the cores under `mpirun`) and its
    /// communicator.
    var execution: ExecutionOptions {
        ExecutionOptions(threads: threads ?? ProcessGroup.defaultThreads, communicator: ProcessGroup.communicator)
    }
}
