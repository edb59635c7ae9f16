using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SecureShop.Analyzers.Tests.Infrastructure;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2010HttpsNotEnforcedAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2010HttpsNotEnforcedTests
{
    private const string NeitherCall = "the application never calls UseHttpsRedirection() and never calls UseHsts()";

    /// <summary>Stand-ins with the real namespaces and shapes: the packages are not referenced.</summary>
    private const string IdentityStandIns = """

        namespace Microsoft.AspNetCore.Authentication.OpenIdConnect
        {
            public class OpenIdConnectOptions { public bool RequireHttpsMetadata { get; set; } = true; public string? Authority { get; set; } }
        }
        namespace Microsoft.Identity.Web
        {
            public class MicrosoftIdentityOptions : Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions { }
        }
        namespace IdentityServer4.AccessTokenValidation
        {
            public class IdentityServerAuthenticationOptions { public bool RequireHttpsMetadata { get; set; } = true; }
        }
        namespace IdentityModel.Client
        {
            public class DiscoveryPolicy { public bool RequireHttps { get; set; } = true; }
        }
        """;

    private static DiagnosticResult Expected(string what, int location = 0) =>
        V.Diagnostic(Descriptors.SS2010HttpsNotEnforced).WithLocation(location).WithArguments(what);

    /// <summary>An ASP.NET Core application: top-level statements in an executable, plus more files of the same project.</summary>
    private static Task RunApp(string program, string[] otherFiles, params DiagnosticResult[] expected) =>
        RunApp(program, otherFiles, OutputKind.ConsoleApplication, null, expected);

    private static async Task RunApp(string program, string[] otherFiles, OutputKind kind, string? assemblyName, params DiagnosticResult[] expected)
    {
        var test = V.CreateTest("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            """ + program, expected);
        for (int i = 0; i < otherFiles.Length; i++)
        {
            test.TestState.Sources.Add(($"File{i}.cs", otherFiles[i]));
        }

        test.TestState.OutputKind = kind;
        if (assemblyName is not null)
        {
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        }

        await test.RunAsync();
    }

    /// <summary>An application whose solution has a second project, <c>Shop.Web.Framework</c>, referenced by the app.</summary>
    private static async Task RunAppWithFramework(string program, string framework, params DiagnosticResult[] expected)
    {
        var test = V.CreateTest("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using Shop.Web.Framework;

            """ + program, expected);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        var library = test.TestState.AdditionalProjects["Shop.Web.Framework"];
        library.Sources.Add(("Framework.cs", """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            namespace Shop.Web.Framework;

            """ + framework));
        library.AdditionalReferences.AddRange(TestReferences.All);
        test.TestState.AdditionalProjectReferences.Add("Shop.Web.Framework");
        await test.RunAsync();
    }

    private static Task RunOptions(string body, params DiagnosticResult[] expected) => V.AnalyzerAsync($$"""
        using IdentityModel.Client;
        using IdentityServer4.AccessTokenValidation;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Identity.Web;

        public static class SignInSetup
        {
            public static void Configure(IServiceCollection services, WebApplicationBuilder builder)
            {
                {{body}}
            }
        }
        """ + IdentityStandIns, expected);

    // ---- positives: the pipeline ----

    [Test]
    public Task NeitherRedirectionNorHsts() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = {|#0:builder.Build()|};
        app.MapControllers();
        app.Run();
        """, [], Expected(NeitherCall));

    [Test]
    public Task HstsOnlyInDevelopment() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRazorPages();
        var app = {|#0:builder.Build()|};
        if (app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseHttpsRedirection();
        app.Run();
        """, [], Expected("the application calls UseHsts() only in development"));

    [Test]
    public Task NoRedirectionButHsts() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        var app = {|#0:builder.Build()|};
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.Run();
        """, [], Expected("the application never calls UseHttpsRedirection()"));

    [Test]
    public Task WebApplicationCreate() => RunApp("""
        var app = {|#0:WebApplication.Create(args)|};
        app.UseHttpsRedirection();
        app.UseStaticFiles();
        app.MapGet("/", () => "shop");
        app.Run();
        """, [], Expected("the application never calls UseHsts()"));

    [Test]
    public Task WebApiThatRedirectsToHttpsIsNotAskedForHsts() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.UseHttpsRedirection();
        app.MapControllers();
        app.MapGet("/api/health", () => "ok");
        app.Run();
        """, []);

    [Test]
    public Task WebApiWithoutRedirectionIsStillReported() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = {|#0:builder.Build()|};
        app.MapControllers();
        app.Run();
        """, [], Expected(NeitherCall));

    [Test]
    public Task StartupConfigure() => RunApp("""
        using Microsoft.AspNetCore.Hosting;

        Host.CreateDefaultBuilder(args)
            .ConfigureWebHostDefaults(web => web.UseStartup<Shop.Startup>())
            .Build()
            .Run();
        """, ["""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;

        namespace Shop;

        public class Startup
        {
            public void {|#0:Configure|}(IApplicationBuilder app, IWebHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                    app.UseHttpsRedirection();
                }

                app.UseRouting();
            }
        }
        """], Expected("the application calls UseHttpsRedirection() only in development and never calls UseHsts()"));

    [Test]
    public Task ReferencedProjectOnlyRegistersServices() => RunAppWithFramework("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddShopFramework();
        var app = {|#0:builder.Build()|};
        app.MapControllers();
        app.Run();
        """, """
        public static class ServiceSetup
        {
            public static IServiceCollection AddShopFramework(this IServiceCollection services) => services.AddControllers().Services;
        }
        """, Expected(NeitherCall));

    [Test]
    public Task WorkerThatAlsoMapsAnEndpoint() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        var app = {|#0:builder.Build()|};
        app.MapGet("/orders/export", () => "csv");
        app.Run();
        """, [], Expected(NeitherCall));

    // ---- positives: RequireHttpsMetadata ----

    [Test]
    public Task OpenIdConnectRequireHttpsMetadataOff() => RunOptions("""
        services.Configure<OpenIdConnectOptions>(o => {|#0:o.RequireHttpsMetadata = false|});
        """, Expected("OpenIdConnectOptions.RequireHttpsMetadata = false"));

    [Test]
    public Task DerivedOptionsInInitializer() => RunOptions("""
        var options = new MicrosoftIdentityOptions { Authority = "https://login.shop.example", {|#0:RequireHttpsMetadata = false|} };
        """, Expected("MicrosoftIdentityOptions.RequireHttpsMetadata = false"));

    [Test]
    public Task IdentityServerOptionsOutsideDevelopment() => RunOptions("""
        if (!builder.Environment.IsDevelopment())
        {
            services.Configure<IdentityServerAuthenticationOptions>(o => {|#0:o.RequireHttpsMetadata = false|});
        }
        """, Expected("IdentityServerAuthenticationOptions.RequireHttpsMetadata = false"));

    [Test]
    public Task DiscoveryPolicyRequireHttpsOff() => RunOptions("""
        var policy = new DiscoveryPolicy { {|#0:RequireHttps = false|} };
        """, Expected("DiscoveryPolicy.RequireHttps = false"));

    // ---- negatives ----

    [Test]
    public Task TemplatePipelineWithBoth() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseHttpsRedirection();
        app.Run();
        """, []);

    [Test]
    public Task HstsInElseBranch() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseHsts();
        }

        app.UseHttpsRedirection();
        app.Run();
        """, []);

    [Test]
    public Task RegisteredByAnExtensionMethodOfTheProject() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.UseShopSecurity();
        app.Run();
        """, ["""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        public static class ShopSecurity
        {
            public static WebApplication UseShopSecurity(this WebApplication app)
            {
                if (!app.Environment.IsDevelopment())
                {
                    app.UseHsts();
                }

                app.UseHttpsRedirection();
                return app;
            }
        }
        """]);

    [Test]
    public Task RewriteRuleOrRequireHttpsFilterCountAsRedirection() => RunApp("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Rewrite;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers(o => o.Filters.Add(new RequireHttpsAttribute()));
        var app = builder.Build();
        app.UseRewriter(new RewriteOptions().AddRedirectToHttpsPermanent());
        app.UseHsts();
        app.Run();
        """, []);

    [Test]
    public Task ClassLibraryThatBuildsAnApplication() => RunApp("""
        public static class HostingHelpers
        {
            public static WebApplication BuildShop(string[] args) => WebApplication.CreateBuilder(args).Build();
        }
        """, [], OutputKind.DynamicallyLinkedLibrary, null);

    [Test]
    public Task PipelineSetUpInAReferencedProject() => RunAppWithFramework("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.ConfigureRequestPipeline();
        app.MapControllers();
        app.Run();
        """, """
        public static class PipelineSetup
        {
            public static void ConfigureRequestPipeline(this IApplicationBuilder app)
            {
                app.UseHsts();
                app.UseHttpsRedirection();
                app.UseRouting();
            }
        }
        """);

    [Test]
    public Task WebHostThatMapsNothing() => RunApp("""
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddHostedService<OrderExportWorker>();
        var app = builder.Build();
        app.Run();

        class OrderExportWorker : BackgroundService
        {
            protected override System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken) => System.Threading.Tasks.Task.CompletedTask;
        }
        """, []);

    [Test]
    public Task WorkerServiceWithoutWebHost() => RunApp("""
        var builder = Host.CreateApplicationBuilder(args);
        var host = builder.Build();
        host.Run();
        """, []);

    [Test]
    public Task IntegrationTestProject() => RunApp("""
        public static class Program
        {
            public static void Main() { }

            public static WebApplication StartShop() => WebApplication.CreateBuilder().Build();
        }
        """, [], OutputKind.ConsoleApplication, "Shop.IntegrationTests");

    [Test]
    public Task MetadataRequiredOrDevelopmentOnlyOrJwtBearer() => RunOptions("""
        services.Configure<OpenIdConnectOptions>(o => o.RequireHttpsMetadata = true);
        if (builder.Environment.IsDevelopment())
        {
            services.Configure<OpenIdConnectOptions>(o => o.RequireHttpsMetadata = false);
        }

        services.Configure<OpenIdConnectOptions>(o => o.RequireHttpsMetadata = !builder.Environment.IsDevelopment());
        services.Configure<JwtBearerOptions>(o => o.RequireHttpsMetadata = false);
        var policy = new DiscoveryPolicy { RequireHttps = true };
        """);

    // ---- broken code ----

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        public static class Broken
        {
            public static void Configure(IServiceCollection services)
            {
                services.Configure<OpenIdConnectOptions>(o => {|#0:o.RequireHttpsMetadata = false|});
                var app = WebApplication.CreateBuilder(.Build(;
                app.UseHsts(
            }
        """ + IdentityStandIns, Expected("OpenIdConnectOptions.RequireHttpsMetadata = false"));
}
