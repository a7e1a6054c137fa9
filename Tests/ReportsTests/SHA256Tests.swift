import Foundation
import Testing

@testable import Reports

/// The hash behind the report's Content-Security-Policy, against FIPS 180-4 test vectors and Chromium's own.
struct SHA256Tests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    static func cspSource(of text: String) -> String {
        SHA256.cspSource(of: text)
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func digestsMatchTheStandardVectors(message: String, digest: String) {
        #expect(Self.hex(SHA256.digest(Array(message.utf8))) == digest)
    }

    @Test
    func cspSourceIsWhatChromiumComputesForAnInlineScript() {
        // Chromium names the hash it wants when it blocks `<script>document.title='ran'</script>`.
        #expect(SHA256.cspSource(of: "document.title='ran'") == "sha256-rtx4k2oxQYyg90wQKxk+0Co6zu4AMqdg568VMHuJKNc=")
    }
}
