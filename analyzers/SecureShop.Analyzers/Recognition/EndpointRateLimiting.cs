using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>Whether ASP.NET Core rate limiting applies to an endpoint.</summary>
    internal enum RateLimitState
    {
        /// <summary>No limiter the code shows.</summary>
        Unlimited,

        /// <summary>A policy on the endpoint, its type chain or route group, a controller/page map convention, or a global limiter.</summary>
        Limited,

        /// <summary><c>[DisableRateLimiting]</c>: no limiter runs for it, not even the global one.</summary>
        Disabled,
    }

    /// <summary>
    /// Is an endpoint rate-limited, the way ASP.NET Core decides it: <c>[DisableRateLimiting]</c> anywhere on the endpoint
    /// or its type chain switches every limiter off; otherwise <c>[EnableRateLimiting]</c> there, a
    /// <c>MapControllers()/MapRazorPages().RequireRateLimiting(...)</c> convention, <c>RequireRateLimiting</c> on the
    /// minimal-API endpoint or its route group (<see cref="EndpointGroups"/>), or a global limiter limits it.
    /// One instance per compilation, shared by the rules that ask (SS3013, SS3014).
    /// </summary>
    internal sealed class EndpointRateLimiting
    {
        public EndpointRateLimiting(AppSecurityConfiguration configuration) => Configuration = configuration;

        public AppSecurityConfiguration Configuration { get; }

        /// <summary>Route groups and mapping methods that require rate limiting.</summary>
        public EndpointGroups Groups { get; } = new("RequireRateLimiting");

        /// <summary>The state of a controller action or Razor Pages handler.</summary>
        public RateLimitState StateOf(IMethodSymbol handler, bool isPage)
        {
            var attributes = AttemptLimiting.AttributeState(handler, handler.ContainingType);
            if (attributes == RateLimitAttribute.Disabled)
            {
                return RateLimitState.Disabled;
            }

            bool limited = attributes == RateLimitAttribute.Enabled || Configuration.HasGlobalRateLimiter ||
                (isPage ? Configuration.PagesRequireRateLimiting : Configuration.ControllersRequireRateLimiting);
            return limited ? RateLimitState.Limited : RateLimitState.Unlimited;
        }

        /// <summary>
        /// What limits attempts of <paramref name="kind"/> in the handler's own code: lockout or a failure counter for sign-in
        /// and two-factor codes (Identity's two-factor sign-in counts failures itself); for password reset, Identity's
        /// <c>ResetPasswordAsync</c>, whose token cannot be guessed.
        /// </summary>
        public static bool LimitedInBody(AbuseKind kind, SyntaxNode? body, Compilation compilation, CancellationToken cancellationToken)
        {
            if (body is null)
            {
                return false;
            }

            switch (kind)
            {
                case AbuseKind.SignIn:
                case AbuseKind.TwoFactor:
#pragma warning disable RS1030 // One handler body of an abuse-prone kind is bound, to follow the calls it makes one level.
                    var model = compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
                    return AttemptLimiting.LimitsFailedAttempts(body, model, cancellationToken);
                case AbuseKind.PasswordReset:
                    return body.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
                        i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ResetPasswordAsync" });
                default:
                    return false;
            }
        }
    }
}
