/// One event of a YAML event stream, as the YAML specification's serialization model defines them.
struct Event {
    enum Kind {
        case streamStart
        case streamEnd
        case documentStart(isExplicit: Bool)
        case documentEnd(isExplicit: Bool)
        case alias(String)
        case scalar(ScalarText, YAMLScalar.Style)
        case sequenceStart(isFlow: Bool)
        case sequenceEnd
        case mappingStart(isFlow: Bool)
        case mappingEnd
    }

    var kind: Kind
    var start: Mark
    var end: Mark
    var anchor: String? = nil
    var tag: String? = nil
}
