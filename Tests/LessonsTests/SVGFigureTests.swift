import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import Lessons

/// The web edition's figures: golden SVG files, well-formed XML, a text alternative on every figure,
/// escaped words, and what each kind draws.
final class SVGFigureTests: XCTestCase {
    private func svg(_ figure: Figure, catalog: MessageCatalog = .english, prefix: String = "fig-1") -> String {
        SVGFigure.svg(figure, catalog: catalog, idPrefix: prefix)
    }

    func testGoldens() {
        for (name, figure) in SVGSamples.all {
            if case .table = figure {
                GoldenFile.check(svg(figure), "svg/" + name, type: "html")
            } else {
                GoldenFile.check(svg(figure), "svg/" + name, type: "svg")
            }
        }
    }

    func testEveryFigureIsWellFormedWithTitleAndDescriptionFirst() throws {
        for (name, figure) in SVGSamples.all {
            if case .table = figure { continue }
            let document = try XMLTree(svg(figure, prefix: "p\(name)"))
            let root = document.root
            XCTAssertEqual(root.name, "svg", name)
            XCTAssertEqual(root.attributes["role"], "img", name)
            XCTAssertEqual(root.attributes["xmlns"], "http://www.w3.org/2000/svg", name)
            XCTAssertEqual(Array(root.children.prefix(2).map(\.name)), ["title", "desc"], name)
            let title = root.children[0], desc = root.children[1]
            XCTAssertEqual(root.attributes["aria-labelledby"], "\(title.attributes["id"] ?? "?") \(desc.attributes["id"] ?? "?")", name)
            XCTAssertFalse(title.text.isEmpty, name)
            XCTAssertGreaterThan(desc.text.count, 20, "\(name): \(desc.text)")
            // Every id is made from the prefix, so that figures on one page never share one.
            for id in document.all.compactMap({ $0.attributes["id"] }) { XCTAssertTrue(id.hasPrefix("p\(name)-"), "\(name): \(id)") }
            // No external resource: no href, no url() but a local fragment.
            for element in document.all {
                XCTAssertNil(element.attributes["href"] ?? element.attributes["xlink:href"], name)
                for value in element.attributes.values where value.contains("url(") {
                    XCTAssertTrue(value.hasPrefix("url(#p\(name)-"), "\(name): \(value)")
                }
            }
        }
    }

    func testTheDescriptionSaysWhereEachLineEnds() throws {
        let desc = try XMLTree(svg(SVGSamples.lineLog)).root.children[1].text
        XCTAssertTrue(desc.contains("Line chart of loss against step, on a log scale."), desc)
        XCTAssertTrue(desc.contains("SGD: from 2.5 at step 0 to 0.00599 at step 59."), desc)
        XCTAssertTrue(desc.contains("lr 1.5 diverged: NaN/inf from step 12 on."), desc)
        XCTAssertTrue(desc.contains("Lowest point of momentum:"), desc)
    }

