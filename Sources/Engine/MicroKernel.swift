/// Runs one tile of C with `kernel`'s vector type, one vector wide when the B panel is (a narrow edge).
///
/// The generic kernels are specialized here, in their own file, because a debug build compiles file by file
/// and cannot specialize a generic function whose body is in another file (it ran 2,000× slower).
@inline(__always)
func runTile(_ kernel: GEMMKernel, panelWidth: Int, kc: Int, a: PanelOfA, b: UnsafePointer<Float>,
             bStride: Int, c: OutputTile, accumulate: Bool) {
    if c.rows <= 3 && panelWidth != kernel.vectorWidth {
        switch kernel {
        case .simd8: microKernel6x2(SIMD8<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, accumulate: accumulate, threeRows: true)
        case .simd16: microKernel6x2(SIMD16<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, accumulate: accumulate, threeRows: true)
        }
        return
    }
    switch (kernel, panelWidth == kernel.vectorWidth) {
    case (.simd8, false): microKernel6x2(SIMD8<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, accumulate: accumulate)
    case (.simd8, true): microKernel6x1(SIMD8<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, accumulate: accumulate)
    case (.simd16, false): microKernel6x2(SIMD16<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, accumulate: accumulate)
    case (.simd16, true): microKernel6x1(SIMD16<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, accumulate: accumulate)
    }
}

/// Runs two tiles of C one above the other (twelve rows) with the narrow kernel, one vector wide.
@inline(__always)
func runNarrowPair(_ kernel: GEMMKernel, kc: Int, a: PanelOfA, lowerPanel: Int, b: UnsafePointer<Float>, bStride: Int,
                   c: OutputTile, lower: OutputTile, accumulate: Bool) {
    switch kernel {
    case .simd8: microKernel6x1(SIMD8<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, lower: (lowerPanel, lower), accumulate: accumulate)
    case .simd16: microKernel6x1(SIMD16<Float>.self, kc: kc, a: a, b: b, bStride: bStride, c: c, lower: (lowerPanel, lower), accumulate: accumulate)
    }
}

/// C = A·B (or C += A·B when `accumulate`) for a product only `k` ≤ `shallowDepth` deep, such as a
/// first layer's two inputs or a gradient through a 3-class output.
///
/// The tiled GEMM spends such a product on its tiles' setup and stores (twelve vector stores for two
/// multiply-adds per row); here B's k rows stay in registers, two vectors wide, and A is read row by row.
/// Each element is made as by the tiled kernels (from zero, one fused multiply-add per k, then stored or
/// added to C), so the bytes are the same.
func shallowProduct(_ kernel: GEMMKernel, m: Int, n: Int, k: Int, a: MatrixView, b: MatrixView,
                    c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
    switch kernel {
    case .simd8: shallowKernel(SIMD8<Float>.self, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate)
    case .simd16: shallowKernel(SIMD16<Float>.self, m: m, n: n, k: k, a: a, b: b, c: c, ldc: ldc, accumulate: accumulate)
    }
}

/// The deepest product `shallowProduct` takes: its B rows fill eight vector registers.
let shallowDepth = 4

@inline(__always)
private func shallowKernel<V: SIMD>(_: V.Type, m: Int, n: Int, k: Int, a: MatrixView, b: MatrixView,
                                    c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) where V.Scalar == Float {
    precondition(k >= 1 && k <= shallowDepth, "shallowProduct: depth \(k) is outside 1…\(shallowDepth)")
    let w = V.scalarCount
    var j = 0
    while j < n {
        let columns = min(2 * w, n - j)
        // Row p of B across this panel's columns, zero past the last column and for p ≥ k.
        func rowOfB(_ p: Int) -> (V, V) {
            var (low, high) = (V(), V())
            guard p < k else { return (low, high) }
            let start = b.base + p * b.rowStride + j * b.columnStride
            for q in 0..<columns {
                if q < w { low[q] = start[q * b.columnStride] } else { high[q - w] = start[q * b.columnStride] }
            }
            return (low, high)
        }
        let (b0, b1, b2, b3) = (rowOfB(0), rowOfB(1), rowOfB(2), rowOfB(3))
        let panel = (b0.0, b0.1, b1.0, b1.1, b2.0, b2.1, b3.0, b3.1)
        let target = c + j
        // One copy of the row loop per depth, so that it has no test of k inside.
        switch k {
        case 1: shallowRows(depth: 1, m: m, a: a, panel: panel, c: target, ldc: ldc, columns: columns, accumulate: accumulate)
        case 2: shallowRows(depth: 2, m: m, a: a, panel: panel, c: target, ldc: ldc, columns: columns, accumulate: accumulate)
        case 3: shallowRows(depth: 3, m: m, a: a, panel: panel, c: target, ldc: ldc, columns: columns, accumulate: accumulate)
        default: shallowRows(depth: 4, m: m, a: a, panel: panel, c: target, ldc: ldc, columns: columns, accumulate: accumulate)
        }
        j += 2 * w
    }
}

