#if canImport(Glibc)
    import CMalloc
#endif

/// glibc malloc settings for a process that compresses and decompresses many objects.
///
/// Brotli's encoder allocates hash tables of a few hundred KB to a few MB for every object. With
/// glibc's defaults these come from fresh `mmap`s, or from heap memory that `free` has just trimmed
/// back to the kernel, so every put faults in and zeroes its tables again: on 100 KB JSON at
/// quality 5 that made compression 2–3x slower (perf: a third of the time in the page-fault
/// handler). Raising both thresholds keeps that memory in the heap for the next put.
enum MallocTuning {
    /// Allocations below this come from the heap rather than their own `mmap` (glibc's ceiling for
    /// its own dynamic threshold).
    static let mmapThreshold: Int32 = 32 * 1024 * 1024
    /// Free memory at the top of a heap is returned to the kernel only beyond this.
    static let trimThreshold: Int32 = 64 * 1024 * 1024

    /// Applies the settings (once, at start; a no-op off glibc).
    static func apply() {
        #if canImport(Glibc)
            _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
            _ = mallopt(M_TRIM_THRESHOLD, trimThreshold)
        #endif
    }
}
