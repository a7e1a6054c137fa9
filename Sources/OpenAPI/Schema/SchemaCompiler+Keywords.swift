import JSON

extension SchemaCompiler {
    /// Reads every keyword of one schema object into `parts`.
    mutating func compileKeywords(_ object: JSONObject, at location: SchemaLocation, into parts: inout SchemaNodeParts)
    {
        compileType(object, at: location, into: &parts)
        if let value = object["enum"] {
            if case .array(let values) = value {
                parts.enumeration = EnumConstraint(values: values)
            } else {
                report("'enum' must be an array", at: location, "enum")
            }
        }
        compileNumeric(object, at: location, into: &parts)
        compileString(object, at: location, into: &parts)
        compileArray(object, at: location, into: &parts)
        compileObject(object, at: location, into: &parts)
        parts.allOf = schemaList(object, "allOf", at: location)
        parts.anyOf = schemaList(object, "anyOf", at: location)
        parts.oneOf = schemaList(object, "oneOf", at: location)
        if object["not"] != nil {
            parts.not = child(location, "not")
        }
        if dialect.isOpenAPI {
            parts.isNullable = boolean(object, "nullable", at: location)
            parts.isReadOnly = boolean(object, "readOnly", at: location)
            parts.isWriteOnly = boolean(object, "writeOnly", at: location)
            if parts.isReadOnly && parts.isWriteOnly {
                report("a schema cannot be both readOnly and writeOnly", at: location, "writeOnly")
            }
            if let discriminator = object["discriminator"] {
                parts.discriminator = compileDiscriminator(discriminator, schema: object, at: location)
            }
        }
    }

    private mutating func compileType(
        _ object: JSONObject,
        at location: SchemaLocation,
        into parts: inout SchemaNodeParts
    ) {
        guard let value = object["type"] else { return }
        var names: [String] = []
        switch value {
        case .string(let name) where true:
            names = [name]
        case .array(let elements) where !dialect.isOpenAPI:
            for element in elements {
                guard case .string(let name) = element else {
                    report("'type' must name JSON types", at: location, "type")
                    return
                }
                names.append(name)
            }
        default:
            report(
                dialect.isOpenAPI ? "'type' must be one string in OpenAPI 3.0" : "'type' must be a string or an array",
                at: location,
                "type"
            )
            return
        }
        var types = SchemaTypes()
        for name in names {
            guard let type = SchemaTypes.names.first(where: { $0.0 == name })?.1,
                !(dialect.isOpenAPI && name == "null")
            else {
                report("unknown type '\(name)'", at: location, "type")
                return
            }
            types.insert(type)
        }
        if types.contains(.integer) && !dialect.isOpenAPI {
            types.insert(.lexicalIntegers)
        }
        parts.types = types
    }

    private mutating func compileNumeric(
        _ object: JSONObject,
        at location: SchemaLocation,
        into parts: inout SchemaNodeParts
    ) {
        let minimum = number(object, "minimum", at: location)
        let maximum = number(object, "maximum", at: location)
        let isMinimumExclusive = boolean(object, "exclusiveMinimum", at: location)
        let isMaximumExclusive = boolean(object, "exclusiveMaximum", at: location)
        var multipleOf: JSONNumber?
        if let multiple = number(object, "multipleOf", at: location) {
            if multiple.exactValue.isNegative || multiple.exactValue.isZero {
                report("'multipleOf' must be greater than 0", at: location, "multipleOf")
            } else {
                multipleOf = multiple
            }
        }
        if minimum != nil || maximum != nil || multipleOf != nil {
            parts.numeric = NumericConstraints(
                minimum: minimum,
                isMinimumExclusive: isMinimumExclusive,
                maximum: maximum,
                isMaximumExclusive: isMaximumExclusive,
                multipleOf: multipleOf
            )
        }
        if case .string(let name)? = object["format"] {
            parts.format = SchemaFormat(rawValue: name)
        }
    }

    private mutating func compileString(
        _ object: JSONObject,
        at location: SchemaLocation,
        into parts: inout SchemaNodeParts
    ) {
        let minLength = nonNegativeInteger(object, "minLength", at: location)
        let maxLength = nonNegativeInteger(object, "maxLength", at: location)
        var regex: ECMARegex?
        if let value = object["pattern"] {
            if case .string(let pattern) = value {
                do {
                    regex = try ECMARegex(pattern)
                } catch {
                    report("\(error); the pattern is not checked", at: location, "pattern")
                }
            } else {
                report("'pattern' must be a string", at: location, "pattern")
            }
        }
        if minLength != nil || maxLength != nil || regex != nil {
            parts.string = StringConstraints(minLength: minLength, maxLength: maxLength, pattern: regex)
        }
    }

    private mutating func compileArray(
        _ object: JSONObject,
        at location: SchemaLocation,
        into parts: inout SchemaNodeParts
    ) {
        var array = ArrayConstraintParts()
        var isUsed = false
        switch object["items"] {
        case .array(let elements)?:
            let tuple = elements.indices.map { child(location, "items", String($0)) }
            array.items = .tuple(tuple, additional: additional(object, "additionalItems", at: location))
            isUsed = true
        case .object?:
            array.items = .all(child(location, "items"))
            isUsed = true
        case nil:
            break
        case let other?:
            report("'items' must be a schema or an array of schemas, not \(other.typeName)", at: location, "items")
        }
        array.minItems = nonNegativeInteger(object, "minItems", at: location)
        array.maxItems = nonNegativeInteger(object, "maxItems", at: location)
        array.uniqueItems = boolean(object, "uniqueItems", at: location)
        if isUsed || array.minItems != nil || array.maxItems != nil || array.uniqueItems {
            parts.array = ArrayConstraints(array)
        }
    }