/// The rows of one panel of a shallow product: row i of C = Σₚ A[i, p]·(row p of B), in p order.
@inline(__always)
private func shallowRows<V: SIMD>(depth: Int, m: Int, a: MatrixView, panel: (V, V, V, V, V, V, V, V),
                                  c: UnsafeMutablePointer<Float>, ldc: Int, columns: Int, accumulate: Bool) where V.Scalar == Float {
    let w = V.scalarCount
    let (rowStride, columnStride) = (a.rowStride, a.columnStride)
    var row = a.base
    var target = c
    for _ in 0..<m {
        var x = V(repeating: row[0])
        var (low, high) = (V().addingProduct(x, panel.0), V().addingProduct(x, panel.1))
        if depth > 1 {
            x = V(repeating: row[columnStride])
            (low, high) = (low.addingProduct(x, panel.2), high.addingProduct(x, panel.3))
        }
        if depth > 2 {
            x = V(repeating: row[2 &* columnStride])
            (low, high) = (low.addingProduct(x, panel.4), high.addingProduct(x, panel.5))
        }
        if depth > 3 {
            x = V(repeating: row[3 &* columnStride])
            (low, high) = (low.addingProduct(x, panel.6), high.addingProduct(x, panel.7))
        }
        if columns == 2 * w {
            store(low, high, to: target, accumulate: accumulate)
        } else {
            for q in 0..<columns {
                let value = q < w ? low[q] : high[q - w]
                target[q] = accumulate ? target[q] + value : value
            }
        }
        row += rowStride
        target += ldc
    }
}

/// Where a kernel reads its six rows of A: a packed panel (six values per k, side by side), or A itself in
/// place, through its strides. Only the addresses differ; the kernel does the same arithmetic either way.
struct PanelOfA {
    /// Row 0's value at k = 0.
    var base: UnsafePointer<Float>
    /// Distance in elements from one k to the next.
    var depthStride: Int
    /// Where rows 1…5 start, from row 0. A panel of A read in place with fewer than six rows left repeats its
    /// last row: the kernel computes the repeats but never stores them, and no row is read out of bounds, so
    /// the last rows of a product need no packing and zero padding.
    var offsets: (Int, Int, Int, Int, Int)

    /// Rows `rows` (1…6) of A starting at `base`, `rowStride` apart.
    @inline(__always) init(base: UnsafePointer<Float>, rowStride: Int, depthStride: Int, rows: Int = GEMMBlocking.mr) {
        self.base = base
        self.depthStride = depthStride
        let last = rows - 1
        offsets = (Swift.min(1, last) * rowStride, Swift.min(2, last) * rowStride, Swift.min(3, last) * rowStride,
                   Swift.min(4, last) * rowStride, Swift.min(5, last) * rowStride)
    }

    /// A packed panel: row r at k is `base[k * 6 + r]`.
    @inline(__always) static func packed(_ base: UnsafePointer<Float>) -> PanelOfA {
        PanelOfA(base: base, rowStride: 1, depthStride: GEMMBlocking.mr)
    }
}

