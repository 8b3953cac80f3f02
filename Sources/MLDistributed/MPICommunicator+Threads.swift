#if MPI
import CMPI

extension MPICommunicator {
    /// The worker threads this rank should run by default: the cores its CPU affinity allows
    /// (`sched_getaffinity`; `ProcessInfo.activeProcessorCount` ignores the binding that
    /// `mpirun` and `srun` apply) shared with the other ranks on the same node that may use
    /// them — `Σ over its cores of 1 / (ranks allowed on that core)`, at least 1.
    ///
    /// Bound one rank per core, each rank gets its core; unbound, `N` ranks on a node of `C`
    /// cores get `C / N` each. Collective over the ranks.
    public func defaultThreads() -> Int {
        let words = 16  // 1,024 CPUs, CPU_SETSIZE
        var mask = [UInt64](repeating: 0, count: words)
        let cores = mask.withUnsafeMutableBufferPointer { cmpi_affinity($0.baseAddress, Int32(words)) }
        // Every rank takes part in the collective below, also one whose mask cannot be read.
        let masks = nodeAllGather(mask)
        guard cores > 0 else { return 1 }
        var share = 0.0
        for cpu in 0..<(64 * words) where mask[cpu / 64] & (1 << UInt64(cpu % 64)) != 0 {
            let users = masks.filter { $0[cpu / 64] & (1 << UInt64(cpu % 64)) != 0 }.count
            share += 1 / Double(max(1, users))
        }
        return max(1, Int(share.rounded(.down)))
    }

    /// Every mask of the ranks on this node (those that share memory with this one).
    private func nodeAllGather(_ mask: [UInt64]) -> [[UInt64]] {
        var node = cmpi_comm_null()
        MPI_Comm_split_type(cmpi_comm_world(), cmpi_comm_type_shared(), Int32(rank), cmpi_info_null(), &node)
        defer { MPI_Comm_free(&node) }
        var nodeSize: Int32 = 1
        MPI_Comm_size(node, &nodeSize)
        var all = [UInt64](repeating: 0, count: mask.count * Int(nodeSize))
        var mine = mask
        MPI_Allgather(&mine, Int32(mask.count), cmpi_int64(), &all, Int32(mask.count), cmpi_int64(), node)
        return (0..<Int(nodeSize)).map { Array(all[($0 * mask.count)..<(($0 + 1) * mask.count)]) }
    }
}
#endif
