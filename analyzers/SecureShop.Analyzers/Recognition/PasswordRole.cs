using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// A value that is a password by its role, whatever it is called: a <c>[DataType(DataType.Password)]</c> property; a string
    /// parameter of a sign-in, registration or password-change method (<c>Login(string user, string secret)</c>) that is not the
    /// account's identifier; a string member of a login model (a type named for signing in or registering, or a parameter of
    /// such a method: <c>Register(RegisterModel m)</c> then <c>m.Secret</c>). Identifiers (user, e-mail, phone), return URLs,
    /// providers, codes and tokens are not passwords.
    /// </summary>
    internal static class PasswordRole
    {
        /// <summary>Words of a method or type name that say it signs in, registers or sets a password.</summary>
        private static readonly ImmutableHashSet<string> s_signInWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "login", "logon", "signin", "authenticate", "register", "registration", "signup", "credentials", "credential");

        private static readonly ImmutableArray<ImmutableArray<string>> s_signInPhrases = ImmutableArray.Create(
            ImmutableArray.Create("sign", "in"), ImmutableArray.Create("log", "in"), ImmutableArray.Create("sign", "up"),
            ImmutableArray.Create("change", "password"), ImmutableArray.Create("reset", "password"), ImmutableArray.Create("set", "password"),
            ImmutableArray.Create("validate", "user"), ImmutableArray.Create("verify", "user"));

        /// <summary>Words of a member that is not the password: the account's identifier and the rest of a sign-in form.</summary>
        private static readonly ImmutableHashSet<string> s_notThePassword = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "user", "username", "email", "mail", "login", "name", "account", "id", "phone", "mobile", "url", "uri", "return", "redirect",
            "provider", "scheme", "remember", "culture", "language", "lang", "ip", "device", "code", "token", "otp", "captcha", "recaptcha",
            "hash", "hashed", "salt", "hint", "question", "answer", "address", "first", "last", "display", "nick", "nickname", "title",
            "company", "country", "city", "zip", "postal", "street", "gender", "birth", "date", "locale", "timezone", "state", "role", "tenant",
            "store", "shop", "key", "api", "avatar", "image", "picture", "agent", "client", "browser", "referrer", "source", "confirm", "confirmation");

        /// <summary>True when <paramref name="parameter"/> is the password argument of a sign-in, registration or password method.</summary>
        public static bool IsPasswordParameter(IParameterSymbol parameter) =>
            parameter.Type.SpecialType == SpecialType.System_String && parameter.ContainingSymbol is IMethodSymbol method &&
            method.MethodKind != MethodKind.AnonymousFunction && NamesSignIn(method.Name) && !NamesSomethingElse(parameter.Name);

        /// <summary>True when <paramref name="property"/>, read from <paramref name="instance"/>, is a password by its role.</summary>
        public static bool IsPasswordMember(IPropertySymbol property, IOperation? instance)
        {
            if (property.Type.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            if (IsMarkedPassword(property))
            {
                return true;
            }

            if (NamesSomethingElse(property.Name))
            {
                return false;
            }

            if (NamesSignIn(property.ContainingType.Name))
            {
                return true;
            }

            return instance?.WithoutConversions() is IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol method } &&
                method.MethodKind != MethodKind.AnonymousFunction && NamesSignIn(method.Name);
        }

        /// <summary><c>[DataType(DataType.Password)]</c>: the form shows it as a password box.</summary>
        public static bool IsMarkedPassword(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                if (attribute.AttributeClass?.Name == "DataTypeAttribute" && attribute.ConstructorArguments.Length == 1 &&
                    attribute.ConstructorArguments[0].Value is int kind && attribute.ConstructorArguments[0].Type?.Name == "DataType" &&
                    kind == 11)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NamesSignIn(string name)
        {
            var words = NameWords.Split(name);
            if (NameWords.AnyIn(words, s_signInWords))
            {
                return true;
            }

            foreach (var phrase in s_signInPhrases)
            {
                if (NameWords.ContainsPhrase(words, phrase))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool NamesSomethingElse(string name) => NameWords.AnyIn(NameWords.Split(name), s_notThePassword);
    }
}
