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

/// This executable's path.
func selfExecutable() -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    guard n > 0 else { return CommandLine.arguments[0] }
    return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// Runs a child through a small helper process (this executable's `measure-child`), which
/// reports the child's wall time and peak RSS.
///
/// Why: Linux carries a process's peak-RSS record across `exec`, and `posix_spawn` (vfork)
/// children start from their parent's record, so `wait4` on a child of this large process
/// (hundreds of MB after the in-memory benchmarks) would report the parent's peak. The
/// helper's own memory is small, and its child starts a fresh record.
func runMeasured(_ arguments: [String], scratch: String) throws -> ChildRun {
    let helperScratch = scratch + "/helper"
    try FileManager.default.createDirectory(atPath: helperScratch, withIntermediateDirectories: true)
    let result = scratch + "/measured.json"
    unlink(result)
    let helper = try runChild(
        [selfExecutable(), "measure-child", "--scratch", scratch, "--result", result, "--"] + arguments,
        scratch: helperScratch)
    guard helper.exitCode == 0,
        let data = FileManager.default.contents(atPath: result),
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
        let seconds = json["seconds"] as? Double, let rss = json["peakRSS"] as? Int,
        let code = json["exitCode"] as? Int
    else { throw BenchmarkError("measure-child failed: \(helper.errorOutput.suffix(1000))") }
    let output = (try? String(contentsOfFile: scratch + "/child.out", encoding: .utf8)) ?? ""
    let errorOutput = (try? String(contentsOfFile: scratch + "/child.err", encoding: .utf8)) ?? ""
    return ChildRun(seconds: seconds, peakRSS: rss, exitCode: Int32(code), output: output, errorOutput: errorOutput)
}

/// ``runMeasured(_:scratch:)`` that fails with the child's stderr when it exits non-zero.
func runMeasuredChecked(_ arguments: [String], scratch: String) throws -> ChildRun {
    let run = try runMeasured(arguments, scratch: scratch)
    guard run.exitCode == 0 else {
        throw BenchmarkError(
            "`\(arguments.joined(separator: " "))` exited with \(run.exitCode): \(run.errorOutput.suffix(2000))")
    }
    return run
}
