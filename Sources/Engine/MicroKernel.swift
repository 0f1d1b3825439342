/// The GEMM's inner kernel: a 6×16 tile of C held in twelve `SIMD8<Float>` registers.
///
/// Each step of k broadcasts one value of A per row and multiplies it into two 8-wide vectors of B with
/// `addingProduct`, which compiles to one `vfmadd231ps` only when a CPU target with FMA is set (`c + a * b`
/// is never fused). Twelve accumulators, two B vectors and one broadcast use 15 of the 16 AVX2 registers.
/// Partial tiles at the edges run the same full-width arithmetic and store only the valid part, so an
/// element's value never depends on where the tile boundaries fall.
@inline(__always)
func microKernel6x16(kc: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
                     ldc: Int, rows: Int, columns: Int, accumulate: Bool) {
    var c00 = SIMD8<Float>(), c01 = SIMD8<Float>()
    var c10 = SIMD8<Float>(), c11 = SIMD8<Float>()
    var c20 = SIMD8<Float>(), c21 = SIMD8<Float>()
    var c30 = SIMD8<Float>(), c31 = SIMD8<Float>()
    var c40 = SIMD8<Float>(), c41 = SIMD8<Float>()
    var c50 = SIMD8<Float>(), c51 = SIMD8<Float>()
    var pa = a
    var pb = UnsafeRawPointer(b)
    for _ in 0..<kc {
        let b0 = pb.load(as: SIMD8<Float>.self)
        let b1 = pb.load(fromByteOffset: 32, as: SIMD8<Float>.self)
        let a0 = SIMD8<Float>(repeating: pa[0])
        c00 = c00.addingProduct(a0, b0)
        c01 = c01.addingProduct(a0, b1)
        let a1 = SIMD8<Float>(repeating: pa[1])
        c10 = c10.addingProduct(a1, b0)
        c11 = c11.addingProduct(a1, b1)
        let a2 = SIMD8<Float>(repeating: pa[2])
        c20 = c20.addingProduct(a2, b0)
        c21 = c21.addingProduct(a2, b1)
        let a3 = SIMD8<Float>(repeating: pa[3])
        c30 = c30.addingProduct(a3, b0)
        c31 = c31.addingProduct(a3, b1)
        let a4 = SIMD8<Float>(repeating: pa[4])
        c40 = c40.addingProduct(a4, b0)
        c41 = c41.addingProduct(a4, b1)
        let a5 = SIMD8<Float>(repeating: pa[5])
        c50 = c50.addingProduct(a5, b0)
        c51 = c51.addingProduct(a5, b1)
        pa += 6
        pb += 64
    }
    if rows == 6 && columns == 16 {
        store(c00, c01, to: c + 0 * ldc, accumulate: accumulate)
        store(c10, c11, to: c + 1 * ldc, accumulate: accumulate)
        store(c20, c21, to: c + 2 * ldc, accumulate: accumulate)
        store(c30, c31, to: c + 3 * ldc, accumulate: accumulate)
        store(c40, c41, to: c + 4 * ldc, accumulate: accumulate)
        store(c50, c51, to: c + 5 * ldc, accumulate: accumulate)
        return
    }
    withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: 12) { tile in
        tile[0] = c00; tile[1] = c01
        tile[2] = c10; tile[3] = c11
        tile[4] = c20; tile[5] = c21
        tile[6] = c30; tile[7] = c31
        tile[8] = c40; tile[9] = c41
        tile[10] = c50; tile[11] = c51
        let values = UnsafeRawPointer(tile.baseAddress!).assumingMemoryBound(to: Float.self)
        for r in 0..<rows {
            let row = c + r * ldc
            if accumulate {
                for j in 0..<columns { row[j] += values[r * 16 + j] }
            } else {
                for j in 0..<columns { row[j] = values[r * 16 + j] }
            }
        }
    }
}

@inline(__always)
private func store(_ low: SIMD8<Float>, _ high: SIMD8<Float>, to row: UnsafeMutablePointer<Float>, accumulate: Bool) {
    let raw = UnsafeMutableRawPointer(row)
    if accumulate {
        raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<Float>.self) + low, as: SIMD8<Float>.self)
        raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self) + high, toByteOffset: 32, as: SIMD8<Float>.self)
    } else {
        raw.storeBytes(of: low, as: SIMD8<Float>.self)
        raw.storeBytes(of: high, toByteOffset: 32, as: SIMD8<Float>.self)
    }
}
