namespace Lib;

public static class Checksum
{
    /// <summary>How many passes over the data; the tests edit this line to slow the library down.</summary>
    public const int Passes = 1;

    public static long Compute(int[] data)
    {
#if LIB_SLOW
        const int passes = Passes * 4;
#else
        const int passes = Passes;
#endif
        long sum = 0;
        for (var pass = 0; pass < passes; pass++)
        {
            for (var i = 0; i < data.Length; i++)
            {
                sum = (sum * 31) + data[i];
            }
        }

        return sum;
    }
}
