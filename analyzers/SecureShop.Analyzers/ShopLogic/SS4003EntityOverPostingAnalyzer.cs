using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.ShopLogic
{
    /// <summary>
    /// SS4003: an EF Core entity (<see cref="EntityModel"/>) filled by model binding and saved, while the binder may set
    /// members the client must not choose (<see cref="PrivilegedMemberNames"/>: roles, admin flags, prices, balances, owner
    /// ids, statuses, approvals). Bound entities are endpoint parameters, <c>[BindProperty]</c> properties (judged by
    /// <see cref="ModelBinding"/>: form binding honours <c>[BindNever]</c> and <c>[Bind]</c>, a JSON body honours
    /// <c>[JsonIgnore]</c>) and entities given to <c>TryUpdateModelAsync</c> without include expressions or a property filter.
    /// Saved means handed to <c>Add/AddAsync/Update/AddRange/UpdateRange</c> of a DbContext or DbSet,
    /// <c>Entry(x).State = Modified/Added</c> or <c>Entry(y).CurrentValues.SetValues(x)</c> in a method that saves changes, or
    /// to a repository's <c>Add/Update/Insert/Save/Create/Upsert</c> (optionally followed by the entity's name). <c>Attach</c> is
    /// not a save: it marks the entity unchanged, and only the properties then flagged modified are written, which is the
    /// safe partial-update pattern.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS4003EntityOverPostingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_contextSaves = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Add", "AddAsync", "Update", "AddRange", "AddRangeAsync", "UpdateRange");

        private static readonly string[] s_repositoryVerbs = { "Add", "Update", "Insert", "Save", "Create", "Upsert" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS4003EntityOverPosting);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                var dbContext = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.DbContext");
                var dbSet = KnownTypes.Get(compilation, "Microsoft.EntityFrameworkCore.DbSet`1");
                var entities = EntityModel.For(compilation);
                if (KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.HttpRequest") is null || dbContext is null || dbSet is null || entities is null ||
                    TestCode.IsTestProject(compilation, start.Options))
                {
                    return; // no request binding, no EF Core, or test code
                }

                var rule = new Rule(entities, new ModelBinding(compilation), dbContext, dbSet);
                start.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(rule.AnalyzeStateAssignment, OperationKind.SimpleAssignment);
            });
        }

        /// <summary>A bound entity found behind a saved value: what it is, how it was bound and the description for the message.</summary>
        private readonly struct BoundEntity
        {
            public BoundEntity(ISymbol origin, INamedTypeSymbol entity, BindingSource source, ImmutableHashSet<string>? include, string description)
            {
                Origin = origin;
                Entity = entity;
                Source = source;
                Include = include;
                Description = description;
            }

            /// <summary>The bound parameter or property, or the local given to TryUpdateModelAsync.</summary>
            public ISymbol Origin { get; }

            public INamedTypeSymbol Entity { get; }

            public BindingSource Source { get; }

            public ImmutableHashSet<string>? Include { get; }

            public string Description { get; }
        }

        private sealed class Rule
        {
            private readonly EntityModel _entities;
            private readonly ModelBinding _binding;
            private readonly INamedTypeSymbol _dbContext;
            private readonly INamedTypeSymbol _dbSet;

            public Rule(EntityModel entities, ModelBinding binding, INamedTypeSymbol dbContext, INamedTypeSymbol dbSet)
            {
                _entities = entities;
                _binding = binding;
                _dbContext = dbContext;
                _dbSet = dbSet;
            }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var method = invocation.TargetMethod;
                if (method.Name == "TryUpdateModelAsync")
                {
                    AnalyzeTryUpdate(context, invocation);
                    return;
                }

                if (IsContextSave(invocation) ||
                    (method.Name == "SetValues" && method.ContainingType?.Name == "PropertyValues" && IsEfType(method.ContainingType)))
                {
                    foreach (var value in ArgumentValues(invocation))
                    {
                        Judge(context, value, needsSaveCall: true);
                    }
                }
                else if (IsRepositorySave(invocation))
                {
                    foreach (var value in ArgumentValues(invocation))
                    {
                        Judge(context, value, needsSaveCall: false);
                    }
                }
            }

            /// <summary>The values passed, with the elements of a <c>params</c> array (<c>db.UpdateRange(a, b)</c>) one by one.</summary>
            private static IEnumerable<IOperation> ArgumentValues(IInvocationOperation invocation)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } elements })
                    {
                        foreach (var element in elements.ElementValues)
                        {
                            yield return element;
                        }
                    }
                    else
                    {
                        yield return argument.Value;
                    }
                }
            }

            /// <summary><c>db.Entry(product).State = EntityState.Modified</c> (or Added): every property is written.</summary>
            public void AnalyzeStateAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: "State", Instance: IInvocationOperation { TargetMethod.Name: "Entry" } entry } &&
                    IsEfType(entry.TargetMethod.ContainingType) &&
                    assignment.Value.WithoutConversions() is IFieldReferenceOperation { Field.Name: "Modified" or "Added", Field.ContainingType.Name: "EntityState" } &&
                    entry.Arguments.Length == 1)
                {
                    Judge(context, entry.Arguments[0].Value, needsSaveCall: true);
                }
            }

            /// <summary>
            /// <c>TryUpdateModelAsync(product)</c> of a controller or page model: the overloads without include expressions or a
            /// property filter let the request set every bindable property.
            /// </summary>
            private void AnalyzeTryUpdate(OperationAnalysisContext context, IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (!_binding.IsControllerOrPage(method.ContainingType) ||
                    method.Parameters.Any(p => p.Type is IArrayTypeSymbol || p.Type.Name == "Func"))
                {
                    return;
                }

                var model = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "model")?.Value.WithoutConversions();
                if (model?.Type is not INamedTypeSymbol entity || !_entities.IsEntity(entity) || SymbolOf(model) is not { } origin)
                {
                    return;
                }

                var root = invocation.Root();
                if (!root.Descendants().Any(o => o is IInvocationOperation call && IsSaveChanges(call)))
                {
                    return;
                }

                string owner = context.ContainingSymbol.Name;
                Report(context, invocation.Syntax, new BoundEntity(origin, entity, BindingSource.Form, null, "TryUpdateModelAsync in " + owner), root, invocation.Syntax.SpanStart);
            }

            private void Judge(OperationAnalysisContext context, IOperation value, bool needsSaveCall)
            {
                var root = value.Root();
                if (Resolve(value, root, 0) is not { } bound)
                {
                    return;
                }

                if (needsSaveCall && !root.Descendants().Any(o => o is IInvocationOperation call && IsSaveChanges(call)))
                {
                    return;
                }

                Report(context, value.Syntax, bound, root, 0);
            }

            /// <summary>
            /// Reports the privileged members the binder sets and the method does not overwrite itself afterwards
            /// (<c>order.CustomerId = userId;</c> after position <paramref name="boundAt"/>: a parameter is bound before the body runs).
            /// </summary>
            private void Report(OperationAnalysisContext context, SyntaxNode location, BoundEntity bound, IOperation root, int boundAt)
            {
                var privileged = PrivilegedMembers(bound);
                if (privileged.Count == 0)
                {
                    return;
                }

                var overwritten = new HashSet<string>(StringComparer.Ordinal);
                foreach (var operation in root.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: { } instance } target } assignment &&
                        assignment.Syntax.SpanStart > boundAt &&
                        SymbolEqualityComparer.Default.Equals(OriginOf(instance, root), bound.Origin))
                    {
                        overwritten.Add(target.Property.Name);
                    }
                }

                privileged.RemoveAll(overwritten.Contains);
                if (privileged.Count == 0)
                {
                    return;
                }

                string names = string.Join(", ", privileged.Take(3)) + (privileged.Count > 3 ? " and " + (privileged.Count - 3) + " more" : string.Empty);
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS4003EntityOverPosting, location.GetLocation(), bound.Entity.Name, bound.Description, names));
            }

            /// <summary>The privileged members the binder sets, the entity's own first, then those it inherits.</summary>
            private static List<string> PrivilegedMembers(BoundEntity bound)
            {
                var names = new List<string>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var type = bound.Entity; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
                {
                    foreach (var member in type.GetMembers())
                    {
                        if (member is IPropertySymbol property && seen.Add(property.Name) &&
                            !property.HasAttributeNamed("NotMappedAttribute") &&
                            PrivilegedMemberNames.IsPrivileged(property) &&
                            ModelBinding.IsSetByBinder(property, bound.Source, bound.Include))
                        {
                            names.Add(property.Name);
                        }
                    }
                }

                return names;
            }

            /// <summary>The bound entity <paramref name="value"/> is: a bound parameter or property, directly or through a local.</summary>
            private BoundEntity? Resolve(IOperation value, IOperation root, int depth)
            {
                value = value.WithoutConversions();
                switch (value)
                {
                    case IParameterReferenceOperation reference when EntityIn(reference.Type) is { } entity:
                        var parameter = reference.Parameter;
                        var source = _binding.SourceOf(parameter);
                        if (source == BindingSource.None)
                        {
                            return null;
                        }

                        string owner = parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method ? method.Name : "a minimal-API handler";
                        return new BoundEntity(parameter, entity, source, source == BindingSource.Form ? ModelBinding.IncludeList(parameter) : null, "'" + parameter.Name + "' of " + owner);
                    case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } reference when EntityIn(reference.Type) is { } entity:
                        var bindSource = _binding.SourceOf(reference.Property);
                        return bindSource == BindingSource.None
                            ? null
                            : new BoundEntity(reference.Property, entity, bindSource, null, "bound property '" + reference.Property.Name + "' of " + reference.Property.ContainingType.Name);
                    case ILocalReferenceOperation local when depth < 3:
                        foreach (var assigned in AssignmentsTo(local.Local, root))
                        {
                            if (Resolve(assigned, root, depth + 1) is { } found)
                            {
                                return found;
                            }
                        }

                        return local.Local.IsForEach && ForEachCollection(local.Local, root) is { } collection ? Resolve(collection, root, depth + 1) : null;
                    default:
                        return null;
                }
            }

            /// <summary>The bound symbol an instance stands for (through locals), or the local or parameter itself.</summary>
            private ISymbol? OriginOf(IOperation instance, IOperation root) => Resolve(instance, root, 0)?.Origin ?? SymbolOf(instance.WithoutConversions());

            private static ISymbol? SymbolOf(IOperation operation) => operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                IPropertyReferenceOperation property => property.Property,
                _ => null,
            };

            /// <summary>The collection a <c>foreach</c> iteration variable walks.</summary>
            private static IOperation? ForEachCollection(ILocalSymbol local, IOperation root)
            {
                foreach (var operation in root.Descendants())
                {
                    if (operation is IForEachLoopOperation loop &&
                        (loop.LoopControlVariable is IVariableDeclaratorOperation declarator ? SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) : loop.Locals.Contains(local, SymbolEqualityComparer.Default)))
                    {
                        return loop.Collection;
                    }
                }

                return null;
            }

            /// <summary>The entity <paramref name="type"/> is, or the entity its elements are (an array, a <c>List&lt;Product&gt;</c>).</summary>
            private INamedTypeSymbol? EntityIn(ITypeSymbol? type)
            {
                if (type is IArrayTypeSymbol array)
                {
                    type = array.ElementType;
                }
                else if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic && !_entities.IsEntity(generic) &&
                    generic.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
                {
                    type = generic.TypeArguments[0];
                }

                return type is INamedTypeSymbol named && _entities.IsEntity(named) ? named : null;
            }

            private bool IsContextSave(IInvocationOperation invocation) =>
                s_contextSaves.Contains(invocation.TargetMethod.Name) &&
                invocation.Instance?.Type is { } receiver &&
                (receiver.InheritsFrom(_dbContext) || receiver.InheritsFrom(_dbSet));

            /// <summary>
            /// A repository or service call that stores its argument: an instance method of the application (not a framework
            /// collection's <c>Add</c>) named <c>Add</c>, <c>UpdateAsync</c>, <c>InsertProduct</c>, ...: a verb, then nothing or
            /// the name of the entity it is given.
            /// </summary>
            private bool IsRepositorySave(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (method.IsStatic || method.IsExtensionMethod || invocation.Instance is null || IsFrameworkType(method.ContainingType))
                {
                    return false;
                }

                string name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - 5) : method.Name;
                foreach (var verb in s_repositoryVerbs)
                {
                    if (!name.StartsWith(verb, StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string rest = name.Substring(verb.Length);
                    return rest.Length == 0 || invocation.Arguments.Any(a => EntityIn(a.Value.WithoutConversions().Type) is { } entity &&
                        (rest == entity.Name || rest == entity.Name + "s" || rest == "Entity"));
                }

                return false;
            }

            private static bool IsFrameworkType(INamedTypeSymbol? type)
            {
                string? ns = type?.ContainingNamespace?.ToDisplayString();
                return ns is null || ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) ||
                    ns == "Microsoft" || ns.StartsWith("Microsoft.", StringComparison.Ordinal);
            }

            private static bool IsEfType(INamedTypeSymbol? type) =>
                type?.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true;

            /// <summary><c>SaveChanges(Async)</c>, or a unit of work's <c>Commit(Async)</c> / <c>Save(Async)</c> / <c>SaveEntitiesAsync</c>.</summary>
            private static bool IsSaveChanges(IInvocationOperation call)
            {
                string name = call.TargetMethod.Name;
                return name.StartsWith("SaveChanges", StringComparison.Ordinal) || name.StartsWith("Commit", StringComparison.Ordinal) ||
                    name is "Save" or "SaveAsync" or "SaveEntities" or "SaveEntitiesAsync";
            }

            private static IEnumerable<IOperation> AssignmentsTo(ILocalSymbol local, IOperation root)
            {
                foreach (var operation in root.Descendants())
                {
                    if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                    {
                        var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                        if (initializer is not null)
                        {
                            yield return initializer.Value;
                        }
                    }
                    else if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment && SymbolEqualityComparer.Default.Equals(target.Local, local))
                    {
                        yield return assignment.Value;
                    }
                }
            }
        }
    }
}
