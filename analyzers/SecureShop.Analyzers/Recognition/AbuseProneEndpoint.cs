using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>What an abuse-prone endpoint does: each kind can be tried by a script until it succeeds.</summary>
    internal enum AbuseKind
    {
        None,
        SignIn,
        SignUp,
        PasswordReset,
        TwoFactor,
        GiftCard,
        Coupon,
        Payment,
    }

    /// <summary>
    /// Whether a route template, controller, page or action name denotes an endpoint a script can try over and over:
    /// signing in (password guessing, credential stuffing), signing up (fake accounts), password reset (mail bombing,
    /// account discovery), two-factor code verification (six digits), gift-card balance checks and coupon codes
    /// (guessing codes) and payment attempts (card testing). Steps that only follow one of these (confirmation pages,
    /// sign-out, external sign-in callbacks) and the signed-in user's own settings (manage, change password) are not.
    /// </summary>
    internal static class AbuseProneEndpoint
    {
        /// <summary>Words that make a name something other than the attempt itself.</summary>
        private static readonly ImmutableHashSet<string> s_notAnAttempt = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "logout", "logoff", "signout", "external", "callback", "callbacks", "manage", "change", "confirmation", "lockout",
            "denied", "remove", "delete", "cancel", "cancelled", "webhook", "webhooks", "ipn", "notify", "notification",
            "notifications", "return", "status", "result", "success", "succeeded", "failed", "failure", "error");

        private static readonly ImmutableHashSet<string> s_notTwoFactorVerification = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "enable", "disable", "generate", "setup", "show", "forget", "reset", "settings");

        private static readonly ImmutableHashSet<string> s_codeActions = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "balance", "check", "apply", "redeem", "activate", "validate", "verify", "use", "add", "lookup", "enter", "submit");

        private static readonly ImmutableHashSet<string> s_paymentWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "pay", "payment", "payments", "charge");

        private static readonly ImmutableHashSet<string> s_paymentActions = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "process", "submit", "confirm", "pay", "charge", "authorize", "make", "execute", "complete", "attempt");

        /// <summary>Payment names that configure, list or settle payments rather than try a card.</summary>
        private static readonly ImmutableHashSet<string> s_notPaymentAttempt = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "method", "methods", "info", "setting", "settings", "configure", "config", "refund",
            "capture", "void", "admin", "administration", "plugin", "provider", "providers", "history", "list");

        private static readonly ImmutableHashSet<string> s_staffWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "admin", "administration", "backoffice", "manager", "dashboard");

        /// <summary>Action names that say nothing themselves (<c>Index</c>, <c>HandleAsync</c>): the controller's name tells.</summary>
        private static readonly ImmutableHashSet<string> s_genericActionNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Index", "Post", "Put", "Patch", "Submit", "Handle", "HandleAsync", "Execute", "ExecuteAsync", "Process", "Create", "Invoke", "InvokeAsync");

        /// <summary>True when an action's own name says nothing about what it does.</summary>
        public static bool IsGenericActionName(string name) => s_genericActionNames.Contains(name);

        /// <summary>The kind of the first of <paramref name="names"/> that denotes one, or None; any name that says sign-out, confirmation, management... makes it None.</summary>
        public static AbuseKind KindOf(params string?[] names)
        {
            foreach (var name in names)
            {
                if (SensitiveEndpoint.Words(name).Any(w => s_notAnAttempt.Contains(w)))
                {
                    return AbuseKind.None;
                }
            }

            foreach (var name in names)
            {
                var kind = KindOfName(name);
                if (kind != AbuseKind.None)
                {
                    return kind;
                }
            }

            return AbuseKind.None;
        }

        /// <summary>Gift-card and coupon codes are guessed through GET look-ups as well; the others are attempted with a POST.</summary>
        public static bool CountsForGet(AbuseKind kind) => kind is AbuseKind.GiftCard or AbuseKind.Coupon;

        /// <summary>Staff-only areas (admin): codes and payments there are not a customer's to try; their sign-in still is.</summary>
        public static bool IsStaffOnly(AbuseKind kind, params string?[] names) =>
            kind is AbuseKind.GiftCard or AbuseKind.Coupon or AbuseKind.Payment &&
            names.Any(n => SensitiveEndpoint.Words(n).Any(w => s_staffWords.Contains(w)));

        /// <summary>How messages name the kind.</summary>
        public static string Describe(AbuseKind kind) => kind switch
        {
            AbuseKind.SignIn => "sign-in",
            AbuseKind.SignUp => "sign-up",
            AbuseKind.PasswordReset => "password reset",
            AbuseKind.TwoFactor => "two-factor code verification",
            AbuseKind.GiftCard => "gift-card code check",
            AbuseKind.Coupon => "coupon code redemption",
            AbuseKind.Payment => "payment attempt",
            _ => "attempt",
        };

        /// <summary>
        /// A controller action or Razor Pages handler that takes attempts of an abuse-prone kind: its kind, how messages
        /// name it ("AccountController.Login", "/Account/Login OnPostAsync") and whether it is a page handler. Attempts
        /// come as POST/PUT/PATCH; a GET counts for gift-card and coupon look-ups only. An action without a verb attribute
        /// counts when it takes parameters and no action of the same name is the POST.
        /// </summary>
        public static (AbuseKind Kind, string Display, bool IsPage)? OfHandler(IMethodSymbol method, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public)
            {
                return null;
            }

            var type = method.ContainingType;
            if (method.IsControllerAction(controllerBase))
            {
                string controllerName = type.Name.EndsWith("Controller", StringComparison.Ordinal) ? type.Name.Substring(0, type.Name.Length - "Controller".Length) : type.Name;
                string? controllerRoute = type.RouteTemplate();
                string? actionRoute = method.RouteTemplate();
                string? area = AreaOf(type);
                var kind = KindOf(method.Name, actionRoute, controllerName, controllerRoute, area);
                if (kind != AbuseKind.None && KindOf(method.Name, actionRoute) == AbuseKind.None && !IsGenericActionName(method.Name))
                {
                    kind = AbuseKind.None; // the controller's name alone tells nothing about an action named for something else
                }

                if (kind == AbuseKind.None || IsStaffOnly(kind, controllerName, controllerRoute, actionRoute, area) || !TakesAttempts(method, kind))
                {
                    return null;
                }

                return (kind, type.Name + "." + method.Name, false);
            }

            if (pageModel is not null && type.InheritsFrom(pageModel) && method.Name.StartsWith("On", StringComparison.Ordinal) && !method.Locations.IsDefaultOrEmpty)
            {
                string handler = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - "Async".Length) : method.Name;
                bool post = handler.StartsWith("OnPost", StringComparison.Ordinal) || handler.StartsWith("OnPut", StringComparison.Ordinal) || handler.StartsWith("OnPatch", StringComparison.Ordinal);
                bool get = handler.StartsWith("OnGet", StringComparison.Ordinal);
                string named = post || get ? handler.Substring(handler.StartsWith("OnGet", StringComparison.Ordinal) || handler.StartsWith("OnPut", StringComparison.Ordinal) ? 5 : handler.StartsWith("OnPost", StringComparison.Ordinal) ? 6 : 7) : string.Empty;
                string pagePath = type.PagePath();
                var kind = KindOf(named, pagePath);
                if (kind == AbuseKind.None || IsStaffOnly(kind, pagePath) || !(post || (get && CountsForGet(kind) && method.Parameters.Length > 0)) ||
                    (kind == AbuseKind.Payment && !TakesCardMaterial(method)) || (kind == AbuseKind.PasswordReset && TakesResetToken(method)))
                {
                    return null;
                }

                return (kind, pagePath + " " + method.Name, true);
            }

            return null;
        }

        private static readonly ImmutableHashSet<string> s_cardMaterialWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "card", "pan", "cvv", "cvc", "cvv2", "token", "nonce", "source", "iban");

        /// <summary>
        /// A payment endpoint is a card-testing target when it takes the card (a number, a provider's card token or nonce, a
        /// payment method id) in a parameter or a bound model's property. Redirects to a hosted payment page, the payer's
        /// return from one, and provider responses (<c>CashfreeResponse</c>) take none.
        /// </summary>
        public static bool TakesCardMaterial(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (IsCardMaterialName(parameter.Name))
                {
                    return true;
                }

                if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } model &&
                    model.Locations.Any(l => l.IsInSource) &&
                    !NameWords.Split(model.Name).Any(w => w is "response" or "result" or "return" or "notification" or "callback") &&
                    model.GetMembers().OfType<IPropertySymbol>().Any(p => IsCardMaterialName(p.Name)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The reset step that sets the new password with the token mailed to the owner (a parameter or bound-model
        /// property named token): a long random token cannot be guessed, unlike the request that sends the mail.
        /// </summary>
        private static bool TakesResetToken(IMethodSymbol method) =>
            method.Parameters.Any(p => IsTokenName(p.Name) ||
                (p.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } model && model.Locations.Any(l => l.IsInSource) &&
                 model.GetMembers().OfType<IPropertySymbol>().Any(property => IsTokenName(property.Name))));

        private static bool IsTokenName(string name) => NameWords.Split(name).Contains("token");

        private static bool IsCardMaterialName(string name)
        {
            var words = NameWords.Split(name);
            return words.Any(w => s_cardMaterialWords.Contains(w)) || (words.Contains("payment") && words.Contains("method"));
        }

        private static bool TakesAttempts(IMethodSymbol method, AbuseKind kind)
        {
            if ((kind == AbuseKind.Payment && !TakesCardMaterial(method)) || (kind == AbuseKind.PasswordReset && TakesResetToken(method)))
            {
                return false;
            }

            var verbs = method.Attributes().Select(a => a.AttributeClass?.Name).Where(n => n is not null && n.StartsWith("Http", StringComparison.Ordinal)).ToList();
            var acceptVerbs = method.Attributes().FirstOrDefault(a => a.AttributeClass?.Name == "AcceptVerbsAttribute");
            if (acceptVerbs is not null)
            {
                var values = acceptVerbs.ConstructorArguments.SelectMany(a => a.Kind == TypedConstantKind.Array ? a.Values : ImmutableArray.Create(a)).Select(v => v.Value as string);
                verbs.AddRange(values.Where(v => v is not null).Select(v => "Http" + char.ToUpperInvariant(v![0]) + v.Substring(1).ToLowerInvariant() + "Attribute"));
            }

            if (verbs.Any(v => v is "HttpPostAttribute" or "HttpPutAttribute" or "HttpPatchAttribute"))
            {
                return true;
            }

            if (verbs.Count > 0)
            {
                return verbs.Contains("HttpGetAttribute") && CountsForGet(kind) && method.Parameters.Length > 0;
            }

            // No verb attribute: any verb reaches it. When a POST of the same name exists, this one only shows the form.
            bool postTwin = method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().Any(m => !SymbolEqualityComparer.Default.Equals(m, method) &&
                m.Attributes().Any(a => a.AttributeClass?.Name is "HttpPostAttribute" or "HttpPutAttribute"));
            return !postTwin && method.Parameters.Any(p => !p.Name.Equals("returnUrl", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>The value of an <c>[Area("Admin")]</c> attribute on the controller or a base class.</summary>
        private static string? AreaOf(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var attribute in t.Attributes())
                {
                    if (attribute.AttributeClass?.Name == "AreaAttribute" && attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string area)
                    {
                        return area;
                    }
                }
            }

            return null;
        }

        private static AbuseKind KindOfName(string? name)
        {
            var words = SensitiveEndpoint.Words(name).Select(w => w.ToLowerInvariant()).ToImmutableArray();
            if (words.IsEmpty)
            {
                return AbuseKind.None;
            }

            string joined = string.Concat(words);
            bool Has(string w) => words.Contains(w);
            bool Joined(string part) => joined.IndexOf(part, StringComparison.Ordinal) >= 0;

            if ((Joined("2fa") || Joined("twofactor") || Has("mfa") || Has("otp") || Has("totp") || Joined("recoverycode") ||
                 Joined("verifycode") || Joined("authenticatorcode")) &&
                !words.Any(w => s_notTwoFactorVerification.Contains(w)))
            {
                return AbuseKind.TwoFactor;
            }

            if (Joined("forgot") || Joined("passwordrecovery") || Joined("recoverpassword") || Joined("passwordreset") ||
                Joined("resetpassword") || Joined("lostpassword"))
            {
                return AbuseKind.PasswordReset;
            }

            if (Has("register") || Has("registration") || Joined("signup") || Joined("createaccount"))
            {
                return AbuseKind.SignUp;
            }

            if (Joined("login") || Joined("logon") || Joined("signin") || Has("authenticate"))
            {
                return AbuseKind.SignIn;
            }

            bool codeAction = words.Any(w => s_codeActions.Contains(w));
            if ((Joined("giftcard") || Joined("giftvoucher")) && codeAction)
            {
                return AbuseKind.GiftCard;
            }

            if ((Joined("coupon") || Has("promo") || Joined("promocode") || Has("voucher") || Joined("discountcode")) && codeAction)
            {
                return AbuseKind.Coupon;
            }

            if (words.Any(w => s_paymentWords.Contains(w)) && words.Any(w => s_paymentActions.Contains(w)) &&
                !words.Any(w => s_notPaymentAttempt.Contains(w)))
            {
                return AbuseKind.Payment;
            }

            return AbuseKind.None;
        }
    }
}