    private mutating func additional(
        _ object: JSONObject,
        _ keyword: String,
        at location: SchemaLocation
    )
        -> AdditionalSchema
    {
        switch object[keyword] {
        case nil, .bool(true)?: return .allowed
        case .bool(false)?: return .forbidden
        case .object?: return .schema(child(location, keyword))
        case let other?:
            report("'\(keyword)' must be a Boolean or a schema, not \(other.typeName)", at: location, keyword)
            return .allowed
        }
    }

    private mutating func compileObject(
        _ object: JSONObject,
        at location: SchemaLocation,
        into parts: inout SchemaNodeParts
    ) {
        var constraints = ObjectConstraintParts()
        var isUsed = false
        if let value = object["properties"] {
            if case .object(let properties) = value {
                for (name, _) in properties {
                    constraints.properties[name] = child(location, "properties", name)
                    constraints.propertyOrder.append(name)
                }
                isUsed = !properties.isEmpty
            } else {
                report("'properties' must be an object", at: location, "properties")
            }
        }
        if let value = object["patternProperties"] {
            if case .object(let patterns) = value {
                for (pattern, _) in patterns {
                    do {
                        let regex = try ECMARegex(pattern)
                        constraints.patternProperties.append((regex, child(location, "patternProperties", pattern)))
                        isUsed = true
                    } catch {
                        report("\(error); the pattern is not checked", at: location, "patternProperties", pattern)
                    }
                }
            } else {
                report("'patternProperties' must be an object", at: location, "patternProperties")
            }
        }
        constraints.additional = additional(object, "additionalProperties", at: location)
        if case .allowed = constraints.additional {} else { isUsed = true }
        if let value = object["required"] {
            if case .array(let names) = value, names.allSatisfy({ $0.stringValue != nil }) {
                constraints.required = names.compactMap(\.stringValue)
                isUsed = isUsed || !names.isEmpty
            } else {
                report("'required' must be an array of strings", at: location, "required")
            }
        }
        constraints.minProperties = nonNegativeInteger(object, "minProperties", at: location)
        constraints.maxProperties = nonNegativeInteger(object, "maxProperties", at: location)
        if constraints.minProperties != nil || constraints.maxProperties != nil { isUsed = true }
        if case .object(let dependencies)? = object["dependencies"] {
            for (name, value) in dependencies {
                switch value {
                case .array(let names) where names.allSatisfy({ $0.stringValue != nil }):
                    constraints.dependencies.append((name, .properties(names.compactMap(\.stringValue))))
                case .object:
                    constraints.dependencies.append((name, .schema(child(location, "dependencies", name))))
                default:
                    report("a dependency must be a schema or an array of names", at: location, "dependencies", name)
                }
            }
            isUsed = isUsed || !constraints.dependencies.isEmpty
        }
        if isUsed {
            parts.object = ObjectConstraints(constraints)
        }
    }

    private mutating func compileDiscriminator(
        _ value: JSONValue,
        schema: JSONObject,
        at location: SchemaLocation
    ) -> DiscriminatorConstraint? {
        guard case .object(let discriminator) = value, case .string(let propertyName)? = discriminator["propertyName"]
        else {
            report("'discriminator' needs a string 'propertyName'", at: location, "discriminator")
            return nil
        }
        var targets: [String: Int] = [:]
        var order: [String] = []
        func add(_ value: String, _ node: Int) {
            if targets[value] == nil { order.append(value) }
            targets[value] = node
        }
        let branchKeyword = schema["oneOf"] != nil ? "oneOf" : schema["anyOf"] != nil ? "anyOf" : nil
        if let branchKeyword, case .array(let branches)? = schema[branchKeyword] {
            for (index, branch) in branches.enumerated() {
                guard case .string(let reference)? = branch["$ref"] else { continue }
                let from = SchemaLocation(
                    document: location.document,
                    pointer: location.pointer.appending(branchKeyword).appending(index: index)
                )
                if case .success(let target) = resolve(reference, from: from), let name = Self.name(of: target.pointer)
                {
                    add(name, compile(target))
                }
            }
        } else {
            for inheritor in schemasExtending(location) {
                add(inheritor.name, compile(inheritor.location))
            }
        }
        if let mapping = discriminator["mapping"] {
            guard case .object(let entries) = mapping else {
                report("'mapping' must be an object", at: location, "discriminator", "mapping")
                return nil
            }
            for (key, target) in entries {
                guard case .string(var reference) = target else {
                    report("a mapping value must be a string", at: location, "discriminator", "mapping", key)
                    continue
                }
                if !reference.contains("/") && !reference.contains("#") {
                    reference = "#/components/schemas/" + reference
                }
                switch resolve(reference, from: location) {
                case .success(let resolved): add(key, compile(resolved))
                case .failure(let error): report(error.message, at: location, "discriminator", "mapping", key)
                }
            }
        }
        return DiscriminatorConstraint(
            propertyName: propertyName,
            targets: targets,
            valueOrder: order,
            selectsBranch: branchKeyword != nil
        )
    }
}
