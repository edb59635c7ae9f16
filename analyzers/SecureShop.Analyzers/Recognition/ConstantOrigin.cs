using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The string literal a value is, when the code leaves no doubt about it: the literal itself, a <c>const</c>, a
    /// <c>static readonly</c> field initialised with a literal and written nowhere else, a local that is never reassigned
    /// (<see cref="ValueOrigin.InitialValue"/>), or the project's own method whose every <c>return</c> is one of these
    /// (<see cref="MethodSummaries"/>, at most <see cref="MethodSummaries.MaxCalls"/> nested calls).
    /// </summary>
    internal static class ConstantOrigin
    {
        private const int MaxSteps = 6;

        /// <summary>The literal behind <paramref name="value"/>, or null.</summary>
        public static ConstantString? StringOf(IOperation value, Compilation compilation) => Follow(value, compilation, null, 0);

        private static ConstantString? Follow(IOperation value, Compilation compilation, ISymbol? namedBy, int steps)
        {
            if (steps > MaxSteps)
            {
                return null;
            }

            value = value.WithoutConversions();
            switch (value)
            {
                case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } } literal:
                    return new ConstantString(text, literal, namedBy, "a string literal", ImmutableArray<(Location, string)>.Empty);
                case IFieldReferenceOperation { Field: { } field } when field.IsConst || (field.IsStatic && field.IsReadOnly && !WrittenOutsideInitializer(field)):
                    return Via(InitializerOf(field, compilation), compilation, field, steps, (field.IsConst ? "const '" : "field '") + field.Name + "'");
                case ILocalReferenceOperation local when ValueOrigin.InitialValue(local) is { } initial:
                    return Via(initial, compilation, local.Local, steps, "local '" + local.Local.Name + "'");
                case IInvocationOperation call when MethodSummaries.CanFollow && MethodSummaries.For(compilation).BodyOf(call.TargetMethod) is { Returned.IsEmpty: false } body:
                    {
                        ConstantString? first = null;
                        using (MethodSummaries.Follow())
                        {
                            foreach (var returned in body.Returned)
                            {
                                var found = Follow(returned, compilation, null, steps + 1);
                                if (found is null)
                                {
                                    return null; // one return of something else: not a constant
                                }

                                first ??= found;
                            }
                        }

                        var step = (body.Returned[0].Syntax.GetLocation(), "'" + body.Method.Name + "' returns the literal here");
                        return first is null ? null : new ConstantString(first.Text, first.Literal, first.NamedBy, "the value returned by '" + body.Method.Name + "'", first.Steps.Insert(0, step));
                    }

                default:
                    return null;
            }
        }

        private static ConstantString? Via(IOperation? initializer, Compilation compilation, ISymbol symbol, int steps, string description)
        {
            var found = initializer is null ? null : Follow(initializer, compilation, symbol, steps + 1);
            return found is null ? null : new ConstantString(found.Text, found.Literal, found.NamedBy, description, found.Steps);
        }

        private static IOperation? InitializerOf(IFieldSymbol field, Compilation compilation)
        {
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } value } && compilation.ContainsSyntaxTree(reference.SyntaxTree))
                {
#pragma warning disable RS1030 // One field initializer, bound only when a credential position reads that field.
                    return compilation.GetSemanticModel(reference.SyntaxTree).GetOperation(value);
#pragma warning restore RS1030
                }
            }

            return null;
        }

        /// <summary>A static readonly field may still be set in the static constructor.</summary>
        private static bool WrittenOutsideInitializer(IFieldSymbol field)
        {
            foreach (var reference in field.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var mention in ValueOrigin.Mentions(field.Name, reference.GetSyntax(), except: null, before: int.MaxValue))
                {
                    if (ValueOrigin.Reassigns(mention))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }

    /// <summary>A literal a value was traced to: its text, the literal, the symbol it initialises, how it got here, and the calls on the way.</summary>
    internal sealed class ConstantString
    {
        public ConstantString(string text, IOperation literal, ISymbol? namedBy, string description, ImmutableArray<(Location, string)> steps)
        {
            Text = text;
            Literal = literal;
            NamedBy = namedBy;
            Description = description;
            Steps = steps;
        }

        public string Text { get; }

        public IOperation Literal { get; }

        /// <summary>The field or local the literal initialises (SS3003 may already report it under that name), or null.</summary>
        public ISymbol? NamedBy { get; }

        /// <summary>"const 'DbPassword'", "local 'p'", "the value returned by 'GetPassword'", "a string literal".</summary>
        public string Description { get; }

        /// <summary>Where project methods return the literal, outermost first.</summary>
        public ImmutableArray<(Location, string)> Steps { get; }

        /// <summary>True when the value came through a field, a local or a method (not written at the use).</summary>
        public bool IsIndirect => Description != "a string literal";

        public IReadOnlyList<(Location, string)> StepsWithLiteral()
        {
            var literal = Literal.Syntax.GetLocation();
            return !Steps.IsEmpty && Steps[Steps.Length - 1].Item1.Equals(literal) ? Steps : Steps.Add((literal, "the literal is here"));
        }
    }
}
