import Foundation
import Synchronization

/// Shows that a long step is running: when standard error is a terminal and the step has
/// taken more than a second, a line with the elapsed time is redrawn every half second and
/// erased when the step ends.
enum ConsoleProgress {
    private struct State {
        var finished = false
        var shown = false
    }

    static func whileRunning<R>(_ label: String, enabled: Bool, _ body: () throws -> R) rethrows -> R {
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
                    let line = "\r\(label)… " + String(format: "%.1f s", seconds)
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
