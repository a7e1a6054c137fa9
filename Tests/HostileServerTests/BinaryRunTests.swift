import Testing

/// The tests that run the built `meshcheck` binary, one at a time: each process loads the spec and runs a suite,
/// and several at once on two busy cores starve the socket tests beside them.
@Suite(.serialized) enum BinaryRunTests {}
