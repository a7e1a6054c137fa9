import JSON

extension TemplatedValue {
    /// The value at `pointer`, or `nil` when there is none.
    func value(at pointer: JSONPointer) -> TemplatedValue? {
        var current = self
        for token in pointer.tokens {
            switch current.structured {
            case .object(let members):
                guard let member = members.first(where: { $0.key == token }) else { return nil }
                current = member.value
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The value with `new` at `pointer`.
    ///
    /// An object member is replaced or added at the end, an array element replaced. A pointer through a missing
    /// or scalar value leaves the value as it is.
    func setting(_ new: TemplatedValue, at pointer: JSONPointer) -> TemplatedValue {
        edited(at: pointer.tokens[...]) { _ in new }
    }

    /// The value without the member or element at `pointer`.
    func removing(at pointer: JSONPointer) -> TemplatedValue {
        guard let last = pointer.tokens.last else { return self }
        let parent = JSONPointer(tokens: Array(pointer.tokens.dropLast()))
        return edited(at: parent.tokens[...]) { value in
            switch value?.structured {
            case .object(let members)?:
                return TemplatedValue.object(members.filter { $0.key != last })
            case .array(var elements)?:
                if let index = Int(last), elements.indices.contains(index) { elements.remove(at: index) }
                return TemplatedValue.array(elements)
            default:
                return value ?? .constant(.null)
            }
        }
    }

    /// Whether any string inside holds a template: the value comes from the flow (a captured token, a variable).
    var hasTemplates: Bool {
        if case .constant = self { return false }
        return true
    }

    /// The same value with a constant object or array opened into members or elements, so it can be edited.
    private var structured: TemplatedValue {
        switch self {
        case .constant(.object(let object)):
            .object(object.members.map { Member(key: $0.key, value: .constant($0.value)) })
        case .constant(.array(let elements)):
            .array(elements.map { .constant($0) })
        default:
            self
        }
    }

    private func edited(
        at tokens: ArraySlice<String>,
        _ change: (TemplatedValue?) -> TemplatedValue
    ) -> TemplatedValue {
        guard let token = tokens.first else { return change(self) }
        let rest = tokens.dropFirst()
        switch structured {
        case .object(var members):
            if let index = members.firstIndex(where: { $0.key == token }) {
                members[index].value = members[index].value.edited(at: rest, change)
            } else if rest.isEmpty {
                members.append(Member(key: token, value: change(nil)))
            } else {
                return self
            }
            return .object(members)
        case .array(var elements):
            guard let index = Int(token), elements.indices.contains(index) else { return self }
            elements[index] = elements[index].edited(at: rest, change)
            return .array(elements)
        default:
            return self
        }
    }
}
