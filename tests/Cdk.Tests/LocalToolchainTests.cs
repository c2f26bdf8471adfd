using System.Runtime.InteropServices;
using EcrPublicLambda.Cdk.Bundling;

namespace EcrPublicLambda.Cdk.Tests;

public sealed class LocalToolchainTests
{
    private static readonly string[] CrossArm64 = ["clang", "ld.lld", "aarch64-linux-gnu-objcopy", "aarch64-linux-gnu-gcc"];

    private static LocalToolchain Linux(Architecture machine, params string[] tools) => new(true, machine, tools.Contains);

    [Theory]
    [InlineData("x86_64")]
    [InlineData("arm64")]
    public void Another_os_always_builds_in_a_container(string target)
    {
        var macOs = new LocalToolchain(false, Architecture.Arm64, _ => true);

        Assert.Equal("Native AOT builds a Linux binary only on Linux", macOs.CannotPublish(FunctionArchitectures.Parse(target)!.Value));
    }

    [Fact]
    public void Same_cpu_needs_clang_or_gcc_only_and_no_cross_arguments()
    {
        Assert.Null(Linux(Architecture.X64, "clang").CannotPublish(FunctionArchitecture.X86_64));
        Assert.Null(Linux(Architecture.X64, "gcc").CannotPublish(FunctionArchitecture.X86_64));
        Assert.Null(Linux(Architecture.Arm64, "clang").CannotPublish(FunctionArchitecture.Arm64));
        Assert.Empty(Linux(Architecture.X64, "clang").CrossArguments(FunctionArchitecture.X86_64));
        Assert.Equal(
            "the Native AOT toolchain for linux-x64 is missing here (clang not on PATH)",
            Linux(Architecture.X64).CannotPublish(FunctionArchitecture.X86_64));
    }

    [Fact]
    public void Arm64_on_x64_needs_lld_and_the_aarch64_binutils_and_links_with_them()
    {
        var partial = Linux(Architecture.X64, "clang", "ld.lld");
        var complete = Linux(Architecture.X64, CrossArm64);

        Assert.Equal(
            "the Native AOT toolchain for linux-arm64 is missing here (aarch64-linux-gnu-objcopy, aarch64-linux-gnu-gcc not on PATH)",
            partial.CannotPublish(FunctionArchitecture.Arm64));
        Assert.Null(complete.CannotPublish(FunctionArchitecture.Arm64));
        Assert.Equal(["-p:LinkerFlavor=lld", "-p:ObjCopyName=aarch64-linux-gnu-objcopy"], complete.CrossArguments(FunctionArchitecture.Arm64));
    }

    [Fact]
    public void X64_on_an_arm64_machine_is_a_cross_build_too()
    {
        var toolchain = Linux(Architecture.Arm64, "clang", "ld.lld", "x86_64-linux-gnu-objcopy", "x86_64-linux-gnu-gcc");

        Assert.Null(toolchain.CannotPublish(FunctionArchitecture.X86_64));
        Assert.Equal(["-p:LinkerFlavor=lld", "-p:ObjCopyName=x86_64-linux-gnu-objcopy"], toolchain.CrossArguments(FunctionArchitecture.X86_64));
        Assert.NotNull(Linux(Architecture.Arm64, "clang", "gcc").CannotPublish(FunctionArchitecture.X86_64));
    }
}
