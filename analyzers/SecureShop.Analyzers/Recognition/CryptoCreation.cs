using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Which algorithm an expression creates, whatever the entry point: a constructor (<c>new SHA1Managed()</c>,
    /// <c>new TripleDESCryptoServiceProvider()</c>), a static factory (<c>MD5.Create()</c>, <c>DES.Create("DES")</c>), or a
    /// factory by name (<c>CryptoConfig.CreateFromName("3DES")</c>, <c>HashAlgorithm.Create("SHA1")</c>,
    /// <c>SymmetricAlgorithm.Create("RC2")</c>); and the name a message gives that entry point.
    /// </summary>
    internal static class CryptoCreation
    {
        /// <summary>The family (as <see cref="CryptoAlgorithms.FamilyOf"/> names it) <paramref name="operation"/> creates, or null.</summary>
        public static string? FamilyCreatedBy(IOperation operation)
        {
            switch (operation)
            {
                case IObjectCreationOperation creation:
                    return CryptoAlgorithms.FamilyOf(creation.Type);
                case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Create" or "CreateFromName" } method } invocation
                    when CryptoAlgorithms.IsCryptography(method.ContainingType):
                    var byName = CryptoAlgorithms.FamilyOfName(NameArgument(invocation));
                    return byName ?? (method.Name == "Create" ? CryptoAlgorithms.FamilyOf(method.ContainingType) : null);
                default:
                    return null;
            }
        }

        /// <summary>The constant algorithm name given to a by-name factory (<c>"MD5"</c> in <c>CryptoConfig.CreateFromName("MD5")</c>), or null.</summary>
        public static string? NameArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_String)
                {
                    return argument.Value.ConstantValue.Value as string;
                }
            }

            return null;
        }

        /// <summary>How a message names the entry point: <c>MD5.Create</c>, <c>new SHA1Managed</c>, <c>CryptoConfig.CreateFromName("MD5")</c>.</summary>
        public static string ApiName(IOperation operation) => operation switch
        {
            IObjectCreationOperation creation => "new " + creation.Type?.Name,
            IInvocationOperation invocation when NameArgument(invocation) is string name =>
                invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name + "(\"" + name + "\")",
            IInvocationOperation invocation => invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
            _ => operation.Syntax.ToString(),
        };

        /// <summary>"SHA256" for <c>HashAlgorithmName.SHA256</c> or <c>new HashAlgorithmName("SHA256")</c>; null when unknown.</summary>
        public static string? HashAlgorithmNameOf(IOperation? value) => value?.WithoutConversions() switch
        {
            IPropertyReferenceOperation { Property: { IsStatic: true, ContainingType.Name: "HashAlgorithmName" } property } => property.Name,
            IObjectCreationOperation { Type.Name: "HashAlgorithmName" } creation when creation.Arguments.Length == 1 => creation.Arguments[0].Value.ConstantValue.Value as string,
            _ => null,
        };
    }
}
