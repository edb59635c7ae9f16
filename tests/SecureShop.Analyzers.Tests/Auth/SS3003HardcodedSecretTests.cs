using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3003HardcodedSecretAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3003HardcodedSecretTests
{
    private static DiagnosticResult Expected(string kind, string where, string masked, int location = 0) =>
        V.Diagnostic(Descriptors.SS3003HardcodedSecret).WithLocation(location).WithArguments(kind, where, masked);

    private static DiagnosticResult Key(string masked, int location = 0) => Expected("key", "a string literal", masked, location);

    // The key-format literals below are assembled so that this file itself holds no realistic key.
    private const string StripeLive = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc";

    // ---- positives ----

    [Test]
    public Task StripeSecretKeyInField() => V.AnalyzerAsync($$"""
        class PaymentSettings
        {
            private readonly string _key = {|#0:"{{StripeLive}}"|};
        }
        """, Key("sk_live_****"));

    [Test]
    public Task WebhookSecretAndRestrictedKeyAsArguments() => V.AnalyzerAsync($$"""
        class Webhooks
        {
            void Configure(System.Collections.Generic.Dictionary<string, string> d)
            {
                d.Add("stripe", {|#0:"whsec_{{"MfKQ9r8GKYqrTdkXo3aYtYQ2"}}"|});
                d.Add("reports", {|#1:"rk_live_{{"51HxYzAbCdEfGhIjKlMn"}}"|});
            }
        }
        """, Key("whsec_****", 0), Key("rk_live_****", 1));

    [Test]
    public Task AwsAccessKeyAndPemPrivateKey() => V.AnalyzerAsync($$"""
        class Cloud
        {
            const string AccessKey = {|#0:"AKIA{{"IOSFODNN7EXAMPLE"}}"|};
            const string Pem = {|#1:"-----BEGIN RSA PRIVATE KEY-----\nMIIEow..."|};
        }
        """, Key("AKIA****", 0), Key("****", 1));

    [Test]
    public Task ConnectionStringWithPassword() => V.AnalyzerAsync("""
        class Db
        {
            string Cs => {|#0:"Server=db.shop.local;Database=Shop;User Id=shop;Password=S3cr3t!;"|};
            string Pg => {|#1:"Host=db;Username=shop;Pwd=hunter22"|};
        }
        """, Expected("connection-string password", "a string literal", "Password=****", 0), Expected("connection-string password", "a string literal", "Password=****", 1));

    [Test]
    public Task SecretShapedNames() => V.AnalyzerAsync("""
        class Settings
        {
            public string AdminPassword { get; set; } = {|#0:"P@ssw0rd2024"|};
            public string ClientSecret = {|#1:"9f8e7d6c5b4a"|};
            void M()
            {
                var apiKey = {|#2:"a1b2c3d4e5f6"|};
                System.GC.KeepAlive(apiKey);
            }
        }
        """,
        Expected("credential", "'AdminPassword'", "****", 0),
        Expected("credential", "'ClientSecret'", "****", 1),
        Expected("credential", "'apiKey'", "****", 2));

    [Test]
    public Task ChangemeIsARealPassword() => V.AnalyzerAsync("""
        class Seed
        {
            void M(Options o) { o.Password = {|#0:"changeme"|}; }
        }
        class Options { public string Password { get; set; } = ""; }
        """, Expected("credential", "'Password'", "****"));

    [Test]
    public Task NamedArgumentAndObjectInitializer() => V.AnalyzerAsync("""
        class Mail
        {
            System.Net.NetworkCredential Credentials() => new System.Net.NetworkCredential("shop", password: {|#0:"mailpass99"|});
            Gateway Gateway() => new Gateway { ApiToken = {|#1:"tok_9f8e7d6c"|} };
        }
        class Gateway { public string ApiToken { get; set; } = ""; }
        """, Expected("credential", "'password'", "****", 0), Expected("credential", "'ApiToken'", "****", 1));

    [Test]
    public Task ClientSecretOnAuthenticationOptions() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.OAuth;
        using Microsoft.AspNetCore.Authentication.OpenIdConnect;
        class Sso
        {
            void Configure(OpenIdConnectOptions options, OAuthOptions github)
            {
                options.ClientId = "shop-web";
                options.ClientSecret = {|#0:"secret"|};
                github.ClientSecret = {|#1:"client_secret"|};
            }
        }
        namespace Microsoft.AspNetCore.Authentication.OpenIdConnect
        {
            // Stands in for the OpenID Connect handler package, which the test compilation does not reference.
            public class OpenIdConnectOptions : Microsoft.AspNetCore.Authentication.RemoteAuthenticationOptions
            {
                public string? ClientId { get; set; }
                public string? ClientSecret { get; set; }
            }
        }
        """, Expected("credential", "'ClientSecret'", "****", 0), Expected("credential", "'ClientSecret'", "****", 1));

    [Test]
    public Task SecretValuesNextToKeyNameLookalikes() => V.AnalyzerAsync("""
        class Seed
        {
            const string AccessToken = {|#0:"eyJhbGciOiJIUzI1NiJ9x"|};
            const string TokenSecret = {|#1:"Q7vL2pX9kR4mN8sT"|};
            const string PasswordChars = {|#2:"Zq8!Kp2@Lm5#Xr9$"|};
            const string AdminPassword = {|#3:"root"|};
            const string JwtSecret = {|#4:"ThisIsMySuperSecretKeyForJwtTokens"|};
        }
        """,
        Expected("credential", "'AccessToken'", "****", 0),
        Expected("credential", "'TokenSecret'", "****", 1),
        Expected("credential", "'PasswordChars'", "****", 2),
        Expected("credential", "'AdminPassword'", "****", 3),
        Expected("credential", "'JwtSecret'", "****", 4));

    // ---- near-miss negatives ----
    [Test]
    public Task KeyNamesAreNotSecrets() => V.AnalyzerAsync("""
        class CookieNames
        {
            public const string AccessToken = "access_token";
            public const string RefreshToken = "refresh-token";
            public const string TokenKey = "user_token";
            public const string SessionToken = "token";
            public const string ApiKey = "X-Api-Key";
            public const string SecretRoute = "/account/secret";
            public const string ClientSecret = "path";
            public const string Secret = "*";
            public const string PrivateKey = "*.pfx";
        }
        """);

    [Test]
    public Task CharacterSetsAreNotSecrets() => V.AnalyzerAsync("""
        class CodeGenerator
        {
            const string TokenAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            const string PasswordChars = "abcdefghijkmnopqrstuvwxyz0123456789";
        }
        """);

    [Test]
    public Task PemMarkerAloneIsNotAKey() => V.AnalyzerAsync("""
        class PemReader
        {
            const string Header = "-----BEGIN PRIVATE KEY-----";
            const string Footer = "-----END PRIVATE KEY-----";
            string Body(string pem) => pem.Replace(Header, "").Replace(Footer, "").Replace("-----BEGIN RSA PRIVATE KEY-----", "").Trim();
        }
        """);

    [Test]
    public Task PlaceholdersOnAuthenticationOptions() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.OAuth;
        class Sso
        {
            void Configure(OAuthOptions options, Microsoft.Extensions.Configuration.IConfiguration config)
            {
                options.ClientSecret = "";
                options.ClientSecret = "<client-secret>";
                options.ClientSecret = "YOUR_CLIENT_SECRET";
                options.ClientSecret = config["GitHub:ClientSecret"]!;
                options.ClientId = "shop";
            }
        }
        """);


    [Test]
    public Task EmptyAndPlaceholders() => V.AnalyzerAsync("""
        class Settings
        {
            public string Password { get; set; } = "";
            public string ApiKey = "<your-key>";
            public string ClientSecret = "${CLIENT_SECRET}";
            public string Token = "xxxxxxxx";
            public string SecretKey = "YOUR_SECRET_KEY";
        }
        """);

    [Test]
    public Task SettingNames() => V.AnalyzerAsync("""
        class Keys
        {
            const string StripeSecretKey = "Stripe:SecretKey";
            const string DbPassword = "DB_PASSWORD";
            string Password => System.Environment.GetEnvironmentVariable(DbPassword) ?? "";
        }
        """);

    [Test]
    public Task ConfigurationLookups() => V.AnalyzerAsync("""
        class Startup
        {
            string ApiKey(System.Collections.Generic.IDictionary<string, string> config) => config["Stripe:SecretKey"];
            string Cs => "Server=db;Database=Shop;Integrated Security=true;Password=;";
            string Cs2 => "Server=db;User Id=shop;Password={0};";
        }
        """);

    [Test]
    public Task DescriptiveNamesAreNotCredentials() => V.AnalyzerAsync("""
        class Ui
        {
            const string PasswordMessage = "PasswordTooShort";
            const string TokenEndpoint = "https://login.example/token";
            const string PasswordHash = "AQAAAAEAACcQ";
            const string TokenType = "Bearer";
            const string PasswordLength = "12";
        }
        """);

    [Test]
    public Task StripeTestAndPublishableKeys() => V.AnalyzerAsync("""
        class Front
        {
            const string PublishableKey = "pk_live_51HxYzAbCdEfGhIjKlMn";
        }
        """);

    [Test]
    public Task OrdinaryNamesWithLiterals() => V.AnalyzerAsync("""
        class Order
        {
            public string Currency { get; set; } = "EUR";
            public string Country = "Netherlands";
            string Label => "Password reset requested";
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync($$"""
        class PaymentSettings
        {
            private readonly string _key = {|#0:"{{StripeLive}}"|};
            public string Password { get; set; } = ;
            void M( { var apiKey = "
        """, Key("sk_live_****"));

    // ---- test projects: fixtures under credential names are not the shop's secrets; a provider-format key still is ----

    [Test]
    public Task NamedCredentialFixtureInATestProject() => V.AnalyzerAsync("""
        public static class LoginFixture
        {
            public const string Password = "P@ssw0rd-for-tests";
            public static string TokenTag = "__RequestVerificationToken";
        }
        """, "build_property.IsTestProject = true", null);

    [Test]
    public Task LiveProviderKeyInATestProjectIsStillReported() => V.AnalyzerAsync($$"""
        public static class PaymentFixture
        {
            public const string Key = {|#0:"{{StripeLive}}"|};
        }
        """, "build_property.IsTestProject = true", null, Key("sk_live_****"));

    [Test]
    public Task PasswordPolicySettingsAreNotPasswords() => V.AnalyzerAsync("""
        public sealed class CustomerSettings
        {
            public string PasswordRegularExpression { get; set; } = "^.{6,}$";
            public string PasswordFormat { get; set; } = "Hashed";
        }
        """);
}
