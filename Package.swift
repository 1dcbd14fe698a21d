// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Trunkline",
    products: [
        .executable(name: "trunkline", targets: ["trunkline"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"4.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibSSH2",
            pkgConfig: "libssh2",
            providers: [.apt(["libssh2-1-dev"])]
        ),
        .target(name: "TrunklineCore"),
        .target(name: "TrunklineTemplate", dependencies: ["TrunklineCore"]),
        .target(
            name: "TrunklineInput",
            dependencies: [
                "TrunklineCore", "TrunklineTemplate", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "TrunklineInventory",
            dependencies: ["TrunklineCore", "TrunklineInput"]
        ),
        .target(
            name: "TrunklineEngine",
            dependencies: [
                "TrunklineCore", "TrunklineInput", "TrunklineTemplate", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "TrunklinePlaybook",
            dependencies: ["TrunklineCore", "TrunklineInput", "TrunklineEngine", "TrunklineTemplate"]),
        .target(name: "TrunklineSSH", dependencies: ["CLibSSH2"]),
        .target(name: "TrunklineTransport", dependencies: ["TrunklineCore", "TrunklineSSH"]),
        .target(
            name: "TrunklineReporting",
            dependencies: ["TrunklineCore", "TrunklineInput", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "TrunklineRun",
            dependencies: [
                "TrunklineCore", "TrunklineInput", "TrunklineInventory", "TrunklineEngine", "TrunklinePlaybook",
                "TrunklineReporting", "TrunklineTransport",
            ]
        ),
        .target(
            name: "TrunklineCommands",
            dependencies: [
                "TrunklineCore", "TrunklineInput", "TrunklineInventory", "TrunklineEngine", "TrunklinePlaybook",
                "TrunklineReporting", "TrunklineRun", "TrunklineTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "trunkline", dependencies: ["TrunklineCommands"]),
        .target(
            name: "TrunklineTestSupport",
            dependencies: ["TrunklineCore", "TrunklineEngine", "TrunklineRun", "TrunklineTransport"],
            path: "Tests/TrunklineTestSupport"
        ),
        .testTarget(name: "TrunklineCoreTests", dependencies: ["TrunklineCore"]),
        .testTarget(
            name: "TrunklineTemplateTests",
            dependencies: ["TrunklineTemplate", "TrunklineCore", "TrunklineTestSupport"], exclude: ["JinjaCorpus"]),
        .testTarget(
            name: "TrunklineInventoryTests",
            dependencies: ["TrunklineInventory", "TrunklineInput", "TrunklineCore", "TrunklineTestSupport"]),
        .testTarget(
            name: "TrunklineEngineTests",
            dependencies: [
                "TrunklineEngine", "TrunklineCore", "TrunklineInput", "TrunklineTestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Golden", "Plans"]
        ),
        .testTarget(
            name: "TrunklinePlaybookTests",
            dependencies: [
                "TrunklinePlaybook", "TrunklineEngine", "TrunklineCore", "TrunklineInput", "TrunklineTestSupport",
            ]
        ),
        .testTarget(
            name: "TrunklineReportingTests",
            dependencies: [
                "TrunklineReporting", "TrunklineCore", "TrunklineTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "TrunklineRunTests",
            dependencies: [
                "TrunklineRun", "TrunklineEngine", "TrunklinePlaybook", "TrunklineTransport", "TrunklineCore",
                "TrunklineInput", "TrunklineTestSupport",
            ]
        ),
        .testTarget(
            name: "TrunklineSSHTests",
            dependencies: ["TrunklineSSH", "TrunklineTransport", "TrunklineCore", "TrunklineTestSupport"]),
        .testTarget(
            name: "TrunklineEndToEndTests",
            dependencies: [
                "TrunklineCommands", "TrunklineRun", "TrunklineEngine", "TrunklineTransport", "TrunklineReporting",
                "TrunklineCore", "TrunklineInput",
                "TrunklineTestSupport",
            ],
            exclude: ["Fuzz", "InventoryCorpus"]
        ),
    ],
    swiftLanguageModes: [.v5]
)
