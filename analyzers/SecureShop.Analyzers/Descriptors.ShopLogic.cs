using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>SS4xxx: shop logic (prices, SQL, over-posting).</summary>
    internal static partial class Descriptors
    {
        internal static readonly DiagnosticDescriptor SS4002SqlBuiltFromRequestData = Rule(
            "SS4002",
            "SQL built from request data (order/product/customer queries)",
            "SQL text given to {0} is built from {1} by {2}; pass the value as a parameter",
            Categories.ShopLogic,
            DiagnosticSeverity.Error,
            cwe: 89,
            pciDss: new[] { "6.2.4" },
            securitySeverity: 8.8,
            description: "SQL text assembled from a request value (a search term, a sort column, an order id from the query string) lets anyone who can send a request read or change the shop's database: orders, customers, stored card tokens. Use FromSql($\"...\") / FromSqlInterpolated, SqlParameter or Dapper parameters, and map sort columns through a fixed list.");
    }
}
