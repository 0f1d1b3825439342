// TextPlot rendering benchmark. Compiled together with Sources/TextPlot by run.sh (one module, -O, whole
// module), so it needs no target in Package.swift. Prints one line per workload: the median of the runs.

/// A seeded generator (SplitMix64), so every run renders the same data.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
}

/// A noisy decaying loss curve of `count` points.
func lossCurve(_ count: Int, seed: UInt64) -> [Double] {
    var random = SplitMix64(state: seed)
    return (0..<count).map { step in
        2.5 / (1 + 50 * Double(step) / Double(count)) + 0.01 + 0.05 * random.next()
    }
}

/// Runs `body` `runs` times after two warm-ups and returns the median time in milliseconds.
func median(runs: Int, _ body: () -> Int) -> Double {
    var sink = 0
    for _ in 0..<2 { sink &+= body() }
    let clock = ContinuousClock()
    var times: [Double] = []
    for _ in 0..<runs {
        let start = clock.now
        sink &+= body()
        let elapsed = clock.now - start
        times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
    }
    if sink == 42 { print("") }  // keeps the renders from being optimized away
    return times.sorted()[runs / 2]
}

func report(_ name: String, _ ms: Double) {
    let text = NumberFormat.fixed(3).format(ms)
    print(TextWidth.pad(name, to: 66) + TextWidth.padLeft(text, to: 9) + " ms")
}

let runs = 51
let series100k = lossCurve(100_000, seed: 1)
let lines = [
    ("line chart, 1 series of 100,000 points, 80x20, linear", LineChart(series: [.init("loss", series100k)])),
    ("line chart, 1 series of 100,000 points, 80x20, log y", LineChart(yScale: .log, series: [.init("loss", series100k)])),
    ("line chart, 3 series of 100,000 points, 80x20, log y", LineChart(yScale: .log, series: [
        .init("a", series100k), .init("b", lossCurve(100_000, seed: 2)), .init("c", lossCurve(100_000, seed: 3), best: .lowest),
    ])),
    ("line chart, 1 series of 1,000 points, 80x20, linear", LineChart(series: [.init("loss", lossCurve(1000, seed: 4))])),
]
for (name, chart) in lines {
    for color in [false, true] {
        let options = RenderOptions(width: 80, height: 20, charset: .unicode, color: color)
        report(name + (color ? ", color" : ""), median(runs: runs) { chart.render(options).utf8.count })
    }
}

let pathX: [Double] = (0..<1000).map { -9 + Double($0) / 100 }
let pathY: [Double] = (0..<1000).map { 0.5 * (Double($0 % 7) - 3) }
// Cost grows with the points, not with points × area: a chart 7.5 times larger costs about the same.
let big = LineChart(series: [.init("loss", series100k)])
report("line chart, 1 series of 100,000 points, 200x60, linear",
       median(runs: runs) { big.render(width: 200, height: 60).utf8.count })

let ravine = Surface(x: -10...1, y: -2...2, paths: [Surface.Path("a", x: pathX, y: pathY)],
                     function: { x, y in 0.05 * x * x + 2 * y * y })
report("surface 80x24, 1,000-point path", median(runs: runs) { ravine.render(width: 80, height: 24).utf8.count })

let histogram = Histogram(groups: [.init("a", series100k), .init("b", lossCurve(100_000, seed: 5))], bins: 30)
report("histogram, 2 sets of 100,000 values, 80x20", median(runs: runs) { histogram.render(width: 80, height: 20).utf8.count })

var table = Table(columns: [.init("run"), .init("lr", format: .significant(2)), .init("loss", format: .scientific(2), best: .lowest),
                           .init("accuracy", format: .percent(1))])
for row in 0..<100 { table.append([.text("run \(row)"), .number(0.001 * Double(row + 1)), .number(series100k[row * 999]), .number(0.5 + Double(row) / 250)]) }
report("table, 100 rows x 4 columns, 80 wide", median(runs: runs) { table.render(width: 80).utf8.count })
