using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Security.Cryptography;
using System.Text;
using PerfGate.Results;

namespace PerfGate.Locations;

/// <summary>
/// Fingerprints of each method's IL, so the gate can tell "the benchmark itself was rewritten" (re-record it) from "the
/// code it measures got slower" (a regression). Metadata tokens in the IL are replaced by the names they refer to, so
/// edits elsewhere in the assembly that renumber tokens do not count as a change.
/// </summary>
public sealed class MethodIlFingerprints
{
    private static readonly Dictionary<ushort, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value, o => o.OperandType);

    private readonly Dictionary<(string Namespace, string Type, string Method), string> hashes;

    private MethodIlFingerprints(Dictionary<(string, string, string), string> hashes) => this.hashes = hashes;

    /// <summary>Reads every method body of the assembly; an unreadable assembly yields no fingerprints (nothing is compared).</summary>
    public static MethodIlFingerprints Read(string assemblyPath)
    {
        var hashes = new Dictionary<(string, string, string), string>();
        using var pe = BenchmarkAssembly.OpenOrNull(assemblyPath);
        if (pe is not null)
        {
            var metadata = pe.GetMetadataReader();
            foreach (var (key, handle) in BenchmarkAssembly.Methods(metadata))
            {
                var rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
                if (rva != 0 && !hashes.ContainsKey(key))
                {
                    hashes[key] = Fingerprint(pe.GetMethodBody(rva).GetILBytes() ?? [], metadata);
                }
            }
        }

        return new MethodIlFingerprints(hashes);
    }

    /// <summary>The fingerprint of a benchmark's method; null when it is not in the assembly.</summary>
    public string? Of(BenchmarkResult result) => hashes.TryGetValue(BenchmarkAssembly.KeyOf(result), out var hash) ? hash : null;

    internal static string Fingerprint(byte[] il, MetadataReader metadata)
    {
        var normalized = new MemoryStream();
        var i = 0;
        while (i < il.Length)
        {
            ushort code = il[i++];
            if (code == 0xFE && i < il.Length)
            {
                code = (ushort)(0xFE00 | il[i++]);
            }

            normalized.WriteByte((byte)(code >> 8));
            normalized.WriteByte((byte)code);
            var operand = OperandTypes.TryGetValue(code, out var type) ? type : OperandType.InlineNone;
            var size = operand switch
            {
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineBrTarget or OperandType.InlineI or OperandType.ShortInlineR => 4,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch when i + 4 <= il.Length => 4 + (4 * BitConverter.ToInt32(il, i)),
                _ => 0,
            };
            if (operand is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok
                or OperandType.InlineSig or OperandType.InlineString)
            {
                if (i + 4 > il.Length)
                {
                    break;
                }

                normalized.Write(Encoding.UTF8.GetBytes(NameOf(BitConverter.ToInt32(il, i), metadata)));
                i += 4;
                continue;
            }

            size = Math.Min(size, il.Length - i);
            normalized.Write(il, i, size);
            i += size;
        }

        return Convert.ToHexString(SHA256.HashData(normalized.ToArray()))[..16].ToLowerInvariant();
    }

    /// <summary>What a token refers to, by name: stable across recompilations that renumber tokens.</summary>
    private static string NameOf(int token, MetadataReader metadata)
    {
        try
        {
            if ((token >> 24) == 0x70)
            {
                return "\"" + metadata.GetUserString(MetadataTokens.UserStringHandle(token & 0xFFFFFF)) + "\"";
            }

            var handle = MetadataTokens.EntityHandle(token);
            return handle.Kind switch
            {
                HandleKind.MethodDefinition => MethodName(metadata, (MethodDefinitionHandle)handle),
                HandleKind.MemberReference => MemberName(metadata, (MemberReferenceHandle)handle),
                HandleKind.FieldDefinition => metadata.GetString(metadata.GetFieldDefinition((FieldDefinitionHandle)handle).Name),
                HandleKind.TypeDefinition => TypeName(metadata, (TypeDefinitionHandle)handle),
                HandleKind.TypeReference => TypeName(metadata, (TypeReferenceHandle)handle),
                HandleKind.MethodSpecification => "spec:" + NameOf(MetadataTokens.GetToken(metadata.GetMethodSpecification((MethodSpecificationHandle)handle).Method), metadata),
                _ => handle.Kind.ToString(),
            };
        }
        catch (Exception error) when (error is ArgumentException or BadImageFormatException or InvalidCastException)
        {
            return "?";
        }
    }

    private static string MethodName(MetadataReader metadata, MethodDefinitionHandle handle)
    {
        var method = metadata.GetMethodDefinition(handle);
        return TypeName(metadata, method.GetDeclaringType()) + "::" + metadata.GetString(method.Name);
    }

    private static string MemberName(MetadataReader metadata, MemberReferenceHandle handle)
    {
        var member = metadata.GetMemberReference(handle);
        var parent = member.Parent.Kind switch
        {
            HandleKind.TypeReference => TypeName(metadata, (TypeReferenceHandle)member.Parent),
            HandleKind.TypeDefinition => TypeName(metadata, (TypeDefinitionHandle)member.Parent),
            _ => member.Parent.Kind.ToString(),
        };
        return parent + "::" + metadata.GetString(member.Name);
    }

    private static string TypeName(MetadataReader metadata, TypeDefinitionHandle handle)
    {
        var type = metadata.GetTypeDefinition(handle);
        return metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
    }

    private static string TypeName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        return metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name);
    }
}
