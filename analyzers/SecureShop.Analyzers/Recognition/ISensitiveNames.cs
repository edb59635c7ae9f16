using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// What a sibling of the card-data recognizer looks for (personal data, secrets): it judges declarations and keys,
    /// and <see cref="CardDataRecognizer"/> follows the values the same way it follows card data (locals, string
    /// building, holder objects, the masking and hashing calls that make a value safe).
    /// </summary>
    internal interface ISensitiveNames
    {
        /// <summary>What a property, field, parameter or local of <paramref name="type"/> holds by its declaration (attributes, name, type).</summary>
        CardDataKind Classify(ISymbol symbol, ITypeSymbol type);

        /// <summary>What a value looked up by a constant key holds: <c>Request.Form["email"]</c>, <c>Headers["Authorization"]</c>.</summary>
        CardDataKind ClassifyKey(string key);
    }
}
