/// A read-only matrix view with arbitrary strides, so that a transpose is only a swap of strides and the GEMM
/// does the transposition while packing.
struct MatrixView {
    /// The element at row 0, column 0.
    var base: UnsafePointer<Float>
    /// Distance in elements between rows and between columns.
    var rowStride: Int
    var columnStride: Int

    /// A row-major matrix with `columns` elements per row, optionally read transposed.
    init(_ base: UnsafePointer<Float>, columns: Int, transposed: Bool = false) {
        self.base = base
        rowStride = transposed ? 1 : columns
        columnStride = transposed ? columns : 1
    }
}

/// Block sizes of the GEMM. The B micro-panel (KC×16) stays in L1, the packed A block (MC×KC) in L2.
enum GEMMBlocking {
    static let mr = 6
    static let nr = 16
    static let kc = 256
    static let mc = 144
    static let nc = 3072
}

/// C = A·B (or C += A·B when `accumulate`), with C row-major `m×n` and leading dimension `ldc`.
///
/// The work is split over `Engine.threadCount` threads when it is worth more than about a megaflop. The
/// split never changes the order of the additions that make one element, so every thread count gives the
/// same bytes.
func gemm(m: Int, n: Int, k: Int, a: MatrixView, b: MatrixView,
          c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, threads: Int? = nil) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
        return
    }
    let threadCount = threads ?? Engine.threadCount
    let flops = 2.0 * Double(m) * Double(n) * Double(k)
    if threadCount > 1, flops >= Engine.parallelThreshold, m > GEMMBlocking.mr || n > GEMMBlocking.nr {
        // Split the larger side at a tile boundary; each thread packs its own panels.
        if n >= m {
            let half = min(n, roundUp((n + 1) / 2, GEMMBlocking.nr))
            let ran = Parallel.run(
                worker: { gemmBlock(rows: 0..<m, columns: half..<n, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate) },
                caller: { gemmBlock(rows: 0..<m, columns: 0..<half, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate) })
            if ran { return }
        } else {
            let half = min(m, roundUp((m + 1) / 2, GEMMBlocking.mr))
            let ran = Parallel.run(
                worker: { gemmBlock(rows: half..<m, columns: 0..<n, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate) },
                caller: { gemmBlock(rows: 0..<half, columns: 0..<n, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate) })
            if ran { return }
        }
    }
    gemmBlock(rows: 0..<m, columns: 0..<n, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate)
}

@inline(__always) func roundUp(_ value: Int, _ multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }

/// One thread's share of the GEMM: the GotoBLAS loop nest around the 6×16 micro-kernel.
func gemmBlock(rows: Range<Int>, columns: Range<Int>, k: Int, a: MatrixView, b: MatrixView,
               c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    typealias B = GEMMBlocking
    let context = ThreadContext.current
    let packedA = context.packA.reserve(B.mc * B.kc)
    let packedB = context.packB.reserve(B.kc * roundUp(min(B.nc, columns.count), B.nr))
    var jc = columns.lowerBound
    while jc < columns.upperBound {
        let nc = min(B.nc, columns.upperBound - jc)
        var pc = 0
        while pc < k {
            let kc = min(B.kc, k - pc)
            packPanelsOfB(b, firstRow: pc, rowCount: kc, firstColumn: jc, columnCount: nc, into: packedB)
            let addToC = accumulate || pc > 0
            var ic = rows.lowerBound
            while ic < rows.upperBound {
                let mc = min(B.mc, rows.upperBound - ic)
                packPanelsOfA(a, firstRow: ic, rowCount: mc, firstColumn: pc, columnCount: kc, into: packedA)
                var jr = 0
                while jr < nc {
                    var ir = 0
                    while ir < mc {
                        microKernel6x16(kc: kc, a: packedA + ir * kc, b: packedB + jr * kc,
                                        c: c + (ic + ir) * ldc + jc + jr, ldc: ldc,
                                        rows: min(B.mr, mc - ir), columns: min(B.nr, nc - jr), accumulate: addToC)
                        ir += B.mr
                    }
                    jr += B.nr
                }
                ic += mc
            }
            pc += kc
        }
        jc += nc
    }
}

/// Copies rows of A into panels of 6 rows, each stored column by column (6 values per k), zero-padded.
func packPanelsOfA(_ a: MatrixView, firstRow: Int, rowCount: Int, firstColumn: Int, columnCount kc: Int,
                   into destination: UnsafeMutablePointer<Float>) {
    let mr = GEMMBlocking.mr
    var ir = 0
    while ir < rowCount {
        let panel = destination + ir * kc
        let height = min(mr, rowCount - ir)
        if height < mr { panel.update(repeating: 0, count: mr * kc) }
        let origin = a.base + (firstRow + ir) * a.rowStride + firstColumn * a.columnStride
        if a.columnStride == 1 {
            for r in 0..<height {
                let source = origin + r * a.rowStride
                for p in 0..<kc { panel[p * mr + r] = source[p] }
            }
        } else {
            for p in 0..<kc {
                let source = origin + p * a.columnStride
                for r in 0..<height { panel[p * mr + r] = source[r * a.rowStride] }
            }
        }
        ir += mr
    }
}

/// Copies columns of B into panels of 16 columns, each stored row by row (16 values per k), zero-padded.
func packPanelsOfB(_ b: MatrixView, firstRow: Int, rowCount kc: Int, firstColumn: Int, columnCount: Int,
                   into destination: UnsafeMutablePointer<Float>) {
    let nr = GEMMBlocking.nr
    var jr = 0
    while jr < columnCount {
        let panel = destination + jr * kc
        let width = min(nr, columnCount - jr)
        let origin = b.base + firstRow * b.rowStride + (firstColumn + jr) * b.columnStride
        if b.columnStride == 1 && width == nr {
            for p in 0..<kc {
                let v = UnsafeRawPointer(origin + p * b.rowStride).loadUnaligned(as: SIMD16<Float>.self)
                UnsafeMutableRawPointer(panel + p * nr).storeBytes(of: v, as: SIMD16<Float>.self)
            }
        } else {
            if width < nr { panel.update(repeating: 0, count: nr * kc) }
            if b.columnStride == 1 {
                for p in 0..<kc {
                    let source = origin + p * b.rowStride
                    for j in 0..<width { panel[p * nr + j] = source[j] }
                }
            } else {
                for j in 0..<width {
                    let source = origin + j * b.columnStride
                    for p in 0..<kc { panel[p * nr + j] = source[p * b.rowStride] }
                }
            }
        }
        jr += nr
    }
}
