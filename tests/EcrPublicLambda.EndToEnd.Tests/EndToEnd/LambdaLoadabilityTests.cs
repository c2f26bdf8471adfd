namespace EcrPublicLambda.Tests.EndToEnd;

public sealed class LambdaLoadabilityTests
{
    [Fact]
    public void Glibc_up_to_2_34_and_the_base_libraries_load()
    {
        var image = new ElfImage(ElfImage.X86_64, ["libm.so.6", "libc.so.6", "ld-linux-x86-64.so.2"],
            [("libc.so.6", "GLIBC_2.2.5"), ("libc.so.6", "GLIBC_2.34"), ("libm.so.6", "GLIBC_2.29")]);

        Assert.Empty(LambdaLoadability.Problems(image));
        Assert.Equal(new Version(2, 34), LambdaLoadability.HighestGlibc(image));
    }

    [Fact]
    public void A_newer_glibc_icu_or_another_library_is_named()
    {
        var image = new ElfImage(ElfImage.Aarch64, ["libc.so.6", "libicuuc.so.72", "libssl.so.3"],
            [("libc.so.6", "GLIBC_2.38"), ("libc.so.6", "GLIBC_2.17")]);

        Assert.Equal(
            [
                "needs libicuuc.so.72: ICU is not on provided.al2023 (publish with InvariantGlobalization)",
                "needs libssl.so.3, which the Amazon Linux 2023 minimal image does not have",
                "needs GLIBC_2.38 of libc.so.6; Amazon Linux 2023 has glibc 2.34",
            ],
            LambdaLoadability.Problems(image));
    }
}
