using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>SS4xxx: shop logic (prices, SQL, over-posting).</summary>
    internal static partial class Descriptors
    {
        internal static readonly DiagnosticDescriptor SS4001ClientPriceCharged = Rule(
            "SS4001",
            "Price, total or discount taken from the client and charged",
            "{0} comes from {1}; recompute it from the catalog or cart on the server",
            Categories.ShopLogic,
            DiagnosticSeverity.Error,
            cwe: 602,
            pciDss: new[] { "6.2.4" },
            securitySeverity: 8.1,
            description: "A price, total or discount posted by the browser is whatever the customer wants it to be: an edited form field or API call buys the basket for one cent. The amount charged (Stripe, Braintree, the shop's own Charge/Capture/Pay method) and the total stored with an order must be computed on the server from the catalog and the cart; a posted value may only be compared with that server-side amount.");

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

        internal static readonly DiagnosticDescriptor SS4003EntityOverPosting = Rule(
            "SS4003",
            "Entity with privileged fields bound directly from the request (over-posting)",
            "Entity '{0}' is bound from the request ({1}) and saved with privileged members {2}; bind a view model or list the fields",
            Categories.ShopLogic,
            DiagnosticSeverity.Warning,
            cwe: 915,
            pciDss: new[] { "6.2.4" },
            securitySeverity: 6.5,
            description: "An EF Core entity bound straight from the request and saved accepts every settable property the client sends, not only the ones the form shows: a customer can post Price=0, IsAdmin=true, Status=Paid or another customer's id. Bind a view model with only the editable fields and copy them onto the entity, list the fields ([Bind(...)], TryUpdateModelAsync with include expressions), or exclude the privileged ones ([BindNever] for form binding, [JsonIgnore] for a JSON body).");
    }
}
