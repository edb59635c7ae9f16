using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// A sign-in the shop wrote itself: a method named for signing in (or a sign-in endpoint) that checks a password
    /// with <c>IPasswordHasher.VerifyHashedPassword</c>, <c>UserManager.CheckPasswordAsync</c>, BCrypt/Argon2
    /// <c>Verify</c>, <c>CryptographicOperations.FixedTimeEquals</c> or an equality test of a stored password hash, instead of
    /// Identity's SignInManager (whose lockout SS3006 watches). Syntax only: SS3013 asks it to leave such sign-ins to SS3014.
    /// </summary>
    internal static class HandWrittenSignIn
    {
        private static readonly ImmutableHashSet<string> s_verifyNames = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Verify", "EnhancedVerify", "VerifyPassword", "VerifyHash", "ValidatePassword", "CheckPassword", "IsValidPassword", "PasswordMatches");

        private static readonly ImmutableHashSet<string> s_hashWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "hash", "hashed", "passwordhash", "hasher", "bcrypt", "argon2", "argon", "scrypt", "pbkdf2", "crypto");

        /// <summary>True when <paramref name="name"/> says the method signs a user in: Login, SignIn, Authenticate, ValidateCredentials, ValidateUser.</summary>
        public static bool IsSignInName(string name)
        {
            if (AbuseProneEndpoint.KindOf(name) == AbuseKind.SignIn)
            {
                return true;
            }

            var words = NameWords.Split(name);
            return words.Any(w => w is "validate" or "verify" or "check") &&
                words.Any(w => w is "credentials" or "credential" or "user" or "customer" or "login");
        }

        /// <summary>The password check in <paramref name="body"/> and how messages name it, or null.</summary>
        public static (SyntaxNode Node, string How)? VerificationIn(SyntaxNode body)
        {
            // One walk of the body (asked of every method): a hash compared by hand counts only when no verifying call is
            // found (its result is often compared too), so the first such comparison is kept until the walk ends.
            BinaryExpressionSyntax? comparedByHand = null;
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case BinaryExpressionSyntax binary when comparedByHand is null && (binary.IsKind(SyntaxKind.EqualsExpression) || binary.IsKind(SyntaxKind.NotEqualsExpression)) &&
                        (MentionsStoredPassword(binary.Left) || MentionsStoredPassword(binary.Right)) &&
                        (MentionsPassword(binary.Left) || MentionsPassword(binary.Right)) &&
                        !binary.Left.IsKind(SyntaxKind.NullLiteralExpression) && !binary.Right.IsKind(SyntaxKind.NullLiteralExpression):
                        comparedByHand = binary;
                        break;
                    case InvocationExpressionSyntax invocation:
                        string? name = invocation.Expression switch
                        {
                            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                            _ => null,
                        };
                        if (name is null)
                        {
                            break;
                        }

                        if (name == "VerifyHashedPassword")
                        {
                            return (invocation, "VerifyHashedPassword");
                        }

                        if (name == "CheckPasswordAsync")
                        {
                            return (invocation, "UserManager.CheckPasswordAsync");
                        }

                        if (name == "FixedTimeEquals" && MentionsHash(invocation.ArgumentList))
                        {
                            return (invocation, "CryptographicOperations.FixedTimeEquals of password hashes");
                        }

                        // The receiver's text is built only for the few calls named like a verification.
                        string receiver = s_verifyNames.Contains(name) && invocation.Expression is MemberAccessExpressionSyntax access ? access.Expression.ToString() : string.Empty;
                        if (s_verifyNames.Contains(name) &&
                            (NameWords.Split(receiver).Any(w => s_hashWords.Contains(w)) || invocation.ArgumentList.Arguments.Any(a => MentionsPassword(a.Expression))))
                        {
                            return (invocation, (receiver.Length > 0 && receiver.Length <= 30 ? receiver + "." : string.Empty) + name);
                        }

                        if (name is "Equals" or "SequenceEqual" && MentionsHash(invocation) && invocation.DescendantNodes().OfType<ExpressionSyntax>().Any(MentionsPassword))
                        {
                            return (invocation, "a comparison of password hashes");
                        }

                        break;
                }
            }

            return comparedByHand is null ? null : (comparedByHand, "a comparison of password hashes");
        }

        /// <summary><c>user.PasswordHash</c>, <c>customer.Password</c> (a member of an object: the stored value).</summary>
        private static bool MentionsStoredPassword(ExpressionSyntax expression) =>
            expression.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(m =>
                NameWords.Split(m.Name.Identifier.ValueText) is var words && words.Contains("password") && (words.Contains("hash") || words.Length == 1));

        private static bool MentionsPassword(ExpressionSyntax expression) =>
            expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => PasswordNames.IsPasswordName(i.Identifier.ValueText));

        private static bool MentionsHash(SyntaxNode node) =>
            node.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => NameWords.Split(i.Identifier.ValueText).Any(w => s_hashWords.Contains(w)));
    }
}
