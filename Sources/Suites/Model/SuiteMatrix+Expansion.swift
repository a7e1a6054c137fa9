public import JSON
public import OpenAPI

extension SuiteMatrix {
    /// One combination of matrix values, in dimension order.
    public typealias Combination = [(name: String, value: JSONValue)]

    /// Every combination, the first dimension varying slowest.
    ///
    /// - Parameters:
    ///   - document: The spec, for `{ enum: Schema }` dimensions.
    ///   - scope: Resolves templates in listed values.
    /// - Returns: The combinations.
    /// - Throws: ``MatrixError`` when a schema has no `enum` or a template cannot be resolved.
    public func combinations(in document: OpenAPIDocument?, scope: TemplateScope) throws(MatrixError) -> [Combination] {
        var result: [Combination] = [[]]
        for dimension in dimensions {
            let values: [JSONValue]
            switch dimension.values {
            case .list(let items):
                var rendered: [JSONValue] = []
                for item in items {
                    do {
                        rendered.append(try scope.render(item))
                    } catch {
                        throw MatrixError(message: "matrix '\(dimension.name)': \(error.reason)")
                    }
                }
                values = rendered
            case .schemaEnum(let name):
                guard let document, let found = Self.enumValues(ofSchemaNamed: name, in: document) else {
                    throw MatrixError(message: "matrix '\(dimension.name)': schema '\(name)' has no enum in the spec")
                }
                values = found
            }
            result = result.flatMap { prefix in values.map { prefix + [(dimension.name, $0)] } }
        }
        return result
    }

    /// The `enum` of `components/schemas/NAME`, following `$ref` and single-branch `allOf` wrappers.
    ///
    /// - Parameters:
    ///   - name: The schema's name.
    ///   - document: The spec.
    /// - Returns: The values, or `nil` when the schema is missing or has no `enum`.
    public static func enumValues(ofSchemaNamed name: String, in document: OpenAPIDocument) -> [JSONValue]? {
        var pointer = JSONPointer(tokens: ["components", "schemas", name])
        for _ in 0..<16 {
            guard let object = document.source.value.value(at: pointer)?.objectValue else { return nil }
            if case .array(let values)? = object["enum"] { return values }
            if case .string(let reference)? = object["$ref"], reference.hasPrefix("#"),
                let target = try? JSONPointer(uriFragment: reference)
            {
                pointer = target
            } else if case .array(let branches)? = object["allOf"], branches.count == 1 {
                pointer = pointer.appending("allOf").appending(index: 0)
            } else {
                return nil
            }
        }
        return nil
    }

    /// `brokerType=robinhood, mfa=phone`: how a combination is shown in names.
    ///
    /// - Parameter combination: The combination.
    /// - Returns: The text.
    public static func label(of combination: Combination) -> String {
        combination.map { "\($0.name)=\(TemplateScope.text(of: $0.value))" }.joined(separator: ", ")
    }
}

/// A matrix that cannot be expanded.
public struct MatrixError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One lower-case line.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameter message: One lower-case line.
    public init(message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
