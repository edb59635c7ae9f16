using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// A password run through a fast hash: <c>HashData</c>, <c>TryHashData</c> or <c>ComputeHash</c> of MD5, SHA-1, the SHA-2
    /// and SHA-3 families or an HMAC over them, with the password reaching the data argument directly or through
    /// <c>Encoding.GetBytes</c>, concatenation or interpolation. A password is one by name (<see cref="PasswordNames"/>) or by
    /// role (<see cref="PasswordRole"/>: the secret argument of a sign-in method, a member of a login model, a
    /// <c>[DataType(DataType.Password)]</c> property). SS3001 reports these calls; SS2001 stays silent on the
    /// weak hash behind them, so one mistake makes one finding.
    /// </summary>
    internal static class PasswordHashing
    {
        private static readonly ImmutableHashSet<string> s_fastHashes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "SHA3_256", "SHA3_384", "SHA3_512", "HashAlgorithm",
            "HMACMD5", "HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512", "HMAC", "KeyedHashAlgorithm");

        /// <summary>The name of the password <paramref name="invocation"/> hashes with a fast hash, or null when it is not such a call.</summary>
        public static string? PasswordHashedBy(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if ((method.Name != "HashData" && method.Name != "ComputeHash" && method.Name != "TryHashData") ||
                method.ContainingType is null || !s_fastHashes.Contains(method.ContainingType.Name) ||
                !CryptoAlgorithms.IsCryptography(method.ContainingType))
            {
                return null;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "key" or "destination" or "offset" or "count")
                {
                    continue;
                }

                var password = PasswordIn(argument.Value, depth: 0);
                if (password is not null)
                {
                    return password;
                }
            }

            return null;
        }

        /// <summary>
        /// True when <paramref name="value"/>, stored in a password column, is no longer the password: a password hasher's
        /// output (a call whose name says Hash: <c>IPasswordHasher.HashPassword</c>, <c>CreatePasswordHash</c>,
        /// <c>BCrypt.HashPassword</c>; a fast hash of the password is reported where it is computed). For a credential the
        /// shop sends to another service (<paramref name="outbound"/>), an encryption's output (<c>Encrypt</c>,
        /// <c>Protect</c>) is right too: it must be readable again to be sent. A choice between such values and empty ones
        /// (<c>x ? Hash(p) : ""</c>, <c>?? ""</c>) counts as one.
        /// </summary>
        public static bool IsProtectedPassword(IOperation value, bool outbound)
        {
            value = value.WithoutConversions();
            switch (value)
            {
                case IInvocationOperation invocation:
                    string name = invocation.TargetMethod.Name;
                    return Contains(name, "Hash") || (outbound && (Contains(name, "Encrypt") || Contains(name, "Protect")));
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return IsProtectedOrEmpty(conditional.WhenTrue, outbound) && IsProtectedOrEmpty(whenFalse, outbound);
                case ICoalesceOperation coalesce:
                    return IsProtectedPassword(coalesce.Value, outbound) && IsProtectedOrEmpty(coalesce.WhenNull, outbound);
                default:
                    return false;
            }
        }

        private static bool IsProtectedOrEmpty(IOperation value, bool outbound)
        {
            var v = value.WithoutConversions();
            return v.ConstantValue is { HasValue: true, Value: null or "" } ||
                v is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } } ||
                IsProtectedPassword(v, outbound);
        }

        /// <summary>A password by its role (<see cref="PasswordRole"/>), not its name: <c>Login(string user, string secret)</c>, <c>model.Secret</c>.</summary>
        private static bool IsPasswordByRole(IOperation value) => value switch
        {
            IParameterReferenceOperation p => PasswordRole.IsPasswordParameter(p.Parameter),
            IPropertyReferenceOperation pr => PasswordRole.IsPasswordMember(pr.Property, pr.Instance),
            _ => false,
        };

        private static bool Contains(string name, string part) => name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The password-named value <paramref name="value"/> is made from, through GetBytes, concatenation and interpolation.</summary>
        private static string? PasswordIn(IOperation value, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            value = value.WithoutConversions();
            string? name = value switch
            {
                IParameterReferenceOperation p => p.Parameter.Name,
                ILocalReferenceOperation l => l.Local.Name,
                IPropertyReferenceOperation { Property.IsIndexer: false } pr => pr.Property.Name,
                IFieldReferenceOperation f => f.Field.Name,
                _ => null,
            };
            if (name is not null)
            {
                return PasswordNames.IsPasswordName(name) || IsPasswordByRole(value) ? name : null;
            }

            switch (value)
            {
                case IInvocationOperation call:
                    foreach (var argument in call.Arguments)
                    {
                        var found = PasswordIn(argument.Value, depth + 1);
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    return call.Instance is null ? null : PasswordIn(call.Instance, depth + 1);
                case IBinaryOperation binary:
                    return PasswordIn(binary.LeftOperand, depth + 1) ?? PasswordIn(binary.RightOperand, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation hole && PasswordIn(hole.Expression, depth + 1) is string inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
    }
}
