import Diagnostics
import Foundation
import JSON

/// A schema's place: a document and a pointer into it.
struct SchemaLocation: Hashable, Sendable {
    var document: Int
    var pointer: JSONPointer
}

/// Compiles schemas, once each, into a ``SchemaProgram``.
///
/// 1. Documents are registered with their base URI; in draft 4, every `id` in a schema position is recorded as
///    a resource (a new base, or a plain-name fragment such as `#foo`).
/// 2. ``compile(_:)`` turns the schema at a location into a node, following `$ref`s (RFC 3986 resolution against
///    the base in scope, JSON-pointer fragments percent-decoded) and reusing nodes already compiled, so cycles
///    and recursion cost nothing.
/// 3. Problems (unresolvable refs, invalid keyword values, patterns that do not compile) become diagnostics;
///    the schema still compiles, with the broken part failing loudly or ignored as the diagnostic says.
struct SchemaCompiler {
    let dialect: SchemaDialect
    let remoteDocuments: @Sendable (String) -> JSONValue?
    private(set) var documents: [SchemaDocument] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var resources: [String: SchemaLocation] = [:]
    private var idBases: [SchemaLocation: URIReference] = [:]
    /// Whether some `id` below a document's root changes the base URI (never in OpenAPI).
    private var hasEmbeddedBases = false
    private var nodes: [SchemaNode?] = []
    private var compiled: [SchemaLocation: Int] = [:]
    private var referenceChain: Set<SchemaLocation> = []
    private var reported: Set<String> = []
    private var inheritors: [SchemaLocation: [(name: String, location: SchemaLocation)]]?
    /// Resolved references by base URI and reference text: big specs repeat the same `$ref` thousands of times.
    private var resolvedReferences: [String: Result<SchemaLocation, ReferenceError>] = [:]

    init(dialect: SchemaDialect, remoteDocuments: @escaping @Sendable (String) -> JSONValue? = { _ in nil }) {
        self.dialect = dialect
        self.remoteDocuments = remoteDocuments
    }

    /// Registers a document and returns its index.
    mutating func addDocument(_ document: SchemaDocument) -> Int {
        documents.append(document)
        let index = documents.count - 1
        let base = URIReference(document.uri).withoutFragment
        let root = SchemaLocation(document: index, pointer: .root)
        if resources[base.text] == nil {
            resources[base.text] = root
        }
        idBases[root] = base
        if !dialect.isOpenAPI {
            scanIdentifiers(document.value, at: root, base: base)
        }
        return index
    }

    /// The node index of every schema compiled in `document`, by pointer.
    func compiledSchemas(in document: Int) -> [JSONPointer: Int] {
        var result: [JSONPointer: Int] = [:]
        for (location, index) in compiled where location.document == document {
            result[location.pointer] = index
        }
        return result
    }

    /// The compiled program; every index returned by ``compile(_:)`` is valid in it.
    func finish() -> SchemaProgram {
        let built = nodes.enumerated().map { index, node in
            node ?? SchemaNode(SchemaNodeParts(document: 0, pointer: JSONPointer(tokens: ["#\(index)"])))
        }
        return SchemaProgram(nodes: built, documents: documents)
    }

    // MARK: - Identifiers and references

    private mutating func scanIdentifiers(_ value: JSONValue, at location: SchemaLocation, base: URIReference) {
        guard case .object(let object) = value else { return }
        if case .string? = object["$ref"] { return }  // a $ref's siblings, id included, are ignored
        var base = base
        if case .string(let id)? = object["id"] {
            let resolved = base.resolving(URIReference(id))
            if let fragment = resolved.fragment, !fragment.isEmpty, !fragment.hasPrefix("/") {
                if resources[resolved.text] == nil { resources[resolved.text] = location }
            } else {
                base = resolved.withoutFragment
                if resources[base.text] == nil { resources[base.text] = location }
                idBases[location] = base
                hasEmbeddedBases = hasEmbeddedBases || !location.pointer.tokens.isEmpty
            }
        }
        func visit(_ child: JSONValue?, _ tokens: String...) {
            guard let child else { return }
            var pointer = location.pointer
            for token in tokens { pointer = pointer.appending(token) }
            scanIdentifiers(child, at: SchemaLocation(document: location.document, pointer: pointer), base: base)
        }
        for keyword in ["properties", "patternProperties", "definitions", "dependencies"] {
            if case .object(let members)? = object[keyword] {
                for (key, child) in members { visit(child, keyword, key) }
            }
        }
        for keyword in ["additionalProperties", "additionalItems", "not", "items"] {
            visit(object[keyword], keyword)
        }
        for keyword in ["items", "allOf", "anyOf", "oneOf"] {
            if case .array(let elements)? = object[keyword] {
                for (index, child) in elements.enumerated() { visit(child, keyword, String(index)) }
            }
        }
    }

