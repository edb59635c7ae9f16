using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Names of the members a client must not set on a stored record: roles and admin flags, prices and money
    /// (<c>Price</c>, <c>UnitPrice</c>, <c>Balance</c>, <c>CreditLimit</c>, <c>Discount</c>, <c>OrderTotal</c>), whose record it
    /// is (<c>OwnerId</c>, <c>CustomerId</c>, <c>UserId</c>), where it stands (<c>Status</c>, <c>OrderStatus</c>) and what the shop
    /// vouched for (<c>IsApproved</c>, <c>IsVerified</c>, <c>EmailConfirmed</c>, <c>IsPaid</c>). Judged on the name's words and
    /// a plain value type (bool, number, enum, string, Guid); the key <c>Id</c> alone is not privileged.
    /// </summary>
    internal static class PrivilegedMemberNames
    {
        private static readonly ImmutableHashSet<string> s_privilegedWords = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "role", "roles", "admin", "admins", "administrator", "permission", "permissions", "privilege", "privileges", "superuser",
            "price", "prices", "amount", "total", "balance", "credit", "credits", "discount", "cost", "fee", "commission",
            "approved", "verified", "confirmed", "paid");

        /// <summary>Whose record it is: <c>OwnerId</c>, <c>CustomerId</c>, <c>UserId</c>, <c>VendorId</c>, ...</summary>
        private static readonly ImmutableHashSet<string> s_ownerWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "owner", "customer", "user", "vendor", "seller", "merchant", "tenant", "account");

        public static bool IsPrivileged(IPropertySymbol property) => HasPlainValueType(property.Type) && IsPrivilegedName(property.Name);

        public static bool IsPrivilegedName(string name)
        {
            var words = NameWords.Split(name);
            for (int i = 0; i < words.Length; i++)
            {
                string word = words[i];
                bool last = i == words.Length - 1;
                if (word is "credit" or "credits" && !last && words[i + 1] == "card")
                {
                    continue; // CreditCardNumber is card data, not a limit the shop grants
                }

                if (s_privilegedWords.Contains(word) || (word == "status" && last))
                {
                    return true;
                }

                if (word == "id" && i > 0 && s_ownerWords.Contains(words[i - 1]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasPlainValueType(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_String:
                case SpecialType.System_Byte:
                case SpecialType.System_SByte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    return true;
            }

            return type.TypeKind == TypeKind.Enum || (type.Name == "Guid" && type.ContainingNamespace?.Name == "System");
        }
    }
}
