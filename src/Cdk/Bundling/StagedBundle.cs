using Amazon.CDK;
using Amazon.JSII.Runtime.Deputy;

namespace EcrPublicLambda.Cdk.Bundling;

/// <summary>
/// CDK's local bundling step: copies the asset this machine already published and staged (<paramref name="staged"/>)
/// into CDK's output folder. With nothing staged (the machine cannot publish for the target) it declines, and CDK
/// builds in the container of <see cref="FunctionBundling"/>.
/// </summary>
internal sealed class StagedBundle(string? staged) : DeputyBase, ILocalBundling
{
    public bool TryBundle(string outputDir, IBundlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(outputDir);
        if (staged is null)
        {
            return false;
        }

        foreach (var file in Directory.GetFiles(staged))
        {
            var target = Path.Combine(outputDir, Path.GetFileName(file));
            File.Copy(file, target, overwrite: true);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }

        return true;
    }
}
