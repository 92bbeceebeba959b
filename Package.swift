// swift-tools-version: 6.2
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "clawd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clawd", targets: ["clawd"]),
        .executable(name: "clawctl", targets: ["clawctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd",
                       providers: [.apt(["libsystemd-dev"])]),
        .target(name: "ClawCore", swiftSettings: swift6),
        .target(name: "ClawWire", dependencies: ["ClawCore"], swiftSettings: swift6),
        .target(name: "ClawStore", dependencies: [
            "ClawCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: swift6),
        .target(name: "ClawServices", dependencies: [
            "ClawCore", "ClawStore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: swift6),
        .target(name: "ClawRuntime", dependencies: [
            "ClawCore",
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ], swiftSettings: swift6),
        .target(name: "ClawSystemd", dependencies: [
            "CSystemd",
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swift6),
        .target(name: "ClawAPI", dependencies: [
            "ClawCore", "ClawStore", "ClawServices", "ClawWire",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Mustache", package: "swift-mustache"),
        ], swiftSettings: swift6),
        // Instances on a Kubernetes cluster: the object mapping and the few API calls clawd makes.
        .target(name: "ClawKubernetes", dependencies: [
            "ClawCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOFoundationCompat", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: swift6),
        .target(name: "ClawDaemon", dependencies: [
            "ClawCore", "ClawStore", "ClawServices", "ClawRuntime", "ClawSystemd", "ClawAPI", "ClawKubernetes",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            .product(name: "NIOWebSocket", package: "swift-nio"),
        ], swiftSettings: swift6),
        .target(name: "ClawClient", dependencies: [
            "ClawCore", "ClawWire",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], swiftSettings: swift6),
        .target(name: "ClawCLI", dependencies: [
            "ClawCore", "ClawWire", "ClawClient",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: swift6),
        .executableTarget(name: "clawd", dependencies: ["ClawDaemon"], swiftSettings: swift6),
        .executableTarget(name: "clawctl", dependencies: ["ClawCLI"], swiftSettings: swift6),
        .target(name: "ClawTestSupport", dependencies: [
            "ClawCore", "ClawWire", "ClawRuntime", "ClawClient",
            .product(name: "Subprocess", package: "swift-subprocess"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
        ], swiftSettings: swift6),
        .testTarget(name: "ClawCoreTests", dependencies: ["ClawCore"], swiftSettings: swift6),
        .testTarget(name: "ClawWireTests", dependencies: ["ClawWire"], swiftSettings: swift6),
        .testTarget(name: "ClawStoreTests", dependencies: ["ClawStore", "ClawTestSupport"], swiftSettings: swift6),
        .testTarget(name: "ClawServicesTests", dependencies: [
            "ClawServices", "ClawStore", "ClawTestSupport",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: swift6),
        .testTarget(name: "ClawRuntimeTests", dependencies: ["ClawRuntime", "ClawTestSupport"], swiftSettings: swift6),
        // Real podman and docker, the built clawd and clawctl, the scripts: slower, and what
        // `scripts/test` exists for. Everything else runs without a runtime or a built binary.
        .testTarget(name: "ClawIntegrationTests", dependencies: [
            "ClawDaemon", "ClawServices", "ClawStore", "ClawRuntime", "ClawClient", "ClawWire", "ClawTestSupport", "ClawSystemd",
            "ClawKubernetes",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ], swiftSettings: swift6),
        .testTarget(name: "ClawAPITests", dependencies: [
            "ClawAPI", "ClawStore", "ClawServices", "ClawTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], swiftSettings: swift6),
        .testTarget(name: "ClawKubernetesTests", dependencies: [
            "ClawKubernetes", "ClawCore", "ClawTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Yams", package: "Yams"),
        ], exclude: ["Golden"], swiftSettings: swift6),
        .testTarget(name: "ClawDaemonTests", dependencies: [
            "ClawDaemon", "ClawServices", "ClawClient", "ClawTestSupport", "ClawSystemd",
        ], swiftSettings: swift6),
    ]
)