/// The GEMM's inner kernels: a tile of C, 6 rows high, held in registers as one or two SIMD vectors per row.
///
/// `V` is `SIMD8<Float>` for AVX2 (a 6×16 tile in twelve registers: with two B vectors and one broadcast, 15
/// of the 16 AVX2 registers) or `SIMD16<Float>` for AVX-512 (a 6×32 tile). Each step of k broadcasts one value
/// of A per row and multiplies it into the row's B vectors with `addingProduct`, which compiles to one
/// `vfmadd231ps` only when a CPU target with FMA is set (`c + a * b` is never fused).
///
/// A is read through `PanelOfA`'s strides and B `bStride` floats apart per k: packed panels, or the matrices
/// themselves when the GEMM reads them in place.
///
/// Every kernel makes an element the same way: start from zero, one fused multiply-add per k in order, then
/// store or add to C. So the vector width, the tile a column falls in, and the thread that runs it never
/// change a result's bytes. Partial tiles run the same full-width arithmetic and store only the valid part.
///
/// With `threeRows` it computes only the first three rows, for a tile with at most three rows inside C (a
/// weight gradient's 32 = 5·6 + 2 rows): the other three would only be computed to be thrown away.
@inline(__always)
func microKernel6x2<V: SIMD>(_: V.Type, kc: Int, a: PanelOfA, b: UnsafePointer<Float>, bStride: Int,
                             c: OutputTile, accumulate: Bool, threeRows: Bool = false) where V.Scalar == Float {
    var c00 = V(), c01 = V()
    var c10 = V(), c11 = V()
    var c20 = V(), c21 = V()
    var c30 = V(), c31 = V()
    var c40 = V(), c41 = V()
    var c50 = V(), c51 = V()
    let width = MemoryLayout<V>.stride
    let (o1, o2, o3, o4, o5) = a.offsets
    var pa = a.base
    var pb = UnsafeRawPointer(b)
    for _ in 0..<kc {
        let b0 = pb.loadUnaligned(as: V.self)
        let b1 = pb.loadUnaligned(fromByteOffset: width, as: V.self)
        let a0 = V(repeating: pa[0])
        c00 = c00.addingProduct(a0, b0)
        c01 = c01.addingProduct(a0, b1)
        let a1 = V(repeating: pa[o1])
        c10 = c10.addingProduct(a1, b0)
        c11 = c11.addingProduct(a1, b1)
        let a2 = V(repeating: pa[o2])
        c20 = c20.addingProduct(a2, b0)
        c21 = c21.addingProduct(a2, b1)
        if !threeRows {
            let a3 = V(repeating: pa[o3])
            c30 = c30.addingProduct(a3, b0)
            c31 = c31.addingProduct(a3, b1)
            let a4 = V(repeating: pa[o4])
            c40 = c40.addingProduct(a4, b0)
            c41 = c41.addingProduct(a4, b1)
            let a5 = V(repeating: pa[o5])
            c50 = c50.addingProduct(a5, b0)
            c51 = c51.addingProduct(a5, b1)
        }
        pa += a.depthStride
        pb += bStride * 4
    }
    if !threeRows && c.isFull(rows: 6, columns: 2 * V.scalarCount) {
        store(c00, c01, to: c.row(0), accumulate: accumulate)
        store(c10, c11, to: c.row(1), accumulate: accumulate)
        store(c20, c21, to: c.row(2), accumulate: accumulate)
        store(c30, c31, to: c.row(3), accumulate: accumulate)
        store(c40, c41, to: c.row(4), accumulate: accumulate)
        store(c50, c51, to: c.row(5), accumulate: accumulate)
        return
    }
    withUnsafeTemporaryAllocation(of: V.self, capacity: 12) { tile in
        tile[0] = c00; tile[1] = c01
        tile[2] = c10; tile[3] = c11
        tile[4] = c20; tile[5] = c21
        tile[6] = c30; tile[7] = c31
        tile[8] = c40; tile[9] = c41
        tile[10] = c50; tile[11] = c51
        c.storePart(of: UnsafeRawPointer(tile.baseAddress!).assumingMemoryBound(to: Float.self),
                    tileWidth: 2 * V.scalarCount, accumulate: accumulate)
    }
}

