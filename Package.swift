// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Trunkline",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "trunkline", targets: ["trunkline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibSSH2",
            pkgConfig: "libssh2",
            providers: [.apt(["libssh2-1-dev"])]
        ),
        .target(name: "TrunklineCore"),
        .target(name: "TrunklineSSH", dependencies: ["CLibSSH2"]),
        .target(name: "TrunklineTransport", dependencies: ["TrunklineCore", "TrunklineSSH"]),
        .target(
            name: "TrunklineCommands",
            dependencies: [
                "TrunklineCore",
                "TrunklineTransport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "trunkline", dependencies: ["TrunklineCommands"]),
        .testTarget(name: "TrunklineCoreTests", dependencies: ["TrunklineCore"]),
        .testTarget(
            name: "TrunklineSSHTests",
            dependencies: ["TrunklineSSH", "TrunklineTransport", "TrunklineCommands"]
        ),
    ],
    swiftLanguageModes: [.v5]
)
