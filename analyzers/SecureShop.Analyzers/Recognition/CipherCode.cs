using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// How cipher code names its objects, judged on syntax: what to call the receiver of <c>aes.Mode = ...</c> in a message,
    /// the name a cipher object is known by (<c>aes</c>, <c>_aes</c>, the variable an object initializer belongs to), the scope
    /// where that name is visible, and whether a byte buffer is filled after it is created (<c>RandomNumberGenerator.Fill(iv)</c>,
    /// <c>Buffer.BlockCopy(cipher, 0, iv, 0, 16)</c>, <c>iv[0] = ...</c>). SS2003 and SS2004 read cipher set-ups the same way.
    /// </summary>
    internal static class CipherCode
    {
        private static readonly ImmutableHashSet<string> s_readingCalls = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "CreateEncryptor", "CreateDecryptor", "EncryptCbc", "DecryptCbc", "EncryptCfb", "DecryptCfb", "EncryptEcb", "DecryptEcb",
            "TryEncryptCbc", "TryDecryptCbc", "TryEncryptCfb", "TryDecryptCfb", "TryEncryptEcb", "TryDecryptEcb", "SetKey",
            "Encrypt", "Decrypt", "HashData", "HashDataAsync", "TryHashData", "CreateHMAC", "ComputeHash",
            "ToBase64String", "ToHexString", "SequenceEqual", "FixedTimeEquals", "GetString", "KeepAlive");
        private const int LongestReceiverText = 40;

        /// <summary>"aes" for <c>aes.Key</c>, "AesManaged" for <c>new AesManaged { Key = ... }</c>, the type name when the receiver is long or static.</summary>
        public static string Describe(IOperation? instance, ITypeSymbol fallbackType)
        {
            if (instance is null || instance is IInstanceReferenceOperation)
            {
                return (instance?.Type ?? fallbackType).Name;
            }

            string text = instance.WithoutConversions().Syntax.ToString();
            return text.Length > LongestReceiverText || text.IndexOf('\n') >= 0 ? (instance.Type ?? fallbackType).Name : text;
        }

        /// <summary>
        /// The name a receiver is known by in source: "aes" for a local or parameter, "_aes" for <c>_aes</c>/<c>this._aes</c>;
        /// for the implicit receiver of an object initializer, the variable, field or property the created object goes to.
        /// Null when the receiver is any other expression.
        /// </summary>
        public static string? NameOf(IOperation? instance)
        {
            switch (instance?.WithoutConversions())
            {
                case ILocalReferenceOperation local:
                    return local.Local.Name;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.Name;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    return field.Field.Name;
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Arguments.IsEmpty: true } property:
                    return property.Property.Name;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver:
                    var creation = receiver.Syntax.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
                    return creation is null ? null : TargetNameOf(creation);
                default:
                    return null;
            }
        }

        /// <summary>Where a name from <see cref="NameOf"/> is written: the member for locals and parameters, every part of the type for fields and properties.</summary>
        public static SyntaxNode[] ScopeOf(IOperation? instance, IOperation use)
        {
            bool typeWide = instance?.WithoutConversions() switch
            {
                IFieldReferenceOperation or IPropertyReferenceOperation => true,
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } receiver => IsStoredInMember(receiver, use.SemanticModel),
                _ => false,
            };
            var typeSyntax = use.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
            if (typeWide && typeSyntax is not null && use.SemanticModel?.GetDeclaredSymbol(typeSyntax) is INamedTypeSymbol type)
            {
                var references = type.DeclaringSyntaxReferences;
                var scopes = new SyntaxNode[references.Length];
                for (int i = 0; i < references.Length; i++)
                {
                    scopes[i] = references[i].GetSyntax();
                }

                return scopes;
            }

            return new[] { MemberScope(use.Syntax) };
        }

        /// <summary>An object initializer whose object goes to a field or property (<c>_aes = new AesManaged { ... }</c>, a field initializer).</summary>
        private static bool IsStoredInMember(IOperation receiver, SemanticModel? model)
        {
            var creation = receiver.Syntax.FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>();
            return (creation is null ? null : Receiving(creation)) switch
            {
                EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax } => true,
                EqualsValueClauseSyntax { Parent.Parent.Parent: FieldDeclarationSyntax } => true,
                AssignmentExpressionSyntax assignment => model?.GetSymbolInfo(assignment.Left).Symbol is IFieldSymbol or IPropertySymbol,
                _ => false,
            };
        }

        /// <summary>The member declaration a node is in; for top-level statements, the whole file.</summary>
        public static SyntaxNode MemberScope(SyntaxNode node)
        {
            var member = node.FirstAncestorOrSelf<MemberDeclarationSyntax>(m => m is not GlobalStatementSyntax && m is not BaseTypeDeclarationSyntax && m is not BaseNamespaceDeclarationSyntax);
            return member ?? node.SyntaxTree.GetRoot();
        }

        /// <summary>The right-hand sides of <c>name.Property = value</c> and of <c>Property = value</c> in the object initializer given to <c>name</c>.</summary>
        public static System.Collections.Generic.IEnumerable<ExpressionSyntax> ValuesAssigned(string name, string property, SyntaxNode[] scopes)
        {
            foreach (var scope in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    if (node is not AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment)
                    {
                        continue;
                    }

                    if (assignment.Left is MemberAccessExpressionSyntax member && member.Name.Identifier.ValueText == property && PlainName(member.Expression) == name)
                    {
                        yield return assignment.Right;
                    }
                    else if (assignment.Left is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == property &&
                             assignment.Parent is InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression, Parent: BaseObjectCreationExpressionSyntax creation } &&
                             TargetNameOf(creation) == name)
                    {
                        yield return assignment.Right;
                    }
                }
            }
        }

        /// <summary>
        /// True when every value stored in <paramref name="name"/> within <paramref name="scopes"/> is an object made right there
        /// (<c>new AesManaged()</c>, <c>Aes.Create()</c>), and there is at least one: the code that configures the object is in view.
        /// A cipher received as a parameter, injected, or returned by a helper is configured elsewhere.
        /// </summary>
        public static bool CreatedInScope(string name, SyntaxNode[] scopes)
        {
            bool created = false;
            foreach (var scope in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    ExpressionSyntax? value = node switch
                    {
                        VariableDeclaratorSyntax { Initializer.Value: var initial } declarator when declarator.Identifier.ValueText == name => initial,
                        PropertyDeclarationSyntax { Initializer.Value: var initial } property when property.Identifier.ValueText == name => initial,
                        AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment when PlainName(assignment.Left) == name => assignment.Right,
                        _ => null,
                    };
                    if (value is null)
                    {
                        continue;
                    }

                    if (value is not BaseObjectCreationExpressionSyntax &&
                        value is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Create" } })
                    {
                        return false;
                    }

                    created = true;
                }
            }

            return created;
        }

        /// <summary>
        /// True when <paramref name="name"/> may be written or filled in <paramref name="scope"/> before <paramref name="before"/>,
        /// outside <paramref name="except"/>: given a new value (<see cref="ValueOrigin.Reassigns"/>), or, when
        /// <paramref name="contentsMutable"/> (byte buffers, not strings), its contents changed: an element assigned, passed as an
        /// argument to anything but a cipher or encoding call that only reads it (<c>Fill(iv)</c>, <c>BlockCopy(..., iv, ...)</c>,
        /// <c>stream.Read(iv)</c> write), or turned into a writable view (<c>iv.AsSpan()</c>).
        /// </summary>
        public static bool MayBeWritten(string name, SyntaxNode scope, SyntaxNode? except, int before, bool contentsMutable = true)
        {
            foreach (var mention in ValueOrigin.Mentions(name, scope, except, before))
            {
                if (ValueOrigin.Reassigns(mention) || (contentsMutable && ContentsChanged(mention)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool ContentsChanged(ExpressionSyntax mention)
        {
            switch (mention.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == mention:
                    // iv.AsSpan(), iv.AsMemory(): a view that can be written through; iv.Length, iv.CopyTo(x) only read.
                    return access.Name.Identifier.ValueText is "AsSpan" or "AsMemory" or "Initialize" or "Fill";
                case ArgumentSyntax argument:
                    return !OnlyReads(argument);
                case ElementAccessExpressionSyntax element:
                    return element.Expression == mention && element.Parent is AssignmentExpressionSyntax assignment && assignment.Left == element;
                case PrefixUnaryExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>An argument given by value to a call that reads key bytes without changing them: a cipher, a MAC, an encoder, a constructor.</summary>
        private static bool OnlyReads(ArgumentSyntax argument)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                return false;
            }

            switch (argument.Parent?.Parent)
            {
                case InvocationExpressionSyntax invocation:
                    string? method = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => null,
                    };
                    return method is not null && s_readingCalls.Contains(method);
                case BaseObjectCreationExpressionSyntax creation:
                    string? type = creation is ObjectCreationExpressionSyntax { Type: var typeSyntax } ? typeSyntax.ToString() : null;
                    return type is null || !(type.StartsWith("Span", StringComparison.Ordinal) || type.StartsWith("Memory", StringComparison.Ordinal) ||
                                             type.EndsWith("Stream", StringComparison.Ordinal));
                default:
                    return false;
            }
        }

        /// <summary><c>x</c> for <c>x</c> and <c>this.x</c>; null for anything else.</summary>
        public static string? PlainName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax name } => name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>The variable, field or property an object creation is stored in: <c>var aes = new AesManaged { ... }</c> gives "aes".</summary>
        private static string? TargetNameOf(BaseObjectCreationExpressionSyntax creation) => Receiving(creation) switch
        {
            EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator } => declarator.Identifier.ValueText,
            EqualsValueClauseSyntax { Parent: PropertyDeclarationSyntax property } => property.Identifier.ValueText,
            AssignmentExpressionSyntax assignment => PlainName(assignment.Left),
            _ => null,
        };

        /// <summary>The node that receives the created object, past parentheses and casts: an initializer, an assignment, an argument...</summary>
        private static SyntaxNode? Receiving(BaseObjectCreationExpressionSyntax creation)
        {
            var parent = creation.Parent;
            while (parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
            {
                parent = parent.Parent;
            }

            return parent;
        }

        /// <summary>
        /// True when the cipher known by <paramref name="name"/> runs in CBC mode in <paramref name="scopes"/>: its <c>Mode</c> is
        /// never set there (CBC is the default) or set only to <c>CipherMode.CBC</c>; false when set to anything else or to a value
        /// read at run time.
        /// </summary>
        public static bool IsCbc(string name, SyntaxNode[] scopes)
        {
            foreach (var value in ValuesAssigned(name, "Mode", scopes))
            {
                if (ModeName(value) != "CBC")
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>"CBC" for <c>CipherMode.CBC</c> (or a bare <c>CBC</c> under <c>using static</c>), null for anything else.</summary>
        public static string? ModeName(ExpressionSyntax value) => value switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } access when access.Expression.ToString().EndsWith("CipherMode", StringComparison.Ordinal) => member,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => null,
        };
    }
}