/// The narrow kernel: a 6-row tile one vector wide, for the last columns of a product when they fill at most
/// one vector (ten outputs, nine taps of a 3×3 kernel), so that they do not pay for a full two-vector tile.
///
/// With `lower`, it runs a second tile of six rows under the first, whose panel of A is laid out as the first
/// one `lower.panel` elements further on (the next six rows of A read in place, or the next packed panel).
/// Six accumulators of one vector each are six chains of dependent multiply-adds, and the kernel waits on
/// them (four cycles each, for six multiply-adds that take three): the output layer's [300, 32]·[32, 3]
/// product ran at a third of the wide kernels' speed. Twelve chains keep both multipliers busy. The lower
/// rows' elements are made exactly as the upper ones.
@inline(__always)
func microKernel6x1<V: SIMD>(_: V.Type, kc: Int, a: PanelOfA, b: UnsafePointer<Float>, bStride: Int,
                             c: OutputTile, lower: (panel: Int, c: OutputTile)? = nil, accumulate: Bool) where V.Scalar == Float {
    var c0 = V(), c1 = V(), c2 = V(), c3 = V(), c4 = V(), c5 = V()
    var d0 = V(), d1 = V(), d2 = V(), d3 = V(), d4 = V(), d5 = V()
    let (o1, o2, o3, o4, o5) = a.offsets
    let lowerPanel = lower?.panel ?? 0
    var pa = a.base
    var pb = UnsafeRawPointer(b)
    for _ in 0..<kc {
        let b0 = pb.loadUnaligned(as: V.self)
        c0 = c0.addingProduct(V(repeating: pa[0]), b0)
        c1 = c1.addingProduct(V(repeating: pa[o1]), b0)
        c2 = c2.addingProduct(V(repeating: pa[o2]), b0)
        c3 = c3.addingProduct(V(repeating: pa[o3]), b0)
        c4 = c4.addingProduct(V(repeating: pa[o4]), b0)
        c5 = c5.addingProduct(V(repeating: pa[o5]), b0)
        if lower != nil {
            let qa = pa + lowerPanel
            d0 = d0.addingProduct(V(repeating: qa[0]), b0)
            d1 = d1.addingProduct(V(repeating: qa[o1]), b0)
            d2 = d2.addingProduct(V(repeating: qa[o2]), b0)
            d3 = d3.addingProduct(V(repeating: qa[o3]), b0)
            d4 = d4.addingProduct(V(repeating: qa[o4]), b0)
            d5 = d5.addingProduct(V(repeating: qa[o5]), b0)
        }
        pa += a.depthStride
        pb += bStride * 4
    }
    withUnsafeTemporaryAllocation(of: V.self, capacity: 12) { tile in
        tile[0] = c0; tile[1] = c1; tile[2] = c2; tile[3] = c3; tile[4] = c4; tile[5] = c5
        tile[6] = d0; tile[7] = d1; tile[8] = d2; tile[9] = d3; tile[10] = d4; tile[11] = d5
        let values = UnsafeRawPointer(tile.baseAddress!).assumingMemoryBound(to: Float.self)
        c.storePart(of: values, tileWidth: V.scalarCount, accumulate: accumulate)
        lower?.c.storePart(of: values + 6 * V.scalarCount, tileWidth: V.scalarCount, accumulate: accumulate)
    }
}

/// Where a tile of C goes: its first element, C's strides (a column stride other than 1 when the GEMM solves
/// the transposed product), and how many of the tile's rows and columns lie inside C.
struct OutputTile {
    var origin: UnsafeMutablePointer<Float>
    var rowStride, columnStride: Int
    var rows, columns: Int

    @inline(__always) func isFull(rows fullRows: Int, columns fullColumns: Int) -> Bool {
        rows == fullRows && columns == fullColumns && columnStride == 1
    }

    @inline(__always) func row(_ r: Int) -> UnsafeMutablePointer<Float> { origin + r * rowStride }

    /// Stores (or adds) the valid part of a row-major tile `tileWidth` values wide.
    @inline(__always)
    func storePart(of values: UnsafePointer<Float>, tileWidth: Int, accumulate: Bool) {
        // Wrapping index arithmetic (the indices are within the tile): checked multiplications cost more than
        // the stores of the transposed route's narrow tiles, which go value by value.
        for r in 0..<rows {
            let (target, source) = (origin + r &* rowStride, values + r &* tileWidth)
            if accumulate {
                for j in 0..<columns { target[j &* columnStride] += source[j] }
            } else {
                for j in 0..<columns { target[j &* columnStride] = source[j] }
            }
        }
    }
}

@inline(__always)
private func store<V: SIMD>(_ low: V, _ high: V, to row: UnsafeMutablePointer<Float>, accumulate: Bool) where V.Scalar == Float {
    let raw = UnsafeMutableRawPointer(row)
    let width = MemoryLayout<V>.stride
    if accumulate {
        raw.storeBytes(of: raw.loadUnaligned(as: V.self) + low, as: V.self)
        raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: width, as: V.self) + high, toByteOffset: width, as: V.self)
    } else {
        raw.storeBytes(of: low, as: V.self)
        raw.storeBytes(of: high, toByteOffset: width, as: V.self)
    }
}
