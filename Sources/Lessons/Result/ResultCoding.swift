import Foundation

/// The JSON encoders and decoders of results: sorted snake_case keys, so that the same value gives the
/// same bytes, and the non-finite numbers of a diverged run written as the strings `"inf"`, `"-inf"`
/// and `"nan"`.
public enum ResultCoding {
    /// The strings non-finite numbers are written as.
    static let nonFiniteWords: Set<String> = ["inf", "-inf", "nan"]

    /// An encoder; with a catalog, phrases are written as finished text in its language.
    public static func encoder(catalog: MessageCatalog? = nil, pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        if let catalog { encoder.userInfo[.messageCatalog] = catalog }
        return encoder
    }

    /// A decoder that reads what `encoder()` writes.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
