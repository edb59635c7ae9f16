using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Can the time an equality check takes tell a caller how much of a guess was right? Only when a secret the server
    /// holds (expected signature, stored token or hash, configured key) is compared, in process, with a value the caller
    /// chose. These comparisons are no such oracle:
    /// <list type="bullet">
    /// <item>inside a lambda converted to an expression tree (<c>db.Cards.Where(c =&gt; c.PanHash == fingerprint)</c>): the
    /// provider translates it to SQL, the database compares;</item>
    /// <item>a confirmation check, both values from the same caller (<c>model.Password == model.ConfirmPassword</c>,
    /// <c>password != repeatPassword</c>);</item>
    /// <item>change detection: the branch then stores the one value where the other came from
    /// (<c>if (model.ApiKey != settings.ApiKey) settings.ApiKey = model.ApiKey;</c>), which an administrator's form does;</item>
    /// <item>content fingerprints (<c>ContentHash</c>, <c>FileChecksum</c>, ETags; <see cref="DigestAsIdentifier.IsIdentifierName"/>),
    /// which anyone can compute from the content.</item>
    /// </list>
    /// </summary>
    internal static class TimingOracle
    {
        private static readonly ImmutableHashSet<string> s_confirmationWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "confirm", "confirmation", "confirmed", "repeat", "repeated", "retype", "retyped", "again");

        /// <summary>True when comparing <paramref name="left"/> with <paramref name="right"/> in <paramref name="comparison"/> cannot leak a secret by timing.</summary>
        public static bool IsNoOracle(IOperation comparison, IOperation left, IOperation right, string? leftName, string? rightName) =>
            IsContentFingerprint(leftName) || IsContentFingerprint(rightName) ||
            IsConfirmation(leftName) || IsConfirmation(rightName) || ReadFromSameObject(left, right) ||
            ExpressionTree.Contains(comparison) || IsChangeDetection(comparison, left, right);

        private static bool IsContentFingerprint(string? name) => name is not null && DigestAsIdentifier.IsIdentifierName(name);

        private static bool IsConfirmation(string? name) => name is not null && NameWords.AnyIn(NameWords.Split(name), s_confirmationWords);

        /// <summary><c>model.Password == model.ConfirmPassword</c>: two members of one object, as one request bound them.</summary>
        private static bool ReadFromSameObject(IOperation left, IOperation right) =>
            left is IMemberReferenceOperation { Instance: { } a } && right is IMemberReferenceOperation { Instance: { } b } &&
            Referenced(a.WithoutConversions()) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, Referenced(b.WithoutConversions())) &&
            symbol is IParameterSymbol or ILocalSymbol;

        /// <summary>The comparison decides an <c>if</c> whose branch assigns one compared value to the other's place.</summary>
        private static bool IsChangeDetection(IOperation comparison, IOperation left, IOperation right)
        {
            IOperation current = comparison;
            for (int step = 0; step < 4 && current.Parent is { } parent; step++)
            {
                if (parent is IConditionalOperation conditional && conditional.Condition.Syntax.Span.Contains(comparison.Syntax.Span))
                {
                    return AssignsOneToTheOther(conditional.WhenTrue, left, right) ||
                        (conditional.WhenFalse is { } otherwise && AssignsOneToTheOther(otherwise, left, right));
                }

                if (parent is not (IUnaryOperation or IBinaryOperation or IConversionOperation or IParenthesizedOperation or IInvocationOperation or IArgumentOperation))
                {
                    return false;
                }

                current = parent;
            }

            return false;
        }

        private static bool AssignsOneToTheOther(IOperation branch, IOperation left, IOperation right)
        {
            foreach (var operation in branch.DescendantsAndSelf())
            {
                if (operation is ISimpleAssignmentOperation assignment &&
                    ((SameReference(assignment.Target, left) && SameReference(assignment.Value.WithoutConversions(), right)) ||
                     (SameReference(assignment.Target, right) && SameReference(assignment.Value.WithoutConversions(), left))))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Both read the same local, parameter, or the same member of the same local/parameter/this.</summary>
        private static bool SameReference(IOperation a, IOperation b)
        {
            a = a.WithoutConversions();
            b = b.WithoutConversions();
            if (a is IMemberReferenceOperation ma && b is IMemberReferenceOperation mb)
            {
                return SymbolEqualityComparer.Default.Equals(ma.Member, mb.Member) &&
                    (ma.Instance is null ? mb.Instance is null : mb.Instance is not null && SameReference(ma.Instance, mb.Instance));
            }

            if (a is IInstanceReferenceOperation && b is IInstanceReferenceOperation)
            {
                return true;
            }

            return Referenced(a) is { } symbol && SymbolEqualityComparer.Default.Equals(symbol, Referenced(b));
        }

        private static ISymbol? Referenced(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
    }
}
