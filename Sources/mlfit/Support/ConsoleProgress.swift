import Foundation
import MLFit
import Synchronization

/// Shows that a long step is running: when standard error is a terminal and the step has
/// taken more than a second, a line with the share of the input read by the pass under way
/// (when the source can tell) and the elapsed time is redrawn every half second, and erased
/// when the step ends.
enum ConsoleProgress {
    private struct State {
        var finished = false
        var shown = false
    }

    static func whileRunning<R>(
        _ label: String, enabled: Bool, reading source: Any? = nil, _ body: () throws -> R
    ) rethrows -> R {
        let reporter = source as? any PassProgressReporting
        guard enabled, isatty(STDERR_FILENO) != 0 else { return try body() }
        let state = Mutex(State())
        let start = Date()
        let ticker = Thread {
            Thread.sleep(forTimeInterval: 1)
            while true {
                // Draw under the lock, so no line appears after the step has erased it.
                let running = state.withLock { s -> Bool in
                    guard !s.finished else { return false }
                    let seconds = Date().timeIntervalSince(start)
                    var line = "\r\(label)… "
                    if let reporter, reporter.byteCount > 0 {
                        let share = min(1, Double(reporter.bytesRead) / Double(reporter.byteCount))
                        line += String(format: "%3.0f%% of the input, ", 100 * share)
                    }
                    line += String(format: "%.1f s", seconds)
                    FileHandle.standardError.write(Data(line.utf8))
                    s.shown = true
                    return true
                }
                guard running else { return }
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        ticker.start()
        defer {
            state.withLock { s in
                s.finished = true
                if s.shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            }
        }
        return try body()
    }
}
