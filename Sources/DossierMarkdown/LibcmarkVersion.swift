import CCmark

extension Markdown {
    /// The version of the libcmark library this process runs with (asked at run time, so it names
    /// the library actually linked or loaded, not the header the code was compiled against).
    public static var libcmarkVersion: String { String(cString: cmark_version_string()) }
}
