namespace Bot.Evidence.Chain;

/// <summary>Reads one record's column values, by ordinal in <see cref="ChainedTable.Columns"/>.</summary>
internal interface IChainValueReader
{
    bool IsNull(int ordinal);

    long GetInt64(int ordinal);

    /// <summary>UTF-8 text; valid only until the next call.</summary>
    ReadOnlySpan<byte> GetUtf8(int ordinal);
}

/// <summary>The one path from a record to its hash input, shared by appending and verifying.</summary>
internal static class ChainRecordEncoder
{
    /// <summary>Leaves <c>prev_hash || canonical JSON</c> in <paramref name="writer"/>.</summary>
    public static void Encode<TReader>(CanonicalJsonWriter writer, ChainedTable table, long seq, ReadOnlySpan<byte> prevHash, ref TReader values)
        where TReader : IChainValueReader
    {
        writer.Reset(prevHash);
        writer.WriteStartObject();
        foreach (var member in table.Members)
        {
            if (member.Ordinal < 0)
            {
                writer.WriteInteger(member.Key, seq);
            }
            else if (values.IsNull(member.Ordinal))
            {
                writer.WriteNull(member.Key);
            }
            else
            {
                WriteValue(writer, member, ref values);
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteValue<TReader>(CanonicalJsonWriter writer, ChainedTable.Member member, ref TReader values)
        where TReader : IChainValueReader
    {
        switch (member.Kind)
        {
            case ChainValueKind.Text:
                writer.WriteString(member.Key, values.GetUtf8(member.Ordinal));
                break;
            case ChainValueKind.Boolean:
                var flag = values.GetInt64(member.Ordinal);
                // A stored value other than 0/1 was never written by the appender: keep it visible so the hash breaks.
                if (flag is 0 or 1)
                {
                    writer.WriteBoolean(member.Key, flag == 1);
                }
                else
                {
                    writer.WriteInteger(member.Key, flag);
                }
                break;
            default:
                writer.WriteInteger(member.Key, values.GetInt64(member.Ordinal));
                break;
        }
    }
}
