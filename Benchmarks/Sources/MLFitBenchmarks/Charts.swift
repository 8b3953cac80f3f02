import Foundation

/// Hand-written SVG charts for docs/benchmarks.md: no plotting dependency, and the files
/// diff well in review. Both charts use log axes, because ratios and times span decades.
enum SVGChart {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Decades covering `values` (at least one), as exponents of 10.
    static func decades(_ values: [Double]) -> ClosedRange<Int> {
        let finite = values.filter { $0.isFinite && $0 > 0 }
        let lo = Int(floor(log10(finite.min() ?? 1))), hi = Int(ceil(log10(finite.max() ?? 10)))
        return lo...max(hi, lo + 1)
    }

    static func label(_ exponent: Int) -> String {
        switch exponent {
        case -3...(-1): String(format: "%g", pow(10, Double(exponent)))
        case 0...4: String(format: "%.0f", pow(10, Double(exponent)))
        default: "1e\(exponent)"
        }
    }

    /// Horizontal bars on a log axis with a reference line at 1: one bar per item, one
    /// colour per series.
    static func bars(title: String, axis: String, items: [(label: String, values: [(series: String, value: Double)])]) -> String {
        let series = Array(Set(items.flatMap { $0.values.map(\.series) })).sorted()
        let barHeight = 14.0, gap = 10.0, left = 210.0, width = 460.0, top = 40.0
        let plotHeight = Double(items.count) * (Double(series.count) * barHeight + gap)
        let height = top + plotHeight + 70
        // Always a decade either side of 1, so the value labels beside the bars have room.
        let range = decades(items.flatMap { $0.values.map(\.value) } + [0.1, 10])
        func x(_ v: Double) -> Double {
            left + width * (log10(max(v, 1e-9)) - Double(range.lowerBound)) / Double(range.upperBound - range.lowerBound)
        }
        var out = svgHeader(width: left + width + 30, height: height, title: title)
        for e in range {
            let gx = x(pow(10, Double(e)))
            out += line(gx, top, gx, top + plotHeight, stroke: e == 0 ? "#000" : "#ddd", width: e == 0 ? 1.5 : 1)
            out += text(gx, top + plotHeight + 16, label(e), anchor: "middle")
        }
        out += text(left + width / 2, top + plotHeight + 36, axis, anchor: "middle")
        var y = top
        for item in items {
            out += text(left - 6, y + Double(series.count) * barHeight / 2 + 4, item.label, anchor: "end")
            for (k, s) in series.enumerated() {
                if let v = item.values.first(where: { $0.series == s })?.value, v.isFinite, v > 0 {
                    let x0 = x(1), x1 = x(v)
                    out += "<rect x=\"\(f(min(x0, x1)))\" y=\"\(f(y))\" width=\"\(f(abs(x1 - x0)))\" height=\"\(f(barHeight - 2))\" fill=\"\(palette[k % palette.count])\"/>\n"
                    out += text(max(x0, x1) + 3, y + barHeight - 4, String(format: "%.3g", v), anchor: "start", size: 10)
                }
                y += barHeight
            }
            y += gap
        }
        out += legend(series, x: left, y: height - 16)
        return out + "</svg>\n"
    }

    /// Log-log lines of `series` (x = rows, y = seconds).
    static func lines(title: String, xAxis: String, yAxis: String, series: [Series]) -> String {
        let left = 70.0, top = 40.0, width = 520.0, height = 320.0
        let xs = decades(series.flatMap { $0.points.map(\.x) }), ys = decades(series.flatMap { $0.points.map(\.y) })
        func px(_ v: Double) -> Double { left + width * (log10(v) - Double(xs.lowerBound)) / Double(xs.upperBound - xs.lowerBound) }
        func py(_ v: Double) -> Double { top + height - height * (log10(v) - Double(ys.lowerBound)) / Double(ys.upperBound - ys.lowerBound) }
        let rows = (series.count + 1) / 2
        var out = svgHeader(width: left + width + 30, height: top + height + 60 + Double(rows) * 16, title: title)
        for e in xs {
            out += line(px(pow(10, Double(e))), top, px(pow(10, Double(e))), top + height, stroke: "#ddd", width: 1)
            out += text(px(pow(10, Double(e))), top + height + 16, label(e), anchor: "middle")
        }
        for e in ys {
            out += line(left, py(pow(10, Double(e))), left + width, py(pow(10, Double(e))), stroke: "#ddd", width: 1)
            out += text(left - 6, py(pow(10, Double(e))) + 4, label(e), anchor: "end")
        }
        out += text(left + width / 2, top + height + 34, xAxis, anchor: "middle")
        out += "<text x=\"16\" y=\"\(f(top + height / 2))\" transform=\"rotate(-90 16 \(f(top + height / 2)))\" text-anchor=\"middle\" font-size=\"12\">\(escape(yAxis))</text>\n"
        for (k, s) in series.enumerated() {
            let colour = palette[k % palette.count]
            let pts = s.points.filter { $0.x > 0 && $0.y > 0 }
            let path = pts.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            out += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(s.name.contains("fit only") ? " stroke-dasharray=\"5,3\"" : "")/>\n"
            for p in pts { out += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"3\" fill=\"\(colour)\"/>\n" }
        }
        for (k, s) in series.enumerated() {
            let lx = left + Double(k % 2) * width / 2, ly = top + height + 52 + Double(k / 2) * 16
            out += "<rect x=\"\(f(lx))\" y=\"\(f(ly - 9))\" width=\"10\" height=\"10\" fill=\"\(palette[k % palette.count])\"/>\n"
            out += text(lx + 14, ly, s.name, anchor: "start")
        }
        return out + "</svg>\n"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func svgHeader(width: Double, height: Double, title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" "
            + "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
            + text(width / 2, 22, title, anchor: "middle", size: 14)
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double) -> String {
        "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"/>\n"
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String, size: Int = 12) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\">\(escape(s))</text>\n"
    }

    static func legend(_ names: [String], x: Double, y: Double) -> String {
        var out = "", lx = x
        for (k, name) in names.enumerated() {
            out += "<rect x=\"\(f(lx))\" y=\"\(f(y - 9))\" width=\"10\" height=\"10\" fill=\"\(palette[k % palette.count])\"/>\n"
            out += text(lx + 14, y, name, anchor: "start")
            lx += 24 + Double(name.count) * 7
        }
        return out
    }
}
