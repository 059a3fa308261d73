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
    public static func collect(_ paths: [String], stdinFormat: InputFormat = .text) -> (files: [InputFile], errors: [LoupeError]) {
        var files: [InputFile] = []
        var errors: [LoupeError] = []
        var seenFolders = Set<String>()
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                files.append(InputFile(path: "-", id: "-", format: stdinFormat))
                continue
            }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append(LoupeError(file: path, reason: "no such file or folder"))
                continue
            }
            if !isDir.boolValue {
                let ext = (path as NSString).pathExtension
                files.append(InputFile(path: path, id: path, format: InputFormat(pathExtension: ext) ?? .text))
                continue
            }
            walk(folder: path, relative: "", into: &files, errors: &errors, seen: &seenFolders)
        }
        return (files, errors)
    }

    private static func walk(folder: String, relative: String, into files: inout [InputFile], errors: inout [LoupeError],
                             seen: inout Set<String>) {
        let fm = FileManager.default
        let real = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        guard seen.insert(real).inserted else {
            errors.append(LoupeError(file: folder, reason: "skipped: this folder was already read (symbolic link loop?)"))
            return
        }
        let entries: [String]
        do {
            entries = try fm.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            errors.append(LoupeError(file: folder, reason: "cannot read folder (\(error.localizedDescription))"))
            return
        }
        for name in entries where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            let rel = relative.isEmpty ? name : relative + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                errors.append(LoupeError(file: path, reason: "broken symbolic link"))
                continue
            }
            if isDir.boolValue {
                walk(folder: path, relative: rel, into: &files, errors: &errors, seen: &seen)
            } else if let format = InputFormat(pathExtension: (name as NSString).pathExtension) {
                files.append(InputFile(path: path, id: rel, format: format))
            }
        }
    }
}
