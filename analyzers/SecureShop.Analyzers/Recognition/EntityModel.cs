using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The EF Core model of a compilation, computed once and lazily, from declarations and a few bound nodes:
    /// entity types (used in a <c>DbSet&lt;T&gt;</c> of a DbContext, or configured with
    /// <c>modelBuilder.Entity&lt;T&gt;()</c> in OnModelCreating), properties with a value converter
    /// (<c>.Property(x => x.Pan).HasConversion(...)</c>), and whether every value assigned to a property came
    /// from an encrypt/tokenize/hash call. Nothing here binds method bodies wholesale, so rules that use it
    /// can report from symbol actions (live in the IDE, cheap in a pull-request scan) instead of at compilation end.
    /// </summary>
    internal sealed class EntityModel
    {
        private static readonly string[] s_converterMethods = { "HasConversion", "HasValueConverter", "UseEncryption" };

        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _dbContext;
        private readonly INamedTypeSymbol _dbSet;
        private readonly Lazy<Facts> _facts;
        private readonly ConcurrentDictionary<IPropertySymbol, bool> _onlyProtected = new ConcurrentDictionary<IPropertySymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IPropertySymbol, bool> _onlyPasswordProtected = new ConcurrentDictionary<IPropertySymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>The facts of a compilation, computed once for every rule that asks (SS1002, SS1003, SS3001): they depend on the compilation alone.</summary>
        private static readonly ConditionalWeakTable<Compilation, Lazy<Facts>> s_factsByCompilation = new ConditionalWeakTable<Compilation, Lazy<Facts>>();

        private EntityModel(Compilation compilation, INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
        {
            _compilation = compilation;
            _dbContext = dbContext;
            _dbSet = dbSet;
            _facts = s_factsByCompilation.GetValue(compilation, _ => new Lazy<Facts>(Compute, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication));
        }

        /// <summary>The model of a compilation, or null when it does not use EF Core.</summary>
        public static EntityModel? For(Compilation compilation)
        {
            var dbContext = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbContext");
            var dbSet = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.DbSet`1");
            return dbContext is null || dbSet is null ? null : new EntityModel(compilation, dbContext, dbSet);
        }

        /// <summary>
        /// The entity a property is persisted with: its own type when that is an entity, or the first entity
        /// (by name) deriving from it; null when the property is not persisted by EF Core.
        /// </summary>
        public INamedTypeSymbol? EntityOf(IPropertySymbol property)
        {
            if (property.IsStatic || property.IsIndexer || property.HasAttributeNamed("NotMappedAttribute"))
            {
                return null;
            }

            return _facts.Value.EntityByType.TryGetValue(property.ContainingType.OriginalDefinition, out var entity) ? entity : null;
        }

        public bool HasConverter(IPropertySymbol property) => _facts.Value.Converted.Contains(property.OriginalDefinition);

        /// <summary>True when the property is assigned somewhere and every assignment is a protected value.</summary>
        public bool OnlyAssignedProtectedValues(IPropertySymbol property, CardDataRecognizer recognizer) =>
            _onlyProtected.GetOrAdd(property.OriginalDefinition, p => ComputeOnlyAssigned((IPropertySymbol)p, recognizer.IsSanitized));

        /// <summary>
        /// True when the password property is assigned somewhere and every assignment is protected as
        /// <paramref name="isProtected"/> judges (<see cref="PasswordHashing.IsProtectedPassword"/>). The answer is cached per
        /// property: a rule passes the same judgement for the same property every time.
        /// </summary>
        public bool OnlyAssignedProtectedPasswords(IPropertySymbol property, Func<IOperation, bool> isProtected) =>
            _onlyPasswordProtected.GetOrAdd(property.OriginalDefinition, p => ComputeOnlyAssigned((IPropertySymbol)p, isProtected));

        private Facts Compute()
        {
            var entityByType = new Dictionary<INamedTypeSymbol, INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var converted = new HashSet<IPropertySymbol>(SymbolEqualityComparer.Default);
            var entities = new List<INamedTypeSymbol>();
            foreach (var symbol in _compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type))
            {
                if (symbol is not INamedTypeSymbol context || SymbolEqualityComparer.Default.Equals(context, _dbContext) || !context.InheritsFrom(_dbContext))
                {
                    continue;
                }

                foreach (var member in context.GetMembers())
                {
                    if (member is IPropertySymbol { Type: INamedTypeSymbol { IsGenericType: true } set } &&
                        SymbolEqualityComparer.Default.Equals(set.OriginalDefinition, _dbSet) &&
                        set.TypeArguments[0] is INamedTypeSymbol entity)
                    {
                        entities.Add(entity.OriginalDefinition);
                    }

                    if (member is IMethodSymbol { Name: "OnModelCreating" } onModelCreating)
                    {
                        ReadModelConfiguration(onModelCreating, entities, converted);
                    }
                }
            }

            // A property declared in a base class is persisted with every entity deriving from it.
            foreach (var entity in entities.Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                for (var type = entity; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
                {
                    if (!entityByType.ContainsKey(type.OriginalDefinition))
                    {
                        entityByType[type.OriginalDefinition] = entity;
                    }
                }
            }

            return new Facts(entityByType, converted);
        }

        /// <summary>Binds only the invocations of OnModelCreating that configure the model: Entity&lt;T&gt;() and converters.</summary>
        private void ReadModelConfiguration(IMethodSymbol onModelCreating, List<INamedTypeSymbol> entities, HashSet<IPropertySymbol> converted)
        {
            foreach (var reference in onModelCreating.DeclaringSyntaxReferences)
            {
                var body = reference.GetSyntax();
#pragma warning disable RS1030 // Only OnModelCreating is bound, once per compilation: far cheaper than making the rules compilation-end.
                var model = _compilation.GetSemanticModel(body.SyntaxTree);
#pragma warning restore RS1030
                foreach (var invocation in body.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    string? name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => null,
                    };
                    if (name != "Entity" && Array.IndexOf(s_converterMethods, name) < 0)
                    {
                        continue;
                    }

                    if (model.GetOperation(invocation) is not IInvocationOperation operation)
                    {
                        continue;
                    }

                    var method = operation.TargetMethod;
                    if (method.Name == "Entity" && method.TypeArguments.Length == 1 && method.TypeArguments[0] is INamedTypeSymbol entity)
                    {
                        entities.Add(entity.OriginalDefinition);
                    }
                    else if (operation.Instance is IInvocationOperation { TargetMethod.Name: "Property" } propertyCall && PropertyOfLambda(propertyCall) is { } property)
                    {
                        converted.Add(property.OriginalDefinition);
                    }
                }
            }
        }

        /// <summary>
        /// Finds the assignments to <paramref name="property"/> by name in the syntax of every tree and binds only
        /// those. True when there is at least one and each assigns a value <paramref name="isProtected"/> accepts.
        /// </summary>
        private bool ComputeOnlyAssigned(IPropertySymbol property, Func<IOperation, bool> isProtected)
        {
            bool any = false;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (tree.GetText().ToString().IndexOf(property.Name, StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var assignment in tree.GetRoot().DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) || LastName(assignment.Left) != property.Name)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Only assignments to this property's name are bound, once per property.
                    model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol?.OriginalDefinition, property.OriginalDefinition))
                    {
                        continue;
                    }

                    any = true;
                    if (model.GetOperation(assignment.Right) is not { } value || !isProtected(value))
                    {
                        return false;
                    }
                }
            }

            return any;
        }

        private static string? LastName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

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

        private sealed class Facts
        {
            public Facts(Dictionary<INamedTypeSymbol, INamedTypeSymbol> entityByType, HashSet<IPropertySymbol> converted)
            {
                EntityByType = entityByType;
                Converted = converted;
            }

            public Dictionary<INamedTypeSymbol, INamedTypeSymbol> EntityByType { get; }

            public HashSet<IPropertySymbol> Converted { get; }
        }
    }
}
