import Foundation
import TextPlot

/// A run of a lesson as JSON, for other tools: each experiment cell's parameters, metrics, claims,
/// text, tables and chart data. Non-finite numbers (a diverged run) are written as null.
public enum JSONExport {
    /// The JSON text (keys sorted, so the same run gives the same bytes).
    public static func render(_ lesson: Lesson, _ outcome: LessonRunner.Outcome, seed: UInt64) throws -> String {
        var cells: [[String: Any]] = []
        for (cell, result) in zip(lesson.experiments, outcome.results) {
            var entry: [String: Any] = [
                "cell": cell.reference, "experiment": cell.name, "line": cell.position.line,
                "parameters": Dictionary(uniqueKeysWithValues: cell.parameterValues.map { ($0.key, $0.defaultValue) }),
            ]
            if let result {
                entry["metrics"] = Dictionary(result.metrics.map { metric -> (String, Any) in
                    switch metric.value {
                    case .number(let value): return (metric.name, number(value))
                    case .flag(let flag): return (metric.name, flag)
                    }
                }, uniquingKeysWith: { first, _ in first })
                entry["text"] = result.items.compactMap { if case .text(let text) = $0 { return text } else { return nil } }
                entry["figures"] = result.items.compactMap { item -> [String: Any]? in
                    if case .figure(let figure) = item { return self.figure(figure) }
                    return nil
                }
            } else {
                entry["failed"] = true
            }
            entry["claims"] = outcome.claims.filter { $0.cell == cell.position }.map { claim -> [String: Any] in
                var value: [String: Any] = ["claim": claim.outcome.claim.text, "held": claim.outcome.held]
                if let problem = claim.outcome.problem { value["problem"] = problem }
                return value
            }
            cells.append(entry)
        }
        let document: [String: Any] = [
            "lesson": lesson.displayID, "title": lesson.metadata.title, "seed": seed,
            "format": LessonMetadata.formatVersion, "cells": cells,
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    private static func number(_ value: Double) -> Any {
        value.isFinite ? value : NSNull()
    }

    private static func numbers(_ values: [Double]) -> [Any] {
        values.map(number)
    }

    /// A figure's data; its kind says which fields it has.
    static func figure(_ figure: any Renderable) -> [String: Any] {
        switch figure {
        case let table as Table:
            return ["kind": "table", "title": table.title ?? NSNull(), "caption": table.caption ?? NSNull(),
                    "columns": table.columns.map(\.header),
                    "rows": table.rows.map { row in row.map { cell -> Any in
                        switch cell {
                        case .text(let text): return text
                        case .number(let value): return number(value)
                        case .empty: return NSNull()
                        }
                    } }]
        case let chart as LineChart:
            return ["kind": "line_chart", "title": chart.title ?? NSNull(), "x_label": chart.xLabel,
                    "y_label": chart.yLabel ?? NSNull(), "log_y": chart.yScale == .log,
                    "series": chart.series.map { series -> [String: Any] in
                        let x = series.x ?? series.y.indices.map(Double.init)
                        return ["name": series.name, "x": numbers(x), "y": numbers(series.y)]
                    }]
        case let surface as Surface:
            return ["kind": "surface", "title": surface.title ?? NSNull(),
                    "x_range": [surface.x.lowerBound, surface.x.upperBound], "y_range": [surface.y.lowerBound, surface.y.upperBound],
                    "paths": surface.paths.map { ["name": $0.name, "x": numbers($0.x), "y": numbers($0.y)] }]
        case let histogram as Histogram:
            return ["kind": "histogram", "title": histogram.title ?? NSNull(), "bins": histogram.bins,
                    "groups": histogram.groups.map { ["name": $0.name, "values": numbers($0.values)] }]
        case let bars as BarChart:
            return ["kind": "bar_chart", "title": bars.title ?? NSNull(),
                    "bars": bars.bars.map { ["label": $0.label, "value": number($0.value)] }]
        case let sparkline as Sparkline:
            return ["kind": "sparkline", "lines": sparkline.lines.map { ["name": $0.name, "values": numbers($0.values)] }]
        case let grid as ImageGrid:
            return ["kind": "images", "title": grid.title ?? NSNull(),
                    "images": grid.images.map { ["caption": $0.caption, "pixels": $0.pixels.map(numbers)] }]
        default:
            return ["kind": "figure", "text": figure.render(RenderOptions(width: 80))]
        }
    }
}
