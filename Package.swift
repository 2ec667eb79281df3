// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // libcmark from Debian's libcmark-dev; only DossierMarkdown imports it.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Plain values shared by every stage: diagnostics, site config, briefings, routes.
        .target(name: "DossierModel"),
        // Markdown → HTML through libcmark: safe mode, heading ids, fenced-block hooks.
        .target(name: "DossierMarkdown", dependencies: ["CCmark", "DossierModel"]),
        // CSV → DataTable with physical line numbers; empty cells stay missing.
        .target(
            name: "DossierData",
            dependencies: ["DossierModel", .product(name: "CSV", package: "CSV.swift")]
        ),
        // ChartSpec + DataTable → accessible SVG: scales, ticks, labels, number formats. No I/O.
        .target(name: "DossierCharts", dependencies: ["DossierModel", "DossierData"]),
        // Mustache compiled once into flat instructions, rendered against typed values into bytes;
        // strict variable checks and the `{{@component}}` construct. No I/O.
        .target(name: "DossierTemplates", dependencies: ["DossierModel"]),
        // Site search: the tokenizer (folding, CJK), per-document entries and the sharded static
        // index the search page's script reads. No I/O.
        .target(name: "DossierSearch"),
        // The default theme inside the binary, generated from the top-level templates/ folder.
        .executableTarget(name: "theme-embedder"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["theme-embedder"]),
        .target(name: "DossierTheme", plugins: ["EmbedTheme"]),
        // The version (VERSION file) and commit (.git, read without git) stamped into DossierCLI.
        .executableTarget(name: "version-stamper"),
        .plugin(name: "StampVersion", capability: .buildTool(), dependencies: ["version-stamper"]),
        // Load → Resolve → Render → Write.
        .target(
            name: "DossierSite",
            dependencies: [
                "DossierModel", "DossierMarkdown", "DossierData", "DossierCharts", "DossierTemplates", "DossierTheme",
                "DossierSearch",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The commands; a library so tests can drive them.
        .target(
            name: "DossierCLI",
            dependencies: [
                "DossierSite", "DossierModel", "DossierMarkdown",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["StampVersion"]
        ),
        // `dossier serve`: preview server, file watcher, live reload. Its own module, so that the
        // core's tests do not wait for Hummingbird to build.
        .target(
            name: "DossierServer",
            dependencies: [
                "DossierSite", "DossierModel", "DossierCLI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The command tree users run (DossierCLI's commands plus serve); the executable calls it.
        .target(
            name: "DossierApp",
            dependencies: [
                "DossierCLI", "DossierServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "dossier", dependencies: ["DossierApp"]),
        .testTarget(name: "DossierChartsTests", dependencies: ["DossierCharts", "DossierData", "DossierModel"], exclude: ["Golden"]),
        .testTarget(name: "DossierDataTests", dependencies: ["DossierData", "DossierModel"]),
        .testTarget(
            name: "DossierTemplatesTests",
            dependencies: ["DossierTemplates", "DossierModel"],
            exclude: ["Spec"]  // the Mustache spec's JSON files and licence, read from the source tree
        ),
        .testTarget(name: "DossierServerTests", dependencies: ["DossierApp", "DossierServer", "DossierCLI", "DossierSite", "DossierModel"]),
        // Release checks: version and commit, NOTICE against Package.resolved, CHANGELOG, example CI files.
        .testTarget(
            name: "DossierReleaseTests",
            dependencies: ["DossierCLI", "DossierMarkdown", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "DossierSearchTests", dependencies: ["DossierSearch"], exclude: ["Golden"]),
        .testTarget(name: "DossierMarkdownTests", dependencies: ["DossierMarkdown", "DossierModel"]),
        .testTarget(
            name: "DossierSiteTests",
            dependencies: ["DossierSite", "DossierModel", "DossierCLI", "DossierApp", "DossierSearch"],
            exclude: ["Golden", "Fixtures"]  // read from the source tree (golden files are regenerated in place)
        ),
    ]
)
