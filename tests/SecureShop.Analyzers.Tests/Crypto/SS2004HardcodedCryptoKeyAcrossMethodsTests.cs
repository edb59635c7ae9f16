using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2004HardcodedCryptoKeyAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

/// <summary>Constant keys returned by the project's own methods (MethodSummaries, at most three nested calls).</summary>
public class SS2004HardcodedCryptoKeyAcrossMethodsTests
{
    private const string Keys = """
        using System.Security.Cryptography;
        using System.Text;

        static class Keys
        {
            private static readonly byte[] s_key = Encoding.UTF8.GetBytes("card-token-key-0123456789abcdef!");
            public static byte[] GetKey() => {|#1:Encoding.UTF8.GetBytes("card-token-key-0123456789abcdef!")|};
            public static byte[] FromField() => {|#2:s_key|};
            public static byte[] Outer() => {|#3:Middle()|};
            public static byte[] Middle() => {|#4:Inner()|};
            public static byte[] Inner() => {|#5:new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }|};
            public static byte[] Same(byte[] key) => {|#6:key|};
            public static byte[] Random() => RandomNumberGenerator.GetBytes(32);
            public static byte[] Either(bool test) { if (test) { return new byte[16]; } return RandomNumberGenerator.GetBytes(32); }
            public static byte[] Ignore(byte[] key) => RandomNumberGenerator.GetBytes(32);
            public static byte[] Hashed(byte[] key) => SHA256.HashData(key);
            public static byte[] Loop(int n) => n == 0 ? RandomNumberGenerator.GetBytes(32) : Loop(n - 1);
            public static byte[] A() => B();
            public static byte[] B() => C();
            public static byte[] C() => D();
            public static byte[] D() => new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
        }

        """;

    private static DiagnosticResult Expected(string where, string what, params int[] steps)
    {
        var result = V.Diagnostic(Descriptors.SS2004HardcodedCryptoKey).WithLocation(0);
        foreach (int step in steps)
        {
            result = result.WithLocation(step);
        }

        return result.WithArguments(where, what);
    }

    [Test]
    public Task KeyReturnedByAMethod() => V.AnalyzerAsync(Keys + """
        class Cipher
        {
            void Use() { var aes = Aes.Create(); aes.Key = {|#0:Keys.GetKey()|}; }
        }
        """, Expected("'aes.Key'", "the bytes of a string literal (returned by method 'GetKey')", 1));

    [Test]
    public Task KeyFromAFieldReturnedByAMethod() => V.AnalyzerAsync(Keys + """
        class Cipher
        {
            ICryptoTransform Use(byte[] iv) => Aes.Create().CreateEncryptor({|#0:Keys.FromField()|}, iv);
        }
        """, Expected("The key of Aes.Create().CreateEncryptor", "the bytes of a string literal (returned by method 'FromField')", 2));

    [Test]
    public Task KeyThroughThreeMethods() => V.AnalyzerAsync(Keys + """
        class Cipher
        {
            void Use() { var aes = Aes.Create(); aes.Key = {|#0:Keys.Outer()|}; }
        }
        """, Expected("'aes.Key'", "a byte-array literal (returned by method 'Outer')", 3, 4, 5));

    [Test]
    public Task ConstantPassedThroughAMethod() => V.AnalyzerAsync(Keys + """
        class Cipher
        {
            void Use() { var aes = Aes.Create(); aes.Key = {|#0:Keys.Same(new byte[32])|}; }
        }
        """, Expected("'aes.Key'", "an all-zero array (returned by method 'Same')", 6));

    [Test]
    public Task NearMisses() => V.AnalyzerAsync(Keys + """
        class Cipher
        {
            void Use(byte[] stored)
            {
                var aes = Aes.Create();
                aes.Key = Keys.Random();
                aes.Key = Keys.Either(false);
                aes.Key = Keys.Ignore(new byte[32]);
                aes.Key = Keys.Hashed(new byte[32]);
                aes.Key = Keys.Same(stored);
                aes.Key = Keys.Loop(3);
                aes.Key = Keys.A();
            }
        }
        """);

    [Test]
    public Task VirtualAndInterfaceKeySourcesAreNotFollowed() => V.AnalyzerAsync("""
        using System.Security.Cryptography;
        interface IKeySource { byte[] Key(); }
        class Fixed : IKeySource { public byte[] Key() => new byte[32]; }
        class Base { public virtual byte[] Key() => new byte[32]; }
        class Cipher
        {
            void Use(IKeySource source, Base b)
            {
                var aes = Aes.Create();
                aes.Key = source.Key();
                aes.Key = b.Key();
            }
        }
        """);
}
