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
    /// from an encrypt/tokenize/hash call. Also read: <c>IEntityTypeConfiguration&lt;T&gt;</c> classes applied with
    /// <c>ApplyConfiguration</c>/<c>ApplyConfigurationsFromAssembly</c>, private fields mapped by name
    /// (<c>Property("_pan")</c>, <c>HasField("_pan")</c>), and owned types (<c>OwnsOne(o => o.Card)</c>, <c>[Owned]</c>),
    /// persisted with their owner. Nothing here binds method bodies wholesale, so rules that use it
    /// can report from symbol actions (live in the IDE, cheap in a pull-request scan) instead of at compilation end.
    /// </summary>
    internal sealed class EntityModel
    {
        private static readonly string[] s_converterMethods = { "HasConversion", "HasValueConverter", "UseEncryption" };
        private static readonly string[] s_shapeMethods = { "Property", "HasField", "OwnsOne", "OwnsMany", "ApplyConfiguration", "ApplyConfigurationsFromAssembly" };

        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _dbContext;
        private readonly INamedTypeSymbol _dbSet;
        private readonly Lazy<Facts> _facts;
        private readonly ConcurrentDictionary<ISymbol, bool> _onlyProtected = SharedCache.Create<ISymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, bool> _onlyPasswordProtected = SharedCache.Create<ISymbol, bool>(SymbolEqualityComparer.Default);

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
            var dbContext = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.DbContext");
            var dbSet = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.DbSet`1");
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

        /// <summary>True when <paramref name="type"/> itself is an entity: the type of a <c>DbSet&lt;T&gt;</c> or configured with <c>Entity&lt;T&gt;()</c>.</summary>
        public bool IsEntity(ITypeSymbol type) => type is INamedTypeSymbol named && _facts.Value.Entities.Contains(named.OriginalDefinition);

        /// <summary>The entity a private field is persisted with when the model maps it by name (<c>Property("_pan")</c>, <c>HasField("_pan")</c>).</summary>
        public INamedTypeSymbol? EntityOf(IFieldSymbol field)
        {
            if (field.IsStatic || field.IsConst || field.HasAttributeNamed("NotMappedAttribute") || !_facts.Value.MappedFields.Contains(field.OriginalDefinition))
            {
                return null;
            }

            return _facts.Value.EntityByType.TryGetValue(field.ContainingType.OriginalDefinition, out var entity) ? entity : field.ContainingType;
        }

        /// <summary>True when the model gives the property (or a field mapped by name) a value converter.</summary>
        public bool HasConverter(ISymbol member) => _facts.Value.Converted.Contains(member.OriginalDefinition);

        /// <summary>True when the property or field is assigned somewhere and every assignment is a protected value.</summary>
        public bool OnlyAssignedProtectedValues(ISymbol member, CardDataRecognizer recognizer) =>
            _onlyProtected.GetOrAdd(member.OriginalDefinition, p => ComputeOnlyAssigned(p, recognizer.IsSanitized));

        /// <summary>
        /// True when the password property is assigned somewhere and every assignment is protected as
        /// <paramref name="isProtected"/> judges (<see cref="PasswordHashing.IsProtectedPassword"/>). The answer is cached per
        /// property: a rule passes the same judgement for the same property every time.
        /// </summary>
        public bool OnlyAssignedProtectedPasswords(IPropertySymbol property, Func<IOperation, bool> isProtected) =>
            _onlyPasswordProtected.GetOrAdd(property.OriginalDefinition, p => ComputeOnlyAssigned(p, isProtected));

        private Facts Compute()
        {
            var entityByType = new Dictionary<INamedTypeSymbol, INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var read = new ModelReading();
            var entities = read.Entities;
            var configurations = new List<(INamedTypeSymbol Configuration, INamedTypeSymbol Entity)>();
            var entityConfiguration = KnownTypes.Get(_compilation, "Microsoft.EntityFrameworkCore.IEntityTypeConfiguration`1");
            foreach (var symbol in _compilation.GetSymbolsWithName(_ => true, SymbolFilter.Type))
            {
                if (symbol is not INamedTypeSymbol context)
                {
                    continue;
                }

                if (entityConfiguration is not null && !context.IsAbstract)
                {
                    foreach (var contract in context.AllInterfaces)
                    {
                        if (SymbolEqualityComparer.Default.Equals(contract.OriginalDefinition, entityConfiguration) && contract.TypeArguments[0] is INamedTypeSymbol configured)
                        {
                            configurations.Add((context, configured.OriginalDefinition));
                        }
                    }
                }

                if (SymbolEqualityComparer.Default.Equals(context, _dbContext) || !context.InheritsFrom(_dbContext))
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
                        ReadModelConfiguration(onModelCreating, read);
                    }
                }
            }

            // An IEntityTypeConfiguration<T> counts when the model applies it: by type, or every one of the assembly.
            foreach (var (configuration, entity) in configurations)
            {
                if (read.AppliesAllConfigurations || read.AppliedConfigurations.Contains(configuration.OriginalDefinition))
                {
                    entities.Add(entity);
                    foreach (var configure in configuration.GetMembers("Configure"))
                    {
                        if (configure is IMethodSymbol)
                        {
                            ReadModelConfiguration((IMethodSymbol)configure, read);
                        }
                    }
                }
            }

            // [Owned] types are persisted with the entity that has a property of that type.
            foreach (var entity in entities.ToList())
            {
                foreach (var member in entity.GetMembers())
                {
                    if (member is IPropertySymbol { Type: INamedTypeSymbol owned } && owned.HasAttributeNamed("OwnedAttribute"))
                    {
                        read.Owned.Add((owned.OriginalDefinition, entity));
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

            // An owned type (OwnsOne/OwnsMany) is persisted in its owner's table or a table of its own: with the owner.
            foreach (var (owned, owner) in read.Owned.OrderBy(o => o.Owned.Name, StringComparer.Ordinal))
            {
                if (!entityByType.ContainsKey(owned))
                {
                    entityByType[owned] = entityByType.TryGetValue(owner, out var ownerEntity) ? ownerEntity : owner;
                }
            }

            return new Facts(entityByType, read.Converted, read.MappedFields, new HashSet<INamedTypeSymbol>(entities, SymbolEqualityComparer.Default));
        }

        /// <summary>
        /// Binds only the invocations of OnModelCreating (or a Configure method) that configure the model: Entity&lt;T&gt;(),
        /// converters, members mapped by name, owned types, applied configurations.
        /// </summary>
        private void ReadModelConfiguration(IMethodSymbol onModelCreating, ModelReading read)
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
                    if (name != "Entity" && Array.IndexOf(s_converterMethods, name) < 0 && Array.IndexOf(s_shapeMethods, name) < 0)
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
                        read.Entities.Add(entity.OriginalDefinition);
                    }
                    else if (Array.IndexOf(s_converterMethods, method.Name) >= 0)
                    {
                        if (operation.Instance is IInvocationOperation { TargetMethod.Name: "Property" } propertyCall &&
                            (PropertyOfLambda(propertyCall) ?? MemberNamedIn(propertyCall)) is { } property)
                        {
                            read.Converted.Add(property.OriginalDefinition);
                        }
                    }
                    else
                    {
                        ReadShape(operation, read);
                    }
                }
            }
        }

        /// <summary>Members mapped by name, owned types, applied configurations.</summary>
        private static void ReadShape(IInvocationOperation operation, ModelReading read)
        {
            var method = operation.TargetMethod;
            switch (method.Name)
            {
                case "Property" or "HasField" when MemberNamedIn(operation) is IFieldSymbol field:
                    read.MappedFields.Add(field.OriginalDefinition);
                    break;
                case "OwnsOne" or "OwnsMany" when method.TypeArguments.Length >= 1 && method.TypeArguments[method.TypeArguments.Length - 1] is INamedTypeSymbol owned &&
                    BuiltEntity(operation.Instance?.Type) is { } owner:
                    read.Owned.Add((owned.OriginalDefinition, owner));
                    break;
                case "ApplyConfiguration" when operation.Arguments.Length >= 1 && operation.Arguments[0].Value.WithoutConversions().Type is INamedTypeSymbol applied:
                    read.AppliedConfigurations.Add(applied.OriginalDefinition);
                    break;
                case "ApplyConfigurationsFromAssembly":
                    read.AppliesAllConfigurations = true;
                    break;
            }
        }

        /// <summary>
        /// The field (or property) a string argument names: <c>Property("_pan")</c>, <c>Property&lt;string&gt;("_pan")</c> on an entity
        /// builder, <c>HasField("_pan")</c> on a property builder; looked up in the built entity and its base types.
        /// </summary>
        private static ISymbol? MemberNamedIn(IInvocationOperation call)
        {
            if (call.Arguments.Length < 1 || call.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string name })
            {
                return null;
            }

            var builder = call.Instance;
            if (call.TargetMethod.Name == "HasField" && builder is IInvocationOperation { TargetMethod.Name: "Property" } propertyCall)
            {
                builder = propertyCall.Instance;
            }

            for (var type = BuiltEntity(builder?.Type); type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers(name))
                {
                    if (member is IFieldSymbol or IPropertySymbol)
                    {
                        return member;
                    }
                }
            }

            return null;
        }

        /// <summary>The entity of an <c>EntityTypeBuilder&lt;T&gt;</c>, or the dependent of an <c>OwnedNavigationBuilder&lt;TOwner, TDependent&gt;</c>.</summary>
        private static INamedTypeSymbol? BuiltEntity(ITypeSymbol? builder) =>
            builder is INamedTypeSymbol { IsGenericType: true } generic && generic.Name is "EntityTypeBuilder" or "OwnedNavigationBuilder" &&
            generic.TypeArguments[generic.TypeArguments.Length - 1] is INamedTypeSymbol entity
                ? entity.OriginalDefinition
                : null;

        /// <summary>
        /// Finds the assignments to <paramref name="property"/> by name in the syntax of every tree and binds only
        /// those. True when there is at least one and each assigns a value <paramref name="isProtected"/> accepts.
        /// </summary>
        private bool ComputeOnlyAssigned(ISymbol property, Func<IOperation, bool> isProtected)
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
            public Facts(Dictionary<INamedTypeSymbol, INamedTypeSymbol> entityByType, HashSet<ISymbol> converted, HashSet<ISymbol> mappedFields, HashSet<INamedTypeSymbol> entities)
            {
                EntityByType = entityByType;
                Converted = converted;
                MappedFields = mappedFields;
                Entities = entities;
            }

            public HashSet<INamedTypeSymbol> Entities { get; }

            public Dictionary<INamedTypeSymbol, INamedTypeSymbol> EntityByType { get; }

            public HashSet<ISymbol> Converted { get; }

            public HashSet<ISymbol> MappedFields { get; }
        }

        /// <summary>What reading the model configuration collects, before the entity map is built.</summary>
        private sealed class ModelReading
        {
            public List<INamedTypeSymbol> Entities { get; } = new List<INamedTypeSymbol>();

            public HashSet<ISymbol> Converted { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> MappedFields { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public List<(INamedTypeSymbol Owned, INamedTypeSymbol Owner)> Owned { get; } = new List<(INamedTypeSymbol, INamedTypeSymbol)>();

            public HashSet<INamedTypeSymbol> AppliedConfigurations { get; } = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);

            public bool AppliesAllConfigurations { get; set; }
        }
    }
}
