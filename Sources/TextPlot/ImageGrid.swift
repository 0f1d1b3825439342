/// Small grayscale images (8×8 digits, 3×3 filters) in a grid, each with a caption under it.
///
/// Each pixel is two characters wide, so square images look square; shades run from blank to `█`
/// (or through ` .:-=+*#%@` in ASCII), with gray levels added in color.
///
/// ```swift
/// let grid = ImageGrid(title: "Misclassified", images: [
///     .init(pixels: digit, caption: "pred 3 / true 5"),
/// ])
/// print(grid.render(width: 80))
/// ```
public struct ImageGrid: Renderable, Sendable, Hashable {
    /// One image: rows of pixel values, and a caption.
    public struct Image: Sendable, Hashable {
        /// Pixel values by row, top row first; short rows are padded with blank pixels.
        public var pixels: [[Double]]
        /// The text under the image, wrapped to its width.
        public var caption: String

        /// Creates an image.
        public init(pixels: [[Double]], caption: String = "") {
            self.pixels = pixels
            self.caption = caption
        }
    }

    /// How pixel values map to shades.
    public enum Normalization: Sendable, Hashable {
        /// The range maps to blank ... darkest for every image (e.g. 0...1 for pixel intensities).
        case fixed(ClosedRange<Double>)
        /// Each image's own minimum and maximum (filters with different scales).
        case perImage
        /// One range over all images (compare intensities between images).
        case shared
    }

    /// A line above the grid.
    public var title: String?
    /// The images, left to right and then down.
    public var images: [Image]
    /// How pixel values map to shades.
    public var normalization: Normalization

    /// Creates an image grid.
    public init(title: String? = nil, images: [Image], normalization: Normalization = .perImage) {
        self.title = title
        self.images = images
        self.normalization = normalization
    }

    /// Renders as many images per row as fit `options.width` (at least one), two spaces apart.
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let (width, unicode) = (options.width, options.unicode)
        let ramp: [Character] = unicode ? [" ", "░", "▒", "▓", "█"] : Array(" .:-=+*#%@")
        let imageWidth = images.map { 2 * ($0.pixels.map(\.count).max() ?? 0) }.max() ?? 0
        let captionWidth = images.map { TextWidth.of($0.caption) }.max() ?? 0
        let cell = max(imageWidth, min(captionWidth, 16), 1)
        let perRow = max(1, (width + 2) / (cell + 2))
        let allValues = images.flatMap { $0.pixels.joined().filter(\.isFinite) }
        var lines = ChartText.title(title, width: width)
        for start in stride(from: 0, to: images.count, by: perRow) {
            if start > 0 { lines.append(StyledLine()) }
            let row = Array(images[start..<min(start + perRow, images.count)])
            let pictures = row.map { render($0, ramp: ramp, cell: cell, all: allValues) }
            let height = pictures.map(\.count).max() ?? 0
            for index in 0..<height {
                var line = StyledLine()
                for (column, picture) in pictures.enumerated() {
                    if column > 0 { line.appendSpaces(2) }
                    let piece = index < picture.count ? picture[index] : StyledLine()
                    line.append(piece)
                    line.appendSpaces(cell - piece.width)
                }
                lines.append(line)
            }
        }
        return ChartText.finish(lines, width: width, height: options.height, color: options.color)
    }

    /// One image's lines: the pixels, then the caption wrapped to the cell.
    private func render(_ image: Image, ramp: [Character], cell: Int, all: [Double]) -> [StyledLine] {
        let (low, high): (Double, Double)
        switch normalization {
        case .fixed(let range): (low, high) = (range.lowerBound, range.upperBound)
        case .perImage:
            let finite = image.pixels.joined().filter(\.isFinite)
            (low, high) = (finite.min() ?? 0, finite.max() ?? 1)
        case .shared: (low, high) = (all.min() ?? 0, all.max() ?? 1)
        }
        var lines: [StyledLine] = image.pixels.map { pixels in
            var line = StyledLine()
            for value in pixels {
                guard value.isFinite else { line.append("??", .red); continue }
                let ratio = (value - low) / (high - low)
                let t = high > low && ratio.isFinite ? min(max(ratio, 0), 1) : 0.5
                let level = Int((t * Double(ramp.count - 1)).rounded())
                let shade = String(repeating: String(ramp[level]), count: 2)
                // Gray 232 (near black) to 255 (white) as an overlay: brighter for higher values.
                line.append(shade, level == 0 ? nil : .palette(232 + Int((t * 23).rounded())))
            }
            return line
        }
        if !image.caption.isEmpty {
            lines += TextWrap.lines(image.caption, width: cell).map { StyledLine($0) }
        }
        return lines
    }
}

extension ImageGrid: ASCIISpellable {
    func asciiSpelled() -> ImageGrid? {
        var changed = false, copy = self
        copy.title = ASCIIText.spell(title, &changed)
        for index in copy.images.indices { copy.images[index].caption = ASCIIText.spell(images[index].caption, &changed) }
        return changed ? copy : nil
    }
}
