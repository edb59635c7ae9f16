using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2009: a request sent in clear to a host that is not this machine. An <c>http://</c> or <c>ftp://</c> URL (constant,
    /// <c>new Uri(...)</c>, readonly field, local assigned once, or an interpolated string whose literal start names the host)
    /// used as a request target: <c>HttpClient</c> request methods and <c>BaseAddress</c>, the <c>HttpClientJsonExtensions</c>,
    /// <c>HttpRequestMessage</c>, <c>WebRequest.Create</c>, <c>WebClient</c>. And mail: <c>SmtpClient.EnableSsl = false</c>, an
    /// <c>SmtpClient</c> to a named host that a method creates and sends with without ever setting <c>EnableSsl</c>, MailKit's
    /// <c>Connect(..., SecureSocketOptions.None)</c>. URLs that are not request targets (XML namespaces, links in text,
    /// routes, <c>StartsWith("http://")</c>) are never looked at; loopback hosts, cluster-internal service names
    /// (<see cref="PlainHttp.IsClusterInternalHost"/>) and development-only code are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2009CleartextProtocolAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_webRequestFactories = ImmutableHashSet.Create(StringComparer.Ordinal, "Create", "CreateHttp", "CreateDefault");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS2009CleartextProtocol);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var types = new NetTypes(start.Compilation);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, types), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, types), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, types), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, NetTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (Is(type, types.HttpClient) || Is(type, types.HttpClientJson))
            {
                if (invocation.Arguments.ArgumentFor("requestUri") is { } requestUri)
                {
                    CheckTarget(context, requestUri, "HttpClient." + method.Name, createdRequest: null);
                }
            }
            else if (Is(type, types.WebRequest) && s_webRequestFactories.Contains(method.Name) && invocation.Arguments.Length > 0)
            {
                CheckTarget(context, invocation.Arguments[0].Value, "WebRequest." + method.Name, createdRequest: invocation);
            }
            else if (types.WebClient is not null && IsWebClientTransfer(method.Name) && type.InheritsFrom(types.WebClient))
            {
                if (invocation.Arguments.ArgumentFor("address") is { } address)
                {
                    CheckTarget(context, address, "WebClient." + method.Name, createdRequest: null);
                }
            }
            else if (method.Name is "Connect" or "ConnectAsync" && type?.ContainingNamespace?.ToDisplayString().StartsWith("MailKit", StringComparison.Ordinal) == true)
            {
                AnalyzeMailKitConnect(context, invocation);
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, NetTypes types)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (Is(creation.Type, types.HttpRequestMessage))
            {
                if (creation.Arguments.ArgumentFor("requestUri") is { } requestUri)
                {
                    CheckTarget(context, requestUri, "HttpRequestMessage", createdRequest: null);
                }
            }
            else if (types.SmtpClient is not null && creation.Type.InheritsFrom(types.SmtpClient) && !DevelopmentOnly.Contains(creation))
            {
                // The default is EnableSsl = false. Judged only when the whole life of the client is in view: created for a
                // named host, sent with, never handed on to code that could still switch TLS on.
                var setup = ObjectSetup.Of(creation, context.CancellationToken);
                if (setup.Escapes || !setup.ValuesOf("EnableSsl").IsEmpty || !Sends(setup) || WritesToDirectory(setup) ||
                    ConstantHost(setup) is not string host || !PlainHttp.IsExternalHost(host))
                {
                    return;
                }

                Report(context, creation, "SmtpClient to " + host + " without EnableSsl", "SMTP", "EnableSsl = true");
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, NetTypes types)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { } property } target)
            {
                return;
            }

            switch (property.Name)
            {
                case "BaseAddress" when Is(property.ContainingType, types.HttpClient) || Is(property.ContainingType, types.WebClient):
                case "RequestUri" when Is(property.ContainingType, types.HttpRequestMessage):
                    CheckTarget(context, assignment.Value, property.ContainingType.Name + "." + property.Name, createdRequest: null);
                    break;
                case "EnableSsl" when types.SmtpClient is not null && property.ContainingType.InheritsFrom(types.SmtpClient) &&
                                      assignment.Value.ConstantValue is { HasValue: true, Value: false } &&
                                      !DevelopmentOnly.Contains(assignment):
                    var client = target.Instance is null ? null : ObjectSetup.Of(target.Instance, context.CancellationToken);
                    if (client is not null && ((ConstantHost(client) is string host && !PlainHttp.IsExternalHost(host)) || WritesToDirectory(client)))
                    {
                        return;
                    }

                    Report(context, assignment, "SmtpClient with EnableSsl = false", "SMTP", "EnableSsl = true");
                    break;
            }
        }

        /// <summary>MailKit's <c>Connect(host, port, SecureSocketOptions.None)</c>: no TLS at all, not even STARTTLS when offered.</summary>
        private static void AnalyzeMailKitConnect(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            IOperation? none = null;
            string? host = null;
            foreach (var argument in invocation.Arguments)
            {
                var value = argument.Value.WithoutConversions();
                if (value is IFieldReferenceOperation { Field: { Name: "None", ContainingType.Name: "SecureSocketOptions" } })
                {
                    none = argument.Value;
                }
                else if (argument.Parameter?.Name == "host")
                {
                    host = value.ConstantValue.Value as string;
                }
            }

            if (none is null || (host is not null && !PlainHttp.IsExternalHost(host)) || DevelopmentOnly.Contains(invocation))
            {
                return;
            }

            string protocol = invocation.TargetMethod.ContainingType.Name switch
            {
                "ImapClient" => "IMAP",
                "Pop3Client" => "POP3",
                _ => "SMTP",
            };
            Report(context, none, invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name + " with SecureSocketOptions.None", protocol, "SecureSocketOptions.StartTls or SslOnConnect");
        }

        /// <summary>
        /// Reports <paramref name="value"/> when it is an http:// or ftp:// URL to a host other than this machine. An FTP request
        /// switched to explicit TLS (<c>FtpWebRequest.EnableSsl = true</c>) is FTPS, not cleartext.
        /// </summary>
        private static void CheckTarget(OperationAnalysisContext context, IOperation value, string api, IOperation? createdRequest)
        {
            if (PlainHttp.TargetOf(value) is not string url || PlainHttp.ExternalOrigin(url) is not string origin || DevelopmentOnly.Contains(value))
            {
                return;
            }

            bool ftp = origin.StartsWith("ftp:", StringComparison.Ordinal);
            if (ftp && createdRequest is not null)
            {
                foreach (var enableSsl in ObjectSetup.Of(createdRequest, context.CancellationToken).ValuesOf("EnableSsl"))
                {
                    if (enableSsl.ConstantValue is not { HasValue: true, Value: false })
                    {
                        return;
                    }
                }
            }

            Report(context, value, api + " (" + origin + ")", ftp ? "FTP" : "HTTP", ftp ? "FTPS (FtpWebRequest.EnableSsl = true) or SFTP" : "https://");
        }

        private static bool IsWebClientTransfer(string name) =>
            name.StartsWith("Download", StringComparison.Ordinal) || name.StartsWith("Upload", StringComparison.Ordinal) || name.StartsWith("Open", StringComparison.Ordinal);

        private static bool Sends(ObjectSetup setup)
        {
            foreach (var call in setup.Calls)
            {
                if (call.TargetMethod.Name is "Send" or "SendAsync" or "SendMailAsync")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory</c> (or IIS's): the message is written to disk, not sent.</summary>
        private static bool WritesToDirectory(ObjectSetup setup)
        {
            foreach (var value in setup.ValuesOf("DeliveryMethod"))
            {
                if (value.WithoutConversions() is IFieldReferenceOperation { Field.Name: not "Network" })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The SMTP host given to the constructor or to <c>Host</c>, when it is a constant.</summary>
        private static string? ConstantHost(ObjectSetup setup)
        {
            string? host = setup.Argument("host")?.ConstantValue.Value as string;
            foreach (var value in setup.ValuesOf("Host"))
            {
                host = value.ConstantValue.Value as string;
            }

            return host;
        }

        private static void Report(OperationAnalysisContext context, IOperation at, string what, string protocol, string instead) =>
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS2009CleartextProtocol, at.Syntax.GetLocation(), what, protocol, instead));

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        private sealed class NetTypes
        {
            public NetTypes(Compilation compilation)
            {
                HttpClient = KnownTypes.Get(compilation, "System.Net.Http.HttpClient");
                HttpClientJson = KnownTypes.Get(compilation, "System.Net.Http.Json.HttpClientJsonExtensions");
                HttpRequestMessage = KnownTypes.Get(compilation, "System.Net.Http.HttpRequestMessage");
                WebRequest = KnownTypes.Get(compilation, "System.Net.WebRequest");
                WebClient = KnownTypes.Get(compilation, "System.Net.WebClient");
                SmtpClient = KnownTypes.Get(compilation, "System.Net.Mail.SmtpClient");
            }

            public INamedTypeSymbol? HttpClient { get; }

            public INamedTypeSymbol? HttpClientJson { get; }

            public INamedTypeSymbol? HttpRequestMessage { get; }

            public INamedTypeSymbol? WebRequest { get; }

            public INamedTypeSymbol? WebClient { get; }

            public INamedTypeSymbol? SmtpClient { get; }
        }
    }
}
