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

extension MatrixView {
    /// The same matrix read transposed.
    var transposed: MatrixView {
        var copy = self
        swap(&copy.rowStride, &copy.columnStride)
        return copy
    }
}

/// Block sizes of the GEMM. A packed B micro-panel (KC × 16 or 32) stays in L1, the packed A block (MC×KC) in
/// L2. `kc` also fixes where an element's sum is cut into blocks, so every kernel must use the same one.
enum GEMMBlocking {
    static let mr = 6
    static let kc = 256
    static let mc = 144
    static let nc = 3072
    /// Up to this many rows, B is read in place rather than packed when its rows are contiguous: packing costs
    /// a full pass over B in memory and so few row tiles reuse a panel that it never pays back (conv(8→16)'s
    /// [16, 72]·[72, 12544] is memory-bound on packing).
    static let directBRows = 24
    /// B is also read in place when its rows are at most this many floats apart: a kernel then reads the same
    /// one or two cache lines per k that a packed panel would hold, and packing would only copy them.
    static let directBRowStride = 64
    /// A narrow product takes the transposed route even though it must transpose A into panels when A has
    /// at most this many elements (256 KB, well inside L2).
    static let smallTranspose = 65_536
}

/// The register tile the GEMM runs. Both give the same bytes; the build picks the one its CPU runs fastest
/// (`LEARN_AVX512`, set in Package.swift) and tests run both.
enum GEMMKernel: CaseIterable {
    /// 6×16 tiles of `SIMD8<Float>` (AVX2 + FMA; the portable choice).
    case simd8
    /// 6×32 tiles of `SIMD16<Float>` (AVX-512).
    case simd16

    /// The kernel this build was compiled for.
    static var native: GEMMKernel {
        #if LEARN_AVX512
        return .simd16
        #else
        return .simd8
        #endif
    }

    /// Floats per vector; a full tile is two vectors wide.
    var vectorWidth: Int { self == .simd8 ? 8 : 16 }

    /// The width of the B panel that starts `remaining` columns before the edge: two vectors, or one at an edge
    /// that fits in one (the narrow kernel).
    @inline(__always) func panelWidth(remaining: Int) -> Int { remaining <= vectorWidth ? vectorWidth : 2 * vectorWidth }

    /// Whether the GEMM reads A in place for a product `columns` wide: when each panel of A would serve at
    /// most two column tiles (a small MLP's 32 outputs), packing would copy all of A to use it once or twice.
    func readsAInPlace(columns: Int) -> Bool { columns <= 4 * vectorWidth }

    /// How many multiply-adds the tiles of an m×n product cost per k, padding included.
    func paddedArea(m: Int, n: Int) -> Int {
        let full = n / (2 * vectorWidth) * 2 * vectorWidth
        return roundUp(m, GEMMBlocking.mr) * (full + (n > full ? panelWidth(remaining: n - full) : 0))
    }
}

