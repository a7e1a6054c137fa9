import Diagnostics
import JSON
import OpenAPI

/// Puts a value of the declared type where redaction left `"<redacted>"` in place of a number, a boolean, an array
/// or an object, so a recorded body still matches its schema when it is replayed.
///
/// The redactor masks members by name (`refreshTokenExpiresInSeconds` holds `refreshToken`), whatever their
/// value; the real value is gone, so the stand-in is sampled from the member's schema (``SchemaSampler``, seed 0).
/// A string member keeps the mask.
struct MaskedValueRepair {
    let resolver: SchemaResolver
    let sampler: SchemaSampler

    init(document: OpenAPIDocument) {
        self.sampler = SchemaSampler(document: document)
        self.resolver = sampler.resolver
    }

    /// The body with masked non-string members replaced; how many were replaced.
    func repair(_ value: JSONValue, schema: JSONValue?) -> (JSONValue, Int) {
        var count = 0
        let repaired = walk(value, schema: schema, depth: 0, count: &count)
        return (repaired, count)
    }

    private func walk(_ value: JSONValue, schema: JSONValue?, depth: Int, count: inout Int) -> JSONValue {
        guard let schema, depth < BodyWalk.depthLimit else { return value }
        let facts = resolver.facts(of: schema)
        switch value {
        case .string(let text) where text == SecretRedactor.mask:
            guard !facts.types.isEmpty, !facts.types.contains("string") else { return value }
            count += 1
            return sampler.sample(schema, seed: 0, context: .response)
        case .object(var object):
            for key in object.keys {
                guard let member = object[key] else { continue }
                let memberSchema = BodyWalk.memberSchema(key, in: facts, resolver: resolver)
                object[key] = walk(member, schema: memberSchema, depth: depth + 1, count: &count)
            }
            return .object(object)
        case .array(let items):
            let itemSchema = BodyWalk.itemSchema(in: facts, resolver: resolver)
            return .array(items.map { walk($0, schema: itemSchema, depth: depth + 1, count: &count) })
        default:
            return value
        }
    }
}
