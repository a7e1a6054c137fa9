import Foundation
import JSON
import TestSupport
import Testing
import YAML

/// One case of the official YAML test suite and what loading it gives.
struct YAMLSuiteCase: Sendable, CustomTestStringConvertible {
    /// What the suite says about the case.
    enum Expectation: Sendable {
        /// The documents equal the JSON values of `in.json`.
        case json
        /// Loading fails.
        case error
        /// Neither (the suite gives only events, say for complex keys JSON cannot hold).
        case other
    }

    let folder: CorpusFile
    var id: String { folder.name }
    var testDescription: String { folder.name }

    var expectation: Expectation {
        if folder.child("error").exists { return .error }
        if folder.child("in.json").exists { return .json }
        return .other
    }

    /// `nil` when the loader does what the suite expects, else why not.
    func failure() -> String? {
        let yaml: [UInt8]
        do {
            yaml = try folder.child("in.yaml").bytes()
        } catch {
            return "cannot read in.yaml: \(error)"
        }
        switch expectation {
        case .error:
            do {
                let documents = try YAMLLoader.load(yaml, path: "in.yaml")
                return "loads although it is invalid: \(documents.map { $0.value.serialized() })"
            } catch {
                return nil
            }
        case .json:
            let expected: [JSONValue]
            do {
                expected = try JSONValueSequence.parse(try folder.child("in.json").bytes())
            } catch {
                return "cannot read in.json: \(error)"
            }
            do {
                let documents = try YAMLLoader.load(yaml, path: "in.yaml")
                let values = documents.map(\.value)
                if values == expected { return nil }
                return "documents \(values.map { $0.serialized() }) differ from \(expected.map { $0.serialized() })"
            } catch {
                return "fails to load: \(error)"
            }
        case .other:
            return nil
        }
    }
}
