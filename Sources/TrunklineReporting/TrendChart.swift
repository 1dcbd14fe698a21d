import Foundation
import TrunklineCore

/// The fleet over its last runs as an inline SVG line chart (no scripts): one line each for
/// hosts in sync, drifted, unreachable and failed, a dot per run with a `<title>` tooltip, the
/// first and last run's dates under the axis and the largest count beside it.
enum TrendChart {
    static let width = 720.0, height = 180.0, left = 40.0, right = 110.0, top = 10.0, bottom = 24.0
    static let series: [(status: HostStatus, label: String, color: String)] = [
        (.inSync, "in sync", "#1a7f37"), (.drifted, "drifted", "#b35900"), (.unreachable, "unreachable", "#c62828"),
        (.failed, "failed", "#7b1fa2"),
    ]

    /// The `<svg>` element, or an empty string when there are no points.
    static func svg(_ points: [TrendPoint]) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        let peak = max(1, points.map { max($0.inSync, $0.drifted, $0.unreachable, $0.failed) }.max() ?? 1)
        var svg =
            "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" height=\"\(number(height))\" role=\"img\" aria-label=\"hosts by status over the last \(points.count) runs\">\n"
        svg +=
            "<line x1=\"\(number(left))\" y1=\"\(number(y(0, peak)))\" x2=\"\(number(width - right))\" y2=\"\(number(y(0, peak)))\" stroke=\"#9aa3ad\"/>\n"
        svg +=
            label(left - 6, y(peak, peak) + 4, "\(peak)", anchor: "end")
            + label(left - 6, y(0, peak) + 4, "0", anchor: "end")
        svg += label(left, height - 6, ReportTime.day(first.run.startedAt), anchor: "start")
        svg += label(width - right, height - 6, ReportTime.day(last.run.startedAt), anchor: "end")
        for (offset, line) in series.enumerated() {
            let coordinates = points.enumerated().map {
                (x($0.offset, points.count), y($0.element.count(line.status), peak))
            }
            svg +=
                "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\" points=\""
                + coordinates.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " ") + "\"/>\n"
            for (point, coordinate) in zip(points, coordinates) {
                svg +=
                    "<circle cx=\"\(number(coordinate.0))\" cy=\"\(number(coordinate.1))\" r=\"2.5\" fill=\"\(line.color)\"><title>\(MarkupText.escaped(point.run.id)): \(point.count(line.status)) \(line.label)</title></circle>\n"
            }
            svg +=
                "<text x=\"\(number(width - right + 10))\" y=\"\(number(top + 12 + Double(offset) * 18))\" fill=\"\(line.color)\" font-size=\"12\">\(line.label) \(last.count(line.status))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func x(_ index: Int, _ count: Int) -> Double {
        count < 2
            ? left + (width - left - right) / 2 : left + (width - left - right) * Double(index) / Double(count - 1)
    }

    private static func y(_ value: Int, _ peak: Int) -> Double {
        top + (height - top - bottom) * (1 - Double(value) / Double(peak))
    }

    private static func label(_ x: Double, _ y: Double, _ text: String, anchor: String) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" font-size=\"11\" fill=\"#5b6470\">\(MarkupText.escaped(text))</text>\n"
    }

    private static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
