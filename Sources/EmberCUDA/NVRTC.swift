// MARK: - NVRTC (libnvrtc.so.*)

/// `nvrtcResult`: 0 is `NVRTC_SUCCESS`.
package typealias NVRTCResult = Int32

/// The NVRTC functions Ember calls, resolved with `dlsym`.
package struct NVRTCAPI: @unchecked Sendable {
    package let library: OpenedLibrary
    package let nvrtcVersion: @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> NVRTCResult
    package let nvrtcGetErrorString: @convention(c) (NVRTCResult) -> UnsafePointer<CChar>?
    package let nvrtcCreateProgram: @convention(c) (
        UnsafeMutablePointer<OpaquePointer?>, UnsafePointer<CChar>, UnsafePointer<CChar>?, Int32,
        UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<UnsafePointer<CChar>?>?
    ) -> NVRTCResult
    package let nvrtcCompileProgram: @convention(c) (OpaquePointer?, Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> NVRTCResult
    package let nvrtcGetProgramLogSize: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> NVRTCResult
    package let nvrtcGetProgramLog: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> NVRTCResult
    package let nvrtcGetPTXSize: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> NVRTCResult
    package let nvrtcGetPTX: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> NVRTCResult
    package let nvrtcGetCUBINSize: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>) -> NVRTCResult
    package let nvrtcGetCUBIN: @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>) -> NVRTCResult
    package let nvrtcDestroyProgram: @convention(c) (UnsafeMutablePointer<OpaquePointer?>) -> NVRTCResult

    /// Resolves every function of `library`.
    package init(_ library: OpenedLibrary) throws(CUDALoadFailure) {
        self.library = library
        nvrtcVersion = try library.function("nvrtcVersion")
        nvrtcGetErrorString = try library.function("nvrtcGetErrorString")
        nvrtcCreateProgram = try library.function("nvrtcCreateProgram")
        nvrtcCompileProgram = try library.function("nvrtcCompileProgram")
        nvrtcGetProgramLogSize = try library.function("nvrtcGetProgramLogSize")
        nvrtcGetProgramLog = try library.function("nvrtcGetProgramLog")
        nvrtcGetPTXSize = try library.function("nvrtcGetPTXSize")
        nvrtcGetPTX = try library.function("nvrtcGetPTX")
        nvrtcGetCUBINSize = try library.function("nvrtcGetCUBINSize")
        nvrtcGetCUBIN = try library.function("nvrtcGetCUBIN")
        nvrtcDestroyProgram = try library.function("nvrtcDestroyProgram")
    }

    /// NVRTC's version, e.g. (13, 2).
    package var version: (major: Int, minor: Int) {
        var major: Int32 = 0, minor: Int32 = 0
        _ = nvrtcVersion(&major, &minor)
        return (Int(major), Int(minor))
    }

    /// NVRTC's name for a result.
    package func message(_ result: NVRTCResult) -> String {
        nvrtcGetErrorString(result).map { String(cString: $0) } ?? "NVRTC error \(result)"
    }
}
