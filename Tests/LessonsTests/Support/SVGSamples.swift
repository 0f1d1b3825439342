@testable import Lessons

/// One figure of every kind and feature the web edition draws, built from plain arithmetic (no
/// transcendental functions, so the values are the same on every machine).
enum SVGSamples {
    /// `count` values from `start`, each `ratio` times the one before.
    static func geometric(_ start: Double, _ ratio: Double, count: Int) -> [Double] {
        var values: [Double] = []
        var value = start
        for _ in 0..<count {
            values.append(value)
            value *= ratio
        }
        return values
    }

    /// Gradient descent on f = 0.1x² + 2y² from (-4.5, 1.5), with momentum `beta`: the ravine's paths.
    static func descent(lr: Double, beta: Double, steps: Int) -> [(Double, Double)] {
        var (x, y, vx, vy) = (-4.5, 1.5, 0.0, 0.0)
        var points = [(x, y)]
        for _ in 0..<steps {
            vx = beta * vx + 0.2 * x
            vy = beta * vy + 4 * y
            x -= lr * vx
            y -= lr * vy
            points.append((x, y))
        }
        return points
    }

    /// Log y axis; a smooth series, a zigzag one with its lowest point starred, one that diverges.
    static let lineLog = Figure.lineChart(LineChart(
        title: "Loss on the ravine", xLabel: "step", yLabel: "loss", yScale: .log,
        series: [
            .init("SGD", geometric(2.5, 0.9, count: 60).map { $0 + 0.001 }),
            .init("momentum", geometric(2.5, 0.85, count: 60).enumerated().map { $1 * ($0 % 2 == 0 ? 1.3 : 0.7) + 1e-4 },
                  best: .lowest),
            .init("lr 1.5", geometric(2.5, 2, count: 60).enumerated().map { $0 < 12 ? $1 : .nan }),
        ]))

    /// Linear axes, fractional x, a gap where one value is NaN, and a negative stretch.
    static let lineLinear = Figure.lineChart(LineChart(
        title: "Accuracy by epoch", xLabel: "epoch", yLabel: "accuracy",
        series: [
            .init("train", x: (0..<11).map { Double($0) * 0.5 }, y: [0.1, 0.35, 0.5, 0.61, .nan, 0.74, 0.79, 0.83, 0.85, 0.86, 0.88],
                  best: .highest),
            .init("margin", x: (0..<11).map { Double($0) * 0.5 }, y: [-0.2, -0.1, 0, 0.05, 0.1, 0.12, 0.15, 0.2, 0.22, 0.25, 0.3]),
        ]))

    static let ravine = Polynomial([.init(0.1, x: 2), .init(2, y: 2)])

    /// Shaded levels of the ravine, SGD and momentum on it, and a path that diverges.
    static let surfaceShades = Figure.surface(Surface(
        title: "The first 30 steps over f(x, y) = 0.1x² + 2y²", x: -5...5, y: -2...2, levels: 5,
        paths: [
            .init("SGD", points: descent(lr: 0.45, beta: 0, steps: 30)),
            .init("momentum", points: descent(lr: 0.1, beta: 0.9, steps: 30)),
            .init("lr 0.6", points: descent(lr: 0.6, beta: 0, steps: 8) + [(.nan, .nan)]),
        ],
        function: ravine))

    /// Contour lines of a saddle, linear spacing.
    static let surfaceContours = Figure.surface(Surface(
        title: "f(x, y) = x⁴/4 − x²/2 + y²/2", x: -2...2, y: -1.5...1.5, levels: 4, spacing: .linear, style: .contours,
        paths: [.init("SGD", points: [(0.01, 1.2), (0.02, 0.9), (0.05, 0.5), (0.2, 0.2), (0.6, 0.05), (0.95, 0.01), (1, 0)])],
        function: Polynomial([.init(0.25, x: 4), .init(-0.5, x: 2), .init(0.5, y: 2)])))

    /// Three sets on log bins, each on its own axis; NaN and values ≤ 0 counted in the captions.
    static let histogramLog = Figure.histogram(Histogram(
        title: "Gradient magnitudes by layer",
        groups: [
            .init("layer 1", (1...200).map { Double($0 * $0) * 1e-7 } + [.nan, -1]),
            .init("layer 2", (1...200).map { Double($0) * 0.01 }),
            .init("layer 3", (1...200).map { Double($0 % 37 + 1) * 1e3 }),
        ],
        bins: 12, xLabel: "|gradient|", scale: .log, axes: .perGroup))

    /// One set, shared linear bins, shown as horizontal bars.
    static let histogramHorizontal = Figure.histogram(Histogram(
        title: "Pre-activations", values: (0..<300).map { Double(($0 * 7) % 23) * 0.25 - 2 }, name: "layer 1", bins: 8,
        orientation: .horizontal, xLabel: "value"))

    /// Bars with a negative value, a diverged one and the lowest starred.
    static let barChart = Figure.barChart(BarChart(
        title: "Final loss by optimizer",
        bars: [.init("SGD", 0.012), .init("momentum", 0.00041), .init("lr 1.5", .infinity), .init("Adam with a long name", 0.0031)],
        format: .scientific(1), nonFinite: "diverged", best: .lowest))

    static let barChartNegative = Figure.barChart(BarChart(
        title: "Change in accuracy", bars: [.init("dropout", 0.031), .init("no augmentation", -0.047), .init("wider", 0.012)],
        format: .percent(1), best: .highest))

    /// Two lines on one scale, one with a NaN.
    static let sparkline = Figure.sparkline(Sparkline(
        lines: [.init("train", geometric(2, 0.93, count: 80)),
                .init("val", geometric(2.2, 0.95, count: 80).enumerated().map { $0 == 50 ? .nan : $1 })],
        sharedScale: true, scale: .log))

    /// A 28×28 ring (a zero), a 3×3 filter with negative weights and a NaN.
    static let images = Figure.images(ImageGrid(
        title: "Digits and a filter",
        images: [
            .init(pixels: (0..<28).map { row in
                (0..<28).map { column in
                    let (dy, dx) = (Double(row) - 13.5, (Double(column) - 13.5) * 1.4)
                    let r2 = dx * dx + dy * dy
                    return r2 >= 60 && r2 <= 130 ? 1 - abs(r2 - 95) / 70 : 0
                }
            }, caption: "pred 0 / true 0"),
            .init(pixels: [[-1, 0, 1], [-2, .nan, 2], [-1, 0, 1]], caption: "filter 1 (Sobel x)"),
        ]))

    /// Text, a number column with a best value and a diverged run, and a header on two lines.
    static let table: Table = {
        var table = Table(title: "Momentum on the ravine", columns: [
            .init("optimizer"),
            .init("lr", format: .significant(2)),
            .init("final\nloss", format: .scientific(2), nonFinite: "diverged", best: .lowest),
        ], caption: "After 100 steps.")
        table.append(["SGD", 0.01, 0.0123])
        table.append(["momentum 0.9", 0.01, 0.00041])
        table.append(["SGD", 1.5, .number(.infinity)])
        return table
    }()

    /// Every sample with its golden file's name.
    static let all: [(String, Figure)] = [
        ("line-log", lineLog), ("line-linear", lineLinear), ("surface-shades", surfaceShades),
        ("surface-contours", surfaceContours), ("histogram-log-per-group", histogramLog),
        ("histogram-horizontal", histogramHorizontal), ("bar-chart", barChart), ("bar-chart-negative", barChartNegative),
        ("sparkline", sparkline), ("images", images), ("table", .table(table)),
    ]
}
