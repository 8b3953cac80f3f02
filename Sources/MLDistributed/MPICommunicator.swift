#if MPI
import CMPI
import MLEngine
import Synchronization

/// The ranks of `MPI_COMM_WORLD` as a ``Communicator``: what `mpirun -np N mlfit …` runs on.
///
/// Create it once per process with ``initialize()`` (which calls `MPI_Init_thread`) and call
/// ``finalize()`` before the process exits. MPI is initialized with `MPI_THREAD_SERIALIZED`:
/// mlfit's chunk workers never call MPI; the collectives run on one thread at a time, after
/// each pass.
///
/// Every collective moves bytes. ``reduceToAll(_:combine:)`` is a binomial tree of
/// point-to-point messages fixed by rank — rank `r` receives from `r + 2ˢ` at step `s` while
/// `r` is a multiple of `2ˢ⁺¹`, and sends to `r − 2ˢ` otherwise — then `MPI_Bcast` of the root
/// from rank 0: `⌈log₂ P⌉` steps, and the same bits on every rank, which `MPI_Allreduce` does
/// not promise.
///
/// MPI errors abort the job (MPI's default error handler), so no rank is left waiting.
public final class MPICommunicator: Communicator {
    public let rank: Int
    public let size: Int
    private let traffic = Atomic<Int>(0)

    /// `MPI_COMM_WORLD` (a handle, not `Sendable`, so read where it is used).
    private var comm: MPI_Comm { cmpi_comm_world() }

    private init(rank: Int, size: Int) {
        self.rank = rank
        self.size = size
    }

    /// Initializes MPI (once per process) and returns the world communicator.
    public static func initialize() -> MPICommunicator {
        var provided: Int32 = 0
        MPI_Init_thread(nil, nil, cmpi_thread_serialized(), &provided)
        var rank: Int32 = 0, size: Int32 = 0
        MPI_Comm_rank(cmpi_comm_world(), &rank)
        MPI_Comm_size(cmpi_comm_world(), &size)
        return MPICommunicator(rank: Int(rank), size: Int(size))
    }

    /// Ends MPI; no collective may follow.
    public func finalize() {
        MPI_Finalize()
    }

    public var bytesCommunicated: Int { traffic.load(ordering: .relaxed) }

    public func reduceToAll(_ message: [UInt8], combine: (inout [UInt8], [UInt8]) -> Void) -> [UInt8] {
        var mine = message
        var step = 1
        while step < size {
            if rank % (2 * step) == 0 {
                if rank + step < size { combine(&mine, receive(from: rank + step)) }
            } else {
                send(mine, to: rank - step)
                break
            }
            step *= 2
        }
        return broadcast(mine, from: 0)
    }

    public func allGather(_ message: [UInt8]) -> [[UInt8]] {
        var length = Int64(message.count)
        var lengths = [Int64](repeating: 0, count: size)
        MPI_Allgather(&length, 1, cmpi_int64(), &lengths, 1, cmpi_int64(), comm)
        let counts = lengths.map { Int32($0) }
        var displacements = [Int32](repeating: 0, count: size)
        for r in 1..<max(1, size) { displacements[r] = displacements[r - 1] + counts[r - 1] }
        let total = counts.reduce(0) { $0 + Int($1) }
        var all = [UInt8](repeating: 0, count: max(1, total))
        message.withUnsafeBufferPointer { bytes in
            _ = MPI_Allgatherv(
                bytes.baseAddress, Int32(message.count), cmpi_byte(), &all, counts, displacements, cmpi_byte(), comm)
        }
        traffic.add(total + 8 * size, ordering: .relaxed)
        return (0..<size).map { r in Array(all[Int(displacements[r])..<Int(displacements[r] + counts[r])]) }
    }

    public func broadcast(_ message: [UInt8], from root: Int) -> [UInt8] {
        var length = Int64(message.count)
        MPI_Bcast(&length, 1, cmpi_int64(), Int32(root), comm)
        var bytes = rank == root ? message : [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Counts are 32-bit: a large message goes in pieces.
            var offset = 0
            while offset < buffer.count {
                let count = min(buffer.count - offset, 1 << 30)
                MPI_Bcast(base + offset, Int32(count), cmpi_byte(), Int32(root), comm)
                offset += count
            }
        }
        traffic.add(Int(length) + 8, ordering: .relaxed)
        return bytes
    }

    private func send(_ message: [UInt8], to destination: Int) {
        var length = Int64(message.count)
        MPI_Send(&length, 1, cmpi_int64(), Int32(destination), 0, comm)
        message.withUnsafeBufferPointer { bytes in
            _ = MPI_Send(bytes.baseAddress, Int32(message.count), cmpi_byte(), Int32(destination), 1, comm)
        }
        traffic.add(message.count + 8, ordering: .relaxed)
    }

    private func receive(from source: Int) -> [UInt8] {
        var length: Int64 = 0
        MPI_Recv(&length, 1, cmpi_int64(), Int32(source), 0, comm, cmpi_status_ignore())
        var bytes = [UInt8](repeating: 0, count: Int(length))
        bytes.withUnsafeMutableBufferPointer { buffer in
            _ = MPI_Recv(buffer.baseAddress, Int32(length), cmpi_byte(), Int32(source), 1, comm, cmpi_status_ignore())
        }
        traffic.add(Int(length) + 8, ordering: .relaxed)
        return bytes
    }
}
#endif
