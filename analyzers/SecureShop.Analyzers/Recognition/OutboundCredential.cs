using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Is a stored password one the shop must send to another service (an SMTP relay, an FTP server, a partner's API), rather
    /// than one its own users sign in with? Such a password cannot be hashed: it has to be readable again, so it belongs
    /// encrypted (Data Protection) or in a secret store. Told by where it lives (a type named for the service:
    /// <c>EmailAccount</c>, <c>SmtpSettings</c>, <c>FtpConnection</c>) or by where it goes (a <c>NetworkCredential</c> or
    /// other credential object, MailKit's <c>Authenticate</c>, an FTP/SFTP client).
    /// </summary>
    internal static class OutboundCredential
    {
        private static readonly ImmutableHashSet<string> s_serviceWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "smtp", "mail", "email", "emails", "mailbox", "ftp", "sftp", "ftps", "imap", "pop", "pop3", "ldap", "proxy", "relay");

        private static readonly ImmutableHashSet<string> s_clientTypes = ImmutableHashSet.Create(
            StringComparer.Ordinal, "FtpClient", "AsyncFtpClient", "SftpClient", "ScpClient", "PasswordConnectionInfo", "PasswordAuthenticationMethod", "SmtpClient");

        /// <summary>True when <paramref name="property"/> holds a password for another service (see the class summary).</summary>
        public static bool IsSentToAnotherService(IPropertySymbol property, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
            NameWords.AnyIn(NameWords.Split(property.ContainingType.Name), s_serviceWords) ||
            GoesIntoACredential(property, compilation, cancellationToken);

        /// <summary>Finds reads of the property by name in the syntax and binds only those.</summary>
        private static bool GoesIntoACredential(IPropertySymbol property, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.GetText(cancellationToken).ToString().IndexOf(property.Name, StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var access in tree.GetRoot(cancellationToken).DescendantNodes().OfType<MemberAccessExpressionSyntax>())
                {
                    if (access.Name.Identifier.ValueText != property.Name || access.Parent is not ArgumentSyntax)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Only arguments that read a property of this name are bound, once per password property.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (model.GetOperation(access.Parent, cancellationToken) is IArgumentOperation argument &&
                        argument.Value.WithoutConversions() is IPropertyReferenceOperation read &&
                        SymbolEqualityComparer.Default.Equals(read.Property.OriginalDefinition, property.OriginalDefinition) &&
                        IsCredentialUse(argument.Parent))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsCredentialUse(IOperation? call) => call switch
        {
            IObjectCreationOperation { Type: { } type } => type.Name.EndsWith("Credential", StringComparison.Ordinal) ||
                type.Name.EndsWith("Credentials", StringComparison.Ordinal) || s_clientTypes.Contains(type.Name),
            IInvocationOperation invocation => invocation.TargetMethod.Name.StartsWith("Authenticate", StringComparison.Ordinal) ||
                invocation.TargetMethod.Name.StartsWith("Login", StringComparison.Ordinal),
            _ => false,
        };
    }
}
