using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.ShopLogic
{
    /// <summary>
    /// SS4001: a price, total or discount the client sent (<see cref="ClientAmount"/>) is what the shop charges or records:
    /// the amount of a Stripe payment intent, charge, checkout line or price; a Braintree <c>TransactionRequest.Amount</c>;
    /// a numeric argument of the shop's own <c>Charge*</c>/<c>Capture*</c>/<c>Pay*</c>/<c>Authorize*</c> method; the total,
    /// amount or discount of an order-like EF Core entity saved in the same method. Endpoints for staff (an admin area,
    /// a role- or policy-restricted <c>[Authorize]</c>) set prices and totals on purpose and are left alone, as are test projects.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS4001ClientPriceChargedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Stripe option types (namespace Stripe and below) and their properties that set what is charged.</summary>
        private static readonly ImmutableDictionary<string, ImmutableHashSet<string>> s_stripeSinks = new Dictionary<string, ImmutableHashSet<string>>(StringComparer.Ordinal)
        {
            ["PaymentIntentCreateOptions"] = ImmutableHashSet.Create("Amount"),
            ["PaymentIntentUpdateOptions"] = ImmutableHashSet.Create("Amount"),
            ["PaymentIntentCaptureOptions"] = ImmutableHashSet.Create("AmountToCapture"),
            ["ChargeCreateOptions"] = ImmutableHashSet.Create("Amount"),
            ["ChargeCaptureOptions"] = ImmutableHashSet.Create("Amount"),
            ["SessionLineItemPriceDataOptions"] = ImmutableHashSet.Create("UnitAmount", "UnitAmountDecimal"),
            ["PriceCreateOptions"] = ImmutableHashSet.Create("UnitAmount", "UnitAmountDecimal"),
            ["InvoiceItemCreateOptions"] = ImmutableHashSet.Create("Amount", "UnitAmount", "UnitAmountDecimal"),
        }.ToImmutableDictionary(StringComparer.Ordinal);

        /// <summary>First word of a shop method that takes a payment: ChargeAsync, CapturePayment, PayOrder, AuthorizeCard (not Payload, Payment).</summary>
        private static readonly ImmutableHashSet<string> s_paymentVerbs = ImmutableHashSet.Create(
            StringComparer.Ordinal, "charge", "capture", "pay", "authorize", "authorise");

        /// <summary>Entities whose amounts are what the customer pays: orders, carts, checkouts, invoices, payments.</summary>
        private static readonly ImmutableHashSet<string> s_orderWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "order", "orders", "cart", "basket", "checkout", "invoice", "payment", "transaction", "purchase", "subscription");

        /// <summary>Names of the staff side of a shop, on a namespace, a controller or an area.</summary>
        private static readonly ImmutableHashSet<string> s_staffWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "admin", "administration", "administrator", "backoffice", "staff", "employee", "manager");

        /// <summary>Endpoints where the customer names the amount on purpose: a donation, a tip, a wallet top-up, a gift card of their choosing.</summary>
        private static readonly ImmutableHashSet<string> s_chosenAmountWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "donate", "donation", "donations", "tip", "tips", "gratuity", "topup", "deposit", "contribute", "contribution", "pledge", "gift", "giftcard");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS4001ClientPriceCharged);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Http.HttpRequest") is null ||
                    TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return; // no request to take an amount from, or amounts made up by tests
                }

                var amounts = new ClientAmount(start.Compilation);
                var entities = EntityModel.For(start.Compilation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, amounts, entities), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, amounts), OperationKind.Invocation);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, ClientAmount amounts, EntityModel? entities)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
            {
                return;
            }

            var type = property.ContainingType;
            string? sink = null;
            if (s_stripeSinks.TryGetValue(type.Name, out var properties) && properties.Contains(property.Name) && InNamespace(type, "Stripe"))
            {
                sink = "The amount charged by " + type.Name + "." + property.Name;
            }
            else if (type.Name == "TransactionRequest" && property.Name == "Amount" && InNamespace(type, "Braintree"))
            {
                sink = "The amount charged by Braintree TransactionRequest.Amount";
            }
            else if (entities is not null && ClientAmount.IsAmountName(property.Name) && NameWords.AnyIn(NameWords.Split(type.Name), s_orderWords) &&
                entities.EntityOf(property) is not null && SavesChanges(assignment.Root()))
            {
                // A payment provider's callback records the amount the provider reports (and signs): not the customer's say.
                sink = SensitiveEndpoint.IsServerToServerCall(context.ContainingSymbol.Name, context.ContainingSymbol.ContainingType?.Name)
                    ? null
                    : "The amount saved in " + type.Name + "." + property.Name;
            }

            if (sink is not null)
            {
                Judge(context, amounts, assignment.Value, sink);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, ClientAmount amounts)
        {
            var invocation = (IInvocationOperation)context.Operation;
            string name = invocation.TargetMethod.Name;
            if (!(name.StartsWith("Charge", StringComparison.Ordinal) || name.StartsWith("Capture", StringComparison.Ordinal) ||
                name.StartsWith("Pay", StringComparison.Ordinal) || name.StartsWith("Authori", StringComparison.Ordinal)))
            {
                return; // cheap test first: most calls are not payments
            }

            var words = NameWords.Split(name);
            if (words.IsEmpty || !s_paymentVerbs.Contains(words[0]))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { } parameter && IsNumeric(parameter.Type) &&
                    Judge(context, amounts, argument.Value, "The amount passed to " + invocation.TargetMethod.Name))
                {
                    return; // one finding per call
                }
            }
        }

        private static bool Judge(OperationAnalysisContext context, ClientAmount amounts, IOperation value, string sink)
        {
            if (IsStaffEndpoint(context.ContainingSymbol) || IsChosenAmountEndpoint(context.ContainingSymbol))
            {
                return false;
            }

            var source = amounts.SourceOf(value, value.Root());
            if (source is null)
            {
                return false;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS4001ClientPriceCharged, value.Syntax.GetLocation(), sink, source));
            return true;
        }

        private static bool SavesChanges(IOperation root) =>
            root.Descendants().Any(o => o is IInvocationOperation { TargetMethod.Name: "SaveChanges" or "SaveChangesAsync" });

        private static bool InNamespace(INamedTypeSymbol type, string root)
        {
            var outermost = type.ContainingNamespace;
            while (outermost?.ContainingNamespace is { IsGlobalNamespace: false })
            {
                outermost = outermost.ContainingNamespace;
            }

            return outermost?.Name == root;
        }

        private static bool IsNumeric(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments: { Length: 1 } arguments })
            {
                type = arguments[0];
            }

            return type.SpecialType is SpecialType.System_Decimal or SpecialType.System_Int64 or SpecialType.System_Int32 or SpecialType.System_Double or SpecialType.System_Single;
        }

        /// <summary>
        /// The back office sets prices and order totals by design: a namespace, controller or area named admin/staff, or an
        /// <c>[Authorize]</c> whose roles or policy name staff, on the endpoint or its controller (base classes included).
        /// </summary>
        private static bool IsStaffEndpoint(ISymbol? symbol)
        {
            for (var current = symbol; current is not null; current = current.ContainingSymbol)
            {
                if (current is INamespaceSymbol { IsGlobalNamespace: false } ns && NameWords.AnyIn(NameWords.Split(ns.Name), s_staffWords))
                {
                    return true;
                }

                if (current is INamedTypeSymbol type)
                {
                    for (var t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
                    {
                        if (NameWords.AnyIn(NameWords.Split(t.Name), s_staffWords) || HasStaffAttribute(t))
                        {
                            return true;
                        }
                    }
                }
                else if (current is IMethodSymbol method && HasStaffAttribute(method))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Donate(decimal amount)</c>, <c>TopUpWallet</c>, <c>BuyGiftCard</c>: the endpoint or its controller is for an amount the customer picks.</summary>
        private static bool IsChosenAmountEndpoint(ISymbol? symbol)
        {
            foreach (var name in new[] { symbol?.Name, symbol?.ContainingType?.Name })
            {
                var words = NameWords.Split(name ?? string.Empty);
                for (int i = 0; i < words.Length; i++)
                {
                    if (s_chosenAmountWords.Contains(words[i]) || (i + 1 < words.Length && s_chosenAmountWords.Contains(words[i] + words[i + 1])))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool HasStaffAttribute(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                string? name = attribute.AttributeClass?.Name;
                if (name is not ("AuthorizeAttribute" or "AreaAttribute"))
                {
                    continue;
                }

                var texts = attribute.ConstructorArguments.Select(a => a.Value as string)
                    .Concat(attribute.NamedArguments.Where(a => a.Key is "Roles" or "Policy").Select(a => a.Value.Value as string));
                if (texts.Any(t => t is not null && NameWords.AnyIn(NameWords.Split(t), s_staffWords)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
