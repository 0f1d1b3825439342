import TextPlot

/// An `ImageGrid` as SVG: each picture a crisp nearest-neighbour grid of square pixels, darker for higher
/// values (ink on paper, like the terminal's shades on a light background), its caption under it.
///
/// The pixels are quantized to 32 grays; each gray is one `<path>` whose rectangles are runs of equal
/// pixels in a row, so a 28×28 digit costs a few hundred short commands rather than 784 elements. A NaN
/// or infinite pixel is red. The pictures keep their own grays in both themes.
struct SVGImageGrid {
    let grid: ImageGrid
    let catalog: MessageCatalog

    static let width = 640.0
    /// The side a picture aims at, in CSS pixels.
    static let pictureSide = 112.0
    static let grays = 32

    func svg(idPrefix: String) -> String {
        var canvas = SVGCanvas(width: Self.width)
        canvas.title(catalog.text(grid.title))
        let pixels = grid.images.map(Self.pixelSize)
        let pictureWidth = zip(grid.images, pixels).map { Double($0.pixels.map(\.count).max() ?? 0) * $1 }.max() ?? 0
        let cell = max(pictureWidth, 80)
        let perRow = max(1, Int((canvas.width - 2 * SVGCanvas.margin + 16) / (cell + 16)))
        let all = grid.images.flatMap { $0.pixels.joined().filter(\.isFinite) }
        let captions = grid.images.map { catalog.text($0.caption) }
        for start in stride(from: 0, to: grid.images.count, by: perRow) {
            let top = canvas.bottom + 8
            var rowBottom = top
            for (offset, index) in (start..<min(start + perRow, grid.images.count)).enumerated() {
                let left = SVGCanvas.margin + Double(offset) * (cell + 16)
                let bottom = draw(grid.images[index], left: left, top: top, pixel: pixels[index], all: all, on: &canvas)
                let end = canvas.paragraph(captions[index], x: left, y: bottom + 14, maxWidth: cell, className: "caption")
                rowBottom = max(rowBottom, captions[index].isEmpty ? bottom : end - 12)
            }
            canvas.bottom = rowBottom
        }
        if grid.images.isEmpty { canvas.notes([catalog.text("no images")]) }
        return canvas.document(kind: "images", title: catalog.text(grid.title ?? "Images"), description: description(),
                               idPrefix: idPrefix)
    }

    /// The side of one pixel of `image`: whole CSS pixels, so that the grid stays crisp, as many as bring
    /// the picture near `pictureSide` (a 28×28 digit gets 4, a 3×3 filter 16).
    static func pixelSize(_ image: ImageGrid.Image) -> Double {
        let largest = max(image.pixels.count, image.pixels.map(\.count).max() ?? 0)
        return min(max((pictureSide / Double(max(largest, 1))).rounded(.down), 2), 16)
    }

    /// The range of values that maps to white … black for `image`.
    private func range(_ image: ImageGrid.Image, all: [Double]) -> (Double, Double) {
        switch grid.normalization {
        case .fixed(let range): return (range.lowerBound, range.upperBound)
        case .perImage:
            let finite = image.pixels.joined().filter(\.isFinite)
            return (finite.min() ?? 0, finite.max() ?? 1)
        case .shared: return (all.min() ?? 0, all.max() ?? 1)
        }
    }

    /// One picture with its frame; returns its bottom edge.
    private func draw(_ image: ImageGrid.Image, left: Double, top: Double, pixel: Double, all: [Double],
                      on canvas: inout SVGCanvas) -> Double {
        let (low, high) = range(image, all: all)
        let columns = image.pixels.map(\.count).max() ?? 0
        // Gray level per pixel (0 white … grays - 1 black), or -1 for a value that is not finite.
        let levels = image.pixels.map { row in
            (0..<columns).map { column -> Int in
                guard column < row.count else { return 0 }
                let value = row[column]
                guard value.isFinite else { return -1 }
                let ratio = (value - low) / (high - low)
                let t = high > low && ratio.isFinite ? min(max(ratio, 0), 1) : 0.5
                return Int((t * Double(Self.grays - 1)).rounded())
            }
        }
        var runs = [Int: String]()
        for (row, line) in levels.enumerated() {
            let y0 = n(top + Double(row) * pixel), y1 = n(top + Double(row + 1) * pixel)
            var start = 0
            while start < line.count {
                var end = start
                while end + 1 < line.count && line[end + 1] == line[start] { end += 1 }
                if line[start] != 0 {
                    runs[line[start], default: ""] += "M\(n(left + Double(start) * pixel)) \(y0)H\(n(left + Double(end + 1) * pixel))V\(y1)H\(n(left + Double(start) * pixel))Z"
                }
                start = end + 1
            }
        }
        let height = Double(image.pixels.count) * pixel
        canvas.open("image", "shape-rendering=\"crispEdges\"")
        canvas.rect(x: left, y: top, width: Double(columns) * pixel, height: height, className: "image-background",
                    "fill=\"#ffffff\" stroke=\"#999999\" stroke-width=\"0.5\"")
        for level in runs.keys.sorted() {
            let fill = level < 0 ? "#d00000" : Self.gray(level)
            canvas.path(runs[level]!, className: level < 0 ? "pixel-nonfinite" : "pixels", "fill=\"\(fill)\"")
        }
        canvas.close()
        return top + height
    }

    /// `#rrggbb` of gray level `level`: white at 0, black at the last.
    static func gray(_ level: Int) -> String {
        let value = 255 - level * 255 / (grays - 1)
        let hex = String(value, radix: 16)
        let byte = hex.count == 1 ? "0" + hex : hex
        return "#" + byte + byte + byte
    }

    /// The text alternative: how many pictures of what size, and their captions.
    private func description() -> String {
        let rows = grid.images.map(\.pixels.count).max() ?? 0
        let columns = grid.images.map { $0.pixels.map(\.count).max() ?? 0 }.max() ?? 0
        var sentences: [Phrase] = ["\(grid.images.count) grayscale images of \(columns)×\(rows) pixels, darker for higher values."]
        let captions = grid.images.map(\.caption).filter { !catalog.text($0).isEmpty }
        if !captions.isEmpty { sentences.append("Captions: \(captions.joined(separator: "; ")).") }
        let nonFinite = grid.images.map { $0.pixels.joined().filter { !$0.isFinite }.count }.reduce(0, +)
        if nonFinite > 0 { sentences.append("\(nonFinite) pixels are NaN or infinite, shown in red.") }
        return sentences.map { catalog.text($0) }.joined(separator: " ")
    }
}
