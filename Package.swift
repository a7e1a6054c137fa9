// swift-tools-version: 6.3
import PackageDescription

let package = Package(
    name: "meshcheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "meshcheck", targets: ["meshcheck"])
    ],
    targets: [
        // Layer 0
        .target(name: "Diagnostics"),
        .target(name: "ArgumentParsing", dependencies: ["Diagnostics"]),  // "did you mean" comes from Diagnostics

        // Layer 1
        .target(name: "JSON", dependencies: ["Diagnostics"]),
        .target(name: "HTTP"),

        // Layer 2
        .target(name: "YAML", dependencies: ["JSON", "Diagnostics"]),

        // Layer 3
        .target(name: "OpenAPI", dependencies: ["Diagnostics", "JSON", "YAML"]),

        // Layer 4
        .target(name: "Suites", dependencies: ["OpenAPI", "YAML", "JSON", "Diagnostics"]),
        .target(name: "MockServer", dependencies: ["Diagnostics", "JSON", "HTTP", "OpenAPI"]),
        .target(name: "Compat", dependencies: ["OpenAPI", "JSON", "Diagnostics"]),

        // Layer 5
        .target(name: "Runner", dependencies: ["Suites", "OpenAPI", "HTTP", "JSON", "Diagnostics"]),

        // Layer 6
        .target(name: "Gating", dependencies: ["Runner", "YAML", "JSON", "Diagnostics"]),
        .target(name: "Fidelity", dependencies: ["Runner", "Suites", "OpenAPI", "JSON", "Diagnostics"]),

        // Layer 7
        .target(
            name: "Reports",
            dependencies: ["Runner", "Suites", "Compat", "Fidelity", "OpenAPI", "JSON", "Diagnostics"]
        ),

        // Layer 8
        .target(
            name: "MeshCheckCLI",
            dependencies: [
                "ArgumentParsing", "Diagnostics", "JSON", "YAML", "OpenAPI", "HTTP", "Suites", "MockServer", "Compat",
                "Runner", "Fidelity", "Reports", "Gating",
            ]
        ),

        // Layer 9
        .executableTarget(name: "meshcheck", dependencies: ["MeshCheckCLI"]),
        .executableTarget(
            name: "meshcheck-bench",
            dependencies: [
                "Diagnostics", "JSON", "YAML", "HTTP", "OpenAPI", "MockServer", "Compat", "Suites", "Runner",
                "Fidelity", "Reports", "Gating",
            ]
        ),

        // Tests
        .target(name: "TestSupport", dependencies: ["HTTP", "JSON"], path: "Tests/TestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics", "TestSupport"]),
        .testTarget(name: "ArgumentParsingTests", dependencies: ["ArgumentParsing", "TestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "TestSupport"]),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "JSON", "Diagnostics", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(
            name: "OpenAPITests",
            dependencies: ["OpenAPI", "JSON", "Diagnostics", "TestSupport"],
            exclude: ["__Goldens__"]
        ),
        .testTarget(
            name: "SuitesTests",
            dependencies: ["Suites", "OpenAPI", "YAML", "JSON", "Diagnostics", "TestSupport"]
        ),
        .testTarget(
            name: "MockServerTests",
            dependencies: ["MockServer", "OpenAPI", "HTTP", "JSON", "TestSupport"]
        ),
        .testTarget(
            name: "CompatTests",
            dependencies: ["Compat", "OpenAPI", "JSON", "Diagnostics", "TestSupport"],
            exclude: ["__Goldens__"]
        ),
        .testTarget(
            name: "RunnerTests",
            dependencies: ["Runner", "Suites", "OpenAPI", "HTTP", "JSON", "Diagnostics", "TestSupport"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Runner", "Compat", "Fidelity", "Suites", "OpenAPI", "HTTP", "JSON", "Diagnostics",
                "TestSupport",
            ],
            exclude: ["__Goldens__", "__Fixtures__"]
        ),
        .testTarget(
            name: "GatingTests",
            dependencies: ["Gating", "Runner", "Diagnostics", "JSON", "TestSupport"]
        ),
        .testTarget(
            name: "FidelityTests",
            dependencies: ["Fidelity", "Runner", "Suites", "OpenAPI", "JSON", "Diagnostics", "TestSupport"]
        ),
        .testTarget(
            name: "ShippedSuitesTests",
            dependencies: ["meshcheck", "MockServer", "OpenAPI", "JSON", "TestSupport"]
        ),
        .testTarget(
            name: "HostileServerTests",
            dependencies: [
                "meshcheck", "Reports", "Runner", "Suites", "OpenAPI", "HTTP", "JSON", "Diagnostics", "TestSupport",
            ]
        ),
        .testTarget(
            name: "MeshCheckCLITests",
            dependencies: [
                "ArgumentParsing", "MeshCheckCLI", "meshcheck", "JSON", "HTTP", "OpenAPI", "MockServer", "TestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzz targets (`make fuzz`): libFuzzer entry points built with `-sanitize=fuzzer`, part of the package only when
// MESHCHECK_FUZZ=1, so `swift build` and `swift test` never see them (docs/hardening.md).
if Context.environment["MESHCHECK_FUZZ"] == "1" {
    package.targets += [
        .executableTarget(name: "FuzzJSON", dependencies: ["JSON"], path: "Fuzz/FuzzJSON"),
        .executableTarget(name: "FuzzYAML", dependencies: ["YAML", "JSON", "Diagnostics"], path: "Fuzz/FuzzYAML"),
        .executableTarget(name: "FuzzHTTPRequest", dependencies: ["HTTP"], path: "Fuzz/FuzzHTTPRequest"),
    ]
}

for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // Require `any` for existential types (SE-0335).
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // Only members of modules imported in this file are visible (SE-0444).
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // Imports are internal unless marked `public import` (SE-0409).
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    // Nonisolated async functions run on the caller's actor (SE-0461).
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
