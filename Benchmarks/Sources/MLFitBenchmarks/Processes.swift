import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// A finished child process: wall time from spawn to reaping, peak RSS from `wait4`.
struct ChildRun {
    var seconds: Double
    var peakRSS: Int
    var exitCode: Int32
    var output: String
    var errorOutput: String
}

/// Runs `arguments` (the first one looked up in PATH) with stdout and stderr sent to files,
/// and reads the child's resource usage with `wait4`.
func runChild(_ arguments: [String], scratch: String) throws -> ChildRun {
    guard let program = arguments.first else { throw BenchmarkError("no program to run") }
    let outPath = scratch + "/child.out", errPath = scratch + "/child.err"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }

    var pid: pid_t = 0
    let start = now()
    let spawned = posix_spawnp(&pid, program, &actions, nil, argv, environ)
    guard spawned == 0 else {
        throw BenchmarkError("cannot run \(program): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        guard errno == EINTR else { throw BenchmarkError("wait4 failed: \(String(cString: strerror(errno)))") }
    }
    let seconds = now() - start
    let exited = (status & 0x7f) == 0
    let code: Int32 = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let errorOutput = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return ChildRun(seconds: seconds, peakRSS: Int(usage.ru_maxrss) * 1024, exitCode: code,
                    output: output, errorOutput: errorOutput)
}

/// Runs a child and fails with its stderr when it exits non-zero.
func runChecked(_ arguments: [String], scratch: String) throws -> ChildRun {
    let run = try runChild(arguments, scratch: scratch)
    guard run.exitCode == 0 else {
        throw BenchmarkError(
            "`\(arguments.joined(separator: " "))` exited with \(run.exitCode): \(run.errorOutput.suffix(2000))")
    }
    return run
}
