using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The EF Core model of a compilation, gathered while it is analysed: entity types (used in a
    /// <c>DbSet&lt;T&gt;</c> or configured with <c>modelBuilder.Entity&lt;T&gt;()</c>), properties with a value
    /// converter (<c>.Property(x => x.Pan).HasConversion(...)</c>), and, for card-data properties, whether
    /// every value assigned to them came from an encrypt/tokenize/hash call. Read it at compilation end.
    /// </summary>
    internal sealed class EntityModel
    {
        private readonly ConcurrentDictionary<INamedTypeSymbol, byte> _entities = new ConcurrentDictionary<INamedTypeSymbol, byte>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IPropertySymbol, byte> _converted = new ConcurrentDictionary<IPropertySymbol, byte>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IPropertySymbol, bool> _assignedInClear = new ConcurrentDictionary<IPropertySymbol, bool>(SymbolEqualityComparer.Default);

        public IEnumerable<INamedTypeSymbol> EntityTypes => _entities.Keys;

        public bool HasConverter(IPropertySymbol property) => _converted.ContainsKey(property.OriginalDefinition);

        /// <summary>True when the property is assigned somewhere and every assignment is a protected value.</summary>
        public bool OnlyAssignedProtectedValues(IPropertySymbol property) =>
            _assignedInClear.TryGetValue(property.OriginalDefinition, out var inClear) && !inClear;

        /// <summary>Starts gathering; returns null (and registers nothing) when the compilation does not use EF Core.</summary>
        public static EntityModel? Track(CompilationStartAnalysisContext context, System.Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var dbContext = context.Compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            var dbSet = context.Compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            var modelBuilder = context.Compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.ModelBuilder");
            if (dbContext is null || dbSet is null)
            {
                return null;
            }

            var model = new EntityModel();
            context.RegisterSymbolAction(
                c =>
                {
                    var type = (INamedTypeSymbol)c.Symbol;
                    if (SymbolEqualityComparer.Default.Equals(type, dbContext) || !type.InheritsFrom(dbContext))
                    {
                        return;
                    }

                    foreach (var member in type.GetMembers())
                    {
                        if (member is IPropertySymbol { Type: INamedTypeSymbol { IsGenericType: true } set } &&
                            SymbolEqualityComparer.Default.Equals(set.OriginalDefinition, dbSet) &&
                            set.TypeArguments[0] is INamedTypeSymbol entity)
                        {
                            model._entities.TryAdd(entity.OriginalDefinition, 0);
                        }
                    }
                },
                SymbolKind.NamedType);

            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var method = invocation.TargetMethod;
                    if (method.Name == "Entity" && method.TypeArguments.Length == 1 && modelBuilder is not null &&
                        SymbolEqualityComparer.Default.Equals(method.ContainingType, modelBuilder) &&
                        method.TypeArguments[0] is INamedTypeSymbol entity)
                    {
                        model._entities.TryAdd(entity.OriginalDefinition, 0);
                    }
                    else if ((method.Name == "HasConversion" || method.Name == "HasValueConverter" || method.Name == "UseEncryption") &&
                             invocation.Instance is IInvocationOperation { TargetMethod.Name: "Property" } propertyCall &&
                             PropertyOfLambda(propertyCall) is { } property)
                    {
                        model._converted.TryAdd(property.OriginalDefinition, 0);
                    }
                },
                OperationKind.Invocation);

            context.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    if (assignment.Target is not IPropertyReferenceOperation target)
                    {
                        return;
                    }

                    var recognizer = recognizerFor(assignment.Syntax.SyntaxTree);
                    if (recognizer.Classify(target.Property) == CardDataKind.None)
                    {
                        return;
                    }

                    bool inClear = !recognizer.IsSanitized(assignment.Value);
                    model._assignedInClear.AddOrUpdate(target.Property.OriginalDefinition, inClear, (_, previous) => previous || inClear);
                },
                OperationKind.SimpleAssignment);

            return model;
        }

        private static IPropertySymbol? PropertyOfLambda(IInvocationOperation propertyCall)
        {
            foreach (var argument in propertyCall.Arguments)
            {
                var value = argument.Value;
                while (value is IConversionOperation or IDelegateCreationOperation)
                {
                    value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
                }

                if (value is IAnonymousFunctionOperation lambda)
                {
                    foreach (var node in lambda.Body.Descendants())
                    {
                        if (node is IPropertyReferenceOperation reference)
                        {
                            return reference.Property;
                        }
                    }
                }
            }

            return null;
        }
    }
}
