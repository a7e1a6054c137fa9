import JSON
import MockServer
import OpenAPI
import TestSupport
import Testing

/// Generated values satisfy their schemas, look real, and depend only on the seed.
struct SchemaSamplerTests {
    static let sampler = SchemaSampler(document: MeshSpec.document)

    @Test func everyComponentSchemaSamplesToAValidValueBothWays() async throws {
        // Off the pool: 720 samples and validations of the whole spec hold a thread for a second or more.
        let (checked, failures) = try await offThePool { () -> (Int, [String]) in
            var checked = 0
            var failures: [String] = []
            for name in MeshSpec.document.schemaNames {
                guard let validator = MeshSpec.document.schema(named: name) else { continue }
                let pointer = JSONPointer(tokens: ["components", "schemas", name])
                for (context, seed) in [(ValidationContext.response, UInt64(1)), (.request, 2), (.response, 3)] {
                    let value = Self.sampler.sample(schemaAt: pointer, seed: seed, context: context)
                    let violations = value.map { validator.validate($0, in: context) } ?? []
                    if value == nil || !violations.isEmpty {
                        failures.append("\(name) (\(context)): \(value == nil ? "no sample" : "\(violations)")")
                    }
                    checked += 1
                }
            }
            return (checked, failures)
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        print("schema sampler: \(MeshSpec.document.schemaNames.count) schemas, \(checked) samples validated")
        #expect(MeshSpec.document.schemaNames.count == 240)
        #expect(checked == 720)
    }

    @Test func theSameSeedGivesTheSameValueAndAnotherSeedAnother() throws {
        let pointer = JSONPointer(tokens: ["components", "schemas", "B2BBrokerAuthResponse"])
        let first = try #require(Self.sampler.sample(schemaAt: pointer, seed: 42, context: .response))
        let again = try #require(Self.sampler.sample(schemaAt: pointer, seed: 42, context: .response))
        let other = try #require(Self.sampler.sample(schemaAt: pointer, seed: 43, context: .response))
        #expect(first.serialized() == again.serialized())
        #expect(first.serialized() != other.serialized())
    }

    @Test func valuesFollowFormatsAndNames() throws {
        let account = try #require(
            Self.sampler.sample(
                schemaAt: JSONPointer(tokens: ["components", "schemas", "BrokerAccount"]),
                seed: 5,
                context: .response
            )
        )
        let uuid = try #require(account["meshAccountId"]?.stringValue)
        #expect(uuid.count == 36 && uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(account["fund"]?.numberValue?.doubleValue ?? 0 > 0)
        // Requests leave read-only properties out.
        let request = try #require(
            Self.sampler.sample(
                schemaAt: JSONPointer(tokens: ["components", "schemas", "BrokerAccount"]),
                seed: 5,
                context: .request
            )
        )
        #expect(account["frontAccountId"] != nil)
        #expect(request["frontAccountId"] == nil)
        let type = try #require(
            Self.sampler.sample(
                schemaAt: JSONPointer(tokens: ["components", "schemas", "BrokerType"]),
                seed: 9,
                context: .response
            )
        )
        let brokers = MeshSpec.document.source.value["components"]?["schemas"]?["BrokerType"]?["enum"]?.arrayValue
        #expect(brokers?.contains(type) == true)
    }
}
