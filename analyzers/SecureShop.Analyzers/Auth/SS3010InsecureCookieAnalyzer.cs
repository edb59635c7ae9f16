using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3010: cookies written without the flags that keep them on HTTPS and away from scripts.
    /// <list type="bullet">
    /// <item><c>Response.Cookies.Append(name, value[, options])</c>: <c>Secure = false</c> on any cookie; Secure or
    /// HttpOnly missing or off on a cookie whose name says session, auth, token, login, remember, identity;
    /// <c>SameSite = None</c> without <c>Secure</c>. A global <c>CookiePolicyOptions</c> with <c>Always</c> settles it.</item>
    /// <item>The cookie of cookie authentication, session or anti-forgery options with <c>SecurePolicy = None</c> or
    /// <c>HttpOnly = false</c>.</item>
    /// </list>
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3010InsecureCookieAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Which flags the code fix sets: "Secure", "HttpOnly", or both separated by a comma.</summary>
        internal const string FlagsKey = "Flags";

        private static readonly ImmutableHashSet<string> s_sensitiveCookieWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "session", "sess", "sid", "auth", "authentication", "token", "jwt", "login", "remember", "identity", "refresh", "csrf", "xsrf", "antiforgery");

        private static readonly ImmutableHashSet<string> s_optionsWithCookie = ImmutableHashSet.Create(
            StringComparer.Ordinal, "CookieAuthenticationOptions", "SessionOptions", "AntiforgeryOptions");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3010InsecureCookie);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var responseCookies = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Http.IResponseCookies");
                var cookieBuilder = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Http.CookieBuilder");
                var configuration = AppSecurityConfiguration.For(start.Compilation);
                if (responseCookies is null || cookieBuilder is null || configuration is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAppend(c, responseCookies, configuration), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeBuilder(c, cookieBuilder), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeAppend(OperationAnalysisContext context, INamedTypeSymbol responseCookies, AppSecurityConfiguration configuration)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "Append" ||
                !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, responseCookies) ||
                invocation.Arguments.Length < 2)
            {
                return;
            }

            string? cookieName = invocation.Arguments[0].Value.ConstantValue.Value as string;
            bool sensitive = cookieName is not null && NameWords.Split(cookieName).Any(w => s_sensitiveCookieWords.Contains(w));
            var options = invocation.Arguments.Length >= 3 ? invocation.Arguments[2].Value.WithoutConversions() : null;
            if (options is not null && options.Type?.Name != "CookieOptions")
            {
                return;
            }

            var settings = ReadOptions(options, invocation);
            if (settings is null)
            {
                return;
            }

            var problems = new List<string>();
            var flags = new List<string>();
            bool sameSiteNone = settings.TryGetValue("SameSite", out var sameSite) && sameSite is int mode && mode == 0;
            bool secureOff = settings.TryGetValue("Secure", out var secure) ? secure is false : (sensitive || sameSiteNone);
            // An anti-forgery token cookie for script (Angular's XSRF-TOKEN double-submit pattern) must be readable by
            // JavaScript: HttpOnly off is its design. Secure still matters.
            bool forScript = cookieName is not null && (cookieName.IndexOf("xsrf", StringComparison.OrdinalIgnoreCase) >= 0 ||
                                                        cookieName.IndexOf("csrf", StringComparison.OrdinalIgnoreCase) >= 0);
            bool httpOnlyOff = sensitive && !forScript && (settings.TryGetValue("HttpOnly", out var httpOnly) ? httpOnly is false : true);
            if (secureOff && !configuration.CookiePolicyForcesSecure)
            {
                problems.Add(sameSiteNone ? "SameSite=None without Secure" : "Secure is off");
                flags.Add("Secure");
            }

            if (httpOnlyOff && !configuration.CookiePolicyForcesHttpOnly)
            {
                problems.Add("HttpOnly is off");
                flags.Add("HttpOnly");
            }

            if (problems.Count == 0)
            {
                return;
            }

            // The fix edits an options object written in place, or adds one; options kept in a variable are left to the author.
            var properties = options is null || options is IObjectCreationOperation
                ? ImmutableDictionary<string, string?>.Empty.Add(FlagsKey, string.Join(",", flags))
                : ImmutableDictionary<string, string?>.Empty;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3010InsecureCookie, invocation.Syntax.GetLocation(), properties, cookieName ?? "cookie", string.Join(", ", problems)));
        }

        /// <summary>
        /// The constant values given to Secure, HttpOnly and SameSite (an enum as its int value); a name absent means
        /// the default (false / Unspecified). Null when a value is not a constant and the cookie cannot be judged.
        /// </summary>
        private static Dictionary<string, object?>? ReadOptions(IOperation? options, IOperation anchor)
        {
            var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (options is null)
            {
                return settings;
            }

            IEnumerable<ISimpleAssignmentOperation> assignments;
            if (options is IObjectCreationOperation creation)
            {
                assignments = creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>() ?? Enumerable.Empty<ISimpleAssignmentOperation>();
            }
            else if (options is ILocalReferenceOperation local)
            {
                var list = new List<ISimpleAssignmentOperation>();
                foreach (var operation in anchor.Root().Descendants())
                {
                    if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) &&
                        declarator.Initializer?.Value.WithoutConversions() is IObjectCreationOperation initial)
                    {
                        list.AddRange(initial.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>() ?? Enumerable.Empty<ISimpleAssignmentOperation>());
                    }
                    else if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation owner } } assignment &&
                             SymbolEqualityComparer.Default.Equals(owner.Local, local.Local))
                    {
                        list.Add(assignment);
                    }
                }

                assignments = list;
            }
            else
            {
                return null;
            }

            foreach (var assignment in assignments)
            {
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: var name } && name is "Secure" or "HttpOnly" or "SameSite")
                {
                    if (!assignment.Value.ConstantValue.HasValue)
                    {
                        return null;
                    }

                    settings[name] = assignment.Value.ConstantValue.Value;
                }
            }

            return settings;
        }

        private static void AnalyzeBuilder(OperationAnalysisContext context, INamedTypeSymbol cookieBuilder)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property, Instance: IPropertyReferenceOperation { Property.Name: "Cookie" } cookie } ||
                !SymbolEqualityComparer.Default.Equals(property.ContainingType, cookieBuilder) && !property.ContainingType.InheritsFrom(cookieBuilder) ||
                cookie.Instance?.Type is null || !s_optionsWithCookie.Contains(cookie.Instance.Type.Name) ||
                !assignment.Value.ConstantValue.HasValue)
            {
                return;
            }

            string? problem = property.Name switch
            {
                // CookieSecurePolicy.None is 2.
                "SecurePolicy" when assignment.Value.ConstantValue.Value is int policy && policy == 2 => "SecurePolicy is None",
                "HttpOnly" when assignment.Value.ConstantValue.Value is false => "HttpOnly is off",
                _ => null,
            };
            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SS3010InsecureCookie,
                    assignment.Syntax.GetLocation(),
                    ImmutableDictionary<string, string?>.Empty.Add(FlagsKey, property.Name),
                    "the " + cookie.Instance.Type.Name + " cookie",
                    problem));
            }
        }
    }
}
