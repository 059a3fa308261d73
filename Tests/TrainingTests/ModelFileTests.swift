import Entities
import Foundation
import LoupeCore
import XCTest

/// The model file names the feature schema it was trained for; files that are not models, are cut short
/// or were trained for other features are refused with a message that names the file.
final class ModelFileTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("loupe-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func loadError(_ path: String) -> String {
        do {
            _ = try NERModel.load(path: path)
            return "loaded"
        } catch {
            return error.description
        }
    }

    private func builtIn() throws -> NERModel { try XCTUnwrap(try NERModel.builtIn) }

    func testFileStoresThisBuildsFingerprint() throws {
        let bytes = try builtIn().serialized()
        XCTAssertEqual(Array(bytes[0..<4]), Array("LNER".utf8))
        let fingerprint = bytes[8..<16].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        XCTAssertEqual(fingerprint, NERFeatureSchema.fingerprint)
        XCTAssertEqual(NERFeatureSchema.name.count, 16)
    }

    func testModelForOtherFeaturesIsRefused() throws {
        var bytes = try builtIn().serialized()
        bytes[8] ^= 0xff
        let path = try write(bytes, "other.bin")
        let message = loadError(path)
        XCTAssertTrue(message.hasPrefix(path + ": "), message)
        XCTAssertTrue(message.contains("this model was trained for feature schema"), message)
        XCTAssertTrue(message.contains("this build uses \(NERFeatureSchema.name)"), message)
        XCTAssertTrue(message.contains("retrain with `loupe train ner`"), message)
    }

    func testModelWithoutFingerprintIsRefused() throws {
        // Version 3 layout: the same file without the fingerprint.
        var bytes = try builtIn().serialized()
        bytes.removeSubrange(8..<16)
        bytes[4] = 3
        let message = loadError(try write(bytes, "v3.bin"))
        XCTAssertTrue(message.contains("without a feature schema fingerprint"), message)
    }

    func testMissingGarbageAndTruncatedFilesAreErrorsNotCrashes() throws {
        let missing = directory.appendingPathComponent("missing.bin").path
        XCTAssertEqual(loadError(missing), "\(missing): no such file")
        let garbage = try write(Array("ceci n'est pas un modèle".utf8), "garbage.bin")
        XCTAssertEqual(loadError(garbage), "\(garbage): not a Loupe NER model")
        XCTAssertEqual(loadError(try write([], "empty.bin")).hasSuffix("not a Loupe NER model"), true)
        let full = try builtIn().serialized()
        for cut in [12, 20, 30, 1000, full.count / 2, full.count - 1] {
            let message = loadError(try write(Array(full[0..<cut]), "cut\(cut).bin"))
            XCTAssertTrue(message.hasSuffix("truncated NER model"), "\(cut): \(message)")
        }
        // A header that claims billions of features is refused before anything is allocated for them.
        var huge = Array(full[0..<28])
        huge[20] = 0xff; huge[21] = 0xff; huge[22] = 0xff; huge[23] = 0x7f
        XCTAssertTrue(loadError(try write(huge, "huge.bin")).hasSuffix("truncated NER model"))
        let longer = try write(full + [0, 0, 0], "longer.bin")
        XCTAssertNotEqual(loadError(longer), "loaded")
    }

    /// Changing any declared part of the schema changes the fingerprint; the value itself is pinned so that
    /// a change to a template, the folding or the hashing cannot go unnoticed (update it with a retrained model).
    func testFingerprintIsPinned() {
        XCTAssertEqual(NERFeatureSchema.name, "5239efa9d7fd45d3",
                       "the feature schema changed: retrain the shipped model (Sources/FrenchData/data/SOURCES-ner.md), then update this value")
    }
}
