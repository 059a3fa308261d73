import Foundation
import LoupeCore

/// One input to read: a file found under the paths given on the command line, or standard input.
public struct InputFile: Sendable, Equatable {
    /// The path to open, or `-` for standard input.
    public var path: String
    /// The document id: the path relative to the folder argument, or the path as given.
    public var id: String
    public var format: InputFormat

    public init(path: String, id: String, format: InputFormat) {
        self.path = path
        self.id = id
        self.format = format
    }
}

/// Turns command-line paths into the list of files to read.
///
/// Folders are walked recursively in name order (so `000_…` comes first), skipping hidden entries and
/// files of other types; a symbolic link is followed once (loops are detected by real path).
/// Problems (a path that does not exist, an unreadable folder) come back as errors; the walk goes on.
public enum InputFiles {
    /// What a walk found: the files to read, the problems, and the files skipped for their type.
    public struct Collected: Sendable {
        public var files: [InputFile] = []
        public var errors: [LoupeError] = []
        /// Files in the folders walked that Loupe does not read, by lower-cased extension ("pdf", "docx";
        /// files without an extension, such as README, are not counted), with their count: the summary names them so that a folder of PDFs does not pass for empty.
        public var skipped: [String: Int] = [:]
    }

    public static func collect(_ paths: [String], stdinFormat: InputFormat = .text) -> (files: [InputFile], errors: [LoupeError]) {
        let c = collectAll(paths, stdinFormat: stdinFormat)
        return (c.files, c.errors)
    }

    /// - Parameter stdinID: the id of the document read from standard input (`-`); without it, the
    ///   reader derives one from the content (``DocumentReader/stdinID(_:)``), or takes a JSONL line's `id`.
    public static func collectAll(_ paths: [String], stdinFormat: InputFormat = .text, stdinID: String? = nil) -> Collected {
        var result = Collected()
        var seenFolders = Set<String>()
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                result.files.append(InputFile(path: "-", id: stdinID ?? "-", format: stdinFormat))
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                result.errors.append(LoupeError(file: path, reason: "no such file or folder"))
                continue
            }
            if !isDir.boolValue {
                let ext = (path as NSString).pathExtension
                result.files.append(InputFile(path: path, id: path, format: InputFormat(pathExtension: ext) ?? .text))
                continue
            }
            walk(folder: path, relative: "", into: &result, seen: &seenFolders)
        }
        return result
    }

    private static func walk(folder: String, relative: String, into result: inout Collected, seen: inout Set<String>) {
        let fm = FileManager.default
        let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard seen.insert(real).inserted else {
            result.errors.append(LoupeError(file: folder, reason: "skipped: this folder was already read (symbolic link loop?)"))
            return
        }
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            result.errors.append(LoupeError(file: folder, reason: "cannot read folder (\(error.localizedDescription))"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                result.errors.append(LoupeError(file: path, reason: "broken symbolic link"))
                continue
            }
            let ext = (name as NSString).pathExtension
            if isDir.boolValue {
                walk(folder: path, relative: rel, into: &result, seen: &seen)
            } else if let format = InputFormat(pathExtension: ext) {
                result.files.append(InputFile(path: path, id: rel, format: format))
            } else if !ext.isEmpty {  // README, LICENSE, ATTRIBUTION: not documents
                result.skipped[ext.lowercased(), default: 0] += 1
            }
        }
    }
}
