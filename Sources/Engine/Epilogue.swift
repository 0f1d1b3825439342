// What a product does to its finished values before they leave the cache: a linear layer's bias and, for a
// linear layer followed by ReLU, the clamp at zero.
//
// As separate passes, each of these read and wrote a whole [300, 32] output (38 KB) back from L2 after the
// product had pushed it out of L1: half a microsecond each in the tiny MLP of Benchmarks/README.md. The GEMM
// applies them to each block of rows as soon as the block's last multiply-add is done. The arithmetic is the
// passes' own (the product, then + bias, then the clamp), so the bytes are the same.

/// A bias per column of C and an optional ReLU, applied by `gemm` to C's finished values.
struct Epilogue {
    /// One value per column of C, added to every row; nil for none. The caller keeps its tensor alive.
    var bias: UnsafePointer<Float>?
    /// Whether each value v then becomes v > 0 ? v : 0 (NaN and −0 become 0, as `relu()` makes them).
    var relu: Bool
    /// Set by `gemm` when it computes Cᵀ (its narrow route): then the rows it works on are C's columns. Not
    /// told by the strides, which are both 1 when C is a single column.
    var computesTranspose = false

    /// Applies to the block of rows `rows` and columns `columns` of the product written through `c`, in the
    /// product's own coordinates.
    func apply(to c: OutputTile, rows: Range<Int>, columns: Range<Int>) {
        let (outRows, outColumns) = computesTranspose ? (columns, rows) : (rows, columns)
        let ldc = computesTranspose ? c.columnStride : c.rowStride
        if outColumns == 0..<ldc {
            // Whole rows of C: one contiguous run.
            apply(toRowsOf: c.origin + outRows.lowerBound * ldc, width: ldc, count: outRows.count * ldc)
        } else {
            for r in outRows { apply(toRowsOf: c.origin + r * ldc + outColumns.lowerBound, width: outColumns.count,
                                     count: outColumns.count, biasOffset: outColumns.lowerBound) }
        }
    }

    /// Applies to `count` values (whole rows of `width`) at `target`; the rows' first column is column
    /// `biasOffset` of C.
    private func apply(toRowsOf target: UnsafeMutablePointer<Float>, width: Int, count: Int, biasOffset: Int = 0) {
        if let bias, relu, width >= 8 {
            // Both in one pass over the block, eight columns at a time: (v + bias) > 0 ? v + bias : 0.
            let (row, vectorWidth) = (bias + biasOffset, width / 8 * 8)
            for start in stride(from: 0, to: count, by: width) {
                let out = target + start
                var j = 0
                while j < vectorWidth {
                    let v = load8(out + j) + load8(row + j)
                    store8(v.replacing(with: 0, where: .!(v .> 0)), out + j)
                    j += 8
                }
                while j < width { let v = out[j] + row[j]; out[j] = v > 0 ? v : 0; j += 1 }
            }
            return
        }
        if let bias { addRow(bias + biasOffset, width: width, to: target, count: count) }
        if relu { clampAtZero(target, count: count) }
    }
}

/// Adds `row` (`width` values) to each of the rows that fill the `count` values at `target`, as
/// `target[i] += row[i % width]` one row after another.
///
/// Eight columns at a time with explicit vectors: a broadcast loop reading and writing the same storage paid
/// its per-row setup and alias checks on every row of 32 (about 1.8 instructions per element) and ran a
/// 3-wide output layer's rows one value at a time. A row narrower than a vector is added repeated to whole
/// vectors: repeated end to end, it realigns with the vectors every `width` vectors.
func addRow(_ row: UnsafePointer<Float>, width: Int, to target: UnsafeMutablePointer<Float>, count: Int) {
    guard width > 0 else { return }
    if width < 8 && count >= 8 * width {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 8 * width) { pattern in
            for i in 0..<(8 * width) { pattern[i] = row[i % width] }
            let repeated = UnsafePointer(pattern.baseAddress!)
            var i = 0
            while i + 8 * width <= count {
                for v in 0..<width { store8(load8(target + i + 8 * v) + load8(repeated + 8 * v), target + i + 8 * v) }
                i += 8 * width
            }
            while i < count { target[i] += row[i % width]; i += 1 }
        }
        return
    }
    let vectorWidth = width / 8 * 8
    for start in stride(from: 0, to: count, by: width) {
        let out = target + start
        var j = 0
        while j < vectorWidth { store8(load8(out + j) + load8(row + j), out + j); j += 8 }
        while j < width { out[j] += row[j]; j += 1 }
    }
}

/// v > 0 ? v : 0 for `count` values at `source`, written to `target` (which may be `source`).
func clampAtZero(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
        let v = load8(source + i)
        store8(v.replacing(with: 0, where: .!(v .> 0)), target + i)
        i += 8
    }
    while i < count { target[i] = source[i] > 0 ? source[i] : 0; i += 1 }
}

/// `clampAtZero` in place.
func clampAtZero(_ values: UnsafeMutablePointer<Float>, count: Int) { clampAtZero(values, into: values, count: count) }

/// ReLU's backward: `gradient[i]` where `output[i]` > 0, else 0, written to `target` (which may be `gradient`).
func maskByPositive(_ gradient: UnsafePointer<Float>, where output: UnsafePointer<Float>,
                    into target: UnsafeMutablePointer<Float>, count: Int) {
    var i = 0
    while i + 8 <= count {
        store8(load8(gradient + i).replacing(with: 0, where: .!(load8(output + i) .> 0)), target + i)
        i += 8
    }
    while i < count { target[i] = output[i] > 0 ? gradient[i] : 0; i += 1 }
}

/// ReLU's backward written over `gradient` ([rows, width]) as `maskByPositive` does, and the column sums of
/// the result into `sums` (a linear layer's bias gradient), in the one pass: each column is summed from zero
/// down the rows in order, as `sum(axis: 0)` sums two or more columns, so the bytes are the same. (A single
/// column it sums in Double lanes instead: not for this function.) A separate sum read the whole gradient
/// back a second time.
func maskInPlaceSummingColumns(_ gradient: UnsafeMutablePointer<Float>, where output: UnsafePointer<Float>, rows: Int, width: Int,
                        sums: UnsafeMutablePointer<Float>) {
    @inline(__always) func masked(_ at: Int) -> SIMD8<Float> {
        let value = load8(gradient + at).replacing(with: 0, where: .!(load8(output + at) .> 0))
        store8(value, gradient + at)
        return value
    }
    var c = 0
    while c + 32 <= width {
        var (s0, s1, s2, s3) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        for r in 0..<rows {
            let at = r &* width &+ c
            s0 += masked(at); s1 += masked(at &+ 8); s2 += masked(at &+ 16); s3 += masked(at &+ 24)
        }
        store8(s0, sums + c); store8(s1, sums + c + 8); store8(s2, sums + c + 16); store8(s3, sums + c + 24)
        c += 32
    }
    while c + 8 <= width {
        var total = SIMD8<Float>()
        for r in 0..<rows { total += masked(r &* width &+ c) }
        store8(total, sums + c)
        c += 8
    }
    while c < width {
        var total: Float = 0
        for r in 0..<rows {
            let at = r &* width &+ c
            let value = output[at] > 0 ? gradient[at] : 0
            gradient[at] = value
            total += value
        }
        sums[c] = total
        c += 1
    }
}
