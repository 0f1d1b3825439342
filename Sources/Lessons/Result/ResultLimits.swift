/// Bounds on the settings of a result read back from a file (the cache is untrusted): a stored result
/// may only ask for drawing work in proportion to its size. Arrays are as large as the file that held
/// them; these are the numbers that are not.
extension ExperimentResult {
    /// Whether every figure's settings are within what an experiment could have produced.
    public var isWithinLimits: Bool {
        figures.allSatisfy { figure in
            switch figure {
            case .table: true
            case .lineChart: true
            case .surface(let surface):
                (1...16).contains(surface.levels) && surface.function.terms.count <= 64
                    && surface.function.terms.allSatisfy { (0...16).contains($0.xPower) && (0...16).contains($0.yPower) }
                    && surface.x.lowerBound.isFinite && surface.x.upperBound.isFinite
                    && surface.y.lowerBound.isFinite && surface.y.upperBound.isFinite
            case .histogram(let histogram):
                (1...1_000).contains(histogram.binning.bins) && (histogram.height.map { (1...1_000).contains($0) } ?? true)
                    && histogram.binning.low.isFinite && histogram.binning.high.isFinite
                    && histogram.binning.low <= histogram.binning.high
                    && histogram.names.count == histogram.binning.groups.count
                    && histogram.binning.groups.allSatisfy { group in
                        // A set on an axis of its own has its own range and number of bins; the others share the binning's.
                        let (low, high) = (group.low ?? histogram.binning.low, group.high ?? histogram.binning.high)
                        let ownAxis = group.low != nil || group.high != nil
                        return (ownAxis ? (1...1_000).contains(group.counts.count) : group.counts.count == histogram.binning.bins)
                            && low.isFinite && high.isFinite && low <= high
                            && (histogram.binning.scale != .log || low > 0)
                    }
            case .barChart: true
            case .sparkline: true
            case .images(let grid):
                grid.images.allSatisfy { image in image.pixels.count <= 1_024 && image.pixels.allSatisfy { $0.count <= 1_024 } }
            }
        }
    }
}
