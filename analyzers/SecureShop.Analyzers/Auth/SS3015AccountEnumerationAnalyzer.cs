using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3015: a sign-in or password-reset action or page handler (<see cref="AbuseProneEndpoint"/>) that looks the user up
    /// (<c>FindByEmailAsync</c>, <c>FindByNameAsync</c>, <c>Users.FirstOrDefault(...)</c>, a repository's <c>GetByEmail</c>)
    /// and answers <c>if (user == null)</c> with another result than every other way out of the action: another result
    /// type or status code (<c>NotFound</c> where a wrong password gets <c>Unauthorized</c>), or another message text.
    /// For sign-in the other answers compared are the failures (a wrong password); for reset, every other answer (mail sent).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3015AccountEnumerationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_failureResults = ImmutableHashSet.Create(
            StringComparer.Ordinal, "NotFound", "Unauthorized", "BadRequest", "Forbid", "Problem", "ValidationProblem", "StatusCode",
            "UnprocessableEntity", "Conflict", "View", "Page", "PartialView", "Json", "Content");

        private static readonly ImmutableHashSet<string> s_messageMembers = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "message", "error", "errors", "status", "statusmessage", "errormessage");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3015AccountEnumeration);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var controllerBase = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
                var pageModel = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                if ((controllerBase is null && pageModel is null) || TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return;
                }

                start.RegisterSyntaxNodeAction(c => AnalyzeMethod(c, controllerBase, pageModel), SyntaxKind.MethodDeclaration);
            });
        }

        private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel)
        {
            var declaration = (MethodDeclarationSyntax)context.Node;
            if (declaration.Body is null || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not IMethodSymbol method)
            {
                return;
            }

            var endpoint = AbuseProneEndpoint.OfHandler(method, controllerBase, pageModel);
            if (endpoint is null || endpoint.Value.Kind is not (AbuseKind.SignIn or AbuseKind.PasswordReset))
            {
                return;
            }

            bool signIn = endpoint.Value.Kind == AbuseKind.SignIn;
            foreach (var local in LookedUpUsers(declaration.Body))
            {
                foreach (var ifStatement in declaration.Body.DescendantNodes().OfType<IfStatementSyntax>())
                {
                    if (!IsNullTestOf(ifStatement.Condition, local.Identifier.ValueText) || ifStatement.SpanStart < local.SpanStart)
                    {
                        continue;
                    }

                    var unknownReturn = ReturnOf(ifStatement.Statement);
                    if (unknownReturn?.Expression is null)
                    {
                        continue;
                    }

                    var unknown = Answer.Of(unknownReturn, context.SemanticModel, context.CancellationToken);
                    if (signIn && !unknown.IsFailure)
                    {
                        continue;
                    }

                    var others = OtherReturns(declaration.Body, ifStatement)
                        .Select(r => Answer.Of(r, context.SemanticModel, context.CancellationToken))
                        .ToList();
                    var compared = signIn ? others.Where(a => a.IsFailure).ToList() : others;
                    if (compared.Count == 0 || others.Any(a => a.SameAs(unknown)))
                    {
                        continue;
                    }

                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SS3015AccountEnumeration,
                        unknownReturn.GetLocation(),
                        endpoint.Value.Display,
                        "account",
                        unknown.Describe(),
                        signIn ? "a wrong password" : "a known one",
                        compared[0].Describe()));
                    return;
                }
            }
        }

        /// <summary><c>var user = await users.FindByEmailAsync(...)</c> and the like: the locals that hold a user looked up by what the client typed.</summary>
        private static IEnumerable<VariableDeclaratorSyntax> LookedUpUsers(BlockSyntax body)
        {
            foreach (var declarator in body.DescendantNodes().OfType<VariableDeclaratorSyntax>())
            {
                var value = declarator.Initializer?.Value;
                while (value is AwaitExpressionSyntax awaited)
                {
                    value = awaited.Expression;
                }

                if (value is InvocationExpressionSyntax invocation && IsUserLookup(invocation))
                {
                    yield return declarator;
                }
            }
        }

        private static bool IsUserLookup(InvocationExpressionSyntax invocation)
        {
            string? name = CalledName(invocation.Expression);
            if (name is null)
            {
                return false;
            }

            if (name is "FindByEmailAsync" or "FindByNameAsync" or "FindByLoginAsync")
            {
                return true;
            }

            var words = NameWords.Split(name).Select(w => w.ToLowerInvariant()).ToList();
            if ((words.Contains("find") || words.Contains("get")) && words.Contains("by") &&
                words.Any(w => w is "email" or "name" or "username" or "login" or "mail"))
            {
                return true;
            }

            // users.FirstOrDefault(u => u.Email == email), db.Customers.SingleOrDefaultAsync(...)
            return name.StartsWith("FirstOrDefault", StringComparison.Ordinal) || name.StartsWith("SingleOrDefault", StringComparison.Ordinal)
                ? invocation.Expression is MemberAccessExpressionSyntax member && NameWords.Split(member.Expression.ToString())
                    .Any(w => w is "users" or "user" or "customers" or "customer" or "accounts" or "account" or "members")
                : false;
        }

        private static bool IsNullTestOf(ExpressionSyntax condition, string local)
        {
            condition = Unparenthesized(condition);
            return condition switch
            {
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression } equals =>
                    (IsLocal(equals.Left, local) && equals.Right.IsKind(SyntaxKind.NullLiteralExpression)) ||
                    (IsLocal(equals.Right, local) && equals.Left.IsKind(SyntaxKind.NullLiteralExpression)),
                IsPatternExpressionSyntax { Pattern: ConstantPatternSyntax { Expression: { } constant } } isPattern =>
                    IsLocal(isPattern.Expression, local) && constant.IsKind(SyntaxKind.NullLiteralExpression),
                _ => false,
            };
        }

        private static bool IsLocal(ExpressionSyntax expression, string local) =>
            Unparenthesized(expression) is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == local;

        private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary>The return that ends a branch: the statement itself, or a return among the block's own statements.</summary>
        private static ReturnStatementSyntax? ReturnOf(StatementSyntax branch) => branch switch
        {
            ReturnStatementSyntax returned => returned,
            BlockSyntax block => block.Statements.OfType<ReturnStatementSyntax>().LastOrDefault(),
            _ => null,
        };

        /// <summary>The returns of the method after the null test and outside its branch (not those of lambdas and local functions).</summary>
        private static IEnumerable<ReturnStatementSyntax> OtherReturns(BlockSyntax body, IfStatementSyntax nullTest)
        {
            foreach (var returned in body.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>())
            {
                if (returned.Expression is not null && returned.SpanStart > nullTest.Condition.Span.End && !nullTest.Statement.Span.Contains(returned.Span))
                {
                    yield return returned;
                }
            }
        }

        private static string? CalledName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary>What a client sees: the kind of result and the texts it carries (messages, model errors, view or page names, status codes).</summary>
        private sealed class Answer
        {
            private Answer(string kind, ImmutableHashSet<string> texts, bool isFailure)
            {
                Kind = kind;
                Texts = texts;
                IsFailure = isFailure;
            }

            public string Kind { get; }

            public ImmutableHashSet<string> Texts { get; }

            public bool IsFailure { get; }

            public static Answer Of(ReturnStatementSyntax returned, SemanticModel model, CancellationToken cancellationToken)
            {
                var expression = returned.Expression!;
                while (expression is AwaitExpressionSyntax awaited)
                {
                    expression = awaited.Expression;
                }

                string kind = expression switch
                {
                    InvocationExpressionSyntax invocation => CalledName(invocation.Expression) ?? "result",
                    ObjectCreationExpressionSyntax creation => TypeKind(creation.Type.ToString()),
                    _ => expression.Kind().ToString(),
                };
                kind = kind switch
                {
                    "PartialView" or "Page" => "View",
                    "RedirectToPage" or "RedirectToAction" or "LocalRedirect" or "RedirectToRoute" => "Redirect",
                    _ => kind,
                };

                var texts = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
                AddTexts(expression, model, texts, cancellationToken);
                bool modelError = false;
                if (returned.Parent is BlockSyntax block)
                {
                    // Messages set just before the return, in the same block: ModelState.AddModelError(...), TempData["x"] = "...", Message = "...".
                    foreach (var statement in block.Statements.TakeWhile(s => s != returned))
                    {
                        if (statement is not ExpressionStatementSyntax { Expression: { } effect })
                        {
                            continue;
                        }

                        if (effect is InvocationExpressionSyntax call && CalledName(call.Expression) == "AddModelError")
                        {
                            modelError = true;
                            foreach (var argument in call.ArgumentList.Arguments.Skip(1))
                            {
                                AddTexts(argument.Expression, model, texts, cancellationToken);
                            }
                        }
                        else if (effect is AssignmentExpressionSyntax assignment && IsMessageTarget(assignment.Left))
                        {
                            AddTexts(assignment.Right, model, texts, cancellationToken);
                        }
                    }
                }

                bool failure = modelError || s_failureResults.Contains(kind) || kind.EndsWith("Error", StringComparison.Ordinal);
                return new Answer(kind, texts.ToImmutable(), failure);
            }

            /// <summary>The same answer: a text in common (a view shown, or redirected to, by name; a message), or the same kind with the same texts.</summary>
            public bool SameAs(Answer other) =>
                Texts.Overlaps(other.Texts) || (Kind == other.Kind && Texts.SetEquals(other.Texts));

            public string Describe()
            {
                var text = Texts.OrderBy(t => t, StringComparer.Ordinal).FirstOrDefault();
                if (text is null)
                {
                    return Kind;
                }

                if (text.Length > 40)
                {
                    text = text.Substring(0, 40) + "...";
                }

                return $"{Kind} \"{text}\"";
            }

            private static string TypeKind(string typeName)
            {
                int dot = typeName.LastIndexOf('.');
                string name = dot >= 0 ? typeName.Substring(dot + 1) : typeName;
                foreach (var suffix in new[] { "ObjectResult", "Result" })
                {
                    if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
                    {
                        return name.Substring(0, name.Length - suffix.Length);
                    }
                }

                return name;
            }

            private static bool IsMessageTarget(ExpressionSyntax target)
            {
                string? name = target switch
                {
                    ElementAccessExpressionSyntax element => CalledName(element.Expression),
                    _ => CalledName(target),
                };
                return name is not null && (name is "TempData" or "ViewData" or "ViewBag" ||
                    NameWords.Split(name).Any(w => s_messageMembers.Contains(w)));
            }

            /// <summary>String constants (literals, nameof, constants) and integer status codes anywhere in <paramref name="expression"/>.</summary>
            private static void AddTexts(ExpressionSyntax expression, SemanticModel model, ImmutableHashSet<string>.Builder texts, CancellationToken cancellationToken)
            {
                foreach (var node in expression.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax).OfType<ExpressionSyntax>())
                {
                    switch (node)
                    {
                        case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                            if (literal.Token.ValueText.Length > 0)
                            {
                                texts.Add(literal.Token.ValueText);
                            }

                            break;
                        case LiteralExpressionSyntax number when number.IsKind(SyntaxKind.NumericLiteralExpression):
                            texts.Add("#" + number.Token.ValueText);
                            break;
                        case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } nameOf
                            when model.GetConstantValue(nameOf, cancellationToken).Value is string name:
                            texts.Add(name);
                            break;
                        case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier, cancellationToken).Symbol is IFieldSymbol { IsConst: true, ConstantValue: string constant }:
                            texts.Add(constant);
                            break;
                    }
                }
            }
        }
    }
}
