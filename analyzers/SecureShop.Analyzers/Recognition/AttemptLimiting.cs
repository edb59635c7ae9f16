using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>The rate-limiting attributes that apply to an endpoint.</summary>
    internal enum RateLimitAttribute
    {
        /// <summary>Neither attribute: the application-wide configuration decides.</summary>
        None,

        /// <summary><c>[EnableRateLimiting]</c> on the endpoint, its type or a base type.</summary>
        Enabled,

        /// <summary><c>[DisableRateLimiting]</c> on the endpoint, its type or a base type: no limiter runs, not even the global one.</summary>
        Disabled,
    }

    /// <summary>
    /// What slows down a script that tries an endpoint over and over: ASP.NET Core rate limiting on the endpoint
    /// (attributes; the global limiter and <c>RequireRateLimiting</c> are read from <see cref="AppSecurityConfiguration"/>
    /// and <see cref="EndpointGroups"/>), a CAPTCHA the endpoint verifies, and for sign-in, limits on failed attempts:
    /// Identity lockout (<c>lockoutOnFailure</c> not false, <c>AccessFailedAsync</c>), a failure counter the code
    /// increments, a locked-until check, or a delay. The body checks are syntax only, so the methods the body calls in
    /// the same compilation can be followed cheaply (one level).
    /// </summary>
    internal static class AttemptLimiting
    {
        private static readonly ImmutableHashSet<string> s_captchaWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "captcha", "recaptcha", "hcaptcha", "turnstile");

        private static readonly ImmutableHashSet<string> s_checkWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "verify", "validate", "check", "valid", "is", "confirm", "assert", "ensure");

        private static readonly ImmutableHashSet<string> s_lockedStateWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "lockedout", "lockoutend", "lockedouttill", "lockeduntil", "lockoutuntil", "cannotloginuntil",
            "islocked", "islockedout", "lockoutenddate", "lockoutendutc", "lockoutenddateutc", "blockeduntil");

        /// <summary>The rate-limiting attribute state of an endpoint: a <c>[DisableRateLimiting]</c> anywhere wins, as in the middleware.</summary>
        public static RateLimitAttribute AttributeState(ISymbol endpoint, INamedTypeSymbol? type)
        {
            bool enabled = false;
            foreach (var holder in HoldersOf(endpoint, type))
            {
                foreach (var attribute in holder.Attributes())
                {
                    switch (attribute.AttributeClass?.Name)
                    {
                        case "DisableRateLimitingAttribute":
                            return RateLimitAttribute.Disabled;
                        case "EnableRateLimitingAttribute":
                            enabled = true;
                            break;
                    }
                }
            }

            return enabled ? RateLimitAttribute.Enabled : RateLimitAttribute.None;
        }

        /// <summary>
        /// A CAPTCHA on the endpoint: a filter attribute named for it (<c>[ValidateCaptcha]</c>) on the endpoint or its type chain,
        /// a bound model that carries a CAPTCHA response (validated with the model), a parameter named for one, or a call in the
        /// body that verifies one (<c>VerifyRecaptchaAsync</c>, <c>captchaValidator.Validate</c>).
        /// </summary>
        public static bool HasCaptcha(IMethodSymbol? endpoint, INamedTypeSymbol? type, SyntaxNode? body)
        {
            if (endpoint is not null)
            {
                foreach (var holder in HoldersOf(endpoint, type))
                {
                    if (holder.Attributes().Any(a => a.AttributeClass is not null && IsCaptchaName(a.AttributeClass.Name)))
                    {
                        return true;
                    }
                }

                foreach (var parameter in endpoint.Parameters)
                {
                    if (IsCaptchaName(parameter.Name) ||
                        (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } model &&
                         model.GetMembers().OfType<IPropertySymbol>().Any(p => IsCaptchaName(p.Name))))
                    {
                        return true;
                    }
                }
            }

            if (body is null)
            {
                return false;
            }

            foreach (var invocation in body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
            {
                string? name = CalledName(invocation.Expression);
                if (name is null)
                {
                    continue;
                }

                var words = NameWords.Split(name);
                bool checks = words.Any(w => s_checkWords.Contains(w));
                if (checks && (words.Any(w => s_captchaWords.Contains(w)) ||
                    (invocation.Expression is MemberAccessExpressionSyntax member && IsCaptchaName(member.Expression.ToString()))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="body"/> (or a method of the same compilation it calls) limits failed sign-in attempts:
        /// Identity sign-in with lockout, <c>AccessFailedAsync</c>, a failure counter incremented
        /// (<c>user.FailedLogins++</c>), a locked-until check (<c>LockoutEnd</c>, <c>IsLockedOut</c> of a sign-in that locks
        /// out), a shop helper named for it (<c>RecordFailedAttempt</c>), or a delay (<c>Task.Delay</c>).
        /// An Identity sign-in with <c>lockoutOnFailure: false</c> outweighs a locked-out check: nothing ever locks.
        /// </summary>
        public static bool LimitsFailedAttempts(SyntaxNode body, SemanticModel model, CancellationToken cancellationToken) =>
            Judge(body, model, cancellationToken, followCalls: true) == true;

        /// <summary>True when a sign-in in <paramref name="body"/> is Identity's with a constant <c>lockoutOnFailure: false</c>.</summary>
        private static bool? Judge(SyntaxNode body, SemanticModel? model, CancellationToken cancellationToken, bool followCalls)
        {
            bool signals = false;
            foreach (var node in body.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation:
                        string? name = CalledName(invocation.Expression);
                        switch (name)
                        {
                            case "PasswordSignInAsync":
                            case "CheckPasswordSignInAsync":
                                return !LockoutArgumentIsFalse(invocation, name == "PasswordSignInAsync" ? 3 : 2);
                            case "AccessFailedAsync":
                            case "TwoFactorSignInAsync":
                            case "TwoFactorAuthenticatorSignInAsync":
                            case "TwoFactorRecoveryCodeSignInAsync":
                            case "Delay":
                            case "Sleep":
                                return true;
                        }

                        if (name is not null && IsLimitingHelper(name))
                        {
                            return true;
                        }

                        break;
                    case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression } increment when IsFailureCounter(increment.Operand):
                    case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression } preIncrement when IsFailureCounter(preIncrement.Operand):
                    case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } addAssignment when IsFailureCounter(addAssignment.Left):
                        return true;
                    case ObjectCreationExpressionSyntax creation when IsFailureEvent(creation.Type.ToString()):
                        return true;
                    case IdentifierNameSyntax identifier when s_lockedStateWords.Contains(identifier.Identifier.ValueText):
                        signals = true;
                        break;
                }
            }

            if (signals)
            {
                return true;
            }

            if (!followCalls || model is null)
            {
                return null;
            }

            foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol callee)
                {
                    continue;
                }

                foreach (var reference in callee.DeclaringSyntaxReferences)
                {
                    var declaration = reference.GetSyntax(cancellationToken);
                    if (declaration is BaseMethodDeclarationSyntax method && (method.Body ?? (SyntaxNode?)method.ExpressionBody) is { } calleeBody &&
                        Judge(calleeBody, null, cancellationToken, followCalls: false) is bool verdict)
                    {
                        return verdict;
                    }
                }
            }

            return null;
        }

        /// <summary>The lockoutOnFailure argument (named, or at <paramref name="position"/>) is the literal false.</summary>
        private static bool LockoutArgumentIsFalse(InvocationExpressionSyntax invocation, int position)
        {
            var arguments = invocation.ArgumentList.Arguments;
            var argument = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "lockoutOnFailure") ??
                (arguments.Count > position && arguments[position].NameColon is null ? arguments[position] : null);
            return argument?.Expression.IsKind(SyntaxKind.FalseLiteralExpression) == true;
        }

        /// <summary><c>new CustomerLoginFailedEvent(customer)</c>: a failed sign-in published for a handler that counts it.</summary>
        private static bool IsFailureEvent(string typeName)
        {
            var words = NameWords.Split(typeName);
            return words.Any(w => w.StartsWith("fail", StringComparison.OrdinalIgnoreCase)) &&
                words.Any(w => w is "login" or "logon" or "signin" or "sign" or "attempt" or "access" or "authentication");
        }

        /// <summary><c>user.FailedLoginAttempts</c>, <c>failedCount</c>, <c>AccessFailedCount</c>, <c>LoginAttempts</c>.</summary>
        private static bool IsFailureCounter(ExpressionSyntax target)
        {
            string? name = CalledName(target);
            if (name is null)
            {
                return false;
            }

            var words = NameWords.Split(name);
            return words.Any(w => w.StartsWith("fail", StringComparison.OrdinalIgnoreCase) || w.StartsWith("attempt", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary><c>RecordFailedLogin</c>, <c>RegisterFailedAttempt</c>, <c>LockOutUser</c>, <c>Throttle</c>: a shop helper that counts or locks.</summary>
        private static bool IsLimitingHelper(string name)
        {
            var words = NameWords.Split(name);
            bool failure = words.Any(w => w.StartsWith("fail", StringComparison.OrdinalIgnoreCase) || w.StartsWith("attempt", StringComparison.OrdinalIgnoreCase));
            bool counts = words.Any(w => w is "record" or "register" or "increment" or "increase" or "count" or "track" or "log" or "add" or "handle");
            return (failure && counts) || (words.Any(w => w is "lockout" or "throttle" or "lock") && !words.Contains("unlock"));
        }

        private static bool IsCaptchaName(string name) => NameWords.Split(name).Any(w => s_captchaWords.Contains(w)) ||
            name.IndexOf("captcha", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>The endpoint, then its type and the type's bases.</summary>
        private static System.Collections.Generic.IEnumerable<ISymbol> HoldersOf(ISymbol endpoint, INamedTypeSymbol? type)
        {
            yield return endpoint;
            for (var t = type; t is not null; t = t.BaseType)
            {
                yield return t;
            }
        }

        private static string? CalledName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };
    }
}
