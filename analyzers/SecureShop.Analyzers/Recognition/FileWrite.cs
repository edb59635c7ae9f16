using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Calls that write values to a file: <c>File.WriteAllText</c> and its siblings, a <c>StreamWriter</c>'s Write*,
    /// <c>XmlSerializer.Serialize</c> / <c>JsonSerializer.Serialize(Async)</c> into a file stream, <c>XDocument/XElement.Save</c>,
    /// CSV writers (<c>WriteRecords</c>/<c>WriteRecord</c>/<c>WriteField</c> of a type named <c>*Csv*Writer</c>, matched by
    /// name so no CSV library is needed). "Into a file" is read one step back through locals: a stream or writer
    /// created from a path, a <c>FileStream</c>, <c>File.Create/OpenWrite/CreateText/AppendText</c>.
    /// </summary>
    internal static class FileWrite
    {
        private static readonly string[] s_fileMethods =
        {
            "WriteAllText", "WriteAllTextAsync", "AppendAllText", "AppendAllTextAsync", "WriteAllLines", "WriteAllLinesAsync",
            "AppendAllLines", "AppendAllLinesAsync", "WriteAllBytes", "WriteAllBytesAsync",
        };

        /// <summary>
        /// The values <paramref name="invocation"/> writes to a file (empty when it writes none). A writer whose target is not
        /// known (a parameter, a field) counts only when <paramref name="knownFileOnly"/> is false: a <c>StreamWriter</c> or CSV
        /// writer over a response or memory stream writes no file.
        /// </summary>
        public static IEnumerable<IOperation> WrittenValues(IInvocationOperation invocation, bool knownFileOnly)
        {
            var method = invocation.TargetMethod;
            string name = method.Name;
            var type = method.ContainingType;
            if (type is null || !(name.StartsWith("Write", StringComparison.Ordinal) || name.StartsWith("Append", StringComparison.Ordinal) ||
                name.StartsWith("Serialize", StringComparison.Ordinal) || name == "Save"))
            {
                yield break;
            }

            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (type.Name == "File" && ns == "System.IO" && Array.IndexOf(s_fileMethods, name) >= 0)
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name is "contents" or "bytes")
                    {
                        yield return argument.Value;
                    }
                }

                yield break;
            }

            if (name.StartsWith("Write", StringComparison.Ordinal) && invocation.Instance is { } writer && IsTextWriter(writer.Type) &&
                (IsFileTarget(writer) || (!knownFileOnly && IsNamed(writer.Type, "StreamWriter", "System.IO"))))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name != "cancellationToken" && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        yield return argument.Value;
                    }
                }

                yield break;
            }

            // XmlSerializer.Serialize(stream, o), System.Text.Json JsonSerializer.Serialize(Async)(stream, value),
            // Newtonsoft JsonSerializer.Serialize(writer, value): the first argument is where it goes.
            if ((name == "Serialize" || name == "SerializeAsync") &&
                ((type.Name == "XmlSerializer" && ns == "System.Xml.Serialization") ||
                 (type.Name == "JsonSerializer" && (ns == "System.Text.Json" || ns == "Newtonsoft.Json"))) &&
                invocation.Arguments.Length >= 2 && invocation.Arguments[0].Parameter?.Type is { } targetType &&
                targetType.SpecialType != SpecialType.System_Object && !targetType.Name.StartsWith("Type", StringComparison.Ordinal) &&
                IsFileTarget(invocation.Arguments[0].Value))
            {
                for (int i = 1; i < invocation.Arguments.Length; i++)
                {
                    if (invocation.Arguments[i].Parameter?.Type is { } parameterType && !IsNamed(parameterType, "Type", "System") &&
                        invocation.Arguments[i].ArgumentKind != ArgumentKind.DefaultValue && invocation.Arguments[i].Parameter?.Name is "o" or "value")
                    {
                        yield return invocation.Arguments[i].Value;
                    }
                }

                yield break;
            }

            // XDocument.Save("orders.xml") / element.Save(fileStream): the document is what is written.
            if (name == "Save" && (type.Name == "XDocument" || type.Name == "XElement") && ns == "System.Xml.Linq" &&
                invocation.Instance is { } document && invocation.Arguments.Length >= 1 &&
                (invocation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String || IsFileTarget(invocation.Arguments[0].Value)))
            {
                yield return document;
                yield break;
            }

            if ((name == "WriteRecords" || name == "WriteRecordsAsync" || name == "WriteRecord" || name == "WriteField") &&
                IsCsvWriter(type) && invocation.Instance is { } csv && (!knownFileOnly || IsFileTarget(csv)))
            {
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Parameter?.Name != "cancellationToken" && argument.ArgumentKind != ArgumentKind.DefaultValue &&
                        argument.Value.Type?.SpecialType != SpecialType.System_Boolean)
                    {
                        yield return argument.Value;
                    }
                }
            }
        }

        /// <summary>True for the calls that write objects member by member (serializers, XML documents, CSV records), not their ToString.</summary>
        public static bool WritesMembers(IInvocationOperation invocation)
        {
            string name = invocation.TargetMethod.Name;
            return name.StartsWith("Serialize", StringComparison.Ordinal) || name == "Save" || name.StartsWith("WriteRecord", StringComparison.Ordinal);
        }

        private static bool IsCsvWriter(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.Name.IndexOf("Csv", StringComparison.OrdinalIgnoreCase) >= 0 && t.Name.EndsWith("Writer", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return type.TypeKind == TypeKind.Interface && type.Name == "IWriter" && type.ContainingNamespace?.ToDisplayString() == "CsvHelper";
        }

        private static bool IsTextWriter(ITypeSymbol? type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (IsNamed(t, "TextWriter", "System.IO"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="target"/> is a file: a <c>FileStream</c>, a writer or stream made by a <c>File</c> method or
        /// created from a path or from another file target (<c>new StreamWriter("a.csv")</c>, <c>new CsvWriter(new StreamWriter(fs), ...)</c>,
        /// <c>XmlWriter.Create("a.xml")</c>), directly or through a local initialised that way.
        /// </summary>
        public static bool IsFileTarget(IOperation target) => IsFileTarget(target, depth: 0);

        private static bool IsFileTarget(IOperation target, int depth)
        {
            if (depth > 4)
            {
                return false;
            }

            target = target.WithoutConversions();
            if (IsNamed(target.Type, "FileStream", "System.IO"))
            {
                return true;
            }

            switch (target)
            {
                case ILocalReferenceOperation local:
                    return ValueOrigin.InitialValue(local) is { } initial && IsFileTarget(initial, depth + 1);
                case IObjectCreationOperation creation:
                    return creation.Arguments.Length >= 1 && FromFileArgument(creation.Arguments[0].Value, depth);
                case IInvocationOperation invocation:
                    var method = invocation.TargetMethod;
                    if (method.ContainingType is { Name: "File" } file && file.ContainingNamespace?.ToDisplayString() == "System.IO")
                    {
                        return method.Name is "Create" or "CreateText" or "AppendText" or "OpenWrite" or "Open";
                    }

                    // XmlWriter.Create("a.xml") / XmlWriter.Create(fileStream).
                    return method.Name == "Create" && method.ContainingType?.Name == "XmlWriter" && invocation.Arguments.Length >= 1 &&
                        FromFileArgument(invocation.Arguments[0].Value, depth);
                default:
                    return false;
            }
        }

        private static bool FromFileArgument(IOperation argument, int depth) =>
            argument.WithoutConversions().Type?.SpecialType == SpecialType.System_String || IsFileTarget(argument, depth + 1);

        private static bool IsNamed(ITypeSymbol? type, string name, string ns) =>
            type is not null && type.Name == name && type.ContainingNamespace?.ToDisplayString() == ns;
    }
}