/// C = A·B (or C += A·B when `accumulate`), with C row-major `m×n` and leading dimension `ldc`.
///
/// The work is split over `Engine.threadCount` threads when it is worth more than about a megaflop, but for a
/// product at most four deep, which runs row by row on one thread (it is bound by writing C, not by
/// arithmetic). The split never changes the order of the additions that make one element, so every thread
/// count gives the same bytes. `kernel` and `readInPlace` are for tests; products use the build's own kernel,
/// and read operands in place where packing would not pay (false packs every panel: the same bytes, more
/// slowly; a product at most four deep reads them in place either way).
func gemm(m: Int, n: Int, k: Int, a: MatrixView, b: MatrixView, c: UnsafeMutablePointer<Float>, ldc: Int,
          accumulate: Bool, epilogue: Epilogue? = nil, threads: Int? = nil, kernel: GEMMKernel = .native,
          readInPlace: Bool = true) {
    precondition(epilogue == nil || !accumulate, "gemm: an epilogue needs a product that overwrites C")
    if m == 0 || n == 0 { return }
    let wholeC = OutputTile(origin: c, rowStride: ldc, columnStride: 1, rows: m, columns: n)
    if k == 0 {
        if !accumulate { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
        epilogue?.apply(to: wholeC, rows: 0..<m, columns: 0..<n)
        return
    }
    if k <= shallowDepth {
        guard let epilogue else {
            shallowProduct(kernel, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate)
            return
        }
        // In blocks of rows, so that each block is still in cache when the epilogue reads it; whole up to
        // 64 KB (a first layer's [300, 32]), since each block pays the kernel's setup again.
        let blockRows = m * n <= 16_384 ? m : GEMMBlocking.mc
        for first in stride(from: 0, to: m, by: blockRows) {
            let rows = first..<min(m, first + blockRows)
            var block = a
            block.base += first * a.rowStride
            shallowProduct(kernel, m: rows.count, n: n, k: k, a: block, b: b, c: c + first * ldc, ldc: ldc, accumulate: false)
            epilogue.apply(to: wholeC, rows: rows, columns: 0..<n)
        }
        return
    }
    // A narrow product (ten outputs of a linear layer) wastes fewer lanes as its transpose, Cᵀ = Bᵀ·Aᵀ:
    // the same products summed in the same order, with C written through swapped strides. But that route
    // reads A as its B, and a row-major A must then be transposed into panels, while the direct route reads
    // A in place. Transposing (in 16×16 blocks in registers) pays while A is small (a layer's three or ten
    // outputs at a batch of 64 or 300: a third to a half faster); for a large A (an evaluation batch of
    // 10,000) it costs as much as the multiply-adds it saves.
    let transposeIsCostly = a.rowStride != 1 && kernel.readsAInPlace(columns: n) && m * k > GEMMBlocking.smallTranspose
    if kernel.paddedArea(m: n, n: m) < kernel.paddedArea(m: m, n: n) && !transposeIsCostly {
        gemmSplit(m: n, n: m, k: k, a: b.transposed, b: a.transposed,
                  c: OutputTile(origin: c, rowStride: 1, columnStride: ldc, rows: n, columns: m), accumulate: accumulate,
                  epilogue: epilogue.map { var transposed = $0; transposed.computesTranspose = true; return transposed },
                  threads: threads ?? Engine.threadCount, kernel: kernel, readInPlace: readInPlace)
    } else {
        gemmSplit(m: m, n: n, k: k, a: a, b: b, c: wholeC, accumulate: accumulate,
                  epilogue: epilogue, threads: threads ?? Engine.threadCount, kernel: kernel, readInPlace: readInPlace)
    }
}

/// Splits the product over two threads at a tile boundary of its larger side when it is big enough; each
/// thread packs its own panels.
private func gemmSplit(m: Int, n: Int, k: Int, a: MatrixView, b: MatrixView, c: OutputTile, accumulate: Bool,
                       epilogue: Epilogue?, threads: Int, kernel: GEMMKernel, readInPlace: Bool) {
    let (mr, nr) = (GEMMBlocking.mr, 2 * kernel.vectorWidth)
    let flops = 2.0 * Double(m) * Double(n) * Double(k)
    func block(_ rows: Range<Int>, _ columns: Range<Int>) {
        gemmBlock(kernel, rows: rows, columns: columns, k: k, a: a, b: b, c: c, accumulate: accumulate, epilogue: epilogue,
                  readInPlace: readInPlace)
    }
    if threads > 1, flops >= Engine.parallelThreshold, m > mr || n > nr {
        if n >= m {
            let half = min(n, roundUp((n + 1) / 2, nr))
            if Parallel.run(worker: { block(0..<m, half..<n) }, caller: { block(0..<m, 0..<half) }) { return }
        } else {
            let half = min(m, roundUp((m + 1) / 2, mr))
            if Parallel.run(worker: { block(half..<m, 0..<n) }, caller: { block(0..<half, 0..<n) }) { return }
        }
    }
    block(0..<m, 0..<n)
}

@inline(__always) func roundUp(_ value: Int, _ multiple: Int) -> Int { (value + multiple - 1) / multiple * multiple }

/// One thread's share of the GEMM: the GotoBLAS loop nest around the micro-kernels.
///
/// `epilogue` is applied to each block of rows (up to `GEMMBlocking.mc`) once its last block of k is done.
func gemmBlock(_ kernel: GEMMKernel, rows: Range<Int>, columns: Range<Int>, k: Int, a: MatrixView, b: MatrixView,
               c: OutputTile, accumulate: Bool, epilogue: Epilogue? = nil, readInPlace: Bool = true) {
    typealias B = GEMMBlocking
    let (packedA, packedB) = ThreadContext.withCurrent {
        ($0.packA.reserve(B.mc * B.kc), $0.packB.reserve(B.kc * roundUp(min(B.nc, columns.count), 2 * kernel.vectorWidth)))
    }
    let fullWidth = 2 * kernel.vectorWidth
    var jc = columns.lowerBound
    while jc < columns.upperBound {
        let nc = min(B.nc, columns.upperBound - jc)
        var pc = 0
        // Columns before `directColumns` are read from B in place; the rest (all, or a ragged edge) are packed.
        let directB = readInPlace && b.columnStride == 1 && (rows.count <= B.directBRows || b.rowStride <= B.directBRowStride)
        let directColumns = directB ? nc / fullWidth * fullWidth : 0
        // A read in place includes a ragged last panel of fewer than six rows (`PanelOfA` repeats its last row).
        let directA = readInPlace && kernel.readsAInPlace(columns: nc)
        while pc < k {
            let kc = min(B.kc, k - pc)
            packPanelsOfB(b, firstRow: pc, rowCount: kc, firstColumn: jc + directColumns, columnCount: nc - directColumns,
                          kernel: kernel, into: packedB)
            let addToC = accumulate || pc > 0
            var ic = rows.lowerBound
            while ic < rows.upperBound {
                let mc = min(B.mc, rows.upperBound - ic)
                let directRows = directA ? mc : 0
                packPanelsOfA(a, firstRow: ic + directRows, rowCount: mc - directRows, firstColumn: pc, columnCount: kc,
                              into: packedA + directRows * kc)
                var jr = 0
                while jr < nc {
                    let width = kernel.panelWidth(remaining: nc - jr)
                    var ir = 0
                    while ir < mc {
                        var tile = c
                        tile.origin += (ic + ir) * c.rowStride + (jc + jr) * c.columnStride
                        tile.rows = min(B.mr, mc - ir)
                        tile.columns = min(width, nc - jr)
                        let panelA = ir < directRows
                            ? PanelOfA(base: a.base + (ic + ir) * a.rowStride + pc * a.columnStride, rowStride: a.rowStride,
                                       depthStride: a.columnStride, rows: min(B.mr, mc - ir))
                            : PanelOfA.packed(packedA + ir * kc)
                        if width == kernel.vectorWidth && ir + 2 * B.mr <= mc {
                            // Two full panels of rows through the twelve-row narrow kernel (same bytes, no waiting).
                            // A is read in place for all of this block's rows or for none, so the lower panel is
                            // six rows of A or one packed panel further on. A narrow panel is the last one, past
                            // the columns of B read in place: B is packed.
                            assert(jr >= directColumns, "a narrow panel of B read in place")
                            var lower = tile
                            lower.origin += B.mr * c.rowStride
                            runNarrowPair(kernel, kc: kc, a: panelA, lowerPanel: B.mr * (ir < directRows ? a.rowStride : kc),
                                          b: packedB + (jr - directColumns) * kc, bStride: width, c: tile, lower: lower,
                                          accumulate: addToC)
                            ir += 2 * B.mr
                            continue
                        }
                        if jr < directColumns {
                            runTile(kernel, panelWidth: width, kc: kc, a: panelA, b: b.base + pc * b.rowStride + jc + jr,
                                    bStride: b.rowStride, c: tile, accumulate: addToC)
                        } else {
                            runTile(kernel, panelWidth: width, kc: kc, a: panelA, b: packedB + (jr - directColumns) * kc,
                                    bStride: width, c: tile, accumulate: addToC)
                        }
                        ir += B.mr
                    }
                    jr += width
                }
                if let epilogue, pc + kc == k { epilogue.apply(to: c, rows: ic..<(ic + mc), columns: jc..<(jc + nc)) }
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
        if a.columnStride == 1 && height == mr {
            // Six read streams and one contiguous write stream: a 256×256 product went from 219 to 250 GFLOPS
            // over writing one row at a time (strided stores).
            let (r0, r1, r2) = (origin, origin + a.rowStride, origin + 2 * a.rowStride)
            let (r3, r4, r5) = (origin + 3 * a.rowStride, origin + 4 * a.rowStride, origin + 5 * a.rowStride)
            for p in 0..<kc {
                let target = panel + p * mr
                target[0] = r0[p]; target[1] = r1[p]; target[2] = r2[p]
                target[3] = r3[p]; target[4] = r4[p]; target[5] = r5[p]
            }
        } else if a.columnStride == 1 {
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

/// Copies columns of B into panels of two vectors' width (one at a narrow edge), each stored row by row,
/// zero-padded.
func packPanelsOfB(_ b: MatrixView, firstRow: Int, rowCount kc: Int, firstColumn: Int, columnCount: Int,
                   kernel: GEMMKernel, into destination: UnsafeMutablePointer<Float>) {
    var jr = 0
    while jr < columnCount {
        let nr = kernel.panelWidth(remaining: columnCount - jr)
        let panel = destination + jr * kc
        let width = min(nr, columnCount - jr)
        let origin = b.base + firstRow * b.rowStride + (firstColumn + jr) * b.columnStride
        if b.columnStride == 1 && width == nr {
            for p in 0..<kc {
                let (source, target) = (UnsafeRawPointer(origin + p * b.rowStride), UnsafeMutableRawPointer(panel + p * nr))
                for offset in stride(from: 0, to: nr * 4, by: 32) {
                    target.storeBytes(of: source.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self), toByteOffset: offset, as: SIMD8<Float>.self)
                }
            }
        } else {
            if width < nr { panel.update(repeating: 0, count: nr * kc) }
            if b.columnStride == 1 {
                for p in 0..<kc {
                    let source = origin + p * b.rowStride
                    for j in 0..<width { panel[p * nr + j] = source[j] }
                }
            } else {
                // B read transposed: one panel row gathers a value from each of `width` source rows. Whole
                // blocks of 16 source rows by 16 values are transposed in registers; the rest is gathered
                // value by value, k outermost, so the panel is written contiguously while the source lines
                // stay in L1 from one k to the next.
                var p = 0
                if b.rowStride == 1 && width >= 16 {
                    while p + 16 <= kc {
                        var j = 0
                        while j + 16 <= width {
                            transpose16(origin + p + j * b.columnStride, rowStride: b.columnStride, into: panel + p * nr + j, rowStride: nr)
                            j += 16
                        }
                        for q in p..<(p + 16) {
                            let (source, target) = (origin + q, panel + q * nr)
                            for column in j..<width { target[column] = source[column * b.columnStride] }
                        }
                        p += 16
                    }
                }
                while p < kc {
                    let (source, target) = (origin + p * b.rowStride, panel + p * nr)
                    for j in 0..<width { target[j] = source[j * b.columnStride] }
                    p += 1
                }
            }
        }
        jr += nr
    }
}

/// Writes the transpose of the 16×16 block at `source` (rows `rowStride` apart) to `target` (rows
/// `targetStride` apart).
///
/// Four rounds of splitting the block's 256 values into their even and odd halves move each value from
/// position (i, j) to (j, i): each round moves the lowest bit of the position's index to the top, and
/// four rounds turn i·16 + j into j·16 + i. Each round is sixteen two-register shuffles.
@inline(__always)
func transpose16(_ source: UnsafePointer<Float>, rowStride: Int, into target: UnsafeMutablePointer<Float>, rowStride targetStride: Int) {
    func row(_ i: Int) -> SIMD16<Float> { UnsafeRawPointer(source + i * rowStride).loadUnaligned(as: SIMD16<Float>.self) }
    var v = (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7),
             row(8), row(9), row(10), row(11), row(12), row(13), row(14), row(15))
    for _ in 0..<4 {
        let pairs = (SIMD32(lowHalf: v.0, highHalf: v.1), SIMD32(lowHalf: v.2, highHalf: v.3),
                     SIMD32(lowHalf: v.4, highHalf: v.5), SIMD32(lowHalf: v.6, highHalf: v.7),
                     SIMD32(lowHalf: v.8, highHalf: v.9), SIMD32(lowHalf: v.10, highHalf: v.11),
                     SIMD32(lowHalf: v.12, highHalf: v.13), SIMD32(lowHalf: v.14, highHalf: v.15))
        v = (pairs.0.evenHalf, pairs.1.evenHalf, pairs.2.evenHalf, pairs.3.evenHalf,
             pairs.4.evenHalf, pairs.5.evenHalf, pairs.6.evenHalf, pairs.7.evenHalf,
             pairs.0.oddHalf, pairs.1.oddHalf, pairs.2.oddHalf, pairs.3.oddHalf,
             pairs.4.oddHalf, pairs.5.oddHalf, pairs.6.oddHalf, pairs.7.oddHalf)
    }
    func put(_ i: Int, _ values: SIMD16<Float>) {
        UnsafeMutableRawPointer(target + i * targetStride).storeBytes(of: values, as: SIMD16<Float>.self)
    }
    put(0, v.0); put(1, v.1); put(2, v.2); put(3, v.3); put(4, v.4); put(5, v.5); put(6, v.6); put(7, v.7)
    put(8, v.8); put(9, v.9); put(10, v.10); put(11, v.11); put(12, v.12); put(13, v.13); put(14, v.14); put(15, v.15)
}