    private func baseURI(of location: SchemaLocation) -> URIReference {
        if !hasEmbeddedBases, let base = idBases[SchemaLocation(document: location.document, pointer: .root)] {
            return base
        }
        var tokens = location.pointer.tokens
        while true {
            if let base = idBases[SchemaLocation(document: location.document, pointer: JSONPointer(tokens: tokens))] {
                return base
            }
            if tokens.isEmpty { break }
            tokens.removeLast()
        }
        return URIReference(documents[location.document].uri)
    }

    /// Where the `$ref` text `reference`, written at `location`, points; or why it points nowhere.
    mutating func resolve(_ reference: String, from location: SchemaLocation) -> Result<SchemaLocation, ReferenceError>
    {
        let target = baseURI(of: location).resolving(URIReference(reference))
        let documentKey = target.withoutFragment.text
        let fragment = target.fragment ?? ""
        if !fragment.isEmpty && !fragment.hasPrefix("/") {
            if resources[target.text] == nil { _ = loadRemote(documentKey) }
            guard let found = resources[target.text] else {
                return .failure(ReferenceError(reference: reference, reason: "no schema has the id '#\(fragment)'"))
            }
            return .success(found)
        }
        guard let resource = resources[documentKey] ?? loadRemote(documentKey) else {
            let isLocalDocument = documentKey == URIReference(documents[location.document].uri).withoutFragment.text
            let reason =
                isLocalDocument
                ? "the document is missing"
                : dialect.isOpenAPI
                    ? "remote references are not supported; only local references such as '#/components/schemas/Name'"
                    : "cannot load '\(documentKey)'"
            return .failure(ReferenceError(reference: reference, reason: reason))
        }
        let pointer: JSONPointer
        do {
            // Percent-decoding goes through Foundation; most fragments have nothing to decode.
            pointer =
                fragment.utf8.contains(UInt8(ascii: "%"))
                ? try JSONPointer(uriFragment: "#" + fragment) : try JSONPointer(parsing: fragment)
        } catch {
            return .failure(ReferenceError(reference: reference, reason: error.reason))
        }
        let resolved = SchemaLocation(
            document: resource.document,
            pointer: JSONPointer(tokens: resource.pointer.tokens + pointer.tokens)
        )
        guard documents[resolved.document].value.value(at: resolved.pointer) != nil else {
            return .failure(
                ReferenceError(reference: reference, reason: "nothing is at '\(resolved.pointer)'")
            )
        }
        return .success(resolved)
    }

    private mutating func loadRemote(_ key: String) -> SchemaLocation? {
        if let known = resources[key] { return known }
        let value: JSONValue?
        if key == "http://json-schema.org/draft-04/schema" {
            value = try? JSONParser.parse(MetaSchemas.draft4, path: key)
        } else {
            value = remoteDocuments(key)
        }
        guard let value else { return nil }
        let index = addDocument(SchemaDocument(uri: key, value: value))
        return SchemaLocation(document: index, pointer: .root)
    }

    /// An unresolvable `$ref`.
    struct ReferenceError: Error, Sendable {
        var reference: String
        var reason: String

        var message: String { "$ref '\(reference)' does not resolve: \(reason)" }
    }

    // MARK: - Diagnostics

    mutating func report(_ message: String, at location: SchemaLocation, _ tokens: String...) {
        var pointer = location.pointer
        for token in tokens { pointer = pointer.appending(token) }
        let key = "\(location.document)\(pointer)\u{0}\(message)"
        guard reported.insert(key).inserted else { return }
        let fileLocation = documents[location.document].locate(pointer)
        let notes = fileLocation == nil ? ["at \(pointer.uriFragment) in \(documents[location.document].uri)"] : []
        diagnostics.append(Diagnostic(.error, message, at: fileLocation, notes: notes))
    }

    // MARK: - Compiling

