import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Wall-clock seconds since an arbitrary start (monotonic).
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Seconds `body` takes.
func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = now()
    let value = try body()
    return (value, now() - start)
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let s = values.sorted()
    let m = s.count / 2
    return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

/// Peak resident set size of this process, in bytes.
func selfPeakRSS() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(truncatingIfNeeded: RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss) * 1024
}

func fileSize(_ path: String) -> Int? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return Int(st.st_size)
}

/// A number with a fixed count of decimals.
func fmt(_ x: Double, _ decimals: Int = 2) -> String {
    guard x.isFinite else { return "—" }
    return String(format: "%.\(decimals)f", x)
}

func mib(_ bytes: Int) -> String { fmt(Double(bytes) / 1_048_576, 1) }

/// A Markdown table.
struct Table {
    var title: String
    var header: [String]
    var rows: [[String]] = []
    var notes: [String] = []

    init(_ title: String, _ header: [String]) {
        self.title = title
        self.header = header
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    var markdown: String {
        var out = "### \(title)\n\n"
        out += "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        for note in notes { out += "\n\(note)\n" }
        return out
    }

    func print() {
        Swift.print(markdown)
        fflush(nil)
    }
}

/// Prints a progress line on stderr.
func log(_ text: String) {
    FileHandle.standardError.write(Data(("· " + text + "\n").utf8))
}

/// What this machine is.
enum Machine {
    static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var memory: String {
        mib(Int(ProcessInfo.processInfo.physicalMemory)) + " MiB"
    }

    static var hasAVX512: Bool {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return false }
        return text.contains("avx512f")
    }

    static var openBLASCoreType: String {
        ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)"
    }

    static var kernelRelease: String {
        var u = utsname()
        uname(&u)
        return withUnsafeBytes(of: &u.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    static var swiftVersion: String {
        #if compiler(>=6.3)
            return "6.3+"
        #else
            return "6.x"
        #endif
    }
}

/// CPU seconds (user + system) this process has used.
func selfCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(truncatingIfNeeded: RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
}

/// The 1-minute load average (other work on the machine skews every number).
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
    return String(text.split(separator: " ").first ?? "?")
}
