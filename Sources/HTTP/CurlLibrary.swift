import Glibc

/// libcurl's easy interface, loaded at run time from `libcurl.so.4`.
///
/// It is the library FoundationNetworking itself links, so it is present wherever URLSession is. Used only for
/// `https` with a CA file, which URLSession on Linux cannot take.
///
/// `@unchecked Sendable`: it holds only C function pointers, written once in `init` and never changed.
struct CurlLibrary: @unchecked Sendable {
    typealias Handle = OpaquePointer
    typealias DataCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int

    let easyInit: @convention(c) () -> Handle?
    let setLong: @convention(c) (Handle?, Int32, Int) -> Int32
    let setPointer: @convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32
    let perform: @convention(c) (Handle?) -> Int32
    let getInfo: @convention(c) (Handle?, Int32, UnsafeMutableRawPointer?) -> Int32
    let cleanup: @convention(c) (Handle?) -> Void
    let listAppend: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let listFree: @convention(c) (OpaquePointer?) -> Void
    let errorText: @convention(c) (Int32) -> UnsafePointer<CChar>?

    /// The library, or the reason it cannot be loaded.
    static let shared: Result<CurlLibrary, HTTPClientError> = load()

    private init(_ symbol: (String) -> UnsafeMutableRawPointer?) throws(HTTPClientError) {
        func resolve<Function>(_ name: String, as type: Function.Type) throws(HTTPClientError) -> Function {
            guard let address = symbol(name) else { throw .tlsFailed("libcurl has no symbol \(name)") }
            return unsafeBitCast(address, to: type)
        }
        easyInit = try resolve("curl_easy_init", as: (@convention(c) () -> Handle?).self)
        setLong = try resolve("curl_easy_setopt", as: (@convention(c) (Handle?, Int32, Int) -> Int32).self)
        setPointer = try resolve(
            "curl_easy_setopt",
            as: (@convention(c) (Handle?, Int32, UnsafeRawPointer?) -> Int32).self
        )
        perform = try resolve("curl_easy_perform", as: (@convention(c) (Handle?) -> Int32).self)
        getInfo = try resolve(
            "curl_easy_getinfo",
            as: (@convention(c) (Handle?, Int32, UnsafeMutableRawPointer?) -> Int32).self
        )
        cleanup = try resolve("curl_easy_cleanup", as: (@convention(c) (Handle?) -> Void).self)
        listAppend = try resolve(
            "curl_slist_append",
            as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?).self
        )
        listFree = try resolve("curl_slist_free_all", as: (@convention(c) (OpaquePointer?) -> Void).self)
        errorText = try resolve("curl_easy_strerror", as: (@convention(c) (Int32) -> UnsafePointer<CChar>?).self)
    }

    private static func load() -> Result<CurlLibrary, HTTPClientError> {
        guard let library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL) else {
            return .failure(.tlsFailed("libcurl.so.4 cannot be loaded, so a CA file cannot be used"))
        }
        do {
            return .success(try CurlLibrary { dlsym(library, $0) })
        } catch {
            return .failure(error)
        }
    }
}

/// The option and information numbers of `curl/curl.h` this module uses.
enum CurlOption {
    static let writeData: Int32 = 10_001
    static let url: Int32 = 10_002
    static let errorBuffer: Int32 = 10_010
    static let writeFunction: Int32 = 20_011
    static let lowSpeedLimit: Int32 = 19
    static let lowSpeedTime: Int32 = 20
    static let httpHeader: Int32 = 10_023
    static let headerData: Int32 = 10_029
    static let customRequest: Int32 = 10_036
    static let noBody: Int32 = 44
    static let followLocation: Int32 = 52
    static let verifyPeer: Int32 = 64
    static let caInfo: Int32 = 10_065
    static let headerFunction: Int32 = 20_079
    static let verifyHost: Int32 = 81
    static let httpVersion: Int32 = 84
    static let caPath: Int32 = 10_097
    static let noSignal: Int32 = 99
    static let timeoutMilliseconds: Int32 = 155
    static let connectTimeoutMilliseconds: Int32 = 156
    static let postFieldSizeLarge: Int32 = 30_120
    static let copyPostFields: Int32 = 10_165
    static let protocols: Int32 = 181

    static let infoResponseCode: Int32 = 0x20_0000 + 2
    static let infoTotalTime: Int32 = 0x60_0000 + 50
    static let infoConnectTime: Int32 = 0x60_0000 + 52
    static let infoStartTransferTime: Int32 = 0x60_0000 + 54

    static let protocolHTTPS = 2
    static let httpVersion11 = 2
}