    func testWordsAreEscapedAndControlsMadeVisible() throws {
        let hostile = "<script>alert(1)</script> & \"q\" 'x' \u{1B}[31m \u{202E}"
        let figures: [Figure] = [
            .lineChart(LineChart(title: Phrase(verbatim: hostile), xLabel: Phrase(verbatim: hostile),
                                 series: [.init(Phrase(verbatim: hostile), [1, 2, .nan])])),
            .barChart(BarChart(title: Phrase(verbatim: hostile), bars: [.init(Phrase(verbatim: hostile), 1)], best: .lowest)),
            .surface(Surface(title: Phrase(verbatim: hostile), x: -1...1, y: -1...1, paths: [.init(Phrase(verbatim: hostile), points: [(0, 0)])],
                             function: SVGSamples.ravine)),
            .histogram(Histogram(title: Phrase(verbatim: hostile), values: [1, 2], name: Phrase(verbatim: hostile))),
            .sparkline(Sparkline(lines: [.init(Phrase(verbatim: hostile), [1, 2])])),
            .images(ImageGrid(title: Phrase(verbatim: hostile), images: [.init(pixels: [[0, 1]], caption: Phrase(verbatim: hostile))])),
        ]
        for figure in figures {
            let text = svg(figure)
            XCTAssertFalse(text.contains("<script"), text)
            XCTAssertFalse(text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
            XCTAssertTrue(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;x&#39; \\x1B[31m \\u202E"), text)
            // It reads back as the words, in the title and in text the reader sees.
            let tree = try XMLTree(text)
            let words = "<script>alert(1)</script> & \"q\" 'x' \\x1B[31m \\u202E"
            XCTAssertTrue(tree.root.children[0].text.contains(words), tree.root.children[0].text)
            XCTAssertTrue(tree.all.contains { $0.name == "text" && $0.text.contains("<script>") }, "no visible label")
            XCTAssertFalse(tree.all.contains { $0.name == "script" })
        }
        let table = HTMLTable.html(Table(title: Phrase(verbatim: hostile), columns: [.init(Phrase(verbatim: hostile))],
                                         rows: [[.text(Phrase(verbatim: hostile))]], caption: Phrase(verbatim: hostile)),
                                   catalog: .english)
        XCTAssertFalse(table.contains("<script"), table)
        XCTAssertFalse(table.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{202E}" })
        XCTAssertEqual(table.components(separatedBy: "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;x&#39; \\x1B[31m").count, 5, table)
    }

    func testDegenerateFiguresStillDrawWellFormed() throws {
        let huge = Double.greatestFiniteMagnitude
        let figures: [Figure] = [
            .lineChart(LineChart(series: [])),
            .lineChart(LineChart(yScale: .log, series: [.init("nothing", [.nan, .infinity, -1, 0]), .init("empty", [])])),
            .lineChart(LineChart(series: [.init("extremes", x: [-huge, 0, huge], y: [huge, -huge, 5e-324])])),
            .lineChart(LineChart(series: [.init("one", [3])])),
            .surface(Surface(x: 1...1, y: -huge...huge, paths: [.init("far", points: [(huge, -huge), (0, 0)])],
                             function: Polynomial([.init(1, x: 16, y: 16)]))),
            .surface(Surface(x: 0...1, y: 0...1, style: .contours, function: Polynomial([]))),
            .histogram(Histogram(groups: [], bins: 0)),
            .histogram(Histogram(values: [.nan, .infinity], bins: 5, scale: .log)),
            .histogram(Histogram(values: [huge, -huge, 0], bins: 3, orientation: .horizontal)),
            .barChart(BarChart(bars: [])),
            .barChart(BarChart(bars: [.init("a", huge), .init("b", -huge), .init("c", .nan)], best: .highest)),
            .sparkline(Sparkline(lines: [])),
            .sparkline(Sparkline([.nan, .nan], scale: .log)),
            .images(ImageGrid(images: [])),
            .images(ImageGrid(images: [.init(pixels: []), .init(pixels: [[], [1]]), .init(pixels: [[.nan, huge, -huge]])],
                              normalization: .fixed(2...2))),
        ]
        for (index, figure) in figures.enumerated() {
            let text = svg(figure, prefix: "d\(index)")
            let tree = try XMLTree(text)
            XCTAssertEqual(tree.root.children.prefix(2).map(\.name), ["title", "desc"], "figure \(index)")
            XCTAssertFalse(text.contains("nan") || text.contains("inf\""), "figure \(index): a non-finite coordinate")
        }
        XCTAssertNoThrow(try XMLTree("<r>" + HTMLTable.html(Table(columns: []), catalog: .english) + "</r>"))
        XCTAssertNoThrow(try XMLTree("<r>" + HTMLTable.html(Table(columns: [.init("a")], rows: [[], [1, 2, 3]]), catalog: .english) + "</r>"))
    }

    func testSameFigureSameBytesAndThePrefixOnlyChangesIds() {
        for (_, figure) in SVGSamples.all {
            XCTAssertEqual(svg(figure), svg(figure))
            let other = svg(figure, prefix: "second")
            XCTAssertEqual(svg(figure).replacingOccurrences(of: "fig-1", with: "second"), other)
        }
    }

    func testAPrefixThatIsNoIdIsMadeOne() throws {
        let tree = try XMLTree(svg(SVGSamples.surfaceShades, prefix: "3 \"x\"<y>"))
        let ids = tree.all.compactMap { $0.attributes["id"] }
        XCTAssertEqual(ids.sorted(), ["f3__x__y_-clip", "f3__x__y_-desc", "f3__x__y_-title"])
    }

    func testTheCatalogTranslatesTheWords() throws {
        let catalog = try MessageCatalog(language: "zh", messages: [
            "Line chart of {0} against {1}, on a log scale.": "{0}随{1}变化的折线图（对数坐标）。",
            "loss": "损失", "step": "步", "{0} (log scale)": "{0}（对数坐标）",
        ])
        let tree = try XMLTree(svg(SVGSamples.lineLog, catalog: catalog))
        XCTAssertTrue(tree.root.children[1].text.hasPrefix("损失随步变化的折线图（对数坐标）。"), tree.root.children[1].text)
        XCTAssertTrue(tree.all.contains { $0.name == "text" && $0.text == "损失（对数坐标）" })
    }

    func testLineChartMarksTicksBestPointAndDivergence() throws {
        let tree = try XMLTree(svg(SVGSamples.lineLog))
        let labels = tree.all.filter { $0.name == "text" }.map(\.text)
        // The log axis's ticks are powers of ten, as the terminal's Axis.log gives them.
        for tick in ["0.001", "0.01", "0.1", "1", "10"] { XCTAssertTrue(labels.contains(tick), "\(tick) in \(labels)") }
        XCTAssertEqual(tree.all.filter { $0.attributes["class"] == "best" }.count, 2, "the star on the line and in the legend")
        XCTAssertEqual(tree.all.filter { $0.attributes["class"] == "diverged" }.count, 2, "the × on the line and in the legend")
        XCTAssertTrue(labels.contains("lr 1.5: NaN/inf from step 12 on (diverged); not drawn"), "\(labels)")
        // Each series is a group of its own class, with its own marker shape.
        for index in 0..<3 {
            let groups = tree.all.filter { $0.attributes["class"] == "series series-\(index)" }
            XCTAssertEqual(groups.count, 2, "the line and its legend entry")
        }
        let markerNames = (0..<3).map { index in
            tree.all.first { $0.attributes["class"] == "series series-\(index)" }?.children.first { $0.attributes["class"] == "marker" }?.name
        }
        XCTAssertEqual(markerNames, ["circle", "circle", "path"])
        let open = tree.all.first { $0.attributes["class"] == "series series-1" }?.children.first { $0.attributes["class"] == "marker" }
        XCTAssertEqual(open?.attributes["fill"], "none", "series 1 has the open circle")
    }

    func testALongSeriesIsThinnedToItsEnvelope() throws {
        // 20,000 points, alternately high and low: the envelope survives and the file stays small.
        let values = (0..<20_000).map { $0 % 2 == 0 ? 1.0 + Double($0) * 1e-4 : 0.5 }
        let text = svg(.lineChart(LineChart(series: [.init("noisy", values)])))
        XCTAssertLessThan(text.utf8.count, 40_000)
        let path = try XMLTree(text).all.first { $0.attributes["class"] == "line" && $0.name == "path" }
        let ys = Set((path?.attributes["d"] ?? "").split(whereSeparator: { "ML".contains($0) }).compactMap { $0.split(separator: " ").last })
        XCTAssertGreaterThan(ys.count, 100, "the high points keep rising")
    }

    func testSurfaceDrawsLevelsPathsAndEnds() throws {
        let tree = try XMLTree(svg(SVGSamples.surfaceShades))
        let levels = tree.all.filter { ($0.attributes["class"] ?? "").hasPrefix("level level-") && $0.name == "path" }
        XCTAssertEqual(levels.count, 5, "one path per band")
        XCTAssertEqual(tree.all.filter { $0.attributes["class"] == "start" }.count, 4, "three paths and the legend")
        XCTAssertEqual(tree.all.filter { $0.attributes["class"] == "end" }.count, 4)
        let notes = tree.all.filter { $0.attributes["class"] == "note" }.map(\.text)
        XCTAssertEqual(notes, ["lr 0.6: NaN/inf at point 9 (diverged); the path stops there"])
        let contours = try XMLTree(svg(SVGSamples.surfaceContours))
        XCTAssertEqual(contours.all.filter { ($0.attributes["class"] ?? "").hasPrefix("contour ") }.count, 6, "a line per boundary, and its legend entry")
    }

    func testHistogramHasABarPerFilledBinAndItsCaptions() throws {
        let tree = try XMLTree(svg(SVGSamples.histogramLog))
        guard case .histogram(let histogram) = SVGSamples.histogramLog else { return XCTFail() }
        let bars = tree.all.filter { $0.attributes["class"] == "bars" }
        XCTAssertEqual(bars.count, 3)
        for (path, group) in zip(bars, histogram.binning.groups) {
            XCTAssertEqual(path.attributes["d"]?.filter { $0 == "M" }.count, group.counts.filter { $0 > 0 }.count)
        }
        // Captions wrap onto as many lines as they need.
        let captions = tree.all.filter { $0.attributes["class"] == "caption" }.map(\.text).joined(separator: " ")
        XCTAssertTrue(captions.hasPrefix("layer 1: mean -0.00364 ± 0.0705, n = 201, 1 NaN/inf not counted, 1 outside the range or ≤ 0 layer 2: mean 1.00 ± 0.577, n = 200 layer 3: mean"), captions)
        let horizontal = try XMLTree(svg(SVGSamples.histogramHorizontal))
        XCTAssertTrue(horizontal.all.contains { $0.name == "text" && $0.text.hasPrefix("[-2, ") })
    }

    func testBarChartStarsTheBestAndGivesNonFiniteItsWord() throws {
        let tree = try XMLTree(svg(SVGSamples.barChart))
        let bars = tree.all.filter { ($0.attributes["class"] ?? "").hasPrefix("bar") && $0.name == "rect" }
        XCTAssertEqual(bars.count, 3, "no bar for the diverged run")
        XCTAssertEqual(bars.filter { $0.attributes["class"] == "bar best" }.count, 1)
        XCTAssertEqual(tree.all.first { $0.attributes["class"] == "label value best" }?.text, "4.1e-4")
        XCTAssertEqual(tree.all.first { $0.attributes["class"] == "label value nonfinite" }?.text, "diverged")
        XCTAssertTrue(tree.root.children[1].text.contains("Lowest: momentum."))
        let negative = try XMLTree(svg(SVGSamples.barChartNegative))
        let rects = negative.all.filter { $0.name == "rect" && ($0.attributes["class"] ?? "").hasPrefix("bar") }
        let x = rects.compactMap { $0.attributes["x"].flatMap(Double.init) }
        XCTAssertLessThan(x[1], x[0], "the negative bar grows left of the zero line")
    }

    func testImagesArePixelRunsOfAFewGrays() throws {
        let text = svg(SVGSamples.images)
        let tree = try XMLTree(text)
        let pixels = tree.all.filter { $0.attributes["class"] == "pixels" }
        XCTAssertLessThanOrEqual(pixels.count, 2 * 32)
        XCTAssertEqual(tree.all.filter { $0.attributes["class"] == "pixel-nonfinite" }.count, 1)
        XCTAssertTrue(tree.all.contains { $0.attributes["shape-rendering"] == "crispEdges" })
        XCTAssertLessThan(text.utf8.count, 30_000)
        // Every filled cell of the ring is covered, and only those.
        guard case .images(let grid) = SVGSamples.images else { return XCTFail() }
        let filled = grid.images[0].pixels.joined().filter { Int(($0 * 31).rounded()) > 0 }.count
        let rectangles = tree.all.filter { $0.attributes["class"] == "pixels" }.flatMap { Self.rectangles($0.attributes["d"] ?? "") }
        let firstImage = rectangles.filter { $0.x < 120.5 }
        let covered: Double = firstImage.map { $0.width * $0.height / 16 }.reduce(0, +)
        XCTAssertEqual(covered, Double(filled), accuracy: 0.01)
    }

    func testTableAlignsNumbersAndMarksTheBest() throws {
        let html = HTMLTable.html(SVGSamples.table, catalog: .english)
        let tree = try XMLTree("<root>" + html.replacingOccurrences(of: "<br>", with: "<br/>") + "</root>")
        let rows = tree.all.filter { $0.name == "tr" }
        XCTAssertEqual(rows.count, 4)
        XCTAssertEqual(rows[0].children.map { $0.attributes["class"] ?? "" }, ["", "num", "num"])
        XCTAssertEqual(rows[2].children[2].attributes["class"], "num best")
        XCTAssertEqual(rows[2].children[2].text, "4.10e-4 ★")
        XCTAssertEqual(rows[3].children[2].attributes["class"], "num nonfinite")
        XCTAssertEqual(rows[3].children[2].text, "diverged")
        XCTAssertEqual(tree.all.first { $0.name == "caption" }?.text, "Momentum on the ravine")
        XCTAssertEqual(tree.all.filter { $0.attributes["class"] == "table-note" }.map(\.text),
                       ["After 100 steps.", "★ best in its column: lowest final loss"])
    }

    /// The rectangles `M x y H x2 V y2 H x Z` of a pixel path.
    static func rectangles(_ data: String) -> [(x: Double, y: Double, width: Double, height: Double)] {
        data.split(separator: "Z").compactMap { piece in
            let numbers = piece.split(whereSeparator: { "MHV ".contains($0) }).compactMap { Double($0) }
            guard numbers.count == 5 else { return nil }
            return (numbers[0], numbers[1], numbers[2] - numbers[0], numbers[3] - numbers[1])
        }
    }
}

/// An XML document read with Foundation's parser: elements with their attributes, children and text.
final class XMLTree {
    final class Element {
        let name: String
        let attributes: [String: String]
        var children: [Element] = []
        /// All text inside, children's included.
        var text = ""

        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
    }

    let root: Element
    /// Every element in document order.
    let all: [Element]

    /// Parses `text`; throws when it is not well-formed XML.
    init(_ text: String) throws {
        let reader = Reader()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = reader
        guard parser.parse(), let root = reader.root else {
            throw NSError(domain: "XMLTree", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "not well-formed at line \(parser.lineNumber), column \(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "")"])
        }
        self.root = root
        all = reader.all
    }

    private final class Reader: NSObject, XMLParserDelegate {
        var root: Element?
        var all: [Element] = []
        var stack: [Element] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let element = Element(name: name, attributes: attributes)
            stack.last?.children.append(element)
            if root == nil { root = element }
            stack.append(element)
            all.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            for element in stack { element.text += string }
        }
    }
}

/// The classes the figures use are the ones `SVGFigure` documents for the site's stylesheet.
final class SVGClassContractTests: XCTestCase {
    func testEveryClassUsedIsDocumented() throws {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/Lessons/Site/SVG/SVGFigure.swift")
        let documentation = try String(contentsOf: source, encoding: .utf8)
        var used: Set<String> = []
        for (_, figure) in SVGSamples.all {
            let text = SVGFigure.svg(figure, catalog: .english, idPrefix: "f")
            for piece in text.components(separatedBy: "class=\"").dropFirst() {
                for name in piece.prefix(while: { $0 != "\"" }).split(separator: " ") { used.insert(String(name)) }
            }
        }
        XCTAssertGreaterThan(used.count, 30)
        for name in used.sorted() {
            let generic = name.replacingOccurrences(of: #"-[0-9]+$"#, with: "-0", options: .regularExpression)
            let documented = documentation.contains(".\(name)") || documentation.contains("`\(name)`")
                || documentation.contains(".\(generic)") || documentation.contains("figure-\(name.dropFirst("figure-".count))")
            XCTAssertTrue(documented, "class \(name) is not documented in SVGFigure.swift")
        }
        // The stylesheet colors every series class and the marks that carry meaning.
        for name in (0..<8).map({ "series-\($0)" }) + ["best", "diverged", "halo", "halo-line", "nonfinite", "num"] {
            XCTAssertTrue(SVGFigure.stylesheet.contains(".\(name)"), name)
        }
    }
}
