import ArgumentParser
import Foundation

/// Warnings and errors on standard error, prefixed so they can be told apart from results.
struct Messages {
    var quiet: Bool
    func warning(_ text: String) { if !quiet { write("warning: " + text) } }
    func error(_ text: String) { write("error: " + text) }
    /// On a terminal, first clear the progress bar's line.
    private func write(_ line: String) {
        let clear = isatty(2) != 0 ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write((clear + line + "\n").data(using: .utf8)!)
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private let started = Date()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 0
    }

    func advance(by n: Int) { advance(to: done + n) }

    func advance(to n: Int) {
        done = n
        guard enabled else { return }
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String(format: "\r%@ %d/%d files  %.1f s", bar, done, total, Date().timeIntervalSince(started))
        FileHandle.standardError.write(line.data(using: .utf8)!)
    }

    func finish() {
        if enabled { FileHandle.standardError.write("\r\u{1B}[K".data(using: .utf8)!) }
    }
}

enum Format {
    /// "1 sentence", "2 sentences", "1,204 words": a count with its noun in the right number.
    static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(thousands(n)) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// 12345 → "12,345".
    static func thousands(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func score(_ x: Double?) -> String {
        guard let x else { return "" }
        return String(format: "%+.2f", x)
    }

    /// The terminal's width in columns when standard output is one, else `COLUMNS`, else 100.
    static var terminalWidth: Int {
        var size = winsize()
        if isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c >= 40 { return c }
        return 100
    }

    /// `s` cut into lines of at most `width` characters at spaces (a longer word gets a line of its own),
    /// every line after the first starting with `indent` spaces; the first line is `width - firstUsed` wide.
    static func wrap(_ s: String, width: Int, indent: Int, firstUsed: Int = 0) -> String {
        var lines: [String] = []
        var line = ""
        var room = width - firstUsed
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && line.count + 1 + word.count > room {
                lines.append(line)
                line = ""
                room = width - indent
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n" + String(repeating: " ", count: indent))
    }

    /// Cuts `s` to `width` characters with an ellipsis.
    static func fit(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(max(0, width - 1))) + "…"
    }

    /// Rows as aligned columns; the last column takes what is left of `maxWidth`. With colour on, the header
    /// is bold and the cells of `scores` (signed numbers such as +0.25) green or red by sign.
    static func table(_ header: [String], _ rows: [[String]], maxWidth: Int = 100, rightAligned: Set<Int> = [], scores: Set<Int> = []) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        widths[widths.count - 1] = max(8, min(widths[widths.count - 1], maxWidth - fixed))
        func line(_ cells: [String], isHeader: Bool) -> String {
            var parts: [String] = []
            for (i, cell) in cells.enumerated() {
                var c = fit(cell, widths[i])
                let pad = String(repeating: " ", count: widths[i] - c.count)
                if isHeader { c = Style.bold(c) } else if scores.contains(i) { c = Style.score(c) }
                parts.append(rightAligned.contains(i) ? pad + c : (i == cells.count - 1 ? c : c + pad))
            }
            var joined = parts.joined(separator: "  ")
            while joined.hasSuffix(" ") { joined.removeLast() }
            return joined
        }
        return ([line(header, isHeader: true)] + rows.map { line($0, isHeader: false) }).joined(separator: "\n")
    }
}

/// Prints `message` on standard error and gives the exit status to throw: `throw failure("…")`.
func failure(_ message: String) -> ExitCode {
    FileHandle.standardError.write(("error: " + message + "\n").data(using: .utf8)!)
    return ExitCode.failure
}

/// Terminal colour: only when standard output is a terminal and `NO_COLOR` is not set (https://no-color.org).
enum Style {
    static let enabled: Bool = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        && ProcessInfo.processInfo.environment["TERM"] != "dumb"

    static func bold(_ s: String) -> String { wrap(s, "1") }
    static func dim(_ s: String) -> String { wrap(s, "2") }
    static func green(_ s: String) -> String { wrap(s, "32") }
    static func red(_ s: String) -> String { wrap(s, "31") }

    /// A signed score coloured by its sign: green above +0.05, red below -0.05, plain near 0.
    static func score(_ s: String) -> String {
        guard let x = Double(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "+", with: "")) else { return s }
        return x >= 0.05 ? green(s) : x <= -0.05 ? red(s) : s
    }

    /// A section heading.
    static func heading(_ s: String) -> String { bold(s) }

    private static func wrap(_ s: String, _ code: String) -> String {
        enabled && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