    /// The node index of the schema at `location`, compiling it (and what it needs) on first use.
    mutating func compile(_ location: SchemaLocation) -> Int {
        if let index = compiled[location] { return index }
        let value = documents[location.document].value.value(at: location.pointer) ?? .null
        if case .object(let object) = value, case .string(let reference)? = object["$ref"] {
            guard referenceChain.insert(location).inserted else {
                report("$ref '\(reference)' refers to itself in a cycle of references", at: location, "$ref")
                return brokenNode(at: location, "$ref '\(reference)' refers to itself in a cycle of references")
            }
            defer { referenceChain.remove(location) }
            switch resolve(reference, from: location) {
            case .success(let target):
                let index = compile(target)
                compiled[location] = index
                return index
            case .failure(let error):
                report(error.message, at: location, "$ref")
                return brokenNode(at: location, error.message)
            }
        }
        let index = nodes.count
        nodes.append(nil)
        compiled[location] = index
        var parts = SchemaNodeParts(document: location.document, pointer: location.pointer)
        parts.name = Self.name(of: location.pointer)
        if case .object(let object) = value {
            compileKeywords(object, at: location, into: &parts)
        } else if case .bool = value, !dialect.isOpenAPI {
            report("a draft 4 schema must be an object, not a boolean", at: location)
        } else {
            report("a schema must be an object, not \(value.typeName)", at: location)
        }
        nodes[index] = SchemaNode(parts)
        return index
    }

    private mutating func brokenNode(at location: SchemaLocation, _ message: String) -> Int {
        var parts = SchemaNodeParts(document: location.document, pointer: location.pointer)
        parts.brokenReference = message
        nodes.append(SchemaNode(parts))
        compiled[location] = nodes.count - 1
        return nodes.count - 1
    }

    /// `Name` for `/components/schemas/Name` or `/definitions/Name`.
    static func name(of pointer: JSONPointer) -> String? {
        let tokens = pointer.tokens
        guard tokens.count >= 2, tokens[tokens.count - 2] == "schemas" || tokens[tokens.count - 2] == "definitions"
        else { return nil }
        return tokens[tokens.count - 1]
    }

    mutating func child(_ location: SchemaLocation, _ tokens: String...) -> Int {
        var pointer = location.pointer
        for token in tokens { pointer = pointer.appending(token) }
        return compile(SchemaLocation(document: location.document, pointer: pointer))
    }

    /// The sub-schemas of an `allOf`, `anyOf` or `oneOf`.
    mutating func schemaList(
        _ object: JSONObject,
        _ keyword: String,
        at location: SchemaLocation
    ) -> [Int] {
        guard let value = object[keyword] else { return [] }
        guard case .array(let elements) = value, !elements.isEmpty else {
            report("'\(keyword)' must be a non-empty array of schemas", at: location, keyword)
            return []
        }
        return elements.indices.map { child(location, keyword, String($0)) }
    }

    mutating func nonNegativeInteger(_ object: JSONObject, _ keyword: String, at location: SchemaLocation) -> Int? {
        guard let value = object[keyword] else { return nil }
        guard case .number(let number) = value, number.isInteger, !number.exactValue.isNegative else {
            report("'\(keyword)' must be a non-negative integer", at: location, keyword)
            return nil
        }
        return number.intValue ?? Int.max
    }

    mutating func number(_ object: JSONObject, _ keyword: String, at location: SchemaLocation) -> JSONNumber? {
        guard let value = object[keyword] else { return nil }
        guard case .number(let number) = value else {
            report("'\(keyword)' must be a number", at: location, keyword)
            return nil
        }
        return number
    }

    mutating func boolean(_ object: JSONObject, _ keyword: String, at location: SchemaLocation) -> Bool {
        guard let value = object[keyword] else { return false }
        guard case .bool(let flag) = value else {
            report("'\(keyword)' must be true or false", at: location, keyword)
            return false
        }
        return flag
    }

    /// Schemas in `components/schemas` whose `allOf` refers to `location`: the implicit discriminator targets of
    /// a base schema.
    mutating func schemasExtending(_ location: SchemaLocation) -> [(name: String, location: SchemaLocation)] {
        if inheritors == nil {
            var found: [SchemaLocation: [(name: String, location: SchemaLocation)]] = [:]
            for (documentIndex, document) in documents.enumerated() {
                guard case .object(let schemas)? = document.value["components"]?["schemas"] else { continue }
                for (name, schema) in schemas {
                    guard case .array(let parts)? = schema["allOf"] else { continue }
                    let here = SchemaLocation(
                        document: documentIndex,
                        pointer: JSONPointer(tokens: ["components", "schemas", name])
                    )
                    for (index, part) in parts.enumerated() {
                        guard case .string(let reference)? = part["$ref"] else { continue }
                        let from = SchemaLocation(
                            document: documentIndex,
                            pointer: here.pointer.appending("allOf").appending(index: index)
                        )
                        if case .success(let base) = resolve(reference, from: from) {
                            found[base, default: []].append((name, here))
                        }
                    }
                }
            }
            inheritors = found
        }
        return inheritors?[location] ?? []
    }
}
