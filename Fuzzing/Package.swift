// swift-tools-version:6.0
import PackageDescription

/// libFuzzer harness for Loupe's input-facing code, kept out of the root package: its `main` hands over
/// to libFuzzer's driver, which only a `-sanitize=fuzzer` build links, so a plain `swift build` at the
/// root never sees it. Build and run it as the README's "Fuzzing" section says:
///
///     cd Fuzzing && swift build -c release -Xswiftc -sanitize=fuzzer,address
///     LOUPE_FUZZ=pipeline .build/release/loupe-fuzz seeds/pipeline ...
let package = Package(
    name: "LoupeFuzz",
    dependencies: [.package(name: "Loupe", path: "..")],
    targets: [
        // libFuzzer's driver, called from the executable's own main.
        .target(name: "FuzzDriver"),
        .executableTarget(name: "loupe-fuzz", dependencies: [
            "FuzzDriver",
            .product(name: "LoupeCore", package: "Loupe"),
            .product(name: "Tokenization", package: "Loupe"),
            .product(name: "Pipeline", package: "Loupe"),
            .product(name: "Ingest", package: "Loupe"),
        ], path: "Sources/LoupeFuzz"),
    ],
    swiftLanguageModes: [.v5]
)
