import JSON
import OpenAPI

extension ComparisonRun {
    /// Compares an operation's effective security (its own, or the document's) and the schemes it uses.
    ///
    /// Security is a list of alternatives, each a set of schemes (with scopes) sent together. A client authenticated
    /// with one old alternative keeps working when some new alternative asks for no more than it sends; otherwise
    /// the operation now requires something it may not have.
    mutating func compareSecurity(_ was: OpenAPIOperation, _ now: OpenAPIOperation, id: Int) {
        let noCredentials = [OpenAPISecurityRequirement(entries: [])]
        let oldRequirements = old.document.securityRequirements(of: was)
        let newRequirements = new.document.securityRequirements(of: now)
        let oldAlternatives = oldRequirements.isEmpty ? noCredentials : oldRequirements
        let newAlternatives = newRequirements.isEmpty ? noCredentials : newRequirements
        let oldPointer = Self.securityPointer(of: was, in: old.document)
        let newPointer = Self.securityPointer(of: now, in: new.document)
        let stranded = oldAlternatives.filter { credentials in
            !newAlternatives.contains { Self.isSatisfied($0, by: credentials) }
        }
        if !stranded.isEmpty {
            record(
                .securityRequirementAdded,
                operation: id,
                old: oldPointer,
                new: newPointer,
                "\(now.name) now requires \(Self.describe(newAlternatives)): clients that authenticate with "
                    + "\(Self.describe(stranded)) get 401 Unauthorized."
            )
        } else {
            let added = newAlternatives.filter { requirement in
                !oldAlternatives.contains { Self.sameSchemes($0, requirement) }
            }
            if !added.isEmpty {
                record(
                    .securityAlternativeAdded,
                    operation: id,
                    old: oldPointer,
                    new: newPointer,
                    "\(now.name) now also accepts \(Self.describe(added)); existing credentials still work."
                )
            }
        }
        let used = Set(newAlternatives.flatMap { $0.entries.map(\.scheme) })
        for scheme in used.sorted() {
            guard let before = old.document.securitySchemes[scheme], let after = new.document.securitySchemes[scheme],
                before.kind != after.kind
            else { continue }
            let pointer = JSONPointer(tokens: ["components", "securitySchemes", scheme])
            record(
                .securitySchemeChanged,
                operation: id,
                old: pointer,
                new: pointer,
                "Security scheme \(scheme) changed from \(Self.describe(before.kind)) to \(Self.describe(after.kind)): "
                    + "clients send credentials that no longer count."
            )
        }
    }

    /// Whether a client sending `credentials` meets `requirement`: every scheme it names, with its scopes.
    private static func isSatisfied(
        _ requirement: OpenAPISecurityRequirement,
        by credentials: OpenAPISecurityRequirement
    ) -> Bool {
        requirement.entries.allSatisfy { needed in
            credentials.entries.contains { $0.scheme == needed.scheme && Set(needed.scopes).isSubset(of: $0.scopes) }
        }
    }

    private static func sameSchemes(_ left: OpenAPISecurityRequirement, _ right: OpenAPISecurityRequirement) -> Bool {
        isSatisfied(left, by: right) && isSatisfied(right, by: left)
    }

    /// `ApiKeyAuth + ClientSecret or bearer [read]`, or `no credentials`.
    private static func describe(_ alternatives: [OpenAPISecurityRequirement]) -> String {
        alternatives.map { requirement in
            guard !requirement.entries.isEmpty else { return "no credentials" }
            return requirement.entries.map { entry in
                entry.scopes.isEmpty ? entry.scheme : "\(entry.scheme) [\(entry.scopes.joined(separator: ", "))]"
            }.joined(separator: " + ")
        }.joined(separator: " or ")
    }

    private static func describe(_ kind: OpenAPISecurityScheme.Kind) -> String {
        switch kind {
        case .apiKey(let name, let location): "an API key in \(location.rawValue) \(name)"
        case .http(let scheme, _): "HTTP \(scheme)"
        case .oauth2: "OAuth 2"
        case .openIDConnect: "OpenID Connect"
        }
    }

    /// The operation's own `security`, else the document's, else the operation.
    private static func securityPointer(of operation: OpenAPIOperation, in document: OpenAPIDocument) -> JSONPointer {
        if operation.security != nil { return operation.pointer.appending("security") }
        if document.source.value["security"] != nil { return JSONPointer(tokens: ["security"]) }
        return operation.pointer
    }
}
