using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>The types a personal value or a secret can be held in; a flag (bool), a count or an enum never is one.</summary>
    internal static class SensitiveTypes
    {
        /// <summary>string, char[], a span or memory of chars, or (when <paramref name="bytes"/>) a byte array: text a person or a key is written in.</summary>
        public static bool IsText(ITypeSymbol type, bool bytes = false)
        {
            type = WithoutNullable(type);
            if (type.SpecialType == SpecialType.System_String)
            {
                return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType.SpecialType == SpecialType.System_Char || (bytes && array.ElementType.SpecialType == SpecialType.System_Byte);
            }

            return type is INamedTypeSymbol { IsGenericType: true } generic &&
                generic.Name is "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "Memory" &&
                generic.ContainingNamespace?.ToDisplayString() == "System" &&
                (generic.TypeArguments[0].SpecialType == SpecialType.System_Char || (bytes && generic.TypeArguments[0].SpecialType == SpecialType.System_Byte));
        }

        /// <summary>DateTime, DateTimeOffset or DateOnly (a birth date).</summary>
        public static bool IsDate(ITypeSymbol type)
        {
            type = WithoutNullable(type);
            return type.SpecialType == SpecialType.System_DateTime ||
                (type.Name is "DateTimeOffset" or "DateOnly" && type.ContainingNamespace?.ToDisplayString() == "System");
        }

        /// <summary>System.Net.IPAddress.</summary>
        public static bool IsIpAddress(ITypeSymbol type) =>
            type.Name == "IPAddress" && type.ContainingNamespace?.ToDisplayString() == "System.Net";

        /// <summary>System.Security.SecureString.</summary>
        public static bool IsSecureString(ITypeSymbol type) =>
            type.Name == "SecureString" && type.ContainingNamespace?.ToDisplayString() == "System.Security";

        private static ITypeSymbol WithoutNullable(ITypeSymbol type) =>
            type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
    }
}
